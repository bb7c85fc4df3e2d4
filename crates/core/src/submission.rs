//! What a citizen sends: the submission built from the catalogue entry, the
//! form and the answers; its idempotency key; and the document question any
//! supplement answer may carry.

use crate::answers::{Answer, Answers};
use crate::catalog::{CatalogEntry, Level};
use crate::date::Date;
use crate::drafts::Filling;
use crate::identity::{Citizen, TokenClaims};
use crate::journey::{field_shown, visible_sections, Scope};
use crate::messages::tracking::{both, T};
use crate::notify::Prefs;
use crate::prefill::{prefill_with, recheck_locked_with};
use crate::schema::{Field, FieldKind, FormDef, Text};
use crate::sources::Source;
use crate::validate::validate_form;
use serde::{Deserialize, Serialize};

/// FNV-1a, 64 bits: a stable fingerprint (not a secret).
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

fn feed(out: &mut Vec<u8>, answers: &Answers) {
    for (k, v) in answers {
        out.extend_from_slice(k.as_bytes());
        out.push(0);
        match v {
            Answer::Text(s) => out.extend_from_slice(s.trim().as_bytes()),
            Answer::Many(v) => v.iter().for_each(|s| out.extend_from_slice(s.as_bytes())),
            Answer::Address(a) => {
                [&a.province, &a.ward, &a.street].iter().for_each(|s| out.extend_from_slice(s.as_bytes()))
            }
            Answer::Rows(rows) => rows.iter().for_each(|r| feed(out, r)),
            // Name and size: another file under the same name is another submission.
            Answer::Files(f) => {
                f.iter().for_each(|f| out.extend_from_slice(format!("{}\0{}", f.name, f.size).as_bytes()))
            }
        }
        out.push(1);
    }
}

/// The idempotency key of a submission: the same person sending the same
/// answers for the same service gets the same key, so a double tap, a reload
/// or a second tab finds the dossier already made instead of making another.
pub fn submission_key(owner: &str, form: &str, answers: &Answers) -> String {
    let mut bytes = format!("{owner}\0{form}\0").into_bytes();
    feed(&mut bytes, answers);
    format!("{:016x}", fnv(&bytes))
}

/// What the citizen sends.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// Idempotency key ([`submission_key`]).
    pub key: String,
    /// Service (form) id.
    pub form: String,
    /// Service name.
    pub service: Text,
    /// Agency that decides.
    pub agency: Text,
    /// `xa`, `tinh` or `bo`.
    pub level: Level,
    /// Applicant: the personal ID of the verified token's subject.
    pub owner: String,
    /// Province code of the applicant's residence (receiving unit).
    pub province: u8,
    /// Processing time in working days.
    pub processing_days: u32,
    /// Fee before the online discount, if any.
    pub fee_vnd: Option<u64>,
    /// Fee when filed online, if different.
    pub online_fee_vnd: Option<u64>,
    /// The answers.
    pub answers: Answers,
    /// Documents the form lists that were not attached (field id, label).
    pub missing: Vec<(String, Text)>,
    /// Registry values the citizen asked to correct.
    pub corrections: usize,
    /// Community team that helped, in an assisted session.
    pub helper: Option<String>,
    /// How to reach the applicant, used when they have not chosen yet.
    pub prefs: Prefs,
    /// The fields copied from the population database and locked, as the page
    /// says: a portal server checks each against the identity token
    /// ([`crate::prefill::locked_mismatches`]) and refuses a changed one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locked: Vec<String>,
}

/// The documents `form` lists that apply to these answers but were not
/// attached (field id, label): the agency asks for them. A portal server
/// computes them again from its own copy of the form.
pub fn missing_documents(form: &FormDef, answers: &Answers) -> Vec<(String, Text)> {
    let scope = Scope { form: answers, row: None };
    visible_sections(form, answers)
        .into_iter()
        .flat_map(|s| s.fields.iter())
        .filter(|f| {
            f.kind == FieldKind::File && field_shown(f, &scope) && answers.get(&f.id).is_none_or(Answer::is_empty)
        })
        .map(|f| (f.id.clone(), f.label.clone()))
        .collect()
}

/// The submission of `answers` to `form` by `owner`, with the service's
/// agency, time and fee from the catalogue. Documents the form lists that
/// apply but were not attached are named, so the agency can ask for them.
pub fn submission(
    entry: &CatalogEntry,
    form: &FormDef,
    answers: &Answers,
    owner: &str,
    province: u8,
    corrections: usize,
    prefs: Prefs,
) -> Submission {
    let missing = missing_documents(form, answers);
    Submission {
        key: submission_key(owner, &form.id, answers),
        form: form.id.clone(),
        service: entry.name.clone(),
        agency: entry.agency.clone(),
        level: entry.level,
        owner: owner.to_string(),
        province,
        processing_days: entry.processing_days.unwrap_or(0),
        fee_vnd: entry.fee.vnd,
        online_fee_vnd: entry.fee.online_vnd,
        answers: answers.clone(),
        missing,
        corrections,
        helper: None,
        prefs,
        locked: vec![],
    }
}

/// Why a dossier cannot be sent yet, in the order these are checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Blocked {
    /// Registry answers were changed on the page (the page is not trusted for
    /// them): they go back to these values from the verified token.
    Locked(Answers),
    /// Some answer has an error, or the declaration is not ticked.
    Invalid,
    /// Sending needs the citizen's verified identity.
    SignIn,
    /// The service's catalogue entry (agency, time, fee) is not loaded.
    Catalogue,
    /// The registry holds no residence to route the dossier to.
    NoProvince,
}

/// Everything deciding to send looks at.
pub struct Sending<'a> {
    /// The form.
    pub form: &'a FormDef,
    /// Its answers and their provenance, corrections.
    pub filling: &'a Filling,
    /// The check-answers declaration is ticked (or the form has its own).
    pub declared: bool,
    /// The verified token's claims, when signed in.
    pub identity: Option<&'a TokenClaims>,
    /// The service's catalogue entry, when loaded.
    pub entry: Option<&'a CatalogEntry>,
    /// How to reach the applicant.
    pub prefs: Prefs,
    /// The community team helping, in an assisted session.
    pub helper: Option<String>,
    /// Today, for the date rules.
    pub today: Date,
}

/// The province a citizen's dossier goes to: where they live permanently,
/// else temporarily, else where they are now.
pub fn residence_province(c: &Citizen) -> Option<u8> {
    let r = &c.residence;
    [&r.permanent, &r.temporary, &r.current].into_iter().flatten().find_map(|a| a.province.parse().ok())
}

/// The one decision behind "Xác nhận và gửi": why the dossier cannot be sent
/// yet, or the submission to send (now, or from the outbox when back online).
pub fn prepare(s: Sending) -> Result<Submission, Blocked> {
    if let Some(c) = s.identity {
        // The token's claims, and the verified records of the other databases with the same picks.
        let mut data = s.filling.sources.clone();
        data.consented.insert(Source::Population);
        let changed = recheck_locked_with(s.form, &s.filling.answers, &s.filling.provenance, &c.citizen, &data);
        if !changed.is_empty() {
            let registry = prefill_with(s.form, &c.citizen, &data).answers;
            return Err(Blocked::Locked(registry.into_iter().filter(|(k, _)| changed.contains(k)).collect()));
        }
    }
    if !s.declared || !validate_form(s.form, &s.filling.answers, s.today).is_empty() {
        return Err(Blocked::Invalid);
    }
    let c = s.identity.ok_or(Blocked::SignIn)?;
    let entry = s.entry.filter(|e| e.id == s.form.id).ok_or(Blocked::Catalogue)?;
    let province = residence_province(&c.citizen).ok_or(Blocked::NoProvince)?;
    let mut sub = submission(entry, s.form, &s.filling.answers, &c.sub, province, s.filling.corrections.len(), s.prefs);
    sub.helper = s.helper;
    sub.locked = crate::prefill::locked_fields(s.form, &s.filling.provenance);
    Ok(sub)
}

/// Id of the extra document a citizen may attach to any supplement answer.
pub const SUPPLEMENT_DOC: &str = "tai_lieu_bo_sung";

/// The "add a document" question of a supplement answer: PDF or photo, up to
/// 5 MB each, 3 files. Required when the officer named no field to edit.
pub fn supplement_document(required: bool) -> Field {
    Field {
        id: SUPPLEMENT_DOC.into(),
        kind: FieldKind::File,
        label: both(T::SupplementDocLabel),
        hint: Some(both(T::SupplementDocHint)),
        required,
        show_if: None,
        rules: vec![],
        options: vec![],
        fields: vec![],
        min_rows: None,
        max_rows: None,
        accept: vec!["application/pdf".into(), "image/jpeg".into(), "image/png".into()],
        max_bytes: Some(5 * 1024 * 1024),
        max_files: Some(3),
        reuse: vec![],
        prefill: None,
        autocomplete: None,
    }
}
