//! The shell: providers, header with the language toggle, main, footer, routes.

use crate::pages;
use crate::routes::Route;
use crate::services::dom;
use crate::state::{LangCtx, Store};
use tokhai_core::messages::{ui, Ui};
use tokhai_core::Lang;
use yew::prelude::*;
use yew_router::prelude::*;

const LANG_KEY: &str = "tokhai.lang";

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <pages::home::Home /> },
        Route::Start { form } => html! { <pages::section::Start {form} /> },
        Route::Section { form, section } => html! { <pages::section::SectionPage {form} {section} /> },
        Route::Change { form, section, field } => {
            html! { <pages::section::SectionPage {form} {section} change={Some(AttrValue::from(field))} /> }
        }
        Route::Check { form } => html! { <pages::check::CheckAnswers {form} /> },
        Route::NotYet { form } => html! { <pages::not_yet::NotYet {form} /> },
        Route::NotFound => html! { <pages::not_found::NotFound /> },
    }
}

/// The whole app.
#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(|| dom::pref(LANG_KEY).and_then(|t| Lang::from_tag(&t)).unwrap_or_default());
    let store = use_reducer(Store::default);
    {
        let tag = lang.tag();
        use_effect_with(*lang, move |_| dom::set_lang_and_ready(tag));
    }
    let set = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| {
            dom::set_pref(LANG_KEY, l.tag()); // a preference, not personal data
            lang.set(l);
        })
    };
    let ctx = LangCtx { lang: *lang, set };
    html! {
        <ContextProvider<LangCtx> context={ctx}>
            <ContextProvider<crate::state::StoreHandle> context={store}>
                <BrowserRouter>
                    <Shell />
                </BrowserRouter>
            </ContextProvider<crate::state::StoreHandle>>
        </ContextProvider<LangCtx>>
    }
}

/// Header, main and footer around the current page.
#[function_component(Shell)]
pub fn shell() -> Html {
    let ctx = use_context::<LangCtx>().expect("LangCtx provided by App");
    let lang = ctx.lang;
    let toggle = {
        let set = ctx.set.clone();
        let other = if lang == Lang::Vi { Lang::En } else { Lang::Vi };
        Callback::from(move |_| set.emit(other))
    };
    let other_tag = if lang == Lang::Vi { "en" } else { "vi" };
    html! {
        <>
            <a class="tk-skip" href="#main">{ ui(Ui::SkipToContent, lang) }</a>
            <header class="tk-header">
                <div class="tk-container tk-header__inner">
                    <Link<Route> to={Route::Home} classes="tk-header__brand">
                        <span class="tk-header__name">{ ui(Ui::AppName, lang) }</span>
                        <span class="tk-header__tag">{ ui(Ui::Tagline, lang) }</span>
                    </Link<Route>>
                    // Named by its visible text in its own language (WCAG 2.5.3 label in name).
                    <button id="lang-toggle" type="button" class="tk-lang" lang={other_tag} onclick={toggle}>
                        { ui(Ui::SwitchLanguage, lang) }
                    </button>
                </div>
            </header>
            <div class="tk-phase tk-container">
                <strong class="tk-tag">{ ui(Ui::SimulationNote, lang) }</strong>
            </div>
            <main id="main" class="tk-container tk-main" tabindex="-1">
                <Switch<Route> render={switch} />
            </main>
            <footer class="tk-footer">
                <div class="tk-container"><p>{ ui(Ui::FooterNote, lang) }</p></div>
            </footer>
        </>
    }
}
