//! Small document helpers: focus, scroll, title, language.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Focuses the element with `id` and scrolls its label (or legend) into view,
/// as the GOV.UK error summary does. Returns false if there is no such element.
pub fn focus_field(id: &str) -> bool {
    let Some(doc) = document() else { return false };
    let Some(el) = doc.get_element_by_id(id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) else {
        return false;
    };
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    let _ = el.focus_with_options(&opts);
    // Prefer the label or legend so the question is seen with its input.
    let label = doc
        .query_selector(&format!("label[for='{id}']"))
        .ok()
        .flatten()
        .or_else(|| el.closest("fieldset").ok().flatten().and_then(|f| f.query_selector("legend").ok().flatten()));
    let target = label.unwrap_or_else(|| el.clone().into());
    let scroll = ScrollIntoViewOptions::new();
    scroll.set_block(ScrollLogicalPosition::Start);
    target.scroll_into_view_with_scroll_into_view_options(&scroll);
    true
}

/// Focuses an element (e.g. the error summary or a page heading) without scrolling logic.
pub fn focus_id(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Sets `document.title` to "`page` – Tờ Khai".
pub fn set_title(page: &str) {
    if let Some(doc) = document() {
        doc.set_title(&format!("{page} – Tờ Khai"));
    }
}

/// Sets `<html lang>`. (`data-ready`, which benchmarks and end-to-end tests
/// wait for, is set once the app has taken over: `services::boot::settle`.)
pub fn set_lang(lang: &str) {
    if let Some(html) = document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang);
    }
}

/// Scrolls to the top (after a page change).
pub fn scroll_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// This tab's `sessionStorage`, where the browser gives one.
pub fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// A device preference (the language) from `localStorage`; `None` where storage
/// is unavailable (private mode, blocked), which is fine for a preference.
pub fn pref(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Remembers a device preference; silently skipped where storage is refused,
/// since the app works the same without it.
pub fn set_pref(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, value);
    }
}

const RETURN_KEY: &str = "tokhai.return";

/// Remembers the current address (a route, never personal data) to come back
/// to after signing in. Kept for this tab only.
pub fn set_return_path() {
    let Some(w) = web_sys::window() else { return };
    if let (Ok(path), Ok(Some(s))) = (w.location().pathname(), w.session_storage()) {
        let _ = s.set_item(RETURN_KEY, &path);
    }
}

/// The address remembered by [`set_return_path`], forgotten once read.
pub fn take_return_path() -> Option<String> {
    let s = web_sys::window()?.session_storage().ok().flatten()?;
    let path = s.get_item(RETURN_KEY).ok().flatten();
    let _ = s.remove_item(RETURN_KEY);
    path
}

/// Focuses an element once the next render has put it on the page.
pub fn focus_id_later(id: &str) {
    let id = id.to_string();
    gloo::timers::callback::Timeout::new(0, move || focus_id(&id)).forget();
}

/// Adds or removes a class on `<html>` (the assisted mode's larger text).
pub fn set_root_class(class: &str, on: bool) {
    if let Some(html) = document().and_then(|d| d.document_element()) {
        let list = html.class_list();
        let _ = if on { list.add_1(class) } else { list.remove_1(class) };
    }
}
