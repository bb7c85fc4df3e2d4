//! Attachments, uploaded in chunks and resumable on a poor connection.
//!
//! - `POST /uploads` `{"name","size","mime"}` (citizen): the type must be one
//!   the forms accept (PDF, JPEG, PNG) and the size within
//!   `PORTAL_UPLOAD_LIMIT`; answers 201 `{"id","name","mime","size","offset":0}`.
//! - `PATCH /uploads/{id}` (citizen, the owner): the body is the next bytes,
//!   `Upload-Offset` says where they start. A chunk that does not start where
//!   the upload stands gets 409 `{"error":"offset_mismatch","offset":n}`: the
//!   client continues from `n` (after a dropped connection it asks
//!   `GET /uploads/{id}` first). The last chunk is checked: a file whose first
//!   bytes are not its declared type is deleted (422 `wrong_type`).
//! - `GET /uploads/{id}` (the owner or an officer): where it stands.
//! - `GET /uploads/{id}/content` (the owner or an officer): the bytes, once complete.
//!
//! Someone else's upload is 404, as someone else's dossier is. A dossier names
//! its uploads in its answers (`FileMeta.upload`); `POST /dossiers` refuses one
//! that is not the citizen's or not complete (422 `upload_incomplete`).

use crate::api::{Citizen, JsonBody};
use crate::error::ApiError;
use crate::store::{Appended, Upload};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use rand_core::{OsRng, RngCore};
use serde::Deserialize;
use std::sync::Arc;
use tokhai_core::answers::{files_mut, Answers};

/// The types an attachment may have, with the bytes each file of that type starts with.
pub const TYPES: [(&str, &[u8]); 3] =
    [("application/pdf", b"%PDF-"), ("image/jpeg", &[0xFF, 0xD8, 0xFF]), ("image/png", b"\x89PNG\r\n\x1a\n")];

/// The body of `POST /uploads`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUpload {
    name: String,
    size: i64,
    mime: String,
}

fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such upload")
}

fn view(u: &Upload) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "id": u.id, "name": u.name, "mime": u.mime, "size": u.size, "offset": u.offset, "complete": u.complete(),
    }))
}

/// `POST /uploads`.
pub async fn create(
    State(st): State<Arc<AppState>>,
    Citizen(who): Citizen,
    JsonBody(b): JsonBody<NewUpload>,
) -> Result<Response, ApiError> {
    if !TYPES.iter().any(|(t, _)| *t == b.mime) {
        return Err(ApiError::unprocessable("wrong_type", "attachments are PDF, JPEG or PNG"));
    }
    if b.size <= 0 {
        return Err(ApiError::unprocessable("empty_file", "the file is empty"));
    }
    if b.size > st.config.upload_limit {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("attachments are at most {} bytes", st.config.upload_limit),
        ));
    }
    let name: String = b.name.chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\')).take(255).collect();
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let u = Upload { id, owner: who.sub, name, mime: b.mime, size: b.size, offset: 0 };
    st.store.create_upload(&u, st.wall_ms()).await?;
    tracing::info!(upload = %u.id, size = u.size, "upload started");
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/uploads/{}", u.id))], view(&u)).into_response())
}

/// `PATCH /uploads/{id}`.
pub async fn append(
    State(st): State<Arc<AppState>>,
    Citizen(who): Citizen,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let offset: i64 = headers
        .get("upload-offset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .filter(|o| *o >= 0)
        .ok_or_else(|| ApiError::bad_request("the Upload-Offset header (bytes already sent) is required"))?;
    match st.store.append(&id, &who.sub, offset, &body).await? {
        Appended::NotFound => Err(not_found()),
        Appended::TooLong => Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", "past the declared size")),
        Appended::Elsewhere(now) => Ok((
            StatusCode::CONFLICT,
            Json(serde_json::json!({"error": "offset_mismatch", "message": "continue from offset", "offset": now})),
        )
            .into_response()),
        Appended::To(_) => {
            let u = st.store.upload(&id).await?.ok_or_else(not_found)?;
            if u.complete() {
                let magic = TYPES.iter().find(|(t, _)| *t == u.mime).map_or(&b""[..], |(_, m)| *m);
                // The first chunk holds the signature (a first chunk shorter than it: read them all).
                let mut head = st.store.upload_head(&id).await?;
                if head.len() < magic.len() {
                    head = st.store.upload_bytes(&id).await?;
                }
                if !head.starts_with(magic) {
                    st.store.delete_upload(&id).await?;
                    return Err(ApiError::unprocessable("wrong_type", "the file is not what its type says"));
                }
                tracing::info!(upload = %u.id, "upload complete");
            }
            Ok(view(&u).into_response())
        }
    }
}

/// Whoever may read an upload: its owner or an officer.
pub struct Reader(Option<String>);

impl FromRequestParts<Arc<AppState>> for Reader {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, ApiError> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")));
        if bearer.is_some_and(|t| state.config.officer(t.trim()).is_some()) {
            return Ok(Reader(None));
        }
        let Citizen(who) = Citizen::from_request_parts(parts, state).await?;
        Ok(Reader(Some(who.sub)))
    }
}

async fn readable(st: &AppState, id: &str, who: &Reader) -> Result<Upload, ApiError> {
    st.store.upload(id).await?.filter(|u| who.0.as_ref().is_none_or(|sub| *sub == u.owner)).ok_or_else(not_found)
}

/// `GET /uploads/{id}`.
pub async fn status(
    State(st): State<Arc<AppState>>,
    who: Reader,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(view(&readable(&st, &id, &who).await?))
}

/// `GET /uploads/{id}/content`.
pub async fn content(
    State(st): State<Arc<AppState>>,
    who: Reader,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let u = readable(&st, &id, &who).await?;
    if !u.complete() {
        return Err(ApiError::new(StatusCode::CONFLICT, "incomplete", "the upload has not finished"));
    }
    let bytes = st.store.upload_bytes(&id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, u.mime.clone()),
            (header::CONTENT_DISPOSITION, "attachment".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// Checks that every upload a submission names is the citizen's and complete,
/// with the size the answer says.
pub async fn check_named(st: &AppState, owner: &str, answers: &mut Answers) -> Result<(), ApiError> {
    for (_, f) in files_mut(answers) {
        let Some(id) = f.upload.clone() else { continue };
        let ok =
            st.store.upload(&id).await?.is_some_and(|u| u.owner == owner && u.complete() && u.size as u64 == f.size);
        if !ok {
            return Err(ApiError::unprocessable("upload_incomplete", "an attachment has not finished uploading"));
        }
    }
    Ok(())
}

/// One sweep: the uploads older than `PORTAL_UPLOAD_TTL_HOURS` that no dossier names go.
pub async fn sweep(st: &AppState) -> Result<u64, ApiError> {
    let gone = st.store.sweep_uploads(st.wall_ms() - st.config.upload_ttl_ms).await?;
    if gone > 0 {
        tracing::info!(gone, "abandoned uploads deleted");
    }
    Ok(gone)
}

/// Sweeps at start and every hour while the server runs.
pub fn spawn_sweep(state: std::sync::Arc<AppState>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        let mut closing = state.closing.subscribe();
        loop {
            tokio::select! {
                _ = every.tick() => {},
                _ = closing.changed() => return,
            }
            if let Err(e) = sweep(&state).await {
                tracing::warn!(error = e.code, "upload sweep failed");
            }
        }
    });
}
