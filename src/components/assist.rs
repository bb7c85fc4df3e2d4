//! The shell's notices for drafts, offline use and assisted sessions: the
//! assisted-session bar with "Kết thúc phiên" and the inactivity guard, the
//! offline banner, the storage-failure banner, and the draft status line.

use crate::hooks::use_assist::{AssistCtx, Ended};
use crate::hooks::use_keep::{KeepCtx, SaveState};
use crate::routes::Route;
use crate::services::idb::IdbError;
use crate::services::{assist, dom};
use crate::state::{use_lang, AuthCtx};
use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use tokhai_core::messages::keep::{k, K};
use tokhai_core::portal::vn_clock;
use yew::prelude::*;
use yew_router::prelude::*;

/// Inactivity before an assisted session ends by itself.
pub const IDLE_MS: f64 = 5.0 * 60_000.0;
/// Warning given before that (WCAG 2.2.1 asks for at least 20 seconds).
pub const WARN_MS: f64 = 60_000.0;

/// Ends the assisted session: wipes (see `assist::end`), signs out, then shows the clean start screen.
pub fn end_session(ctx: &AssistCtx, auth: Option<AuthCtx>, navigator: Option<Navigator>, idle: bool) {
    let Some(s) = ctx.session.clone() else { return };
    let closed = ctx.closed.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let wiped = assist::end(&s).await;
        if let Some(a) = &auth {
            a.sign_out.emit(());
        }
        closed.emit(Ended { wiped, idle });
        if let Some(n) = navigator {
            n.push(&Route::AssistEnded);
        }
    });
}

/// The bar shown during an assisted session.
#[function_component(AssistBar)]
pub fn assist_bar() -> Html {
    let lang = use_lang();
    let ctx = use_context::<AssistCtx>();
    let auth = use_context::<AuthCtx>();
    let navigator = use_navigator();
    let keep = use_context::<KeepCtx>();
    let confirming = use_state(|| false);
    let assisted = ctx.as_ref().is_some_and(|c| c.session.is_some());
    use_effect_with(assisted, |on| dom::set_root_class("tk-assisted", *on));
    let Some(ctx) = ctx else { return html! {} };
    let Some(s) = ctx.session.clone() else {
        return html! {};
    };
    // A dossier still waiting to be sent would be wiped with the session: ask first.
    let waiting = keep.as_ref().is_some_and(|k| k.drafts.iter().any(|d| d.waiting));
    let end_now = {
        let (ctx, auth, navigator) = (ctx.clone(), auth.clone(), navigator.clone());
        Callback::from(move |_| end_session(&ctx, auth.clone(), navigator.clone(), false))
    };
    let end = {
        let (end_now, confirming) = (end_now.clone(), confirming.clone());
        Callback::from(move |e: MouseEvent| {
            if waiting {
                confirming.set(true);
                dom::focus_id_later("end-confirm");
            } else {
                end_now.emit(e);
            }
        })
    };
    html! {
        <div class="tk-assist-bar">
            <div class="tk-container tk-assist-bar__inner">
                <p class="tk-assist-bar__text">{ k(K::AssistBar, lang).replace("{team}", &s.team) }</p>
                if !ctx.unlocked {
                    <Link<Route> to={Route::Assist} classes="tk-header__link">{ k(K::UnlockTitle, lang) }</Link<Route>>
                }
                if *confirming {
                    <div class="tk-assist-bar__confirm" role="group" aria-labelledby="end-confirm">
                        <p id="end-confirm" tabindex="-1">{ k(K::EndWithOutbox, lang) }</p>
                        <button id="end-anyway" type="button" class="tk-button tk-button--warning tk-button--small" onclick={end_now}>{ k(K::EndAnyway, lang) }</button>
                        <button type="button" class="tk-button tk-button--secondary tk-button--small" onclick={let c = confirming.clone(); Callback::from(move |_| c.set(false))}>{ k(K::KeepSession, lang) }</button>
                    </div>
                } else {
                    <button id="end-session" type="button" class="tk-button tk-button--warning tk-button--small" onclick={end}>
                        { k(K::EndSession, lang) }
                    </button>
                }
            </div>
            <IdleGuard />
        </div>
    }
}

/// Ends an assisted session after [`IDLE_MS`] without input, after a warning
/// of [`WARN_MS`] with a button to continue.
#[function_component(IdleGuard)]
fn idle_guard() -> Html {
    let lang = use_lang();
    let ctx = use_context::<AssistCtx>();
    let auth = use_context::<AuthCtx>();
    let navigator = use_navigator();
    let last = use_mut_ref(js_sys::Date::now);
    let left = use_state(|| None::<u32>); // seconds left, while warning
    {
        let (last, left) = (last.clone(), left.clone());
        let (ctx, auth, navigator) = (ctx.clone(), auth.clone(), navigator.clone());
        use_effect_with((), move |_| {
            let doc = gloo::utils::document();
            let warned = std::rc::Rc::new(std::cell::Cell::new(false));
            let listeners: Vec<EventListener> = ["pointerdown", "keydown", "input"]
                .into_iter()
                .map(|ev| {
                    let (last, warned) = (last.clone(), warned.clone());
                    EventListener::new(&doc, ev, move |_| {
                        // Once warned, only the button continues (no accidental extension).
                        if !warned.get() {
                            *last.borrow_mut() = js_sys::Date::now();
                        }
                    })
                })
                .collect();
            let tick = Interval::new(1_000, move || {
                let idle = js_sys::Date::now() - *last.borrow();
                if idle >= IDLE_MS {
                    if let Some(c) = &ctx {
                        end_session(c, auth.clone(), navigator.clone(), true);
                    }
                } else if idle >= IDLE_MS - WARN_MS {
                    let secs = ((IDLE_MS - idle) / 1000.0).ceil() as u32;
                    if !warned.get() {
                        warned.set(true);
                        dom::focus_id_later("idle-continue");
                    }
                    if *left != Some(secs) {
                        left.set(Some(secs));
                    }
                } else {
                    warned.set(false);
                    if left.is_some() {
                        left.set(None);
                    }
                }
            });
            move || drop((listeners, tick))
        });
    }
    // A native modal dialog: the page behind is inert and focus stays inside (Esc also continues).
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with(left.is_some(), move |open| {
            if let (true, Some(d)) = (*open, dialog.cast::<web_sys::HtmlDialogElement>()) {
                let _ = d.show_modal();
            }
        });
    }
    let Some(secs) = *left else { return html! {} };
    let resume = {
        let (last, left) = (last.clone(), left.clone());
        Callback::from(move |_: ()| {
            *last.borrow_mut() = js_sys::Date::now() + 1.0;
            left.set(None);
        })
    };
    let onclick = resume.reform(|_: MouseEvent| ());
    let oncancel = resume.reform(|e: Event| e.prevent_default());
    html! {
        <dialog ref={dialog} class="tk-dialog" role="alertdialog" aria-labelledby="idle-title" aria-describedby="idle-body" id="idle-warning" {oncancel}>
            <h2 class="tk-h2" id="idle-title">{ k(K::IdleTitle, lang) }</h2>
            <p class="tk-body" id="idle-body">{ k(K::IdleBody, lang).replace("{s}", &secs.to_string()) }</p>
            <button id="idle-continue" type="button" class="tk-button" {onclick}>{ k(K::IdleContinue, lang) }</button>
        </dialog>
    }
}

/// The offline banner and the storage-failure banner.
#[function_component(KeepNotices)]
pub fn keep_notices() -> Html {
    let lang = use_lang();
    let Some(keep) = use_context::<KeepCtx>() else {
        return html! {};
    };
    let problem = match keep.state {
        SaveState::Memory(IdbError::Unavailable) => Some(K::SaveUnavailable),
        SaveState::Memory(IdbError::Full) => Some(K::SaveFull),
        SaveState::Memory(IdbError::Failed) => Some(K::SaveFailed),
        _ => None,
    };
    html! {
        <>
            if !keep.online {
                <div class="tk-container">
                    <div class="tk-offline" id="offline-banner" role="status"><p>{ k(K::Offline, lang) }</p></div>
                </div>
            }
            if let Some(p) = problem {
                <div class="tk-container">
                    <div class="tk-inline-alert" id="save-problem" role="alert"><p>{ k(p, lang) }</p></div>
                </div>
            }
        </>
    }
}

/// "Đã lưu nháp lúc 10:02" under a form.
#[function_component(SaveStatus)]
pub fn save_status() -> Html {
    let lang = use_lang();
    let Some(keep) = use_context::<KeepCtx>() else {
        return html! {};
    };
    let text = match keep.state {
        SaveState::Saved(t) => {
            let (_, h, m) = vn_clock(t);
            k(K::SavedAt, lang).replace("{time}", &format!("{h:02}:{m:02}"))
        }
        _ => String::new(),
    };
    html! { <p class="tk-save-status" id="save-status" role="status">{ text }</p> }
}
