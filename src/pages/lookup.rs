//! "Tra cứu hồ sơ": anyone with a dossier code sees its status and dates,
//! as on the national portal. No answers, names or reasons are shown.

use crate::components::dossier::failure_message;
use crate::components::dossier::{status_chip, Timeline};
use crate::components::error_summary::SummaryItem;
use crate::components::labelled::{labelled, Question};
use crate::components::parts::parts_list;
use crate::components::ErrorSummary;
use crate::hooks::use_attempts;
use crate::hooks::use_page_title;
use crate::hooks::use_portal::{client, use_portal};
use crate::services::dom;
use crate::services::portal::{GroupView, Portal, PortalFailure};
use crate::state::use_lang;
use std::rc::Rc;
use tokhai_core::dossier::is_dossier_code;
use tokhai_core::messages::linked::{group_title, l, L};
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::portal::{vn_time, Dossier};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What a lookup found.
#[derive(Clone, PartialEq)]
enum Found {
    Nothing,
    Dossier(Rc<Dossier>),
    /// A linked application: its parts' statuses and dates.
    Group(Rc<GroupView>),
    Unknown(String),
    /// The portal could not be asked (offline, a server that failed).
    Failed(&'static str),
}

/// `/tra-cuu`.
#[function_component(Lookup)]
pub fn lookup() -> Html {
    let lang = use_lang();
    let code = use_state(String::new);
    let attempt = use_attempts();
    let found = use_state(|| Found::Nothing);
    let portal = use_portal();
    use_page_title(t(T::LookupTitle, lang).to_string());
    // Codes are read as typed, forgiving spaces and lower case.
    let normalized = code.trim().replace(' ', "").to_uppercase();
    let problem = if normalized.is_empty() {
        Some(t(T::CodeMissing, lang).to_string())
    } else if !is_dossier_code(&normalized) {
        Some(t(T::CodeShape, lang).to_string())
    } else {
        None
    };
    let shown = (attempt.tried()).then(|| problem.clone()).flatten();
    let items: Vec<SummaryItem> =
        shown.iter().map(|m| SummaryItem { target: "code".into(), message: m.clone() }).collect();
    let oninput = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                code.set(el.value());
            }
        })
    };
    let onsubmit = {
        let (attempt, found, ok) = (attempt.clone(), found.clone(), problem.is_none());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !ok {
                found.set(Found::Nothing);
                attempt.bump();
                return;
            }
            let (found, code, portal) = (found.clone(), normalized.clone(), client(&portal));
            wasm_bindgen_futures::spawn_local(async move {
                found.set(match (portal.group(&code).await, portal.status(&code).await) {
                    (Ok(g), _) => Found::Group(Rc::new(g)),
                    (_, Ok(d)) => Found::Dossier(Rc::new(d)),
                    (_, Err(PortalFailure::Refused(_))) => Found::Unknown(code),
                    (_, Err(e)) => Found::Failed(failure_message(&e, lang)),
                });
                dom::focus_id("lookup-result");
            });
        })
    };
    let result = match &*found {
        Found::Nothing => html! {},
        Found::Unknown(c) => html! {
            <div class="tk-inline-alert" id="lookup-result" tabindex="-1" role="alert">
                <p>{ t(T::LookupNotFound, lang).replace("{code}", c) }</p>
            </div>
        },
        Found::Failed(m) => html! {
            <div class="tk-inline-alert" id="lookup-result" tabindex="-1" role="alert"><p>{ *m }</p></div>
        },
        Found::Group(g) => html! {
            <section id="lookup-result" tabindex="-1" aria-labelledby="result-heading">
                <h2 class="tk-h2" id="result-heading">{ group_title(g.group.group, lang) }</h2>
                <dl class="tk-summary">
                    <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::DossierCode, lang) }</dt><dd class="tk-summary__value tk-code">{ &g.group.code }</dd></div>
                    <div class="tk-summary__row"><dt class="tk-summary__key">{ l(L::ProcedureCode, lang) }</dt><dd class="tk-summary__value">{ g.group.group.procedure() }</dd></div>
                    <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::ReceivedAt, lang) }</dt><dd class="tk-summary__value">{ vn_time(g.group.received) }</dd></div>
                    if let Some(c) = g.group.ceiling {
                        <div class="tk-summary__row"><dt class="tk-summary__key">{ l(L::GroupCeiling, lang) }</dt><dd class="tk-summary__value">{ c.to_string() }</dd></div>
                    }
                </dl>
                <p class="tk-body" id="lookup-parts">{ l(L::LookupParts, lang) }</p>
                { parts_list(g, lang, false, 3) }
            </section>
        },
        Found::Dossier(d) => html! {
            <section id="lookup-result" tabindex="-1" aria-labelledby="result-heading">
                <h2 class="tk-h2" id="result-heading">{ d.service.get(lang) }</h2>
                <p class="tk-body">{ t(T::StatusNow, lang) }{ " " }{ status_chip(d.status, lang) }</p>
                <dl class="tk-summary">
                    <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::DossierCode, lang) }</dt><dd class="tk-summary__value tk-code">{ &d.code }</dd></div>
                    <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::ReceivingAgency, lang) }</dt><dd class="tk-summary__value">{ d.agency.get(lang) }</dd></div>
                    <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::ReceivedAt, lang) }</dt><dd class="tk-summary__value">{ vn_time(d.received) }</dd></div>
                    <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::AppointmentDate, lang) }</dt><dd class="tk-summary__value">{ d.appointment.to_string() }</dd></div>
                </dl>
                <h3 class="tk-h3">{ t(T::TimelineTitle, lang) }</h3>
                <Timeline dossier={d.clone()} {lang} messages={false} />
            </section>
        },
    };
    let question = Question {
        id: "code",
        label: html! { t(T::DossierCode, lang) },
        hint: Some(html! { t(T::CodeHint, lang) }),
        error: shown.as_ref(),
        class: classes!(),
        lang,
    };
    html! {
        <>
            <ErrorSummary {items} attempt={attempt.count()} {lang} />
            <form class="tk-form" novalidate=true {onsubmit}>
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::LookupTitle, lang) }</h1>
                { labelled(question, |w| html! {
                    <input id={w.id} class="tk-input tk-code" type="text" autocomplete="off" spellcheck="false" autocapitalize="characters"
                        value={(*code).clone()} {oninput} aria-invalid={w.invalid} aria-describedby={w.described_by} />
                }) }
                <button type="submit" class="tk-button">{ t(T::LookupButton, lang) }</button>
            </form>
            { result }
        </>
    }
}
