//! "Tải về để dùng khi mất mạng": asks the service worker (`sw.js`) to cache
//! every form and ward, through `window.__tkOffline` in `index.html`. A first
//! visit caches only what the citizen opens; this is the citizen's choice.

use crate::state::use_lang;
use js_sys::{Function, Reflect};
use tokhai_core::messages::keep::{k, K};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Where the download stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offline {
    /// Not asked (or not known yet).
    Idle,
    /// On its way.
    Working,
    /// Everything is cached.
    Done,
    /// No service worker here (unsupported, blocked, not yet installed).
    Unavailable,
    /// Some files did not arrive.
    Failed,
}

/// Asks the service worker `message` (`tokhai-download-all`, or
/// `tokhai-download-all?` to know whether it was done); `done` gets
/// `Some(true|false)`, or `None` where there is no service worker.
pub fn ask(message: &str, done: impl FnOnce(Option<bool>) + 'static) {
    let Some(f) = web_sys::window()
        .and_then(|w| Reflect::get(&w, &JsValue::from_str("__tkOffline")).ok())
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return done(None);
    };
    let cb = Closure::once_into_js(move |v: JsValue| done(v.as_bool()));
    if f.call2(&JsValue::NULL, &JsValue::from_str(message), &cb).is_err() {
        // `done` went with the closure; nothing else to tell.
    }
}

/// Asks for everything to be cached (an assisted session on a team's device).
pub fn download_all() {
    ask("tokhai-download-all", |_| {});
}

/// The footer's offline box.
#[function_component(OfflineDownload)]
pub fn offline_download() -> Html {
    let lang = use_lang();
    let state = use_state_eq(|| Offline::Idle);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            ask("tokhai-download-all?", move |v| {
                if v == Some(true) {
                    state.set(Offline::Done);
                }
            })
        });
    }
    let onclick = {
        let state = state.clone();
        Callback::from(move |_| {
            state.set(Offline::Working);
            let state = state.clone();
            ask("tokhai-download-all", move |v| {
                state.set(match v {
                    Some(true) => Offline::Done,
                    Some(false) => Offline::Failed,
                    None => Offline::Unavailable,
                })
            });
        })
    };
    let status = match *state {
        Offline::Idle => None,
        Offline::Working => Some(K::OfflineDownloading),
        Offline::Done => Some(K::OfflineDownloaded),
        Offline::Unavailable => Some(K::OfflineUnavailable),
        Offline::Failed => Some(K::OfflineFailed),
    };
    html! {
        <section class="tk-offline" aria-labelledby="offline-title">
            <h2 class="tk-footer__title" id="offline-title">{ k(K::OfflineTitle, lang) }</h2>
            <p class="tk-footer__hint" id="offline-hint">{ k(K::OfflineDownloadHint, lang) }</p>
            <button id="download-offline" type="button" class="tk-button tk-button--secondary tk-button--small"
                aria-describedby="offline-hint" disabled={*state == Offline::Working} {onclick}>
                { k(K::OfflineDownload, lang) }
            </button>
            <p id="offline-status" class="tk-footer__hint" role="status">{ status.map(|s| k(s, lang)).unwrap_or_default() }</p>
        </section>
    }
}
