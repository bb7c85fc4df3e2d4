//! Loads a form definition for a page, with a retry after a network failure.

use crate::services::forms::{self, FormError};
use std::rc::Rc;
use tokhai_core::FormDef;
use yew::prelude::*;

/// Where loading a form stands.
#[derive(Clone, Debug, PartialEq)]
pub enum FormLoad {
    /// Fetching.
    Loading,
    /// Ready to render.
    Ready(Rc<FormDef>),
    /// Could not be had; the error says whether a retry may help.
    Failed(FormError),
}

/// The form `id`, and a callback that retries after a failure.
#[hook]
pub fn use_form(id: &str) -> (FormLoad, Callback<()>) {
    let state = use_state(|| forms::cached(id).map_or(FormLoad::Loading, FormLoad::Ready));
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        use_effect_with((id.to_string(), *attempt), move |(id, _)| {
            if let Some(f) = forms::cached(id) {
                state.set(FormLoad::Ready(f));
            } else {
                state.set(FormLoad::Loading);
                let id = id.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    state.set(match forms::load(&id).await {
                        Ok(f) => FormLoad::Ready(f),
                        Err(e) => FormLoad::Failed(e),
                    });
                });
            }
        });
    }
    let retry = Callback::from(move |_| attempt.set(*attempt + 1));
    ((*state).clone(), retry)
}

/// Where loading the catalogue stands.
#[derive(Clone, Debug, PartialEq)]
pub enum CatalogLoad {
    /// Fetching.
    Loading,
    /// Ready.
    Ready(Rc<Vec<tokhai_core::catalog::CatalogEntry>>),
    /// Could not be had (offline, server error).
    Failed,
}

/// The catalogue, and a retry callback.
#[hook]
pub fn use_catalog() -> (CatalogLoad, Callback<()>) {
    let state = use_state(|| forms::cached_catalog().map_or(CatalogLoad::Loading, CatalogLoad::Ready));
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        use_effect_with(*attempt, move |_| {
            if let Some(c) = forms::cached_catalog() {
                state.set(CatalogLoad::Ready(c));
            } else {
                state.set(CatalogLoad::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    state.set(match forms::load_catalog().await {
                        Ok(c) => CatalogLoad::Ready(c),
                        Err(_) => CatalogLoad::Failed,
                    });
                });
            }
        });
    }
    let retry = Callback::from(move |_| attempt.set(*attempt + 1));
    ((*state).clone(), retry)
}

/// Where loading one catalogue entry stands.
#[derive(Clone, Debug, PartialEq)]
pub enum EntryLoad {
    /// Fetching the catalogue.
    Loading,
    /// Found.
    Ready(Rc<tokhai_core::catalog::CatalogEntry>),
    /// No such service.
    Unknown,
    /// The catalogue could not be had (offline, server error).
    Failed,
}

/// The catalogue entry of service `id`: at once when the page carried it,
/// else from the catalogue; and a retry callback.
#[hook]
pub fn use_catalog_entry(id: &str) -> (EntryLoad, Callback<()>) {
    let state = use_state(|| forms::cached_entry(id).map_or(EntryLoad::Loading, EntryLoad::Ready));
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        use_effect_with((id.to_string(), *attempt), move |(id, _)| {
            if let Some(e) = forms::cached_entry(id) {
                state.set(EntryLoad::Ready(e));
            } else {
                state.set(EntryLoad::Loading);
                let id = id.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    state.set(match forms::load_catalog().await {
                        Ok(_) => forms::cached_entry(&id).map_or(EntryLoad::Unknown, EntryLoad::Ready),
                        Err(_) => EntryLoad::Failed,
                    });
                });
            }
        });
    }
    let retry = Callback::from(move |_| attempt.set(*attempt + 1));
    ((*state).clone(), retry)
}
