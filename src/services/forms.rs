//! Where the catalogue and form definitions come from: fetched from `/forms/`
//! (built by `build-forms` from `forms/`) when first needed, parsed once, and
//! shared as `Rc` for the session.

use super::json;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tokhai_core::lint::is_slug;
use tokhai_core::schema::CatalogEntry;
use tokhai_core::FormDef;

thread_local! {
    static CATALOG: RefCell<Option<Rc<Vec<CatalogEntry>>>> = const { RefCell::new(None) };
    static CACHE: RefCell<HashMap<String, Rc<FormDef>>> = RefCell::new(HashMap::new());
    static ENTRIES: RefCell<HashMap<String, Rc<CatalogEntry>>> = RefCell::new(HashMap::new());
}

/// Keeps one catalogue entry (a prerendered service page carries its own,
/// not the whole catalogue).
pub fn insert_entry(json_text: &str) -> Result<Rc<CatalogEntry>, FormError> {
    let e: CatalogEntry = json::parse(json_text).map_err(|_| FormError::Invalid)?;
    let e = Rc::new(e);
    ENTRIES.with(|m| m.borrow_mut().insert(e.id.clone(), e.clone()));
    Ok(e)
}

/// The entry of service `id`, if known here (alone, or in the catalogue).
pub fn cached_entry(id: &str) -> Option<Rc<CatalogEntry>> {
    ENTRIES
        .with(|m| m.borrow().get(id).cloned())
        .or_else(|| cached_catalog()?.iter().find(|e| e.id == id).cloned().map(Rc::new))
}

/// Forgets every definition and the catalogue (the prerenderer, between pages).
pub fn clear() {
    CATALOG.with(|c| *c.borrow_mut() = None);
    ENTRIES.with(|m| m.borrow_mut().clear());
    CACHE.with(|c| c.borrow_mut().clear());
}

/// The catalogue, if already loaded in this session.
pub fn cached_catalog() -> Option<Rc<Vec<CatalogEntry>>> {
    CATALOG.with(|c| c.borrow().clone())
}

/// Parses and keeps the catalogue (after a fetch, and in tests).
pub fn insert_catalog(json_text: &str) -> Result<Rc<Vec<CatalogEntry>>, FormError> {
    let list: Vec<CatalogEntry> = json::parse(json_text).map_err(|_| FormError::Invalid)?;
    let list = Rc::new(list);
    CATALOG.with(|c| *c.borrow_mut() = Some(list.clone()));
    Ok(list)
}

/// The catalogue: cached, else fetched from `/forms/catalog.json`.
pub async fn load_catalog() -> Result<Rc<Vec<CatalogEntry>>, FormError> {
    if let Some(c) = cached_catalog() {
        return Ok(c);
    }
    insert_catalog(&fetch_text("/forms/catalog.json").await?)
}

async fn fetch_text(path: &str) -> Result<String, FormError> {
    super::http::fetch_text(path).await.map_err(|_| FormError::Network)
}

/// Why a form could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormError {
    /// No such service in the catalogue.
    Unknown,
    /// The definition did not arrive (offline, server error); worth retrying.
    Network,
    /// The definition arrived but does not load.
    Invalid,
}

/// A definition already loaded in this session.
pub fn cached(id: &str) -> Option<Rc<FormDef>> {
    CACHE.with(|c| c.borrow().get(id).cloned())
}

/// Parses and keeps a definition (used after a fetch, and by tests that have
/// the JSON at hand).
pub fn insert(json: &str) -> Result<Rc<FormDef>, FormError> {
    let def: FormDef = json::parse(json).map_err(|_| FormError::Invalid)?;
    let def = Rc::new(def);
    CACHE.with(|c| c.borrow_mut().insert(def.id.clone(), def.clone()));
    Ok(def)
}

/// The definition of `id`: from the cache, else fetched. It is fetched at
/// once, without waiting for the catalogue (28 KB brotli, a round trip and
/// more on 3G), and index.html has already asked for it while the app loaded.
/// Only a slug ever becomes a path; a catalogue already at hand answers
/// "no such service" without a request, else the site's missing file does.
pub async fn load(id: &str) -> Result<Rc<FormDef>, FormError> {
    if let Some(f) = cached(id) {
        return Ok(f);
    }
    if !is_slug(id) || cached_catalog().is_some_and(|c| !c.iter().any(|e| e.id == id)) {
        return Err(FormError::Unknown);
    }
    let text = super::http::fetch_data(&format!("/forms/{id}.json"))
        .await
        .map_err(|_| FormError::Network)?
        .ok_or(FormError::Unknown)?;
    let def = insert(&text)?;
    if def.id != id {
        return Err(FormError::Invalid);
    }
    Ok(def)
}
