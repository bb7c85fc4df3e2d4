//! A repeatable group (e.g. household members): one fieldset per row with its
//! columns, add and remove buttons, within the definition's min and max rows.

use super::field::{error_html, hint_html, hint_text, label_html, FieldProps, FieldView, Ids};
use crate::services::dom;
use std::rc::Rc;
use tokhai_core::journey::{field_shown, Scope};
use tokhai_core::messages::{ui, Ui};
use tokhai_core::validate::input_id;
use tokhai_core::{Answer, Answers};
use yew::prelude::*;

/// Rows of sub-questions.
#[function_component(GroupInput)]
pub fn group_input(props: &FieldProps) -> Html {
    let field = &props.field;
    let lang = props.lang;
    let path = props.path.to_string();
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
            focus_after.set(Some(input_id(&format!("{path}.{}.{first_col}", next.len() - 1))));
            emit(next);
        })
    };
    let row_html = |(i, row): (usize, &Answers)| {
        let scope = Scope { form: &props.answers, row: Some(row) };
        let n = (i + 1).to_string();
        let cols = field.fields.iter().filter(|c| field_shown(c, &scope)).map(|col| {
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
            html! {
                <FieldView field={Rc::new(col.clone())} path={format!("{path}.{i}.{}", col.id)}
                    value={row.get(&col.id).cloned()} errors={props.errors.clone()}
                    answers={props.answers.clone()} {lang} {on_change} />
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
                { for cols }
                <button type="button" class="tk-button tk-button--secondary tk-button--small" onclick={on_remove}>
                    { ui(Ui::RemoveRow, lang).replace("{n}", &n) }
                </button>
            </fieldset>
        }
    };
    html! {
        <div class={classes!("tk-field", error.map(|_| "tk-field--error"))}>
            <fieldset class="tk-fieldset" aria-describedby={ids.described_by(hint.is_some(), error.is_some())}>
                <legend class="tk-legend">{ label_html(field, lang) }</legend>
                { hint_html(&ids, &hint) }
                { error_html(&ids.error, error, lang) }
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
