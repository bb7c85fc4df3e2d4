//! Pure logic of Tờ Khai. No yew, no web-sys: this crate builds and tests
//! natively (`cargo test -p tokhai-core`) and compiles unchanged to wasm.
//!
//! - [`schema`]: the form definition format read from `forms/*.json`.
//! - [`answers`]: what a citizen typed or chose, keyed by field id.
//! - [`validate`] and [`rules`]: field and cross-field rules returning error keys.
//! - [`messages`]: error keys and interface copy as Vietnamese and English sentences.
//! - [`journey`]: which sections apply, next/previous, check-answers rows.
//! - [`lint`]: what makes a form definition unusable, found before a citizen does.
//! - [`date`]: dd/mm/yyyy calendar dates as Vietnamese users write them.
//! - [`print`]: the declaration laid out as the official paper template ("In tờ khai").
//! - [`sources`]: the other national databases (insurance, civil status, business,
//!   vehicles, land, driving licences, tax) and their signed records.

pub mod answers;
pub mod catalog;
pub mod date;
pub mod dossier;
pub mod drafts;
pub mod identity;
pub mod journey;
pub mod jws;
pub mod linked;
pub mod lint;
pub mod messages;
pub mod notify;
pub mod path;
pub mod portal;
pub mod prefill;
pub mod print;
pub mod qr;
pub mod resolve;
pub mod results;
pub mod rules;
pub mod sample;
pub mod schema;
pub mod sources;
pub mod submission;
pub mod units;
pub mod validate;
pub mod view;

pub use answers::{Address, Answer, Answers, FileMeta};
pub use date::Date;
pub use path::FieldPath;
pub use schema::{FieldKind, FormDef, Lang, Text};
pub use validate::{ErrorKey, FieldError};
