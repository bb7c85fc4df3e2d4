//! The first bundle: the filing path (catalogue, service pages, sign-in,
//! sections, check answers, receipt). It hydrates the page prerendered for
//! this address, or renders it fresh; any other address loads the whole app
//! (`bin/more.rs`) in its place (`pages::elsewhere`).
fn main() {
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(tokhai::services::boot::run::<tokhai::app::FilingApp>());
}
