//! Shared definition fragments. Services that share a template (CT01 for the
//! residence services, the hộ tịch requester) write the shared part once in
//! `forms/fragments/{name}.json` and `use` it with per-service differences:
//!
//! - in `sections`: `{"use": "x", "id"?, "title"?, "intro"?, "show_if"?,
//!   "omit"?: [ids], "override"?: {id: {keys…}}, "append"?: [fields]}` where
//!   fragment `x` is `{"section": {…}}`;
//! - in a section's `fields`: `{"use": "x", "prefix"?: "me_", "omit"?,
//!   "override"?}` where `x` is `{"fields": […]}`. `prefix` renames the
//!   fragment's field ids and the references between them.
//!
//! `omit` and `override` name the fragment's own (unprefixed) ids. Fragments
//! cannot use fragments. Resolution happens natively (`build-forms`), so the
//! browser only ever reads complete definitions.

use crate::schema::{FormDef, LoadError};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Fragments by name.
pub type Fragments = BTreeMap<String, Value>;

fn err<T>(msg: impl Into<String>) -> Result<T, LoadError> {
    Err(LoadError(msg.into()))
}

fn fragment<'a>(fragments: &'a Fragments, name: &str, kind: &str) -> Result<&'a Value, LoadError> {
    let f = fragments.get(name).ok_or_else(|| LoadError(format!("unknown fragment {name:?}")))?;
    let part = f.get(kind).ok_or_else(|| LoadError(format!("fragment {name:?} has no {kind:?}")))?;
    let items = match part {
        Value::Array(fields) => fields.clone(),
        section => section.get("fields").and_then(Value::as_array).cloned().unwrap_or_default(),
    };
    if items.iter().any(|f| f.get("use").is_some()) {
        return err(format!("fragment {name:?} uses another fragment"));
    }
    Ok(part)
}

fn field_id(f: &Value) -> Option<&str> {
    f.get("id").and_then(Value::as_str)
}

/// Applies `omit` and `override` (keyed by fragment ids) to a list of fields.
fn adjust(fields: &mut Vec<Value>, item: &Map<String, Value>, place: &str) -> Result<(), LoadError> {
    if let Some(omit) = item.get("omit") {
        let omit: Vec<&str> = omit.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        for id in &omit {
            if !fields.iter().any(|f| field_id(f) == Some(id)) {
                return err(format!("{place}: omit names {id:?}, which the fragment does not have"));
            }
        }
        fields.retain(|f| !field_id(f).is_some_and(|id| omit.contains(&id)));
    }
    if let Some(over) = item.get("override") {
        let over = over.as_object().ok_or_else(|| LoadError(format!("{place}: override must be an object")))?;
        for (id, keys) in over {
            let f = fields.iter_mut().find(|f| field_id(f) == Some(id)).ok_or_else(|| {
                LoadError(format!("{place}: override names {id:?}, which the fragment does not have"))
            })?;
            let keys =
                keys.as_object().ok_or_else(|| LoadError(format!("{place}: override of {id:?} must be an object")))?;
            for (k, v) in keys {
                if k == "id" {
                    return err(format!("{place}: override cannot change an id"));
                }
                f[k] = v.clone();
            }
        }
    }
    Ok(())
}

/// Renames the fragment's ids with `prefix`, and the references to them
/// (`show_if.field`, `after`/`before` rules, `id_matches` dob/sex).
fn rename(fields: &mut [Value], local: &[String], prefix: &str) {
    let re = |v: &mut Value| {
        if let Some(s) = v.as_str() {
            if local.iter().any(|l| l == s) {
                *v = Value::String(format!("{prefix}{s}"));
            }
        }
    };
    for f in fields.iter_mut() {
        if let Some(id) = f.get_mut("id") {
            re(id);
        }
        if let Some(target) = f.get_mut("show_if").and_then(|c| c.get_mut("field")) {
            re(target);
        }
        if let Some(rules) = f.get_mut("rules").and_then(Value::as_array_mut) {
            for r in rules {
                for key in ["field", "dob", "sex"] {
                    if let Some(v) = r.get_mut(key) {
                        re(v);
                    }
                }
            }
        }
    }
}

fn keys_allowed(item: &Map<String, Value>, allowed: &[&str], place: &str) -> Result<(), LoadError> {
    match item.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => err(format!("{place}: unknown key {k:?} in a use")),
        None => Ok(()),
    }
}

fn resolve_fields(fields: &[Value], fragments: &Fragments, place: &str) -> Result<Vec<Value>, LoadError> {
    let mut out = Vec::new();
    for f in fields {
        let Some(item) = f.as_object().filter(|o| o.contains_key("use")) else {
            out.push(f.clone());
            continue;
        };
        keys_allowed(item, &["use", "prefix", "omit", "override"], place)?;
        let name = item["use"].as_str().unwrap_or_default();
        let mut got: Vec<Value> = fragment(fragments, name, "fields")?
            .as_array()
            .cloned()
            .ok_or_else(|| LoadError(format!("fragment {name:?}: fields must be a list")))?;
        // Every id the fragment defines, omitted ones included, so a reference
        // to an omitted field is renamed too (and the linter reports it).
        let local: Vec<String> = got.iter().filter_map(field_id).map(String::from).collect();
        adjust(&mut got, item, &format!("{place} use {name:?}"))?;
        if let Some(prefix) = item.get("prefix").and_then(Value::as_str) {
            rename(&mut got, &local, prefix);
        }
        out.extend(got);
    }
    Ok(out)
}

/// Expands every `use` of a form definition with `fragments`.
pub fn expand(form: &Value, fragments: &Fragments) -> Result<Value, LoadError> {
    let mut form = form.clone();
    let sections = form.get("sections").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut out = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        let place = format!("sections[{i}]");
        let mut section = match s.as_object().filter(|o| o.contains_key("use")) {
            Some(item) => {
                keys_allowed(item, &["use", "id", "title", "intro", "show_if", "omit", "override", "append"], &place)?;
                let name = item["use"].as_str().unwrap_or_default();
                let mut section = fragment(fragments, name, "section")?.clone();
                for key in ["id", "title", "intro", "show_if"] {
                    if let Some(v) = item.get(key) {
                        section[key] = v.clone();
                    }
                }
                let mut fields = section.get("fields").and_then(Value::as_array).cloned().unwrap_or_default();
                adjust(&mut fields, item, &format!("{place} use {name:?}"))?;
                if let Some(extra) = item.get("append").and_then(Value::as_array) {
                    fields.extend(extra.iter().cloned());
                }
                section["fields"] = Value::Array(fields);
                section
            }
            None => s.clone(),
        };
        let fields = section.get("fields").and_then(Value::as_array).cloned().unwrap_or_default();
        section["fields"] = Value::Array(resolve_fields(&fields, fragments, &place)?);
        out.push(section);
    }
    form["sections"] = Value::Array(out);
    Ok(form)
}

/// Reads a definition that may `use` fragments.
pub fn resolve(json: &str, fragments: &Fragments) -> Result<FormDef, LoadError> {
    let value: Value = serde_json::from_str(json).map_err(|e| LoadError(e.to_string()))?;
    let expanded = expand(&value, fragments)?;
    serde_json::from_value(expanded).map_err(|e| LoadError(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn frags() -> Fragments {
        let mut f = Fragments::new();
        f.insert(
            "nguoi".into(),
            json!({ "fields": [
                { "id": "ten", "kind": "text", "label": { "vi": "Họ tên", "en": "Name" }, "required": true },
                { "id": "ngay_sinh", "kind": "date", "label": { "vi": "Ngày sinh", "en": "Birth" } },
                { "id": "so", "kind": "personal_id", "label": { "vi": "Số", "en": "ID" },
                  "rules": [{ "rule": "id_matches", "dob": "ngay_sinh" }], "show_if": { "field": "ten", "filled": true } }
            ]}),
        );
        f.insert(
            "trang".into(),
            json!({ "section": { "id": "goc", "title": { "vi": "Gốc", "en": "Base" }, "fields": [
                { "id": "a", "kind": "text", "label": { "vi": "A", "en": "A" } },
                { "id": "b", "kind": "text", "label": { "vi": "B", "en": "B" } }
            ]}}),
        );
        f
    }

    fn form(sections: Value) -> Value {
        json!({ "id": "thu", "template": "T", "version": 1, "title": { "vi": "T", "en": "T" },
                "agency": { "vi": "A", "en": "A" }, "legal_basis": { "vi": "L", "en": "L" }, "sections": sections })
    }

    #[test]
    fn fields_are_used_twice_with_prefixes_and_their_references_follow() {
        let f = form(json!([{ "id": "s", "title": { "vi": "S", "en": "S" }, "fields": [
            { "use": "nguoi", "prefix": "cha_" },
            { "use": "nguoi", "prefix": "me_", "omit": ["ngay_sinh"], "override": { "ten": { "required": false } } }
        ]}]));
        let def = resolve(&f.to_string(), &frags()).unwrap();
        let ids: Vec<&str> = def.sections[0].fields.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["cha_ten", "cha_ngay_sinh", "cha_so", "me_ten", "me_so"]);
        assert_eq!(def.sections[0].fields[2].show_if.as_ref().unwrap().field, "cha_ten");
        assert!(!def.sections[0].fields[3].required);
        let rule = format!("{:?}", def.sections[0].fields[2].rules[0]);
        assert!(rule.contains("cha_ngay_sinh"), "{rule}");
        // A reference to an omitted field keeps its name (the linter then reports it).
        assert!(format!("{:?}", def.sections[0].fields[4].rules[0]).contains("me_ngay_sinh"));
    }

    #[test]
    fn sections_are_used_with_their_own_id_title_and_extra_fields() {
        let f = form(json!([{ "use": "trang", "id": "moi", "omit": ["b"],
            "append": [{ "id": "c", "kind": "text", "label": { "vi": "C", "en": "C" } }] }]));
        let def = resolve(&f.to_string(), &frags()).unwrap();
        assert_eq!(def.sections[0].id, "moi");
        assert_eq!(def.sections[0].title.vi, "Gốc");
        let ids: Vec<&str> = def.sections[0].fields.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
    }

    #[test]
    fn mistakes_in_a_use_are_errors() {
        let cases = [
            (json!([{ "use": "khong-co" }]), "unknown fragment"),
            (json!([{ "use": "nguoi" }]), "has no \"section\""),
            (json!([{ "use": "trang", "omit": ["z"] }]), "does not have"),
            (json!([{ "use": "trang", "overide": {} }]), "unknown key"),
            (json!([{ "use": "trang", "override": { "a": { "id": "x" } } }]), "cannot change an id"),
        ];
        for (sections, needle) in cases {
            let e = resolve(&form(sections).to_string(), &frags()).unwrap_err().0;
            assert!(e.contains(needle), "{e}");
        }
    }
}

/// Reading `forms/` from disk (native tools and tests).
#[cfg(not(target_arch = "wasm32"))]
pub mod disk {
    use super::{resolve, Fragments};
    use crate::schema::{FormDef, LoadError};
    use std::path::{Path, PathBuf};

    /// Every `*.json` in `dir`, sorted.
    fn json_files(dir: &Path) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> =
            std::fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
        v.retain(|p| p.extension().is_some_and(|x| x == "json"));
        v.sort();
        v
    }

    /// `forms/fragments/*.json` by file stem.
    pub fn fragments(forms_dir: &Path) -> Result<Fragments, String> {
        let mut out = Fragments::new();
        for p in json_files(&forms_dir.join("fragments")) {
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
            out.insert(p.file_stem().unwrap_or_default().to_string_lossy().to_string(), value);
        }
        Ok(out)
    }

    /// The definition files of `forms/` (not the catalogue, not the schema).
    pub fn form_files(forms_dir: &Path) -> Vec<PathBuf> {
        json_files(forms_dir)
            .into_iter()
            .filter(|p| {
                let n = p.file_name().unwrap_or_default().to_string_lossy();
                !n.ends_with(".schema.json") && n != "catalog.json"
            })
            .collect()
    }

    /// A definition file and what loading it gave.
    pub type Loaded = (PathBuf, Result<FormDef, LoadError>);

    /// Every definition resolved, or the first that failed (`path: reason`).
    pub fn all_forms(forms_dir: &Path) -> Result<Vec<FormDef>, String> {
        forms(forms_dir)?.into_iter().map(|(p, r)| r.map_err(|e| format!("{}: {}", p.display(), e.0))).collect()
    }

    /// Writes `text` to `path` (making its folder) unless it holds exactly
    /// that already, so builds that watch the file see no change; whether it wrote.
    pub fn write_if_changed(path: &Path, text: &str) -> std::io::Result<bool> {
        if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
            return Ok(false);
        }
        std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
        std::fs::write(path, text)?;
        Ok(true)
    }

    /// Every definition, resolved with the fragments.
    pub fn forms(forms_dir: &Path) -> Result<Vec<Loaded>, String> {
        let fragments = fragments(forms_dir)?;
        Ok(form_files(forms_dir)
            .into_iter()
            .map(|p| {
                let r = std::fs::read_to_string(&p)
                    .map_err(|e| LoadError(e.to_string()))
                    .and_then(|t| resolve(&t, &fragments));
                (p, r)
            })
            .collect())
    }
}
