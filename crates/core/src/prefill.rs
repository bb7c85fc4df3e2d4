//! Identity claims → answers: what the state already holds is filled in, with
//! its provenance, instead of being asked again (Chỉ thị 05/CT-TTg: at least
//! 20 % fewer declared fields). Also the coverage figures and the re-check of
//! locked answers against the verified token.

use crate::answers::{Answer, Answers};
use crate::identity::{Citizen, Person};
use crate::schema::{Field, FieldKind, FormDef, LockPolicy};
use crate::sources::{picked, records_of, Record, Source, SourceValue, Words};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Every claim path a form may name in `prefill.claim`. Paths to lists of
/// people (`…children`, `household.members`) are for groups, whose columns name
/// a [`PERSON_KEYS`] key.
pub const CLAIM_PATHS: &[&str] = &[
    "identity.full_name",
    "identity.other_names",
    "identity.personal_id",
    "identity.birth_date",
    "identity.sex",
    "identity.place_of_birth",
    "identity.birth_registration_place",
    "identity.home_town",
    "identity.ethnicity",
    "identity.religion",
    "identity.nationality",
    "identity.blood_group",
    "identity.old_id_number",
    "identity.id_issue_date",
    "identity.id_issue_place",
    "identity.id_expiry_date",
    "family.father.full_name",
    "family.father.personal_id",
    "family.father.birth_date",
    "family.father.nationality",
    "family.mother.full_name",
    "family.mother.personal_id",
    "family.mother.birth_date",
    "family.mother.nationality",
    "family.spouse.full_name",
    "family.spouse.personal_id",
    "family.spouse.birth_date",
    "family.spouse.nationality",
    "family.legal_representative.full_name",
    "family.legal_representative.personal_id",
    "family.children",
    "residence.permanent",
    "residence.temporary",
    "residence.current",
    "residence.file_number",
    "marital_status",
    "household.head_name",
    "household.head_id",
    "household.relationship",
    "household.members",
    "contact.phone",
    "contact.email",
];

/// Keys a group column may name to take a value from a person in a list.
pub const PERSON_KEYS: &[&str] = &["full_name", "personal_id", "birth_date", "sex", "nationality", "relationship"];

/// The row key marking a group row copied from the registry (its value is the person's ID or name).
pub const ROW_SOURCE_KEY: &str = "_nguon";

/// Where an answer came from, shown on check-your-answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Copied from the national population database.
    Registry,
    /// Copied from the registry, then changed by the citizen.
    Edited,
    /// Typed by the citizen.
    Typed,
}

/// The consent groups: what the citizen is told will be copied (headings:
/// [`crate::messages::claim_group`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClaimGroup {
    /// Name, birth, ID, ethnicity…
    Identity,
    /// Permanent, temporary and current residence.
    Residence,
    /// Parents, spouse, children, household.
    Family,
    /// Phone and e-mail.
    Contact,
}

impl ClaimGroup {
    /// The group a claim path belongs to.
    pub fn of(path: &str) -> ClaimGroup {
        match path.split('.').next().unwrap_or_default() {
            "identity" => ClaimGroup::Identity,
            "residence" => ClaimGroup::Residence,
            "contact" => ClaimGroup::Contact,
            _ => ClaimGroup::Family, // family, household, marital_status
        }
    }
}

/// A value held by the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimValue<'c> {
    /// A single value (text, date, option value).
    Text(String),
    /// An address.
    Address(crate::answers::Address),
    /// People (for groups).
    People(Vec<&'c Person>),
}

fn person_field(p: Option<&Person>, key: &str) -> Option<String> {
    let p = p?;
    match key {
        "full_name" => Some(p.full_name.clone()),
        "personal_id" => p.personal_id.clone(),
        "birth_date" => p.birth_date.clone(),
        "sex" => p.sex.clone(),
        "nationality" => p.nationality.clone(),
        "relationship" => p.relationship.clone(),
        _ => None,
    }
    .filter(|s| !s.trim().is_empty())
}

/// The value at `path` for this citizen, if the registry holds one.
pub fn claim<'c>(c: &'c Citizen, path: &str) -> Option<ClaimValue<'c>> {
    let i = &c.identity;
    let text = |s: &str| (!s.trim().is_empty()).then(|| ClaimValue::Text(s.to_string()));
    let opt =
        |s: &Option<String>| s.as_deref().and_then(|s| (!s.trim().is_empty()).then(|| ClaimValue::Text(s.into())));
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    match (head, rest) {
        ("identity", "full_name") => text(&i.full_name),
        ("identity", "other_names") => opt(&i.other_names),
        ("identity", "personal_id") => text(&i.personal_id),
        ("identity", "birth_date") => text(&i.birth_date),
        ("identity", "sex") => text(&i.sex),
        ("identity", "place_of_birth") => text(&i.place_of_birth),
        ("identity", "birth_registration_place") => text(&i.birth_registration_place),
        ("identity", "home_town") => text(&i.home_town),
        ("identity", "ethnicity") => text(&i.ethnicity),
        ("identity", "religion") => text(&i.religion),
        ("identity", "nationality") => text(&i.nationality),
        ("identity", "blood_group") => opt(&i.blood_group),
        ("identity", "old_id_number") => opt(&i.old_id_number),
        ("identity", "id_issue_date") => text(&i.id_issue_date),
        ("identity", "id_issue_place") => text(&i.id_issue_place),
        ("identity", "id_expiry_date") => opt(&i.id_expiry_date),
        ("family", "children") => {
            (!c.family.children.is_empty()).then(|| ClaimValue::People(c.family.children.iter().collect()))
        }
        ("family", rest) => {
            let (who, key) = rest.split_once('.')?;
            let p = match who {
                "father" => c.family.father.as_ref(),
                "mother" => c.family.mother.as_ref(),
                "spouse" => c.family.spouse.as_ref(),
                "legal_representative" => c.family.legal_representative.as_ref(),
                _ => None,
            };
            person_field(p, key).map(ClaimValue::Text)
        }
        ("residence", "permanent") => c.residence.permanent.clone().map(ClaimValue::Address),
        ("residence", "temporary") => c.residence.temporary.clone().map(ClaimValue::Address),
        ("residence", "current") => c.residence.current.clone().map(ClaimValue::Address),
        ("residence", "file_number") => opt(&c.residence.file_number),
        ("marital_status", "") => text(&c.marital_status),
        ("household", "head_name") => text(&c.household.head_name),
        ("household", "head_id") => text(&c.household.head_id),
        ("household", "relationship") => text(&c.household.relationship),
        ("household", "members") => {
            (!c.household.members.is_empty()).then(|| ClaimValue::People(c.household.members.iter().collect()))
        }
        ("contact", "phone") => opt(&c.contact.phone),
        ("contact", "email") => opt(&c.contact.email),
        _ => None,
    }
}

/// The answers the registry gives for a form, with provenance. Groups are not
/// filled here: the citizen picks which people to include ([`row_from_person`]).
pub fn prefill(form: &FormDef, c: &Citizen) -> (Answers, BTreeMap<String, Provenance>) {
    let mut answers = Answers::new();
    let mut provenance = BTreeMap::new();
    for field in form.sections.iter().flat_map(|s| s.fields.iter()) {
        let Some(p) = field.prefill.as_ref().filter(|p| p.source == Source::Population) else { continue };
        let answer = match claim(c, &p.claim) {
            Some(ClaimValue::Text(t)) if fits(field, &t) => Answer::Text(t),
            Some(ClaimValue::Address(a)) if field.kind == FieldKind::Address => Answer::Address(a),
            _ => continue,
        };
        answers.insert(field.id.clone(), answer);
        provenance.insert(field.id.clone(), Provenance::Registry);
    }
    (answers, provenance)
}

/// A registry value fits a field if a choice field offers it (and a date field
/// reads it as a date).
fn fits(field: &Field, value: &str) -> bool {
    match field.kind {
        FieldKind::Select | FieldKind::Radio => field.choice(value).is_some(),
        FieldKind::Address | FieldKind::Group | FieldKind::File | FieldKind::Checkbox => false,
        FieldKind::Date => crate::date::Date::parse(value).is_some(),
        FieldKind::Number => value.trim().parse::<i64>().is_ok(),
        _ => true,
    }
}

/// The people a group can be filled from.
pub fn people_for<'c>(group: &Field, c: &'c Citizen) -> Vec<&'c Person> {
    match group.prefill.as_ref().and_then(|p| claim(c, &p.claim)) {
        Some(ClaimValue::People(people)) => people,
        _ => vec![],
    }
}

/// A group row filled from a person, marked with [`ROW_SOURCE_KEY`].
pub fn row_from_person(group: &Field, person: &Person) -> Answers {
    let mut row = Answers::new();
    for col in &group.fields {
        let Some(key) = col.prefill.as_ref().map(|p| p.claim.as_str()) else { continue };
        if let Some(v) = person_field(Some(person), key).filter(|v| fits(col, v)) {
            row.insert(col.id.clone(), Answer::Text(v));
        }
    }
    let source = person.personal_id.clone().unwrap_or_else(|| person.full_name.clone());
    row.insert(ROW_SOURCE_KEY.into(), Answer::Text(source));
    row
}

/// Whether a row was copied from the registry.
pub fn row_is_registry(row: &Answers) -> bool {
    row.contains_key(ROW_SOURCE_KEY)
}

/// Whether a field's answer is read-only: it is locked and came from the registry.
pub fn is_locked(field: &Field, provenance: Option<Provenance>) -> bool {
    field.prefill.as_ref().is_some_and(|p| p.lock == LockPolicy::Locked) && provenance == Some(Provenance::Registry)
}

/// Fields a citizen declares on the paper template: every question except
/// attachments and the declaration; a group counts its columns once (one row).
pub fn declared_fields(form: &FormDef) -> Vec<&Field> {
    form.sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .flat_map(|f| if f.kind == FieldKind::Group { f.fields.iter().collect::<Vec<_>>() } else { vec![f] })
        .filter(|f| !matches!(f.kind, FieldKind::File | FieldKind::Declaration))
        .collect()
}

/// Whether a `show_if` reads an answer the state gave (in `filled`) and does
/// not hold: what it guards is never shown to this citizen.
fn ruled_out(cond: &Option<crate::schema::Condition>, filled: &Answers) -> bool {
    let scope = crate::journey::Scope { form: filled, row: None };
    cond.as_ref().is_some_and(|c| filled.contains_key(&c.field) && !crate::journey::condition_holds(c, &scope))
}

/// The top-level fields not ruled out by the state's answers.
fn asked_top<'f>(form: &'f FormDef, filled: &'f Answers) -> impl Iterator<Item = &'f Field> {
    form.sections
        .iter()
        .filter(|s| !ruled_out(&s.show_if, filled))
        .flat_map(|s| s.fields.iter())
        .filter(|f| !ruled_out(&f.show_if, filled))
        .filter(|f| !matches!(f.kind, FieldKind::File | FieldKind::Declaration))
}

/// The declared fields a citizen is actually asked once the state's answers
/// are in (`filled`): a field, or a whole section, whose `show_if` reads an
/// answer in `filled` and does not hold is never shown to them (a married
/// citizen is not asked for divorce papers). A condition on an answer the
/// citizen still gives counts the field as asked. Same kinds as
/// [`declared_fields`].
pub fn asked_fields<'f>(form: &'f FormDef, filled: &'f Answers) -> Vec<&'f Field> {
    asked_top(form, filled)
        .flat_map(|f| if f.kind == FieldKind::Group { f.fields.iter().collect::<Vec<_>>() } else { vec![f] })
        .filter(|f| !matches!(f.kind, FieldKind::File | FieldKind::Declaration))
        .collect()
}

/// Asked and prefilled counts over [`asked_fields`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Asked {
    /// Fields the citizen is shown.
    pub fields: usize,
    /// Of those, filled by the state.
    pub filled: usize,
}

impl Asked {
    /// Of `form`, with `filled` the state's answers (a group's columns count
    /// when the population database lists people for it, as in [`coverage`]).
    pub fn of(form: &FormDef, c: &Citizen, filled: &Answers) -> Asked {
        let prefilled = asked_top(form, filled)
            .map(|f| match f.kind {
                FieldKind::Group => people_for(f, c).first().map_or(0, |p| row_from_person(f, p).len() - 1),
                _ => usize::from(filled.contains_key(&f.id)),
            })
            .sum();
        Asked { fields: asked_fields(form, filled).len(), filled: prefilled }
    }

    /// Whole percent filled (rounded down).
    pub fn percent(self) -> usize {
        (self.filled * 100).checked_div(self.fields).unwrap_or(0)
    }
}

/// Declared and prefilled counts for one citizen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// Fields on the template.
    pub declared: usize,
    /// Of those, filled from the registry for this citizen.
    pub prefilled: usize,
}

impl Coverage {
    /// Whole percent saved (rounded down).
    pub fn percent(self) -> usize {
        (self.prefilled * 100).checked_div(self.declared).unwrap_or(0)
    }
}

/// How much of `form` the registry fills for `c` (a group's columns count when
/// the citizen has at least one person to pick).
pub fn coverage(form: &FormDef, c: &Citizen) -> Coverage {
    let (answers, _) = prefill(form, c);
    let mut prefilled = answers.len();
    for group in form.sections.iter().flat_map(|s| s.fields.iter()).filter(|f| f.kind == FieldKind::Group) {
        if let Some(first) = people_for(group, c).first() {
            prefilled += row_from_person(group, first).len() - 1; // minus the source marker
        }
    }
    Coverage { declared: declared_fields(form).len(), prefilled }
}

/// Locked answers that differ from the verified token: at submission the page
/// is not trusted, the registry is. Returns the field ids to restore. Only
/// fields of the population source are checked; [`recheck_locked_with`] also
/// checks the other sources against their verified records.
pub fn recheck_locked(
    form: &FormDef,
    answers: &Answers,
    provenance: &BTreeMap<String, Provenance>,
    c: &Citizen,
) -> Vec<String> {
    let (registry, _) = prefill(form, c);
    form.sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter(|f| f.prefill.as_ref().is_some_and(|p| p.source == Source::Population))
        .filter(|f| is_locked(f, provenance.get(&f.id).copied()))
        .filter(|f| answers.get(&f.id) != registry.get(&f.id))
        .map(|f| f.id.clone())
        .collect()
}

/// The fields of `form` copied from the population database and locked.
pub fn locked_fields(form: &FormDef, provenance: &BTreeMap<String, Provenance>) -> Vec<String> {
    form.sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter(|f| f.prefill.as_ref().is_some_and(|p| p.source == Source::Population))
        .filter(|f| is_locked(f, provenance.get(&f.id).copied()))
        .map(|f| f.id.clone())
        .collect()
}

/// What a portal server checks: of the fields a submission says were copied
/// from the population database and locked (`locked`), those whose answer is
/// not what the verified token holds. Ids that are not locked population
/// fields of `form` are ignored (the page cannot widen the check's meaning).
pub fn locked_mismatches(form: &FormDef, answers: &Answers, locked: &[String], c: &Citizen) -> Vec<String> {
    let (registry, _) = prefill(form, c);
    form.sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter(|f| locked.contains(&f.id))
        .filter(|f| f.prefill.as_ref().is_some_and(|p| p.source == Source::Population && p.lock == LockPolicy::Locked))
        .filter(|f| answers.get(&f.id) != registry.get(&f.id))
        .map(|f| f.id.clone())
        .collect()
}

/// A request to correct the registry, attached to the dossier: the citizen
/// says a locked value is wrong. The registry itself is corrected by the
/// residence registration office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionRequest {
    /// Field id.
    pub field: String,
    /// What the registry holds (as displayed).
    pub registry_value: String,
    /// What the citizen says is right.
    pub claimed_value: String,
    /// Optional explanation.
    pub note: String,
    /// The database that holds the value, whose keeping agency corrects it
    /// (population when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// The fields of a form that would be copied, grouped for the consent page.
pub fn consent_groups(form: &FormDef) -> BTreeMap<ClaimGroup, Vec<&Field>> {
    let mut out: BTreeMap<ClaimGroup, Vec<&Field>> = BTreeMap::new();
    for f in form.sections.iter().flat_map(|s| s.fields.iter()) {
        if let Some(p) = f.prefill.as_ref().filter(|p| p.source == Source::Population) {
            out.entry(ClaimGroup::of(&p.claim)).or_default().push(f);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The other national databases (issue 17): insurance, civil status, business,
// vehicles, land, driving licences, tax, education, immigration.

/// What the other sources give for one filling: the verified records of the
/// citizen, the sources they agreed to share (population included: without
/// it, the identity fields stay empty too), and the record picked per source
/// where they hold several (by [`Record::id`]; absent: the only one).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceData {
    /// Verified records (any owner: only the citizen's own are used).
    #[serde(default)]
    pub records: Vec<Record>,
    /// Sources the citizen consented to.
    #[serde(default)]
    pub consented: BTreeSet<Source>,
    /// Record id picked per multi-record source.
    #[serde(default)]
    pub picks: BTreeMap<Source, String>,
}

impl SourceData {
    /// Every source consented, nothing picked (the only record of each source is used).
    pub fn consent_all(records: Vec<Record>) -> SourceData {
        SourceData { records, consented: Source::ALL.into_iter().collect(), picks: BTreeMap::new() }
    }

    /// Only the population database: what [`prefill`] gives.
    pub fn population_only() -> SourceData {
        SourceData { consented: [Source::Population].into(), ..SourceData::default() }
    }
}

/// Prefilled answers with where each came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefilled {
    /// Field id → answer.
    pub answers: Answers,
    /// Field id → [`Provenance::Registry`] for every prefilled answer.
    pub provenance: BTreeMap<String, Provenance>,
    /// Field id → the database it came from.
    pub sources: BTreeMap<String, Source>,
}

/// The value a field's prefill rule gives for this citizen and these records
/// (ignoring consent), if any and if it fits the field.
fn source_answer(field: &Field, c: &Citizen, data: &SourceData) -> Option<(Source, Answer)> {
    let p = field.prefill.as_ref()?;
    if field.kind == FieldKind::Group {
        return None;
    }
    let value = match p.source {
        Source::Population => match claim(c, &p.claim)? {
            ClaimValue::Text(t) => SourceValue::Text(t),
            ClaimValue::Address(a) => SourceValue::Address(a),
            ClaimValue::People(_) => return None,
        },
        s => picked(&data.records, s, &c.identity.personal_id, &data.picks)?.value(&p.claim)?,
    };
    let answer = match value {
        SourceValue::Text(t) if fits(field, &t) => Answer::Text(t),
        SourceValue::Address(a) if field.kind == FieldKind::Address => Answer::Address(a),
        _ => return None,
    };
    Some((p.source, answer))
}

/// The answers every consented source gives for a form: population claims
/// from the token, the other sources from the picked record of each (fields
/// of one source fill from one record together). Fields of a source not
/// consented, or with several records and none picked, stay empty. Groups are
/// not filled here (see [`people_for`]). With [`SourceData::population_only`]
/// this is exactly [`prefill`].
pub fn prefill_with(form: &FormDef, c: &Citizen, data: &SourceData) -> Prefilled {
    let mut out = Prefilled::default();
    for field in form.sections.iter().flat_map(|s| s.fields.iter()) {
        let Some(source) = field.prefill.as_ref().map(|p| p.source) else { continue };
        if !data.consented.contains(&source) {
            continue;
        }
        if let Some((source, answer)) = source_answer(field, c, data) {
            out.answers.insert(field.id.clone(), answer);
            out.provenance.insert(field.id.clone(), Provenance::Registry);
            out.sources.insert(field.id.clone(), source);
        }
    }
    out
}

/// The sources a form's prefill rules name (population included when used).
pub fn form_sources(form: &FormDef) -> BTreeSet<Source> {
    form.sections.iter().flat_map(|s| s.fields.iter()).filter_map(|f| f.prefill.as_ref().map(|p| p.source)).collect()
}

/// The fields each source other than population would fill, for the consent
/// page (population keeps [`consent_groups`]). What each gives is listed by
/// [`Source::paths`]; the paths this form uses are the fields' `prefill.claim`.
pub fn consent_sources(form: &FormDef) -> BTreeMap<Source, Vec<&Field>> {
    let mut out: BTreeMap<Source, Vec<&Field>> = BTreeMap::new();
    for f in form.sections.iter().flat_map(|s| s.fields.iter()) {
        if let Some(p) = f.prefill.as_ref().filter(|p| p.source != Source::Population) {
            out.entry(p.source).or_default().push(f);
        }
    }
    out
}

/// The pickers a form needs for this citizen: each multi-record source the
/// form uses where the citizen has more than one record, with those records.
pub fn pickers<'r>(form: &FormDef, c: &Citizen, records: &'r [Record]) -> Vec<(Source, Vec<&'r Record>)> {
    form_sources(form)
        .into_iter()
        .filter(|s| s.multiple())
        .map(|s| (s, records_of(records, s, &c.identity.personal_id)))
        .filter(|(_, rs)| rs.len() > 1)
        .collect()
}

/// The agency that keeps a prefilled field's value: a correction request for
/// it goes there (population: the commune police).
pub fn keeping_agency(field: &Field) -> Words {
    field.prefill.as_ref().map(|p| p.source).unwrap_or_default().agency()
}

/// Locked answers that differ from what the sources hold (the token and the
/// verified records, with the same consent and picks): the field ids to restore.
pub fn recheck_locked_with(
    form: &FormDef,
    answers: &Answers,
    provenance: &BTreeMap<String, Provenance>,
    c: &Citizen,
    data: &SourceData,
) -> Vec<String> {
    let registry = prefill_with(form, c, data).answers;
    form.sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter(|f| is_locked(f, provenance.get(&f.id).copied()))
        .filter(|f| answers.get(&f.id) != registry.get(&f.id))
        .map(|f| f.id.clone())
        .collect()
}

/// Coverage of a form from the population database and the other sources.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceCoverage {
    /// Fields on the template ([`declared_fields`]).
    pub declared: usize,
    /// Filled from the population database alone ([`coverage`]).
    pub before: usize,
    /// Filled from every source, the best record picked per source.
    pub after: usize,
    /// Of `after`, how many per source (population counts its group columns).
    pub by_source: BTreeMap<Source, usize>,
    /// The record picked per multi-record source to reach `after`.
    pub picks: BTreeMap<Source, String>,
    /// Over the fields shown given the population database's answers alone.
    pub asked_before: Asked,
    /// Over the fields shown given every source's answers.
    pub asked_after: Asked,
}

impl SourceCoverage {
    /// Whole percent before (rounded down).
    pub fn percent_before(&self) -> usize {
        (self.before * 100).checked_div(self.declared).unwrap_or(0)
    }
    /// Whole percent after (rounded down).
    pub fn percent_after(&self) -> usize {
        (self.after * 100).checked_div(self.declared).unwrap_or(0)
    }
}

/// How much of `form` the population database and `records` fill for `c`,
/// every source consented; where the citizen has several records of a source,
/// the one filling most fields of this form is counted.
pub fn coverage_with(form: &FormDef, c: &Citizen, records: &[Record]) -> SourceCoverage {
    let mut data = SourceData::consent_all(records.to_vec());
    for source in form_sources(form).into_iter().filter(|s| *s != Source::Population) {
        let mine = records_of(records, source, &c.identity.personal_id);
        let count = |id: &str| {
            let mut d = SourceData { picks: [(source, id.to_string())].into(), ..data.clone() };
            d.consented = [source].into();
            prefill_with(form, c, &d).answers.len()
        };
        if let Some(best) = mine.iter().max_by_key(|r| (count(&r.id), std::cmp::Reverse(r.id.clone()))) {
            data.picks.insert(source, best.id.clone());
        }
    }
    let filled = prefill_with(form, c, &data);
    let mut by_source: BTreeMap<Source, usize> = BTreeMap::new();
    for s in filled.sources.values() {
        *by_source.entry(*s).or_default() += 1;
    }
    let before = coverage(form, c);
    let groups = before.prefilled - prefill(form, c).0.len();
    if groups > 0 {
        *by_source.entry(Source::Population).or_default() += groups;
    }
    SourceCoverage {
        declared: before.declared,
        before: before.prefilled,
        after: filled.answers.len() + groups,
        by_source,
        picks: data.picks,
        asked_before: Asked::of(form, c, &prefill(form, c).0),
        asked_after: Asked::of(form, c, &filled.answers),
    }
}
