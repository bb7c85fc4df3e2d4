//! Attached files, kept in the page's memory (never in a URL or in logs) until
//! submission. Keyed by whose answers they belong to (the form id; for a
//! supplement answer, the dossier code), the field path, and the file's name
//! and size: the same field id (`giay_to_khac` is in nine forms) in two forms
//! of one session keeps each form's own files.

use std::cell::RefCell;
use std::collections::BTreeSet;
use tokhai_core::FileMeta;

/// A file kept: whose answers (form id or dossier code), field path, what it is, the bytes.
pub type Kept = (String, String, FileMeta, web_sys::File);

thread_local! {
    static FILES: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
}

/// Keeps a file attached to the field at `path` of `form`.
pub fn keep(form: &str, path: &str, meta: &FileMeta, file: web_sys::File) {
    FILES.with(|f| f.borrow_mut().push((form.to_string(), path.to_string(), meta.clone(), file)));
}

/// Forgets a file removed by the citizen from the field at `path` of `form`.
pub fn drop_file(form: &str, path: &str, meta: &FileMeta) {
    FILES.with(|f| f.borrow_mut().retain(|(o, p, m, _)| !(o == form && p == path && m == meta)));
}

/// Every file kept, with whose answers and which field it is attached to.
pub fn all() -> Vec<Kept> {
    FILES.with(|f| f.borrow().clone())
}

/// The files attached to `form` under its `fields` (paths start with one of
/// these field ids), as `(path, meta, file)`.
pub fn of(form: &str, fields: &BTreeSet<String>) -> Vec<(String, FileMeta, web_sys::File)> {
    FILES.with(|f| {
        f.borrow()
            .iter()
            .filter(|(o, p, _, _)| o == form && fields.contains(p.split(['.', '[']).next().unwrap_or_default()))
            .map(|(_, p, m, file)| (p.clone(), m.clone(), file.clone()))
            .collect()
    })
}

/// Forgets the files of `form` (its draft was deleted, or its answers sent).
pub fn forget(form: &str) {
    FILES.with(|f| f.borrow_mut().retain(|(o, _, _, _)| o != form));
}

/// Forgets every file (end of an assisted session).
pub fn clear() {
    FILES.with(|f| f.borrow_mut().clear());
}
