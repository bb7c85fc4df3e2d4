//! A mock VNeID identity provider, native only: mints the ES256 identity
//! tokens the app accepts, from the seed citizens in `seeds/citizens/`, with the
//! MOCK key in `seeds/mock-issuer/` (not secret, see its README).
//!
//! A token is a compact JWS: `base64url(header).base64url(payload).base64url(sig)`
//! without padding, header `{"alg":"ES256","typ":"JWT","kid":…}`, payload
//! [`TokenClaims`] as serde_json writes it, signature the raw `r‖s` (64 bytes)
//! of ECDSA P-256 / SHA-256 over `header.payload` (RFC 7518 §3.4).
//!
//! [`verify`] checks the signature only and returns the claims; issuer,
//! audience and validity window are the app's checks (`tokhai_core::jws`).

pub mod ca;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::elliptic_curve::JwkEcKey;
use p256::{PublicKey, SecretKey};
use serde_json::{Map, Value};
use std::time::{SystemTime, UNIX_EPOCH};
use tokhai_core::identity::{Citizen, TokenClaims, AUDIENCE, ISSUER};

/// The only algorithm minted and accepted.
pub const ALG: &str = "ES256";

/// Key id of the committed mock key.
pub const DEFAULT_KID: &str = "tokhai-mock-2026";

/// Default token lifetime: one hour.
pub const DEFAULT_TTL_SECS: i64 = 3600;

/// How to mint a token. `Default` gives a valid token: issued now, valid for an
/// hour, level of assurance 2, the real issuer and audience. Tests change one
/// field to get an expired, not-yet-valid, wrong-issuer or wrong-audience token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MintOptions {
    /// Lifetime: `exp = now + ttl_secs` (negative for an already expired token).
    pub ttl_secs: i64,
    /// VNeID level of assurance, normally 1 or 2 (not checked here, so tests can
    /// mint a bad value).
    pub loa: u8,
    /// "Now" in seconds since 1970 (`iat`); `None` reads the system clock.
    pub now_secs: Option<i64>,
    /// `nbf = now + nbf_offset_secs` (positive for a not-yet-valid token).
    pub nbf_offset_secs: i64,
    /// Issuer; `None` for [`ISSUER`].
    pub iss: Option<String>,
    /// Audience; `None` for [`AUDIENCE`].
    pub aud: Option<String>,
}

impl Default for MintOptions {
    fn default() -> Self {
        MintOptions { ttl_secs: DEFAULT_TTL_SECS, loa: 2, now_secs: None, nbf_offset_secs: 0, iss: None, aud: None }
    }
}

/// Seconds since 1970 by the system clock.
pub fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(part: &str, what: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD.decode(part).map_err(|e| format!("{what}: not base64url without padding ({e})"))
}

/// Reads a JWK object and checks it is an ES256 (EC, P-256) key. Returns the
/// members, and the part the `p256` crate reads (`kty`, `crv`, `x`, `y`, `d`).
fn read_jwk(jwk: &str) -> Result<(Map<String, Value>, JwkEcKey), String> {
    let v: Value = serde_json::from_str(jwk).map_err(|e| format!("JWK is not JSON: {e}"))?;
    let Value::Object(obj) = v else { return Err("JWK is not a JSON object".into()) };
    let s = |k: &str| obj.get(k).and_then(Value::as_str);
    if s("kty") != Some("EC") || s("crv") != Some("P-256") {
        return Err("JWK is not an EC P-256 key (kty \"EC\", crv \"P-256\")".into());
    }
    if let Some(alg) = obj.get("alg") {
        if alg.as_str() != Some(ALG) {
            return Err(format!("JWK alg is {alg}, only {ALG} is supported"));
        }
    }
    let mut core = Map::new();
    for k in ["kty", "crv", "x", "y", "d"] {
        if let Some(val) = obj.get(k) {
            core.insert(k.to_string(), val.clone());
        }
    }
    let key: JwkEcKey = serde_json::from_value(Value::Object(core)).map_err(|e| format!("bad JWK: {e}"))?;
    Ok((obj, key))
}

fn kid_of(obj: &Map<String, Value>) -> Result<Option<String>, String> {
    match obj.get("kid") {
        None => Ok(None),
        Some(Value::String(k)) if !k.is_empty() => Ok(Some(k.clone())),
        Some(_) => Err("JWK kid must be a non-empty string".into()),
    }
}

/// A signing key read from a private JWK.
struct IssuerKey {
    kid: String,
    signing: SigningKey,
}

fn read_private_jwk(jwk: &str) -> Result<IssuerKey, String> {
    let (obj, key) = read_jwk(jwk)?;
    if !key.is_keypair() {
        return Err("JWK has no private part \"d\": minting needs the private key".into());
    }
    let kid = kid_of(&obj)?.ok_or("private JWK has no kid")?;
    // Also checks that x, y are the public key of d.
    let secret = SecretKey::from_jwk(&key).map_err(|_| "private JWK: d, x and y are not one valid P-256 key pair")?;
    Ok(IssuerKey { kid, signing: SigningKey::from(&secret) })
}

/// The claims a token for `citizen` carries with `opts`.
pub fn claims_for(citizen: &Citizen, opts: &MintOptions) -> TokenClaims {
    let now = opts.now_secs.unwrap_or_else(unix_now);
    TokenClaims {
        iss: opts.iss.clone().unwrap_or_else(|| ISSUER.to_string()),
        sub: citizen.identity.personal_id.clone(),
        aud: opts.aud.clone().unwrap_or_else(|| AUDIENCE.to_string()),
        iat: now,
        nbf: now + opts.nbf_offset_secs,
        exp: now + opts.ttl_secs,
        loa: opts.loa,
        citizen: citizen.clone(),
    }
}

/// Signs already built claims (tests use it to mint incoherent claims, e.g. a
/// `sub` that is not the citizen's ID).
pub fn mint_claims(claims: &TokenClaims, key_jwk: &str) -> Result<String, String> {
    let payload = serde_json::to_vec(claims).map_err(|e| format!("claims do not serialise: {e}"))?;
    // Deterministic ECDSA (RFC 6979) over SHA-256; `to_bytes` is r‖s, 64 bytes.
    sign_payload(&payload, key_jwk)
}

/// Mints a compact ES256 JWS identity token for `citizen`, signed with the
/// private key `key_jwk` (a JWK with `kty`, `crv`, `x`, `y`, `d`, `kid`).
pub fn mint(citizen: &Citizen, key_jwk: &str, opts: &MintOptions) -> Result<String, String> {
    mint_claims(&claims_for(citizen, opts), key_jwk)
}

/// Checks a token's ES256 signature with the public key `public_jwk` and returns
/// its claims. Refuses any `alg` but `ES256`, a `kid` that differs from the
/// key's, and a JWK that carries a private part. Does NOT check `iss`, `aud`,
/// `exp` or `nbf`.
pub fn verify(token: &str, public_jwk: &str) -> Result<TokenClaims, String> {
    let payload = verify_payload(token, public_jwk)?;
    serde_json::from_slice(&payload).map_err(|e| format!("payload is not the expected claims: {e}"))
}

/// Signs any JSON payload as a compact ES256 JWS with the private key
/// `key_jwk` (header `{"alg":"ES256","typ":"JWT","kid":…}`).
pub fn sign_payload(payload: &[u8], key_jwk: &str) -> Result<String, String> {
    let key = read_private_jwk(key_jwk)?;
    let kid = serde_json::to_string(&key.kid).map_err(|e| e.to_string())?;
    let header = format!(r#"{{"alg":"{ALG}","typ":"JWT","kid":{kid}}}"#);
    let signing_input = format!("{}.{}", b64(header.as_bytes()), b64(payload));
    let sig: Signature = key.signing.sign(signing_input.as_bytes());
    Ok(format!("{signing_input}.{}", b64(&sig.to_bytes())))
}

/// Checks a compact JWS's ES256 signature (as [`verify`] does) and returns the
/// payload bytes, not parsed.
pub fn verify_payload(token: &str, public_jwk: &str) -> Result<Vec<u8>, String> {
    let (obj, key) = read_jwk(public_jwk)?;
    if key.is_keypair() {
        return Err("the verification key must be a public JWK (it has \"d\")".into());
    }
    let public = PublicKey::from_jwk(&key).map_err(|_| "public JWK: x, y are not a P-256 point")?;
    let parts: Vec<&str> = token.trim().split('.').collect();
    let [h, p, s] = parts[..] else { return Err("token is not three dot-separated parts".into()) };
    let header: Value = serde_json::from_slice(&unb64(h, "header")?).map_err(|e| format!("header is not JSON: {e}"))?;
    if header.get("alg").and_then(Value::as_str) != Some(ALG) {
        return Err(format!("alg must be {ALG}, got {}", header.get("alg").unwrap_or(&Value::Null)));
    }
    if let (Some(tk), Some(kk)) = (header.get("kid").and_then(Value::as_str), kid_of(&obj)?) {
        if tk != kk {
            return Err(format!("token kid {tk:?} is not the key's kid {kk:?}"));
        }
    }
    let sig_bytes = unb64(s, "signature")?;
    if sig_bytes.len() != 64 {
        return Err(format!("ES256 signature must be 64 bytes (r‖s), got {}", sig_bytes.len()));
    }
    let sig = Signature::from_slice(&sig_bytes).map_err(|_| "signature r or s out of range")?;
    let signing_input = &token.trim()[..h.len() + 1 + p.len()];
    VerifyingKey::from(&public)
        .verify(signing_input.as_bytes(), &sig)
        .map_err(|_| "signature does not verify with this key".to_string())?;
    unb64(p, "payload")
}

/// A key pair as JWK texts.
#[derive(Clone, Debug)]
pub struct KeyPairJwk {
    /// `kty`, `crv`, `x`, `y`, `d`, `kid`, `alg`, `use`.
    pub private: String,
    /// The same without `d`.
    pub public: String,
}

fn jwk_text(kid: &str, x: &str, y: &str, d: Option<&str>) -> String {
    let kid = serde_json::to_string(kid).expect("a string serialises");
    let d = d.map(|d| format!(",\n  \"d\": \"{d}\"")).unwrap_or_default();
    format!(
        "{{\n  \"kty\": \"EC\",\n  \"crv\": \"P-256\",\n  \"x\": \"{x}\",\n  \"y\": \"{y}\"{d},\n  \"kid\": {kid},\n  \"alg\": \"{ALG}\",\n  \"use\": \"sig\"\n}}\n"
    )
}

/// The JWK pair of a secret key.
pub fn key_pair_jwk(secret: &SecretKey, kid: &str) -> KeyPairJwk {
    let jwk = secret.to_jwk();
    let public = secret.public_key().to_jwk();
    // The p256 JWK has the coordinates we need; read them back as JSON strings.
    let field = |k: &JwkEcKey, f: &str| -> String {
        let v: Value = serde_json::to_value(k).expect("JWK serialises");
        v.get(f).and_then(Value::as_str).map(str::to_string).unwrap_or_default()
    };
    let (x, y, d) = (field(&public, "x"), field(&public, "y"), field(&jwk, "d"));
    KeyPairJwk { private: jwk_text(kid, &x, &y, Some(&d)), public: jwk_text(kid, &x, &y, None) }
}

/// A fresh random P-256 key pair (operating-system randomness).
pub fn generate_key_pair(kid: &str) -> KeyPairJwk {
    let secret = SecretKey::random(&mut rand_core::OsRng);
    key_pair_jwk(&secret, kid)
}

/// The public JWK of a private one (same `kid`).
pub fn public_jwk_of(private_jwk: &str) -> Result<String, String> {
    let key = read_private_jwk(private_jwk)?;
    let secret = SecretKey::from(*key.signing.as_nonzero_scalar());
    Ok(key_pair_jwk(&secret, &key.kid).public)
}

/// Parses a lifetime: `3600` or `3600s`, `30m`, `2h`, `1d`.
pub fn parse_duration(s: &str) -> Result<i64, String> {
    let s = s.trim();
    let (num, unit) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&s[..i], c),
        _ => (s, 's'),
    };
    let mult = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        _ => return Err(format!("unknown unit in {s:?}: use s, m, h or d")),
    };
    let n: i64 = num.parse().map_err(|_| format!("not a duration: {s:?} (e.g. 3600, 30m, 2h)"))?;
    n.checked_mul(mult).ok_or_else(|| format!("duration too large: {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("3600"), Ok(3600));
        assert_eq!(parse_duration("45s"), Ok(45));
        assert_eq!(parse_duration("30m"), Ok(1800));
        assert_eq!(parse_duration("2h"), Ok(7200));
        assert_eq!(parse_duration("1d"), Ok(86_400));
        assert_eq!(parse_duration("-5m"), Ok(-300));
        assert!(parse_duration("").is_err());
        assert!(parse_duration("2x").is_err());
        assert!(parse_duration("h").is_err());
        assert!(parse_duration("1.5h").is_err());
    }

    #[test]
    fn generated_pair_is_consistent_and_public_has_no_d() {
        let pair = generate_key_pair("k1");
        let (obj, _) = read_jwk(&pair.public).unwrap();
        assert!(!obj.contains_key("d"));
        assert_eq!(obj.get("kid").and_then(Value::as_str), Some("k1"));
        assert_eq!(public_jwk_of(&pair.private).unwrap(), pair.public);
        // Minting needs d; verification refuses it.
        assert!(mint(&Citizen::default(), &pair.public, &MintOptions::default()).is_err());
        let t = mint(&Citizen::default(), &pair.private, &MintOptions::default()).unwrap();
        assert!(verify(&t, &pair.private).is_err());
        assert!(verify(&t, &pair.public).is_ok());
    }

    #[test]
    fn a_private_jwk_whose_d_does_not_match_xy_is_refused() {
        let a = generate_key_pair("a");
        let b = generate_key_pair("a");
        let mut va: Value = serde_json::from_str(&a.private).unwrap();
        let vb: Value = serde_json::from_str(&b.private).unwrap();
        va["d"] = vb["d"].clone();
        assert!(mint(&Citizen::default(), &va.to_string(), &MintOptions::default()).is_err());
    }
}

// ---------------------------------------------------------------------------
// The mock national data-sharing platform: signs the records of the other
// national databases (`seeds/sources/`) with its own MOCK key
// (`seeds/mock-platform/`).

/// Key id of the committed mock platform key.
pub const PLATFORM_KID: &str = "tokhai-platform-mock-2026";

/// The fixed `iat` of the committed signatures, so signing is idempotent:
/// 24/11/2026 09:00 +07:00.
pub const PLATFORM_IAT: i64 = 1_795_485_600;

/// A `seeds/sources/{source}.json` file: notes on the formats, and the records.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct SourceSeed {
    /// The source every record must name.
    pub source: tokhai_core::sources::Source,
    /// What the file holds (vi, en).
    pub notes: tokhai_core::schema::Text,
    /// Formats and how sure we are of them.
    #[serde(default)]
    pub formats: Vec<SeedFormat>,
    /// The records.
    pub records: Vec<tokhai_core::sources::Record>,
}

/// A format of a seed path, with how sure we are of it.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct SeedFormat {
    /// The record path.
    pub path: String,
    /// An example value.
    pub example: String,
    /// `confirmed` or `uncertain`.
    pub confidence: String,
    /// Why (vi, en).
    pub note: tokhai_core::schema::Text,
}

/// Reads a seed file of records; every record must name the file's source.
pub fn read_source_seed(json: &str) -> Result<SourceSeed, String> {
    let seed: SourceSeed = serde_json::from_str(json).map_err(|e| format!("not a source seed: {e}"))?;
    if let Some(r) = seed.records.iter().find(|r| r.source != seed.source) {
        return Err(format!("record {} is {:?}, the file is {:?}", r.id, r.source, seed.source));
    }
    Ok(seed)
}

/// The payload signed for one record.
pub fn record_claims(record: &tokhai_core::sources::Record, iat: i64) -> tokhai_core::sources::RecordClaims {
    tokhai_core::sources::RecordClaims {
        iss: tokhai_core::sources::PLATFORM_ISSUER.to_string(),
        source: record.source,
        sub: record.owner.clone(),
        iat,
        record: record.clone(),
    }
}

/// Signs one record as the platform would return it: a compact ES256 JWS of
/// [`record_claims`].
pub fn sign_record(record: &tokhai_core::sources::Record, key_jwk: &str, iat: i64) -> Result<String, String> {
    let payload = serde_json::to_vec(&record_claims(record, iat)).map_err(|e| e.to_string())?;
    sign_payload(&payload, key_jwk)
}

/// Checks a signed record's signature with the platform's public key and
/// returns its claims (issuer and owner are checked by
/// [`tokhai_core::sources::check_record_claims`]).
pub fn verify_record(jws: &str, public_jwk: &str) -> Result<tokhai_core::sources::RecordClaims, String> {
    let payload = verify_payload(jws, public_jwk)?;
    serde_json::from_slice(&payload).map_err(|e| format!("payload is not a signed record: {e}"))
}
