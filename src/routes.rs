//! Addresses of the app. Vietnamese slugs, no personal data ever in a URL.

use yew_router::prelude::*;

/// Every page of the app.
#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    /// The list of services.
    #[at("/")]
    Home,
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
    /// Anything else.
    #[not_found]
    #[at("/khong-tim-thay")]
    NotFound,
}

/// Query of a section page opened from "check your answers": return there on
/// continue, and focus this field (`?tu=kiem-tra&o=ho_ten`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SectionQuery {
    /// `kiem-tra` when the page was opened by a change link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tu: Option<String>,
    /// Field id to focus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub o: Option<String>,
}
