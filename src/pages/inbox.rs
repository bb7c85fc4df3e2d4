//! The portal inbox ("Thông báo"): every status message, newest first,
//! unread ones marked; opening one marks it read and goes to the dossier.

use crate::components::dossier::{loading, sign_in_prompt};
use crate::hooks::use_page_title;
use crate::hooks::use_portal::use_portal;
use crate::routes::Route;
use crate::services::portal::Portal;
use crate::state::{use_claims, use_lang};
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::notify::inbox;
use tokhai_core::portal::{notice_facts, vn_time};
use yew::prelude::*;
use yew_router::prelude::*;

/// `/thong-bao`.
#[function_component(Inbox)]
pub fn inbox_page() -> Html {
    let lang = use_lang();
    let claims = use_claims();
    let portal = use_portal();
    let navigator = use_navigator();
    use_page_title(t(T::InboxTitle, lang).to_string());
    let (Some(claims), Some(portal), Some(navigator)) = (claims, portal, navigator) else {
        return sign_in_prompt(t(T::InboxTitle, lang), lang);
    };
    if !portal.ready {
        return loading(t(T::InboxTitle, lang), lang);
    }
    let owner = claims.sub.clone();
    let notices = portal.view.notices(&owner);
    let unread = notices.iter().filter(|n| !n.read).count();
    let mark = |ids: Vec<u64>| {
        let (owner, refresh, client) = (owner.clone(), portal.refresh.clone(), portal.client.clone());
        move || {
            let (owner, ids, refresh, client) = (owner.clone(), ids.clone(), refresh.clone(), client.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = client.mark_read(&owner, &ids).await;
                refresh.emit(());
            });
        }
    };
    let items = notices.iter().map(|n| {
        let Some(d) = portal.view.get(&n.code) else { return html! {} };
        // Worded as it was sent, whatever happened to the dossier since.
        let (title, body) = inbox(n.status, &notice_facts(d, n, lang), lang);
        let open = {
            let read = mark(vec![n.id]);
            let (navigator, code) = (navigator.clone(), n.code.clone());
            Callback::from(move |_| {
                read();
                navigator.push(&Route::Dossier { code: code.clone() });
            })
        };
        html! {
            <li key={n.id.to_string()} class={classes!("tk-card", (!n.read).then_some("tk-card--unread"))}>
                if !n.read { <strong class="tk-tag">{ t(T::Unread, lang) }</strong> }
                if n.flagged { <strong class="tk-tag tk-tag--warning">{ t(T::FlaggedNotice, lang) }</strong> }
                <h2 class="tk-h3">{ title }</h2>
                <p class="tk-body">{ body }</p>
                <p class="tk-hint">{ vn_time(n.at) }</p>
                <button type="button" class="tk-button tk-button--secondary" onclick={open}>
                    { t(T::OpenNotice, lang) }<span class="tk-vh">{ format!(" {}", n.code) }</span>
                </button>
            </li>
        }
    });
    let all_read = {
        let read = mark(notices.iter().filter(|n| !n.read).map(|n| n.id).collect());
        Callback::from(move |_| read())
    };
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::InboxTitle, lang) }</h1>
            <p class="tk-body" aria-live="polite">{ t(T::UnreadCount, lang).replace("{n}", &unread.to_string()) }</p>
            <p class="tk-body"><Link<Route> to={Route::NotifyPrefs}>{ t(T::PrefsTitle, lang) }</Link<Route>></p>
            if unread > 0 {
                <button type="button" class="tk-button tk-button--secondary" onclick={all_read}>{ t(T::MarkAllRead, lang) }</button>
            }
            if notices.is_empty() {
                <p class="tk-body">{ t(T::NoNotices, lang) }</p>
            } else {
                <ul class="tk-cards">{ for items }</ul>
            }
        </>
    }
}
