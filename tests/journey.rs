//! The whole app in a real browser: a `show_if` question appears and
//! disappears, Continue with errors shows a focused summary whose links focus
//! the field, and the language toggle switches copy.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Opens the app at `path` in a fresh node.
async fn open(path: &str) -> common::Mounted<tokhai::app::App> {
    // The app fetches /forms/; the test runner serves none, so hand them over
    // (as built by `build-forms`, which `make test` runs first).
    common::load_all_forms();
    let history = gloo::utils::window().history().unwrap();
    history.push_state_with_url(&JsValue::NULL, "", Some(path)).unwrap();
    let app = common::mount::<tokhai::app::App>(&root(), ());
    settle().await;
    app
}

#[wasm_bindgen_test]
async fn show_if_question_appears_and_disappears() {
    let root = open("/khai/dang-ky-thuong-tru/chu-ho").await;
    assert_eq!(find(&root, "h1").text_content().unwrap(), "Hộ gia đình bạn đăng ký vào");
    assert!(!exists(&root, "#f-chu_ho_ten"), "hidden until the answer asks for it");
    click(&find(&root, "#f-vao_ho")); // "Nhập vào một hộ gia đình đã có"
    settle().await;
    assert!(exists(&root, "#f-chu_ho_ten"));
    assert!(exists(&root, "#f-chu_ho_so_dinh_danh"));
    click(&find(&root, "#f-vao_ho--lap_ho_moi"));
    settle().await;
    assert!(!exists(&root, "#f-chu_ho_ten"));
    root.remove();
}

#[wasm_bindgen_test]
async fn continue_with_errors_shows_a_focused_summary_linking_to_fields() {
    let root = open("/khai/dang-ky-thuong-tru/nguoi-khai").await;
    click(&find(&root, "button[type=submit]"));
    settle().await;
    assert_eq!(active_id(), "error-summary");
    let links = find(&root, "#error-summary").query_selector_all("a").unwrap();
    assert_eq!(links.length(), 5, "name, birth date, sex, ID, phone are required; e-mail is optional");
    // Each field shows its own message, wired to its input.
    let input = find(&root, "#f-ho_ten");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(find(&root, "#f-ho_ten-error").text_content().unwrap(), "Lỗi: Nhập họ, chữ đệm và tên khai sinh");
    let fourth: web_sys::Element = wasm_bindgen::JsCast::dyn_into(links.get(3).unwrap()).unwrap();
    click(&fourth);
    assert_eq!(active_id(), "f-so_dinh_danh");
    // Fixing a field clears its error; the others stay.
    type_into(&input, "Nguyễn Văn An");
    settle().await;
    assert!(!exists(&root, "#f-ho_ten-error"));
    assert!(exists(&root, "#f-ngay_sinh-error"));
    assert_eq!(find(&root, "#error-summary").query_selector_all("a").unwrap().length(), 4);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_valid_section_continues_to_the_next() {
    let root = open("/khai/dang-ky-thuong-tru/nguoi-khai").await;
    for (id, v) in [
        ("f-ho_ten", "Nguyễn Văn An"),
        ("f-ngay_sinh", "05031990"),
        ("f-so_dinh_danh", "001 090 012345"),
        ("f-dien_thoai", "0912 345 678"),
    ] {
        type_into(&find(&root, &format!("#{id}")), v);
        settle().await;
    }
    click(&find(&root, "#f-gioi_tinh")); // Nam
    settle().await;
    click(&find(&root, "button[type=submit]"));
    settle().await;
    assert!(!exists(&root, "#error-summary"), "no errors expected");
    assert_eq!(gloo::utils::window().location().pathname().unwrap(), "/khai/dang-ky-thuong-tru/chu-ho");
    assert_eq!(find(&root, "h1").text_content().unwrap(), "Hộ gia đình bạn đăng ký vào");
    root.remove();
}

#[wasm_bindgen_test]
async fn language_toggle_switches_labels_and_messages() {
    let root = open("/khai/dang-ky-thuong-tru/nguoi-khai").await;
    click(&find(&root, "#lang-toggle"));
    settle().await;
    assert_eq!(find(&root, "h1").text_content().unwrap(), "About you");
    assert_eq!(gloo::utils::document().document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));
    click(&find(&root, "button[type=submit]"));
    settle().await;
    assert_eq!(find(&root, "#error-summary h2").text_content().unwrap(), "There is a problem");
    assert_eq!(find(&root, "#f-ho_ten-error").text_content().unwrap(), "Error: Enter full name at birth");
    click(&find(&root, "#lang-toggle"));
    settle().await;
    assert_eq!(find(&root, "h1").text_content().unwrap(), "Thông tin người khai");
    root.remove();
}

#[wasm_bindgen_test]
async fn start_address_goes_to_the_first_section() {
    let root = open("/khai/dang-ky-thuong-tru").await;
    assert_eq!(gloo::utils::window().location().pathname().unwrap(), "/khai/dang-ky-thuong-tru/nguoi-khai");
    assert_eq!(find(&root, "h1").text_content().unwrap(), "Thông tin người khai");
    root.remove();
}

#[wasm_bindgen_test]
async fn a_change_link_focuses_the_field_and_returns_to_check_answers() {
    let root = open("/khai/dang-ky-thuong-tru/chu-ho/sua/vao_ho").await;
    assert_eq!(active_id(), "f-vao_ho");
    assert_eq!(find(&root, "a.tk-back").get_attribute("href").as_deref(), Some("/khai/dang-ky-thuong-tru/kiem-tra"));
    click(&find(&root, "#f-vao_ho--lap_ho_moi"));
    settle().await;
    click(&find(&root, "button[type=submit]"));
    settle().await;
    assert_eq!(gloo::utils::window().location().pathname().unwrap(), "/khai/dang-ky-thuong-tru/kiem-tra");
    root.remove();
}

#[wasm_bindgen_test]
async fn unknown_addresses_show_not_found() {
    let root = open("/khai/khong-co-mau-nay/abc").await;
    assert_eq!(find(&root, "h1").text_content().unwrap(), "Không tìm thấy trang");
    root.remove();
    let root = open("/dia-chi-la").await;
    assert_eq!(find(&root, "h1").text_content().unwrap(), "Không tìm thấy trang");
    root.remove();
}
