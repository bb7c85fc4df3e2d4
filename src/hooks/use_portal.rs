//! The portal as pages see it: a snapshot of the simulated portal's record,
//! refreshed after each request and every two seconds (the simulated agency
//! takes its due steps then, and other tabs' changes show up), plus a browser
//! notification for new inbox messages when the citizen opted in.

use crate::services::portal::{self, Loaded};
use crate::services::notification;
use gloo::timers::callback::Interval;
use std::rc::Rc;
use tokhai_core::portal::Office;
use tokhai_core::Lang;
use yew::prelude::*;

/// The portal context.
#[derive(Clone, Debug, PartialEq)]
pub struct PortalCtx {
    /// The record as last read.
    pub office: Rc<Office>,
    /// Read it again (after a request).
    pub refresh: Callback<()>,
    /// Set when an unreadable record was kept aside under this key.
    pub recovered: Option<String>,
}

/// Reads the record, lets the simulated agency act, and notifies `owner` of
/// new messages by a browser notification when they opted in.
#[hook]
pub fn use_portal_state(owner: Option<String>, lang: Lang) -> PortalCtx {
    let first = use_memo((), |_| portal::load());
    let office = use_state(|| match &*first {
        Loaded::Ok(o) | Loaded::Recovered(o, _) => Rc::new(o.clone()),
    });
    let recovered = match &*first {
        Loaded::Recovered(_, key) => Some(key.clone()),
        Loaded::Ok(_) => None,
    };
    let refresh = {
        let office = office.clone();
        let owner = owner.clone();
        Callback::from(move |_| {
            let mut next = portal::office();
            if next.tick(portal::now()) {
                let _ = portal::save(&next);
            }
            if next != **office {
                if let Some(o) = &owner {
                    notification::announce(&office, &next, o, lang);
                }
                office.set(Rc::new(next));
            }
        })
    };
    {
        let refresh = refresh.clone();
        use_effect_with((owner.clone(), lang), move |_| {
            refresh.emit(());
            let interval = Interval::new(2_000, move || refresh.emit(()));
            move || drop(interval)
        });
    }
    PortalCtx { office: (*office).clone(), refresh, recovered }
}

/// The portal context. Pages are rendered inside the app's provider.
#[hook]
pub fn use_portal() -> Option<PortalCtx> {
    use_context::<PortalCtx>()
}
