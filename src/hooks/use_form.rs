//! Data a page needs before it can render (a form definition, the catalogue,
//! one catalogue entry), in one loader shape: at once when this session
//! already has it (a prerendered page carried it), else fetched, with a
//! retry after a failure.

use crate::services::forms::{self, FormError};
use std::future::Future;
use std::rc::Rc;
use tokhai_core::catalog::CatalogEntry;
use tokhai_core::FormDef;
use yew::prelude::*;

/// Where loading stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    /// Fetching.
    Loading,
    /// Ready to render.
    Ready(T),
    /// Could not be had; the error says whether a retry may help
    /// (`FormError::Unknown`: there is no such thing).
    Failed(FormError),
}

/// A form definition being loaded.
pub type FormLoad = Load<Rc<FormDef>>;
/// The catalogue being loaded.
pub type CatalogLoad = Load<Rc<Vec<CatalogEntry>>>;
/// One catalogue entry being loaded.
pub type EntryLoad = Load<Rc<CatalogEntry>>;

/// `key`'s data: `cached(key)` when there, else `load(key)`; and a callback
/// that tries again.
#[hook]
fn use_load<T, Fut>(key: &str, cached: fn(&str) -> Option<T>, load: fn(String) -> Fut) -> (Load<T>, Callback<()>)
where
    T: Clone + PartialEq + 'static,
    Fut: Future<Output = Result<T, FormError>> + 'static,
{
    let state = use_state(|| cached(key).map_or(Load::Loading, Load::Ready));
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        use_effect_with((key.to_string(), *attempt), move |(key, _)| {
            if let Some(v) = cached(key) {
                state.set(Load::Ready(v));
            } else {
                state.set(Load::Loading);
                let fut = load(key.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    state.set(match fut.await {
                        Ok(v) => Load::Ready(v),
                        Err(e) => Load::Failed(e),
                    });
                });
            }
        });
    }
    let retry = Callback::from(move |_| attempt.set(*attempt + 1));
    ((*state).clone(), retry)
}

async fn load_form(id: String) -> Result<Rc<FormDef>, FormError> {
    forms::load(&id).await
}

async fn load_catalog(_: String) -> Result<Rc<Vec<CatalogEntry>>, FormError> {
    forms::load_catalog().await
}

async fn load_entry(id: String) -> Result<Rc<CatalogEntry>, FormError> {
    forms::load_catalog().await?;
    forms::cached_entry(&id).ok_or(FormError::Unknown)
}

/// The form `id`, and a callback that retries after a failure.
#[hook]
pub fn use_form(id: &str) -> (FormLoad, Callback<()>) {
    use_load(id, forms::cached, load_form)
}

/// The catalogue, and a retry callback.
#[hook]
pub fn use_catalog() -> (CatalogLoad, Callback<()>) {
    use_load("", |_| forms::cached_catalog(), load_catalog)
}

/// The catalogue entry of service `id`: at once when the page carried it,
/// else from the catalogue; and a retry callback.
#[hook]
pub fn use_catalog_entry(id: &str) -> (EntryLoad, Callback<()>) {
    use_load(id, forms::cached_entry, load_entry)
}
