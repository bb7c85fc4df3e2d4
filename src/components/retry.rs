//! "Something did not load": a message and a "Thử lại" button, announced as an alert.

use tokhai_core::messages::{ui, Ui};
use tokhai_core::Lang;
use yew::prelude::*;

/// The alert with its retry button.
pub fn retry_alert(message: &str, lang: Lang, on_retry: Callback<()>) -> Html {
    html! {
        <div class="tk-inline-alert" role="alert">
            <p>{ message.to_string() }</p>
            <button type="button" class="tk-button tk-button--secondary" onclick={on_retry.reform(|_| ())}>{ ui(Ui::Retry, lang) }</button>
        </div>
    }
}
