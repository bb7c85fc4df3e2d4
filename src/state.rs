//! App state: each form in progress (answers, where each came from, the
//! consent decision, correction requests) in one `Reducible` with UI events as
//! [`Action`]; the interface language; and the signed-in identity. All are
//! provided as contexts. Drafts are written to storage by `hooks::use_keep`.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use tokhai_core::identity::TokenClaims;
use tokhai_core::jws::TokenError;
use tokhai_core::portal::Submission;
use tokhai_core::prefill::{CorrectionRequest, Provenance};
use tokhai_core::{Answer, Answers, Lang};
use yew::prelude::*;

/// One form in progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormState {
    /// Answers by field id.
    pub answers: Rc<Answers>,
    /// Where each answer came from (absent: typed).
    pub provenance: BTreeMap<String, Provenance>,
    /// `Some(true)` agreed to prefill, `Some(false)` declined, `None` not asked yet.
    pub consent: Option<bool>,
    /// Requests to correct registry values, attached to the dossier.
    pub corrections: Vec<CorrectionRequest>,
    /// The dossier these answers became, once sent (the answers are then cleared).
    pub submitted: Option<String>,
    /// Section last open (to resume there).
    pub section: Option<String>,
    /// Sent while offline: waits in the outbox ("chờ gửi").
    pub outbox: Option<Submission>,
}

impl FormState {
    /// Where the answer to `field` came from.
    pub fn source(&self, field: &str) -> Provenance {
        self.provenance.get(field).copied().unwrap_or(Provenance::Typed)
    }
}

/// Every form in progress, in memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Store {
    forms: HashMap<String, Rc<FormState>>,
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
    Load { form: String, state: FormState },
    /// Sent offline: the submission waits in the outbox.
    Queued { form: String, submission: Submission },
    /// The draft was deleted: forget the form.
    Forget { form: String },
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
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone(); // clones Rc pointers only
        let mut edit = |form: &str, f: &mut dyn FnMut(&mut FormState)| {
            f(Rc::make_mut(next.forms.entry(form.to_string()).or_default()));
        };
        match action {
            Action::Set { form, field, answer } => edit(&form, &mut |s| {
                // Stored as the registry keeps text: NFC (a decomposed keyboard
                // types "Nguye\u{302}\u{303}n"; it is kept as "Nguyễn").
                let answer = answer.clone().map(crate::services::text::nfc_answer);
                s.submitted = None;
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
            Action::Load { form, state } => {
                // The draft fills in around what is here already: an answer
                // given on this page (typed before the draft arrived, or
                // before the app took over a prerendered page) is never
                // overwritten, and a section opened meanwhile stays current.
                let here = next.form(&form);
                let mut merged = state;
                let answers = Rc::make_mut(&mut merged.answers);
                for (k, v) in here.answers.iter() {
                    answers.insert(k.clone(), v.clone());
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
                next.forms.insert(form, Rc::new(merged));
            }
            Action::Queued { form, submission } => edit(&form, &mut |s| s.outbox = Some(submission.clone())),
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
