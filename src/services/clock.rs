//! Today's date in the citizen's time zone, from the browser.

use tokhai_core::Date;

/// Today, as the browser's local calendar sees it.
#[cfg(target_arch = "wasm32")]
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year() as i32, now.get_month() as u8 + 1, now.get_date() as u8).unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    })
}

/// Today at build time (the prerenderer; nothing it renders depends on it).
#[cfg(not(target_arch = "wasm32"))]
pub fn today() -> Date {
    Date { year: 2026, month: 1, day: 1 }
}
