//! Messages that leave the machine: SMS through an HTTP gateway, e-mail
//! through an SMTP relay (`lettre`), with the core's texts (`notify::sms`,
//! `notify::email`, in Vietnamese, from what the step said) and the core's
//! order: SMS → e-mail → the inbox notice flagged.
//!
//! Each step's messages are rows of the outbox, written in the step's own
//! transaction. A sender claims a due row (an `UPDATE … WHERE state = …`, so
//! two replicas never send one message twice while both live; a sender that
//! dies leaves a claim that lapses after 2 minutes, and the message is sent
//! again: at least once), sends it, and records what became of it in the
//! step's `sent` list:
//!
//! - accepted by the gateway or relay → `sent` (no receipt yet);
//! - a temporary failure (5xx, timeout, SMTP 4xx) → `temporary_failure`,
//!   retried after `retry_ms × attempts`, at most [`MAX_ATTEMPTS`] times, then
//!   a permanent failure;
//! - a permanent failure (gateway 4xx, SMTP 5xx, no transport configured for
//!   the channel) → `permanent_failure`; a failed SMS is followed by an
//!   e-mail (`fallback: true`) when an address is known and no e-mail went
//!   for the step, else the notice is flagged; a failed e-mail flags it;
//! - the gateway's delivery receipts (`POST /callbacks/sms`) add `delivered`,
//!   `permanent_failure` (then the fallback) or `unknown`.
//!
//! The gateway contract (`docs/portal-server.md`): `POST SMS_GATEWAY_URL`
//! with `{"id","to","text","callback_url"}`, `Authorization: Bearer
//! SMS_GATEWAY_TOKEN`; 2xx accepted; receipts come back as `POST
//! /callbacks/sms` `{"id","status"}` with `Authorization: Bearer
//! SMS_CALLBACK_TOKEN`. Logs name the dossier code and the channel, never
//! the number, the address or the text.

use crate::api::JsonBody;
use crate::auth::same_secret;
use crate::error::ApiError;
use crate::store::Message;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;
use tokhai_core::notify::{email, mask_email, mask_phone, sms, Channel, Delivery};
use tokhai_core::portal::{step_facts, Millis, Sent};
use tokhai_core::schema::Lang;

/// Sending attempts before a temporary failure counts as permanent.
pub const MAX_ATTEMPTS: i64 = 3;

/// How long a claimed message may take before another sender takes it over.
pub const LEASE_MS: Millis = 120_000;

/// The transports configured.
pub struct Transports {
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Option<Mailbox>,
    http: reqwest::Client,
}

impl Transports {
    /// From the configuration; errors name the variable at fault.
    pub fn new(c: &crate::Config) -> Result<Transports, String> {
        let smtp = match &c.smtp_url {
            Some(url) => Some(smtp_transport(url, c.tls_ca.as_deref())?),
            None => None,
        };
        let from = match &c.smtp_url {
            Some(_) => Some(c.smtp_from.parse().map_err(|e| format!("SMTP_FROM: {e}"))?),
            None => None,
        };
        let mut http = reqwest::Client::builder().timeout(Duration::from_secs(15));
        if let Some(pem) = &c.tls_ca {
            let ca = reqwest::Certificate::from_pem(pem.as_bytes()).map_err(|e| format!("PORTAL_TLS_CA: {e}"))?;
            http = http.add_root_certificate(ca);
        }
        let http = http.build().map_err(|e| format!("HTTP client: {e}"))?;
        Ok(Transports { smtp, from, http })
    }
}

/// `SMTP_URL`: `smtp://[user:password@]host[:port]` is plain SMTP to a relay
/// on a trusted network (port 25); `smtp+starttls://…` requires STARTTLS
/// (port 587) and `smtps://…` speaks TLS from the start (port 465), both
/// checking the relay's certificate against the Mozilla roots and `ca` (PEM).
fn smtp_transport(url: &str, ca: Option<&str>) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
    let u = reqwest::Url::parse(url).map_err(|e| format!("SMTP_URL: {e}"))?;
    let host = u.host_str().ok_or("SMTP_URL: no host")?;
    let tls = |host: &str| -> Result<TlsParameters, String> {
        let mut p = TlsParameters::builder(host.to_string());
        if let Some(pem) = ca {
            p = p.add_root_certificate(
                Certificate::from_pem(pem.as_bytes()).map_err(|e| format!("PORTAL_TLS_CA: {e}"))?,
            );
        }
        p.build_rustls().map_err(|e| format!("SMTP_URL: TLS: {e}"))
    };
    let (security, port) = match u.scheme() {
        "smtp" => (Tls::None, 25),
        "smtp+starttls" => (Tls::Required(tls(host)?), 587),
        "smtps" => (Tls::Wrapper(tls(host)?), 465),
        other => return Err(format!("SMTP_URL: {other}:// is not smtp://, smtp+starttls:// or smtps://")),
    };
    let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(u.port().unwrap_or(port))
        .tls(security)
        .timeout(Some(Duration::from_secs(20)));
    if !u.username().is_empty() {
        let user = u.username().to_string();
        let pass = u.password().unwrap_or_default().to_string();
        b = b.credentials(lettre::transport::smtp::authentication::Credentials::new(user, pass));
    }
    Ok(b.build())
}

/// What one attempt came to.
enum Outcome {
    Accepted,
    Temporary(String),
    Permanent(String),
}

/// Runs the sender while the server runs: every 500 ms, and at once when a step queued messages.
pub fn spawn(state: Arc<AppState>) {
    if !state.config.real_delivery() {
        return;
    }
    tokio::spawn(async move {
        let mut closing = state.closing.subscribe();
        loop {
            if let Err(e) = pass(&state).await {
                tracing::warn!(error = %e.message, "delivery pass failed");
            }
            tokio::select! {
                _ = state.outbox_wake.notified() => {},
                _ = tokio::time::sleep(Duration::from_millis(500)) => {},
                _ = closing.changed() => return,
            }
        }
    });
}

/// Sends every message due now. Returns how many were tried.
pub async fn pass(st: &AppState) -> Result<usize, ApiError> {
    let now = st.wall_ms();
    let mut tried = 0;
    for m in st.store.due_messages(now).await? {
        if !st.store.claim(&m, now + LEASE_MS).await? {
            continue; // another sender has it
        }
        tried += 1;
        send_one(st, Message { attempts: m.attempts + 1, ..m }).await?;
    }
    Ok(tried)
}

async fn send_one(st: &AppState, m: Message) -> Result<(), ApiError> {
    let Some(d) = st.store.get(&m.code).await? else { return Ok(()) };
    let Some(step) = d.history.get(m.step) else { return Ok(()) };
    let outcome = match m.channel {
        Channel::Sms => {
            let text = sms(step.status, &step_facts(&d, step, Lang::Vi, true), Lang::Vi);
            send_sms(st, &m, &text).await
        }
        _ => {
            let (subject, body) = email(step.status, &step_facts(&d, step, Lang::Vi, false), Lang::Vi);
            send_email(st, &m, subject, body).await
        }
    };
    let now = st.now();
    match outcome {
        Outcome::Accepted => {
            st.store.set_message_state(m.id, "sent", 0).await?;
            record(st, &m, Delivery::Sent, now).await?;
            tracing::info!(code = %m.code, channel = ?m.channel, "message handed over");
        }
        Outcome::Temporary(why) if m.attempts < MAX_ATTEMPTS => {
            let again = st.wall_ms() + st.config.retry_ms * m.attempts;
            st.store.set_message_state(m.id, "queued", again).await?;
            record(st, &m, Delivery::TemporaryFailure, now).await?;
            tracing::info!(code = %m.code, channel = ?m.channel, attempts = m.attempts, reason = %why, "temporary failure, will retry");
        }
        Outcome::Temporary(why) | Outcome::Permanent(why) => {
            tracing::info!(code = %m.code, channel = ?m.channel, reason = %why, "permanent failure");
            failed_for_good(st, &m, now).await?;
        }
    }
    Ok(())
}

async fn record(st: &AppState, m: &Message, delivery: Delivery, at: Millis) -> Result<(), ApiError> {
    let to = match m.channel {
        Channel::Sms => mask_phone(&m.address),
        _ => mask_email(&m.address),
    };
    st.store.record_sent(&m.code, m.step, Sent { channel: m.channel, to, delivery, at, fallback: m.fallback }).await?;
    Ok(())
}

/// A message failed for good: recorded, then the next channel (SMS → e-mail) or the flagged notice.
async fn failed_for_good(st: &AppState, m: &Message, now: Millis) -> Result<(), ApiError> {
    st.store.set_message_state(m.id, "permanent_failure", 0).await?;
    record(st, m, Delivery::PermanentFailure, now).await?;
    if m.channel == Channel::Sms && !m.fallback_address.is_empty() {
        st.store.queue_fallback(m, st.wall_ms()).await?;
        st.outbox_wake.notify_one();
    } else if m.channel == Channel::Email || !st.store.step_has_email(&m.code, m.step).await? {
        st.store.flag_notice(m.notice_id).await?;
    }
    Ok(())
}

async fn send_sms(st: &AppState, m: &Message, text: &str) -> Outcome {
    let Some(url) = &st.config.sms_gateway_url else {
        return Outcome::Permanent("no SMS gateway configured".into());
    };
    let callback_url = st.config.public_url.as_ref().map(|u| format!("{u}/callbacks/sms"));
    let body = serde_json::json!({"id": m.id.to_string(), "to": m.address, "text": text, "callback_url": callback_url});
    let mut req = st.transports.http.post(url).json(&body);
    if let Some(t) = &st.config.sms_gateway_token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    match req.send().await {
        Ok(r) if r.status().is_success() => Outcome::Accepted,
        Ok(r) if r.status().is_server_error() || r.status() == StatusCode::TOO_MANY_REQUESTS => {
            Outcome::Temporary(format!("gateway answered {}", r.status().as_u16()))
        }
        Ok(r) => Outcome::Permanent(format!("gateway answered {}", r.status().as_u16())),
        Err(e) => {
            Outcome::Temporary(format!("gateway unreachable: {}", if e.is_timeout() { "timeout" } else { "connect" }))
        }
    }
}

async fn send_email(st: &AppState, m: &Message, subject: String, body: String) -> Outcome {
    let (Some(smtp), Some(from)) = (&st.transports.smtp, &st.transports.from) else {
        return Outcome::Permanent("no SMTP relay configured".into());
    };
    let Ok(to) = m.address.parse::<Mailbox>() else {
        return Outcome::Permanent("not an e-mail address".into());
    };
    // Quoted-printable: UTF-8 text safe through any relay, lines within limits.
    let body = Body::new_with_encoding(body, ContentTransferEncoding::QuotedPrintable)
        .expect("quoted-printable takes any text");
    let msg = lettre::Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body);
    let msg = match msg {
        Ok(msg) => msg,
        Err(e) => return Outcome::Permanent(format!("message: {e}")),
    };
    match smtp.send(msg).await {
        Ok(_) => Outcome::Accepted,
        Err(e) if e.is_permanent() => {
            Outcome::Permanent(format!("relay refused ({})", e.status().map_or(0, u16::from)))
        }
        Err(e) => Outcome::Temporary(format!("relay: {}", if e.is_transient() { "transient" } else { "unreachable" })),
    }
}

/// A delivery receipt from the SMS gateway.
#[derive(Deserialize)]
pub struct Receipt {
    /// The message's number as sent (`id`).
    id: String,
    /// `delivered`, `failed` (or `undelivered`, `rejected`), `expired` or `unknown`.
    status: String,
}

/// `POST /callbacks/sms`: the gateway's delivery receipts.
pub async fn sms_receipt(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    JsonBody(r): JsonBody<Receipt>,
) -> Result<StatusCode, ApiError> {
    let Some(key) = &st.config.sms_callback_token else { return Err(ApiError::no_route()) };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| same_secret(g.trim(), key)) {
        return Err(ApiError::unauthorized("the gateway's credential is required"));
    }
    let Some(m) = (match r.id.parse::<i64>() {
        Ok(id) => st.store.message(id).await?,
        Err(_) => None,
    }) else {
        return Err(ApiError { message: "no such message".into(), ..ApiError::not_found() });
    };
    if m.channel != Channel::Sms {
        return Err(ApiError { message: "no such message".into(), ..ApiError::not_found() });
    }
    let (delivery, state) = match r.status.as_str() {
        "delivered" => (Delivery::Delivered, "delivered"),
        "failed" | "undelivered" | "rejected" => (Delivery::PermanentFailure, "permanent_failure"),
        "expired" | "unknown" => (Delivery::Unknown, "unknown"),
        _ => return Err(ApiError::unprocessable("bad_status", "status: delivered, failed, expired or unknown")),
    };
    if m.state == state {
        return Ok(StatusCode::NO_CONTENT); // the same receipt again
    }
    if matches!(m.state.as_str(), "delivered" | "permanent_failure" | "unknown") {
        return Ok(StatusCode::NO_CONTENT); // already final: a late or contradictory receipt changes nothing
    }
    let now = st.now();
    if delivery == Delivery::PermanentFailure {
        failed_for_good(&st, &m, now).await?;
    } else {
        st.store.set_message_state(m.id, state, 0).await?;
        record(&st, &m, delivery, now).await?;
    }
    tracing::info!(code = %m.code, status = state, "SMS receipt");
    Ok(StatusCode::NO_CONTENT)
}
