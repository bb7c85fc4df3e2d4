//! The assisted session as the app sees it (see `services::assist`).

use crate::services::assist::{self, Session};
use crate::services::boot;
use std::rc::Rc;
use yew::prelude::*;

/// How the last session ended (for the clean start screen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ended {
    /// Everything could be wiped.
    pub wiped: bool,
    /// Ended by inactivity.
    pub idle: bool,
}

/// The assisted-session context.
#[derive(Clone, Debug, PartialEq)]
pub struct AssistCtx {
    /// The running session, if any.
    pub session: Option<Rc<Session>>,
    /// Its key is in memory (false after a reload until the PIN is entered).
    pub unlocked: bool,
    /// How the last session ended.
    pub ended: Option<Ended>,
    /// A session was started (by `assist::start`) or unlocked.
    pub opened: Callback<Session>,
    /// The session was ended (by `assist::end`).
    pub closed: Callback<Ended>,
}

/// The session kept in this tab, and callbacks to change it.
#[hook]
pub fn use_assist_state() -> AssistCtx {
    // While a prerendered page hydrates, no session yet (as at build time); read just after.
    let read = || (!boot::hydrating()).then(assist::current).flatten();
    let session = use_state(|| read().map(Rc::new));
    let unlocked = use_state(|| session.as_ref().is_some_and(|s| assist::keeper(s).is_some()));
    {
        let (session, unlocked) = (session.clone(), unlocked.clone());
        use_effect_with((), move |_| {
            if boot::hydrating() {
                if let Some(s) = assist::current() {
                    unlocked.set(assist::keeper(&s).is_some());
                    session.set(Some(Rc::new(s)));
                }
            }
        });
    }
    let ended = use_state(|| None::<Ended>);
    let opened = {
        let (session, unlocked, ended) = (session.clone(), unlocked.clone(), ended.clone());
        Callback::from(move |s: Session| {
            // A team's device: every form is made ready for use without a connection.
            crate::components::offline::download_all();
            session.set(Some(Rc::new(s)));
            unlocked.set(true);
            ended.set(None);
        })
    };
    let closed = {
        let (session, unlocked, ended) = (session.clone(), unlocked.clone(), ended.clone());
        Callback::from(move |e: Ended| {
            session.set(None);
            unlocked.set(false);
            ended.set(Some(e));
        })
    };
    AssistCtx { session: (*session).clone(), unlocked: *unlocked, ended: *ended, opened, closed }
}
