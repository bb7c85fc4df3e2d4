//! The printed declaration ("In tờ khai", issue 16): every form prints, blank
//! and filled, in both languages, with its title, code line, every answered
//! item and the template's signature columns; CT01 with its four columns and
//! 12 ID boxes; a blank form with dotted lines and no personal data.

use std::path::Path;
use tokhai_core::identity::Citizen;
use tokhai_core::journey::{display_lines, field_shown, visible_sections, Scope};
use tokhai_core::lint::lint;
use tokhai_core::print::{part_sheets, sheet, Block, Sheet, Value, ID_BOXES};
use tokhai_core::sample::sample_answers;
use tokhai_core::{Answer, Answers, Date, FieldKind, FormDef, Lang};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn forms() -> Vec<FormDef> {
    tokhai_core::resolve::disk::all_forms(&root().join("forms")).unwrap_or_else(|e| panic!("{e}"))
}

fn form(id: &str) -> FormDef {
    forms().into_iter().find(|f| f.id == id).unwrap()
}

fn citizen(file: &str) -> Citizen {
    serde_json::from_str(&std::fs::read_to_string(root().join("seeds/citizens").join(file)).unwrap()).unwrap()
}

fn today() -> Date {
    Date::new(2026, 11, 24).unwrap()
}

fn sample(form: &FormDef) -> Answers {
    sample_answers(form, &citizen("nguyen-van-an.json"), today())
}

const LANGS: [Lang; 2] = [Lang::Vi, Lang::En];

fn omitted(form: &FormDef) -> Vec<String> {
    form.print.as_ref().map(|p| p.omit.clone()).unwrap_or_default()
}

/// What every sheet has: title, code line, motto, "Kính gửi", items, signature columns.
fn assert_frame(form: &FormDef, s: &Sheet, lang: Lang) {
    let id = &form.id;
    assert!(!s.title.trim().is_empty(), "{id}: no title");
    assert_eq!(s.title, s.title.to_uppercase(), "{id}: title not in capitals");
    assert!(!s.code.trim().is_empty(), "{id}: no code line");
    assert_eq!(s.code.matches('(').count(), s.code.matches(')').count(), "{id}: code line cut: {}", s.code);
    assert_eq!(
        s.nation,
        if lang == Lang::Vi {
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        } else {
            "SOCIALIST REPUBLIC OF VIET NAM"
        }
    );
    assert!(s.motto.contains(" - "), "{id}: motto {:?}", s.motto);
    assert!(s.items().count() > 0, "{id}: no items");
    assert!(!s.signatures.is_empty(), "{id}: no signature column");
    for c in &s.signatures {
        assert!(!c.title.is_empty() && !c.hint.is_empty() && !c.date.is_empty(), "{id}: {c:?}");
    }
    let numbers: Vec<usize> = s.items().map(|i| i.number).collect();
    assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>(), "{id}: items not numbered 1..n");
    let blank = sheet(form, &Answers::new(), lang, None);
    assert_eq!(s.page_title, blank.page_title, "{id}: the page title depends on no answer");
    assert_eq!(s.reading_aid.is_some(), lang == Lang::En, "{id}");
}

#[test]
fn every_form_prints_blank_with_dotted_lines_and_no_personal_data() {
    for form in forms() {
        for lang in LANGS {
            let s = sheet(&form, &Answers::new(), lang, Some(today()));
            let id = &form.id;
            assert_frame(&form, &s, lang);
            assert!(s.blank, "{id}");
            assert!(s.to.value.is_none() && s.to.hint.is_some(), "{id}: Kính gửi should be dotted: {:?}", s.to);
            assert!(s.place_date.contains("……") && !s.place_date.contains("2026"), "{id}: {}", s.place_date);
            for c in &s.signatures {
                assert!(c.name.is_none() && c.details.iter().all(|d| d.value.is_none()), "{id}: {c:?}");
                assert!(c.date.contains("……"), "{id}: {}", c.date);
            }
            assert!(s.attachments.iter().all(|a| a.files.is_empty()), "{id}");
            let mut dots = 0;
            for item in s.items() {
                match &item.value {
                    Value::Lines(l) => panic!("{id}: blank item {} shows {l:?}", item.field),
                    Value::Dots { .. } => dots += 1,
                    Value::IdBoxes(b) => assert!(b.len() == ID_BOXES && b.iter().all(String::is_empty), "{id}"),
                    Value::Options(o) => assert!(!o.is_empty() && o.iter().all(|o| !o.ticked), "{id}: {}", item.field),
                    Value::Table(t) => {
                        assert!(!t.rows.is_empty(), "{id}: a blank table has rows to fill");
                        assert!(t
                            .rows
                            .iter()
                            .all(|r| r.len() == t.columns.len() && r[1..].iter().all(String::is_empty)));
                    }
                }
            }
            assert!(dots > 0 || s.items().count() < 4, "{id}: no dotted line at all");
            // Every field but the omitted ones, declarations and files is an item.
            let omit = omitted(&form);
            let want = form
                .sections
                .iter()
                .flat_map(|s| &s.fields)
                .filter(|f| !omit.contains(&f.id) && !matches!(f.kind, FieldKind::Declaration | FieldKind::File))
                .count();
            assert_eq!(s.items().count(), want, "{id}: a blank form prints every field");
        }
    }
}

#[test]
fn every_form_prints_its_sample_answers() {
    for form in forms() {
        let answers = sample(&form);
        for lang in LANGS {
            let s = sheet(&form, &answers, lang, Some(today()));
            let id = &form.id;
            assert_frame(&form, &s, lang);
            assert!(!s.blank, "{id}");
            let text = s.plain_text();
            let scope = Scope { form: &answers, row: None };
            let omit = omitted(&form);
            for sec in visible_sections(&form, &answers) {
                for f in sec.fields.iter().filter(|f| field_shown(f, &scope) && !omit.contains(&f.id)) {
                    let Some(a) = answers.get(&f.id).filter(|a| !a.is_empty()) else { continue };
                    match (f.kind, a) {
                        (FieldKind::Group, Answer::Rows(rows)) => {
                            let Some(Value::Table(t)) = s.item(&f.id).map(|i| &i.value) else {
                                panic!("{id}: group {} is not a table", f.id)
                            };
                            assert_eq!(t.rows.len(), rows.len(), "{id}: {}", f.id);
                            assert_eq!(t.columns.len(), f.fields.len() + 1, "{id}: {}", f.id);
                            for (row, cells) in rows.iter().zip(&t.rows) {
                                let rs = Scope { form: &answers, row: Some(row) };
                                for (c, cell) in f.fields.iter().zip(&cells[1..]) {
                                    if let Some(v) = row.get(&c.id).filter(|v| !v.is_empty() && field_shown(c, &rs)) {
                                        let want = display_lines(c, Some(v), &rs, lang).join(", ");
                                        assert_eq!(cell, &want, "{id}: {}.{}", f.id, c.id);
                                    }
                                }
                            }
                        }
                        (FieldKind::File, Answer::Files(files)) => {
                            for file in files {
                                assert!(text.contains(&file.name), "{id}: attachment {}", f.id);
                            }
                        }
                        (FieldKind::Declaration, _) => {
                            assert!(s.declarations.iter().any(|d| d == f.label.get(lang)), "{id}: {}", f.id)
                        }
                        (FieldKind::PersonalId, Answer::Text(t)) => {
                            let Some(Value::IdBoxes(b)) = s.item(&f.id).map(|i| &i.value) else {
                                panic!("{id}: {} is not in boxes", f.id)
                            };
                            assert_eq!(&b.concat(), t, "{id}: {}", f.id);
                        }
                        _ => {
                            for line in display_lines(f, Some(a), &scope, lang) {
                                assert!(text.contains(&line), "{id}: {} {line:?} missing from\n{text}", f.id);
                            }
                        }
                    }
                }
            }
            // The declarant's column carries the date.
            let last = s.signatures.last().unwrap();
            assert!(last.date.contains("2026"), "{id}: {}", last.date);
        }
    }
}

const CT01_COLUMNS: [&str; 4] = [
    "Ý KIẾN CỦA CHỦ HỘ",
    "Ý KIẾN CỦA CHỦ SỞ HỮU CHỖ Ở HỢP PHÁP",
    "Ý KIẾN CỦA CHA, MẸ HOẶC NGƯỜI GIÁM HỘ",
    "NGƯỜI KÊ KHAI",
];

#[test]
fn ct01_has_its_four_columns_twelve_id_boxes_and_its_code_line() {
    let ct01: Vec<FormDef> = forms().into_iter().filter(|f| f.template == "CT01").collect();
    assert!(ct01.len() >= 6, "the residence forms use CT01");
    for form in &ct01 {
        let answers = sample(form);
        for (answers, blank) in [(Answers::new(), true), (answers.clone(), false)] {
            let s = sheet(form, &answers, Lang::Vi, Some(today()));
            let titles: Vec<&str> = s.signatures.iter().map(|c| c.title.as_str()).collect();
            assert_eq!(titles, CT01_COLUMNS, "{}", form.id);
            assert!(s.code.starts_with("Mẫu CT01 ban hành kèm theo Thông tư số "), "{}", s.code);
            assert_eq!(s.title, "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ");
            assert!(s.blocks.iter().all(|b| matches!(b, Block::Item(_))), "CT01 has no headings");
            let Some(Value::IdBoxes(boxes)) = s.item("so_dinh_danh").map(|i| &i.value) else { panic!("{}", form.id) };
            assert_eq!(boxes.len(), 12);
            assert_eq!(boxes.iter().all(String::is_empty), blank);
            if !blank {
                assert_eq!(boxes.concat(), answers["so_dinh_danh"].text());
            }
            assert!(s.item("vao_ho").is_none() && s.item("co_thanh_vien").is_none(), "journey questions are not items");
            assert!(s.notes.iter().any(|n| n.contains("VNeID")), "{}", form.id);
        }
    }
    // The household table, the agency from the new address, the dated declarant.
    let form = form("dang-ky-thuong-tru");
    let answers = sample(&form);
    let s = sheet(&form, &answers, Lang::Vi, Some(today()));
    assert_eq!(s.to.value.as_deref(), Some("Công an Phường Hoàn Kiếm, Thành phố Hà Nội"));
    let Some(Value::Table(t)) = s.item("thanh_vien").map(|i| &i.value) else { panic!("thanh_vien") };
    assert_eq!(t.columns[0], "TT");
    assert!(t.columns.iter().any(|c| c.contains("định danh")), "{:?}", t.columns);
    let declarant = s.signatures.last().unwrap();
    assert_eq!(declarant.date, "Hà Nội, ngày 24 tháng 11 năm 2026");
    assert_eq!(declarant.name.as_deref(), Some(answers["ho_ten"].text()));
    assert!(s.signatures[..3].iter().all(|c| c.date == "…………, ngày …… tháng …… năm ……"));
    // The owner's column has lines for a name and an ID number, filled only when the owner consents.
    let owner = &s.signatures[1];
    assert_eq!(owner.details.len(), 2);
    let mut consenting = answers.clone();
    consenting.insert("nguoi_dong_y".into(), Answer::Text("chu_so_huu".into()));
    consenting.insert("nguoi_dong_y_ten".into(), Answer::Text("Lê Văn Chủ".into()));
    consenting.insert("nguoi_dong_y_so_dinh_danh".into(), Answer::Text("001085000123".into()));
    let s = sheet(&form, &consenting, Lang::Vi, None);
    let values: Vec<Option<&str>> = s.signatures[1].details.iter().map(|d| d.value.as_deref()).collect();
    assert_eq!(values, [Some("Lê Văn Chủ"), Some("001085000123")]);
    assert!(s.signatures[2].details.iter().all(|d| d.value.is_none()), "not the guardian's column");
    assert_eq!(s.signatures[3].date, "Hà Nội, ngày …… tháng …… năm ……", "no date given");
}

#[test]
fn a_blank_choice_shows_every_option_and_a_filled_one_its_label() {
    let form = form("dang-ky-thuong-tru");
    let s = sheet(&form, &Answers::new(), Lang::Vi, None);
    let Some(Value::Options(o)) = s.item("gioi_tinh").map(|i| &i.value) else { panic!() };
    assert_eq!(o.iter().map(|o| o.label.as_str()).collect::<Vec<_>>(), ["Nam", "Nữ"]);
    let mut a = Answers::new();
    a.insert("gioi_tinh".into(), Answer::Text("nu".into()));
    let s = sheet(&form, &a, Lang::Vi, None);
    assert_eq!(s.item("gioi_tinh").unwrap().value, Value::Lines(vec!["Nữ".into()]));
    assert!(!s.blank);
}

#[test]
fn the_birth_registration_prints_as_its_template() {
    let form = form("khai-sinh");
    let answers = sample(&form);
    let s = sheet(&form, &answers, Lang::Vi, Some(today()));
    assert_eq!(s.title, "TỜ KHAI ĐĂNG KÝ KHAI SINH");
    assert!(s.code.contains("04/2020/TT-BTP"), "{}", s.code);
    assert!(s.to.value.as_deref().is_some_and(|v| v.starts_with("Ủy ban nhân dân ")), "{:?}", s.to);
    assert_eq!(s.signatures.len(), 1);
    assert_eq!(s.signatures[0].title, "NGƯỜI YÊU CẦU");
    assert_eq!(s.signatures[0].name.as_deref(), Some(answers["nyc_ho_ten"].text()));
    assert!(s.blocks.iter().any(|b| matches!(b, Block::Heading(_))), "sections as headings");
    let blank = sheet(&form, &Answers::new(), Lang::Vi, None);
    assert!(blank.plain_text().contains("Kính gửi: ……"));
    let en = sheet(&form, &answers, Lang::En, Some(today()));
    assert_eq!(en.title, "BIRTH REGISTRATION FORM");
    assert_eq!(en.to.label, "To");
}

#[test]
fn a_form_without_print_data_gets_defaults_from_its_template_and_legal_basis() {
    let form = form("bhxh-mot-lan");
    assert!(form.print.is_none());
    let s = sheet(&form, &Answers::new(), Lang::Vi, None);
    assert!(s.code.starts_with("Mẫu 14-HSB ban hành kèm"), "{}", s.code);
    assert_eq!(s.title, "ĐƠN ĐỀ NGHỊ");
    assert_eq!(s.subtitle.as_deref(), Some("Hưởng bảo hiểm xã hội một lần"));
    assert_eq!(s.signatures.len(), 1);
    assert_eq!(s.signatures[0].title, "NGƯỜI KÊ KHAI");
    assert_eq!(s.signatures[0].hint, "(Ký, ghi rõ họ tên)");
    let en = sheet(&form, &Answers::new(), Lang::En, None);
    assert!(en.code.starts_with("Form 14-HSB"), "{}", en.code);
}

#[test]
fn each_part_of_a_linked_filing_prints_its_own_declaration() {
    let form = form("lien-thong-khai-sinh");
    let mut answers = sample(&form);
    answers.insert("lien_thong".into(), Answer::Many(vec!["thuong_tru".into(), "bhyt".into()]));
    let sheets = part_sheets(&form, &answers, None, Lang::Vi, Some(today()));
    assert_eq!(sheets.len(), 3, "{:?}", sheets.iter().map(|s| &s.title).collect::<Vec<_>>());
    assert_eq!(sheets[0].title, "TỜ KHAI ĐĂNG KÝ KHAI SINH");
    let ct01 = sheets.iter().find(|s| s.title == "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ").expect("CT01 part");
    let titles: Vec<&str> = ct01.signatures.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, CT01_COLUMNS);
    assert!(ct01.to.value.as_deref().is_some_and(|v| v.starts_with("Công an ")), "{:?}", ct01.to);
    assert!(part_sheets(&form, &Answers::new(), None, Lang::Vi, None).is_empty());
    // The combined form prints as one sheet too.
    let s = sheet(&form, &answers, Lang::Vi, None);
    assert!(s.code.contains("63/2024/NĐ-CP"));
}

#[test]
fn the_linter_checks_what_a_print_layout_names() {
    let mut f = form("dang-ky-thuong-tru");
    let p = f.print.as_mut().unwrap();
    p.omit.push("khong_co".into());
    p.to.as_mut().unwrap().fields = vec!["ho_ten".into()];
    p.signatures[1].id = Some("ho_ten".into());
    let problems = lint(&f).join("\n");
    assert!(problems.contains("omit names missing field \"khong_co\""), "{problems}");
    assert!(problems.contains("not a top-level address field"), "{problems}");
    assert!(problems.contains("not a top-level personal ID field"), "{problems}");
}
