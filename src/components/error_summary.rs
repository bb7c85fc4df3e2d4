//! The GOV.UK error summary: at the top of the page, takes focus when shown,
//! lists each error as a link that moves focus to its field.

use crate::services::dom;
use tokhai_core::messages::{ui, Ui};
use tokhai_core::Lang;
use yew::prelude::*;

/// One entry: the DOM id to focus and the sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryItem {
    /// Element id the link moves focus to.
    pub target: String,
    /// The error sentence (same as under the field).
    pub message: String,
}

/// Props of [`ErrorSummary`].
#[derive(Properties, PartialEq, Clone)]
pub struct ErrorSummaryProps {
    /// Errors, in page order. Nothing is rendered when empty.
    pub items: Vec<SummaryItem>,
    /// Changes on every failed attempt, so the summary takes focus again.
    #[prop_or_default]
    pub attempt: u32,
    /// Interface language.
    #[prop_or_default]
    pub lang: Lang,
    /// Instead of focusing `target` on this page, hand the item to the caller
    /// (e.g. the check-answers page navigates to the field's section).
    #[prop_or_default]
    pub on_follow: Option<Callback<SummaryItem>>,
}

/// Id of the summary element.
pub const SUMMARY_ID: &str = "error-summary";

/// The error summary.
#[function_component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
    let shown = !props.items.is_empty();
    use_effect_with((props.attempt, shown), |(_, shown)| {
        if *shown {
            dom::focus_id(SUMMARY_ID);
        }
    });
    if !shown {
        return html! {};
    }
    let links = props.items.iter().map(|item| {
        let it = item.clone();
        let follow = props.on_follow.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            match &follow {
                Some(cb) => cb.emit(it.clone()),
                None => {
                    dom::focus_field(&it.target);
                }
            }
        });
        html! { <li><a href={format!("#{}", item.target)} {onclick}>{ &item.message }</a></li> }
    });
    html! {
        <div id={SUMMARY_ID} class="tk-error-summary" tabindex="-1" aria-labelledby="error-summary-title" role="alert">
            <h2 id="error-summary-title" class="tk-error-summary__title">{ ui(Ui::ErrorSummaryTitle, props.lang) }</h2>
            <ul class="tk-error-summary__list">{ for links }</ul>
        </div>
    }
}
