//! The simulated portal: idempotent submission, daily sequences, the
//! agency's automatic path, supplement rounds, refusals, withdrawal and the
//! messages sent for each step.

use tokhai_core::dossier::{Event, Status};
use tokhai_core::notify::{inbox, sms, Channel, Delivery};
use tokhai_core::portal::*;
use tokhai_core::{Answer, Answers, Lang, Text};

const NOW: Millis = 1_795_500_000_000; // Tuesday 24/11/2026, 13:00 in Hà Nội

fn sub(key: &str) -> Submission {
    Submission {
        key: key.into(),
        form: "dang-ky-thuong-tru".into(),
        service: Text { vi: "Đăng ký thường trú".into(), en: "Permanent residence".into() },
        agency: Text { vi: "Công an cấp xã".into(), en: "Commune police".into() },
        level: tokhai_core::catalog::Level::Xa,
        owner: "001085004217".into(),
        province: 1,
        processing_days: 7,
        ..Default::default()
    }
}

#[test]
fn clock_is_vietnam_time() {
    let (d, h, m) = vn_clock(NOW);
    assert_eq!((d.to_string().as_str(), h, m), ("24/11/2026", 13, 0));
    assert_eq!(vn_clock(0).1, 7, "midnight UTC is 07:00 in Hà Nội");
}

#[test]
fn the_same_key_makes_one_dossier_and_sequences_count_per_unit_and_day() {
    let mut o = Office::default();
    let a = o.submit(sub("k1"), NOW);
    let again = o.submit(sub("k1"), NOW + 5_000);
    assert_eq!(a.code, again.code);
    assert_eq!(o.dossiers.len(), 1);
    let b = o.submit(sub("k2"), NOW);
    assert_eq!(a.code, "001.01.20.H01-261124-0001");
    assert_eq!(b.code, "001.01.20.H01-261124-0002");
    let next_day = o.submit(sub("k3"), NOW + 86_400_000);
    assert!(next_day.code.ends_with("-261125-0001"), "{}", next_day.code);
    assert_eq!(a.appointment.to_string(), "03/12/2026", "7 working days from Tue 24/11");
}

#[test]
fn keys_follow_the_answers() {
    let mut x = Answers::new();
    x.insert("ho_ten".into(), Answer::Text("An".into()));
    let k = submission_key("1", "f", &x);
    assert_eq!(k, submission_key("1", "f", &x));
    assert_ne!(k, submission_key("2", "f", &x));
    x.insert("ho_ten".into(), Answer::Text("Bình".into()));
    assert_ne!(k, submission_key("1", "f", &x));
}

#[test]
fn the_agency_walks_a_plain_dossier_to_its_result() {
    let mut o = Office::default();
    let code = o.submit(sub("k"), NOW).code;
    assert!(!o.tick(NOW + 1_000), "nothing before the delay");
    let mut t = NOW;
    let mut seen = vec![];
    for _ in 0..6 {
        t += DEFAULT_STEP_MS;
        o.tick(t);
        seen.push(o.get(&code).unwrap().status);
    }
    use Status::*;
    assert_eq!(seen, [Accepted, Processing, Done, Delivered, Delivered, Delivered]);
    assert_eq!(o.notices("001085004217").len(), 5, "one inbox message per status");
    assert_eq!(o.unread("001085004217"), 5);
}

#[test]
fn a_missing_document_brings_one_supplement_round_then_the_fee() {
    let mut o = Office::default();
    let mut s = sub("k");
    s.missing = vec![("giay_to".into(), Text { vi: "Giấy tờ chỗ ở hợp pháp".into(), en: "Proof of lodging".into() })];
    s.fee_vnd = Some(20_000);
    s.online_fee_vnd = Some(10_000);
    let code = o.submit(s, NOW).code;
    let mut t = NOW;
    for _ in 0..3 {
        t += DEFAULT_STEP_MS;
        o.tick(t);
    }
    let d = o.get(&code).unwrap().clone();
    assert_eq!(d.status, Status::SupplementRequested);
    assert_eq!(d.supplement.as_ref().unwrap().fields, ["giay_to"]);
    let asked = &d.supplement.as_ref().unwrap().reason;
    assert_eq!(asked.text(Lang::Vi), "Bổ sung: Giấy tờ chỗ ở hợp pháp");
    assert_eq!(asked.text(Lang::En), "Documents to add: Proof of lodging");
    assert!(!o.tick(t + DEFAULT_STEP_MS * 5), "the agency waits for the citizen");
    // Someone else cannot answer it.
    assert_eq!(o.answer_supplement(&code, "079000000001", Answers::new(), "", t).unwrap_err(), PortalError::NotYours);
    // Answered three days later: the appointment moves by the working days waited.
    let later = t + 3 * 86_400_000; // Friday 27/11
    let mut edit = Answers::new();
    edit.insert("giay_to".into(), Answer::Text("x".into()));
    edit.insert("ho_ten".into(), Answer::Text("not allowed".into()));
    let d2 = o.answer_supplement(&code, "001085004217", edit, "Đã bổ sung", later).unwrap();
    assert_eq!(d2.status, Status::Processing);
    assert!(d2.answers.contains_key("giay_to") && !d2.answers.contains_key("ho_ten"));
    assert_eq!(d2.appointment.to_string(), "08/12/2026", "03/12 plus 3 working days waited");
    o.tick(later + DEFAULT_STEP_MS);
    let d3 = o.get(&code).unwrap();
    assert_eq!(d3.status, Status::PaymentRequested, "no second supplement; the fee is due");
    assert_eq!((d3.fee_vnd, d3.full_fee_vnd), (Some(10_000), Some(20_000)));
    assert!(!d3.overdue());
    o.apply(&code, Some("001085004217"), Event::Paid, "", vec![], later + DEFAULT_STEP_MS * 2).unwrap();
    o.tick(later + DEFAULT_STEP_MS * 3);
    assert_eq!(o.get(&code).unwrap().status, Status::Done);
}

#[test]
fn a_second_supplement_request_is_overdue_and_disputes_are_refused() {
    let mut o = Office::default();
    let code = o.submit(sub("k"), NOW).code;
    for e in [
        Event::Accept,
        Event::StartProcessing,
        Event::RequestSupplement,
        Event::SupplementAnswered,
        Event::RequestSupplement,
    ] {
        o.apply(&code, None, e, "Ảnh chụp giấy tờ bị mờ", vec![], NOW).unwrap();
    }
    assert!(o.get(&code).unwrap().overdue());
    assert_eq!(o.apply(&code, None, Event::Deliver, "", vec![], NOW).unwrap_err(), PortalError::NotAllowed);
    let mut s = sub("k2");
    s.corrections = 1;
    let c2 = o.submit(s, NOW).code;
    o.tick(NOW + DEFAULT_STEP_MS);
    let d = o.get(&c2).unwrap();
    assert_eq!(d.status, Status::Refused);
    let why = &d.history.last().unwrap().reason;
    assert_eq!(why, &Reason::Agency(AgencyReason::RegistryDispute), "a key, not a sentence");
    assert!(why.text(Lang::Vi).contains("Cơ sở dữ liệu quốc gia về dân cư"));
    assert!(why.text(Lang::En).contains("National Population Database"));
}

#[test]
fn messages_go_to_the_chosen_channels_and_fall_back_when_sms_fails() {
    let prefs = Prefs {
        sms: true,
        phone: "0904217365".into(),
        phone_confirmed: true,
        email_on: false,
        email: "an@example.vn".into(),
        web_push: false,
    };
    // Find a code whose SMS fails for good, and one whose SMS arrives.
    let mut failed = None;
    let mut fine = None;
    for n in 0..200 {
        let code = format!("001.01.20.H01-261124-{n:04}");
        let (sent, _) = deliver(&code, Status::Accepted, &prefs, NOW);
        match sent[0].delivery {
            Delivery::PermanentFailure if failed.is_none() => failed = Some(sent),
            Delivery::Delivered if fine.is_none() => fine = Some(sent),
            _ => {}
        }
    }
    // Every delivery status of the model occurs.
    let mut kinds = std::collections::HashSet::new();
    for n in 0..200 {
        let (sent, _) = deliver(&format!("001.01.20.H01-261124-{n:04}"), Status::Processing, &prefs, NOW);
        kinds.extend(sent.iter().map(|s| s.delivery));
    }
    assert_eq!(kinds.len(), 5, "{kinds:?}");
    let failed = failed.expect("some SMS fail");
    assert_eq!(failed[1].channel, Channel::Email, "then e-mail");
    assert!(failed[1].fallback);
    assert_eq!(failed[0].to, "09x…365");
    let fine = fine.expect("most arrive");
    assert_eq!(fine.len(), 1, "no e-mail when SMS arrived and e-mail is off");
    // An unconfirmed phone gets nothing; the inbox is then the only channel.
    let (sent, flagged) = deliver("c", Status::Accepted, &Prefs { phone_confirmed: false, ..prefs.clone() }, NOW);
    assert!(sent.is_empty() && !flagged);
    assert_eq!(mask_email("an@example.vn"), "a…@example.vn");
}

#[test]
fn withdrawal_is_the_citizens_and_final() {
    let mut o = Office::default();
    let code = o.submit(sub("k"), NOW).code;
    assert_eq!(
        o.apply(&code, Some("someone-else"), Event::Withdraw, "", vec![], NOW).unwrap_err(),
        PortalError::NotYours
    );
    let d = o.apply(&code, Some("001085004217"), Event::Withdraw, "Nộp nhầm thủ tục", vec![], NOW).unwrap();
    assert_eq!(d.status, Status::Withdrawn);
    assert_eq!(d.history.last().unwrap().actor, Actor::Citizen);
    assert!(d.allowed().is_empty());
    assert!(!o.tick(NOW + DEFAULT_STEP_MS * 10));
}

#[test]
fn forgetting_a_resident_keeps_only_what_the_public_lookup_shows() {
    let mut o = Office::default();
    let mut s = sub("k-forget");
    s.answers.insert("ho_ten".into(), Answer::Text("NGUYỄN VĂN AN".into()));
    let a = o.submit(s, NOW);
    let mut other = sub("k-other");
    other.owner = "079190000001".into();
    let b = o.submit(other, NOW);
    assert_eq!(o.forget("001085004217"), 1);
    let kept = o.dossiers.iter().find(|d| d.code == a.code).unwrap();
    assert!(kept.owner.is_empty() && kept.answers.is_empty());
    assert!(kept.history.iter().all(|s| s.sent.is_empty() && s.reason.is_empty()));
    assert_eq!(kept.status, a.status, "the status is still there for the lookup");
    assert!(o.notices("001085004217").is_empty());
    assert!(!serde_json::to_string(&o).unwrap().contains("NGUYỄN"));
    assert_eq!(o.mine("079190000001")[0].code, b.code, "another resident's dossier is untouched");
    assert_eq!(o.notices("079190000001").len(), 1);
    // The agency still moves the forgotten dossier, but nobody's inbox on this device gets it.
    o.apply(&a.code, None, Event::Accept, "", vec![], NOW + 1).unwrap();
    assert!(o.inbox.keys().all(|k| !k.is_empty()));
}

#[test]
fn results_are_due_once_reached_listed_per_owner_and_forgotten_with_the_resident() {
    use tokhai_core::dossier::Status;
    use tokhai_core::portal::Issued;
    let mut o = Office::default();
    let a = o.submit(sub("k-result"), NOW);
    let mut other = sub("k-result-other");
    other.owner = "079190000001".into();
    let b = o.submit(other, NOW);
    assert!(o.awaiting_result().is_empty(), "nothing is due before a result");
    for d in o.dossiers.iter_mut() {
        d.status = Status::Done;
    }
    let due: Vec<String> = o.awaiting_result().iter().map(|d| d.code.clone()).collect();
    assert_eq!(due, vec![a.code.clone(), b.code.clone()]);
    let issued = |n: &str| Issued { file: format!("file-{n}"), stamp: format!("stamp-{n}") };
    o.results.insert(a.code.clone(), issued("a"));
    o.results.insert(b.code.clone(), issued("b"));
    assert!(o.awaiting_result().is_empty(), "issued once");
    let mine = o.results_of("001085004217");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].1.file, "file-a", "only the owner's own results");
    // Stored and read back unchanged (and an older record without results still reads).
    let back: Office = serde_json::from_str(&serde_json::to_string(&o).unwrap()).unwrap();
    assert_eq!(back.results, o.results);
    o.forget("001085004217");
    assert!(o.results_of("001085004217").is_empty() && !o.results.contains_key(&a.code), "wiped with the resident");
    assert!(o.results.contains_key(&b.code), "another resident's result stays");
    assert!(o.awaiting_result().iter().all(|d| d.code != a.code), "a forgotten dossier is not issued again");
}

/// Every inbox message of `owner` and every step's SMS, as the citizen reads them in `lang`.
fn words(o: &Office, owner: &str, code: &str, lang: Lang) -> (Vec<(String, String)>, Vec<String>) {
    let d = o.get(code).unwrap();
    let notices = o.notices(owner).iter().rev().map(|n| inbox(n.status, &notice_facts(d, n, lang), lang)).collect();
    let texts = d.history.iter().map(|s| sms(s.status, &step_facts(d, s, lang, true), lang)).collect();
    (notices, texts)
}

#[test]
fn a_message_keeps_the_words_it_was_sent_with_after_later_steps() {
    let owner = "001085004217";
    let mut o = Office::default();
    let mut s = sub("k");
    let doc = Text { vi: "Giấy tờ chỗ ở hợp pháp".into(), en: "Proof of lodging".into() };
    s.missing = vec![("giay_to".into(), doc)];
    let code = o.submit(s, NOW).code;
    let mut t = NOW;
    for _ in 0..3 {
        t += DEFAULT_STEP_MS;
        o.tick(t);
    }
    assert_eq!(o.get(&code).unwrap().status, Status::SupplementRequested);
    let before = [Lang::Vi, Lang::En].map(|l| words(&o, owner, &code, l));
    let (notices, texts) = &before[0];
    assert!(notices[3].1.contains("Bổ sung: Giấy tờ chỗ ở hợp pháp"), "{:?}", notices[3]);
    assert!(before[1].0[3].1.contains("Documents to add: Proof of lodging"), "{:?}", before[1].0[3]);
    assert!(texts[1].contains("03/12/2026"), "accepted: due 03/12: {}", texts[1]);

    // Answered three days later (the appointment moves to 08/12), then a
    // second, different request.
    let later = t + 3 * 86_400_000;
    o.answer_supplement(&code, owner, Answers::new(), "Đã bổ sung", later).unwrap();
    let again = "Ảnh chụp giấy tờ bị mờ, chụp lại";
    o.apply(&code, None, Event::RequestSupplement, again, vec![], later + 1).unwrap();
    let d = o.get(&code).unwrap();
    assert_eq!(d.appointment.to_string(), "08/12/2026");
    assert_eq!(facts(d, Lang::Vi, false).reason, again, "now: the second request");

    let after = [Lang::Vi, Lang::En].map(|l| words(&o, owner, &code, l));
    for (lang, (b, a)) in before.iter().zip(after.iter()).enumerate() {
        assert_eq!(a.0[..b.0.len()], b.0[..], "inbox messages unchanged (language {lang})");
        assert_eq!(a.1[..b.1.len()], b.1[..], "SMS of the earlier steps unchanged (language {lang})");
    }
    let (notices, texts) = &after[0];
    assert!(notices.last().unwrap().1.contains(again), "the new message has the new words");
    assert!(texts[4].contains("08/12/2026"), "processing again: due 08/12: {}", texts[4]);
    // The timeline's reasons are each step's own, in the reader's language.
    let reasons: Vec<String> = d.history.iter().map(|s| s.reason.text(Lang::En)).filter(|r| !r.is_empty()).collect();
    assert_eq!(reasons, ["Documents to add: Proof of lodging", "Đã bổ sung", again]);
}

#[test]
fn records_made_before_keys_and_frozen_words_are_still_read() {
    // An Office as an earlier release stored it: reasons as sentences, no
    // `said`, notices without reason.
    let old = r#"{"version":1,"dossiers":[{"code":"001.01.20.H01-261124-0001","key":"k","form":"dang-ky-thuong-tru",
      "service":{"vi":"Đăng ký thường trú","en":"Permanent residence"},"agency":{"vi":"Công an cấp xã","en":"Commune police"},
      "owner":"001085004217","received":1795500000000,"appointment":{"year":2026,"month":12,"day":3},
      "status":"supplement_requested","answers":{},"fee_vnd":null,"full_fee_vnd":null,"paid":false,
      "missing":[],"corrections":0,
      "supplement":{"reason":"Bổ sung: Giấy tờ chỗ ở hợp pháp","fields":["giay_to"],"asked":1795500030000},
      "supplement_rounds":1,"helper":null,"channel":2,
      "history":[{"at":1795500000000,"status":"submitted","actor":"citizen","reason":"","sent":[]},
                 {"at":1795500030000,"status":"supplement_requested","actor":"officer","reason":"Bổ sung: Giấy tờ chỗ ở hợp pháp","sent":[]}]}],
      "sequences":{},"inbox":{"001085004217":[{"id":2,"code":"001.01.20.H01-261124-0001","status":"supplement_requested",
      "at":1795500030000,"read":false,"flagged":false}]},"prefs":{},"next_id":3,"step_ms":10000}"#;
    let o: Office = serde_json::from_str(old).expect("an old record reads");
    let d = o.get("001.01.20.H01-261124-0001").unwrap();
    let typed = Reason::Typed("Bổ sung: Giấy tờ chỗ ở hợp pháp".into());
    assert_eq!(d.supplement.as_ref().unwrap().reason, typed);
    assert_eq!(d.history[1].reason, typed);
    assert!(d.history[0].reason.is_empty() && d.history[0].said.is_none());
    let n = &o.notices("001085004217")[0];
    assert!(n.said.is_none());
    // Worded from the dossier, as before.
    assert!(inbox(n.status, &notice_facts(d, n, Lang::Vi), Lang::Vi).1.contains("Giấy tờ chỗ ở hợp pháp"));
    assert!(sms(d.history[1].status, &step_facts(d, &d.history[1], Lang::Vi, true), Lang::Vi).contains(&d.code));

    // A new record: typed words are still a plain string, the agency's are a key.
    let mut o = Office::default();
    let mut s = sub("k");
    s.corrections = 1;
    let code = o.submit(s, NOW).code;
    o.tick(NOW + DEFAULT_STEP_MS);
    let json = serde_json::to_value(&o).unwrap();
    let step = &json["dossiers"][0]["history"][1];
    assert_eq!(step["reason"], serde_json::json!({"key": "registry_dispute"}));
    assert_eq!(json["dossiers"][0]["history"][0]["reason"], "");
    assert_eq!(step["said"]["appointment"]["day"], 3);
    assert_eq!(json["inbox"]["001085004217"][1]["reason"]["key"], "registry_dispute");
    let back: Office = serde_json::from_value(json).unwrap();
    assert_eq!(back, o, "a new record round-trips");
    let mut typed = Office::default();
    let c = typed.submit(sub("k2"), NOW).code;
    typed.apply(&c, Some("001085004217"), Event::Withdraw, "Nộp nhầm thủ tục", vec![], NOW).unwrap();
    let json = serde_json::to_value(&typed).unwrap();
    assert_eq!(json["dossiers"][0]["history"][1]["reason"], "Nộp nhầm thủ tục");
    assert_eq!(o.get(&code).unwrap().status, Status::Refused);
}
