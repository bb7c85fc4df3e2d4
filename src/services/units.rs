//! Administrative units: the 34 provinces are embedded; a province's wards are
//! fetched from `/units/{code}.json` when it is chosen, and kept for the session.

use super::json;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tokhai_core::units::Unit;

thread_local! {
    static PROVINCES: Rc<Vec<Unit>> =
        Rc::new(json::parse(include_str!("../../assets/units/provinces.json")).unwrap_or_default());
    static WARDS: RefCell<HashMap<String, Rc<Vec<Unit>>>> = RefCell::new(HashMap::new());
}

/// The 34 provinces and centrally-run cities.
pub fn provinces() -> Rc<Vec<Unit>> {
    PROVINCES.with(Rc::clone)
}

/// Wards of a province already fetched in this session.
pub fn cached_wards(province: &str) -> Option<Rc<Vec<Unit>>> {
    WARDS.with(|w| w.borrow().get(province).cloned())
}

/// Why wards could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitsError(pub String);

/// Fetches the wards of `province` (a 2-digit code; anything else is refused).
pub async fn wards(province: &str) -> Result<Rc<Vec<Unit>>, UnitsError> {
    if let Some(w) = cached_wards(province) {
        return Ok(w);
    }
    if province.len() != 2 || !province.bytes().all(|b| b.is_ascii_digit()) {
        return Err(UnitsError("bad province code".into()));
    }
    let text = super::http::fetch_text(&format!("/units/{province}.json"))
        .await
        .map_err(|e| UnitsError(e.as_string().unwrap_or_else(|| "network".into())))?;
    let list: Vec<Unit> = json::parse(&text).map_err(UnitsError)?;
    let list = Rc::new(list);
    WARDS.with(|w| w.borrow_mut().insert(province.to_string(), list.clone()));
    Ok(list)
}
