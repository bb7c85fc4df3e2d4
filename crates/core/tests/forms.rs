//! Every file in `forms/` loads and passes the linter, and the linter catches
//! the mistakes it is there for.

use std::fs;
use std::path::PathBuf;
use tokhai_core::lint::lint;
use tokhai_core::FormDef;

fn forms_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../forms")
}

fn form_files() -> Vec<PathBuf> {
    tokhai_core::resolve::disk::form_files(&forms_dir())
}

#[test]
fn every_form_loads_and_passes_the_linter() {
    let forms = tokhai_core::resolve::disk::forms(&forms_dir()).unwrap();
    assert!(!forms.is_empty(), "no form definitions found");
    let mut problems = Vec::new();
    for (path, result) in &forms {
        match result {
            Err(e) => problems.push(format!("{}: {}", path.display(), e.0)),
            Ok(form) => {
                let stem = path.file_stem().unwrap().to_string_lossy();
                if form.id != stem {
                    problems.push(format!("{}: id {:?} differs from the file name", path.display(), form.id));
                }
                problems.extend(lint(form).into_iter().map(|p| format!("{}: {p}", path.display())));
            }
        }
    }
    assert!(problems.is_empty(), "form problems:\n{}", problems.join("\n"));
}

/// CT01 with its fragments expanded, as JSON the tests can break on purpose.
fn ct01() -> serde_json::Value {
    let raw: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(forms_dir().join("dang-ky-thuong-tru.json")).unwrap()).unwrap();
    let fragments = tokhai_core::resolve::disk::fragments(&forms_dir()).unwrap();
    tokhai_core::resolve::expand(&raw, &fragments).unwrap()
}

fn lint_value(v: serde_json::Value) -> Result<Vec<String>, String> {
    let fragments = tokhai_core::resolve::disk::fragments(&forms_dir()).unwrap();
    tokhai_core::resolve::resolve(&v.to_string(), &fragments).map(|f| lint(&f)).map_err(|e| e.0)
}

#[test]
fn unknown_field_kind_fails_to_load() {
    let mut v = ct01();
    v["sections"][0]["fields"][0]["kind"] = "signature".into();
    let err = lint_value(v).unwrap_err();
    assert!(err.contains("unknown variant `signature`"), "{err}");
}

#[test]
fn unknown_key_fails_to_load() {
    let mut v = ct01();
    v["sections"][0]["fields"][0]["requried"] = true.into();
    assert!(lint_value(v).unwrap_err().contains("requried"));
}

#[test]
fn duplicate_ids_are_reported() {
    let mut v = ct01();
    v["sections"][0]["fields"][1]["id"] = "ho_ten".into();
    let p = lint_value(v).unwrap();
    assert!(p.iter().any(|m| m == "field ho_ten: duplicate field id"), "{p:?}");
}

#[test]
fn show_if_naming_a_missing_field_is_reported() {
    let mut v = ct01();
    v["sections"][1]["fields"][1]["show_if"]["field"] = "khong_co".into();
    let p = lint_value(v).unwrap();
    assert!(p.iter().any(|m| m.contains("show_if names missing field \"khong_co\"")), "{p:?}");
}

#[test]
fn missing_vi_or_en_text_is_reported() {
    let mut v = ct01();
    v["sections"][0]["fields"][0]["label"]["en"] = "".into();
    v["sections"][2]["title"]["vi"] = " ".into();
    let p = lint_value(v).unwrap();
    assert!(p.iter().any(|m| m == "field ho_ten label: missing en text"), "{p:?}");
    assert!(p.iter().any(|m| m == "section noi-dung title: missing vi text"), "{p:?}");
}

#[test]
fn rules_must_fit_their_kind_and_options_must_exist() {
    let mut v = ct01();
    v["sections"][0]["fields"][0]["rules"] = serde_json::json!([{ "rule": "min_age", "years": 14 }]);
    v["sections"][0]["fields"][2]["options"] = serde_json::json!([]);
    let p = lint_value(v).unwrap();
    assert!(p.iter().any(|m| m.starts_with("field ho_ten: rule MinAge")), "{p:?}");
    assert!(p.iter().any(|m| m == "field gioi_tinh: Radio needs options"), "{p:?}");
}

#[test]
fn the_browser_test_fixture_covers_every_kind_and_lints_clean() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/every-kind.json");
    let form = FormDef::from_json(&fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(lint(&form), Vec::<String>::new());
    for kind in tokhai_core::FieldKind::ALL {
        assert!(form.sections[0].fields.iter().any(|f| f.kind == kind), "{kind:?} missing");
    }
}

#[test]
fn stray_keys_on_a_rule_without_values_are_refused() {
    let mut v = ct01();
    v["sections"][0]["fields"][1]["rules"] = serde_json::json!([{ "rule": "not_future", "years": 5 }]);
    assert!(lint_value(v).unwrap_err().contains("years"));
}

#[test]
fn the_ct01_template_keeps_its_official_items() {
    // CT01 (TT 66/2023, re-issued by TT 116/2026): items 1–11 and the consent.
    let form = FormDef::from_json(&ct01().to_string()).unwrap();
    for id in [
        "ho_ten",
        "ngay_sinh",
        "gioi_tinh",
        "so_dinh_danh",
        "dien_thoai",
        "email",
        "chu_ho_ten",
        "quan_he_chu_ho",
        "chu_ho_so_dinh_danh",
        "noi_dung",
        "thanh_vien",
        "nguoi_dong_y_ten",
        "nguoi_dong_y_so_dinh_danh",
    ] {
        assert!(form.field(id).is_some(), "CT01 lacks {id}");
    }
}

#[test]
fn rules_missing_their_parameter_or_unnamed_are_refused() {
    for (rule, needle) in [
        (serde_json::json!({ "rule": "min_age" }), "needs `years`"),
        (serde_json::json!({ "rule": "max_length", "value": -1 }), "needs a count"),
        (serde_json::json!({ "value": 3 }), "needs \"rule\""),
        (serde_json::json!({ "rule": "id_matches" }), "needs `dob` or `sex`"),
        (serde_json::json!({ "rule": "after", "years": 3, "field": "x" }), "does not take `years`"),
    ] {
        let mut v = ct01();
        v["sections"][0]["fields"][1]["rules"] = serde_json::json!([rule]);
        let err = lint_value(v).unwrap_err();
        assert!(err.contains(needle), "{err}");
    }
}

#[test]
fn a_definition_survives_a_round_trip_through_json() {
    let form = FormDef::from_json(&ct01().to_string()).unwrap();
    let again = FormDef::from_json(&serde_json::to_string(&form).unwrap()).unwrap();
    assert_eq!(form, again);
}

#[test]
fn the_catalog_lists_exactly_the_forms_in_forms_dir() {
    let catalog =
        tokhai_core::schema::parse_catalog(&fs::read_to_string(forms_dir().join("catalog.json")).unwrap()).unwrap();
    let mut listed: Vec<String> = catalog.iter().map(|c| c.id.clone()).collect();
    listed.sort();
    let mut files: Vec<String> =
        form_files().iter().map(|p| p.file_stem().unwrap().to_string_lossy().to_string()).collect();
    files.sort();
    assert_eq!(listed, files);
    for entry in &catalog {
        let fragments = tokhai_core::resolve::disk::fragments(&forms_dir()).unwrap();
        let form = tokhai_core::resolve::resolve(
            &fs::read_to_string(forms_dir().join(format!("{}.json", entry.id))).unwrap(),
            &fragments,
        )
        .unwrap();
        assert_eq!(entry.template, form.template, "{}", entry.id);
        assert!(!entry.name.vi.is_empty() && !entry.name.en.is_empty());
    }
}

#[test]
fn prefill_claims_must_be_held_by_the_registry() {
    let mut v = ct01();
    v["sections"][0]["fields"][0]["prefill"]["claim"] = "identity.favourite_colour".into();
    let p = lint_value(v).unwrap();
    assert!(p.iter().any(|m| m.contains("identity.favourite_colour")), "{p:?}");
}
