//! What the pages read of the portal: one citizen's view of the embedded
//! record, everyone's for the console, a portal server's answers, and the
//! public lookup's subset read back.

use tokhai_core::dossier::Status;
use tokhai_core::portal::*;
use tokhai_core::view::{PublicDossier, View};
use tokhai_core::Text;

const NOW: Millis = 1_795_500_000_000;
const AN: &str = "001085004217";
const BINH: &str = "079190000001";

fn sub(key: &str, owner: &str) -> Submission {
    Submission {
        key: key.into(),
        form: "dang-ky-thuong-tru".into(),
        service: Text { vi: "Đăng ký thường trú".into(), en: "Permanent residence".into() },
        agency: Text { vi: "Công an cấp xã".into(), en: "Commune police".into() },
        level: tokhai_core::catalog::Level::Xa,
        owner: owner.into(),
        province: 1,
        processing_days: 7,
        ..Default::default()
    }
}

fn office() -> (Office, String, String) {
    let mut o = Office::default();
    let a = o.submit(sub("a", AN), NOW).code;
    let b = o.submit(sub("b", BINH), NOW + 1).code;
    o.prefs.insert(BINH.into(), Prefs { sms: false, ..Default::default() });
    o.results.insert(b.clone(), Issued { file: "f".into(), stamp: "s".into() });
    (o, a, b)
}

#[test]
fn a_citizen_sees_only_their_own_dossiers_inbox_preferences_and_results() {
    let (o, a, b) = office();
    let v = View::of(&o, AN);
    assert_eq!(v.dossiers().map(|d| d.code.clone()).collect::<Vec<_>>(), vec![a.clone()]);
    assert!(v.get(&b).is_none(), "someone else's dossier is not in the view");
    assert_eq!(v.notices(AN).len(), 1);
    assert!(v.notices(BINH).is_empty() && v.prefs(BINH).is_none() && v.result(&b).is_none());
    assert_eq!(v.unread(AN), 1);
    assert_eq!(v.newest_notice(AN), v.notices(AN)[0].id);
    let whole = View::whole(o.clone());
    assert_eq!(whole.dossiers().count(), 2, "the console sees everyone's");
    assert_eq!(whole.dossiers().next().map(|d| d.code.clone()), Some(b.clone()), "newest first");
    assert_eq!(View::of(&o, BINH).results_of(BINH).len(), 1);
}

#[test]
fn a_servers_answers_make_the_same_view_as_the_embedded_record() {
    let (o, _, _) = office();
    let local = View::of(&o, AN);
    // What GET /dossiers and GET /notifications answer: newest first.
    let dossiers: Vec<Dossier> = o.mine(AN).into_iter().cloned().collect();
    let server = View::from_server(AN, dossiers, vec![], o.notices(AN), None);
    assert_eq!(server.mine(AN), local.mine(AN));
    assert_eq!(server.notices(AN), local.notices(AN));
    assert_eq!(server.prefs_or(AN, Some("0904217365"), None).phone, "0904217365", "defaults when none saved");
    let listing = View::listing(o.dossiers.iter().rev().cloned().collect(), vec![]);
    assert_eq!(
        listing.dossiers().map(|d| d.code.clone()).collect::<Vec<_>>(),
        View::whole(o).dossiers().map(|d| d.code.clone()).collect::<Vec<_>>()
    );
}

#[test]
fn the_public_lookup_reads_back_without_anything_personal() {
    let (mut o, a, _) = office();
    o.apply(&a, None, tokhai_core::dossier::Event::Accept, "ok", vec![], NOW + 10).unwrap();
    let d = o.get(&a).unwrap().clone();
    let text = serde_json::to_string(&PublicDossier::from(d.clone())).unwrap();
    for private in [AN, "\"answers\"", "\"owner\"", "\"reason\"", "\"sent\"", "\"key\""] {
        assert!(!text.contains(private), "{private} in {text}");
    }
    let back = serde_json::from_str::<PublicDossier>(&text).unwrap().into_dossier();
    assert_eq!((back.code.as_str(), back.status, back.appointment), (a.as_str(), Status::Accepted, d.appointment));
    assert_eq!(
        back.history.iter().map(|s| (s.at, s.status)).collect::<Vec<_>>(),
        d.history.iter().map(|s| (s.at, s.status)).collect::<Vec<_>>()
    );
    assert!(back.owner.is_empty() && back.answers.is_empty());
    assert!(serde_json::from_str::<Dossier>(&text).is_err(), "a dossier cannot be read from the subset");
}
