//! "Đã gửi hồ sơ": the confirmation panel with the dossier code and its QR
//! code, and the receipt laid out like Mẫu 01 (Thông tư 01/2018/TT-VPCP):
//! who sent what to whom, when, the appointment date, the fee, what next.
//! The print button prints just the receipt (styles/print rules).

use crate::components::dossier::{qr_code, DossierGate};
use crate::components::parts::part_chips;
use crate::hooks::use_portal::use_portal;
use crate::routes::Route;
use crate::state::{use_claims, use_lang};
use std::rc::Rc;
use tokhai_core::messages::linked::{group_title, l, L};
use tokhai_core::messages::money;
use tokhai_core::messages::results::{r, R};
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::notify::next_step;
use tokhai_core::portal::{facts, vn_time, Dossier};
use tokhai_core::Lang;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props: the dossier code.
#[derive(Properties, PartialEq, Clone)]
pub struct CodeProps {
    /// Dossier code from the address.
    pub code: AttrValue,
}

/// The receipt page.
#[function_component(Receipt)]
pub fn receipt(props: &CodeProps) -> Html {
    let lang = use_lang();
    let render = Callback::from(move |(d, _): (Rc<Dossier>, String)| html! { <ReceiptView dossier={d} {lang} /> });
    html! { <DossierGate code={props.code.clone()} {lang} title={t(T::ReceiptTitle, lang)} {render} /> }
}

/// Props of [`ReceiptView`].
#[derive(Properties, PartialEq)]
pub struct ReceiptViewProps {
    /// The dossier.
    pub dossier: Rc<Dossier>,
    /// Interface language.
    pub lang: Lang,
}

/// The receipt of a dossier.
#[function_component(ReceiptView)]
pub fn receipt_view(props: &ReceiptViewProps) -> Html {
    let (d, lang) = (&props.dossier, props.lang);
    let claims = use_claims();
    let group = use_portal().and_then(|p| p.view.group(&d.code));
    let name = claims.map(|c| c.citizen.identity.full_name.clone()).unwrap_or_default();
    let fee = match (d.fee_vnd, d.full_fee_vnd) {
        (None, _) => t(T::NoFee, lang).to_string(),
        (Some(online), Some(full)) if full > online => {
            t(T::FeeWithDiscount, lang).replace("{online}", &money(online, lang)).replace("{full}", &money(full, lang))
        }
        (Some(v), _) => money(v, lang),
    };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let row = |k: T, v: String| html! { <div class="tk-summary__row"><dt class="tk-summary__key">{ t(k, lang) }</dt><dd class="tk-summary__value">{ v }</dd></div> };
    let row_l = |k: L, v: String| html! { <div class="tk-summary__row"><dt class="tk-summary__key">{ l(k, lang) }</dt><dd class="tk-summary__value">{ v }</dd></div> };
    let f = facts(d, lang, false);
    // Documents given from the citizen's data store: references the agency verifies.
    let stored: Vec<String> = d
        .answers
        .values()
        .filter_map(|a| match a {
            tokhai_core::Answer::Files(files) => {
                Some(files.iter().filter(|f| f.stored.is_some()).map(|f| f.name.clone()))
            }
            _ => None,
        })
        .flatten()
        .collect();
    html! {
        <>
            <div class="tk-panel">
                <h1 class="tk-h1 tk-panel__title" id="page-title" tabindex="-1">{ t(T::ReceiptTitle, lang) }</h1>
                <p class="tk-panel__body">{ t(T::YourCode, lang) }<br /><strong id="dossier-code" class="tk-code">{ &d.code }</strong></p>
            </div>
            <section class="tk-receipt" aria-labelledby="receipt-heading">
                <p class="tk-receipt__form">{ t(T::ReceiptForm, lang) }</p>
                <h2 class="tk-h2" id="receipt-heading">{ t(T::ReceiptHeading, lang) }</h2>
                <div class="tk-receipt__qr">{ qr_code(&d.code, lang) }</div>
                <dl class="tk-summary">
                    { row(T::DossierCode, d.code.clone()) }
                    if let Some(g) = &group {
                        { row(T::Service, format!("{} ({} {})", group_title(g.group.group, lang), l(L::ProcedureCode, lang).to_lowercase(), g.group.group.procedure())) }
                        <div class="tk-summary__row"><dt class="tk-summary__key">{ l(L::ReceiptParts, lang) }</dt>
                            <dd class="tk-summary__value" id="receipt-parts">{ part_chips(g, lang) }</dd></div>
                    } else {
                        { row(T::Service, d.service.get(lang).to_string()) }
                        { row(T::ReceivingAgency, d.agency.get(lang).to_string()) }
                    }
                    { row(T::Applicant, name) }
                    { row(T::ReceivedAt, vn_time(d.received)) }
                    { row(T::AppointmentDate, d.appointment.to_string()) }
                    if let Some(c) = group.as_ref().and_then(|g| g.group.ceiling) { { row_l(L::GroupCeiling, c.to_string()) } }
                    { row(T::SubmittedBy, t(T::Online, lang).to_string()) }
                    { row(T::Fee, fee) }
                    if let Some(h) = &d.helper { { row(T::HelpedBy, h.clone()) } }
                    if !stored.is_empty() {
                        <div class="tk-summary__row"><dt class="tk-summary__key">{ r(R::StoredDocs, lang) }</dt>
                            <dd class="tk-summary__value" id="receipt-stored">{ for stored.iter().map(|n| html! { <>{ n }<br /></> }) }</dd></div>
                    }
                </dl>
                <p class="tk-hint">{ t(T::AppointmentNote, lang) }</p>
            </section>
            <h2 class="tk-h2">{ t(T::WhatNext, lang) }</h2>
            <p class="tk-body">{ next_step(d.status, &f, lang) }</p>
            <p class="tk-body">{ t(T::WeWillTell, lang) }</p>
            <div class="tk-actions tk-noprint">
                <button type="button" class="tk-button tk-button--secondary" onclick={print}>{ t(T::Print, lang) }</button>
                <Link<Route> to={Route::Dossier { code: d.code.clone() }} classes="tk-button">{ t(T::FollowDossier, lang) }</Link<Route>>
            </div>
        </>
    }
}
