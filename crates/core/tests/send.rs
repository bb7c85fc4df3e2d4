//! The one decision behind "Xác nhận và gửi": each reason a dossier cannot be
//! sent yet, in order, and the submission when it can.

use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use tokhai_core::catalog::CatalogEntry;
use tokhai_core::drafts::Filling;
use tokhai_core::identity::{Citizen, TokenClaims};
use tokhai_core::prefill::{is_locked, prefill, Provenance};
use tokhai_core::sample::sample_answers;
use tokhai_core::submission::{prepare, residence_province, Blocked, Sending};
use tokhai_core::{Answer, Date, FormDef};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn ct01() -> FormDef {
    let all = tokhai_core::resolve::disk::all_forms(&root().join("forms")).unwrap();
    all.into_iter().find(|f| f.id == "dang-ky-thuong-tru").unwrap()
}

fn catalog() -> Vec<CatalogEntry> {
    serde_json::from_str(&fs::read_to_string(root().join("forms/catalog.json")).unwrap()).unwrap()
}

fn citizen() -> Citizen {
    serde_json::from_str(&fs::read_to_string(root().join("seeds/citizens/nguyen-van-an.json")).unwrap()).unwrap()
}

fn claims(citizen: Citizen) -> TokenClaims {
    TokenClaims {
        iss: "test".into(),
        sub: citizen.identity.personal_id.clone(),
        aud: "test".into(),
        iat: 0,
        nbf: 0,
        exp: 0,
        loa: 2,
        citizen,
    }
}

const TODAY: Date = Date { year: 2026, month: 11, day: 24 };

/// CT01 filled validly after consent, with each registry answer marked so.
fn filled(form: &FormDef, c: &Citizen) -> Filling {
    let (_, provenance) = prefill(form, c);
    Filling { answers: Rc::new(sample_answers(form, c, TODAY)), provenance, consent: Some(true), ..Filling::default() }
}

fn sending<'a>(
    form: &'a FormDef,
    filling: &'a Filling,
    identity: Option<&'a TokenClaims>,
    entry: Option<&'a CatalogEntry>,
) -> Sending<'a> {
    Sending { form, filling, declared: true, identity, entry, prefs: Default::default(), helper: None, today: TODAY }
}

#[test]
fn a_valid_form_of_a_signed_in_citizen_becomes_the_submission() {
    let (form, catalog, c) = (ct01(), catalog(), citizen());
    let claims = claims(c.clone());
    let filling = filled(&form, &c);
    let entry = catalog.iter().find(|e| e.id == form.id);
    let mut s = sending(&form, &filling, Some(&claims), entry);
    s.helper = Some("Tổ CNSCĐ phường Ba Đình".into());
    let sub = prepare(s).expect("sendable");
    assert_eq!(sub.form, "dang-ky-thuong-tru");
    assert_eq!(sub.owner, c.identity.personal_id);
    assert_eq!(Some(sub.province), residence_province(&c));
    assert_eq!(sub.agency, entry.unwrap().agency, "catalogue facts come from the catalogue");
    assert_eq!(sub.helper.as_deref(), Some("Tổ CNSCĐ phường Ba Đình"));
    assert_eq!(sub.answers, *filling.answers);
    // It says which answers are locked registry values; a server checks them against the token.
    assert!(sub.locked.iter().any(|f| f == "ho_ten"), "{:?}", sub.locked);
    assert!(tokhai_core::prefill::locked_mismatches(&form, &sub.answers, &sub.locked, &c).is_empty());
    let mut forged = sub.answers.clone();
    forged.insert("ho_ten".into(), tokhai_core::Answer::Text("Người Khác".into()));
    assert_eq!(tokhai_core::prefill::locked_mismatches(&form, &forged, &sub.locked, &c), vec!["ho_ten".to_string()]);
}

#[test]
fn registry_answers_changed_on_the_page_go_back_first() {
    let (form, catalog, c) = (ct01(), catalog(), citizen());
    let claims = claims(c.clone());
    let mut filling = filled(&form, &c);
    let (field, was) = filling
        .provenance
        .iter()
        .find(|(f, p)| **p == Provenance::Registry && is_locked(form.field(f).unwrap(), Some(**p)))
        .map(|(f, _)| (f.clone(), filling.answers[f].clone()))
        .expect("CT01 locks a registry answer");
    Rc::make_mut(&mut filling.answers).insert(field.clone(), Answer::Text("Đổi trên trang".into()));
    let got = prepare(sending(&form, &filling, Some(&claims), catalog.first()));
    let Err(Blocked::Locked(back)) = got else { panic!("expected the locked answer restored, got {got:?}") };
    assert_eq!(back.get(&field), Some(&was));
    assert_eq!(back.len(), 1);
}

#[test]
fn each_reason_is_given_in_order() {
    let (form, catalog, c) = (ct01(), catalog(), citizen());
    let claims = claims(c.clone());
    let entry = catalog.iter().find(|e| e.id == form.id);
    let filling = filled(&form, &c);

    let empty = Filling::default();
    assert_eq!(prepare(sending(&form, &empty, Some(&claims), entry)), Err(Blocked::Invalid));
    let mut undeclared = sending(&form, &filling, Some(&claims), entry);
    undeclared.declared = false;
    assert_eq!(prepare(undeclared), Err(Blocked::Invalid), "the declaration is part of the answers");

    assert_eq!(prepare(sending(&form, &filling, None, entry)), Err(Blocked::SignIn));
    assert_eq!(prepare(sending(&form, &filling, Some(&claims), None)), Err(Blocked::Catalogue));
    let other = catalog.iter().find(|e| e.id != form.id);
    assert_eq!(
        prepare(sending(&form, &filling, Some(&claims), other)),
        Err(Blocked::Catalogue),
        "another service's facts are never used"
    );

    // No residence in the registry: no silent default province.
    let mut homeless = c.clone();
    homeless.residence.permanent = None;
    homeless.residence.temporary = None;
    homeless.residence.current = None;
    let claims = self::claims(homeless.clone());
    assert_eq!(residence_province(&homeless), None);
    assert_eq!(prepare(sending(&form, &filling, Some(&claims), entry)), Err(Blocked::NoProvince));
}

#[test]
fn the_province_is_permanent_then_temporary_then_current() {
    let mut c = citizen();
    let permanent = residence_province(&c).expect("the seed citizen has a residence");
    let mut other = c.residence.permanent.clone().unwrap();
    other.province = "79".into();
    c.residence.temporary = Some(other.clone());
    assert_eq!(residence_province(&c), Some(permanent));
    c.residence.permanent = None;
    assert_eq!(residence_province(&c), Some(79));
    c.residence.temporary = None;
    other.province = "48".into();
    c.residence.current = Some(other);
    assert_eq!(residence_province(&c), Some(48));
}

/// The idempotency key in `docs/portal-api.md` is the one computed over its example answers.
#[test]
fn the_documented_key_is_computed_over_the_documented_answers() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/portal-api.md")).unwrap();
    let start = doc.find("```json\n{\"cam_doan\"").expect("the ANSWERS example") + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let answers: tokhai_core::Answers = serde_json::from_str(&doc[start..end]).unwrap();
    let key = tokhai_core::portal::submission_key("001085004217", "dang-ky-thuong-tru", &answers);
    assert!(doc.contains(&format!("Idempotency-Key: {key}")), "docs/portal-api.md should say Idempotency-Key: {key}");
    // Another file under the same name is another submission.
    let mut other = answers.clone();
    if let Some(tokhai_core::Answer::Files(f)) = other.get_mut("giay_to_cho_o") {
        f[0].size += 1;
    }
    assert_ne!(tokhai_core::portal::submission_key("001085004217", "dang-ky-thuong-tru", &other), key);
}
