//! The hospital's electronic certificate (giấy chứng sinh / giấy báo tử) of a
//! birth or death registration (plain or linked), found by the mother's or the
//! deceased's personal ID
//! (simulated source: `seeds/hospital/certificates.json`, compiled in: it is
//! small). Offered where the form asks for what it holds and where the upload
//! is asked, as `file::StoredOffer` offers the citizen's stored results; an
//! upload remains possible.

use crate::services::json;
use serde::Deserialize;
use std::rc::Rc;
use tokhai_core::answers::text_of;
use tokhai_core::linked::{certificate_subject, certificates_for, CertKind, Certificate};
use tokhai_core::messages::linked::{certificate_offer, l, L};
use tokhai_core::{Answers, Lang};
use yew::prelude::*;

/// The seed file's text.
const SEED: &str = include_str!("../../seeds/hospital/certificates.json");

#[derive(Deserialize)]
struct Seed {
    certificates: Vec<Certificate>,
}

thread_local! {
    static ALL: Rc<Vec<Certificate>> = Rc::new(json::parse::<Seed>(SEED).map(|s| s.certificates).unwrap_or_default());
}

/// Every certificate the simulated hospitals pushed.
pub fn all() -> Rc<Vec<Certificate>> {
    ALL.with(Rc::clone)
}

/// Props of [`CertificateOffer`].
#[derive(Properties, PartialEq)]
pub struct CertificateOfferProps {
    /// The certificate the form takes.
    pub kind: CertKind,
    /// The combined answers so far (the subject's ID, the code used).
    pub answers: Rc<Answers>,
    /// Interface language.
    pub lang: Lang,
    /// Use a certificate: the answers it gives (its data and its code).
    pub on_use: Callback<Answers>,
    /// Stop using it: the code is cleared and the upload asked again.
    pub on_clear: Callback<()>,
}

/// "Dùng giấy này": the certificates found for the mother or the deceased.
#[function_component(CertificateOffer)]
pub fn certificate_offer_view(props: &CertificateOfferProps) -> Html {
    let lang = props.lang;
    let all = all();
    let Some(subject) = certificate_subject(props.kind, &props.answers) else { return html! {} };
    let found = certificates_for(&all, props.kind, &subject);
    let used = text_of(&props.answers, props.kind.code_field()).trim().to_string();
    let in_use = found.iter().find(|c| !used.is_empty() && c.code == used);
    let body = match in_use {
        Some(c) => {
            let on_clear = props.on_clear.clone();
            html! {
                <>
                    <p class="tk-body" id="certificate-used" tabindex="-1" role="status">{ l(L::CertUsed, lang) }</p>
                    <p class="tk-body"><span class="tk-code">{ &c.code }</span>{ " · " }{ &c.facility }{ ", " }{ &c.issued }</p>
                    <button type="button" class="tk-button tk-button--secondary" id="certificate-upload"
                        onclick={Callback::from(move |_| on_clear.emit(()))}>
                        { l(L::CertUpload, lang) }
                    </button>
                </>
            }
        }
        None if found.is_empty() => html! { <p class="tk-hint" id="certificate-none">{ l(L::CertNone, lang) }</p> },
        None => {
            let items = found.iter().enumerate().map(|(i, c)| {
                let (cb, given) = (props.on_use.clone(), c.answers());
                let onclick = Callback::from(move |_| cb.emit(given.clone()));
                html! {
                    <li class="tk-files__item">
                        <span>{ certificate_offer(props.kind, &c.facility, &c.code, lang) }<br />
                            <span class="tk-hint">{ &c.issued }</span></span>
                        <button type="button" class="tk-button tk-button--secondary" id={format!("certificate-use-{i}")} {onclick}>
                            { l(L::CertUse, lang) }<span class="tk-vh">{ format!(" {}", c.code) }</span>
                        </button>
                    </li>
                }
            });
            html! { <ul class="tk-files">{ for items }</ul> }
        }
    };
    html! {
        <div class="tk-picker" id="certificate-offer" role="group" aria-labelledby="certificate-title">
            <p class="tk-label" id="certificate-title" tabindex="-1">{ l(L::CertHeading, lang) }</p>
            <p class="tk-hint">{ l(L::CertWhere, lang) }</p>
            { body }
        </div>
    }
}
