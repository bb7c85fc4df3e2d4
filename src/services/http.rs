//! The one place the app fetches a same-origin text file (catalogue, form
//! definitions, wards, seed citizens) or asks whether its server answers;
//! and the time limit given to a request to a server (this one, a portal).

use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCache, RequestInit};

/// How long [`reachable`] waits for an answer, in ms.
const REACH_MS: u32 = 8_000;

/// Gives the request made with `init` `ms` to finish, its body included:
/// the returned timer aborts it then, unless it was dropped first.
pub fn time_limit(init: &RequestInit, ms: u32) -> Result<Timeout, JsValue> {
    let abort = AbortController::new()?;
    init.set_signal(Some(&abort.signal()));
    Ok(Timeout::new(ms, move || abort.abort()))
}

/// Whether this app's server could be reached now: the browser says it is
/// online, and `HEAD /` (which the service worker leaves to the network) gets
/// an answer, whatever it is. `navigator.onLine` alone can say online for a
/// moment after a page loaded offline, and says so on a phone with no data.
pub async fn reachable() -> bool {
    let Some(window) = web_sys::window().filter(|_| crate::hooks::use_online::is_online()) else {
        return false;
    };
    let init = RequestInit::new();
    init.set_method("HEAD");
    init.set_cache(RequestCache::NoStore);
    let timer = time_limit(&init, REACH_MS).ok();
    let answered = JsFuture::from(window.fetch_with_str_and_init("/", &init)).await.is_ok();
    drop(timer);
    answered
}

/// The body of `path`, or an error for no window, a network failure, a
/// non-2xx status or a missing file.
pub async fn fetch_text(path: &str) -> Result<String, JsValue> {
    fetch_data(path).await?.ok_or_else(|| JsValue::from_str("missing"))
}

/// The body of the data file `path`; `None` when the site has no such file
/// (404 or 410, or a page served in its place by a server that answers every
/// unknown address with the app's HTML); an error for no window, a network
/// failure or another status.
pub async fn fetch_data(path: &str) -> Result<Option<String>, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(path)).await?.dyn_into()?;
    if matches!(resp.status(), 404 | 410) {
        return Ok(None);
    }
    if !resp.ok() {
        return Err(JsValue::from_str(&format!("HTTP {}", resp.status())));
    }
    let html = resp.headers().get("content-type").ok().flatten().is_some_and(|t| t.starts_with("text/html"));
    if html {
        return Ok(None);
    }
    Ok(JsFuture::from(resp.text()?).await?.as_string())
}
