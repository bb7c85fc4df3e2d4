//! The app's edges: where forms come from, administrative units, the clock,
//! focus and the document. Each is small and replaceable.

pub mod clock;
pub mod dom;
pub mod files;
pub mod forms;
pub mod http;
pub mod identity;
pub mod json;
pub mod notification;
#[cfg(feature = "mock-idp")]
pub mod mock_idp;
pub mod portal;
pub mod units;
