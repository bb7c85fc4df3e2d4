//! Any address the app does not know.

use crate::routes::Route;
use crate::services::dom;
use crate::state::use_lang;
use tokhai_core::messages::{ui, Ui};
use yew::prelude::*;
use yew_router::prelude::*;

/// "Không tìm thấy trang".
#[function_component(NotFound)]
pub fn not_found() -> Html {
    let lang = use_lang();
    use_effect_with(lang, move |l| dom::set_title(ui(Ui::NotFoundTitle, *l)));
    html! {
        <>
            <h1 class="tk-h1" id="page-title" tabindex="-1">{ ui(Ui::NotFoundTitle, lang) }</h1>
            <p class="tk-body">{ ui(Ui::NotFoundBody, lang) }</p>
            <p class="tk-body"><Link<Route> to={Route::Home}>{ ui(Ui::GoHome, lang) }</Link<Route>></p>
        </>
    }
}
