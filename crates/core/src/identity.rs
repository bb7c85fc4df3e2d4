//! What the national population database (CSDLQG về dân cư) holds about a
//! citizen, as a (mock) VNeID identity token carries it, and the token's own
//! claims. Field list: Điều 9 Luật Căn cước 2023 (see `shared/reference/forms.md`).
//!
//! Dates are `dd/mm/yyyy`, sex `"nam"`/`"nu"`, relationships use the option
//! values of the forms (`chu_ho`, `vo`, `chong`, `con`, `cha`, `me`, …).

use crate::answers::Address;
use serde::{Deserialize, Serialize};

/// Issuer of the mock VNeID tokens.
pub const ISSUER: &str = "https://vneid.mock.tokhai.vn";
/// Audience: this app.
pub const AUDIENCE: &str = "tokhai";
/// Clock skew tolerated on `exp` and `nbf`, seconds.
pub const CLOCK_SKEW_SECS: i64 = 60;

/// Another person as the registry links them (parent, spouse, child, household member).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub full_name: String,
    /// Personal ID number, when they have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_id: Option<String>,
    /// Date of birth (held for household members and children; partly for parents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// `"nam"` or `"nu"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    /// Nationality, e.g. `"Việt Nam"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// Relationship to the head of household (household members only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<String>,
}

/// The citizen's own identity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityClaims {
    /// Họ, chữ đệm và tên khai sinh.
    pub full_name: String,
    /// Other names, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_names: Option<String>,
    /// Số định danh cá nhân (12 digits).
    pub personal_id: String,
    /// Date of birth.
    pub birth_date: String,
    /// `"nam"` or `"nu"`.
    pub sex: String,
    /// Nơi sinh.
    pub place_of_birth: String,
    /// Nơi đăng ký khai sinh.
    pub birth_registration_place: String,
    /// Quê quán.
    pub home_town: String,
    /// Dân tộc.
    pub ethnicity: String,
    /// Tôn giáo (`"Không"` for none).
    pub religion: String,
    /// Quốc tịch.
    pub nationality: String,
    /// Nhóm máu, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blood_group: Option<String>,
    /// Old 9-digit CMND number, if one was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_id_number: Option<String>,
    /// ID card issue date.
    pub id_issue_date: String,
    /// ID card issuing authority.
    pub id_issue_place: String,
    /// ID card expiry date (`None` for cards that do not expire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_expiry_date: Option<String>,
}

/// Family links.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// Father.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub father: Option<Person>,
    /// Mother.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mother: Option<Person>,
    /// Spouse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spouse: Option<Person>,
    /// Children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Person>,
    /// Legal representative (guardian), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_representative: Option<Person>,
}

/// Residence as registered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Residence {
    /// Nơi thường trú.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permanent: Option<Address>,
    /// Nơi tạm trú.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary: Option<Address>,
    /// Nơi ở hiện tại.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Address>,
    /// Temporary absence declared, if any (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_absence: Option<String>,
    /// Số hồ sơ cư trú.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_number: Option<String>,
}

/// The household the citizen belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// Chủ hộ.
    pub head_name: String,
    /// Chủ hộ's personal ID.
    pub head_id: String,
    /// The citizen's relationship to the head (`chu_ho` when they are the head).
    pub relationship: String,
    /// Other members: neither the citizen nor the head (who is `head_name`/`head_id`).
    #[serde(default)]
    pub members: Vec<Person>,
}

/// Contact details. The registry copy may be stale: prefilled, never locked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Mobile phone `0XXXXXXXXX`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// Everything the registry holds about one citizen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citizen {
    /// Identity.
    pub identity: IdentityClaims,
    /// Family links.
    #[serde(default)]
    pub family: Family,
    /// Residence.
    #[serde(default)]
    pub residence: Residence,
    /// Tình trạng hôn nhân: `chua_ket_hon`, `da_ket_hon`, `ly_hon`, `goa`.
    pub marital_status: String,
    /// Household.
    pub household: Household,
    /// Contact.
    #[serde(default)]
    pub contact: Contact,
}

/// The claims of an identity token (JWS payload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenClaims {
    /// Issuer, must be [`ISSUER`].
    pub iss: String,
    /// Subject: the personal ID number.
    pub sub: String,
    /// Audience, must be [`AUDIENCE`].
    pub aud: String,
    /// Issued at, seconds since 1970.
    pub iat: i64,
    /// Not before, seconds.
    pub nbf: i64,
    /// Expires, seconds.
    pub exp: i64,
    /// VNeID level of assurance: 1 or 2.
    pub loa: u8,
    /// The registry data.
    pub citizen: Citizen,
}
