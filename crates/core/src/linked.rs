//! Linked procedures (liên thông, Nghị định 63/2024/NĐ-CP as amended by Nghị
//! định 301/2026/NĐ-CP): one filing, data entered once, several procedures
//! handled by several agencies, each with its own status, deadline, result and
//! messages, in a fixed order.
//!
//! - [`GroupId`] and [`PartId`]: the two groups (birth, code 3.000722; death,
//!   code 2.002913) and their parts, described by [`PartDef`] with the
//!   uncertainty of the sources kept (`confidence`, `notes`), as the catalogue does.
//! - The choice: [`Choice`] per part, [`chosen`] reads it from the combined
//!   answers (the checkbox the form's `linked.choice` names), [`check_choice`]
//!   validates it against the [`Situation`]. Which sections a part needs is in
//!   the form itself (`show_if` on the choice field): [`sections_for`].
//! - [`declarations`]: each chosen part's own declaration (tờ khai khai sinh,
//!   CT01, TK1-TS, CC01 / tờ khai khai tử, CT01, tờ khai mai táng phí…) derived
//!   from the one answer set, each row pointing back to the combined field.
//! - [`Certificate`]: the hospital's electronic giấy chứng sinh / giấy báo tử
//!   (seeds in `seeds/hospital/`), found by the mother's or the deceased's ID.
//! - The parent dossier: [`Group`] in [`Office::groups`], its registration
//!   part an ordinary [`Dossier`] whose code is the group's code, each
//!   dependent part an ordinary dossier started only when the registration is
//!   done ([`Office::submit_group`], [`Office::withdraw_group`], [`Office::parts`]).
//!   The simulated agency ([`Office::tick`]) and the tester console
//!   ([`Office::apply`]) move each part on its own.

use crate::answers::{Answer, Answers};
use crate::catalog::Level;
use crate::date::Date;
use crate::dossier::{appointment, civil_from_days, days_from_civil, is_working_day, Status};
use crate::journey::{display_lines, visible_sections, Scope};
use crate::portal::{vn_clock, working_days_between, Dossier, Millis, Office, PortalError, Step};
use crate::schema::{Condition, Field, FormDef, Lang, Section, Text};
use crate::sources::Words;
use crate::submission::{fnv, Submission};
use serde::{Deserialize, Serialize};

const fn w(vi: &'static str, en: &'static str) -> Words {
    Words { vi, en }
}

fn text(w: Words) -> Text {
    Text { vi: w.vi.into(), en: w.en.into() }
}

/// How sure the data is, as the catalogue says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Read in an official text or an official procedure page.
    Confirmed,
    /// From press or law portals quoting the text, or a well-known rule.
    Likely,
    /// From secondary summaries, conflicting sources, or inferred.
    Uncertain,
}

/// The two linked groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupId {
    /// Khai sinh + thường trú + thẻ BHYT (+ thẻ căn cước) for a child under 6.
    KhaiSinh,
    /// Khai tử + xóa thường trú + mai táng phí, tử tuất.
    KhaiTu,
}

/// One procedure of a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartId {
    /// Đăng ký khai sinh.
    KhaiSinh,
    /// Đăng ký thường trú for the child.
    ThuongTru,
    /// Cấp thẻ bảo hiểm y tế for a child under 6.
    Bhyt,
    /// Cấp thẻ căn cước for a child under 6 (from 01/09/2026).
    CanCuoc,
    /// Đăng ký khai tử.
    KhaiTu,
    /// Xóa đăng ký thường trú of the deceased.
    XoaThuongTru,
    /// Trợ cấp mai táng (Bảo hiểm xã hội).
    MaiTangBhxh,
    /// Chế độ tử tuất (Bảo hiểm xã hội).
    TuTuat,
    /// Hỗ trợ chi phí mai táng, mai táng phí (social protection, người có công).
    HoTroMaiTang,
}

/// Whether a part is filed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Always (the registration).
    Always,
    /// The citizen chooses; `default` is whether it starts ticked.
    Optional {
        /// Ticked at first.
        default: bool,
    },
    /// Only when this holds.
    When(Applies),
}

/// Who a conditional part applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applies {
    /// The child is under 6 on the filing day.
    ChildUnder6,
    /// The deceased was insured by Bảo hiểm xã hội (contributing, with reserved
    /// contributions, or receiving a pension or monthly benefit).
    DeceasedInsured,
    /// The deceased received monthly social assistance or was a person of merit.
    DeceasedSupported,
}

/// The deadline ceiling of a whole group, counted from receipt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ceiling {
    /// Working days after a complete dossier (`None`: no source gives one).
    pub days: Option<u32>,
    /// When verification is needed.
    pub with_verification: Option<u32>,
    /// How sure.
    pub confidence: Confidence,
    /// Where from.
    pub notes: Words,
}

/// One part as the sources describe it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartDef {
    /// The part.
    pub id: PartId,
    /// Procedure name.
    pub name: Words,
    /// Receiving agency.
    pub agency: Words,
    /// Single-procedure code on dichvucong.gov.vn, where known.
    pub procedure: Option<&'static str>,
    /// The declaration this part derives.
    pub template: Words,
    /// Title of that declaration.
    pub title: Words,
    /// Processing days once it starts (0: the same working day).
    pub days: u32,
    /// Processing days when verification is needed, where a source gives it.
    pub with_verification: Option<u32>,
    /// Whether the group's ceiling caps its deadline.
    pub within_ceiling: bool,
    /// Whether it is filed.
    pub choice: Choice,
    /// Simulated unit: agency group digits and level ([`crate::dossier::unit_id`]).
    pub unit: (u8, Level),
    /// How sure the days and agency are.
    pub confidence: Confidence,
    /// Where from, and what is uncertain.
    pub notes: Words,
}

impl PartId {
    /// Every part, birth group first.
    pub const ALL: [PartId; 9] = [
        PartId::KhaiSinh,
        PartId::ThuongTru,
        PartId::Bhyt,
        PartId::CanCuoc,
        PartId::KhaiTu,
        PartId::XoaThuongTru,
        PartId::MaiTangBhxh,
        PartId::TuTuat,
        PartId::HoTroMaiTang,
    ];

    /// The serde name, also the option value of the form's choice field.
    pub fn key(self) -> &'static str {
        match self {
            PartId::KhaiSinh => "khai_sinh",
            PartId::ThuongTru => "thuong_tru",
            PartId::Bhyt => "bhyt",
            PartId::CanCuoc => "can_cuoc",
            PartId::KhaiTu => "khai_tu",
            PartId::XoaThuongTru => "xoa_thuong_tru",
            PartId::MaiTangBhxh => "mai_tang_bhxh",
            PartId::TuTuat => "tu_tuat",
            PartId::HoTroMaiTang => "ho_tro_mai_tang",
        }
    }

    /// The part named `key`.
    pub fn from_key(key: &str) -> Option<PartId> {
        PartId::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Its description.
    pub fn def(self) -> &'static PartDef {
        PARTS.iter().find(|d| d.id == self).expect("every part is described")
    }

    /// The group it belongs to.
    pub fn group(self) -> GroupId {
        match self {
            PartId::KhaiSinh | PartId::ThuongTru | PartId::Bhyt | PartId::CanCuoc => GroupId::KhaiSinh,
            _ => GroupId::KhaiTu,
        }
    }

    /// Whether it is the group's registration (the part the others wait for).
    pub fn is_registration(self) -> bool {
        matches!(self, PartId::KhaiSinh | PartId::KhaiTu)
    }
}

const BIRTH_CEILING: Ceiling = Ceiling {
    days: Some(3),
    with_verification: Some(5),
    confidence: Confidence::Likely,
    notes: w(
        "Tối đa 03 ngày làm việc kể từ khi nhận đủ hồ sơ, 05 ngày nếu phải xác minh; nhận sau 15 giờ tính từ ngày làm việc tiếp theo (thanhnien.vn, cand.com.vn theo Quyết định 296/QĐ-VPCP). Áp dụng cho khai sinh, thường trú và thẻ bảo hiểm y tế; thẻ căn cước do Nghị định 301/2026 thêm sau, không tính trong mức này (suy luận).",
        "At most 3 working days from a complete dossier, 5 with verification; after 15:00 counted from the next working day (thanhnien.vn, cand.com.vn on Decision 296/QĐ-VPCP). Applies to birth, residence and health card; the ID card added by Decree 301/2026 is kept outside this ceiling (inferred).",
    ),
};

const DEATH_CEILING: Ceiling = Ceiling {
    days: None,
    with_verification: None,
    confidence: Confidence::Uncertain,
    notes: w(
        "Không tìm thấy thời hạn chung cho nhóm khai tử; một bộ dữ liệu thứ cấp ghi 02–05 ngày làm việc. Mỗi phần có thời hạn riêng, cấu hình được.",
        "No ceiling found for the death group; a secondary dataset says 2–5 working days. Each part has its own, configurable limit.",
    ),
};

/// Every part, in the order of its group.
pub const PARTS: &[PartDef] = &[
    PartDef {
        id: PartId::KhaiSinh,
        name: w("Đăng ký khai sinh", "Birth registration"),
        agency: w("Ủy ban nhân dân cấp xã (công chức tư pháp – hộ tịch)", "Commune People's Committee (civil status officer)"),
        procedure: None,
        template: w("Tờ khai đăng ký khai sinh (Thông tư 04/2020/TT-BTP, sửa đổi bởi Thông tư 04/2024/TT-BTP)", "Birth registration form (Circular 04/2020/TT-BTP as amended by 04/2024/TT-BTP)"),
        title: w("Tờ khai đăng ký khai sinh", "Birth registration form"),
        days: 0,
        with_verification: None,
        within_ceiling: true,
        choice: Choice::Always,
        unit: (2, Level::Xa),
        confidence: Confidence::Likely,
        notes: w(
            "Đăng ký ngay trong ngày làm việc và cấp trích lục khai sinh điện tử (Quyết định 296/QĐ-VPCP); bản tóm tắt K9 ghi 24 giờ. Việc này cấp số định danh cá nhân cho trẻ (Nghị định 58/2026/NĐ-CP).",
            "Registered within the working day, with the electronic birth extract (Decision 296/QĐ-VPCP); the K9 summary says 24 hours. It gives the child a personal ID number (Decree 58/2026/NĐ-CP).",
        ),
    },
    PartDef {
        id: PartId::ThuongTru,
        name: w("Đăng ký thường trú", "Permanent residence registration"),
        agency: w("Công an cấp xã (cơ quan đăng ký cư trú)", "Commune police (residence registration)"),
        procedure: None,
        template: w("Tờ khai thay đổi thông tin cư trú (CT01, Thông tư 66/2023/TT-BCA)", "Residence change form (CT01, Circular 66/2023/TT-BCA)"),
        title: w("Tờ khai thay đổi thông tin cư trú", "Residence change form"),
        days: 2,
        with_verification: Some(5),
        within_ceiling: true,
        choice: Choice::Optional { default: true },
        unit: (1, Level::Xa),
        confidence: Confidence::Likely,
        notes: w(
            "Sau khai sinh; tối đa 02 ngày làm việc, 05 nếu phải xác minh (thanhnien.vn; K9: 2–5 ngày). Năm 2023 được chọn chỉ khai sinh và thẻ bảo hiểm y tế; trường hợp cha, mẹ là nhân khẩu tập thể không liên thông thường trú (Đắk Nông). Việc Nghị định 63/301 giữ các lựa chọn này chưa xác minh.",
            "After the birth; at most 2 working days, 5 with verification (thanhnien.vn; K9: 2–5 days). In 2023 birth + health card alone could be chosen; parents registered in a collective household were excluded (Đắk Nông). Whether Decrees 63/301 keep these subsets is unverified.",
        ),
    },
    PartDef {
        id: PartId::Bhyt,
        name: w("Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "Health insurance card for a child under 6"),
        agency: w("Bảo hiểm xã hội cơ sở", "Local Social Security office"),
        procedure: None,
        template: w("Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế (TK1-TS)", "Social and health insurance declaration (TK1-TS)"),
        title: w("Tờ khai tham gia bảo hiểm y tế (TK1-TS)", "Health insurance declaration (TK1-TS)"),
        days: 2,
        with_verification: None,
        within_ceiling: true,
        choice: Choice::When(Applies::ChildUnder6),
        unit: (3, Level::Tinh),
        confidence: Confidence::Likely,
        notes: w(
            "Sau khai sinh; tối đa 02 ngày làm việc kể từ khi nhận trích lục khai sinh điện tử (vietnam.vn; Quyết định 976/QĐ-BHXH: mã số bảo hiểm xã hội cấp tự động). Nhà nước đóng cho trẻ dưới 6 tuổi.",
            "After the birth; at most 2 working days from receiving the electronic birth extract (vietnam.vn; Decision 976/QĐ-BHXH: the social insurance number is issued automatically). The state pays for children under 6.",
        ),
    },
    PartDef {
        id: PartId::CanCuoc,
        name: w("Cấp thẻ căn cước cho trẻ em dưới 6 tuổi", "ID card for a child under 6"),
        agency: w("Công an (cơ quan quản lý căn cước)", "Police (identity card authority)"),
        procedure: None,
        template: w("Tờ khai căn cước (CC01, Thông tư 16/2024/TT-BCA)", "Identity card form (CC01, Circular 16/2024/TT-BCA)"),
        title: w("Tờ khai căn cước", "Identity card form"),
        days: 5,
        with_verification: None,
        within_ceiling: false,
        choice: Choice::Optional { default: false },
        unit: (1, Level::Tinh),
        confidence: Confidence::Uncertain,
        notes: w(
            "Thêm vào nhóm từ 01/9/2026 (Nghị định 301/2026/NĐ-CP), không bắt buộc. Cần số định danh từ khai sinh. 05 ngày làm việc theo bản tóm tắt K9; Luật Căn cước Điều 26 quy định chung 07 ngày: mâu thuẫn, giữ cấu hình. Thứ tự so với thường trú chưa xác minh; ở đây chạy song song. Mã mẫu tờ khai chưa đối chiếu.",
            "Added from 1 Sep 2026 (Decree 301/2026/NĐ-CP), optional. Needs the ID number from the birth registration. 5 working days per the K9 summary; the Law on Identification art. 26 gives 7 as the general rule: a conflict, kept configurable. Order against residence is unverified; here they run in parallel. The form code is unchecked.",
        ),
    },
    PartDef {
        id: PartId::KhaiTu,
        name: w("Đăng ký khai tử", "Death registration"),
        agency: w("Ủy ban nhân dân cấp xã (công chức tư pháp – hộ tịch)", "Commune People's Committee (civil status officer)"),
        procedure: None,
        template: w("Tờ khai đăng ký khai tử (Thông tư 04/2020/TT-BTP, sửa đổi bởi Thông tư 04/2024/TT-BTP)", "Death registration form (Circular 04/2020/TT-BTP as amended by 04/2024/TT-BTP)"),
        title: w("Tờ khai đăng ký khai tử", "Death registration form"),
        days: 0,
        with_verification: None,
        within_ceiling: true,
        choice: Choice::Always,
        unit: (2, Level::Xa),
        confidence: Confidence::Likely,
        notes: w(
            "Trong ngày; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo (dichvucong.gov.vn 1.007073). Kết quả là trích lục khai tử điện tử, gọi là Giấy chứng tử từ 01/3/2027 (Nghị định 301/2026 Điều 18).",
            "Same day; after 15:00, the next working day (dichvucong.gov.vn 1.007073). The result is the electronic death extract, called Giấy chứng tử from 1 Mar 2027 (Decree 301/2026 art. 18).",
        ),
    },
    PartDef {
        id: PartId::XoaThuongTru,
        name: w("Xóa đăng ký thường trú", "Closing the permanent residence registration"),
        agency: w("Công an cấp xã (cơ quan đăng ký cư trú)", "Commune police (residence registration)"),
        procedure: None,
        template: w("Tờ khai thay đổi thông tin cư trú (CT01, Thông tư 66/2023/TT-BCA)", "Residence change form (CT01, Circular 66/2023/TT-BCA)"),
        title: w("Tờ khai thay đổi thông tin cư trú (xóa đăng ký thường trú)", "Residence change form (closing the registration)"),
        days: 1,
        with_verification: None,
        within_ceiling: true,
        choice: Choice::Optional { default: true },
        unit: (1, Level::Xa),
        confidence: Confidence::Uncertain,
        notes: w(
            "Sau khai tử. Yên Bái (theo Quyết định 296) liệt kê khai tử + xóa thường trú là lựa chọn nhỏ nhất; ở đây vẫn bỏ chọn được khi người chết không có nơi thường trú (suy luận). 01 ngày làm việc theo Luật Cư trú Điều 24 khoản 3 (ngoài tài liệu tham chiếu, chưa xác minh).",
            "After the death registration. Yên Bái (on Decision 296) lists death + residence as the smallest choice; here it can be unticked when the deceased had no permanent residence (inferred). 1 working day per the Law on Residence art. 24(3) (outside the reference file, unverified).",
        ),
    },
    PartDef {
        id: PartId::MaiTangBhxh,
        name: w("Giải quyết trợ cấp mai táng", "Funeral allowance (social insurance)"),
        agency: w("Bảo hiểm xã hội cơ sở", "Local Social Security office"),
        procedure: None,
        template: w("Tờ khai của thân nhân (mẫu 09-HSB, Bảo hiểm xã hội Việt Nam)", "Survivor's declaration (form 09-HSB, Vietnam Social Security)"),
        title: w("Tờ khai của thân nhân đề nghị hưởng trợ cấp mai táng", "Survivor's claim for the funeral allowance"),
        days: 5,
        with_verification: None,
        within_ceiling: true,
        choice: Choice::When(Applies::DeceasedInsured),
        unit: (3, Level::Tinh),
        confidence: Confidence::Uncertain,
        notes: w(
            "Sau khai tử, cho người đang đóng, bảo lưu hoặc đang hưởng lương hưu, trợ cấp bảo hiểm xã hội hằng tháng (vietnam.vn liệt kê 5 trong 6 trường hợp). Thời hạn 05 ngày làm việc chưa xác minh; mã mẫu tờ khai chưa đối chiếu.",
            "After the death registration, for people contributing, with reserved contributions, or on a pension or monthly benefit (vietnam.vn lists 5 of 6 cases). 5 working days unverified; the form code is unchecked.",
        ),
    },
    PartDef {
        id: PartId::TuTuat,
        name: w("Giải quyết chế độ tử tuất", "Survivors' benefits (social insurance)"),
        agency: w("Bảo hiểm xã hội cơ sở", "Local Social Security office"),
        procedure: None,
        template: w("Tờ khai của thân nhân (mẫu 09-HSB, Bảo hiểm xã hội Việt Nam)", "Survivor's declaration (form 09-HSB, Vietnam Social Security)"),
        title: w("Tờ khai của thân nhân đề nghị hưởng chế độ tử tuất", "Survivor's claim for survivors' benefits"),
        days: 5,
        with_verification: None,
        within_ceiling: true,
        choice: Choice::When(Applies::DeceasedInsured),
        unit: (3, Level::Tinh),
        confidence: Confidence::Uncertain,
        notes: w(
            "Sau khai tử; quyết định hưởng tuất hằng tháng hoặc một lần, hoặc dừng lương hưu (vietnam.vn). Thời hạn chưa xác minh. Tờ khai tử tuất của thân nhân (thu nhập, chọn hằng tháng hay một lần) chưa đưa vào biểu mẫu.",
            "After the death registration; a decision on monthly or lump-sum benefits, or stopping the pension (vietnam.vn). The time limit is unverified. The survivors' own declaration (income, monthly or lump sum) is not in the form yet.",
        ),
    },
    PartDef {
        id: PartId::HoTroMaiTang,
        name: w("Hỗ trợ chi phí mai táng, mai táng phí", "Funeral support (social assistance, persons of merit)"),
        agency: w("Ủy ban nhân dân cấp xã (lĩnh vực bảo trợ xã hội, người có công)", "Commune People's Committee (social assistance, persons of merit)"),
        procedure: None,
        template: w("Tờ khai đề nghị hỗ trợ chi phí mai táng (Nghị định 20/2021/NĐ-CP; Nghị định 131/2021/NĐ-CP)", "Claim for funeral support (Decree 20/2021/NĐ-CP; Decree 131/2021/NĐ-CP)"),
        title: w("Tờ khai đề nghị hỗ trợ chi phí mai táng", "Claim for funeral support"),
        days: 3,
        with_verification: None,
        within_ceiling: true,
        choice: Choice::When(Applies::DeceasedSupported),
        unit: (0, Level::Xa),
        confidence: Confidence::Uncertain,
        notes: w(
            "Sau khai tử, cho người hưởng trợ cấp xã hội hằng tháng hoặc người có công (dichvucong.gov.vn 1.010915 liệt kê các diện). Cơ quan sau sắp xếp năm 2025 và thời hạn 03 ngày làm việc chưa xác minh. Chỉ hưởng một chế độ mai táng: không chọn cùng trợ cấp mai táng của bảo hiểm xã hội (suy luận).",
            "After the death registration, for recipients of monthly social assistance or persons of merit (dichvucong.gov.vn 1.010915 lists the groups). The agency after the 2025 reorganisation and the 3 working days are unverified. Only one funeral benefit is paid: not with the social insurance funeral allowance (inferred).",
        ),
    },
];

impl GroupId {
    /// Both groups.
    pub const ALL: [GroupId; 2] = [GroupId::KhaiSinh, GroupId::KhaiTu];

    /// The serde name, also the form's `linked.group`.
    pub fn key(self) -> &'static str {
        match self {
            GroupId::KhaiSinh => "khai_sinh",
            GroupId::KhaiTu => "khai_tu",
        }
    }

    /// The group named `key`.
    pub fn from_key(key: &str) -> Option<GroupId> {
        GroupId::ALL.into_iter().find(|g| g.key() == key)
    }

    /// The combined form.
    pub fn form_id(self) -> &'static str {
        match self {
            GroupId::KhaiSinh => "lien-thong-khai-sinh",
            GroupId::KhaiTu => "lien-thong-khai-tu",
        }
    }

    /// The group of a combined form.
    pub fn of_form(form: &FormDef) -> Option<GroupId> {
        form.linked.as_ref().and_then(|l| GroupId::from_key(&l.group))
    }

    /// Procedure code of the linked procedure (Hải Phòng's Quyết định 3582/QĐ-UBND, as parsed).
    pub fn procedure(self) -> &'static str {
        match self {
            GroupId::KhaiSinh => "3.000722",
            GroupId::KhaiTu => "2.002913",
        }
    }

    /// Its parts, registration first.
    pub fn parts(self) -> Vec<&'static PartDef> {
        PARTS.iter().filter(|p| p.id.group() == self).collect()
    }

    /// The part the others wait for.
    pub fn registration(self) -> PartId {
        match self {
            GroupId::KhaiSinh => PartId::KhaiSinh,
            GroupId::KhaiTu => PartId::KhaiTu,
        }
    }

    /// The ceiling of the whole group.
    pub fn ceiling(self) -> Ceiling {
        match self {
            GroupId::KhaiSinh => BIRTH_CEILING,
            GroupId::KhaiTu => DEATH_CEILING,
        }
    }
}

// ---------------------------------------------------------------------------
// The choice of parts

/// What the choice is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Situation {
    /// The filing day.
    pub today: Date,
    /// The child's date of birth (birth group).
    pub child_birth: Option<Date>,
    /// Who the deceased was (death group).
    pub deceased: Option<Deceased>,
}

/// Who the deceased was, as the form's `doi_tuong` answers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deceased {
    /// Contributing or with reserved social insurance, or on a pension or monthly benefit.
    Bhxh,
    /// On monthly social assistance.
    TroGiupXaHoi,
    /// A person of merit to the revolution.
    NguoiCoCong,
    /// None of these.
    Khong,
}

impl Deceased {
    /// From the option value of `doi_tuong`.
    pub fn from_value(v: &str) -> Option<Deceased> {
        Some(match v {
            "bhxh" => Deceased::Bhxh,
            "tro_giup_xa_hoi" => Deceased::TroGiupXaHoi,
            "nguoi_co_cong" => Deceased::NguoiCoCong,
            "khong" => Deceased::Khong,
            _ => return None,
        })
    }
}

/// Field ids the derivations read. The forms keep these ids.
pub mod ids {
    /// The child's name, date of birth, sex.
    pub const CHILD_NAME: &str = "tre_ho_ten";
    /// The child's date of birth.
    pub const CHILD_BIRTH: &str = "tre_ngay_sinh";
    /// The child's sex.
    pub const CHILD_SEX: &str = "tre_gioi_tinh";
    /// Who the deceased was.
    pub const DECEASED_GROUP: &str = "doi_tuong";
    /// The deceased (a one-row group of household members).
    pub const DECEASED: &str = "nguoi_mat";
    /// Answer added to the dependent parts: the child's new personal ID.
    pub const NEW_ID: &str = "tre_so_dinh_danh";
    /// Answer added to the dependent parts: the registration number.
    pub const REGISTRATION_NUMBER: &str = "so_dang_ky";
    /// Answer added to a dependent part with a fixed request: that request.
    pub const REQUEST: &str = "noi_dung";
    /// The electronic birth certificate's code.
    pub const BIRTH_CERT: &str = "gcs_ma";
    /// The electronic death notice's code.
    pub const DEATH_CERT: &str = "gbt_ma";
}

/// The situation the combined answers describe, on `today`.
pub fn situation(answers: &Answers, today: Date) -> Situation {
    Situation {
        today,
        child_birth: Date::parse(crate::answers::text_of(answers, ids::CHILD_BIRTH)),
        deceased: Deceased::from_value(crate::answers::text_of(answers, ids::DECEASED_GROUP)),
    }
}

/// Whether `a` holds in `s` (`None`: not known yet).
pub fn applies(a: Applies, s: &Situation) -> Option<bool> {
    match a {
        Applies::ChildUnder6 => s.child_birth.map(|b| b <= s.today && b.age_on(s.today) < 6),
        Applies::DeceasedInsured => s.deceased.map(|d| d == Deceased::Bhxh),
        Applies::DeceasedSupported => s.deceased.map(|d| matches!(d, Deceased::TroGiupXaHoi | Deceased::NguoiCoCong)),
    }
}

/// The parts the combined answers choose, in the group's order: the
/// registration always, then those ticked in the form's choice field.
pub fn chosen(form: &FormDef, answers: &Answers) -> Vec<PartId> {
    let Some(group) = GroupId::of_form(form) else { return vec![] };
    let field = form.linked.as_ref().map(|l| l.choice.as_str()).unwrap_or_default();
    let ticked: Vec<&str> = match answers.get(field) {
        Some(Answer::Many(v)) => v.iter().map(String::as_str).collect(),
        Some(Answer::Text(s)) => vec![s.as_str()],
        _ => vec![],
    };
    group.parts().into_iter().map(|d| d.id).filter(|p| p.is_registration() || ticked.contains(&p.key())).collect()
}

/// The choice a form starts with: optional parts ticked by default, and
/// conditional parts that apply in `s`.
pub fn default_choice(group: GroupId, s: &Situation) -> Vec<PartId> {
    group
        .parts()
        .into_iter()
        .filter(|d| match d.choice {
            Choice::Always => true,
            Choice::Optional { default } => default,
            Choice::When(a) => applies(a, s) == Some(true),
        })
        .map(|d| d.id)
        .collect()
}

/// What is wrong with a choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChoiceProblem {
    /// The registration is missing (it is always filed).
    MissingRegistration(PartId),
    /// A part of the other group.
    OtherGroup(PartId),
    /// A conditional part chosen where it does not apply (or cannot be known yet).
    NotApplicable(PartId, Applies),
    /// Two parts that exclude each other.
    Exclusive(PartId, PartId),
}

/// Parts that cannot be chosen together: one funeral benefit only (inferred,
/// see the notes of [`PartId::HoTroMaiTang`]).
pub const EXCLUSIVE: &[(PartId, PartId)] = &[(PartId::MaiTangBhxh, PartId::HoTroMaiTang)];

/// Checks a choice of `group` in situation `s`.
pub fn check_choice(group: GroupId, parts: &[PartId], s: &Situation) -> Vec<ChoiceProblem> {
    let mut out = vec![];
    if !parts.contains(&group.registration()) {
        out.push(ChoiceProblem::MissingRegistration(group.registration()));
    }
    for p in parts {
        if p.group() != group {
            out.push(ChoiceProblem::OtherGroup(*p));
        } else if let Choice::When(a) = p.def().choice {
            if applies(a, s) != Some(true) {
                out.push(ChoiceProblem::NotApplicable(*p, a));
            }
        }
    }
    for (a, b) in EXCLUSIVE {
        if parts.contains(a) && parts.contains(b) {
            out.push(ChoiceProblem::Exclusive(*a, *b));
        }
    }
    out
}

/// What is wrong with a linked form's answers as a whole, as field errors:
/// a birth filing for a child who is not under 6 (on the child's date of
/// birth), and parts chosen where they do not apply or that exclude each
/// other (on the choice field). Empty for any other form. The section page
/// shows those of its fields; check answers and sending refuse all of them.
pub fn choice_errors(form: &FormDef, answers: &Answers, today: Date) -> Vec<crate::validate::FieldError> {
    use crate::path::FieldPath;
    use crate::validate::{ErrorKey, FieldError};
    let Some(group) = GroupId::of_form(form) else { return vec![] };
    let s = situation(answers, today);
    let mut out = vec![];
    if group == GroupId::KhaiSinh && applies(Applies::ChildUnder6, &s) == Some(false) {
        out.push(FieldError { path: FieldPath::field(ids::CHILD_BIRTH), error: ErrorKey::LinkedChildTooOld });
    }
    let choice = form.linked.as_ref().map(|l| l.choice.clone()).unwrap_or_default();
    for p in check_choice(group, &chosen(form, answers), &s) {
        let error = match p {
            // Unknown yet (no date of birth, no answer to who the deceased was): asked elsewhere.
            ChoiceProblem::NotApplicable(x, a) if applies(a, &s).is_some() => {
                ErrorKey::LinkedPartNotApplicable { part: x.key().into() }
            }
            ChoiceProblem::Exclusive(a, b) => {
                ErrorKey::LinkedPartsExclusive { part: a.key().into(), other: b.key().into() }
            }
            _ => continue,
        };
        // Too old for the group at all: said once, on the date of birth.
        if out.iter().any(|e| e.error == ErrorKey::LinkedChildTooOld) {
            continue;
        }
        out.push(FieldError { path: FieldPath::field(&choice), error });
    }
    out
}

/// The parts a section serves: those its `show_if` on the choice field names,
/// or every chosen part when it does not read the choice (shared pages).
pub fn section_parts(form: &FormDef, section: &Section) -> Option<Vec<PartId>> {
    let choice = form.linked.as_ref()?.choice.as_str();
    let c: &Condition = section.show_if.as_ref().filter(|c| c.field == choice)?;
    let values = c.equals.iter().chain(c.one_of.iter());
    Some(values.filter_map(|v| PartId::from_key(v)).collect())
}

/// The sections `part` needs: its own and the shared ones, in order.
pub fn sections_for(form: &FormDef, part: PartId) -> Vec<&Section> {
    form.sections.iter().filter(|s| section_parts(form, s).is_none_or(|ps| ps.contains(&part))).collect()
}

/// The part a top-level field serves: that of its section, else that of the
/// section holding the field its `show_if` reads, else the registration.
pub fn part_of_field(form: &FormDef, id: &str) -> Option<PartId> {
    let group = GroupId::of_form(form)?;
    let section_of = |id: &str| form.sections.iter().find(|s| s.fields.iter().any(|f| f.id == id));
    let s = section_of(id)?;
    let own = |s: &Section| section_parts(form, s).and_then(|ps| ps.first().copied());
    if let Some(p) = own(s) {
        return Some(p);
    }
    let f = form.field(id)?;
    let via = f.show_if.as_ref().and_then(|c| section_of(&c.field)).and_then(own);
    Some(via.unwrap_or(group.registration()))
}

// ---------------------------------------------------------------------------
// Derived declarations

/// A declaration as the receiving agency sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    /// The part.
    pub part: PartId,
    /// Its title.
    pub title: String,
    /// The official template.
    pub template: String,
    /// Receiving agency ("Kính gửi").
    pub agency: String,
    /// Its rows.
    pub rows: Vec<DeclRow>,
}

/// One row of a derived declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclRow {
    /// As the template words it.
    pub label: String,
    /// The value, one line per entry.
    pub lines: Vec<String>,
    /// The combined field it comes from (the change link), `None` when derived
    /// by the agency (the new personal ID, a fixed statement).
    pub field: Option<String>,
    /// The section of that field.
    pub section: Option<String>,
}

/// Where a row's value comes from.
#[derive(Clone, Copy, Debug)]
enum Src {
    /// A top-level field.
    F(&'static str),
    /// A column of the first row of a group.
    Col(&'static str, &'static str),
    /// A parent of the child.
    Parent(Parent, PAttr),
    /// The child's new personal ID once registered.
    NewId,
    /// The commune police of the ward of an address field.
    PoliceOf(&'static str),
    /// Fixed words.
    Fixed(Words),
    /// The first of these that is answered.
    First(&'static str, &'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Parent {
    Mother,
    Father,
}

#[derive(Clone, Copy, Debug)]
enum PAttr {
    Name,
    Birth,
    Ethnicity,
    Nationality,
    Residence,
    Id,
}

type Row = (Words, Src);

/// The label of a part's request ("Nội dung đề nghị"): its fixed wording is
/// also what the part's agency certifies in its result ([`request_of`]).
const REQUEST: Words = w("Nội dung đề nghị", "Request");

/// What a part asks its agency, as its declaration words it (residence for a
/// newborn, removal for the deceased); `None` where the declaration has no
/// fixed request.
fn request_of(part: PartId) -> Option<Words> {
    rows_of(part).into_iter().find_map(|(label, src)| match src {
        Src::Fixed(words) if label.vi == REQUEST.vi => Some(words),
        _ => None,
    })
}

const CHILD: [Row; 3] = [
    (w("Họ, chữ đệm, tên", "Full name"), Src::F(ids::CHILD_NAME)),
    (w("Ngày, tháng, năm sinh", "Date of birth"), Src::F(ids::CHILD_BIRTH)),
    (w("Giới tính", "Sex"), Src::F(ids::CHILD_SEX)),
];

const REQUESTER: [Row; 3] = [
    (w("Họ, chữ đệm, tên người yêu cầu", "Requester's full name"), Src::F("nyc_ho_ten")),
    (w("Số định danh cá nhân của người yêu cầu", "Requester's personal ID number"), Src::F("nyc_so_dinh_danh")),
    (w("Quan hệ", "Relationship"), Src::F("nyc_quan_he")),
];

const DECEASED: [Row; 4] = [
    (w("Họ, chữ đệm, tên người đã chết", "Full name of the person who died"), Src::Col(ids::DECEASED, "ho_ten")),
    (w("Ngày, tháng, năm sinh", "Date of birth"), Src::Col(ids::DECEASED, "ngay_sinh")),
    (w("Giới tính", "Sex"), Src::Col(ids::DECEASED, "gioi_tinh")),
    (w("Số định danh cá nhân", "Personal ID number"), Src::Col(ids::DECEASED, "so_dinh_danh")),
];

const PAYMENT: [Row; 5] = [
    (w("Hình thức nhận tiền", "How to be paid"), Src::F("nhan_tien")),
    (w("Tên chủ tài khoản", "Account holder"), Src::F("tk_chu")),
    (w("Số tài khoản", "Account number"), Src::F("tk_so")),
    (w("Ngân hàng", "Bank"), Src::F("tk_ngan_hang")),
    (w("Nơi nhận tiền mặt", "Where to collect the cash"), Src::F("noi_nhan_tien_mat")),
];

fn rows_of(part: PartId) -> Vec<Row> {
    let mut v: Vec<Row> = vec![];
    match part {
        PartId::KhaiSinh => {
            v.extend(REQUESTER);
            v.extend(CHILD);
            v.extend([
                (w("Dân tộc", "Ethnicity"), Src::F("tre_dan_toc")),
                (w("Quốc tịch", "Nationality"), Src::F("tre_quoc_tich")),
                (w("Nơi sinh", "Place of birth"), Src::F("tre_noi_sinh")),
                (w("Quê quán", "Home town"), Src::F("tre_que_quan")),
                (w("Họ, chữ đệm, tên người mẹ", "Mother's full name"), Src::Parent(Parent::Mother, PAttr::Name)),
                (w("Năm sinh của người mẹ", "Mother's date of birth"), Src::Parent(Parent::Mother, PAttr::Birth)),
                (w("Dân tộc của người mẹ", "Mother's ethnicity"), Src::Parent(Parent::Mother, PAttr::Ethnicity)),
                (w("Quốc tịch của người mẹ", "Mother's nationality"), Src::Parent(Parent::Mother, PAttr::Nationality)),
                (w("Nơi cư trú của người mẹ", "Mother's residence"), Src::Parent(Parent::Mother, PAttr::Residence)),
                (
                    w("Số định danh cá nhân của người mẹ", "Mother's personal ID number"),
                    Src::Parent(Parent::Mother, PAttr::Id),
                ),
                (w("Họ, chữ đệm, tên người cha", "Father's full name"), Src::Parent(Parent::Father, PAttr::Name)),
                (w("Năm sinh của người cha", "Father's date of birth"), Src::Parent(Parent::Father, PAttr::Birth)),
                (w("Dân tộc của người cha", "Father's ethnicity"), Src::Parent(Parent::Father, PAttr::Ethnicity)),
                (w("Quốc tịch của người cha", "Father's nationality"), Src::Parent(Parent::Father, PAttr::Nationality)),
                (w("Nơi cư trú của người cha", "Father's residence"), Src::Parent(Parent::Father, PAttr::Residence)),
                (
                    w("Số định danh cá nhân của người cha", "Father's personal ID number"),
                    Src::Parent(Parent::Father, PAttr::Id),
                ),
                (w("Giấy chứng sinh", "Birth certificate"), Src::First(ids::BIRTH_CERT, "giay_chung_sinh")),
                (w("Đề nghị cấp bản sao", "Certified copies requested"), Src::F("ban_sao")),
                (w("Số lượng bản sao", "Number of copies"), Src::F("ban_sao_so_luong")),
            ]);
        }
        PartId::ThuongTru => {
            v.push((w("Kính gửi", "To"), Src::PoliceOf("tt_dia_chi")));
            v.extend(CHILD);
            v.extend([
                (w("Số định danh cá nhân", "Personal ID number"), Src::NewId),
                (
                    REQUEST,
                    Src::Fixed(w("Đăng ký thường trú cho trẻ mới sinh", "Permanent residence for a newborn child")),
                ),
                (w("Địa chỉ đăng ký thường trú", "Address of registration"), Src::F("tt_dia_chi")),
                (w("Họ, chữ đệm, tên chủ hộ", "Head of household"), Src::F("tt_chu_ho_ten")),
                (
                    w("Số định danh cá nhân của chủ hộ", "Head of household's personal ID number"),
                    Src::F("tt_chu_ho_so_dinh_danh"),
                ),
                (w("Quan hệ với chủ hộ", "Relationship to the head"), Src::F("tt_quan_he_chu_ho")),
                (w("Ý kiến đồng ý", "Consent"), Src::F("tt_dong_y")),
                (w("Họ, chữ đệm, tên người đồng ý", "Person consenting"), Src::F("tt_dong_y_ten")),
                (w("Người kê khai", "Declarant"), Src::F("nyc_ho_ten")),
                (
                    w("Số định danh cá nhân của người kê khai", "Declarant's personal ID number"),
                    Src::F("nyc_so_dinh_danh"),
                ),
            ]);
        }
        PartId::Bhyt => {
            v.extend(CHILD);
            v.extend([
                (w("Số định danh cá nhân", "Personal ID number"), Src::NewId),
                (
                    w("Họ, chữ đệm, tên cha, mẹ hoặc người giám hộ", "Parent or guardian"),
                    Src::Parent(Parent::Mother, PAttr::Name),
                ),
                (w("Địa chỉ nơi ở", "Address"), Src::First("tt_dia_chi", "nyc_noi_cu_tru")),
                (
                    w("Đối tượng tham gia", "Participation"),
                    Src::Fixed(w("Trẻ em dưới 6 tuổi, ngân sách nhà nước đóng", "Child under 6, paid by the state")),
                ),
                (w("Nơi đăng ký khám bệnh, chữa bệnh ban đầu", "Primary care facility"), Src::F("kcb_ban_dau")),
                (w("Địa chỉ nhận thẻ", "Card delivery address"), Src::F("bhyt_dia_chi_nhan")),
                (w("Số điện thoại liên hệ", "Phone"), Src::F("nyc_dien_thoai")),
            ]);
        }
        PartId::CanCuoc => {
            v.extend(CHILD);
            v.extend([
                (w("Số định danh cá nhân", "Personal ID number"), Src::NewId),
                (w("Nơi thường trú", "Permanent residence"), Src::First("tt_dia_chi", "nyc_noi_cu_tru")),
                (w("Người đại diện hợp pháp", "Legal representative"), Src::F("nyc_ho_ten")),
                (
                    w("Số định danh cá nhân của người đại diện", "Representative's personal ID number"),
                    Src::F("nyc_so_dinh_danh"),
                ),
                (w("Địa chỉ nhận thẻ căn cước", "Card delivery address"), Src::F("cc_dia_chi_nhan")),
            ]);
        }
        PartId::KhaiTu => {
            v.extend(REQUESTER);
            v.extend(DECEASED);
            v.extend([
                (w("Dân tộc", "Ethnicity"), Src::Col(ids::DECEASED, "dan_toc")),
                (w("Quốc tịch", "Nationality"), Src::Col(ids::DECEASED, "quoc_tich")),
                (w("Nơi cư trú cuối cùng", "Last residence"), Src::Col(ids::DECEASED, "noi_cu_tru")),
                (w("Ngày chết", "Date of death"), Src::F("ngay_chet")),
                (w("Giờ, phút chết", "Time of death"), Src::F("gio_chet")),
                (w("Nơi chết", "Place of death"), Src::F("noi_chet")),
                (w("Nguyên nhân chết", "Cause of death"), Src::F("nguyen_nhan_chet")),
                (w("Giấy báo tử điện tử", "Electronic death notice"), Src::F(ids::DEATH_CERT)),
                (w("Số Giấy báo tử hoặc giấy tờ thay thế", "Death notice number"), Src::F("giay_bao_tu_so")),
                (w("Cơ quan cấp", "Issued by"), Src::F("giay_bao_tu_noi_cap")),
                (w("Ngày cấp", "Date of issue"), Src::F("giay_bao_tu_ngay")),
                (w("Đề nghị cấp bản sao", "Certified copies requested"), Src::F("ban_sao")),
            ]);
        }
        PartId::XoaThuongTru => {
            v.push((w("Kính gửi", "To"), Src::PoliceOf("nguoi_mat.noi_cu_tru")));
            v.extend(DECEASED);
            v.extend([
                (
                    REQUEST,
                    Src::Fixed(w(
                        "Xóa đăng ký thường trú do người đăng ký đã chết",
                        "Close the registration: the person has died",
                    )),
                ),
                (w("Người đã chết là chủ hộ", "The deceased was the head of household"), Src::F("nm_la_chu_ho")),
                (w("Họ, chữ đệm, tên chủ hộ", "Head of household"), Src::First("chu_ho_ten", "chu_ho_moi_ten")),
                (
                    w("Số định danh cá nhân của chủ hộ", "Head of household's personal ID number"),
                    Src::First("chu_ho_so_dinh_danh", "chu_ho_moi_so_dinh_danh"),
                ),
                (w("Người kê khai", "Declarant"), Src::F("nyc_ho_ten")),
                (
                    w("Số định danh cá nhân của người kê khai", "Declarant's personal ID number"),
                    Src::F("nyc_so_dinh_danh"),
                ),
            ]);
        }
        PartId::MaiTangBhxh | PartId::TuTuat | PartId::HoTroMaiTang => {
            v.extend(DECEASED);
            v.push((w("Ngày chết", "Date of death"), Src::F("ngay_chet")));
            v.push((w("Diện của người đã chết", "Group of the deceased"), Src::F(ids::DECEASED_GROUP)));
            if part != PartId::HoTroMaiTang {
                v.push((w("Mã số bảo hiểm xã hội", "Social insurance number"), Src::F("ma_so_bhxh")));
            }
            v.extend([
                (w("Họ, chữ đệm, tên thân nhân", "Survivor's full name"), Src::F("nyc_ho_ten")),
                (w("Số định danh cá nhân của thân nhân", "Survivor's personal ID number"), Src::F("nyc_so_dinh_danh")),
                (w("Quan hệ với người đã chết", "Relationship to the deceased"), Src::F("nyc_quan_he")),
                (w("Nơi cư trú", "Residence"), Src::F("nyc_noi_cu_tru")),
            ]);
            v.extend(PAYMENT);
        }
    }
    v
}

/// Where a parent's facts are in the combined answers, by who filed.
fn parent_ref(answers: &Answers, who: Parent, attr: PAttr) -> Option<Src> {
    let filer = crate::answers::text_of(answers, "nyc_quan_he");
    let own = match attr {
        PAttr::Name => "ho_ten",
        PAttr::Birth => "ngay_sinh",
        PAttr::Ethnicity => "dan_toc",
        PAttr::Nationality => "quoc_tich",
        PAttr::Residence => "noi_cu_tru",
        PAttr::Id => "so_dinh_danh",
    };
    let is = |v: &str| filer == v;
    let (me, other) = match who {
        Parent::Mother => ("me", "cha"),
        Parent::Father => ("cha", "me"),
    };
    if is(me) {
        return Some(Src::F(match attr {
            PAttr::Name => "nyc_ho_ten",
            PAttr::Birth => "nyc_ngay_sinh",
            PAttr::Ethnicity => "nyc_dan_toc",
            PAttr::Nationality => "nyc_quoc_tich",
            PAttr::Residence => "nyc_noi_cu_tru",
            PAttr::Id => "nyc_so_dinh_danh",
        }));
    }
    if is(other) {
        return (crate::answers::text_of(answers, "vc_co") == "yes").then_some(Src::F(match attr {
            PAttr::Name => "vc_ho_ten",
            PAttr::Birth => "vc_ngay_sinh",
            PAttr::Ethnicity => "vc_dan_toc",
            PAttr::Nationality => "vc_quoc_tich",
            PAttr::Residence => "vc_noi_cu_tru",
            PAttr::Id => "vc_so_dinh_danh",
        }));
    }
    // Someone else filed: the parents are rows of `cha_me_tre`, by role.
    let rows = match answers.get("cha_me_tre") {
        Some(Answer::Rows(r)) => r,
        _ => return None,
    };
    rows.iter().position(|r| crate::answers::text_of(r, "vai_tro") == me).map(|i| Src::Col(row_key(i), own))
}

/// `cha_me_tre` rows 0 and 1 as static keys (a group of at most two parents).
fn row_key(i: usize) -> &'static str {
    if i == 0 {
        "cha_me_tre#0"
    } else {
        "cha_me_tre#1"
    }
}

/// The answer at a column: `group` or `group#row`, first row by default.
fn col_answer<'a>(answers: &'a Answers, group: &str, col: &str) -> (Option<&'a Answer>, String, Option<&'a Answers>) {
    let (g, i) = match group.split_once('#') {
        Some((g, i)) => (g, i.parse().unwrap_or(0)),
        None => (group, 0usize),
    };
    match answers.get(g) {
        Some(Answer::Rows(rows)) => {
            let row = rows.get(i);
            (row.and_then(|r| r.get(col)), g.to_string(), row)
        }
        _ => (None, g.to_string(), None),
    }
}

fn find_field<'f>(form: &'f FormDef, id: &str) -> Option<(&'f Section, &'f Field)> {
    form.sections.iter().find_map(|s| s.fields.iter().find(|f| f.id == id).map(|f| (s, f)))
}

/// Each chosen part's own declaration, derived from the one combined answer
/// set, for "check your answers" and for the receiving agency. `new_id` is the
/// child's personal ID once the birth is registered (before: "assigned at registration").
pub fn declarations(form: &FormDef, answers: &Answers, new_id: Option<&str>, lang: Lang) -> Vec<Declaration> {
    let visible: Vec<&str> = visible_sections(form, answers).iter().map(|s| s.id.as_str()).collect();
    chosen(form, answers)
        .into_iter()
        .map(|part| {
            let def = part.def();
            let mut rows = vec![];
            for (label, src) in rows_of(part) {
                if let Some(r) = derive_row(form, answers, &visible, label, src, new_id, lang) {
                    rows.push(r);
                }
            }
            let agency = rows
                .iter()
                .find(|r| r.label == w("Kính gửi", "To").get(lang))
                .and_then(|r| r.lines.first().cloned())
                .unwrap_or_else(|| def.agency.get(lang).to_string());
            Declaration {
                part,
                title: def.title.get(lang).to_string(),
                template: def.template.get(lang).to_string(),
                agency,
                rows,
            }
        })
        .collect()
}

fn derive_row(
    form: &FormDef,
    answers: &Answers,
    visible: &[&str],
    label: Words,
    src: Src,
    new_id: Option<&str>,
    lang: Lang,
) -> Option<DeclRow> {
    let scope = Scope { form: answers, row: None };
    let label_s = label.get(lang).to_string();
    let row = |lines: Vec<String>, field: Option<String>, section: Option<String>| DeclRow {
        label: label_s.clone(),
        lines,
        field,
        section,
    };
    match src {
        Src::Fixed(words) => Some(row(vec![words.get(lang).to_string()], None, None)),
        Src::NewId => Some(row(
            vec![new_id
                .map_or_else(|| crate::messages::linked::assigned_at_registration(lang).to_string(), str::to_string)],
            None,
            None,
        )),
        Src::First(a, b) => {
            let pick = if answers.get(a).is_some_and(|x| !x.is_empty()) { a } else { b };
            derive_row(form, answers, visible, label, Src::F(pick), new_id, lang)
        }
        Src::Parent(who, attr) => {
            let src = parent_ref(answers, who, attr)?;
            derive_row(form, answers, visible, label, src, new_id, lang)
        }
        Src::PoliceOf(path) => {
            let (answer, field) = match path.split_once('.') {
                Some((g, c)) => {
                    let (a, g, _) = col_answer(answers, g, c);
                    (a, g)
                }
                None => (answers.get(path), path.to_string()),
            };
            let ward = match answer {
                Some(Answer::Address(a)) if !a.ward_name.is_empty() => a.ward_name.clone(),
                _ => return None,
            };
            let section = find_field(form, &field).map(|(s, _)| s.id.clone());
            Some(row(vec![crate::messages::linked::police_of(&ward, lang)], Some(field), section))
        }
        Src::F(id) => {
            let (section, field) = find_field(form, id)?;
            if !visible.contains(&section.id.as_str()) || !crate::journey::field_shown(field, &scope) {
                return None;
            }
            let answer = answers.get(id).filter(|a| !a.is_empty())?;
            Some(row(display_lines(field, Some(answer), &scope, lang), Some(id.to_string()), Some(section.id.clone())))
        }
        Src::Col(group, col) => {
            let (answer, g, r) = col_answer(answers, group, col);
            let (section, gf) = find_field(form, &g)?;
            let column = gf.fields.iter().find(|c| c.id == col)?;
            let answer = answer.filter(|a| !a.is_empty())?;
            let rs = Scope { form: answers, row: r };
            Some(row(display_lines(column, Some(answer), &rs, lang), Some(g), Some(section.id.clone())))
        }
    }
}

// ---------------------------------------------------------------------------
// The hospital source

/// Which certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertKind {
    /// Giấy chứng sinh (Thông tư 22/2025/TT-BYT).
    Birth,
    /// Giấy báo tử (Mẫu 05, Thông tư 25/2025/TT-BYT).
    Death,
}

impl CertKind {
    /// The certificate `form` takes: the one whose code field it has (the
    /// linked groups and the plain birth and death registrations alike).
    pub fn of_form(form: &FormDef) -> Option<CertKind> {
        [CertKind::Birth, CertKind::Death].into_iter().find(|k| form.field(k.code_field()).is_some())
    }

    /// The answer that holds the certificate's code (`gcs_ma` / `gbt_ma`).
    pub fn code_field(self) -> &'static str {
        match self {
            CertKind::Birth => ids::BIRTH_CERT,
            CertKind::Death => ids::DEATH_CERT,
        }
    }

    /// The top-level fields a certificate of this kind answers (besides its code).
    pub fn data_fields(self) -> &'static [&'static str] {
        match self {
            CertKind::Birth => &[ids::CHILD_NAME, ids::CHILD_BIRTH, ids::CHILD_SEX, "tre_noi_sinh"],
            CertKind::Death => &[
                "ngay_chet",
                "gio_chet",
                "noi_chet",
                "nguyen_nhan_chet",
                "giay_bao_tu_so",
                "giay_bao_tu_noi_cap",
                "giay_bao_tu_ngay",
            ],
        }
    }

    /// Whether the offer belongs on `section`: it asks for the certificate's
    /// code or for what the certificate answers (so the citizen is offered it
    /// before typing those, and again where the upload is asked).
    pub fn offered_on(self, section: &Section) -> bool {
        section.fields.iter().any(|f| f.id == self.code_field() || self.data_fields().contains(&f.id.as_str()))
    }

    /// Whose certificates of this kind the state would hold for `c`'s family
    /// (for `make coverage`): a birth is found by the mother's ID (the
    /// citizen or the spouse, whoever is a woman), a death by the deceased's
    /// (the parents, the spouse, the children).
    pub fn family_subjects(self, c: &crate::identity::Citizen) -> Vec<String> {
        let f = &c.family;
        let id = |p: &Option<crate::identity::Person>| p.as_ref().and_then(|p| p.personal_id.clone());
        match self {
            CertKind::Birth => {
                let mut v = vec![];
                if c.identity.sex == "nu" {
                    v.push(c.identity.personal_id.clone());
                }
                if let Some(s) = f.spouse.as_ref().filter(|s| s.sex.as_deref() == Some("nu")) {
                    v.extend(s.personal_id.clone());
                }
                v
            }
            CertKind::Death => [id(&f.father), id(&f.mother), id(&f.spouse)]
                .into_iter()
                .flatten()
                .chain(f.children.iter().filter_map(|p| p.personal_id.clone()))
                .collect(),
        }
    }
}

/// A certificate a hospital pushed electronically (Nghị định 63/2024 Điều 25:
/// digitally signed, within 4 working hours of issuing the paper; from
/// 01/09/2026 to the Cổng Dịch vụ công quốc gia). Simulated: `seeds/hospital/`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// Birth or death.
    pub kind: CertKind,
    /// The certificate's code: for a birth `XXXXX.GCS.ZZZZZ.YY` (18 characters,
    /// Thông tư 22/2025/TT-BYT); for a death the same shape with `GBT`
    /// (assumed, the Mẫu 05 code shape was not found).
    pub code: String,
    /// Personal ID it is found by: the mother's (birth) or the deceased's (death).
    pub subject: String,
    /// Issuing facility.
    pub facility: String,
    /// Date issued.
    pub issued: String,
    /// Values for the combined form, by field id (`tre_ngay_sinh`, `ngay_chet`…).
    pub data: std::collections::BTreeMap<String, String>,
}

/// Shape of the code, and the answers a certificate fills (and the pages lock).
impl Certificate {
    /// Whether the code has the shape of Thông tư 22/2025/TT-BYT:
    /// five facility characters, `.GCS.` (or `.GBT.`), five digits, `.`, two digits.
    pub fn code_has_shape(&self) -> bool {
        let b = self.code.as_bytes();
        let tag = match self.kind {
            CertKind::Birth => b"GCS",
            CertKind::Death => b"GBT",
        };
        b.len() == 18
            && b[..5].iter().all(u8::is_ascii_alphanumeric)
            && b[5] == b'.'
            && &b[6..9] == tag
            && b[9] == b'.'
            && b[10..15].iter().all(u8::is_ascii_digit)
            && b[15] == b'.'
            && b[16..].iter().all(u8::is_ascii_digit)
    }

    /// The answers it gives the combined form: its data, and its code in
    /// `gcs_ma` / `gbt_ma` (which makes the upload unnecessary). Lock these.
    pub fn answers(&self) -> Answers {
        let mut out: Answers = self.data.iter().map(|(k, v)| (k.clone(), Answer::Text(v.clone()))).collect();
        out.insert(self.kind.code_field().into(), Answer::Text(self.code.clone()));
        out
    }

    /// Whether `answer` at `field` is what this certificate gave (not changed since).
    pub fn gave(&self, field: &str, answer: &str) -> bool {
        if field == self.kind.code_field() {
            return answer == self.code;
        }
        self.data.get(field).is_some_and(|v| v == answer)
    }
}

/// The certificate whose code `answers` hold for `form` (one of `all`).
pub fn certificate_in_use<'c>(all: &'c [Certificate], form: &FormDef, answers: &Answers) -> Option<&'c Certificate> {
    let kind = CertKind::of_form(form)?;
    let code = crate::answers::text_of(answers, kind.code_field()).trim();
    all.iter().find(|c| !code.is_empty() && c.kind == kind && c.code == code)
}

/// The certificates of `kind` found by the personal ID `subject`, newest first.
pub fn certificates_for<'c>(all: &'c [Certificate], kind: CertKind, subject: &str) -> Vec<&'c Certificate> {
    let mut v: Vec<&Certificate> = all.iter().filter(|c| c.kind == kind && c.subject == subject).collect();
    v.sort_by_key(|c| std::cmp::Reverse(Date::parse(&c.issued)));
    v
}

/// The personal ID a certificate of `kind` is found by: the mother's (birth:
/// the requester when she files, else the other parent or the parents' rows)
/// or the deceased's.
pub fn certificate_subject(kind: CertKind, answers: &Answers) -> Option<String> {
    let id = match kind {
        CertKind::Birth => match parent_ref(answers, Parent::Mother, PAttr::Id)? {
            Src::F(f) => crate::answers::text_of(answers, f).to_string(),
            Src::Col(g, c) => col_answer(answers, g, c).0.map(|a| a.text().to_string()).unwrap_or_default(),
            _ => return None,
        },
        CertKind::Death => col_answer(answers, ids::DECEASED, "so_dinh_danh").0.map(|a| a.text().to_string())?,
    };
    (!id.trim().is_empty()).then_some(id)
}

// ---------------------------------------------------------------------------
// The parent dossier with parts

/// Where a part stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PartState {
    /// Filed, waiting for the registration's result (not yet sent to its agency).
    Waiting,
    /// Sent to its agency: an ordinary dossier with this code.
    Started {
        /// The part's dossier code.
        code: String,
    },
    /// Never sent: the registration ended without a result (its status says why:
    /// refused, stopped or withdrawn).
    Halted {
        /// The registration's final status.
        because: Status,
    },
}

/// One part of a group as the portal holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// Which.
    pub id: PartId,
    /// Where it stands.
    pub state: PartState,
    /// Documents it lacks (field id, label).
    #[serde(default)]
    pub missing: Vec<(String, Text)>,
}

/// The result of the registration the other parts use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registered {
    /// When it was done.
    pub at: Millis,
    /// Số đăng ký (simulated).
    pub number: String,
    /// The child's new personal ID (birth group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_id: Option<String>,
}

/// A linked filing: one code and receipt, several parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Mã hồ sơ of the filing, also the registration part's dossier code.
    pub code: String,
    /// Idempotency key.
    pub key: String,
    /// Which group.
    pub group: GroupId,
    /// The combined form.
    pub form: String,
    /// Applicant.
    pub owner: String,
    /// Received at.
    pub received: Millis,
    /// The group's ceiling date at receipt, if the sources give one.
    pub ceiling: Option<Date>,
    /// Province code of the receiving units.
    pub province: u8,
    /// The combined answers.
    pub answers: Answers,
    /// Community team that helped.
    #[serde(default)]
    pub helper: Option<String>,
    /// The parts, registration first.
    pub parts: Vec<Part>,
    /// The registration's result, once done.
    #[serde(default)]
    pub registered: Option<Registered>,
}

/// Which part of which group a dossier is (on [`Dossier::part_of`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartOf {
    /// The group's code.
    pub group: String,
    /// The part.
    pub part: PartId,
}

/// A part as the pages show it.
#[derive(Clone, Debug, PartialEq)]
pub struct PartView<'a> {
    /// Which.
    pub id: PartId,
    /// Its description (name, agency, days, notes).
    pub def: &'static PartDef,
    /// Where it stands.
    pub state: &'a PartState,
    /// Its dossier once started (status, appointment, timeline, messages).
    pub dossier: Option<&'a Dossier>,
}

impl PartView<'_> {
    /// The part's national status, once started.
    pub fn status(&self) -> Option<Status> {
        self.dossier.map(|d| d.status)
    }

    /// Its deadline, once started.
    pub fn deadline(&self) -> Option<Date> {
        self.dossier.map(|d| d.appointment)
    }
}

/// The child's personal ID as the birth registration assigns it (simulated):
/// the province digits of `place` (a personal ID of the commune's province),
/// the century-and-sex digit, the year, then six digits from the group code.
pub fn new_personal_id(place: &str, birth: Option<Date>, female: bool, code: &str) -> String {
    let province =
        if place.len() >= 3 && place.as_bytes()[..3].iter().all(u8::is_ascii_digit) { &place[..3] } else { "001" };
    let year = birth.map_or(2026, |d| d.year);
    let century = ((year - 1900) / 100) * 2 + i32::from(female);
    format!("{province}{century}{:02}{:06}", year % 100, fnv(code.as_bytes()) % 1_000_000)
}

/// The deadline of a part starting at `start` (date and hour): its own days
/// by the 15:00 rule, capped by the group's ceiling when it counts within it,
/// but never before the day its counting starts.
pub fn part_deadline(def: &PartDef, start: Date, hour: u8, ceiling: Option<Date>) -> Date {
    let own = appointment(start, hour, def.days);
    match ceiling.filter(|_| def.within_ceiling) {
        Some(c) => {
            let first = appointment(start, hour, 0);
            own.min(c.max(first))
        }
        None => own,
    }
}

impl Office {
    /// The group with `code`.
    pub fn group(&self, code: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.code == code)
    }

    /// The owner's groups, newest first.
    pub fn my_groups(&self, owner: &str) -> Vec<&Group> {
        self.groups.iter().rev().filter(|g| g.owner == owner).collect()
    }

    /// The group's parts with their dossiers.
    pub fn parts(&self, code: &str) -> Vec<PartView<'_>> {
        let Some(g) = self.group(code) else { return vec![] };
        g.parts
            .iter()
            .map(|p| PartView {
                id: p.id,
                def: p.id.def(),
                state: &p.state,
                dossier: match &p.state {
                    PartState::Started { code } => self.get(code),
                    _ => None,
                },
            })
            .collect()
    }

    /// Every step of every started part, oldest first: the group's timeline.
    pub fn group_timeline(&self, code: &str) -> Vec<(PartId, &Step)> {
        let mut out: Vec<(PartId, &Step)> = self
            .parts(code)
            .into_iter()
            .filter_map(|v| v.dossier.map(|d| (v.id, d)))
            .flat_map(|(id, d)| d.history.iter().map(move |s| (id, s)))
            .collect();
        out.sort_by_key(|(_, s)| s.at);
        out
    }

    /// The ceiling now: the one at receipt moved on by the working days the
    /// registration waited for a supplement (as its own appointment moved).
    pub fn group_ceiling(&self, g: &Group) -> Option<Date> {
        ceiling_now(g, self.get(&g.code))
    }

    /// Files a linked submission (from [`crate::submission::submission`] on the
    /// combined form) as one group: the registration part is filed now, as an
    /// ordinary dossier whose code is the group's; the other `chosen` parts
    /// wait for its result. The same key returns the group made before.
    /// Missing documents go to the part whose section asks for them.
    pub fn submit_group(
        &mut self,
        s: Submission,
        form: &FormDef,
        chosen: &[PartId],
        now: Millis,
    ) -> Result<Group, PortalError> {
        if let Some(g) = self.groups.iter().find(|g| g.key == s.key && g.owner == s.owner) {
            return Ok(g.clone());
        }
        let (mut g, registration) = plan_group(s, form, chosen, now)?;
        let d = self.file(registration, now);
        g.started(d.code);
        self.groups.push(g.clone());
        Ok(g)
    }

    /// The citizen withdraws the whole group: only before the registration is
    /// done (afterwards each started part is withdrawn on its own with
    /// [`Office::apply`] and [`crate::dossier::Event::Withdraw`]).
    pub fn withdraw_group(&mut self, code: &str, owner: &str, note: &str, now: Millis) -> Result<Dossier, PortalError> {
        let g = self.group(code).ok_or(PortalError::NotFound)?;
        if g.owner != owner {
            return Err(PortalError::NotYours);
        }
        if g.registered.is_some() {
            return Err(PortalError::NotAllowed);
        }
        self.apply(code, Some(owner), crate::dossier::Event::Withdraw, note, vec![], now)
    }

    /// Whether `event` on dossier `i` is refused because of its group ([`forbids`]).
    pub(crate) fn group_forbids(&self, i: usize, event: crate::dossier::Event) -> bool {
        forbids(&self.dossiers[i], event)
    }

    /// After a step of dossier `i`: [`settle`] its group, filing the parts it starts.
    pub(crate) fn after_part_step(&mut self, i: usize, now: Millis) {
        let Some(p) = self.dossiers[i].part_of.clone() else { return };
        let Some(gi) = self.groups.iter().position(|g| g.code == p.group) else { return };
        let prefs = self.prefs.get(&self.groups[gi].owner).cloned().unwrap_or_default();
        let reg = self.dossiers[i].clone();
        for (k, filing) in settle(&mut self.groups[gi], &reg, &prefs, now) {
            let d = self.file(filing, now);
            self.groups[gi].parts[k].state = PartState::Started { code: d.code };
        }
    }
}

// ---------------------------------------------------------------------------
// One group at a time: the rules of a linked filing on a single record, for a
// store that keeps groups and dossiers one by one (the portal server). The
// [`Office`] goes through these too, so there is one copy.

impl Group {
    /// The registration was filed with `code`: it becomes the group's, and the registration part started.
    pub fn started(&mut self, code: String) {
        if let Some(p) = self.parts.first_mut() {
            p.state = PartState::Started { code: code.clone() };
        }
        self.code = code;
    }
}

/// Plans a linked filing of `s` on the combined `form` with the `chosen`
/// parts: the group (its code empty until [`Group::started`]) and the
/// registration's [`Filing`], whose dossier code becomes the group's.
pub fn plan_group(
    s: Submission,
    form: &FormDef,
    chosen: &[PartId],
    now: Millis,
) -> Result<(Group, crate::portal::Filing), PortalError> {
    let group = GroupId::of_form(form).ok_or(PortalError::NotAllowed)?;
    if chosen.iter().any(|p| p.group() != group) {
        return Err(PortalError::NotAllowed);
    }
    let parts: Vec<Part> = group
        .parts()
        .into_iter()
        .filter(|d| d.id.is_registration() || chosen.contains(&d.id))
        .map(|d| Part {
            id: d.id,
            state: PartState::Waiting,
            missing: s.missing.iter().filter(|(f, _)| part_of_field(form, f) == Some(d.id)).cloned().collect(),
        })
        .collect();
    let (today, hour, _) = vn_clock(now);
    let reg = group.registration();
    let def = reg.def();
    let ceiling = group.ceiling().days.map(|n| appointment(today, hour, n));
    let sub = Submission {
        service: text(def.name),
        agency: text(def.agency),
        level: def.unit.1,
        processing_days: def.days,
        missing: parts[0].missing.clone(),
        ..s.clone()
    };
    let filing = crate::portal::Filing {
        submission: sub,
        deadline: Some(part_deadline(def, today, hour, ceiling)),
        // An empty group code: the registration's own code becomes the group's.
        part_of: Some(PartOf { group: String::new(), part: reg }),
        unit_group: Some(def.unit.0),
    };
    let g = Group {
        code: String::new(),
        key: s.key,
        group,
        form: s.form,
        owner: s.owner,
        received: now,
        ceiling,
        province: s.province,
        answers: s.answers,
        helper: s.helper,
        parts,
        registered: None,
    };
    Ok((g, filing))
}

/// The group's ceiling now, given its registration dossier `reg`: the one at
/// receipt moved on by the working days the registration waited for a
/// supplement (as its own appointment moved).
pub fn ceiling_now(g: &Group, reg: Option<&Dossier>) -> Option<Date> {
    let c = g.ceiling?;
    let reg = reg?;
    let first = reg.history.first().and_then(|s| s.said.as_ref()).map_or(reg.appointment, |s| s.appointment);
    if reg.appointment > first {
        Some(appointment(c, 0, working_days_between(first, reg.appointment)))
    } else {
        Some(c)
    }
}

/// Whether `event` on `d` is refused because of its group: the registration
/// cannot be withdrawn once done (its parts started from it).
pub fn forbids(d: &Dossier, event: crate::dossier::Event) -> bool {
    event == crate::dossier::Event::Withdraw
        && d.part_of.as_ref().is_some_and(|p| p.part.is_registration())
        && matches!(d.status, Status::Done | Status::Delivered)
}

/// What a step of the registration `reg` does to its group `g`: done, the
/// group is registered (with the child's new personal ID) and every waiting
/// part is to be filed, returned as (index in `g.parts`, [`Filing`]) for the
/// caller to file and mark [`PartState::Started`]; refused, stopped or
/// withdrawn, the waiting parts halt. Anything else, or a dossier that is not
/// this group's registration, changes nothing. `prefs` are the owner's.
pub fn settle(
    g: &mut Group,
    reg: &Dossier,
    prefs: &crate::portal::Prefs,
    now: Millis,
) -> Vec<(usize, crate::portal::Filing)> {
    let Some(p) = reg.part_of.as_ref() else { return vec![] };
    if !p.part.is_registration() || p.group != g.code {
        return vec![];
    }
    match reg.status {
        Status::Done if g.registered.is_none() => {
            let female = crate::answers::text_of(&g.answers, ids::CHILD_SEX) == "nu";
            let birth = Date::parse(crate::answers::text_of(&g.answers, ids::CHILD_BIRTH));
            let (day, _, _) = vn_clock(now);
            let personal_id = (g.group == GroupId::KhaiSinh).then(|| new_personal_id(&g.owner, birth, female, &g.code));
            let number = format!("{}/{}", fnv(g.code.as_bytes()) % 900 + 100, day.year);
            g.registered = Some(Registered { at: now, number, personal_id });
            let ceiling = ceiling_now(g, Some(reg));
            (0..g.parts.len())
                .filter(|k| g.parts[*k].state == PartState::Waiting)
                .map(|k| (k, part_filing(g, k, ceiling, prefs, now)))
                .collect()
        }
        Status::Refused | Status::Stopped | Status::Withdrawn => {
            for part in g.parts.iter_mut().filter(|x| x.state == PartState::Waiting) {
                part.state = PartState::Halted { because: reg.status };
            }
            vec![]
        }
        _ => vec![],
    }
}

/// The filing of part `k` of a registered group.
fn part_filing(
    g: &Group,
    k: usize,
    ceiling: Option<Date>,
    prefs: &crate::portal::Prefs,
    now: Millis,
) -> crate::portal::Filing {
    let part = &g.parts[k];
    let def = part.id.def();
    let mut answers = g.answers.clone();
    if let Some(r) = &g.registered {
        if let Some(id) = &r.personal_id {
            answers.insert(ids::NEW_ID.into(), Answer::Text(id.clone()));
        }
        answers.insert(ids::REGISTRATION_NUMBER.into(), Answer::Text(r.number.clone()));
    }
    // What the part asks, for its agency's result (`results::build` reads `noi_dung`).
    if let Some(request) = request_of(part.id) {
        answers.entry(ids::REQUEST.into()).or_insert_with(|| Answer::Text(request.vi.into()));
    }
    let (day, hour, _) = vn_clock(now);
    let sub = Submission {
        key: format!("{}#{}", g.key, part.id.key()),
        form: g.form.clone(),
        service: text(def.name),
        agency: text(def.agency),
        level: def.unit.1,
        owner: g.owner.clone(),
        province: g.province,
        processing_days: def.days,
        fee_vnd: None,
        online_fee_vnd: None,
        answers,
        missing: part.missing.clone(),
        corrections: 0,
        helper: g.helper.clone(),
        prefs: prefs.clone(),
        locked: vec![],
    };
    crate::portal::Filing {
        submission: sub,
        deadline: Some(part_deadline(def, day, hour, ceiling)),
        part_of: Some(PartOf { group: g.code.clone(), part: part.id }),
        unit_group: Some(def.unit.0),
    }
}

/// The working day a receipt at `hour` on `received` counts from (the 15:00 rule), for the pages.
pub fn counts_from(received: Date, hour: u8) -> Date {
    let mut day = days_from_civil(received);
    if hour < crate::dossier::CUTOFF_HOUR && is_working_day(received) {
        return received;
    }
    loop {
        day += 1;
        let d = civil_from_days(day);
        if is_working_day(d) {
            return d;
        }
    }
}
