//! Filling a form from the other national databases once the citizen agreed:
//! each consented source is asked (never blocking the form), its verified
//! records are kept with the draft, and its fields fill from the record the
//! form is about (the only one, or the one the citizen picks).

use crate::services::sources;
use crate::state::{Action, StoreHandle};
use std::collections::BTreeMap;
use std::rc::Rc;
use tokhai_core::identity::TokenClaims;
use tokhai_core::prefill::{consent_sources, prefill_with, SourceData};
use tokhai_core::sources::{Record, Source};
use tokhai_core::FormDef;

/// Asks every source in `chosen` for what `form` needs of the signed-in
/// citizen, then fills the form from what verified.
pub fn ask_all(store: StoreHandle, form: Rc<FormDef>, claims: Rc<TokenClaims>, chosen: Vec<Source>) {
    let wanted = consent_sources(&form);
    for source in chosen {
        let paths: Vec<String> = wanted
            .get(&source)
            .map(|fields| fields.iter().filter_map(|f| f.prefill.as_ref().map(|p| p.claim.clone())).collect())
            .unwrap_or_default();
        let (store, form, claims) = (store.clone(), form.clone(), claims.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
            let result = sources::ask(source, &claims.sub, &refs).await;
            let records = result.clone().unwrap_or_default();
            store.dispatch(Action::Records { form: form.id.clone(), source, result });
            fill(&store, &form, &claims, source, records, &BTreeMap::new());
        });
    }
}

/// Fills the fields of `source` from `records` (with `picks`); nothing when
/// the source holds several records and none is picked yet.
pub fn fill(
    store: &StoreHandle,
    form: &FormDef,
    claims: &TokenClaims,
    source: Source,
    records: Vec<Record>,
    picks: &BTreeMap<Source, String>,
) {
    let data = SourceData { records, consented: [source].into(), picks: picks.clone() };
    let answers = prefill_with(form, &claims.citizen, &data).answers;
    if !answers.is_empty() {
        store.dispatch(Action::FromSource { form: form.id.clone(), source, answers });
    }
}
