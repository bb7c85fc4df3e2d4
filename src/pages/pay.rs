//! Pay the fee the agency asked for (simulated payment: nothing is charged).
//! Shows the amount with the online discount of the catalogue, a payment
//! method, then a confirmation.

use crate::components::dossier::{back_to_dossier, DossierGate};
use crate::hooks::use_portal::{client, use_portal};
use crate::pages::receipt::CodeProps;
use crate::routes::Route;
use crate::services::portal::Portal;
use crate::state::use_lang;
use std::rc::Rc;
use tokhai_core::dossier::Status;
use tokhai_core::messages::money;
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::portal::Dossier;
use tokhai_core::Lang;
use yew::prelude::*;
use yew_router::prelude::*;

/// Payment methods offered (as on the national payment platform).
const METHODS: [(&str, T); 3] = [("ngan_hang", T::PayBank), ("vi_dien_tu", T::PayWallet), ("the", T::PayCard)];

/// `/ho-so/{code}/thanh-toan`.
#[function_component(Pay)]
pub fn pay(props: &CodeProps) -> Html {
    let lang = use_lang();
    let render =
        Callback::from(move |(d, owner): (Rc<Dossier>, String)| html! { <PayView dossier={d} {owner} {lang} /> });
    html! { <DossierGate code={props.code.clone()} {lang} title={t(T::ActionPay, lang)} {render} /> }
}

/// Props of [`PayView`].
#[derive(Properties, PartialEq)]
pub struct PayProps {
    /// The dossier.
    pub dossier: Rc<Dossier>,
    /// Its owner.
    pub owner: String,
    /// Interface language.
    pub lang: Lang,
}

/// Amount, method, pay.
#[function_component(PayView)]
pub fn pay_view(props: &PayProps) -> Html {
    let lang = props.lang;
    let method = use_state(|| METHODS[0].0);
    let paying = use_state(|| false);
    let failed = use_state(|| None::<&'static str>);
    let navigator = use_navigator();
    let portal = use_portal();
    let d = props.dossier.clone();
    if d.status != Status::PaymentRequested {
        return html! { <Redirect<Route> to={Route::Dossier { code: d.code.clone() }} /> };
    }
    let amount = d.fee_vnd.unwrap_or(0);
    let onsubmit = {
        let (code, owner, method) = (d.code.clone(), props.owner.clone(), method.clone());
        let (paying, failed, navigator, portal) = (paying.clone(), failed.clone(), navigator.clone(), portal.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *paying {
                return;
            }
            paying.set(true);
            let label = METHODS.iter().find(|(v, _)| *v == *method).map(|(_, k)| t(*k, lang)).unwrap_or_default();
            let note = t(T::PaidWith, lang).replace("{method}", label);
            let (code, owner, paying, failed, navigator, portal) =
                (code.clone(), owner.clone(), paying.clone(), failed.clone(), navigator.clone(), portal.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = client(&portal).pay(&code, &owner, &note).await;
                back_to_dossier(result, lang, code, portal, navigator, |m| {
                    paying.set(false);
                    failed.set(Some(m));
                });
            });
        })
    };
    let options = METHODS.iter().map(|(value, key)| {
        let id = format!("method-{value}");
        let onchange = {
            let method = method.clone();
            let value = *value;
            Callback::from(move |_| method.set(value))
        };
        html! {
            <div class="tk-radio">
                <input type="radio" class="tk-radio__input" name="method" id={id.clone()} value={*value} checked={*method == *value} {onchange} />
                <label class="tk-radio__label" for={id}>{ t(*key, lang) }</label>
            </div>
        }
    });
    html! {
        <>
            <Link<Route> to={Route::Dossier { code: d.code.clone() }} classes="tk-back">{ t(T::BackToDossier, lang) }</Link<Route>>
            <form class="tk-form" novalidate=true {onsubmit}>
                <span class="tk-caption">{ &d.code }</span>
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ t(T::ActionPay, lang) }</h1>
                <p class="tk-tag tk-tag--grey">{ t(T::PaySimulated, lang) }</p>
                <dl class="tk-summary">
                    <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::Service, lang) }</dt><dd class="tk-summary__value">{ d.service.get(lang) }</dd></div>
                    <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::AmountDue, lang) }</dt><dd class="tk-summary__value" id="amount"><strong>{ money(amount, lang) }</strong></dd></div>
                    if let Some(full) = d.full_fee_vnd.filter(|f| *f > amount) {
                        <div class="tk-summary__row"><dt class="tk-summary__key">{ t(T::OnlineDiscount, lang) }</dt>
                            <dd class="tk-summary__value">{ t(T::DiscountLine, lang).replace("{full}", &money(full, lang)).replace("{saved}", &money(full - amount, lang)) }</dd></div>
                    }
                </dl>
                <fieldset class="tk-fieldset">
                    <legend class="tk-legend">{ t(T::PayMethod, lang) }</legend>
                    <div class="tk-choices">{ for options }</div>
                </fieldset>
                if let Some(m) = *failed { <div class="tk-inline-alert" role="alert"><p>{ m }</p></div> }
                <button type="submit" class="tk-button" id="pay" disabled={*paying}>{ t(T::PayButton, lang).replace("{amount}", &money(amount, lang)) }</button>
            </form>
        </>
    }
}
