//! Live status for the open app, by Server-Sent Events.
//!
//! An `EventSource` cannot send an `Authorization` header, and the identity
//! token must never be put in a URL (proxies and logs keep URLs). So the app
//! first trades its token for a **ticket**: `POST /events/ticket` (Bearer
//! token) answers `{"ticket":"…","expires_in":60}`, an opaque random value
//! kept in the database (any replica honours it), valid for 60 s and **used
//! up** by the one `GET /events?ticket=…` that opens the stream. A stream
//! lives as long as the connection; to reconnect, the app asks for a new
//! ticket (after its token is checked again).
//!
//! The stream sends `event: ready` once, then `event: status` with
//! `{"code","status","at"}` each time one of the owner's dossiers changes:
//! at once for changes made by this server, within a second for changes made
//! by another replica (it compares the owner's dossiers every second), and a
//! keep-alive comment every 15 s. It carries codes and statuses only; the
//! app reads the dossier itself (`GET /dossiers/{code}`) to show it.

use crate::api::Citizen;
use crate::error::ApiError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::Json;
use futures_util::stream::Stream;
use rand_core::{OsRng, RngCore};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokhai_core::portal::Millis;

/// How long a ticket can wait before it opens a stream.
pub const TICKET_TTL_MS: Millis = 60_000;

fn new_ticket() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `POST /events/ticket`.
pub async fn ticket(
    State(st): State<Arc<AppState>>,
    Citizen(who): Citizen,
) -> Result<Json<serde_json::Value>, ApiError> {
    let id = new_ticket();
    let now = st.wall_ms();
    st.store.put_ticket(&id, &who.sub, now + TICKET_TTL_MS, now).await?;
    Ok(Json(serde_json::json!({"ticket": id, "expires_in": TICKET_TTL_MS / 1000})))
}

/// The query of `GET /events`.
#[derive(Deserialize)]
pub struct TicketQuery {
    #[serde(default)]
    ticket: String,
}

type States = BTreeMap<String, (String, Millis)>;

async fn states(st: &AppState, owner: &str) -> Option<States> {
    let rows = st.store.states(owner).await.ok()?;
    Some(rows.into_iter().map(|(code, status, at)| (code, (status, at))).collect())
}

/// `GET /events?ticket=…`.
pub async fn events(
    State(st): State<Arc<AppState>>,
    Query(q): Query<TicketQuery>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let owner = st
        .store
        .take_ticket(&q.ticket, st.wall_ms())
        .await?
        .ok_or_else(|| ApiError::unauthorized("the ticket is unknown, used or expired: ask for a new one"))?;
    let seen = states(&st, &owner).await.unwrap_or_default();
    let changes = st.changes.subscribe();
    let closing = st.closing.subscribe();
    tracing::info!("live stream opened");
    struct S {
        st: Arc<AppState>,
        owner: String,
        seen: States,
        changes: tokio::sync::watch::Receiver<u64>,
        closing: tokio::sync::watch::Receiver<bool>,
        pending: Vec<Event>,
        started: bool,
    }
    let init = S { st, owner, seen, changes, closing, pending: vec![], started: false };
    let stream = futures_util::stream::unfold(init, |mut s| async move {
        if !s.started {
            s.started = true;
            return Some((Ok(Event::default().event("ready").data("{}")), s));
        }
        loop {
            if let Some(e) = s.pending.pop() {
                return Some((Ok(e), s));
            }
            if *s.closing.borrow() {
                return None; // the server is shutting down: end the stream so the connection can close
            }
            tokio::select! {
                r = s.changes.changed() => if r.is_err() { return None },
                _ = s.closing.changed() => return None,
                _ = tokio::time::sleep(Duration::from_secs(1)) => {},
            }
            let Some(now) = states(&s.st, &s.owner).await else { continue };
            for (code, (status, at)) in &now {
                if s.seen.get(code) != Some(&(status.clone(), *at)) {
                    let data = serde_json::json!({"code": code, "status": status, "at": at}).to_string();
                    s.pending.push(Event::default().event("status").data(data));
                }
            }
            s.pending.reverse();
            s.seen = now;
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
