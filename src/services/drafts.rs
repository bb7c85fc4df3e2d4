//! Drafts kept in IndexedDB: one record per owner and form. A record is
//! either plain (the citizen's own device) or sealed (an assisted session on
//! a shared device: the draft and every attachment encrypted with
//! [`super::seal`], so nothing personal is readable at rest).
//!
//! Record shape: `{ id, owner, saved, sealed, body?, iv?, ct?, files: [...] }`;
//! `body` is the [`Draft`] JSON; each file is `{ data }` or `{ iv, ct }`, in
//! the order of `Draft::files`.

use super::idb::{self, IdbError};
use super::json;
use super::seal;
use js_sys::{Array, Object, Reflect, Uint8Array};
use tokhai_core::drafts::{self, Age, Draft, DraftV1, Read, Version};
use tokhai_core::portal::Millis;
use tokhai_core::submission::fnv;
use tokhai_core::FileMeta;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

/// Whose drafts. Stored beside each record as a tag, never a name or an ID number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    /// Before sign-in on this device (tag `g`): adopted by whoever signs in.
    Guest,
    /// A signed-in citizen on their own device (tag `p` + a hash of the token's subject).
    Person(String),
    /// An assisted session (tag `a` + random hex): sealed, wiped at its end.
    Session(String),
}

impl Owner {
    /// The signed-in citizen with token subject `sub`.
    pub fn person(sub: &str) -> Owner {
        Owner::Person(format!("p{:016x}", fnv(format!("tokhai-owner\0{sub}").as_bytes())))
    }

    /// The tag stored in records.
    pub fn tag(&self) -> &str {
        match self {
            Owner::Guest => "g",
            Owner::Person(t) | Owner::Session(t) => t,
        }
    }
}

/// Whose drafts, and sealed under which key.
#[derive(Clone, Debug, PartialEq)]
pub struct Keeper {
    /// Whose records these are.
    pub owner: Owner,
    /// Present in an assisted session: records are encrypted with it.
    pub key: Option<CryptoKey>,
}

/// An attachment: where it is attached, what it is, and the file itself.
pub type Attachment = (String, FileMeta, web_sys::File);

/// A stored record this release could not read.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    /// Record id (to delete it).
    pub id: String,
    /// Last change.
    pub saved: Millis,
    /// Written by a newer release (its version), or damaged (`None`).
    pub newer: Option<u32>,
}

/// What loading found.
#[derive(Debug, Default)]
pub struct Found {
    /// Drafts with their attachments.
    pub drafts: Vec<(String, Draft, Vec<Attachment>)>,
    /// Records kept but not read.
    pub unreadable: Vec<Unreadable>,
    /// Drafts past their time, deleted now (the citizen is told how many).
    pub expired: usize,
}

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

/// Record id of `form` for `k`: sealed ids do not name the service.
pub fn record_id(k: &Keeper, form: &str) -> String {
    match k.key {
        Some(_) => format!("{}|{:016x}", k.owner.tag(), fnv(format!("{}\0{form}", k.owner.tag()).as_bytes())),
        None => format!("{}|{form}", k.owner.tag()),
    }
}

async fn bytes_of(file: &web_sys::File) -> Result<Uint8Array, IdbError> {
    let buf = JsFuture::from(file.array_buffer()).await.map_err(|_| IdbError::Failed)?;
    Ok(Uint8Array::new(&buf))
}

async fn pack(k: &Keeper, plain: &[u8], into: &Object, text_key: Option<&str>) -> Result<(), IdbError> {
    match (&k.key, text_key) {
        (Some(key), _) => {
            let (iv, ct) = seal::seal(key, plain).await.map_err(|_| IdbError::Failed)?;
            set(into, "iv", &iv);
            set(into, "ct", &ct);
        }
        (None, Some(t)) => set(into, t, &JsValue::from_str(std::str::from_utf8(plain).unwrap_or_default())),
        (None, None) => set(into, "data", &Uint8Array::from(plain)),
    }
    Ok(())
}

/// Saves a draft with its attachments (replacing the record of that form).
pub async fn save(k: &Keeper, draft: &Draft, files: &[Attachment]) -> Result<(), IdbError> {
    save_if(k, draft, files, || true).await
}

/// [`save`], unless `still()` turns false while the record is being sealed
/// (an assisted session that ended meanwhile: nothing may land after its wipe).
pub async fn save_if(
    k: &Keeper,
    draft: &Draft,
    files: &[Attachment],
    still: impl Fn() -> bool,
) -> Result<(), IdbError> {
    let mut draft = draft.clone();
    draft.files = files.iter().map(|(p, m, _)| (p.clone(), m.clone())).collect();
    let rec = Object::new();
    set(&rec, "id", &record_id(k, &draft.form).into());
    set(&rec, "owner", &k.owner.tag().into());
    set(&rec, "saved", &(draft.saved as f64).into());
    set(&rec, "sealed", &k.key.is_some().into());
    let body = super::json::stringify(&draft).ok_or(IdbError::Failed)?;
    pack(k, body.as_bytes(), &rec, Some("body")).await?;
    let list = Array::new();
    for (_, _, file) in files {
        let entry = Object::new();
        pack(k, &bytes_of(file).await?.to_vec(), &entry, None).await?;
        list.push(&entry);
    }
    set(&rec, "files", &list);
    if !still() {
        return Ok(());
    }
    idb::put(&[rec.into()]).await
}

async fn unpack(k: &Keeper, from: &JsValue, text_key: Option<&str>) -> Option<Vec<u8>> {
    let sealed = get(from, "ct").is_object();
    match (&k.key, sealed) {
        (Some(key), true) => {
            let iv: Uint8Array = get(from, "iv").dyn_into().ok()?;
            let ct: Uint8Array = get(from, "ct").dyn_into().ok()?;
            seal::open(key, &iv, &ct).await.ok()
        }
        (None, false) => match text_key {
            Some(t) => get(from, t).as_string().map(String::into_bytes),
            None => get(from, "data").dyn_into::<Uint8Array>().ok().map(|a| a.to_vec()),
        },
        _ => None,
    }
}

fn file_from(meta: &FileMeta, bytes: &[u8]) -> Option<web_sys::File> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let bag = web_sys::FilePropertyBag::new();
    bag.set_type(&meta.mime);
    web_sys::File::new_with_u8_array_sequence_and_options(&parts, &meta.name, &bag).ok()
}

/// Loads `k`'s drafts. Past their time they are deleted (and counted); damaged
/// or newer ones are kept and listed. With `adopt`, drafts made before sign-in
/// on this device become `k`'s.
pub async fn load(k: &Keeper, now: Millis, adopt: bool) -> Result<Found, IdbError> {
    let mut found = Found::default();
    let mut expired = vec![];
    let mut adopted = vec![];
    for rec in idb::all().await? {
        let owner = idb::text(&rec, "owner").unwrap_or_default();
        let mine = owner == k.owner.tag();
        let guest = adopt && owner == Owner::Guest.tag() && k.key.is_none();
        if !(mine || guest) {
            continue;
        }
        let id = idb::text(&rec, "id").unwrap_or_default();
        if id.ends_with("|check") || id.ends_with("|key") {
            continue;
        }
        let saved = get(&rec, "saved").as_f64().unwrap_or(0.0) as Millis;
        if drafts::age(saved, now) == Age::Expired {
            expired.push(id);
            continue;
        }
        let read = match unpack(k, &rec, Some("body")).await {
            Some(bytes) => read(&String::from_utf8_lossy(&bytes)),
            None => Read::Unreadable,
        };
        match read {
            Read::Ok(draft) => {
                let mut files = vec![];
                let stored: Array = get(&rec, "files").dyn_into().unwrap_or_default();
                for (i, (path, meta)) in draft.files.iter().enumerate() {
                    let bytes = unpack(k, &stored.get(i as u32), None).await;
                    if let Some(f) = bytes.and_then(|b| file_from(meta, &b)) {
                        files.push((path.clone(), meta.clone(), f));
                    }
                }
                if guest {
                    adopted.push((id.clone(), draft.clone(), files.clone()));
                }
                found.drafts.push((id, draft, files));
            }
            Read::Newer(v) => found.unreadable.push(Unreadable { id, saved, newer: Some(v) }),
            Read::Unreadable => found.unreadable.push(Unreadable { id, saved, newer: None }),
        }
    }
    found.expired = expired.len();
    idb::delete(&expired).await?;
    for (old, draft, files) in adopted {
        save(k, &draft, &files).await?;
        idb::delete(&[old]).await?;
    }
    for d in found.drafts.iter_mut() {
        d.0 = record_id(k, &d.1.form);
    }
    Ok(found)
}

/// Reads a draft's JSON with the browser's parser.
pub fn read(text: &str) -> Read {
    let v = json::parse::<Version>(text).ok().map(|x| x.v);
    drafts::read_with(v, || json::parse::<DraftV1>(text), || json::parse::<Draft>(text))
}

/// Deletes one record.
pub async fn delete(id: &str) -> Result<(), IdbError> {
    idb::delete(&[id.to_string()]).await
}

/// Deletes every record of `owner` (the end of an assisted session). Other
/// owners' records are left as they are.
pub async fn wipe(owner: &str) -> Result<usize, IdbError> {
    let ids: Vec<String> = idb::all()
        .await?
        .iter()
        .filter(|r| idb::text(r, "owner").as_deref() == Some(owner))
        .filter_map(|r| idb::text(r, "id"))
        .collect();
    idb::delete(&ids).await?;
    Ok(ids.len())
}

/// Sealed records whose session is gone (no key can open them any more).
pub async fn orphans(live: Option<&str>) -> Result<Vec<String>, IdbError> {
    Ok(idb::all()
        .await?
        .iter()
        .filter(|r| get(r, "sealed").as_bool() == Some(true) && idb::text(r, "owner").as_deref() != live)
        .filter_map(|r| idb::text(r, "id"))
        .collect())
}

const CHECK: &[u8] = b"tokhai-check";

/// Writes the record that tells a right PIN from a wrong one.
pub async fn write_check(k: &Keeper) -> Result<(), IdbError> {
    let rec = Object::new();
    set(&rec, "id", &format!("{}|check", k.owner.tag()).into());
    set(&rec, "owner", &k.owner.tag().into());
    set(&rec, "saved", &0.into());
    set(&rec, "sealed", &true.into());
    pack(k, CHECK, &rec, None).await?;
    idb::put(&[rec.into()]).await
}

/// Whether `k`'s key opens its check record (`Ok(false)`: wrong PIN).
pub async fn check(k: &Keeper) -> Result<bool, IdbError> {
    Ok(match idb::get(&format!("{}|check", k.owner.tag())).await? {
        Some(rec) => unpack(k, &rec, None).await.as_deref() == Some(CHECK),
        None => false,
    })
}
