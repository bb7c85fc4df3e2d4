//! The portal as pages see it: a snapshot of the simulated portal's record,
//! refreshed after each request and every two seconds (the simulated agency
//! takes its due steps then, and other tabs' changes show up), plus a browser
//! notification for new inbox messages when the citizen opted in.

use crate::services::boot;
use crate::services::notification;
use crate::services::portal::{self, Loaded};
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

/// The record as read, and where an unreadable one was kept aside.
#[derive(Clone, Debug, PartialEq)]
struct Snapshot {
    office: Rc<Office>,
    recovered: Option<String>,
}

impl From<Loaded> for Snapshot {
    fn from(l: Loaded) -> Self {
        match l {
            Loaded::Ok(o) => Snapshot { office: Rc::new(o), recovered: None },
            Loaded::Recovered(o, key) => Snapshot { office: Rc::new(o), recovered: Some(key) },
        }
    }
}

/// Reads the record, lets the simulated agency act (its steps; and, where the
/// bundle has it, `sign`: its signing of the results that are due), and
/// notifies `owner` of new messages by a browser notification when they opted
/// in (never in an `assisted` session: the device is not theirs).
#[hook]
pub fn use_portal_state(owner: Option<String>, lang: Lang, assisted: bool, sign: Option<fn()>) -> PortalCtx {
    // Read after hydration (the effect below), not while the first render must match the prerendered page.
    let snapshot =
        use_state(|| Snapshot::from(if boot::hydrating() { Loaded::Ok(Office::default()) } else { portal::load() }));
    let refresh = {
        let snapshot = snapshot.clone();
        let owner = owner.clone();
        Callback::from(move |_| {
            let mut next = Snapshot::from(portal::load());
            if next.recovered.is_none() {
                next.recovered = snapshot.recovered.clone(); // said once, kept said
            }
            let now = portal::now();
            if next.office.has_due(now) {
                let mut office = (*next.office).clone();
                office.tick(now);
                let _ = portal::save(&office);
                next.office = Rc::new(office);
            }
            // The simulated agency signs what reached its result.
            if let Some(sign) = sign.filter(|_| !next.office.awaiting_result().is_empty()) {
                sign();
            }
            if next != *snapshot {
                // No browser notification on a shared device in an assisted session.
                if let Some(o) = owner.as_ref().filter(|_| !assisted) {
                    notification::announce(&snapshot.office, &next.office, o, lang);
                }
                snapshot.set(next);
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
    PortalCtx { office: snapshot.office.clone(), refresh, recovered: snapshot.recovered.clone() }
}

/// The portal context. Pages are rendered inside the app's provider.
#[hook]
pub fn use_portal() -> Option<PortalCtx> {
    use_context::<PortalCtx>()
}
