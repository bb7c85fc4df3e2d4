//! Choices: drop-down list, radio buttons, check boxes, yes/no and the
//! declaration tick box. Radios and check boxes sit in a fieldset whose legend
//! is the question.

use super::field::{error_html, has_hint, hint_html, hint_text, label_html, FieldProps, Ids};
use tokhai_core::messages::{ui, Ui};
use tokhai_core::schema::Choice;
use tokhai_core::{Answer, FieldKind, Lang, Text};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

fn yes_no() -> Vec<Choice> {
    let t = |key: Ui| Text { vi: ui(key, Lang::Vi).into(), en: ui(key, Lang::En).into() };
    vec![Choice { value: "yes".into(), label: t(Ui::Yes) }, Choice { value: "no".into(), label: t(Ui::No) }]
}

/// The id of option `i` of a radio or checkbox field: the first option takes the
/// field's own id so the error summary can focus it.
pub fn option_id(ids: &Ids, i: usize, value: &str) -> String {
    if i == 0 {
        ids.input.clone()
    } else {
        format!("{}--{value}", ids.input)
    }
}

/// A choice widget.
#[function_component(ChoiceInput)]
pub fn choice_input(props: &FieldProps) -> Html {
    let field = &props.field;
    let lang = props.lang;
    let ids = Ids::of(&props.path);
    let hint = hint_text(field, lang);
    let error = props.errors.get(&props.path);
    let described = ids.described_by(has_hint(&hint, props.source), error.is_some());
    let class = classes!("tk-field", error.map(|_| "tk-field--error"));
    let cb = props.on_change.clone();

    match field.kind {
        FieldKind::Select => {
            let current = props.value.as_ref().map(|a| a.text().to_string()).unwrap_or_default();
            let onchange = Callback::from(move |e: Event| {
                if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                    let v = el.value();
                    cb.emit((!v.is_empty()).then_some(Answer::Text(v)));
                }
            });
            html! {
                <div class={class}>
                    <label class="tk-label" for={ids.input.clone()}>{ label_html(field, lang) }</label>
                    { hint_html(&ids, &hint, props) }
                    { error_html(&ids.error, error, lang) }
                    <select id={ids.input.clone()} name={ids.input.clone()} required={field.required}
                        class={classes!("tk-select", error.map(|_| "tk-input--error"))}
                        aria-describedby={described} aria-invalid={error.map(|_| "true")} {onchange}>
                        <option value="" selected={current.is_empty()}>{ ui(Ui::ChooseOption, lang) }</option>
                        { for field.options.iter().map(|o| html! {
                            <option value={o.value.clone()} selected={o.value == current}>{ o.label.get(lang) }</option>
                        }) }
                    </select>
                </div>
            }
        }
        FieldKind::Declaration => {
            let checked = props.value.as_ref().is_some_and(|a| a.text() == "yes");
            let onchange = Callback::from(move |e: Event| {
                if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                    cb.emit(el.checked().then(|| Answer::Text("yes".into())));
                }
            });
            html! {
                <div class={class}>
                    { hint_html(&ids, &hint, props) }
                    { error_html(&ids.error, error, lang) }
                    <div class="tk-check tk-check--declaration">
                        <input id={ids.input.clone()} name={ids.input.clone()} type="checkbox" class="tk-check__input"
                            {checked} aria-describedby={described} aria-invalid={error.map(|_| "true")} {onchange} />
                        <label class="tk-check__label" for={ids.input.clone()}>{ field.label.get(lang) }</label>
                    </div>
                </div>
            }
        }
        _ => {
            let multi = field.kind == FieldKind::Checkbox;
            let options = if field.kind == FieldKind::YesNo { yes_no() } else { field.options.clone() };
            let selected: Vec<String> = match &props.value {
                Some(Answer::Many(v)) => v.clone(),
                Some(Answer::Text(t)) => vec![t.clone()],
                _ => vec![],
            };
            let items = options.iter().enumerate().map(|(i, o)| {
                let id = option_id(&ids, i, &o.value);
                let value = o.value.clone();
                let selected_now = selected.clone();
                let cb = cb.clone();
                let onchange = Callback::from(move |e: Event| {
                    let on = e.target_dyn_into::<HtmlInputElement>().is_some_and(|el| el.checked());
                    if multi {
                        let mut next: Vec<String> = selected_now.iter().filter(|v| **v != value).cloned().collect();
                        if on {
                            next.push(value.clone());
                        }
                        cb.emit((!next.is_empty()).then_some(Answer::Many(next)));
                    } else if on {
                        cb.emit(Some(Answer::Text(value.clone())));
                    }
                });
                let (kind, cls) = if multi { ("checkbox", "tk-check") } else { ("radio", "tk-radio") };
                html! {
                    <div class={cls}>
                        <input id={id.clone()} name={ids.input.clone()} type={kind} class={format!("{cls}__input")}
                            value={o.value.clone()} checked={selected.contains(&o.value)}
                            aria-describedby={if i == 0 { described.clone() } else { None }} {onchange} />
                        <label class={format!("{cls}__label")} for={id}>{ o.label.get(lang) }</label>
                    </div>
                }
            });
            let inline = field.kind == FieldKind::YesNo;
            html! {
                <div class={class}>
                    <fieldset class="tk-fieldset" aria-describedby={described.clone()}>
                        <legend class="tk-legend">{ label_html(field, lang) }</legend>
                        { hint_html(&ids, &hint, props) }
                        { error_html(&ids.error, error, lang) }
                        <div class={classes!("tk-choices", inline.then_some("tk-choices--inline"))}>{ for items }</div>
                    </fieldset>
                </div>
            }
        }
    }
}
