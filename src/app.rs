//! The shell: providers, header with the language toggle, main, footer, routes.

use crate::components::assist::{AssistBar, KeepNotices};
use crate::components::offline::OfflineDownload;
use crate::hooks::use_assist::{use_assist_state, AssistCtx};
use crate::hooks::use_keep::{use_keep, KeepCtx};
use crate::hooks::use_online::use_online;
use crate::hooks::use_outbox::use_outbox;
use crate::hooks::use_portal::{use_portal_state, PortalCtx};
use crate::pages;
use crate::routes::Route;
use crate::services::assist;
use crate::services::boot;
use crate::services::dom;
use crate::services::drafts::{Keeper, Owner};
use crate::services::identity;
use crate::state::{Action, Auth, AuthCtx, LangCtx, Store, StoreHandle};
use std::rc::Rc;
use tokhai_core::messages::keep::{k, K};
use tokhai_core::messages::results::{r, R};
use tokhai_core::messages::tracking::{t, T};
use tokhai_core::messages::{ui, Ui};
use tokhai_core::Lang;
use yew::prelude::*;
use yew_router::history::{AnyHistory, BrowserHistory};
#[cfg(feature = "ssr")]
use yew_router::history::{History, MemoryHistory};
use yew_router::prelude::*;

const LANG_KEY: &str = "tokhai.lang";

/// The pages of the filing path (catalogue, service, sign-in, consent,
/// sections, check answers, receipt, not found): the first bundle. Every other
/// address is opened by the whole app (`Elsewhere` loads it).
fn filing(route: Route) -> Html {
    match route {
        Route::Home => html! { <pages::home::Home /> },
        Route::Service { id } => html! { <pages::service::Service {id} /> },
        Route::SignIn => html! { <pages::sign_in::SignIn /> },
        Route::Consent { form } => html! { <pages::consent::Consent {form} /> },
        Route::Start { form } => html! { <pages::section::Start {form} /> },
        Route::Section { form, section } => html! { <pages::section::SectionPage {form} {section} /> },
        Route::Change { form, section, field } => {
            html! { <pages::section::SectionPage {form} {section} change={Some(AttrValue::from(field))} /> }
        }
        Route::Check { form } => html! { <pages::check::CheckAnswers {form} /> },
        Route::Receipt { code } => html! { <pages::receipt::Receipt {code} /> },
        Route::NotFound => html! { <pages::not_found::NotFound /> },
        _ => html! { <pages::elsewhere::Elsewhere /> },
    }
}

/// Every page: the whole app (the second bundle, and the tests).
fn switch(route: Route) -> Html {
    match route {
        Route::Dossiers => html! { <pages::dossiers::Dossiers /> },
        Route::Dossier { code } => html! { <pages::dossier::DossierPage {code} /> },
        Route::Print { form } => html! { <pages::print::PrintForm {form} /> },
        Route::PrintBlank { form } => html! { <pages::print::PrintForm {form} blank=true /> },
        Route::PrintDossier { code } => html! { <pages::print::PrintDossier {code} /> },
        Route::Result { code } => html! { <pages::result::ResultPage {code} /> },
        Route::Verify => html! { <pages::verify::Verify /> },
        Route::Store => html! { <pages::store::Store /> },
        Route::Supplement { code } => html! { <pages::supplement::SupplementPage {code} /> },
        Route::Pay { code } => html! { <pages::pay::Pay {code} /> },
        Route::Withdraw { code } => html! { <pages::withdraw::Withdraw {code} /> },
        Route::Lookup => html! { <pages::lookup::Lookup /> },
        Route::Drafts => html! { <pages::drafts::Drafts /> },
        Route::Assist => html! { <pages::assist::AssistStart /> },
        Route::AssistEnded => html! { <pages::assist::AssistEnded /> },
        Route::Inbox => html! { <pages::inbox::Inbox /> },
        Route::NotifyPrefs => html! { <pages::prefs::NotifyPrefs /> },
        Route::Officer => html! { <pages::officer::Officer /> },
        route => filing(route),
    }
}

/// What a bundle holds: the pages it renders, and whether it runs the
/// simulated agency's signing of results. Functions, so that a bundle links in
/// only what it names: the filing bundle has neither the other pages nor the
/// signing (results are shown, and signed, by the whole app).
#[derive(Clone, Copy)]
pub struct Bundle {
    pages: fn(Route) -> Html,
    agency: Option<fn()>,
}

impl PartialEq for Bundle {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::fn_addr_eq(self.pages, other.pages) && self.agency.is_some() == other.agency.is_some()
    }
}

impl Bundle {
    /// Every page.
    pub const WHOLE: Bundle = Bundle { pages: switch, agency: AGENCY };
    /// The filing path only.
    pub const FILING: Bundle = Bundle { pages: filing, agency: None };
}

/// The simulated agency signs the results that are due (WebCrypto is
/// asynchronous: the portal's next refresh shows them). Only in a build with
/// the simulator's keys.
#[cfg(feature = "mock-idp")]
const AGENCY: Option<fn()> = Some(|| {
    wasm_bindgen_futures::spawn_local(async {
        crate::services::results::agency::issue_due().await;
    })
});
#[cfg(not(feature = "mock-idp"))]
const AGENCY: Option<fn()> = None;

/// The whole app, in the browser: routed by the address bar.
#[function_component(App)]
pub fn app() -> Html {
    let history = use_memo((), |_| AnyHistory::from(BrowserHistory::new()));
    html! { <Root history={(*history).clone()} bundle={Bundle::WHOLE} /> }
}

/// The filing path, in the browser (the first bundle, `src/main.rs`): any
/// other address loads the whole app (`bin/more.rs`) in its place.
#[function_component(FilingApp)]
pub fn filing_app() -> Html {
    let history = use_memo((), |_| AnyHistory::from(BrowserHistory::new()));
    html! { <Root history={(*history).clone()} bundle={Bundle::FILING} /> }
}

/// Props of [`ServerApp`].
#[cfg(feature = "ssr")]
#[derive(Properties, PartialEq, Clone)]
pub struct ServerAppProps {
    /// The address to render (no personal data: prerendered pages are public).
    pub url: AttrValue,
}

/// The filing pages at build time (`crates/prerender`): the same tree as
/// [`FilingApp`], routed by a memory history at `url`.
#[cfg(feature = "ssr")]
#[function_component(ServerApp)]
pub fn server_app(props: &ServerAppProps) -> Html {
    let history = use_memo(props.url.clone(), |url| {
        let h = AnyHistory::from(MemoryHistory::new());
        h.push(url.as_str());
        h
    });
    html! { <Root history={(*history).clone()} bundle={Bundle::FILING} /> }
}

/// Props of [`Root`].
#[derive(Properties, PartialEq, Clone)]
struct RootProps {
    history: AnyHistory,
    bundle: Bundle,
}

/// Providers and the shell. While the app hydrates a prerendered page
/// (`services::boot`), every provider starts as the prerenderer did; what is
/// stored on the device is read once the app has taken over.
#[function_component(Root)]
fn root(props: &RootProps) -> Html {
    let lang = use_state(|| if boot::hydrating() { Lang::default() } else { stored_lang() });
    let settled = use_state(|| !boot::hydrating());
    let store = use_reducer(Store::default);
    {
        let tag = lang.tag();
        use_effect_with(*lang, move |_| dom::set_lang(tag));
    }
    {
        let (lang, settled) = (lang.clone(), settled.clone());
        use_effect_with((), move |_| {
            let hydrated = boot::hydrating();
            #[cfg(target_arch = "wasm32")]
            wasm_bindgen_futures::spawn_local(async move {
                boot::settle().await;
                crate::services::assist::sweep_stale().await;
                if hydrated {
                    lang.set(stored_lang());
                    settled.set(true);
                }
            });
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (hydrated, lang, settled);
        });
    }
    let set = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| {
            dom::set_pref(LANG_KEY, l.tag()); // a preference, not personal data
            lang.set(l);
        })
    };
    let ctx = LangCtx { lang: *lang, set };
    let auth = use_auth(store.clone());
    let assist = use_assist_state();
    let portal =
        use_portal_state(auth.claims().map(|c| c.sub.clone()), *lang, assist.session.is_some(), props.bundle.agency);
    let online = use_online();
    // Whose drafts: the assisted session's (sealed), the signed-in citizen's, or the guest's.
    let keeper = match (&assist.session, &auth.auth) {
        _ if !*settled => None,
        (Some(s), _) => assist::keeper(s).filter(|_| assist.unlocked),
        (None, Auth::Checking) => None,
        (None, Auth::SignedIn(c)) => Some(Keeper { owner: Owner::person(&c.sub), key: None }),
        (None, Auth::SignedOut(_)) => Some(Keeper { owner: Owner::Guest, key: None }),
    };
    {
        // Residents signed in during a session are forgotten on this device at its end.
        let sub = assist.session.as_ref().and(auth.claims()).map(|c| c.sub.clone());
        use_effect_with(sub, |sub| {
            if let Some(s) = sub {
                assist::saw(s);
            }
        });
    }
    let keep = use_keep(store.clone(), keeper, online);
    html! {
        <ContextProvider<LangCtx> context={ctx}>
            <ContextProvider<StoreHandle> context={store}>
                <ContextProvider<AuthCtx> context={auth}>
                    <ContextProvider<PortalCtx> context={portal}>
                        <ContextProvider<AssistCtx> context={assist}>
                            <ContextProvider<KeepCtx> context={keep}>
                                <Router history={props.history.clone()}>
                                    <Shell bundle={props.bundle} />
                                </Router>
                            </ContextProvider<KeepCtx>>
                        </ContextProvider<AssistCtx>>
                    </ContextProvider<PortalCtx>>
                </ContextProvider<AuthCtx>>
            </ContextProvider<StoreHandle>>
        </ContextProvider<LangCtx>>
    }
}

/// The language this device chose before, else Vietnamese.
fn stored_lang() -> Lang {
    dom::pref(LANG_KEY).and_then(|t| Lang::from_tag(&t)).unwrap_or_default()
}

/// Sign-in state: a token kept for this tab is checked again on start; a new
/// one is checked before it is kept; sign-out forgets the token and every answer.
#[hook]
fn use_auth(store: StoreHandle) -> AuthCtx {
    let auth = use_state(|| {
        if !boot::hydrating() && identity::stored_token().is_some() {
            Auth::Checking
        } else {
            Auth::SignedOut(None)
        }
    });
    let check = {
        let auth = auth.clone();
        Callback::from(move |token: String| {
            auth.set(Auth::Checking);
            let auth = auth.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match identity::verify(&token).await {
                    Ok(claims) => {
                        identity::store_token(&token);
                        auth.set(Auth::SignedIn(Rc::new(claims)));
                    }
                    Err(e) => {
                        identity::forget_token();
                        auth.set(Auth::SignedOut(Some(e)));
                    }
                }
            });
        })
    };
    {
        let check = check.clone();
        use_effect_with((), move |_| {
            if let Some(token) = identity::stored_token() {
                check.emit(token);
            }
        });
    }
    let sign_out = {
        let auth = auth.clone();
        Callback::from(move |_| {
            identity::forget_token();
            store.dispatch(Action::Reset);
            auth.set(Auth::SignedOut(None));
        })
    };
    AuthCtx { auth: (*auth).clone(), sign_in: check, sign_out }
}

/// Props of [`Shell`].
#[derive(Properties, PartialEq)]
struct ShellProps {
    bundle: Bundle,
}

/// Header, main and footer around the current page.
#[function_component(Shell)]
fn shell(props: &ShellProps) -> Html {
    use_outbox();
    let ctx = use_context::<LangCtx>().expect("LangCtx provided by App");
    let portal = use_context::<PortalCtx>();
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
                    <AccountLinks />
                    // Named by its visible text in its own language (WCAG 2.5.3 label in name).
                    <button id="lang-toggle" type="button" class="tk-lang" lang={other_tag} onclick={toggle}>
                        { ui(Ui::SwitchLanguage, lang) }
                    </button>
                </div>
            </header>
            <div class="tk-phase tk-container">
                <strong class="tk-tag">{ ui(Ui::SimulationNote, lang) }</strong>
            </div>
            <AssistBar />
            <KeepNotices />
            if portal.is_some_and(|p| p.recovered.is_some()) {
                <div class="tk-container">
                    <div class="tk-inline-alert" role="alert"><p>{ t(T::RecoveredNotice, lang) }</p></div>
                </div>
            }
            <main id="main" class="tk-container tk-main" tabindex="-1">
                <Switch<Route> render={props.bundle.pages} />
            </main>
            <footer class="tk-footer">
                <div class="tk-container">
                    <ul class="tk-footer__links">
                        <li><Link<Route> to={Route::Lookup}>{ t(T::LookupTitle, lang) }</Link<Route>></li>
                        <li><Link<Route> to={Route::Verify}>{ r(R::VerifyTitle, lang) }</Link<Route>></li>
                        <li><Link<Route> to={Route::Drafts}>{ k(K::DraftsTitle, lang) }</Link<Route>></li>
                        <li><Link<Route> to={Route::Assist}>{ k(K::AssistTitle, lang) }</Link<Route>></li>
                        <li><Link<Route> to={Route::Officer}>{ t(T::OfficerTitle, lang) }</Link<Route>></li>
                    </ul>
                    <OfflineDownload />
                    <p>{ ui(Ui::FooterNote, lang) }</p>
                </div>
            </footer>
        </>
    }
}

/// "Đăng nhập"; or, signed in, one button with the name and the unread count
/// that opens the account menu (my dossiers, messages, sign out): the header
/// stays one row on a phone.
#[function_component(AccountLinks)]
fn account_links() -> Html {
    let lang = crate::state::use_lang();
    let auth = use_context::<AuthCtx>();
    let navigator = use_navigator();
    let portal = use_context::<PortalCtx>();
    let assisted = use_context::<AssistCtx>().is_some_and(|a| a.session.is_some());
    let open = use_state(|| false);
    let route = use_route::<Route>();
    {
        // Moving to another page closes the menu.
        let open = open.clone();
        use_effect_with(route, move |_| open.set(false));
    }
    let Some(auth) = auth else { return html! {} };
    match &auth.auth {
        Auth::SignedIn(claims) => {
            let sign_out = auth.sign_out.clone();
            let onclick = Callback::from(move |_| {
                sign_out.emit(());
                if let Some(n) = &navigator {
                    n.push(&Route::Home);
                }
            });
            let unread = portal.as_ref().map_or(0, |p| p.view.unread(&claims.sub));
            let signed_in = ui(Ui::SignedInAs, lang).split_once("{name}").unwrap_or(("", ""));
            let toggle = {
                let open = open.clone();
                Callback::from(move |_| open.set(!*open))
            };
            // Escape closes the menu and gives focus back to its button.
            let onkeydown = {
                let open = open.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Escape" {
                        open.set(false);
                        dom::focus_id("account-menu");
                    }
                })
            };
            html! {
                <div class="tk-account" {onkeydown}>
                    <button id="account-menu" type="button" class="tk-account__button"
                        aria-expanded={(*open).to_string()} aria-controls="account-panel" onclick={toggle}>
                        // "Đã đăng nhập:" is read out, and shown where there is room; the name always is.
                        <span class="tk-account__name">
                            <span class="tk-account__label">{ signed_in.0 }</span>
                            { &claims.citizen.identity.full_name }{ signed_in.1 }
                        </span>
                        if unread > 0 {
                            { " " }<span class="tk-count" id="unread-badge">{ unread }<span class="tk-vh">{ format!(" {}", t(T::UnreadWord, lang)) }</span></span>
                        }
                        <span class="tk-account__caret" aria-hidden="true">{ if *open { "▴" } else { "▾" } }</span>
                    </button>
                    if *open {
                        <nav id="account-panel" class="tk-account__panel" aria-label={t(T::AccountNav, lang)}>
                            <ul class="tk-account__list">
                                <li><Link<Route> to={Route::Dossiers} classes="tk-header__link">{ t(T::MyDossiers, lang) }</Link<Route>></li>
                                <li><Link<Route> to={Route::Store} classes="tk-header__link">{ r(R::StoreTitle, lang) }</Link<Route>></li>
                                <li>
                                    <Link<Route> to={Route::Inbox} classes="tk-header__link">
                                        { t(T::InboxTitle, lang) }
                                        if unread > 0 { { format!(" ({unread} {})", t(T::UnreadWord, lang)) } }
                                    </Link<Route>>
                                </li>
                                // In an assisted session the resident leaves by "Kết thúc phiên", which wipes everything.
                                if !assisted {
                                    <li><button id="sign-out" type="button" class="tk-lang" {onclick}>{ ui(Ui::SignOut, lang) }</button></li>
                                }
                            </ul>
                        </nav>
                    }
                </div>
            }
        }
        Auth::Checking => html! { <span class="tk-account__name" role="status">{ ui(Ui::Verifying, lang) }</span> },
        Auth::SignedOut(_) => html! {
            <Link<Route> to={Route::SignIn} classes="tk-header__link">{ ui(Ui::SignIn, lang) }</Link<Route>>
        },
    }
}
