//! The assisted session of a community digital-tech team (tổ công nghệ số
//! cộng đồng) on a shared device: who is helping, the session's owner tag
//! and salt in `sessionStorage` (nothing personal), and the resident's key
//! in memory only. Ending the session wipes everything of the resident.

use super::drafts::{self, Keeper, Owner};
use super::{files, identity, json, portal, seal};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use tokhai_core::portal::Millis;
use web_sys::CryptoKey;

/// `sessionStorage` key of the session.
pub const SESSION_KEY: &str = "tokhai.assist";

/// An assisted session (no personal data of the resident in it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The helping team, as recorded on the dossiers ("Được hỗ trợ bởi …").
    pub team: String,
    /// Owner tag of this session's records.
    pub owner: String,
    /// PBKDF2 salt (hex), when the resident chose a PIN.
    pub salt: Option<String>,
    /// Started at.
    pub started: Millis,
}

thread_local! {
    static KEY: RefCell<Option<CryptoKey>> = const { RefCell::new(None) };
    /// Residents signed in during this session (their records in the embedded portal are forgotten at the end).
    static SEEN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).filter_map(|i| u8::from_str_radix(s.get(i * 2..i * 2 + 2)?, 16).ok()).collect()
}

/// The session of this tab, if one is running.
pub fn current() -> Option<Session> {
    json::parse(&session_storage()?.get_item(SESSION_KEY).ok()??).ok()
}

/// The keeper of the session's drafts, when its key is in memory.
pub fn keeper(s: &Session) -> Option<Keeper> {
    KEY.with(|k| k.borrow().clone()).map(|key| Keeper { owner: Owner::Session(s.owner.clone()), key: Some(key) })
}

/// Why a session could not start or be unlocked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssistError {
    /// WebCrypto or storage refused.
    Unavailable,
    /// The PIN does not open this session's records.
    WrongPin,
}

/// Starts a session for `team`; with a PIN, the drafts survive a reload of
/// this tab (the key is derived again from the PIN).
pub async fn start(team: &str, pin: Option<&str>, now: Millis) -> Result<Session, AssistError> {
    // Sealed records of sessions that ended without "Kết thúc phiên" can never be opened again.
    if let Ok(old) = drafts::orphans(None).await {
        let _ = super::idb::delete(&old).await;
    }
    let owner = format!("a{}", hex(&seal::random(8)));
    let (key, salt) = match pin {
        Some(pin) => {
            let salt = seal::random(16);
            (seal::pin_key(pin, &salt).await.map_err(|_| AssistError::Unavailable)?, Some(hex(&salt)))
        }
        None => (seal::session_key().await.map_err(|_| AssistError::Unavailable)?, None),
    };
    let s = Session { team: team.trim().to_string(), owner, salt, started: now };
    let k = Keeper { owner: Owner::Session(s.owner.clone()), key: Some(key.clone()) };
    // Without IndexedDB the session still works, in memory only.
    let _ = drafts::write_check(&k).await;
    session_storage()
        .and_then(|st| st.set_item(SESSION_KEY, &json::stringify(&s)?).ok())
        .ok_or(AssistError::Unavailable)?;
    KEY.with(|c| *c.borrow_mut() = Some(key));
    Ok(s)
}

/// After a reload: the PIN derives the key again; a wrong one opens nothing.
pub async fn unlock(s: &Session, pin: &str) -> Result<(), AssistError> {
    let salt = unhex(s.salt.as_deref().ok_or(AssistError::Unavailable)?);
    let key = seal::pin_key(pin, &salt).await.map_err(|_| AssistError::Unavailable)?;
    let k = Keeper { owner: Owner::Session(s.owner.clone()), key: Some(key.clone()) };
    if !drafts::check(&k).await.unwrap_or(false) {
        return Err(AssistError::WrongPin);
    }
    KEY.with(|c| *c.borrow_mut() = Some(key));
    Ok(())
}

/// Whether the session owning `owner` still has its key (a save started
/// before "Kết thúc phiên" must not land after the wipe).
pub fn alive(owner: &str) -> bool {
    KEY.with(|k| k.borrow().is_some()) && current().is_some_and(|s| s.owner == owner)
}

/// Notes a resident who signed in during the session.
pub fn saw(sub: &str) {
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if !s.iter().any(|x| x == sub) {
            s.push(sub.to_string());
        }
    });
}

/// "Kết thúc phiên": deletes the session's records, the key, the token and
/// everything else this tab kept (session storage, attachments in memory,
/// the residents' records in the embedded portal). Returns whether storage
/// could be wiped completely.
pub async fn end(s: &Session) -> bool {
    // The key goes first: nothing can be sealed for this session after this line.
    KEY.with(|c| *c.borrow_mut() = None);
    let wiped = drafts::wipe(&s.owner).await.is_ok();
    identity::forget_token();
    if let Some(st) = session_storage() {
        let _ = st.clear();
    }
    files::clear();
    let seen: Vec<String> = SEEN.with(|x| std::mem::take(&mut *x.borrow_mut()));
    let forgot = portal::forget(&seen);
    wiped && forgot
}
