//! One dossier for its owner: status, the one thing to do now (answer a
//! supplement request, pay, or nothing), the timeline, and withdrawal.

use crate::components::dossier::{status_chip, DossierGate, Timeline};
use crate::pages::receipt::CodeProps;
use crate::routes::Route;
use crate::state::use_lang;
use std::rc::Rc;
use tokhai_core::dossier::Status;
use tokhai_core::messages::money;
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::notify::next_step;
use tokhai_core::portal::{facts, vn_time, Dossier};
use tokhai_core::Lang;
use yew::prelude::*;
use yew_router::prelude::*;

/// `/ho-so/{code}`.
#[function_component(DossierPage)]
pub fn dossier_page(props: &CodeProps) -> Html {
    let lang = use_lang();
    let render = Callback::from(move |(d, _): (Rc<Dossier>, String)| dossier_view(&d, lang));
    let title = t(T::DossierTitle, lang).replace("{code}", &props.code);
    html! { <DossierGate code={props.code.clone()} {lang} {title} {render} /> }
}

fn dossier_view(d: &Rc<Dossier>, lang: Lang) -> Html {
    let f = facts(d, lang, false);
    let code = d.code.clone();
    let action = match d.status {
        Status::SupplementRequested => html! {
            <div class="tk-notice" role="region" aria-labelledby="todo-heading">
                <h2 class="tk-h2" id="todo-heading">{ t(T::ActionSupplement, lang) }</h2>
                <p class="tk-body">{ &f.reason }</p>
                if d.supplement_rounds > 1 { <p class="tk-body"><strong>{ t(T::OverdueFlag, lang) }</strong></p> }
                <Link<Route> to={Route::Supplement { code: code.clone() }} classes="tk-button">{ t(T::AnswerSupplement, lang) }</Link<Route>>
            </div>
        },
        Status::PaymentRequested => html! {
            <div class="tk-notice" role="region" aria-labelledby="todo-heading">
                <h2 class="tk-h2" id="todo-heading">{ t(T::ActionPay, lang) }</h2>
                <p class="tk-body">{ t(T::AmountDue, lang) }{ ": " }<strong>{ d.fee_vnd.map(|v| money(v, lang)).unwrap_or_default() }</strong></p>
                <Link<Route> to={Route::Pay { code: code.clone() }} classes="tk-button">{ t(T::PayNow, lang) }</Link<Route>>
            </div>
        },
        _ => html! {},
    };
    html! {
        <>
            <Link<Route> to={Route::Dossiers} classes="tk-back">{ t(T::MyDossiers, lang) }</Link<Route>>
            <span class="tk-caption">{ d.service.get(lang) }</span>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::DossierTitle, lang).replace("{code}", &d.code) }</h1>
            <p class="tk-body" aria-live="polite">{ t(T::StatusNow, lang) }{ " " }{ status_chip(d.status, lang) }</p>
            <p class="tk-body">{ next_step(d.status, &f, lang) }</p>
            { action }
            <dl class="tk-summary">
                <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::ReceivedAt, lang) }</dt><dd class="tk-summary__value">{ vn_time(d.received) }</dd></div>
                <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::AppointmentDate, lang) }</dt><dd class="tk-summary__value">{ d.appointment.to_string() }</dd></div>
                <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::ReceivingAgency, lang) }</dt><dd class="tk-summary__value">{ d.agency.get(lang) }</dd></div>
            </dl>
            <p class="tk-body"><Link<Route> to={Route::Receipt { code: code.clone() }}>{ t(T::SeeReceipt, lang) }</Link<Route>></p>
            <h2 class="tk-h2">{ t(T::TimelineTitle, lang) }</h2>
            <Timeline dossier={d.clone()} {lang} />
            if !d.status.is_final() {
                <h2 class="tk-h2">{ t(T::WithdrawHeading, lang) }</h2>
                <p class="tk-body">{ t(T::WithdrawIntro, lang) }</p>
                <Link<Route> to={Route::Withdraw { code }} classes="tk-button tk-button--warning">{ t(T::WithdrawButton, lang) }</Link<Route>>
            }
        </>
    }
}
