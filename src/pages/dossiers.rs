//! "Hồ sơ của tôi": the signed-in citizen's dossiers, newest first, each with
//! its status chip and the next expected step.

use crate::components::dossier::status_chip;
use crate::components::dossier::{loading, sign_in_prompt};
use crate::components::parts::part_chips;
use crate::hooks::use_page_title;
use crate::hooks::use_portal::use_portal;
use crate::routes::Route;
use crate::state::{use_claims, use_lang};
use tokhai_core::messages::linked::group_title;
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::notify::next_step;
use tokhai_core::portal::{facts, vn_time};
use yew::prelude::*;
use yew_router::prelude::*;

/// `/ho-so`.
#[function_component(Dossiers)]
pub fn dossiers() -> Html {
    let lang = use_lang();
    let claims = use_claims();
    let portal = use_portal();
    use_page_title(t(T::MyDossiers, lang).to_string());
    let (Some(claims), Some(portal)) = (claims, portal) else {
        return sign_in_prompt(t(T::MyDossiers, lang), lang);
    };
    if !portal.ready {
        return loading(t(T::MyDossiers, lang), lang);
    }
    // A linked application is one item (its registration's code), its parts as chips.
    let mine: Vec<_> = portal
        .view
        .mine(&claims.sub)
        .into_iter()
        .filter(|d| d.part_of.as_ref().is_none_or(|p| p.group.is_empty() || p.group == d.code))
        .collect();
    let items = mine.iter().map(|d| {
        let f = facts(d, lang, false);
        if let Some(g) = portal.view.group(&d.code) {
            return html! {
                <li class="tk-card" key={d.code.clone()} data-group={g.group.group.key()}>
                    <h2 class="tk-h3">
                        <Link<Route> to={Route::Dossier { code: d.code.clone() }}>{ group_title(g.group.group, lang) }</Link<Route>>
                    </h2>
                    { part_chips(&g, lang) }
                    <p class="tk-hint">{ t(T::DossierCode, lang) }{ ": " }<span class="tk-code">{ &d.code }</span>{ " · " }{ vn_time(d.received) }</p>
                </li>
            };
        }
        html! {
            <li class="tk-card" key={d.code.clone()}>
                <h2 class="tk-h3">
                    <Link<Route> to={Route::Dossier { code: d.code.clone() }}>{ d.service.get(lang) }</Link<Route>>
                </h2>
                <p class="tk-body">{ status_chip(d.status, lang) }</p>
                <p class="tk-hint">{ t(T::DossierCode, lang) }{ ": " }<span class="tk-code">{ &d.code }</span>{ " · " }{ vn_time(d.received) }</p>
                <p class="tk-body">{ next_step(d.status, &f, lang) }</p>
            </li>
        }
    });
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::MyDossiers, lang) }</h1>
            if mine.is_empty() {
                <p class="tk-body">{ t(T::NoDossiers, lang) }</p>
                <Link<Route> to={Route::Home} classes="tk-button">{ t(T::FindService, lang) }</Link<Route>>
            } else {
                <p class="tk-body">{ t(T::DossierCount, lang).replace("{n}", &mine.len().to_string()) }</p>
                <ul class="tk-cards">{ for items }</ul>
            }
        </>
    }
}
