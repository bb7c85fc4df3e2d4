//! Signing results natively, and the refusals that need certificates made on
//! the spot: not a CA, not for signing, an impostor root with the shipped
//! root's name, a broken chain, a certificate not yet valid. Also: the
//! committed `seeds/ca` and `seeds/results` are what the generators make.

use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::pkcs8::DecodePublicKey;
use p256::SecretKey;
use std::path::{Path, PathBuf};
use tokhai_core::results::{self, prepare, verify, Content, EcdsaP256, Refusal, ResultDoc, Trust};
use tokhai_mock_idp::ca::*;

struct P256;

impl EcdsaP256 for P256 {
    fn verify(&self, spki: &[u8], message: &[u8], signature: &[u8]) -> bool {
        let Ok(key) = VerifyingKey::from_public_key_der(spki) else { return false };
        let Ok(sig) = Signature::from_slice(signature) else { return false };
        key.verify(message, &sig).is_ok()
    }
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

fn ca() -> MockCa {
    MockCa::load(&seeds().join("ca")).unwrap()
}

fn trust(ca: &MockCa) -> Trust {
    let root = std::fs::read(seeds().join("ca/root.pem")).unwrap();
    let agencies = ca.agencies_json();
    Trust::new(&root, &agencies).unwrap()
}

fn doc() -> ResultDoc {
    sample_docs().into_iter().find(|(s, _)| *s == "thong-bao-thuong-tru").unwrap().1
}

fn key(rel: &str) -> SecretKey {
    read_key_pem(&std::fs::read_to_string(seeds().join("ca").join(rel)).unwrap()).unwrap()
}

#[test]
fn a_result_signed_now_verifies_with_its_stamp() {
    let ca = ca();
    let trust = trust(&ca);
    for (stem, d) in sample_docs() {
        let (file, stamp) = ca.issue(&d).unwrap();
        let v = verify(&file, &trust, &P256).unwrap_or_else(|e| panic!("{stem}: {e:?}"));
        assert_eq!(v.content, Content::Document(Box::new(d.clone())), "{stem}");
        let s = verify(&results::qr_text(SAMPLE_ORIGIN, &stamp), &trust, &P256).unwrap();
        let Content::Stamp(s) = s.content else { panic!("stamp") };
        assert!(results::stamp_matches(&s, &d, &sha256(results::payload_segment(&file).unwrap().as_bytes())));
    }
}

#[test]
fn the_committed_ca_and_samples_are_what_the_generators_make() {
    let tmp = std::env::temp_dir().join(format!("tokhai-ca-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    // Same keys → same certificates (RFC 6979 signatures are deterministic).
    let ca_dir = tmp.join("ca");
    std::fs::create_dir_all(&ca_dir).unwrap();
    copy_keys(&seeds().join("ca"), &ca_dir);
    generate(&ca_dir).unwrap();
    let out = tmp.join("results");
    let written = write_samples(&ca_dir, &out).unwrap();
    assert_eq!(written.len(), 13 * 2 + 5);
    for f in written {
        let want = std::fs::read_to_string(seeds().join("results").join(&f)).unwrap_or_default();
        assert_eq!(
            std::fs::read_to_string(out.join(&f)).unwrap(),
            want,
            "seeds/results/{f} is stale: run issue-result --samples"
        );
    }
    for f in ["root.pem", "intermediate.pem", "agencies.json", "agencies/cong-an.pem", "bad/expired.pem"] {
        let want = std::fs::read_to_string(seeds().join("ca").join(f)).unwrap();
        assert_eq!(std::fs::read_to_string(ca_dir.join(f)).unwrap(), want, "seeds/ca/{f} is stale: run gen-ca");
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

fn copy_keys(from: &Path, to: &Path) {
    for sub in ["", "agencies", "bad"] {
        let src = from.join(sub);
        std::fs::create_dir_all(to.join(sub)).unwrap();
        for e in std::fs::read_dir(&src).unwrap() {
            let p = e.unwrap().path();
            if p.to_string_lossy().ends_with(".key.pem") {
                std::fs::copy(&p, to.join(sub).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
}

#[test]
fn an_intermediate_that_is_not_a_ca_is_refused() {
    let ca = ca();
    let trust = trust(&ca);
    let root_key = key("root.key.pem");
    let int_key = key("intermediate.key.pem");
    // The intermediate's name and key, but issued as an end-entity certificate.
    let fake_int =
        make_cert(CertProfile::Leaf, 7, INTERMEDIATE_NAME, ROOT_NAME, T2025, T2040, &int_key, &root_key).unwrap();
    let (leaf, leaf_key) = ca.agency("cong-an").unwrap();
    let file = sign_result(&doc(), leaf_key, &[leaf.to_vec(), fake_int]);
    assert_eq!(verify(&file, &trust, &P256).unwrap_err(), Refusal::NotCa);
}

#[test]
fn a_ca_certificate_signing_a_document_is_not_for_signing() {
    let ca = ca();
    let trust = trust(&ca);
    let file = sign_result(&doc(), &key("intermediate.key.pem"), std::slice::from_ref(&ca.intermediate));
    assert_eq!(verify(&file, &trust, &P256).unwrap_err(), Refusal::NotForSigning);
}

#[test]
fn an_impostor_root_with_the_shipped_name_is_an_unknown_root() {
    let ca = ca();
    let trust = trust(&ca);
    let fake_root_key = SecretKey::random(&mut rand_core::OsRng);
    let fake_int_key = SecretKey::random(&mut rand_core::OsRng);
    let leaf_key = SecretKey::random(&mut rand_core::OsRng);
    let fake_int =
        make_cert(CertProfile::SubCa, 2, INTERMEDIATE_NAME, ROOT_NAME, T2025, T2040, &fake_int_key, &fake_root_key)
            .unwrap();
    let leaf =
        make_cert(CertProfile::Leaf, 100, AGENCIES[0].1, INTERMEDIATE_NAME, T2026, T2031, &leaf_key, &fake_int_key)
            .unwrap();
    let file = sign_result(&doc(), &leaf_key, &[leaf, fake_int]);
    assert_eq!(verify(&file, &trust, &P256).unwrap_err(), Refusal::UnknownRoot);
}

#[test]
fn an_agency_certificate_not_signed_by_its_intermediate_is_a_broken_chain() {
    let ca = ca();
    let trust = trust(&ca);
    let leaf_key = SecretKey::random(&mut rand_core::OsRng);
    let forger = SecretKey::random(&mut rand_core::OsRng);
    let leaf =
        make_cert(CertProfile::Leaf, 100, AGENCIES[0].1, INTERMEDIATE_NAME, T2026, T2031, &leaf_key, &forger).unwrap();
    let file = sign_result(&doc(), &leaf_key, &[leaf, ca.intermediate.clone()]);
    assert_eq!(verify(&file, &trust, &P256).unwrap_err(), Refusal::BrokenChain);
}

#[test]
fn signing_before_or_after_the_certificate_is_valid_is_refused() {
    let ca = ca();
    let trust = trust(&ca);
    let (leaf, k) = ca.agency("cong-an").unwrap();
    let chain = [leaf.to_vec(), ca.intermediate.clone()];
    let at = |iat: i64| sign_result(&ResultDoc { iat, ..doc() }, k, &chain);
    assert_eq!(verify(&at(T2026 - 1), &trust, &P256).unwrap_err(), Refusal::CertNotYetValid);
    assert!(verify(&at(T2026), &trust, &P256).is_ok());
    assert!(verify(&at(T2031), &trust, &P256).is_ok());
    assert_eq!(verify(&at(T2031 + 1), &trust, &P256).unwrap_err(), Refusal::CertExpired);
}

#[test]
fn wrong_algorithms_are_refused_before_any_signature_is_checked() {
    let ca = ca();
    let trust = trust(&ca);
    let (leaf, k) = ca.agency("cong-an").unwrap();
    let header = results::file_header(&[leaf.to_vec(), ca.intermediate.clone()]);
    for alg in ["HS256", "ES384", "RS256", "PS256", "none"] {
        let h = header.replacen("\"ES256\"", &format!("\"{alg}\""), 1);
        let file = sign_jws(&h, &results::payload_bytes(&doc()), k);
        assert_eq!(prepare(&file, &trust).unwrap_err(), Refusal::WrongAlgorithm, "{alg}");
    }
}

#[test]
fn agency_jwks_are_the_pem_keys() {
    for (id, _) in AGENCIES {
        let pem = key(&format!("agencies/{id}.key.pem"));
        let jwk = std::fs::read_to_string(seeds().join(format!("ca/agencies/{id}.jwk.json"))).unwrap();
        let v: serde_json::Value = serde_json::from_str(&jwk).unwrap();
        assert_eq!(v["kid"], *id);
        // What the JWK signs, the PEM key's public half verifies.
        let jws = tokhai_mock_idp::sign_payload(b"{}", &jwk).unwrap();
        let (input, sig) = jws.rsplit_once('.').unwrap();
        let sig = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, sig).unwrap();
        let vk = VerifyingKey::from(pem.public_key());
        assert!(vk.verify(input.as_bytes(), &Signature::from_slice(&sig).unwrap()).is_ok(), "{id}");
    }
}
