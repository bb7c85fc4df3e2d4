//! Validation and journey over the real CT01 definition, table-driven.

use std::collections::BTreeMap;
use tokhai_core::journey::{next_section, previous_section, summary, visible_sections};
use tokhai_core::messages::describe;
use tokhai_core::validate::{normalize, validate_form, validate_section};
use tokhai_core::{Address, Answer, Answers, Date, ErrorKey, FieldKind, FileMeta, FormDef, Lang};

fn ct01() -> FormDef {
    ct01_resolved()
}

fn today() -> Date {
    Date::new(2026, 11, 24).unwrap()
}

fn t(s: &str) -> Answer {
    Answer::Text(s.to_string())
}

/// A complete, valid CT01 for a man born 05/03/1990.
fn complete() -> Answers {
    let mut a = Answers::new();
    for (k, v) in [
        ("ho_ten", "Nguyễn Văn An"),
        ("ngay_sinh", "05/03/1990"),
        ("gioi_tinh", "nam"),
        ("so_dinh_danh", "001090012345"),
        ("dien_thoai", "0912345678"),
        ("vao_ho", "ho_co_san"),
        ("chu_ho_ten", "Nguyễn Văn Bình"),
        ("quan_he_chu_ho", "con"),
        ("chu_ho_so_dinh_danh", "001060001234"),
        ("can_cu", "ve_voi_nguoi_than"),
        ("noi_dung", "Đề nghị đăng ký thường trú vào hộ ông Nguyễn Văn Bình."),
        ("co_thanh_vien", "no"),
        ("nguoi_dong_y", "chu_ho"),
        ("nguoi_dong_y_ten", "Nguyễn Văn Bình"),
        ("nguoi_dong_y_so_dinh_danh", "001060001234"),
        ("cam_doan", "yes"),
    ] {
        a.insert(k.into(), t(v));
    }
    a.insert(
        "dia_chi_moi".into(),
        Answer::Address(Address {
            province: "01".into(),
            province_name: "Thành phố Hà Nội".into(),
            ward: "00070".into(),
            ward_name: "Phường Hoàn Kiếm".into(),
            street: "Số 12 phố Hàng Bạc".into(),
        }),
    );
    a.insert(
        "giay_to_cho_o".into(),
        Answer::Files(vec![FileMeta {
            name: "so-do.pdf".into(),
            size: 800_000,
            mime: "application/pdf".into(),
            stored: None,
            upload: None,
        }]),
    );
    a
}

fn errors_of(answers: &Answers) -> Vec<(String, String)> {
    validate_form(&ct01(), answers, today())
        .into_iter()
        .map(|e| (e.path.to_string(), e.error.code().to_string()))
        .collect()
}

#[test]
fn a_complete_ct01_has_no_errors() {
    assert_eq!(errors_of(&complete()), vec![]);
}

#[test]
fn an_empty_ct01_asks_for_exactly_the_required_shown_fields() {
    let got = errors_of(&Answers::new());
    let want: Vec<(String, String)> = [
        ("ho_ten", "required"),
        ("ngay_sinh", "required"),
        ("gioi_tinh", "required"),
        ("so_dinh_danh", "required"),
        ("dien_thoai", "required"),
        ("vao_ho", "required"),
        ("dia_chi_moi.province", "address_province"),
        ("can_cu", "required"),
        ("noi_dung", "required"),
        ("co_thanh_vien", "required"),
        ("nguoi_dong_y", "required"),
        ("giay_to_cho_o", "required"),
        ("cam_doan", "declaration_required"),
    ]
    .iter()
    .map(|(p, k)| (p.to_string(), k.to_string()))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn single_field_errors() {
    // (field, value, expected error code at that field)
    let cases: &[(&str, &str, &str)] = &[
        ("ho_ten", "Nguyễn Văn 2", "invalid_name"),
        ("ho_ten", "<b>An</b>", "invalid_name"),
        ("ngay_sinh", "29/02/2023", "invalid_date"),
        ("ngay_sinh", "31/11/1990", "invalid_date"),
        ("ngay_sinh", "25/11/2026", "future_date"),
        ("ngay_sinh", "01/01/1890", "too_old"),
        ("so_dinh_danh", "00109001234", "invalid_personal_id"),
        ("so_dinh_danh", "003090012345", "unknown_id_province"),
        ("so_dinh_danh", "001290012345", "id_century_mismatch"),
        ("so_dinh_danh", "001190012345", "id_sex_mismatch"),
        ("so_dinh_danh", "001091012345", "id_birth_year_mismatch"),
        ("dien_thoai", "0212345678", "invalid_phone"),
        ("dien_thoai", "091234567", "invalid_phone"),
        ("email", "an@", "invalid_email"),
        ("gioi_tinh", "khac", "invalid_option"),
        ("co_thanh_vien", "maybe", "invalid_option"),
        ("noi_dung", "ngắn", "too_short"),
        ("cam_doan", "no", "declaration_required"),
    ];
    for (field, value, code) in cases {
        let mut a = complete();
        a.insert(field.to_string(), t(value));
        // Only this field's error: a wrong birth date may also, rightly, make the ID disagree.
        let at_field: Vec<_> = errors_of(&a).into_iter().filter(|(p, _)| p == field).collect();
        assert_eq!(at_field, vec![(field.to_string(), code.to_string())], "{field} = {value:?}");
    }
}

#[test]
fn an_id_is_refused_when_its_own_digits_give_a_birth_after_this_year() {
    // (field, value, what to remove first, expected error code at that field). The
    // head of household's ID has no birth date beside it; the applicant's has one,
    // which may be left empty. Today is 24/11/2026.
    let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        ("chu_ho_so_dinh_danh", "001226001234", None, None), // 2026: born this year
        ("chu_ho_so_dinh_danh", "001227001234", None, Some("id_future_birth_year")), // 2027
        ("chu_ho_so_dinh_danh", "001290001234", None, Some("id_future_birth_year")), // 2090
        ("chu_ho_so_dinh_danh", "001333001234", None, Some("id_future_birth_year")), // 2033, a woman
        ("chu_ho_so_dinh_danh", "001300001234", None, None), // 2000, a woman
        ("chu_ho_so_dinh_danh", "001460001234", None, Some("id_future_birth_year")), // 2160
        ("chu_ho_so_dinh_danh", "001760001234", None, Some("id_future_birth_year")), // 2260
        ("chu_ho_so_dinh_danh", "001999001234", None, Some("id_future_birth_year")), // 2399
        ("chu_ho_so_dinh_danh", "001060001234", None, None), // 1960
        ("nguoi_dong_y_so_dinh_danh", "001227001234", None, Some("id_future_birth_year")),
        ("so_dinh_danh", "001227012345", Some("ngay_sinh"), Some("id_future_birth_year")), // birth date left empty
        ("so_dinh_danh", "001090012345", Some("ngay_sinh"), None),
        // With a birth date beside it, the cross-check still names the digit.
        ("so_dinh_danh", "001290012345", None, Some("id_century_mismatch")),
    ];
    for (field, value, remove, want) in cases {
        let mut a = complete();
        if let Some(r) = remove {
            a.remove(*r);
        }
        a.insert(field.to_string(), t(value));
        let at_field: Vec<String> = errors_of(&a).into_iter().filter(|(p, _)| p == field).map(|(_, c)| c).collect();
        assert_eq!(at_field, want.map(|w| vec![w.to_string()]).unwrap_or_default(), "{field} = {value:?}");
    }
    // The sentence says which year the number gives, in both languages.
    let form = ct01();
    let mut a = complete();
    a.insert("chu_ho_so_dinh_danh".into(), t("001290001234"));
    let err = validate_form(&form, &a, today()).into_iter().find(|e| e.path == "chu_ho_so_dinh_danh").unwrap();
    assert_eq!(err.error, ErrorKey::IdFutureBirthYear { year: 2090 });
    let vi = describe(&form, &err, Lang::Vi);
    let en = describe(&form, &err, Lang::En);
    assert!(vi.contains("2090") && vi.contains("năm chưa tới"), "{vi}");
    assert!(en.contains("2090") && en.contains("has not come yet"), "{en}");
}

#[test]
fn accepted_variants_of_real_input() {
    for (field, value) in [
        ("dien_thoai", "+84 912 345 678"),
        ("dien_thoai", "0912.345.678"),
        ("ngay_sinh", "5/3/1990"),
        ("so_dinh_danh", "001 090 012 345"),
        ("ho_ten", "Nguye\u{0302}\u{0303}n Va\u{0306}n An"),
        ("email", "an.nguyen@example.vn"),
        ("email", ""), // optional
    ] {
        let mut a = complete();
        a.insert(field.into(), t(value));
        assert_eq!(errors_of(&a), vec![], "{field} = {value:?}");
    }
}

#[test]
fn normalise_stores_the_canonical_form() {
    assert_eq!(normalize(FieldKind::Phone, "+84 912 345 678"), "0912345678");
    assert_eq!(normalize(FieldKind::Phone, "12"), "12");
    assert_eq!(normalize(FieldKind::Date, "5/3/1990"), "05/03/1990");
    assert_eq!(normalize(FieldKind::PersonalId, " 001 090.012345 "), "001090012345");
    assert_eq!(normalize(FieldKind::Text, "  Nguyễn   Văn  An "), "Nguyễn Văn An");
}

#[test]
fn address_parts_are_asked_one_by_one() {
    let mut a = complete();
    let set = |a: &mut Answers, f: &dyn Fn(&mut Address)| {
        if let Some(Answer::Address(addr)) = a.get_mut("dia_chi_moi") {
            f(addr)
        }
    };
    set(&mut a, &|x| x.street = "  ".into());
    assert_eq!(errors_of(&a), vec![("dia_chi_moi.street".into(), "address_street".into())]);
    set(&mut a, &|x| x.ward.clear());
    assert_eq!(errors_of(&a), vec![("dia_chi_moi.ward".into(), "address_ward".into())]);
}

fn member(name: &str, dob: &str, sex: &str, id: &str) -> Answers {
    let mut r = BTreeMap::new();
    for (k, v) in [("ho_ten", name), ("ngay_sinh", dob), ("gioi_tinh", sex), ("so_dinh_danh", id), ("quan_he", "con")] {
        r.insert(k.to_string(), t(v));
    }
    r
}

#[test]
fn household_members_are_a_repeatable_group_checked_row_by_row() {
    let mut a = complete();
    a.insert("co_thanh_vien".into(), t("yes"));
    // shown and required: no rows yet
    assert_eq!(errors_of(&a), vec![("thanh_vien".into(), "too_few_rows".into())]);
    a.insert(
        "thanh_vien".into(),
        Answer::Rows(vec![
            member("Nguyễn Thị Mai", "10/10/2019", "nu", "001319001111"),
            member("Nguyễn Văn Nam", "01/01/2021", "nu", "001221002222"), // ID says male
        ]),
    );
    assert_eq!(errors_of(&a), vec![("thanh_vien.1.so_dinh_danh".into(), "id_sex_mismatch".into())]);
    let rows: Vec<Answers> = (0..11).map(|_| member("Nguyễn Thị Mai", "10/10/2019", "nu", "001319001111")).collect();
    a.insert("thanh_vien".into(), Answer::Rows(rows));
    assert_eq!(errors_of(&a), vec![("thanh_vien".into(), "too_many_rows".into())]);
    // hidden again: rows are not validated
    a.insert("co_thanh_vien".into(), t("no"));
    assert_eq!(errors_of(&a), vec![]);
}

#[test]
fn files_are_checked_for_type_size_and_count() {
    let f = |name: &str, size: u64, mime: &str| FileMeta {
        name: name.into(),
        size,
        mime: mime.into(),
        stored: None,
        upload: None,
    };
    let cases = [
        (vec![f("a.docx", 1000, "application/msword")], "file_type"),
        (vec![f("a.pdf", 6 * 1024 * 1024, "application/pdf")], "file_too_large"),
        (vec![f("a.pdf", 1, "application/pdf"); 4], "too_many_files"),
    ];
    for (files, code) in cases {
        let mut a = complete();
        a.insert("giay_to_cho_o".into(), Answer::Files(files));
        assert_eq!(errors_of(&a), vec![("giay_to_cho_o".into(), code.into())]);
    }
}

#[test]
fn show_if_hides_fields_and_their_errors() {
    let mut a = complete();
    a.insert("vao_ho".into(), t("lap_ho_moi"));
    a.remove("chu_ho_ten");
    a.insert("nguoi_dong_y".into(), t("khong_can"));
    a.remove("nguoi_dong_y_ten");
    assert_eq!(errors_of(&a), vec![]);
    a.insert("vao_ho".into(), t("ho_co_san"));
    assert_eq!(errors_of(&a), vec![("chu_ho_ten".into(), "required".into())]);
}

#[test]
fn sections_are_validated_one_page_at_a_time() {
    let form = ct01();
    let s = form.section("chu-ho").unwrap();
    let errs = validate_section(s, &Answers::new(), today());
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].path, "vao_ho");
}

#[test]
fn journey_moves_through_the_sections_in_order() {
    let form = ct01();
    let a = complete();
    let ids: Vec<&str> = visible_sections(&form, &a).iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["nguoi-khai", "chu-ho", "noi-dung", "thanh-vien", "dong-y", "giay-to", "cam-doan"]);
    assert_eq!(next_section(&form, &a, "nguoi-khai").unwrap().id, "chu-ho");
    assert_eq!(previous_section(&form, &a, "chu-ho").unwrap().id, "nguoi-khai");
    assert!(previous_section(&form, &a, "nguoi-khai").is_none());
    assert!(next_section(&form, &a, "cam-doan").is_none());
}

#[test]
fn check_answers_rows_read_like_the_citizen_expects() {
    let form = ct01();
    let mut a = complete();
    a.insert("co_thanh_vien".into(), t("yes"));
    a.insert("thanh_vien".into(), Answer::Rows(vec![member("Nguyễn Thị Mai", "10/10/2019", "nu", "001319001111")]));
    let s = summary(&form, &a, Lang::Vi);
    let row = |sec: &str, field: &str| {
        s.iter().find(|x| x.section == sec).unwrap().rows.iter().find(|r| r.field == field).unwrap().lines.clone()
    };
    assert_eq!(row("nguoi-khai", "gioi_tinh"), ["Nam"]);
    assert_eq!(row("nguoi-khai", "email"), ["Chưa khai"]);
    assert_eq!(row("noi-dung", "dia_chi_moi"), ["Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"]);
    assert_eq!(row("thanh-vien", "co_thanh_vien"), ["Có"]);
    assert_eq!(row("thanh-vien", "thanh_vien"), ["Nguyễn Thị Mai · 10/10/2019 · Nữ · 001319001111 · Con"]);
    assert_eq!(row("giay-to", "giay_to_cho_o"), ["so-do.pdf (782 KB)"]);
    // declarations are not repeated on the summary
    assert!(s.iter().all(|x| x.rows.iter().all(|r| r.field != "cam_doan")));
    let en = summary(&form, &a, Lang::En);
    assert_eq!(en[0].title, "About you");
}

#[test]
fn messages_exist_in_both_languages_and_name_the_row() {
    let form = ct01();
    let mut a = complete();
    a.insert("co_thanh_vien".into(), t("yes"));
    a.insert("thanh_vien".into(), Answer::Rows(vec![member("", "10/10/2019", "nu", "001319001111")]));
    a.insert("dien_thoai".into(), t("123"));
    let errs = validate_form(&form, &a, today());
    let vi: Vec<String> = errs.iter().map(|e| describe(&form, e, Lang::Vi)).collect();
    let en: Vec<String> = errs.iter().map(|e| describe(&form, e, Lang::En)).collect();
    assert_eq!(vi[0], "Nhập số điện thoại di động 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09, ví dụ 0912 345 678");
    assert_eq!(vi[1], "Những thành viên cùng thay đổi, người thứ 1: Nhập họ, chữ đệm và tên");
    assert_eq!(en[1], "Members included, person 1: Enter full name");
    assert_eq!(errs[1].path.input_id(), "f-thanh_vien-0-ho_ten");
}

#[test]
fn every_error_key_has_a_sentence_in_both_languages() {
    use tokhai_core::messages::error_message;
    let form = ct01();
    let field = form.field("ngay_sinh").unwrap();
    let keys = [
        ErrorKey::Required,
        ErrorKey::DeclarationRequired,
        ErrorKey::TooShort { min: 2 },
        ErrorKey::TooLong { max: 9 },
        ErrorKey::InvalidName,
        ErrorKey::NotDigits,
        ErrorKey::InvalidPersonalId,
        ErrorKey::UnknownIdProvince,
        ErrorKey::IdCenturyMismatch,
        ErrorKey::IdSexMismatch,
        ErrorKey::IdBirthYearMismatch,
        ErrorKey::IdFutureBirthYear { year: 2090 },
        ErrorKey::InvalidPhone,
        ErrorKey::InvalidEmail,
        ErrorKey::InvalidDate,
        ErrorKey::FutureDate,
        ErrorKey::PastDate,
        ErrorKey::TooYoung { years: 14 },
        ErrorKey::TooOld { years: 130 },
        ErrorKey::MustBeAfter { other: "ho_ten".into() },
        ErrorKey::MustBeBefore { other: "ho_ten".into() },
        ErrorKey::NotANumber,
        ErrorKey::BelowMin { min: 1 },
        ErrorKey::AboveMax { max: 9 },
        ErrorKey::InvalidOption,
        ErrorKey::TooFewRows { min: 1 },
        ErrorKey::TooManyRows { max: 10 },
        ErrorKey::FileType,
        ErrorKey::FileTooLarge { max_bytes: 5 << 20 },
        ErrorKey::TooManyFiles { max: 3 },
        ErrorKey::AddressProvince,
        ErrorKey::AddressWard,
        ErrorKey::AddressStreet,
        ErrorKey::LinkedChildTooOld,
        ErrorKey::LinkedPartNotApplicable { part: "bhyt".into() },
        ErrorKey::LinkedPartsExclusive { part: "mai_tang_bhxh".into(), other: "ho_tro_mai_tang".into() },
    ];
    let other = |_: &str| "Ngày cấp".to_string();
    for k in keys {
        let vi = error_message(&k, field, &other, Lang::Vi);
        let en = error_message(&k, field, &other, Lang::En);
        assert!(!vi.is_empty() && !en.is_empty() && vi != en, "{k:?}");
        // The code is the serialised key, so the two can never drift apart.
        assert_eq!(serde_json::to_value(&k).unwrap()["key"], k.code(), "{k:?}");
    }
    assert_eq!(
        error_message(&ErrorKey::MustBeAfter { other: "x".into() }, field, &other, Lang::Vi),
        "Ngày, tháng, năm sinh phải sau ngày cấp"
    );
}

/// CT01 as the app receives it: fragments expanded.
fn ct01_resolved() -> FormDef {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    let fragments = tokhai_core::resolve::disk::fragments(&dir).unwrap();
    tokhai_core::resolve::resolve(&std::fs::read_to_string(dir.join("dang-ky-thuong-tru.json")).unwrap(), &fragments)
        .unwrap()
}

#[test]
fn digits_only_fields_refuse_letters_but_allow_spaces() {
    use tokhai_core::journey::Scope;
    use tokhai_core::validate::validate_field;
    let field: tokhai_core::schema::Field = serde_json::from_value(serde_json::json!({
        "id": "ma_so_bhxh", "kind": "text", "label": { "vi": "Mã số BHXH", "en": "Social insurance code" },
        "rules": [{ "rule": "digits" }, { "rule": "min_length", "value": 10 }, { "rule": "max_length", "value": 10 }]
    }))
    .unwrap();
    for (value, want) in [
        ("0123456789", None),
        ("01234 56789", Some("too_long")),
        ("01234567A9", Some("not_digits")),
        ("012345678", Some("too_short")),
    ] {
        let mut a = Answers::new();
        a.insert("ma_so_bhxh".into(), t(value));
        let mut errs = Vec::new();
        validate_field(&field, &Scope { form: &a, row: None }, today(), &"ma_so_bhxh".into(), &mut errs);
        assert_eq!(errs.first().map(|e| e.error.code()), want, "{value:?}");
    }
}
