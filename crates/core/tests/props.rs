//! Property tests: the validators never panic, whatever the string.

use proptest::prelude::*;
use tokhai_core::rules::{check_personal_id, is_valid_email, is_valid_person_name, normalize_phone};
use tokhai_core::validate::{normalize, validate_form};
use tokhai_core::{Answer, Answers, Date, FieldKind, FormDef};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn string_checks_never_panic(s in "\\PC{0,80}") {
        let _ = Date::parse(&s);
        let _ = normalize_phone(&s);
        let _ = is_valid_email(&s);
        let _ = is_valid_person_name(&s);
        let _ = check_personal_id(&s, Date::new(1990, 1, 1), None, Date { year: 2026, month: 11, day: 24 });
        for k in FieldKind::ALL {
            let _ = normalize(k, &s);
        }
    }

    #[test]
    fn a_normalised_phone_is_always_valid_again(s in "(\\+84|84|0)[35789][0-9 .]{8,12}") {
        if let Some(p) = normalize_phone(&s) {
            prop_assert_eq!(normalize_phone(&p), Some(p.clone()));
            prop_assert_eq!(p.len(), 10);
        }
    }

    #[test]
    fn any_answer_to_any_ct01_field_never_panics(field_ix in 0usize..40, s in "\\PC{0,60}") {
        let form = ct01_resolved();
        let ids: Vec<String> = form.sections.iter().flat_map(|x| x.fields.iter().map(|f| f.id.clone())).collect();
        let mut a = Answers::new();
        a.insert(ids[field_ix % ids.len()].clone(), Answer::Text(s));
        let _ = validate_form(&form, &a, Date::new(2026, 11, 24).unwrap());
    }

    #[test]
    fn valid_dates_round_trip(y in 1900i32..2100, m in 1u8..=12, d in 1u8..=31) {
        if let Some(date) = Date::new(y, m, d) {
            prop_assert_eq!(Date::parse(&date.to_string()), Some(date));
        }
    }
}

/// CT01 as the app receives it: fragments expanded.
fn ct01_resolved() -> FormDef {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    let fragments = tokhai_core::resolve::disk::fragments(&dir).unwrap();
    tokhai_core::resolve::resolve(&std::fs::read_to_string(dir.join("dang-ky-thuong-tru.json")).unwrap(), &fragments)
        .unwrap()
}
