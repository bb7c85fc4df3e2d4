//! The outbox: a dossier confirmed while offline waits in its form's draft
//! ("Chờ gửi") and is sent once, through the same path as "Xác nhận và gửi"
//! (`hooks::use_send`), when the connection is back and the drafts of whoever
//! uses the app are loaded. A send that fails is tried again later, waiting
//! longer each time (5 s, doubling, at most 5 minutes).

use crate::hooks::use_keep::KeepCtx;
use crate::hooks::use_send::use_send;
use crate::state::use_store;
use gloo::timers::callback::Timeout;
use std::collections::HashSet;
use tokhai_core::portal::Submission;
use yew::prelude::*;

/// First wait before trying a failed send again, in ms.
const RETRY_FIRST_MS: u32 = 5_000;
/// Longest wait between tries, in ms.
const RETRY_MAX_MS: u32 = 300_000;

/// Sends what waits in the outbox. Used once, inside the app's providers.
#[hook]
pub fn use_outbox() {
    let keep = use_context::<KeepCtx>();
    let store = use_store();
    let sender = use_send();
    let on_way = use_mut_ref(HashSet::<String>::new);
    let failures = use_state(|| 0u32);
    let can_send = keep.is_some_and(|k| k.online && k.ready);
    let waiting: Vec<(String, Submission)> = match &store {
        Some(store) => store.iter().filter_map(|(f, s)| s.outbox.clone().map(|sub| (f.clone(), sub))).collect(),
        None => vec![],
    };
    let keys: Vec<String> = waiting.iter().map(|(_, s)| s.key.clone()).collect();
    use_effect_with((can_send, keys, *failures), move |_| {
        // The browser's own view again: just after a page load it can still say
        // online for a moment before it knows better.
        let Some(sender) = sender.filter(|_| can_send && crate::hooks::use_online::is_online()) else { return };
        for (form, sub) in waiting {
            if !on_way.borrow_mut().insert(sub.key.clone()) {
                continue; // already on its way
            }
            let (sender, on_way, failures) = (sender.clone(), on_way.clone(), failures.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let key = sub.key.clone();
                let sent = sender.send(form, sub).await;
                on_way.borrow_mut().remove(&key);
                if sent.is_err() {
                    let n = *failures;
                    let wait = RETRY_FIRST_MS.saturating_mul(1 << n.min(6)).min(RETRY_MAX_MS);
                    Timeout::new(wait, move || failures.set(n + 1)).forget();
                }
            });
        }
    });
}
