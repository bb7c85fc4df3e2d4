//! Addresses of the app. Vietnamese slugs, no personal data ever in a URL.

use yew_router::prelude::*;

/// Every page of the app.
#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    /// The list of services.
    #[at("/")]
    Home,
    /// A service: what to prepare, fee, time, then "Bắt đầu khai".
    #[at("/dich-vu/:id")]
    Service { id: String },
    /// Sign in with VNeID (the simulator, or a pasted token).
    #[at("/dang-nhap")]
    SignIn,
    /// Consent before a form is first prefilled from the registry.
    #[at("/khai/:form/chia-se-du-lieu")]
    Consent { form: String },
    /// Start of a form: goes to its first section.
    #[at("/khai/:form")]
    Start { form: String },
    /// Check your answers.
    #[at("/khai/:form/kiem-tra")]
    Check { form: String },
    /// End state until submission exists: the form is complete but cannot be sent yet.
    #[at("/khai/:form/chua-gui-duoc")]
    NotYet { form: String },
    /// One section (page) of a form.
    #[at("/khai/:form/:section")]
    Section { form: String, section: String },
    /// A section opened by a change link of "check your answers": focuses
    /// `field` (a field id or error path, never an answer) and returns there.
    #[at("/khai/:form/:section/sua/:field")]
    Change { form: String, section: String, field: String },
    /// Anything else.
    #[not_found]
    #[at("/khong-tim-thay")]
    NotFound,
}
