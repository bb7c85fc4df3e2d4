//! Sending a dossier: the one path that "Xác nhận và gửi" on check answers
//! and the outbox (a dossier queued offline) both take. What is sent, or why
//! it cannot be yet, is decided in the core (`tokhai_core::submission::prepare`).

use crate::hooks::use_portal::PortalCtx;
use crate::services::files;
use crate::services::portal::{LocalPortal, Portal, PortalFailure};
use crate::state::{Action, StoreHandle};
use tokhai_core::portal::Submission;
use yew::prelude::*;

/// Sends submissions through the portal.
#[derive(Clone)]
pub struct Sender {
    store: StoreHandle,
    portal: Option<PortalCtx>,
}

impl Sender {
    /// Files `sub` made from `form`. Once filed, the portal view is refreshed,
    /// the form starts afresh (its answers and the bytes of its files
    /// forgotten) and the dossier's code is returned. The idempotency key
    /// makes a second call with the same submission find the same dossier.
    pub async fn send(&self, form: String, sub: Submission) -> Result<String, PortalFailure> {
        let d = LocalPortal.submit(sub).await?;
        if let Some(p) = &self.portal {
            p.refresh.emit(());
        }
        files::forget(&form);
        self.store.dispatch(Action::Submitted { form, code: d.code.clone() });
        Ok(d.code)
    }
}

/// The sender, inside the app's providers (`None` outside them).
#[hook]
pub fn use_send() -> Option<Sender> {
    let store = use_context::<StoreHandle>();
    let portal = use_context::<PortalCtx>();
    store.map(|store| Sender { store, portal })
}
