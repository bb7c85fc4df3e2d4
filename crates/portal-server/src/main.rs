//! `tokhai-portal`: the portal server. Configuration by environment
//! (`docs/portal-server.md`); stops cleanly on SIGTERM or Ctrl-C.

use std::process::ExitCode;
use tokhai_portal_server::{serve, shutdown_signal, start, Config};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("tokhai-portal: {e}");
            return ExitCode::FAILURE;
        }
    };
    let level = std::env::var("PORTAL_LOG").ok().and_then(|l| l.parse().ok()).unwrap_or(tracing::Level::INFO);
    let fmt = tracing_subscriber::fmt().with_max_level(level).with_target(false);
    if config.log_json {
        fmt.json().init();
    } else {
        fmt.init();
    }
    let addr = config.addr;
    let state = match start(config).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "cannot start");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(%addr, error = %e, "cannot listen");
            return ExitCode::FAILURE;
        }
    };
    match serve(state, listener, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "server failed");
            ExitCode::FAILURE
        }
    }
}
