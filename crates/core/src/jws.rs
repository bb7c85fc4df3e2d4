//! The parts of checking a compact JWS (ES256) that need no cryptography:
//! size, shape, base64url, the header's algorithm, and the claims' issuer,
//! audience and validity window. The signature itself is verified by the
//! browser's WebCrypto (see the app's `services::identity`); JSON is parsed by
//! the caller, so the app can use the browser's parser.

use crate::identity::{TokenClaims, AUDIENCE, CLOCK_SKEW_SECS, ISSUER};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// Largest token accepted, bytes. A citizen's claims are ~5 KB encoded.
pub const MAX_TOKEN_BYTES: usize = 16 * 1024;

/// Why a token is refused. Each has its own sentence in [`crate::messages`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenError {
    /// Larger than [`MAX_TOKEN_BYTES`].
    TooLarge,
    /// Not three dot-separated parts.
    Malformed,
    /// A part is not base64url (no padding).
    BadBase64,
    /// Header or payload is not the JSON expected.
    BadJson,
    /// `alg` is not exactly `ES256` (`none`, `HS256`… are refused).
    AlgNotAllowed,
    /// The signature does not verify with the issuer's public key.
    BadSignature,
    /// `exp` has passed.
    Expired,
    /// `nbf` is still ahead.
    NotYetValid,
    /// `aud` is not this app.
    WrongAudience,
    /// `iss` is not the identity provider.
    WrongIssuer,
    /// `sub`, `loa` or the citizen data do not hold together.
    BadClaims,
    /// The browser offers no WebCrypto (very old browser, insecure context).
    CryptoUnavailable,
}

impl TokenError {
    /// Stable key, e.g. `token_expired`.
    pub fn code(self) -> &'static str {
        match self {
            TokenError::TooLarge => "token_too_large",
            TokenError::Malformed => "token_malformed",
            TokenError::BadBase64 => "token_bad_base64",
            TokenError::BadJson => "token_bad_json",
            TokenError::AlgNotAllowed => "token_alg_not_allowed",
            TokenError::BadSignature => "token_bad_signature",
            TokenError::Expired => "token_expired",
            TokenError::NotYetValid => "token_not_yet_valid",
            TokenError::WrongAudience => "token_wrong_audience",
            TokenError::WrongIssuer => "token_wrong_issuer",
            TokenError::BadClaims => "token_bad_claims",
            TokenError::CryptoUnavailable => "token_crypto_unavailable",
        }
    }
}

/// A token cut into its parts, decoded but not yet trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawJws {
    /// Header JSON text.
    pub header_json: String,
    /// Payload bytes (JSON expected; checked after the signature).
    pub payload: Vec<u8>,
    /// Signature bytes (ES256: r‖s, 64 bytes).
    pub signature: Vec<u8>,
    /// `header.payload` as sent: what the signature covers.
    pub signing_input: String,
}

/// The JOSE header fields we read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Algorithm; only `ES256` is accepted.
    pub alg: String,
    /// Type, `JWT` if present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
    /// Key id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
}

/// base64url without padding, as JWS parts are written.
pub fn encode_part(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn b64(part: &str) -> Result<Vec<u8>, TokenError> {
    URL_SAFE_NO_PAD.decode(part).map_err(|_| TokenError::BadBase64)
}

/// Cuts a compact JWS into its parts (size, shape and base64url checked).
pub fn split(token: &str) -> Result<RawJws, TokenError> {
    let token = token.trim();
    if token.len() > MAX_TOKEN_BYTES {
        return Err(TokenError::TooLarge);
    }
    let parts: Vec<&str> = token.split('.').collect();
    // An empty signature is left for `check_header`, so `alg: none` is named as such.
    if parts.len() != 3 || parts[0].is_empty() || parts[1].is_empty() {
        return Err(TokenError::Malformed);
    }
    let header = b64(parts[0])?;
    let payload = b64(parts[1])?;
    let signature = b64(parts[2])?;
    Ok(RawJws {
        header_json: String::from_utf8(header).map_err(|_| TokenError::BadJson)?,
        payload,
        signature,
        signing_input: format!("{}.{}", parts[0], parts[1]),
    })
}

/// Accepts only `alg: ES256` and a 64-byte signature.
pub fn check_header(header: &Header, raw: &RawJws) -> Result<(), TokenError> {
    if header.alg != "ES256" {
        return Err(TokenError::AlgNotAllowed);
    }
    if raw.signature.len() != 64 {
        return Err(TokenError::BadSignature);
    }
    Ok(())
}

/// Issuer, audience, validity window (with [`CLOCK_SKEW_SECS`]) and coherence
/// of the verified claims, at `now` (seconds since 1970).
pub fn check_claims(c: &TokenClaims, now: i64) -> Result<(), TokenError> {
    if c.iss != ISSUER {
        return Err(TokenError::WrongIssuer);
    }
    if c.aud != AUDIENCE {
        return Err(TokenError::WrongAudience);
    }
    if now > c.exp + CLOCK_SKEW_SECS {
        return Err(TokenError::Expired);
    }
    if now + CLOCK_SKEW_SECS < c.nbf {
        return Err(TokenError::NotYetValid);
    }
    if c.sub != c.citizen.identity.personal_id || !matches!(c.loa, 1 | 2) {
        return Err(TokenError::BadClaims);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::Citizen;

    fn enc(s: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    #[test]
    fn split_checks_size_shape_and_base64() {
        let h = enc(br#"{"alg":"ES256"}"#);
        let p = enc(b"{}");
        let s = enc(&[7u8; 64]);
        let ok = split(&format!("{h}.{p}.{s}")).unwrap();
        assert_eq!(ok.signature.len(), 64);
        assert_eq!(ok.signing_input, format!("{h}.{p}"));
        assert_eq!(split(&format!("{h}.{p}")), Err(TokenError::Malformed));
        assert_eq!(split(&format!("{h}.{p}.{s}.x")), Err(TokenError::Malformed));
        assert_eq!(split(&format!("{h}..{s}")), Err(TokenError::Malformed));
        assert_eq!(split(&format!("{h}.{p}.")).unwrap().signature, Vec::<u8>::new()); // alg none: judged by the header
        assert_eq!(split(&format!("{h}.{p}.{s}=")), Err(TokenError::BadBase64)); // padding refused
        assert_eq!(split(&format!("{h}.{p}+.{s}")), Err(TokenError::BadBase64)); // standard alphabet refused
        assert_eq!(split(&"a".repeat(100 * 1024)), Err(TokenError::TooLarge));
        assert_eq!(split(""), Err(TokenError::Malformed));
    }

    #[test]
    fn only_es256_is_accepted() {
        let raw = RawJws {
            header_json: String::new(),
            payload: vec![],
            signature: vec![0; 64],
            signing_input: String::new(),
        };
        for alg in ["none", "HS256", "RS256", "ES384", "es256", ""] {
            let h = Header { alg: alg.into(), typ: None, kid: None };
            assert_eq!(check_header(&h, &raw), Err(TokenError::AlgNotAllowed), "{alg}");
        }
        let h = Header { alg: "ES256".into(), typ: None, kid: None };
        assert_eq!(check_header(&h, &raw), Ok(()));
        let short = RawJws { signature: vec![0; 63], ..raw };
        assert_eq!(check_header(&h, &short), Err(TokenError::BadSignature));
    }

    #[test]
    fn claims_window_issuer_audience() {
        let mut citizen = Citizen::default();
        citizen.identity.personal_id = "001090012345".into();
        let good = TokenClaims {
            iss: ISSUER.into(),
            sub: "001090012345".into(),
            aud: AUDIENCE.into(),
            iat: 1000,
            nbf: 1000,
            exp: 4600,
            loa: 2,
            citizen,
        };
        assert_eq!(check_claims(&good, 2000), Ok(()));
        assert_eq!(check_claims(&good, 4600 + 60), Ok(()), "skew tolerated");
        assert_eq!(check_claims(&good, 4600 + 61), Err(TokenError::Expired));
        assert_eq!(check_claims(&good, 1000 - 60), Ok(()));
        assert_eq!(check_claims(&good, 1000 - 61), Err(TokenError::NotYetValid));
        let cases = [
            (TokenClaims { iss: "https://evil.example".into(), ..good.clone() }, TokenError::WrongIssuer),
            (TokenClaims { aud: "other-app".into(), ..good.clone() }, TokenError::WrongAudience),
            (TokenClaims { sub: "001090012346".into(), ..good.clone() }, TokenError::BadClaims),
            (TokenClaims { loa: 3, ..good.clone() }, TokenError::BadClaims),
        ];
        for (c, want) in cases {
            assert_eq!(check_claims(&c, 2000), Err(want));
        }
        assert_eq!(TokenError::Expired.code(), "token_expired");
    }
}
