//! Signed results verified in the browser with real WebCrypto: every sample
//! kind is valid; each bad sample is refused with its own reason; a QR stamp
//! verifies and matches its file; the simulated agency's own results verify.

use tokhai::services::results::{file_matches_stamp, verify_with};
use tokhai_core::results::{extract_jws, Content, Refusal, Trust};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ROOT: &str = include_str!("../seeds/ca/root.pem");
const AGENCIES: &str = include_str!("../seeds/ca/agencies.json");

fn trust() -> Trust {
    Trust::new(ROOT.as_bytes(), AGENCIES).expect("the shipped trust anchors read")
}

const VALID: &[(&str, &str, &str)] = &[
    (
        "trich-luc-khai-sinh",
        include_str!("../seeds/results/trich-luc-khai-sinh.jws"),
        include_str!("../seeds/results/trich-luc-khai-sinh.qr.txt"),
    ),
    (
        "thong-bao-thuong-tru",
        include_str!("../seeds/results/thong-bao-thuong-tru.jws"),
        include_str!("../seeds/results/thong-bao-thuong-tru.qr.txt"),
    ),
    (
        "phieu-ly-lich-tu-phap",
        include_str!("../seeds/results/phieu-ly-lich-tu-phap.jws"),
        include_str!("../seeds/results/phieu-ly-lich-tu-phap.qr.txt"),
    ),
    (
        "ket-qua-giai-quyet",
        include_str!("../seeds/results/ket-qua-giai-quyet.jws"),
        include_str!("../seeds/results/ket-qua-giai-quyet.qr.txt"),
    ),
];

const BAD: &[(&str, Refusal)] = &[
    (include_str!("../seeds/results/bad-tampered.jws"), Refusal::Tampered),
    (include_str!("../seeds/results/bad-other-root.jws"), Refusal::UnknownRoot),
    (include_str!("../seeds/results/bad-expired.jws"), Refusal::CertExpired),
    (include_str!("../seeds/results/bad-wrong-alg.jws"), Refusal::WrongAlgorithm),
    (include_str!("../seeds/results/bad-truncated.jws"), Refusal::Truncated),
];

#[wasm_bindgen_test]
async fn every_sample_kind_verifies_with_webcrypto() {
    let trust = trust();
    for (name, file, _) in VALID {
        let v = verify_with(file, &trust).await.unwrap_or_else(|e| panic!("{name}: refused {e:?}"));
        assert!(v.integrity && v.valid_at_signing, "{name}");
        assert!(v.signer.contains("MOCK") || !v.signer.is_empty(), "{name}: signer shown");
        assert!(matches!(v.content, Content::Document(_)), "{name}: a document");
        assert_eq!(v.chain.len(), 3, "{name}: agency, intermediate, root");
    }
}

#[wasm_bindgen_test]
async fn each_bad_file_is_refused_with_its_own_reason() {
    let trust = trust();
    for (file, want) in BAD {
        assert_eq!(verify_with(file, &trust).await.err(), Some(*want));
    }
    // A byte flipped in the signature itself.
    let good = VALID[0].1.trim();
    let mut sig = good.to_string();
    let at = sig.len() - 10;
    let c = if &sig[at..at + 1] == "A" { "B" } else { "A" };
    sig.replace_range(at..at + 1, c);
    assert_eq!(verify_with(&sig, &trust).await.err(), Some(Refusal::Tampered));
    assert_eq!(verify_with("", &trust).await.err(), Some(Refusal::Truncated));
    assert_eq!(verify_with("not a result at all", &trust).await.err(), Some(Refusal::Malformed));
}

#[wasm_bindgen_test]
async fn a_qr_stamp_verifies_and_matches_only_its_own_file() {
    let trust = trust();
    let (_, file, qr) = VALID[1];
    let v = verify_with(qr, &trust).await.expect("the stamp verifies");
    let Content::Stamp(stamp) = v.content else { panic!("a stamp") };
    assert!(extract_jws(qr).len() < qr.len(), "read from the QR text's fragment");
    assert!(file_matches_stamp(file, &stamp, &trust).await, "its own file");
    assert!(!file_matches_stamp(VALID[0].1, &stamp, &trust).await, "another file");
}

#[cfg(feature = "mock-idp")]
#[wasm_bindgen_test]
async fn the_simulated_agency_issues_results_that_verify() {
    use tokhai::services::results::agency::issue;
    use tokhai_core::dossier::Status;
    use tokhai_core::portal::{Office, Submission};
    use tokhai_core::{Answer, Answers, Text};
    let mut answers = Answers::new();
    answers.insert("ho_ten".into(), Answer::Text("Nguyễn Văn An".into()));
    let mut office = Office::default();
    let mut d = office.submit(
        Submission {
            key: "k1".into(),
            form: "xac-nhan-cu-tru".into(),
            service: Text { vi: "Xác nhận thông tin về cư trú".into(), en: "Residence confirmation".into() },
            agency: Text { vi: "Bộ Công an — Công an cấp xã".into(), en: "Commune police".into() },
            level: tokhai_core::catalog::Level::Xa,
            owner: "001085004217".into(),
            province: 1,
            processing_days: 3,
            answers,
            ..Default::default()
        },
        1_795_485_600_000,
    );
    d.status = Status::Done;
    let trust = trust();
    let issued = issue(&d, &trust).await.expect("the agency signs");
    let v = verify_with(&issued.file, &trust).await.expect("the issued file verifies");
    let Content::Document(doc) = v.content else { panic!("a document") };
    assert_eq!(doc.dossier, d.code);
    assert_eq!(doc.holder.name, "Nguyễn Văn An");
    assert_eq!(doc.issuer.cert, "cong-an");
    let s = verify_with(&issued.stamp, &trust).await.expect("the stamp verifies");
    let Content::Stamp(stamp) = s.content else { panic!("a stamp") };
    assert!(file_matches_stamp(&issued.file, &stamp, &trust).await);
}
