//! The VNeID identity token, verified on every authenticated request: the
//! ES256 signature with the issuer's public key (`p256`, where the browser
//! uses WebCrypto), then the checks the app makes too (`tokhai_core::jws`):
//! size and shape, `alg` exactly ES256, issuer, audience, `nbf`/`exp` with
//! 60 s skew, `sub` the citizen's personal ID.

use p256::ecdsa::signature::Verifier as _;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::PublicKey;
use serde_json::Value;
use tokhai_core::identity::TokenClaims;
use tokhai_core::jws::{check_claims, check_header, split, Header, TokenError};

/// Verifies identity tokens with one issuer key.
#[derive(Clone, Debug)]
pub struct TokenVerifier {
    key: VerifyingKey,
    kid: Option<String>,
}

impl TokenVerifier {
    /// From the issuer's public JWK (EC P-256; a private key is refused).
    pub fn from_jwk(jwk: &str) -> Result<TokenVerifier, String> {
        let v: Value = serde_json::from_str(jwk).map_err(|e| format!("issuer JWK is not JSON: {e}"))?;
        if v.get("d").is_some() {
            return Err("the issuer JWK must be a public key (it has \"d\")".into());
        }
        if let Some(alg) = v.get("alg") {
            if alg.as_str() != Some("ES256") {
                return Err(format!("issuer JWK alg is {alg}, only ES256 is accepted"));
            }
        }
        let kid = v.get("kid").and_then(Value::as_str).map(str::to_string);
        let mut core = serde_json::Map::new();
        for k in ["kty", "crv", "x", "y"] {
            if let Some(x) = v.get(k) {
                core.insert(k.into(), x.clone());
            }
        }
        let public = PublicKey::from_jwk_str(&Value::Object(core).to_string())
            .map_err(|_| "issuer JWK is not an EC P-256 public key".to_string())?;
        Ok(TokenVerifier { key: VerifyingKey::from(&public), kid })
    }

    /// The claims of `token` if it is valid at `now_secs`.
    pub fn verify(&self, token: &str, now_secs: i64) -> Result<TokenClaims, TokenError> {
        let raw = split(token)?;
        let header: Header = serde_json::from_str(&raw.header_json).map_err(|_| TokenError::BadJson)?;
        check_header(&header, &raw)?;
        if let (Some(t), Some(k)) = (&header.kid, &self.kid) {
            if t != k {
                return Err(TokenError::BadSignature);
            }
        }
        let sig = Signature::from_slice(&raw.signature).map_err(|_| TokenError::BadSignature)?;
        self.key.verify(raw.signing_input.as_bytes(), &sig).map_err(|_| TokenError::BadSignature)?;
        let claims: TokenClaims = serde_json::from_slice(&raw.payload).map_err(|_| TokenError::BadJson)?;
        check_claims(&claims, now_secs)?;
        Ok(claims)
    }
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC: &str = include_str!("../../../seeds/mock-issuer/public.jwk.json");
    const PRIVATE: &str = include_str!("../../../seeds/mock-issuer/private.jwk.json");

    #[test]
    fn only_a_public_es256_key_is_accepted() {
        assert!(TokenVerifier::from_jwk(PUBLIC).is_ok());
        assert!(TokenVerifier::from_jwk(PRIVATE).unwrap_err().contains("public key"));
        let rs = PUBLIC.replace("\"ES256\"", "\"RS256\"");
        assert!(TokenVerifier::from_jwk(&rs).is_err());
        assert!(TokenVerifier::from_jwk("{}").is_err());
        assert!(TokenVerifier::from_jwk("not json").is_err());
    }

    #[test]
    fn garbage_is_refused_before_any_cryptography() {
        let v = TokenVerifier::from_jwk(PUBLIC).unwrap();
        assert_eq!(v.verify("", 0).unwrap_err(), TokenError::Malformed);
        assert_eq!(v.verify("a.b", 0).unwrap_err(), TokenError::Malformed);
        assert_eq!(v.verify(&"a".repeat(20_000), 0).unwrap_err(), TokenError::TooLarge);
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("officer-key-123456", "officer-key-123456"));
        assert!(!same_secret("officer-key-123456", "officer-key-123457"));
        assert!(!same_secret("officer-key-123456", "officer-key-12345"));
        assert!(!same_secret("", "x"));
    }
}
