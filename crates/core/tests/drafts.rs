//! Stored drafts: versions, migration, damage, expiry.

use std::rc::Rc;
use tokhai_core::drafts::*;
use tokhai_core::{Answer, Answers};

const DAY: i64 = 86_400_000;
const NOW: i64 = 1_795_500_000_000;

#[test]
fn a_draft_round_trips_through_its_json() {
    let mut answers = Answers::new();
    answers.insert("ho_ten".into(), Answer::Text("Nguyễn Văn An".into()));
    let d = Draft {
        v: DRAFT_VERSION,
        form: "ct01".into(),
        saved: NOW,
        progress: Progress { done: 1, of: 3 },
        filling: Filling { section: Some("noi-dung".into()), answers: Rc::new(answers), ..Filling::default() },
        ..Draft::default()
    };
    let json = serde_json::to_string(&d).unwrap();
    // The stored layout is that of version 2: one flat object, progress as [done, of].
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["progress"], serde_json::json!([1, 3]));
    assert_eq!(value["section"], "noi-dung");
    assert!(value["answers"]["ho_ten"].is_object(), "{json}");
    assert_eq!(read(&json), Read::Ok(d));
}

#[test]
fn the_first_layout_is_migrated() {
    let old = r#"{"v":1,"form":"ct01","saved_s":1795500000,"answers":{"ho_ten":{"type":"text","value":"An"}}}"#;
    let Read::Ok(d) = read(old) else { panic!("v1 should migrate") };
    assert_eq!((d.v, d.form.as_str(), d.saved), (DRAFT_VERSION, "ct01", NOW));
    assert_eq!(d.filling.answers.get("ho_ten"), Some(&Answer::Text("An".into())));
    assert_eq!(d.filling.section, None, "v1 had no section: resume at the start");
}

#[test]
fn damaged_and_newer_records_are_not_misread() {
    assert_eq!(read("{\"v\":9,\"anything\":true}"), Read::Newer(9));
    for bad in ["", "null", "{", "{\"v\":2}", "{\"v\":1,\"form\":3}", "{\"v\":0}", "[1,2]", "\u{0}"] {
        assert_eq!(read(bad), Read::Unreadable, "{bad:?}");
    }
}

#[test]
fn drafts_warn_before_they_expire() {
    assert_eq!(age(NOW, NOW), Age::Fresh);
    assert_eq!(age(NOW, NOW + (WARN_DAYS * DAY) - 1), Age::Fresh);
    assert_eq!(age(NOW, NOW + WARN_DAYS * DAY), Age::Expiring(KEEP_DAYS - WARN_DAYS));
    assert_eq!(age(NOW, NOW + KEEP_DAYS * DAY - 1), Age::Expiring(1));
    assert_eq!(age(NOW, NOW + KEEP_DAYS * DAY), Age::Expired);
    assert_eq!(age(NOW, NOW - DAY), Age::Fresh, "a clock set back keeps the draft");
    assert_eq!(expires(NOW), NOW + 30 * DAY);
}

#[test]
fn empty_drafts_are_not_worth_keeping() {
    assert!(Filling::default().is_empty());
    assert!(!Filling { consent: Some(false), ..Filling::default() }.is_empty());
}

#[test]
fn progress_counts_complete_sections_of_those_that_apply() {
    let form: tokhai_core::FormDef = serde_json::from_str(
        r#"{"id":"t","template":"Mẫu thử","version":1,"title":{"vi":"T","en":"T"},"agency":{"vi":"A","en":"A"},"legal_basis":{"vi":"L","en":"L"},"sections":[
            {"id":"a","title":{"vi":"A","en":"A"},"fields":[{"id":"x","kind":"text","label":{"vi":"X","en":"X"},"required":true}]},
            {"id":"b","title":{"vi":"B","en":"B"},"fields":[{"id":"y","kind":"text","label":{"vi":"Y","en":"Y"},"required":true}]}]}"#,
    )
    .unwrap();
    let today = tokhai_core::Date { year: 2026, month: 11, day: 25 };
    assert_eq!(progress(&form, &Answers::new(), today), Progress { done: 0, of: 2 });
    let mut a = Answers::new();
    a.insert("x".into(), Answer::Text("có".into()));
    assert_eq!(progress(&form, &a, today), Progress { done: 1, of: 2 });
}
