//! What a citizen typed or chose. Keyed by field id; a group holds rows of
//! answers keyed by column id.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// All answers of one form (or one row of a group).
pub type Answers = BTreeMap<String, Answer>;

/// One answer. Scalar kinds (text, date, phone, select, radio, yes/no,
/// declaration…) are [`Answer::Text`]; yes/no stores `"yes"`/`"no"` and a ticked
/// declaration `"yes"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// A single value.
    Text(String),
    /// Checkbox values.
    Many(Vec<String>),
    /// Province, ward and street.
    Address(Address),
    /// Rows of a group.
    Rows(Vec<Answers>),
    /// Attached files (metadata; the bytes stay in the page's memory).
    Files(Vec<FileMeta>),
}

/// An address in the two-level structure in force since 1 July 2025.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Province code (2 digits).
    pub province: String,
    /// Province name, kept for display.
    pub province_name: String,
    /// Ward / commune code (5 digits).
    pub ward: String,
    /// Ward name, kept for display.
    pub ward_name: String,
    /// Street, house number, hamlet (free text).
    pub street: String,
}

/// An attached file as the form sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMeta {
    /// File name on the citizen's device.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// MIME type reported by the browser.
    pub mime: String,
    /// A signed result from the citizen's data store given instead of an
    /// upload: its number, which the agency verifies in its own register
    /// (then `name` is the document's title and number, `mime` is
    /// `application/jose`, `size` the result file's length).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored: Option<String>,
    /// Where a portal server keeps the bytes: its upload id (`POST /uploads`,
    /// see `docs/portal-server.md`), set on the copy sent, never in a draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upload: Option<String>,
}

/// Every attached file in `answers`, group rows included, with the field path
/// of its list (`giay_to`, `thanh_vien.1.giay_to`).
pub fn files_mut(answers: &mut Answers) -> Vec<(String, &mut FileMeta)> {
    fn walk<'a>(prefix: &str, answers: &'a mut Answers, out: &mut Vec<(String, &'a mut FileMeta)>) {
        for (id, a) in answers.iter_mut() {
            let path = if prefix.is_empty() { id.clone() } else { format!("{prefix}.{id}") };
            match a {
                Answer::Files(list) => out.extend(list.iter_mut().map(|f| (path.clone(), f))),
                Answer::Rows(rows) => {
                    for (i, row) in rows.iter_mut().enumerate() {
                        walk(&format!("{path}.{i}"), row, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = vec![];
    walk("", answers, &mut out);
    out
}

impl Answer {
    /// The text of a scalar answer ("" for other shapes).
    pub fn text(&self) -> &str {
        match self {
            Answer::Text(s) => s,
            _ => "",
        }
    }

    /// True when nothing was answered.
    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Text(s) => s.trim().is_empty(),
            Answer::Many(v) => v.is_empty(),
            Answer::Address(a) => a.province.is_empty() && a.ward.is_empty() && a.street.trim().is_empty(),
            Answer::Rows(r) => r.is_empty(),
            Answer::Files(f) => f.is_empty(),
        }
    }

    /// Whether a condition value matches: equal text, or contained in a checkbox answer.
    pub fn matches(&self, value: &str) -> bool {
        match self {
            Answer::Text(s) => s == value,
            Answer::Many(v) => v.iter().any(|x| x == value),
            _ => false,
        }
    }
}

/// The text of a scalar answer by id, or "".
pub fn text_of<'a>(answers: &'a Answers, id: &str) -> &'a str {
    answers.get(id).map(Answer::text).unwrap_or("")
}
