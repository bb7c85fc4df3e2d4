//! Nothing lost: every change to a form is saved as a draft (debounced,
//! [`SAVE_AFTER_MS`]) through `services::drafts`; the drafts of whoever is
//! using the app are put back on start; a submission made offline waits in
//! the outbox and is sent, once, when the connection returns. When storage
//! fails the app keeps working in memory and says so.

use crate::hooks::use_portal::PortalCtx;
use crate::services::drafts::{self, Attachment, Keeper, Owner, Unreadable};
use crate::services::idb::IdbError;
use crate::services::portal::{now, LocalPortal, Portal};
use crate::services::{assist, clock, files, forms};
use crate::state::{Action, FormState, StoreHandle};
use gloo::timers::callback::Timeout;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;
use tokhai_core::drafts::{progress, Draft, DRAFT_VERSION};
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
    pub progress: (u32, u32),
    /// Waiting in the outbox.
    pub waiting: bool,
}

/// The drafts context.
#[derive(Clone, Debug, PartialEq)]
pub struct KeepCtx {
    /// Saving.
    pub state: SaveState,
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

#[derive(Default)]
struct Memo {
    /// What was last written, per form (pointer identity).
    written: HashMap<String, Rc<FormState>>,
    /// Last change and progress per form.
    meta: HashMap<String, (Millis, (u32, u32))>,
    /// Outbox keys on their way.
    sending: HashSet<String>,
    timer: Option<Timeout>,
}

fn draft_of(form: &str, s: &FormState, saved: Millis) -> (Draft, Vec<Attachment>, (u32, u32)) {
    let def = forms::cached(form);
    let prog = def.as_ref().map_or((0, 0), |f| progress(f, &s.answers, clock::today()));
    let ids: BTreeSet<String> = def
        .map(|f| f.sections.iter().flat_map(|s| s.fields.iter().map(|f| f.id.clone())).collect())
        .unwrap_or_default();
    let draft = Draft {
        v: DRAFT_VERSION,
        form: form.to_string(),
        section: s.section.clone(),
        saved,
        answers: (*s.answers).clone(),
        provenance: s.provenance.clone(),
        consent: s.consent,
        corrections: s.corrections.clone(),
        progress: prog,
        outbox: s.outbox.clone(),
        files: vec![],
    };
    (draft, files::of(form, &ids), prog)
}

fn state_of(d: &Draft) -> FormState {
    FormState {
        answers: Rc::new(d.answers.clone()),
        provenance: d.provenance.clone(),
        consent: d.consent,
        corrections: d.corrections.clone(),
        submitted: None,
        section: d.section.clone(),
        outbox: d.outbox.clone(),
    }
}

/// Drafts for `keeper` (None: not known yet), saved from `store`; the outbox
/// is sent through the portal when `online`.
#[hook]
pub fn use_keep(store: StoreHandle, keeper: Option<Keeper>, online: bool, portal: Option<PortalCtx>) -> KeepCtx {
    let memo = use_mut_ref(Memo::default);
    // Set only when it changes: a storage that keeps failing is retried at the next change, not in a loop.
    let state = use_state_eq(|| SaveState::Off);
    let unreadable = use_state(|| Rc::new(Vec::<Unreadable>::new()));
    let expired = use_state(|| 0usize);
    // Whose drafts are loaded (the owner tag); saving waits for it.
    let loaded = use_state(|| None::<String>);

    // Load when the owner changes.
    {
        let (store, state, unreadable, expired, loaded, memo) =
            (store.clone(), state.clone(), unreadable.clone(), expired.clone(), loaded.clone(), memo.clone());
        use_effect_with(keeper.clone(), move |keeper| {
            loaded.set(None);
            memo.borrow_mut().written.clear();
            match keeper.clone() {
                None => state.set(SaveState::Off),
                Some(k) => wasm_bindgen_futures::spawn_local(async move {
                    let adopt = matches!(k.owner, Owner::Person(_));
                    match drafts::load(&k, now(), adopt).await {
                        Ok(found) => {
                            let kept: Vec<(String, String, String)> =
                                files::all().into_iter().map(|(f, p, m, _)| (f, p, m.name)).collect();
                            for (_, d, attached) in &found.drafts {
                                for (path, meta, file) in attached {
                                    let here =
                                        kept.iter().any(|(f, p, n)| *f == d.form && p == path && *n == meta.name);
                                    if !here {
                                        files::keep(&d.form, path, meta, file.clone());
                                    }
                                }
                                memo.borrow_mut().meta.insert(d.form.clone(), (d.saved, d.progress));
                                store.dispatch(Action::Load { form: d.form.clone(), state: state_of(d) });
                            }
                            unreadable.set(Rc::new(found.unreadable));
                            expired.set(found.expired);
                            state.set(SaveState::Ready);
                        }
                        Err(e) => state.set(SaveState::Memory(e)),
                    }
                    loaded.set(Some(k.owner.tag().to_string()));
                }),
            }
        });
    }

    // Save what changed, after a quiet moment.
    let ready = keeper.as_ref().is_some_and(|k| loaded.as_deref() == Some(k.owner.tag()));
    if let (true, Some(k)) = (ready, keeper.clone()) {
        let changed = store.iter().any(|(f, s)| memo.borrow().written.get(f).is_none_or(|w| !Rc::ptr_eq(w, s)));
        if changed {
            let (store, state, memo2) = (store.clone(), state.clone(), memo.clone());
            let timer = Timeout::new(SAVE_AFTER_MS, move || {
                wasm_bindgen_futures::spawn_local(async move {
                    let todo: Vec<(String, Rc<FormState>)> = store
                        .iter()
                        .filter(|(f, s)| memo2.borrow().written.get(*f).is_none_or(|w| !Rc::ptr_eq(w, s)))
                        .map(|(f, s)| (f.clone(), s.clone()))
                        .collect();
                    let mut outcome = None;
                    for (form, s) in todo {
                        let t = now();
                        let result = if s.submitted.is_some() {
                            memo2.borrow_mut().meta.remove(&form);
                            drafts::delete(&drafts::record_id(&k, &form)).await
                        } else {
                            let (draft, attached, prog) = draft_of(&form, &s, t);
                            if draft.is_empty() {
                                Ok(())
                            } else {
                                let owner = k.owner.tag().to_string();
                                let sealed = k.key.is_some();
                                let r =
                                    drafts::save_if(&k, &draft, &attached, || !sealed || assist::alive(&owner)).await;
                                if r.is_ok() {
                                    memo2.borrow_mut().meta.insert(form.clone(), (t, prog));
                                }
                                r
                            }
                        };
                        match result {
                            Ok(()) => {
                                memo2.borrow_mut().written.insert(form, s);
                                if outcome.is_none() {
                                    outcome = Some(SaveState::Saved(t));
                                }
                            }
                            Err(e) => outcome = Some(SaveState::Memory(e)),
                        }
                    }
                    if let Some(o) = outcome {
                        state.set(o);
                    }
                });
            });
            memo.borrow_mut().timer = Some(timer);
        }
    }

    // Send the outbox when online.
    if online && ready {
        for (form, s) in store.iter() {
            let Some(sub) = s.outbox.clone() else {
                continue;
            };
            if !memo.borrow_mut().sending.insert(sub.key.clone()) {
                continue; // already on its way
            }
            let (store, memo, portal, form) = (store.clone(), memo.clone(), portal.clone(), form.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let key = sub.key.clone();
                if let Ok(d) = LocalPortal.submit(sub).await {
                    if let Some(p) = &portal {
                        p.refresh.emit(());
                    }
                    files::forget(&form);
                    store.dispatch(Action::Submitted { form, code: d.code });
                }
                memo.borrow_mut().sending.remove(&key);
            });
        }
    }

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
    let discard = {
        let unreadable = unreadable.clone();
        Callback::from(move |id: String| {
            let unreadable = unreadable.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if drafts::delete(&id).await.is_ok() {
                    unreadable.set(Rc::new(unreadable.iter().filter(|u| u.id != id).cloned().collect()));
                }
            });
        })
    };
    let mut list: Vec<Listed> = store
        .iter()
        .filter(|(_, s)| s.submitted.is_none() && !(s.answers.is_empty() && s.outbox.is_none()))
        .map(|(form, s)| {
            let (saved, progress) = memo.borrow().meta.get(form).copied().unwrap_or((now(), (0, 0)));
            Listed { form: form.clone(), section: s.section.clone(), saved, progress, waiting: s.outbox.is_some() }
        })
        .collect();
    list.sort_by_key(|d| std::cmp::Reverse(d.saved));
    KeepCtx {
        state: *state,
        drafts: Rc::new(list),
        unreadable: (*unreadable).clone(),
        expired: *expired,
        delete,
        discard,
        online,
    }
}
