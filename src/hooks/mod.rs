//! Hooks that pages share.

pub mod use_assist;
pub mod use_form;
pub mod use_keep;
pub mod use_online;
pub mod use_portal;

pub use use_form::{use_catalog, use_catalog_entry, use_form, CatalogLoad, EntryLoad, FormLoad, Load};
