//! The start page: a searchable catalogue of the services. Search ignores
//! diacritics and case and narrows as you type; filters by agency, life event
//! and audience. Nothing typed here leaves the page.

use crate::hooks::{use_catalog, Load};
use crate::routes::Route;
use crate::services::dom;
use crate::state::use_lang;
use tokhai_core::catalog::{Audience, CatalogEntry, LIFE_EVENTS};
use tokhai_core::messages::{ui, Ui};
use tokhai_core::Lang;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

/// The catalogue page.
#[function_component(Home)]
pub fn home() -> Html {
    let lang = use_lang();
    let (load, retry) = use_catalog();
    let keep = use_context::<crate::hooks::use_keep::KeepCtx>();
    let query = use_state(String::new);
    let agency = use_state(String::new);
    let event = use_state(String::new);
    let audience = use_state(String::new);
    use_effect_with(lang, move |l| dom::set_title(ui(Ui::HomeTitle, *l)));

    let body = match load {
        Load::Loading => html! { <p class="tk-body" role="status">{ ui(Ui::Loading, lang) }</p> },
        Load::Failed(_) => crate::components::retry::retry_alert(ui(Ui::CatalogFailed, lang), lang, retry),
        Load::Ready(catalog) => {
            let mut agencies: Vec<String> = catalog.iter().map(|c| c.agency_at_listing.get(lang).to_string()).collect();
            agencies.sort();
            agencies.dedup();
            let wanted = [Audience::Citizen, Audience::Business].into_iter().find(|a| a.code() == audience.as_str());
            let shown: Vec<&CatalogEntry> = catalog
                .iter()
                .filter(|c| c.matches(&query))
                .filter(|c| agency.is_empty() || c.agency_at_listing.get(lang) == agency.as_str())
                .filter(|c| event.is_empty() || c.life_events.iter().any(|e| e == event.as_str()))
                .filter(|c| wanted.is_none_or(|w| c.audience.serves(w)))
                .collect();
            let select = |id: &'static str,
                          label: Ui,
                          all: Ui,
                          value: &UseStateHandle<String>,
                          options: Vec<(String, String)>| {
                let state = value.clone();
                let onchange = Callback::from(move |e: Event| {
                    if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                        state.set(el.value());
                    }
                });
                html! {
                    <div class="tk-field tk-filter">
                        <label class="tk-label" for={id}>{ ui(label, lang) }</label>
                        <select {id} class="tk-select" {onchange}>
                            <option value="" selected={value.is_empty()}>{ ui(all, lang) }</option>
                            { for options.into_iter().map(|(v, l)| html! { <option value={v.clone()} selected={**value == v}>{ l }</option> }) }
                        </select>
                    </div>
                }
            };
            let on_query = {
                let query = query.clone();
                Callback::from(move |e: InputEvent| {
                    if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                        query.set(el.value());
                    }
                })
            };
            let events = LIFE_EVENTS
                .iter()
                .map(|(id, vi, en)| (id.to_string(), if lang == Lang::Vi { vi } else { en }.to_string()))
                .collect();
            let audiences = vec![
                (Audience::Citizen.code().to_string(), ui(Ui::AudienceCitizen, lang).to_string()),
                (Audience::Business.code().to_string(), ui(Ui::AudienceBusiness, lang).to_string()),
            ];
            html! {
                <>
                    <form class="tk-search" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                        <div class="tk-field">
                            <label class="tk-label" for="search">{ ui(Ui::SearchLabel, lang) }</label>
                            <div class="tk-hint" id="search-hint">{ ui(Ui::SearchHint, lang) }</div>
                            <input id="search" class="tk-input" type="search" autocomplete="off" aria-describedby="search-hint search-count"
                                value={(!query.is_empty()).then(|| (*query).clone())} oninput={on_query} />
                        </div>
                        <div class="tk-filters">
                            { select("filter-agency", Ui::FilterAgency, Ui::AllAgencies, &agency, agencies.into_iter().map(|a| (a.clone(), a)).collect()) }
                            { select("filter-event", Ui::FilterLifeEvent, Ui::AllLifeEvents, &event, events) }
                            { select("filter-audience", Ui::FilterAudience, Ui::AudienceAll, &audience, audiences) }
                        </div>
                    </form>
                    <p class="tk-body" id="search-count" role="status" aria-live="polite">
                        { if shown.is_empty() { ui(Ui::NoResults, lang).to_string() } else { ui(Ui::ResultsCount, lang).replace("{n}", &shown.len().to_string()) } }
                    </p>
                    <ul class="tk-cards">{ for shown.into_iter().map(|c| card(c, lang)) }</ul>
                </>
            }
        }
    };
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ ui(Ui::HomeTitle, lang) }</h1>
            <p class="tk-lead">{ ui(Ui::HomeIntro, lang) }</p>
            { keep.as_ref().map(|k| super::drafts::home_box(k, lang)).unwrap_or_default() }
            { body }
        </>
    }
}

fn card(c: &CatalogEntry, lang: Lang) -> Html {
    html! {
        <li class="tk-card" key={c.id.clone()}>
            <h2 class="tk-card__title">
                <Link<Route> to={Route::Service { id: c.id.clone() }}>{ c.name.get(lang) }</Link<Route>>
            </h2>
            <p class="tk-card__meta">{ c.agency.get(lang) }</p>
            <p class="tk-card__meta">{ super::service::time_text(c, lang) }{ " · " }{ super::service::fee_text(c, lang) }</p>
        </li>
    }
}
