//! The start page: what Tờ Khai does and the services on offer.

use crate::routes::Route;
use crate::services::{dom, forms};
use crate::state::use_lang;
use tokhai_core::messages::{ui, Ui};
use yew::prelude::*;
use yew_router::prelude::*;

/// The list of services.
#[function_component(Home)]
pub fn home() -> Html {
    let lang = use_lang();
    use_effect_with(lang, move |l| dom::set_title(ui(Ui::HomeTitle, *l)));
    let catalog = forms::catalog();
    let cards = catalog.iter().map(|f| {
        html! {
            <li class="tk-card">
                <h3 class="tk-card__title">{ f.name.get(lang) }</h3>
                <p class="tk-card__meta"><span class="tk-tag tk-tag--grey">{ &f.template }</span>{ " " }{ f.agency.get(lang) }</p>
                <Link<Route> to={Route::Start { form: f.id.clone() }} classes="tk-button tk-button--start">
                    { ui(Ui::StartForm, lang) }<span class="tk-vh">{ format!(": {}", f.name.get(lang)) }</span>
                </Link<Route>>
            </li>
        }
    });
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ ui(Ui::HomeTitle, lang) }</h1>
            <p class="tk-lead">{ ui(Ui::HomeIntro, lang) }</p>
            <h2 class="tk-h2">{ ui(Ui::ServicesHeading, lang) }</h2>
            <ul class="tk-cards">{ for cards }</ul>
        </>
    }
}
