//! The portal's store: dossiers (each the core's `Dossier` as JSON, with the
//! columns queries need), the receiving units' daily sequences, the inboxes
//! and the preferences, in SQLite (one file, WAL) or PostgreSQL, through
//! `sqlx::Any` with runtime-checked queries (`$1` placeholders work in both).
//!
//! Exactly once: the idempotency key is `UNIQUE(owner, idem_key)`; a dossier's
//! sequence number is drawn (`INSERT … ON CONFLICT DO UPDATE … RETURNING`) in
//! the same transaction as the dossier is inserted, so a refused insert (the
//! key already used) rolls the number back and sequences stay gapless. Every
//! write transaction starts with a write, so SQLite takes its write lock at
//! once (and waits with its busy timeout) instead of failing to upgrade a
//! read; in one process SQLite writers also queue on a mutex. A dossier is
//! changed by optimistic concurrency: `UPDATE … WHERE version = $old`,
//! retried on a lost race, so two replicas never apply two steps on one state.
//! Linked groups (`groups`) are written in the transaction of their
//! registration: filed with it, and settled by each of its steps (the parts it
//! starts filed in that same transaction).

use serde::de::DeserializeOwned;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};
use std::time::Duration;
use tokhai_core::dossier::Status;
use tokhai_core::linked::{plan_group, settle, Group, PartId, PartState};
use tokhai_core::notify::Channel;
use tokhai_core::portal::{Dossier, Filing, Millis, Notice, PortalError, Prefs, Sent, Submission};
use tokhai_core::FormDef;
use tokio::sync::Mutex;

/// Which database is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, one file.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Backend {
    /// `sqlite` or `postgres`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A store failure (the database, not the request).
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<sqlx::Error> for StoreError {
    /// A database's own message may quote a value (a name, an ID number):
    /// only its code and constraint are kept, as they go to the log.
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(d) => StoreError(format!(
                "database error {} (constraint {})",
                d.code().unwrap_or_default(),
                d.constraint().unwrap_or("-")
            )),
            other => StoreError(other.to_string()),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError(format!("migration: {e}"))
    }
}

impl From<serde_json::Error> for StoreError {
    /// Without serde's message, which may quote the value it could not read.
    fn from(e: serde_json::Error) -> Self {
        StoreError(format!("stored JSON: {:?} error at line {} column {}", e.classify(), e.line(), e.column()))
    }
}

/// Why a change to a dossier did not happen.
#[derive(Debug)]
pub enum ChangeError {
    /// No such dossier, or not the caller's.
    NotFound,
    /// The status forbids it (the current status).
    NotAllowed(Status),
    /// The database failed.
    Store(StoreError),
}

impl From<StoreError> for ChangeError {
    fn from(e: StoreError) -> Self {
        ChangeError::Store(e)
    }
}

impl From<serde_json::Error> for ChangeError {
    fn from(e: serde_json::Error) -> Self {
        ChangeError::Store(e.into())
    }
}

impl From<sqlx::Error> for ChangeError {
    fn from(e: sqlx::Error) -> Self {
        ChangeError::Store(e.into())
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The statuses the agency still moves (not final).
const OPEN_STATUSES: &str = "'submitted','accepted','processing','supplement_requested','payment_requested','done'";

/// The store.
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time: this process's writers queue here.
    write_lock: Option<Mutex<()>>,
    /// Messages really leave the machine (an SMTP relay or SMS gateway is
    /// configured): steps get an outbox instead of the simulated deliveries.
    real_delivery: bool,
}

fn status_name(s: Status) -> String {
    serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn parse<T: DeserializeOwned>(row: &AnyRow, col: &str) -> Result<T, StoreError> {
    let text: String = row.try_get(col)?;
    Ok(serde_json::from_str(&text)?)
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// A SQLite URL that creates the file when missing (`mode=rwc`).
fn sqlite_url(url: &str) -> String {
    if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

impl Store {
    /// Connects, sets SQLite up (WAL, busy timeout) and applies the migrations.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError("DATABASE_URL must start with sqlite: or postgres://".into()));
        };
        let pool = match backend {
            Backend::Sqlite => {
                AnyPoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(Duration::from_secs(30))
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            conn.execute("PRAGMA busy_timeout = 10000").await?;
                            conn.execute("PRAGMA foreign_keys = ON").await?;
                            Ok(())
                        })
                    })
                    .connect(&sqlite_url(url))
                    .await?
            }
            Backend::Postgres => {
                AnyPoolOptions::new().max_connections(10).acquire_timeout(Duration::from_secs(30)).connect(url).await?
            }
        };
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        let write_lock = (backend == Backend::Sqlite).then(|| Mutex::new(()));
        Ok(Store { pool, backend, write_lock, real_delivery: false })
    }

    /// Turns real delivery on (before serving).
    pub fn set_real_delivery(&mut self, on: bool) {
        self.real_delivery = on;
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers.
    pub async fn ready(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Closes the pool (at shutdown).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    async fn writer(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match &self.write_lock {
            Some(m) => Some(m.lock().await),
            None => None,
        }
    }

    /// The owner's dossier made from idempotency key `key`.
    pub async fn by_key(&self, owner: &str, key: &str) -> Result<Option<Dossier>, StoreError> {
        let row = sqlx::query("SELECT body FROM dossiers WHERE owner = $1 AND idem_key = $2")
            .bind(owner)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| parse(&r, "body")).transpose()
    }

    /// The dossier with `code`.
    pub async fn get(&self, code: &str) -> Result<Option<Dossier>, StoreError> {
        let row =
            sqlx::query("SELECT body FROM dossiers WHERE code = $1").bind(code).fetch_optional(&self.pool).await?;
        row.map(|r| parse(&r, "body")).transpose()
    }

    /// The owner's dossiers, newest first.
    pub async fn mine(&self, owner: &str) -> Result<Vec<Dossier>, StoreError> {
        let rows =
            sqlx::query("SELECT body FROM dossiers WHERE owner = $1 ORDER BY received DESC, seq_key DESC, code DESC")
                .bind(owner)
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(|r| parse(r, "body")).collect()
    }

    /// Everyone's newest dossiers, at most `limit` (the officers' list).
    pub async fn recent(&self, limit: i64) -> Result<Vec<Dossier>, StoreError> {
        let rows = sqlx::query("SELECT body FROM dossiers ORDER BY received DESC, seq_key DESC, code DESC LIMIT $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| parse(r, "body")).collect()
    }

    /// Everyone's newest linked groups, for the officers.
    pub async fn recent_groups(&self, limit: i64) -> Result<Vec<Group>, StoreError> {
        let rows = sqlx::query("SELECT body FROM groups ORDER BY received DESC, code DESC LIMIT $1")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| parse(r, "body")).collect()
    }

    /// The owner's saved preferences.
    pub async fn prefs(&self, owner: &str) -> Result<Option<Prefs>, StoreError> {
        let row = sqlx::query("SELECT body FROM prefs WHERE owner = $1").bind(owner).fetch_optional(&self.pool).await?;
        row.map(|r| parse(&r, "body")).transpose()
    }

    /// Replaces the owner's preferences.
    pub async fn set_prefs(&self, owner: &str, prefs: &Prefs) -> Result<(), StoreError> {
        let _w = self.writer().await;
        sqlx::query(
            "INSERT INTO prefs (owner, body) VALUES ($1, $2) ON CONFLICT (owner) DO UPDATE SET body = excluded.body",
        )
        .bind(owner)
        .bind(serde_json::to_string(prefs)?)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Files a submission (already checked and completed by the caller):
    /// the earlier dossier for a known (owner, key), else a new one with the
    /// next number of its unit's day. Returns the dossier and whether it is new.
    pub async fn submit(&self, s: Submission, now: Millis) -> Result<(Dossier, bool), StoreError> {
        if let Some(d) = self.by_key(&s.owner, &s.key).await? {
            return Ok((d, false));
        }
        let (owner, key) = (s.owner.clone(), s.key.clone());
        let _w = self.writer().await;
        let mut tx = self.pool.begin().await?;
        match file_in(&mut tx, Filing::plain(s), None, self.real_delivery, now).await? {
            Some(d) => {
                tx.commit().await?;
                Ok((d, true))
            }
            None => {
                // The same owner and key won a race: its number stays, ours is rolled back.
                tx.rollback().await?;
                drop(_w);
                let earlier = self.by_key(&owner, &key).await?;
                earlier.map(|d| (d, false)).ok_or_else(|| StoreError("unique violation, and no dossier".into()))
            }
        }
    }

    /// Files a linked submission on the combined `form` with the `chosen`
    /// parts (already checked by the caller): the earlier group for a known
    /// (owner, key), else its registration dossier and the group, in one
    /// transaction. Returns the group and whether it is new.
    pub async fn submit_group(
        &self,
        s: Submission,
        form: &FormDef,
        chosen: &[PartId],
        now: Millis,
    ) -> Result<Result<(Group, bool), PortalError>, StoreError> {
        if let Some(g) = self.group_by_key(&s.owner, &s.key).await? {
            return Ok(Ok((g, false)));
        }
        let (owner, key) = (s.owner.clone(), s.key.clone());
        let (mut g, registration) = match plan_group(s, form, chosen, now) {
            Ok(planned) => planned,
            Err(e) => return Ok(Err(e)),
        };
        let _w = self.writer().await;
        let mut tx = self.pool.begin().await?;
        // The registration's dossier takes the owner's key: a race with the same
        // key ends there (or at the group's own constraint), and rolls back.
        let mut won = false;
        if let Some(d) = file_in(&mut tx, registration, None, self.real_delivery, now).await? {
            g.started(d.code);
            let inserted = sqlx::query(
                "INSERT INTO groups (code, owner, idem_key, received, version, body) VALUES ($1, $2, $3, $4, 1, $5)",
            )
            .bind(&g.code)
            .bind(&g.owner)
            .bind(&g.key)
            .bind(g.received)
            .bind(serde_json::to_string(&g)?)
            .execute(&mut *tx)
            .await;
            match inserted {
                Ok(_) => won = true,
                Err(e) if is_unique_violation(&e) => {}
                Err(e) => return Err(e.into()),
            }
        }
        if won {
            tx.commit().await?;
            return Ok(Ok((g, true)));
        }
        // The same owner and key won a race: its group stands, our numbers roll back.
        tx.rollback().await?;
        drop(_w);
        let earlier = self.group_by_key(&owner, &key).await?;
        earlier.map(|g| Ok((g, false))).ok_or_else(|| StoreError("unique violation, and no group".into()))
    }

    async fn group_by_key(&self, owner: &str, key: &str) -> Result<Option<Group>, StoreError> {
        let row = sqlx::query("SELECT body FROM groups WHERE owner = $1 AND idem_key = $2")
            .bind(owner)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| parse(&r, "body")).transpose()
    }

    /// The linked group with `code`.
    pub async fn group(&self, code: &str) -> Result<Option<Group>, StoreError> {
        let row = sqlx::query("SELECT body FROM groups WHERE code = $1").bind(code).fetch_optional(&self.pool).await?;
        row.map(|r| parse(&r, "body")).transpose()
    }

    /// The owner's linked groups, newest first.
    pub async fn groups_of(&self, owner: &str) -> Result<Vec<Group>, StoreError> {
        let rows = sqlx::query("SELECT body FROM groups WHERE owner = $1 ORDER BY received DESC, code DESC")
            .bind(owner)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| parse(r, "body")).collect()
    }

    /// Changes one dossier with `change` (a function of the core): reads it,
    /// applies the change with the owner's preferences, writes it back if
    /// nobody changed it meanwhile (else reads again and retries) with the
    /// step's inbox notice. `owner`: the caller's, checked (another's is
    /// [`ChangeError::NotFound`]); `None` for the agency. `change` returning
    /// `Ok(None)` leaves the dossier as it is.
    pub async fn change<F>(&self, code: &str, owner: Option<&str>, change: F) -> Result<Dossier, ChangeError>
    where
        F: Fn(&mut Dossier, &Prefs) -> Result<Option<Notice>, PortalError>,
    {
        let _w = self.writer().await;
        for _ in 0..50 {
            let row = sqlx::query("SELECT body, version FROM dossiers WHERE code = $1")
                .bind(code)
                .fetch_optional(&self.pool)
                .await?;
            let Some(row) = row else { return Err(ChangeError::NotFound) };
            let version: i64 = row.try_get("version")?;
            let mut d: Dossier = parse(&row, "body")?;
            if owner.is_some_and(|o| o != d.owner) {
                return Err(ChangeError::NotFound);
            }
            let prefs = self.prefs(&d.owner).await?.unwrap_or_default();
            let mut notice = match change(&mut d, &prefs) {
                Ok(Some(n)) => n,
                Ok(None) => return Ok(d),
                Err(PortalError::NotAllowed) => return Err(ChangeError::NotAllowed(d.status)),
                Err(_) => return Err(ChangeError::NotFound),
            };
            let planned = plan(self.real_delivery, &mut d, &mut notice, &prefs);
            let mut tx = self.pool.begin().await?;
            let done = sqlx::query(
                "UPDATE dossiers SET body = $1, status = $2, last_at = $3, version = version + 1 \
                 WHERE code = $4 AND version = $5",
            )
            .bind(serde_json::to_string(&d)?)
            .bind(status_name(d.status))
            .bind(d.last_at())
            .bind(code)
            .bind(version)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                tx.rollback().await?;
                tokio::task::yield_now().await;
                continue;
            }
            let notice_id = insert_notice(&mut tx, &d.owner, &notice).await?;
            insert_outbox(&mut tx, &d, notice_id, &planned, notice.at).await?;
            // A linked registration's step moves its group in the same transaction:
            // done, the waiting parts are filed; refused, stopped or withdrawn, they halt.
            if d.part_of.as_ref().is_some_and(|p| p.part.is_registration()) {
                settle_in(&mut tx, &d, &prefs, self.real_delivery, notice.at).await?;
            }
            tx.commit().await?;
            return Ok(d);
        }
        Err(ChangeError::Store(StoreError("the dossier kept changing; try again".into())))
    }

    /// The owner's inbox, newest first.
    pub async fn notices(&self, owner: &str) -> Result<Vec<Notice>, StoreError> {
        let rows = sqlx::query("SELECT id, is_read, flagged, body FROM notices WHERE owner = $1 ORDER BY id DESC")
            .bind(owner)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let mut n: Notice = parse(r, "body")?;
                n.id = r.try_get::<i64, _>("id")? as u64;
                n.read = r.try_get::<i64, _>("is_read")? != 0;
                n.flagged |= r.try_get::<i64, _>("flagged")? != 0;
                Ok(n)
            })
            .collect()
    }

    /// Marks one of the owner's notices read (another's, or none: nothing happens).
    pub async fn mark_read(&self, owner: &str, id: i64) -> Result<(), StoreError> {
        let _w = self.writer().await;
        sqlx::query("UPDATE notices SET is_read = 1 WHERE id = $1 AND owner = $2")
            .bind(id)
            .bind(owner)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Codes of the dossiers the agency may move: not final, last step at or before `before`.
    pub async fn due(&self, before: Millis) -> Result<Vec<String>, StoreError> {
        let sql = format!(
            "SELECT code FROM dossiers WHERE status IN ({OPEN_STATUSES}) AND last_at <= $1 ORDER BY last_at LIMIT 500"
        );
        let rows = sqlx::query(&sql).bind(before).fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(r.try_get::<String, _>("code")?)).collect()
    }

    /// The sequence numbers drawn for `unit_day`, in order (tests and checks).
    pub async fn sequence_numbers(&self, unit_day: &str) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query("SELECT seq FROM dossiers WHERE seq_key = $1 ORDER BY seq")
            .bind(unit_day)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(r.try_get::<i64, _>("seq")?)).collect()
    }
}

/// Files one dossier in `tx`: draws the next number of its unit's day, opens
/// it with the owner's preferences (`prefs`, else their saved ones, else the
/// submission's, saved then), and inserts it with its first notice and
/// messages. `None` when the owner's key is already used: the caller rolls
/// the transaction back (the number drawn goes with it, so sequences stay gapless).
async fn file_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    f: Filing,
    prefs: Option<&Prefs>,
    real: bool,
    now: Millis,
) -> Result<Option<Dossier>, StoreError> {
    let seq_key = f.sequence_key(now);
    let owner = f.submission.owner.clone();
    // A write first: SQLite's write lock, PostgreSQL's row lock, held to the end.
    let row = sqlx::query(
        "INSERT INTO sequences (unit_day, last) VALUES ($1, 1) \
         ON CONFLICT (unit_day) DO UPDATE SET last = sequences.last + 1 RETURNING last",
    )
    .bind(&seq_key)
    .fetch_one(&mut **tx)
    .await?;
    let seq: i64 = row.try_get("last")?;
    let prefs = match prefs {
        Some(p) => p.clone(),
        None => {
            let saved =
                sqlx::query("SELECT body FROM prefs WHERE owner = $1").bind(&owner).fetch_optional(&mut **tx).await?;
            match saved {
                Some(r) => parse(&r, "body")?,
                None => {
                    sqlx::query("INSERT INTO prefs (owner, body) VALUES ($1, $2) ON CONFLICT (owner) DO NOTHING")
                        .bind(&owner)
                        .bind(serde_json::to_string(&f.submission.prefs)?)
                        .execute(&mut **tx)
                        .await?;
                    f.submission.prefs.clone()
                }
            }
        }
    };
    let (mut d, mut notice) = f.open(seq as u32, &prefs, now);
    let planned = plan(real, &mut d, &mut notice, &prefs);
    let inserted = sqlx::query(
        "INSERT INTO dossiers (code, owner, idem_key, seq_key, seq, status, received, last_at, version, body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9)",
    )
    .bind(&d.code)
    .bind(&d.owner)
    .bind(&d.key)
    .bind(&seq_key)
    .bind(seq)
    .bind(status_name(d.status))
    .bind(d.received)
    .bind(d.last_at())
    .bind(serde_json::to_string(&d)?)
    .execute(&mut **tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => return Ok(None),
        Err(e) => return Err(e.into()),
    }
    let notice_id = insert_notice(tx, &owner, &notice).await?;
    insert_outbox(tx, &d, notice_id, &planned, now).await?;
    Ok(Some(d))
}

/// After a step of the registration `reg`, in the step's transaction: its
/// group takes the core's [`settle`], and the parts it starts are filed.
async fn settle_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    reg: &Dossier,
    prefs: &Prefs,
    real: bool,
    now: Millis,
) -> Result<(), StoreError> {
    let Some(code) = reg.part_of.as_ref().map(|p| p.group.clone()) else { return Ok(()) };
    let row = sqlx::query("SELECT body FROM groups WHERE code = $1").bind(&code).fetch_optional(&mut **tx).await?;
    let Some(row) = row else { return Ok(()) };
    let mut g: Group = parse(&row, "body")?;
    let before = g.clone();
    for (k, filing) in settle(&mut g, reg, prefs, now) {
        let d = file_in(tx, filing, Some(prefs), real, now)
            .await?
            .ok_or_else(|| StoreError(format!("{code}: a part was filed twice")))?;
        g.parts[k].state = PartState::Started { code: d.code };
    }
    if g != before {
        sqlx::query("UPDATE groups SET body = $1, version = version + 1 WHERE code = $2")
            .bind(serde_json::to_string(&g)?)
            .bind(&code)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn insert_notice(tx: &mut sqlx::Transaction<'_, sqlx::Any>, owner: &str, n: &Notice) -> Result<i64, StoreError> {
    let row =
        sqlx::query("INSERT INTO notices (owner, code, at, is_read, body) VALUES ($1, $2, $3, 0, $4) RETURNING id")
            .bind(owner)
            .bind(&n.code)
            .bind(n.at)
            .bind(serde_json::to_string(n)?)
            .fetch_one(&mut **tx)
            .await?;
    Ok(row.try_get("id")?)
}

/// A message to send for a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    /// SMS or e-mail.
    pub channel: Channel,
    /// Phone number or e-mail address.
    pub address: String,
    /// For an SMS: the e-mail address to try when it fails for good (empty:
    /// none, or an e-mail already goes for this step).
    pub fallback_address: String,
}

/// With real delivery, the messages a step sends, in the core's order
/// ([`tokhai_core::notify::deliver`]): SMS when on, with a confirmed phone;
/// e-mail when on, with an address. The step's simulated `sent` is cleared
/// and the notice unflagged: deliveries are recorded as they really happen.
pub fn plan(real: bool, d: &mut Dossier, notice: &mut Notice, prefs: &Prefs) -> Vec<Planned> {
    if !real {
        return vec![];
    }
    if let Some(step) = d.history.last_mut() {
        step.sent.clear();
    }
    notice.flagged = false;
    let email = prefs.email_on && !prefs.email.is_empty();
    let mut out = vec![];
    if prefs.sms && prefs.phone_confirmed && !prefs.phone.is_empty() {
        let fallback_address = if email { String::new() } else { prefs.email.clone() };
        out.push(Planned { channel: Channel::Sms, address: prefs.phone.clone(), fallback_address });
    }
    if email {
        out.push(Planned { channel: Channel::Email, address: prefs.email.clone(), fallback_address: String::new() });
    }
    out
}

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Sms => "sms",
        Channel::Email => "email",
        Channel::Inbox => "inbox",
    }
}

async fn insert_outbox(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    d: &Dossier,
    notice_id: i64,
    planned: &[Planned],
    now: Millis,
) -> Result<(), StoreError> {
    let step = d.history.len() as i64 - 1;
    for p in planned {
        insert_message(tx, &d.code, step, notice_id, p, false, now).await?;
    }
    Ok(())
}

async fn insert_message(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    code: &str,
    step: i64,
    notice_id: i64,
    p: &Planned,
    fallback: bool,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO outbox (code, step, notice_id, channel, fallback, address, fallback_address, state, attempts, next_at, created) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', 0, $8, $9)",
    )
    .bind(code)
    .bind(step)
    .bind(notice_id)
    .bind(channel_name(p.channel))
    .bind(i64::from(fallback))
    .bind(&p.address)
    .bind(&p.fallback_address)
    .bind(now)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One message of the outbox.
#[derive(Clone, Debug)]
pub struct Message {
    /// Its number (also the reference the SMS gateway's receipts carry).
    pub id: i64,
    /// The dossier.
    pub code: String,
    /// The step of its history it is for.
    pub step: usize,
    /// The inbox notice of that step (flagged when every channel failed).
    pub notice_id: i64,
    /// SMS or e-mail.
    pub channel: Channel,
    /// Sent because the channel before failed.
    pub fallback: bool,
    /// Phone number or e-mail address (never logged).
    pub address: String,
    /// For an SMS: the e-mail address to fall back to.
    pub fallback_address: String,
    /// `queued`, `sending`, `sent`, `delivered`, `permanent_failure`, `unknown`.
    pub state: String,
    /// Sending attempts so far.
    pub attempts: i64,
    /// When it is due (queued) or its claim lapses (sending).
    pub next_at: Millis,
}

fn message_of(r: &AnyRow) -> Result<Message, StoreError> {
    let channel = match r.try_get::<String, _>("channel")?.as_str() {
        "sms" => Channel::Sms,
        _ => Channel::Email,
    };
    Ok(Message {
        id: r.try_get("id")?,
        code: r.try_get("code")?,
        step: r.try_get::<i64, _>("step")? as usize,
        notice_id: r.try_get("notice_id")?,
        channel,
        fallback: r.try_get::<i64, _>("fallback")? != 0,
        address: r.try_get("address")?,
        fallback_address: r.try_get("fallback_address")?,
        state: r.try_get("state")?,
        attempts: r.try_get("attempts")?,
        next_at: r.try_get("next_at")?,
    })
}

const MESSAGE_COLUMNS: &str =
    "id, code, step, notice_id, channel, fallback, address, fallback_address, state, attempts, next_at";

impl Store {
    /// Messages due at `now`: queued ones, and claims that lapsed (a sender that died).
    pub async fn due_messages(&self, now: Millis) -> Result<Vec<Message>, StoreError> {
        let sql = format!(
            "SELECT {MESSAGE_COLUMNS} FROM outbox WHERE state IN ('queued', 'sending') AND next_at <= $1 ORDER BY id LIMIT 100"
        );
        let rows = sqlx::query(&sql).bind(now).fetch_all(&self.pool).await?;
        rows.iter().map(message_of).collect()
    }

    /// One message by its number.
    pub async fn message(&self, id: i64) -> Result<Option<Message>, StoreError> {
        let sql = format!("SELECT {MESSAGE_COLUMNS} FROM outbox WHERE id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(message_of).transpose()
    }

    /// Claims a due message for sending until `lease_until`; false if another sender took it.
    pub async fn claim(&self, m: &Message, lease_until: Millis) -> Result<bool, StoreError> {
        let _w = self.writer().await;
        let done = sqlx::query(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1, next_at = $1 \
             WHERE id = $2 AND state = $3 AND next_at = $4",
        )
        .bind(lease_until)
        .bind(m.id)
        .bind(&m.state)
        .bind(m.next_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Sets a message's state (and when it is due again, for a retry).
    pub async fn set_message_state(&self, id: i64, state: &str, next_at: Millis) -> Result<(), StoreError> {
        let _w = self.writer().await;
        sqlx::query("UPDATE outbox SET state = $1, next_at = $2 WHERE id = $3")
            .bind(state)
            .bind(next_at)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Queues the fallback e-mail of an SMS that failed for good.
    pub async fn queue_fallback(&self, sms: &Message, now: Millis) -> Result<(), StoreError> {
        let _w = self.writer().await;
        let mut tx = self.pool.begin().await?;
        let p =
            Planned { channel: Channel::Email, address: sms.fallback_address.clone(), fallback_address: String::new() };
        insert_message(&mut tx, &sms.code, sms.step as i64, sms.notice_id, &p, true, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether an e-mail goes (or went) for this step already.
    pub async fn step_has_email(&self, code: &str, step: usize) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE code = $1 AND step = $2 AND channel = 'email'")
            .bind(code)
            .bind(step as i64)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    /// Flags a notice: every message the citizen chose failed for good.
    pub async fn flag_notice(&self, id: i64) -> Result<(), StoreError> {
        let _w = self.writer().await;
        sqlx::query("UPDATE notices SET flagged = 1 WHERE id = $1").bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// Adds what became of a message to its step's `sent` list.
    pub async fn record_sent(&self, code: &str, step: usize, sent: Sent) -> Result<(), StoreError> {
        let _w = self.writer().await;
        for _ in 0..50 {
            let Some(row) = sqlx::query("SELECT body, version FROM dossiers WHERE code = $1")
                .bind(code)
                .fetch_optional(&self.pool)
                .await?
            else {
                return Ok(());
            };
            let version: i64 = row.try_get("version")?;
            let mut d: Dossier = parse(&row, "body")?;
            let Some(s) = d.history.get_mut(step) else { return Ok(()) };
            s.sent.push(sent.clone());
            let done =
                sqlx::query("UPDATE dossiers SET body = $1, version = version + 1 WHERE code = $2 AND version = $3")
                    .bind(serde_json::to_string(&d)?)
                    .bind(code)
                    .bind(version)
                    .execute(&self.pool)
                    .await?;
            if done.rows_affected() == 1 {
                return Ok(());
            }
            tokio::task::yield_now().await;
        }
        Err(StoreError("the dossier kept changing; delivery not recorded".into()))
    }
}

impl Store {
    /// Keeps a live-stream ticket for `owner` until `expires` (ms); drops expired ones.
    pub async fn put_ticket(&self, id: &str, owner: &str, expires: Millis, now: Millis) -> Result<(), StoreError> {
        let _w = self.writer().await;
        sqlx::query("DELETE FROM tickets WHERE expires < $1").bind(now).execute(&self.pool).await?;
        sqlx::query("INSERT INTO tickets (id, owner, expires) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(owner)
            .bind(expires)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Uses a ticket up: its owner if it exists and has not expired at `now`.
    pub async fn take_ticket(&self, id: &str, now: Millis) -> Result<Option<String>, StoreError> {
        let _w = self.writer().await;
        let row = sqlx::query("DELETE FROM tickets WHERE id = $1 RETURNING owner, expires")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let expires: i64 = row.try_get("expires")?;
        Ok((expires >= now).then(|| row.try_get("owner")).transpose()?)
    }

    /// The owner's dossiers as the live stream compares them: code → (status, last step's time).
    pub async fn states(&self, owner: &str) -> Result<Vec<(String, String, Millis)>, StoreError> {
        let rows = sqlx::query("SELECT code, status, last_at FROM dossiers WHERE owner = $1")
            .bind(owner)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok((r.try_get("code")?, r.try_get("status")?, r.try_get("last_at")?))).collect()
    }
}

/// An upload as the store keeps it (its bytes apart).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    /// Its id.
    pub id: String,
    /// Whose it is (never sent to the page).
    pub owner: String,
    /// The file's name on the citizen's device.
    pub name: String,
    /// Its declared type.
    pub mime: String,
    /// Its declared size in bytes.
    pub size: i64,
    /// Bytes received so far: where the next chunk starts.
    pub offset: i64,
}

impl Upload {
    /// Whether every byte arrived.
    pub fn complete(&self) -> bool {
        self.offset == self.size
    }
}

/// What became of a chunk.
#[derive(Debug)]
pub enum Appended {
    /// Kept: the new offset.
    To(i64),
    /// It did not start where the upload stands (a resumed client that lost
    /// track, or a chunk sent twice): the offset to continue from.
    Elsewhere(i64),
    /// It would go past the declared size.
    TooLong,
    /// No such upload of this owner.
    NotFound,
}

impl Store {
    /// Starts an upload.
    pub async fn create_upload(&self, u: &Upload, now: Millis) -> Result<(), StoreError> {
        let _w = self.writer().await;
        sqlx::query(
            "INSERT INTO uploads (id, owner, name, mime, size, received, created) VALUES ($1, $2, $3, $4, $5, 0, $6)",
        )
        .bind(&u.id)
        .bind(&u.owner)
        .bind(&u.name)
        .bind(&u.mime)
        .bind(u.size)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The upload `id`.
    pub async fn upload(&self, id: &str) -> Result<Option<Upload>, StoreError> {
        let row = sqlx::query("SELECT id, owner, name, mime, size, received FROM uploads WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(Upload {
                id: r.try_get("id")?,
                owner: r.try_get("owner")?,
                name: r.try_get("name")?,
                mime: r.try_get("mime")?,
                size: r.try_get("size")?,
                offset: r.try_get("received")?,
            })
        })
        .transpose()
    }

    /// Appends `bytes` at `offset` to `owner`'s upload `id`. The offset moves
    /// only if it was still `offset` (`UPDATE … WHERE received = $offset`), in
    /// the same transaction as the part is kept: two racing copies of one chunk
    /// keep it once.
    pub async fn append(&self, id: &str, owner: &str, offset: i64, bytes: &[u8]) -> Result<Appended, StoreError> {
        let Some(u) = self.upload(id).await?.filter(|u| u.owner == owner) else { return Ok(Appended::NotFound) };
        if offset != u.offset {
            return Ok(Appended::Elsewhere(u.offset));
        }
        let end = offset + bytes.len() as i64;
        if end > u.size {
            return Ok(Appended::TooLong);
        }
        let _w = self.writer().await;
        let mut tx = self.pool.begin().await?;
        let moved = sqlx::query("UPDATE uploads SET received = $1 WHERE id = $2 AND received = $3")
            .bind(end)
            .bind(id)
            .bind(offset)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if moved == 0 {
            drop(tx);
            let now = self.upload(id).await?.map_or(0, |u| u.offset);
            return Ok(Appended::Elsewhere(now));
        }
        sqlx::query("INSERT INTO upload_parts (upload_id, start_at, bytes) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(offset)
            .bind(bytes.to_vec())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Appended::To(end))
    }

    /// The bytes received so far, in order.
    pub async fn upload_bytes(&self, id: &str) -> Result<Vec<u8>, StoreError> {
        let rows = sqlx::query("SELECT bytes FROM upload_parts WHERE upload_id = $1 ORDER BY start_at")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        let mut out = vec![];
        for r in rows {
            let part: Vec<u8> = r.try_get("bytes")?;
            out.extend_from_slice(&part);
        }
        Ok(out)
    }

    /// The first chunk received (where a file's signature is).
    pub async fn upload_head(&self, id: &str) -> Result<Vec<u8>, StoreError> {
        let row = sqlx::query("SELECT bytes FROM upload_parts WHERE upload_id = $1 AND start_at = 0")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("bytes")).transpose()?.unwrap_or_default())
    }

    /// Deletes an upload and its parts (a file that is not what it said it was).
    /// Deletes the uploads created before `cutoff` that no dossier of their
    /// owner names (a dossier or supplement names an upload by its id in its
    /// answers): abandoned or never sent. Returns how many went.
    pub async fn sweep_uploads(&self, cutoff: Millis) -> Result<u64, StoreError> {
        const ORPHAN: &str = "created <= $1 AND NOT EXISTS (SELECT 1 FROM dossiers d \
             WHERE d.owner = uploads.owner AND d.body LIKE '%' || uploads.id || '%')";
        let _w = self.writer().await;
        let mut tx = self.pool.begin().await?;
        sqlx::query(&format!("DELETE FROM upload_parts WHERE upload_id IN (SELECT id FROM uploads WHERE {ORPHAN})"))
            .bind(cutoff)
            .execute(&mut *tx)
            .await?;
        let gone = sqlx::query(&format!("DELETE FROM uploads WHERE {ORPHAN}")).bind(cutoff).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(gone.rows_affected())
    }

    pub async fn delete_upload(&self, id: &str) -> Result<(), StoreError> {
        let _w = self.writer().await;
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM upload_parts WHERE upload_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM uploads WHERE id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// One officer's act, as the audit trail keeps it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AuditRow {
    /// When (ms, wall clock).
    pub at: Millis,
    /// The officer's name (`PORTAL_OFFICER_KEYS`).
    pub officer: String,
    /// The dossier.
    pub code: String,
    /// The event (`accept`, `refuse`…).
    pub event: String,
    /// The status it led to.
    pub status: String,
}

impl Store {
    /// Records an officer's act.
    pub async fn record_audit(&self, row: &AuditRow) -> Result<(), StoreError> {
        let _w = self.writer().await;
        sqlx::query("INSERT INTO audit (at, officer, code, event, status) VALUES ($1, $2, $3, $4, $5)")
            .bind(row.at)
            .bind(&row.officer)
            .bind(&row.code)
            .bind(&row.event)
            .bind(&row.status)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The newest acts (at most 500), of one dossier or of all.
    pub async fn audit(&self, code: Option<&str>) -> Result<Vec<AuditRow>, StoreError> {
        let rows = match code {
            Some(c) => {
                sqlx::query(
                    "SELECT at, officer, code, event, status FROM audit WHERE code = $1 ORDER BY at DESC LIMIT 500",
                )
                .bind(c)
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                sqlx::query("SELECT at, officer, code, event, status FROM audit ORDER BY at DESC LIMIT 500")
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter()
            .map(|r| {
                Ok(AuditRow {
                    at: r.try_get("at")?,
                    officer: r.try_get("officer")?,
                    code: r.try_get("code")?,
                    event: r.try_get("event")?,
                    status: r.try_get("status")?,
                })
            })
            .collect()
    }
}
