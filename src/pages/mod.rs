//! One file per screen. Pages read the contexts, ask the core, render components.

pub mod assist;
pub mod check;
pub mod consent;
pub mod dossier;
pub mod dossiers;
pub mod drafts;
pub mod elsewhere;
pub mod home;
pub mod inbox;
pub mod lookup;
pub mod not_found;
pub mod officer;
pub mod pay;
pub mod prefs;
pub mod print;
pub mod receipt;
pub mod result;
pub mod section;
pub mod service;
pub mod sign_in;
pub mod store;
pub mod supplement;
pub mod verify;
pub mod withdraw;
