//! Hooks that pages share.

pub mod use_assist;
pub mod use_form;
pub mod use_keep;
pub mod use_online;
pub mod use_outbox;
pub mod use_page;
pub mod use_portal;
pub mod use_send;
pub mod use_sources;

pub use use_form::{use_catalog, use_catalog_entry, use_form, CatalogLoad, EntryLoad, FormLoad, Load};
pub use use_page::{use_attempts, use_page_title};
