//! The assisted session of a community digital-tech team (tổ công nghệ số
//! cộng đồng) on a shared device: who is helping, the session's owner tag
//! and salt in `sessionStorage` (nothing personal), and the resident's key.
//! Ending the session wipes everything of the resident.
//!
//! The key survives page loads in the same tab and nowhere else: a session
//! without a PIN keeps its non-extractable `CryptoKey` in IndexedDB (the
//! browser stores the key object; its bytes can never be read) in a record
//! bound to this tab's id, which lives in `sessionStorage` (gone with the
//! tab, never shared with another tab). While its page is open the tab holds
//! a Web Lock named after its id; at the next start of any tab, a key whose
//! tab holds no lock any more is deleted with its records. A PIN session
//! derives its key from the PIN again after a reload instead.

use super::drafts::{self, Keeper, Owner};
use super::{files, identity, json, portal, seal};
use crate::services::dom::session_storage;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use tokhai_core::portal::Millis;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CryptoKey;

/// Web Locks (`navigator.locks`), called through `js_sys` (web-sys keeps them
/// behind its unstable-API flag).
mod locks {
    use js_sys::{Function, Object, Promise, Reflect};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;

    fn manager() -> Option<JsValue> {
        let nav = web_sys::window()?.navigator();
        Reflect::get(&nav, &"locks".into()).ok().filter(|l| !l.is_undefined())
    }

    fn request(args: &[&JsValue]) -> Option<Promise> {
        let m = manager()?;
        let f: Function = Reflect::get(&m, &"request".into()).ok()?.dyn_into().ok()?;
        let arr: js_sys::Array = args.iter().copied().collect();
        f.apply(&m, &arr).ok()?.dyn_into().ok()
    }

    /// Holds `name` for as long as this page lives.
    pub fn hold(name: &str) {
        let forever = Closure::once_into_js(|| Promise::new(&mut |_, _| {}));
        let _ = request(&[&name.into(), &forever]);
    }

    /// Whether a page (this one or another tab's) holds `name` now. Without
    /// Web Locks every lock counts as held: nothing is deleted that might be alive.
    pub async fn held(name: &str) -> bool {
        let opts = Object::new();
        let _ = Reflect::set(&opts, &"ifAvailable".into(), &true.into());
        let probe = Closure::once_into_js(|lock: JsValue| JsValue::from_bool(lock.is_null()));
        match request(&[&name.into(), &opts, &probe]) {
            Some(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()).unwrap_or(true),
            None => true,
        }
    }
}

/// `sessionStorage` key of the session.
pub const SESSION_KEY: &str = "tokhai.assist";
/// `sessionStorage` key of this tab's random id.
const TAB_KEY: &str = "tokhai.tab";
/// Prefix of the Web Lock a tab holds while its page is open.
const TAB_LOCK: &str = "tokhai-tab-";

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

/// This tab's id (made on first use; `sessionStorage` keeps it for the tab's life).
fn tab_id() -> Option<String> {
    let st = session_storage()?;
    if let Some(id) = st.get_item(TAB_KEY).ok().flatten() {
        return Some(id);
    }
    let id = hex(&seal::random(16));
    st.set_item(TAB_KEY, &id).ok()?;
    Some(id)
}

fn key_record_id(owner: &str) -> String {
    format!("{owner}|key")
}

/// Binds the session to this tab (and holds the tab's lock); with `key`,
/// keeps it for the next page load of this tab. A PIN session's record has
/// no key: its key comes from the PIN again.
async fn keep_key(owner: &str, key: Option<&CryptoKey>) {
    let Some(tab) = tab_id() else { return };
    let rec = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&rec, &JsValue::from_str(k), v);
    };
    set("id", &key_record_id(owner).into());
    set("owner", &owner.into());
    set("saved", &0.into());
    set("sealed", &true.into());
    set("tab", &tab.clone().into());
    if let Some(key) = key {
        set("key", key);
    }
    if super::idb::put(&[rec.into()]).await.is_ok() {
        locks::hold(&format!("{TAB_LOCK}{tab}"));
    }
}

/// Opens this tab's session after a page load (a session without a PIN),
/// before the app renders. Costs nothing when this tab has no session.
pub async fn restore() {
    if let (Some(s), None, Some(tab)) = (current(), key_in_memory(), tab_id()) {
        if let Ok(Some(rec)) = super::idb::get(&key_record_id(&s.owner)).await {
            let mine = super::idb::text(&rec, "tab").as_deref() == Some(tab.as_str());
            if mine {
                locks::hold(&format!("{TAB_LOCK}{tab}")); // this tab's session is alive, PIN or not
            }
            let key = js_sys::Reflect::get(&rec, &"key".into()).ok().and_then(|k| k.dyn_into::<CryptoKey>().ok());
            if let (true, Some(key)) = (mine, key) {
                let k = Keeper { owner: Owner::Session(s.owner.clone()), key: Some(key.clone()) };
                if drafts::check(&k).await.unwrap_or(false) {
                    KEY.with(|c| *c.borrow_mut() = Some(key));
                }
            }
        }
    }
}

fn key_in_memory() -> Option<CryptoKey> {
    KEY.with(|k| k.borrow().clone())
}

/// Deletes what sessions of closed tabs left: their keys (whose tab holds no
/// lock any more), then their records, and sealed records no key can open.
/// Run once the app has started (it never delays the first render).
pub async fn sweep_stale() {
    sweep(current().map(|s| s.owner)).await;
}

/// [`sweep_stale`], keeping `live`, this tab's session.
async fn sweep(live: Option<String>) {
    let Ok(all) = super::idb::all().await else { return };
    let mut gone: Vec<String> = vec![];
    let mut kept: Vec<String> = live.iter().cloned().collect();
    for rec in all.iter().filter(|r| super::idb::text(r, "id").is_some_and(|id| id.ends_with("|key"))) {
        let (Some(owner), Some(tab)) = (super::idb::text(rec, "owner"), super::idb::text(rec, "tab")) else { continue };
        if Some(&owner) == live.as_ref() || locks::held(&format!("{TAB_LOCK}{tab}")).await {
            kept.push(owner);
        } else {
            gone.push(owner);
        }
    }
    // The key first: once it is deleted nothing can open the records.
    for owner in &gone {
        let _ = super::idb::delete(&[key_record_id(owner)]).await;
    }
    let stale: Vec<String> = all
        .iter()
        .filter(|r| js_sys::Reflect::get(r, &"sealed".into()).ok().and_then(|v| v.as_bool()) == Some(true))
        .filter(|r| super::idb::text(r, "owner").is_none_or(|o| !kept.contains(&o)))
        .filter_map(|r| super::idb::text(r, "id"))
        .collect();
    let _ = super::idb::delete(&stale).await;
}

/// Starts a session for `team`. Its drafts survive page loads in this tab:
/// without a PIN the key is kept for this tab only; with a PIN it is derived
/// again from the PIN.
pub async fn start(team: &str, pin: Option<&str>, now: Millis) -> Result<Session, AssistError> {
    // Sealed records of sessions that ended without "Kết thúc phiên" can never be opened again.
    sweep(None).await;
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
    keep_key(&s.owner, pin.is_none().then_some(&key)).await;
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
    // The key goes first: nothing can be sealed for this session after this line,
    // and no later page load of this tab can open its records.
    KEY.with(|c| *c.borrow_mut() = None);
    let key_gone = super::idb::delete(&[key_record_id(&s.owner)]).await.is_ok();
    let wiped = drafts::wipe(&s.owner).await.is_ok() && key_gone;
    identity::forget_token();
    if let Some(st) = session_storage() {
        let _ = st.clear();
    }
    files::clear();
    let seen: Vec<String> = SEEN.with(|x| std::mem::take(&mut *x.borrow_mut()));
    let forgot = portal::forget(&seen);
    wiped && forgot
}
