//! Prefill per form and per seed citizen: registry values land in the right
//! fields, validate clean, and every form saves at least 20 % of declared fields.

use std::fs;
use std::path::{Path, PathBuf};
use tokhai_core::identity::Citizen;
use tokhai_core::journey::Scope;
use tokhai_core::prefill::{
    coverage, declared_fields, people_for, prefill, recheck_locked, row_from_person, Provenance,
};
use tokhai_core::validate::validate_field;
use tokhai_core::FieldPath;
use tokhai_core::{Answer, Date, FormDef};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seeds() -> Vec<(String, Citizen)> {
    let mut out = Vec::new();
    for e in fs::read_dir(root().join("seeds/citizens")).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().unwrap() == "index.json" {
            continue;
        }
        let c: Citizen = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
        out.push((p.file_name().unwrap().to_string_lossy().to_string(), c));
    }
    assert!(out.len() >= 10);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn forms() -> Vec<FormDef> {
    tokhai_core::resolve::disk::all_forms(&root().join("forms")).unwrap_or_else(|e| panic!("{e}"))
}

fn typical() -> Citizen {
    let index: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("seeds/citizens/index.json")).unwrap()).unwrap();
    let file = index[0]["file"].as_str().unwrap();
    serde_json::from_str(&fs::read_to_string(root().join("seeds/citizens").join(file)).unwrap()).unwrap()
}

fn today() -> Date {
    Date::new(2026, 11, 24).unwrap()
}

#[test]
fn every_form_saves_at_least_20_percent_for_a_typical_citizen() {
    let c = typical();
    for form in forms() {
        let cov = coverage(&form, &c);
        assert!(cov.percent() >= 20, "{}: {}/{} = {}%", form.id, cov.prefilled, cov.declared, cov.percent());
    }
}

#[test]
fn ct01_prefill_maps_the_registry_for_every_seed_and_validates_clean() {
    let form = forms().into_iter().find(|f| f.id == "dang-ky-thuong-tru").unwrap();
    for (file, c) in seeds() {
        let (answers, provenance) = prefill(&form, &c);
        assert_eq!(answers.get("ho_ten"), Some(&Answer::Text(c.identity.full_name.clone())), "{file}");
        assert_eq!(answers.get("so_dinh_danh"), Some(&Answer::Text(c.identity.personal_id.clone())), "{file}");
        assert_eq!(answers.get("ngay_sinh"), Some(&Answer::Text(c.identity.birth_date.clone())), "{file}");
        assert_eq!(answers.get("gioi_tinh"), Some(&Answer::Text(c.identity.sex.clone())), "{file}");
        assert_eq!(answers.get("dien_thoai").map(|a| a.text().to_string()), c.contact.phone.clone(), "{file}");
        assert_eq!(answers.get("email").map(|a| a.text().to_string()), c.contact.email.clone(), "{file}");
        assert!(provenance.values().all(|p| *p == Provenance::Registry));
        // Every prefilled answer passes its own field's rules (IDs agree with birth date and sex…).
        let scope = Scope { form: &answers, row: None };
        for id in answers.keys() {
            let field = form.field(id).unwrap();
            let mut errs = Vec::new();
            validate_field(field, &scope, today(), &FieldPath::field(id), &mut errs);
            assert!(errs.is_empty(), "{file}: {id} {errs:?}");
        }
        // Household members become rows that validate clean too.
        let group = form.field("thanh_vien").unwrap();
        for person in people_for(group, &c) {
            let row = row_from_person(group, person);
            let row_scope = Scope { form: &answers, row: Some(&row) };
            for col in &group.fields {
                let mut errs = Vec::new();
                validate_field(col, &row_scope, today(), &FieldPath::field(&col.id), &mut errs);
                assert!(errs.is_empty(), "{file}: member {} {}: {errs:?}", person.full_name, col.id);
            }
        }
    }
}

#[test]
fn coverage_counts_declared_fields_like_the_paper_template() {
    let form = forms().into_iter().find(|f| f.id == "dang-ky-thuong-tru").unwrap();
    let ids: Vec<&str> = declared_fields(&form).iter().map(|f| f.id.as_str()).collect();
    assert!(
        !ids.contains(&"cam_doan") && !ids.contains(&"giay_to_cho_o"),
        "declaration and files are not declared fields"
    );
    assert_eq!(ids.iter().filter(|i| **i == "ho_ten").count(), 2, "the person and one household row");
    assert_eq!(ids.len(), 22);
    let cov = coverage(&form, &typical());
    // He is the head himself: "chu_ho" is not a choice of "relationship to the head", so it is asked.
    assert_eq!((cov.prefilled, cov.declared), (13, 22));
}

#[test]
fn locked_answers_changed_on_the_page_are_found_at_submission() {
    let form = forms().into_iter().find(|f| f.id == "dang-ky-thuong-tru").unwrap();
    let c = typical();
    let (mut answers, provenance) = prefill(&form, &c);
    assert!(recheck_locked(&form, &answers, &provenance, &c).is_empty());
    answers.insert("so_dinh_danh".into(), Answer::Text("001090099999".into()));
    answers.insert("dien_thoai".into(), Answer::Text("0987654321".into())); // editable: allowed
    assert_eq!(recheck_locked(&form, &answers, &provenance, &c), vec!["so_dinh_danh".to_string()]);
}
