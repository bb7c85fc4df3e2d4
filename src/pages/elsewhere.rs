//! An address of the whole app reached inside the filing bundle (a link to
//! "Hồ sơ của tôi", the inbox, the console…): the page is loaded again, and
//! the start script (`Trunk.toml`, `pattern_script`) then starts the bundle
//! that holds it. Nothing is lost on the way: drafts are kept as on any page
//! load (`hooks::use_keep` keeps what is unsaved when the page is left), the
//! assisted session is reopened for this tab (`services::assist::restore`).
//! Should the same bundle come back for the same address (a start script out
//! of step with the routes), the page says so instead of loading again.

use crate::routes::Route;
use crate::services::boot;
use crate::state::use_lang;
use tokhai_core::messages::{ui, Ui};
use yew::prelude::*;
use yew_router::prelude::*;

/// "Đang mở trang…", then the whole app loads in its place.
#[function_component(Elsewhere)]
pub fn elsewhere() -> Html {
    let lang = use_lang();
    let stuck = use_state(|| false);
    {
        let stuck = stuck.clone();
        use_effect_with((), move |_| {
            if !boot::load_whole_app() {
                stuck.set(true);
            }
        });
    }
    if *stuck {
        html! {
            <>
                <h1 class="tk-h1" id="page-title" tabindex="-1">{ ui(Ui::PageWontOpen, lang) }</h1>
                <p class="tk-body" role="alert">{ ui(Ui::PageWontOpenHelp, lang) }</p>
                <p class="tk-body"><Link<Route> to={Route::Home}>{ ui(Ui::GoHome, lang) }</Link<Route>></p>
            </>
        }
    } else {
        html! { <p class="tk-body" role="status">{ ui(Ui::OpeningPage, lang) }</p> }
    }
}
