//! A complete, valid answer set for any form: the seed citizen's registry
//! values where the form prefills them, and typed values that satisfy each
//! field's rules otherwise. Used by the generated tests (native) and by the
//! end-to-end walk over every service.

use crate::answers::{Address, Answer, Answers, FileMeta};
use crate::date::Date;
use crate::identity::Citizen;
use crate::journey::Scope;
use crate::prefill::{people_for, prefill, row_from_person};
use crate::rules::Sex;
use crate::schema::{Field, FieldKind, FormDef, Rule};

/// A typed address that exists (Phường Hoàn Kiếm, Hà Nội).
pub fn sample_address() -> Address {
    Address {
        province: "01".into(),
        province_name: "Thành phố Hà Nội".into(),
        ward: "00070".into(),
        ward_name: "Phường Hoàn Kiếm".into(),
        street: "Số 12 phố Hàng Bạc".into(),
    }
}

/// A personal ID consistent with a birth date and sex (province 001 Hà Nội).
pub fn sample_id(dob: Date, sex: Sex) -> String {
    let century = (dob.year / 100 - 19) * 2 + i32::from(sex == Sex::Female);
    format!("001{}{:02}000001", century, dob.year % 100)
}

fn date_for(field: &Field, scope: &Scope, today: Date) -> Date {
    let mut d = Date::new(1985, 5, 12).expect("date");
    for r in &field.rules {
        match r {
            Rule::NotPast => d = Date::new(today.year + 1, 1, 15).expect("date"),
            Rule::MaxAge { years } if d.age_on(today) > *years => {
                d = Date::new(today.year - years + 1, 1, 1).expect("date")
            }
            Rule::MinAge { years } if d.age_on(today) < *years => {
                d = Date::new(today.year - years - 1, 1, 1).expect("date")
            }
            _ => {}
        }
    }
    for r in &field.rules {
        let other = |id: &str| scope.get(id).and_then(|a| Date::parse(a.text()));
        match r {
            Rule::After { field: o } => {
                if let Some(o) = other(o) {
                    let later = Date::new(o.year + 1, o.month, o.day.min(28)).expect("date");
                    if later > d {
                        d = if field.rules.contains(&Rule::NotFuture) && later > today { today } else { later };
                    }
                }
            }
            Rule::Before { field: o } => {
                if let Some(o) = other(o) {
                    if d >= o {
                        d = Date::new(o.year - 1, o.month, o.day.min(28)).expect("date");
                    }
                }
            }
            _ => {}
        }
    }
    d
}

fn text_for(field: &Field) -> String {
    let mut min = 0;
    let mut max = 200;
    let mut name = false;
    for r in &field.rules {
        match r {
            Rule::MinLength { value } => min = *value,
            Rule::MaxLength { value } => max = *value,
            Rule::PersonName => name = true,
            _ => {}
        }
    }
    let digits = field.rules.contains(&Rule::Digits);
    if !name && (max <= 20 || digits) {
        // A short code (industry code, number on a document): digits of an accepted length.
        return "1234567890123456789".chars().cycle().take(min.max(max.min(10)).max(1)).collect();
    }
    let base = if name { "Nguyễn Thị Lan".to_string() } else { "Nội dung khai mẫu".to_string() };
    let mut s = base.clone();
    while s.chars().count() < min {
        s.push(' ');
        s.push_str(if name { "Anh" } else { "thêm" });
    }
    s.chars().take(max.max(1)).collect::<String>().trim().to_string()
}

fn number_for(field: &Field) -> i64 {
    let min = field.rules.iter().find_map(|r| if let Rule::Min { value } = r { Some(*value) } else { None });
    let max = field.rules.iter().find_map(|r| if let Rule::Max { value } = r { Some(*value) } else { None });
    match (min, max) {
        (Some(a), _) => a.max(1).min(max.unwrap_or(i64::MAX)),
        (None, Some(b)) => 1.min(b),
        (None, None) => 1,
    }
}

/// A valid answer for one field in `scope`, or `None` for a kind answered elsewhere.
pub fn sample_answer(field: &Field, scope: &Scope, today: Date) -> Option<Answer> {
    Some(match field.kind {
        FieldKind::Text | FieldKind::LongText => Answer::Text(text_for(field)),
        FieldKind::Number => Answer::Text(number_for(field).to_string()),
        FieldKind::Date => Answer::Text(date_for(field, scope, today).to_string()),
        FieldKind::Select | FieldKind::Radio => Answer::Text(field.options.first()?.value.clone()),
        FieldKind::Checkbox => Answer::Many(vec![field.options.first()?.value.clone()]),
        FieldKind::YesNo => Answer::Text("yes".into()),
        FieldKind::Declaration => Answer::Text("yes".into()),
        FieldKind::Phone => Answer::Text("0912345678".into()),
        FieldKind::Email => Answer::Text("nguoi.khai@example.vn".into()),
        FieldKind::PersonalId => {
            let (mut dob, mut sex) = (Date::new(1990, 3, 5).expect("date"), Sex::Male);
            for r in &field.rules {
                if let Rule::IdMatches { dob: d, sex: s } = r {
                    if let Some(d) = d.as_deref().and_then(|id| scope.get(id)).and_then(|a| Date::parse(a.text())) {
                        dob = d;
                    }
                    if let Some(s) = s.as_deref().and_then(|id| scope.get(id)).and_then(|a| Sex::from_value(a.text())) {
                        sex = s;
                    }
                }
            }
            Answer::Text(sample_id(dob, sex))
        }
        FieldKind::Address => Answer::Address(sample_address()),
        FieldKind::File => {
            let mime = field.accept.first().cloned().unwrap_or_else(|| "application/pdf".into());
            Answer::Files(vec![FileMeta { name: "giay-to.pdf".into(), size: 1000, mime, stored: None, upload: None }])
        }
        FieldKind::Group => return None,
    })
}

/// Completes a group row: columns the registry did not fill get typed values.
fn sample_row(group: &Field, form: &Answers, today: Date, mut row: Answers) -> Answers {
    for _ in 0..2 {
        for col in &group.fields {
            if row.contains_key(&col.id) {
                continue;
            }
            let scope = Scope { form, row: Some(&row) };
            if let Some(a) = sample_answer(col, &scope, today) {
                row.insert(col.id.clone(), a);
            }
        }
    }
    row
}

/// Every field of `form` answered validly: registry values first (as after
/// consent), one registry row per prefillable group, typed values for the rest.
pub fn sample_answers(form: &FormDef, citizen: &Citizen, today: Date) -> Answers {
    let (mut answers, _) = prefill(form, citizen);
    let fields: Vec<&Field> = form.sections.iter().flat_map(|s| s.fields.iter()).collect();
    for f in &fields {
        if answers.contains_key(&f.id) {
            continue; // a registry value
        }
        let answer = if f.kind == FieldKind::Group {
            let mut rows: Vec<Answers> = people_for(f, citizen)
                .first()
                .map(|p| vec![sample_row(f, &answers, today, row_from_person(f, p))])
                .unwrap_or_default();
            let min = f.min_rows.unwrap_or(u32::from(f.required)).max(1) as usize;
            while rows.len() < min {
                rows.push(sample_row(f, &answers, today, Answers::new()));
            }
            Some(Answer::Rows(rows))
        } else {
            sample_answer(f, &Scope { form: &answers, row: None }, today)
        };
        if let Some(a) = answer {
            answers.insert(f.id.clone(), a);
        }
    }
    // Typed dates and IDs again: a date "after" a later field, or an ID
    // matching a later birth date, settles once every field has a value.
    for f in fields.iter().filter(|f| f.prefill.is_none() && matches!(f.kind, FieldKind::PersonalId | FieldKind::Date))
    {
        if let Some(a) = sample_answer(f, &Scope { form: &answers, row: None }, today) {
            answers.insert(f.id.clone(), a);
        }
    }
    answers
}
