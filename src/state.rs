//! App state: each form in progress (answers, where each came from, the
//! consent decision, correction requests) in one `Reducible` with UI events as
//! [`Action`]; the interface language; and the signed-in identity. All are
//! provided as contexts. Drafts are written to storage by `hooks::use_keep`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::{Deref, DerefMut};
use std::rc::Rc;
use tokhai_core::drafts::{Filling, Unanswered};
use tokhai_core::identity::TokenClaims;
use tokhai_core::jws::TokenError;
use tokhai_core::portal::Submission;
use tokhai_core::prefill::{is_locked, CorrectionRequest, Provenance};
use tokhai_core::sources::{Record, Source};
use tokhai_core::{Answer, Answers, Lang};
use yew::prelude::*;

/// One form in progress: the [`Filling`] a draft stores (answers, where each
/// came from, consent, corrections, section, outbox; read through `Deref`),
/// and the dossier it became once sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormState {
    /// The form as it is being filled in.
    pub filling: Filling,
    /// The dossier these answers became, once sent (the answers are then cleared).
    pub submitted: Option<String>,
    /// What was typed into a field before the draft came in (on a page the
    /// app took over) where the draft holds a locked registry value: the
    /// registry value stays, and this is offered beside it as a correction
    /// the citizen may record, never recorded for them. In memory only.
    pub offered: BTreeMap<String, Answer>,
}

impl Deref for FormState {
    type Target = Filling;
    fn deref(&self) -> &Filling {
        &self.filling
    }
}

impl DerefMut for FormState {
    fn deref_mut(&mut self) -> &mut Filling {
        &mut self.filling
    }
}

/// Every form in progress, in memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Store {
    forms: HashMap<String, Rc<FormState>>,
    /// Counts changes: effects that follow the store depend on it.
    generation: u64,
}

/// What can happen to the forms.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The citizen sets (or clears, with `None`) one top-level answer. A
    /// registry answer that changes becomes "edited".
    Set { form: String, field: String, answer: Option<Answer> },
    /// The citizen agreed: registry answers are copied in (over nothing typed).
    Prefill { form: String, answers: Answers },
    /// The citizen declined prefill.
    Decline { form: String },
    /// A correction request for a locked registry value.
    Correct { form: String, request: CorrectionRequest },
    /// Locked answers restored from the verified token (they were changed on the page).
    Restore { form: String, answers: Answers },
    /// The answers were sent and became dossier `code`: forget them.
    Submitted { form: String, code: String },
    /// Forget everything (sign-out, end of an assisted session).
    Reset,
    /// The citizen opened a section of the form.
    Visit { form: String, section: String },
    /// A stored draft, put back around the answers this form already has
    /// here (those win); a section opened before it arrived stays the current one.
    Load { form: String, filling: Box<Filling> },
    /// Sent offline: the submission waits in the outbox. Until it is sent
    /// (or taken out with [`Action::Unqueue`]) the answers cannot change, so
    /// what is sent is what the citizen confirmed.
    Queued { form: String, submission: Box<Submission> },
    /// The waiting submission is taken out of the outbox, to change the answers.
    Unqueue { form: String },
    /// The other national databases the citizen agreed to share for this form.
    Consented { form: String, sources: BTreeSet<Source> },
    /// A source answered with these verified records, or gave nothing usable.
    Records { form: String, source: Source, result: Result<Vec<Record>, Unanswered> },
    /// The record of a source this form is about, where it holds several.
    Pick { form: String, source: Source, id: String },
    /// Answers from `source`: copied in over nothing typed, and over what the
    /// same source filled before and nobody changed (another record was picked).
    FromSource { form: String, source: Source, answers: Answers },
    /// The draft was deleted: forget the form.
    Forget { form: String },
}

impl Action {
    /// The form whose answers (or their provenance, consent, corrections) this changes.
    fn changes_answers(&self) -> Option<&str> {
        match self {
            Action::Set { form, .. }
            | Action::Prefill { form, .. }
            | Action::Decline { form }
            | Action::Correct { form, .. }
            | Action::Restore { form, .. }
            | Action::Pick { form, .. }
            | Action::FromSource { form, .. } => Some(form),
            _ => None,
        }
    }
}

impl Store {
    /// The state of `form` (empty if none).
    pub fn form(&self, form: &str) -> Rc<FormState> {
        self.forms.get(form).cloned().unwrap_or_default()
    }

    /// Every form in progress here.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Rc<FormState>)> {
        self.forms.iter()
    }

    /// The answers of `form` so far.
    pub fn answers(&self, form: &str) -> Rc<Answers> {
        self.form(form).answers.clone()
    }

    /// Changes so far (a new number after every action).
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone(); // clones Rc pointers only
        next.generation += 1;
        // Answers waiting in the outbox are frozen: every change to them is refused.
        if let Some(form) = action.changes_answers() {
            if next.form(form).outbox.is_some() {
                return self;
            }
        }
        let mut edit = |form: &str, f: &mut dyn FnMut(&mut FormState)| {
            f(Rc::make_mut(next.forms.entry(form.to_string()).or_default()));
        };
        match action {
            Action::Set { form, field, answer } => edit(&form, &mut |s| {
                // Stored as the registry keeps text: NFC (a decomposed keyboard
                // types "Nguye\u{302}\u{303}n"; it is kept as "Nguyễn").
                let answer = answer.clone().map(crate::services::text::nfc_answer);
                s.submitted = None;
                let s = &mut s.filling;
                let answers = Rc::make_mut(&mut s.answers);
                let changed = answers.get(&field) != answer.as_ref();
                match answer.clone().filter(|a| !a.is_empty()) {
                    Some(a) => answers.insert(field.clone(), a),
                    None => answers.remove(&field),
                };
                if changed && s.provenance.get(&field) == Some(&Provenance::Registry) {
                    s.provenance.insert(field.clone(), Provenance::Edited);
                }
            }),
            Action::Prefill { form, answers: registry } => edit(&form, &mut |s| {
                let s = &mut s.filling;
                s.consent = Some(true);
                let answers = Rc::make_mut(&mut s.answers);
                for (k, v) in &registry {
                    if !answers.contains_key(k) {
                        answers.insert(k.clone(), v.clone());
                        s.provenance.insert(k.clone(), Provenance::Registry);
                    }
                }
            }),
            Action::Decline { form } => edit(&form, &mut |s| s.consent = Some(false)),
            Action::Correct { form, request } => edit(&form, &mut |s| {
                s.corrections.retain(|c| c.field != request.field);
                s.corrections.push(request.clone());
            }),
            Action::Restore { form, answers: registry } => edit(&form, &mut |s| {
                let s = &mut s.filling;
                let answers = Rc::make_mut(&mut s.answers);
                for (k, v) in &registry {
                    answers.insert(k.clone(), v.clone());
                    s.provenance.insert(k.clone(), Provenance::Registry);
                }
            }),
            Action::Submitted { form, code } => {
                next.forms.insert(form, Rc::new(FormState { submitted: Some(code), ..FormState::default() }));
            }
            Action::Reset => next.forms.clear(),
            Action::Visit { form, section } => edit(&form, &mut |s| s.section = Some(section.clone())),
            Action::Load { form, filling } => {
                // The draft fills in around what is here already: an answer
                // given on this page (typed before the draft arrived, or
                // before the app took over a prerendered page) is never
                // overwritten, and a section opened meanwhile stays current.
                // A locked registry value of the draft is not replaced: what
                // was typed there is offered as a correction instead.
                let here = next.form(&form);
                let mut merged = *filling;
                let def = crate::services::forms::cached(&form);
                let mut offered = here.offered.clone(); // from an earlier draft's arrival
                for (k, v) in here.answers.iter() {
                    let field = def.as_ref().and_then(|d| d.field(k));
                    if field.is_some_and(|f| is_locked(f, merged.provenance.get(k).copied())) {
                        if merged.answers.get(k) != Some(v) && !v.is_empty() {
                            offered.insert(k.clone(), v.clone());
                        }
                        continue;
                    }
                    Rc::make_mut(&mut merged.answers).insert(k.clone(), v.clone());
                    match here.provenance.get(k) {
                        Some(p) => merged.provenance.insert(k.clone(), *p),
                        None => merged.provenance.remove(k),
                    };
                }
                merged.consent = here.consent.or(merged.consent);
                for c in &here.corrections {
                    merged.corrections.retain(|m| m.field != c.field);
                    merged.corrections.push(c.clone());
                }
                merged.section = here.section.clone().or(merged.section);
                merged.outbox = here.outbox.clone().or(merged.outbox);
                next.forms.insert(form, Rc::new(FormState { filling: merged, submitted: None, offered }));
            }
            Action::Queued { form, submission } => edit(&form, &mut |s| s.outbox = Some((*submission).clone())),
            Action::Unqueue { form } => edit(&form, &mut |s| s.outbox = None),
            Action::Consented { form, sources } => edit(&form, &mut |s| s.filling.sources.consented = sources.clone()),
            Action::Records { form, source, result } => edit(&form, &mut |s| {
                let s = &mut s.filling;
                s.sources.records.retain(|r| r.source != source);
                match &result {
                    Ok(records) => {
                        s.sources.records.extend(records.iter().cloned());
                        s.unanswered.remove(&source);
                    }
                    Err(why) => {
                        s.unanswered.insert(source, *why);
                    }
                }
            }),
            Action::Pick { form, source, id } => edit(&form, &mut |s| {
                s.filling.sources.picks.insert(source, id.clone());
            }),
            Action::FromSource { form, source, answers: given } => edit(&form, &mut |s| {
                let s = &mut s.filling;
                let from_before: Vec<String> = s
                    .origin
                    .iter()
                    .filter(|(k, o)| **o == source && s.provenance.get(*k) == Some(&Provenance::Registry))
                    .map(|(k, _)| k.clone())
                    .collect();
                let answers = Rc::make_mut(&mut s.answers);
                for k in &from_before {
                    answers.remove(k);
                    s.provenance.remove(k);
                    s.origin.remove(k);
                }
                for (k, v) in &given {
                    if !answers.contains_key(k) {
                        answers.insert(k.clone(), v.clone());
                        s.provenance.insert(k.clone(), Provenance::Registry);
                        s.origin.insert(k.clone(), source);
                    }
                }
            }),
            Action::Forget { form } => {
                next.forms.remove(&form);
            }
        }
        Rc::new(next)
    }
}

/// The store handle given to pages.
pub type StoreHandle = UseReducerHandle<Store>;

/// The interface language and a way to change it.
#[derive(Clone, Debug, PartialEq)]
pub struct LangCtx {
    /// Current language.
    pub lang: Lang,
    /// Switch language.
    pub set: Callback<Lang>,
}

/// Where sign-in stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Auth {
    /// A token is being checked.
    Checking,
    /// Not signed in; with the reason when a token was just refused.
    SignedOut(Option<TokenError>),
    /// Signed in with these verified claims.
    SignedIn(Rc<TokenClaims>),
}

/// The identity context: state plus sign-in (with a token) and sign-out.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthCtx {
    /// Current state.
    pub auth: Auth,
    /// Check a token and sign in with it.
    pub sign_in: Callback<String>,
    /// Forget the token and every answer on this device.
    pub sign_out: Callback<()>,
}

impl AuthCtx {
    /// The verified claims, when signed in.
    pub fn claims(&self) -> Option<Rc<TokenClaims>> {
        match &self.auth {
            Auth::SignedIn(c) => Some(c.clone()),
            _ => None,
        }
    }
}

/// The current language (Vietnamese outside a provider).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<LangCtx>().map(|c| c.lang).unwrap_or_default()
}

/// The answer store. Pages are always rendered inside the app's provider.
#[hook]
pub fn use_store() -> Option<StoreHandle> {
    use_context::<StoreHandle>()
}

/// The verified claims, when signed in.
#[hook]
pub fn use_claims() -> Option<Rc<TokenClaims>> {
    use_context::<AuthCtx>().and_then(|a| a.claims())
}
