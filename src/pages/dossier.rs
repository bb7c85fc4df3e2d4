//! One dossier for its owner: status, the one thing to do now (answer a
//! supplement request, pay, or nothing), the timeline, and withdrawal.

use crate::components::dossier::{status_chip, DossierGate, Timeline};
use crate::components::parts::parts_list;
use crate::hooks::use_portal::use_portal;
use crate::pages::receipt::CodeProps;
use crate::routes::Route;
use crate::services::portal::GroupView;
use crate::state::use_lang;
use std::rc::Rc;
use tokhai_core::dossier::Status;
use tokhai_core::messages::linked::{group_title, l, started_line, withdraw_rule, L};
use tokhai_core::messages::money;
use tokhai_core::messages::print::{p, P};
use tokhai_core::messages::results::{r, R};
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
    let view = use_portal().map(|p| p.view);
    let render =
        Callback::from(move |(d, _): (Rc<Dossier>, String)| match view.as_deref().and_then(|v| v.group(&d.code)) {
            Some(g) => linked_view(&d, &g, lang),
            None => dossier_view(&d, lang),
        });
    let title = t(T::DossierTitle, lang).replace("{code}", &props.code);
    html! { <DossierGate code={props.code.clone()} {lang} {title} {render} /> }
}

fn dossier_view(d: &Rc<Dossier>, lang: Lang) -> Html {
    let f = facts(d, lang, false);
    let code = d.code.clone();
    let action = action_now(d, lang);
    html! {
        <>
            <Link<Route> to={Route::Dossiers} classes="tk-back">{ t(T::MyDossiers, lang) }</Link<Route>>
            <span class="tk-caption">{ d.service.get(lang) }</span>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::DossierTitle, lang).replace("{code}", &d.code) }</h1>
            if let Some(group) = d.part_of.as_ref().filter(|p| !p.group.is_empty() && p.group != d.code).map(|p| p.group.clone()) {
                <div class="tk-inline-alert" id="part-of-group">
                    <p>{ l(L::PartOfGroup, lang).replace("{code}", &group) }{ " " }
                        <Link<Route> to={Route::Dossier { code: group }}>{ l(L::SeeGroup, lang) }</Link<Route>></p>
                </div>
            }
            <p class="tk-body" aria-live="polite">{ t(T::StatusNow, lang) }{ " " }{ status_chip(d.status, lang) }</p>
            <p class="tk-body">{ next_step(d.status, &f, lang) }</p>
            { action }
            <dl class="tk-summary">
                <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::ReceivedAt, lang) }</dt><dd class="tk-summary__value">{ vn_time(d.received) }</dd></div>
                <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::AppointmentDate, lang) }</dt><dd class="tk-summary__value">{ d.appointment.to_string() }</dd></div>
                <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::ReceivingAgency, lang) }</dt><dd class="tk-summary__value">{ d.agency.get(lang) }</dd></div>
            </dl>
            <p class="tk-body"><Link<Route> to={Route::Receipt { code: code.clone() }}>{ t(T::SeeReceipt, lang) }</Link<Route>></p>
            <p class="tk-body"><Link<Route> to={Route::PrintDossier { code: code.clone() }}>{ p(P::PrintFilled, lang) }</Link<Route>></p>
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

/// A linked application (liên thông): one code, each part with its agency,
/// status, deadline and timeline; what to do now is the registration's.
/// The one thing to do now: answer a supplement request, pay, or see the result.
fn action_now(d: &Dossier, lang: Lang) -> Html {
    let code = d.code.clone();
    let f = facts(d, lang, false);
    match d.status {
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
        Status::Done | Status::Delivered => html! {
            <div class="tk-notice" role="region" aria-labelledby="todo-heading">
                <h2 class="tk-h2" id="todo-heading">{ r(R::ResultTitle, lang) }</h2>
                <Link<Route> to={Route::Result { code: code.clone() }} classes="tk-button">{ r(R::SeeResult, lang) }</Link<Route>>
            </div>
        },
        _ => html! {},
    }
}

fn linked_view(d: &Rc<Dossier>, g: &GroupView, lang: Lang) -> Html {
    let code = d.code.clone();
    let group = g.group.group;
    let registered = g.group.registered.as_ref();
    let action = action_now(d, lang);
    // Withdrawing: the whole group before the registration is done, each part on its own page after.
    let can_withdraw_group = registered.is_none() && !d.status.is_final();
    html! {
        <>
            <Link<Route> to={Route::Dossiers} classes="tk-back">{ t(T::MyDossiers, lang) }</Link<Route>>
            <span class="tk-caption">{ group_title(group, lang) }</span>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::DossierTitle, lang).replace("{code}", &d.code) }</h1>
            if let Some(r) = registered {
                <p class="tk-body" id="group-registered">{ started_line(group, r.personal_id.as_deref(), lang) }</p>
            }
            { action }
            <dl class="tk-summary">
                <div class="tk-summary__row"><dt class="tk-summary__key">{ l(L::ProcedureCode, lang) }</dt><dd class="tk-summary__value">{ group.procedure() }</dd></div>
                <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::ReceivedAt, lang) }</dt><dd class="tk-summary__value">{ vn_time(g.group.received) }</dd></div>
                if let Some(c) = g.group.ceiling {
                    <div class="tk-summary__row"><dt class="tk-summary__key">{ l(L::GroupCeiling, lang) }</dt><dd class="tk-summary__value">{ c.to_string() }</dd></div>
                }
                if let Some(r) = registered {
                    <div class="tk-summary__row"><dt class="tk-summary__key">{ l(L::RegistrationNumber, lang) }</dt><dd class="tk-summary__value">{ &r.number }</dd></div>
                }
            </dl>
            <p class="tk-body"><Link<Route> to={Route::Receipt { code: code.clone() }}>{ t(T::SeeReceipt, lang) }</Link<Route>></p>
            <h2 class="tk-h2" id="parts-heading">{ l(L::PartsHeading, lang) }</h2>
            <p class="tk-body">{ l(L::PartsIntro, lang) }</p>
            { parts_list(g, lang, true, 3) }
            if matches!(d.status, Status::Done | Status::Delivered) {
                <p class="tk-body"><Link<Route> to={Route::Result { code: code.clone() }} classes="tk-link">{ r(R::SeeResult, lang) }</Link<Route>></p>
            }
            <h2 class="tk-h2">{ t(T::WithdrawHeading, lang) }</h2>
            <p class="tk-body" id="withdraw-rule">{ withdraw_rule(group, registered.is_some(), lang) }</p>
            if can_withdraw_group {
                <Link<Route> to={Route::Withdraw { code }} classes="tk-button tk-button--warning">{ t(T::WithdrawButton, lang) }</Link<Route>>
            }
        </>
    }
}
