//! Copy of the linked procedures (liên thông): where each part stands, why a
//! part waits or never started, the group's timeline lines and the problems of
//! a choice of parts. Part names and agencies are data in
//! [`crate::linked::PARTS`]. Vietnamese first, with full diacritics.

use crate::dossier::Status;
use crate::linked::{Applies, CertKind, ChoiceProblem, GroupId, PartId, PartState, PartView};
use crate::messages::tracking::status_label;
use crate::schema::Lang;

fn pick(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A part's name.
pub fn part_name(p: PartId, lang: Lang) -> &'static str {
    p.def().name.get(lang)
}

/// The registration's name in a sentence ("đăng ký khai sinh").
fn registration_inner(g: GroupId, lang: Lang) -> &'static str {
    match (g, lang) {
        (GroupId::KhaiSinh, Lang::Vi) => "đăng ký khai sinh",
        (GroupId::KhaiSinh, Lang::En) => "the birth registration",
        (GroupId::KhaiTu, Lang::Vi) => "đăng ký khai tử",
        (GroupId::KhaiTu, Lang::En) => "the death registration",
    }
}

/// "Một lần nộp, N thủ tục": the group's heading.
pub fn group_title(g: GroupId, lang: Lang) -> &'static str {
    match (g, lang) {
        (GroupId::KhaiSinh, Lang::Vi) => "Liên thông khai sinh, thường trú, bảo hiểm y tế, căn cước",
        (GroupId::KhaiSinh, Lang::En) => "Linked birth, residence, health card and ID card",
        (GroupId::KhaiTu, Lang::Vi) => "Liên thông khai tử, xóa thường trú, mai táng phí, tử tuất",
        (GroupId::KhaiTu, Lang::En) => "Linked death, residence, funeral and survivors' benefits",
    }
}

/// The short label of where a part stands: the national status once started,
/// else why it has none.
pub fn state_label(v: &PartView, lang: Lang) -> String {
    match (v.state, v.dossier) {
        (PartState::Started { .. }, Some(d)) => status_label(d.status, lang).to_string(),
        (PartState::Halted { .. }, _) => pick(lang, "Không thực hiện".into(), "Not carried out".into()),
        _ => pick(lang, "Chờ kết quả đăng ký".into(), "Waiting for the registration".into()),
    }
}

/// Why a part waits or never started, in one sentence (`None` once started).
pub fn explain(g: GroupId, v: &PartView, lang: Lang) -> Option<String> {
    let reg = registration_inner(g, lang);
    let name = part_name(v.id, lang);
    match v.state {
        PartState::Started { .. } => None,
        PartState::Waiting => Some(pick(
            lang,
            format!("{name} bắt đầu sau khi {reg} xong, với số định danh và trích lục từ kết quả đó. Bạn không cần làm gì thêm."),
            format!("{name} starts once {reg} is done, with the ID number and extract it gives. You do not need to do anything else."),
        )),
        PartState::Halted { because } => Some(match because {
            Status::Refused | Status::Stopped => pick(
                lang,
                format!("{name} không được thực hiện vì hồ sơ {reg} {}. Khi {reg} xong, bạn có thể nộp riêng thủ tục này.", status_phrase(*because, Lang::Vi)),
                format!("{name} was not carried out because {reg} was {}. Once the registration is done you can file this procedure on its own.", status_phrase(*because, Lang::En)),
            ),
            _ => pick(
                lang,
                format!("{name} không được thực hiện vì bạn đã rút hồ sơ liên thông trước khi {reg} xong."),
                format!("{name} was not carried out because you withdrew the linked application before {reg} was done."),
            ),
        }),
    }
}

fn status_phrase(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Refused, Lang::Vi) => "không được tiếp nhận",
        (Status::Refused, Lang::En) => "not accepted",
        (Status::Stopped, Lang::Vi) => "đã dừng xử lý",
        (Status::Stopped, Lang::En) => "stopped",
        (_, Lang::Vi) => "đã rút",
        (_, Lang::En) => "withdrawn",
    }
}

/// A line of the group's timeline: "Đăng ký thường trú: Được tiếp nhận".
pub fn timeline_line(p: PartId, s: Status, lang: Lang) -> String {
    format!("{}: {}", part_name(p, lang), status_label(s, lang))
}

/// The line announcing that the dependent parts were sent on, with the new ID.
pub fn started_line(g: GroupId, personal_id: Option<&str>, lang: Lang) -> String {
    let reg = registration_inner(g, lang);
    match personal_id {
        Some(id) => pick(
            lang,
            format!("Đã {reg} và cấp số định danh cá nhân {id} cho trẻ. Các thủ tục còn lại đã được chuyển đến cơ quan giải quyết."),
            format!("{} is done and the child has the personal ID number {id}. The other procedures went to their agencies.", capital(reg)),
        ),
        None => pick(
            lang,
            format!("Đã {reg}. Các thủ tục còn lại đã được chuyển đến cơ quan giải quyết."),
            format!("{} is done. The other procedures went to their agencies.", capital(reg)),
        ),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// What withdrawing means now: the whole group before the registration, one part after.
pub fn withdraw_rule(g: GroupId, registered: bool, lang: Lang) -> String {
    let reg = registration_inner(g, lang);
    if registered {
        pick(
            lang,
            format!("Đã {reg}: bạn chỉ có thể rút từng thủ tục chưa xong, không rút được việc đăng ký."),
            format!(
                "{} is done: you can withdraw each unfinished procedure on its own, not the registration.",
                capital(reg)
            ),
        )
    } else {
        pick(
            lang,
            format!("Rút hồ sơ lúc này là rút cả nhóm: {reg} và mọi thủ tục đi kèm."),
            format!("Withdrawing now withdraws the whole group: {reg} and every procedure with it."),
        )
    }
}

/// "Cấp khi đăng ký khai sinh": the child's ID before it exists.
pub fn assigned_at_registration(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Được cấp khi đăng ký khai sinh",
        Lang::En => "Assigned at the birth registration",
    }
}

/// "Công an phường Cầu Giấy": the receiving police of a ward.
pub fn police_of(ward: &str, lang: Lang) -> String {
    pick(lang, format!("Công an {ward}"), format!("Police of {ward}"))
}

/// The offer of the hospital's electronic certificate instead of typing what it
/// holds and uploading a photo.
pub fn certificate_offer(kind: CertKind, facility: &str, code: &str, lang: Lang) -> String {
    match kind {
        CertKind::Birth => pick(
            lang,
            format!(
                "{facility} đã gửi Giấy chứng sinh điện tử số {code}. Dùng giấy này để điền sẵn thông tin của trẻ và không phải tải ảnh lên?"
            ),
            format!(
                "{facility} has sent the electronic birth certificate {code}. Use it to fill in the child's details instead of uploading a photo?"
            ),
        ),
        CertKind::Death => pick(
            lang,
            format!(
                "{facility} đã gửi Giấy báo tử điện tử số {code}. Dùng giấy này để điền sẵn ngày, nơi và nguyên nhân chết và không phải tải ảnh lên?"
            ),
            format!(
                "{facility} has sent the electronic death notice {code}. Use it to fill in the date, place and cause of death instead of uploading a photo?"
            ),
        ),
    }
}

/// The provenance of an answer a hospital's certificate gave (check answers).
pub fn from_certificate(kind: CertKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (CertKind::Birth, Lang::Vi) => "Từ Giấy chứng sinh điện tử",
        (CertKind::Birth, Lang::En) => "From the electronic birth certificate",
        (CertKind::Death, Lang::Vi) => "Từ Giấy báo tử điện tử",
        (CertKind::Death, Lang::En) => "From the electronic death notice",
    }
}

/// A problem of the choice of parts, as a sentence.
pub fn choice_problem(p: &ChoiceProblem, lang: Lang) -> String {
    match p {
        ChoiceProblem::MissingRegistration(r) => pick(
            lang,
            format!("{} luôn được thực hiện trong nhóm liên thông này.", part_name(*r, Lang::Vi)),
            format!("{} is always part of this linked group.", part_name(*r, Lang::En)),
        ),
        ChoiceProblem::OtherGroup(x) => pick(
            lang,
            format!("{} không thuộc nhóm liên thông này.", part_name(*x, Lang::Vi)),
            format!("{} is not part of this linked group.", part_name(*x, Lang::En)),
        ),
        ChoiceProblem::NotApplicable(x, a) => {
            let (vi, en) = match a {
                Applies::ChildUnder6 => ("chỉ dành cho trẻ em dưới 6 tuổi", "is only for children under 6"),
                Applies::DeceasedInsured => (
                    "chỉ dành cho người đang đóng, bảo lưu hoặc đang hưởng bảo hiểm xã hội",
                    "is only for people insured by, or receiving benefits from, Social Security",
                ),
                Applies::DeceasedSupported => (
                    "chỉ dành cho người hưởng trợ cấp xã hội hằng tháng hoặc người có công",
                    "is only for recipients of monthly social assistance or persons of merit",
                ),
            };
            pick(lang, format!("{} {vi}.", part_name(*x, Lang::Vi)), format!("{} {en}.", part_name(*x, Lang::En)))
        }
        ChoiceProblem::Exclusive(a, b) => pick(
            lang,
            format!(
                "Chỉ được hưởng một chế độ mai táng: chọn {} hoặc {}.",
                lower(part_name(*a, Lang::Vi)),
                lower(part_name(*b, Lang::Vi))
            ),
            format!(
                "Only one funeral benefit is paid: choose {} or {}.",
                lower(part_name(*a, Lang::En)),
                lower(part_name(*b, Lang::En))
            ),
        ),
    }
}

fn lower(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => std::iter::once(crate::messages::lower_vi(f)).chain(c).collect(),
        None => String::new(),
    }
}

/// Fixed words of the linked pages (dossier, receipt, lookup, check answers,
/// tester console, the hospital's certificate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum L {
    /// Heading of the parts list.
    PartsHeading,
    /// Intro of the parts list.
    PartsIntro,
    /// "Cơ quan giải quyết".
    PartAgency,
    /// "Trạng thái".
    PartStatus,
    /// "Hạn giải quyết".
    PartDeadline,
    /// "Mã hồ sơ của thủ tục".
    PartCode,
    /// "Chưa có" (no deadline yet).
    NotYet,
    /// Link to a part's own page.
    OpenPart,
    /// On a part's own page: which group it belongs to.
    PartOfGroup,
    /// Link back to the group.
    SeeGroup,
    /// "Hạn giải quyết cả nhóm".
    GroupCeiling,
    /// "Mã thủ tục".
    ProcedureCode,
    /// Receipt: "Các thủ tục được giải quyết".
    ReceiptParts,
    /// Lookup: parts heading.
    LookupParts,
    /// Check answers: heading of the derived declarations.
    DerivedHeading,
    /// Check answers: intro.
    DerivedIntro,
    /// "Mẫu".
    Template,
    /// "Kính gửi".
    SentTo,
    /// Row set by the agency: no change link.
    ByAgency,
    /// Tester console: linked groups heading.
    OfficerGroups,
    /// Tester console: intro of the groups.
    OfficerGroupsIntro,
    /// Tester console: a part's dossier is handled on its own.
    HandlePart,
    /// The certificate offer's heading.
    CertHeading,
    /// Use the certificate.
    CertUse,
    /// The certificate is used.
    CertUsed,
    /// Stop using it: upload instead.
    CertUpload,
    /// No certificate found yet.
    CertNone,
    /// Where the certificate is looked up.
    CertWhere,
    /// "Số đăng ký".
    RegistrationNumber,
    /// The timeline of a part.
    PartTimeline,
}

impl L {
    /// Every key, for the tests.
    pub const ALL: [L; 30] = [
        L::PartsHeading,
        L::PartsIntro,
        L::PartAgency,
        L::PartStatus,
        L::PartDeadline,
        L::PartCode,
        L::NotYet,
        L::OpenPart,
        L::PartOfGroup,
        L::SeeGroup,
        L::GroupCeiling,
        L::ProcedureCode,
        L::ReceiptParts,
        L::LookupParts,
        L::DerivedHeading,
        L::DerivedIntro,
        L::Template,
        L::SentTo,
        L::ByAgency,
        L::OfficerGroups,
        L::OfficerGroupsIntro,
        L::HandlePart,
        L::CertHeading,
        L::CertUse,
        L::CertUsed,
        L::CertUpload,
        L::CertNone,
        L::CertWhere,
        L::RegistrationNumber,
        L::PartTimeline,
    ];
}

/// The words of `key`.
pub fn l(key: L, lang: Lang) -> &'static str {
    use L::*;
    let (vi, en) = match key {
        PartsHeading => ("Các thủ tục trong hồ sơ liên thông", "The procedures of this linked application"),
        PartsIntro => (
            "Mỗi thủ tục do một cơ quan giải quyết, có trạng thái và hạn riêng. Đăng ký được giải quyết trước; các thủ tục khác bắt đầu sau khi có kết quả đăng ký.",
            "Each procedure is handled by its own agency, with its own status and deadline. The registration comes first; the others start once it is done.",
        ),
        PartAgency => ("Cơ quan giải quyết", "Agency"),
        PartStatus => ("Trạng thái", "Status"),
        PartDeadline => ("Hạn giải quyết", "Deadline"),
        PartCode => ("Mã hồ sơ của thủ tục", "Code of this procedure"),
        NotYet => ("Chưa có, tính từ khi thủ tục bắt đầu", "Not yet: counted from when it starts"),
        OpenPart => ("Xem chi tiết thủ tục", "See this procedure"),
        PartOfGroup => ("Thủ tục này thuộc hồ sơ liên thông {code}.", "This procedure is part of the linked application {code}."),
        SeeGroup => ("Xem cả hồ sơ liên thông", "See the whole linked application"),
        GroupCeiling => ("Hạn giải quyết cả nhóm", "Deadline of the whole group"),
        ProcedureCode => ("Mã thủ tục", "Procedure code"),
        ReceiptParts => ("Các thủ tục được giải quyết", "Procedures handled"),
        LookupParts => ("Trạng thái từng thủ tục", "Status of each procedure"),
        DerivedHeading => ("Tờ khai gửi từng cơ quan", "The declaration each agency receives"),
        DerivedIntro => (
            "Từ thông tin bạn khai một lần, mỗi cơ quan nhận tờ khai riêng như dưới đây. Muốn sửa, chọn “Thay đổi” để về nơi bạn đã khai thông tin đó.",
            "From what you gave once, each agency receives its own declaration, shown below. To change something, choose “Change” to go back to where you gave it.",
        ),
        Template => ("Mẫu", "Template"),
        SentTo => ("Kính gửi", "To"),
        ByAgency => ("Cơ quan điền", "Filled in by the agency"),
        OfficerGroups => ("Hồ sơ liên thông", "Linked applications"),
        OfficerGroupsIntro => (
            "Mỗi thủ tục là một hồ sơ riêng: chọn thủ tục để xử lý. Các thủ tục phụ thuộc chỉ bắt đầu khi đăng ký đã xong.",
            "Each procedure is a dossier of its own: pick one to handle it. Dependent procedures start only once the registration is done.",
        ),
        HandlePart => ("Xử lý thủ tục", "Handle procedure"),
        CertHeading => ("Giấy tờ từ cơ sở y tế", "Certificate from the hospital"),
        CertUse => ("Dùng giấy này", "Use this certificate"),
        CertUsed => (
            "Đã dùng giấy điện tử của cơ sở y tế: thông tin trên giấy đã được điền, không cần tải ảnh lên.",
            "The hospital's electronic certificate is used: its details are filled in and no upload is needed.",
        ),
        CertUpload => ("Không dùng, tôi tải ảnh lên", "Don't use it, I'll upload a photo"),
        CertNone => (
            "Chưa tìm thấy giấy điện tử do cơ sở y tế gửi. Bạn có thể tải ảnh giấy tờ lên.",
            "No electronic certificate from a hospital was found yet. You can upload a photo of the paper.",
        ),
        CertWhere => (
            "Cơ sở y tế gửi giấy này điện tử, có chữ ký số (mô phỏng). Tìm theo số định danh đã khai.",
            "Hospitals send this electronically, digitally signed (simulated). Found by the personal ID number given.",
        ),
        RegistrationNumber => ("Số đăng ký", "Registration number"),
        PartTimeline => ("Tiến trình của thủ tục", "Timeline of this procedure"),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_word_is_in_both_languages() {
        for key in L::ALL {
            let (vi, en) = (l(key, Lang::Vi), l(key, Lang::En));
            assert!(!vi.trim().is_empty() && !en.trim().is_empty(), "{key:?}");
            assert_ne!(vi, en, "{key:?} is translated");
            assert_eq!(vi.contains("{code}"), en.contains("{code}"), "{key:?} has the same placeholders");
        }
    }
}
