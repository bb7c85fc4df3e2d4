//! Live status: a ticket traded for the token, then Server-Sent Events.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;
use std::time::{Duration, Instant};

per_database! {
    the_open_app_hears_a_status_change_within_two_seconds => live_status;
    tickets_are_single_use_and_need_a_token => tickets;
}

/// Reads the stream until `want` appears (or `limit` passes); returns the text read.
async fn read_until(r: &mut reqwest::Response, want: &str, limit: Duration) -> String {
    let mut text = String::new();
    let start = Instant::now();
    while !text.contains(want) && start.elapsed() < limit {
        match tokio::time::timeout(limit.saturating_sub(start.elapsed()), r.chunk()).await {
            Ok(Ok(Some(c))) => text.push_str(&String::from_utf8_lossy(&c)),
            _ => break,
        }
    }
    text
}

async fn ticket(s: &Server, t: &str) -> String {
    let v = json_of(s.post("/events/ticket", Some(t), &json!(null)).await, StatusCode::OK).await;
    assert_eq!(v["expires_in"], 60);
    v["ticket"].as_str().unwrap().to_string()
}

async fn live_status(db: &Db) {
    let s = Server::start(config(db)).await;
    let (an, ngoc) = (token(AN), token(NGOC));
    let d = json_of(s.submit(&an, &submission(AN, "12")).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    let other = json_of(s.submit(&ngoc, &submission(NGOC, "12")).await, StatusCode::CREATED).await;

    let mut stream = s.get(&format!("/events?ticket={}", ticket(&s, &an).await), None).await;
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    let first = read_until(&mut stream, "event: ready", Duration::from_secs(2)).await;
    assert!(first.contains("event: ready"), "{first}");

    // Someone else's dossier moves: nothing for An.
    json_of(s.officer(other["code"].as_str().unwrap(), json!({"event": "accept"})).await, StatusCode::OK).await;
    let started = Instant::now();
    json_of(s.officer(&code, json!({"event": "accept"})).await, StatusCode::OK).await;
    let text = read_until(&mut stream, "\"accepted\"", Duration::from_secs(2)).await;
    assert!(started.elapsed() < Duration::from_secs(2), "within 2 s");
    assert!(text.contains("event: status") && text.contains(&code) && text.contains("\"accepted\""), "{text}");
    assert!(!text.contains(other["code"].as_str().unwrap()), "only the owner's dossiers: {text}");
    assert!(!text.contains("001085004217"), "no ID numbers in the stream");

    // A change made elsewhere (another replica, the same database) arrives too, by the comparison every second.
    let replica = Server::start(config(db)).await;
    json_of(replica.officer(&code, json!({"event": "start_processing"})).await, StatusCode::OK).await;
    let text = read_until(&mut stream, "\"processing\"", Duration::from_secs(3)).await;
    assert!(text.contains("\"processing\""), "{text}");
    replica.stop().await;

    // Shutting down ends open streams (graceful shutdown does not hang on them).
    tokio::time::timeout(Duration::from_secs(5), s.stop()).await.expect("shutdown with an open stream");
}

async fn tickets(db: &Db) {
    let s = Server::start(config(db)).await;
    let an = token(AN);
    let r = s.post("/events/ticket", None, &json!(null)).await;
    assert_eq!(json_of(r, StatusCode::UNAUTHORIZED).await["error"], "unauthorized");
    let t = ticket(&s, &an).await;
    assert_eq!(t.len(), 64);
    let first = s.get(&format!("/events?ticket={t}"), None).await;
    assert_eq!(first.status(), StatusCode::OK);
    drop(first);
    let again = s.get(&format!("/events?ticket={t}"), None).await;
    assert_eq!(json_of(again, StatusCode::UNAUTHORIZED).await["error"], "unauthorized", "used up");
    let r = s.get("/events?ticket=0000", None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = s.get("/events", None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // An expired ticket.
    let now = s.state.wall_ms();
    s.state.store.put_ticket("expired-ticket", "001085004217", now - 1, now - 120_000).await.unwrap();
    let r = s.get("/events?ticket=expired-ticket", None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    s.stop().await;
}
