//! The path through a form: which sections and fields apply given the answers,
//! next and previous pages, and the rows of "check your answers".

use crate::answers::{Answer, Answers};
use crate::messages::{ui, Ui};
use crate::schema::{Condition, Field, FieldKind, FormDef, Lang, Section};

/// Where a field's siblings are read from: a group row first, then the form.
#[derive(Clone, Copy, Debug)]
pub struct Scope<'a> {
    /// All answers of the form.
    pub form: &'a Answers,
    /// The row of a group, when validating or showing a column.
    pub row: Option<&'a Answers>,
}

impl<'a> Scope<'a> {
    /// The answer to `id`, from the row if it has one, else from the form.
    pub fn get(&self, id: &str) -> Option<&'a Answer> {
        self.row.and_then(|r| r.get(id)).or_else(|| self.form.get(id))
    }
}

/// Whether a `show_if` condition holds.
pub fn condition_holds(cond: &Condition, scope: &Scope) -> bool {
    let answer = scope.get(&cond.field).filter(|a| !a.is_empty());
    if let Some(want) = &cond.equals {
        return answer.is_some_and(|a| a.matches(want));
    }
    if !cond.one_of.is_empty() {
        return answer.is_some_and(|a| cond.one_of.iter().any(|v| a.matches(v)));
    }
    match cond.filled {
        Some(filled) => answer.is_some() == filled,
        None => true,
    }
}

/// Whether `field` is shown in `scope`.
pub fn field_shown(field: &Field, scope: &Scope) -> bool {
    field.show_if.as_ref().is_none_or(|c| condition_holds(c, scope))
}

/// The sections that apply, in order.
pub fn visible_sections<'f>(form: &'f FormDef, answers: &Answers) -> Vec<&'f Section> {
    let scope = Scope { form: answers, row: None };
    form.sections.iter().filter(|s| s.show_if.as_ref().is_none_or(|c| condition_holds(c, &scope))).collect()
}

/// The applicable section after `current`, or `None` at the end (check answers).
pub fn next_section<'f>(form: &'f FormDef, answers: &Answers, current: &str) -> Option<&'f Section> {
    let visible = visible_sections(form, answers);
    let at = form.sections.iter().position(|s| s.id == current)?;
    visible.into_iter().find(|s| form.sections.iter().position(|x| x.id == s.id) > Some(at))
}

/// The applicable section before `current`, or `None` at the start.
pub fn previous_section<'f>(form: &'f FormDef, answers: &Answers, current: &str) -> Option<&'f Section> {
    let visible = visible_sections(form, answers);
    let at = form.sections.iter().position(|s| s.id == current)?;
    visible.into_iter().rev().find(|s| form.sections.iter().position(|x| x.id == s.id) < Some(at))
}

/// One row of "check your answers".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    /// Field id (the change link goes to its section and focuses it).
    pub field: String,
    /// The question.
    pub label: String,
    /// The answer as a citizen reads it, one line per entry.
    pub lines: Vec<String>,
}

/// One section of "check your answers".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummarySection {
    /// Section id.
    pub section: String,
    /// Section title.
    pub title: String,
    /// Its answered-or-not rows.
    pub rows: Vec<SummaryRow>,
}

/// The rows of "check your answers": every shown field of every applicable
/// section, declarations left out (they are ticked on submit).
pub fn summary(form: &FormDef, answers: &Answers, lang: Lang) -> Vec<SummarySection> {
    let scope = Scope { form: answers, row: None };
    visible_sections(form, answers)
        .into_iter()
        .map(|s| SummarySection {
            section: s.id.clone(),
            title: s.title.get(lang).to_string(),
            rows: s
                .fields
                .iter()
                .filter(|f| f.kind != FieldKind::Declaration && field_shown(f, &scope))
                .map(|f| SummaryRow {
                    field: f.id.clone(),
                    label: f.label.get(lang).to_string(),
                    lines: display_lines(f, scope.get(&f.id), &scope, lang),
                })
                .collect(),
        })
        .collect()
}

/// An answer as a citizen reads it: option labels, "Có"/"Không", the address
/// in one line, one line per group row.
pub fn display_lines(field: &Field, answer: Option<&Answer>, scope: &Scope, lang: Lang) -> Vec<String> {
    let Some(answer) = answer.filter(|a| !a.is_empty()) else {
        return vec![ui(Ui::NotProvided, lang).to_string()];
    };
    match answer {
        Answer::Text(t) => vec![display_text(field, t, lang)],
        Answer::Many(vs) => vs.iter().map(|v| display_text(field, v, lang)).collect(),
        Answer::Address(a) => {
            let parts: Vec<&str> = [a.street.trim(), a.ward_name.as_str(), a.province_name.as_str()]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            vec![parts.join(", ")]
        }
        Answer::Rows(rows) => rows
            .iter()
            .map(|row| {
                let rs = Scope { form: scope.form, row: Some(row) };
                field
                    .fields
                    .iter()
                    .filter(|c| field_shown(c, &rs) && row.get(&c.id).is_some_and(|a| !a.is_empty()))
                    .map(|c| display_lines(c, row.get(&c.id), &rs, lang).join(", "))
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .collect(),
        Answer::Files(files) => files
            .iter()
            .map(|f| match &f.stored {
                Some(_) => format!(
                    "{} ({})",
                    f.name,
                    crate::messages::results::r(crate::messages::results::R::FromStore, lang)
                ),
                None => format!("{} ({})", f.name, human_size(f.size)),
            })
            .collect(),
    }
}

fn display_text(field: &Field, value: &str, lang: Lang) -> String {
    match field.kind {
        FieldKind::YesNo => match value {
            "yes" => ui(Ui::Yes, lang).to_string(),
            "no" => ui(Ui::No, lang).to_string(),
            other => other.to_string(),
        },
        k if k.has_options() => field.choice(value).map_or(value.to_string(), |c| c.label.get(lang).to_string()),
        _ => value.to_string(),
    }
}

/// `1,5 MB`, `320 KB`: sizes as a citizen reads them.
pub fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        let tenths = bytes * 10 / (1024 * 1024);
        format!("{},{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
