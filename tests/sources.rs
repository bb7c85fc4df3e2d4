//! Records of the other national databases, checked in the browser with
//! WebCrypto as the identity token is: a record signed by the data-sharing
//! platform verifies; a tampered byte or another key is refused, and nothing
//! of it fills the form; the store keeps typed answers over a source's.

use std::rc::Rc;
use tokhai::services::sources::verify;
use tokhai::state::{Action, Store};
use tokhai_core::drafts::Unanswered;
use tokhai_core::jws;
use tokhai_core::sources::{check_record_claims, Source};
use tokhai_core::{Answer, Answers};
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

/// The simulated platform's signed vehicle records (`sign-sources`).
const VEHICLES: &str = include_str!("../target/sources/vehicle.json");
/// Another key: the identity issuer's (MOCK, NOT SECRET).
const OTHER_KEY: &str = include_str!("../seeds/mock-issuer/private.jwk.json");

fn first_record() -> String {
    let all: Vec<String> = serde_json::from_str(VEHICLES).unwrap();
    all[0].clone()
}

#[wasm_bindgen_test]
async fn a_platform_record_verifies_and_belongs_to_its_owner() {
    let claims = verify(&first_record()).await.expect("the platform's signature verifies");
    assert_eq!(claims.source, Source::Vehicle);
    assert_eq!(check_record_claims(&claims, &claims.sub), Ok(()));
    assert!(check_record_claims(&claims, "001099000000").is_err(), "someone else's record is refused");
}

#[wasm_bindgen_test]
async fn a_tampered_record_or_another_key_is_refused() {
    let token = first_record();
    let parts: Vec<&str> = token.split('.').collect();
    // One character of the payload changed (still valid base64url).
    let mut payload = parts[1].to_string();
    let at = payload.len() / 2;
    let flipped = if &payload[at..at + 1] == "A" { "B" } else { "A" };
    payload.replace_range(at..at + 1, flipped);
    let tampered = format!("{}.{payload}.{}", parts[0], parts[2]);
    assert!(verify(&tampered).await.is_err(), "a changed byte");
    assert!(verify(&format!("{}.{}", parts[0], parts[1])).await.is_err(), "a truncated record");
    // The same claims signed with a key that is not the platform's.
    let raw = jws::split(&token).unwrap();
    let claims = String::from_utf8(raw.payload).unwrap();
    let forged = tokhai::services::identity::sign_compact(&raw.header_json, &claims, OTHER_KEY).await.unwrap();
    assert!(verify(&forged).await.is_err(), "another key");
}

#[wasm_bindgen_test]
fn a_refused_source_is_noted_and_typed_answers_win_over_a_source() {
    let text = |s: &str| Answer::Text(s.into());
    let from = |pairs: &[(&str, &str)]| -> Answers { pairs.iter().map(|(k, v)| (k.to_string(), text(v))).collect() };
    let store = Rc::new(Store::default()).reduce(Action::Records {
        form: "xe".into(),
        source: Source::Vehicle,
        result: Err(Unanswered::Refused),
    });
    assert_eq!(store.form("xe").unanswered.get(&Source::Vehicle), Some(&Unanswered::Refused));
    assert!(store.form("xe").answers.is_empty(), "nothing of a refused source is used");
    // The citizen typed the colour; the vehicle database then answers.
    let store = store.reduce(Action::Set { form: "xe".into(), field: "mau_son".into(), answer: Some(text("Đỏ")) });
    let store = store.reduce(Action::FromSource {
        form: "xe".into(),
        source: Source::Vehicle,
        answers: from(&[("nhan_hieu", "Toyota"), ("mau_son", "Trắng")]),
    });
    let now = store.form("xe");
    assert_eq!(now.answers.get("nhan_hieu"), Some(&text("Toyota")));
    assert_eq!(now.answers.get("mau_son"), Some(&text("Đỏ")), "what the citizen typed stays");
    assert_eq!(now.origin.get("nhan_hieu"), Some(&Source::Vehicle));
    // Another vehicle picked: the database's answers are replaced, the typed one is not.
    let store = store.reduce(Action::FromSource {
        form: "xe".into(),
        source: Source::Vehicle,
        answers: from(&[("nhan_hieu", "Honda"), ("mau_son", "Xanh")]),
    });
    assert_eq!(store.form("xe").answers.get("nhan_hieu"), Some(&text("Honda")));
    assert_eq!(store.form("xe").answers.get("mau_son"), Some(&text("Đỏ")));
}
