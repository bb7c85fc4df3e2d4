//! The VNeID simulator (cargo feature `mock-idp`, on by default so that
//! `make run` works alone). Only this module holds the mock issuer's private
//! key. It mints a short-lived token for a chosen seed citizen, and the rest of
//! the app sees nothing but that token, as it would after a real OIDC redirect.

use super::http::fetch_text;
use super::identity::{now_secs, sign_compact};
use super::json;
use serde::Deserialize;
use tokhai_core::identity::{Citizen, AUDIENCE, ISSUER};
use tokhai_core::Text;
use wasm_bindgen::JsValue;

/// The mock issuer's private key: MOCK, NOT SECRET (see seeds/mock-issuer/README.md).
const PRIVATE_JWK: &str = include_str!("../../seeds/mock-issuer/private.jwk.json");

/// How long a simulated sign-in lasts.
pub const TOKEN_TTL_SECS: i64 = 30 * 60;

/// One line of `seeds/citizens/index.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SeedEntry {
    /// File name under `/citizens/`.
    pub file: String,
    /// Display name.
    pub full_name: String,
    /// What case this seed covers.
    pub note: Text,
    /// VNeID level of assurance.
    pub loa: u8,
}

/// The seed citizens on offer.
pub async fn seeds() -> Result<Vec<SeedEntry>, JsValue> {
    json::parse(&fetch_text("/citizens/index.json").await?).map_err(|e| JsValue::from_str(&e))
}

/// Signs a token for one seed citizen, valid for [`TOKEN_TTL_SECS`].
pub async fn sign_in_as(seed: &SeedEntry) -> Result<String, JsValue> {
    if !seed.file.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.') {
        return Err(JsValue::from_str("bad seed file name"));
    }
    let citizen_json = fetch_text(&format!("/citizens/{}", seed.file)).await?;
    mint(&citizen_json, seed.loa, now_secs(), TOKEN_TTL_SECS).await
}

/// Mints a token for a citizen (JSON as in `seeds/citizens`), issued at `now`.
pub async fn mint(citizen_json: &str, loa: u8, now: i64, ttl_secs: i64) -> Result<String, JsValue> {
    let citizen: Citizen = json::parse(citizen_json).map_err(|e| JsValue::from_str(&e))?;
    // Compact, re-serialised by the browser: the citizen JSON is data, never pasted as text.
    let compact = js_sys::JSON::stringify(&js_sys::JSON::parse(citizen_json)?)?.as_string().unwrap_or_default();
    let kid = js_sys::Reflect::get(&js_sys::JSON::parse(PRIVATE_JWK)?, &"kid".into())?.as_string().unwrap_or_default();
    let header = format!(r#"{{"alg":"ES256","typ":"JWT","kid":"{kid}"}}"#);
    let sub = citizen.identity.personal_id;
    if !sub.bytes().all(|b| b.is_ascii_digit()) {
        return Err(JsValue::from_str("bad personal id"));
    }
    let payload = format!(
        r#"{{"iss":"{ISSUER}","sub":"{sub}","aud":"{AUDIENCE}","iat":{now},"nbf":{now},"exp":{exp},"loa":{loa},"citizen":{compact}}}"#,
        exp = now + ttl_secs
    );
    sign_compact(&header, &payload, PRIVATE_JWK).await
}

/// The private key, for tests that forge variations of a token.
pub fn private_jwk() -> &'static str {
    PRIVATE_JWK
}
