//! Sending a dossier: the one path that "Xác nhận và gửi" on check answers
//! and the outbox (a dossier queued offline) both take. What is sent, or why
//! it cannot be yet, is decided in the core (`tokhai_core::submission::prepare`).

use crate::hooks::use_portal::{client, PortalCtx};
use crate::services::portal::{Portal, PortalFailure};
use crate::services::{files, forms};
use crate::state::{Action, StoreHandle};
use tokhai_core::linked::{self, GroupId};
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
    /// A linked form (liên thông) is filed as one parent group whose code is
    /// returned: the same path, the group's own request.
    pub async fn send(&self, form: String, sub: Submission) -> Result<String, PortalFailure> {
        let code = match GroupId::ALL.into_iter().find(|g| g.form_id() == form) {
            Some(_) => {
                // The form is loaded (it was just filled); from the outbox it may need fetching again.
                let def = forms::load(&form).await.map_err(|e| match e {
                    forms::FormError::Network => PortalFailure::Offline,
                    _ => PortalFailure::Refused(tokhai_core::portal::PortalError::NotAllowed),
                })?;
                let chosen = linked::chosen(&def, &sub.answers);
                client(&self.portal).submit_group(sub, &def, &chosen).await?.code
            }
            None => client(&self.portal).submit(sub).await?.code,
        };
        if let Some(p) = &self.portal {
            p.refresh.emit(());
        }
        files::forget(&form);
        self.store.dispatch(Action::Submitted { form, code: code.clone() });
        Ok(code)
    }
}

/// The sender, inside the app's providers (`None` outside them).
#[hook]
pub fn use_send() -> Option<Sender> {
    let store = use_context::<StoreHandle>();
    let portal = use_context::<PortalCtx>();
    store.map(|store| Sender { store, portal })
}
