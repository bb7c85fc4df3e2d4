//! JSON in the browser: the browser's own `JSON.parse`, then serde through
//! `serde-wasm-bindgen`. Keeps serde_json's parser out of the wasm (measured
//! with `make bench`); the native core still reads JSON with serde_json.

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// Reads `T` from JSON text. The error is for logs and tests, not for citizens.
#[cfg(target_arch = "wasm32")]
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|_| "not JSON".to_string())?;
    from_value(value)
}

/// Reads `T` from JSON text (the prerenderer, natively: serde_json).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Reads `T` from an already parsed JavaScript value (e.g. `Response.json()`).
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// JSON text of `value`, through `serde-wasm-bindgen` and the browser's `JSON.stringify`.
pub fn stringify<T: serde::Serialize>(value: &T) -> Option<String> {
    let v = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    js_sys::JSON::stringify(&v).ok().map(String::from)
}
