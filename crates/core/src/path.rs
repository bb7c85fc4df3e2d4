//! Where an answer sits in a form: a top-level field (`phone`), a part of an
//! address (`address.ward`) or a column of one row of a group
//! (`members.1.full_name`, rows counted from 0). Errors carry a path, inputs
//! are named after it and change links lead to it; this type is the one place
//! that joins and splits it.

use serde::Serialize;
use std::borrow::Borrow;
use std::fmt;

/// A path to an answer. Built with [`FieldPath::field`], [`FieldPath::part`]
/// and [`FieldPath::cell`]; read with [`FieldPath::top`] and [`FieldPath::cell_of`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct FieldPath(String);

impl FieldPath {
    /// A top-level field.
    pub fn field(id: &str) -> Self {
        FieldPath(id.to_string())
    }

    /// A named part of this answer (an address's `province`, `ward`, `street`).
    pub fn part(&self, part: &str) -> Self {
        FieldPath(format!("{}.{part}", self.0))
    }

    /// Column `col` of row `row` (from 0) of this group.
    pub fn cell(&self, row: usize, col: &str) -> Self {
        FieldPath(format!("{}.{row}.{col}", self.0))
    }

    /// The top-level field the path starts at.
    pub fn top(&self) -> &str {
        self.0.split('.').next().unwrap_or_default()
    }

    /// The row and column, when the path is in a cell of a group (a part of
    /// an address in a cell, `members.0.address.ward`, is in column `address`).
    pub fn cell_of(&self) -> Option<(usize, &str)> {
        let mut parts = self.0.split('.').skip(1);
        let row = parts.next()?.parse().ok()?;
        Some((row, parts.next()?))
    }

    /// Whether this path is `field` itself or inside it.
    pub fn within(&self, field: &str) -> bool {
        self.top() == field
    }

    /// The DOM id of the input at this path (see [`input_id`]).
    pub fn input_id(&self) -> String {
        input_id(&self.0)
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The DOM id of the input at `path` (`members.1.name` → `f-members-1-name`).
pub fn input_id(path: &str) -> String {
    format!("f-{}", path.replace('.', "-"))
}

impl From<&str> for FieldPath {
    fn from(s: &str) -> Self {
        FieldPath(s.to_string())
    }
}

impl From<String> for FieldPath {
    fn from(s: String) -> Self {
        FieldPath(s)
    }
}

impl Borrow<str> for FieldPath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for FieldPath {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for FieldPath {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_reads_paths() {
        let members = FieldPath::field("members");
        let cell = members.cell(1, "full_name");
        assert_eq!(cell.as_str(), "members.1.full_name");
        assert_eq!(cell.top(), "members");
        assert_eq!(cell.cell_of(), Some((1, "full_name")));
        assert_eq!(cell.input_id(), "f-members-1-full_name");
        assert!(cell.within("members"));
        assert!(!cell.within("member"));

        let ward = FieldPath::field("address").part("ward");
        assert_eq!(ward.as_str(), "address.ward");
        assert_eq!(ward.top(), "address");
        assert_eq!(ward.cell_of(), None, "an address part is not a cell");
        assert_eq!(FieldPath::field("phone").cell_of(), None);
        assert_eq!(FieldPath::field("phone").top(), "phone");
        assert_eq!(FieldPath::from("members.x.y").cell_of(), None, "a row is a number");
        assert_eq!(FieldPath::field("members").cell(0, "to").part("ward").cell_of(), Some((0, "to")));
    }
}
