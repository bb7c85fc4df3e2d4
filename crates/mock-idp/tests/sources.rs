//! The mock national data-sharing platform: its committed MOCK key pair, and
//! every seed record of `seeds/sources/` signed and verified, by the library
//! and by the `sign-sources` bin (idempotent).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tokhai_core::sources::{check_record_claims, RecordError, Source, PLATFORM_ISSUER};
use tokhai_mock_idp::{
    public_jwk_of, read_source_seed, sign_record, verify, verify_record, SourceSeed, PLATFORM_IAT, PLATFORM_KID,
};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn seeds() -> Vec<SourceSeed> {
    Source::RECORDS
        .iter()
        .map(|s| {
            let seed = read_source_seed(&read(&format!("seeds/sources/{}.json", s.key())))
                .unwrap_or_else(|e| panic!("{s:?}: {e}"));
            assert_eq!(seed.source, *s);
            seed
        })
        .collect()
}

fn private() -> String {
    read("seeds/mock-platform/private.jwk.json")
}

fn public() -> String {
    read("seeds/mock-platform/public.jwk.json")
}

#[test]
fn the_platform_key_pair_is_one_pair_and_not_the_issuers() {
    let pubv: Value = serde_json::from_str(&public()).unwrap();
    assert!(pubv.get("d").is_none(), "public.jwk.json must not hold d");
    assert_eq!(pubv["kid"], PLATFORM_KID);
    assert_eq!(serde_json::from_str::<Value>(&public_jwk_of(&private()).unwrap()).unwrap(), pubv);
    let issuer: Value = serde_json::from_str(&read("seeds/mock-issuer/public.jwk.json")).unwrap();
    assert_ne!(issuer["x"], pubv["x"], "the platform does not share the identity issuer's key");
}

#[test]
fn every_seed_record_signs_and_verifies() {
    let mut n = 0;
    for seed in seeds() {
        assert!(!seed.notes.vi.is_ascii() && !seed.notes.en.is_empty(), "{:?}: notes in vi and en", seed.source);
        assert!(seed.formats.iter().all(|f| matches!(f.confidence.as_str(), "confirmed" | "uncertain")));
        assert!(seed.formats.iter().any(|f| f.confidence == "uncertain"), "{:?}: say what is uncertain", seed.source);
        for r in &seed.records {
            let jws = sign_record(r, &private(), PLATFORM_IAT).unwrap();
            let header: Value =
                serde_json::from_slice(&URL_SAFE_NO_PAD.decode(jws.split('.').next().unwrap()).unwrap()).unwrap();
            assert_eq!(header, serde_json::json!({"alg": "ES256", "typ": "JWT", "kid": PLATFORM_KID}));
            assert!(jws.len() <= tokhai_core::sources::MAX_RECORD_BYTES, "{}: {} bytes", r.id, jws.len());
            let claims = verify_record(&jws, &public()).unwrap_or_else(|e| panic!("{}: {e}", r.id));
            assert_eq!((claims.iss.as_str(), claims.source, claims.iat), (PLATFORM_ISSUER, r.source, PLATFORM_IAT));
            assert_eq!(&claims.record, r);
            assert_eq!(check_record_claims(&claims, &r.owner), Ok(()));
            assert_eq!(check_record_claims(&claims, "000000000000"), Err(RecordError::NotYours));
            // Deterministic: the same record signs to the same JWS.
            assert_eq!(sign_record(r, &private(), PLATFORM_IAT).unwrap(), jws);
            n += 1;
        }
    }
    assert!(n >= 30, "{n} records");
}

#[test]
fn a_changed_record_or_another_key_fails() {
    let seed = &seeds()[0];
    let jws = sign_record(&seed.records[0], &private(), PLATFORM_IAT).unwrap();
    let parts: Vec<&str> = jws.split('.').collect();
    let mut payload = URL_SAFE_NO_PAD.decode(parts[1]).unwrap();
    let at = payload.len() / 2;
    payload[at] ^= 0x01;
    let forged = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(&payload), parts[2]);
    assert!(verify_record(&forged, &public()).is_err());
    assert!(verify_record(&jws, &read("seeds/mock-issuer/public.jwk.json")).is_err(), "the issuer's key");
    assert!(verify(&jws, &public()).is_err(), "a record is not an identity token");
    let issuer_signed = sign_record(&seed.records[0], &read("seeds/mock-issuer/private.jwk.json"), 0).unwrap();
    assert!(verify_record(&issuer_signed, &public()).is_err(), "signed by the identity issuer, not the platform");
}

#[test]
fn sign_sources_writes_every_record_and_is_idempotent() {
    let out = std::env::temp_dir().join(format!("tokhai-sign-sources-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let run = || {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_sign-sources"))
            .args(["--out", out.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stderr).unwrap()
    };
    assert!(run().contains(&format!("{} file(s) updated", Source::RECORDS.len())));
    for seed in seeds() {
        let text = std::fs::read_to_string(out.join(format!("{}.json", seed.source.key()))).unwrap();
        let signed: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(signed.len(), seed.records.len());
        for (jws, r) in signed.iter().zip(&seed.records) {
            assert_eq!(&verify_record(jws, &public()).unwrap().record, r);
        }
    }
    assert!(run().contains(" 0 file(s) updated"), "a second run changes nothing");
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_sign-sources")).arg("--bogus").output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&out);
}
