//! Pieces of the after-submission pages: the status chip, the timeline with
//! the messages sent for each step, the QR code, and a gate that renders a
//! page only for the signed-in owner of a dossier.

use crate::hooks::use_page_title;
use crate::hooks::use_portal::use_portal;
use crate::routes::Route;
use crate::services::portal::PortalFailure;
use crate::state::use_claims;
use std::rc::Rc;
use tokhai_core::dossier::Status;
use tokhai_core::messages::tracking::{actor_label, delivery_label, status_label, t, T};
use tokhai_core::messages::{ui, Ui};
use tokhai_core::notify::{email, sms, Channel};
use tokhai_core::portal::{step_facts, vn_time, Dossier, PortalError, Step};
use tokhai_core::{qr, Lang};
use yew::prelude::*;
use yew_router::prelude::*;

/// The status as a coloured chip (colour is never the only cue: the label is the text).
pub fn status_chip(status: Status, lang: Lang) -> Html {
    let tone = match status {
        Status::SupplementRequested | Status::PaymentRequested => "tk-chip--action",
        Status::Refused | Status::Stopped | Status::Withdrawn => "tk-chip--ended",
        Status::Done | Status::Delivered => "tk-chip--done",
        _ => "tk-chip--progress",
    };
    html! { <strong class={classes!("tk-chip", tone)} data-status={status.code().to_string()}>{ status_label(status, lang) }</strong> }
}

/// The QR code of `text` as an image with a text alternative.
pub fn qr_code(text: &str, lang: Lang) -> Html {
    qr_svg(text, "receipt-qr", t(T::QrLabel, lang).replace("{code}", text))
}

/// The QR code of `text` as an SVG image with the text alternative `label`.
pub fn qr_svg(text: &str, id: &'static str, label: String) -> Html {
    let Some((d, side)) = qr::svg_path(text) else { return html! {} };
    html! {
        <svg class="tk-qr" {id} role="img" aria-label={label} viewBox={format!("0 0 {side} {side}")}
            width="200" height="200" shape-rendering="crispEdges">
            <rect width="100%" height="100%" fill="#fff" />
            <path d={d} fill="#000" />
        </svg>
    }
}

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The dossier.
    pub dossier: Rc<Dossier>,
    /// Interface language.
    pub lang: Lang,
    /// Show reasons and the messages sent (owner and tester views); public lookup shows only statuses.
    #[prop_or(true)]
    pub messages: bool,
}

/// Every step, newest first, with time, who, reason and what was sent.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let lang = props.lang;
    let d = &props.dossier;
    let steps = d.history.iter().enumerate().rev().map(|(i, s)| step(d, i, s, lang, props.messages));
    html! {
        <>
            if props.messages { <p class="tk-hint">{ t(T::InboxAlways, lang) }</p> }
            <ol class="tk-timeline" aria-label={t(T::TimelineTitle, lang)}>{ for steps }</ol>
        </>
    }
}

fn step(d: &Dossier, i: usize, s: &Step, lang: Lang, messages: bool) -> Html {
    let round = (s.status == Status::SupplementRequested).then(|| {
        let n = d.history[..=i].iter().filter(|x| x.status == Status::SupplementRequested).count();
        let mut text = t(T::SupplementRound, lang).replace("{n}", &n.to_string());
        if n > 1 {
            text.push_str(" · ");
            text.push_str(t(T::OverdueFlag, lang));
        }
        text
    });
    // What this step's messages said when they were sent, in the reader's language.
    let f = step_facts(d, s, lang, false);
    let sent = s.sent.iter().map(|m| {
        let channel = match m.channel {
            Channel::Sms => t(T::ChannelSms, lang),
            Channel::Email => t(T::ChannelEmail, lang),
            Channel::Inbox => t(T::ChannelInbox, lang),
        };
        let line = t(T::SentLine, lang)
            .replace("{channel}", channel)
            .replace("{to}", &m.to)
            .replace("{status}", delivery_label(m.delivery, lang))
            .replace("{time}", &vn_time(m.at)[..5]);
        html! { <li>{ line }{ if m.fallback { t(T::FallbackNote, lang) } else { "" } }</li> }
    });
    let sms_text = sms(s.status, &step_facts(d, s, lang, true), lang);
    let (subject, _) = email(s.status, &f, lang);
    html! {
        <li class="tk-timeline__item">
            <p class="tk-timeline__head"><strong>{ status_label(s.status, lang) }</strong></p>
            <p class="tk-hint">{ vn_time(s.at) }{ " · " }{ actor_label(s.actor, lang) }</p>
            if let Some(r) = round { <p class="tk-body tk-timeline__round">{ r }</p> }
            if messages && !s.reason.is_empty() { <p class="tk-body">{ s.reason.text(lang) }</p> }
            if messages {
                if !s.sent.is_empty() { <ul class="tk-timeline__sent">{ for sent }</ul> }
                if !s.sent.is_empty() {
                    <details class="tk-details">
                        <summary>{ t(T::ShowMessages, lang) }</summary>
                        <p class="tk-hint">{ t(T::ChannelSms, lang) }{ ": " }<span lang={lang.tag()}>{ sms_text }</span></p>
                        <p class="tk-hint">{ t(T::ChannelEmail, lang) }{ ": " }{ subject }</p>
                    </details>
                }
            }
        </li>
    }
}

/// What to tell the citizen when the portal did not do what they asked.
pub fn failure_message(f: &PortalFailure, lang: Lang) -> &'static str {
    match f {
        PortalFailure::Storage => t(T::SendFailed, lang),
        PortalFailure::Offline => t(T::SendOffline, lang),
        PortalFailure::Refused(PortalError::NotAllowed) => t(T::ChangedMeanwhile, lang),
        PortalFailure::Refused(_) => t(T::DossierNotFoundBody, lang),
        PortalFailure::Unavailable => t(T::PortalUnavailable, lang),
        PortalFailure::SignIn => t(T::PortalSignIn, lang),
        PortalFailure::Invalid => t(T::PortalInvalid, lang),
        PortalFailure::Unsupported => t(T::PortalUnsupported, lang),
    }
}

/// After a citizen's request to the portal: on success, read the portal again
/// and go back to the dossier page; on failure, hand `failed` the sentence to
/// show (the page keeps what was typed).
pub fn back_to_dossier<T>(
    result: Result<T, PortalFailure>,
    lang: Lang,
    code: String,
    portal: Option<crate::hooks::use_portal::PortalCtx>,
    navigator: Option<Navigator>,
    failed: impl FnOnce(&'static str),
) {
    match result {
        Ok(_) => {
            if let Some(p) = portal {
                p.refresh.emit(());
            }
            if let Some(n) = navigator {
                n.push(&Route::Dossier { code });
            }
        }
        Err(e) => failed(failure_message(&e, lang)),
    }
}

/// A page's heading, then "sign in to see this" with the sign-in button.
pub fn sign_in_prompt(heading: &str, lang: Lang) -> Html {
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ heading.to_string() }</h1>
            <p class="tk-body">{ t(T::SignInToSeeBody, lang) }</p>
            <Link<Route> to={Route::SignIn} classes="tk-button">{ t(T::SignInVneid, lang) }</Link<Route>>
            <p class="tk-body"><Link<Route> to={Route::Lookup}>{ t(T::LookupTitle, lang) }</Link<Route>></p>
        </>
    }
}

/// The page while the portal's first answer is awaited (a portal server): its
/// heading and "Đang tải…", never an empty list or "not found" that then changes.
pub fn loading(heading: &str, lang: Lang) -> Html {
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ heading.to_string() }</h1>
            <p class="tk-body" role="status">{ ui(Ui::Loading, lang) }</p>
        </>
    }
}

/// Props of [`DossierGate`].
#[derive(Properties, PartialEq)]
pub struct DossierGateProps {
    /// Dossier code from the address.
    pub code: AttrValue,
    /// Interface language.
    pub lang: Lang,
    /// The document title of the page (set, and the heading focused, on arrival).
    pub title: AttrValue,
    /// The page, given the dossier and the owner's personal ID.
    pub render: Callback<(Rc<Dossier>, String), Html>,
}

/// Renders the page for the signed-in owner; otherwise asks to sign in, or
/// says it is not found (never whose it is).
#[function_component(DossierGate)]
pub fn dossier_gate(props: &DossierGateProps) -> Html {
    let lang = props.lang;
    let claims = use_claims();
    let portal = use_portal();
    use_page_title(props.title.to_string());
    let Some(claims) = claims else {
        return sign_in_prompt(t(T::SignInToSee, lang), lang);
    };
    if portal.as_ref().is_some_and(|p| !p.ready) {
        return loading(&props.title, lang);
    }
    let found = portal.and_then(|p| p.view.get(&props.code).cloned()).filter(|d| d.owner == claims.sub);
    match found {
        Some(d) => props.render.emit((Rc::new(d), claims.sub.clone())),
        None => html! {
            <>
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::DossierNotFound, lang) }</h1>
                <p class="tk-body">{ t(T::DossierNotFoundBody, lang) }</p>
                <Link<Route> to={Route::Dossiers} classes="tk-link">{ t(T::MyDossiers, lang) }</Link<Route>>
            </>
        },
    }
}
