//! The identity token: checked in the browser with WebCrypto against the
//! issuer's public key (ES256), kept in `sessionStorage` only (gone when the
//! tab closes), never put in a URL or a log.

use super::json;
use js_sys::{Array, Object, Uint8Array};
use tokhai_core::identity::TokenClaims;
use tokhai_core::jws::{self, Header, TokenError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, EcKeyImportParams, EcdsaParams, SubtleCrypto};

/// The issuer's public key (JWK). The private key is not in this app; the
/// simulator (feature `mock-idp`) holds its own copy of the mock one.
pub const ISSUER_PUBLIC_JWK: &str = include_str!("../../seeds/mock-issuer/public.jwk.json");

/// `sessionStorage` key of the token.
pub const TOKEN_KEY: &str = "tokhai.token";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The token kept for this tab, if any.
pub fn stored_token() -> Option<String> {
    session()?.get_item(TOKEN_KEY).ok().flatten()
}

/// Keeps the token for this tab. Returns false where storage is refused (the
/// sign-in then lasts until the page is reloaded).
pub fn store_token(token: &str) -> bool {
    session().is_some_and(|s| s.set_item(TOKEN_KEY, token).is_ok())
}

/// Removes the token (sign-out, refused token).
pub fn forget_token() {
    if let Some(s) = session() {
        let _ = s.remove_item(TOKEN_KEY);
    }
}

/// The browser's SubtleCrypto, or `CryptoUnavailable` (insecure context, old browser).
pub fn subtle() -> Result<SubtleCrypto, TokenError> {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).ok_or(TokenError::CryptoUnavailable)?;
    let subtle = crypto.subtle();
    if JsValue::from(subtle.clone()).is_undefined() {
        return Err(TokenError::CryptoUnavailable);
    }
    Ok(subtle)
}

/// Imports a P-256 JWK for ECDSA (`usage`: "verify" or "sign").
pub async fn import_ec_key(subtle: &SubtleCrypto, jwk: &str, usage: &str) -> Result<CryptoKey, JsValue> {
    let jwk: Object = js_sys::JSON::parse(jwk)?.dyn_into()?;
    let alg = EcKeyImportParams::new("ECDSA");
    alg.set_named_curve("P-256");
    let usages = Array::of1(&JsValue::from_str(usage));
    let key = JsFuture::from(subtle.import_key_with_object("jwk", &jwk, &alg, false, &usages)?).await?;
    key.dyn_into()
}

/// ECDSA with SHA-256, as ES256 asks.
pub fn es256() -> EcdsaParams {
    EcdsaParams::new_with_str("ECDSA", "SHA-256")
}

/// Seconds since 1970 on this device.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Checks a token completely: size, shape, `alg` exactly ES256, the signature
/// with WebCrypto against [`ISSUER_PUBLIC_JWK`], then issuer, audience and
/// validity window of the claims. Nothing in it is trusted before that.
pub async fn verify(token: &str) -> Result<TokenClaims, TokenError> {
    verify_with_key(token, ISSUER_PUBLIC_JWK, now_secs()).await
}

/// [`verify`] with a given public key and clock (tests).
pub async fn verify_with_key(token: &str, public_jwk: &str, now: i64) -> Result<TokenClaims, TokenError> {
    let payload = verify_es256(token, public_jwk).await?;
    let claims: TokenClaims = json::parse(&payload).map_err(|_| TokenError::BadJson)?;
    jws::check_claims(&claims, now)?;
    Ok(claims)
}

/// Checks a compact JWS's shape, `alg` exactly ES256 and its signature with
/// WebCrypto against `public_jwk`; returns the payload, trusted from then on
/// (the identity token and the data-sharing platform's records alike).
pub async fn verify_es256(token: &str, public_jwk: &str) -> Result<String, TokenError> {
    let raw = jws::split(token)?;
    let header: Header = json::parse(&raw.header_json).map_err(|_| TokenError::BadJson)?;
    jws::check_header(&header, &raw)?;
    let subtle = subtle()?;
    let key = import_ec_key(&subtle, public_jwk, "verify").await.map_err(|_| TokenError::CryptoUnavailable)?;
    let check = subtle
        .verify_with_object_and_u8_array_and_u8_array(&es256(), &key, &raw.signature, raw.signing_input.as_bytes())
        .map_err(|_| TokenError::BadSignature)?;
    let valid = JsFuture::from(check).await.map_err(|_| TokenError::BadSignature)?;
    if valid.as_bool() != Some(true) {
        return Err(TokenError::BadSignature);
    }
    String::from_utf8(raw.payload).map_err(|_| TokenError::BadJson)
}

/// Signs `header.payload` with an ECDSA P-256 private JWK and returns the
/// compact JWS. Used by the simulator and by tests; the app's own code never
/// holds a private key outside the `mock-idp` feature.
pub async fn sign_compact(header_json: &str, payload_json: &str, private_jwk: &str) -> Result<String, JsValue> {
    let subtle = subtle().map_err(|e| JsValue::from_str(e.code()))?;
    let key = import_ec_key(&subtle, private_jwk, "sign").await?;
    let input = format!("{}.{}", jws::encode_part(header_json.as_bytes()), jws::encode_part(payload_json.as_bytes()));
    let sig = JsFuture::from(subtle.sign_with_object_and_u8_array(&es256(), &key, input.as_bytes())?).await?;
    let sig = Uint8Array::new(&sig).to_vec();
    Ok(format!("{input}.{}", jws::encode_part(&sig)))
}
