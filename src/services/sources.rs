//! The other national databases (insurance, civil status, business registry,
//! vehicles, land, driving licences, tax), reached through the national
//! data-sharing platform: one boundary ([`DataSource`]) and the embedded
//! simulation ([`LocalSources`]), which reads the platform's signed records
//! from `/sources/{source}.json` (written at build time by `sign-sources`).
//! Every record is checked in the browser as the identity token is: the ES256
//! signature with WebCrypto against the platform's public key, then issuer,
//! source and owner. A source that does not answer within [`WAIT_MS`] never
//! blocks the form: its fields are typed. The JSON contract of a real
//! platform is `docs/data-sources.md`.

use super::{http, identity, json};
use gloo::timers::future::TimeoutFuture;
use tokhai_core::drafts::Unanswered;
use tokhai_core::sources::{check_record_claims, Record, RecordClaims, Source, MAX_RECORD_BYTES};

/// The platform's public key (JWK, MOCK). Its private key is not in this app.
pub const PLATFORM_PUBLIC_JWK: &str = include_str!("../../seeds/mock-platform/public.jwk.json");

/// How long a source may take before its fields are typed instead.
pub const WAIT_MS: u32 = 3_000;

/// `localStorage` key where testers make a source slow or down
/// (`{"vehicle":"slow","land":"down"}`); never personal data.
pub const SIMULATE_KEY: &str = "tokhai.sim.sources";

/// A source of signed records.
#[allow(async_fn_in_trait)]
pub trait DataSource {
    /// The records of `source` for the citizen with personal ID `sub`, only
    /// with the `paths` the form needs, each verified.
    async fn records(&self, source: Source, sub: &str, paths: &[&str]) -> Result<Vec<Record>, Unanswered>;
}

/// The embedded simulation of the platform.
pub struct LocalSources;

impl DataSource for LocalSources {
    async fn records(&self, source: Source, sub: &str, paths: &[&str]) -> Result<Vec<Record>, Unanswered> {
        match simulated(source).as_deref() {
            Some("down") => return Err(Unanswered::Unavailable),
            Some("slow") => TimeoutFuture::new(WAIT_MS * 3).await,
            _ => {}
        }
        let body =
            http::fetch_text(&format!("/sources/{}.json", source.key())).await.map_err(|_| Unanswered::Unavailable)?;
        let signed: Vec<String> = json::parse(&body).map_err(|_| Unanswered::Unavailable)?;
        let mut out = vec![];
        for token in signed {
            // The simulated platform answers with everyone's records; a real one only with this citizen's.
            let claims = verify(&token).await.map_err(|_| Unanswered::Refused)?;
            if claims.sub != sub {
                continue;
            }
            check_record_claims(&claims, sub).map_err(|_| Unanswered::Refused)?;
            if claims.source != source {
                return Err(Unanswered::Refused);
            }
            let mut record = claims.record;
            // Only what the form needs stays (an address path keeps its parts).
            record.data.retain(|k, _| paths.iter().any(|p| k == p || k.starts_with(&format!("{p}."))));
            out.push(record);
        }
        Ok(out)
    }
}

/// What testers set for `source` ("slow", "down").
fn simulated(source: Source) -> Option<String> {
    let raw = web_sys::window()?.local_storage().ok()??.get_item(SIMULATE_KEY).ok()??;
    let map: std::collections::BTreeMap<String, String> = json::parse(&raw).ok()?;
    map.get(source.key()).cloned()
}

/// Asks `source`, waiting at most [`WAIT_MS`].
pub async fn ask(source: Source, sub: &str, paths: &[&str]) -> Result<Vec<Record>, Unanswered> {
    let answer = LocalSources.records(source, sub, paths);
    let timeout = async {
        TimeoutFuture::new(WAIT_MS).await;
        Err(Unanswered::Unavailable)
    };
    futures_util::pin_mut!(answer, timeout);
    match futures_util::future::select(answer, timeout).await {
        futures_util::future::Either::Left((r, _)) | futures_util::future::Either::Right((r, _)) => r,
    }
}

/// Checks one signed record: size, shape, `alg` ES256 and the signature
/// against [`PLATFORM_PUBLIC_JWK`] (as the identity token is checked), then
/// parses its claims (issuer and owner are checked by the caller with
/// `check_record_claims`).
pub async fn verify(token: &str) -> Result<RecordClaims, ()> {
    if token.len() > MAX_RECORD_BYTES * 2 {
        return Err(());
    }
    let payload = identity::verify_es256(token, PLATFORM_PUBLIC_JWK).await.map_err(|_| ())?;
    json::parse(&payload).map_err(|_| ())
}
