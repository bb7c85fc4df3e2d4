//! Generated per form (not written 53 times): every definition in forms/ is
//! complete in both languages, a full sample answer set validates clean, and
//! an empty submission gives exactly the "required" errors of the shown
//! required fields.

use std::path::Path;
use tokhai_core::identity::Citizen;
use tokhai_core::journey::{field_shown, visible_sections, Scope};
use tokhai_core::sample::sample_answers;
use tokhai_core::validate::validate_form;
use tokhai_core::{Answers, Date, ErrorKey, FieldKind, FormDef};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn forms() -> Vec<FormDef> {
    tokhai_core::resolve::disk::all_forms(&root().join("forms")).unwrap_or_else(|e| panic!("{e}"))
}

fn citizen(file: &str) -> Citizen {
    serde_json::from_str(&std::fs::read_to_string(root().join("seeds/citizens").join(file)).unwrap()).unwrap()
}

fn today() -> Date {
    Date::new(2026, 11, 24).unwrap()
}

#[test]
fn a_complete_sample_validates_clean_for_every_form_and_several_citizens() {
    for form in forms() {
        for who in ["nguyen-van-an.json", "hoang-thi-lan.json", "giang-a-pao.json", "trinh-minh-quan.json"] {
            let answers = sample_answers(&form, &citizen(who), today());
            let errors = validate_form(&form, &answers, today());
            assert!(errors.is_empty(), "{} with {who}: {errors:?}", form.id);
        }
    }
}

#[test]
fn an_empty_submission_asks_for_exactly_the_required_shown_fields() {
    for form in forms() {
        let empty = Answers::new();
        let got = validate_form(&form, &empty, today());
        let scope = Scope { form: &empty, row: None };
        let mut want = Vec::new();
        for s in visible_sections(&form, &empty) {
            for f in s.fields.iter().filter(|f| field_shown(f, &scope)) {
                let (path, key) = match f.kind {
                    FieldKind::Declaration if f.required => (f.id.clone(), ErrorKey::DeclarationRequired),
                    FieldKind::Address if f.required => (format!("{}.province", f.id), ErrorKey::AddressProvince),
                    FieldKind::Group if f.required || f.min_rows.unwrap_or(0) > 0 => {
                        (f.id.clone(), ErrorKey::TooFewRows { min: f.min_rows.filter(|m| *m > 0).unwrap_or(1) })
                    }
                    _ if f.required && f.kind != FieldKind::Group => (f.id.clone(), ErrorKey::Required),
                    _ => continue,
                };
                want.push((path, key));
            }
        }
        let got: Vec<_> = got.into_iter().map(|e| (e.path.to_string(), e.error)).collect();
        assert_eq!(got, want, "{}", form.id);
    }
}

#[test]
fn every_form_speaks_both_languages_everywhere() {
    for form in forms() {
        let mut texts = vec![&form.title, &form.agency, &form.legal_basis];
        for s in &form.sections {
            texts.push(&s.title);
            for f in s.fields.iter().flat_map(|f| std::iter::once(f).chain(f.fields.iter())) {
                texts.push(&f.label);
                texts.extend(f.hint.iter());
                texts.extend(f.options.iter().map(|o| &o.label));
            }
        }
        for t in texts {
            assert!(!t.vi.trim().is_empty() && !t.en.trim().is_empty(), "{}: {t:?}", form.id);
        }
    }
}
