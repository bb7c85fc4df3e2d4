//! "Hồ sơ đang khai": the drafts on this device of whoever is using the app,
//! with service, last change, progress and expiry; resume or delete (after a
//! confirmation). Records this release cannot read are listed, kept, and can
//! be deleted.

use crate::hooks::use_keep::{KeepCtx, Listed};
use crate::hooks::use_page_title;
use crate::hooks::{use_catalog, Load};
use crate::routes::Route;
use crate::services::dom;
use crate::services::portal::now;
use crate::state::use_lang;
use tokhai_core::drafts::{age, Age};
use tokhai_core::messages::keep::{k, K};
use tokhai_core::portal::vn_time;
use tokhai_core::Lang;
use yew::prelude::*;
use yew_router::prelude::*;

/// Where to resume a draft.
pub fn resume_route(d: &Listed) -> Route {
    match (&d.section, d.waiting) {
        (_, true) => Route::Check { form: d.form.clone() },
        (Some(s), _) => Route::Section { form: d.form.clone(), section: s.clone() },
        (None, _) => Route::Start { form: d.form.clone() },
    }
}

/// `/ho-so-dang-khai`.
#[function_component(Drafts)]
pub fn drafts() -> Html {
    let lang = use_lang();
    let keep = use_context::<KeepCtx>();
    let (catalog, _) = use_catalog();
    let confirming = use_state(|| None::<String>);
    let signed_in = crate::state::use_claims().is_some();
    let assisted = use_context::<crate::hooks::use_assist::AssistCtx>().is_some_and(|a| a.session.is_some());
    use_page_title(k(K::DraftsTitle, lang).to_string());
    let Some(keep) = keep else { return html! {} };
    let name = |form: &str| match &catalog {
        Load::Ready(c) => c.iter().find(|e| e.id == form).map_or(form.to_string(), |e| e.name.get(lang).to_string()),
        _ => form.to_string(),
    };
    let items = keep.drafts.iter().map(|d| {
        let service = name(&d.form);
        let expiry = match age(d.saved, now()) {
            Age::Expiring(n) => Some(k(K::Expiring, lang).replace("{n}", &n.to_string())),
            _ => None,
        };
        let ask = {
            let (confirming, form) = (confirming.clone(), d.form.clone());
            Callback::from(move |_| {
                confirming.set(Some(form.clone()));
                dom::focus_id_later("confirm-delete");
            })
        };
        let actions = if confirming.as_deref() == Some(d.form.as_str()) {
            let yes = {
                let (delete, confirming, form) = (keep.delete.clone(), confirming.clone(), d.form.clone());
                Callback::from(move |_| {
                    delete.emit(form.clone());
                    confirming.set(None);
                    dom::focus_id("page-title");
                })
            };
            let no = {
                let confirming = confirming.clone();
                Callback::from(move |_| confirming.set(None))
            };
            html! {
                <div class="tk-confirm" role="group" aria-labelledby="confirm-delete">
                    <p class="tk-body" id="confirm-delete" tabindex="-1">{ k(K::DeleteConfirm, lang).replace("{service}", &service) }</p>
                    <div class="tk-actions">
                        <button type="button" id="delete-yes" class="tk-button tk-button--warning" onclick={yes}>{ k(K::DeleteYes, lang) }</button>
                        <button type="button" class="tk-button tk-button--secondary" onclick={no}>{ k(K::DeleteNo, lang) }</button>
                    </div>
                </div>
            }
        } else {
            html! {
                <div class="tk-actions">
                    <Link<Route> to={resume_route(d)} classes="tk-button">
                        { k(K::Resume, lang) }<span class="tk-vh">{ format!(": {service}") }</span>
                    </Link<Route>>
                    <button type="button" class="tk-button tk-button--secondary" onclick={ask}>
                        { k(K::Delete, lang) }<span class="tk-vh">{ format!(": {service}") }</span>
                    </button>
                </div>
            }
        };
        html! {
            <li class="tk-card tk-draft" id={format!("draft-{}", d.form)}>
                <h2 class="tk-h3">{ &service }</h2>
                if d.waiting { <p><strong class="tk-tag tk-tag--waiting">{ k(K::Waiting, lang) }</strong></p> }
                <p class="tk-body">{ k(K::LastChange, lang).replace("{time}", &vn_time(d.saved)) }</p>
                if d.progress.of > 0 {
                    <p class="tk-body">{ k(K::Progress, lang).replace("{done}", &d.progress.done.to_string()).replace("{total}", &d.progress.of.to_string()) }</p>
                }
                if let Some(e) = expiry { <p class="tk-warning-text">{ e }</p> }
                { actions }
            </li>
        }
    });
    let unreadable = keep.unreadable.iter().map(|u| {
        let discard = {
            let (cb, id) = (keep.discard.clone(), u.id.clone());
            Callback::from(move |_| cb.emit(id.clone()))
        };
        html! {
            <li class="tk-card tk-draft">
                <p class="tk-body">{ k(if u.newer.is_some() { K::NewerDraft } else { K::UnreadableDraft }, lang) }</p>
                <p class="tk-body">{ k(K::LastChange, lang).replace("{time}", &vn_time(u.saved)) }</p>
                <button type="button" class="tk-button tk-button--secondary" onclick={discard}>{ k(K::Discard, lang) }</button>
            </li>
        }
    });
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ k(K::DraftsTitle, lang) }</h1>
            <p class="tk-body">{ k(if assisted { K::DraftsIntroAssisted } else { K::DraftsIntro }, lang) }</p>
            if keep.expired > 0 {
                <div class="tk-inline-alert" role="status"><p>{ k(K::ExpiredNotice, lang).replace("{n}", &keep.expired.to_string()) }</p></div>
            }
            if keep.drafts.is_empty() && keep.unreadable.is_empty() {
                <p class="tk-body" id="no-drafts">{ k(K::NoDrafts, lang) }</p>
            }
            if !signed_in {
                <p class="tk-body" id="drafts-sign-in">{ k(K::SignInForDrafts, lang) }</p>
            }
            <ul class="tk-list-plain" id="draft-list">{ for items }{ for unreadable }</ul>
        </>
    }
}

/// The home page's box: how many drafts, and a link to them.
pub fn home_box(keep: &KeepCtx, lang: Lang) -> Html {
    if keep.drafts.is_empty() {
        return html! {};
    }
    html! {
        <div class="tk-card tk-home-drafts" id="home-drafts">
            <p class="tk-body">{ k(K::HomeDrafts, lang).replace("{n}", &keep.drafts.len().to_string()) }</p>
            <Link<Route> to={Route::Drafts}>{ k(K::SeeDrafts, lang) }</Link<Route>>
        </div>
    }
}
