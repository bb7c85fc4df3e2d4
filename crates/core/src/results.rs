//! Signed electronic results: when a dossier reaches its result, the
//! (simulated) agency issues it as a document signed with its certificate
//! under the MOCK government CA chain of `seeds/ca/`. This module is the pure
//! half: which document each service gives ([`ResultKind`]), the signed
//! content ([`ResultDoc`]), the file and QR formats (compact JWS, ES256, `x5c`;
//! `docs/results.md`), and verification without cryptography: the file is
//! parsed and every signature to check is listed ([`prepare`] → [`Pending`]);
//! the caller checks them (the browser with WebCrypto, natively `p256`) and
//! [`Pending::conclude`] gives the verdict, [`Verified`] or one [`Refusal`].
//!
//! Certificates are read by the small DER reader below rather than by
//! `x509-cert` or `x509-parser`: those cost 67 KB and 96 KB of release wasm
//! for the few fields read here (measured, see `docs/results.md`). The tests
//! read every certificate of `seeds/ca` with `x509-cert` too and compare.

use crate::answers::{Answer, Answers};
use crate::date::Date;
use crate::dossier::{civil_from_days, days_from_civil};
use crate::linked::ids;
use crate::schema::Text;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------------------
// Kinds of result

/// The document a service ends with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// Trích lục khai sinh.
    BirthExtract,
    /// Trích lục khai tử.
    DeathExtract,
    /// Giấy chứng nhận kết hôn.
    MarriageCertificate,
    /// Giấy xác nhận tình trạng hôn nhân.
    MaritalStatus,
    /// Bản sao trích lục hộ tịch.
    CivilStatusExtract,
    /// Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch.
    CivilStatusChange,
    /// Thông báo kết quả đăng ký thường trú.
    PermanentResidence,
    /// Thông báo kết quả đăng ký tạm trú.
    TemporaryResidence,
    /// Thông báo kết quả giải quyết thủ tục về cư trú (tách hộ, xóa thường trú, tạm vắng).
    ResidenceNotice,
    /// Giấy xác nhận thông tin về cư trú.
    ResidenceConfirmation,
    /// Phiếu lý lịch tư pháp.
    CriminalRecord,
    /// Giấy xác nhận số Chứng minh nhân dân.
    FormerIdConfirmation,
    /// Kết quả giải quyết thủ tục hành chính (every other service).
    Generic,
}

/// Service ids and the kind of their result; every other service gives
/// [`ResultKind::Generic`]. Linked procedures (liên thông) give the result of
/// their first step here; their other results are the linked work's.
pub const SERVICE_KINDS: &[(&str, ResultKind)] = &[
    ("khai-sinh", ResultKind::BirthExtract),
    ("lien-thong-khai-sinh", ResultKind::BirthExtract),
    ("khai-tu", ResultKind::DeathExtract),
    ("lien-thong-khai-tu", ResultKind::DeathExtract),
    ("ket-hon", ResultKind::MarriageCertificate),
    ("xac-nhan-hon-nhan-ket-hon", ResultKind::MarriageCertificate),
    ("xac-nhan-tinh-trang-hon-nhan", ResultKind::MaritalStatus),
    ("trich-luc-ho-tich", ResultKind::CivilStatusExtract),
    ("cai-chinh-ho-tich", ResultKind::CivilStatusChange),
    ("dang-ky-thuong-tru", ResultKind::PermanentResidence),
    ("dang-ky-tam-tru", ResultKind::TemporaryResidence),
    ("gia-han-tam-tru", ResultKind::TemporaryResidence),
    ("tach-ho", ResultKind::ResidenceNotice),
    ("xoa-thuong-tru", ResultKind::ResidenceNotice),
    ("khai-bao-tam-vang", ResultKind::ResidenceNotice),
    ("xac-nhan-cu-tru", ResultKind::ResidenceConfirmation),
    ("ly-lich-tu-phap", ResultKind::CriminalRecord),
    ("xac-nhan-so-cmnd", ResultKind::FormerIdConfirmation),
];

/// The service whose result a part of a linked filing gives: its own
/// procedure's (the birth registration gives the birth extract, the child's
/// residence the residence notice); a part with no kind of its own (the
/// health card, the benefits) gives the generic result.
pub fn service_of_part(part: crate::linked::PartId) -> &'static str {
    use crate::linked::PartId::*;
    match part {
        KhaiSinh => "khai-sinh",
        ThuongTru => "dang-ky-thuong-tru",
        KhaiTu => "khai-tu",
        XoaThuongTru => "xoa-thuong-tru",
        other => other.key(),
    }
}

/// The kind of result `service` gives.
pub fn kind_of(service: &str) -> ResultKind {
    SERVICE_KINDS.iter().find(|(s, _)| *s == service).map_or(ResultKind::Generic, |(_, k)| *k)
}

/// The agency certificates of `seeds/ca/agencies/` (one per agency group).
pub const AGENCY_CERTS: &[&str] = &["cong-an", "ho-tich", "lltp", "bhxh", "chung"];

impl ResultKind {
    /// Every kind.
    pub const ALL: [ResultKind; 13] = [
        ResultKind::BirthExtract,
        ResultKind::DeathExtract,
        ResultKind::MarriageCertificate,
        ResultKind::MaritalStatus,
        ResultKind::CivilStatusExtract,
        ResultKind::CivilStatusChange,
        ResultKind::PermanentResidence,
        ResultKind::TemporaryResidence,
        ResultKind::ResidenceNotice,
        ResultKind::ResidenceConfirmation,
        ResultKind::CriminalRecord,
        ResultKind::FormerIdConfirmation,
        ResultKind::Generic,
    ];

    /// Name of the document, Vietnamese and English.
    pub fn name(self) -> Text {
        use ResultKind::*;
        let (vi, en) = match self {
            BirthExtract => ("Trích lục khai sinh", "Birth registration extract"),
            DeathExtract => ("Trích lục khai tử", "Death registration extract"),
            MarriageCertificate => ("Giấy chứng nhận kết hôn", "Marriage certificate"),
            MaritalStatus => ("Giấy xác nhận tình trạng hôn nhân", "Certificate of marital status"),
            CivilStatusExtract => ("Bản sao trích lục hộ tịch", "Copy of a civil status extract"),
            CivilStatusChange => (
                "Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch",
                "Extract of a change or correction of civil status",
            ),
            PermanentResidence => {
                ("Thông báo kết quả đăng ký thường trú", "Notice of permanent residence registration")
            }
            TemporaryResidence => ("Thông báo kết quả đăng ký tạm trú", "Notice of temporary residence registration"),
            ResidenceNotice => {
                ("Thông báo kết quả giải quyết thủ tục về cư trú", "Notice of the outcome of a residence procedure")
            }
            ResidenceConfirmation => ("Giấy xác nhận thông tin về cư trú", "Certificate of residence information"),
            CriminalRecord => ("Phiếu lý lịch tư pháp", "Criminal record certificate"),
            FormerIdConfirmation => {
                ("Giấy xác nhận số Chứng minh nhân dân", "Confirmation of the former identity card number")
            }
            Generic => ("Kết quả giải quyết thủ tục hành chính", "Outcome of an administrative procedure"),
        };
        Text { vi: vi.into(), en: en.into() }
    }

    /// Symbol in the result number (the real symbols are not published for
    /// every document: these are the app's, uncertain).
    pub fn symbol(self) -> &'static str {
        use ResultKind::*;
        match self {
            BirthExtract => "TLKS",
            DeathExtract => "TLKT",
            MarriageCertificate => "GCNKH",
            MaritalStatus => "XNHN",
            CivilStatusExtract => "TLHT",
            CivilStatusChange => "TLCC",
            PermanentResidence => "TBTT",
            TemporaryResidence => "TBTAT",
            ResidenceNotice => "TBCT",
            ResidenceConfirmation => "XNCT",
            CriminalRecord => "LLTP",
            FormerIdConfirmation => "XNCMND",
            Generic => "KQ",
        }
    }

    /// The agency certificate (`seeds/ca/agencies/{id}`) that signs it, by
    /// kind, else by the agency's name.
    pub fn signer(self, agency: &str) -> &'static str {
        use ResultKind::*;
        match self {
            BirthExtract | DeathExtract | MarriageCertificate | MaritalStatus | CivilStatusExtract
            | CivilStatusChange => "ho-tich",
            PermanentResidence
            | TemporaryResidence
            | ResidenceNotice
            | ResidenceConfirmation
            | FormerIdConfirmation => "cong-an",
            // Nghị định 216/2026/NĐ-CP: issued by the Ministry of Public Security from 1 July 2026.
            CriminalRecord => "lltp",
            Generic if agency.contains("Công an") => "cong-an",
            Generic if agency.contains("Bảo hiểm") => "bhxh",
            Generic => "chung",
        }
    }

    /// Whether the document shows its holder's personal ID number (the
    /// criminal record, residence documents); the others certify an event or
    /// a decision and carry only what the form says.
    pub fn shows_personal_id(self) -> bool {
        use ResultKind::*;
        matches!(
            self,
            CriminalRecord
                | PermanentResidence
                | TemporaryResidence
                | ResidenceNotice
                | ResidenceConfirmation
                | FormerIdConfirmation
                | MaritalStatus
        )
    }

    /// Answers certified, in order: (field ids, first present wins; label).
    fn certified(self) -> &'static [(&'static [&'static str], &'static str, &'static str)] {
        use ResultKind::*;
        match self {
            BirthExtract => &[
                (&["tre_ho_ten"], "Họ, chữ đệm, tên", "Full name"),
                (&["tre_ngay_sinh"], "Ngày, tháng, năm sinh", "Date of birth"),
                (&["tre_gioi_tinh"], "Giới tính", "Sex"),
                (&["tre_dan_toc"], "Dân tộc", "Ethnicity"),
                (&["tre_quoc_tich"], "Quốc tịch", "Nationality"),
                (&["tre_noi_sinh"], "Nơi sinh", "Place of birth"),
                (&["tre_que_quan"], "Quê quán", "Home town"),
                (&["me_ho_ten", "nyc_ho_ten"], "Họ, chữ đệm, tên người mẹ", "Mother's full name"),
                (&["cha_ho_ten", "vc_ho_ten"], "Họ, chữ đệm, tên người cha", "Father's full name"),
            ],
            DeathExtract => &[
                (&["nguoi_mat.ho_ten", "nm_ho_ten"], "Họ, chữ đệm, tên người đã chết", "Full name of the deceased"),
                (&["ngay_chet"], "Ngày chết", "Date of death"),
                (&["noi_chet"], "Nơi chết", "Place of death"),
                (&["nguyen_nhan_chet"], "Nguyên nhân chết", "Cause of death"),
            ],
            MarriageCertificate => &[
                (&["ban_ho_ten"], "Họ, chữ đệm, tên (bên thứ nhất)", "Full name (first spouse)"),
                (&["ban_ngay_sinh"], "Ngày sinh (bên thứ nhất)", "Date of birth (first spouse)"),
                (&["bk_ho_ten"], "Họ, chữ đệm, tên (bên thứ hai)", "Full name (second spouse)"),
                (&["bk_ngay_sinh"], "Ngày sinh (bên thứ hai)", "Date of birth (second spouse)"),
                (&["noi_dang_ky"], "Nơi đăng ký", "Place of registration"),
            ],
            MaritalStatus => &[
                (&["nguoi_duoc_cap.ho_ten", "nyc_ho_ten"], "Họ, chữ đệm, tên", "Full name"),
                (&["tinh_trang_hon_nhan"], "Tình trạng hôn nhân", "Marital status"),
                (&["muc_dich", "muc_dich_khac"], "Mục đích sử dụng", "Purpose"),
            ],
            CivilStatusExtract | CivilStatusChange => &[
                (&["nguoi_duoc_cap.ho_ten", "nyc_ho_ten"], "Họ, chữ đệm, tên", "Full name"),
                (&["loai_trich_luc", "noi_dung"], "Nội dung", "Content"),
                (&["so_dang_ky"], "Số đăng ký", "Registration number"),
                (&["ngay_da_dang_ky"], "Ngày đăng ký", "Date of registration"),
            ],
            // The person the residence is about: the applicant, or, in a
            // linked application, the newborn child or the deceased.
            PermanentResidence | TemporaryResidence | ResidenceNotice => &[
                (&["ho_ten", ids::CHILD_NAME, "nguoi_mat.ho_ten"], "Họ, chữ đệm và tên", "Full name"),
                (&["ngay_sinh", ids::CHILD_BIRTH, "nguoi_mat.ngay_sinh"], "Ngày, tháng, năm sinh", "Date of birth"),
                (&["dia_chi_moi", "dia_chi_tam_tru"], "Địa chỉ", "Address"),
                (&["tam_tru_den_ngay"], "Tạm trú đến ngày", "Temporary residence until"),
                (&["noi_dung"], "Nội dung", "Content"),
            ],
            ResidenceConfirmation => &[
                (&["ho_ten"], "Họ, chữ đệm và tên", "Full name"),
                (&["ngay_sinh"], "Ngày, tháng, năm sinh", "Date of birth"),
                (&["noi_dung_xac_nhan", "noi_dung"], "Nội dung xác nhận", "Information confirmed"),
            ],
            CriminalRecord => &[
                (&["ho_ten"], "Họ và tên", "Full name"),
                (&["ngay_sinh"], "Ngày, tháng, năm sinh", "Date of birth"),
                (&["noi_sinh"], "Nơi sinh", "Place of birth"),
                (&["quoc_tich"], "Quốc tịch", "Nationality"),
                (&["loai_phieu"], "Loại phiếu", "Type of certificate"),
                (&["co_an_tich"], "Tình trạng án tích", "Criminal record"),
            ],
            FormerIdConfirmation => &[
                (&["ho_ten"], "Họ, chữ đệm và tên", "Full name"),
                (&["ngay_sinh"], "Ngày, tháng, năm sinh", "Date of birth"),
                (&["so_cmnd_cu"], "Số Chứng minh nhân dân đã cấp", "Former identity card number"),
            ],
            Generic => &[],
        }
    }
}

// ---------------------------------------------------------------------------
// The signed document

/// Version of [`ResultDoc`].
pub const DOC_VERSION: u32 = 1;

/// JOSE `typ` of a result file.
pub const TYP_FILE: &str = "tokhai-result+jws";

/// JOSE `typ` of the QR stamp.
pub const TYP_STAMP: &str = "tokhai-stamp+jws";

/// The only algorithm: ECDSA P-256 with SHA-256 (TT 15/2025/TT-BKHCN allows
/// ECDSA ≥ 256 bits with SHA-256; WebCrypto verifies it).
pub const ALG: &str = "ES256";

/// One certified item, labelled in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certified {
    /// What it is.
    pub label: Text,
    /// The value as issued.
    pub value: String,
}

/// The person the document is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// Full name.
    pub name: String,
    /// Personal ID number, only when the document shows it
    /// ([`ResultKind::shows_personal_id`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_id: Option<String>,
}

/// The issuing agency as the document names it (the certificate names the
/// signer too; the verifier shows the certificate's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issuer {
    /// Agency certificate id (`seeds/ca/agencies/{id}`).
    pub cert: String,
    /// Agency name.
    pub name: Text,
}

/// The payload of a result file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultDoc {
    /// [`DOC_VERSION`].
    pub v: u32,
    /// Kind of document.
    pub kind: ResultKind,
    /// Its name (so the file reads without the app).
    pub title: Text,
    /// Số: [`result_number`].
    pub number: String,
    /// Agency.
    pub issuer: Issuer,
    /// Signing time, seconds since 1970 (the JWS `iat`).
    pub iat: i64,
    /// Date of issue, dd/mm/yyyy, Vietnam time.
    pub date: String,
    /// Mã hồ sơ.
    pub dossier: String,
    /// Service id.
    pub service_id: String,
    /// Service name.
    pub service: Text,
    /// Who it is about.
    pub holder: Holder,
    /// What it certifies.
    pub data: Vec<Certified>,
}

/// What a result needs from the dossier (the fields of `portal::Dossier`
/// used; kept apart so this module does not depend on the portal's record).
#[derive(Clone, Debug, PartialEq)]
pub struct Source<'a> {
    /// Mã hồ sơ.
    pub code: &'a str,
    /// Service id.
    pub service_id: &'a str,
    /// Service name.
    pub service: &'a Text,
    /// Agency.
    pub agency: &'a Text,
    /// Applicant's personal ID.
    pub owner: &'a str,
    /// The answers.
    pub answers: &'a Answers,
}

/// The result number: the receipt date and the unit's sequence of the dossier
/// code, the unit, and the kind's symbol: `2611240001/TLKS-H01`. The real
/// number formats (sổ hộ tịch, CSDL cư trú, LLTP) are not published in one
/// place: this is the app's, unique per unit and kind.
pub fn result_number(kind: ResultKind, dossier_code: &str) -> String {
    // 001.01.20.H01-261124-0001
    let mut parts = dossier_code.splitn(3, '-');
    let unit = parts.next().unwrap_or("");
    let day = parts.next().unwrap_or("");
    let seq = parts.next().unwrap_or("");
    let unit_short = unit.rsplit('.').next().unwrap_or(unit);
    format!("{day}{seq}/{}-{unit_short}", kind.symbol())
}

/// A scalar answer as text; addresses as "street, ward, province"; a group's
/// column as `group.column` from its first row.
pub fn answer_text(answers: &Answers, id: &str) -> Option<String> {
    if let Some((group, col)) = id.split_once('.') {
        return match answers.get(group) {
            Some(Answer::Rows(rows)) => rows.first().and_then(|r| answer_text(r, col)),
            _ => None,
        };
    }
    let s = match answers.get(id)? {
        Answer::Text(s) => s.trim().to_string(),
        Answer::Many(v) => v.join(", "),
        Answer::Address(a) => [a.street.as_str(), a.ward_name.as_str(), a.province_name.as_str()]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        Answer::Rows(_) | Answer::Files(_) => String::new(),
    };
    (!s.is_empty()).then_some(s)
}

/// Date `dd/mm/yyyy` in Vietnam of `secs` since 1970.
pub fn vn_date(secs: i64) -> Date {
    civil_from_days((secs + 7 * 3600).div_euclid(86_400))
}

/// Builds the result document of a dossier, signed at `iat` (seconds).
pub fn build(src: &Source<'_>, iat: i64) -> ResultDoc {
    let kind = kind_of(src.service_id);
    let mut data: Vec<Certified> = kind
        .certified()
        .iter()
        .filter_map(|(ids, vi, en)| {
            let value = ids.iter().find_map(|id| answer_text(src.answers, id))?;
            Some(Certified { label: Text { vi: (*vi).into(), en: (*en).into() }, value })
        })
        .collect();
    if kind == ResultKind::Generic {
        data.push(Certified {
            label: Text { vi: "Thủ tục".into(), en: "Procedure".into() },
            value: src.service.vi.clone(),
        });
        data.push(Certified {
            label: Text { vi: "Kết quả".into(), en: "Outcome".into() },
            value: "Đã giải quyết xong".into(),
        });
    }
    let name = ["ho_ten", "ban_ho_ten", "nyc_ho_ten", "tre_ho_ten"]
        .iter()
        .find_map(|id| answer_text(src.answers, id))
        .unwrap_or_default();
    let holder = Holder {
        name,
        personal_id: (kind.shows_personal_id() && !src.owner.is_empty()).then(|| src.owner.to_string()),
    };
    ResultDoc {
        v: DOC_VERSION,
        kind,
        title: kind.name(),
        number: result_number(kind, src.code),
        issuer: Issuer { cert: kind.signer(&src.agency.vi).into(), name: src.agency.clone() },
        iat,
        date: vn_date(iat).to_string(),
        dossier: src.code.into(),
        service_id: src.service_id.into(),
        service: src.service.clone(),
        holder,
        data,
    }
}

// ---------------------------------------------------------------------------
// Compact JWS with x5c

/// The JOSE header of a result file or stamp.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoseHeader {
    /// `ES256`.
    pub alg: String,
    /// [`TYP_FILE`] or [`TYP_STAMP`].
    #[serde(default)]
    pub typ: String,
    /// Certificate chain, standard base64 DER (RFC 7515 §4.1.6), leaf first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub x5c: Vec<String>,
    /// Agency certificate id of the stamp, whose chain the app ships
    /// (`seeds/ca/agencies.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
}

/// The header JSON of a result file signed with `chain` (DER, leaf first).
pub fn file_header(chain: &[Vec<u8>]) -> String {
    let h = JoseHeader {
        alg: ALG.into(),
        typ: TYP_FILE.into(),
        x5c: chain.iter().map(|c| STANDARD.encode(c)).collect(),
        kid: None,
    };
    serde_json::to_string(&h).unwrap_or_default()
}

/// The header JSON of a QR stamp signed by agency certificate `kid`.
pub fn stamp_header(kid: &str) -> String {
    let h = JoseHeader { alg: ALG.into(), typ: TYP_STAMP.into(), x5c: vec![], kid: Some(kid.into()) };
    serde_json::to_string(&h).unwrap_or_default()
}

/// `base64url(header).base64url(payload)`: the bytes the agency signs.
pub fn signing_input(header_json: &str, payload: &[u8]) -> String {
    format!("{}.{}", URL_SAFE_NO_PAD.encode(header_json), URL_SAFE_NO_PAD.encode(payload))
}

/// The compact JWS from the signing input and the raw `r‖s` signature.
pub fn assemble(signing_input: &str, raw_signature: &[u8]) -> String {
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(raw_signature))
}

/// The payload bytes of a result document (serde_json, field order as declared).
pub fn payload_bytes(doc: &ResultDoc) -> Vec<u8> {
    serde_json::to_vec(doc).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// QR stamp

/// The payload of the QR stamp: a short JWS signed by the same agency key,
/// carrying what identifies the document and the hash of the file's payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Kind.
    pub k: ResultKind,
    /// Số.
    pub n: String,
    /// Mã hồ sơ.
    pub c: String,
    /// Signing time, seconds.
    pub iat: i64,
    /// base64url SHA-256 of the file's payload part (the ASCII of its
    /// second dot-separated segment).
    pub h: String,
}

/// Path and fragment prefix of the QR text: `{origin}/xac-thuc#kq=`. The
/// fragment never reaches a server.
pub const QR_PATH: &str = "/xac-thuc#kq=";

/// The QR text: `{origin}/xac-thuc#kq={stamp JWS}`.
pub fn qr_text(origin: &str, stamp_jws: &str) -> String {
    format!("{}{QR_PATH}{stamp_jws}", origin.trim_end_matches('/'))
}

/// The stamp of `doc` given the file's payload hash (SHA-256, 32 bytes).
pub fn stamp_for(doc: &ResultDoc, payload_sha256: &[u8]) -> Stamp {
    Stamp {
        k: doc.kind,
        n: doc.number.clone(),
        c: doc.dossier.clone(),
        iat: doc.iat,
        h: URL_SAFE_NO_PAD.encode(payload_sha256),
    }
}

/// The payload segment of a result file, whose SHA-256 the stamp carries.
pub fn payload_segment(file_jws: &str) -> Option<&str> {
    file_jws.trim().split('.').nth(1)
}

/// Whether a verified stamp matches a file whose payload segment hashes to
/// `payload_sha256` and whose document says the same number and dossier.
pub fn stamp_matches(stamp: &Stamp, doc: &ResultDoc, payload_sha256: &[u8]) -> bool {
    stamp.h == URL_SAFE_NO_PAD.encode(payload_sha256) && stamp.n == doc.number && stamp.c == doc.dossier
}

// ---------------------------------------------------------------------------
// DER

/// Why bytes are not the DER expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DerError {
    /// A length runs past the end.
    Truncated,
    /// Anything else.
    Malformed,
}

/// One TLV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// Tag byte (single-byte tags only: all X.509 needs).
    pub tag: u8,
    /// Contents.
    pub body: &'a [u8],
    /// Tag, length and contents.
    pub whole: &'a [u8],
}

/// Reads one TLV (definite length, up to 4 length bytes, minimal).
pub fn der_read(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), DerError> {
    let (&tag, rest) = input.split_first().ok_or(DerError::Truncated)?;
    if tag & 0x1F == 0x1F {
        return Err(DerError::Malformed);
    }
    let (&first, rest) = rest.split_first().ok_or(DerError::Truncated)?;
    let (len, rest) = if first < 0x80 {
        (first as usize, rest)
    } else {
        let n = (first & 0x7F) as usize;
        if n == 0 || n > 4 {
            return Err(DerError::Malformed);
        }
        if rest.len() < n {
            return Err(DerError::Truncated);
        }
        let len = rest[..n].iter().fold(0usize, |a, b| (a << 8) | *b as usize);
        if len < 0x80 || rest[0] == 0 {
            return Err(DerError::Malformed); // not minimal
        }
        (len, &rest[n..])
    };
    if rest.len() < len {
        return Err(DerError::Truncated);
    }
    let head = input.len() - rest.len();
    Ok((Tlv { tag, body: &rest[..len], whole: &input[..head + len] }, &rest[len..]))
}

fn expect<'a>(input: &'a [u8], tag: u8) -> Result<(Tlv<'a>, &'a [u8]), DerError> {
    let (t, rest) = der_read(input)?;
    if t.tag != tag {
        return Err(DerError::Malformed);
    }
    Ok((t, rest))
}

fn all<'a>(mut input: &'a [u8]) -> Result<Vec<Tlv<'a>>, DerError> {
    let mut out = vec![];
    while !input.is_empty() {
        let (t, rest) = der_read(input)?;
        out.push(t);
        input = rest;
    }
    Ok(out)
}

const SEQ: u8 = 0x30;
const SET: u8 = 0x31;
const OID: u8 = 0x06;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const BOOLEAN: u8 = 0x01;

/// ecdsa-with-SHA256, 1.2.840.10045.4.3.2.
pub const OID_ECDSA_SHA256: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02];
/// id-ecPublicKey, 1.2.840.10045.2.1.
pub const OID_EC_PUBLIC_KEY: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01];
/// prime256v1 (P-256), 1.2.840.10045.3.1.7.
pub const OID_P256: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
const OID_CN: &[u8] = &[0x55, 0x04, 0x03];
const OID_C: &[u8] = &[0x55, 0x04, 0x06];
const OID_O: &[u8] = &[0x55, 0x04, 0x0A];
const OID_OU: &[u8] = &[0x55, 0x04, 0x0B];
const OID_BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1D, 0x13];
const OID_KEY_USAGE: &[u8] = &[0x55, 0x1D, 0x0F];

/// A distinguished name's attributes a verifier shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DName {
    /// Common name.
    pub cn: String,
    /// Organisation.
    pub o: String,
    /// Organisational unit.
    pub ou: String,
    /// Country.
    pub c: String,
}

impl DName {
    /// "O — OU", or the CN when there is no O.
    pub fn organisation(&self) -> String {
        match (self.o.is_empty(), self.ou.is_empty()) {
            (true, _) => self.cn.clone(),
            (false, true) => self.o.clone(),
            (false, false) => format!("{} — {}", self.o, self.ou),
        }
    }
}

/// keyUsage bits (RFC 5280 §4.2.1.3).
pub mod key_usage {
    /// digitalSignature (0).
    pub const DIGITAL_SIGNATURE: u16 = 1 << 0;
    /// nonRepudiation / contentCommitment (1).
    pub const NON_REPUDIATION: u16 = 1 << 1;
    /// keyCertSign (5).
    pub const KEY_CERT_SIGN: u16 = 1 << 5;
}

/// What the verifier reads from one certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cert {
    /// The whole DER.
    pub der: Vec<u8>,
    /// The TBSCertificate's DER: what the issuer signed.
    pub tbs: Vec<u8>,
    /// Outer signatureAlgorithm OID (content bytes).
    pub sig_alg: Vec<u8>,
    /// Whether the TBS's signature algorithm equals the outer one.
    pub sig_alg_consistent: bool,
    /// The issuer's signature, converted from DER to raw `r‖s` (64 bytes) as
    /// WebCrypto wants; empty when it is not a P-256 ECDSA signature.
    pub signature: Vec<u8>,
    /// SubjectPublicKeyInfo DER (WebCrypto `importKey("spki", …)`).
    pub spki: Vec<u8>,
    /// Whether the key is EC P-256.
    pub p256_key: bool,
    /// Issuer name DER and attributes.
    pub issuer_der: Vec<u8>,
    /// Issuer attributes.
    pub issuer: DName,
    /// Subject name DER.
    pub subject_der: Vec<u8>,
    /// Subject attributes.
    pub subject: DName,
    /// notBefore, seconds since 1970.
    pub not_before: i64,
    /// notAfter, seconds since 1970.
    pub not_after: i64,
    /// basicConstraints cA (false when absent).
    pub is_ca: bool,
    /// keyUsage bits, `None` when absent.
    pub key_usage: Option<u16>,
}

fn text_of(t: &Tlv<'_>) -> String {
    match t.tag {
        // BMPString: UTF-16BE.
        0x1E => {
            let u: Vec<u16> = t.body.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            String::from_utf16_lossy(&u)
        }
        // TeletexString, read as Latin-1.
        0x14 => t.body.iter().map(|b| *b as char).collect(),
        _ => String::from_utf8_lossy(t.body).into_owned(),
    }
}

fn parse_name(t: &Tlv<'_>) -> Result<DName, DerError> {
    let mut n = DName::default();
    for set in all(t.body)? {
        if set.tag != SET {
            return Err(DerError::Malformed);
        }
        for atv in all(set.body)? {
            let (oid, rest) = expect(atv.body, OID)?;
            let (val, _) = der_read(rest)?;
            let s = text_of(&val);
            let slot = match oid.body {
                x if x == OID_CN => &mut n.cn,
                x if x == OID_O => &mut n.o,
                x if x == OID_OU => &mut n.ou,
                x if x == OID_C => &mut n.c,
                _ => continue,
            };
            if slot.is_empty() {
                *slot = s;
            } else {
                slot.push_str(", ");
                slot.push_str(&s);
            }
        }
    }
    Ok(n)
}

fn digits(b: &[u8]) -> Result<i64, DerError> {
    b.iter().try_fold(0i64, |a, c| {
        if c.is_ascii_digit() {
            Ok(a * 10 + i64::from(c - b'0'))
        } else {
            Err(DerError::Malformed)
        }
    })
}

/// UTCTime (`YYMMDDHHMMSSZ`) or GeneralizedTime (`YYYYMMDDHHMMSSZ`) to seconds.
fn parse_time(t: &Tlv<'_>) -> Result<i64, DerError> {
    let b = t.body;
    let (year, rest) = match (t.tag, b.len()) {
        (0x17, 13) => {
            let yy = digits(&b[..2])?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, &b[2..])
        }
        (0x18, 15) => (digits(&b[..4])?, &b[4..]),
        _ => return Err(DerError::Malformed),
    };
    if rest[10] != b'Z' {
        return Err(DerError::Malformed);
    }
    let (mo, d, h, mi, s) =
        (digits(&rest[0..2])?, digits(&rest[2..4])?, digits(&rest[4..6])?, digits(&rest[6..8])?, digits(&rest[8..10])?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 59 {
        return Err(DerError::Malformed);
    }
    let date = Date { year: year as i32, month: mo as u8, day: d as u8 };
    Ok(days_from_civil(date) * 86_400 + h * 3600 + mi * 60 + s)
}

fn alg_oid<'a>(t: &Tlv<'a>) -> Result<&'a [u8], DerError> {
    if t.tag != SEQ {
        return Err(DerError::Malformed);
    }
    Ok(expect(t.body, OID)?.0.body)
}

/// An ECDSA-Sig-Value (`SEQUENCE { r INTEGER, s INTEGER }`) as raw `r‖s`,
/// 32 bytes each; `None` when it is not a P-256 signature.
pub fn ecdsa_der_to_raw(der: &[u8]) -> Option<Vec<u8>> {
    let (seq, rest) = expect(der, SEQ).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let (r, rest) = expect(seq.body, INTEGER).ok()?;
    let (s, rest) = expect(rest, INTEGER).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(64);
    for i in [r.body, s.body] {
        let i = match i {
            [0, tail @ ..] if !tail.is_empty() => tail,
            x => x,
        };
        if i.len() > 32 || i.is_empty() {
            return None;
        }
        out.extend(std::iter::repeat_n(0, 32 - i.len()));
        out.extend_from_slice(i);
    }
    Some(out)
}

/// Reads a certificate's DER.
pub fn parse_cert(der: &[u8]) -> Result<Cert, DerError> {
    let (cert, rest) = expect(der, SEQ)?;
    if !rest.is_empty() {
        return Err(DerError::Malformed);
    }
    let (tbs, rest) = expect(cert.body, SEQ)?;
    let (outer_alg, rest) = der_read(rest)?;
    let (sig, rest) = expect(rest, BIT_STRING)?;
    if !rest.is_empty() {
        return Err(DerError::Malformed);
    }
    let sig_alg = alg_oid(&outer_alg)?.to_vec();

    let mut f = tbs.body;
    let (mut t, mut r) = der_read(f)?;
    if t.tag == 0xA0 {
        // [0] EXPLICIT version
        (t, r) = der_read(r)?;
    }
    if t.tag != INTEGER {
        return Err(DerError::Malformed);
    }
    f = r;
    let (inner_alg, r) = der_read(f)?;
    let (issuer, r) = expect(r, SEQ)?;
    let (validity, r) = expect(r, SEQ)?;
    let (subject, r) = expect(r, SEQ)?;
    let (spki, mut r) = expect(r, SEQ)?;
    let (nb, vr) = der_read(validity.body)?;
    let (na, _) = der_read(vr)?;

    // SPKI: SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING 00 04 x y }
    let p256_key = (|| -> Result<bool, DerError> {
        let (alg, rest) = expect(spki.body, SEQ)?;
        let (key, _) = expect(rest, BIT_STRING)?;
        let (oid, rest) = expect(alg.body, OID)?;
        let curve = der_read(rest).ok().map(|(c, _)| c);
        Ok(oid.body == OID_EC_PUBLIC_KEY
            && curve.is_some_and(|c| c.tag == OID && c.body == OID_P256)
            && key.body.len() == 66
            && key.body[..2] == [0, 4])
    })()?;

    let (mut is_ca, mut key_usage) = (false, None);
    while !r.is_empty() {
        let (t, rest) = der_read(r)?;
        r = rest;
        if t.tag != 0xA3 {
            continue;
        }
        let (exts, _) = expect(t.body, SEQ)?;
        for ext in all(exts.body)? {
            let (oid, rest) = expect(ext.body, OID)?;
            let (mut v, mut rest) = der_read(rest)?;
            if v.tag == BOOLEAN {
                (v, rest) = der_read(rest)?;
            }
            if v.tag != OCTET_STRING || !rest.is_empty() {
                return Err(DerError::Malformed);
            }
            if oid.body == OID_BASIC_CONSTRAINTS {
                let (bc, _) = expect(v.body, SEQ)?;
                if let Ok((b, _)) = expect(bc.body, BOOLEAN) {
                    is_ca = b.body == [0xFF];
                }
            } else if oid.body == OID_KEY_USAGE {
                let (bits, _) = expect(v.body, BIT_STRING)?;
                // First byte: unused bits; then bit 0 is the MSB of byte 1.
                let b1 = u16::from(*bits.body.get(1).unwrap_or(&0));
                let b2 = u16::from(*bits.body.get(2).unwrap_or(&0));
                let raw = (b1 << 8) | b2;
                key_usage = Some((0..9).filter(|i| raw & (0x8000 >> i) != 0).fold(0, |a, i| a | (1 << i)));
            }
        }
    }

    let signature = match sig.body.split_first() {
        Some((0, der_sig)) if sig_alg == OID_ECDSA_SHA256 => ecdsa_der_to_raw(der_sig).unwrap_or_default(),
        _ => vec![],
    };
    Ok(Cert {
        der: cert.whole.to_vec(),
        tbs: tbs.whole.to_vec(),
        sig_alg_consistent: alg_oid(&inner_alg)? == sig_alg.as_slice() && inner_alg.whole == outer_alg.whole,
        sig_alg,
        signature,
        spki: spki.whole.to_vec(),
        p256_key,
        issuer_der: issuer.whole.to_vec(),
        issuer: parse_name(&issuer)?,
        subject_der: subject.whole.to_vec(),
        subject: parse_name(&subject)?,
        not_before: parse_time(&nb)?,
        not_after: parse_time(&na)?,
        is_ca,
        key_usage,
    })
}

/// Reads a PEM `CERTIFICATE` block (or returns DER unchanged).
pub fn pem_to_der(text: &[u8]) -> Option<Vec<u8>> {
    let s = std::str::from_utf8(text).ok()?;
    let start = s.find("-----BEGIN CERTIFICATE-----")? + 27;
    let end = s[start..].find("-----END CERTIFICATE-----")? + start;
    let b64: String = s[start..end].chars().filter(|c| !c.is_whitespace()).collect();
    STANDARD.decode(b64).ok()
}

// ---------------------------------------------------------------------------
// Verification

/// Largest result file accepted, bytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024;

/// Why a result is not accepted as genuine. Each has its own sentence in
/// [`crate::messages::results`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The file ends too early (cut while copying or downloading).
    Truncated,
    /// Not a result file at all, or damaged beyond reading.
    Malformed,
    /// Signed with an algorithm other than ES256 / ecdsa-with-SHA256 on P-256.
    WrongAlgorithm,
    /// The document's signature does not match its content: changed after signing.
    Tampered,
    /// The chain does not lead to the shipped root: another CA.
    UnknownRoot,
    /// A certificate of the chain is not signed by the next one.
    BrokenChain,
    /// A certificate that signs others is not a CA certificate.
    NotCa,
    /// The signer's certificate is not for signing documents.
    NotForSigning,
    /// A certificate had expired at the signing time.
    CertExpired,
    /// A certificate was not yet valid at the signing time.
    CertNotYetValid,
    /// The browser cannot check signatures (no WebCrypto).
    CryptoUnavailable,
}

impl Refusal {
    /// Every refusal.
    pub const ALL: [Refusal; 11] = [
        Refusal::Truncated,
        Refusal::Malformed,
        Refusal::WrongAlgorithm,
        Refusal::Tampered,
        Refusal::UnknownRoot,
        Refusal::BrokenChain,
        Refusal::NotCa,
        Refusal::NotForSigning,
        Refusal::CertExpired,
        Refusal::CertNotYetValid,
        Refusal::CryptoUnavailable,
    ];

    /// Stable key, e.g. `result_tampered`.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Truncated => "result_truncated",
            Refusal::Malformed => "result_malformed",
            Refusal::WrongAlgorithm => "result_wrong_algorithm",
            Refusal::Tampered => "result_tampered",
            Refusal::UnknownRoot => "result_unknown_root",
            Refusal::BrokenChain => "result_broken_chain",
            Refusal::NotCa => "result_not_ca",
            Refusal::NotForSigning => "result_not_for_signing",
            Refusal::CertExpired => "result_cert_expired",
            Refusal::CertNotYetValid => "result_cert_not_yet_valid",
            Refusal::CryptoUnavailable => "result_crypto_unavailable",
        }
    }
}

/// What the verifier trusts: the shipped root and, for QR stamps, the shipped
/// agency chains (`seeds/ca/root.pem`, `seeds/ca/agencies.json`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trust {
    /// The root certificate.
    pub root: Cert,
    /// Agency id → chain (DER, leaf first, without the root).
    pub agencies: Vec<(String, Vec<Vec<u8>>)>,
}

/// One entry of `seeds/ca/agencies.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyChain {
    /// Agency certificate id.
    pub id: String,
    /// Chain, standard base64 DER, leaf first, without the root.
    pub x5c: Vec<String>,
}

impl Trust {
    /// From the root (PEM or DER) and `agencies.json` (may be empty: then QR
    /// stamps cannot be checked, files still can).
    pub fn new(root_pem_or_der: &[u8], agencies_json: &str) -> Option<Trust> {
        let der = pem_to_der(root_pem_or_der).unwrap_or_else(|| root_pem_or_der.to_vec());
        let root = parse_cert(&der).ok()?;
        let agencies: Vec<AgencyChain> =
            if agencies_json.trim().is_empty() { vec![] } else { serde_json::from_str(agencies_json).ok()? };
        let agencies = agencies
            .into_iter()
            .map(|a| Some((a.id, a.x5c.iter().map(|c| STANDARD.decode(c).ok()).collect::<Option<Vec<_>>>()?)))
            .collect::<Option<Vec<_>>>()?;
        Some(Trust { root, agencies })
    }
}

/// What was signed: a whole result, or a QR stamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// A result file.
    Document(Box<ResultDoc>),
    /// A QR stamp.
    Stamp(Stamp),
}

/// A certificate as the verifier shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertView {
    /// Subject.
    pub subject: DName,
    /// Issuer.
    pub issuer: DName,
    /// notBefore, seconds.
    pub not_before: i64,
    /// notAfter, seconds.
    pub not_after: i64,
}

/// A genuine result: what TT 15/2025/TT-BKHCN §2.3 asks a verifier to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The signed content.
    pub content: Content,
    /// Signer organisation ("O — OU" of the agency certificate).
    pub signer: String,
    /// The agency certificate's CN.
    pub signer_cn: String,
    /// Issuing CA (CN of the agency certificate's issuer).
    pub issuing_ca: String,
    /// Root CA (CN).
    pub root: String,
    /// Signing time, seconds since 1970 (`iat`).
    pub signed_at: i64,
    /// Agency certificate's validity.
    pub cert_not_before: i64,
    /// Agency certificate's validity.
    pub cert_not_after: i64,
    /// Valid at signing time (always true in a [`Verified`]).
    pub valid_at_signing: bool,
    /// Content unchanged since signing (always true in a [`Verified`]).
    pub integrity: bool,
    /// The chain, agency first, root last.
    pub chain: Vec<CertView>,
}

/// Which signature a [`SigCheck`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The document (or stamp) by the agency certificate.
    Document,
    /// Certificate `i` of the chain by certificate `i + 1`.
    Chain(usize),
    /// The chain's last certificate by the shipped root.
    Root,
}

/// One ECDSA P-256 / SHA-256 signature to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigCheck {
    /// Which.
    pub role: Role,
    /// The signer's SubjectPublicKeyInfo DER (`importKey("spki", …,
    /// {name: "ECDSA", namedCurve: "P-256"})`).
    pub spki: Vec<u8>,
    /// The signed bytes (`verify({name: "ECDSA", hash: "SHA-256"}, …)`).
    pub message: Vec<u8>,
    /// Raw `r‖s`, 64 bytes.
    pub signature: Vec<u8>,
}

/// A parsed result waiting for its signatures to be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    checks: Vec<SigCheck>,
    chain: Vec<Cert>,
    root: Cert,
    content: Option<Content>,
}

/// The cryptography the verifier needs: ECDSA P-256 with SHA-256. The browser
/// implements it with WebCrypto (asynchronously: it uses [`prepare`],
/// [`Pending::checks`] and [`Pending::conclude`] directly); natively, tests
/// use `p256`.
pub trait EcdsaP256 {
    /// Whether `signature` (raw `r‖s`) over `message` verifies with the key `spki` (DER).
    fn verify(&self, spki: &[u8], message: &[u8], signature: &[u8]) -> bool;
}

/// Characters of an ES256 signature in base64url.
const SIG_CHARS: usize = 86;

fn b64url(part: &str, last: bool) -> Result<Vec<u8>, Refusal> {
    URL_SAFE_NO_PAD.decode(part).map_err(|_| {
        // A cut in the middle of the last part leaves a length or final
        // character no encoder makes.
        let whole = part.len() - part.len() % 4;
        let alphabet = part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if last
            && alphabet
            && (part.len() % 4 == 1 || part.len() < SIG_CHARS || URL_SAFE_NO_PAD.decode(&part[..whole]).is_ok())
        {
            Refusal::Truncated
        } else {
            Refusal::Malformed
        }
    })
}

/// The document inside a result file, read without checking it (to list and
/// offer it; [`prepare`] and the agency check it). `None` if it does not read.
pub fn peek(file: &str) -> Option<ResultDoc> {
    let payload = URL_SAFE_NO_PAD.decode(payload_segment(file)?).ok()?;
    serde_json::from_slice(&payload).ok()
}

/// The answer of a file field given by a stored result: a reference the
/// agency verifies, not an upload.
pub fn stored_meta(doc: &ResultDoc, file_len: usize) -> crate::FileMeta {
    crate::FileMeta {
        name: format!("{} số {}", doc.title.vi, doc.number),
        size: file_len as u64,
        mime: "application/jose".into(),
        stored: Some(doc.number.clone()),
        upload: None,
    }
}

/// The JWS inside a QR text (`…/xac-thuc#kq=…`) or a file (whitespace trimmed).
pub fn extract_jws(input: &str) -> &str {
    let s = input.trim();
    match s.find("#kq=") {
        Some(i) => &s[i + 4..],
        None => s,
    }
}

/// Parses a result file or QR text and lists the signatures to check.
pub fn prepare(input: &str, trust: &Trust) -> Result<Pending, Refusal> {
    let jws = extract_jws(input);
    if jws.len() > MAX_FILE_BYTES {
        return Err(Refusal::Malformed);
    }
    if jws.is_empty() {
        return Err(Refusal::Truncated);
    }
    let parts: Vec<&str> = jws.split('.').collect();
    let header_bytes = b64url(parts[0], parts.len() == 1)?;
    let header: JoseHeader = match serde_json::from_slice(&header_bytes) {
        Ok(h) => h,
        Err(e) if e.is_eof() => return Err(Refusal::Truncated),
        Err(_) => return Err(Refusal::Malformed),
    };
    if header.typ != TYP_FILE && header.typ != TYP_STAMP {
        return Err(Refusal::Malformed);
    }
    if parts.len() < 3 {
        return Err(Refusal::Truncated);
    }
    if parts.len() > 3 {
        return Err(Refusal::Malformed);
    }
    if header.alg != ALG {
        return Err(Refusal::WrongAlgorithm);
    }
    let payload = b64url(parts[1], false)?;
    let signature = b64url(parts[2], true)?;
    if signature.len() != 64 {
        return Err(if signature.len() < 64 { Refusal::Truncated } else { Refusal::Malformed });
    }
    // A payload that does not read is judged after the signature: a changed
    // byte is "tampered", a well-signed oddity "malformed".
    let content = if header.typ == TYP_FILE {
        serde_json::from_slice::<ResultDoc>(&payload).ok().map(|d| Content::Document(Box::new(d)))
    } else {
        serde_json::from_slice::<Stamp>(&payload).ok().map(Content::Stamp)
    };

    let ders: Vec<Vec<u8>> = if header.typ == TYP_FILE {
        header.x5c.iter().map(|c| STANDARD.decode(c).map_err(|_| Refusal::Malformed)).collect::<Result<_, _>>()?
    } else {
        let kid = header.kid.as_deref().unwrap_or("");
        trust.agencies.iter().find(|(id, _)| id == kid).map(|(_, c)| c.clone()).ok_or(Refusal::UnknownRoot)?
    };
    let mut chain: Vec<Cert> =
        ders.iter().map(|d| parse_cert(d).map_err(|_| Refusal::Malformed)).collect::<Result<_, _>>()?;
    // A chain may end with the root itself; only the shipped one counts.
    if chain.last().is_some_and(|c| c.subject_der == c.issuer_der) {
        let last = chain.pop().expect("non-empty");
        if last.der != trust.root.der {
            return Err(Refusal::UnknownRoot);
        }
    }
    if chain.is_empty() {
        return Err(Refusal::Malformed);
    }
    for c in chain.iter().chain(std::iter::once(&trust.root)) {
        if c.sig_alg != OID_ECDSA_SHA256 || !c.sig_alg_consistent || !c.p256_key || c.signature.len() != 64 {
            return Err(Refusal::WrongAlgorithm);
        }
    }
    let last = chain.last().expect("non-empty");
    if last.issuer_der != trust.root.subject_der {
        return Err(Refusal::UnknownRoot);
    }
    for w in chain.windows(2) {
        if w[0].issuer_der != w[1].subject_der {
            return Err(Refusal::BrokenChain);
        }
    }

    let mut checks = vec![SigCheck {
        role: Role::Document,
        spki: chain[0].spki.clone(),
        message: jws.as_bytes()[..parts[0].len() + 1 + parts[1].len()].to_vec(),
        signature,
    }];
    for (i, w) in chain.windows(2).enumerate() {
        checks.push(SigCheck {
            role: Role::Chain(i),
            spki: w[1].spki.clone(),
            message: w[0].tbs.clone(),
            signature: w[0].signature.clone(),
        });
    }
    checks.push(SigCheck {
        role: Role::Root,
        spki: trust.root.spki.clone(),
        message: last.tbs.clone(),
        signature: last.signature.clone(),
    });
    Ok(Pending { checks, chain, root: trust.root.clone(), content })
}

impl Pending {
    /// The signatures to check, in any order.
    pub fn checks(&self) -> &[SigCheck] {
        &self.checks
    }

    /// The verdict, given whether each of [`Pending::checks`] verified (same
    /// order). Trust first (root, chain), then the document, then the
    /// certificates' purpose and validity at the signing time.
    pub fn conclude(self, results: &[bool]) -> Result<Verified, Refusal> {
        if results.len() != self.checks.len() {
            return Err(Refusal::CryptoUnavailable);
        }
        let failed = |want: fn(Role) -> bool| self.checks.iter().zip(results).any(|(c, ok)| want(c.role) && !ok);
        if failed(|r| r == Role::Root) {
            return Err(Refusal::UnknownRoot);
        }
        if failed(|r| matches!(r, Role::Chain(_))) {
            return Err(Refusal::BrokenChain);
        }
        if failed(|r| r == Role::Document) {
            return Err(Refusal::Tampered);
        }
        let Some(content) = self.content else { return Err(Refusal::Malformed) };
        let iat = match &content {
            Content::Document(d) => d.iat,
            Content::Stamp(s) => s.iat,
        };
        for ca in self.chain.iter().skip(1).chain(std::iter::once(&self.root)) {
            if !ca.is_ca || ca.key_usage.is_some_and(|u| u & key_usage::KEY_CERT_SIGN == 0) {
                return Err(Refusal::NotCa);
            }
        }
        let leaf = &self.chain[0];
        let signs = key_usage::DIGITAL_SIGNATURE | key_usage::NON_REPUDIATION;
        if leaf.is_ca || leaf.key_usage.is_some_and(|u| u & signs == 0) {
            return Err(Refusal::NotForSigning);
        }
        for c in self.chain.iter().chain(std::iter::once(&self.root)) {
            if iat > c.not_after {
                return Err(Refusal::CertExpired);
            }
            if iat < c.not_before {
                return Err(Refusal::CertNotYetValid);
            }
        }
        let view = |c: &Cert| CertView {
            subject: c.subject.clone(),
            issuer: c.issuer.clone(),
            not_before: c.not_before,
            not_after: c.not_after,
        };
        Ok(Verified {
            signer: leaf.subject.organisation(),
            signer_cn: leaf.subject.cn.clone(),
            issuing_ca: leaf.issuer.cn.clone(),
            root: self.root.subject.cn.clone(),
            signed_at: iat,
            cert_not_before: leaf.not_before,
            cert_not_after: leaf.not_after,
            valid_at_signing: true,
            integrity: true,
            chain: self.chain.iter().chain(std::iter::once(&self.root)).map(view).collect(),
            content,
        })
    }
}

/// Parses, checks every signature with `crypto`, and gives the verdict.
pub fn verify(input: &str, trust: &Trust, crypto: &dyn EcdsaP256) -> Result<Verified, Refusal> {
    let pending = prepare(input, trust)?;
    let results: Vec<bool> =
        pending.checks().iter().map(|c| crypto.verify(&c.spki, &c.message, &c.signature)).collect();
    pending.conclude(&results)
}
