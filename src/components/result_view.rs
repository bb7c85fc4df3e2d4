//! A signed result as the citizen, a clerk or a school reads it: what the
//! document certifies, its visible signature block, and what TT 15/2025
//! asks a verifier to show (valid or not, signer organisation, issuing CA,
//! signing time, certificate validity). Used by the result page and `/xac-thuc`.

use tokhai_core::messages::results::{r, refusal_message, signing_time, validity, R};
use tokhai_core::results::{Content, Refusal, Verified};
use tokhai_core::Lang;
use yew::prelude::*;

/// What checking a file gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Checked {
    /// Still checking.
    Checking,
    /// Genuine.
    Valid(Box<Verified>),
    /// Refused, with why.
    Refused(Refusal),
}

fn row(key: R, value: Html, lang: Lang) -> Html {
    html! {
        <div class="tk-summary__row">
            <dt class="tk-summary__key">{ r(key, lang) }</dt>
            <dd class="tk-summary__value">{ value }</dd>
        </div>
    }
}

/// The verdict and, when genuine, the document.
pub fn checked_view(checked: &Checked, lang: Lang, id: &'static str) -> Html {
    match checked {
        Checked::Checking => html! { <p class="tk-body" {id} role="status">{ r(R::Checking, lang) }</p> },
        Checked::Refused(why) => html! {
            <div class="tk-inline-alert tk-verdict tk-verdict--bad" {id} role="alert" data-verdict="refused" data-reason={why.code()}>
                <h2 class="tk-h2">{ r(R::Invalid, lang) }</h2>
                <p class="tk-body">{ refusal_message(*why, lang) }</p>
            </div>
        },
        Checked::Valid(v) => verified_view(v, lang, id),
    }
}

fn verified_view(v: &Verified, lang: Lang, id: &'static str) -> Html {
    let verification = html! {
        <dl class="tk-summary" aria-label={r(R::SignatureBlock, lang)}>
            { row(R::Signer, html! { &v.signer }, lang) }
            { row(R::SignerCert, html! { &v.signer_cn }, lang) }
            { row(R::IssuingCa, html! { &v.issuing_ca }, lang) }
            { row(R::RootCa, html! { &v.root }, lang) }
            { row(R::SigningTime, html! { signing_time(v.signed_at, lang) }, lang) }
            { row(R::CertValidity, html! { validity(v.cert_not_before, v.cert_not_after, lang) }, lang) }
            { row(R::ValidAtSigning, html! { r(R::ValidAtSigningOk, lang) }, lang) }
            { row(R::Integrity, html! { r(R::IntegrityOk, lang) }, lang) }
        </dl>
    };
    match &v.content {
        Content::Stamp(s) => html! {
            <div class="tk-verdict tk-verdict--good" {id} role="status" data-verdict="valid" data-kind="stamp">
                <h2 class="tk-h2">{ r(R::StampValid, lang) }</h2>
                <p class="tk-body">{ r(R::StampBody, lang) }</p>
                <dl class="tk-summary">
                    { row(R::DocumentKind, html! { s.k.name().get(lang).to_string() }, lang) }
                    { row(R::Number, html! { <span class="tk-code">{ &s.n }</span> }, lang) }
                    { row(R::DossierCode, html! { <span class="tk-code">{ &s.c }</span> }, lang) }
                </dl>
                { verification }
            </div>
        },
        Content::Document(d) => html! {
            <div class="tk-verdict tk-verdict--good" {id} role="status" data-verdict="valid" data-kind="document">
                <h2 class="tk-h2">{ r(R::Valid, lang) }</h2>
                <p class="tk-body">{ r(R::ValidBody, lang) }</p>
                <article class="tk-result" aria-labelledby="result-doc-title">
                    <p class="tk-result__issuer">{ d.issuer.name.get(lang) }</p>
                    <h3 class="tk-h2 tk-result__title" id="result-doc-title">{ d.title.get(lang) }</h3>
                    <dl class="tk-summary">
                        { row(R::Number, html! { <span class="tk-code" id="result-number">{ &d.number }</span> }, lang) }
                        { row(R::IssuedOn, html! { &d.date }, lang) }
                        { row(R::Holder, html! { &d.holder.name }, lang) }
                        if let Some(id) = &d.holder.personal_id { { row(R::PersonalId, html! { id }, lang) } }
                        { row(R::Service, html! { d.service.get(lang) }, lang) }
                        { row(R::DossierCode, html! { <span class="tk-code">{ &d.dossier }</span> }, lang) }
                    </dl>
                    <h4 class="tk-h3">{ r(R::Certified, lang) }</h4>
                    <dl class="tk-summary" id="result-data">
                        { for d.data.iter().map(|c| html! {
                            <div class="tk-summary__row">
                                <dt class="tk-summary__key">{ c.label.get(lang) }</dt>
                                <dd class="tk-summary__value">{ &c.value }</dd>
                            </div>
                        }) }
                    </dl>
                    <div class="tk-signature" aria-label={r(R::SignatureBlock, lang)}>
                        <p class="tk-signature__title">{ r(R::SignatureBlock, lang) }</p>
                        <p>{ r(R::SignedBy, lang) }{ ": " }<strong>{ &v.signer }</strong></p>
                        <p>{ r(R::SigningTime, lang) }{ ": " }{ signing_time(v.signed_at, lang) }</p>
                    </div>
                </article>
                { verification }
                <p class="tk-hint">{ r(R::MockNotice, lang) }</p>
            </div>
        },
    }
}
