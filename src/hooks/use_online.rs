//! Whether the browser says it is online, kept up to date by its
//! `online` / `offline` events.

use gloo::events::EventListener;
use yew::prelude::*;

/// The browser's own view (`navigator.onLine`).
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// `navigator.onLine`, re-rendering when it changes.
#[hook]
pub fn use_online() -> bool {
    let online = use_state(|| crate::services::boot::hydrating() || is_online());
    {
        let online = online.clone();
        use_effect_with((), move |_| {
            online.set(is_online());
            let listeners = web_sys::window().map(|w| {
                let (a, b) = (online.clone(), online.clone());
                (
                    EventListener::new(&w, "online", move |_| a.set(true)),
                    EventListener::new(&w, "offline", move |_| b.set(false)),
                )
            });
            move || drop(listeners)
        });
    }
    *online
}
