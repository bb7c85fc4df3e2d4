//! Nothing lost: every change to a form is saved as a draft (debounced,
//! [`SAVE_AFTER_MS`]) through `services::drafts`, and the drafts of whoever is
//! using the app are put back on start. Two hooks, each with its work in an
//! effect: [`use_load_drafts`] (when the owner changes) and [`use_autosave`]
//! (when the answers change). A submission made offline waits in the outbox
//! (`hooks::use_outbox`). When storage fails the app keeps working in memory
//! and says so.

use crate::services::drafts::{self, Attachment, Keeper, Owner, Unreadable};
use crate::services::idb::IdbError;
use crate::services::portal::now;
use crate::services::{assist, clock, files, forms, json};
use crate::state::{Action, FormState, Store, StoreHandle};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use tokhai_core::drafts::{progress, Draft, Progress, DRAFT_VERSION};
use tokhai_core::portal::Millis;
use yew::prelude::*;

/// Quiet time after the last change before the draft is written (well under a second).
pub const SAVE_AFTER_MS: u32 = 600;

/// Where saving stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing loaded yet (identity being checked, session locked).
    Off,
    /// Loaded; nothing changed since.
    Ready,
    /// Last saved at.
    Saved(Millis),
    /// Kept in memory only, because storage failed this way.
    Memory(IdbError),
}

/// A draft as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    /// Form id.
    pub form: String,
    /// Section to resume at.
    pub section: Option<String>,
    /// Last change.
    pub saved: Millis,
    /// Sections complete, of those that apply.
    pub progress: Progress,
    /// Waiting in the outbox.
    pub waiting: bool,
}

/// The drafts context.
#[derive(Clone, Debug, PartialEq)]
pub struct KeepCtx {
    /// Saving.
    pub state: SaveState,
    /// The drafts of whoever uses the app are loaded (saving and the outbox wait for it).
    pub ready: bool,
    /// Drafts of whoever is using the app, newest first.
    pub drafts: Rc<Vec<Listed>>,
    /// Records kept but not readable by this release.
    pub unreadable: Rc<Vec<Unreadable>>,
    /// Drafts deleted at load because they were past their time.
    pub expired: usize,
    /// Deletes the draft of a form.
    pub delete: Callback<String>,
    /// Deletes an unreadable record by id.
    pub discard: Callback<String>,
    /// The browser says it is online.
    pub online: bool,
}

/// What the hooks remember between renders.
#[derive(Default)]
struct Memo {
    /// What was last written, per form (pointer identity).
    written: HashMap<String, Rc<FormState>>,
    /// Last change and progress per form.
    meta: HashMap<String, (Millis, Progress)>,
    /// The owner whose drafts are being loaded (a load for anyone else is dropped).
    loading: Option<Owner>,
}

type SharedMemo = Rc<RefCell<Memo>>;

/// What loading gave.
#[derive(Clone, Debug, Default, PartialEq)]
struct Loaded {
    /// Whose drafts are loaded.
    owner: Option<Owner>,
    unreadable: Rc<Vec<Unreadable>>,
    expired: usize,
}

fn draft_of(form: &str, s: &FormState, saved: Millis) -> (Draft, Vec<Attachment>) {
    let def = forms::cached(form);
    let progress = def.as_ref().map_or_else(Progress::default, |f| progress(f, &s.answers, clock::today()));
    let ids: BTreeSet<String> = def
        .map(|f| f.sections.iter().flat_map(|s| s.fields.iter().map(|f| f.id.clone())).collect())
        .unwrap_or_default();
    let draft =
        Draft { v: DRAFT_VERSION, form: form.to_string(), saved, progress, filling: s.filling.clone(), files: vec![] };
    (draft, files::of(form, &ids))
}

/// Puts back the drafts of `keeper` whenever it changes (an owner known, a
/// session unlocked, someone else signed in); a load that ends after the
/// owner changed again is dropped.
#[hook]
fn use_load_drafts(
    store: StoreHandle,
    keeper: Option<Keeper>,
    memo: SharedMemo,
    state: UseStateHandle<SaveState>,
) -> Loaded {
    let loaded = use_state(Loaded::default);
    {
        let loaded = loaded.clone();
        use_effect_with(keeper, move |keeper| {
            loaded.set(Loaded::default());
            memo.borrow_mut().written.clear();
            memo.borrow_mut().loading = keeper.as_ref().map(|k| k.owner.clone());
            match keeper.clone() {
                None => state.set(SaveState::Off),
                Some(k) => wasm_bindgen_futures::spawn_local(async move {
                    let adopt = matches!(k.owner, Owner::Person(_));
                    let result = drafts::load(&k, now(), adopt).await;
                    if memo.borrow().loading.as_ref() != Some(&k.owner) {
                        return; // someone else's drafts are wanted now
                    }
                    let mut next = Loaded { owner: Some(k.owner.clone()), ..Loaded::default() };
                    match result {
                        Ok(found) => {
                            // What was left unsaved goes first: it is newer than the stored draft.
                            let (unsaved, sent) = take_unsaved(&k.owner);
                            for d in unsaved {
                                store.dispatch(Action::Load { form: d.form.clone(), filling: Box::new(d.filling) });
                            }
                            let kept: Vec<(String, String, String)> =
                                files::all().into_iter().map(|(f, p, m, _)| (f, p, m.name)).collect();
                            for (id, d, attached) in &found.drafts {
                                if sent.contains(&d.form) {
                                    // Sent just before the page was left: its stored draft (and outbox) is spent.
                                    let _ = drafts::delete(id).await;
                                    continue;
                                }
                                for (path, meta, file) in attached {
                                    let here =
                                        kept.iter().any(|(f, p, n)| *f == d.form && p == path && *n == meta.name);
                                    if !here {
                                        files::keep(&d.form, path, meta, file.clone());
                                    }
                                }
                                memo.borrow_mut().meta.insert(d.form.clone(), (d.saved, d.progress));
                                store.dispatch(Action::Load {
                                    form: d.form.clone(),
                                    filling: Box::new(d.filling.clone()),
                                });
                            }
                            next.unreadable = Rc::new(found.unreadable);
                            next.expired = found.expired;
                            state.set(SaveState::Ready);
                        }
                        Err(e) => state.set(SaveState::Memory(e)),
                    }
                    loaded.set(next);
                }),
            }
        });
    }
    (*loaded).clone()
}

/// Writes every form that changed, [`SAVE_AFTER_MS`] after the last change
/// (each change restarts the wait), once the owner's drafts are loaded. When
/// the page is left or hidden before that, what is unsaved is kept in this
/// tab's `sessionStorage` and put back by the next load.
#[hook]
fn use_autosave(
    store: StoreHandle,
    keeper: Option<Keeper>,
    ready: bool,
    memo: SharedMemo,
    state: UseStateHandle<SaveState>,
) {
    // Left or hidden before the save (a reload, a link, a closed tab, a
    // switch to another app): an IndexedDB write started then may not
    // outlive the page (and in WebKit it spoils the next page's), so what is
    // unsaved is kept synchronously instead. The two listeners live as long
    // as the app; each change only replaces what they call.
    let stash_now = use_mut_ref(|| None::<Box<dyn Fn()>>);
    {
        let stash_now = stash_now.clone();
        use_effect_with((), move |_| {
            let call = move || {
                if let Some(stash) = stash_now.borrow().as_ref() {
                    stash();
                }
            };
            let on_hide = {
                let call = call.clone();
                move |_: &web_sys::Event| call()
            };
            let on_hidden = move |_: &web_sys::Event| {
                if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Hidden {
                    call();
                }
            };
            let listeners = (
                EventListener::new(&gloo::utils::window(), "pagehide", on_hide),
                EventListener::new(&gloo::utils::document(), "visibilitychange", on_hidden),
            );
            move || drop(listeners)
        });
    }
    let deps = (store.generation(), ready, keeper.clone());
    use_effect_with(deps, move |_| {
        // What a page load would lose if the save had not finished: kept
        // synchronously for this tab (never in a sealed session, whose data is
        // only ever stored encrypted), put back by the next load, then saved.
        *stash_now.borrow_mut() = {
            let (store, memo, k) = (store.clone(), memo.clone(), keeper.clone());
            Some(Box::new(move || match &k {
                Some(k) if k.key.is_none() && ready => stash_unsaved(k, changed(&store, &memo.borrow())),
                _ => {}
            }))
        };
        let timer = match keeper {
            Some(k) if ready && !changed(&store, &memo.borrow()).is_empty() => {
                Some(Timeout::new(SAVE_AFTER_MS, move || {
                    let todo = changed(&store, &memo.borrow());
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Some(outcome) = save(&k, todo, &memo).await {
                            state.set(outcome);
                        }
                    });
                }))
            }
            _ => None,
        };
        move || drop(timer) // a newer change restarts the wait
    });
}

/// `sessionStorage` key of what was not saved yet when the page was left.
const UNSAVED_KEY: &str = "tokhai.unsaved";

/// What a page left unsaved: the owner's tag, the forms' drafts, and the
/// forms just sent (their stored drafts are out of date and must not come back).
type Unsaved = (String, Vec<Draft>, Vec<String>);

/// Keeps the unsaved forms of `k` in this tab's `sessionStorage`, synchronously.
fn stash_unsaved(k: &Keeper, forms: Vec<(String, Rc<FormState>)>) {
    if forms.is_empty() {
        return;
    }
    let drafts: Vec<Draft> = forms
        .iter()
        .filter(|(_, s)| s.submitted.is_none() && !s.filling.is_empty())
        .map(|(form, s)| draft_of(form, s, now()).0)
        .collect();
    let sent: Vec<String> = forms.iter().filter(|(_, s)| s.submitted.is_some()).map(|(f, _)| f.clone()).collect();
    let storage = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    let unsaved: Unsaved = (k.owner.tag().to_string(), drafts, sent);
    if let (Some(st), Some(json)) = (storage, json::stringify(&unsaved)) {
        let _ = st.set_item(UNSAVED_KEY, &json);
    }
}

/// What `owner` left unsaved in this tab (drafts, forms sent), taken out of `sessionStorage`.
fn take_unsaved(owner: &Owner) -> (Vec<Draft>, Vec<String>) {
    let Some(st) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else {
        return (vec![], vec![]);
    };
    let raw = st.get_item(UNSAVED_KEY).ok().flatten();
    let _ = st.remove_item(UNSAVED_KEY);
    match raw.and_then(|r| json::parse::<Unsaved>(&r).ok()) {
        Some((tag, drafts, sent)) if tag == owner.tag() => (drafts, sent),
        _ => (vec![], vec![]),
    }
}

/// The forms that changed since they were last written.
fn changed(store: &Store, memo: &Memo) -> Vec<(String, Rc<FormState>)> {
    store
        .iter()
        .filter(|(f, s)| memo.written.get(*f).is_none_or(|w| !Rc::ptr_eq(w, s)))
        .map(|(f, s)| (f.clone(), s.clone()))
        .collect()
}

/// Writes (or, once sent, deletes) the draft of each form; says how it went.
async fn save(k: &Keeper, todo: Vec<(String, Rc<FormState>)>, memo: &SharedMemo) -> Option<SaveState> {
    let mut outcome = None;
    for (form, s) in todo {
        let t = now();
        let result = if s.submitted.is_some() {
            memo.borrow_mut().meta.remove(&form);
            drafts::delete(&drafts::record_id(k, &form)).await
        } else if s.filling.is_empty() {
            Ok(())
        } else {
            let (draft, attached) = draft_of(&form, &s, t);
            let owner = k.owner.tag().to_string();
            let sealed = k.key.is_some();
            // A sealed session that ended meanwhile writes nothing more.
            let r = drafts::save_if(k, &draft, &attached, || !sealed || assist::alive(&owner)).await;
            if r.is_ok() {
                memo.borrow_mut().meta.insert(form.clone(), (t, draft.progress));
            }
            r
        };
        match result {
            Ok(()) => {
                memo.borrow_mut().written.insert(form, s);
                outcome = outcome.or(Some(SaveState::Saved(t)));
            }
            Err(e) => outcome = Some(SaveState::Memory(e)),
        }
    }
    outcome
}

/// Drafts for `keeper` (None: not known yet), saved from `store`.
#[hook]
pub fn use_keep(store: StoreHandle, keeper: Option<Keeper>, online: bool) -> KeepCtx {
    let memo = use_mut_ref(Memo::default);
    // Set only when it changes: a storage that keeps failing is retried at the next change, not in a loop.
    let state = use_state_eq(|| SaveState::Off);
    let loaded = use_load_drafts(store.clone(), keeper.clone(), memo.clone(), state.clone());
    let ready = keeper.as_ref().is_some_and(|k| loaded.owner.as_ref() == Some(&k.owner));
    use_autosave(store.clone(), keeper.clone(), ready, memo.clone(), state.clone());

    let delete = {
        let (store, keeper, memo) = (store.clone(), keeper.clone(), memo.clone());
        Callback::from(move |form: String| {
            let Some(k) = keeper.clone() else { return };
            let (store, memo) = (store.clone(), memo.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if drafts::delete(&drafts::record_id(&k, &form)).await.is_ok() {
                    files::forget(&form);
                    memo.borrow_mut().meta.remove(&form);
                    memo.borrow_mut().written.remove(&form);
                    store.dispatch(Action::Forget { form });
                }
            });
        })
    };
    let unreadable = use_state(|| None::<Rc<Vec<Unreadable>>>);
    let shown_unreadable = (*unreadable).clone().unwrap_or_else(|| loaded.unreadable.clone());
    {
        // A new load shows its own list.
        let unreadable = unreadable.clone();
        use_effect_with(loaded.unreadable.clone(), move |_| unreadable.set(None));
    }
    let discard = {
        let (unreadable, shown) = (unreadable.clone(), shown_unreadable.clone());
        Callback::from(move |id: String| {
            let (unreadable, shown) = (unreadable.clone(), shown.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if drafts::delete(&id).await.is_ok() {
                    unreadable.set(Some(Rc::new(shown.iter().filter(|u| u.id != id).cloned().collect())));
                }
            });
        })
    };
    let mut list: Vec<Listed> = store
        .iter()
        .filter(|(_, s)| s.submitted.is_none() && !(s.answers.is_empty() && s.outbox.is_none()))
        .map(|(form, s)| {
            let (saved, progress) = memo.borrow().meta.get(form).copied().unwrap_or((now(), Progress::default()));
            Listed { form: form.clone(), section: s.section.clone(), saved, progress, waiting: s.outbox.is_some() }
        })
        .collect();
    list.sort_by_key(|d| std::cmp::Reverse(d.saved));
    KeepCtx {
        state: *state,
        ready,
        drafts: Rc::new(list),
        unreadable: shown_unreadable,
        expired: loaded.expired,
        delete,
        discard,
        online,
    }
}
