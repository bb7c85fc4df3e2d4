//! IndexedDB in a few thin web-sys calls: one database (`tokhai`) with one
//! object store (`drafts`) keyed by each record's `id`. Every call says how it
//! failed: no IndexedDB at all (some private modes), a full quota, or another
//! refusal, so the caller can tell the citizen and keep working in memory.

use js_sys::{Array, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbRequest, IdbTransaction, IdbTransactionMode};

/// Database name.
pub const DB: &str = "tokhai";
/// Object store of drafts (and the outbox, which is part of a draft).
pub const STORE: &str = "drafts";
const VERSION: u32 = 1;

/// Why storage failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdbError {
    /// IndexedDB is not offered (private mode, disabled storage).
    Unavailable,
    /// The browser's quota for this site is used up.
    Full,
    /// Another refusal (blocked upgrade, aborted transaction).
    Failed,
}

fn classify(e: &JsValue) -> IdbError {
    let name = Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    if name == "QuotaExceededError" {
        IdbError::Full
    } else {
        IdbError::Failed
    }
}

/// Waits for a request: its result, or the error it ended with.
async fn done(req: &IdbRequest) -> Result<JsValue, IdbError> {
    let target = req.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let r = target.clone();
        let ok = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = target.clone();
        let fail = Closure::once_into_js(move |e: web_sys::Event| {
            e.prevent_default(); // handled here: no uncaught error in the console
            let err = r.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        target.set_onsuccess(Some(ok.unchecked_ref()));
        target.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| classify(&e))
}

/// Waits for a write transaction to be committed (quota errors arrive here).
async fn committed(tx: &IdbTransaction) -> Result<(), IdbError> {
    let target = tx.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t = target.clone();
        let reject2 = reject.clone();
        let abort = Closure::once_into_js(move |_: JsValue| {
            let err = t.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        let t = target.clone();
        let error = Closure::once_into_js(move |e: web_sys::Event| {
            e.prevent_default();
            let err = t.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject2.call1(&JsValue::NULL, &err);
        });
        target.set_oncomplete(Some(ok.unchecked_ref()));
        target.set_onabort(Some(abort.unchecked_ref()));
        target.set_onerror(Some(error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| classify(&e))
}

thread_local! {
    static OPEN: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// The database, opened (and created) once per page.
pub async fn open() -> Result<IdbDatabase, IdbError> {
    if let Some(db) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(db);
    }
    let window = web_sys::window().ok_or(IdbError::Unavailable)?;
    let factory = window.indexed_db().ok().flatten().ok_or(IdbError::Unavailable)?;
    let req = factory.open_with_u32(DB, VERSION).map_err(|_| IdbError::Unavailable)?;
    let upgrading = req.clone();
    let upgrade = Closure::once_into_js(move |_: JsValue| {
        if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            if !db.object_store_names().contains(STORE) {
                let params = IdbObjectStoreParameters::new();
                params.set_key_path(&JsValue::from_str("id"));
                let _ = db.create_object_store_with_optional_parameters(STORE, &params);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db: IdbDatabase =
        done(&req).await.map_err(|_| IdbError::Unavailable)?.dyn_into().map_err(|_| IdbError::Unavailable)?;
    OPEN.with(|o| *o.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Forgets the open database (tests that delete it).
pub fn close() {
    if let Some(db) = OPEN.with(|o| o.borrow_mut().take()) {
        db.close();
    }
}

fn tx(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<IdbTransaction, IdbError> {
    db.transaction_with_str_and_mode(STORE, mode).map_err(|_| IdbError::Failed)
}

/// Writes records (each an object with an `id`), all or none.
pub async fn put(records: &[JsValue]) -> Result<(), IdbError> {
    let db = open().await?;
    let t = tx(&db, IdbTransactionMode::Readwrite)?;
    let store = t.object_store(STORE).map_err(|_| IdbError::Failed)?;
    for r in records {
        store.put(r).map_err(|e| classify(&e))?;
    }
    committed(&t).await
}

/// Every record.
pub async fn all() -> Result<Vec<JsValue>, IdbError> {
    let db = open().await?;
    let t = tx(&db, IdbTransactionMode::Readonly)?;
    let store = t.object_store(STORE).map_err(|_| IdbError::Failed)?;
    let req = store.get_all().map_err(|_| IdbError::Failed)?;
    let list: Array = done(&req).await?.dyn_into().map_err(|_| IdbError::Failed)?;
    Ok(list.iter().collect())
}

/// One record by id (`None` when there is none).
pub async fn get(id: &str) -> Result<Option<JsValue>, IdbError> {
    let db = open().await?;
    let t = tx(&db, IdbTransactionMode::Readonly)?;
    let store = t.object_store(STORE).map_err(|_| IdbError::Failed)?;
    let req = store.get(&JsValue::from_str(id)).map_err(|_| IdbError::Failed)?;
    Ok(Some(done(&req).await?).filter(|r| !r.is_undefined()))
}

/// Deletes records by id.
pub async fn delete(ids: &[String]) -> Result<(), IdbError> {
    if ids.is_empty() {
        return Ok(());
    }
    let db = open().await?;
    let t = tx(&db, IdbTransactionMode::Readwrite)?;
    let store = t.object_store(STORE).map_err(|_| IdbError::Failed)?;
    for id in ids {
        store.delete(&JsValue::from_str(id)).map_err(|_| IdbError::Failed)?;
    }
    committed(&t).await
}

/// A string property of a record.
pub fn text(record: &JsValue, key: &str) -> Option<String> {
    Reflect::get(record, &key.into()).ok()?.as_string()
}
