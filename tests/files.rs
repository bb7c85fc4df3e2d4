//! Attachments in memory, in a real browser: they are kept per form and field,
//! so the same field id in two forms of one session (`giay_to_khac` is in
//! nine forms) keeps each form's own files, and removing a file in one form
//! leaves the other's alone.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use js_sys::{Array, Uint8Array};
use std::collections::BTreeSet;
use std::rc::Rc;
use tokhai::components::field::FieldProps;
use tokhai::components::FieldView;
use tokhai::services::files;
use tokhai_core::{Answer, FileMeta, Lang};
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIELD: &str = "giay_to_khac";

fn file(name: &str, text: &str) -> (FileMeta, web_sys::File) {
    let meta = FileMeta {
        name: name.into(),
        size: text.len() as u64,
        mime: "application/pdf".into(),
        stored: None,
        upload: None,
    };
    let bag = web_sys::FilePropertyBag::new();
    bag.set_type("application/pdf");
    let f = web_sys::File::new_with_u8_array_sequence_and_options(
        &Array::of1(&Uint8Array::from(text.as_bytes())),
        name,
        &bag,
    )
    .unwrap();
    (meta, f)
}

fn fields() -> BTreeSet<String> {
    BTreeSet::from([FIELD.to_string()])
}

/// Names and contents kept for `form`'s field.
async fn kept(form: &str) -> Vec<(String, String)> {
    let mut out = vec![];
    for (path, meta, f) in files::of(form, &fields()) {
        assert_eq!(path, FIELD);
        let text = wasm_bindgen_futures::JsFuture::from(f.text()).await.unwrap().as_string().unwrap();
        out.push((meta.name, text));
    }
    out
}

#[wasm_bindgen_test]
async fn two_forms_with_the_same_field_id_keep_their_own_files() {
    let (a, b) = ("files-test-ct01", "files-test-xac-nhan-cu-tru");
    let (meta_a, file_a) = file("giay-to.pdf", "of the first form");
    let (meta_b, file_b) = file("giay-to-khac.pdf", "of the second form");
    files::keep(a, FIELD, &meta_a, file_a);
    files::keep(b, FIELD, &meta_b, file_b);
    assert_eq!(kept(a).await, [("giay-to.pdf".to_string(), "of the first form".to_string())]);
    assert_eq!(kept(b).await, [("giay-to-khac.pdf".to_string(), "of the second form".to_string())]);
    assert!(files::all().iter().any(|(f, p, m, _)| f == a && p == FIELD && *m == meta_a));

    // Removing the file of one form leaves the other's.
    files::drop_file(a, FIELD, &meta_b); // not in this form: nothing happens
    assert_eq!(kept(b).await.len(), 1);
    files::drop_file(a, FIELD, &meta_a);
    assert!(kept(a).await.is_empty());
    assert_eq!(kept(b).await.len(), 1, "the other form keeps its file");

    // A form sent or deleted forgets only its own files.
    let (meta_c, file_c) = file("giay-to.pdf", "again");
    files::keep(a, FIELD, &meta_c, file_c);
    files::forget(b);
    assert!(kept(b).await.is_empty());
    assert_eq!(kept(a).await, [("giay-to.pdf".to_string(), "again".to_string())]);
    files::forget(a);
}

#[wasm_bindgen_test]
async fn removing_a_file_on_one_form_page_keeps_the_same_file_of_another_form() {
    let (a, b) = ("files-test-page-a", "files-test-page-b");
    // The same scan attached to the same field id in two forms.
    let (meta, file_a) = file("so-ho-khau.pdf", "same scan");
    let (_, file_b) = file("so-ho-khau.pdf", "same scan");
    files::keep(a, FIELD, &meta, file_a);
    files::keep(b, FIELD, &meta, file_b);
    let field: tokhai_core::schema::Field = serde_json::from_value(serde_json::json!({
        "id": FIELD, "kind": "file", "label": { "vi": "Giấy tờ khác", "en": "Other documents" },
        "accept": ["application/pdf"], "max_bytes": 5_242_880, "max_files": 3
    }))
    .unwrap();
    let changed = Rc::new(std::cell::RefCell::new(None::<Option<Answer>>));
    let on_change = {
        let changed = changed.clone();
        Callback::from(move |a: Option<Answer>| *changed.borrow_mut() = Some(a))
    };
    let props = FieldProps {
        field: Rc::new(field),
        path: FIELD.into(),
        form: b.into(),
        value: Some(Answer::Files(vec![meta.clone()])),
        errors: Rc::default(),
        answers: Rc::default(),
        lang: Lang::Vi,
        on_change,
        source: None,
        locked: false,
        on_correct: None,
        correction: None,
        offered: None,
        people: Rc::default(),
        origin: None,
    };
    let root = root();
    let _app = mount::<FieldView>(&root, props);
    settle().await;
    click(&find(&root, ".tk-files__item .tk-link-button"));
    settle().await;
    assert_eq!(*changed.borrow(), Some(None), "the page's answer has no file left");
    assert!(kept(b).await.is_empty(), "removed from the form it was removed on");
    assert_eq!(kept(a).await, [("so-ho-khau.pdf".to_string(), "same scan".to_string())], "the other form keeps it");
    files::forget(a);
    root.remove();
}
