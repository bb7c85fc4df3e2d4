//! The portal boundary's records and the simulated agency behind it.
//!
//! [`Office`] is what the national portal holds for this app: dossiers with
//! their timelines, each citizen's inbox and notification preferences, and the
//! receiving units' daily sequences. It is pure: the app's embedded portal
//! keeps one in browser storage and calls these methods; a real portal would
//! answer the same requests over HTTP (`docs/portal-api.md`).
//!
//! The agency is simulated deterministically: intake, then processing, then a
//! supplement request when the dossier lacks a document the form lists, a fee
//! request when the service has a fee, then the result. A dossier that
//! disputes registry data is refused at intake (the registry is corrected at
//! the police first). Every step can also be forced from the tester console.

use crate::answers::Answers;
use crate::date::Date;
use crate::dossier::{
    appointment, civil_from_days, days_from_civil, dossier_code, is_working_day, transition, unit_id, Event, Status,
};
use crate::messages::money;
use crate::notify::Facts;
pub use crate::notify::{deliver, mask_email, Prefs, Sent};
use crate::schema::{Lang, Text};
pub use crate::submission::{fnv, submission, submission_key, supplement_document, Submission, SUPPLEMENT_DOC};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Milliseconds since 1970 (the browser's `Date.now()`).
pub type Millis = i64;

/// Vietnam's offset from UTC (no daylight saving).
pub const VN_OFFSET_MS: Millis = 7 * 3_600_000;

/// The date, hour and minute in Vietnam at `ms`.
pub fn vn_clock(ms: Millis) -> (Date, u8, u8) {
    let local = ms + VN_OFFSET_MS;
    let day = local.div_euclid(86_400_000);
    let rest = local.rem_euclid(86_400_000) / 60_000;
    (civil_from_days(day), (rest / 60) as u8, (rest % 60) as u8)
}

/// `14:05 24/11/2026`, Vietnam time.
pub fn vn_time(ms: Millis) -> String {
    let (d, h, m) = vn_clock(ms);
    format!("{h:02}:{m:02} {d}")
}

/// Version of the stored [`Office`] record; a record of another version is kept aside, not misread.
pub const OFFICE_VERSION: u32 = 1;

/// Delay before the simulated agency takes its next automatic step.
pub const DEFAULT_STEP_MS: Millis = 10_000;

/// Who moved a dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The applicant.
    Citizen,
    /// An officer (the simulated agency or the tester console).
    Officer,
}

/// Why a step happened, what an officer asks for, or the citizen's note.
///
/// Words a person typed (an officer in the console, the citizen) are kept as
/// typed, in the language they were typed in. The simulated agency's own
/// reasons are kept as a key with its parameters and worded in the reader's
/// language ([`crate::messages::tracking::agency_reason`]). Serialised as a
/// plain string for typed words, as every record made before keys was (so old
/// records read unchanged), or as `{"key": "missing_documents", …}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Reason {
    /// Typed by a person (or stored as a sentence by an older release).
    Typed(String),
    /// The simulated agency's reason.
    Agency(AgencyReason),
}

/// The reasons the simulated agency gives by itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "key", rename_all = "snake_case")]
pub enum AgencyReason {
    /// Refused at intake: the dossier asks to correct data the population
    /// registry holds, which is corrected at the police first.
    RegistryDispute,
    /// Documents the form lists were not attached (their labels).
    MissingDocuments {
        /// The documents, as the form names them.
        documents: Vec<Text>,
    },
}

impl Default for Reason {
    fn default() -> Self {
        Reason::Typed(String::new())
    }
}

impl From<&str> for Reason {
    fn from(s: &str) -> Self {
        Reason::Typed(s.to_string())
    }
}

impl From<String> for Reason {
    fn from(s: String) -> Self {
        Reason::Typed(s)
    }
}

impl From<AgencyReason> for Reason {
    fn from(r: AgencyReason) -> Self {
        Reason::Agency(r)
    }
}

impl Reason {
    /// No reason given.
    pub fn is_empty(&self) -> bool {
        matches!(self, Reason::Typed(s) if s.trim().is_empty())
    }

    /// The words to show a reader of `lang` (typed words as typed).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Reason::Typed(s) => s.clone(),
            Reason::Agency(r) => crate::messages::tracking::agency_reason(r, lang),
        }
    }
}

/// The values of the dossier that a step's messages were filled with and that
/// change later (a supplement moves the appointment, the amount due), frozen
/// when the step happened, so a message read later keeps the words it had.
/// With the step's or notice's own [`Reason`], and the code and service (which
/// never change), they give the same words in either language at any time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    /// Ngày hẹn trả kết quả at that time.
    pub appointment: Date,
    /// Amount due online at that time.
    #[serde(default)]
    pub fee_vnd: Option<u64>,
}

/// A step of the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// When.
    pub at: Millis,
    /// Status reached.
    pub status: Status,
    /// Who.
    pub actor: Actor,
    /// Reason, requested document or the citizen's note.
    #[serde(default)]
    pub reason: Reason,
    /// Messages sent for it.
    #[serde(default)]
    pub sent: Vec<Sent>,
    /// What its messages said (`None` in records made before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<Said>,
}

/// An open request for more documents or information.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supplement {
    /// What is missing, in the officer's words or as the agency's key.
    pub reason: Reason,
    /// Fields the citizen may edit to answer.
    pub fields: Vec<String>,
    /// When it was asked.
    pub asked: Millis,
}

/// A dossier as the portal holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    /// Mã hồ sơ.
    pub code: String,
    /// Idempotency key it was made from.
    pub key: String,
    /// Service (form) id.
    pub form: String,
    /// Service name.
    pub service: Text,
    /// Agency.
    pub agency: Text,
    /// Applicant's personal ID.
    pub owner: String,
    /// Received at.
    pub received: Millis,
    /// Ngày hẹn trả kết quả.
    pub appointment: Date,
    /// Current status.
    pub status: Status,
    /// Answers as last sent.
    pub answers: Answers,
    /// Amount due online, if any.
    pub fee_vnd: Option<u64>,
    /// Amount before the online discount.
    pub full_fee_vnd: Option<u64>,
    /// Paid online.
    pub paid: bool,
    /// Documents still missing at submission.
    pub missing: Vec<(String, Text)>,
    /// Registry corrections requested.
    pub corrections: usize,
    /// Open supplement request.
    pub supplement: Option<Supplement>,
    /// How many supplement requests were made (a second one counts as overdue).
    pub supplement_rounds: u32,
    /// Community team that helped.
    pub helper: Option<String>,
    /// Channel it came in by: 2 = online.
    pub channel: u8,
    /// Every step.
    pub history: Vec<Step>,
    /// The linked group and part this dossier is (`None` for an ordinary dossier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<crate::linked::PartOf>,
}

impl Dossier {
    /// When the last step happened.
    pub fn last_at(&self) -> Millis {
        self.history.last().map_or(self.received, |s| s.at)
    }

    /// Overdue by the national KPI rule: asked to supplement more than once.
    pub fn overdue(&self) -> bool {
        self.supplement_rounds > 1
    }

    /// Events the portal allows now, for the tester console.
    pub fn allowed(&self) -> Vec<Event> {
        Event::ALL.iter().copied().filter(|e| transition(self.status, *e).is_some()).collect()
    }
}

/// One inbox message; its words are rendered in the reader's language from
/// what it said when it was sent ([`notice_facts`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Unique number.
    pub id: u64,
    /// Dossier code.
    pub code: String,
    /// Status it announces.
    pub status: Status,
    /// When.
    pub at: Millis,
    /// Read already.
    pub read: bool,
    /// Also delivered here because a message the citizen chose failed for good
    /// and no channel after it delivered.
    pub flagged: bool,
    /// The reason of the step it announces, as it was then.
    #[serde(default)]
    pub reason: Reason,
    /// What it said (`None` in records made before it was kept: then it is
    /// worded from the dossier as it is now).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<Said>,
}

/// Why the portal refused a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortalError {
    /// No dossier with this code.
    NotFound,
    /// The dossier belongs to someone else.
    NotYours,
    /// The status does not allow it.
    NotAllowed,
}

/// Everything the (simulated) portal holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Office {
    /// Record format version.
    pub version: u32,
    /// Dossiers, oldest first.
    pub dossiers: Vec<Dossier>,
    /// Last sequence number per unit and day (`unit-YYMMDD`).
    pub sequences: BTreeMap<String, u32>,
    /// Inbox per owner.
    pub inbox: BTreeMap<String, Vec<Notice>>,
    /// Preferences per owner.
    pub prefs: BTreeMap<String, Prefs>,
    /// Next notice id.
    pub next_id: u64,
    /// Delay between automatic steps; 0 turns the automatic agency off.
    pub step_ms: Millis,
    /// Linked filings ([`crate::linked`]); their parts are dossiers above.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<crate::linked::Group>,
    /// Signed results issued, by dossier code ([`crate::results`]): the
    /// citizen's data store ("Kho dữ liệu") reads them from here.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub results: BTreeMap<String, Issued>,
}

/// A signed result as the agency issued it: the file (compact JWS with its
/// chain) and the short stamp its QR code carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    /// The result file, `*.jws`.
    pub file: String,
    /// The QR stamp (JWS signed by the same agency key).
    pub stamp: String,
}

impl Default for Office {
    fn default() -> Self {
        Office {
            version: OFFICE_VERSION,
            dossiers: vec![],
            sequences: BTreeMap::new(),
            inbox: BTreeMap::new(),
            prefs: BTreeMap::new(),
            next_id: 1,
            step_ms: DEFAULT_STEP_MS,
            groups: vec![],
            results: BTreeMap::new(),
        }
    }
}

/// Agency group digits of the simulated unit id, from the agency's name.
fn agency_group(agency: &str) -> u8 {
    const GROUPS: &[(&str, u8)] = &[
        ("Công an", 1),
        ("Tư pháp", 2),
        ("Bảo hiểm", 3),
        ("Thuế", 4),
        ("Xây dựng", 5),
        ("Nông nghiệp", 6),
        ("Giáo dục", 7),
        ("Điện", 8),
        ("Tòa án", 9),
    ];
    GROUPS.iter().find(|(k, _)| agency.contains(k)).map_or(0, |(_, g)| *g)
}

/// Working days from `from` (exclusive) to `to` (inclusive).
pub fn working_days_between(from: Date, to: Date) -> u32 {
    let (a, b) = (days_from_civil(from), days_from_civil(to));
    ((a + 1)..=b).filter(|d| is_working_day(civil_from_days(*d))).count() as u32
}

impl Office {
    /// The dossier with `code`.
    pub fn get(&self, code: &str) -> Option<&Dossier> {
        self.dossiers.iter().find(|d| d.code == code)
    }

    /// Removes from this record everything personal of `owner`: their
    /// answers, contacts, inbox, preferences and the words of each step. What
    /// the public lookup shows stays (code, service, agency, status, dates),
    /// so the dossier can still be followed by its code. Used at the end of an
    /// assisted session on a shared device, where this embedded record stands
    /// in for the national portal's server. Returns how many dossiers it touched.
    pub fn forget(&mut self, owner: &str) -> usize {
        let mut n = 0;
        for d in self.dossiers.iter().filter(|d| d.owner == owner) {
            self.results.remove(&d.code);
        }
        for d in self.dossiers.iter_mut().filter(|d| d.owner == owner) {
            d.owner = String::new();
            d.answers.clear();
            d.missing.clear();
            d.supplement = None;
            for step in &mut d.history {
                step.reason = Reason::default();
                step.sent.clear();
            }
            n += 1;
        }
        for g in self.groups.iter_mut().filter(|g| g.owner == owner) {
            g.owner = String::new();
            g.answers.clear();
            g.parts.iter_mut().for_each(|p| p.missing.clear());
        }
        self.inbox.remove(owner);
        self.prefs.remove(owner);
        n
    }

    /// Dossiers that reached their result and have none issued yet: the
    /// agency issues (signs) these. Newest last.
    pub fn awaiting_result(&self) -> Vec<&Dossier> {
        self.dossiers
            .iter()
            .filter(|d| matches!(d.status, Status::Done | Status::Delivered))
            .filter(|d| !d.owner.is_empty() && !self.results.contains_key(&d.code))
            .collect()
    }

    /// The owner's signed results, newest first, with their dossiers.
    pub fn results_of(&self, owner: &str) -> Vec<(&Dossier, &Issued)> {
        self.mine(owner).into_iter().filter_map(|d| self.results.get(&d.code).map(|r| (d, r))).collect()
    }

    /// The owner's dossiers, newest first.
    pub fn mine(&self, owner: &str) -> Vec<&Dossier> {
        self.dossiers.iter().rev().filter(|d| d.owner == owner).collect()
    }

    /// The owner's inbox, newest first.
    pub fn notices(&self, owner: &str) -> Vec<Notice> {
        self.inbox.get(owner).map(|v| v.iter().rev().cloned().collect()).unwrap_or_default()
    }

    /// Unread inbox messages.
    pub fn unread(&self, owner: &str) -> usize {
        self.inbox.get(owner).map_or(0, |v| v.iter().filter(|n| !n.read).count())
    }

    /// The owner's preferences, or the defaults from the identity's contact
    /// details: SMS to the phone of the VNeID account (confirmed by VNeID's own
    /// one-time code), e-mail if known. A number the citizen types instead must
    /// be confirmed with a code before SMS go to it.
    pub fn prefs_or(&self, owner: &str, phone: Option<&str>, email: Option<&str>) -> Prefs {
        self.prefs.get(owner).cloned().unwrap_or_else(|| Prefs {
            sms: phone.is_some(),
            phone: phone.unwrap_or_default().to_string(),
            phone_confirmed: phone.is_some(),
            email_on: email.is_some(),
            email: email.unwrap_or_default().to_string(),
            web_push: false,
        })
    }

    /// Files a submission. The same key returns the dossier made before.
    pub fn submit(&mut self, s: Submission, now: Millis) -> Dossier {
        self.file(Filing::plain(s), now)
    }

    /// [`Office::submit`], with a deadline decided by the caller (a linked
    /// part's, capped by its group), the group and part it is (an empty group
    /// code: the dossier's own), and the agency group digits of its unit.
    pub(crate) fn file(&mut self, f: Filing, now: Millis) -> Dossier {
        let s = &f.submission;
        if let Some(d) = self.dossiers.iter().find(|d| d.key == s.key && d.owner == s.owner) {
            return d.clone();
        }
        let seq = self.sequences.entry(f.sequence_key(now)).or_insert(0);
        *seq += 1;
        let seq = *seq;
        let prefs = self.prefs.entry(s.owner.clone()).or_insert_with(|| s.prefs.clone()).clone();
        let (d, notice) = f.open(seq, &prefs, now);
        self.dossiers.push(d);
        let i = self.dossiers.len() - 1;
        self.post(i, notice);
        self.dossiers[i].clone()
    }

    fn index(&self, code: &str, owner: Option<&str>) -> Result<usize, PortalError> {
        let i = self.dossiers.iter().position(|d| d.code == code).ok_or(PortalError::NotFound)?;
        match owner {
            Some(o) if self.dossiers[i].owner != o => Err(PortalError::NotYours),
            _ => Ok(i),
        }
    }

    /// Applies `event` to a dossier (an officer's or the citizen's act).
    /// `owner` is checked for the citizen's own acts; `reason` is typed words
    /// (`&str`) or the agency's key; `fields` names what a supplement request
    /// lets the citizen edit.
    pub fn apply(
        &mut self,
        code: &str,
        owner: Option<&str>,
        event: Event,
        reason: impl Into<Reason>,
        fields: Vec<String>,
        now: Millis,
    ) -> Result<Dossier, PortalError> {
        let reason = reason.into();
        let i = self.index(code, owner)?;
        transition(self.dossiers[i].status, event).ok_or(PortalError::NotAllowed)?;
        if self.group_forbids(i, event) {
            return Err(PortalError::NotAllowed);
        }
        let prefs = self.prefs.get(&self.dossiers[i].owner).cloned().unwrap_or_default();
        let notice = apply_event(&mut self.dossiers[i], event, reason, fields, &prefs, now)?;
        self.post(i, notice);
        self.after_part_step(i, now);
        Ok(self.dossiers[i].clone())
    }

    /// The citizen answers a supplement request with edited answers.
    pub fn answer_supplement(
        &mut self,
        code: &str,
        owner: &str,
        answers: Answers,
        note: &str,
        now: Millis,
    ) -> Result<Dossier, PortalError> {
        let i = self.index(code, Some(owner))?;
        if self.dossiers[i].status != Status::SupplementRequested {
            return Err(PortalError::NotAllowed);
        }
        merge_supplement_answers(&mut self.dossiers[i], answers);
        self.apply(code, Some(owner), Event::SupplementAnswered, note, vec![], now)
    }

    /// Marks an inbox message read.
    pub fn mark_read(&mut self, owner: &str, id: u64) {
        if let Some(n) = self.inbox.get_mut(owner).and_then(|v| v.iter_mut().find(|n| n.id == id)) {
            n.read = true;
        }
    }

    /// Whether the simulated agency has a step due at `now` (so a reader need
    /// not copy the record to find out).
    pub fn has_due(&self, now: Millis) -> bool {
        self.step_ms > 0 && self.dossiers.iter().any(|d| now - d.last_at() >= self.step_ms && next_move(d).is_some())
    }

    /// The simulated agency: takes every automatic step that is due at `now`.
    /// Returns whether anything changed.
    pub fn tick(&mut self, now: Millis) -> bool {
        if !self.has_due(now) {
            return false;
        }
        let mut changed = false;
        for i in 0..self.dossiers.len() {
            // One step per dossier per tick, each after the delay.
            let d = &self.dossiers[i];
            if now - d.last_at() < self.step_ms {
                continue;
            }
            if let Some((event, reason, fields)) = next_move(d) {
                let code = d.code.clone();
                changed |= self.apply(&code, None, event, reason, fields, now).is_ok();
            }
        }
        changed
    }

    /// Numbers the notice of a step of dossier `i` and puts it in its owner's inbox.
    fn post(&mut self, i: usize, mut notice: Notice) {
        let owner = self.dossiers[i].owner.clone();
        notice.id = self.next_id;
        self.next_id += 1;
        if !owner.is_empty() {
            // A dossier forgotten on this device has no inbox here.
            self.inbox.entry(owner).or_default().push(notice);
        }
    }
}

// ---------------------------------------------------------------------------
// One dossier at a time: the agency's rules on a single record, for a store
// that keeps dossiers one by one (the portal server) rather than a whole
// [`Office`]. [`Office`] itself goes through these, so there is one copy.

/// The simulated receiving unit of a submission (`V1V2V3.Z1Z2.Y1Y2.MX1X2`),
/// with the agency group digits given or taken from the agency's name.
fn receiving_unit(s: &Submission, unit_group: Option<u8>) -> String {
    unit_id(s.level, unit_group.unwrap_or_else(|| agency_group(&s.agency.vi)), s.province)
}

/// `unit-YYMMDD`: the unit's day at `now` (Vietnam time).
fn unit_day(unit: &str, now: Millis) -> String {
    let (today, _, _) = vn_clock(now);
    format!("{unit}-{:02}{:02}{:02}", today.year % 100, today.month, today.day)
}

/// A dossier to open: a submission, and for a part of a linked group its
/// deadline (capped by the group's), which part it is and the agency group
/// digits of its receiving unit. [`Office`] and the portal server both open
/// dossiers from these, drawing `seq` from [`Filing::sequence_key`].
#[derive(Clone, Debug, PartialEq)]
pub struct Filing {
    /// What was filed.
    pub submission: Submission,
    /// The appointment, when not the submission's own processing days.
    pub deadline: Option<Date>,
    /// The group and part (an empty group code: the dossier's own code becomes the group's).
    pub part_of: Option<crate::linked::PartOf>,
    /// The receiving unit's agency group digits, when not read from the agency's name.
    pub unit_group: Option<u8>,
}

impl Filing {
    /// An ordinary dossier.
    pub fn plain(submission: Submission) -> Filing {
        Filing { submission, deadline: None, part_of: None, unit_group: None }
    }

    /// The daily sequence its number is drawn from: its receiving unit and the
    /// day (`unit-YYMMDD`, the keys of [`Office::sequences`]).
    pub fn sequence_key(&self, now: Millis) -> String {
        unit_day(&receiving_unit(&self.submission, self.unit_group), now)
    }

    /// The dossier numbered `seq` in its unit's day, with its first step (by
    /// the citizen) and that step's inbox notice. `prefs` are the owner's
    /// preferences (their saved ones, else the submission's). The notice's
    /// `id` is 0: the caller numbers it. The key is not looked up here: the
    /// same owner and key must give back the earlier dossier, the caller's check.
    pub fn open(self, seq: u32, prefs: &Prefs, now: Millis) -> (Dossier, Notice) {
        open_dossier(self.submission, seq, prefs, now, self.deadline, self.part_of, self.unit_group)
    }
}

fn open_dossier(
    s: Submission,
    seq: u32,
    prefs: &Prefs,
    now: Millis,
    deadline: Option<Date>,
    part_of: Option<crate::linked::PartOf>,
    unit_group: Option<u8>,
) -> (Dossier, Notice) {
    let (today, hour, _) = vn_clock(now);
    let unit = receiving_unit(&s, unit_group);
    let code = dossier_code(&unit, today, seq);
    let part_of = part_of.map(|p| crate::linked::PartOf {
        group: if p.group.is_empty() { code.clone() } else { p.group },
        part: p.part,
    });
    let online = s.online_fee_vnd.or(s.fee_vnd).filter(|v| *v > 0);
    let mut d = Dossier {
        code,
        key: s.key,
        form: s.form,
        service: s.service,
        agency: s.agency,
        owner: s.owner,
        received: now,
        appointment: deadline.unwrap_or_else(|| appointment(today, hour, s.processing_days)),
        status: Status::Submitted,
        answers: s.answers,
        fee_vnd: online,
        full_fee_vnd: s.fee_vnd.filter(|v| *v > 0),
        paid: false,
        missing: s.missing,
        corrections: s.corrections,
        supplement: None,
        supplement_rounds: 0,
        helper: s.helper,
        channel: 2,
        history: vec![],
        part_of,
    };
    let notice = record_step(&mut d, Status::Submitted, Actor::Citizen, Reason::default(), prefs, now);
    (d, notice)
}

/// Applies `event` to one dossier, as [`Office::apply`] does (without the
/// rules of linked groups, which need the whole record): the transition,
/// the supplement and payment bookkeeping, the step with its messages sent
/// by `prefs`. Returns the step's inbox notice (`id` 0: the caller numbers
/// it), or [`PortalError::NotAllowed`] leaving the dossier untouched.
pub fn apply_event(
    d: &mut Dossier,
    event: Event,
    reason: impl Into<Reason>,
    fields: Vec<String>,
    prefs: &Prefs,
    now: Millis,
) -> Result<Notice, PortalError> {
    let reason = reason.into();
    let to = transition(d.status, event).ok_or(PortalError::NotAllowed)?;
    let actor = match event {
        Event::Withdraw | Event::SupplementAnswered | Event::Paid => Actor::Citizen,
        _ => Actor::Officer,
    };
    match event {
        Event::RequestSupplement => {
            d.supplement_rounds += 1;
            d.supplement = Some(Supplement { reason: reason.clone(), fields, asked: now });
        }
        Event::SupplementAnswered => {
            // Time waiting for the citizen is not processing time: the appointment moves on.
            if let Some(s) = d.supplement.take() {
                let waited = working_days_between(vn_clock(s.asked).0, vn_clock(now).0);
                d.appointment = appointment(d.appointment, 0, waited);
            }
            d.missing.clear();
        }
        Event::Paid => d.paid = true,
        _ => {}
    }
    Ok(record_step(d, to, actor, reason, prefs, now))
}

/// Puts the citizen's supplement answers into the dossier: only the fields
/// the open request names, and [`SUPPLEMENT_DOC`]; others are ignored.
fn merge_supplement_answers(d: &mut Dossier, answers: Answers) {
    let mut allowed = d.supplement.as_ref().map(|s| s.fields.clone()).unwrap_or_default();
    allowed.push(SUPPLEMENT_DOC.to_string());
    for (k, v) in answers {
        // Only the fields the officer named may change.
        if allowed.contains(&k) {
            d.answers.insert(k, v);
        }
    }
}

/// The citizen answers the open supplement request of one dossier, as
/// [`Office::answer_supplement`] does (ownership is the caller's check).
pub fn answer_supplement_to(
    d: &mut Dossier,
    answers: Answers,
    note: &str,
    prefs: &Prefs,
    now: Millis,
) -> Result<Notice, PortalError> {
    if d.status != Status::SupplementRequested {
        return Err(PortalError::NotAllowed);
    }
    merge_supplement_answers(d, answers);
    apply_event(d, Event::SupplementAnswered, note, vec![], prefs, now)
}

/// Records a step on a dossier: its messages sent by `prefs`, what they said,
/// the new status; returns the inbox notice for it (`id` 0).
fn record_step(d: &mut Dossier, status: Status, actor: Actor, reason: Reason, prefs: &Prefs, now: Millis) -> Notice {
    let (sent, flagged) = deliver(&d.code, status, prefs, now);
    // What the messages say now stays what they said, whatever happens next.
    let said = Said { appointment: d.appointment, fee_vnd: d.fee_vnd };
    let notice = Notice {
        id: 0,
        code: d.code.clone(),
        status,
        at: now,
        read: false,
        flagged,
        reason: reason.clone(),
        said: Some(said.clone()),
    };
    d.status = status;
    d.history.push(Step { at: now, status, actor, reason, sent, said: Some(said) });
    notice
}

/// The simulated agency's next move for a dossier, if it makes one by itself.
pub fn next_move(d: &Dossier) -> Option<(Event, Reason, Vec<String>)> {
    let none = || (Reason::default(), vec![]);
    let (event, (reason, fields)) = match d.status {
        Status::Submitted if d.corrections > 0 => (Event::Refuse, (AgencyReason::RegistryDispute.into(), vec![])),
        Status::Submitted => (Event::Accept, none()),
        Status::Accepted => (Event::StartProcessing, none()),
        Status::Processing if !d.missing.is_empty() && d.supplement_rounds == 0 => {
            let documents = d.missing.iter().map(|(_, t)| t.clone()).collect();
            let fields = d.missing.iter().map(|(f, _)| f.clone()).collect();
            (Event::RequestSupplement, (AgencyReason::MissingDocuments { documents }.into(), fields))
        }
        Status::Processing if d.fee_vnd.is_some() && !d.paid => (Event::RequestPayment, none()),
        Status::Processing => (Event::Finish, none()),
        Status::Done => (Event::Deliver, none()),
        _ => return None,
    };
    Some((event, reason, fields))
}

fn fill(d: &Dossier, appointment: Date, fee_vnd: Option<u64>, reason: &Reason, lang: Lang, for_sms: bool) -> Facts {
    let amount = fee_vnd.map(|v| money(v, lang)).unwrap_or_default();
    Facts {
        code: d.code.clone(),
        service: d.service.get(lang).to_string(),
        appointment: appointment.to_string(),
        amount: if for_sms { amount.replace('đ', "d") } else { amount },
        reason: reason.text(lang),
        link: format!("https://tokhai.vn/ho-so/{}", d.code),
    }
}

/// The values a message about `d` *now* is filled with (the dossier page's
/// "what happens next"): the open supplement request, else the last step's
/// reason. For SMS the amount is written without diacritics (`10.000 d`).
/// A message already sent is worded by [`step_facts`] or [`notice_facts`].
pub fn facts(d: &Dossier, lang: Lang, for_sms: bool) -> Facts {
    let none = Reason::default();
    let reason = match &d.supplement {
        Some(s) => &s.reason,
        None => d.history.last().map_or(&none, |s| &s.reason),
    };
    fill(d, d.appointment, d.fee_vnd, reason, lang, for_sms)
}

/// The values the messages of step `s` of `d` were filled with when they were
/// sent (a step from before they were kept: its own reason, the dates now).
pub fn step_facts(d: &Dossier, s: &Step, lang: Lang, for_sms: bool) -> Facts {
    match &s.said {
        Some(said) => fill(d, said.appointment, said.fee_vnd, &s.reason, lang, for_sms),
        None => fill(d, d.appointment, d.fee_vnd, &s.reason, lang, for_sms),
    }
}

/// The values inbox message `n` about `d` was filled with when it was sent (a
/// message from before they were kept: worded from the dossier now, as then).
pub fn notice_facts(d: &Dossier, n: &Notice, lang: Lang) -> Facts {
    match &n.said {
        Some(said) => fill(d, said.appointment, said.fee_vnd, &n.reason, lang, false),
        None => facts(d, lang, false),
    }
}

#[cfg(test)]
mod one_by_one {
    //! The single-dossier functions (what the portal server runs) and the
    //! whole [`Office`] (what the embedded portal runs) give the same records.
    use super::*;
    use crate::answers::Answer;

    const NOW: Millis = 1_795_500_000_000; // Tuesday 24/11/2026, 13:00 in Hà Nội

    fn sub(key: &str) -> Submission {
        Submission {
            key: key.into(),
            form: "dang-ky-thuong-tru".into(),
            service: Text { vi: "Đăng ký thường trú".into(), en: "Permanent residence".into() },
            agency: Text { vi: "Công an cấp xã".into(), en: "Commune police".into() },
            owner: "001085004217".into(),
            province: 1,
            processing_days: 7,
            fee_vnd: Some(20_000),
            online_fee_vnd: Some(10_000),
            missing: vec![("van_ban_dong_y".into(), Text { vi: "Văn bản".into(), en: "Letter".into() })],
            prefs: Prefs { sms: true, phone: "0904217365".into(), phone_confirmed: true, ..Default::default() },
            ..Default::default()
        }
    }

    #[test]
    fn the_same_dossier_and_notices_either_way() {
        let mut office = Office::default();
        office.submit(sub("k0"), NOW);
        let a = office.submit(sub("k1"), NOW);
        let s = sub("k1");
        let prefs = s.prefs.clone();
        let filing = Filing::plain(s);
        assert_eq!(filing.sequence_key(NOW), "001.01.20.H01-261124");
        let (mut b, first) = filing.open(2, &prefs, NOW);
        assert_eq!(a, b);
        let mut notices = vec![first];
        let mut t = NOW;
        for _ in 0..3 {
            t += DEFAULT_STEP_MS;
            office.tick(t);
            let (event, reason, fields) = next_move(&b).unwrap();
            notices.push(apply_event(&mut b, event, reason, fields, &prefs, t).unwrap());
        }
        assert_eq!(b.status, crate::dossier::Status::SupplementRequested);
        let mut answers = Answers::new();
        answers.insert("van_ban_dong_y".into(), Answer::Text("x".into()));
        answers.insert("other".into(), Answer::Text("ignored".into()));
        t += 3 * 86_400_000;
        office.answer_supplement(&b.code, &b.owner, answers.clone(), "done", t).unwrap();
        notices.push(answer_supplement_to(&mut b, answers, "done", &prefs, t).unwrap());
        assert_eq!(office.get(&b.code), Some(&b));
        let theirs: Vec<Notice> = office.notices(&b.owner).into_iter().rev().filter(|n| n.code == b.code).collect();
        let ours: Vec<Notice> = notices.into_iter().map(|n| Notice { id: 0, ..n }).collect();
        assert_eq!(theirs.into_iter().map(|n| Notice { id: 0, ..n }).collect::<Vec<_>>(), ours);
        assert_eq!(
            apply_event(&mut b, crate::dossier::Event::Deliver, "", vec![], &prefs, t),
            Err(PortalError::NotAllowed)
        );
        assert_eq!(office.get(&b.code), Some(&b), "a refused event leaves the dossier untouched");
    }
}
