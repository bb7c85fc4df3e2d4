//! Hooks that pages share.

pub mod use_form;

pub use use_form::{use_form, FormLoad};
