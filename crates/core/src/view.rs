//! What the pages read of the portal: one [`View`], whichever portal answers.
//!
//! The embedded portal builds it from its record ([`View::of`]: what one
//! signed-in citizen may see; [`View::whole`]: everything, for the tester
//! console); a portal server's answers build it too ([`View::from_server`]:
//! `GET /dossiers`, `GET /groups`, `GET /notifications`, `GET /preferences`). Pages ask it
//! questions (my dossiers, one dossier, a linked group with its parts, the
//! inbox, unread messages, preferences, signed results) and never see how the
//! portal keeps its records.

use crate::date::Date;
use crate::dossier::Status;
use crate::linked::{Group, GroupId, PartId, PartState, Registered};
use crate::portal::{Actor, Dossier, Issued, Millis, Notice, Office, Prefs, Step};
use crate::schema::Text;
use serde::{Deserialize, Serialize};

/// A linked group and its parts, as the portal answers for it.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupView {
    /// The group (its answers are the owner's: the public lookup never shows them).
    pub group: Group,
    /// Each part, registration first, with its dossier once started.
    pub parts: Vec<(PartId, PartState, Option<Dossier>)>,
}

/// A snapshot of the portal as the pages read it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    office: Office,
}

impl View {
    /// Everything the embedded record holds (the tester console, which acts as
    /// the agency's officers).
    pub fn whole(office: Office) -> View {
        View { office }
    }

    /// What `owner` may see of the embedded record: their dossiers, groups,
    /// inbox, preferences and results, and nobody else's.
    pub fn of(office: &Office, owner: &str) -> View {
        let dossiers: Vec<Dossier> = office.dossiers.iter().filter(|d| d.owner == owner).cloned().collect();
        let results =
            office.results.iter().filter(|(code, _)| dossiers.iter().any(|d| &d.code == *code)).map(clone2).collect();
        View {
            office: Office {
                groups: office.groups.iter().filter(|g| g.owner == owner).cloned().collect(),
                inbox: office.inbox.iter().filter(|(o, _)| *o == owner).map(clone2).collect(),
                prefs: office.prefs.iter().filter(|(o, _)| *o == owner).map(clone2).collect(),
                results,
                dossiers,
                step_ms: office.step_ms,
                ..Office::default()
            },
        }
    }

    /// What a portal server answered for `owner`: their dossiers, linked
    /// groups and inbox (all newest first, as the server sends them) and saved
    /// preferences. A group's parts are among the dossiers.
    /// A server keeps no linked groups or signed results for the app yet.
    pub fn from_server(
        owner: &str,
        mut dossiers: Vec<Dossier>,
        mut groups: Vec<Group>,
        mut notices: Vec<Notice>,
        prefs: Option<Prefs>,
    ) -> View {
        dossiers.reverse();
        groups.reverse();
        notices.reverse();
        let mut office = Office { dossiers, groups, step_ms: 0, ..Office::default() };
        office.inbox.insert(owner.to_string(), notices);
        if let Some(p) = prefs {
            office.prefs.insert(owner.to_string(), p);
        }
        View { office }
    }

    /// Lists of dossiers and linked groups, newest first, as a portal server gives its officers.
    pub fn listing(mut dossiers: Vec<Dossier>, mut groups: Vec<Group>) -> View {
        dossiers.reverse();
        groups.reverse();
        View { office: Office { dossiers, groups, step_ms: 0, ..Office::default() } }
    }

    /// Every dossier in the view, newest first (the console).
    pub fn dossiers(&self) -> impl Iterator<Item = &Dossier> {
        self.office.dossiers.iter().rev()
    }

    /// Every linked group in the view with its parts, newest first (the console).
    pub fn groups(&self) -> Vec<GroupView> {
        self.office.groups.iter().rev().filter_map(|g| self.group(&g.code)).collect()
    }

    /// The dossier with `code`.
    pub fn get(&self, code: &str) -> Option<&Dossier> {
        self.office.get(code)
    }

    /// The owner's dossiers, newest first.
    pub fn mine(&self, owner: &str) -> Vec<&Dossier> {
        self.office.mine(owner)
    }

    /// The linked group `code` (also its registration's dossier code) with its parts.
    pub fn group(&self, code: &str) -> Option<GroupView> {
        let group = self.office.group(code)?.clone();
        let parts = self.office.parts(code).into_iter().map(|v| (v.id, v.state.clone(), v.dossier.cloned())).collect();
        Some(GroupView { group, parts })
    }

    /// The owner's inbox, newest first.
    pub fn notices(&self, owner: &str) -> Vec<Notice> {
        self.office.notices(owner)
    }

    /// The id of the owner's newest message (0 for none).
    pub fn newest_notice(&self, owner: &str) -> u64 {
        self.office.inbox.get(owner).and_then(|v| v.iter().map(|n| n.id).max()).unwrap_or(0)
    }

    /// Unread inbox messages.
    pub fn unread(&self, owner: &str) -> usize {
        self.office.unread(owner)
    }

    /// The owner's saved preferences.
    pub fn prefs(&self, owner: &str) -> Option<&Prefs> {
        self.office.prefs.get(owner)
    }

    /// The owner's preferences, or the defaults from the identity's contact details.
    pub fn prefs_or(&self, owner: &str, phone: Option<&str>, email: Option<&str>) -> Prefs {
        self.office.prefs_or(owner, phone, email)
    }

    /// The signed result of dossier `code`.
    pub fn result(&self, code: &str) -> Option<&Issued> {
        self.office.results.get(code)
    }

    /// The owner's signed results, newest first, with their dossiers.
    pub fn results_of(&self, owner: &str) -> Vec<(&Dossier, &Issued)> {
        self.office.results_of(owner)
    }

    /// The simulated agency's delay between automatic steps (0: officers move dossiers).
    pub fn step_ms(&self) -> Millis {
        self.office.step_ms
    }
}

/// A step as the public lookup shows it: status, time and actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicStep {
    /// When.
    pub at: Millis,
    /// The status it reached.
    pub status: Status,
    /// Who moved it.
    pub actor: Actor,
}

/// What the public lookup by code shows (`GET /dossiers/{code}` without the
/// owner's token): no owner, answers, fees, reasons or messages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicDossier {
    /// The dossier's code.
    pub code: String,
    /// The service.
    pub service: Text,
    /// The receiving agency.
    pub agency: Text,
    /// When it was received.
    pub received: Millis,
    /// The appointment for the result.
    pub appointment: Date,
    /// Where it stands.
    pub status: Status,
    /// Each step's status, time and actor.
    pub history: Vec<PublicStep>,
}

impl From<Dossier> for PublicDossier {
    fn from(d: Dossier) -> Self {
        PublicDossier {
            code: d.code,
            service: d.service,
            agency: d.agency,
            received: d.received,
            appointment: d.appointment,
            status: d.status,
            history: d.history.into_iter().map(|s| PublicStep { at: s.at, status: s.status, actor: s.actor }).collect(),
        }
    }
}

/// What the public lookup gives of a linked group (`GET /groups/{code}`
/// without its owner's token): per part its key, state and the public subset
/// of its dossier. Never the combined answers, the owner, the registration's
/// number or the child's new personal ID.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicGroup {
    /// The group's code (also its registration's).
    pub code: String,
    /// Which linked procedure.
    pub group: GroupId,
    /// The combined form.
    pub form: String,
    /// When it was received.
    pub received: Millis,
    /// The ceiling date at receipt.
    pub ceiling: Option<Date>,
    /// When the registration was done, once it is.
    pub registered: Option<Millis>,
    /// The parts, registration first.
    pub parts: Vec<PublicPart>,
}

/// One part of a [`PublicGroup`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicPart {
    /// Which part.
    pub id: PartId,
    /// Where it stands.
    pub state: PartState,
    /// Its dossier's public subset, once started.
    pub dossier: Option<PublicDossier>,
}

impl From<GroupView> for PublicGroup {
    fn from(v: GroupView) -> Self {
        PublicGroup {
            code: v.group.code,
            group: v.group.group,
            form: v.group.form,
            received: v.group.received,
            ceiling: v.group.ceiling,
            registered: v.group.registered.map(|r| r.at),
            parts: v
                .parts
                .into_iter()
                .map(|(id, state, d)| PublicPart { id, state, dossier: d.map(PublicDossier::from) })
                .collect(),
        }
    }
}

impl PublicGroup {
    /// A group view holding only what the lookup shows (everything personal empty).
    pub fn into_view(self) -> GroupView {
        let parts: Vec<(PartId, PartState, Option<Dossier>)> =
            self.parts.into_iter().map(|p| (p.id, p.state, p.dossier.map(PublicDossier::into_dossier))).collect();
        GroupView {
            group: Group {
                code: self.code,
                key: String::new(),
                group: self.group,
                form: self.form,
                owner: String::new(),
                received: self.received,
                ceiling: self.ceiling,
                province: 0,
                answers: Default::default(),
                helper: None,
                parts: parts
                    .iter()
                    .map(|(id, state, _)| crate::linked::Part { id: *id, state: state.clone(), missing: vec![] })
                    .collect(),
                registered: self.registered.map(|at| Registered { at, number: String::new(), personal_id: None }),
            },
            parts,
        }
    }
}

impl PublicDossier {
    /// A dossier holding only what the lookup shows (everything personal empty),
    /// for the pages that draw a dossier's timeline.
    pub fn into_dossier(self) -> Dossier {
        Dossier {
            code: self.code,
            key: String::new(),
            form: String::new(),
            service: self.service,
            agency: self.agency,
            owner: String::new(),
            received: self.received,
            appointment: self.appointment,
            status: self.status,
            answers: Default::default(),
            fee_vnd: None,
            full_fee_vnd: None,
            paid: false,
            missing: vec![],
            corrections: 0,
            supplement: None,
            supplement_rounds: 0,
            helper: None,
            channel: 2,
            history: self
                .history
                .into_iter()
                .map(|s| Step {
                    at: s.at,
                    status: s.status,
                    actor: s.actor,
                    reason: Default::default(),
                    sent: vec![],
                    said: None,
                })
                .collect(),
            part_of: None,
        }
    }
}

fn clone2<K: Clone, V: Clone>((k, v): (&K, &V)) -> (K, V) {
    (k.clone(), v.clone())
}
