//! The test harness: a real server on 127.0.0.1 (ephemeral port), spoken to
//! over real HTTP, once per configured database. SQLite always (a fresh
//! file per test); PostgreSQL too when `TEST_DATABASE_URL` is set (a fresh
//! database per test, created there and dropped after). Set
//! `PORTAL_TEST_REQUIRE_POSTGRES=1` (scripts/test.sh does) to fail rather than
//! run on SQLite alone when PostgreSQL is not configured.

#![allow(dead_code)]

use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};
use sqlx::{Connection, Executor};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokhai_core::identity::Citizen;
use tokhai_core::portal::{submission_key, Millis};
use tokhai_core::Answers;
use tokhai_mock_idp::{mint, MintOptions};
use tokhai_portal_server::{serve, start, AppState, Config};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Tuesday 24/11/2026, 13:00 in Hà Nội: the dossiers' fixed clock.
pub const NOW: Millis = 1_795_500_000_000;

/// A day's unit-day key for nguyen-van-an's dang-ky-thuong-tru dossiers at [`NOW`].
pub const UNIT_DAY: &str = "001.01.20.H01-261124";

/// Nguyễn Văn An (province 01).
pub const AN: &str = "nguyen-van-an";
/// Trần Thị Bích Ngọc (province 01).
pub const NGOC: &str = "tran-thi-bich-ngoc";
/// The officers' credential in the tests.
pub const OFFICER_KEY: &str = "officer-test-key-0123456789";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn citizen(file: &str) -> Citizen {
    let text = std::fs::read_to_string(repo().join(format!("seeds/citizens/{file}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

pub fn private_key() -> String {
    std::fs::read_to_string(repo().join("seeds/mock-issuer/private.jwk.json")).unwrap()
}

/// A valid token for a seed citizen.
pub fn token(file: &str) -> String {
    mint(&citizen(file), &private_key(), &MintOptions::default()).unwrap()
}

/// A token minted with other options (expired, wrong audience…).
pub fn token_with(file: &str, opts: MintOptions) -> String {
    mint(&citizen(file), &private_key(), &opts).unwrap()
}

/// A database to run the suite on.
#[derive(Clone, Debug)]
pub struct Db {
    /// `sqlite` or `postgres`.
    pub name: &'static str,
    /// Its URL (fresh for this test).
    pub url: String,
    /// For PostgreSQL: the admin URL and the database to drop afterwards.
    drop: Option<(String, String)>,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{prefix}_{}_{t}_{n}", std::process::id())
}

/// Replaces the database name of a PostgreSQL URL (keeps `?host=…` etc.).
fn with_database(url: &str, db: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (url, None),
    };
    let after_scheme = main.find("://").map_or(0, |i| i + 3);
    let base = match main[after_scheme..].find('/') {
        Some(i) => &main[..after_scheme + i],
        None => main,
    };
    match query {
        Some(q) => format!("{base}/{db}?{q}"),
        None => format!("{base}/{db}"),
    }
}

/// The databases to run a test on, each fresh.
pub async fn databases() -> Vec<Db> {
    let dir = std::env::temp_dir().join("tokhai-portal-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}.db", unique("t")));
    let mut out = vec![Db { name: "sqlite", url: format!("sqlite://{}", file.display()), drop: None }];
    match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(admin) => {
            let name = unique("tokhai_test");
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .unwrap_or_else(|e| panic!("TEST_DATABASE_URL is set but PostgreSQL does not answer: {e}"));
            conn.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
            conn.close().await.unwrap();
            out.push(Db { name: "postgres", url: with_database(&admin, &name), drop: Some((admin, name)) });
        }
        None if std::env::var("PORTAL_TEST_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") => {
            panic!(
                "PORTAL_TEST_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: the PostgreSQL run would be skipped"
            )
        }
        None => {}
    }
    out
}

impl Db {
    /// Drops the test's PostgreSQL database (after its servers stopped).
    pub async fn cleanup(&self) {
        if let Some((admin, name)) = &self.drop {
            if let Ok(mut conn) = sqlx::PgConnection::connect(admin).await {
                let _ = conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
                let _ = conn.close().await;
            }
        } else if let Some(path) = self.url.strip_prefix("sqlite://") {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{path}{suffix}"));
            }
        }
    }
}

/// Runs `scenario` once per configured database, saying which.
#[macro_export]
macro_rules! per_database {
    ($($name:ident => $scenario:path;)*) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn $name() {
            for db in common::databases().await {
                eprintln!("{} on {}", stringify!($name), db.name);
                $scenario(&db).await;
                db.cleanup().await;
            }
        }
    )*};
}

/// The test configuration: fixed clock, officer key, the repository's catalogue and issuer key.
pub fn config(db: &Db) -> Config {
    let mut c = Config::new(&db.url);
    c.fixed_now = Some(NOW);
    c.officer_key = Some(OFFICER_KEY.into());
    c.body_limit = 64 * 1024;
    c.rate_limit = 100_000; // the bursts of the tests come from one address
    c.lookup_rate_limit = 100_000;
    c.issuer_jwk = std::fs::read_to_string(repo().join("seeds/mock-issuer/public.jwk.json")).unwrap();
    c
}

/// A running server.
pub struct Server {
    pub base: String,
    pub state: Arc<AppState>,
    pub http: Client,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl Server {
    /// Starts a server with `config` on an ephemeral port.
    pub async fn start(config: Config) -> Server {
        // The server's log, shown with a failing test's output.
        let _ = tracing_subscriber::fmt().with_test_writer().with_max_level(tracing::Level::INFO).try_init();
        let state = start(config).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn({
            let state = state.clone();
            async move {
                serve(state, listener, async {
                    let _ = rx.await;
                })
                .await
                .unwrap();
            }
        });
        Server { base, state, http: Client::new(), stop: Some(tx), task }
    }

    /// Graceful stop; the store is closed when this returns.
    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        (&mut self.task).await.unwrap();
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut r = self.http.get(self.url(path));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send().await.unwrap()
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        let mut r = self.http.post(self.url(path)).json(body);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send().await.unwrap()
    }

    /// `POST /dossiers` with the body's key as Idempotency-Key.
    pub async fn submit(&self, token: &str, body: &Value) -> Response {
        let key = body["key"].as_str().unwrap_or_default().to_string();
        self.http
            .post(self.url("/dossiers"))
            .bearer_auth(token)
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// An officer's event.
    pub async fn officer(&self, code: &str, body: Value) -> Response {
        self.http
            .post(self.url(&format!("/officer/dossiers/{code}/events")))
            .bearer_auth(OFFICER_KEY)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

/// The example answers of docs/portal-api.md, with one answer varied by `n`.
pub fn answers(n: &str) -> Value {
    json!({
        "cam_doan": {"type": "text", "value": "yes"},
        "can_cu": {"type": "text", "value": "ve_voi_nguoi_than"},
        "dia_chi_moi": {"type": "address", "value": {"province": "01", "province_name": "Thành phố Hà Nội", "ward": "00004", "ward_name": "Phường Ba Đình", "street": format!("Số {n} ngõ 34 phố Đội Cấn")}},
        "giay_to_cho_o": {"type": "files", "value": [{"name": "giay-cho-o-nho.pdf", "size": 482113, "mime": "application/pdf"}]},
        "nguoi_dong_y": {"type": "text", "value": "chu_so_huu"},
        "nguoi_dong_y_ten": {"type": "text", "value": "Trần Thị Bình"},
        "vao_ho": {"type": "text", "value": "lap_ho_moi"}
    })
}

/// A submission by seed citizen `file` of `dang-ky-thuong-tru`, its key computed as the app does.
pub fn submission(file: &str, n: &str) -> Value {
    let owner = citizen(file).identity.personal_id;
    let answers = answers(n);
    let parsed: Answers = serde_json::from_value(answers.clone()).unwrap();
    let key = submission_key(&owner, "dang-ky-thuong-tru", &parsed);
    json!({
        "key": key, "form": "dang-ky-thuong-tru",
        "service": {"vi": "Đăng ký thường trú", "en": "Permanent residence registration"},
        "agency": {"vi": "Bộ Công an — Công an cấp xã", "en": "Ministry of Public Security — commune police"},
        "level": "xa", "owner": owner, "province": 1, "processing_days": 7, "fee_vnd": 20000, "online_fee_vnd": 10000,
        "answers": answers,
        "missing": [["van_ban_dong_y", {"vi": "Văn bản đồng ý của chủ hộ hoặc chủ sở hữu", "en": "Consent letter from the head of household or owner"}]],
        "corrections": 0, "helper": null,
        "prefs": {"sms": true, "phone": "0904217365", "phone_confirmed": true, "email_on": true, "email": "an.nguyen@gmail.com", "web_push": false}
    })
}

/// Reads a JSON answer, checking its status.
pub async fn json_of(r: Response, want: StatusCode) -> Value {
    let status = r.status();
    let text = r.text().await.unwrap();
    assert_eq!(status, want, "body: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// The sequence number (last 4 digits) of a dossier code.
pub fn seq_of(code: &str) -> u32 {
    code.rsplit('-').next().unwrap().parse().unwrap()
}
