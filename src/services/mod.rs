//! The app's edges: where forms come from, administrative units, the clock,
//! focus and the document. Each is small and replaceable.

pub mod assist;
pub mod boot;
pub mod clock;
pub mod dom;
pub mod drafts;
pub mod files;
pub mod forms;
pub mod http;
pub mod idb;
pub mod identity;
pub mod json;
#[cfg(feature = "mock-idp")]
pub mod mock_idp;
pub mod notification;
pub mod portal;
pub mod portal_http;
pub mod results;
pub mod seal;
pub mod sources;
pub mod text;
pub mod units;
