//! Exactly once under load and across a crash: many parallel submissions
//! with repeated keys, and the real binary killed (SIGKILL) during a burst.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

per_database! {
    two_hundred_submissions_with_fifty_repeated_keys_make_150_dossiers => repeated_keys;
    killed_during_a_burst_every_acknowledged_dossier_is_there_once => killed_during_burst;
}

async fn repeated_keys(db: &Db) {
    let s = Server::start(config(db)).await;
    let t = token(AN);
    // 150 distinct answers; the first 50 are sent twice.
    let bodies: Vec<Value> = (0..150)
        .map(|i| submission(AN, &format!("b{i}")))
        .chain((0..50).map(|i| submission(AN, &format!("b{i}"))))
        .collect();
    let mut tasks = vec![];
    for body in bodies {
        let (http, url, t) = (s.http.clone(), s.url("/dossiers"), t.clone());
        tasks.push(tokio::spawn(async move {
            let key = body["key"].as_str().unwrap().to_string();
            let r = http.post(url).bearer_auth(t).header("Idempotency-Key", &key).json(&body).send().await.unwrap();
            let status = r.status();
            let d: Value = r.json().await.unwrap();
            (key, status, d["code"].as_str().unwrap().to_string())
        }));
    }
    let mut by_key: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut created = 0;
    for task in tasks {
        let (key, status, code) = task.await.unwrap();
        assert!(status == StatusCode::CREATED || status == StatusCode::OK, "{status}");
        created += usize::from(status == StatusCode::CREATED);
        by_key.entry(key).or_default().insert(code);
    }
    assert_eq!(created, 150, "one 201 per distinct key");
    assert_eq!(by_key.len(), 150);
    assert!(by_key.values().all(|codes| codes.len() == 1), "a repeated key always gets the same code");
    let codes: BTreeSet<&String> = by_key.values().flatten().collect();
    assert_eq!(codes.len(), 150, "unique codes");
    let seqs: Vec<u32> = codes.iter().map(|c| seq_of(c)).collect();
    assert_eq!(seqs, (1..=150).collect::<Vec<u32>>(), "gapless");
    let mine = json_of(s.get("/dossiers", Some(&t)).await, StatusCode::OK).await;
    assert_eq!(mine.as_array().unwrap().len(), 150);
    s.stop().await;
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn spawn_binary(db: &Db, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tokhai-portal"))
        .env("DATABASE_URL", &db.url)
        .env("PORTAL_ADDR", format!("127.0.0.1:{port}"))
        .env("PORTAL_ISSUER_JWK", repo().join("seeds/mock-issuer/public.jwk.json"))
        .env("PORTAL_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

async fn wait_ready(http: &reqwest::Client, base: &str) {
    for _ in 0..300 {
        if let Ok(r) = http.get(format!("{base}/readyz")).send().await {
            if r.status() == StatusCode::OK {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not become ready");
}

async fn killed_during_burst(db: &Db) {
    let http = reqwest::Client::new();
    let t = token(AN);
    let bodies: Vec<Value> = (0..120).map(|i| submission(AN, &format!("k{i}"))).collect();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = spawn_binary(db, port);
    wait_ready(&http, &base).await;

    let acks = Arc::new(AtomicUsize::new(0));
    let mut tasks = vec![];
    for (i, body) in bodies.iter().cloned().enumerate() {
        let (http, url, t, acks) = (http.clone(), format!("{base}/dossiers"), t.clone(), acks.clone());
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(i as u64)).await;
            let key = body["key"].as_str().unwrap().to_string();
            let sent = http.post(url).bearer_auth(t).header("Idempotency-Key", &key).json(&body).send().await;
            // Acknowledged: an answer with a code; anything else (cut, refused) is not.
            let r = sent.ok()?;
            if !r.status().is_success() {
                return None;
            }
            let d: Value = r.json().await.ok()?;
            acks.fetch_add(1, Ordering::SeqCst);
            Some((key, d["code"].as_str()?.to_string()))
        }));
    }
    // Killed in the middle of the burst: after some answers, with more under way.
    for _ in 0..2_500 {
        if acks.load(Ordering::SeqCst) >= 30 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let mut acked = BTreeMap::new();
    for task in tasks {
        if let Some((key, code)) = task.await.unwrap() {
            acked.insert(key, code);
        }
    }
    eprintln!("  {} of {} acknowledged before SIGKILL", acked.len(), bodies.len());
    assert!(!acked.is_empty() && acked.len() < bodies.len(), "the kill fell inside the burst");

    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = spawn_binary(db, port);
    wait_ready(&http, &base).await;
    // Every acknowledged dossier is there with its code.
    let mine: Vec<Value> =
        http.get(format!("{base}/dossiers")).bearer_auth(&t).send().await.unwrap().json().await.unwrap();
    let stored: BTreeMap<String, String> = mine
        .iter()
        .map(|d| (d["key"].as_str().unwrap().to_string(), d["code"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(stored.len(), mine.len(), "no key twice");
    for (key, code) in &acked {
        assert_eq!(stored.get(key), Some(code), "acknowledged {key} kept with its code");
    }
    // The app's outbox sends everything again: none is made twice, the numbers stay gapless.
    let mut codes = BTreeSet::new();
    for body in &bodies {
        let key = body["key"].as_str().unwrap();
        let r = http
            .post(format!("{base}/dossiers"))
            .bearer_auth(&t)
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
            .unwrap();
        assert!(r.status() == StatusCode::CREATED || r.status() == StatusCode::OK);
        let d: Value = r.json().await.unwrap();
        let code = d["code"].as_str().unwrap().to_string();
        if let Some(c) = stored.get(key) {
            assert_eq!(c, &code, "a stored dossier is found again, not made twice");
        }
        codes.insert(code);
    }
    assert_eq!(codes.len(), bodies.len());
    let days: BTreeSet<&str> = codes.iter().map(|c| &c[..c.len() - 5]).collect();
    assert_eq!(days.len(), 1, "one unit and day: {days:?}");
    let seqs: Vec<u32> = codes.iter().map(|c| seq_of(c)).collect();
    assert_eq!(seqs, (1..=bodies.len() as u32).collect::<Vec<u32>>(), "gapless across the crash");
    child.kill().unwrap();
    child.wait().unwrap();
}
