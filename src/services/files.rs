//! Attached files, kept in the page's memory (never in a URL or in logs) until
//! submission. Keyed by field path and file name and size.

use std::cell::RefCell;
use tokhai_core::FileMeta;

thread_local! {
    static FILES: RefCell<Vec<(String, FileMeta, web_sys::File)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps a file attached to the field at `path`.
pub fn keep(path: &str, meta: &FileMeta, file: web_sys::File) {
    FILES.with(|f| f.borrow_mut().push((path.to_string(), meta.clone(), file)));
}

/// Forgets a file removed by the citizen.
pub fn drop_file(path: &str, meta: &FileMeta) {
    FILES.with(|f| f.borrow_mut().retain(|(p, m, _)| !(p == path && m == meta)));
}

/// Every file kept, with where it is attached.
pub fn all() -> Vec<(String, FileMeta, web_sys::File)> {
    FILES.with(|f| f.borrow().clone())
}

/// The files attached under `form`'s fields (paths start with a field id of it).
pub fn of(fields: &std::collections::BTreeSet<String>) -> Vec<(String, FileMeta, web_sys::File)> {
    FILES.with(|f| {
        f.borrow()
            .iter()
            .filter(|(p, _, _)| fields.contains(p.split(['.', '[']).next().unwrap_or_default()))
            .cloned()
            .collect()
    })
}

/// Forgets every file (end of an assisted session).
pub fn clear() {
    FILES.with(|f| f.borrow_mut().clear());
}
