//! A repeatable group (e.g. household members): one fieldset per row with its
//! columns, add and remove buttons, within the definition's min and max rows.

use super::field::{error_html, has_hint, hint_html, hint_text, label_html, FieldProps, FieldView, Ids};
use crate::services::dom;
use std::rc::Rc;
use tokhai_core::journey::{display_lines, field_shown, Scope};
use tokhai_core::messages::{ui, Ui};
use tokhai_core::prefill::{row_from_person, row_is_registry, Provenance, ROW_SOURCE_KEY};
use tokhai_core::schema::LockPolicy;
use tokhai_core::{Answer, Answers};
use yew::prelude::*;

/// Rows of sub-questions.
#[function_component(GroupInput)]
pub fn group_input(props: &FieldProps) -> Html {
    let field = &props.field;
    let lang = props.lang;
    let path = props.path.clone();
    let ids = Ids::of(&path);
    let hint = hint_text(field, lang);
    let error = props.errors.get(&path);
    let rows: Vec<Answers> = match &props.value {
        Some(Answer::Rows(r)) => r.clone(),
        _ => vec![],
    };
    let max = field.max_rows.unwrap_or(u32::MAX) as usize;
    let focus_after = use_state(|| None::<String>);
    {
        let target = (*focus_after).clone();
        use_effect_with(target, |t| {
            if let Some(id) = t {
                dom::focus_field(id);
            }
        });
    }
    let emit = {
        let cb = props.on_change.clone();
        move |r: Vec<Answers>| cb.emit((!r.is_empty()).then_some(Answer::Rows(r)))
    };
    let on_add = {
        let rows = rows.clone();
        let emit = emit.clone();
        let focus_after = focus_after.clone();
        let first_col = field.fields.first().map(|c| c.id.clone()).unwrap_or_default();
        let path = path.clone();
        Callback::from(move |_| {
            let mut next = rows.clone();
            next.push(Answers::new());
            focus_after.set(Some(path.cell(next.len() - 1, &first_col).input_id()));
            emit(next);
        })
    };
    let row_html = |(i, row): (usize, &Answers)| {
        let scope = Scope { form: &props.answers, row: Some(row) };
        let n = (i + 1).to_string();
        let from_registry = row_is_registry(row);
        let cols = field.fields.iter().filter(|c| field_shown(c, &scope)).map(|col| {
            let path = path.cell(i, &col.id);
            let locked = from_registry && col.prefill.as_ref().is_some_and(|p| p.lock == LockPolicy::Locked);
            if locked && row.contains_key(&col.id) {
                // A registry value in a registry row: shown, not typed again.
                let id = path.input_id();
                return html! {
                    <div class="tk-field tk-locked">
                        <p class="tk-label" id={format!("{id}-label")}>{ col.label.get(lang) }</p>
                        <p class="tk-locked__value" id={id.clone()} tabindex="-1" aria-labelledby={format!("{id}-label {id}")}>
                            { display_lines(col, row.get(&col.id), &scope, lang).join(", ") }
                        </p>
                    </div>
                };
            }
            let rows = rows.clone();
            let emit = emit.clone();
            let col_id = col.id.clone();
            let on_change = Callback::from(move |a: Option<Answer>| {
                let mut next = rows.clone();
                if let Some(r) = next.get_mut(i) {
                    match a {
                        Some(a) => r.insert(col_id.clone(), a),
                        None => r.remove(&col_id),
                    };
                }
                emit(next);
            });
            let source = (from_registry && col.prefill.is_some() && row.contains_key(&col.id)).then_some(Provenance::Registry);
            html! {
                <FieldView field={Rc::new(col.clone())} path={path} form={props.form.clone()}
                    value={row.get(&col.id).cloned()} errors={props.errors.clone()}
                    answers={props.answers.clone()} {lang} {on_change} {source} />
            }
        });
        let on_remove = {
            let rows = rows.clone();
            let emit = emit.clone();
            let focus_after = focus_after.clone();
            let add_id = ids.input.clone();
            Callback::from(move |_| {
                let mut next = rows.clone();
                if i < next.len() {
                    next.remove(i);
                }
                focus_after.set(Some(add_id.clone()));
                emit(next);
            })
        };
        html! {
            <fieldset class="tk-row" key={i}>
                <legend class="tk-row__legend">{ ui(Ui::RowHeading, lang).replace("{n}", &n) }</legend>
                if from_registry { { super::field::badge_html(Some(Provenance::Registry), None, lang) } }
                { for cols }
                <button type="button" class="tk-button tk-button--secondary tk-button--small" onclick={on_remove}>
                    { ui(Ui::RemoveRow, lang).replace("{n}", &n) }
                </button>
            </fieldset>
        }
    };
    let picker = household_picker(props, &rows, emit.clone());
    html! {
        <div class={classes!("tk-field", error.map(|_| "tk-field--error"))}>
            <fieldset class="tk-fieldset" aria-describedby={ids.described_by(has_hint(&hint, props.source), error.is_some())}>
                <legend class="tk-legend">{ label_html(field, lang) }</legend>
                { hint_html(&ids, &hint, props) }
                { error_html(&ids.error, error, lang) }
                { picker }
                if rows.is_empty() { <p class="tk-body">{ ui(Ui::NoRowsYet, lang) }</p> }
                { for rows.iter().enumerate().map(row_html) }
                if rows.len() < max {
                    <button id={ids.input.clone()} type="button" class="tk-button tk-button--secondary" onclick={on_add}
                        aria-describedby={error.map(|_| AttrValue::from(ids.error.clone()))}>
                        { ui(Ui::AddRow, lang) }
                    </button>
                }
            </fieldset>
        </div>
    }
}

/// Check boxes for the people the registry links to the citizen (household
/// members, children) who are not in the list yet, and a button to add them.
fn household_picker(props: &FieldProps, rows: &[Answers], emit: impl Fn(Vec<Answers>) + 'static) -> Html {
    let lang = props.lang;
    let field = props.field.clone();
    let added: Vec<String> = rows.iter().filter_map(|r| r.get(ROW_SOURCE_KEY).map(|a| a.text().to_string())).collect();
    let available: Vec<tokhai_core::identity::Person> = props
        .people
        .iter()
        .filter(|p| !added.contains(p.personal_id.as_ref().unwrap_or(&p.full_name)))
        .cloned()
        .collect();
    let max = field.max_rows.unwrap_or(u32::MAX) as usize;
    if available.is_empty() || rows.len() >= max {
        return html! {};
    }
    let base = props.path.part("chon").input_id();
    let rows = rows.to_vec();
    let onclick = {
        let available = available.clone();
        let base = base.clone();
        Callback::from(move |_| {
            let doc = gloo::utils::document();
            let mut next = rows.clone();
            for (i, person) in available.iter().enumerate() {
                let ticked = doc
                    .get_element_by_id(&format!("{base}-{i}"))
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
                    .is_some_and(|e| e.checked());
                if ticked && next.len() < max {
                    next.push(row_from_person(&field, person));
                }
            }
            emit(next);
        })
    };
    let items = available.iter().enumerate().map(|(i, p)| {
        let id = format!("{base}-{i}");
        let details: Vec<&str> = [p.birth_date.as_deref(), p.personal_id.as_deref()].into_iter().flatten().collect();
        html! {
            <div class="tk-check">
                <input id={id.clone()} type="checkbox" class="tk-check__input" />
                <label class="tk-check__label" for={id}>{ &p.full_name }
                    if !details.is_empty() { <span class="tk-hint">{ format!(" ({})", details.join(", ")) }</span> }
                </label>
            </div>
        }
    });
    html! {
        <fieldset class="tk-picker" aria-describedby={format!("{base}-hint")}>
            <legend class="tk-row__legend">{ ui(Ui::PickPeopleTitle, lang) }</legend>
            <div class="tk-hint" id={format!("{base}-hint")}>{ badge_html_registry(lang) }{ " " }{ ui(Ui::PickPeopleHint, lang) }</div>
            <div class="tk-choices">{ for items }</div>
            <button type="button" class="tk-button tk-button--secondary" {onclick}>{ ui(Ui::PickPeopleAdd, lang) }</button>
        </fieldset>
    }
}

fn badge_html_registry(lang: tokhai_core::Lang) -> Html {
    super::field::badge_html(Some(Provenance::Registry), None, lang)
}
