//! Withdraw a dossier before a final status: a reason, then a confirmation
//! that says it cannot be undone.

use crate::components::dossier::{back_to_dossier, DossierGate};
use crate::components::error_summary::SummaryItem;
use crate::components::labelled::{labelled, Question};
use crate::components::ErrorSummary;
use crate::hooks::use_attempts;
use crate::hooks::use_portal::{client, use_portal};
use crate::pages::receipt::CodeProps;
use crate::routes::Route;
use crate::services::dom;
use crate::services::portal::Portal;
use crate::state::use_lang;
use std::rc::Rc;
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::portal::Dossier;
use tokhai_core::Lang;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// Longest reason accepted.
const MAX_REASON: usize = 500;

/// `/ho-so/{code}/rut-ho-so`.
#[function_component(Withdraw)]
pub fn withdraw(props: &CodeProps) -> Html {
    let lang = use_lang();
    let render =
        Callback::from(move |(d, owner): (Rc<Dossier>, String)| html! { <WithdrawView dossier={d} {owner} {lang} /> });
    html! { <DossierGate code={props.code.clone()} {lang} title={t(T::WithdrawHeading, lang)} {render} /> }
}

/// Props of [`WithdrawView`].
#[derive(Properties, PartialEq)]
pub struct WithdrawProps {
    /// The dossier.
    pub dossier: Rc<Dossier>,
    /// Its owner (the signed-in citizen).
    pub owner: String,
    /// Interface language.
    pub lang: Lang,
}

/// Reason, then confirmation.
#[function_component(WithdrawView)]
pub fn withdraw_view(props: &WithdrawProps) -> Html {
    let lang = props.lang;
    let reason = use_state(String::new);
    let confirming = use_state(|| false);
    let attempt = use_attempts();
    let failed = use_state(|| None::<&'static str>);
    let navigator = use_navigator();
    let portal = use_portal();
    let d = props.dossier.clone();
    if d.status.is_final() {
        return html! { <Redirect<Route> to={Route::Dossier { code: d.code.clone() }} /> };
    }
    let problem = if reason.trim().is_empty() {
        Some(t(T::ReasonMissing, lang).to_string())
    } else if reason.chars().count() > MAX_REASON {
        Some(t(T::ReasonTooLong, lang).replace("{n}", &MAX_REASON.to_string()))
    } else {
        None
    };
    let shown = (attempt.tried()).then(|| problem.clone()).flatten();
    let items: Vec<SummaryItem> =
        shown.iter().map(|m| SummaryItem { target: "reason".into(), message: m.clone() }).collect();
    let oninput = {
        let reason = reason.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlTextAreaElement>() {
                reason.set(el.value());
            }
        })
    };
    let onsubmit = {
        let (confirming, attempt, problem) = (confirming.clone(), attempt.clone(), problem.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if problem.is_some() {
                attempt.bump();
            } else {
                confirming.set(true);
                dom::focus_id("confirm-heading");
            }
        })
    };
    let confirm = {
        let (code, owner, text) = (d.code.clone(), props.owner.clone(), (*reason).trim().to_string());
        let (failed, navigator, portal) = (failed.clone(), navigator.clone(), portal.clone());
        Callback::from(move |_| {
            let (code, owner, text, failed, navigator, portal) =
                (code.clone(), owner.clone(), text.clone(), failed.clone(), navigator.clone(), portal.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = client(&portal).withdraw(&code, &owner, &text).await;
                back_to_dossier(result, lang, code, portal, navigator, |m| failed.set(Some(m)));
            });
        })
    };
    if *confirming {
        return html! {
            <>
                <h1 class="tk-h1" id="confirm-heading" tabindex="-1">{ t(T::WithdrawConfirmTitle, lang) }</h1>
                <p class="tk-body">{ t(T::WithdrawConfirmBody, lang).replace("{code}", &d.code) }</p>
                <p class="tk-body">{ t(T::ReasonLabel, lang) }{ ": " }{ (*reason).trim() }</p>
                if let Some(m) = *failed { <div class="tk-inline-alert" role="alert"><p>{ m }</p></div> }
                <div class="tk-actions">
                    <button type="button" id="confirm-withdraw" class="tk-button tk-button--warning" onclick={confirm}>{ t(T::WithdrawYes, lang) }</button>
                    <button type="button" class="tk-button tk-button--secondary" onclick={let c = confirming.clone(); Callback::from(move |_| c.set(false))}>{ t(T::WithdrawNo, lang) }</button>
                </div>
            </>
        };
    }
    let question = Question {
        id: "reason",
        label: html! { t(T::ReasonLabel, lang) },
        hint: Some(html! { t(T::WithdrawReasonHint, lang) }),
        error: shown.as_ref(),
        class: classes!(),
        lang,
    };
    html! {
        <>
            <Link<Route> to={Route::Dossier { code: d.code.clone() }} classes="tk-back">{ t(T::BackToDossier, lang) }</Link<Route>>
            <ErrorSummary {items} attempt={attempt.count()} {lang} />
            <form class="tk-form" novalidate=true {onsubmit}>
                <span class="tk-caption">{ &d.code }</span>
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::WithdrawHeading, lang) }</h1>
                <p class="tk-body">{ t(T::WithdrawIntro, lang) }</p>
                { labelled(question, |w| html! {
                    <textarea id={w.id} class="tk-input tk-textarea" rows="4" value={(*reason).clone()} {oninput}
                        aria-describedby={w.described_by} aria-invalid={w.invalid} />
                }) }
                <button type="submit" class="tk-button">{ tokhai_core::messages::ui(tokhai_core::messages::Ui::Continue, lang) }</button>
            </form>
        </>
    }
}
