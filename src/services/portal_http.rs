//! The portal over HTTP: `docs/portal-api.md` spoken to a portal server
//! (`crates/portal-server`). Chosen by the page's
//! `<meta name="tokhai-portal" content="https://…">`, which the build writes
//! from `TOKHAI_PORTAL_URL` (see `PortalClient::configured`).
//!
//! Every citizen request carries the identity token of this tab as
//! `Authorization: Bearer …`, never in a URL; the owner is whatever the
//! server reads from it. Live status comes by Server-Sent Events: the token is
//! first traded for a one-use ticket (`POST /events/ticket`), because an
//! `EventSource` cannot send a header.

use super::files;
use super::identity;
use super::json;
use super::portal::PortalFailure;
use gloo::timers::callback::Timeout;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use tokhai_core::answers::files_mut;
use tokhai_core::dossier::Event;
use tokhai_core::linked::{Group, PartId};
use tokhai_core::portal::{Dossier, Notice, PortalError, Prefs, Reason, Submission};
use tokhai_core::view::{GroupView, PublicDossier, PublicGroup, View};
use tokhai_core::{Answers, FileMeta};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long a request may take before it counts as the server not answering.
pub const TIMEOUT_MS: u32 = 15_000;

/// Who a request is made as.
#[derive(Clone, Copy)]
enum As<'a> {
    /// The signed-in citizen (the token of this tab; none is [`PortalFailure::SignIn`]).
    Citizen,
    /// The citizen if signed in, else nobody (the public lookup).
    Anyone,
    /// An officer, with the officers' credential.
    Officer(&'a str),
}

/// A portal server at `base` (no trailing slash).
#[derive(Clone, Debug, PartialEq)]
pub struct HttpPortal {
    base: Rc<str>,
}

impl HttpPortal {
    /// The server at `base`.
    pub fn new(base: &str) -> HttpPortal {
        HttpPortal { base: base.trim_end_matches('/').into() }
    }

    /// Its address.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// One request: the body of a 2xx answer (empty for 204).
    async fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
        who: As<'_>,
        key: Option<&str>,
    ) -> Result<String, PortalFailure> {
        let body = body.map(|b| (JsValue::from_str(&b), "application/json"));
        let extra: Vec<(&str, &str)> = key.map(|k| ("Idempotency-Key", k)).into_iter().collect();
        match self.send(method, path, body, who, &extra).await? {
            (200..=299, text) => Ok(text),
            (status, _) => Err(failure(status)),
        }
    }

    /// One request, whatever its answer: the status and the body's text.
    async fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<(JsValue, &str)>,
        who: As<'_>,
        extra: &[(&str, &str)],
    ) -> Result<(u16, String), PortalFailure> {
        let window = web_sys::window().ok_or(PortalFailure::Unavailable)?;
        let headers = web_sys::Headers::new().map_err(|_| PortalFailure::Unavailable)?;
        let bearer = match who {
            As::Citizen => Some(identity::stored_token().ok_or(PortalFailure::SignIn)?),
            As::Anyone => identity::stored_token(),
            As::Officer(k) => Some(k.to_string()),
        };
        if let Some(t) = bearer {
            let _ = headers.set("Authorization", &format!("Bearer {t}"));
        }
        if let Some((_, kind)) = &body {
            let _ = headers.set("Content-Type", kind);
        }
        for (name, value) in extra {
            let _ = headers.set(name, value);
        }
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        init.set_headers(&headers);
        init.set_cache(web_sys::RequestCache::NoStore);
        if let Some((b, _)) = &body {
            init.set_body(b);
        }
        let url = format!("{}{path}", self.base);
        let timer = super::http::time_limit(&init, TIMEOUT_MS).map_err(|_| PortalFailure::Unavailable)?;
        let answer = JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await;
        let resp: web_sys::Response = match answer.and_then(|r| r.dyn_into()) {
            Ok(r) => r,
            Err(_) if !crate::hooks::use_online::is_online() => return Err(PortalFailure::Offline),
            Err(_) => return Err(PortalFailure::Unavailable),
        };
        let text = match resp.text() {
            Ok(p) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
            Err(_) => String::new(),
        };
        drop(timer);
        Ok((resp.status(), text))
    }

    async fn get<T: DeserializeOwned>(&self, path: &str, who: As<'_>) -> Result<T, PortalFailure> {
        read(&self.call("GET", path, None, who, None).await?)
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        key: Option<&str>,
    ) -> Result<T, PortalFailure> {
        let body = json::stringify(body).ok_or(PortalFailure::Invalid)?;
        read(&self.call("POST", path, Some(body), As::Citizen, key).await?)
    }

    /// `POST /dossiers`: files a dossier; the idempotency key is the header too.
    /// Its attachments are uploaded first (resuming what an earlier try sent):
    /// the copy sent names each one's upload; a failure leaves the dossier in
    /// the outbox, whose next try goes on from the last byte the server has.
    pub async fn submit(&self, mut s: Submission) -> Result<Dossier, PortalFailure> {
        self.upload_all(&s.form, &mut s.answers).await?;
        let key = s.key.clone();
        self.post("/dossiers", &s, Some(&key)).await
    }

    /// `POST /groups`: files a linked application (the combined form and the
    /// parts `chosen`), its attachments uploaded first as for a dossier. The
    /// same key returns the group made before.
    pub async fn submit_group(&self, mut s: Submission, chosen: &[PartId]) -> Result<Group, PortalFailure> {
        self.upload_all(&s.form, &mut s.answers).await?;
        #[derive(Serialize)]
        struct Body<'a> {
            #[serde(flatten)]
            submission: &'a Submission,
            chosen: &'a [PartId],
        }
        let key = s.key.clone();
        self.post("/groups", &Body { submission: &s, chosen }, Some(&key)).await
    }

    /// `GET /groups/{code}`: a linked group's public lookup (each part's state
    /// and public dossier; the owner's whole groups come with [`HttpPortal::view`]).
    pub async fn group(&self, code: &str) -> Result<GroupView, PortalFailure> {
        let text = self.call("GET", &format!("/groups/{}", segment(code)), None, As::Anyone, None).await?;
        read::<PublicGroup>(&text).map(PublicGroup::into_view)
    }

    /// Uploads the files of `answers` kept in this page for `whose` (a form
    /// id, or a dossier code for a supplement) and names each upload in them.
    async fn upload_all(&self, whose: &str, answers: &mut Answers) -> Result<(), PortalFailure> {
        for (path, meta) in files_mut(answers) {
            if meta.stored.is_some() || meta.upload.is_some() {
                continue; // a document from the store, or already named
            }
            let kept = files::all().into_iter().find(|(o, p, m, _)| o == whose && *p == path && m == &*meta);
            if let Some((_, _, _, file)) = kept {
                meta.upload = Some(self.upload(whose, &path, meta, &file).await?);
            }
        }
        Ok(())
    }

    /// Uploads one file in chunks of [`CHUNK`] bytes and returns its upload id.
    /// An upload started by an earlier try (this page's memory) goes on from
    /// the offset the server has.
    async fn upload(
        &self,
        form: &str,
        path: &str,
        meta: &FileMeta,
        file: &web_sys::File,
    ) -> Result<String, PortalFailure> {
        let mark = format!("{form}\u{1f}{path}\u{1f}{}\u{1f}{}", meta.name, meta.size);
        let known = UPLOADS.with_borrow(|u| u.get(&mark).cloned());
        let (id, mut offset) = match known {
            Some(id) => match self.get::<UploadState>(&format!("/uploads/{}", segment(&id)), As::Citizen).await {
                Ok(u) => (id, u.offset),
                Err(PortalFailure::Refused(PortalError::NotFound)) => self.start_upload(meta).await?,
                Err(e) => return Err(e),
            },
            None => self.start_upload(meta).await?,
        };
        UPLOADS.with_borrow_mut(|u| u.insert(mark.clone(), id.clone()));
        let size = meta.size as f64;
        while (offset as f64) < size {
            let end = (offset as f64 + CHUNK).min(size);
            let chunk = file.slice_with_f64_and_f64(offset as f64, end).map_err(|_| PortalFailure::Invalid)?;
            let at = offset.to_string();
            let path = format!("/uploads/{}", segment(&id));
            let body = Some((JsValue::from(chunk), "application/octet-stream"));
            match self.send("PATCH", &path, body, As::Citizen, &[("Upload-Offset", &at)]).await? {
                (200..=299 | 409, text) => offset = read::<UploadState>(&text)?.offset,
                (status, _) => {
                    if status == 404 {
                        UPLOADS.with_borrow_mut(|u| u.remove(&mark)); // gone (deleted): start again next time
                    }
                    return Err(failure(status));
                }
            }
        }
        Ok(id)
    }

    async fn start_upload(&self, meta: &FileMeta) -> Result<(String, i64), PortalFailure> {
        #[derive(Serialize)]
        struct Body<'a> {
            name: &'a str,
            size: u64,
            mime: &'a str,
        }
        let u: UploadState =
            self.post("/uploads", &Body { name: &meta.name, size: meta.size, mime: &meta.mime }, None).await?;
        Ok((u.id, u.offset))
    }

    /// `GET /dossiers/{code}`: the whole dossier for its owner, else the public view.
    pub async fn status(&self, code: &str) -> Result<Dossier, PortalFailure> {
        let text = self.call("GET", &format!("/dossiers/{}", segment(code)), None, As::Anyone, None).await?;
        match json::parse::<Dossier>(&text) {
            Ok(d) => Ok(d),
            Err(_) => read::<PublicDossier>(&text).map(PublicDossier::into_dossier),
        }
    }

    /// `POST /dossiers/{code}/supplement`.
    pub async fn answer_supplement(
        &self,
        code: &str,
        mut answers: Answers,
        note: &str,
    ) -> Result<Dossier, PortalFailure> {
        self.upload_all(code, &mut answers).await?;
        #[derive(Serialize)]
        struct Body<'a> {
            answers: Answers,
            note: &'a str,
        }
        self.post(&format!("/dossiers/{}/supplement", segment(code)), &Body { answers, note }, None).await
    }

    /// `POST /dossiers/{code}/payment`.
    pub async fn pay(&self, code: &str, method: &str) -> Result<Dossier, PortalFailure> {
        #[derive(Serialize)]
        struct Body<'a> {
            method: &'a str,
        }
        self.post(&format!("/dossiers/{}/payment", segment(code)), &Body { method }, None).await
    }

    /// `POST /dossiers/{code}/withdrawal`.
    pub async fn withdraw(&self, code: &str, reason: &str) -> Result<Dossier, PortalFailure> {
        #[derive(Serialize)]
        struct Body<'a> {
            reason: &'a str,
        }
        self.post(&format!("/dossiers/{}/withdrawal", segment(code)), &Body { reason }, None).await
    }

    /// `GET /notifications`.
    pub async fn notifications(&self) -> Result<Vec<Notice>, PortalFailure> {
        self.get("/notifications", As::Citizen).await
    }

    /// `POST /notifications/{id}/read`, one per message.
    pub async fn mark_read(&self, ids: &[u64]) -> Result<(), PortalFailure> {
        for id in ids {
            self.call("POST", &format!("/notifications/{id}/read"), None, As::Citizen, None).await?;
        }
        Ok(())
    }

    /// `PUT /preferences`.
    pub async fn set_prefs(&self, prefs: &Prefs) -> Result<(), PortalFailure> {
        let body = json::stringify(prefs).ok_or(PortalFailure::Invalid)?;
        self.call("PUT", "/preferences", Some(body), As::Citizen, None).await.map(drop)
    }

    /// What `owner` (the token's subject) sees: dossiers, linked groups, inbox and saved preferences.
    pub async fn view(&self, owner: &str) -> Result<View, PortalFailure> {
        let dossiers: Vec<Dossier> = self.get("/dossiers", As::Citizen).await?;
        let groups: Vec<Group> = self.get("/groups", As::Citizen).await?;
        let notices: Vec<Notice> = self.get("/notifications", As::Citizen).await?;
        let prefs = match self.get::<Prefs>("/preferences", As::Citizen).await {
            Ok(p) => Some(p),
            Err(PortalFailure::Refused(PortalError::NotFound)) => None,
            Err(e) => return Err(e),
        };
        Ok(View::from_server(owner, dossiers, groups, notices, prefs))
    }

    /// `GET /officer/dossiers` and `GET /officer/groups`: everyone's newest
    /// dossiers and linked groups, with the officers' credential.
    pub async fn officer_view(&self, key: &str) -> Result<View, PortalFailure> {
        let dossiers = self.get("/officer/dossiers", As::Officer(key)).await?;
        Ok(View::listing(dossiers, self.get("/officer/groups", As::Officer(key)).await?))
    }

    /// `POST /officer/dossiers/{code}/events`: an officer's act.
    pub async fn officer_event(
        &self,
        key: &str,
        code: &str,
        event: Event,
        reason: &str,
        fields: Vec<String>,
    ) -> Result<Dossier, PortalFailure> {
        #[derive(Serialize)]
        struct Body {
            event: Event,
            reason: Reason,
            fields: Vec<String>,
        }
        let body = json::stringify(&Body { event, reason: Reason::from(reason.to_string()), fields })
            .ok_or(PortalFailure::Invalid)?;
        let path = format!("/officer/dossiers/{}/events", segment(code));
        read(&self.call("POST", &path, Some(body), As::Officer(key), None).await?)
    }

    /// Follows the signed-in citizen's dossiers: `changed` is called at every
    /// status change the server reports (and once the stream is open, in case
    /// something changed while it was closed). The stream reconnects with a new
    /// ticket after a drop, waiting longer each time; dropping the
    /// [`Watch`] closes it.
    pub fn watch(&self, changed: Rc<dyn Fn()>) -> Watch {
        let watch =
            Watch { inner: Rc::new(RefCell::new(Inner { source: None, timer: None, closed: false, tries: 0 })) };
        open(self.clone(), Rc::downgrade(&watch.inner), changed);
        watch
    }
}

/// A live stream of status changes; closed when dropped.
pub struct Watch {
    inner: Rc<RefCell<Inner>>,
}

/// An open stream and the listeners it calls.
type Stream = (web_sys::EventSource, Vec<Closure<dyn FnMut(web_sys::Event)>>);

struct Inner {
    source: Option<Stream>,
    timer: Option<Timeout>,
    closed: bool,
    tries: u32,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let mut inner = self.inner.borrow_mut();
        inner.closed = true;
        inner.timer = None;
        if let Some((s, _)) = inner.source.take() {
            s.close();
        }
    }
}

/// Bytes per upload request (within the server's body limit).
pub const CHUNK: f64 = 256.0 * 1024.0;

thread_local! {
    /// Uploads started in this page, by form, field path, file name and size.
    static UPLOADS: RefCell<std::collections::BTreeMap<String, String>> = const { RefCell::new(std::collections::BTreeMap::new()) };
}

/// Where an upload stands (`POST /uploads`, `GET` and `PATCH /uploads/{id}`; a 409's body has `offset` only).
#[derive(Deserialize)]
struct UploadState {
    #[serde(default)]
    id: String,
    offset: i64,
}

#[derive(Deserialize)]
struct Ticket {
    ticket: String,
}

/// Opens the stream (a new ticket first); on an error, closes it and tries
/// again after 1, 2, 4 … 60 s.
fn open(portal: HttpPortal, inner: std::rc::Weak<RefCell<Inner>>, changed: Rc<dyn Fn()>) {
    wasm_bindgen_futures::spawn_local(async move {
        let ticket = match portal.call("POST", "/events/ticket", None, As::Citizen, None).await {
            Ok(text) => read::<Ticket>(&text),
            Err(e) => Err(e),
        };
        let Some(cell) = inner.upgrade() else { return };
        if cell.borrow().closed {
            return;
        }
        let source = ticket.ok().and_then(|t| {
            web_sys::EventSource::new(&format!("{}/events?ticket={}", portal.base, segment(&t.ticket))).ok()
        });
        let Some(source) = source else { return retry(portal, &cell, changed) };
        let on_status = {
            let changed = changed.clone();
            let cell = Rc::downgrade(&cell);
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                if let Some(c) = cell.upgrade() {
                    c.borrow_mut().tries = 0;
                }
                changed();
            })
        };
        let on_error = {
            let (portal, weak, changed) = (portal.clone(), Rc::downgrade(&cell), changed.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                let Some(c) = weak.upgrade() else { return };
                if let Some((s, _)) = c.borrow().source.as_ref() {
                    s.close(); // the ticket is spent: the browser's own reconnection cannot succeed
                }
                let (portal, changed) = (portal.clone(), changed.clone());
                retry(portal, &c, changed);
            })
        };
        let _ = source.add_event_listener_with_callback("ready", on_status.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("status", on_status.as_ref().unchecked_ref());
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        cell.borrow_mut().source = Some((source, vec![on_status, on_error]));
    });
}

fn retry(portal: HttpPortal, cell: &Rc<RefCell<Inner>>, changed: Rc<dyn Fn()>) {
    let mut inner = cell.borrow_mut();
    if inner.closed {
        return;
    }
    let wait = 1_000u32.saturating_mul(1 << inner.tries.min(6)).min(60_000);
    inner.tries += 1;
    let weak = Rc::downgrade(cell);
    // The old stream's closures stay alive until this timer replaces them (an
    // error handler must not drop itself while it runs).
    inner.timer = Some(Timeout::new(wait, move || {
        if let Some(c) = weak.upgrade() {
            let old = c.borrow_mut().source.take();
            drop(old);
            open(portal, weak, changed);
        }
    }));
}

/// What a refused or failed request means for the page.
fn failure(status: u16) -> PortalFailure {
    match status {
        401 => PortalFailure::SignIn,
        403 => PortalFailure::Refused(PortalError::NotYours),
        404 => PortalFailure::Refused(PortalError::NotFound),
        409 => PortalFailure::Refused(PortalError::NotAllowed),
        400 | 413 | 422 => PortalFailure::Invalid,
        _ => PortalFailure::Unavailable, // 429, 5xx
    }
}

fn read<T: DeserializeOwned>(text: &str) -> Result<T, PortalFailure> {
    json::parse(text).map_err(|_| PortalFailure::Unavailable)
}

/// A path segment: dossier codes are `[0-9A-Z.-]`, anything else is escaped.
fn segment(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}
