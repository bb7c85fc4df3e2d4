//! The identity token checked with the browser's real WebCrypto: a valid token
//! is accepted; every kind of bad token is refused with its own message key.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use tokhai::services::identity::{sign_compact, subtle, verify_with_key, ISSUER_PUBLIC_JWK};
use tokhai::services::mock_idp::{mint, private_jwk};
use tokhai_core::identity::{AUDIENCE, ISSUER};
use tokhai_core::jws::{encode_part, TokenError};
use tokhai_core::messages::token_message;
use tokhai_core::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: i64 = 1_795_000_000; // 2026-11-18

const CITIZEN: &str = r#"{
  "identity": {
    "full_name": "Nguyễn Văn An", "personal_id": "001090012345", "birth_date": "05/03/1990", "sex": "nam",
    "place_of_birth": "Hà Nội", "birth_registration_place": "Phường Hoàn Kiếm, Hà Nội", "home_town": "Nam Định",
    "ethnicity": "Kinh", "religion": "Không", "nationality": "Việt Nam",
    "id_issue_date": "10/05/2021", "id_issue_place": "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
  },
  "marital_status": "chua_ket_hon",
  "household": { "head_name": "Nguyễn Văn An", "head_id": "001090012345", "relationship": "chu_ho" },
  "contact": { "phone": "0912345678" }
}"#;

fn payload(iss: &str, aud: &str, nbf: i64, exp: i64) -> String {
    let citizen = js_sys::JSON::stringify(&js_sys::JSON::parse(CITIZEN).unwrap()).unwrap().as_string().unwrap();
    format!(
        r#"{{"iss":"{iss}","sub":"001090012345","aud":"{aud}","iat":{nbf},"nbf":{nbf},"exp":{exp},"loa":2,"citizen":{citizen}}}"#
    )
}

const HEADER: &str = r#"{"alg":"ES256","typ":"JWT"}"#;

async fn signed(header: &str, payload: &str) -> String {
    sign_compact(header, payload, private_jwk()).await.unwrap()
}

async fn check(token: &str) -> Result<String, TokenError> {
    verify_with_key(token, ISSUER_PUBLIC_JWK, NOW).await.map(|c| c.citizen.identity.full_name)
}

/// A fresh P-256 private key as JWK text: "a key that is not the issuer's".
async fn other_private_jwk() -> String {
    let subtle = subtle().unwrap();
    let alg = web_sys::EcKeyGenParams::new("ECDSA", "P-256");
    let usages = Array::of2(&"sign".into(), &"verify".into());
    let pair = JsFuture::from(subtle.generate_key_with_object(&alg, true, &usages).unwrap()).await.unwrap();
    let private: web_sys::CryptoKey = Reflect::get(&pair, &"privateKey".into()).unwrap().dyn_into().unwrap();
    let jwk = JsFuture::from(subtle.export_key("jwk", &private).unwrap()).await.unwrap();
    js_sys::JSON::stringify(&jwk).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
async fn a_token_minted_by_the_simulator_is_accepted() {
    let token = mint(CITIZEN, 2, NOW - 10, 1800).await.unwrap();
    assert_eq!(check(&token).await, Ok("Nguyễn Văn An".to_string()));
}

#[wasm_bindgen_test]
async fn every_bad_token_is_refused_with_its_own_key() {
    let good = mint(CITIZEN, 2, NOW - 10, 1800).await.unwrap();
    let parts: Vec<&str> = good.split('.').collect();

    // A flipped byte in the payload.
    let mut bytes = tokhai_core::jws::split(&good).unwrap().payload;
    bytes[40] ^= 0x01;
    let flipped = format!("{}.{}.{}", parts[0], encode_part(&bytes), parts[2]);

    // Signed by another key.
    let other = sign_compact(HEADER, &payload(ISSUER, AUDIENCE, NOW - 10, NOW + 600), &other_private_jwk().await)
        .await
        .unwrap();

    // alg none, and HS256 "signed" with the public key as the secret.
    let none = format!("{}.{}.", encode_part(br#"{"alg":"none"}"#), parts[1]);
    let hs256 = format!(
        "{}.{}.{}",
        encode_part(br#"{"alg":"HS256","typ":"JWT"}"#),
        parts[1],
        encode_part(ISSUER_PUBLIC_JWK.as_bytes())
    );

    let cases: Vec<(&str, String, TokenError)> = vec![
        ("expired", signed(HEADER, &payload(ISSUER, AUDIENCE, NOW - 7200, NOW - 3600)).await, TokenError::Expired),
        (
            "not yet valid",
            signed(HEADER, &payload(ISSUER, AUDIENCE, NOW + 3600, NOW + 7200)).await,
            TokenError::NotYetValid,
        ),
        (
            "wrong aud",
            signed(HEADER, &payload(ISSUER, "another-app", NOW - 10, NOW + 600)).await,
            TokenError::WrongAudience,
        ),
        (
            "wrong iss",
            signed(HEADER, &payload("https://evil.example", AUDIENCE, NOW - 10, NOW + 600)).await,
            TokenError::WrongIssuer,
        ),
        ("other key", other, TokenError::BadSignature),
        ("flipped byte", flipped, TokenError::BadSignature),
        ("alg none", none, TokenError::AlgNotAllowed),
        ("alg HS256", hs256, TokenError::AlgNotAllowed),
        ("truncated", good[..good.len() / 2].to_string(), TokenError::Malformed),
        ("100 KB", format!("{}.{}.{}", parts[0], "A".repeat(100 * 1024), parts[2]), TokenError::TooLarge),
        ("non-JSON payload", signed(HEADER, "hello, not JSON").await, TokenError::BadJson),
        ("bad base64", format!("{}.{}*.{}", parts[0], parts[1], parts[2]), TokenError::BadBase64),
        ("empty", String::new(), TokenError::Malformed),
    ];
    let mut keys = std::collections::BTreeSet::new();
    for (name, token, want) in cases {
        assert_eq!(check(&token).await, Err(want), "{name}");
        // Each refusal has its own words, in both languages.
        keys.insert(want.code());
        assert!(
            !token_message(want, Lang::Vi).is_empty() && token_message(want, Lang::Vi) != token_message(want, Lang::En)
        );
    }
    assert_eq!(keys.len(), 10, "ten distinct refusal keys");
}

#[wasm_bindgen_test]
async fn the_token_lives_in_session_storage_only() {
    use tokhai::services::identity::{forget_token, store_token, stored_token, TOKEN_KEY};
    assert!(store_token("abc.def.ghi"));
    assert_eq!(stored_token().as_deref(), Some("abc.def.ghi"));
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(local.get_item(TOKEN_KEY).unwrap(), None, "never in localStorage");
    forget_token();
    assert_eq!(stored_token(), None);
}
