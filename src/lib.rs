//! Tờ Khai, the yew app. Pages render what the pure core (`tokhai_core`) decides;
//! I/O (form registry, administrative units, clock, focus) lives in `services`.
//! Modules are public so wasm-bindgen tests can render any component.

pub mod app;
pub mod components;
pub mod hooks;
pub mod pages;
pub mod routes;
pub mod services;
pub mod state;
