//! The MOCK government CA chain (`seeds/ca/`) and the signed electronic
//! results of the simulated agency (`seeds/results/`). Certificates are built
//! by `x509-cert`'s builder and signed with `p256` (ecdsa-with-SHA256); results
//! are compact JWS ES256 with an `x5c` chain (`tokhai_core::results`).
//!
//! Everything here is MOCK and NOT SECRET: the private keys are committed so
//! the samples can be remade; they prove nothing to anyone.

use base64::Engine;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{DerSignature, Signature, SigningKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use p256::SecretKey;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;
use tokhai_core::answers::{Address, Answer, Answers};
use tokhai_core::results::{
    self, assemble, file_header, payload_bytes, payload_segment, signing_input, stamp_header, AgencyChain, ResultDoc,
    ResultKind, Source, Stamp,
};
use tokhai_core::schema::Text;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::asn1::UtcTime;
use x509_cert::der::{Encode, EncodePem};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};

/// 01/01/2025 00:00 UTC.
pub const T2025: i64 = 1_735_689_600;
/// 01/01/2026 00:00 UTC.
pub const T2026: i64 = 1_767_225_600;
/// 01/01/2031 00:00 UTC.
pub const T2031: i64 = 1_924_992_000;
/// 01/01/2040 00:00 UTC.
pub const T2040: i64 = 2_208_988_800;
/// 01/01/2045 00:00 UTC.
pub const T2045: i64 = 2_366_755_200;
/// 01/01/2024 00:00 UTC.
pub const T2024: i64 = 1_704_067_200;

/// Signing time of the committed samples: 24/11/2026 09:00 +07:00.
pub const SAMPLE_IAT: i64 = 1_795_485_600;

/// Origin written in the samples' QR texts (the app puts its own).
pub const SAMPLE_ORIGIN: &str = "https://tokhai.example";

/// The root's subject (RFC 4514, most specific first).
pub const ROOT_NAME: &str = "CN=MOCK Tờ Khai Root CA G1 (KHÔNG PHẢI THẬT),O=Tờ Khai - chứng thực MÔ PHỎNG,C=VN";
/// The intermediate's subject.
pub const INTERMEDIATE_NAME: &str =
    "CN=MOCK Tờ Khai CA Dịch vụ công G1 (KHÔNG PHẢI THẬT),O=Tờ Khai - chứng thực MÔ PHỎNG,C=VN";
/// The untrusted root of the bad samples.
pub const OTHER_ROOT_NAME: &str = "CN=MOCK Root CA khác (KHÔNG ĐƯỢC TIN CẬY),O=Tổ chức chứng thực khác - MÔ PHỎNG,C=VN";
/// Its intermediate.
pub const OTHER_INTERMEDIATE_NAME: &str =
    "CN=MOCK CA trung gian khác (KHÔNG ĐƯỢC TIN CẬY),O=Tổ chức chứng thực khác - MÔ PHỎNG,C=VN";

/// One agency certificate: id (`seeds/ca/agencies/{id}`), subject.
pub const AGENCIES: &[(&str, &str)] = &[
    ("cong-an", "CN=MOCK Công an cấp xã (chữ ký số mô phỏng),OU=Công an cấp xã,O=Bộ Công an,C=VN"),
    ("ho-tich", "CN=MOCK Ủy ban nhân dân cấp xã - hộ tịch (chữ ký số mô phỏng),OU=Công chức tư pháp - hộ tịch,O=Ủy ban nhân dân cấp xã,C=VN"),
    ("lltp", "CN=MOCK Lý lịch tư pháp (chữ ký số mô phỏng),OU=Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp,O=Bộ Công an,C=VN"),
    ("bhxh", "CN=MOCK Bảo hiểm xã hội cơ sở (chữ ký số mô phỏng),OU=Bảo hiểm xã hội cơ sở,O=Bảo hiểm xã hội Việt Nam,C=VN"),
    ("chung", "CN=MOCK Bộ phận Một cửa (chữ ký số mô phỏng),OU=Bộ phận Một cửa,O=Cơ quan giải quyết thủ tục hành chính,C=VN"),
];

fn utc(secs: i64) -> Result<Time, String> {
    UtcTime::from_unix_duration(Duration::from_secs(secs as u64)).map(Time::UtcTime).map_err(|e| e.to_string())
}

/// A certificate's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertProfile {
    /// Self-signed root (cA, keyCertSign, cRLSign).
    Root,
    /// Intermediate CA (cA, pathLen 0, keyCertSign, cRLSign).
    SubCa,
    /// Agency signing certificate (not cA, digitalSignature, nonRepudiation).
    Leaf,
}

/// Builds a certificate for `subject_key` signed by `issuer_key` (the same for a root).
#[allow(clippy::too_many_arguments)]
pub fn make_cert(
    profile: CertProfile,
    serial: u32,
    subject: &str,
    issuer: &str,
    not_before: i64,
    not_after: i64,
    subject_key: &SecretKey,
    issuer_key: &SecretKey,
) -> Result<Vec<u8>, String> {
    let subject = Name::from_str(subject).map_err(|e| format!("subject: {e}"))?;
    let issuer = Name::from_str(issuer).map_err(|e| format!("issuer: {e}"))?;
    let profile = match profile {
        CertProfile::Root => Profile::Root,
        CertProfile::SubCa => Profile::SubCA { issuer, path_len_constraint: Some(0) },
        CertProfile::Leaf => Profile::Leaf { issuer, enable_key_agreement: false, enable_key_encipherment: false },
    };
    let validity = Validity { not_before: utc(not_before)?, not_after: utc(not_after)? };
    let spki = SubjectPublicKeyInfoOwned::from_key(subject_key.public_key()).map_err(|e| e.to_string())?;
    let signer = SigningKey::from(issuer_key);
    let builder = CertificateBuilder::new(profile, SerialNumber::from(serial), validity, subject, spki, &signer)
        .map_err(|e| e.to_string())?;
    let cert = builder.build::<DerSignature>().map_err(|e| e.to_string())?;
    cert.to_der().map_err(|e| e.to_string())
}

/// PEM of a certificate DER.
pub fn cert_pem(der: &[u8]) -> String {
    use x509_cert::der::Decode;
    x509_cert::Certificate::from_der(der).and_then(|c| c.to_pem(LineEnding::LF)).expect("a certificate we made encodes")
}

/// PKCS#8 PEM of a private key.
pub fn key_pem(key: &SecretKey) -> String {
    key.to_pkcs8_pem(LineEnding::LF).expect("a P-256 key encodes").to_string()
}

/// Reads a PKCS#8 PEM private key.
pub fn read_key_pem(pem: &str) -> Result<SecretKey, String> {
    SecretKey::from_pkcs8_pem(pem).map_err(|e| format!("not a PKCS#8 P-256 key: {e}"))
}

/// Reads a certificate PEM to DER.
pub fn read_cert_pem(pem: &str) -> Result<Vec<u8>, String> {
    results::pem_to_der(pem.as_bytes()).ok_or_else(|| "not a PEM certificate".to_string())
}

/// SHA-256.
pub fn sha256(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}

/// Signs any header and payload (for the bad samples too).
pub fn sign_jws(header_json: &str, payload: &[u8], key: &SecretKey) -> String {
    let input = signing_input(header_json, payload);
    let sig: Signature = SigningKey::from(key).sign(input.as_bytes());
    assemble(&input, &sig.to_bytes())
}

/// A result file: `doc` signed by `key` with `chain` (DER, leaf first).
pub fn sign_result(doc: &ResultDoc, key: &SecretKey, chain: &[Vec<u8>]) -> String {
    sign_jws(&file_header(chain), &payload_bytes(doc), key)
}

/// The QR stamp of a signed file, signed by the same key (`kid` = agency id).
pub fn sign_stamp(file_jws: &str, doc: &ResultDoc, key: &SecretKey, kid: &str) -> String {
    let h = sha256(payload_segment(file_jws).unwrap_or("").as_bytes());
    let stamp: Stamp = results::stamp_for(doc, &h);
    sign_jws(&stamp_header(kid), &serde_json::to_vec(&stamp).expect("a stamp serialises"), key)
}

/// The MOCK CA as committed in `seeds/ca`.
#[derive(Clone, Debug)]
pub struct MockCa {
    /// Root certificate DER.
    pub root: Vec<u8>,
    /// Intermediate DER.
    pub intermediate: Vec<u8>,
    /// Agency id, certificate DER, key.
    pub agencies: Vec<(String, Vec<u8>, SecretKey)>,
}

impl MockCa {
    /// Reads `dir` (`seeds/ca`).
    pub fn load(dir: &Path) -> Result<MockCa, String> {
        let read = |p: &str| std::fs::read_to_string(dir.join(p)).map_err(|e| format!("{p}: {e}"));
        let mut agencies = vec![];
        for (id, _) in AGENCIES {
            let cert = read_cert_pem(&read(&format!("agencies/{id}.pem"))?)?;
            let key = read_key_pem(&read(&format!("agencies/{id}.key.pem"))?)?;
            agencies.push((id.to_string(), cert, key));
        }
        Ok(MockCa {
            root: read_cert_pem(&read("root.pem")?)?,
            intermediate: read_cert_pem(&read("intermediate.pem")?)?,
            agencies,
        })
    }

    /// An agency's certificate and key.
    pub fn agency(&self, id: &str) -> Option<(&[u8], &SecretKey)> {
        self.agencies.iter().find(|(a, _, _)| a == id).map(|(_, c, k)| (c.as_slice(), k))
    }

    /// The chain an agency signs with: its certificate, then the intermediate.
    pub fn chain(&self, id: &str) -> Option<Vec<Vec<u8>>> {
        self.agency(id).map(|(c, _)| vec![c.to_vec(), self.intermediate.clone()])
    }

    /// `agencies.json`: each agency's chain (for QR stamps).
    pub fn agencies_json(&self) -> String {
        let list: Vec<AgencyChain> = self
            .agencies
            .iter()
            .map(|(id, c, _)| AgencyChain {
                id: id.clone(),
                x5c: [c, &self.intermediate]
                    .iter()
                    .map(|d| base64::engine::general_purpose::STANDARD.encode(d))
                    .collect(),
            })
            .collect();
        serde_json::to_string_pretty(&list).expect("serialises") + "\n"
    }

    /// Signs `doc` with the agency its kind names; returns the file and its QR stamp.
    pub fn issue(&self, doc: &ResultDoc) -> Result<(String, String), String> {
        let id = doc.issuer.cert.as_str();
        let (_, key) = self.agency(id).ok_or_else(|| format!("no agency certificate {id:?}"))?;
        let file = sign_result(doc, key, &self.chain(id).expect("agency exists"));
        let stamp = sign_stamp(&file, doc, key, id);
        Ok((file, stamp))
    }
}

fn load_or_make_key(path: &Path) -> Result<SecretKey, String> {
    match std::fs::read_to_string(path) {
        Ok(pem) => read_key_pem(&pem),
        Err(_) => Ok(SecretKey::random(&mut rand_core::OsRng)),
    }
}

/// Writes the whole MOCK CA into `dir`, reusing the keys already there (so a
/// second run writes the same bytes: ECDSA signing is deterministic, RFC 6979).
/// Returns the files written.
pub fn generate(dir: &Path) -> Result<Vec<String>, String> {
    let mut written = vec![];
    let mut write = |rel: &str, text: &str| -> Result<(), String> {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))?;
        written.push(rel.to_string());
        Ok(())
    };
    let key = |rel: &str| load_or_make_key(&dir.join(rel));

    let root_key = key("root.key.pem")?;
    let root = make_cert(CertProfile::Root, 1, ROOT_NAME, ROOT_NAME, T2025, T2045, &root_key, &root_key)?;
    write("root.key.pem", &key_pem(&root_key))?;
    write("root.pem", &cert_pem(&root))?;

    let int_key = key("intermediate.key.pem")?;
    let int = make_cert(CertProfile::SubCa, 2, INTERMEDIATE_NAME, ROOT_NAME, T2025, T2040, &int_key, &root_key)?;
    write("intermediate.key.pem", &key_pem(&int_key))?;
    write("intermediate.pem", &cert_pem(&int))?;

    for (i, (id, subject)) in AGENCIES.iter().enumerate() {
        let k = key(&format!("agencies/{id}.key.pem"))?;
        let c = make_cert(CertProfile::Leaf, 100 + i as u32, subject, INTERMEDIATE_NAME, T2026, T2031, &k, &int_key)?;
        write(&format!("agencies/{id}.key.pem"), &key_pem(&k))?;
        write(&format!("agencies/{id}.jwk.json"), &crate::key_pair_jwk(&k, id).private)?;
        write(&format!("agencies/{id}.pem"), &cert_pem(&c))?;
    }

    // Bad material for tests.
    let exp_key = key("bad/expired.key.pem")?;
    let subject = AGENCIES[0].1.replace("(chữ ký số mô phỏng)", "(chữ ký số mô phỏng - ĐÃ HẾT HẠN)");
    let exp = make_cert(CertProfile::Leaf, 900, &subject, INTERMEDIATE_NAME, T2024, T2026 - 1, &exp_key, &int_key)?;
    write("bad/expired.key.pem", &key_pem(&exp_key))?;
    write("bad/expired.pem", &cert_pem(&exp))?;

    let oroot_key = key("bad/other-root.key.pem")?;
    let oroot =
        make_cert(CertProfile::Root, 1, OTHER_ROOT_NAME, OTHER_ROOT_NAME, T2025, T2045, &oroot_key, &oroot_key)?;
    let oint_key = key("bad/other-intermediate.key.pem")?;
    let oint = make_cert(
        CertProfile::SubCa,
        2,
        OTHER_INTERMEDIATE_NAME,
        OTHER_ROOT_NAME,
        T2025,
        T2040,
        &oint_key,
        &oroot_key,
    )?;
    let oleaf_key = key("bad/other-leaf.key.pem")?;
    let oleaf =
        make_cert(CertProfile::Leaf, 100, AGENCIES[0].1, OTHER_INTERMEDIATE_NAME, T2026, T2031, &oleaf_key, &oint_key)?;
    for (name, k, c) in [
        ("other-root", &oroot_key, &oroot),
        ("other-intermediate", &oint_key, &oint),
        ("other-leaf", &oleaf_key, &oleaf),
    ] {
        write(&format!("bad/{name}.key.pem"), &key_pem(k))?;
        write(&format!("bad/{name}.pem"), &cert_pem(c))?;
    }

    let ca = MockCa::load(dir)?;
    write("agencies.json", &ca.agencies_json())?;
    Ok(written)
}

// ---------------------------------------------------------------------------
// Sample results

fn t(s: &str) -> Answer {
    Answer::Text(s.into())
}

fn addr(street: &str, ward: &str, province: &str) -> Answer {
    Answer::Address(Address {
        province: "01".into(),
        province_name: province.into(),
        ward: "00004".into(),
        ward_name: ward.into(),
        street: street.into(),
    })
}

/// A sample dossier for each kind: (file stem, service id, agency, answers).
pub fn sample_dossiers() -> Vec<(&'static str, &'static str, Text, Answers)> {
    let tx = |vi: &str, en: &str| Text { vi: vi.into(), en: en.into() };
    let ubnd = tx("Bộ Tư pháp — Ủy ban nhân dân cấp xã", "Ministry of Justice — commune People's Committee");
    let ca = tx("Bộ Công an — Công an cấp xã", "Ministry of Public Security — commune police");
    let a = |pairs: &[(&str, Answer)]| -> Answers { pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect() };
    let person = [
        ("ho_ten", t("Nguyễn Văn An")),
        ("ngay_sinh", t("15/03/1988")),
        ("gioi_tinh", t("nam")),
        ("so_dinh_danh", t("001088012345")),
    ];
    vec![
        (
            "trich-luc-khai-sinh",
            "khai-sinh",
            ubnd.clone(),
            a(&[
                ("nyc_ho_ten", t("Trần Thị Bích Ngọc")),
                ("tre_ho_ten", t("Nguyễn Minh Khôi")),
                ("tre_ngay_sinh", t("02/11/2026")),
                ("tre_gioi_tinh", t("nam")),
                ("tre_dan_toc", t("Kinh")),
                ("tre_quoc_tich", t("Việt Nam")),
                ("tre_noi_sinh", t("Bệnh viện Phụ sản Hà Nội")),
                ("tre_que_quan", t("Nam Định")),
                ("vc_ho_ten", t("Nguyễn Văn An")),
            ]),
        ),
        (
            "trich-luc-khai-tu",
            "khai-tu",
            ubnd.clone(),
            a(&[
                ("nyc_ho_ten", t("Lê Thị Thu Hà")),
                ("nguoi_mat", Answer::Rows(vec![a(&[("ho_ten", t("Lê Văn Bình"))])])),
                ("ngay_chet", t("10/11/2026")),
                ("noi_chet", t("Bệnh viện Bạch Mai")),
                ("nguyen_nhan_chet", t("Bệnh")),
            ]),
        ),
        (
            "giay-chung-nhan-ket-hon",
            "ket-hon",
            ubnd.clone(),
            a(&[
                ("ban_ho_ten", t("Vũ Thị Mai")),
                ("ban_ngay_sinh", t("20/07/1995")),
                ("bk_ho_ten", t("Trịnh Minh Quân")),
                ("bk_ngay_sinh", t("01/01/1993")),
                ("noi_dang_ky", t("Ủy ban nhân dân phường Ba Đình, Hà Nội")),
            ]),
        ),
        (
            "xac-nhan-tinh-trang-hon-nhan",
            "xac-nhan-tinh-trang-hon-nhan",
            ubnd.clone(),
            a(&[
                ("nyc_ho_ten", t("Hoàng Thị Lan")),
                ("tinh_trang_hon_nhan", t("Chưa đăng ký kết hôn với ai")),
                ("muc_dich", t("Đăng ký kết hôn")),
            ]),
        ),
        (
            "trich-luc-ho-tich",
            "trich-luc-ho-tich",
            ubnd.clone(),
            a(&[
                ("nyc_ho_ten", t("Đinh Thị Hồng Nhung")),
                ("loai_trich_luc", t("Trích lục khai sinh")),
                ("so_dang_ky", t("125")),
                ("ngay_da_dang_ky", t("12/05/1990")),
            ]),
        ),
        (
            "trich-luc-cai-chinh",
            "cai-chinh-ho-tich",
            ubnd,
            a(&[
                ("nyc_ho_ten", t("Hồ Văn Dũng")),
                ("noi_dung", t("Cải chính ngày sinh từ 01/01/1980 thành 10/01/1980")),
            ]),
        ),
        (
            "thong-bao-thuong-tru",
            "dang-ky-thuong-tru",
            ca.clone(),
            a(&[
                person[0].clone(),
                person[1].clone(),
                person[3].clone(),
                ("dia_chi_moi", addr("Số 12 phố Hàng Bông", "Phường Hoàn Kiếm", "Thành phố Hà Nội")),
                ("noi_dung", t("Đăng ký thường trú vào hộ gia đình")),
            ]),
        ),
        (
            "thong-bao-tam-tru",
            "dang-ky-tam-tru",
            ca.clone(),
            a(&[
                ("ho_ten", t("Giàng A Pao")),
                ("ngay_sinh", t("05/05/2000")),
                ("dia_chi_tam_tru", addr("Ngõ 5 Xuân Thủy", "Phường Cầu Giấy", "Thành phố Hà Nội")),
                ("tam_tru_den_ngay", t("24/11/2028")),
            ]),
        ),
        (
            "thong-bao-cu-tru",
            "tach-ho",
            ca.clone(),
            a(&[person[0].clone(), person[1].clone(), ("noi_dung", t("Tách hộ"))]),
        ),
        (
            "xac-nhan-cu-tru",
            "xac-nhan-cu-tru",
            ca.clone(),
            a(&[person[0].clone(), person[1].clone(), ("noi_dung_xac_nhan", t("Thông tin về nơi thường trú"))]),
        ),
        (
            "phieu-ly-lich-tu-phap",
            "ly-lich-tu-phap",
            tx(
                "Bộ Công an — cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp",
                "Ministry of Public Security — criminal records database office",
            ),
            a(&[
                person[0].clone(),
                person[1].clone(),
                ("noi_sinh", t("Hà Nội")),
                ("quoc_tich", t("Việt Nam")),
                ("loai_phieu", t("Phiếu số 1")),
                ("co_an_tich", t("Không có án tích")),
            ]),
        ),
        (
            "xac-nhan-so-cmnd",
            "xac-nhan-so-cmnd",
            ca,
            a(&[person[0].clone(), person[1].clone(), ("so_cmnd_cu", t("012345678"))]),
        ),
        (
            "ket-qua-giai-quyet",
            "cap-dien-moi",
            tx(
                "Tập đoàn Điện lực Việt Nam (EVN) — công ty điện lực nơi sử dụng điện",
                "Vietnam Electricity (EVN) — the local power company",
            ),
            a(&[("ho_ten", t("Lục Văn Thắng"))]),
        ),
    ]
}

/// The sample result documents (one per kind), signed at [`SAMPLE_IAT`].
pub fn sample_docs() -> Vec<(&'static str, ResultDoc)> {
    let names = service_names();
    sample_dossiers()
        .into_iter()
        .enumerate()
        .map(|(i, (stem, service_id, agency, answers))| {
            let service = names.iter().find(|(id, _)| *id == service_id).map(|(_, n)| n.clone()).unwrap_or_default();
            let code = format!("001.0{}.20.H01-261124-{:04}", if service_id.contains("tru") { 1 } else { 2 }, i + 1);
            let src = Source {
                code: &code,
                service_id,
                service: &service,
                agency: &agency,
                owner: "001088012345",
                answers: &answers,
            };
            (stem, results::build(&src, SAMPLE_IAT))
        })
        .collect()
}

fn service_names() -> Vec<(&'static str, Text)> {
    let s = |id: &'static str, vi: &str, en: &str| (id, Text { vi: vi.into(), en: en.into() });
    vec![
        s("khai-sinh", "Đăng ký khai sinh", "Birth registration"),
        s("khai-tu", "Đăng ký khai tử", "Death registration"),
        s("ket-hon", "Đăng ký kết hôn", "Marriage registration"),
        s("xac-nhan-tinh-trang-hon-nhan", "Cấp Giấy xác nhận tình trạng hôn nhân", "Certificate of marital status"),
        s("trich-luc-ho-tich", "Cấp bản sao trích lục hộ tịch", "Copy of a civil status extract"),
        s(
            "cai-chinh-ho-tich",
            "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
            "Change or correction of civil status",
        ),
        s("dang-ky-thuong-tru", "Đăng ký thường trú", "Permanent residence registration"),
        s("dang-ky-tam-tru", "Đăng ký tạm trú", "Temporary residence registration"),
        s("tach-ho", "Tách hộ", "Splitting a household"),
        s("xac-nhan-cu-tru", "Xác nhận thông tin về cư trú", "Confirmation of residence information"),
        s("ly-lich-tu-phap", "Cấp Phiếu lý lịch tư pháp", "Criminal record certificate"),
        s(
            "xac-nhan-so-cmnd",
            "Xác nhận số Chứng minh nhân dân khi đã được cấp thẻ căn cước",
            "Confirmation of the former ID card number",
        ),
        s("cap-dien-moi", "Cấp điện mới từ lưới điện hạ áp (220/380V)", "New low-voltage electricity connection"),
    ]
}

/// Writes `seeds/results/` from the CA in `ca_dir`: one valid file and QR per
/// kind, and the bad files. Returns the files written.
pub fn write_samples(ca_dir: &Path, out: &Path) -> Result<Vec<String>, String> {
    let ca = MockCa::load(ca_dir)?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut written = vec![];
    let mut write = |name: String, text: &str| -> Result<(), String> {
        std::fs::write(out.join(&name), text).map_err(|e| format!("{name}: {e}"))?;
        written.push(name);
        Ok(())
    };
    let docs = sample_docs();
    for (stem, doc) in &docs {
        let (file, stamp) = ca.issue(doc)?;
        write(format!("{stem}.jws"), &file)?;
        write(format!("{stem}.qr.txt"), &results::qr_text(SAMPLE_ORIGIN, &stamp))?;
    }
    for (name, text) in bad_samples(ca_dir, &ca, &docs[6].1)? {
        write(format!("bad-{name}.jws"), &text)?;
    }
    Ok(written)
}

/// The bad files, from a valid residence document: (name, file).
pub fn bad_samples(ca_dir: &Path, ca: &MockCa, doc: &ResultDoc) -> Result<Vec<(&'static str, String)>, String> {
    let read = |p: &str| std::fs::read_to_string(ca_dir.join(p)).map_err(|e| format!("{p}: {e}"));
    let (good, _) = ca.issue(doc)?;
    let mut out = vec![];

    // One byte of the signed content changed after signing: the number's
    // first digit (the JSON still reads; only the signature tells).
    let (head, rest) = good.split_once('.').expect("three parts");
    let (payload, sig) = rest.split_once('.').expect("three parts");
    let mut json = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).map_err(|e| e.to_string())?;
    let at = find(&json, b"\"number\":\"").ok_or("no number")? + 10;
    json[at] = if json[at] == b'9' { b'8' } else { json[at] + 1 };
    let enc = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&json);
    out.push(("tampered", format!("{head}.{enc}.{sig}")));

    // Signed by a certificate under another root.
    let oleaf = read_cert_pem(&read("bad/other-leaf.pem")?)?;
    let oint = read_cert_pem(&read("bad/other-intermediate.pem")?)?;
    let okey = read_key_pem(&read("bad/other-leaf.key.pem")?)?;
    out.push(("other-root", sign_result(doc, &okey, &[oleaf, oint])));

    // Signed with an agency certificate that expired before the signing time.
    let exp = read_cert_pem(&read("bad/expired.pem")?)?;
    let ekey = read_key_pem(&read("bad/expired.key.pem")?)?;
    out.push(("expired", sign_result(doc, &ekey, &[exp, ca.intermediate.clone()])));

    // A header that claims ES384 (and one HS256), same chain and key.
    let chain = ca.chain(&doc.issuer.cert).expect("agency");
    let (_, key) = ca.agency(&doc.issuer.cert).expect("agency");
    let es384 = file_header(&chain).replacen("\"ES256\"", "\"ES384\"", 1);
    out.push(("wrong-alg", sign_jws(&es384, &payload_bytes(doc), key)));

    // The file cut at two thirds (its signature part is lost).
    out.push(("truncated", good[..good.len() * 2 / 3].to_string()));
    Ok(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A result document's kind for a sample stem (tests).
pub fn sample_kind(stem: &str) -> Option<ResultKind> {
    sample_docs().into_iter().find(|(s, _)| *s == stem).map(|(_, d)| d.kind)
}

/// A throwaway TLS chain for tests: a MOCK root and a server certificate for
/// `names` (DNS names in its subjectAltName, for server authentication),
/// valid for a day around now. Returns the root's PEM, the server
/// certificate's PEM and its key (PKCS#8 PEM).
pub fn tls_chain(names: &[&str]) -> Result<(String, String, String), String> {
    use x509_cert::der::asn1::{Ia5String, ObjectIdentifier};
    use x509_cert::ext::pkix::name::GeneralName;
    use x509_cert::ext::pkix::{ExtendedKeyUsage, SubjectAltName};
    let now = crate::unix_now();
    let (nb, na) = (now - 3600, now + 86_400);
    let root_key = SecretKey::random(&mut rand_core::OsRng);
    let root_name = "CN=MOCK TLS root (tests only),O=Tờ Khai - MÔ PHỎNG,C=VN";
    let root = make_cert(CertProfile::Root, 1, root_name, root_name, nb, na, &root_key, &root_key)?;
    let key = SecretKey::random(&mut rand_core::OsRng);
    let subject =
        Name::from_str(&format!("CN={}", names.first().copied().unwrap_or("localhost"))).map_err(|e| e.to_string())?;
    let profile = Profile::Leaf {
        issuer: Name::from_str(root_name).map_err(|e| e.to_string())?,
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let validity = Validity { not_before: utc(nb)?, not_after: utc(na)? };
    let spki = SubjectPublicKeyInfoOwned::from_key(key.public_key()).map_err(|e| e.to_string())?;
    let signer = SigningKey::from(&root_key);
    let mut b = CertificateBuilder::new(profile, SerialNumber::from(2u32), validity, subject, spki, &signer)
        .map_err(|e| e.to_string())?;
    let dns: Result<Vec<GeneralName>, String> =
        names.iter().map(|n| Ia5String::new(n).map(GeneralName::DnsName).map_err(|e| e.to_string())).collect();
    b.add_extension(&SubjectAltName(dns?)).map_err(|e| e.to_string())?;
    let server_auth = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.1");
    b.add_extension(&ExtendedKeyUsage(vec![server_auth])).map_err(|e| e.to_string())?;
    let cert = b.build::<DerSignature>().map_err(|e| e.to_string())?.to_der().map_err(|e| e.to_string())?;
    Ok((cert_pem(&root), cert_pem(&cert), key_pem(&key)))
}
