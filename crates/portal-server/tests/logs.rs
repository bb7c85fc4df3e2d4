//! The server's log names dossier codes, never names, ID numbers, phone
//! numbers or e-mail addresses (its own test binary: it owns the global log).

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use tokhai_mock_idp::MintOptions;

per_database! {
    the_log_has_codes_and_no_personal_data => no_personal_data;
}

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn log() -> &'static Buffer {
    static LOG: OnceLock<Buffer> = OnceLock::new();
    LOG.get_or_init(|| {
        let buf = Buffer::default();
        let writer = buf.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .init();
        buf
    })
}

async fn no_personal_data(db: &Db) {
    let log = log();
    let mut c = config(db);
    c.officer_key = Some(OFFICER_KEY.into());
    let s = Server::start(c).await;
    let t = token(AN);
    let d = json_of(s.submit(&t, &submission(AN, "12")).await, StatusCode::CREATED).await;
    let code = d["code"].as_str().unwrap().to_string();
    s.submit(&t, &submission(AN, "12")).await;
    json_of(s.officer(&code, json!({"event": "accept"})).await, StatusCode::OK).await;
    s.post(&format!("/dossiers/{code}/withdrawal"), Some(&t), &json!({"reason": "Nộp nhầm, Nguyễn Văn An"})).await;
    s.submit(&token(NGOC), &submission(AN, "13")).await; // 403
    let expired = token_with(AN, MintOptions { ttl_secs: -3600, ..Default::default() });
    s.get("/dossiers", Some(&expired)).await;
    s.get("/notifications", Some(&t)).await;
    let prefs = json!({"sms": true, "phone": "0904217365", "phone_confirmed": true, "email_on": true, "email": "an.nguyen@gmail.com", "web_push": false});
    s.http.put(s.url("/preferences")).bearer_auth(&t).json(&prefs).send().await.unwrap();
    s.stop().await;

    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains(&code), "codes are logged");
    assert!(text.contains("token_expired"), "refusals are logged by their reason code");
    for secret in
        ["001085004217", "036188002954", "Nguyễn", "Văn An", "0904217365", "an.nguyen", "Trần Thị Bình", "Đội Cấn"]
    {
        assert!(!text.contains(secret), "{secret:?} in the log:\n{text}");
    }
}
