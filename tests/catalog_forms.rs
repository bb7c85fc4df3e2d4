//! Generated over the catalogue, so a new form is covered by adding its file:
//! every section of every form renders in the real app with each shown field
//! labelled, its hint and error wired by `aria-describedby`, and every link of
//! the error summary pointing at an element that exists.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn all(root: &web_sys::Element, sel: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length()).filter_map(|i| list.get(i)?.dyn_into().ok()).collect()
}

#[wasm_bindgen_test]
async fn every_section_of_every_form_renders_with_wired_labels_hints_and_errors() {
    let forms = load_all_forms();
    assert!(!forms.is_empty());
    let catalog = tokhai::services::forms::cached_catalog().unwrap();
    for form in &forms {
        assert!(catalog.iter().any(|c| c.id == form.id), "{} is not in the catalogue", form.id);
        for section in &form.sections {
            let path = format!("/khai/{}/{}", form.id, section.id);
            let history = gloo::utils::window().history().unwrap();
            history.push_state_with_url(&JsValue::NULL, "", Some(&path)).unwrap();
            let root = root();
            yew::Renderer::<tokhai::app::App>::with_root(root.clone()).render();
            settle().await;
            let place = format!("{} / {}", form.id, section.id);
            assert_eq!(find(&root, "h1").text_content().unwrap(), section.title.vi, "{place}");
            // Every input, select and textarea has a label, or sits in a fieldset with a legend.
            for el in all(&root, "main input:not([type=hidden]), main select, main textarea") {
                let id = el.id();
                let labelled = !id.is_empty() && root.query_selector(&format!("label[for='{id}']")).unwrap().is_some();
                let in_fieldset = el.closest("fieldset").unwrap().is_some_and(|f| f.query_selector("legend").unwrap().is_some());
                assert!(labelled || in_fieldset, "{place}: #{id} has no label");
            }
            // Every hint is referenced by the element it describes.
            for hint in all(&root, "main .tk-hint[id]") {
                let hid = hint.id();
                let referenced = !all(&root, &format!("[aria-describedby~='{hid}']")).is_empty();
                assert!(referenced, "{place}: hint #{hid} is not referenced");
            }
            // Continue with nothing: every error is wired and every summary link resolves.
            click(&find(&root, "button[type=submit]"));
            settle().await;
            for link in all(&root, "#error-summary a") {
                let target = link.get_attribute("href").unwrap().trim_start_matches('#').to_string();
                assert!(gloo::utils::document().get_element_by_id(&target).is_some(), "{place}: summary link to missing #{target}");
            }
            for err in all(&root, "main .tk-error[id]") {
                let eid = err.id();
                assert!(!all(&root, &format!("[aria-describedby~='{eid}']")).is_empty(), "{place}: error #{eid} is not referenced");
            }
            root.remove();
        }
    }
}
