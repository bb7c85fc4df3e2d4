//! Drafts: what is kept of a form in progress so that a reload, a closed tab
//! or a crashed browser loses nothing. The record is versioned; older layouts
//! are migrated, newer ones are kept untouched (never misread, never
//! deleted silently). A draft expires [`KEEP_DAYS`] days after its last
//! change, with a warning from [`WARN_DAYS`] on.

use crate::portal::{Millis, Submission};
use crate::prefill::{CorrectionRequest, Provenance, SourceData};
use crate::sources::Source;
use crate::{Answers, FileMeta};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Layout version of [`Draft`] written by this release.
pub const DRAFT_VERSION: u32 = 2;
/// Days a draft is kept after its last change.
pub const KEEP_DAYS: i64 = 30;
/// Days after the last change from which the citizen is warned.
pub const WARN_DAYS: i64 = 25;
const DAY_MS: Millis = 86_400_000;

/// A form being filled in: what the page holds in memory and what a draft
/// keeps of it, one struct for both (the app's `FormState` wraps it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filling {
    /// Section last open, to resume there.
    #[serde(default)]
    pub section: Option<String>,
    /// The answers (attachments as metadata; their bytes are stored beside).
    pub answers: Rc<Answers>,
    /// Where each answer came from (absent: typed).
    #[serde(default)]
    pub provenance: BTreeMap<String, Provenance>,
    /// The prefill decision: `Some(true)` agreed, `Some(false)` declined, `None` not asked yet.
    #[serde(default)]
    pub consent: Option<bool>,
    /// Requests to correct registry values, attached to the dossier.
    #[serde(default)]
    pub corrections: Vec<CorrectionRequest>,
    /// Made while offline: waits in the outbox ("chờ gửi") to be sent once.
    #[serde(default)]
    pub outbox: Option<Submission>,
    /// The other national databases for this form: the sources consented to,
    /// their verified records (kept only here, with the draft), the record
    /// picked where a source holds several.
    #[serde(default)]
    pub sources: SourceData,
    /// Field id → the database its answer came from, where not the population database.
    #[serde(default)]
    pub origin: BTreeMap<String, Source>,
    /// Sources asked that gave nothing usable: their fields are typed.
    #[serde(default)]
    pub unanswered: BTreeMap<Source, Unanswered>,
}

/// Why a source gave nothing usable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unanswered {
    /// No answer in time, or the source is down.
    Unavailable,
    /// A record did not verify (signature, issuer, owner): nothing of it is used.
    Refused,
}

impl Filling {
    /// Where the answer to `field` came from.
    pub fn source(&self, field: &str) -> Provenance {
        self.provenance.get(field).copied().unwrap_or(Provenance::Typed)
    }

    /// True when there is nothing worth keeping (no answer, no decision, nothing waiting).
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.consent.is_none() && self.corrections.is_empty() && self.outbox.is_none()
    }
}

/// Sections complete, of the sections that apply (stored as `[done, of]`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u32, u32)", into = "(u32, u32)")]
pub struct Progress {
    /// Sections with every answer valid.
    pub done: u32,
    /// Sections that apply to these answers.
    pub of: u32,
}

impl From<(u32, u32)> for Progress {
    fn from((done, of): (u32, u32)) -> Self {
        Progress { done, of }
    }
}

impl From<Progress> for (u32, u32) {
    fn from(p: Progress) -> Self {
        (p.done, p.of)
    }
}

/// A form in progress, as stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Layout version ([`DRAFT_VERSION`]).
    pub v: u32,
    /// Form (service) id.
    pub form: String,
    /// Last change.
    pub saved: Millis,
    /// Sections complete when saved (for the list of drafts).
    #[serde(default)]
    pub progress: Progress,
    /// The form as it was being filled in.
    #[serde(flatten)]
    pub filling: Filling,
    /// Attachments (field path, metadata), in the order their bytes are stored.
    #[serde(default)]
    pub files: Vec<(String, FileMeta)>,
}

/// The first layout (release 0.1): answers only, time in seconds.
#[derive(Deserialize)]
pub struct DraftV1 {
    form: String,
    saved_s: i64,
    answers: Answers,
}

impl From<DraftV1> for Draft {
    fn from(old: DraftV1) -> Self {
        Draft {
            v: DRAFT_VERSION,
            form: old.form,
            saved: old.saved_s * 1000,
            filling: Filling { answers: Rc::new(old.answers), ..Filling::default() },
            ..Draft::default()
        }
    }
}

/// What reading a stored draft gave. (Short-lived: read, then matched at
/// once, so the size difference between variants costs nothing worth a box.)
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Read {
    /// A draft of this layout (migrated if it was older).
    Ok(Draft),
    /// Written by a newer release: kept as it is, not read.
    Newer(u32),
    /// Not a draft this release can read (damaged): kept until the citizen deletes it.
    Unreadable,
}

/// The version field alone.
#[derive(Deserialize)]
pub struct Version {
    /// Layout version.
    pub v: u32,
}

/// Reads a stored draft given its version (`None`: none could be read) and
/// parsers for each layout, migrating older layouts. The parsers are passed
/// in so the browser can use its own JSON parser.
pub fn read_with<E>(
    v: Option<u32>,
    v1: impl FnOnce() -> Result<DraftV1, E>,
    v2: impl FnOnce() -> Result<Draft, E>,
) -> Read {
    match v {
        Some(1) => v1().map_or(Read::Unreadable, |d| Read::Ok(d.into())),
        Some(DRAFT_VERSION) => v2().map_or(Read::Unreadable, Read::Ok),
        Some(v) if v > DRAFT_VERSION => Read::Newer(v),
        _ => Read::Unreadable,
    }
}

/// [`read_with`] by serde_json.
pub fn read(json: &str) -> Read {
    let v = serde_json::from_str::<Version>(json).ok().map(|x| x.v);
    read_with(v, || serde_json::from_str::<DraftV1>(json), || serde_json::from_str::<Draft>(json))
}

/// How old a draft is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    /// Kept.
    Fresh,
    /// Deleted in this many days (1 to `KEEP_DAYS - WARN_DAYS`).
    Expiring(i64),
    /// Past its time: deleted, and the citizen told.
    Expired,
}

/// The age of a draft last changed at `saved`, at `now`.
pub fn age(saved: Millis, now: Millis) -> Age {
    let elapsed = now.saturating_sub(saved);
    if elapsed >= KEEP_DAYS * DAY_MS {
        Age::Expired
    } else if elapsed >= WARN_DAYS * DAY_MS {
        // Whole days left, rounded up: "1 day" until the very end.
        Age::Expiring((KEEP_DAYS * DAY_MS - elapsed + DAY_MS - 1) / DAY_MS)
    } else {
        Age::Fresh
    }
}

/// When a draft last changed at `saved` is deleted.
pub fn expires(saved: Millis) -> Millis {
    saved + KEEP_DAYS * DAY_MS
}

/// Sections complete (no error) of the sections that apply now.
pub fn progress(form: &crate::FormDef, answers: &Answers, today: crate::Date) -> Progress {
    let visible = crate::journey::visible_sections(form, answers);
    let done = visible.iter().filter(|s| crate::validate::validate_section(s, answers, today).is_empty()).count();
    Progress { done: done as u32, of: visible.len() as u32 }
}
