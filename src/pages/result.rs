//! "Kết quả điện tử" of one dossier (`/ho-so/{code}/ket-qua`): the signed
//! result checked in this browser with WebCrypto, its signature block and QR
//! code, download and print.

use crate::components::dossier::{qr_svg, DossierGate};
use crate::components::result_view::{checked_view, Checked};
use crate::hooks::use_portal::use_portal;
use crate::pages::receipt::CodeProps;
use crate::routes::Route;
use crate::services::results;
use crate::state::use_lang;
use std::rc::Rc;
use tokhai_core::messages::results::{r, R};
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::portal::{Dossier, Issued};
use tokhai_core::results::qr_text;
use tokhai_core::Lang;
use yew::prelude::*;
use yew_router::prelude::*;

/// `/ho-so/{code}/ket-qua`.
#[function_component(ResultPage)]
pub fn result_page(props: &CodeProps) -> Html {
    let lang = use_lang();
    let portal = use_portal();
    let issued = portal.and_then(|p| p.view.result(props.code.as_str()).cloned());
    let render = Callback::from(move |(d, _): (Rc<Dossier>, String)| {
        html! { <ResultView dossier={d} issued={issued.clone()} {lang} /> }
    });
    html! { <DossierGate code={props.code.clone()} {lang} title={r(R::ResultTitle, lang)} {render} /> }
}

/// Props of [`ResultView`].
#[derive(Properties, PartialEq)]
struct ResultViewProps {
    dossier: Rc<Dossier>,
    issued: Option<Issued>,
    lang: Lang,
}

#[function_component(ResultView)]
fn result_view(props: &ResultViewProps) -> Html {
    let lang = props.lang;
    let d = &props.dossier;
    let checked = use_state(|| Checked::Checking);
    {
        let checked = checked.clone();
        use_effect_with(props.issued.clone(), move |issued| {
            if let Some(i) = issued.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    checked.set(match results::verify(&i.file).await {
                        Ok(v) => Checked::Valid(Box::new(v)),
                        Err(why) => Checked::Refused(why),
                    });
                });
            }
        });
    }
    let back = html! { <Link<Route> to={Route::Dossier { code: d.code.clone() }} classes="tk-back">{ t(T::DossierTitle, lang).replace("{code}", &d.code) }</Link<Route>> };
    let Some(issued) = props.issued.clone() else {
        return html! {
            <>
                { back }
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ r(R::ResultTitle, lang) }</h1>
                <p class="tk-body" role="status">{ r(R::ResultNotYet, lang) }</p>
            </>
        };
    };
    let download = {
        let (file, code) = (issued.file.clone(), d.code.clone());
        Callback::from(move |_| {
            let _ = results::download(&format!("ket-qua-{code}.jws"), "application/jose", &file);
        })
    };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let qr = qr_text(&origin, &issued.stamp);
    html! {
        <>
            { back }
            <span class="tk-caption">{ d.service.get(lang) }</span>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ r(R::ResultTitle, lang) }</h1>
            <p class="tk-body tk-noprint">{ r(R::ResultIntro, lang) }</p>
            { checked_view(&checked, lang, "verify-state") }
            <figure class="tk-result__qr">
                { qr_svg(&qr, "result-qr", r(R::QrCaption, lang).to_string()) }
                <figcaption class="tk-hint">{ r(R::QrCaption, lang) }</figcaption>
            </figure>
            <div class="tk-button-group tk-noprint">
                <button type="button" class="tk-button" id="result-download" onclick={download}>{ r(R::Download, lang) }</button>
                <button type="button" class="tk-button tk-button--secondary" id="result-print" onclick={print}>{ r(R::Print, lang) }</button>
                <Link<Route> to={Route::Verify} classes="tk-link">{ r(R::OpenInVerifier, lang) }</Link<Route>>
            </div>
        </>
    }
}
