//! A registry value shown read-only, with its badge and a "Thông tin này chưa
//! đúng?" action that records a correction request instead of letting the
//! page diverge from the registry silently.

use super::field::{badge_html, error_html, FieldProps, Ids};
use tokhai_core::journey::{display_lines, Scope};
use tokhai_core::messages::{ui, Ui};
use tokhai_core::prefill::CorrectionRequest;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// A locked field.
#[function_component(LockedField)]
pub fn locked_field(props: &FieldProps) -> Html {
    let lang = props.lang;
    let field = &props.field;
    let ids = Ids::of(&props.path);
    let scope = Scope { form: &props.answers, row: None };
    let value = display_lines(field, props.value.as_ref(), &scope, lang).join(", ");
    // Typed here before the registry value came in: kept, as a correction to record.
    let offered = props
        .offered
        .as_ref()
        .filter(|_| props.correction.is_none())
        .map(|a| display_lines(field, Some(a), &scope, lang).join(", "));
    let claimed = {
        let offered = offered.clone();
        use_state(move || offered.unwrap_or_default())
    };
    let note = use_state(String::new);
    let empty = use_state(|| false);
    let fix_id = format!("{}-sua", ids.input);
    let note_id = format!("{}-ghichu", ids.input);
    let on_claimed = {
        let claimed = claimed.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                claimed.set(el.value());
            }
        })
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlTextAreaElement>() {
                note.set(el.value());
            }
        })
    };
    let on_send = {
        let (claimed, note, empty) = (claimed.clone(), note.clone(), empty.clone());
        let cb = props.on_correct.clone();
        let field_id = field.id.clone();
        let registry_value = value.clone();
        let origin = props.origin.filter(|o| *o != tokhai_core::sources::Source::Population);
        Callback::from(move |_| {
            let c = claimed.trim().to_string();
            if c.is_empty() {
                empty.set(true);
                return;
            }
            empty.set(false);
            if let Some(cb) = &cb {
                cb.emit(CorrectionRequest {
                    field: field_id.clone(),
                    registry_value: registry_value.clone(),
                    claimed_value: c,
                    note: note.trim().to_string(),
                    source: origin,
                });
            }
        })
    };
    let empty_msg = empty.then(|| ui(Ui::CorrectionEmpty, lang).to_string());
    html! {
        <div class="tk-field tk-locked">
            <p class="tk-label" id={format!("{}-label", ids.input)}>{ field.label.get(lang) }</p>
            <p class="tk-locked__value" id={ids.input.clone()} tabindex="-1"
                aria-labelledby={format!("{0}-label {0}", ids.input)} aria-describedby={ids.hint.clone()}>{ &value }</p>
            <div class="tk-hint" id={ids.hint.clone()}>{ badge_html(props.source, props.origin, lang) }</div>
            if let Some(c) = &props.correction {
                <p class="tk-notice" role="status">{ ui(Ui::CorrectionSaved, lang).replace("{value}", &c.claimed_value) }</p>
            }
            if let Some(o) = &offered {
                <p class="tk-notice" id={format!("{}-offered", ids.input)}>{ ui(Ui::TypedBeforeReady, lang).replace("{value}", o) }</p>
            }
            if props.on_correct.is_some() {
                <details class="tk-details" open={offered.is_some()}>
                    <summary class="tk-details__summary">{ ui(Ui::NotRight, lang) }</summary>
                    <div class="tk-details__text">
                        <p class="tk-body">{ correction_where(props.origin, lang) }</p>
                        <div class={classes!("tk-field", empty_msg.as_ref().map(|_| "tk-field--error"))}>
                            <label class="tk-label" for={fix_id.clone()}>{ ui(Ui::CorrectionLabel, lang) }</label>
                            { error_html(&format!("{fix_id}-error"), empty_msg.as_ref(), lang) }
                            <input id={fix_id.clone()} class="tk-input" type="text" value={(*claimed).clone()} oninput={on_claimed}
                                aria-describedby={empty_msg.as_ref().map(|_| format!("{fix_id}-error"))} />
                        </div>
                        <div class="tk-field">
                            <label class="tk-label" for={note_id.clone()}>{ ui(Ui::CorrectionNote, lang) }
                                <span class="tk-optional">{ " " }{ ui(Ui::Optional, lang) }</span></label>
                            <textarea id={note_id} class="tk-input" rows="3" value={(*note).clone()} oninput={on_note} />
                        </div>
                        <button type="button" class="tk-button tk-button--secondary" onclick={on_send}>{ ui(Ui::CorrectionSend, lang) }</button>
                    </div>
                </details>
            }
        </div>
    }
}

/// Who corrects a locked value: the residence registration office for the
/// population database, else the agency that keeps the other database.
fn correction_where(origin: Option<tokhai_core::sources::Source>, lang: tokhai_core::Lang) -> String {
    match origin.filter(|o| *o != tokhai_core::sources::Source::Population) {
        Some(o) => ui(Ui::CorrectionWhereSource, lang).replace("{agency}", o.agency().get(lang)),
        None => ui(Ui::CorrectionWhere, lang).to_string(),
    }
}
