//! The one place the app fetches a same-origin text file (catalogue, form
//! definitions, wards, seed citizens).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The body of `path`, or an error for no window, a network failure or a non-2xx status.
pub async fn fetch_text(path: &str) -> Result<String, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(path)).await?.dyn_into()?;
    if !resp.ok() {
        return Err(JsValue::from_str(&format!("HTTP {}", resp.status())));
    }
    Ok(JsFuture::from(resp.text()?).await?.as_string().unwrap_or_default())
}
