//! Where form definitions come from. For now the definitions are embedded at
//! build time; each is parsed once and shared as `Rc`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tokhai_core::FormDef;

/// Ids and JSON of the forms this build offers, in catalogue order.
pub const EMBEDDED: &[(&str, &str)] = &[("ct01-thuong-tru", include_str!("../../forms/ct01-thuong-tru.json"))];

thread_local! {
    static CACHE: RefCell<HashMap<String, Rc<FormDef>>> = RefCell::new(HashMap::new());
}

/// The form with `id`, or `None` if this build has no such form (or it does not load).
pub fn form(id: &str) -> Option<Rc<FormDef>> {
    if let Some(f) = CACHE.with(|c| c.borrow().get(id).cloned()) {
        return Some(f);
    }
    let json = EMBEDDED.iter().find(|(i, _)| *i == id)?.1;
    let def = Rc::new(FormDef::from_json(json).ok()?);
    CACHE.with(|c| c.borrow_mut().insert(id.to_string(), def.clone()));
    Some(def)
}

/// Every offered form.
pub fn all() -> Vec<Rc<FormDef>> {
    EMBEDDED.iter().filter_map(|(id, _)| form(id)).collect()
}
