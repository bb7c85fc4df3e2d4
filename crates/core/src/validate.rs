//! Field and cross-field validation. Returns error *keys*; [`crate::messages`]
//! turns them into sentences.

use crate::answers::{Answer, Answers};
use crate::date::Date;
use crate::journey::{condition_holds, visible_sections, Scope};
use crate::path::FieldPath;
use crate::rules::{self, IdProblem, Sex};
use crate::schema::{Field, FieldKind, FormDef, Rule, Section};
use serde::Serialize;

/// Longest one-line text when the form sets no `max_length`.
pub const DEFAULT_TEXT_MAX: usize = 200;
/// Longest long text when the form sets no `max_length`.
pub const DEFAULT_LONG_TEXT_MAX: usize = 2000;

/// Why an answer is not accepted. Serialised as `{"key": "too_long", "max": 200}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "key", rename_all = "snake_case")]
pub enum ErrorKey {
    /// Required and empty.
    Required,
    /// A declaration that must be ticked.
    DeclarationRequired,
    /// Shorter than `min` characters.
    TooShort { min: usize },
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Not a person's name.
    InvalidName,
    /// Not digits only.
    NotDigits,
    /// Not 12 digits.
    InvalidPersonalId,
    /// First three digits are no birth-registration province code.
    UnknownIdProvince,
    /// 4th digit does not fit the birth century.
    IdCenturyMismatch,
    /// 4th digit does not fit the sex.
    IdSexMismatch,
    /// Digits 5–6 differ from the birth year.
    IdBirthYearMismatch,
    /// Digits 4–6 give a year of birth after this year.
    IdFutureBirthYear { year: i32 },
    /// Not a Vietnamese mobile number.
    InvalidPhone,
    /// Not an e-mail address.
    InvalidEmail,
    /// Not a real `dd/mm/yyyy` date.
    InvalidDate,
    /// After today where that makes no sense.
    FutureDate,
    /// Before today where that makes no sense.
    PastDate,
    /// Younger than `years`.
    TooYoung { years: i32 },
    /// Older than `years`.
    TooOld { years: i32 },
    /// Must be after the date in field `other`.
    MustBeAfter { other: String },
    /// Must be before the date in field `other`.
    MustBeBefore { other: String },
    /// Not a whole number (decimals are refused, not truncated).
    NotANumber,
    /// Below `min`.
    BelowMin { min: i64 },
    /// Above `max`.
    AboveMax { max: i64 },
    /// Not one of the choices.
    InvalidOption,
    /// Fewer rows than `min`.
    TooFewRows { min: u32 },
    /// More rows than `max`.
    TooManyRows { max: u32 },
    /// File type not accepted.
    FileType,
    /// File larger than `max_bytes`.
    FileTooLarge { max_bytes: u64 },
    /// More files than `max`.
    TooManyFiles { max: u32 },
    /// Address without a province.
    AddressProvince,
    /// Address without a ward or commune.
    AddressWard,
    /// Address without street and house number.
    AddressStreet,
    /// A linked birth filing for a child who is not under 6 (the group is for children under 6).
    LinkedChildTooOld,
    /// A part of a linked filing chosen where it does not apply (`part`: its key).
    LinkedPartNotApplicable { part: String },
    /// Two parts of a linked filing that exclude each other.
    LinkedPartsExclusive { part: String, other: String },
}

impl ErrorKey {
    /// The stable key, e.g. `invalid_personal_id` (the same as the serialised `key`).
    pub fn code(&self) -> &'static str {
        use ErrorKey::*;
        match self {
            Required => "required",
            DeclarationRequired => "declaration_required",
            TooShort { .. } => "too_short",
            TooLong { .. } => "too_long",
            InvalidName => "invalid_name",
            NotDigits => "not_digits",
            InvalidPersonalId => "invalid_personal_id",
            UnknownIdProvince => "unknown_id_province",
            IdCenturyMismatch => "id_century_mismatch",
            IdSexMismatch => "id_sex_mismatch",
            IdBirthYearMismatch => "id_birth_year_mismatch",
            IdFutureBirthYear { .. } => "id_future_birth_year",
            InvalidPhone => "invalid_phone",
            InvalidEmail => "invalid_email",
            InvalidDate => "invalid_date",
            FutureDate => "future_date",
            PastDate => "past_date",
            TooYoung { .. } => "too_young",
            TooOld { .. } => "too_old",
            MustBeAfter { .. } => "must_be_after",
            MustBeBefore { .. } => "must_be_before",
            NotANumber => "not_a_number",
            BelowMin { .. } => "below_min",
            AboveMax { .. } => "above_max",
            InvalidOption => "invalid_option",
            TooFewRows { .. } => "too_few_rows",
            TooManyRows { .. } => "too_many_rows",
            FileType => "file_type",
            FileTooLarge { .. } => "file_too_large",
            TooManyFiles { .. } => "too_many_files",
            AddressProvince => "address_province",
            AddressWard => "address_ward",
            AddressStreet => "address_street",
            LinkedChildTooOld => "linked_child_too_old",
            LinkedPartNotApplicable { .. } => "linked_part_not_applicable",
            LinkedPartsExclusive { .. } => "linked_parts_exclusive",
        }
    }
}

/// One error, at a path: `phone`, `address.ward`, `members.1.full_name`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Where the error is; also names the input to focus ([`FieldPath::input_id`]).
    pub path: FieldPath,
    /// What is wrong.
    pub error: ErrorKey,
}

pub use crate::path::input_id;

/// Tidies an answer the way it is stored: trimmed text, normalised phone,
/// ID without separators, date with leading zeros. Invalid input is kept as typed.
pub fn normalize(kind: FieldKind, input: &str) -> String {
    match kind {
        FieldKind::Phone => rules::normalize_phone(input).unwrap_or_else(|| input.trim().to_string()),
        FieldKind::PersonalId => rules::strip_separators(input.trim()),
        FieldKind::Date => Date::parse(input).map(|d| d.to_string()).unwrap_or_else(|| input.trim().to_string()),
        FieldKind::Number => {
            rules::parse_whole_number(input).map_or_else(|| input.trim().to_string(), |n| n.to_string())
        }
        FieldKind::Text | FieldKind::Email => rules::tidy_spaces(input),
        FieldKind::LongText => input.trim().to_string(),
        _ => input.to_string(),
    }
}

/// Errors of every shown field of `section`.
pub fn validate_section(section: &Section, answers: &Answers, today: Date) -> Vec<FieldError> {
    let scope = Scope { form: answers, row: None };
    let mut out = Vec::new();
    for field in &section.fields {
        validate_field(field, &scope, today, &FieldPath::field(&field.id), &mut out);
    }
    out
}

/// Errors of every applicable section of the form, in page order.
pub fn validate_form(form: &FormDef, answers: &Answers, today: Date) -> Vec<FieldError> {
    let mut out: Vec<FieldError> =
        visible_sections(form, answers).into_iter().flat_map(|s| validate_section(s, answers, today)).collect();
    out.extend(crate::linked::choice_errors(form, answers, today));
    out
}

/// [`validate_section`] and what the form checks as a whole that lands on
/// this section's fields (a linked form's choice of parts, the child's age).
pub fn validate_section_in(form: &FormDef, section: &Section, answers: &Answers, today: Date) -> Vec<FieldError> {
    let mut out = validate_section(section, answers, today);
    let here = |e: &FieldError| section.fields.iter().any(|f| e.path.within(&f.id));
    out.extend(crate::linked::choice_errors(form, answers, today).into_iter().filter(here));
    out
}

/// Validates one field (skipped when hidden), pushing errors at `path`.
pub fn validate_field(field: &Field, scope: &Scope, today: Date, path: &FieldPath, out: &mut Vec<FieldError>) {
    if !field.show_if.as_ref().is_none_or(|c| condition_holds(c, scope)) {
        return;
    }
    let mut push = |p: FieldPath, error: ErrorKey| out.push(FieldError { path: p, error });
    let answer = scope.get(&field.id).filter(|a| !a.is_empty());
    let Some(answer) = answer else {
        if field.kind == FieldKind::Group {
            if let Some(min) = field.min_rows.filter(|m| *m > 0) {
                push(path.clone(), ErrorKey::TooFewRows { min });
            } else if field.required {
                push(path.clone(), ErrorKey::TooFewRows { min: 1 });
            }
        } else if field.required {
            match field.kind {
                FieldKind::Declaration => push(path.clone(), ErrorKey::DeclarationRequired),
                FieldKind::Address => push(path.part("province"), ErrorKey::AddressProvince),
                _ => push(path.clone(), ErrorKey::Required),
            }
        }
        return;
    };
    match (field.kind, answer) {
        (FieldKind::Group, Answer::Rows(rows)) => {
            if let Some(min) = field.min_rows.filter(|m| rows.len() < *m as usize) {
                push(path.clone(), ErrorKey::TooFewRows { min });
            }
            if let Some(max) = field.max_rows.filter(|m| rows.len() > *m as usize) {
                push(path.clone(), ErrorKey::TooManyRows { max });
            }
            for (i, row) in rows.iter().enumerate() {
                let row_scope = Scope { form: scope.form, row: Some(row) };
                for col in &field.fields {
                    validate_field(col, &row_scope, today, &path.cell(i, &col.id), out);
                }
            }
        }
        (FieldKind::Address, Answer::Address(a)) => {
            if a.province.is_empty() {
                push(path.part("province"), ErrorKey::AddressProvince);
            } else if a.ward.is_empty() {
                push(path.part("ward"), ErrorKey::AddressWard);
            } else if a.street.trim().is_empty() {
                push(path.part("street"), ErrorKey::AddressStreet);
            } else if a.street.chars().count() > DEFAULT_TEXT_MAX {
                push(path.part("street"), ErrorKey::TooLong { max: DEFAULT_TEXT_MAX });
            }
        }
        (FieldKind::File, Answer::Files(files)) => {
            let max = field.max_files.unwrap_or(1);
            if files.len() > max as usize {
                push(path.clone(), ErrorKey::TooManyFiles { max });
            } else if files.iter().any(|f| f.stored.is_some() && field.reuse.is_empty()) {
                // A stored result only where the form accepts one.
                push(path.clone(), ErrorKey::InvalidOption);
            } else if let Some(e) =
                files.iter().filter(|f| f.stored.is_none()).find_map(|f| file_problem(field, &f.mime, f.size))
            {
                push(path.clone(), e);
            }
        }
        (FieldKind::Checkbox, Answer::Many(values)) => {
            if values.iter().any(|v| field.choice(v).is_none()) {
                push(path.clone(), ErrorKey::InvalidOption);
            }
        }
        (_, Answer::Text(text)) => {
            if let Some(e) = check_text(field, text, scope, today) {
                push(path.clone(), e);
            }
        }
        _ => push(path.clone(), ErrorKey::InvalidOption),
    }
}

/// Why a file of this type and size is refused by `field`, if it is.
pub fn file_problem(field: &Field, mime: &str, size: u64) -> Option<ErrorKey> {
    if !field.accept.is_empty() && !field.accept.iter().any(|a| a == mime) {
        return Some(ErrorKey::FileType);
    }
    match field.max_bytes {
        Some(max) if size > max => Some(ErrorKey::FileTooLarge { max_bytes: max }),
        _ => None,
    }
}

fn date_in(scope: &Scope, id: &str) -> Option<Date> {
    scope.get(id).and_then(|a| Date::parse(a.text()))
}

fn check_text(field: &Field, raw: &str, scope: &Scope, today: Date) -> Option<ErrorKey> {
    let text = raw.trim();
    match field.kind {
        FieldKind::Text | FieldKind::LongText => {
            let default_max = if field.kind == FieldKind::Text { DEFAULT_TEXT_MAX } else { DEFAULT_LONG_TEXT_MAX };
            let n = text.chars().count();
            let max = field.rules.iter().find_map(|r| match r {
                Rule::MaxLength { value } => Some(*value),
                _ => None,
            });
            if let Some(max) = Some(max.unwrap_or(default_max)).filter(|m| n > *m) {
                return Some(ErrorKey::TooLong { max });
            }
            for rule in &field.rules {
                match rule {
                    Rule::MinLength { value } if n < *value => return Some(ErrorKey::TooShort { min: *value }),
                    Rule::PersonName if !rules::is_valid_person_name(text) => return Some(ErrorKey::InvalidName),
                    Rule::Digits if !text.chars().filter(|c| *c != ' ').all(|c| c.is_ascii_digit()) => {
                        return Some(ErrorKey::NotDigits)
                    }
                    _ => {}
                }
            }
            None
        }
        FieldKind::Number => {
            let Some(n) = rules::parse_whole_number(text) else { return Some(ErrorKey::NotANumber) };
            field.rules.iter().find_map(|r| match r {
                Rule::Min { value } if n < *value => Some(ErrorKey::BelowMin { min: *value }),
                Rule::Max { value } if n > *value => Some(ErrorKey::AboveMax { max: *value }),
                _ => None,
            })
        }
        FieldKind::Date => {
            let Some(d) = Date::parse(text) else { return Some(ErrorKey::InvalidDate) };
            field.rules.iter().find_map(|r| match r {
                Rule::NotFuture if d > today => Some(ErrorKey::FutureDate),
                Rule::NotPast if d < today => Some(ErrorKey::PastDate),
                Rule::MinAge { years } if d.age_on(today) < *years => Some(ErrorKey::TooYoung { years: *years }),
                Rule::MaxAge { years } if d.age_on(today) > *years => Some(ErrorKey::TooOld { years: *years }),
                Rule::After { field: other } if date_in(scope, other).is_some_and(|o| d <= o) => {
                    Some(ErrorKey::MustBeAfter { other: other.clone() })
                }
                Rule::Before { field: other } if date_in(scope, other).is_some_and(|o| d >= o) => {
                    Some(ErrorKey::MustBeBefore { other: other.clone() })
                }
                _ => None,
            })
        }
        FieldKind::Select | FieldKind::Radio => field.choice(text).is_none().then_some(ErrorKey::InvalidOption),
        FieldKind::YesNo => (!matches!(text, "yes" | "no")).then_some(ErrorKey::InvalidOption),
        FieldKind::Declaration => (text != "yes").then_some(ErrorKey::DeclarationRequired),
        FieldKind::Phone => rules::normalize_phone(text).is_none().then_some(ErrorKey::InvalidPhone),
        FieldKind::Email => (!rules::is_valid_email(text)).then_some(ErrorKey::InvalidEmail),
        FieldKind::PersonalId => {
            let id = rules::strip_separators(text);
            let (mut dob, mut sex) = (None, None);
            for rule in &field.rules {
                if let Rule::IdMatches { dob: d, sex: s } = rule {
                    dob = d.as_deref().and_then(|id| date_in(scope, id));
                    sex = s.as_deref().and_then(|id| scope.get(id)).and_then(|a| Sex::from_value(a.text()));
                }
            }
            rules::check_personal_id(&id, dob, sex, today).err().map(|p| match p {
                IdProblem::Format => ErrorKey::InvalidPersonalId,
                IdProblem::Province => ErrorKey::UnknownIdProvince,
                IdProblem::Century => ErrorKey::IdCenturyMismatch,
                IdProblem::SexDigit => ErrorKey::IdSexMismatch,
                IdProblem::BirthYear => ErrorKey::IdBirthYearMismatch,
                IdProblem::FutureBirthYear(year) => ErrorKey::IdFutureBirthYear { year },
            })
        }
        FieldKind::Checkbox | FieldKind::Address | FieldKind::Group | FieldKind::File => Some(ErrorKey::InvalidOption),
    }
}
