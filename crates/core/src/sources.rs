//! The national databases a form can be prefilled from, besides the population
//! database of the identity token (Đề án 06: shared through the national
//! data-sharing platform, NDXP). Each source is asked separately, with the
//! citizen's consent, and answers with records signed by the platform (compact
//! JWS, ES256, like the identity token; contract in `docs/data-sources.md`).
//!
//! A [`Record`] is flat: its `data` maps a path (`plate`, `certificate.serial`)
//! to text. An address is stored as five paths under one prefix
//! (`address.province`, `address.province_name`, `address.ward`,
//! `address.ward_name`, `address.street`) and read whole with [`Record::value`].
//! Option values (`kind`, `event`, `contract.kind`…) use the option values of
//! the forms, so a select is filled only when the form offers that value.

use crate::answers::Address;
use crate::schema::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Issuer of the (mock) signed records: the national data-sharing platform.
pub const PLATFORM_ISSUER: &str = "https://ndxp.mock.tokhai.vn";

/// Largest signed record accepted, bytes.
pub const MAX_RECORD_BYTES: usize = 8 * 1024;

/// A text in both languages, fixed at compile time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    /// Vietnamese, with full diacritics.
    pub vi: &'static str,
    /// English.
    pub en: &'static str,
}

impl Words {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

const fn w(vi: &'static str, en: &'static str) -> Words {
    Words { vi, en }
}

/// What a path gives: text (also dates and option values) or an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    /// One value.
    Text,
    /// An address, stored as `{path}.province`, `.province_name`, `.ward`, `.ward_name`, `.street`.
    Address,
}

/// One thing a source gives, as the consent page lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourcePath {
    /// Dotted path in the record's data.
    pub path: &'static str,
    /// What it is, for the consent page.
    pub label: Words,
    /// Text or address.
    pub kind: PathKind,
}

const fn t(path: &'static str, vi: &'static str, en: &'static str) -> SourcePath {
    SourcePath { path, label: w(vi, en), kind: PathKind::Text }
}

const fn a(path: &'static str, vi: &'static str, en: &'static str) -> SourcePath {
    SourcePath { path, label: w(vi, en), kind: PathKind::Address }
}

/// A national database. `population` is the identity token's own data
/// (paths: [`crate::prefill::CLAIM_PATHS`]); the others answer with [`Record`]s.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Cơ sở dữ liệu quốc gia về dân cư (the VNeID identity token).
    #[default]
    Population,
    /// Bảo hiểm xã hội, bảo hiểm y tế.
    Insurance,
    /// Hộ tịch: khai sinh, kết hôn, ly hôn, khai tử.
    CivilStatus,
    /// Đăng ký doanh nghiệp, hộ kinh doanh, hợp tác xã.
    Business,
    /// Đăng ký xe.
    Vehicle,
    /// Đất đai.
    Land,
    /// Giấy phép lái xe.
    DrivingLicence,
    /// Thuế.
    Tax,
    /// Giáo dục và đào tạo: hồ sơ học tập, văn bằng.
    Education,
    /// Xuất nhập cảnh: hộ chiếu đã cấp.
    Immigration,
    /// Khách hàng sử dụng điện: hợp đồng mua bán điện (Tập đoàn Điện lực Việt Nam).
    Electricity,
}

const INSURANCE: &[SourcePath] = &[
    t("bhxh_code", "Mã số bảo hiểm xã hội", "Social insurance code"),
    t("health_card.number", "Số thẻ bảo hiểm y tế", "Health insurance card number"),
    t("health_card.valid_from", "Thẻ bảo hiểm y tế có giá trị từ ngày", "Health insurance card valid from"),
    t("health_card.valid_to", "Thẻ bảo hiểm y tế có giá trị đến ngày", "Health insurance card valid until"),
    t("health_card.hospital", "Nơi đăng ký khám bệnh, chữa bệnh ban đầu", "Registered primary care facility"),
    t("participation.kind", "Loại hình tham gia", "Kind of participation"),
    t("participation.since", "Tham gia từ tháng", "Participating since"),
    t("employer.name", "Tên đơn vị đang đóng bảo hiểm", "Employer paying the contributions"),
    a("employer.address", "Địa chỉ đơn vị", "Employer's address"),
    t("occupation", "Chức danh, nghề nghiệp khai với bảo hiểm xã hội", "Job title as declared to social insurance"),
    t("contract.kind", "Loại hợp đồng lao động", "Kind of employment contract"),
    t("unemployment.months", "Số tháng đã đóng bảo hiểm thất nghiệp", "Months of unemployment insurance contributions"),
    t(
        "bank.account_holder",
        "Tên chủ tài khoản nhận tiền bảo hiểm xã hội",
        "Holder of the account social insurance pays into",
    ),
    t(
        "bank.account_number",
        "Số tài khoản nhận tiền bảo hiểm xã hội",
        "Number of the account social insurance pays into",
    ),
    t("bank.name", "Ngân hàng của tài khoản đó", "Bank of that account"),
    t("bank.branch", "Chi nhánh ngân hàng", "Bank branch"),
    t(
        "payment.method",
        "Cách nhận tiền đã đăng ký (chuyển khoản hoặc tiền mặt)",
        "How you registered to be paid (bank transfer or cash)",
    ),
    t("payment.cash_point", "Nơi nhận tiền mặt đã đăng ký", "Registered cash pay point"),
];

const CIVIL_STATUS: &[SourcePath] = &[
    t("event", "Việc hộ tịch (khai sinh, kết hôn…)", "Civil status event (birth, marriage…)"),
    t("registration.authority", "Cơ quan đã đăng ký", "Registering authority"),
    t("registration.date", "Ngày đăng ký", "Date of registration"),
    t("registration.number", "Số đăng ký", "Registration number"),
    t("registration.book", "Quyển số", "Register book"),
    t("marital_status", "Tình trạng hôn nhân", "Marital status"),
    t("spouse.full_name", "Họ, chữ đệm, tên vợ hoặc chồng", "Spouse's full name"),
    t("spouse.birth_date", "Ngày sinh của vợ hoặc chồng", "Spouse's date of birth"),
    t("spouse.personal_id", "Số định danh cá nhân của vợ hoặc chồng", "Spouse's personal ID number"),
    t("divorce.number", "Số bản án hoặc quyết định ly hôn", "Number of the divorce judgment or decision"),
    t("divorce.date", "Ngày của bản án hoặc quyết định ly hôn", "Date of the divorce judgment or decision"),
    t("divorce.court", "Tòa án đã giải quyết ly hôn", "Court that granted the divorce"),
    t(
        "spouse_death.number",
        "Số trích lục khai tử của vợ hoặc chồng",
        "Number of the spouse's death registration extract",
    ),
    t("spouse_death.date", "Ngày đăng ký khai tử của vợ hoặc chồng", "Date the spouse's death was registered"),
    t("spouse_death.authority", "Cơ quan đã đăng ký khai tử", "Authority that registered the death"),
];

const BUSINESS: &[SourcePath] = &[
    t(
        "kind",
        "Loại hình (doanh nghiệp, hộ kinh doanh, hợp tác xã)",
        "Kind (enterprise, household business, cooperative)",
    ),
    t("name", "Tên doanh nghiệp, hộ kinh doanh, hợp tác xã", "Registered name"),
    t("name_foreign", "Tên bằng tiếng nước ngoài", "Name in a foreign language"),
    t("name_short", "Tên viết tắt", "Abbreviated name"),
    t("tax_code", "Mã số doanh nghiệp, mã số thuế", "Enterprise number (tax code)"),
    a("address", "Địa chỉ trụ sở chính", "Head office address"),
    t("phone", "Điện thoại", "Phone"),
    t("email", "Email", "E-mail"),
    t("website", "Website", "Website"),
    t("registration.date", "Ngày đăng ký lần đầu", "Date first registered"),
    t("registration.authority", "Cơ quan đăng ký kinh doanh", "Business registration office"),
    t("industry.code", "Mã ngành kinh doanh chính", "Main business line code"),
    t("industry.name", "Ngành kinh doanh chính", "Main business line"),
    t("role", "Tư cách của bạn (đại diện theo pháp luật…)", "Your standing (legal representative…)"),
    t("position", "Chức danh của bạn", "Your position"),
    t("representative.full_name", "Họ, chữ đệm và tên người đại diện theo pháp luật", "Legal representative's name"),
    t(
        "representative.personal_id",
        "Số định danh cá nhân của người đại diện theo pháp luật",
        "Legal representative's personal ID number",
    ),
    t("representative.position", "Chức danh của người đại diện theo pháp luật", "Legal representative's position"),
];

const VEHICLE: &[SourcePath] = &[
    t("plate", "Biển số", "Number plate"),
    t("plate_colour", "Màu biển số", "Plate colour"),
    t("category", "Loại phương tiện (ô tô, mô tô, xe điện)", "Vehicle category (car, motorcycle, electric)"),
    t("kind", "Loại xe", "Vehicle type"),
    t("brand", "Nhãn hiệu", "Make"),
    t("model", "Số loại", "Model"),
    t("colour", "Màu sơn", "Colour"),
    t("frame_number", "Số khung", "Frame (chassis) number"),
    t("engine_number", "Số máy", "Engine number"),
    t("capacity_cc", "Dung tích xi lanh", "Engine capacity"),
    t("power_kw", "Công suất", "Power"),
    t("seats", "Số chỗ ngồi", "Seats"),
    t("payload_kg", "Trọng tải", "Payload"),
    t("year", "Năm sản xuất", "Year of manufacture"),
    t("country", "Nước sản xuất", "Country of manufacture"),
    t("origin", "Nguồn gốc xe", "Origin"),
    t("registration.number", "Số chứng nhận đăng ký xe", "Registration certificate number"),
    t("registration.date", "Ngày đăng ký", "Date of registration"),
    t("owner_name", "Tên chủ xe", "Registered owner"),
];

const LAND: &[SourcePath] = &[
    t("parcel_number", "Thửa đất số", "Parcel number"),
    t("map_sheet", "Tờ bản đồ số", "Map sheet number"),
    a("address", "Địa chỉ thửa đất", "Parcel address"),
    t("area_m2", "Diện tích (m²)", "Area (m²)"),
    t("use_purpose", "Mục đích sử dụng đất", "Land use purpose"),
    t("use_term", "Thời hạn sử dụng", "Term of use"),
    t("certificate.serial", "Số phát hành Giấy chứng nhận (số seri)", "Certificate serial number"),
    t("certificate.book_number", "Số vào sổ cấp Giấy chứng nhận", "Certificate register entry"),
    t("certificate.date", "Ngày cấp Giấy chứng nhận", "Certificate date"),
    t("certificate.authority", "Cơ quan cấp Giấy chứng nhận", "Issuing authority"),
    t("holder.name", "Tên người sử dụng đất ghi trên Giấy chứng nhận", "Holder's name as on the certificate"),
    t("holder.address", "Địa chỉ người sử dụng đất ghi trên Giấy chứng nhận", "Holder's address as on the certificate"),
    t(
        "holder.shared",
        "Có người khác cùng đứng tên trên Giấy chứng nhận (có, không)",
        "Whether others are named on the certificate too (yes, no)",
    ),
    t(
        "holder.household",
        "Giấy chứng nhận cấp cho hộ gia đình (có, không)",
        "Whether the certificate was issued to a household (yes, no)",
    ),
];

const DRIVING_LICENCE: &[SourcePath] = &[
    t("number", "Số giấy phép lái xe", "Licence number"),
    t("classes", "Hạng giấy phép lái xe", "Licence classes"),
    t("issue_date", "Ngày cấp", "Date of issue"),
    t("expiry_date", "Có giá trị đến", "Valid until"),
    t("authority", "Cơ quan cấp", "Issuing authority"),
    t("training.school", "Cơ sở đào tạo lái xe", "Driving school"),
    t("training.year", "Năm học lái xe", "Year of training"),
];

const TAX: &[SourcePath] = &[
    t("tax_code", "Mã số thuế cá nhân", "Personal tax code"),
    t("tax_office", "Cơ quan thuế quản lý", "Tax office"),
    t("registration_date", "Ngày đăng ký thuế", "Date of tax registration"),
    t("income_payer.name", "Tên cơ quan chi trả thu nhập", "Income payer"),
    t("income_payer.tax_code", "Mã số thuế của cơ quan chi trả thu nhập", "Income payer's tax code"),
    t("notice.number", "Số thông báo nộp tiền gần nhất", "Number of the latest payment notice"),
    t("notice.date", "Ngày thông báo nộp tiền", "Date of the payment notice"),
    t("notice.amount", "Số tiền phải nộp theo thông báo (đồng)", "Amount due on the notice (đồng)"),
    t("notice.dossier", "Mã hồ sơ thủ tục đất đai của thông báo", "Land dossier code of the notice"),
    t("bank.name", "Ngân hàng của tài khoản đã đăng ký thuế", "Bank of the account registered for tax"),
    t("bank.account_number", "Số tài khoản đã đăng ký thuế", "Account number registered for tax"),
];

const EDUCATION: &[SourcePath] = &[
    t("secondary.school_10", "Trường học lớp 10", "School attended in year 10"),
    t("secondary.school_11", "Trường học lớp 11", "School attended in year 11"),
    t("secondary.school_12", "Trường học lớp 12", "School attended in year 12"),
    t("secondary.class_12", "Tên lớp 12", "Year 12 class"),
    t(
        "secondary.programme",
        "Chương trình trung học phổ thông đã học (THPT, GDTX)",
        "Upper secondary programme followed (general, continuing education)",
    ),
    t("secondary.graduation_year", "Năm tốt nghiệp trung học phổ thông", "Year of the upper secondary diploma"),
    t("degree.level", "Trình độ đào tạo cao nhất đã được cấp văn bằng", "Highest level with a diploma"),
    t("degree.major", "Ngành đào tạo của văn bằng đó", "Field of study of that diploma"),
    t("degree.school", "Cơ sở đào tạo cấp văn bằng", "Institution that issued it"),
    t("degree.year", "Năm cấp văn bằng", "Year it was issued"),
    t("degree.number", "Số hiệu văn bằng", "Diploma number"),
];

const IMMIGRATION: &[SourcePath] = &[
    t(
        "passport.ever_issued",
        "Đã từng được cấp hộ chiếu phổ thông (có, không)",
        "Whether an ordinary passport was ever issued (yes, no)",
    ),
    t("passport.number", "Số hộ chiếu phổ thông cấp gần nhất", "Number of the latest ordinary passport"),
    t("passport.issue_date", "Ngày cấp hộ chiếu đó", "Its date of issue"),
    t("passport.expiry_date", "Ngày hết hạn hộ chiếu đó", "Its expiry date"),
    t("passport.authority", "Cơ quan cấp hộ chiếu đó", "Its issuing authority"),
];

const ELECTRICITY: &[SourcePath] = &[
    t("customer.code", "Mã khách hàng sử dụng điện", "Electricity customer code"),
    t("contract.number", "Số hợp đồng mua bán điện", "Electricity contract number"),
    t("contract.holder", "Người hoặc tổ chức đứng tên hợp đồng", "Person or organisation named on the contract"),
    a("supply.address", "Địa điểm sử dụng điện", "Where the electricity is used"),
    t("supply.purpose", "Mục đích sử dụng điện", "What the electricity is used for"),
    t("supply.phases", "Loại công tơ (một pha, ba pha)", "Meter type (single-phase, three-phase)"),
    t("payment.method", "Hình thức thanh toán tiền điện", "How the electricity bill is paid"),
];

impl Source {
    /// Every source, population first.
    pub const ALL: [Source; 11] = [
        Source::Population,
        Source::Insurance,
        Source::CivilStatus,
        Source::Business,
        Source::Vehicle,
        Source::Land,
        Source::DrivingLicence,
        Source::Tax,
        Source::Education,
        Source::Immigration,
        Source::Electricity,
    ];

    /// The sources that answer with signed records (all but population).
    pub const RECORDS: [Source; 10] = [
        Source::Insurance,
        Source::CivilStatus,
        Source::Business,
        Source::Vehicle,
        Source::Land,
        Source::DrivingLicence,
        Source::Tax,
        Source::Education,
        Source::Immigration,
        Source::Electricity,
    ];

    /// The serde name: `civil_status`, also the file name `seeds/sources/{key}.json`.
    pub fn key(self) -> &'static str {
        match self {
            Source::Population => "population",
            Source::Insurance => "insurance",
            Source::CivilStatus => "civil_status",
            Source::Business => "business",
            Source::Vehicle => "vehicle",
            Source::Land => "land",
            Source::DrivingLicence => "driving_licence",
            Source::Tax => "tax",
            Source::Education => "education",
            Source::Immigration => "immigration",
            Source::Electricity => "electricity",
        }
    }

    /// The source named `key`.
    pub fn from_key(key: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The database's name.
    pub fn name(self) -> Words {
        match self {
            Source::Population => w("Cơ sở dữ liệu quốc gia về dân cư", "National population database"),
            Source::Insurance => w("Cơ sở dữ liệu quốc gia về bảo hiểm", "National insurance database"),
            Source::CivilStatus => w("Cơ sở dữ liệu hộ tịch điện tử", "Electronic civil status database"),
            Source::Business => {
                w("Hệ thống thông tin quốc gia về đăng ký doanh nghiệp", "National business registration system")
            }
            Source::Vehicle => w("Cơ sở dữ liệu đăng ký xe", "Vehicle registration database"),
            Source::Land => w("Cơ sở dữ liệu quốc gia về đất đai", "National land database"),
            Source::DrivingLicence => w("Cơ sở dữ liệu giấy phép lái xe", "Driving licence database"),
            Source::Tax => w("Cơ sở dữ liệu quốc gia về thuế", "National tax database"),
            Source::Education => w("Cơ sở dữ liệu ngành giáo dục và đào tạo", "Education and training database"),
            Source::Immigration => w("Cơ sở dữ liệu quốc gia về xuất nhập cảnh", "National immigration database"),
            Source::Electricity => w("Cơ sở dữ liệu khách hàng sử dụng điện", "Electricity customer database"),
        }
    }

    /// The agency that keeps the record: a correction request goes there.
    pub fn agency(self) -> Words {
        match self {
            Source::Population => w(
                "Công an cấp xã nơi cư trú (Cục Cảnh sát quản lý hành chính về trật tự xã hội, Bộ Công an)",
                "The commune police where you live (Police Department for Administrative Management of Social Order, Ministry of Public Security)",
            ),
            Source::Insurance => w(
                "Cơ quan Bảo hiểm xã hội nơi bạn tham gia (Bảo hiểm xã hội Việt Nam)",
                "The social insurance office where you participate (Vietnam Social Security)",
            ),
            Source::CivilStatus => w(
                "Cơ quan đã đăng ký hộ tịch (Ủy ban nhân dân cấp xã; Bộ Tư pháp quản lý cơ sở dữ liệu)",
                "The authority that registered the event (commune People's Committee; database kept by the Ministry of Justice)",
            ),
            Source::Business => w(
                "Cơ quan đăng ký kinh doanh đã cấp đăng ký (Bộ Tài chính quản lý hệ thống)",
                "The business registration office that registered it (system kept by the Ministry of Finance)",
            ),
            Source::Vehicle => w(
                "Cơ quan đăng ký xe đã cấp đăng ký (Cục Cảnh sát giao thông, Bộ Công an)",
                "The vehicle registration office that registered it (Traffic Police Department, Ministry of Public Security)",
            ),
            Source::Land => w(
                "Văn phòng đăng ký đất đai nơi có thửa đất (Bộ Nông nghiệp và Môi trường quản lý cơ sở dữ liệu)",
                "The land registration office where the parcel lies (database kept by the Ministry of Agriculture and Environment)",
            ),
            Source::DrivingLicence => w(
                "Cơ quan đã cấp giấy phép lái xe (Cục Cảnh sát giao thông, Bộ Công an)",
                "The authority that issued the licence (Traffic Police Department, Ministry of Public Security)",
            ),
            Source::Tax => w(
                "Cơ quan thuế quản lý bạn (Cục Thuế, Bộ Tài chính)",
                "Your tax office (Tax Department, Ministry of Finance)",
            ),
            Source::Education => w(
                "Cơ sở giáo dục đã cấp văn bằng hoặc nơi bạn học (Bộ Giáo dục và Đào tạo quản lý cơ sở dữ liệu)",
                "The school or institution that issued the diploma or where you studied (database kept by the Ministry of Education and Training)",
            ),
            Source::Immigration => w(
                "Cơ quan quản lý xuất nhập cảnh đã cấp hộ chiếu (Cục Quản lý xuất nhập cảnh, Bộ Công an)",
                "The immigration office that issued the passport (Immigration Department, Ministry of Public Security)",
            ),
            Source::Electricity => w(
                "Công ty điện lực bán điện theo hợp đồng (Tập đoàn Điện lực Việt Nam quản lý cơ sở dữ liệu)",
                "The power company that holds the contract (database kept by Vietnam Electricity, EVN)",
            ),
        }
    }

    /// Whether one person may have several records here (two vehicles, three
    /// parcels, two businesses, several civil status events, their own tax
    /// record and their company's, several electricity contracts): the
    /// citizen picks one, and its fields fill together.
    pub fn multiple(self) -> bool {
        matches!(
            self,
            Source::CivilStatus | Source::Business | Source::Vehicle | Source::Land | Source::Tax | Source::Electricity
        )
    }

    /// What the source gives, with a label each. Empty for population, whose
    /// paths are [`crate::prefill::CLAIM_PATHS`] (grouped on the consent page
    /// by [`crate::prefill::ClaimGroup`]).
    pub fn paths(self) -> &'static [SourcePath] {
        match self {
            Source::Population => &[],
            Source::Insurance => INSURANCE,
            Source::CivilStatus => CIVIL_STATUS,
            Source::Business => BUSINESS,
            Source::Vehicle => VEHICLE,
            Source::Land => LAND,
            Source::DrivingLicence => DRIVING_LICENCE,
            Source::Tax => TAX,
            Source::Education => EDUCATION,
            Source::Immigration => IMMIGRATION,
            Source::Electricity => ELECTRICITY,
        }
    }

    /// The path's description, if this source offers it.
    pub fn path(self, path: &str) -> Option<&'static SourcePath> {
        self.paths().iter().find(|p| p.path == path)
    }

    /// Whether a form may name `path` in this source.
    pub fn offers(self, path: &str) -> bool {
        match self {
            Source::Population => crate::prefill::CLAIM_PATHS.contains(&path),
            _ => self.path(path).is_some(),
        }
    }
}

/// One record of a source: a vehicle, a parcel, a business, a civil status
/// event, an insurance or tax file, a driving licence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The source that holds it.
    pub source: Source,
    /// Stable id within the source, e.g. `xe-30a12345`.
    pub id: String,
    /// Personal ID of the citizen it is given to (the owner, or the
    /// representative of the organisation that owns it).
    pub owner: String,
    /// What the picker shows, e.g. `30A-123.45 — Toyota Vios`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The values, path → text (see the module docs for addresses).
    pub data: BTreeMap<String, String>,
}

/// A value of a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceValue {
    /// Text, a date or an option value.
    Text(String),
    /// An address.
    Address(Address),
}

impl Record {
    /// The text at `path`, if held and not blank.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.data.get(path).map(String::as_str).filter(|s| !s.trim().is_empty())
    }

    /// The value at `path`: an address when the source says the path is one
    /// (read from its five sub-paths; province and ward codes are required).
    pub fn value(&self, path: &str) -> Option<SourceValue> {
        match self.source.path(path).map(|p| p.kind) {
            Some(PathKind::Address) => {
                let part = |k: &str| self.text(&format!("{path}.{k}")).map(str::to_string);
                Some(SourceValue::Address(Address {
                    province: part("province")?,
                    province_name: part("province_name").unwrap_or_default(),
                    ward: part("ward")?,
                    ward_name: part("ward_name").unwrap_or_default(),
                    street: part("street").unwrap_or_default(),
                }))
            }
            _ => self.text(path).map(|s| SourceValue::Text(s.to_string())),
        }
    }

    /// The picker's text: the label, or the id.
    pub fn display(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id)
    }
}

/// The records of `source` given to the citizen `owner`, in the order held.
pub fn records_of<'r>(records: &'r [Record], source: Source, owner: &str) -> Vec<&'r Record> {
    records.iter().filter(|r| r.source == source && r.owner == owner).collect()
}

/// The record a form fills from: the one picked (by id) if it is there, else
/// the only one. `None` when there is none, or several and none picked.
pub fn picked<'r>(
    records: &'r [Record],
    source: Source,
    owner: &str,
    picks: &BTreeMap<Source, String>,
) -> Option<&'r Record> {
    let mine = records_of(records, source, owner);
    match picks.get(&source) {
        Some(id) => mine.into_iter().find(|r| &r.id == id),
        None if mine.len() == 1 => mine.into_iter().next(),
        None => None,
    }
}

/// The payload of a signed record (the JWS the platform returns per record).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordClaims {
    /// Must be [`PLATFORM_ISSUER`].
    pub iss: String,
    /// The source, equal to `record.source`.
    pub source: Source,
    /// Personal ID of the citizen it is given to, equal to `record.owner`.
    pub sub: String,
    /// Issued at, seconds since 1970.
    pub iat: i64,
    /// The record.
    pub record: Record,
}

/// Why a signed record is refused (after its signature verified).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordError {
    /// `iss` is not the platform.
    WrongIssuer,
    /// `source` or `sub` disagree with the record, or the record is population.
    BadClaims,
    /// The record is someone else's: `sub` is not the signed-in citizen.
    NotYours,
}

/// Issuer and coherence of a verified record for the citizen `personal_id`.
pub fn check_record_claims(c: &RecordClaims, personal_id: &str) -> Result<(), RecordError> {
    if c.iss != PLATFORM_ISSUER {
        return Err(RecordError::WrongIssuer);
    }
    if c.source != c.record.source || c.sub != c.record.owner || c.source == Source::Population {
        return Err(RecordError::BadClaims);
    }
    if c.sub != personal_id {
        return Err(RecordError::NotYours);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_match_serde() {
        for s in Source::ALL {
            assert_eq!(Source::from_key(s.key()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.key()));
            assert!(!s.name().vi.is_ascii() && !s.agency().vi.is_ascii(), "{s:?} vi has diacritics");
            assert!(!s.name().en.is_empty() && !s.agency().en.is_empty());
            for p in s.paths() {
                assert!(!p.label.vi.is_empty() && !p.label.en.is_empty(), "{s:?} {}", p.path);
                assert!(s.offers(p.path));
            }
        }
        assert_eq!(Source::default(), Source::Population);
        assert!(Source::Population.offers("identity.full_name"));
        assert!(!Source::Vehicle.offers("identity.full_name"));
        assert_eq!(Source::from_key("bank"), None);
    }

    fn rec(id: &str, owner: &str) -> Record {
        let mut data = BTreeMap::new();
        data.insert("plate".to_string(), "30A-123.45".to_string());
        data.insert("blank".to_string(), "  ".to_string());
        Record { source: Source::Vehicle, id: id.into(), owner: owner.into(), label: None, data }
    }

    #[test]
    fn values_addresses_and_picks() {
        let r = rec("a", "1");
        assert_eq!(r.text("plate"), Some("30A-123.45"));
        assert_eq!(r.text("blank"), None);
        assert_eq!(r.value("plate"), Some(SourceValue::Text("30A-123.45".into())));
        assert_eq!(r.display(), "a");
        let mut land = Record { source: Source::Land, ..rec("p", "1") };
        assert_eq!(land.value("address"), None, "no province and ward: no address");
        for (k, v) in [("province", "01"), ("ward", "00167"), ("street", "Số 5")] {
            land.data.insert(format!("address.{k}"), v.into());
        }
        match land.value("address") {
            Some(SourceValue::Address(a)) => assert_eq!((a.province.as_str(), a.street.as_str()), ("01", "Số 5")),
            other => panic!("{other:?}"),
        }
        let all = vec![rec("a", "1"), rec("b", "1"), rec("c", "2")];
        let none = BTreeMap::new();
        assert_eq!(picked(&all, Source::Vehicle, "2", &none).map(|r| r.id.as_str()), Some("c"), "the only one");
        assert!(picked(&all, Source::Vehicle, "1", &none).is_none(), "two and none picked");
        let picks: BTreeMap<_, _> = [(Source::Vehicle, "b".to_string())].into();
        assert_eq!(picked(&all, Source::Vehicle, "1", &picks).map(|r| r.id.as_str()), Some("b"));
        assert!(picked(&all, Source::Vehicle, "2", &picks).is_none(), "a pick of someone else's record");
        assert!(picked(&all, Source::Land, "1", &none).is_none());
    }

    #[test]
    fn record_claims_are_checked() {
        let good = RecordClaims {
            iss: PLATFORM_ISSUER.into(),
            source: Source::Vehicle,
            sub: "1".into(),
            iat: 0,
            record: rec("a", "1"),
        };
        assert_eq!(check_record_claims(&good, "1"), Ok(()));
        assert_eq!(check_record_claims(&good, "2"), Err(RecordError::NotYours));
        let bad_iss = RecordClaims { iss: "https://evil.example".into(), ..good.clone() };
        assert_eq!(check_record_claims(&bad_iss, "1"), Err(RecordError::WrongIssuer));
        let bad_src = RecordClaims { source: Source::Land, ..good.clone() };
        assert_eq!(check_record_claims(&bad_src, "1"), Err(RecordError::BadClaims));
        let bad_sub = RecordClaims { sub: "2".into(), ..good };
        assert_eq!(check_record_claims(&bad_sub, "2"), Err(RecordError::BadClaims));
    }
}
