//! Field components in a real browser: every kind renders its label, hint and
//! error, wired for screen readers; the error summary takes focus and its links
//! move focus to the field.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use std::collections::BTreeMap;
use std::rc::Rc;
use tokhai::components::error_summary::{ErrorSummaryProps, SummaryItem};
use tokhai::components::field::FieldProps;
use tokhai::components::{ErrorSummary, FieldView};
use tokhai_core::validate::input_id;
use tokhai_core::{FieldKind, FieldPath, FormDef, Lang};
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Props for a field widget; the prefill-related props are off unless set after.
fn props(
    field: tokhai_core::schema::Field,
    path: &str,
    value: Option<tokhai_core::Answer>,
    errors: BTreeMap<FieldPath, String>,
    lang: Lang,
    on_change: Callback<Option<tokhai_core::Answer>>,
) -> FieldProps {
    FieldProps {
        field: Rc::new(field),
        path: FieldPath::from(path),
        form: "every-kind".into(),
        value,
        errors: Rc::new(errors),
        answers: Rc::default(),
        lang,
        on_change,
        source: None,
        locked: false,
        on_correct: None,
        correction: None,
        offered: None,
        people: Rc::default(),
        origin: None,
    }
}

fn fixture() -> FormDef {
    FormDef::from_json(include_str!("fixtures/every-kind.json")).unwrap()
}

/// The element that carries `aria-describedby` for a field of this kind.
fn described_element(kind: FieldKind, root: &web_sys::Element, id: &str) -> web_sys::Element {
    match kind {
        FieldKind::Radio | FieldKind::Checkbox | FieldKind::YesNo | FieldKind::Group => find(root, "fieldset"),
        _ => find(root, &format!("#{id}")),
    }
}

#[wasm_bindgen_test]
async fn every_field_kind_renders_label_hint_and_error_wired_together() {
    let form = fixture();
    let kinds: Vec<FieldKind> = form.sections[0].fields.iter().map(|f| f.kind).collect();
    for k in FieldKind::ALL {
        assert!(kinds.contains(&k), "fixture lacks {k:?}");
    }
    for field in &form.sections[0].fields {
        let root = root();
        // An address shows its errors on its parts; the province comes first.
        let top = FieldPath::field(&field.id);
        let path = if field.kind == FieldKind::Address { top.part("province") } else { top };
        let id = path.input_id();
        let mut errors = BTreeMap::new();
        errors.insert(path.clone(), format!("Lỗi của {}", field.id));
        let props = props(field.clone(), &field.id, None, errors, Lang::Vi, Callback::noop());
        let _app = mount::<FieldView>(&root, props);
        settle().await;
        let kind = field.kind;
        // A focusable input carries the field's id (the error summary's target).
        let input = by_id(&id);
        assert!(root.contains(Some(&input)), "{kind:?}: #{id} rendered elsewhere");
        // Label or legend names the question.
        let name = field.label.vi.as_str();
        let labelled = match kind {
            FieldKind::Radio | FieldKind::Checkbox | FieldKind::YesNo | FieldKind::Address | FieldKind::Group => {
                find(&root, "legend").text_content().unwrap_or_default().contains(name)
            }
            _ => root
                .query_selector(&format!("label[for='{id}']"))
                .unwrap()
                .is_some_and(|l| l.text_content().unwrap_or_default().contains(name)),
        };
        assert!(labelled, "{kind:?}: no label or legend with {name:?}");
        // Error shown, with a hidden "Lỗi:" prefix, and referenced by aria-describedby with the hint.
        let err_el = find(&root, &format!("#{id}-error"));
        assert_eq!(err_el.text_content().unwrap(), format!("Lỗi: Lỗi của {}", field.id));
        let described = described_element(kind, &root, &id).get_attribute("aria-describedby").unwrap_or_default();
        assert!(described.split(' ').any(|x| x == format!("{id}-error")), "{kind:?}: error not in {described:?}");
        if kind == FieldKind::Address {
            // The hint belongs to the whole address: the fieldset points at it.
            let fs = find(&root, "fieldset").get_attribute("aria-describedby").unwrap_or_default();
            assert_eq!(fs, format!("{}-hint", input_id(&field.id)));
        } else if field.hint.is_some() {
            assert!(exists(&root, &format!("#{id}-hint")), "{kind:?}: hint missing");
            assert!(described.split(' ').any(|x| x == format!("{id}-hint")), "{kind:?}: hint not in {described:?}");
        }
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn group_columns_and_address_parts_have_their_own_wired_errors() {
    let form = fixture();
    let group = form.field("g").unwrap().clone();
    let mut row = tokhai_core::Answers::new();
    row.insert("ten".into(), tokhai_core::Answer::Text("An".into()));
    let mut errors = BTreeMap::new();
    errors.insert(FieldPath::field("g").cell(0, "ten"), "Nhập tên".to_string());
    let root = root();
    let props = props(group, "g", Some(tokhai_core::Answer::Rows(vec![row])), errors, Lang::Vi, Callback::noop());
    let _app = mount::<FieldView>(&root, props);
    settle().await;
    let input = find(&root, "#f-g-0-ten");
    assert_eq!(input.get_attribute("aria-describedby").unwrap(), "f-g-0-ten-hint f-g-0-ten-error");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(find(&root, "legend.tk-row__legend").text_content().unwrap().contains("Người thứ 1"));
    assert!(exists(&root, "button"), "add/remove buttons");
    root.remove();
}

#[wasm_bindgen_test]
async fn group_add_button_emits_a_new_row() {
    let form = fixture();
    let group = form.field("g").unwrap().clone();
    let got = Rc::new(std::cell::RefCell::new(None));
    let sink = got.clone();
    let root = root();
    let props =
        props(group, "g", None, BTreeMap::new(), Lang::En, Callback::from(move |a| *sink.borrow_mut() = Some(a)));
    let _app = mount::<FieldView>(&root, props);
    settle().await;
    let add = find(&root, "#f-g");
    assert_eq!(add.text_content().unwrap(), "Add a person");
    click(&add);
    settle().await;
    match got.borrow().clone() {
        Some(Some(tokhai_core::Answer::Rows(rows))) => assert_eq!(rows.len(), 1),
        other => panic!("expected one row, got {other:?}"),
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn text_input_normalises_on_leaving_the_field() {
    let form = FormDef::from_json(include_str!("../target/forms/dang-ky-thuong-tru.json")).unwrap();
    let phone = form.field("dien_thoai").unwrap().clone();
    let got = Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = got.clone();
    let root = root();
    let props = props(
        phone,
        "dien_thoai",
        None,
        BTreeMap::new(),
        Lang::Vi,
        Callback::from(move |a: Option<tokhai_core::Answer>| sink.borrow_mut().push(a.map(|a| a.text().to_string()))),
    );
    let _app = mount::<FieldView>(&root, props);
    settle().await;
    let input = find(&root, "#f-dien_thoai");
    assert_eq!(input.get_attribute("type").as_deref(), Some("tel"));
    type_into(&input, "+84 912 345 678");
    settle().await;
    assert_eq!(*got.borrow(), vec![Some("+84 912 345 678".to_string()), Some("0912345678".to_string())]);
    root.remove();
}

#[function_component(SummaryHarness)]
fn summary_harness(props: &ErrorSummaryProps) -> Html {
    html! {
        <>
            <ErrorSummary ..props.clone() />
            <label for="f-a">{ "A" }</label><input id="f-a" />
            <fieldset><legend>{ "B" }</legend><input type="radio" id="f-b" /></fieldset>
        </>
    }
}

#[wasm_bindgen_test]
async fn error_summary_takes_focus_and_its_links_move_focus_to_fields() {
    let root = root();
    let items = vec![
        SummaryItem { target: "f-a".into(), message: "Nhập A".into() },
        SummaryItem { target: "f-b".into(), message: "Chọn B".into() },
    ];
    let props = ErrorSummaryProps { items, attempt: 1, lang: Lang::Vi, on_follow: None };
    let _app = mount::<SummaryHarness>(&root, props);
    settle().await;
    assert_eq!(active_id(), "error-summary");
    let summary = find(&root, "#error-summary");
    assert_eq!(find(&summary, "h2").text_content().unwrap(), "Có thông tin cần sửa");
    let links = summary.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 2);
    let href_before = gloo::utils::window().location().href().unwrap();
    let second: web_sys::Element = wasm_bindgen::JsCast::dyn_into(links.get(1).unwrap()).unwrap();
    assert_eq!(second.get_attribute("href").as_deref(), Some("#f-b"));
    click(&second);
    assert_eq!(active_id(), "f-b");
    let first: web_sys::Element = wasm_bindgen::JsCast::dyn_into(links.get(0).unwrap()).unwrap();
    click(&first);
    assert_eq!(active_id(), "f-a");
    // No URL change: the link's default navigation is prevented.
    assert_eq!(gloo::utils::window().location().href().unwrap(), href_before);
    root.remove();
}

#[wasm_bindgen_test]
async fn an_empty_error_summary_renders_nothing() {
    let root = root();
    let props = ErrorSummaryProps { items: vec![], attempt: 0, lang: Lang::Vi, on_follow: None };
    let _app = mount::<ErrorSummary>(&root, props);
    settle().await;
    assert!(!exists(&root, "#error-summary"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_locked_registry_value_is_read_only_with_a_badge_and_a_correction_request() {
    use tokhai_core::prefill::{CorrectionRequest, Provenance};
    let form = FormDef::from_json(include_str!("../target/forms/dang-ky-thuong-tru.json")).unwrap();
    let field = form.field("ho_ten").unwrap().clone();
    let got = Rc::new(std::cell::RefCell::new(None::<CorrectionRequest>));
    let sink = got.clone();
    let root = root();
    let mut props = props(
        field,
        "ho_ten",
        Some(tokhai_core::Answer::Text("Nguyễn Văn An".into())),
        BTreeMap::new(),
        Lang::Vi,
        Callback::noop(),
    );
    props.source = Some(Provenance::Registry);
    props.locked = true;
    props.on_correct = Some(Callback::from(move |r| *sink.borrow_mut() = Some(r)));
    let _app = mount::<FieldView>(&root, props);
    settle().await;
    assert!(!exists(&root, "input#f-ho_ten"), "no text box for a locked value");
    assert_eq!(find(&root, "#f-ho_ten").text_content().unwrap(), "Nguyễn Văn An");
    assert_eq!(find(&root, ".tk-badge").text_content().unwrap(), "Từ Cơ sở dữ liệu quốc gia về dân cư");
    // An empty correction is refused with a message; a filled one is recorded.
    click(&find(&root, "details button"));
    settle().await;
    assert!(exists(&root, "#f-ho_ten-sua-error"));
    assert!(got.borrow().is_none());
    type_into(&find(&root, "#f-ho_ten-sua"), "Nguyễn Văn Ân");
    settle().await;
    click(&find(&root, "details button"));
    settle().await;
    let req = got.borrow().clone().expect("correction request");
    assert_eq!(
        (req.field.as_str(), req.registry_value.as_str(), req.claimed_value.as_str()),
        ("ho_ten", "Nguyễn Văn An", "Nguyễn Văn Ân")
    );
    root.remove();
}
