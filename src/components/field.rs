//! One question: picks the widget for the field's kind and wires label, hint
//! and error for screen readers (`aria-describedby`, `aria-invalid`).

use super::{address::AddressInput, choice::ChoiceInput, file::FileInput, group::GroupInput, text::TextInput};
use std::collections::BTreeMap;
use std::rc::Rc;
use tokhai_core::identity::Person;
use tokhai_core::messages::{ui, Ui};
use tokhai_core::prefill::{CorrectionRequest, Provenance};
use tokhai_core::schema::Field;
use tokhai_core::sources::Source;
use tokhai_core::{Answer, Answers, FieldKind, FieldPath, Lang};
use yew::prelude::*;

/// Error sentences by path (`ho_ten`, `dia_chi_moi.ward`, `thanh_vien.0.ho_ten`).
pub type ErrorMap = BTreeMap<FieldPath, String>;

/// Props shared by every field widget.
#[derive(Properties, PartialEq, Clone)]
pub struct FieldProps {
    /// The question.
    pub field: Rc<Field>,
    /// Where it sits: the field id, or `group.row.column`.
    pub path: FieldPath,
    /// Whose answers these are: the form id, or for a supplement answer the
    /// dossier code. Attachments are kept under it and the path, so the same
    /// field id in two forms keeps each form's own files.
    #[prop_or_default]
    pub form: AttrValue,
    /// Current answer.
    #[prop_or_default]
    pub value: Option<Answer>,
    /// Errors of the page, by path.
    #[prop_or_default]
    pub errors: Rc<ErrorMap>,
    /// All answers of the form (for `show_if` inside group rows).
    #[prop_or_default]
    pub answers: Rc<Answers>,
    /// Interface language.
    #[prop_or_default]
    pub lang: Lang,
    /// New answer (`None` clears it).
    pub on_change: Callback<Option<Answer>>,
    /// Where the answer came from (registry answers get a badge).
    #[prop_or_default]
    pub source: Option<Provenance>,
    /// Read-only: a locked registry value.
    #[prop_or_default]
    pub locked: bool,
    /// Records a correction request for a locked value.
    #[prop_or_default]
    pub on_correct: Option<Callback<CorrectionRequest>>,
    /// The correction already requested for this field.
    #[prop_or_default]
    pub correction: Option<CorrectionRequest>,
    /// Typed here before a locked registry value came in: offered as a
    /// correction (see `state::FormState::offered`).
    #[prop_or_default]
    pub offered: Option<Answer>,
    /// People a group can be filled from (household prefill).
    #[prop_or_default]
    pub people: Rc<Vec<Person>>,
    /// The national database the answer came from, where not the population database.
    #[prop_or_default]
    pub origin: Option<Source>,
}

/// Ids derived from a path: the input, its hint and its error message.
pub struct Ids {
    /// The input (focus target).
    pub input: String,
    /// The hint paragraph.
    pub hint: String,
    /// The error message.
    pub error: String,
}

impl Ids {
    /// Ids for the input at `path`.
    pub fn of(path: &FieldPath) -> Ids {
        let input = path.input_id();
        Ids { hint: format!("{input}-hint"), error: format!("{input}-error"), input }
    }

    /// `aria-describedby` for an input with these (optional) hint and error.
    pub fn described_by(&self, hint: bool, error: bool) -> Option<AttrValue> {
        let mut v = Vec::new();
        if hint {
            v.push(self.hint.as_str());
        }
        if error {
            v.push(self.error.as_str());
        }
        (!v.is_empty()).then(|| AttrValue::from(v.join(" ")))
    }
}

/// The hint text of a field, with the date format added for date fields.
pub fn hint_text(field: &Field, lang: Lang) -> Option<String> {
    let own = field.hint.as_ref().map(|h| h.get(lang).to_string());
    if field.kind == FieldKind::Date {
        let fmt = ui(Ui::DateHint, lang).to_string();
        return Some(own.map_or(fmt.clone(), |h| format!("{h}. {fmt}")));
    }
    own
}

/// The label (or legend) text with "(không bắt buộc)" for optional questions.
pub fn label_html(field: &Field, lang: Lang) -> Html {
    let optional = !field.required && field.kind != FieldKind::Declaration;
    html! {
        <>
            { field.label.get(lang) }
            if optional { <span class="tk-optional">{ " " }{ ui(Ui::Optional, lang) }</span> }
        </>
    }
}

/// Whether a registry badge is shown for this source.
pub fn badge(source: Option<Provenance>) -> bool {
    matches!(source, Some(Provenance::Registry | Provenance::Edited))
}

/// The provenance badge: "Từ Cơ sở dữ liệu quốc gia về dân cư", or the other
/// database it came from ("Từ Cơ sở dữ liệu đăng ký xe").
pub fn badge_html(source: Option<Provenance>, origin: Option<Source>, lang: Lang) -> Html {
    match (source, origin) {
        (Some(Provenance::Registry), Some(o)) if o != Source::Population => {
            html! { <span class="tk-badge">{ ui(Ui::FromSource, lang).replace("{source}", o.name().get(lang)) }</span> }
        }
        (Some(Provenance::Registry), _) => html! { <span class="tk-badge">{ ui(Ui::FromRegistry, lang) }</span> },
        (Some(Provenance::Edited), _) => {
            html! { <span class="tk-badge tk-badge--edited">{ ui(Ui::EditedAfterPrefill, lang) }</span> }
        }
        _ => html! {},
    }
}

/// Hint paragraph with the provenance badge, if either exists; it is what
/// `aria-describedby` points at (use `has_hint` for that).
pub fn hint_html(ids: &Ids, hint: &Option<String>, props: &FieldProps) -> Html {
    let (source, lang) = (props.source, props.lang);
    if hint.is_none() && !badge(source) {
        return html! {};
    }
    html! {
        <div class="tk-hint" id={ids.hint.clone()}>
            { badge_html(source, props.origin, lang) }
            if badge(source) { <span class="tk-hint__prefill">{ " " }{ ui(Ui::PrefilledEditable, lang) }{ " " }</span> }
            { hint.clone().unwrap_or_default() }
        </div>
    }
}

/// Whether the hint element exists.
pub fn has_hint(hint: &Option<String>, source: Option<Provenance>) -> bool {
    hint.is_some() || badge(source)
}

/// Error message, with a visually hidden "Lỗi:" for screen readers.
pub fn error_html(id: &str, error: Option<&String>, lang: Lang) -> Html {
    match error {
        Some(e) => html! {
            <p class="tk-error" id={id.to_string()}>
                <span class="tk-vh">{ ui(Ui::ErrorPrefix, lang) }{ " " }</span>{ e }
            </p>
        },
        None => html! {},
    }
}

/// Renders the widget for the field's kind.
#[function_component(FieldView)]
pub fn field_view(props: &FieldProps) -> Html {
    let p = props.clone();
    if props.locked {
        return html! { <super::locked::LockedField ..p /> };
    }
    match props.field.kind {
        FieldKind::Text
        | FieldKind::LongText
        | FieldKind::Number
        | FieldKind::Date
        | FieldKind::Phone
        | FieldKind::Email
        | FieldKind::PersonalId => html! { <TextInput ..p /> },
        FieldKind::Select | FieldKind::Radio | FieldKind::Checkbox | FieldKind::YesNo | FieldKind::Declaration => {
            html! { <ChoiceInput ..p /> }
        }
        FieldKind::Address => html! { <AddressInput ..p /> },
        FieldKind::Group => html! { <GroupInput ..p /> },
        FieldKind::File => html! { <FileInput ..p /> },
    }
}
