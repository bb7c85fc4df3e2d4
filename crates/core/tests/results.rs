//! Signed electronic results: kinds, documents, the DER reader against
//! `x509-cert`, verification of the committed samples (`seeds/results`) with
//! `p256` standing in for WebCrypto, each refusal, and the QR stamp.

use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::pkcs8::DecodePublicKey;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use tokhai_core::answers::{Answer, Answers};
use tokhai_core::catalog::CatalogEntry;
use tokhai_core::messages::results::{refusal_message, signing_time, validity};
use tokhai_core::results::*;
use tokhai_core::schema::{Lang, Text};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

fn read(rel: &str) -> String {
    std::fs::read_to_string(format!("{SEEDS}/{rel}")).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn trust() -> Trust {
    Trust::new(read("ca/root.pem").as_bytes(), &read("ca/agencies.json")).expect("shipped trust")
}

/// WebCrypto's ECDSA P-256 / SHA-256, natively.
struct P256;

impl EcdsaP256 for P256 {
    fn verify(&self, spki: &[u8], message: &[u8], signature: &[u8]) -> bool {
        let Ok(key) = VerifyingKey::from_public_key_der(spki) else { return false };
        let Ok(sig) = Signature::from_slice(signature) else { return false };
        key.verify(message, &sig).is_ok()
    }
}

const VALID: &[(&str, ResultKind, &str)] = &[
    ("trich-luc-khai-sinh", ResultKind::BirthExtract, "Ủy ban nhân dân cấp xã — Công chức tư pháp - hộ tịch"),
    ("trich-luc-khai-tu", ResultKind::DeathExtract, "Ủy ban nhân dân cấp xã — Công chức tư pháp - hộ tịch"),
    (
        "giay-chung-nhan-ket-hon",
        ResultKind::MarriageCertificate,
        "Ủy ban nhân dân cấp xã — Công chức tư pháp - hộ tịch",
    ),
    ("xac-nhan-tinh-trang-hon-nhan", ResultKind::MaritalStatus, "Ủy ban nhân dân cấp xã — Công chức tư pháp - hộ tịch"),
    ("trich-luc-ho-tich", ResultKind::CivilStatusExtract, "Ủy ban nhân dân cấp xã — Công chức tư pháp - hộ tịch"),
    ("trich-luc-cai-chinh", ResultKind::CivilStatusChange, "Ủy ban nhân dân cấp xã — Công chức tư pháp - hộ tịch"),
    ("thong-bao-thuong-tru", ResultKind::PermanentResidence, "Bộ Công an — Công an cấp xã"),
    ("thong-bao-tam-tru", ResultKind::TemporaryResidence, "Bộ Công an — Công an cấp xã"),
    ("thong-bao-cu-tru", ResultKind::ResidenceNotice, "Bộ Công an — Công an cấp xã"),
    ("xac-nhan-cu-tru", ResultKind::ResidenceConfirmation, "Bộ Công an — Công an cấp xã"),
    ("phieu-ly-lich-tu-phap", ResultKind::CriminalRecord, "Bộ Công an — Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp"),
    ("xac-nhan-so-cmnd", ResultKind::FormerIdConfirmation, "Bộ Công an — Công an cấp xã"),
    ("ket-qua-giai-quyet", ResultKind::Generic, "Cơ quan giải quyết thủ tục hành chính — Bộ phận Một cửa"),
];

const SAMPLE_IAT: i64 = 1_795_485_600;

#[test]
fn every_catalogue_service_has_a_kind_and_a_signing_agency() {
    let catalog: Vec<CatalogEntry> = serde_json::from_str(&read("../forms/catalog.json")).unwrap();
    assert_eq!(catalog.len(), 53);
    let ids: HashSet<&str> = catalog.iter().map(|e| e.id.as_str()).collect();
    for (service, _) in SERVICE_KINDS {
        assert!(ids.contains(service), "{service} is not in the catalogue");
    }
    for e in &catalog {
        let kind = kind_of(&e.id);
        assert!(AGENCY_CERTS.contains(&kind.signer(&e.agency.vi)), "{}", e.id);
    }
    // Every kind but the generic one is used by some service.
    for k in ResultKind::ALL {
        assert!(k == ResultKind::Generic || SERVICE_KINDS.iter().any(|(_, s)| *s == k), "{k:?}");
    }
}

#[test]
fn each_kind_builds_and_round_trips() {
    let mut names = HashSet::new();
    let mut symbols = HashSet::new();
    for k in ResultKind::ALL {
        let n = k.name();
        assert!(!n.vi.is_empty() && !n.en.is_empty());
        assert!(names.insert(n.vi.clone()), "{k:?} name is unique");
        assert!(symbols.insert(k.symbol()), "{k:?} symbol is unique");
    }
    let service = Text { vi: "Thủ tục".into(), en: "Service".into() };
    let agency = Text { vi: "Bộ Công an — Công an cấp xã".into(), en: "Police".into() };
    let mut answers = Answers::new();
    answers.insert("ho_ten".into(), Answer::Text("Nguyễn Văn An".into()));
    answers.insert("tre_ho_ten".into(), Answer::Text(" Nguyễn Minh Khôi ".into()));
    let mut services: Vec<&str> = SERVICE_KINDS.iter().map(|(s, _)| *s).collect();
    services.push("cap-dien-moi");
    for id in services {
        let src = Source {
            code: "001.01.20.H01-261124-0007",
            service_id: id,
            service: &service,
            agency: &agency,
            owner: "001088012345",
            answers: &answers,
        };
        let doc = build(&src, SAMPLE_IAT);
        assert_eq!(doc.kind, kind_of(id));
        assert_eq!(doc.title, doc.kind.name());
        assert_eq!(doc.date, "24/11/2026");
        assert_eq!(doc.number, format!("2611240007/{}-H01", doc.kind.symbol()));
        assert_eq!(doc.holder.personal_id.is_some(), doc.kind.shows_personal_id(), "{id}");
        let back: ResultDoc = serde_json::from_slice(&payload_bytes(&doc)).unwrap();
        assert_eq!(back, doc);
        if doc.kind == ResultKind::BirthExtract {
            assert_eq!(doc.data[0].value, "Nguyễn Minh Khôi", "answers are trimmed");
            assert!(doc.holder.personal_id.is_none(), "a birth extract does not carry the applicant's ID");
        }
    }
}

fn all_cert_files() -> Vec<String> {
    let mut out = vec!["ca/root.pem".to_string(), "ca/intermediate.pem".to_string()];
    for id in AGENCY_CERTS {
        out.push(format!("ca/agencies/{id}.pem"));
    }
    for b in ["expired", "other-root", "other-intermediate", "other-leaf"] {
        out.push(format!("ca/bad/{b}.pem"));
    }
    out
}

#[test]
fn the_der_reader_agrees_with_x509_cert() {
    use x509_cert::der::{Decode, Encode};
    for f in all_cert_files() {
        let der = pem_to_der(read(&f).as_bytes()).expect("PEM");
        let mine = parse_cert(&der).unwrap_or_else(|e| panic!("{f}: {e:?}"));
        let theirs = x509_cert::Certificate::from_der(&der).unwrap();
        let tbs = &theirs.tbs_certificate;
        assert_eq!(mine.tbs, tbs.to_der().unwrap(), "{f} tbs");
        assert_eq!(mine.spki, tbs.subject_public_key_info.to_der().unwrap(), "{f} spki");
        assert_eq!(mine.subject_der, tbs.subject.to_der().unwrap(), "{f} subject");
        assert_eq!(mine.issuer_der, tbs.issuer.to_der().unwrap(), "{f} issuer");
        assert_eq!(mine.not_before as u64, tbs.validity.not_before.to_unix_duration().as_secs(), "{f}");
        assert_eq!(mine.not_after as u64, tbs.validity.not_after.to_unix_duration().as_secs(), "{f}");
        assert_eq!(mine.sig_alg, theirs.signature_algorithm.oid.as_bytes(), "{f}");
        assert!(mine.sig_alg_consistent && mine.p256_key, "{f}");
        // The subject reads as x509-cert prints it (RFC 4514), attribute by attribute.
        let printed = tbs.subject.to_string();
        for part in [&mine.subject.cn, &mine.subject.o, &mine.subject.ou] {
            assert!(part.is_empty() || printed.contains(part.as_str()), "{f}: {part} in {printed}");
        }
        // The raw signature is the DER one re-encoded.
        let der_sig = theirs.signature.raw_bytes();
        let sig = p256::ecdsa::Signature::from_der(der_sig).unwrap();
        assert_eq!(mine.signature, sig.to_bytes().to_vec(), "{f}");
        let self_signed = mine.subject_der == mine.issuer_der;
        let leaf = f.contains("agencies/") || f.contains("expired") || f.contains("other-leaf");
        assert_eq!(mine.is_ca, !leaf, "{f}");
        let ku = mine.key_usage.unwrap();
        if leaf {
            assert_eq!(ku, key_usage::DIGITAL_SIGNATURE | key_usage::NON_REPUDIATION, "{f}");
        } else {
            assert!(ku & key_usage::KEY_CERT_SIGN != 0, "{f}");
        }
        assert_eq!(self_signed, f.ends_with("root.pem"), "{f}");
    }
    let root = parse_cert(&pem_to_der(read("ca/root.pem").as_bytes()).unwrap()).unwrap();
    assert_eq!(root.subject.c, "VN");
    assert!(root.subject.cn.starts_with("MOCK"), "the root says it is a mock");
}

#[test]
fn der_signatures_become_raw_r_s() {
    // r with a leading 0x00 (high bit set), s short (leading zero bytes dropped).
    let mut der = vec![0x30, 0x27, 0x02, 0x21, 0x00];
    der.extend([0x80; 32]);
    der.extend([0x02, 0x02, 0x01, 0x02]);
    let raw = ecdsa_der_to_raw(&der).unwrap();
    assert_eq!(raw.len(), 64);
    assert_eq!(&raw[..32], &[0x80; 32]);
    assert_eq!(&raw[32..62], &[0; 30]);
    assert_eq!(&raw[62..], &[1, 2]);
    assert!(ecdsa_der_to_raw(&der[..der.len() - 1]).is_none(), "truncated");
    let mut long = vec![0x30, 0x27, 0x02, 0x22, 0x00];
    long.extend([0x80; 33]);
    long.extend([0x02, 0x01, 0x01]);
    assert!(ecdsa_der_to_raw(&long).is_none(), "an r longer than 32 bytes is not P-256");
}

#[test]
fn der_lengths_are_checked() {
    assert_eq!(der_read(&[]).unwrap_err(), DerError::Truncated);
    assert_eq!(der_read(&[0x30]).unwrap_err(), DerError::Truncated);
    assert_eq!(der_read(&[0x30, 0x05, 1, 2]).unwrap_err(), DerError::Truncated);
    assert_eq!(der_read(&[0x30, 0x82, 0x01]).unwrap_err(), DerError::Truncated);
    assert_eq!(der_read(&[0x30, 0x80]).unwrap_err(), DerError::Malformed, "indefinite length");
    assert_eq!(der_read(&[0x30, 0x81, 0x05, 1, 2, 3, 4, 5]).unwrap_err(), DerError::Malformed, "not minimal");
    assert_eq!(der_read(&[0x1F, 0x01, 0x00]).unwrap_err(), DerError::Malformed, "multi-byte tag");
    let (t, rest) = der_read(&[0x04, 0x02, 9, 8, 7]).unwrap();
    assert_eq!((t.tag, t.body, rest), (0x04, &[9u8, 8][..], &[7u8][..]));
    // Every prefix of a real certificate is refused, never a panic.
    let der = pem_to_der(read("ca/agencies/cong-an.pem").as_bytes()).unwrap();
    for n in 0..der.len() {
        assert!(parse_cert(&der[..n]).is_err(), "prefix {n}");
    }
}

#[test]
fn every_valid_sample_verifies_and_shows_what_tt15_asks() {
    let trust = trust();
    for (stem, kind, signer) in VALID {
        let file = read(&format!("results/{stem}.jws"));
        let v = verify(&file, &trust, &P256).unwrap_or_else(|e| panic!("{stem}: {e:?}"));
        let Content::Document(doc) = &v.content else { panic!("{stem}: a document") };
        assert_eq!(doc.kind, *kind, "{stem}");
        assert_eq!(v.signer, *signer, "{stem}");
        assert!(v.signer_cn.starts_with("MOCK"), "{stem}");
        assert_eq!(v.issuing_ca, "MOCK Tờ Khai CA Dịch vụ công G1 (KHÔNG PHẢI THẬT)");
        assert_eq!(v.root, "MOCK Tờ Khai Root CA G1 (KHÔNG PHẢI THẬT)");
        assert_eq!(v.signed_at, SAMPLE_IAT);
        assert_eq!((v.cert_not_before, v.cert_not_after), (1_767_225_600, 1_924_992_000));
        assert!(v.valid_at_signing && v.integrity);
        assert_eq!(v.chain.len(), 3, "agency, intermediate, root");
        assert_eq!(doc.issuer.cert, kind.signer(&doc.issuer.name.vi));
        assert!(!doc.data.is_empty(), "{stem} certifies something");
        // A QR text of a file is accepted too (the page takes either).
        let stamp = read(&format!("results/{stem}.qr.txt"));
        let vs = verify(&stamp, &trust, &P256).unwrap_or_else(|e| panic!("{stem} QR: {e:?}"));
        let Content::Stamp(s) = &vs.content else { panic!("{stem}: a stamp") };
        assert_eq!(vs.signer, v.signer);
        let h = Sha256::digest(payload_segment(&file).unwrap().as_bytes());
        assert!(stamp_matches(s, doc, &h), "{stem}: the QR vouches for this file");
        let other = read("results/trich-luc-khai-sinh.jws");
        if *stem != "trich-luc-khai-sinh" {
            let Content::Document(od) = verify(&other, &trust, &P256).unwrap().content else { unreachable!() };
            let oh = Sha256::digest(payload_segment(&other).unwrap().as_bytes());
            assert!(!stamp_matches(s, &od, &oh), "{stem}: not for another file");
        }
    }
    let v = verify(&read("results/phieu-ly-lich-tu-phap.jws"), &trust, &P256).unwrap();
    assert_eq!(signing_time(v.signed_at, Lang::Vi), "09:00 24/11/2026 (giờ Việt Nam)");
    assert_eq!(signing_time(v.signed_at, Lang::En), "09:00 24/11/2026 (Vietnam time)");
    assert_eq!(validity(v.cert_not_before, v.cert_not_after, Lang::Vi), "từ 01/01/2026 đến 01/01/2031");
}

#[test]
fn each_bad_sample_is_refused_with_its_own_reason() {
    let trust = trust();
    let cases = [
        ("bad-tampered", Refusal::Tampered),
        ("bad-other-root", Refusal::UnknownRoot),
        ("bad-expired", Refusal::CertExpired),
        ("bad-wrong-alg", Refusal::WrongAlgorithm),
        ("bad-truncated", Refusal::Truncated),
    ];
    let mut messages = HashSet::new();
    for (stem, want) in cases {
        let file = read(&format!("results/{stem}.jws"));
        assert_eq!(verify(&file, &trust, &P256).unwrap_err(), want, "{stem}");
        assert!(messages.insert(refusal_message(want, Lang::Vi)), "{stem} has its own message");
    }
}

#[test]
fn a_file_cut_anywhere_is_truncated() {
    let trust = trust();
    let good = read("results/thong-bao-thuong-tru.jws");
    let good = good.trim();
    // Every cut: in the long header (its x5c chain), the payload, the signature.
    for cut in (1..good.len()).step_by(37) {
        let got = verify(&good[..cut], &trust, &P256).unwrap_err();
        assert_eq!(got, Refusal::Truncated, "cut at {cut} of {}", good.len());
    }
}

/// The file's payload under another header, signed again with the Công an
/// key (the forger holds the agency's key; only the header changes).
fn resign_header(file: &str, header: &str) -> String {
    use p256::ecdsa::signature::Signer;
    use p256::pkcs8::DecodePrivateKey;
    let key = p256::SecretKey::from_pkcs8_pem(&read("ca/agencies/cong-an.key.pem")).unwrap();
    let payload = file.split('.').nth(1).unwrap();
    let input = format!("{}.{payload}", encode(header.as_bytes()));
    let sig: Signature = p256::ecdsa::SigningKey::from(&key).sign(input.as_bytes());
    format!("{input}.{}", encode(&sig.to_bytes()))
}

fn encode(b: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

#[test]
fn other_forgeries_are_refused() {
    let trust = trust();
    let good = read("results/thong-bao-thuong-tru.jws");
    let header: JoseHeader = serde_json::from_slice(&{
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(good.split('.').next().unwrap()).unwrap()
    })
    .unwrap();
    let with = |h: &JoseHeader| resign_header(&good, &serde_json::to_string(h).unwrap());
    assert!(verify(&with(&header), &trust, &P256).is_ok(), "the helper signs as the agency does");
    // A byte changed inside the base64url payload (the JSON no longer reads): tampered, not malformed.
    let dot = good.find('.').unwrap() + 40;
    let mut b = good.clone().into_bytes();
    b[dot] = if b[dot] == b'A' { b'B' } else { b'A' };
    assert_eq!(verify(&String::from_utf8(b).unwrap(), &trust, &P256).unwrap_err(), Refusal::Tampered);
    // alg none, HS256, RS256, lower case: all the wrong algorithm.
    for alg in ["none", "HS256", "RS256", "ES384", "es256", ""] {
        let h = JoseHeader { alg: alg.into(), ..header.clone() };
        assert_eq!(verify(&with(&h), &trust, &P256).unwrap_err(), Refusal::WrongAlgorithm, "{alg}");
    }
    // No chain, or the chain swapped for another agency's: the signature no longer matches.
    let h = JoseHeader { x5c: vec![], ..header.clone() };
    assert_eq!(verify(&with(&h), &trust, &P256).unwrap_err(), Refusal::Malformed);
    let other: Vec<AgencyChain> = serde_json::from_str(&read("ca/agencies.json")).unwrap();
    let h = JoseHeader { x5c: other.iter().find(|a| a.id == "bhxh").unwrap().x5c.clone(), ..header.clone() };
    assert_eq!(verify(&with(&h), &trust, &P256).unwrap_err(), Refusal::Tampered);
    // The agency certificate alone, without its intermediate: the chain does not reach the root.
    let h = JoseHeader { x5c: header.x5c[..1].to_vec(), ..header.clone() };
    assert_eq!(verify(&with(&h), &trust, &P256).unwrap_err(), Refusal::UnknownRoot);
    // The shipped root appended to the chain is accepted; another self-signed root is not.
    let root_b64 = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(pem_to_der(read("ca/root.pem").as_bytes()).unwrap())
    };
    let h = JoseHeader { x5c: [header.x5c.clone(), vec![root_b64]].concat(), ..header.clone() };
    assert!(verify(&with(&h), &trust, &P256).is_ok());
    let other_root = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(pem_to_der(read("ca/bad/other-root.pem").as_bytes()).unwrap())
    };
    let h = JoseHeader { x5c: [header.x5c.clone(), vec![other_root]].concat(), ..header.clone() };
    assert_eq!(verify(&with(&h), &trust, &P256).unwrap_err(), Refusal::UnknownRoot);
    // A chain in the wrong order.
    let h = JoseHeader { x5c: vec![header.x5c[1].clone(), header.x5c[0].clone()], ..header.clone() };
    assert_eq!(verify(&with(&h), &trust, &P256).unwrap_err(), Refusal::UnknownRoot);
    // A file that is not a result: an identity token's header type.
    let h = JoseHeader { typ: "JWT".into(), ..header.clone() };
    assert_eq!(verify(&with(&h), &trust, &P256).unwrap_err(), Refusal::Malformed);
    // The signature of another file.
    let other = read("results/xac-nhan-cu-tru.jws");
    let spliced = format!("{}.{}", good.rsplit_once('.').unwrap().0, other.rsplit_once('.').unwrap().1);
    assert_eq!(verify(&spliced, &trust, &P256).unwrap_err(), Refusal::Tampered);
    // Garbage.
    for junk in ["", "   ", "hello", "a.b.c", "%PDF-1.7", "eyJhbGciOiJFUzI1NiJ9.e30.AAAA"] {
        let e = verify(junk, &trust, &P256).unwrap_err();
        assert!(matches!(e, Refusal::Malformed | Refusal::Truncated), "{junk:?}: {e:?}");
    }
    assert_eq!(verify(&"a".repeat(MAX_FILE_BYTES + 1), &trust, &P256).unwrap_err(), Refusal::Malformed);
    // A QR stamp naming an agency the app does not know.
    let stamp = read("results/thong-bao-thuong-tru.qr.txt");
    let jws = extract_jws(&stamp);
    let forged = resign_header(jws, &stamp_header("bo-ngoai-giao"));
    assert!(verify(&resign_header(jws, &stamp_header("cong-an")), &trust, &P256).is_ok(), "the helper signs well");
    assert_eq!(verify(&forged, &trust, &P256).unwrap_err(), Refusal::UnknownRoot);
}

#[test]
fn every_cut_of_a_file_is_refused_and_a_cut_at_the_end_says_truncated() {
    let trust = trust();
    let good = read("results/thong-bao-tam-tru.jws");
    let sig_start = good.rfind('.').unwrap() + 1;
    for n in 0..good.len() {
        let e = verify(&good[..n], &trust, &P256).unwrap_err();
        assert!(matches!(e, Refusal::Truncated | Refusal::Malformed), "cut at {n}: {e:?}");
        if n >= good.find('.').unwrap() {
            assert_eq!(e, Refusal::Truncated, "cut at {n}");
        }
        let _ = sig_start;
    }
    // Every single changed character is refused (a sample of positions across the file).
    let bytes = good.as_bytes();
    for i in (0..bytes.len()).step_by(7) {
        let mut b = bytes.to_vec();
        b[i] = if b[i] == b'A' { b'B' } else { b'A' };
        let s = String::from_utf8(b).unwrap();
        assert!(verify(&s, &trust, &P256).is_err(), "changed at {i}");
    }
}

#[test]
fn prepare_and_conclude_are_what_the_browser_calls() {
    let trust = trust();
    let pending = prepare(&read("results/trich-luc-khai-sinh.jws"), &trust).unwrap();
    let roles: Vec<Role> = pending.checks().iter().map(|c| c.role).collect();
    assert_eq!(roles, vec![Role::Document, Role::Chain(0), Role::Root]);
    for c in pending.checks() {
        assert_eq!(c.signature.len(), 64, "raw r‖s for WebCrypto");
        assert_eq!(c.spki.len(), 91, "P-256 SubjectPublicKeyInfo DER");
    }
    let ok: Vec<bool> = pending.checks().iter().map(|c| P256.verify(&c.spki, &c.message, &c.signature)).collect();
    assert_eq!(ok, vec![true; 3]);
    assert!(pending.clone().conclude(&ok).is_ok());
    assert_eq!(pending.clone().conclude(&[true, true, false]).unwrap_err(), Refusal::UnknownRoot);
    assert_eq!(pending.clone().conclude(&[true, false, true]).unwrap_err(), Refusal::BrokenChain);
    assert_eq!(pending.clone().conclude(&[false, true, true]).unwrap_err(), Refusal::Tampered);
    assert_eq!(pending.conclude(&[true]).unwrap_err(), Refusal::CryptoUnavailable);
}

#[test]
fn every_refusal_has_its_own_sentence_in_both_languages() {
    let mut seen = HashSet::new();
    for r in Refusal::ALL {
        let (vi, en) = (refusal_message(r, Lang::Vi), refusal_message(r, Lang::En));
        assert!(seen.insert(vi) && seen.insert(en), "{r:?}");
        assert!(vi.ends_with('.') && en.ends_with('.'), "{r:?}");
        assert!(
            vi.chars().any(|c| "ăâđêôơưàáảãạếềểễệốồổỗộớờởỡợúùủũụứừửữựíìỉĩịýỳỷỹỵ".contains(c)),
            "{r:?} has diacritics"
        );
        assert!(r.code().starts_with("result_"));
    }
}

#[test]
fn the_qr_text_fits_a_symbol_a_phone_reads() {
    use tokhai_core::qr::{modules, raster};
    for (stem, _, _) in VALID {
        let text = read(&format!("results/{stem}.qr.txt"));
        assert!(text.len() < 600, "{stem}: {} bytes", text.len());
        let (width, _) = modules(&text).expect("encodes at level M");
        let version = (width - 17) / 4;
        assert!(version <= 15, "{stem}: version {version} ({width} modules) stays readable on paper");
        // Read back at 3 pixels a module, as a camera would see a printed code.
        let (side, pixels) = raster(&text, 3).unwrap();
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "{stem}");
        assert_eq!(grids[0].decode().unwrap().1, text, "{stem}");
    }
    // The whole file would not fit a readable symbol: that is why the QR holds a stamp.
    let file = read("results/phieu-ly-lich-tu-phap.jws");
    assert!(file.len() > 2_900, "{} bytes", file.len());
}

#[test]
fn each_part_of_a_linked_filing_gives_its_own_procedures_result() {
    use tokhai_core::linked::PartId;
    use tokhai_core::results::{kind_of, service_of_part, ResultKind};
    assert_eq!(kind_of(service_of_part(PartId::KhaiSinh)), ResultKind::BirthExtract);
    assert_eq!(kind_of(service_of_part(PartId::ThuongTru)), ResultKind::PermanentResidence);
    assert_eq!(kind_of(service_of_part(PartId::KhaiTu)), ResultKind::DeathExtract);
    assert_eq!(kind_of(service_of_part(PartId::XoaThuongTru)), ResultKind::ResidenceNotice);
    for p in [PartId::Bhyt, PartId::CanCuoc, PartId::MaiTangBhxh, PartId::TuTuat, PartId::HoTroMaiTang] {
        assert_eq!(kind_of(service_of_part(p)), ResultKind::Generic, "{p:?}");
    }
}
