//! The page kit's hooks: every page is titled in the tab and, opened inside
//! the app, takes the focus to its heading (`#page-title`), as GOV.UK pages do,
//! so a screen reader announces where the citizen now is.

use crate::services::{boot, dom};
use yew::prelude::*;

/// Id of every page's `<h1>`.
pub const PAGE_TITLE: &str = "page-title";

/// Sets the document title to `title` and moves the focus to the page's
/// heading when the page opens and when the title changes (the language was
/// switched). A prerendered page being taken over keeps the focus where the
/// citizen already is.
#[hook]
pub fn use_page_title(title: String) {
    use_effect_with(title, |title| {
        dom::set_title(title);
        if !boot::hydrating() {
            dom::focus_id(PAGE_TITLE);
        }
    });
}

/// How many times the citizen tried to go on with errors on the page: no
/// error shows before the first try, and the error summary takes the focus
/// again on each try (its `attempt` prop).
#[derive(Clone, PartialEq)]
pub struct Attempts(UseStateHandle<u32>);

impl Attempts {
    /// Tries so far.
    pub fn count(&self) -> u32 {
        *self.0
    }

    /// Whether the citizen has tried at least once (errors are shown from then on).
    pub fn tried(&self) -> bool {
        *self.0 > 0
    }

    /// Counts one more try.
    pub fn bump(&self) {
        self.0.set(*self.0 + 1);
    }
}

/// The attempt counter of a page with an error summary.
#[hook]
pub fn use_attempts() -> Attempts {
    Attempts(use_state(|| 0u32))
}
