//! Browser notifications (the Notifications API) for new inbox messages,
//! only after the citizen opted in and the browser granted permission. The
//! text says a status changed and nothing personal (a lock screen is public).

use tokhai_core::messages::tracking::{status_label, t, T};
use tokhai_core::view::View;
use tokhai_core::Lang;
use wasm_bindgen::JsValue;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

/// Whether the browser has the API at all.
pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| js_sys::Reflect::has(&w, &JsValue::from_str("Notification")).unwrap_or(false))
}

/// Whether permission was granted.
pub fn granted() -> bool {
    supported() && Notification::permission() == NotificationPermission::Granted
}

/// Asks the browser for permission (it shows its own prompt).
pub fn ask() {
    if supported() {
        let _ = Notification::request_permission();
    }
}

/// Shows one notification per new unread message of `owner` between two reads.
pub fn announce(before: &View, after: &View, owner: &str, lang: Lang) {
    let wants = after.prefs(owner).is_some_and(|p| p.web_push);
    if !wants || !granted() {
        return;
    }
    let seen = before.newest_notice(owner);
    for n in after.notices(owner).into_iter().rev().filter(|n| n.id > seen && !n.read) {
        let opts = NotificationOptions::new();
        opts.set_body(&format!("{}: {}", n.code, status_label(n.status, lang)));
        opts.set_tag(&n.code);
        let _ = Notification::new_with_options(t(T::NotificationTitle, lang), &opts);
    }
}
