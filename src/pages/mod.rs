//! One file per screen. Pages read the contexts, ask the core, render components.

pub mod check;
pub mod dossier;
pub mod dossiers;
pub mod inbox;
pub mod lookup;
pub mod officer;
pub mod pay;
pub mod prefs;
pub mod receipt;
pub mod supplement;
pub mod withdraw;
pub mod consent;
pub mod home;
pub mod not_found;
pub mod section;
pub mod service;
pub mod sign_in;
