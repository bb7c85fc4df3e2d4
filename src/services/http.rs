//! The one place the app fetches a same-origin text file (catalogue, form
//! definitions, wards, seed citizens).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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
