//! The endpoints of `docs/portal-api.md`, over the core's agency logic.

use crate::error::ApiError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::sync::Arc;
use tokhai_core::answers::Answers;
use tokhai_core::dossier::{is_dossier_code, Event};
use tokhai_core::identity::TokenClaims;
use tokhai_core::linked::{forbids, Group, GroupId, PartId, PartState};
use tokhai_core::portal::{
    answer_supplement_to, apply_event, next_move, Dossier, Millis, PortalError, Prefs, Reason, Submission,
};
use tokhai_core::submission::residence_province;
use tokhai_core::view::{GroupView, PublicDossier, PublicGroup};

/// A JSON body: too large → 413, not JSON or not the shape → 400, all as JSON errors.
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let limit = req.extensions().get::<BodyLimit>().map_or(0, |l| l.0);
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::too_large(limit)
            } else {
                ApiError::bad_request("the request body could not be read")
            }
        })?;
        serde_json::from_slice(&bytes).map(JsonBody).map_err(|e| ApiError::bad_request(format!("body: {e}")))
    }
}

/// The configured body limit, for the 413 message.
#[derive(Clone, Copy)]
pub struct BodyLimit(pub usize);

/// The signed-in citizen: a verified VNeID token.
pub struct Citizen(pub TokenClaims);

fn bearer(parts: &Parts) -> Result<Option<&str>, ApiError> {
    let Some(v) = parts.headers.get(header::AUTHORIZATION) else { return Ok(None) };
    let v = v.to_str().map_err(|_| ApiError::unauthorized("the Authorization header is not text"))?;
    match v.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => Ok(Some(token.trim())),
        _ => Err(ApiError::unauthorized("expected Authorization: Bearer <token>")),
    }
}

impl FromRequestParts<Arc<AppState>> for Citizen {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, ApiError> {
        let token = bearer(parts)?.ok_or_else(|| ApiError::unauthorized("sign-in required: no identity token"))?;
        state.verify(token).map(Citizen)
    }
}

/// An optional signed-in citizen: no header is `None`; a bad token is still 401.
pub struct MaybeCitizen(pub Option<TokenClaims>);

impl FromRequestParts<Arc<AppState>> for MaybeCitizen {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, ApiError> {
        match bearer(parts)? {
            None => Ok(MaybeCitizen(None)),
            Some(token) => state.verify(token).map(|c| MaybeCitizen(Some(c))),
        }
    }
}

/// An officer, by their own credential (never a citizen's token): their name.
pub struct Officer(pub String);

impl FromRequestParts<Arc<AppState>> for Officer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, ApiError> {
        if !state.config.has_officers() {
            return Err(ApiError::no_route());
        }
        match bearer(parts)?.and_then(|t| state.config.officer(t)) {
            Some(name) => Ok(Officer(name.to_string())),
            None => Err(ApiError::unauthorized("an officer credential is required")),
        }
    }
}

fn dossier_path(code: &str) -> String {
    format!("/dossiers/{code}")
}

fn key_ok(k: &str) -> bool {
    !k.is_empty() && k.len() <= 64 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `POST /dossiers`.
pub async fn submit(
    State(st): State<Arc<AppState>>,
    Citizen(who): Citizen,
    headers: HeaderMap,
    JsonBody(mut s): JsonBody<Submission>,
) -> Result<Response, ApiError> {
    if st.forms.get(&s.form).is_some_and(|f| GroupId::of_form(f).is_some()) {
        return Err(ApiError::unprocessable("linked_form", "a linked form is filed with POST /groups"));
    }
    check_submission(&st, &who, &headers, &mut s).await?;
    let now = st.now();
    let (d, created) = st.store.submit(s, now).await?;
    tracing::info!(code = %d.code, created, "dossier filed");
    st.changed();
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, [(header::LOCATION, dossier_path(&d.code))], Json(d)).into_response())
}

/// Body of `POST /groups`: the combined form's submission and the parts chosen.
#[derive(Deserialize)]
pub struct GroupBody {
    #[serde(flatten)]
    submission: Submission,
    /// The part keys ticked besides the registration (`thuong_tru`, `bhyt`…).
    #[serde(default)]
    chosen: Vec<PartId>,
}

/// `POST /groups`: a linked filing (liên thông), checked as a dossier is.
pub async fn submit_group(
    State(st): State<Arc<AppState>>,
    Citizen(who): Citizen,
    headers: HeaderMap,
    JsonBody(b): JsonBody<GroupBody>,
) -> Result<Response, ApiError> {
    let mut s = b.submission;
    let form = st
        .forms
        .get(&s.form)
        .filter(|f| GroupId::of_form(f).is_some())
        .ok_or_else(|| ApiError::unprocessable("not_linked", "no linked form with this id"))?;
    check_submission(&st, &who, &headers, &mut s).await?;
    let now = st.now();
    let (g, created) = st
        .store
        .submit_group(s, form, &b.chosen, now)
        .await?
        .map_err(|_| ApiError::unprocessable("parts", "a part chosen does not belong to this linked procedure"))?;
    tracing::info!(code = %g.code, created, parts = g.parts.len(), "linked group filed");
    st.changed();
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, [(header::LOCATION, format!("/groups/{}", g.code))], Json(g)).into_response())
}

/// `GET /groups`: the owner's linked groups, newest first (their parts are in `GET /dossiers`).
pub async fn my_groups(State(st): State<Arc<AppState>>, Citizen(who): Citizen) -> Result<Json<Vec<Group>>, ApiError> {
    Ok(Json(st.store.groups_of(&who.sub).await?))
}

/// `GET /groups/{code}`: the public lookup of a linked group and its parts
/// (no sign-in; nothing personal).
pub async fn group_lookup(State(st): State<Arc<AppState>>, Path(code): Path<String>) -> Result<Response, ApiError> {
    if !is_dossier_code(&code) {
        return Err(ApiError::not_found());
    }
    let group = st.store.group(&code).await?.ok_or_else(ApiError::not_found)?;
    let mut parts = vec![];
    for p in &group.parts {
        let dossier = match &p.state {
            PartState::Started { code } => st.store.get(code).await?,
            _ => None,
        };
        parts.push((p.id, p.state.clone(), dossier));
    }
    Ok(Json(PublicGroup::from(GroupView { group, parts })).into_response())
}

/// What `POST /dossiers` and `POST /groups` check and set before filing: the
/// key, the owner, the catalogue's facts, the province of the token's
/// residence, the documents still to bring, the locked registry answers and
/// the attachments named.
async fn check_submission(
    st: &AppState,
    who: &TokenClaims,
    headers: &HeaderMap,
    s: &mut Submission,
) -> Result<(), ApiError> {
    let header_key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| ApiError::bad_request("the Idempotency-Key header is required"))?;
    if header_key != s.key {
        return Err(ApiError::bad_request("the Idempotency-Key header must equal the body's key"));
    }
    if !key_ok(&s.key) {
        return Err(ApiError::bad_request("key: 1 to 64 letters, digits, '-' or '_'"));
    }
    if s.owner != who.sub {
        return Err(ApiError::not_yours());
    }
    // The facts of the service come from the server's catalogue, never the page.
    let entry = st
        .config
        .catalog
        .iter()
        .find(|e| e.id == s.form)
        .ok_or_else(|| ApiError::unprocessable("unknown_form", "no service with this form id in the catalogue"))?;
    s.service = entry.name.clone();
    s.agency = entry.agency.clone();
    s.level = entry.level;
    s.processing_days = entry.processing_days.unwrap_or(0);
    s.fee_vnd = entry.fee.vnd;
    s.online_fee_vnd = entry.fee.online_vnd;
    // The receiving unit's province is the residence the token's registry data gives.
    s.province = residence_province(&who.citizen).ok_or_else(|| {
        ApiError::unprocessable("no_province", "the registry holds no residence to route the dossier to")
    })?;
    // The documents still to bring are the server's reading of its own copy of
    // the form, not the page's list.
    if let Some(form) = st.forms.get(&s.form) {
        s.missing = tokhai_core::submission::missing_documents(form, &s.answers);
    }
    // What the page says it copied from the population database and locked is
    // what the token holds (a form without a definition here cannot say so).
    if !s.locked.is_empty() {
        let form = st.forms.get(&s.form).ok_or_else(|| {
            ApiError::unprocessable("unknown_form", "no definition of this form to check its locked answers against")
        })?;
        let changed = tokhai_core::prefill::locked_mismatches(form, &s.answers, &s.locked, &who.citizen);
        if !changed.is_empty() {
            tracing::info!(fields = ?changed, "locked registry answers changed");
            return Err(ApiError::unprocessable(
                "registry_mismatch",
                format!("locked answers differ from the population database: {}", changed.join(", ")),
            ));
        }
    }
    // The attachments it names are this citizen's, and all there.
    crate::uploads::check_named(st, &who.sub, &mut s.answers).await
}

/// `GET /dossiers`: the owner's dossiers, newest first.
pub async fn mine(State(st): State<Arc<AppState>>, Citizen(who): Citizen) -> Result<Json<Vec<Dossier>>, ApiError> {
    Ok(Json(st.store.mine(&who.sub).await?))
}

/// `GET /dossiers/{code}`: the public lookup; the owner, signed in, gets the whole dossier.
pub async fn lookup(
    State(st): State<Arc<AppState>>,
    MaybeCitizen(who): MaybeCitizen,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    if !is_dossier_code(&code) {
        return Err(ApiError::not_found());
    }
    let d = st.store.get(&code).await?.ok_or_else(ApiError::not_found)?;
    Ok(match who {
        Some(c) if c.sub == d.owner => Json(d).into_response(),
        _ => Json(PublicDossier::from(d)).into_response(),
    })
}

/// Body of `POST /dossiers/{code}/supplement`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplementBody {
    answers: Answers,
    #[serde(default)]
    note: String,
}

/// `POST /dossiers/{code}/supplement`.
pub async fn supplement(
    State(st): State<Arc<AppState>>,
    Citizen(who): Citizen,
    Path(code): Path<String>,
    JsonBody(mut b): JsonBody<SupplementBody>,
) -> Result<Json<Dossier>, ApiError> {
    crate::uploads::check_named(&st, &who.sub, &mut b.answers).await?;
    let now = st.now();
    let d = st
        .store
        .change(&code, Some(&who.sub), |d, p| answer_supplement_to(d, b.answers.clone(), &b.note, p, now).map(Some))
        .await?;
    tracing::info!(code = %d.code, "supplement answered");
    st.changed();
    Ok(Json(d))
}

/// Body of `POST /dossiers/{code}/payment`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentBody {
    method: String,
}

/// `POST /dossiers/{code}/payment` (simulated payment).
pub async fn payment(
    State(st): State<Arc<AppState>>,
    Citizen(who): Citizen,
    Path(code): Path<String>,
    JsonBody(b): JsonBody<PaymentBody>,
) -> Result<Json<Dossier>, ApiError> {
    let now = st.now();
    let d = st
        .store
        .change(&code, Some(&who.sub), |d, p| apply_event(d, Event::Paid, b.method.as_str(), vec![], p, now).map(Some))
        .await?;
    tracing::info!(code = %d.code, "fee paid");
    st.changed();
    Ok(Json(d))
}

/// Body of `POST /dossiers/{code}/withdrawal`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalBody {
    #[serde(default)]
    reason: String,
}

/// `POST /dossiers/{code}/withdrawal`.
pub async fn withdrawal(
    State(st): State<Arc<AppState>>,
    Citizen(who): Citizen,
    Path(code): Path<String>,
    JsonBody(b): JsonBody<WithdrawalBody>,
) -> Result<Json<Dossier>, ApiError> {
    let now = st.now();
    let d = st
        .store
        .change(&code, Some(&who.sub), |d, p| {
            // A linked registration already done cannot be withdrawn: its parts started from it.
            if forbids(d, Event::Withdraw) {
                return Err(PortalError::NotAllowed);
            }
            apply_event(d, Event::Withdraw, b.reason.as_str(), vec![], p, now).map(Some)
        })
        .await?;
    tracing::info!(code = %d.code, "dossier withdrawn");
    st.changed();
    Ok(Json(d))
}

/// `GET /notifications`.
pub async fn notifications(
    State(st): State<Arc<AppState>>,
    Citizen(who): Citizen,
) -> Result<Json<Vec<tokhai_core::portal::Notice>>, ApiError> {
    Ok(Json(st.store.notices(&who.sub).await?))
}

/// `POST /notifications/{id}/read`: always 204.
pub async fn mark_read(
    State(st): State<Arc<AppState>>,
    Citizen(who): Citizen,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if let Ok(id) = id.parse::<i64>() {
        st.store.mark_read(&who.sub, id).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /preferences`.
pub async fn put_prefs(
    State(st): State<Arc<AppState>>,
    Citizen(who): Citizen,
    JsonBody(p): JsonBody<Prefs>,
) -> Result<StatusCode, ApiError> {
    st.store.set_prefs(&who.sub, &p).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /preferences`: the saved ones, or 404 (the app then uses the VNeID contact details).
pub async fn get_prefs(State(st): State<Arc<AppState>>, Citizen(who): Citizen) -> Result<Json<Prefs>, ApiError> {
    let p = st.store.prefs(&who.sub).await?;
    p.map(Json).ok_or_else(|| ApiError { message: "no preferences saved".into(), ..ApiError::not_found() })
}

/// Body of `POST /officer/dossiers/{code}/events`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficerEvent {
    event: Event,
    #[serde(default)]
    reason: Option<Reason>,
    #[serde(default)]
    fields: Vec<String>,
}

/// `GET /officer/dossiers`: the newest dossiers of everyone, for the officers' console.
pub async fn officer_list(State(st): State<Arc<AppState>>, _officer: Officer) -> Result<Json<Vec<Dossier>>, ApiError> {
    Ok(Json(st.store.recent(OFFICER_LIST).await?))
}

/// `GET /officer/groups`: the newest linked groups of everyone (their parts are in `GET /officer/dossiers`).
pub async fn officer_groups(State(st): State<Arc<AppState>>, _officer: Officer) -> Result<Json<Vec<Group>>, ApiError> {
    Ok(Json(st.store.recent_groups(OFFICER_LIST).await?))
}

/// The query of `GET /officer/audit`.
#[derive(Deserialize)]
pub struct AuditQuery {
    code: Option<String>,
}

/// `GET /officer/audit[?code=…]`: who moved which dossier, newest first.
pub async fn officer_audit(
    State(st): State<Arc<AppState>>,
    _officer: Officer,
    axum::extract::Query(q): axum::extract::Query<AuditQuery>,
) -> Result<Json<Vec<crate::store::AuditRow>>, ApiError> {
    Ok(Json(st.store.audit(q.code.as_deref()).await?))
}

/// How many dossiers the officers' list holds.
pub const OFFICER_LIST: i64 = 200;

/// `POST /officer/dossiers/{code}/events`: an officer's act (the tester console's moves).
pub async fn officer_event(
    State(st): State<Arc<AppState>>,
    Officer(officer): Officer,
    Path(code): Path<String>,
    JsonBody(b): JsonBody<OfficerEvent>,
) -> Result<Json<Dossier>, ApiError> {
    if matches!(b.event, Event::Withdraw | Event::Paid | Event::SupplementAnswered) {
        return Err(ApiError::unprocessable("citizen_event", "this event is the citizen's own act"));
    }
    let now = st.now();
    let reason = b.reason.unwrap_or_default();
    let d = st
        .store
        .change(&code, None, |d, p| apply_event(d, b.event, reason.clone(), b.fields.clone(), p, now).map(Some))
        .await?;
    tracing::info!(code = %d.code, event = ?b.event, %officer, "officer step");
    let name = |v: serde_json::Result<serde_json::Value>| v.ok().and_then(|v| v.as_str().map(str::to_string));
    let row = crate::store::AuditRow {
        at: st.wall_ms(),
        officer,
        code: d.code.clone(),
        event: name(serde_json::to_value(b.event)).unwrap_or_default(),
        status: name(serde_json::to_value(d.status)).unwrap_or_default(),
    };
    st.store.record_audit(&row).await?;
    st.changed();
    Ok(Json(d))
}

/// One pass of the simulated agency: every open dossier whose last step is
/// at least `step_ms` old takes its next move ([`next_move`]). Returns how many moved.
pub async fn agency_pass(st: &AppState, step_ms: Millis) -> Result<usize, ApiError> {
    let now = st.now();
    let mut moved = 0;
    for code in st.store.due(now - step_ms).await? {
        let r = st
            .store
            .change(&code, None, |d, p| {
                if now - d.last_at() < step_ms {
                    return Ok(None); // another replica moved it meanwhile
                }
                match next_move(d) {
                    Some((event, reason, fields)) => apply_event(d, event, reason, fields, p, now).map(Some),
                    None => Ok(None),
                }
            })
            .await;
        match r {
            Ok(d) if d.last_at() == now => {
                moved += 1;
                tracing::info!(code = %d.code, status = ?d.status, "agency step");
            }
            Ok(_) | Err(crate::store::ChangeError::NotAllowed(_)) | Err(crate::store::ChangeError::NotFound) => {}
            Err(crate::store::ChangeError::Store(e)) => return Err(e.into()),
        }
    }
    if moved > 0 {
        st.changed();
    }
    Ok(moved)
}

/// `GET /healthz`: the process is up.
pub async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok"}))
}

/// `GET /readyz`: the database answers.
pub async fn readyz(State(st): State<Arc<AppState>>) -> Response {
    if st.store.ready().await {
        Json(serde_json::json!({"status": "ready", "database": st.store.backend().name()})).into_response()
    } else {
        ApiError::unavailable().into_response()
    }
}

/// Unknown paths.
pub async fn fallback() -> ApiError {
    ApiError::no_route()
}

/// Known paths, other methods.
pub async fn method_fallback() -> ApiError {
    ApiError::method_not_allowed()
}
