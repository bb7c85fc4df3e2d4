//! How the citizen is told of status changes. The portal inbox always; SMS
//! and e-mail as chosen here, defaulting from the identity's phone and
//! e-mail. A phone receives SMS only once confirmed with a code sent to it
//! (simulated: the code is shown in a box marked as the phone's screen).
//! Browser notifications after the browser's own permission.

use crate::components::dossier::failure_message;
use crate::components::dossier::{loading, sign_in_prompt};
use crate::components::error_summary::SummaryItem;
use crate::components::field::error_html;
use crate::components::labelled::{labelled, Question};
use crate::components::ErrorSummary;
use crate::hooks::use_attempts;
use crate::hooks::use_page_title;
use crate::hooks::use_portal::{client, use_portal};
use crate::routes::Route;
use crate::services::portal::Portal;
use crate::services::{dom, notification};
use crate::state::{use_claims, use_lang};
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::portal::Prefs;
use tokhai_core::rules::{is_valid_email, normalize_phone};
use tokhai_core::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// `/thong-bao/cai-dat`.
#[function_component(NotifyPrefs)]
pub fn notify_prefs() -> Html {
    let lang = use_lang();
    let claims = use_claims();
    let portal = use_portal();
    use_page_title(t(T::PrefsTitle, lang).to_string());
    let (Some(claims), Some(portal)) = (claims, portal) else {
        return sign_in_prompt(t(T::PrefsTitle, lang), lang);
    };
    if !portal.ready {
        return loading(t(T::PrefsTitle, lang), lang);
    }
    let contact = &claims.citizen.contact;
    let saved = portal.view.prefs_or(&claims.sub, contact.phone.as_deref(), contact.email.as_deref());
    html! { <PrefsForm owner={claims.sub.clone()} {saved} {lang} /> }
}

/// Props of [`PrefsForm`].
#[derive(Properties, PartialEq)]
pub struct PrefsFormProps {
    /// The citizen.
    pub owner: String,
    /// Preferences as stored (or defaulted).
    pub saved: Prefs,
    /// Interface language.
    pub lang: Lang,
}

/// The form.
#[function_component(PrefsForm)]
pub fn prefs_form(props: &PrefsFormProps) -> Html {
    let lang = props.lang;
    let assisted = use_context::<crate::hooks::use_assist::AssistCtx>().is_some_and(|a| a.session.is_some());
    let prefs = use_state(|| props.saved.clone());
    let attempt = use_attempts();
    let otp = use_state(|| None::<String>);
    let otp_typed = use_state(String::new);
    let otp_wrong = use_state(|| false);
    let saved_note = use_state(|| None::<&'static str>);
    let portal = use_portal();
    let p = (*prefs).clone();
    let phone_ok = normalize_phone(&p.phone);
    let mut problems: Vec<(&str, String)> = vec![];
    if p.sms && phone_ok.is_none() {
        problems.push(("phone", t(T::PhoneInvalid, lang).into()));
    }
    if p.email_on && !is_valid_email(&p.email) {
        problems.push(("email", t(T::EmailInvalid, lang).into()));
    }
    let shown =
        |id: &str| if attempt.tried() { problems.iter().find(|(k, _)| *k == id).map(|(_, m)| m.clone()) } else { None };
    let items: Vec<SummaryItem> = if attempt.tried() {
        problems.iter().map(|(k, m)| SummaryItem { target: (*k).into(), message: m.clone() }).collect()
    } else {
        vec![]
    };
    let set = |f: fn(&mut Prefs, &HtmlInputElement)| {
        let (prefs, saved_note) = (prefs.clone(), saved_note.clone());
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                let mut next = (*prefs).clone();
                f(&mut next, &el);
                saved_note.set(None);
                prefs.set(next);
            }
        })
    };
    let on_sms = set(|p, el| p.sms = el.checked());
    let on_phone = set(|p, el| {
        if normalize_phone(&el.value()) != normalize_phone(&p.phone) {
            p.phone_confirmed = false; // a new number must be confirmed again
        }
        p.phone = el.value();
    });
    let on_email_on = set(|p, el| p.email_on = el.checked());
    let on_email = set(|p, el| p.email = el.value().trim().to_string());
    let on_push = set(|p, el| p.web_push = el.checked());
    let send_code = {
        let otp = otp.clone();
        Callback::from(move |_| {
            let n = (js_sys::Math::random() * 900_000.0) as u32 + 100_000;
            otp.set(Some(n.to_string()));
            dom::focus_id("otp");
        })
    };
    let on_otp = {
        let otp_typed = otp_typed.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                otp_typed.set(el.value());
            }
        })
    };
    let confirm = {
        let (otp, otp_typed, otp_wrong, prefs) = (otp.clone(), otp_typed.clone(), otp_wrong.clone(), prefs.clone());
        Callback::from(move |_| {
            if otp.as_deref() == Some(otp_typed.trim()) {
                let mut next = (*prefs).clone();
                next.phone_confirmed = true;
                prefs.set(next);
                otp.set(None);
                otp_wrong.set(false);
            } else {
                otp_wrong.set(true);
            }
        })
    };
    let onsubmit = {
        let (prefs, attempt, saved_note, owner, ok) =
            (prefs.clone(), attempt.clone(), saved_note.clone(), props.owner.clone(), problems.is_empty());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !ok {
                attempt.bump();
                return;
            }
            let mut next = (*prefs).clone();
            if let Some(phone) = normalize_phone(&next.phone) {
                next.phone = phone;
            }
            if next.web_push && !notification::granted() {
                notification::ask();
            }
            prefs.set(next.clone());
            let (owner, saved_note, portal) = (owner.clone(), saved_note.clone(), portal.clone());
            wasm_bindgen_futures::spawn_local(async move {
                saved_note.set(Some(match client(&portal).set_prefs(&owner, next).await {
                    Ok(()) => t(T::PrefsSaved, lang),
                    Err(e) => failure_message(&e, lang),
                }));
                if let Some(p) = &portal {
                    p.refresh.emit(());
                }
                dom::focus_id("prefs-status");
            });
        })
    };
    let phone_err = shown("phone");
    let email_err = shown("email");
    let phone_question = Question {
        id: "phone",
        label: html! { t(T::PhoneLabel, lang) },
        hint: Some(
            html! { { if p.phone_confirmed { t(T::PhoneConfirmed, lang) } else { t(T::PhoneUnconfirmed, lang) } } },
        ),
        error: phone_err.as_ref(),
        class: classes!("tk-conditional"),
        lang,
    };
    let email_question = Question {
        id: "email",
        label: html! { t(T::EmailLabel, lang) },
        hint: None,
        error: email_err.as_ref(),
        class: classes!("tk-conditional"),
        lang,
    };
    html! {
        <>
            <Link<Route> to={Route::Inbox} classes="tk-back">{ t(T::InboxTitle, lang) }</Link<Route>>
            <ErrorSummary {items} attempt={attempt.count()} {lang} />
            <form class="tk-form" novalidate=true {onsubmit}>
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::PrefsTitle, lang) }</h1>
                <p class="tk-body">{ t(T::PrefsIntro, lang) }</p>
                <div class="tk-check">
                    <input type="checkbox" class="tk-check__input" id="sms" checked={p.sms} onchange={on_sms} />
                    <label class="tk-check__label" for="sms">{ t(T::PrefSms, lang) }</label>
                </div>
                if p.sms {
                    { labelled(phone_question, |w| html! { <>
                        <input id={w.id} class="tk-input tk-input--phone" type="tel" autocomplete="tel" value={p.phone.clone()} onchange={on_phone}
                            aria-describedby={w.described_by} aria-invalid={w.invalid} />
                        if !p.phone_confirmed && phone_ok.is_some() {
                            <button type="button" class="tk-button tk-button--secondary" id="send-otp" onclick={send_code}>{ t(T::SendCode, lang) }</button>
                        }
                        if let Some(code) = &*otp {
                            <div class="tk-phone-sim" role="status">
                                <p class="tk-hint">{ t(T::PhoneScreen, lang) }</p>
                                <p class="tk-body" lang="vi">{ format!("TOKHAI: Ma xac nhan so dien thoai cua ban la {code}") }</p>
                            </div>
                            <label class="tk-label" for="otp">{ t(T::CodeLabel, lang) }</label>
                            if *otp_wrong { { error_html("otp-error", Some(&t(T::CodeWrong, lang).to_string()), lang) } }
                            <input id="otp" class="tk-input tk-input--short" inputmode="numeric" autocomplete="one-time-code" oninput={on_otp}
                                aria-describedby={(*otp_wrong).then_some("otp-error")} />
                            <button type="button" class="tk-button tk-button--secondary" id="confirm-otp" onclick={confirm}>{ t(T::ConfirmPhone, lang) }</button>
                        }
                    </> }) }
                }
                <div class="tk-check">
                    <input type="checkbox" class="tk-check__input" id="email-on" checked={p.email_on} onchange={on_email_on} />
                    <label class="tk-check__label" for="email-on">{ t(T::PrefEmail, lang) }</label>
                </div>
                if p.email_on {
                    { labelled(email_question, |w| html! {
                        <input id={w.id} class="tk-input" type="email" autocomplete="email" spellcheck="false" value={p.email.clone()} onchange={on_email}
                            aria-describedby={w.described_by} aria-invalid={w.invalid} />
                    }) }
                }
                // Not on a shared device: the resident's messages go to their own phone, e-mail and inbox.
                if notification::supported() && !assisted {
                    <div class="tk-check">
                        <input type="checkbox" class="tk-check__input" id="web-push" checked={p.web_push} onchange={on_push} aria-describedby="web-push-hint" />
                        <label class="tk-check__label" for="web-push">{ t(T::PrefPush, lang) }</label>
                        <div class="tk-hint" id="web-push-hint">{ t(T::PrefPushHint, lang) }</div>
                    </div>
                }
                <p class="tk-hint">{ t(T::InboxAlways, lang) }</p>
                <p id="prefs-status" tabindex="-1" role="status" class="tk-body">{ saved_note.unwrap_or("") }</p>
                <button type="submit" class="tk-button">{ t(T::SavePrefs, lang) }</button>
            </form>
        </>
    }
}
