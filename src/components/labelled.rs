//! The page kit's labelled input for questions that are not form fields (a
//! dossier code, a reason, a team name, a phone for messages): label, hint
//! and error in the GOV.UK order, with the input wired to them for screen
//! readers (`aria-describedby`, `aria-invalid`). Form fields use `FieldView`.

use super::field::error_html;
use tokhai_core::Lang;
use yew::prelude::*;

/// What a labelled question says around its input.
pub struct Question<'a> {
    /// The input's id; the hint and error are `{id}-hint` and `{id}-error`.
    pub id: &'a str,
    /// The label (may hold an "optional" word).
    pub label: Html,
    /// A hint under the label.
    pub hint: Option<Html>,
    /// The error, when the last try had one.
    pub error: Option<&'a String>,
    /// More classes for the block (e.g. `tk-conditional`).
    pub class: Classes,
    /// Interface language (for the error's "Lỗi:" prefix).
    pub lang: Lang,
}

impl<'a> Question<'a> {
    /// A question with a label only.
    pub fn new(id: &'a str, label: Html, lang: Lang) -> Self {
        Question { id, label, hint: None, error: None, class: classes!(), lang }
    }

    /// With a hint under the label.
    pub fn hint(self, hint: Html) -> Self {
        Question { hint: Some(hint), ..self }
    }

    /// With the error of the last try, if any.
    pub fn error(self, error: Option<&'a String>) -> Self {
        Question { error, ..self }
    }
}

/// The attributes that tie an input to its label, hint and error.
pub struct Wiring {
    /// `id` of the input.
    pub id: AttrValue,
    /// `aria-describedby`: the hint and the error that are shown.
    pub described_by: Option<AttrValue>,
    /// `aria-invalid`: `"true"` while the error shows.
    pub invalid: Option<AttrValue>,
}

/// The question's block, with `input` given its wiring.
pub fn labelled(q: Question, input: impl FnOnce(Wiring) -> Html) -> Html {
    let hint_id = format!("{}-hint", q.id);
    let error_id = format!("{}-error", q.id);
    let described: Vec<&str> =
        [q.hint.as_ref().map(|_| hint_id.as_str()), q.error.map(|_| error_id.as_str())].into_iter().flatten().collect();
    let wiring = Wiring {
        id: AttrValue::from(q.id.to_string()),
        described_by: (!described.is_empty()).then(|| AttrValue::from(described.join(" "))),
        invalid: q.error.map(|_| AttrValue::Static("true")),
    };
    html! {
        <div class={classes!("tk-field", q.class, q.error.map(|_| "tk-field--error"))}>
            <label class="tk-label" for={q.id.to_string()}>{ q.label }</label>
            if let Some(h) = q.hint { <div class="tk-hint" id={hint_id}>{ h }</div> }
            { error_html(&error_id, q.error, q.lang) }
            { input(wiring) }
        </div>
    }
}
