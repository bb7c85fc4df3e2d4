//! One-line and long text inputs: text, number, date, phone, e-mail, personal ID.
//! The answer is kept as typed while typing and normalised when the input is left.

use super::field::{error_html, has_hint, hint_html, hint_text, label_html, FieldProps, Ids};
use tokhai_core::schema::Rule;
use tokhai_core::validate::normalize;
use tokhai_core::{Answer, FieldKind};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

fn text_answer(s: String) -> Option<Answer> {
    (!s.is_empty()).then_some(Answer::Text(s))
}

/// A text-like input.
#[function_component(TextInput)]
pub fn text_input(props: &FieldProps) -> Html {
    let field = &props.field;
    let kind = field.kind;
    let ids = Ids::of(&props.path);
    let hint = hint_text(field, props.lang);
    let error = props.errors.get(&props.path);
    let described = ids.described_by(has_hint(&hint, props.source), error.is_some());
    // No value at all when empty: taking over a prerendered page then leaves
    // what the citizen typed before the app started (caret, IME composition) alone.
    let value = props.value.as_ref().map(|a| a.text().to_string()).filter(|v| !v.is_empty());
    // Without a value attribute, an answer cleared by the app (a certificate
    // no longer used, a source declined) would stay in the input: once the
    // input had a value from the app, empty it when the answer goes.
    let node = use_node_ref();
    let had_value = use_mut_ref(|| false);
    {
        let (node, had_value) = (node.clone(), had_value.clone());
        use_effect_with(value.is_some(), move |has| {
            if !*has && *had_value.borrow() {
                if let Some(el) = node.cast::<HtmlInputElement>() {
                    el.set_value("");
                } else if let Some(el) = node.cast::<HtmlTextAreaElement>() {
                    el.set_value("");
                }
            }
            *had_value.borrow_mut() = *has;
        });
    }
    let class = classes!("tk-field", error.map(|_| "tk-field--error"));
    let input_class = classes!("tk-input", error.map(|_| "tk-input--error"), width_class(kind));

    let on_input = {
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                cb.emit(text_answer(el.value()));
            } else if let Some(el) = e.target_dyn_into::<HtmlTextAreaElement>() {
                cb.emit(text_answer(el.value()));
            }
        })
    };
    let on_blur = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                let tidy = normalize(kind, &el.value());
                if tidy != el.value() {
                    cb.emit(text_answer(tidy));
                }
            }
        })
    };
    let (input_type, inputmode) = match kind {
        FieldKind::Phone => ("tel", Some("tel")),
        FieldKind::Email => ("email", Some("email")),
        FieldKind::Number | FieldKind::PersonalId | FieldKind::Date => ("text", Some("numeric")),
        _ => ("text", None),
    };
    let no_spell = matches!(kind, FieldKind::Email | FieldKind::PersonalId | FieldKind::Phone | FieldKind::Date);
    let autocomplete = field.autocomplete.clone().or_else(|| (kind == FieldKind::PersonalId).then(|| "off".into()));
    // Before the app starts (a prerendered page) and for assistive technology.
    let maxlength = field.rules.iter().find_map(|r| match r {
        Rule::MaxLength { value } => Some(value.to_string()),
        _ => None,
    });
    let required = field.required;
    let input = if kind == FieldKind::LongText {
        html! {
            <textarea id={ids.input.clone()} name={ids.input.clone()} class={input_class} rows="5" {required} {maxlength}
                aria-describedby={described} aria-invalid={error.map(|_| "true")}
                value={value} oninput={on_input} ref={node.clone()} />
        }
    } else {
        html! {
            <input id={ids.input.clone()} name={ids.input.clone()} class={input_class} type={input_type}
                inputmode={inputmode} autocomplete={autocomplete} {required} {maxlength}
                spellcheck={no_spell.then_some("false")}
                autocapitalize={(kind == FieldKind::Email).then_some("none")}
                aria-describedby={described} aria-invalid={error.map(|_| "true")}
                value={value} oninput={on_input} onchange={on_blur} ref={node} />
        }
    };
    html! {
        <div class={class}>
            <label class="tk-label" for={ids.input.clone()}>{ label_html(field, props.lang) }</label>
            { hint_html(&ids, &hint, props) }
            { error_html(&ids.error, error, props.lang) }
            { input }
        </div>
    }
}

fn width_class(kind: FieldKind) -> Option<&'static str> {
    match kind {
        FieldKind::Date | FieldKind::Number => Some("tk-input--w10"),
        FieldKind::Phone | FieldKind::PersonalId => Some("tk-input--w20"),
        _ => None,
    }
}
