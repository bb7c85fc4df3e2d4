//! "Xác thực kết quả điện tử" (`/xac-thuc`): anyone (a bank clerk, a school)
//! opens a result file or scans its QR code (which opens this page with the
//! stamp in the fragment, `#kq=…`, never sent to a server) and sees whether
//! it is genuine. No sign-in; the file is checked on the device.

use crate::components::result_view::{checked_view, Checked};
use crate::hooks::use_page_title;
use crate::services::results;
use crate::state::use_lang;
use tokhai_core::messages::results::{r, R};
use tokhai_core::results::{Content, Stamp, MAX_FILE_BYTES};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the page holds.
#[derive(Clone, Debug, PartialEq)]
enum Opened {
    Nothing,
    /// A file was chosen but could not be read.
    Unreadable(R),
    Checked(Checked),
}

async fn check(text: &str) -> Checked {
    match results::verify(text).await {
        Ok(v) => Checked::Valid(Box::new(v)),
        Err(why) => Checked::Refused(why),
    }
}

/// `/xac-thuc`.
#[function_component(Verify)]
pub fn verify() -> Html {
    let lang = use_lang();
    use_page_title(r(R::VerifyTitle, lang).to_string());
    let from_qr = use_state(|| Opened::Nothing);
    let opened = use_state(|| Opened::Nothing);
    let matches = use_state(|| None::<bool>);
    // A QR code opens this page with its stamp in the fragment.
    {
        let from_qr = from_qr.clone();
        use_effect_with((), move |_| {
            let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            if hash.starts_with("#kq=") {
                from_qr.set(Opened::Checked(Checked::Checking));
                wasm_bindgen_futures::spawn_local(async move { from_qr.set(Opened::Checked(check(&hash).await)) });
            }
        });
    }
    let stamp: Option<Stamp> = match &*from_qr {
        Opened::Checked(Checked::Valid(v)) => match &v.content {
            Content::Stamp(s) => Some(s.clone()),
            Content::Document(_) => None,
        },
        _ => None,
    };
    let onchange = {
        let (opened, matches, stamp) = (opened.clone(), matches.clone(), stamp.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            matches.set(None);
            if file.size() > MAX_FILE_BYTES as f64 {
                opened.set(Opened::Unreadable(R::FileTooBig));
                return;
            }
            opened.set(Opened::Checked(Checked::Checking));
            let (opened, matches, stamp) = (opened.clone(), matches.clone(), stamp.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = match JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()) {
                    Some(t) => t,
                    None => {
                        opened.set(Opened::Unreadable(R::FileUnreadable));
                        return;
                    }
                };
                let checked = check(&text).await;
                if let (Some(s), Checked::Valid(_)) = (&stamp, &checked) {
                    let same = match results::trust().await {
                        Ok(trust) => results::file_matches_stamp(&text, s, &trust).await,
                        Err(_) => false,
                    };
                    matches.set(Some(same));
                }
                opened.set(Opened::Checked(checked));
            });
        })
    };
    let shown = |o: &Opened, id: &'static str| match o {
        Opened::Nothing => html! {},
        Opened::Unreadable(key) => html! {
            <div class="tk-inline-alert" {id} role="alert" data-verdict="unreadable">
                <p class="tk-body">{ r(*key, lang) }</p>
            </div>
        },
        Opened::Checked(c) => checked_view(c, lang, id),
    };
    let matched = match *matches {
        Some(true) => {
            html! { <p class="tk-body" id="stamp-match" data-match="yes"><strong>{ r(R::StampMatches, lang) }</strong></p> }
        }
        Some(false) => {
            html! { <p class="tk-inline-alert" id="stamp-match" role="alert" data-match="no">{ r(R::StampDiffers, lang) }</p> }
        }
        None => html! {},
    };
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ r(R::VerifyTitle, lang) }</h1>
            <p class="tk-body">{ r(R::VerifyIntro, lang) }</p>
            <p class="tk-hint">{ r(R::NoSignIn, lang) }</p>
            if *from_qr != Opened::Nothing {
                <section class="tk-section" aria-labelledby="qr-heading">
                    <h2 class="tk-h2" id="qr-heading">{ r(R::ScanQr, lang) }</h2>
                    { shown(&from_qr, "qr-state") }
                </section>
            }
            <section class="tk-section" aria-labelledby="file-heading">
                <h2 class="tk-h2" id="file-heading">{ r(R::OpenFile, lang) }</h2>
                <div class="tk-field">
                    <label class="tk-label" for="result-file">{ r(R::ChooseFile, lang) }</label>
                    <input class="tk-file" type="file" id="result-file" accept=".jws,application/jose,text/plain" onchange={onchange} />
                </div>
                <div aria-live="polite">
                    { shown(&opened, "verify-state") }
                    { matched }
                </div>
            </section>
        </>
    }
}
