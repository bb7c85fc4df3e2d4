//! Per-client rate limits (429): a fixed one-minute window per client IP,
//! one budget for every request and a smaller one for the public lookup by
//! code (codes are guessable: unit, date, sequence). Kept in this process's
//! memory: behind several replicas, each counts its own share (put the
//! limit in the load balancer too). The client is the peer address, or the
//! first `X-Forwarded-For` address when `PORTAL_TRUST_PROXY=1` (only behind
//! a proxy that sets it). Health checks and the gateway's receipts are not
//! limited.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

/// Request counts per client and window.
#[derive(Default)]
pub struct Limiter {
    all: Mutex<HashMap<IpAddr, (Instant, u32)>>,
    lookup: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

/// Counts one request; `Err(seconds to wait)` past `max` in the window.
fn count(map: &Mutex<HashMap<IpAddr, (Instant, u32)>>, ip: IpAddr, max: u32, now: Instant) -> Result<(), u64> {
    let mut m = map.lock().unwrap_or_else(|e| e.into_inner());
    if m.len() > 100_000 {
        m.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
    }
    let e = m.entry(ip).or_insert((now, 0));
    if now.duration_since(e.0) >= WINDOW {
        *e = (now, 0);
    }
    if e.1 >= max {
        return Err(WINDOW.saturating_sub(now.duration_since(e.0)).as_secs().max(1));
    }
    e.1 += 1;
    Ok(())
}

fn client(req: &Request, trust_proxy: bool) -> Option<IpAddr> {
    if trust_proxy {
        let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
        if let Some(ip) = forwarded.and_then(|v| v.split(',').next()).and_then(|s| s.trim().parse().ok()) {
            return Some(ip);
        }
    }
    req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())
}

/// The middleware.
pub async fn limit(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let exempt = matches!(path, "/healthz" | "/readyz" | "/callbacks/sms") || req.method() == Method::OPTIONS;
    let (Some(ip), false) = (client(&req, st.config.trust_proxy), exempt) else { return next.run(req).await };
    let now = Instant::now();
    let c = &st.config;
    let is_lookup = req.method() == Method::GET
        && (path.starts_with("/dossiers/") || path.starts_with("/groups/"))
        && !req.headers().contains_key(header::AUTHORIZATION);
    let verdict = count(&st.limiter.all, ip, c.rate_limit, now).and_then(|()| {
        if is_lookup {
            count(&st.limiter.lookup, ip, c.lookup_rate_limit, now)
        } else {
            Ok(())
        }
    });
    match verdict {
        Ok(()) => next.run(req).await,
        Err(wait) => {
            tracing::info!(path, "rate limited");
            let mut res = ApiError::rate_limited().into_response();
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            res
        }
    }
}
