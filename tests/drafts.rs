//! Drafts in IndexedDB, in a real browser: plain drafts round-trip with
//! their attachments; an assisted session's drafts are ciphertext at rest;
//! wiping one resident leaves another intact; a wrong PIN opens nothing;
//! damaged, newer, old-layout and expired records are each handled.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use tokhai::services::drafts::{self, Keeper, Owner};
use tokhai::services::{idb, seal};
use tokhai_core::drafts::{Draft, Filling, DRAFT_VERSION};
use tokhai_core::{Answer, Answers, FileMeta};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: i64 = 1_795_500_000_000;
const DAY: i64 = 86_400_000;

fn draft(form: &str) -> Draft {
    let mut answers = Answers::new();
    answers.insert("ho_ten".into(), Answer::Text("Nguyễn Văn An".into()));
    answers.insert("so_dinh_danh".into(), Answer::Text("001085004217".into()));
    answers.insert("dien_thoai".into(), Answer::Text("0904217365".into()));
    Draft {
        v: DRAFT_VERSION,
        form: form.into(),
        saved: NOW,
        filling: Filling {
            section: Some("nguoi-khai".into()),
            answers: std::rc::Rc::new(answers),
            ..Filling::default()
        },
        ..Draft::default()
    }
}

fn file(text: &str) -> (String, FileMeta, web_sys::File) {
    let meta = FileMeta {
        name: "so-ho-khau.pdf".into(),
        size: text.len() as u64,
        mime: "application/pdf".into(),
        stored: None,
        upload: None,
    };
    let bag = web_sys::FilePropertyBag::new();
    bag.set_type("application/pdf");
    let f = web_sys::File::new_with_u8_array_sequence_and_options(
        &Array::of1(&Uint8Array::from(text.as_bytes())),
        &meta.name,
        &bag,
    )
    .unwrap();
    ("giay_to".into(), meta, f)
}

/// Ids of every record.
async fn ids() -> Vec<String> {
    idb::all().await.unwrap().iter().filter_map(|r| idb::text(r, "id")).collect()
}

async fn clear() {
    idb::delete(&ids().await).await.unwrap();
}

/// Every record as text, bytes decoded as UTF-8 (lossy), to search for plaintext.
async fn at_rest() -> String {
    let mut out = String::new();
    for r in idb::all().await.unwrap() {
        let keys = Object::keys(r.unchecked_ref::<Object>());
        for k in keys.iter() {
            let v = Reflect::get(&r, &k).unwrap();
            out.push_str(&text_of(&v));
        }
        let files: Array = Reflect::get(&r, &"files".into()).unwrap().dyn_into().unwrap_or_default();
        for f in files.iter() {
            for key in ["data", "ct", "iv"] {
                out.push_str(&text_of(&Reflect::get(&f, &key.into()).unwrap()));
            }
        }
    }
    out
}

fn text_of(v: &JsValue) -> String {
    match v.dyn_ref::<Uint8Array>() {
        Some(a) => String::from_utf8_lossy(&a.to_vec()).into_owned(),
        None => v.as_string().unwrap_or_default(),
    }
}

async fn file_text(f: &web_sys::File) -> String {
    let buf = JsFuture::from(f.array_buffer()).await.unwrap();
    String::from_utf8(Uint8Array::new(&buf).to_vec()).unwrap()
}

#[wasm_bindgen_test]
async fn a_plain_draft_round_trips_with_its_attachment() {
    clear().await;
    let k = Keeper { owner: Owner::person("001085004217"), key: None };
    drafts::save(&k, &draft("ct01"), &[file("bản sao sổ hộ khẩu")]).await.unwrap();
    let found = drafts::load(&k, NOW + DAY, false).await.unwrap();
    assert_eq!(found.drafts.len(), 1);
    let (_, d, files) = &found.drafts[0];
    assert_eq!(d.filling.answers.get("ho_ten"), Some(&Answer::Text("Nguyễn Văn An".into())));
    assert_eq!(d.filling.section.as_deref(), Some("nguoi-khai"));
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].1.name, "so-ho-khau.pdf");
    assert_eq!(file_text(&files[0].2).await, "bản sao sổ hộ khẩu");
    assert!(drafts::load(&Keeper { owner: Owner::Person("p-someone-else".into()), key: None }, NOW, false)
        .await
        .unwrap()
        .drafts
        .is_empty());
}

#[wasm_bindgen_test]
async fn sealed_drafts_are_ciphertext_at_rest_and_wiping_one_resident_leaves_the_other() {
    clear().await;
    let a = Keeper { owner: Owner::Session("a-resident-a".into()), key: Some(seal::session_key().await.unwrap()) };
    let b = Keeper { owner: Owner::Session("a-resident-b".into()), key: Some(seal::session_key().await.unwrap()) };
    for k in [&a, &b] {
        drafts::write_check(k).await.unwrap();
        save_sealed(k, &draft("dang-ky-thuong-tru"), &[file("hợp đồng thuê nhà của Nguyễn Văn An")]).await;
    }
    let rest = at_rest().await;
    for secret in
        ["Nguyễn Văn An", "001085004217", "0904217365", "hợp đồng", "so-ho-khau", "dang-ky-thuong-tru", "nguoi-khai"]
    {
        assert!(!rest.contains(secret), "{secret:?} readable at rest");
    }
    let back = drafts::load(&a, NOW, false).await.unwrap();
    assert_eq!(back.drafts.len(), 1, "the session's own key opens it");
    assert_eq!(file_text(&back.drafts[0].2[0].2).await, "hợp đồng thuê nhà của Nguyễn Văn An");

    assert_eq!(drafts::wipe("a-resident-a").await.unwrap(), 2, "the draft and the check record");
    assert!(drafts::load(&a, NOW, false).await.unwrap().drafts.is_empty());
    assert_eq!(drafts::load(&b, NOW, false).await.unwrap().drafts.len(), 1, "B is intact");
    assert!(drafts::check(&b).await.unwrap());
}

async fn save_sealed(k: &Keeper, d: &Draft, files: &[(String, FileMeta, web_sys::File)]) {
    drafts::save(k, d, files).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_wrong_pin_opens_nothing() {
    clear().await;
    let salt = seal::random(16);
    let right =
        Keeper { owner: Owner::Session("a-pin".into()), key: Some(seal::pin_key("2468", &salt).await.unwrap()) };
    let wrong =
        Keeper { owner: Owner::Session("a-pin".into()), key: Some(seal::pin_key("1357", &salt).await.unwrap()) };
    drafts::write_check(&right).await.unwrap();
    save_sealed(&right, &draft("ct01"), &[]).await;
    assert!(!drafts::check(&wrong).await.unwrap(), "the check record tells a wrong PIN");
    let found = drafts::load(&wrong, NOW, false).await.unwrap();
    assert!(found.drafts.is_empty());
    assert_eq!(found.unreadable.len(), 1, "kept, not deleted");
    assert!(drafts::check(&right).await.unwrap());
    assert_eq!(drafts::load(&right, NOW, false).await.unwrap().drafts.len(), 1);
}

fn raw(id: &str, owner: &str, saved: i64, body: &str) -> JsValue {
    let o = Object::new();
    for (k, v) in [
        ("id", JsValue::from_str(id)),
        ("owner", owner.into()),
        ("saved", (saved as f64).into()),
        ("sealed", false.into()),
        ("body", body.into()),
        ("files", Array::new().into()),
    ] {
        Reflect::set(&o, &k.into(), &v).unwrap();
    }
    o.into()
}

#[wasm_bindgen_test]
async fn damaged_newer_old_and_expired_records_are_each_handled() {
    clear().await;
    let k = Keeper { owner: Owner::Person("p-test".into()), key: None };
    let v1 = r#"{"v":1,"form":"khai-sinh","saved_s":1795500000,"answers":{"ho_ten":{"type":"text","value":"Bé An"}}}"#;
    idb::put(&[
        raw("p-test|khai-sinh", "p-test", NOW, v1),
        raw("p-test|hong", "p-test", NOW, "{not json"),
        raw("p-test|moi", "p-test", NOW, r#"{"v":7,"form":"moi"}"#),
        raw("p-test|cu", "p-test", NOW - 31 * DAY, &serde_json_like(&draft("cu"))),
    ])
    .await
    .unwrap();
    let found = drafts::load(&k, NOW, false).await.unwrap();
    assert_eq!(found.drafts.len(), 1);
    assert_eq!(found.drafts[0].1.form, "khai-sinh");
    assert_eq!(found.drafts[0].1.v, DRAFT_VERSION, "migrated from the first layout");
    assert_eq!(found.expired, 1);
    let mut newer: Vec<Option<u32>> = found.unreadable.iter().map(|u| u.newer).collect();
    newer.sort();
    assert_eq!(newer, vec![None, Some(7)]);
    let ids = ids().await;
    assert!(ids.contains(&"p-test|hong".to_string()) && ids.contains(&"p-test|moi".to_string()), "kept: {ids:?}");
    assert!(!ids.contains(&"p-test|cu".to_string()), "the expired draft is gone");
}

fn serde_json_like(d: &Draft) -> String {
    tokhai::services::json::stringify(d).unwrap()
}

#[wasm_bindgen_test]
async fn drafts_made_before_sign_in_become_the_citizens() {
    clear().await;
    let guest = Keeper { owner: Owner::Guest, key: None };
    drafts::save(&guest, &draft("ct01"), &[]).await.unwrap();
    let me = Keeper { owner: Owner::person("001085004217"), key: None };
    assert_eq!(drafts::load(&me, NOW, true).await.unwrap().drafts.len(), 1);
    assert!(drafts::load(&guest, NOW, false).await.unwrap().drafts.is_empty(), "moved, not copied");
    assert_eq!(drafts::load(&me, NOW, false).await.unwrap().drafts.len(), 1);
}

#[wasm_bindgen_test]
fn a_draft_that_arrives_after_the_page_opened_keeps_the_page_and_brings_the_answers() {
    use tokhai::state::{Action, Store};
    use yew::Reducible;
    let stored = Filling { section: Some("giay-to".into()), ..draft("ct01").filling };
    assert!(!stored.answers.is_empty());
    // The form was fast: the section page opened (and said so) before IndexedDB answered.
    let store =
        std::rc::Rc::new(Store::default()).reduce(Action::Visit { form: "ct01".into(), section: "nguoi-khai".into() });
    let store = store.reduce(Action::Load { form: "ct01".into(), filling: Box::new(stored.clone()) });
    let now = store.form("ct01");
    assert_eq!(now.answers, stored.answers, "the draft's answers are back");
    assert_eq!(now.section.as_deref(), Some("nguoi-khai"), "and the citizen stays where they are");
    // Without a visit first, the draft's own section is where it resumes.
    let store =
        std::rc::Rc::new(Store::default()).reduce(Action::Load { form: "ct01".into(), filling: Box::new(stored) });
    assert_eq!(store.form("ct01").section.as_deref(), Some("giay-to"));
}

#[wasm_bindgen_test]
fn a_draft_that_arrives_after_the_citizen_typed_fills_in_around_the_typed_answer() {
    use tokhai::state::{Action, Store};
    use tokhai_core::Answer;
    use yew::Reducible;
    let stored = Filling { section: None, ..draft("ct01").filling };
    let (field, old) = stored.answers.iter().next().map(|(k, v)| (k.clone(), v.clone())).expect("a stored answer");
    let typed = Answer::Text("gõ trước khi ứng dụng sẵn sàng".into());
    assert_ne!(old, typed);
    // Typed on a prerendered page before the app took over, then the draft arrives.
    let store = std::rc::Rc::new(Store::default()).reduce(Action::Set {
        form: "ct01".into(),
        field: field.clone(),
        answer: Some(typed.clone()),
    });
    let store = store.reduce(Action::Load { form: "ct01".into(), filling: Box::new(stored.clone()) });
    let now = store.form("ct01");
    assert_eq!(now.answers.get(&field), Some(&typed), "what the citizen typed wins");
    for (k, v) in stored.answers.iter().filter(|(k, _)| **k != field) {
        assert_eq!(now.answers.get(k), Some(v), "the draft's other answers are back: {k}");
    }
}

#[wasm_bindgen_test]
fn a_draft_with_a_locked_registry_value_keeps_it_and_offers_what_was_typed_there() {
    use tokhai::state::{Action, Store};
    use tokhai_core::prefill::Provenance;
    use tokhai_core::Answer;
    use yew::Reducible;
    let form = "dang-ky-thuong-tru";
    tokhai::services::forms::insert(include_str!("../target/forms/dang-ky-thuong-tru.json")).unwrap();
    let registry = Answer::Text("Nguyễn Văn An".into());
    let mut stored = Filling::default();
    for (k, v) in [("ho_ten", registry.clone()), ("dien_thoai", Answer::Text("0904217365".into()))] {
        std::rc::Rc::make_mut(&mut stored.answers).insert(k.into(), v);
        stored.provenance.insert(k.into(), Provenance::Registry);
    }
    // Typed on the prerendered page before the app took over: the name (locked
    // once prefilled), the phone (prefilled but editable), and the same name as held.
    let typed = |store: std::rc::Rc<Store>, field: &str, text: &str| {
        store.reduce(Action::Set { form: form.into(), field: field.into(), answer: Some(Answer::Text(text.into())) })
    };
    let store = typed(std::rc::Rc::new(Store::default()), "ho_ten", "Nguyễn Văn Ân");
    let store = typed(store, "dien_thoai", "0356789012");
    let store = store.reduce(Action::Load { form: form.into(), filling: Box::new(stored.clone()) });
    let now = store.form(form);
    assert_eq!(now.answers.get("ho_ten"), Some(&registry), "the locked registry value stays");
    assert_eq!(now.provenance.get("ho_ten"), Some(&Provenance::Registry));
    assert_eq!(now.offered.get("ho_ten"), Some(&Answer::Text("Nguyễn Văn Ân".into())), "what was typed is offered");
    assert!(now.corrections.is_empty(), "not recorded for the citizen");
    assert_eq!(now.answers.get("dien_thoai"), Some(&Answer::Text("0356789012".into())), "an editable one is replaced");
    assert!(!now.offered.contains_key("dien_thoai"));
    // Typed the same as the registry holds: nothing to offer.
    let store = typed(std::rc::Rc::new(Store::default()), "ho_ten", "Nguyễn Văn An");
    let store = store.reduce(Action::Load { form: form.into(), filling: Box::new(stored) });
    assert!(store.form(form).offered.is_empty());
}

#[wasm_bindgen_test]
fn a_name_typed_decomposed_is_stored_as_the_registry_keeps_it() {
    use tokhai::state::{Action, Store};
    use tokhai_core::Answer;
    use yew::Reducible;
    let nfd = "Nguye\u{0302}\u{0303}n Va\u{0306}n An"; // a decomposed (NFD) keyboard
    let nfc = "Nguy\u{1EC5}n V\u{0103}n An"; // "Nguyễn Văn An", as the registry holds it
    assert_ne!(nfd, nfc);
    let store = std::rc::Rc::new(Store::default()).reduce(Action::Set {
        form: "ct01".into(),
        field: "ho_ten".into(),
        answer: Some(Answer::Text(nfd.into())),
    });
    assert_eq!(store.form("ct01").answers.get("ho_ten"), Some(&Answer::Text(nfc.into())));
    assert!(tokhai_core::rules::is_valid_person_name(nfc));
}

#[wasm_bindgen_test]
fn answers_waiting_in_the_outbox_cannot_change_until_taken_out() {
    use tokhai::state::{Action, Store};
    use tokhai_core::portal::Submission;
    use tokhai_core::Answer;
    use yew::Reducible;
    let set = |value: &str| Action::Set {
        form: "ct01".into(),
        field: "ho_ten".into(),
        answer: Some(Answer::Text(value.into())),
    };
    let store = std::rc::Rc::new(Store::default()).reduce(set("Nguyễn Văn An"));
    let sub = Submission {
        key: "k1".into(),
        form: "ct01".into(),
        answers: (*store.answers("ct01")).clone(),
        ..Default::default()
    };
    let store = store.reduce(Action::Queued { form: "ct01".into(), submission: Box::new(sub.clone()) });
    // Edited after queueing (another tab, a section page): refused, so what is sent is what is shown.
    let store = store.reduce(set("Nguyễn Văn Bình"));
    let store = store.reduce(Action::Decline { form: "ct01".into() });
    let now = store.form("ct01");
    assert_eq!(now.answers.get("ho_ten"), Some(&Answer::Text("Nguyễn Văn An".into())));
    assert_eq!(now.consent, None);
    assert_eq!(now.outbox.as_ref().map(|s| s.answers.clone()), Some((*now.answers).clone()));
    // Visiting a section is not a change of answers.
    let store = store.reduce(Action::Visit { form: "ct01".into(), section: "nguoi-khai".into() });
    assert_eq!(store.form("ct01").section.as_deref(), Some("nguoi-khai"));
    // Taken out of the queue, the answers can change again; nothing waits any more.
    let store = store.reduce(Action::Unqueue { form: "ct01".into() }).reduce(set("Nguyễn Văn Bình"));
    assert_eq!(store.form("ct01").answers.get("ho_ten"), Some(&Answer::Text("Nguyễn Văn Bình".into())));
    assert!(store.form("ct01").outbox.is_none());
}
