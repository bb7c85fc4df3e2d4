//! How the app takes over a page: hydrating a page prerendered at build time
//! (`crates/prerender`), or rendering a fresh one. While it hydrates, every
//! provider starts from the state the prerenderer used (signed out,
//! Vietnamese, nothing stored), so the first render matches the HTML exactly;
//! identity, drafts and preferences are read once the app has taken over.
//!
//! What the citizen did before that is never lost: `index.html` records the
//! fields that changed (`window.__tkCapture()` into `window.__tkTyped`) and a
//! Continue pressed early (`window.__tkPending`); [`settle`] gives each changed
//! field to its own widget (the same event it would have had), puts focus and
//! caret back, then presses Continue once.

use std::cell::Cell;

thread_local! {
    static HYDRATING: Cell<bool> = const { Cell::new(!cfg!(target_arch = "wasm32")) };
}

/// True while the first render must match the prerendered HTML: always in
/// the prerenderer (native), and in the browser until [`settle`].
pub fn hydrating() -> bool {
    HYDRATING.with(|h| h.get())
}

/// Marks the start of hydration (before `Renderer::hydrate`).
pub fn start_hydrating() {
    HYDRATING.with(|h| h.set(true));
}

/// The address as the app routes it: no trailing slash (static hosts
/// redirect `/dich-vu/x` to `/dich-vu/x/` when the page is a folder's index).
pub fn route_path(path: &str) -> &str {
    match path.strip_suffix('/') {
        Some(p) if !p.is_empty() => p,
        _ => path,
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use super::HYDRATING;
    use crate::services::forms;
    use js_sys::Reflect;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

    /// The element the app renders into.
    pub const ROOT_ID: &str = "tk-app";

    fn window_get(name: &str) -> JsValue {
        web_sys::window().and_then(|w| Reflect::get(&w, &JsValue::from_str(name)).ok()).unwrap_or(JsValue::UNDEFINED)
    }

    fn window_set(name: &str, v: &JsValue) {
        if let Some(w) = web_sys::window() {
            let _ = Reflect::set(&w, &JsValue::from_str(name), v);
        }
    }

    /// The root, and whether it holds this address prerendered (then the app
    /// hydrates it). A page prerendered for another address (a host that
    /// answers every address with `index.html`) is cleared and rendered anew.
    pub fn root() -> (Element, bool) {
        let doc = gloo::utils::document();
        let root = doc.get_element_by_id(ROOT_ID).unwrap_or_else(|| {
            let el = doc.create_element("div").expect("a div");
            el.set_id(ROOT_ID);
            let _ = doc.body().expect("a body").append_child(&el);
            el
        });
        let html = doc.document_element();
        let here = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        let prerendered =
            html.as_ref().and_then(|h| h.get_attribute("data-route")).is_some_and(|r| r == super::route_path(&here))
                && root.first_child().is_some()
                && !window_get("__tkNoHydrate").is_truthy();
        if !prerendered {
            root.set_inner_html("");
        }
        // The router sees the address without the folder's trailing slash.
        if super::route_path(&here) != here {
            if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(super::route_path(&here)));
            }
        }
        (root, prerendered)
    }

    /// Reads the data the prerenderer embedded (the page's form definition,
    /// the catalogue) into the registry, so the first render has it.
    pub fn load_embedded() {
        let doc = gloo::utils::document();
        let Ok(list) = doc.query_selector_all("script[type='application/json'][data-tk]") else {
            return;
        };
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let text = el.text_content().unwrap_or_default();
            match el.get_attribute("data-tk").as_deref() {
                Some("form") => {
                    let _ = forms::insert(&text);
                }
                Some("catalog") => {
                    let _ = forms::insert_catalog(&text);
                }
                Some("entry") => {
                    let _ = forms::insert_entry(&text);
                }
                _ => {}
            }
        }
    }

    /// Data a prerendered page needs but does not carry (`<html data-needs>`:
    /// the catalogue on `/`, whose preload index.html started beside the
    /// wasm). False when it could not be had: the page is then rendered by
    /// the app (with its retry), not hydrated from a state it cannot match.
    pub async fn load_needed() -> bool {
        let needs =
            gloo::utils::document().document_element().and_then(|h| h.get_attribute("data-needs")).unwrap_or_default();
        !needs.split_whitespace().any(|n| n == "catalog") || forms::load_catalog().await.is_ok()
    }

    /// Records what the citizen changed before the app started (index.html's
    /// `__tkCapture`), just before hydration may overwrite check boxes.
    pub fn capture() {
        if let Ok(f) = window_get("__tkCapture").dyn_into::<js_sys::Function>() {
            let _ = f.call0(&JsValue::NULL);
        }
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(ROOT_ID)) {
            let _ = root.set_attribute("data-hydrating", "true");
        }
    }

    fn field(v: &JsValue, name: &str) -> JsValue {
        if !v.is_object() {
            return JsValue::UNDEFINED;
        }
        Reflect::get(v, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }

    /// Gives each field changed before the app started to its widget, one at
    /// a time (a widget may depend on the answer before it), puts focus and
    /// caret back, marks the app ready, then presses an early Continue once.
    pub async fn settle() {
        let doc = gloo::utils::document();
        let typed = window_get("__tkTyped");
        window_set("__tkTyped", &JsValue::UNDEFINED);
        let fields = if typed.is_object() {
            js_sys::Array::from(&field(&typed, "fields"))
        } else {
            js_sys::Array::new() // rendered fresh, nothing typed before
        };
        for item in fields.iter() {
            let id = field(&item, "id").as_string().unwrap_or_default();
            let value = field(&item, "value").as_string().unwrap_or_default();
            let checked = field(&item, "checked").is_truthy();
            let Some(el) = doc.get_element_by_id(&id) else { continue };
            let event = if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                match i.type_().as_str() {
                    "checkbox" | "radio" => {
                        i.set_checked(checked);
                        "change"
                    }
                    "file" => continue,
                    _ => {
                        if i.value() != value {
                            i.set_value(&value);
                        }
                        "input"
                    }
                }
            } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
                s.set_value(&value);
                "change"
            } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
                if t.value() != value {
                    t.set_value(&value);
                }
                "input"
            } else {
                continue;
            };
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(e) = web_sys::Event::new_with_event_init_dict(event, &init) {
                let _ = el.dispatch_event(&e);
            }
            // Let the widget's answer render before the next one is given.
            gloo::timers::future::TimeoutFuture::new(0).await;
        }
        // Focus and caret where they were (a re-created element loses them).
        let focus = field(&typed, "focus").as_string();
        if let Some(el) = focus.and_then(|id| doc.get_element_by_id(&id)) {
            let active = doc.active_element();
            if active.as_ref() != Some(&el) {
                if let Some(h) = el.dyn_ref::<HtmlElement>() {
                    let _ = h.focus();
                }
            }
            if let (Some(i), Some(s), Some(e)) =
                (el.dyn_ref::<HtmlInputElement>(), field(&typed, "start").as_f64(), field(&typed, "end").as_f64())
            {
                if i.selection_start().ok().flatten() != Some(s as u32) {
                    let _ = i.set_selection_range(s as u32, e as u32);
                }
            }
        }
        HYDRATING.with(|h| h.set(false));
        if let Some(root) = doc.get_element_by_id(ROOT_ID) {
            let _ = root.remove_attribute("data-hydrating");
        }
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("data-ready", "true");
        }
        // A Continue pressed before the app was ready, acted on once.
        let pending = window_get("__tkPending");
        window_set("__tkPending", &JsValue::UNDEFINED);
        if pending.is_truthy() {
            let form = doc
                .query_selector(&format!("#{ROOT_ID} form.tk-form"))
                .ok()
                .flatten()
                .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok());
            if let Some(f) = form {
                let _ = f.request_submit();
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use web::{capture, load_embedded, load_needed, root, settle, ROOT_ID};

use crate::services::dom::session_storage;

/// `sessionStorage` key: the address the filing bundle last loaded the whole
/// app for (an address, never personal data).
const ELSEWHERE_KEY: &str = "tokhai.elsewhere";

/// Starts a bundle: hydrates the page prerendered for this address (see
/// [`root`]), or renders the app `C` fresh where there is none. The filing
/// bundle starts [`crate::app::FilingApp`], the whole app [`crate::app::App`].
#[cfg(target_arch = "wasm32")]
pub async fn run<C: yew::BaseComponent<Properties = ()>>() {
    // Compiling the wasm, reading the page's data and taking the page over
    // are separate tasks, none of them long: a tap in between is answered.
    gloo::timers::future::TimeoutFuture::new(0).await;
    let (root, prerendered) = root();
    load_embedded();
    // An assisted session of this tab is opened before the first render.
    crate::services::assist::restore().await;
    let hydrate = prerendered && load_needed().await;
    gloo::timers::future::TimeoutFuture::new(0).await;
    if prerendered && !hydrate {
        capture(); // what was typed goes to the fresh render
        root.set_inner_html("");
    }
    let renderer = yew::Renderer::<C>::with_root(root);
    if hydrate {
        start_hydrating();
        capture();
        renderer.hydrate();
    } else {
        renderer.render();
    }
}

/// The whole app has started: a later move from the filing bundle to any
/// address may load it again.
pub fn whole_app_arrived() {
    if let Some(s) = session_storage() {
        let _ = s.remove_item(ELSEWHERE_KEY);
    }
}

/// Loads this address again so that the start script starts the whole app
/// (called by the filing bundle on an address it does not hold). False, and
/// nothing loaded, when this very address was loaded for that already and the
/// filing bundle came back: loading again would loop.
pub fn load_whole_app() -> bool {
    let Some(w) = web_sys::window() else { return false };
    let here = w.location().pathname().unwrap_or_default();
    if let Some(s) = session_storage() {
        if s.get_item(ELSEWHERE_KEY).ok().flatten().as_deref() == Some(here.as_str()) {
            let _ = s.remove_item(ELSEWHERE_KEY);
            return false;
        }
        let _ = s.set_item(ELSEWHERE_KEY, &here);
    }
    w.location().reload().is_ok()
}
