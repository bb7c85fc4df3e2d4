//! Presentational widgets. Field components take the field definition, its
//! path, its current answer and error, and emit the new answer; they read no
//! context, so tests render them alone.

pub mod address;
pub mod assist;
pub mod certificate;
pub mod choice;
pub mod dossier;
pub mod error_summary;
pub mod field;
pub mod file;
pub mod form_gate;
pub mod group;
pub mod labelled;
pub mod locked;
pub mod offline;
pub mod parts;
pub mod print_sheet;
pub mod record_picker;
pub mod result_view;
pub mod retry;
pub mod text;

pub use error_summary::ErrorSummary;
pub use field::{ErrorMap, FieldView};
