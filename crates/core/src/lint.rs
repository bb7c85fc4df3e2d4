//! The form linter: everything that would break a form for a citizen, found
//! when the definition is loaded in a test rather than in a browser.

use crate::schema::{Condition, Field, FieldKind, FormDef, Rule, Text};
use std::collections::HashSet;

/// Every problem of a definition, as readable sentences naming the place.
pub fn lint(form: &FormDef) -> Vec<String> {
    let mut out = Vec::new();
    if !is_slug(&form.id) {
        out.push(format!("form id {:?} is not a lowercase slug", form.id));
    }
    check_text(&mut out, "title", &form.title);
    check_text(&mut out, "agency", &form.agency);
    check_text(&mut out, "legal_basis", &form.legal_basis);
    if form.sections.is_empty() {
        out.push("form has no sections".into());
    }
    let top_ids: Vec<&str> = form.sections.iter().flat_map(|s| s.fields.iter().map(|f| f.id.as_str())).collect();
    if let Some(l) = &form.linked {
        lint_linked(&mut out, form, l);
    }
    if let Some(p) = &form.print {
        lint_print(&mut out, form, p, &top_ids);
    }
    let mut seen_sections = HashSet::new();
    let mut seen_fields = HashSet::new();
    for s in &form.sections {
        let place = format!("section {}", s.id);
        if !is_slug(&s.id) {
            out.push(format!("{place}: id is not a lowercase slug"));
        }
        if !seen_sections.insert(s.id.as_str()) {
            out.push(format!("{place}: duplicate section id"));
        }
        check_text(&mut out, &format!("{place} title"), &s.title);
        if let Some(t) = &s.intro {
            check_text(&mut out, &format!("{place} intro"), t);
        }
        if s.fields.is_empty() {
            out.push(format!("{place}: no fields"));
        }
        if let Some(c) = &s.show_if {
            check_condition(&mut out, &place, c, &top_ids, &[]);
        }
        for f in &s.fields {
            if !seen_fields.insert(f.id.as_str()) {
                out.push(format!("field {}: duplicate field id", f.id));
            }
            lint_field(&mut out, form, f, &top_ids, None);
        }
    }
    out
}

/// A print layout: its texts in both languages and every field it names a
/// top-level field of the right kind.
fn lint_print(out: &mut Vec<String>, form: &FormDef, p: &crate::schema::PrintLayout, top: &[&str]) {
    for (name, t) in [("code", &p.code), ("title", &p.title), ("provenance", &p.provenance)] {
        if let Some(t) = t {
            check_text(out, &format!("print {name}"), t);
        }
    }
    for (i, n) in p.notes.iter().enumerate() {
        check_text(out, &format!("print notes[{i}]"), n);
    }
    let kind_of = |id: &str| form.field(id).map(|f| f.kind);
    for id in &p.omit {
        if !top.contains(&id.as_str()) {
            out.push(format!("print: omit names missing field {id:?}"));
        }
    }
    if let Some(to) = &p.to {
        check_text(out, "print to prefix", &to.prefix);
        for id in &to.fields {
            if kind_of(id) != Some(FieldKind::Address) {
                out.push(format!("print: to names {id:?}, which is not a top-level address field"));
            }
        }
    }
    for (i, c) in p.signatures.iter().enumerate() {
        let place = format!("print signatures[{i}]");
        check_text(out, &format!("{place} title"), &c.title);
        if let Some(h) = &c.hint {
            check_text(out, &format!("{place} hint"), h);
        }
        if let Some(id) = &c.name {
            if !matches!(kind_of(id), Some(FieldKind::Text)) {
                out.push(format!("{place}: name names {id:?}, which is not a top-level text field"));
            }
        }
        if let Some(id) = &c.id {
            if kind_of(id) != Some(FieldKind::PersonalId) {
                out.push(format!("{place}: id names {id:?}, which is not a top-level personal ID field"));
            }
        }
        if let Some(w) = &c.when {
            check_condition(out, &place, w, top, &[]);
        }
    }
}

/// A linked form: a known group, a top-level checkbox choosing its parts
/// whose options are exactly the group's parts other than the registration,
/// and every `show_if` on that checkbox naming one of them.
fn lint_linked(out: &mut Vec<String>, form: &FormDef, l: &crate::schema::Linked) {
    use crate::linked::{GroupId, PartId};
    let Some(group) = GroupId::from_key(&l.group) else {
        out.push(format!("linked: unknown group {:?}", l.group));
        return;
    };
    let Some(f) = form.field(&l.choice) else {
        out.push(format!("linked: choice names missing field {:?}", l.choice));
        return;
    };
    if f.kind != FieldKind::Checkbox {
        out.push(format!("linked: choice field {:?} is not a checkbox", l.choice));
    }
    let want: Vec<&str> = group.parts().into_iter().filter(|d| !d.id.is_registration()).map(|d| d.id.key()).collect();
    let have: Vec<&str> = f.options.iter().map(|o| o.value.as_str()).collect();
    for v in &have {
        if !want.contains(v) {
            out.push(format!("linked: option {v:?} is not a part of group {}", l.group));
        }
    }
    for v in &want {
        if !have.contains(v) {
            out.push(format!("linked: choice offers no option for part {v:?}"));
        }
    }
    let conditions =
        form.sections.iter().filter_map(|s| s.show_if.as_ref().map(|c| (format!("section {}", s.id), c))).chain(
            form.sections
                .iter()
                .flat_map(|s| s.fields.iter())
                .filter_map(|f| f.show_if.as_ref().map(|c| (format!("field {}", f.id), c))),
        );
    for (place, c) in conditions.filter(|(_, c)| c.field == l.choice) {
        for v in c.equals.iter().chain(c.one_of.iter()) {
            if PartId::from_key(v).is_none_or(|p| !want.contains(&p.key())) {
                out.push(format!("{place}: show_if names {v:?}, not a part of group {}", l.group));
            } else if !have.contains(&v.as_str()) {
                out.push(format!("{place}: show_if names {v:?}, which the choice does not offer"));
            }
        }
    }
}

fn check_text(out: &mut Vec<String>, place: &str, t: &Text) {
    if t.vi.trim().is_empty() {
        out.push(format!("{place}: missing vi text"));
    }
    if t.en.trim().is_empty() {
        out.push(format!("{place}: missing en text"));
    }
}

/// What a form, section or field id may be: lower-case ASCII letters, digits,
/// `-` and `_`, starting with a letter (so an id is always safe in a path).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        && s.as_bytes()[0].is_ascii_lowercase()
}

fn check_condition(out: &mut Vec<String>, place: &str, c: &Condition, top: &[&str], siblings: &[&str]) {
    if !top.contains(&c.field.as_str()) && !siblings.contains(&c.field.as_str()) {
        out.push(format!("{place}: show_if names missing field {:?}", c.field));
    }
    let set = usize::from(c.equals.is_some()) + usize::from(!c.one_of.is_empty()) + usize::from(c.filled.is_some());
    if set != 1 {
        out.push(format!("{place}: show_if needs exactly one of equals, one_of, filled"));
    }
}

fn lint_field(out: &mut Vec<String>, form: &FormDef, f: &Field, top: &[&str], group: Option<&Field>) {
    let place = match group {
        Some(g) => format!("field {}.{}", g.id, f.id),
        None => format!("field {}", f.id),
    };
    if !is_slug(&f.id) {
        out.push(format!("{place}: id is not a lowercase slug"));
    }
    check_text(out, &format!("{place} label"), &f.label);
    if let Some(h) = &f.hint {
        check_text(out, &format!("{place} hint"), h);
    }
    let siblings: Vec<&str> = group.map(|g| g.fields.iter().map(|c| c.id.as_str()).collect()).unwrap_or_default();
    if let Some(c) = &f.show_if {
        check_condition(out, &place, c, top, &siblings);
        if c.field == f.id {
            out.push(format!("{place}: show_if names the field itself"));
        }
    }
    // Options
    if f.kind.has_options() {
        if f.options.is_empty() {
            out.push(format!("{place}: {:?} needs options", f.kind));
        }
        let mut vals = HashSet::new();
        for o in &f.options {
            if !vals.insert(o.value.as_str()) {
                out.push(format!("{place}: duplicate option value {:?}", o.value));
            }
            check_text(out, &format!("{place} option {}", o.value), &o.label);
        }
    } else if !f.options.is_empty() {
        out.push(format!("{place}: options given to a {:?} field", f.kind));
    }
    // Groups
    if f.kind == FieldKind::Group {
        if group.is_some() {
            out.push(format!("{place}: groups cannot nest"));
        }
        if f.fields.is_empty() {
            out.push(format!("{place}: group has no columns"));
        }
        if let (Some(min), Some(max)) = (f.min_rows, f.max_rows) {
            if min > max {
                out.push(format!("{place}: min_rows {min} > max_rows {max}"));
            }
        }
        if f.max_rows.is_none() {
            out.push(format!("{place}: group needs max_rows"));
        }
        let mut ids = HashSet::new();
        for c in &f.fields {
            if !ids.insert(c.id.as_str()) {
                out.push(format!("{place}: duplicate column id {:?}", c.id));
            }
            lint_field(out, form, c, top, Some(f));
        }
    } else if !f.fields.is_empty() || f.min_rows.is_some() || f.max_rows.is_some() {
        out.push(format!("{place}: columns or rows given to a {:?} field", f.kind));
    }
    // Files
    if f.kind == FieldKind::File {
        if f.accept.is_empty() {
            out.push(format!("{place}: file field needs accept"));
        }
        if f.max_bytes.is_none() {
            out.push(format!("{place}: file field needs max_bytes"));
        }
    } else if !f.accept.is_empty() || f.max_bytes.is_some() || f.max_files.is_some() || !f.reuse.is_empty() {
        out.push(format!("{place}: file settings given to a {:?} field", f.kind));
    }
    // Rules fit the kind and name real fields
    let exists = |id: &str| top.contains(&id) || siblings.contains(&id);
    let is_date = |id: &str| {
        group
            .and_then(|g| g.fields.iter().find(|c| c.id == id))
            .or_else(|| form.field(id))
            .is_some_and(|x| x.kind == FieldKind::Date)
    };
    for r in &f.rules {
        let fits = match r {
            Rule::MinLength { .. } | Rule::MaxLength { .. } | Rule::PersonName | Rule::Digits => {
                matches!(f.kind, FieldKind::Text | FieldKind::LongText)
            }
            Rule::Min { .. } | Rule::Max { .. } => f.kind == FieldKind::Number,
            Rule::NotFuture | Rule::NotPast | Rule::MinAge { .. } | Rule::MaxAge { .. } => f.kind == FieldKind::Date,
            Rule::After { field } | Rule::Before { field } => {
                if !exists(field) || !is_date(field) {
                    out.push(format!("{place}: rule names {field:?}, which is not a date field"));
                }
                f.kind == FieldKind::Date
            }
            Rule::IdMatches { dob, sex } => {
                for id in dob.iter().chain(sex.iter()) {
                    if !exists(id) {
                        out.push(format!("{place}: id_matches names missing field {id:?}"));
                    }
                }
                f.kind == FieldKind::PersonalId
            }
        };
        if !fits {
            out.push(format!("{place}: rule {r:?} does not apply to a {:?} field", f.kind));
        }
    }
    if let Some(p) = f.prefill.as_ref().filter(|p| p.source != crate::sources::Source::Population) {
        use crate::sources::PathKind;
        match p.source.path(&p.claim) {
            None => out.push(format!(
                "{place}: prefill claim {:?} is not something the {} source gives",
                p.claim,
                p.source.key()
            )),
            Some(sp) => {
                if group.is_some() || f.kind == FieldKind::Group {
                    out.push(format!("{place}: only population can prefill a group or its columns"));
                } else if (sp.kind == PathKind::Address) != (f.kind == FieldKind::Address) {
                    out.push(format!("{place}: prefill claim {:?} does not fit a {:?} field", p.claim, f.kind));
                }
            }
        }
        if matches!(f.kind, FieldKind::File | FieldKind::Declaration | FieldKind::Checkbox) {
            out.push(format!("{place}: a {:?} field cannot be prefilled", f.kind));
        }
    } else if let Some(p) = &f.prefill {
        use crate::prefill::{CLAIM_PATHS, PERSON_KEYS};
        let people = ["family.children", "household.members"];
        let known = match (group, f.kind) {
            (Some(g), _) => g.prefill.is_some() && PERSON_KEYS.contains(&p.claim.as_str()),
            (None, FieldKind::Group) => people.contains(&p.claim.as_str()),
            (None, _) => CLAIM_PATHS.contains(&p.claim.as_str()) && !people.contains(&p.claim.as_str()),
        };
        if !known {
            out.push(format!("{place}: prefill claim {:?} is not something the registry holds here", p.claim));
        }
        if matches!(f.kind, FieldKind::File | FieldKind::Declaration) {
            out.push(format!("{place}: a {:?} field cannot be prefilled", f.kind));
        }
    }
}
