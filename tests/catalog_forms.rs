//! Generated over the catalogue, so a new form is covered by adding its file:
//! every section of every form renders (in the app's own section page, with
//! its contexts and a memory router) with each shown field labelled, its hint
//! and error wired by `aria-describedby`, every link of the error summary
//! pointing at an element that exists, and, after consent, the registry badge
//! on every prefilled field.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use std::rc::Rc;
use tokhai::pages::section::SectionView;
use tokhai::state::{Action, Auth, AuthCtx, LangCtx, Store, StoreHandle};
use tokhai_core::identity::TokenClaims;
use tokhai_core::{FormDef, Lang};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;
use yew_router::history::{AnyHistory, MemoryHistory};
use yew_router::Router;

wasm_bindgen_test_configure!(run_in_browser);

fn all(root: &web_sys::Element, sel: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length()).filter_map(|i| list.get(i)?.dyn_into().ok()).collect()
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    form: Rc<FormDef>,
    section: AttrValue,
    /// Signed in with these claims and consented: the store is prefilled.
    claims: Option<Rc<TokenClaims>>,
}

/// One section page with the app's contexts, a memory router (no browser URL)
/// and, when `claims` is given, the registry answers copied in after consent.
#[function_component(Harness)]
fn harness(props: &HarnessProps) -> Html {
    let store = use_reducer(Store::default);
    {
        let (store, form, claims) = (store.clone(), props.form.clone(), props.claims.clone());
        use_effect_with((), move |_| {
            if let Some(c) = claims {
                let (answers, _) = tokhai_core::prefill::prefill(&form, &c.citizen);
                store.dispatch(Action::Prefill { form: form.id.clone(), answers });
            }
        });
    }
    let lang = LangCtx { lang: Lang::Vi, set: Callback::noop() };
    let auth = AuthCtx {
        auth: props.claims.clone().map_or(Auth::SignedOut(None), Auth::SignedIn),
        sign_in: Callback::noop(),
        sign_out: Callback::noop(),
    };
    let history = AnyHistory::from(MemoryHistory::new());
    html! {
        <ContextProvider<LangCtx> context={lang}>
            <ContextProvider<StoreHandle> context={store}>
                <ContextProvider<AuthCtx> context={auth}>
                    <Router {history}>
                        <main><SectionView form={props.form.clone()} section={props.section.clone()} /></main>
                    </Router>
                </ContextProvider<AuthCtx>>
            </ContextProvider<StoreHandle>>
        </ContextProvider<LangCtx>>
    }
}

async fn render(
    form: &Rc<FormDef>,
    section: &str,
    claims: Option<Rc<TokenClaims>>,
) -> (web_sys::Element, yew::AppHandle<Harness>) {
    let root = root();
    let props = HarnessProps { form: form.clone(), section: section.to_string().into(), claims };
    let app = yew::Renderer::<Harness>::with_root_and_props(root.clone(), props).render();
    settle().await;
    (root, app)
}

#[wasm_bindgen_test]
async fn every_section_of_every_form_renders_with_wired_labels_hints_and_errors() {
    let forms = load_all_forms();
    assert!(!forms.is_empty());
    let catalog = tokhai::services::forms::cached_catalog().unwrap();
    for form in forms.into_iter().map(Rc::new) {
        assert!(catalog.iter().any(|c| c.id == form.id), "{} is not in the catalogue", form.id);
        for section in &form.sections {
            let (root, app) = render(&form, &section.id, None).await;
            let place = format!("{} / {}", form.id, section.id);
            assert_eq!(find(&root, "h1").text_content().unwrap(), section.title.vi, "{place}");
            // Every input, select and textarea has a label, or sits in a fieldset with a legend.
            for el in all(&root, "main input:not([type=hidden]), main select, main textarea") {
                let id = el.id();
                let labelled = !id.is_empty() && root.query_selector(&format!("label[for='{id}']")).unwrap().is_some();
                let in_fieldset =
                    el.closest("fieldset").unwrap().is_some_and(|f| f.query_selector("legend").unwrap().is_some());
                assert!(labelled || in_fieldset, "{place}: #{id} has no label");
            }
            // Every hint is referenced by the element it describes.
            for hint in all(&root, "main .tk-hint[id]") {
                let hid = hint.id();
                assert!(
                    !all(&root, &format!("[aria-describedby~='{hid}']")).is_empty(),
                    "{place}: hint #{hid} is not referenced"
                );
            }
            // Continue with nothing: every error is wired and every summary link resolves.
            click(&find(&root, "button[type=submit]"));
            settle().await;
            for link in all(&root, "#error-summary a") {
                let target = link.get_attribute("href").unwrap().trim_start_matches('#').to_string();
                assert!(
                    gloo::utils::document().get_element_by_id(&target).is_some(),
                    "{place}: summary link to missing #{target}"
                );
            }
            for err in all(&root, "main .tk-error[id]") {
                let eid = err.id();
                assert!(
                    !all(&root, &format!("[aria-describedby~='{eid}']")).is_empty(),
                    "{place}: error #{eid} is not referenced"
                );
            }
            app.destroy();
            root.remove();
        }
    }
}

#[wasm_bindgen_test]
async fn after_consent_every_prefilled_field_shows_its_registry_badge() {
    let forms = load_all_forms();
    let citizen: tokhai_core::identity::Citizen =
        serde_json::from_str(include_str!("../seeds/citizens/nguyen-van-an.json")).unwrap();
    let claims = Rc::new(TokenClaims {
        iss: tokhai_core::identity::ISSUER.into(),
        sub: citizen.identity.personal_id.clone(),
        aud: tokhai_core::identity::AUDIENCE.into(),
        iat: 0,
        nbf: 0,
        exp: i64::MAX,
        loa: 2,
        citizen: citizen.clone(),
    });
    let mut badges = 0;
    for form in forms.into_iter().map(Rc::new) {
        let (registry, _) = tokhai_core::prefill::prefill(&form, &citizen);
        for section in &form.sections {
            let (root, app) = render(&form, &section.id, Some(claims.clone())).await;
            for f in section.fields.iter().filter(|f| registry.contains_key(&f.id)) {
                let id = tokhai_core::validate::input_id(&f.id);
                if !exists(&root, &format!("#{id}")) && !exists(&root, &format!("#{id}-province")) {
                    continue; // hidden by show_if on this path
                }
                let hint = root.query_selector(&format!("#{id}-hint")).unwrap();
                let badge = hint.and_then(|h| h.query_selector(".tk-badge").unwrap());
                assert!(badge.is_some(), "{} / {}: {} has no registry badge", form.id, section.id, f.id);
                badges += 1;
            }
            app.destroy();
            root.remove();
        }
    }
    assert!(badges > 100, "badges checked: {badges}");
}
