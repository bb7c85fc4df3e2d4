//! Clear JSON errors: `{"error":"code","message":"…"}` (409 adds `status`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tokhai_core::dossier::Status;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable code: `bad_request`, `unauthorized`, `not_yours`, `not_found`, …
    pub code: &'static str,
    /// A sentence for developers (never personal data).
    pub message: String,
    /// For 409: the dossier's current status.
    pub current: Option<Status>,
}

impl ApiError {
    /// An error with its status, its code for the page and a message for developers.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into(), current: None }
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 401.
    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 403: the submission names another owner than the token.
    pub fn not_yours() -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "not_yours", "the submission's owner is not the signed-in citizen")
    }

    /// 404.
    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such dossier")
    }

    /// 404 for a path that does not exist.
    pub fn no_route() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
    }

    /// 405.
    pub fn method_not_allowed() -> ApiError {
        ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "this method is not allowed here")
    }

    /// 409: the dossier's status forbids the act.
    pub fn not_allowed(current: Status) -> ApiError {
        ApiError {
            current: Some(current),
            ..ApiError::new(StatusCode::CONFLICT, "not_allowed", "the dossier's current status does not allow this")
        }
    }

    /// 413.
    pub fn too_large(limit: usize) -> ApiError {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", format!("the request body exceeds {limit} bytes"))
    }

    /// 422: well-formed but not acceptable.
    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// 429: too many requests from this client.
    pub fn rate_limited() -> ApiError {
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "too many requests; try again later")
    }

    /// 503: the database is not answering.
    pub fn unavailable() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "the portal's store is not available; nothing was recorded",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({"error": self.code, "message": self.message});
        if let Some(s) = self.current {
            body["status"] = serde_json::to_value(s).unwrap_or_default();
        }
        let mut res = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer error=\"invalid_token\""));
        }
        res
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> Self {
        // Only codes reach the log (`StoreError` keeps no value the database or serde quoted).
        tracing::error!(error = %e, "store failure");
        ApiError::unavailable()
    }
}

impl From<crate::store::ChangeError> for ApiError {
    fn from(e: crate::store::ChangeError) -> Self {
        match e {
            crate::store::ChangeError::NotFound => ApiError::not_found(),
            crate::store::ChangeError::NotAllowed(s) => ApiError::not_allowed(s),
            crate::store::ChangeError::Store(e) => e.into(),
        }
    }
}
