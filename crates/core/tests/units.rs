//! The generated administrative-unit data matches the structure in force since 1 July 2025.

use std::collections::HashSet;
use std::path::PathBuf;
use tokhai_core::units::parse_units;

#[test]
fn there_are_34_provinces_and_3321_wards_each_file_present() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/units");
    let provinces = parse_units(&std::fs::read_to_string(dir.join("provinces.json")).unwrap()).unwrap();
    assert_eq!(provinces.len(), 34);
    assert!(provinces.iter().any(|p| p.name == "Thành phố Hồ Chí Minh"));
    let mut total = 0;
    let mut codes = HashSet::new();
    for p in &provinces {
        assert_eq!(p.code.len(), 2, "{p:?}");
        let wards = parse_units(&std::fs::read_to_string(dir.join(format!("{}.json", p.code))).unwrap()).unwrap();
        assert!(!wards.is_empty(), "{} has no wards", p.name);
        for w in &wards {
            assert_eq!(w.code.len(), 5);
            assert!(codes.insert(w.code.clone()), "duplicate ward {}", w.code);
            assert!(!w.name.trim().is_empty());
        }
        total += wards.len();
    }
    assert_eq!(total, 3321);
}

#[test]
fn corrupt_unit_data_is_an_error_not_a_panic() {
    assert!(parse_units("[{\"code\":1}]").is_err());
    assert!(parse_units("").is_err());
}
