//! The form definition format. One JSON file per service under `forms/`;
//! `forms/README.md` describes it in prose and `forms/form.schema.json` checks it.

use serde::{Deserialize, Serialize};

/// Interface language. Vietnamese first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt (default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
    /// Reads `"vi"` / `"en"`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Vietnamese, with full diacritics.
    pub vi: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// One declaration form (tờ khai) of one public service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    /// JSON Schema reference for editors; ignored by the engine.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable slug, also the file name: `forms/{id}.json`.
    pub id: String,
    /// Official template code, e.g. `CT01`.
    pub template: String,
    /// Definition version, raised when fields change.
    pub version: u32,
    /// Title as printed on the template.
    pub title: Text,
    /// Receiving agency.
    pub agency: Text,
    /// Legal basis of the template.
    pub legal_basis: Text,
    /// For a linked form (liên thông): its group and the field choosing its parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked: Option<Linked>,
    /// How the declaration prints as the paper template ("In tờ khai"), where
    /// the defaults drawn from `template` and `legal_basis` are not enough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print: Option<PrintLayout>,
    /// One section per page, in order.
    pub sections: Vec<Section>,
}

/// The print layout of a form ([`crate::print`]): every key is optional, and
/// a form without one prints with defaults (the code line from
/// `legal_basis`, the title, one signature column "NGƯỜI KÊ KHAI").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintLayout {
    /// The template's code line at the top, e.g. "Mẫu CT01 ban hành kèm theo
    /// Thông tư số …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Text>,
    /// The title as the template prints it, when it differs from `title`
    /// (printed in capitals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// "Kính gửi": the agency named from the ward of an address answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PrintTo>,
    /// Top-level fields not printed: questions of the online journey only
    /// (the template has no item for them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omit: Vec<String>,
    /// Whether section titles are printed as headings between the items
    /// (default `true`; CT01 numbers its items without headings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headings: Option<bool>,
    /// The signature columns, left to right; the last is the declarant's and
    /// carries the filled date. Default: one column, "NGƯỜI KÊ KHAI".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<SignatureColumn>,
    /// Footnotes printed under the signatures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
    /// How sure the code line and layout are: `confirmed`, `likely` or `uncertain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<crate::linked::Confidence>,
    /// Where the layout comes from and what is unverified (not printed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Text>,
}

/// "Kính gửi" named from an address: `prefix` and the ward (and province) of
/// the first of `fields` that is answered, e.g. "Công an Phường Hoàn Kiếm,
/// Thành phố Hà Nội". Unanswered: a dotted line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintTo {
    /// The agency's kind before the place: "Công an", "Ủy ban nhân dân".
    pub prefix: Text,
    /// Top-level address fields, first answered wins.
    pub fields: Vec<String>,
}

/// One signature column of the printed declaration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureColumn {
    /// The column's heading, e.g. "Ý kiến của chủ hộ" (printed in capitals).
    pub title: Text,
    /// Under the heading; default "(Ký, ghi rõ họ tên)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    /// A top-level field whose answer is the signer's name, printed under the
    /// space for the signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A top-level personal ID field: the column gets lines for the signer's
    /// name and ID number (filled from `name` and this field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `name` and `id` are filled only when this holds (e.g. the consent was
    /// given by this person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
}

/// A linked form's group ([`crate::linked::GroupId`]) and the checkbox whose
/// option values are the parts chosen besides the registration. Sections of
/// one part show only when it is chosen (`show_if` on that checkbox).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Linked {
    /// `khai_sinh` or `khai_tu`.
    pub group: String,
    /// Id of the top-level checkbox field holding the chosen parts.
    pub choice: String,
}

/// A page of the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique within the form; used in the page address.
    pub id: String,
    /// Page heading.
    pub title: Text,
    /// Optional paragraph under the heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    /// The section applies only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Questions on the page.
    pub fields: Vec<Field>,
}

/// The kinds of question the engine knows. An unknown kind fails to load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A whole number.
    Number,
    /// A date, `dd/mm/yyyy`.
    Date,
    /// One of many, as a drop-down list.
    Select,
    /// One of a few, as radio buttons.
    Radio,
    /// Any of a few, as check boxes.
    Checkbox,
    /// Có / Không.
    YesNo,
    /// Vietnamese mobile number.
    Phone,
    /// E-mail address.
    Email,
    /// Số định danh cá nhân, 12 digits.
    PersonalId,
    /// Province → ward/commune → street and house number.
    Address,
    /// Repeatable rows of sub-fields (e.g. household members).
    Group,
    /// File attachment.
    File,
    /// A statement the citizen must tick.
    Declaration,
}

impl FieldKind {
    /// Every kind, for generated tests and the linter.
    pub const ALL: [FieldKind; 15] = [
        FieldKind::Text,
        FieldKind::LongText,
        FieldKind::Number,
        FieldKind::Date,
        FieldKind::Select,
        FieldKind::Radio,
        FieldKind::Checkbox,
        FieldKind::YesNo,
        FieldKind::Phone,
        FieldKind::Email,
        FieldKind::PersonalId,
        FieldKind::Address,
        FieldKind::Group,
        FieldKind::File,
        FieldKind::Declaration,
    ];

    /// Kinds whose answer is chosen from `options`.
    pub fn has_options(self) -> bool {
        matches!(self, FieldKind::Select | FieldKind::Radio | FieldKind::Checkbox)
    }
}

/// One question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Unique within the form (within the group for group columns).
    pub id: String,
    /// What kind of question.
    pub kind: FieldKind,
    /// The question, as on the template.
    pub label: Text,
    /// Help under the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    /// Must be answered (when shown).
    #[serde(default)]
    pub required: bool,
    /// Shown only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Extra validation rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// Choices for select, radio and checkbox.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Columns of a group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// Fewest rows of a group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_rows: Option<u32>,
    /// Most rows of a group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rows: Option<u32>,
    /// Accepted MIME types of a file field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<String>,
    /// Largest accepted file, bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bytes: Option<u64>,
    /// Most files in a file field (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_files: Option<u32>,
    /// Kinds of signed result that answer a file field from the citizen's
    /// data store ("Dùng giấy tờ trong kho") instead of an upload.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reuse: Vec<crate::results::ResultKind>,
    /// Where the state already holds this answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<Prefill>,
    /// HTML `autocomplete` token, e.g. `tel`, `email`, `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<String>,
}

/// A choice of a select, radio or checkbox field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stored value.
    pub value: String,
    /// What the citizen reads.
    pub label: Text,
}

/// A condition on another answer: exactly one of `equals`, `one_of`, `filled`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Id of the field it reads (a sibling column first, then the form).
    pub field: String,
    /// Holds when the answer is exactly this (or, for checkboxes, includes it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    /// Holds when the answer is any of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<String>,
    /// Holds when the field is answered (`true`) or empty (`false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filled: Option<bool>,
}

/// Extra rules on a field. Which kinds each applies to is checked by the linter.
///
/// In JSON a rule is one flat object named by `"rule"`, e.g.
/// `{"rule": "min_age", "years": 14}`. It is read through [`RawRule`] rather
/// than serde's internally tagged enums, whose buffering costs ~25 KB of wasm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawRule", into = "RawRule")]
pub enum Rule {
    /// At least this many characters (text, long text).
    MinLength { value: usize },
    /// At most this many characters (text, long text).
    MaxLength { value: usize },
    /// A person's name: letters with diacritics, spaces, `'` and `-`.
    PersonName,
    /// Digits only (spaces ignored): social insurance codes, bank accounts.
    Digits,
    /// Number at least this.
    Min { value: i64 },
    /// Number at most this.
    Max { value: i64 },
    /// Date not after today.
    NotFuture,
    /// Date not before today.
    NotPast,
    /// Date of birth giving an age of at least this many years today.
    MinAge { years: i32 },
    /// Date of birth giving an age of at most this many years today.
    MaxAge { years: i32 },
    /// Date strictly after the date in another field.
    After { field: String },
    /// Date strictly before the date in another field.
    Before { field: String },
    /// Personal ID consistent with a date-of-birth and/or sex field.
    IdMatches { dob: Option<String>, sex: Option<String> },
}

/// The names of the rules, as written in `"rule"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum RuleName {
    MinLength,
    MaxLength,
    PersonName,
    Digits,
    Min,
    Max,
    NotFuture,
    NotPast,
    MinAge,
    MaxAge,
    After,
    Before,
    IdMatches,
}

/// A rule as written in JSON: its name and whichever parameters it takes.
/// Unknown keys, and parameters a rule does not take, are refused.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawRule {
    pub rule: Option<RuleName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dob: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
}

impl TryFrom<RawRule> for Rule {
    type Error = String;

    fn try_from(r: RawRule) -> Result<Rule, String> {
        use RuleName as N;
        let name = r.rule.ok_or("a rule needs \"rule\"")?;
        let given = [
            ("value", r.value.is_some()),
            ("years", r.years.is_some()),
            ("field", r.field.is_some()),
            ("dob", r.dob.is_some()),
            ("sex", r.sex.is_some()),
        ];
        let takes: &[&str] = match name {
            N::MinLength | N::MaxLength | N::Min | N::Max => &["value"],
            N::MinAge | N::MaxAge => &["years"],
            N::After | N::Before => &["field"],
            N::IdMatches => &["dob", "sex"],
            N::PersonName | N::Digits | N::NotFuture | N::NotPast => &[],
        };
        if let Some((key, _)) = given.iter().find(|(k, set)| *set && !takes.contains(k)) {
            return Err(format!("rule {name:?} does not take `{key}`"));
        }
        let need = |v: Option<i64>| v.ok_or_else(|| format!("rule {name:?} needs `value`"));
        let count = |v: i64| usize::try_from(v).map_err(|_| format!("rule {name:?} needs a count, not {v}"));
        let years = || r.years.ok_or_else(|| format!("rule {name:?} needs `years`"));
        let field = || r.field.clone().ok_or_else(|| format!("rule {name:?} needs `field`"));
        Ok(match name {
            N::MinLength => Rule::MinLength { value: count(need(r.value)?)? },
            N::MaxLength => Rule::MaxLength { value: count(need(r.value)?)? },
            N::Min => Rule::Min { value: need(r.value)? },
            N::Max => Rule::Max { value: need(r.value)? },
            N::PersonName => Rule::PersonName,
            N::Digits => Rule::Digits,
            N::NotFuture => Rule::NotFuture,
            N::NotPast => Rule::NotPast,
            N::MinAge => Rule::MinAge { years: years()? },
            N::MaxAge => Rule::MaxAge { years: years()? },
            N::After => Rule::After { field: field()? },
            N::Before => Rule::Before { field: field()? },
            N::IdMatches => {
                if r.dob.is_none() && r.sex.is_none() {
                    return Err("rule IdMatches needs `dob` or `sex`".into());
                }
                Rule::IdMatches { dob: r.dob, sex: r.sex }
            }
        })
    }
}

impl From<Rule> for RawRule {
    fn from(rule: Rule) -> RawRule {
        use RuleName as N;
        let named = |name| RawRule { rule: Some(name), ..RawRule::default() };
        match rule {
            Rule::MinLength { value } => RawRule { value: Some(value as i64), ..named(N::MinLength) },
            Rule::MaxLength { value } => RawRule { value: Some(value as i64), ..named(N::MaxLength) },
            Rule::Min { value } => RawRule { value: Some(value), ..named(N::Min) },
            Rule::Max { value } => RawRule { value: Some(value), ..named(N::Max) },
            Rule::PersonName => named(N::PersonName),
            Rule::Digits => named(N::Digits),
            Rule::NotFuture => named(N::NotFuture),
            Rule::NotPast => named(N::NotPast),
            Rule::MinAge { years } => RawRule { years: Some(years), ..named(N::MinAge) },
            Rule::MaxAge { years } => RawRule { years: Some(years), ..named(N::MaxAge) },
            Rule::After { field } => RawRule { field: Some(field), ..named(N::After) },
            Rule::Before { field } => RawRule { field: Some(field), ..named(N::Before) },
            Rule::IdMatches { dob, sex } => RawRule { dob, sex, ..named(N::IdMatches) },
        }
    }
}

/// Where a field's answer comes from: a path in the identity claims (source
/// `population`, the default) or in a record of another national database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prefill {
    /// The database; `population` (the identity token) when absent.
    #[serde(default, skip_serializing_if = "is_population")]
    pub source: crate::sources::Source,
    /// Path in that source: `identity.full_name` in the identity claims,
    /// `plate` in a vehicle record (see [`crate::sources::Source::paths`]).
    pub claim: String,
    /// Whether the prefilled answer may be edited.
    #[serde(default)]
    pub lock: LockPolicy,
}

fn is_population(s: &crate::sources::Source) -> bool {
    *s == crate::sources::Source::Population
}

/// Registry-held answers are read-only; contact details may be stale and stay editable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LockPolicy {
    /// Read-only, with a way to report a wrong registry value.
    #[default]
    Locked,
    /// Prefilled but editable (phone, e-mail).
    Editable,
}

/// Why a definition failed to load.
#[derive(Debug)]
pub struct LoadError(pub String);

impl FormDef {
    /// Reads a definition from JSON. Unknown keys and kinds are errors.
    pub fn from_json(json: &str) -> Result<FormDef, LoadError> {
        serde_json::from_str(json).map_err(|e| LoadError(e.to_string()))
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// A top-level field (any section) with this id.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.sections.iter().flat_map(|s| s.fields.iter()).find(|f| f.id == id)
    }
}

impl Field {
    /// The choice with this value.
    pub fn choice(&self, value: &str) -> Option<&Choice> {
        self.options.iter().find(|c| c.value == value)
    }
}

pub use crate::catalog::CatalogEntry;

/// Reads `forms/catalog.json`.
pub fn parse_catalog(json: &str) -> Result<Vec<CatalogEntry>, LoadError> {
    serde_json::from_str(json).map_err(|e| LoadError(e.to_string()))
}
