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

use crate::answers::{Answer, Answers};
use crate::catalog::CatalogEntry;
use crate::journey::{field_shown, visible_sections, Scope};
use crate::schema::{Field, FieldKind, FormDef};
use crate::date::Date;
use crate::dossier::{appointment, civil_from_days, days_from_civil, dossier_code, is_working_day, transition, unit_id, Event, Status};
use crate::messages::money;
use crate::notify::{fallback, mask_phone, Channel, Delivery, Facts};
use crate::schema::{Lang, Text};
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
            Answer::Address(a) => [&a.province, &a.ward, &a.street].iter().for_each(|s| out.extend_from_slice(s.as_bytes())),
            Answer::Rows(rows) => rows.iter().for_each(|r| feed(out, r)),
            Answer::Files(f) => f.iter().for_each(|f| out.extend_from_slice(f.name.as_bytes())),
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
    pub level: String,
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
}

/// The submission of `answers` to `form` by `owner`, with the service's
/// agency, time and fee from the catalogue. Documents the form lists that
/// apply but were not attached are named, so the agency can ask for them.
pub fn submission(entry: &CatalogEntry, form: &FormDef, answers: &Answers, owner: &str, province: u8, corrections: usize, prefs: Prefs) -> Submission {
    let scope = Scope { form: answers, row: None };
    let missing = visible_sections(form, answers)
        .into_iter()
        .flat_map(|s| s.fields.iter())
        .filter(|f| f.kind == FieldKind::File && field_shown(f, &scope) && answers.get(&f.id).is_none_or(Answer::is_empty))
        .map(|f| (f.id.clone(), f.label.clone()))
        .collect();
    Submission {
        key: submission_key(owner, &form.id, answers),
        form: form.id.clone(),
        service: entry.name.clone(),
        agency: entry.agency.clone(),
        level: entry.level.clone(),
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
    }
}

/// Id of the extra document a citizen may attach to any supplement answer.
pub const SUPPLEMENT_DOC: &str = "tai_lieu_bo_sung";

/// The "add a document" question of a supplement answer: PDF or photo, up to
/// 5 MB each, 3 files. Required when the officer named no field to edit.
pub fn supplement_document(required: bool) -> Field {
    Field {
        id: SUPPLEMENT_DOC.into(),
        kind: FieldKind::File,
        label: Text { vi: "Giấy tờ bổ sung".into(), en: "Additional document".into() },
        hint: Some(Text {
            vi: "Ảnh chụp rõ nét hoặc bản PDF của giấy tờ cơ quan yêu cầu.".into(),
            en: "A clear photo or a PDF of the document the agency asked for.".into(),
        }),
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
        prefill: None,
        autocomplete: None,
    }
}

/// Who moved a dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The applicant.
    Citizen,
    /// An officer (the simulated agency or the tester console).
    Officer,
}

/// One message sent for a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    /// Channel.
    pub channel: Channel,
    /// Where to, as shown (`09x…365`, `a…@gmail.com`).
    pub to: String,
    /// What became of it.
    pub delivery: Delivery,
    /// When the delivery status was known.
    pub at: Millis,
    /// Sent because the channel before it failed.
    pub fallback: bool,
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
    pub reason: String,
    /// Messages sent for it.
    #[serde(default)]
    pub sent: Vec<Sent>,
}

/// An open request for more documents or information.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supplement {
    /// What is missing, in the officer's words.
    pub reason: String,
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

/// How a citizen wants to be told.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// Send SMS.
    pub sms: bool,
    /// Mobile number `0XXXXXXXXX`.
    pub phone: String,
    /// The citizen confirmed the number with a code.
    pub phone_confirmed: bool,
    /// Send e-mail.
    pub email_on: bool,
    /// E-mail address.
    pub email: String,
    /// Show a browser notification on status changes (after the browser's permission).
    #[serde(default)]
    pub web_push: bool,
}

/// One inbox message; its words are rendered in the reader's language.
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
        if let Some(d) = self.dossiers.iter().find(|d| d.key == s.key && d.owner == s.owner) {
            return d.clone();
        }
        let (today, hour, _) = vn_clock(now);
        let unit = unit_id(&s.level, agency_group(&s.agency.vi), s.province);
        let seq_key = format!("{unit}-{:02}{:02}{:02}", today.year % 100, today.month, today.day);
        let seq = self.sequences.entry(seq_key).or_insert(0);
        *seq += 1;
        let code = dossier_code(&unit, today, *seq);
        self.prefs.entry(s.owner.clone()).or_insert(s.prefs);
        let online = s.online_fee_vnd.or(s.fee_vnd).filter(|v| *v > 0);
        let d = Dossier {
            code,
            key: s.key,
            form: s.form,
            service: s.service,
            agency: s.agency,
            owner: s.owner,
            received: now,
            appointment: appointment(today, hour, s.processing_days),
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
        };
        self.dossiers.push(d);
        let i = self.dossiers.len() - 1;
        self.record(i, Status::Submitted, Actor::Citizen, String::new(), now);
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
    /// `owner` is checked for the citizen's own acts; `fields` names what a
    /// supplement request lets the citizen edit.
    pub fn apply(
        &mut self,
        code: &str,
        owner: Option<&str>,
        event: Event,
        reason: &str,
        fields: Vec<String>,
        now: Millis,
    ) -> Result<Dossier, PortalError> {
        let i = self.index(code, owner)?;
        let to = transition(self.dossiers[i].status, event).ok_or(PortalError::NotAllowed)?;
        let actor = match event {
            Event::Withdraw | Event::SupplementAnswered | Event::Paid => Actor::Citizen,
            _ => Actor::Officer,
        };
        let d = &mut self.dossiers[i];
        match event {
            Event::RequestSupplement => {
                d.supplement_rounds += 1;
                d.supplement = Some(Supplement { reason: reason.to_string(), fields, asked: now });
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
        self.record(i, to, actor, reason.to_string(), now);
        Ok(self.dossiers[i].clone())
    }

    /// The citizen answers a supplement request with edited answers.
    pub fn answer_supplement(&mut self, code: &str, owner: &str, answers: Answers, note: &str, now: Millis) -> Result<Dossier, PortalError> {
        let i = self.index(code, Some(owner))?;
        if self.dossiers[i].status != Status::SupplementRequested {
            return Err(PortalError::NotAllowed);
        }
        let mut allowed = self.dossiers[i].supplement.as_ref().map(|s| s.fields.clone()).unwrap_or_default();
        allowed.push(SUPPLEMENT_DOC.to_string());
        for (k, v) in answers {
            // Only the fields the officer named may change.
            if allowed.contains(&k) {
                self.dossiers[i].answers.insert(k, v);
            }
        }
        self.apply(code, Some(owner), Event::SupplementAnswered, note, vec![], now)
    }

    /// Marks an inbox message read.
    pub fn mark_read(&mut self, owner: &str, id: u64) {
        if let Some(n) = self.inbox.get_mut(owner).and_then(|v| v.iter_mut().find(|n| n.id == id)) {
            n.read = true;
        }
    }

    /// The simulated agency: takes every automatic step that is due at `now`.
    /// Returns whether anything changed.
    pub fn tick(&mut self, now: Millis) -> bool {
        if self.step_ms <= 0 {
            return false;
        }
        let mut changed = false;
        for i in 0..self.dossiers.len() {
            // One step per dossier per tick, each after the delay.
            let d = &self.dossiers[i];
            if d.status.is_final() || now - d.last_at() < self.step_ms {
                continue;
            }
            if let Some((event, reason, fields)) = next_move(d) {
                let code = d.code.clone();
                changed |= self.apply(&code, None, event, &reason, fields, now).is_ok();
            }
        }
        changed
    }

    fn record(&mut self, i: usize, status: Status, actor: Actor, reason: String, now: Millis) {
        let owner = self.dossiers[i].owner.clone();
        let code = self.dossiers[i].code.clone();
        let prefs = self.prefs.get(&owner).cloned().unwrap_or_default();
        let (sent, flagged) = deliver(&code, status, &prefs, now);
        let id = self.next_id;
        self.next_id += 1;
        self.inbox.entry(owner).or_default().push(Notice { id, code, status, at: now, read: false, flagged });
        let d = &mut self.dossiers[i];
        d.status = status;
        d.history.push(Step { at: now, status, actor, reason, sent });
    }
}

/// The simulated agency's next move for a dossier, if it makes one by itself.
pub fn next_move(d: &Dossier) -> Option<(Event, String, Vec<String>)> {
    let none = || (String::new(), vec![]);
    let (event, (reason, fields)) = match d.status {
        Status::Submitted if d.corrections > 0 => (
            Event::Refuse,
            ("Thông tin đề nghị điều chỉnh khác với Cơ sở dữ liệu quốc gia về dân cư. Đề nghị điều chỉnh thông tin tại Công an cấp xã trước khi nộp lại.".to_string(), vec![]),
        ),
        Status::Submitted => (Event::Accept, none()),
        Status::Accepted => (Event::StartProcessing, none()),
        Status::Processing if !d.missing.is_empty() && d.supplement_rounds == 0 => {
            let names: Vec<&str> = d.missing.iter().map(|(_, t)| t.vi.as_str()).collect();
            (Event::RequestSupplement, (format!("Bổ sung: {}", names.join("; ")), d.missing.iter().map(|(f, _)| f.clone()).collect()))
        }
        Status::Processing if d.fee_vnd.is_some() && !d.paid => (Event::RequestPayment, none()),
        Status::Processing => (Event::Finish, none()),
        Status::Done => (Event::Deliver, none()),
        _ => return None,
    };
    Some((event, reason, fields))
}

/// The values a message about `d` is filled with. For SMS the amount is
/// written without diacritics (`10.000 d`).
pub fn facts(d: &Dossier, lang: Lang, for_sms: bool) -> Facts {
    let amount = d.fee_vnd.map(|v| money(v, lang)).unwrap_or_default();
    let reason = match &d.supplement {
        Some(s) => s.reason.clone(),
        None => d.history.last().map(|s| s.reason.clone()).unwrap_or_default(),
    };
    Facts {
        code: d.code.clone(),
        service: d.service.get(lang).to_string(),
        appointment: d.appointment.to_string(),
        amount: if for_sms { amount.replace('đ', "d") } else { amount },
        reason,
        link: format!("https://tokhai.vn/ho-so/{}", d.code),
    }
}

/// `a…@gmail.com`: an e-mail address as a timeline shows it.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((user, domain)) => format!("{}…@{domain}", user.chars().next().unwrap_or('…')),
        None => "…".into(),
    }
}

/// Sends the messages for one step, simulating delivery deterministically
/// from the code, status and channel: six in ten arrive; one fails for a
/// while and arrives on retry; one fails for good and the next channel is
/// tried; one is sent with no receipt yet; one ends undetermined. The inbox
/// always receives; it is flagged when a chosen SMS or e-mail failed for good
/// and the channel after it did not deliver either. Returns the messages and the flag.
pub fn deliver(code: &str, status: Status, prefs: &Prefs, now: Millis) -> (Vec<Sent>, bool) {
    let roll = |channel: Channel| fnv(format!("{code}/{}/{channel:?}", status.code()).as_bytes()) % 10;
    let mut sent = vec![];
    let mut send = |channel: Channel, fallback_from: bool| -> bool {
        let to = if channel == Channel::Sms { mask_phone(&prefs.phone) } else { mask_email(&prefs.email) };
        let (delivery, ok) = match roll(channel) {
            0 => (Delivery::PermanentFailure, false),
            1 => (Delivery::Sent, true), // handed to the carrier, no receipt yet
            3 => (Delivery::Unknown, true),
            2 => {
                // A temporary failure, retried once, then delivered.
                sent.push(Sent { channel, to: to.clone(), delivery: Delivery::TemporaryFailure, at: now, fallback: fallback_from });
                (Delivery::Delivered, true)
            }
            _ => (Delivery::Delivered, true),
        };
        sent.push(Sent { channel, to, delivery, at: now + 60_000, fallback: fallback_from });
        ok
    };
    let mut flagged = false;
    let mut emailed = false;
    if prefs.sms && prefs.phone_confirmed && !prefs.phone.is_empty() && !send(Channel::Sms, false) {
        // SMS failed for good: e-mail next (when there is an address), then the inbox, flagged.
        if fallback(Channel::Sms) == Some(Channel::Email) && !prefs.email.is_empty() {
            emailed = true;
            flagged = !send(Channel::Email, true);
        } else {
            flagged = true;
        }
    }
    if prefs.email_on && !prefs.email.is_empty() && !emailed && !send(Channel::Email, false) {
        flagged = true;
    }
    (sent, flagged)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = 1_795_500_000_000; // Tuesday 24/11/2026, 13:00 in Hà Nội

    fn sub(key: &str) -> Submission {
        Submission {
            key: key.into(),
            form: "dang-ky-thuong-tru".into(),
            service: Text { vi: "Đăng ký thường trú".into(), en: "Permanent residence".into() },
            agency: Text { vi: "Công an cấp xã".into(), en: "Commune police".into() },
            level: "xa".into(),
            owner: "001085004217".into(),
            province: 1,
            processing_days: 7,
            ..Default::default()
        }
    }

    #[test]
    fn clock_is_vietnam_time() {
        let (d, h, m) = vn_clock(NOW);
        assert_eq!((d.to_string().as_str(), h, m), ("24/11/2026", 13, 0));
        assert_eq!(vn_clock(0).1, 7, "midnight UTC is 07:00 in Hà Nội");
    }

    #[test]
    fn the_same_key_makes_one_dossier_and_sequences_count_per_unit_and_day() {
        let mut o = Office::default();
        let a = o.submit(sub("k1"), NOW);
        let again = o.submit(sub("k1"), NOW + 5_000);
        assert_eq!(a.code, again.code);
        assert_eq!(o.dossiers.len(), 1);
        let b = o.submit(sub("k2"), NOW);
        assert_eq!(a.code, "001.01.20.H01-261124-0001");
        assert_eq!(b.code, "001.01.20.H01-261124-0002");
        let next_day = o.submit(sub("k3"), NOW + 86_400_000);
        assert!(next_day.code.ends_with("-261125-0001"), "{}", next_day.code);
        assert_eq!(a.appointment.to_string(), "03/12/2026", "7 working days from Tue 24/11");
    }

    #[test]
    fn keys_follow_the_answers() {
        let mut x = Answers::new();
        x.insert("ho_ten".into(), Answer::Text("An".into()));
        let k = submission_key("1", "f", &x);
        assert_eq!(k, submission_key("1", "f", &x));
        assert_ne!(k, submission_key("2", "f", &x));
        x.insert("ho_ten".into(), Answer::Text("Bình".into()));
        assert_ne!(k, submission_key("1", "f", &x));
    }

    #[test]
    fn the_agency_walks_a_plain_dossier_to_its_result() {
        let mut o = Office::default();
        let code = o.submit(sub("k"), NOW).code;
        assert!(!o.tick(NOW + 1_000), "nothing before the delay");
        let mut t = NOW;
        let mut seen = vec![];
        for _ in 0..6 {
            t += DEFAULT_STEP_MS;
            o.tick(t);
            seen.push(o.get(&code).unwrap().status);
        }
        use Status::*;
        assert_eq!(seen, [Accepted, Processing, Done, Delivered, Delivered, Delivered]);
        assert_eq!(o.notices("001085004217").len(), 5, "one inbox message per status");
        assert_eq!(o.unread("001085004217"), 5);
    }

    #[test]
    fn a_missing_document_brings_one_supplement_round_then_the_fee() {
        let mut o = Office::default();
        let mut s = sub("k");
        s.missing = vec![("giay_to".into(), Text { vi: "Giấy tờ chỗ ở hợp pháp".into(), en: "Proof of lodging".into() })];
        s.fee_vnd = Some(20_000);
        s.online_fee_vnd = Some(10_000);
        let code = o.submit(s, NOW).code;
        let mut t = NOW;
        for _ in 0..3 {
            t += DEFAULT_STEP_MS;
            o.tick(t);
        }
        let d = o.get(&code).unwrap().clone();
        assert_eq!(d.status, Status::SupplementRequested);
        assert_eq!(d.supplement.as_ref().unwrap().fields, ["giay_to"]);
        assert!(d.supplement.as_ref().unwrap().reason.contains("Giấy tờ chỗ ở hợp pháp"));
        assert!(!o.tick(t + DEFAULT_STEP_MS * 5), "the agency waits for the citizen");
        // Someone else cannot answer it.
        assert_eq!(o.answer_supplement(&code, "079000000001", Answers::new(), "", t).unwrap_err(), PortalError::NotYours);
        // Answered three days later: the appointment moves by the working days waited.
        let later = t + 3 * 86_400_000; // Friday 27/11
        let mut edit = Answers::new();
        edit.insert("giay_to".into(), Answer::Text("x".into()));
        edit.insert("ho_ten".into(), Answer::Text("not allowed".into()));
        let d2 = o.answer_supplement(&code, "001085004217", edit, "Đã bổ sung", later).unwrap();
        assert_eq!(d2.status, Status::Processing);
        assert!(d2.answers.contains_key("giay_to") && !d2.answers.contains_key("ho_ten"));
        assert_eq!(d2.appointment.to_string(), "08/12/2026", "03/12 plus 3 working days waited");
        o.tick(later + DEFAULT_STEP_MS);
        let d3 = o.get(&code).unwrap();
        assert_eq!(d3.status, Status::PaymentRequested, "no second supplement; the fee is due");
        assert_eq!((d3.fee_vnd, d3.full_fee_vnd), (Some(10_000), Some(20_000)));
        assert!(!d3.overdue());
        o.apply(&code, Some("001085004217"), Event::Paid, "", vec![], later + DEFAULT_STEP_MS * 2).unwrap();
        o.tick(later + DEFAULT_STEP_MS * 3);
        assert_eq!(o.get(&code).unwrap().status, Status::Done);
    }

    #[test]
    fn a_second_supplement_request_is_overdue_and_disputes_are_refused() {
        let mut o = Office::default();
        let code = o.submit(sub("k"), NOW).code;
        for e in [Event::Accept, Event::StartProcessing, Event::RequestSupplement, Event::SupplementAnswered, Event::RequestSupplement] {
            o.apply(&code, None, e, "Ảnh chụp giấy tờ bị mờ", vec![], NOW).unwrap();
        }
        assert!(o.get(&code).unwrap().overdue());
        assert_eq!(o.apply(&code, None, Event::Deliver, "", vec![], NOW).unwrap_err(), PortalError::NotAllowed);
        let mut s = sub("k2");
        s.corrections = 1;
        let c2 = o.submit(s, NOW).code;
        o.tick(NOW + DEFAULT_STEP_MS);
        let d = o.get(&c2).unwrap();
        assert_eq!(d.status, Status::Refused);
        assert!(d.history.last().unwrap().reason.contains("Cơ sở dữ liệu quốc gia về dân cư"));
    }

    #[test]
    fn messages_go_to_the_chosen_channels_and_fall_back_when_sms_fails() {
        let prefs = Prefs { sms: true, phone: "0904217365".into(), phone_confirmed: true, email_on: false, email: "an@example.vn".into(), web_push: false };
        // Find a code whose SMS fails for good, and one whose SMS arrives.
        let mut failed = None;
        let mut fine = None;
        for n in 0..200 {
            let code = format!("001.01.20.H01-261124-{n:04}");
            let (sent, _) = deliver(&code, Status::Accepted, &prefs, NOW);
            match sent[0].delivery {
                Delivery::PermanentFailure if failed.is_none() => failed = Some(sent),
                Delivery::Delivered if fine.is_none() => fine = Some(sent),
                _ => {}
            }
        }
        // Every delivery status of the model occurs.
        let mut kinds = std::collections::HashSet::new();
        for n in 0..200 {
            let (sent, _) = deliver(&format!("001.01.20.H01-261124-{n:04}"), Status::Processing, &prefs, NOW);
            kinds.extend(sent.iter().map(|s| s.delivery));
        }
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        let failed = failed.expect("some SMS fail");
        assert_eq!(failed[1].channel, Channel::Email, "then e-mail");
        assert!(failed[1].fallback);
        assert_eq!(failed[0].to, "09x…365");
        let fine = fine.expect("most arrive");
        assert_eq!(fine.len(), 1, "no e-mail when SMS arrived and e-mail is off");
        // An unconfirmed phone gets nothing; the inbox is then the only channel.
        let (sent, flagged) = deliver("c", Status::Accepted, &Prefs { phone_confirmed: false, ..prefs.clone() }, NOW);
        assert!(sent.is_empty() && !flagged);
        assert_eq!(mask_email("an@example.vn"), "a…@example.vn");
    }

    #[test]
    fn withdrawal_is_the_citizens_and_final() {
        let mut o = Office::default();
        let code = o.submit(sub("k"), NOW).code;
        assert_eq!(o.apply(&code, Some("someone-else"), Event::Withdraw, "", vec![], NOW).unwrap_err(), PortalError::NotYours);
        let d = o.apply(&code, Some("001085004217"), Event::Withdraw, "Nộp nhầm thủ tục", vec![], NOW).unwrap();
        assert_eq!(d.status, Status::Withdrawn);
        assert_eq!(d.history.last().unwrap().actor, Actor::Citizen);
        assert!(d.allowed().is_empty());
        assert!(!o.tick(NOW + DEFAULT_STEP_MS * 10));
    }
}
