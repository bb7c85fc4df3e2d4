//! The second bundle: the whole app, started by the start script on the
//! addresses off the filing path (tracking, inbox, results, print, drafts,
//! assisted sessions, lookup, the console). Built beside the first by
//! `scripts/post-build.sh`; from here every page is a move inside the app.
fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        tokhai::services::boot::whole_app_arrived();
        wasm_bindgen_futures::spawn_local(tokhai::services::boot::run::<tokhai::app::App>());
    }
}
