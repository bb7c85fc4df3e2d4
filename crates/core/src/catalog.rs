//! The catalogue of the 53 essential services (`forms/catalog.json`): what a
//! citizen sees before opening a form, with the provenance of each entry
//! (`list`, `confidence`, `notes`) so it can be corrected without code
//! changes, and a search that ignores diacritics and case.

use crate::schema::Text;
use serde::{Deserialize, Serialize};

/// Fee of a procedure.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// Fee in đồng; `None` when unknown.
    pub vnd: Option<u64>,
    /// Fee when filed online, where a discount exists.
    #[serde(default)]
    pub online_vnd: Option<u64>,
    /// Exemptions, conditions, uncertainty.
    #[serde(default)]
    pub note: Option<Text>,
}

/// The level of government a service is filed at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Commune or ward (cấp xã), where most services are filed since 2025.
    #[default]
    Xa,
    /// Province (cấp tỉnh).
    Tinh,
    /// Ministry (cấp bộ).
    Bo,
}

/// Who a service is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// People.
    Citizen,
    /// Enterprises and household businesses.
    Business,
    /// Both.
    Both,
}

impl Audience {
    /// The filter's value (`citizen`, `business`).
    pub fn code(self) -> &'static str {
        match self {
            Audience::Citizen => "citizen",
            Audience::Business => "business",
            Audience::Both => "both",
        }
    }

    /// Whether a service for this audience is shown when the filter says `wanted`.
    pub fn serves(self, wanted: Audience) -> bool {
        self == wanted || self == Audience::Both || wanted == Audience::Both
    }
}

/// One service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogEntry {
    /// Stable slug; also the form file name and `/dich-vu/{id}`.
    pub id: String,
    /// Official template code.
    pub template: String,
    /// Name as on dichvucong.gov.vn.
    pub name: Text,
    /// Agency responsible today.
    pub agency: Text,
    /// Agency at the time of listing (ministries were reorganised in 2025).
    pub agency_at_listing: Text,
    /// Level filed at.
    pub level: Level,
    /// Legal basis.
    pub legal_basis: Text,
    /// Processing time in working days (0: same day); `None` when unknown.
    pub processing_days: Option<u32>,
    /// Fee.
    pub fee: Fee,
    /// Result: `paper`, `electronic` or `both`.
    pub result: String,
    /// Linked group (liên thông), if any.
    #[serde(default)]
    pub linked_group: Option<String>,
    /// Source list: `06` (Đề án 06), `422` (QĐ 422/QĐ-TTg) or `candidate`.
    pub list: String,
    /// `confirmed`, `likely`, `uncertain` or `candidate`.
    pub confidence: String,
    /// Who it is for.
    pub audience: Audience,
    /// Life events it belongs to (see [`LIFE_EVENTS`]).
    pub life_events: Vec<String>,
    /// What to prepare.
    #[serde(default)]
    pub prepare: Vec<Text>,
    /// Everyday words a citizen might search with.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Provenance and uncertainty.
    #[serde(default)]
    pub notes: Option<Text>,
}

/// Life events, as the filters name them.
pub const LIFE_EVENTS: &[(&str, &str, &str)] = &[
    ("co-con-nho", "Có con nhỏ", "Having a baby"),
    ("ket-hon", "Kết hôn", "Getting married"),
    ("chuyen-cho-o", "Chuyển chỗ ở", "Moving home"),
    ("mat-viec-lam", "Mất việc làm", "Losing your job"),
    ("nguoi-than-qua-doi", "Người thân qua đời", "A death in the family"),
    ("xe-va-lai-xe", "Xe và lái xe", "Vehicles and driving"),
    ("dat-dai-nha-o", "Đất đai và nhà ở", "Land and housing"),
    ("kinh-doanh", "Kinh doanh", "Running a business"),
    ("bao-hiem", "Bảo hiểm", "Insurance"),
    ("giay-to-tuy-than", "Giấy tờ tùy thân", "Identity documents"),
];

const FOLD: &[(&str, char)] = &[
    ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
    ("èéẻẽẹêềếểễệ", 'e'),
    ("ìíỉĩị", 'i'),
    ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
    ("ùúủũụưừứửữự", 'u'),
    ("ỳýỷỹỵ", 'y'),
    ("đ", 'd'),
];

/// Lower case without Vietnamese diacritics: "ĐĂNG KÝ Khai sinh" → "dang ky khai sinh".
/// Decomposed (combining) marks are dropped too.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // Most of a catalogue is ASCII: no table to look in.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let c = crate::messages::lower_vi(c);
        if ('\u{300}'..='\u{36F}').contains(&c) {
            continue;
        }
        match FOLD.iter().find(|(set, _)| set.contains(c)) {
            Some((_, base)) => out.push(*base),
            None => out.push(c),
        }
    }
    out
}

impl CatalogEntry {
    /// Whether every word of the (folded) query occurs in the name, keywords,
    /// agency or template code. An empty query matches everything.
    pub fn matches(&self, query: &str) -> bool {
        let q = fold(query);
        if q.split_whitespace().next().is_none() {
            return true; // nothing to fold the entry for
        }
        let hay = fold(&format!(
            "{} {} {} {} {} {}",
            self.name.vi,
            self.name.en,
            self.keywords.join(" "),
            self.agency.vi,
            self.agency.en,
            self.template
        ));
        q.split_whitespace().all(|w| hay.contains(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_case_and_diacritics() {
        assert_eq!(fold("Đăng ký khai sinh"), "dang ky khai sinh");
        assert_eq!(fold("ĐĂNG KÝ KHAI SINH"), "dang ky khai sinh");
        assert_eq!(fold("Nguyễn Thị Hương"), "nguyen thi huong");
        assert_eq!(fold("Nguye\u{0302}\u{0303}n"), "nguyen");
        assert_eq!(fold("Bảo hiểm Y TẾ"), "bao hiem y te");
    }

    #[test]
    fn search_finds_with_or_without_diacritics_in_any_case() {
        let e = CatalogEntry {
            id: "khai-sinh".into(),
            template: "TK-KS".into(),
            name: Text { vi: "Đăng ký khai sinh".into(), en: "Birth registration".into() },
            agency: Text { vi: "UBND cấp xã".into(), en: "Commune People's Committee".into() },
            agency_at_listing: Text::default(),
            level: Level::Xa,
            legal_basis: Text::default(),
            processing_days: Some(1),
            fee: Fee::default(),
            result: "both".into(),
            linked_group: None,
            list: "06".into(),
            confidence: "confirmed".into(),
            audience: Audience::Citizen,
            life_events: vec!["co-con-nho".into()],
            prepare: vec![],
            keywords: vec!["giấy khai sinh".into()],
            notes: None,
        };
        for q in ["dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "khai sinh", "Khai Sinh", "birth", "", "  khai   sinh "]
        {
            assert!(e.matches(q), "{q:?}");
        }
        for q in ["ket hon", "khai tu", "sinh khai zz"] {
            assert!(!e.matches(q), "{q:?}");
        }
    }
}
