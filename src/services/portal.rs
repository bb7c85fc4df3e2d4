//! The portal boundary. [`Portal`] is what Tờ Khai asks of the national
//! public service portal; [`PortalClient`] is the one the app uses, chosen by
//! configuration ([`PortalClient::configured`]):
//! - [`LocalPortal`], the embedded default: the simulated agency of
//!   `tokhai_core::portal::Office`, kept in `localStorage` so it survives
//!   reloads and is shared by the tabs of this browser (as a server would be);
//! - [`HttpPortal`], a portal server speaking `docs/portal-api.md`.
//!
//! Pages read the portal through the context of `hooks::use_portal` (a
//! `tokhai_core::view::View`) and act through its client; none of them knows
//! which portal answers.

use super::json;
pub use super::portal_http::{HttpPortal, Watch};
use tokhai_core::dossier::Event;
use tokhai_core::linked::{Group, PartId};
use tokhai_core::portal::{Dossier, Millis, Notice, Office, PortalError, Prefs, Submission, OFFICE_VERSION};
pub use tokhai_core::view::{GroupView, View};
use tokhai_core::{Answers, FormDef};
use wasm_bindgen::JsValue;

/// `localStorage` key of the simulated portal.
pub const OFFICE_KEY: &str = "tokhai.portal";

/// Why a portal request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortalFailure {
    /// The portal refused it.
    Refused(PortalError),
    /// The browser would not store it (private mode, storage full): nothing was sent.
    Storage,
    /// The device is offline: nothing reached the portal.
    Offline,
    /// The portal server did not answer, answered with an error, or asked to
    /// wait (timeout, 5xx, 429): nothing is known to be recorded; safe to retry.
    Unavailable,
    /// The sign-in is missing or has expired (401): sign in again, then retry.
    SignIn,
    /// The portal could not take the request as sent (400, 413, 422).
    Invalid,
    /// This portal does not offer the request (a server without linked filings).
    Unsupported,
}

impl From<PortalError> for PortalFailure {
    fn from(e: PortalError) -> Self {
        PortalFailure::Refused(e)
    }
}

/// What Tờ Khai asks of the portal. Every method is asynchronous, as an HTTP
/// implementation would be; `owner` is the verified token's subject.
#[allow(async_fn_in_trait)]
pub trait Portal {
    /// Files a dossier; the same idempotency key returns the dossier made before.
    async fn submit(&self, s: Submission) -> Result<Dossier, PortalFailure>;
    /// Files a linked submission (`form` is one of the two linked forms) as one
    /// parent group with the `chosen` parts: one code and receipt, the
    /// registration filed now, the other parts waiting for its result. The
    /// same idempotency key returns the group made before.
    async fn submit_group(&self, s: Submission, form: &FormDef, chosen: &[PartId]) -> Result<Group, PortalFailure>;
    /// The linked group with `code` and where each part stands (its dossier
    /// once started). Like [`Portal::status`], public: lookup shows only the
    /// parts' statuses and dates.
    async fn group(&self, code: &str) -> Result<GroupView, PortalFailure>;
    /// A dossier by code. Lookup needs no sign-in: over HTTP this is the public
    /// view of `docs/portal-api.md` (status, dates, steps); the lookup page shows
    /// only those parts.
    async fn status(&self, code: &str) -> Result<Dossier, PortalFailure>;
    /// Answers a supplement request with the edited fields.
    async fn answer_supplement(
        &self,
        code: &str,
        owner: &str,
        answers: Answers,
        note: &str,
    ) -> Result<Dossier, PortalFailure>;
    /// Pays the fee due.
    async fn pay(&self, code: &str, owner: &str, method: &str) -> Result<Dossier, PortalFailure>;
    /// Withdraws the dossier, with the citizen's reason.
    async fn withdraw(&self, code: &str, owner: &str, reason: &str) -> Result<Dossier, PortalFailure>;
    /// The citizen's inbox, newest first.
    async fn notifications(&self, owner: &str) -> Result<Vec<Notice>, PortalFailure>;
    /// Marks inbox messages read.
    async fn mark_read(&self, owner: &str, ids: &[u64]) -> Result<(), PortalFailure>;
    /// Saves how the citizen wants to be told.
    async fn set_prefs(&self, owner: &str, prefs: Prefs) -> Result<(), PortalFailure>;
}

/// The embedded simulated portal.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LocalPortal;

/// Now, in milliseconds.
pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

thread_local! {
    /// The last record read or written, with its text.
    static LAST: std::cell::RefCell<Option<(String, Office)>> = const { std::cell::RefCell::new(None) };
}

/// What was found in storage.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// A readable record (or none yet).
    Ok(Office),
    /// A record that could not be read; kept aside under the returned key, a new one started.
    /// (There is one record version so far; a future version adds its migration here.)
    Recovered(Office, String),
}

/// Reads the portal's record. A corrupt or unknown-version record is never
/// dropped: it is copied aside (`tokhai.portal.unreadable.<ms>`, one per
/// occurrence) and reported.
/// The app reads the record every two seconds; unchanged text is not parsed again.
pub fn load() -> Loaded {
    let Some(raw) = storage().and_then(|s| s.get_item(OFFICE_KEY).ok().flatten()) else {
        return Loaded::Ok(Office::default());
    };
    if let Some(o) = LAST.with_borrow(|last| last.as_ref().filter(|(text, _)| *text == raw).map(|(_, o)| o.clone())) {
        return Loaded::Ok(o);
    }
    match json::parse::<Office>(&raw) {
        Ok(o) if o.version == OFFICE_VERSION => {
            LAST.set(Some((raw, o.clone())));
            Loaded::Ok(o)
        }
        _ => {
            let mut aside = format!("{OFFICE_KEY}.unreadable.{}", now());
            if let Some(s) = storage() {
                while s.get_item(&aside).ok().flatten().is_some() {
                    aside.push('+'); // never overwrite an earlier one
                }
                let _ = s.set_item(&aside, &raw);
                let _ = s.remove_item(OFFICE_KEY);
            }
            Loaded::Recovered(Office::default(), aside)
        }
    }
}

impl Loaded {
    /// The record, and where an unreadable one was kept aside.
    pub fn into_parts(self) -> (Office, Option<String>) {
        match self {
            Loaded::Ok(o) => (o, None),
            Loaded::Recovered(o, key) => (o, Some(key)),
        }
    }
}

/// The record, whatever was found.
pub fn office() -> Office {
    load().into_parts().0
}

/// Writes the record. Fails when storage is refused or full.
pub fn save(office: &Office) -> Result<(), PortalFailure> {
    let text = json::stringify(office).ok_or(PortalFailure::Storage)?;
    storage()
        .ok_or(PortalFailure::Storage)?
        .set_item(OFFICE_KEY, &text)
        .map_err(|_: JsValue| PortalFailure::Storage)?;
    LAST.set(Some((text, office.clone())));
    Ok(())
}

/// Loads, changes and saves the record in one step.
pub fn update<T>(f: impl FnOnce(&mut Office) -> Result<T, PortalError>) -> Result<T, PortalFailure> {
    let mut o = office();
    let out = f(&mut o)?;
    save(&o)?;
    Ok(out)
}

impl Portal for LocalPortal {
    async fn submit(&self, s: Submission) -> Result<Dossier, PortalFailure> {
        // The simulated portal stands for a remote one: offline, nothing reaches it.
        if !super::http::reachable().await {
            return Err(PortalFailure::Offline);
        }
        update(|o| Ok(o.submit(s, now())))
    }

    async fn submit_group(&self, s: Submission, form: &FormDef, chosen: &[PartId]) -> Result<Group, PortalFailure> {
        if !super::http::reachable().await {
            return Err(PortalFailure::Offline);
        }
        update(|o| o.submit_group(s, form, chosen, now()))
    }

    async fn group(&self, code: &str) -> Result<GroupView, PortalFailure> {
        View::whole(office()).group(code).ok_or(PortalFailure::Refused(PortalError::NotFound))
    }

    async fn status(&self, code: &str) -> Result<Dossier, PortalFailure> {
        office().get(code).cloned().ok_or(PortalFailure::Refused(PortalError::NotFound))
    }

    async fn answer_supplement(
        &self,
        code: &str,
        owner: &str,
        answers: Answers,
        note: &str,
    ) -> Result<Dossier, PortalFailure> {
        update(|o| o.answer_supplement(code, owner, answers, note, now()))
    }

    async fn pay(&self, code: &str, owner: &str, method: &str) -> Result<Dossier, PortalFailure> {
        update(|o| o.apply(code, Some(owner), Event::Paid, method, vec![], now()))
    }

    async fn withdraw(&self, code: &str, owner: &str, reason: &str) -> Result<Dossier, PortalFailure> {
        update(|o| o.apply(code, Some(owner), Event::Withdraw, reason, vec![], now()))
    }

    async fn notifications(&self, owner: &str) -> Result<Vec<Notice>, PortalFailure> {
        Ok(office().notices(owner))
    }

    async fn mark_read(&self, owner: &str, ids: &[u64]) -> Result<(), PortalFailure> {
        update(|o| {
            ids.iter().for_each(|id| o.mark_read(owner, *id));
            Ok(())
        })
    }

    async fn set_prefs(&self, owner: &str, prefs: Prefs) -> Result<(), PortalFailure> {
        update(|o| {
            o.prefs.insert(owner.to_string(), prefs);
            Ok(())
        })
    }
}

/// Forgets on this device what the embedded portal holds of these residents
/// (see `Office::forget`), and the in-memory copy of the record. Returns
/// false when the record could not be written.
pub fn forget(owners: &[String]) -> bool {
    let ok = owners.is_empty()
        || update(|o| {
            owners.iter().for_each(|w| {
                o.forget(w);
            });
            Ok(())
        })
        .is_ok();
    LAST.set(None);
    ok
}

/// The portal the app talks to.
#[derive(Clone, Debug, PartialEq)]
pub enum PortalClient {
    /// The embedded simulated portal (the default).
    Local,
    /// A portal server.
    Http(HttpPortal),
}

/// The page's `<meta name="tokhai-portal">`: the portal server's address,
/// written by the build from `TOKHAI_PORTAL_URL` (absent: the embedded portal).
pub const META: &str = "tokhai-portal";

impl PortalClient {
    /// The portal this page is configured for: a server when the page names an
    /// `http(s)` address in its `tokhai-portal` meta element, else the embedded one.
    pub fn configured() -> PortalClient {
        // The prerenderer (native) renders with the embedded portal: nothing is read then.
        if !cfg!(target_arch = "wasm32") {
            return PortalClient::Local;
        }
        let url = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&format!("meta[name='{META}']")).ok().flatten())
            .and_then(|m| m.get_attribute("content"))
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
        match url {
            Some(u) => PortalClient::Http(HttpPortal::new(&u)),
            None => PortalClient::Local,
        }
    }

    /// Whether this is the embedded portal (its simulated agency runs in the page).
    pub fn is_local(&self) -> bool {
        matches!(self, PortalClient::Local)
    }

    /// What `owner` sees of the portal now.
    pub async fn view(&self, owner: &str) -> Result<View, PortalFailure> {
        match self {
            PortalClient::Local => Ok(View::of(&office(), owner)),
            PortalClient::Http(h) => h.view(owner).await,
        }
    }

    /// Everyone's dossiers, as the officers see them (`key`: the officers'
    /// credential; the embedded portal needs none).
    pub async fn officer_view(&self, key: &str) -> Result<View, PortalFailure> {
        match self {
            PortalClient::Local => Ok(View::whole(office())),
            PortalClient::Http(h) => h.officer_view(key).await,
        }
    }

    /// Turns the embedded agency's automatic steps on or off (a portal
    /// server's agency is set on the server: `PORTAL_AGENCY_STEP_MS`).
    pub fn set_auto_agency(&self, on: bool) -> Result<(), PortalFailure> {
        match self {
            PortalClient::Local => update(|o| {
                o.step_ms = if on { tokhai_core::portal::DEFAULT_STEP_MS } else { 0 };
                Ok(())
            }),
            PortalClient::Http(_) => Err(PortalFailure::Unsupported),
        }
    }

    /// An officer's act on a dossier.
    pub async fn officer_event(
        &self,
        key: &str,
        code: &str,
        event: Event,
        reason: &str,
        fields: Vec<String>,
    ) -> Result<Dossier, PortalFailure> {
        match self {
            PortalClient::Local => update(|o| o.apply(code, None, event, reason, fields, now())),
            PortalClient::Http(h) => h.officer_event(key, code, event, reason, fields).await,
        }
    }
}

impl Portal for PortalClient {
    async fn submit(&self, s: Submission) -> Result<Dossier, PortalFailure> {
        match self {
            PortalClient::Local => LocalPortal.submit(s).await,
            PortalClient::Http(h) => h.submit(s).await,
        }
    }

    async fn submit_group(&self, s: Submission, form: &FormDef, chosen: &[PartId]) -> Result<Group, PortalFailure> {
        match self {
            PortalClient::Local => LocalPortal.submit_group(s, form, chosen).await,
            PortalClient::Http(h) => h.submit_group(s, chosen).await,
        }
    }

    async fn group(&self, code: &str) -> Result<GroupView, PortalFailure> {
        match self {
            PortalClient::Local => LocalPortal.group(code).await,
            PortalClient::Http(h) => h.group(code).await,
        }
    }

    async fn status(&self, code: &str) -> Result<Dossier, PortalFailure> {
        match self {
            PortalClient::Local => LocalPortal.status(code).await,
            PortalClient::Http(h) => h.status(code).await,
        }
    }

    async fn answer_supplement(
        &self,
        code: &str,
        owner: &str,
        answers: Answers,
        note: &str,
    ) -> Result<Dossier, PortalFailure> {
        match self {
            PortalClient::Local => LocalPortal.answer_supplement(code, owner, answers, note).await,
            PortalClient::Http(h) => h.answer_supplement(code, answers, note).await,
        }
    }

    async fn pay(&self, code: &str, owner: &str, method: &str) -> Result<Dossier, PortalFailure> {
        match self {
            PortalClient::Local => LocalPortal.pay(code, owner, method).await,
            PortalClient::Http(h) => h.pay(code, method).await,
        }
    }

    async fn withdraw(&self, code: &str, owner: &str, reason: &str) -> Result<Dossier, PortalFailure> {
        match self {
            PortalClient::Local => LocalPortal.withdraw(code, owner, reason).await,
            PortalClient::Http(h) => h.withdraw(code, reason).await,
        }
    }

    async fn notifications(&self, owner: &str) -> Result<Vec<Notice>, PortalFailure> {
        match self {
            PortalClient::Local => LocalPortal.notifications(owner).await,
            PortalClient::Http(h) => h.notifications().await,
        }
    }

    async fn mark_read(&self, owner: &str, ids: &[u64]) -> Result<(), PortalFailure> {
        match self {
            PortalClient::Local => LocalPortal.mark_read(owner, ids).await,
            PortalClient::Http(h) => h.mark_read(ids).await,
        }
    }

    async fn set_prefs(&self, owner: &str, prefs: Prefs) -> Result<(), PortalFailure> {
        match self {
            PortalClient::Local => LocalPortal.set_prefs(owner, prefs).await,
            PortalClient::Http(h) => h.set_prefs(&prefs).await,
        }
    }
}
