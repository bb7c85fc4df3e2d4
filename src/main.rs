//! Entry point: mounts the app into `<body>`.
fn main() {
    yew::Renderer::<tokhai::app::App>::new().render();
}
