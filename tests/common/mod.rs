//! Helpers shared by the browser tests: mount into a fresh node, find, click, type.
#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// A fresh `<div>` in `<body>`; remove it at the end of the test.
pub fn root() -> Element {
    let doc = gloo::utils::document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

/// The element matching `sel` inside `root`; panics with the selector if missing.
pub fn find(root: &Element, sel: &str) -> Element {
    root.query_selector(sel).unwrap().unwrap_or_else(|| panic!("no element {sel}"))
}

/// Whether anything matches.
pub fn exists(root: &Element, sel: &str) -> bool {
    root.query_selector(sel).unwrap().is_some()
}

/// The element with this id in the document.
pub fn by_id(id: &str) -> Element {
    gloo::utils::document().get_element_by_id(id).unwrap_or_else(|| panic!("no element #{id}"))
}

/// Clicks like a user.
pub fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>().expect("clickable").click();
}

/// Sets an input's value and fires `input` then `change`, as typing and leaving does.
pub fn type_into(el: &Element, value: &str) {
    let input: &HtmlInputElement = el.dyn_ref().expect("input");
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::InputEventInit::new();
    ev.set_bubbles(true);
    input.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &ev).unwrap()).unwrap();
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

/// The id of the focused element ("" if none).
pub fn active_id() -> String {
    gloo::utils::document().active_element().map(|e| e.id()).unwrap_or_default()
}

/// Waits for yew to render everything pending.
pub async fn settle() {
    yew::scheduler::flush().await;
}

/// Every form as `build-forms` resolved it, and the catalogue, put where the
/// app looks for them (the test runner serves no /forms/).
pub fn load_all_forms() -> Vec<tokhai_core::FormDef> {
    tokhai::services::forms::insert_catalog(include_str!("../../forms/catalog.json")).expect("catalog");
    let all = js_sys::JSON::parse(include_str!("../../target/forms-test/all.json")).expect("bundle");
    js_sys::Array::from(&all)
        .iter()
        .map(|f| {
            let text = js_sys::JSON::stringify(&f).unwrap().as_string().unwrap();
            tokhai::services::forms::insert(&text).expect("form loads");
            tokhai_core::FormDef::from_json(&text).expect("form loads natively too")
        })
        .collect()
}

/// A component mounted into `root` for one test: destroyed, and its node
/// removed, when dropped (at the end of the test), so no app outlives it.
pub struct Mounted<C: yew::BaseComponent> {
    app: Option<yew::AppHandle<C>>,
    root: Element,
}

impl<C: yew::BaseComponent> std::ops::Deref for Mounted<C> {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.root
    }
}

impl<C: yew::BaseComponent> Drop for Mounted<C> {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

/// Mounts `C` with `props` into `root` (see [`Mounted`]).
pub fn mount<C: yew::BaseComponent>(root: &Element, props: C::Properties) -> Mounted<C> {
    Mounted { app: Some(yew::Renderer::<C>::with_root_and_props(root.clone(), props).render()), root: root.clone() }
}
