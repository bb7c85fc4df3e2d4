//! Entry point: hydrates the page prerendered for this address (see
//! `services::boot`), or renders the app fresh where there is none.
fn main() {
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async {
        use tokhai::services::boot;
        let (root, prerendered) = boot::root();
        boot::load_embedded();
        // An assisted session of this tab is opened before the first render.
        tokhai::services::assist::restore().await;
        let hydrate = prerendered && boot::load_needed().await;
        // Parsing what the page needs and taking it over are two tasks, not
        // one long one (the main thread stays free for a tap in between).
        gloo::timers::future::TimeoutFuture::new(0).await;
        if prerendered && !hydrate {
            boot::capture(); // what was typed goes to the fresh render
            root.set_inner_html("");
        }
        let renderer = yew::Renderer::<tokhai::app::App>::with_root(root);
        if hydrate {
            boot::start_hydrating();
            boot::capture();
            renderer.hydrate();
        } else {
            renderer.render();
        }
    });
}
