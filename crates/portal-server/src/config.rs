//! Configuration by environment (documented in `docs/portal-server.md`).

use std::net::SocketAddr;
use tokhai_core::catalog::CatalogEntry;
use tokhai_core::portal::Millis;

/// The catalogue compiled in: the same `forms/catalog.json` the app reads.
pub const BUILT_IN_CATALOG: &str = include_str!("../../../forms/catalog.json");

/// The mock issuer's public key compiled in (MOCK, NOT SECRET), used when
/// `PORTAL_ISSUER_JWK` is not set.
pub const BUILT_IN_ISSUER_JWK: &str = include_str!("../../../seeds/mock-issuer/public.jwk.json");

/// The repository's `forms/` (set `PORTAL_FORMS` where the server runs elsewhere).
pub const BUILT_IN_FORMS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../forms");

/// The default listening address.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8090";

/// Default database: one SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://portal.db";

/// Default request body limit: 1 MiB (a dossier's answers are a few KB; files
/// are metadata only for now).
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// The default largest attachment: 10 MB (the forms' own limits are lower).
pub const DEFAULT_UPLOAD_LIMIT: i64 = 10 * 1024 * 1024;

/// Everything the server is started with.
#[derive(Clone, Debug)]
pub struct Config {
    /// `PORTAL_ADDR`.
    pub addr: SocketAddr,
    /// `DATABASE_URL`: `sqlite://…` (default `sqlite://portal.db`) or `postgres://…`.
    pub database_url: String,
    /// The identity issuer's public key (JWK text) from `PORTAL_ISSUER_JWK`
    /// (a file path), else the mock issuer's.
    pub issuer_jwk: String,
    /// The catalogue the facts of a dossier are taken from (`PORTAL_CATALOG`,
    /// a file path; else the one compiled in).
    pub catalog: Vec<CatalogEntry>,
    /// Origins allowed by CORS (`PORTAL_ALLOWED_ORIGIN`, comma separated); none: same origin only.
    pub allowed_origins: Vec<String>,
    /// Largest request body, bytes (`PORTAL_BODY_LIMIT`).
    pub body_limit: usize,
    /// The form definitions (`forms/`, fragments resolved): which answers are
    /// locked registry values, re-checked against the token.
    pub forms_dir: std::path::PathBuf,
    /// Largest attachment in bytes (uploaded in chunks, each within `body_limit`).
    pub upload_limit: i64,
    /// How long an upload no dossier names is kept (`PORTAL_UPLOAD_TTL_HOURS`, default a week).
    pub upload_ttl_ms: Millis,
    /// The officers' credential (`PORTAL_OFFICER_KEY`); `None` turns the officer endpoints off.
    pub officer_key: Option<String>,
    /// Named officers and their own keys (`PORTAL_OFFICER_KEYS`), recorded in the audit trail.
    pub officers: Vec<(String, String)>,
    /// The simulated agency's delay between automatic steps (`PORTAL_AGENCY_STEP_MS`); 0: off.
    pub agency_step_ms: Millis,
    /// Log lines as JSON (`PORTAL_LOG_FORMAT=json`).
    pub log_json: bool,
    /// A fixed "now" for the dossiers' clock (tests only; never from the environment).
    pub fixed_now: Option<Millis>,
    /// The SMTP relay for e-mail (`SMTP_URL`: `smtp://` plain on a trusted
    /// network, `smtp+starttls://` upgraded with STARTTLS, `smtps://` TLS from the start).
    pub smtp_url: Option<String>,
    /// An extra root certificate (PEM) trusted for the relay and the gateway besides the
    /// Mozilla roots compiled in (`PORTAL_TLS_CA`: the path; e.g. an agency's own CA).
    pub tls_ca: Option<String>,
    /// The e-mails' sender (`SMTP_FROM`).
    pub smtp_from: String,
    /// The SMS gateway's send endpoint (`SMS_GATEWAY_URL`).
    pub sms_gateway_url: Option<String>,
    /// The credential sent to the gateway as `Authorization: Bearer` (`SMS_GATEWAY_TOKEN`).
    pub sms_gateway_token: Option<String>,
    /// The credential the gateway's delivery receipts must carry (`SMS_CALLBACK_TOKEN`);
    /// `None` turns `POST /callbacks/sms` off.
    pub sms_callback_token: Option<String>,
    /// This server's address as the gateway reaches it, for the receipts'
    /// `callback_url` (`PORTAL_PUBLIC_URL`, e.g. `https://portal.example.vn`).
    pub public_url: Option<String>,
    /// Delay before retrying a message after a temporary failure, times the
    /// attempts so far (`PORTAL_RETRY_MS`).
    pub retry_ms: Millis,
    /// Requests per minute per client (`PORTAL_RATE_LIMIT`).
    pub rate_limit: u32,
    /// Public lookups by code per minute per client (`PORTAL_LOOKUP_RATE_LIMIT`).
    pub lookup_rate_limit: u32,
    /// The client is the first `X-Forwarded-For` address (`PORTAL_TRUST_PROXY=1`).
    pub trust_proxy: bool,
}

/// Default sender of the e-mails.
pub const DEFAULT_SMTP_FROM: &str = "Tờ Khai <no-reply@tokhai.vn>";

impl Config {
    /// The defaults: SQLite file, mock issuer, built-in catalogue.
    pub fn new(database_url: &str) -> Config {
        Config {
            addr: DEFAULT_ADDR.parse().expect("the default address parses"),
            database_url: database_url.to_string(),
            issuer_jwk: BUILT_IN_ISSUER_JWK.to_string(),
            catalog: tokhai_core::schema::parse_catalog(BUILT_IN_CATALOG).expect("the built-in catalogue parses"),
            allowed_origins: vec![],
            body_limit: DEFAULT_BODY_LIMIT,
            upload_limit: DEFAULT_UPLOAD_LIMIT,
            upload_ttl_ms: 7 * 24 * 3_600_000,
            forms_dir: BUILT_IN_FORMS.into(),
            officer_key: None,
            officers: vec![],
            agency_step_ms: 0,
            log_json: false,
            fixed_now: None,
            smtp_url: None,
            tls_ca: None,
            smtp_from: DEFAULT_SMTP_FROM.to_string(),
            sms_gateway_url: None,
            sms_gateway_token: None,
            sms_callback_token: None,
            public_url: None,
            retry_ms: 30_000,
            rate_limit: 600,
            lookup_rate_limit: 30,
            trust_proxy: false,
        }
    }

    /// Whether any officer credential is configured (else the officer endpoints are 404).
    pub fn has_officers(&self) -> bool {
        self.officer_key.is_some() || !self.officers.is_empty()
    }

    /// The officer a credential belongs to: a named officer's own key, or the
    /// shared `PORTAL_OFFICER_KEY` (recorded as `can-bo`).
    pub fn officer(&self, credential: &str) -> Option<&str> {
        let named =
            self.officers.iter().find(|(_, k)| crate::auth::same_secret(credential, k)).map(|(n, _)| n.as_str());
        named.or_else(|| {
            self.officer_key.as_deref().filter(|k| crate::auth::same_secret(credential, k)).map(|_| "can-bo")
        })
    }

    /// Whether messages really leave the machine (else they are simulated as in the app).
    pub fn real_delivery(&self) -> bool {
        self.smtp_url.is_some() || self.sms_gateway_url.is_some()
    }

    /// Reads the environment. Errors name the variable at fault.
    pub fn from_env() -> Result<Config, String> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let mut c = Config::new(&var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string()));
        if let Some(a) = var("PORTAL_ADDR") {
            c.addr = a.parse().map_err(|e| format!("PORTAL_ADDR={a:?}: {e}"))?;
        }
        if let Some(p) = var("PORTAL_ISSUER_JWK") {
            c.issuer_jwk = std::fs::read_to_string(&p).map_err(|e| format!("PORTAL_ISSUER_JWK={p:?}: {e}"))?;
        }
        if let Some(p) = var("PORTAL_CATALOG") {
            let text = std::fs::read_to_string(&p).map_err(|e| format!("PORTAL_CATALOG={p:?}: {e}"))?;
            c.catalog =
                tokhai_core::schema::parse_catalog(&text).map_err(|e| format!("PORTAL_CATALOG={p:?}: {e:?}"))?;
        }
        if let Some(o) = var("PORTAL_ALLOWED_ORIGIN") {
            c.allowed_origins = o.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        }
        if let Some(n) = var("PORTAL_BODY_LIMIT") {
            c.body_limit = n.parse().map_err(|e| format!("PORTAL_BODY_LIMIT={n:?}: {e}"))?;
        }
        if let Some(d) = var("PORTAL_FORMS") {
            c.forms_dir = d.into();
        }
        if let Some(n) = var("PORTAL_UPLOAD_LIMIT") {
            c.upload_limit = n.parse().map_err(|e| format!("PORTAL_UPLOAD_LIMIT={n:?}: {e}"))?;
        }
        if let Some(n) = var("PORTAL_UPLOAD_TTL_HOURS") {
            let hours: Millis = n.parse().map_err(|e| format!("PORTAL_UPLOAD_TTL_HOURS={n:?}: {e}"))?;
            c.upload_ttl_ms = hours * 3_600_000;
        }
        c.officer_key = var("PORTAL_OFFICER_KEY");
        if let Some(k) = &c.officer_key {
            if k.len() < 16 {
                return Err("PORTAL_OFFICER_KEY must be at least 16 characters".into());
            }
        }
        if let Some(list) = var("PORTAL_OFFICER_KEYS") {
            for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let (name, key) = item.split_once(':').ok_or("PORTAL_OFFICER_KEYS: name:key,name:key")?;
                let name_ok = !name.is_empty()
                    && name.len() <= 64
                    && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
                if !name_ok || key.len() < 16 {
                    return Err(format!(
                        "PORTAL_OFFICER_KEYS: {name:?}: a name of a-z 0-9 . _ - and a key of at least 16 characters"
                    ));
                }
                c.officers.push((name.to_string(), key.to_string()));
            }
        }
        if let Some(n) = var("PORTAL_AGENCY_STEP_MS") {
            c.agency_step_ms = n.parse().map_err(|e| format!("PORTAL_AGENCY_STEP_MS={n:?}: {e}"))?;
        }
        c.log_json = var("PORTAL_LOG_FORMAT").is_some_and(|f| f == "json");
        c.smtp_url = var("SMTP_URL");
        if let Some(p) = var("PORTAL_TLS_CA") {
            c.tls_ca = Some(std::fs::read_to_string(&p).map_err(|e| format!("PORTAL_TLS_CA={p:?}: {e}"))?);
        }
        if let Some(f) = var("SMTP_FROM") {
            c.smtp_from = f;
        }
        c.sms_gateway_url = var("SMS_GATEWAY_URL");
        c.sms_gateway_token = var("SMS_GATEWAY_TOKEN");
        c.sms_callback_token = var("SMS_CALLBACK_TOKEN");
        if let Some(k) = &c.sms_callback_token {
            if k.len() < 16 {
                return Err("SMS_CALLBACK_TOKEN must be at least 16 characters".into());
            }
        }
        c.public_url = var("PORTAL_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_string());
        if let Some(n) = var("PORTAL_RATE_LIMIT") {
            c.rate_limit = n.parse().map_err(|e| format!("PORTAL_RATE_LIMIT={n:?}: {e}"))?;
        }
        if let Some(n) = var("PORTAL_LOOKUP_RATE_LIMIT") {
            c.lookup_rate_limit = n.parse().map_err(|e| format!("PORTAL_LOOKUP_RATE_LIMIT={n:?}: {e}"))?;
        }
        c.trust_proxy = var("PORTAL_TRUST_PROXY").is_some_and(|v| v == "1");
        if let Some(n) = var("PORTAL_RETRY_MS") {
            c.retry_ms = n.parse().map_err(|e| format!("PORTAL_RETRY_MS={n:?}: {e}"))?;
        }
        Ok(c)
    }
}
