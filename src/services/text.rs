//! Text as the registry keeps it: Unicode NFC, through the browser's own
//! `String.prototype.normalize` (no normalisation tables in the wasm).
//! Only text with a combining mark can change, so nothing else is touched.

use tokhai_core::rules::is_combining_mark;
use tokhai_core::Answer;

/// `s` in NFC.
pub fn nfc(s: &str) -> String {
    if !s.chars().any(is_combining_mark) {
        return s.to_string();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).normalize("NFC"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_string()
    }
}

/// Every text of an answer in NFC (street of an address, cells of a group).
pub fn nfc_answer(a: Answer) -> Answer {
    match a {
        Answer::Text(t) => Answer::Text(nfc(&t)),
        Answer::Many(v) => Answer::Many(v.iter().map(|t| nfc(t)).collect()),
        Answer::Address(mut ad) => {
            ad.street = nfc(&ad.street);
            Answer::Address(ad)
        }
        Answer::Rows(rows) => {
            Answer::Rows(rows.into_iter().map(|r| r.into_iter().map(|(k, v)| (k, nfc_answer(v))).collect()).collect())
        }
        files => files,
    }
}
