//! The end of the journey until submission exists: a clear "not yet possible".

use crate::routes::Route;
use crate::services::{dom, forms};
use crate::state::use_lang;
use tokhai_core::messages::{ui, Ui};
use yew::prelude::*;
use yew_router::prelude::*;

/// Props: the form id.
#[derive(Properties, PartialEq, Clone)]
pub struct NotYetProps {
    /// Form id.
    pub form: AttrValue,
}

/// "Chưa thể gửi hồ sơ từ Tờ Khai".
#[function_component(NotYet)]
pub fn not_yet(props: &NotYetProps) -> Html {
    let lang = use_lang();
    use_effect_with(lang, move |l| {
        dom::set_title(ui(Ui::NotYetTitle, *l));
        dom::focus_id("page-title");
    });
    let title = forms::cached_catalog()
        .and_then(|c| c.iter().find(|c| c.id == props.form.as_str()).map(|c| c.name.get(lang).to_string()))
        .unwrap_or_default();
    html! {
        <>
            <div class="tk-panel">
                <h1 class="tk-h1 tk-panel__title" id="page-title" tabindex="-1">{ ui(Ui::NotYetTitle, lang) }</h1>
                <p class="tk-panel__body">{ title }</p>
            </div>
            <p class="tk-body">{ ui(Ui::NotYetBody, lang) }</p>
            <p class="tk-body">{ ui(Ui::NotYetDesk, lang) }</p>
            <p class="tk-body">
                <Link<Route> to={Route::Check { form: props.form.to_string() }}>{ ui(Ui::BackToAnswers, lang) }</Link<Route>>
            </p>
        </>
    }
}
