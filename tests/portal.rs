//! The embedded portal in a real browser: what it keeps in `localStorage`
//! survives a reload of that storage, the same submission makes one dossier,
//! an unreadable record is kept aside (not dropped), and a full storage is
//! reported instead of pretending the dossier was sent.
#![cfg(target_arch = "wasm32")]

use tokhai::services::portal::{load, office, Loaded, LocalPortal, Portal, PortalFailure, OFFICE_KEY};
use tokhai_core::dossier::Status;
use tokhai_core::portal::{Submission, DEFAULT_STEP_MS};
use tokhai_core::{Answer, Answers, Text};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn submission(key: &str) -> Submission {
    let mut answers = Answers::new();
    answers.insert("ho_ten".into(), Answer::Text("Nguyễn Văn An".into()));
    Submission {
        key: key.into(),
        form: "xac-nhan-cu-tru".into(),
        service: Text { vi: "Xác nhận thông tin về cư trú".into(), en: "Residence confirmation".into() },
        agency: Text { vi: "Công an cấp xã".into(), en: "Commune police".into() },
        level: tokhai_core::catalog::Level::Xa,
        owner: "001085004217".into(),
        province: 1,
        processing_days: 3,
        answers,
        ..Default::default()
    }
}

fn clean() {
    let s = storage();
    let keys: Vec<String> = (0..s.length().unwrap()).filter_map(|i| s.key(i).unwrap()).collect();
    for k in keys.iter().filter(|k| k.starts_with(OFFICE_KEY)) {
        s.remove_item(k).unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_dossier_survives_a_reload_of_storage_and_the_same_key_makes_one() {
    clean();
    let first = LocalPortal.submit(submission("k-1")).await.unwrap();
    // A fresh read of storage, as after a reload of the page.
    let Loaded::Ok(again) = load() else { panic!("readable") };
    let kept = again.get(&first.code).expect("kept across a reload");
    assert_eq!(kept.status, Status::Submitted);
    assert_eq!(kept.answers.get("ho_ten"), Some(&Answer::Text("Nguyễn Văn An".into())));
    // A double tap, a reload or a second tab sends the same key: the same dossier.
    let second = LocalPortal.submit(submission("k-1")).await.unwrap();
    assert_eq!(second.code, first.code);
    assert_eq!(office().dossiers.len(), 1);
    // The simulated agency moves it after its delay, and that is stored too.
    let mut o = office();
    assert!(o.tick(first.received + DEFAULT_STEP_MS));
    tokhai::services::portal::save(&o).unwrap();
    assert_eq!(LocalPortal.status(&first.code).await.unwrap().status, Status::Accepted);
    let inbox = LocalPortal.notifications("001085004217").await.unwrap();
    assert_eq!(inbox.len(), 2, "submitted and accepted");
    clean();
}

#[wasm_bindgen_test]
async fn an_unreadable_record_is_kept_aside_and_a_new_one_started() {
    clean();
    storage().set_item(OFFICE_KEY, "{\"version\": 1, \"dossiers\": [oops").unwrap();
    let first = match load() {
        Loaded::Recovered(o, aside) => {
            assert!(o.dossiers.is_empty());
            assert_eq!(storage().get_item(&aside).unwrap().as_deref(), Some("{\"version\": 1, \"dossiers\": [oops"));
            aside
        }
        Loaded::Ok(_) => panic!("a corrupt record must be reported"),
    };
    // A record of a future version is not misread either, nor is the first one overwritten.
    storage().set_item(OFFICE_KEY, "{\"version\": 99}").unwrap();
    let Loaded::Recovered(_, second) = load() else { panic!("a future version must be reported") };
    assert_eq!(storage().get_item(&second).unwrap().as_deref(), Some("{\"version\": 99}"));
    assert_ne!(first, second);
    assert!(storage().get_item(&first).unwrap().is_some(), "the first unreadable record is still there");
    clean();
}

#[wasm_bindgen_test]
async fn a_full_storage_is_reported_and_nothing_is_pretended() {
    clean();
    let s = storage();
    // Fill localStorage to its quota.
    let chunk = "x".repeat(512 * 1024);
    let mut n = 0;
    while s.set_item(&format!("filler-{n}"), &chunk).is_ok() && n < 64 {
        n += 1;
    }
    let small = "y".repeat(1024);
    let mut m = 0;
    while s.set_item(&format!("filler-small-{m}"), &small).is_ok() && m < 8192 {
        m += 1;
    }
    let result = LocalPortal.submit(submission("k-full")).await;
    for i in 0..=n {
        s.remove_item(&format!("filler-{i}")).unwrap();
    }
    for i in 0..=m {
        s.remove_item(&format!("filler-small-{i}")).unwrap();
    }
    assert_eq!(result.unwrap_err(), PortalFailure::Storage);
    assert!(office().dossiers.is_empty(), "no dossier claimed");
    clean();
}
