//! One file per screen. Pages read the contexts, ask the core, render components.

pub mod check;
pub mod consent;
pub mod home;
pub mod not_found;
pub mod not_yet;
pub mod section;
pub mod service;
pub mod sign_in;
