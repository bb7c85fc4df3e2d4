//! Renders a page once its form definition has loaded: a status while it
//! loads, a clear message and a retry if it cannot be had.

use crate::hooks::{use_form, Load};
use crate::services::forms::FormError;
use std::rc::Rc;
use tokhai_core::messages::{ui, Ui};
use tokhai_core::{FormDef, Lang};
use yew::prelude::*;

/// Props of [`FormGate`].
#[derive(Properties, PartialEq)]
pub struct FormGateProps {
    /// Form id from the address.
    pub form: AttrValue,
    /// Interface language.
    pub lang: Lang,
    /// The page, given the loaded form.
    pub render: Callback<Rc<FormDef>, Html>,
}

/// Loads `form`, then renders the page.
#[function_component(FormGate)]
pub fn form_gate(props: &FormGateProps) -> Html {
    let (load, retry) = use_form(&props.form);
    let lang = props.lang;
    match load {
        Load::Ready(form) => props.render.emit(form),
        Load::Loading => html! { <p class="tk-body" role="status">{ ui(Ui::Loading, lang) }</p> },
        Load::Failed(FormError::Unknown) => html! { <crate::pages::not_found::NotFound /> },
        Load::Failed(_) => html! {
            <div class="tk-inline-alert" role="alert">
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ ui(Ui::FormLoadFailed, lang) }</h1>
                <p class="tk-body">{ ui(Ui::FormLoadFailedHelp, lang) }</p>
                <button type="button" class="tk-button" onclick={retry.reform(|_| ())}>{ ui(Ui::Retry, lang) }</button>
            </div>
        },
    }
}
