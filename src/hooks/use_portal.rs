//! The portal as pages see it: a [`View`] of what the signed-in citizen may
//! see, and the [`PortalClient`] to act through. Pages never learn which
//! portal answers.
//!
//! - The embedded portal is read again after each request and every two
//!   seconds (its simulated agency takes its due steps then, and other tabs'
//!   changes show up).
//! - A portal server is read when the owner changes and after each request,
//!   then again whenever its live stream reports a change of status (within a
//!   second or two), not on a timer.
//!
//! New inbox messages raise a browser notification when the citizen opted in.

use crate::services::boot;
use crate::services::notification;
use crate::services::portal::{self, PortalClient, View, Watch};
use gloo::timers::callback::Interval;
use std::cell::Cell;
use std::rc::Rc;
use tokhai_core::Lang;
use yew::prelude::*;

/// The portal context.
#[derive(Clone, Debug, PartialEq)]
pub struct PortalCtx {
    /// What the signed-in citizen sees, as last read (empty when nobody is signed in).
    pub view: Rc<View>,
    /// The portal to act through.
    pub client: PortalClient,
    /// Read it again (after a request).
    pub refresh: Callback<()>,
    /// Set when an unreadable embedded record was kept aside under this key.
    pub recovered: Option<String>,
    /// Whether `view` is the signed-in citizen's, read (false while the first
    /// answer of a portal server is awaited: pages say it is loading, not "not found").
    pub ready: bool,
}

/// The view as read, and where an unreadable record was kept aside.
#[derive(Clone, Debug, Default, PartialEq)]
struct Snapshot {
    view: Rc<View>,
    recovered: Option<String>,
    /// Whose view it is.
    of: Option<String>,
}

/// Reads the portal for `owner`, lets the embedded simulated agency act (its
/// steps; and, where the bundle has it, `sign`: its signing of the results
/// that are due), and notifies `owner` of new messages by a browser
/// notification when they opted in (never in an `assisted` session: the
/// device is not theirs).
#[hook]
pub fn use_portal_state(owner: Option<String>, lang: Lang, assisted: bool, sign: Option<fn()>) -> PortalCtx {
    let client = use_memo((), |_| PortalClient::configured());
    // The embedded record is read at once, as a page load should show it; not
    // while the first render must match the prerendered page (the effect below reads then).
    let snapshot = use_state(|| match (&*client, owner.as_deref()) {
        (PortalClient::Local, Some(o)) if !boot::hydrating() => {
            let (office, recovered) = portal::load().into_parts();
            Snapshot { view: Rc::new(View::of(&office, o)), recovered, of: Some(o.into()) }
        }
        _ => Snapshot::default(),
    });
    // Answers that arrive after the owner changed again are dropped.
    let generation = use_memo(owner.clone(), |_| Rc::new(Cell::new(0u32)));
    let refresh = {
        let (snapshot, owner, client, generation) =
            (snapshot.clone(), owner.clone(), (*client).clone(), generation.clone());
        Callback::from(move |_| {
            let Some(owner) = owner.clone() else {
                // Nobody signed in: nothing to show, but the embedded agency works on.
                let recovered = if client.is_local() { local_read(None, sign).1 } else { None };
                let next =
                    Snapshot { recovered: recovered.or_else(|| snapshot.recovered.clone()), ..Snapshot::default() };
                if next != *snapshot {
                    snapshot.set(next);
                }
                return;
            };
            let show = {
                let snapshot = snapshot.clone();
                let owner = owner.clone();
                move |next: Snapshot| {
                    if next != *snapshot {
                        // New since the last read of the same person's view; never on a
                        // shared device in an assisted session.
                        if !assisted && snapshot.of.as_deref() == Some(owner.as_str()) {
                            notification::announce(&snapshot.view, &next.view, &owner, lang);
                        }
                        snapshot.set(next);
                    }
                }
            };
            match &client {
                PortalClient::Local => {
                    let (view, recovered) = local_read(Some(&owner), sign);
                    // An unreadable record is said once, and kept said.
                    show(Snapshot {
                        view: Rc::new(view),
                        recovered: recovered.or_else(|| snapshot.recovered.clone()),
                        of: Some(owner.clone()),
                    });
                }
                PortalClient::Http(_) => {
                    let (client, generation, snapshot) = (client.clone(), generation.clone(), snapshot.clone());
                    let asked = generation.get().wrapping_add(1);
                    generation.set(asked);
                    wasm_bindgen_futures::spawn_local(async move {
                        // A failed read keeps what was shown; the next change or request reads again.
                        if let Ok(view) = client.view(&owner).await {
                            if generation.get() == asked {
                                show(Snapshot {
                                    view: Rc::new(view),
                                    recovered: snapshot.recovered.clone(),
                                    of: Some(owner.clone()),
                                });
                            }
                        }
                    });
                }
            }
        })
    };
    {
        let (refresh, client) = (refresh.clone(), (*client).clone());
        use_effect_with((owner.clone(), lang), move |(owner, _)| {
            refresh.emit(());
            let mut interval = None;
            let mut watch: Option<Watch> = None;
            match &client {
                PortalClient::Local => {
                    let refresh = refresh.clone();
                    interval = Some(Interval::new(2_000, move || refresh.emit(())));
                }
                PortalClient::Http(h) if owner.is_some() => {
                    let refresh = refresh.clone();
                    watch = Some(h.watch(Rc::new(move || refresh.emit(()))));
                }
                PortalClient::Http(_) => {}
            }
            move || {
                drop(interval);
                drop(watch);
            }
        });
    }
    PortalCtx {
        view: snapshot.view.clone(),
        client: (*client).clone(),
        refresh,
        recovered: snapshot.recovered.clone(),
        ready: owner.is_none() || snapshot.of == owner,
    }
}

/// Reads the embedded record; its agency takes the steps that are due and
/// (where the bundle has it) signs the results that are due. Returns what
/// `owner` sees and where an unreadable record was kept aside.
fn local_read(owner: Option<&str>, sign: Option<fn()>) -> (View, Option<String>) {
    let (mut office, recovered) = portal::load().into_parts();
    let now = portal::now();
    if office.has_due(now) {
        office.tick(now);
        let _ = portal::save(&office);
    }
    // The simulated agency signs what reached its result.
    if let Some(sign) = sign.filter(|_| !office.awaiting_result().is_empty()) {
        sign();
    }
    (owner.map(|o| View::of(&office, o)).unwrap_or_default(), recovered)
}

/// The portal context. Pages are rendered inside the app's provider.
#[hook]
pub fn use_portal() -> Option<PortalCtx> {
    use_context::<PortalCtx>()
}

/// The portal to act through: the context's, or (outside the app's providers)
/// the configured one.
pub fn client(portal: &Option<PortalCtx>) -> PortalClient {
    portal.as_ref().map_or_else(PortalClient::configured, |p| p.client.clone())
}
