//! The Tờ Khai portal server: `docs/portal-api.md` over HTTP (axum), the
//! agency logic of `tokhai_core::portal`, the store in SQLite or PostgreSQL
//! (`sqlx`). Configuration: `docs/portal-server.md`.
//!
//! [`start`] opens the store and returns the [`AppState`]; [`router`] the
//! routes; [`serve`] runs both on a listener until a shutdown future ends.
//! The binary (`tokhai-portal`) reads the environment and stops on SIGTERM
//! or Ctrl-C; the tests start it in-process on an ephemeral port.

pub mod api;
pub mod auth;
pub mod config;
pub mod delivery;
pub mod error;
pub mod limit;
pub mod live;
pub mod store;
pub mod uploads;

use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokhai_core::identity::TokenClaims;
use tokhai_core::portal::Millis;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use config::Config;
pub use error::ApiError;
pub use store::{Backend, Store};

/// What every request shares.
pub struct AppState {
    /// The configuration.
    pub config: Config,
    /// The store.
    pub store: Store,
    /// The token verifier (issuer key).
    pub verifier: auth::TokenVerifier,
    /// Bumped at every change: wakes the live streams.
    pub changes: tokio::sync::watch::Sender<u64>,
    /// Set when the server shuts down: ends the live streams and the sender.
    pub closing: tokio::sync::watch::Sender<bool>,
    /// The SMTP relay and SMS gateway clients.
    pub transports: delivery::Transports,
    /// Wakes the sender when a step queued messages.
    pub outbox_wake: tokio::sync::Notify,
    /// Per-client request counts.
    pub limiter: limit::Limiter,
    /// The form definitions, by id (`PORTAL_FORMS`).
    pub forms: std::collections::BTreeMap<String, tokhai_core::FormDef>,
}

impl AppState {
    /// Now, in milliseconds since 1970 (or the configured fixed clock).
    pub fn now(&self) -> Millis {
        self.config.fixed_now.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as Millis)
                .unwrap_or(0)
        })
    }

    /// The wall clock in milliseconds (tickets), whatever the dossiers' clock.
    pub fn wall_ms(&self) -> Millis {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as Millis).unwrap_or(0)
    }

    /// Verifies a token now (by the system clock: tokens are real-time).
    pub fn verify(&self, token: &str) -> Result<TokenClaims, ApiError> {
        let now =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        self.verifier.verify(token, now).map_err(|e| {
            tracing::info!(reason = e.code(), "token refused");
            ApiError::unauthorized(format!("{}: the identity token is not accepted", e.code()))
        })
    }

    /// Something changed: wakes the live streams, and the sender (a step may have queued messages).
    pub fn changed(&self) {
        self.changes.send_modify(|n| *n += 1);
        self.outbox_wake.notify_one();
    }
}

/// Opens the store (migrations applied) and reads the issuer key.
pub async fn start(config: Config) -> Result<Arc<AppState>, String> {
    let verifier = auth::TokenVerifier::from_jwk(&config.issuer_jwk)?;
    let transports = delivery::Transports::new(&config)?;
    let mut store = Store::open(&config.database_url).await.map_err(|e| format!("database: {e}"))?;
    store.set_real_delivery(config.real_delivery());
    let (changes, _) = tokio::sync::watch::channel(0);
    let (closing, _) = tokio::sync::watch::channel(false);
    let outbox_wake = tokio::sync::Notify::new();
    let limiter = limit::Limiter::default();
    let forms = tokhai_core::resolve::disk::all_forms(&config.forms_dir)
        .map_err(|e| format!("PORTAL_FORMS ({}): {e}", config.forms_dir.display()))?
        .into_iter()
        .map(|f| (f.id.clone(), f))
        .collect();
    Ok(Arc::new(AppState { config, store, verifier, changes, closing, transports, outbox_wake, limiter, forms }))
}

/// The routes, with the body limit, CORS and the request log.
pub fn router(state: Arc<AppState>) -> Router {
    let limit = state.config.body_limit;
    let mut app = Router::new()
        .route("/dossiers", post(api::submit).get(api::mine))
        .route("/dossiers/{code}", get(api::lookup))
        .route("/dossiers/{code}/supplement", post(api::supplement))
        .route("/dossiers/{code}/payment", post(api::payment))
        .route("/dossiers/{code}/withdrawal", post(api::withdrawal))
        .route("/groups", post(api::submit_group).get(api::my_groups))
        .route("/groups/{code}", get(api::group_lookup))
        .route("/uploads", post(uploads::create))
        .route("/uploads/{id}", get(uploads::status).patch(uploads::append))
        .route("/uploads/{id}/content", get(uploads::content))
        .route("/notifications", get(api::notifications))
        .route("/notifications/{id}/read", post(api::mark_read))
        .route("/preferences", put(api::put_prefs).get(api::get_prefs))
        .route("/officer/dossiers", get(api::officer_list))
        .route("/officer/groups", get(api::officer_groups))
        .route("/officer/audit", get(api::officer_audit))
        .route("/officer/dossiers/{code}/events", post(api::officer_event))
        .route("/events/ticket", post(live::ticket))
        .route("/events", get(live::events))
        .route("/callbacks/sms", post(delivery::sms_receipt))
        .route("/healthz", get(api::healthz))
        .route("/readyz", get(api::readyz))
        .fallback(api::fallback)
        .method_not_allowed_fallback(api::method_fallback)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(state.clone(), limit::limit))
        .layer(middleware::from_fn(move |mut req: Request, next: Next| async move {
            req.extensions_mut().insert(api::BodyLimit(limit));
            log_request(req, next).await
        }));
    if !state.config.allowed_origins.is_empty() {
        let origins: Vec<HeaderValue> =
            state.config.allowed_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
        app = app.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH])
                .allow_headers([
                    header::AUTHORIZATION,
                    header::CONTENT_TYPE,
                    "idempotency-key".parse().expect("a header name"),
                    "upload-offset".parse().expect("a header name"),
                ])
                .expose_headers([header::LOCATION])
                .max_age(Duration::from_secs(600)),
        );
    }
    app.with_state(state)
}

/// One log line per request: method, path (codes, never names or ID
/// numbers: no owner is ever in a URL), status and time. Headers and bodies
/// are never logged.
async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string());
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    tracing::info!(
        %method,
        route = route.as_deref().unwrap_or("-"),
        %path,
        status = res.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    res
}

/// Runs the simulated agency every `step_ms / 2` while the server runs.
fn spawn_agency(state: Arc<AppState>) {
    let step = state.config.agency_step_ms;
    if step <= 0 {
        return;
    }
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_millis((step as u64 / 2).clamp(20, 5_000)));
        let mut closing = state.closing.subscribe();
        loop {
            tokio::select! {
                _ = every.tick() => {},
                _ = closing.changed() => return,
            }
            if let Err(e) = api::agency_pass(&state, step).await {
                tracing::warn!(error = e.code, "agency pass failed");
            }
        }
    });
}

/// Serves on `listener` until `shutdown` completes, then finishes the
/// requests under way and closes the store.
pub async fn serve(
    state: Arc<AppState>,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    spawn_agency(state.clone());
    delivery::spawn(state.clone());
    uploads::spawn_sweep(state.clone());
    if state.config.real_delivery() {
        tracing::info!(
            smtp = state.config.smtp_url.is_some(),
            sms = state.config.sms_gateway_url.is_some(),
            "messages leave the machine (a channel without its transport fails over to the next)"
        );
    }
    let app = router(state.clone());
    tracing::info!(addr = %listener.local_addr()?, database = state.store.backend().name(), "portal listening");
    let closing = state.clone();
    let shutdown = async move {
        shutdown.await;
        closing.closing.send_replace(true);
    };
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await?;
    state.store.close().await;
    tracing::info!("portal stopped");
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutdown signal: finishing requests under way");
}
