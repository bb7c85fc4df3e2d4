//! Notifications that leave the machine: e-mail to a real SMTP server (a
//! small sink the test runs on 127.0.0.1), SMS to a gateway stub (an HTTP
//! server the test runs), delivery receipts back, and the SMS → e-mail →
//! flagged inbox fallback.

mod common;

use axum::extract::State;
use axum::http::StatusCode as AxStatus;
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokhai_core::notify::{is_gsm7, SMS_MAX};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

per_database! {
    an_email_reaches_the_smtp_server_in_vietnamese => email_reaches_smtp;
    an_sms_reaches_the_gateway_and_its_receipt_comes_back => sms_and_receipt;
    a_failed_sms_falls_back_to_email_then_the_inbox => sms_fallback;
    a_temporary_failure_is_retried => temporary_failure;
    e_mail_and_sms_go_over_tls_to_a_trusted_relay_and_gateway_only => over_tls;
}

/// One e-mail as the sink received it.
#[derive(Clone, Debug)]
struct Mail {
    to: Vec<String>,
    data: String,
}

/// A small SMTP server: accepts everything except recipients at `bounce.invalid` (550).
async fn smtp_sink() -> (String, Arc<Mutex<Vec<Mail>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let mails = Arc::new(Mutex::new(vec![]));
    let store = mails.clone();
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else { return };
            tokio::spawn(smtp_session(sock, store.clone()));
        }
    });
    (url, mails)
}

/// One SMTP session of the sink, over plain TCP or TLS.
async fn smtp_session<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + 'static>(
    sock: S,
    store: Arc<Mutex<Vec<Mail>>>,
) {
    let (r, mut w) = tokio::io::split(sock);
    let mut r = BufReader::new(r);
    w.write_all(b"220 sink ESMTP\r\n").await.unwrap();
    let mut to = vec![];
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let cmd = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if cmd.starts_with("EHLO") {
            b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if cmd.starts_with("RCPT TO") {
            if cmd.contains("BOUNCE.INVALID") {
                b"550 5.1.1 no such user\r\n"
            } else {
                to.push(line.trim_end()[8..].trim().trim_matches(['<', '>']).to_string());
                b"250 ok\r\n"
            }
        } else if cmd == "DATA" {
            w.write_all(b"354 go on\r\n").await.unwrap();
            let mut data = String::new();
            loop {
                line.clear();
                r.read_line(&mut line).await.unwrap();
                if line == ".\r\n" {
                    break;
                }
                data.push_str(&line);
            }
            store.lock().unwrap().push(Mail { to: std::mem::take(&mut to), data });
            b"250 queued\r\n"
        } else if cmd == "QUIT" {
            w.write_all(b"221 bye\r\n").await.unwrap();
            return;
        } else {
            b"250 ok\r\n"
        };
        w.write_all(reply).await.unwrap();
    }
}

/// A MOCK TLS chain for `localhost`: the root's PEM and the server's config.
fn tls_server() -> (String, Arc<rustls::ServerConfig>) {
    let (root, cert, key) = tokhai_mock_idp::ca::tls_chain(&["localhost"]).unwrap();
    let der = |pem: &str| {
        let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD.decode(b64).unwrap()
    };
    let chain = vec![rustls::pki_types::CertificateDer::from(der(&cert))];
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(der(&key).into());
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    (root, Arc::new(config))
}

/// The sink over TLS from the first byte (`smtps://localhost:port`).
async fn smtps_sink(tls: Arc<rustls::ServerConfig>) -> (String, Arc<Mutex<Vec<Mail>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtps://localhost:{}", listener.local_addr().unwrap().port());
    let mails = Arc::new(Mutex::new(vec![]));
    let store = mails.clone();
    let acceptor = tokio_rustls::TlsAcceptor::from(tls);
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else { return };
            let (acceptor, store) = (acceptor.clone(), store.clone());
            tokio::spawn(async move {
                // A client that does not trust the certificate ends the handshake: no session.
                if let Ok(tls) = acceptor.accept(sock).await {
                    smtp_session(tls, store).await;
                }
            });
        }
    });
    (url, mails)
}

/// The gateway stub over HTTPS (`https://localhost:port/send`).
async fn https_gateway(tls: Arc<rustls::ServerConfig>) -> (String, Arc<Gateway>) {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    let g = Arc::new(Gateway::default());
    let app = Router::new().route("/send", post(gateway_send)).with_state(g.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://localhost:{}/send", listener.local_addr().unwrap().port());
    let acceptor = tokio_rustls::TlsAcceptor::from(tls);
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else { return };
            let (acceptor, app) = (acceptor.clone(), app.clone());
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(sock).await else { return };
                let service = hyper_util::service::TowerToHyperService::new(app);
                let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
            });
        }
    });
    (url, g)
}

/// The gateway stub: records each SMS; numbers ending 000 are refused (400),
/// numbers ending 503 fail once with 503 and are accepted the next time.
#[derive(Default)]
struct Gateway {
    got: Mutex<Vec<(Value, Option<String>)>>,
}

async fn gateway_send(State(g): State<Arc<Gateway>>, headers: axum::http::HeaderMap, Json(v): Json<Value>) -> AxStatus {
    let to = v["to"].as_str().unwrap_or_default().to_string();
    let auth = headers.get("authorization").map(|h| h.to_str().unwrap().to_string());
    let tries = {
        let mut got = g.got.lock().unwrap();
        got.push((v, auth));
        got.iter().filter(|(x, _)| x["to"] == to.as_str()).count()
    };
    if to.ends_with("000") {
        AxStatus::BAD_REQUEST
    } else if to.ends_with("503") && tries == 1 {
        AxStatus::SERVICE_UNAVAILABLE
    } else {
        AxStatus::ACCEPTED
    }
}

async fn gateway() -> (String, Arc<Gateway>) {
    let g = Arc::new(Gateway::default());
    let app = Router::new().route("/send", post(gateway_send)).with_state(g.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, g)
}

const CALLBACK: &str = "gateway-callback-secret-0123";

async fn server(db: &Db, smtp: &str, sms: &str) -> Server {
    let mut c = config(db);
    c.smtp_url = Some(smtp.into());
    c.sms_gateway_url = Some(sms.into());
    c.sms_gateway_token = Some("gateway-key".into());
    c.sms_callback_token = Some(CALLBACK.into());
    c.public_url = Some("https://portal.example.vn".into());
    c.retry_ms = 50;
    Server::start(c).await
}

fn with_prefs(mut body: Value, prefs: Value) -> Value {
    body["prefs"] = prefs;
    body
}

/// Waits until `f` holds (5 s at most).
async fn eventually<F: FnMut() -> bool>(mut f: F, what: &str) {
    for _ in 0..250 {
        if f() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("timed out waiting for {what}");
}

/// The first step's `sent` list, once it has `n` entries.
async fn sent_of(s: &Server, t: &str, code: &str, n: usize) -> Vec<Value> {
    for _ in 0..250 {
        let d = json_of(s.get(&format!("/dossiers/{code}"), Some(t)).await, StatusCode::OK).await;
        let sent = d["history"][0]["sent"].as_array().unwrap().clone();
        if sent.len() >= n {
            return sent;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the step never had {n} deliveries recorded");
}

/// Decodes a header value with RFC 2047 base64 words (`=?utf-8?b?…?=`)
/// among plain text; blanks between two words are dropped.
fn decode_words(v: &str) -> String {
    let mut out = String::new();
    let mut bytes: Vec<u8> = vec![];
    let mut rest = v;
    while let Some(i) = rest.find("=?") {
        let plain = &rest[..i];
        if !plain.trim().is_empty() || bytes.is_empty() {
            out.push_str(&String::from_utf8(std::mem::take(&mut bytes)).unwrap());
            out.push_str(plain);
        }
        let mut parts = rest[i + 2..].splitn(3, '?');
        let (_charset, enc, tail) = (parts.next(), parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
        let end = tail.find("?=").unwrap_or(tail.len());
        assert!(enc.eq_ignore_ascii_case("b"), "only base64 words are expected: {v}");
        bytes.extend(base64::engine::general_purpose::STANDARD.decode(&tail[..end]).unwrap());
        rest = &tail[(end + 2).min(tail.len())..];
    }
    out.push_str(&String::from_utf8(bytes).unwrap());
    out.push_str(rest);
    out
}

/// The body of a quoted-printable message, decoded.
fn body_of(data: &str) -> String {
    let body = data.split_once("\r\n\r\n").map_or("", |(_, b)| b).replace("=\r\n", "");
    let mut out = vec![];
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&body[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap().replace("\r\n", "\n")
}

fn subject_of(data: &str) -> String {
    let mut lines = data.split("\r\n");
    let mut value = String::new();
    while let Some(l) = lines.next() {
        if let Some(v) = l.strip_prefix("Subject: ") {
            value.push_str(v);
            for cont in lines.by_ref() {
                if cont.starts_with(' ') || cont.starts_with('\t') {
                    value.push_str(cont); // unfolding keeps the blank
                } else {
                    break;
                }
            }
            break;
        }
    }
    decode_words(&value)
}

async fn email_reaches_smtp(db: &Db) {
    let (smtp, mails) = smtp_sink().await;
    let (sms, _) = gateway().await;
    let s = server(db, &smtp, &sms).await;
    let t = token(AN);
    let prefs = json!({"sms": false, "phone": "", "phone_confirmed": false, "email_on": true, "email": "an.nguyen@gmail.com", "web_push": false});
    let d = json_of(s.submit(&t, &with_prefs(submission(AN, "12"), prefs)).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    assert_eq!(d["history"][0]["sent"], json!([]), "nothing simulated: deliveries are recorded as they happen");
    eventually(|| !mails.lock().unwrap().is_empty(), "the e-mail").await;
    let mail = mails.lock().unwrap()[0].clone();
    assert_eq!(mail.to, ["an.nguyen@gmail.com"]);
    assert_eq!(subject_of(&mail.data), format!("[Tờ Khai] Hồ sơ {code}: Mới đăng ký"));
    assert!(mail.data.contains("Content-Transfer-Encoding: quoted-printable"), "{}", mail.data);
    let body = body_of(&mail.data);
    assert!(body.starts_with("Kính gửi Ông/Bà,\n\n"), "{body}");
    assert!(body.contains(&format!("Hồ sơ {code} (Đăng ký thường trú) hiện ở trạng thái: Mới đăng ký.")), "{body}");
    assert!(body.contains(&format!("Tra cứu hồ sơ: https://tokhai.vn/ho-so/{code}")), "{body}");
    let sent = sent_of(&s, &t, &code, 1).await;
    assert_eq!(sent[0]["channel"], "email");
    assert_eq!(sent[0]["to"], "a…@gmail.com");
    assert_eq!(sent[0]["delivery"], "sent");
    // The next step sends its own e-mail.
    json_of(s.officer(&code, json!({"event": "accept"})).await, StatusCode::OK).await;
    eventually(|| mails.lock().unwrap().len() == 2, "the second e-mail").await;
    let second = mails.lock().unwrap()[1].clone();
    assert_eq!(subject_of(&second.data), format!("[Tờ Khai] Hồ sơ {code}: Được tiếp nhận"));
    s.stop().await;
}

async fn sms_and_receipt(db: &Db) {
    let (smtp, mails) = smtp_sink().await;
    let (sms, g) = gateway().await;
    let s = server(db, &smtp, &sms).await;
    let t = token(AN);
    let prefs = json!({"sms": true, "phone": "0904217365", "phone_confirmed": true, "email_on": false, "email": "an.nguyen@gmail.com", "web_push": false});
    let d = json_of(s.submit(&t, &with_prefs(submission(AN, "12"), prefs)).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    eventually(|| !g.got.lock().unwrap().is_empty(), "the SMS").await;
    let (msg, auth) = g.got.lock().unwrap()[0].clone();
    assert_eq!(auth.as_deref(), Some("Bearer gateway-key"));
    assert_eq!(msg["to"], "0904217365");
    assert_eq!(msg["callback_url"], "https://portal.example.vn/callbacks/sms");
    let text = msg["text"].as_str().unwrap();
    assert!(text.chars().count() <= SMS_MAX && is_gsm7(text), "one GSM-7 segment: {text}");
    assert_eq!(text, format!("TOKHAI: Ho so {code} da gui, dang cho tiep nhan. Tra cuu: tokhai.vn/tra-cuu"));
    let sent = sent_of(&s, &t, &code, 1).await;
    assert_eq!((sent[0]["channel"].clone(), sent[0]["delivery"].clone()), (json!("sms"), json!("sent")));
    assert_eq!(sent[0]["to"], "09x…365");

    // The receipt: only with the gateway's credential.
    let id = msg["id"].as_str().unwrap();
    let receipt = json!({"id": id, "status": "delivered"});
    let r = s.http.post(s.url("/callbacks/sms")).json(&receipt).send().await.unwrap();
    assert_eq!(json_of(r, StatusCode::UNAUTHORIZED).await["error"], "unauthorized");
    let r = s.http.post(s.url("/callbacks/sms")).bearer_auth(&t).json(&receipt).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "a citizen's token is not the gateway's credential");
    for _ in 0..2 {
        let r = s.http.post(s.url("/callbacks/sms")).bearer_auth(CALLBACK).json(&receipt).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
    let sent = sent_of(&s, &t, &code, 2).await;
    assert_eq!(sent.len(), 2, "the same receipt twice is recorded once: {sent:?}");
    assert_eq!(sent[1]["delivery"], "delivered");
    let r = s
        .http
        .post(s.url("/callbacks/sms"))
        .bearer_auth(CALLBACK)
        .json(&json!({"id": "999999", "status": "delivered"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(mails.lock().unwrap().is_empty(), "no e-mail: SMS delivered and e-mail off");
    s.stop().await;
}

async fn sms_fallback(db: &Db) {
    let (smtp, mails) = smtp_sink().await;
    let (sms, g) = gateway().await;
    let s = server(db, &smtp, &sms).await;
    let t = token(AN);
    // The gateway refuses this number: the e-mail follows (e-mail off, but an address is known).
    let prefs = json!({"sms": true, "phone": "0904217000", "phone_confirmed": true, "email_on": false, "email": "an.nguyen@gmail.com", "web_push": false});
    let d = json_of(s.submit(&t, &with_prefs(submission(AN, "12"), prefs)).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    eventually(|| !mails.lock().unwrap().is_empty(), "the fallback e-mail").await;
    let sent = sent_of(&s, &t, &code, 2).await;
    let summary: Vec<(&str, &str, bool)> = sent
        .iter()
        .map(|x| (x["channel"].as_str().unwrap(), x["delivery"].as_str().unwrap(), x["fallback"].as_bool().unwrap()))
        .collect();
    assert_eq!(summary, [("sms", "permanent_failure", false), ("email", "sent", true)], "{sent:?}");
    let notices = json_of(s.get("/notifications", Some(&t)).await, StatusCode::OK).await;
    assert_eq!(notices[0]["flagged"], false, "the e-mail went out");

    // No e-mail address and the SMS refused: the inbox notice is flagged.
    let prefs = json!({"sms": true, "phone": "0904217000", "phone_confirmed": true, "email_on": false, "email": "", "web_push": false});
    let ngoc = token(NGOC);
    let r = s.http.put(s.url("/preferences")).bearer_auth(&ngoc).json(&prefs).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let d = json_of(s.submit(&ngoc, &with_prefs(submission(NGOC, "12"), prefs)).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    let sent = sent_of(&s, &ngoc, &code, 1).await;
    assert_eq!(sent[0]["delivery"], "permanent_failure");
    let mut flagged = false;
    for _ in 0..100 {
        let notices = json_of(s.get("/notifications", Some(&ngoc)).await, StatusCode::OK).await;
        flagged = notices[0]["flagged"] == true;
        if flagged {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(flagged, "the inbox notice is flagged");

    // A receipt saying a sent SMS failed later brings the fallback e-mail too.
    let prefs = json!({"sms": true, "phone": "0904217365", "phone_confirmed": true, "email_on": false, "email": "an.nguyen@gmail.com", "web_push": false});
    let r = s.http.put(s.url("/preferences")).bearer_auth(&t).json(&prefs).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let before = mails.lock().unwrap().len();
    let d = json_of(s.submit(&t, &submission(AN, "13")).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    eventually(|| g.got.lock().unwrap().iter().any(|(m, _)| m["to"] == "0904217365"), "the SMS").await;
    let id = g.got.lock().unwrap().iter().rev().find(|(m, _)| m["to"] == "0904217365").unwrap().0["id"].clone();
    sent_of(&s, &t, &code, 1).await;
    let r = s
        .http
        .post(s.url("/callbacks/sms"))
        .bearer_auth(CALLBACK)
        .json(&json!({"id": id, "status": "failed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    eventually(|| mails.lock().unwrap().len() == before + 1, "the fallback e-mail after the receipt").await;
    let sent = sent_of(&s, &t, &code, 3).await;
    assert_eq!(sent[2]["fallback"], true);
    s.stop().await;
}

async fn temporary_failure(db: &Db) {
    let (smtp, _mails) = smtp_sink().await;
    let (sms, g) = gateway().await;
    let s = server(db, &smtp, &sms).await;
    let t = token(AN);
    let prefs = json!({"sms": true, "phone": "0904217503", "phone_confirmed": true, "email_on": false, "email": "", "web_push": false});
    let d = json_of(s.submit(&t, &with_prefs(submission(AN, "12"), prefs)).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    let sent = sent_of(&s, &t, &code, 2).await;
    let deliveries: Vec<&str> = sent.iter().map(|x| x["delivery"].as_str().unwrap()).collect();
    assert_eq!(deliveries, ["temporary_failure", "sent"]);
    assert_eq!(g.got.lock().unwrap().len(), 2, "sent twice: the failure, then the retry");
    s.stop().await;
}

async fn over_tls(db: &Db) {
    let (root, tls) = tls_server();
    let (smtp, mails) = smtps_sink(tls.clone()).await;
    let (sms, gw) = https_gateway(tls).await;
    let prefs = json!({"sms": true, "phone": "0904217365", "phone_confirmed": true, "email_on": true, "email": "an.nguyen@gmail.com", "web_push": false});
    // Trusting the relay's and the gateway's root: both deliveries go through TLS.
    let mut c = config(db);
    (c.smtp_url, c.sms_gateway_url, c.tls_ca) = (Some(smtp.clone()), Some(sms.clone()), Some(root));
    c.retry_ms = 50;
    let s = Server::start(c).await;
    let t = token(AN);
    let d = json_of(s.submit(&t, &with_prefs(submission(AN, "tls"), prefs.clone())).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    eventually(|| !mails.lock().unwrap().is_empty(), "the e-mail over TLS").await;
    eventually(|| !gw.got.lock().unwrap().is_empty(), "the SMS over HTTPS").await;
    assert_eq!(mails.lock().unwrap()[0].to, ["an.nguyen@gmail.com"]);
    assert_eq!(gw.got.lock().unwrap()[0].0["to"], "0904217365");
    let sent = sent_of(&s, &t, &code, 2).await;
    assert!(sent.iter().all(|x| x["delivery"] == "sent"), "{sent:?}");
    s.stop().await;
    // The same relay and gateway without their root (the Mozilla roots only): nothing is
    // delivered to a server whose certificate does not check out, and the step says so.
    let (smtp2, mails2) = smtps_sink(tls_server().1).await;
    let (sms2, gw2) = https_gateway(tls_server().1).await;
    let mut c = config(db);
    (c.smtp_url, c.sms_gateway_url) = (Some(smtp2), Some(sms2));
    c.retry_ms = 50;
    let s = Server::start(c).await;
    let d = json_of(s.submit(&t, &with_prefs(submission(AN, "untrusted"), prefs)).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    let sent = sent_of(&s, &t, &code, 2).await;
    assert!(sent.iter().all(|x| x["delivery"] != "sent" && x["delivery"] != "delivered"), "{sent:?}");
    assert!(mails2.lock().unwrap().is_empty() && gw2.got.lock().unwrap().is_empty());
    s.stop().await;
}
