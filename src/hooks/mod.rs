//! Hooks that pages share.

pub mod use_form;

pub use use_form::{use_catalog, use_form, CatalogLoad, FormLoad};
