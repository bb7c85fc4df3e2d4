//! Encryption at rest for assisted sessions, by the browser's WebCrypto:
//! AES-GCM (256-bit, a fresh 12-byte IV per record) under a key that is either
//! random and never extractable (held in memory only), or derived from the
//! resident's PIN with PBKDF2 (SHA-256, [`PBKDF2_ROUNDS`]) and a random salt.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// PBKDF2 iterations (OWASP's 2023 figure for SHA-256).
pub const PBKDF2_ROUNDS: u32 = 600_000;

/// WebCrypto is missing or refused the operation (or the key/PIN is wrong).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SealError;

fn subtle() -> Result<SubtleCrypto, SealError> {
    super::identity::subtle().map_err(|_| SealError)
}

fn obj(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn usages() -> Array {
    Array::of2(&"encrypt".into(), &"decrypt".into())
}

fn aes() -> Object {
    obj(&[("name", "AES-GCM".into()), ("length", 256.into())])
}

/// `n` random bytes from the browser's generator.
pub fn random(n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut out);
    }
    out
}

/// Waits for a WebCrypto call and takes its result as `T`.
async fn settle<T: JsCast>(call: Result<js_sys::Promise, JsValue>) -> Result<T, SealError> {
    JsFuture::from(call.map_err(|_| SealError)?).await.map_err(|_| SealError)?.dyn_into().map_err(|_| SealError)
}

/// A new random key that cannot be exported: it lives as long as this page.
pub async fn session_key() -> Result<CryptoKey, SealError> {
    settle(subtle()?.generate_key_with_object(&aes(), false, &usages())).await
}

/// The key derived from a PIN and salt.
pub async fn pin_key(pin: &str, salt: &[u8]) -> Result<CryptoKey, SealError> {
    let s = subtle()?;
    let raw = Uint8Array::from(pin.as_bytes());
    let base: CryptoKey =
        settle(s.import_key_with_str("raw", &raw, "PBKDF2", false, &Array::of1(&"deriveKey".into()))).await?;
    let params = obj(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", PBKDF2_ROUNDS.into()),
    ]);
    settle(s.derive_key_with_object_and_object(&params, &base, &aes(), false, &usages())).await
}

/// Encrypts `plain`: `(iv, ciphertext with tag)`.
pub async fn seal(key: &CryptoKey, plain: &[u8]) -> Result<(Uint8Array, Uint8Array), SealError> {
    let iv = Uint8Array::from(random(12).as_slice());
    let alg = obj(&[("name", "AES-GCM".into()), ("iv", iv.clone().into())]);
    let ct: js_sys::ArrayBuffer =
        settle(subtle()?.encrypt_with_object_and_buffer_source(&alg, key, &Uint8Array::from(plain))).await?;
    Ok((iv, Uint8Array::new(&ct)))
}

/// Decrypts; fails on a wrong key or altered data (the GCM tag).
pub async fn open(key: &CryptoKey, iv: &Uint8Array, ct: &Uint8Array) -> Result<Vec<u8>, SealError> {
    let alg = obj(&[("name", "AES-GCM".into()), ("iv", iv.clone().into())]);
    let plain: js_sys::ArrayBuffer = settle(subtle()?.decrypt_with_object_and_buffer_source(&alg, key, ct)).await?;
    Ok(Uint8Array::new(&plain).to_vec())
}
