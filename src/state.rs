//! App state: the answers of each form in progress (one `Reducible`, UI events
//! as [`Action`]) and the interface language. Both are provided as contexts.

use std::collections::HashMap;
use std::rc::Rc;
use tokhai_core::{Answer, Answers, Lang};
use yew::prelude::*;

/// Answers of every form in progress, in memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Store {
    forms: HashMap<String, Rc<Answers>>,
}

/// What can happen to the answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Sets (or clears, with `None`) one top-level answer of a form.
    Set { form: String, field: String, answer: Option<Answer> },
}

impl Store {
    /// The answers of `form` so far (empty if none).
    pub fn answers(&self, form: &str) -> Rc<Answers> {
        self.forms.get(form).cloned().unwrap_or_default()
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone(); // clones Rc pointers only
        match action {
            Action::Set { form, field, answer } => {
                let answers = Rc::make_mut(next.forms.entry(form).or_default());
                match answer.filter(|a| !a.is_empty()) {
                    Some(a) => answers.insert(field, a),
                    None => answers.remove(&field),
                };
            }
        }
        Rc::new(next)
    }
}

/// The store handle given to pages.
pub type StoreHandle = UseReducerHandle<Store>;

/// The interface language and a way to change it.
#[derive(Clone, Debug, PartialEq)]
pub struct LangCtx {
    /// Current language.
    pub lang: Lang,
    /// Switch language.
    pub set: Callback<Lang>,
}

/// The current language (Vietnamese outside a provider).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<LangCtx>().map(|c| c.lang).unwrap_or_default()
}

/// The answer store. Pages are always rendered inside the app's provider.
#[hook]
pub fn use_store() -> Option<StoreHandle> {
    use_context::<StoreHandle>()
}
