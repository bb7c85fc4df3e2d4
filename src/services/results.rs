//! Signed electronic results: the verifier (WebCrypto, for everyone, on
//! `/xac-thuc` and the result page) and, in the simulator (`mock-idp`), the
//! agency that issues them. The pure half (container, DER, the decisions) is
//! `tokhai_core::results`; the trust anchors (`/ca/root.pem`,
//! `/ca/agencies.json`) are public certificates fetched once, never keys.

use super::http::fetch_text;
use super::identity::{es256, subtle};
use js_sys::{Array, Uint8Array};
use std::cell::RefCell;
use tokhai_core::results::{prepare, Refusal, Trust, Verified};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, EcKeyImportParams};

thread_local! {
    static TRUST: RefCell<Option<std::rc::Rc<Trust>>> = const { RefCell::new(None) };
}

/// The shipped root and agency chains (fetched once per page load).
pub async fn trust() -> Result<std::rc::Rc<Trust>, Refusal> {
    if let Some(t) = TRUST.with_borrow(|t| t.clone()) {
        return Ok(t);
    }
    let root = fetch_text("/ca/root.pem").await.map_err(|_| Refusal::CryptoUnavailable)?;
    let agencies = fetch_text("/ca/agencies.json").await.unwrap_or_else(|_| "[]".into());
    let t = std::rc::Rc::new(Trust::new(root.as_bytes(), &agencies).ok_or(Refusal::CryptoUnavailable)?);
    TRUST.set(Some(t.clone()));
    Ok(t)
}

async fn import_spki(spki: &[u8]) -> Result<CryptoKey, JsValue> {
    let subtle = subtle().map_err(|e| JsValue::from_str(e.code()))?;
    let alg = EcKeyImportParams::new("ECDSA");
    alg.set_named_curve("P-256");
    let usages = Array::of1(&JsValue::from_str("verify"));
    let data = Uint8Array::from(spki);
    let key = JsFuture::from(subtle.import_key_with_object("spki", &data, &alg, false, &usages)?).await?;
    wasm_bindgen::JsCast::dyn_into(key)
}

async fn ecdsa_ok(spki: &[u8], message: &[u8], signature: &[u8]) -> Result<bool, Refusal> {
    let subtle = subtle().map_err(|_| Refusal::CryptoUnavailable)?;
    // A key WebCrypto refuses to import is not a P-256 key: the algorithm is wrong.
    let key = import_spki(spki).await.map_err(|_| Refusal::WrongAlgorithm)?;
    let check = subtle
        .verify_with_object_and_u8_array_and_u8_array(&es256(), &key, signature, message)
        .map_err(|_| Refusal::CryptoUnavailable)?;
    Ok(JsFuture::from(check).await.map(|v| v.as_bool() == Some(true)).unwrap_or(false))
}

/// Checks a result file or QR text completely in the browser: the document's
/// signature, the chain up to the shipped root, each certificate's purpose
/// and validity at the signing time. Never panics on any input.
pub async fn verify(input: &str) -> Result<Verified, Refusal> {
    let trust = trust().await?;
    verify_with(input, &trust).await
}

/// [`verify`] against given trust anchors (tests).
pub async fn verify_with(input: &str, trust: &Trust) -> Result<Verified, Refusal> {
    let pending = prepare(input, trust)?;
    let mut results = Vec::with_capacity(pending.checks().len());
    for c in pending.checks() {
        results.push(ecdsa_ok(&c.spki, &c.message, &c.signature).await?);
    }
    pending.conclude(&results)
}

/// SHA-256 with WebCrypto.
pub async fn sha256(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    let subtle = subtle().map_err(|_| Refusal::CryptoUnavailable)?;
    let p = subtle.digest_with_str_and_u8_array("SHA-256", bytes).map_err(|_| Refusal::CryptoUnavailable)?;
    let out = JsFuture::from(p).await.map_err(|_| Refusal::CryptoUnavailable)?;
    Ok(Uint8Array::new(&out).to_vec())
}

/// Whether a verified stamp (from a QR code) matches a genuine result file.
pub async fn file_matches_stamp(file: &str, stamp: &tokhai_core::results::Stamp, trust: &Trust) -> bool {
    let Some(seg) = tokhai_core::results::payload_segment(file) else { return false };
    let Ok(hash) = sha256(seg.as_bytes()).await else { return false };
    let Ok(v) = verify_with(file, trust).await else { return false };
    match v.content {
        tokhai_core::results::Content::Document(d) => tokhai_core::results::stamp_matches(stamp, &d, &hash),
        tokhai_core::results::Content::Stamp(_) => false,
    }
}

/// Offers `text` as a file download named `name` (a Blob URL, revoked after).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))?;
    let a: web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_into(doc.create_element("a")?)?;
    a.set_attribute("href", &url)?;
    a.set_attribute("download", name)?;
    a.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// The simulated agencies: they sign results with the MOCK agency keys of
/// `seeds/ca/agencies` (not secret; only in a `mock-idp` build).
#[cfg(feature = "mock-idp")]
pub mod agency {
    use super::super::identity::sign_compact;
    use super::super::json;
    use super::super::portal::{office, update};
    use std::cell::Cell;
    use tokhai_core::portal::{Dossier, Issued};
    use tokhai_core::results::{
        build, file_header, payload_bytes, service_of_part, stamp_for, stamp_header, Source, Trust,
    };

    const KEYS: &[(&str, &str)] = &[
        ("cong-an", include_str!("../../seeds/ca/agencies/cong-an.jwk.json")),
        ("ho-tich", include_str!("../../seeds/ca/agencies/ho-tich.jwk.json")),
        ("lltp", include_str!("../../seeds/ca/agencies/lltp.jwk.json")),
        ("bhxh", include_str!("../../seeds/ca/agencies/bhxh.jwk.json")),
        ("chung", include_str!("../../seeds/ca/agencies/chung.jwk.json")),
    ];

    thread_local! {
        static BUSY: Cell<bool> = const { Cell::new(false) };
    }

    /// Signs the result of one dossier: the file (header with the agency's
    /// chain, as the verifier's trust anchors ship it) and its QR stamp.
    pub async fn issue(d: &Dossier, trust: &Trust) -> Option<Issued> {
        let iat = d.history.iter().rev().find(|s| s.status == d.status).map_or(d.received, |s| s.at) / 1000;
        // A part of a linked filing gives its own procedure's result.
        let service_id = d.part_of.as_ref().map_or(d.form.as_str(), |p| service_of_part(p.part));
        let doc = build(
            &Source {
                code: &d.code,
                service_id,
                service: &d.service,
                agency: &d.agency,
                owner: &d.owner,
                answers: &d.answers,
            },
            iat,
        );
        let kid = doc.issuer.cert.clone();
        let jwk = KEYS.iter().find(|(k, _)| *k == kid)?.1;
        let chain = &trust.agencies.iter().find(|(id, _)| *id == kid)?.1;
        let header = file_header(chain);
        let payload = String::from_utf8(payload_bytes(&doc)).ok()?;
        let file = sign_compact(&header, &payload, jwk).await.ok()?;
        let seg = tokhai_core::results::payload_segment(&file)?;
        let hash = super::sha256(seg.as_bytes()).await.ok()?;
        let stamp = json::stringify(&stamp_for(&doc, &hash))?;
        let stamp = sign_compact(&stamp_header(&kid), &stamp, jwk).await.ok()?;
        Some(Issued { file, stamp })
    }

    /// Issues every result that is due and not yet issued. One run at a time.
    pub async fn issue_due() -> bool {
        if BUSY.get() {
            return false;
        }
        let due: Vec<Dossier> = office().awaiting_result().into_iter().cloned().collect();
        if due.is_empty() {
            return false;
        }
        let Ok(trust) = super::trust().await else { return false };
        BUSY.set(true);
        let mut any = false;
        for d in due {
            if let Some(issued) = issue(&d, &trust).await {
                any |= update(|o| {
                    o.results.entry(d.code.clone()).or_insert(issued);
                    Ok(())
                })
                .is_ok();
            }
        }
        BUSY.set(false);
        any
    }
}
