//! The other national databases (issue 17): the seed records in
//! `seeds/sources/` hold together, every prefill path of every form resolves,
//! prefilled answers validate clean, pickers, consent and coverage per source.
//! (Signatures are checked in `crates/mock-idp/tests/sources.rs`.)

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use tokhai_core::identity::Citizen;
use tokhai_core::journey::Scope;
use tokhai_core::lint::lint;
use tokhai_core::prefill::{
    consent_sources, coverage, coverage_with, form_sources, is_locked, keeping_agency, pickers, prefill, prefill_with,
    recheck_locked, recheck_locked_with, Provenance, SourceData,
};
use tokhai_core::schema::LockPolicy;
use tokhai_core::sources::{records_of, PathKind, Record, Source, SourceValue};
use tokhai_core::validate::validate_field;
use tokhai_core::{Answer, Date, FieldPath, FormDef};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn forms() -> Vec<FormDef> {
    tokhai_core::resolve::disk::all_forms(&root().join("forms")).unwrap_or_else(|e| panic!("{e}"))
}

fn form(id: &str) -> FormDef {
    forms().into_iter().find(|f| f.id == id).unwrap_or_else(|| panic!("no form {id}"))
}

/// Every seed citizen, by file name.
fn citizens() -> BTreeMap<String, Citizen> {
    let mut out = BTreeMap::new();
    for e in fs::read_dir(root().join("seeds/citizens")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name == "index.json" || !name.ends_with(".json") {
            continue;
        }
        out.insert(name, serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap());
    }
    out
}

fn citizen(file: &str) -> Citizen {
    citizens().remove(file).unwrap()
}

/// The typical citizen (first in the index) and the business representative.
const TYPICAL: &str = "nguyen-van-an.json";
const BUSINESS: &str = "vu-thi-mai.json";

fn records() -> Vec<Record> {
    let mut out = Vec::new();
    for s in Source::RECORDS {
        let v: serde_json::Value = serde_json::from_str(&read(&format!("seeds/sources/{}.json", s.key()))).unwrap();
        assert_eq!(v["source"], s.key(), "{s:?}: the file names its source");
        let rs: Vec<Record> = serde_json::from_value(v["records"].clone()).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        assert!(rs.iter().all(|r| r.source == s), "{s:?}: a record of another source");
        out.extend(rs);
    }
    out
}

fn today() -> Date {
    Date::new(2026, 11, 24).unwrap()
}

const ADDRESS_PARTS: [&str; 5] = ["province", "province_name", "ward", "ward_name", "street"];

#[test]
fn every_seed_record_holds_together() {
    let people: BTreeMap<String, String> =
        citizens().into_values().map(|c| (c.identity.personal_id.clone(), c.identity.full_name.clone())).collect();
    let all = records();
    let mut ids = BTreeSet::new();
    for r in &all {
        let place = format!("{}/{}", r.source.key(), r.id);
        assert!(ids.insert((r.source, r.id.clone())), "{place}: duplicate id");
        assert!(people.contains_key(&r.owner), "{place}: owner {} is not a seed citizen", r.owner);
        if r.source.multiple() {
            assert!(r.label.as_deref().is_some_and(|l| l.len() > 5), "{place}: a picker label");
        }
        for (k, v) in &r.data {
            let offered = r.source.path(k).is_some_and(|p| p.kind == PathKind::Text)
                || k.rsplit_once('.').is_some_and(|(pre, part)| {
                    ADDRESS_PARTS.contains(&part) && r.source.path(pre).is_some_and(|p| p.kind == PathKind::Address)
                });
            assert!(offered, "{place}: {k} is not a path the source gives");
            assert!(!v.trim().is_empty(), "{place}: {k} is blank");
            if k.ends_with("date") || k.ends_with("valid_from") || k.ends_with("valid_to") {
                assert!(Date::parse(v).is_some(), "{place}: {k} {v:?} is not a date");
            }
        }
        for p in r.source.paths().iter().filter(|p| p.kind == PathKind::Address) {
            if r.data.keys().any(|k| k.starts_with(&format!("{}.", p.path))) {
                let Some(SourceValue::Address(a)) = r.value(p.path) else { panic!("{place}: {} incomplete", p.path) };
                let units = read(&format!("assets/units/{}.json", a.province));
                assert!(units.contains(&format!("\"code\":\"{}\"", a.ward)), "{place}: ward {} unknown", a.ward);
                assert!(units.contains(&a.ward_name), "{place}: ward name {}", a.ward_name);
            }
        }
    }
    // Coherent with the citizens: names and IDs.
    let an = citizen(TYPICAL);
    let mine = |s| records_of(&all, s, &an.identity.personal_id);
    assert_eq!(mine(Source::Vehicle).len(), 2, "the typical citizen has two vehicles");
    assert!(!mine(Source::Land).is_empty(), "a parcel");
    for s in [Source::Insurance, Source::DrivingLicence, Source::Education, Source::Immigration] {
        assert_eq!(mine(s).len(), 1, "{s:?}: one record");
    }
    // His own tax record, and the one of the company that authorised him to file for it.
    let taxes = mine(Source::Tax);
    assert_eq!(taxes.len(), 2, "his tax record and his company's");
    let company =
        mine(Source::Business).into_iter().find(|r| r.text("role") == Some("duoc_cu")).expect("sent by his company");
    assert!(taxes.iter().any(|t| t.text("tax_code") == company.text("tax_code")), "the company's tax record");
    let insured = mine(Source::Insurance)[0];
    assert_eq!(company.text("name"), insured.text("employer.name"), "the company he is insured by");
    for v in mine(Source::Vehicle) {
        assert_eq!(v.text("owner_name"), Some(an.identity.full_name.as_str()));
    }
    let marriage = mine(Source::CivilStatus).into_iter().find(|r| r.text("event") == Some("ket_hon")).unwrap();
    let spouse = an.family.spouse.as_ref().unwrap();
    assert_eq!(marriage.text("spouse.personal_id"), spouse.personal_id.as_deref());
    assert_eq!(marriage.text("spouse.full_name"), Some(spouse.full_name.as_str()));
    let mai = citizen(BUSINESS);
    let businesses = records_of(&all, Source::Business, &mai.identity.personal_id);
    assert!(businesses.len() >= 2, "the business representative has an enterprise and a household business");
    for b in businesses {
        assert_eq!(b.text("representative.personal_id"), Some(mai.identity.personal_id.as_str()));
        assert_ne!(b.text("role"), Some("duoc_cu"), "she represents them in her own right");
        assert_eq!(b.text("tax_code").map(str::len), Some(10));
    }
    for r in records_of(&all, Source::Insurance, &an.identity.personal_id) {
        assert!(r.text("bhxh_code").is_some_and(|c| c.len() == 10 && c.bytes().all(|b| b.is_ascii_digit())));
    }
    // The account social insurance pays into is in the holder's own name, as banks print it.
    for r in all.iter().filter(|r| r.source == Source::Insurance && r.text("bank.account_number").is_some()) {
        let name = &people[&r.owner];
        let holder = r.text("bank.account_holder").unwrap_or_else(|| panic!("{}: an account without its holder", r.id));
        assert!(holder.chars().all(|c| c.is_ascii_uppercase() || c == ' '), "{}: {holder}", r.id);
        assert_eq!(holder.split(' ').count(), name.split(' ').count(), "{}: {holder} is not {name}", r.id);
        assert!(r.text("bank.account_number").unwrap().bytes().all(|b| b.is_ascii_digit()));
        assert!(r.text("bank.name").is_some(), "{}: the bank", r.id);
    }
    for r in all.iter().filter(|r| r.source == Source::Land) {
        for k in ["holder.shared", "holder.household"] {
            assert!(r.text(k).is_none_or(|v| v == "yes" || v == "no"), "{}: {k}", r.id);
        }
    }
    for r in all.iter().filter(|r| r.source == Source::Immigration) {
        assert_eq!(r.text("passport.ever_issued"), Some("yes"), "{}: a record is a passport issued", r.id);
        assert!(r.text("passport.number").is_some_and(|n| (8..=9).contains(&n.len())), "{}", r.id);
    }
    for r in all.iter().filter(|r| r.source == Source::DrivingLicence) {
        assert!(r.text("number").is_some_and(|c| c.len() == 12 && c.bytes().all(|b| b.is_ascii_digit())));
    }
}

#[test]
fn every_prefill_path_of_every_form_resolves_for_the_seeds() {
    let all = records();
    let mut used = 0;
    for f in forms() {
        assert!(lint(&f).is_empty(), "{}: {:?}", f.id, lint(&f));
        for field in f.sections.iter().flat_map(|s| s.fields.iter()) {
            let Some(p) = field.prefill.as_ref().filter(|p| p.source != Source::Population) else { continue };
            used += 1;
            assert!(
                all.iter().filter(|r| r.source == p.source).any(|r| r.value(&p.claim).is_some()),
                "{}.{}: no seed record of {} holds {}",
                f.id,
                field.id,
                p.source.key(),
                p.claim
            );
        }
    }
    assert!(used >= 80, "only {used} fields name another source");
}

/// Every answer the sources give validates clean with its own field's rules
/// (conditions ignored: every field is checked).
#[test]
fn prefilled_answers_validate_clean_for_both_citizens() {
    let all = records();
    for file in [TYPICAL, BUSINESS] {
        let c = citizen(file);
        for f in forms() {
            let picks = coverage_with(&f, &c, &all).picks;
            let data = SourceData { picks, ..SourceData::consent_all(all.clone()) };
            let filled = prefill_with(&f, &c, &data);
            let scope = Scope { form: &filled.answers, row: None };
            for id in filled.answers.keys() {
                let mut field = f.field(id).unwrap().clone();
                field.show_if = None;
                let mut errs = Vec::new();
                validate_field(&field, &scope, today(), &FieldPath::field(id), &mut errs);
                assert!(errs.is_empty(), "{file} {}.{id} = {:?}: {errs:?}", f.id, filled.answers[id]);
            }
        }
    }
}

#[test]
fn population_only_is_exactly_the_old_prefill() {
    let all = records();
    for (file, c) in citizens() {
        for f in forms() {
            let (answers, provenance) = prefill(&f, &c);
            let only = prefill_with(&f, &c, &SourceData { records: all.clone(), ..SourceData::population_only() });
            assert_eq!(only.answers, answers, "{file} {}", f.id);
            assert_eq!(only.provenance, provenance);
            assert!(only.sources.values().all(|s| *s == Source::Population));
        }
    }
}

#[test]
fn a_picker_fills_one_vehicle_whole() {
    let f = form("dang-ky-xe-o-to");
    let c = citizen(TYPICAL);
    let all = records();
    let ps = pickers(&f, &c, &all);
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].0, Source::Vehicle);
    assert_eq!(ps[0].1.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["xe-30a12345", "xe-29b123456"]);
    // Two vehicles and none picked: nothing from the vehicle source.
    let none = prefill_with(&f, &c, &SourceData::consent_all(all.clone()));
    assert!(!none.sources.values().any(|s| *s == Source::Vehicle));
    assert!(none.answers.contains_key("ho_ten"), "the other sources still fill");
    let pick = |id: &str| {
        let data =
            SourceData { picks: [(Source::Vehicle, id.to_string())].into(), ..SourceData::consent_all(all.clone()) };
        prefill_with(&f, &c, &data)
    };
    let car = pick("xe-30a12345");
    let text = |p: &tokhai_core::prefill::Prefilled, id: &str| p.answers.get(id).map(|a| a.text().to_string());
    assert_eq!(text(&car, "bien_so_cu").as_deref(), Some("30A-123.45"));
    assert_eq!(text(&car, "so_khung").as_deref(), Some("RL4B29F30K5012345"));
    assert_eq!(text(&car, "loai_xe").as_deref(), Some("o_to_con"));
    assert_eq!(car.sources.get("so_may"), Some(&Source::Vehicle));
    assert_eq!(car.provenance.get("so_may"), Some(&Provenance::Registry));
    // The motorcycle on the car form: its fields come from it, and a type the form does not offer stays empty.
    let moto = pick("xe-29b123456");
    assert_eq!(text(&moto, "bien_so_cu").as_deref(), Some("29B1-234.56"));
    assert_eq!(text(&moto, "so_khung").as_deref(), Some("RLHJF5810MY123456"));
    assert_eq!(text(&moto, "loai_xe"), None);
    // A pick of an id that is not the citizen's fills nothing.
    assert!(!pick("xe-15c24567").sources.values().any(|s| *s == Source::Vehicle));
    // Several businesses: the representative picks one.
    let mai = citizen(BUSINESS);
    let f = form("con-dau-moi");
    let ps = pickers(&f, &mai, &all);
    assert_eq!(ps.iter().map(|p| (p.0, p.1.len())).collect::<Vec<_>>(), [(Source::Business, 2)]);
    let data = SourceData {
        picks: [(Source::Business, "hkd-31-8056231479".to_string())].into(),
        ..SourceData::consent_all(all.clone())
    };
    let hkd = prefill_with(&f, &mai, &data);
    assert_eq!(text(&hkd, "ten_to_chuc").as_deref(), Some("Hộ kinh doanh Tạp hóa Mai Anh"));
    assert_eq!(text(&hkd, "quyet_dinh_so").as_deref(), Some("8056231479"));
    assert_eq!(text(&hkd, "vai_tro"), None, "a household owner is not one of the form's standings");
}

#[test]
fn a_declined_source_leaves_its_fields_empty() {
    let all = records();
    let c = citizen(TYPICAL);
    let f = form("doi-gplx");
    let mut data = SourceData::consent_all(all.clone());
    let yes = prefill_with(&f, &c, &data);
    assert_eq!(yes.answers.get("so_gplx"), Some(&Answer::Text("010123004217".into())));
    data.consented.remove(&Source::DrivingLicence);
    let no = prefill_with(&f, &c, &data);
    assert!(!no.sources.values().any(|s| *s == Source::DrivingLicence));
    assert!(!no.answers.contains_key("so_gplx") && no.answers.contains_key("ho_ten"));
    data.consented.remove(&Source::Population);
    assert!(prefill_with(&f, &c, &data).answers.is_empty(), "population declined too: nothing");
    // Someone without a licence gets nothing from that source.
    let lan = citizens().into_values().find(|c| c.identity.full_name == "Hoàng Thị Lan").unwrap();
    let none = prefill_with(&f, &lan, &SourceData::consent_all(all));
    assert!(!none.sources.values().any(|s| *s == Source::DrivingLicence));
}

/// The account social insurance pays into, the diplomas of the education
/// database and the passports of the immigration database fill their forms;
/// an enterprise's own account is not the representative's; a path a record
/// does not hold, or a declined source, leaves the question to type.
#[test]
fn bank_account_diplomas_and_passport_fill_their_forms() {
    let all = records();
    let an = citizen(TYPICAL);
    let text = |p: &tokhai_core::prefill::Prefilled, id: &str| p.answers.get(id).map(|a| a.text().to_string());
    let every = SourceData::consent_all(all.clone());
    let tctn = form("tro-cap-that-nghiep");
    let filled = prefill_with(&tctn, &an, &every);
    assert_eq!(text(&filled, "trinh_do").as_deref(), Some("dai_hoc"));
    assert_eq!(filled.sources.get("trinh_do"), Some(&Source::Education));
    assert_eq!(text(&filled, "so_tai_khoan").as_deref(), Some("0011004217365"));
    assert_eq!(text(&filled, "chu_tai_khoan").as_deref(), Some("NGUYEN VAN AN"));
    assert_eq!(filled.sources.get("so_tai_khoan"), Some(&Source::Insurance));
    assert!(!tctn.field("so_tai_khoan").unwrap().prefill.as_ref().is_some_and(|p| p.lock == LockPolicy::Locked));
    // Education declined: the diploma is typed, the account still comes from insurance.
    let mut no_edu = every.clone();
    no_edu.consented.remove(&Source::Education);
    let filled = prefill_with(&tctn, &an, &no_edu);
    assert!(!filled.answers.contains_key("trinh_do") && !filled.answers.contains_key("nganh_nghe"));
    assert!(filled.answers.contains_key("so_tai_khoan"));
    // Someone whose insurance file holds no account: the code fills, the account is typed.
    let lan = citizens().into_values().find(|c| c.identity.full_name == "Hoàng Thị Lan").unwrap();
    let filled = prefill_with(&form("bhxh-mot-lan"), &lan, &every);
    assert!(filled.answers.contains_key("ma_so_bhxh") && !filled.answers.contains_key("so_tai_khoan"));
    // The enterprise's electricity and land payments use its own account (its tax record), never
    // the representative's; his own tax record holds no account, so it fills nothing there.
    for id in ["dich-vu-dien-doanh-nghiep", "nghia-vu-tai-chinh-dat-doanh-nghiep"] {
        let f = form(id);
        assert_eq!(f.field("so_tai_khoan").unwrap().prefill.as_ref().map(|p| p.source), Some(Source::Tax), "{id}");
        let with = |tax: &str| {
            let data = SourceData { picks: [(Source::Tax, tax.to_string())].into(), ..every.clone() };
            prefill_with(&f, &an, &data)
        };
        assert_eq!(text(&with("thue-0101234567"), "so_tai_khoan").as_deref(), Some("12010000456789"), "{id}");
        assert!(!with("thue-001085004217").answers.contains_key("so_tai_khoan"), "{id}");
    }
    // How social insurance pays: into the account, or cash at the pay point it registered.
    assert_eq!(text(&prefill_with(&form("bhxh-mot-lan"), &an, &every), "hinh_thuc_nhan").as_deref(), Some("tai_khoan"));
    let cash = prefill_with(&form("bhxh-mot-lan"), &lan, &every);
    assert_eq!(text(&cash, "hinh_thuc_nhan").as_deref(), Some("tien_mat"));
    assert!(text(&cash, "noi_nhan_tien_mat").is_some_and(|p| p.contains("Vũ Thư")));
    for id in ["cap-dien-moi", "nghia-vu-tai-chinh-dat-ca-nhan", "lien-thong-khai-tu", "cap-ho-chieu"] {
        assert!(consent_sources(&form(id)).contains_key(&Source::Insurance), "{id}");
    }
    // The latest passport, locked like the registry facts it is.
    let passport = form("cap-ho-chieu");
    let filled = prefill_with(&passport, &an, &every);
    assert_eq!(text(&filled, "co_ho_chieu_cu").as_deref(), Some("yes"));
    assert_eq!(text(&filled, "so_ho_chieu_cu").as_deref(), Some("C4567821"));
    assert_eq!(text(&filled, "ngay_cap_ho_chieu_cu").as_deref(), Some("12/03/2018"));
    let so = passport.field("so_ho_chieu_cu").unwrap();
    assert!(keeping_agency(so).vi.contains("xuất nhập cảnh"));
    assert!(is_locked(so, filled.provenance.get("so_ho_chieu_cu").copied()));
    // Someone never issued a passport: nothing from that source.
    let dung = citizens().into_values().find(|c| c.identity.full_name == "Hồ Văn Dũng").unwrap();
    assert!(!prefill_with(&passport, &dung, &every).sources.values().any(|s| *s == Source::Immigration));
    // A pupil's schools from the education database; the parcel's holders from the land database.
    let khanh_ngoc = citizens().into_values().find(|c| c.identity.personal_id == "046303001962").unwrap();
    let exam = prefill_with(&form("dang-ky-thi-thpt"), &khanh_ngoc, &every);
    for id in ["lop_10", "lop_11", "lop_12", "ten_lop_12", "chuong_trinh", "nam_tot_nghiep"] {
        assert_eq!(exam.sources.get(id), Some(&Source::Education), "{id}");
    }
    let land = form("bien-dong-dat-chuyen-nhuong");
    let pick = |id: &str| {
        let data = SourceData { picks: [(Source::Land, id.to_string())].into(), ..every.clone() };
        prefill_with(&land, &an, &data)
    };
    let shared = pick("dat-01-00167-18-152");
    assert_eq!(
        (text(&shared, "dong_su_dung").as_deref(), text(&shared, "cap_cho_ho").as_deref()),
        (Some("yes"), Some("no"))
    );
    assert_eq!(text(&pick("dat-01-10114-9-347"), "dong_su_dung").as_deref(), Some("no"));
}

#[test]
fn coverage_per_source_adds_up_and_never_loses() {
    let all = records();
    for file in [TYPICAL, BUSINESS] {
        let c = citizen(file);
        for f in forms() {
            let cov = coverage_with(&f, &c, &all);
            let old = coverage(&f, &c);
            assert_eq!((cov.declared, cov.before), (old.declared, old.prefilled), "{file} {}", f.id);
            assert!(cov.after >= cov.before && cov.after <= cov.declared, "{file} {}", f.id);
            assert_eq!(cov.by_source.values().sum::<usize>(), cov.after, "{file} {}", f.id);
            assert_eq!(cov.by_source.get(&Source::Population).copied().unwrap_or(0), cov.before, "{file} {}", f.id);
            assert!(cov.percent_after() >= 20, "{file} {}: {}%", f.id, cov.percent_after());
            for asked in [cov.asked_before, cov.asked_after] {
                assert!(asked.filled <= asked.fields && asked.fields <= cov.declared, "{file} {}", f.id);
            }
        }
    }
    let c = citizen(TYPICAL);
    let moto = coverage_with(&form("dang-ky-xe-mo-to"), &c, &all);
    assert_eq!(moto.picks.get(&Source::Vehicle).map(String::as_str), Some("xe-29b123456"), "the motorcycle fits best");
    assert!(moto.by_source[&Source::Vehicle] >= 9);
    let tax = coverage_with(&form("dang-ky-thue-ca-nhan"), &c, &all);
    assert_eq!(tax.by_source.get(&Source::Tax), Some(&3));
    let tctn = coverage_with(&form("tro-cap-that-nghiep"), &c, &all);
    assert_eq!(tctn.by_source.get(&Source::Education), Some(&2));
    assert!(tctn.by_source[&Source::Insurance] >= 10, "the insurance file and the account it pays into");
    let passport = coverage_with(&form("cap-ho-chieu"), &c, &all);
    assert_eq!(passport.by_source.get(&Source::Immigration), Some(&3));
}

#[test]
fn locked_source_answers_are_rechecked_and_consent_lists_them() {
    let all = records();
    let c = citizen(TYPICAL);
    let f = form("dang-ky-xe-o-to");
    let data = SourceData { picks: [(Source::Vehicle, "xe-30a12345".into())].into(), ..SourceData::consent_all(all) };
    let filled = prefill_with(&f, &c, &data);
    let mut answers = filled.answers.clone();
    assert!(recheck_locked_with(&f, &answers, &filled.provenance, &c, &data).is_empty());
    answers.insert("so_khung".into(), Answer::Text("XXXX".into()));
    answers.insert("mau_son".into(), Answer::Text("Đen".into())); // editable
    assert_eq!(recheck_locked_with(&f, &answers, &filled.provenance, &c, &data), ["so_khung"]);
    assert!(recheck_locked(&f, &answers, &filled.provenance, &c).is_empty(), "the token alone checks its own fields");
    let consent = consent_sources(&f);
    assert_eq!(consent.keys().copied().collect::<Vec<_>>(), [Source::Vehicle]);
    assert!(consent[&Source::Vehicle].iter().any(|x| x.id == "so_khung"));
    assert_eq!(form_sources(&f), [Source::Population, Source::Vehicle].into());
    let so_khung = f.field("so_khung").unwrap();
    assert!(keeping_agency(so_khung).vi.contains("Cảnh sát giao thông"));
    assert!(keeping_agency(f.field("ho_ten").unwrap()).vi.contains("Công an cấp xã"));
}

#[test]
fn the_linter_refuses_paths_a_source_does_not_give() {
    let mut f = form("dang-ky-xe-o-to");
    let set = |f: &mut FormDef, id: &str, json: &str| {
        let field = f.sections.iter_mut().flat_map(|s| s.fields.iter_mut()).find(|x| x.id == id).unwrap();
        field.prefill = Some(serde_json::from_str(json).unwrap());
    };
    assert!(lint(&f).is_empty());
    set(&mut f, "so_khung", r#"{"source": "vehicle", "claim": "vin"}"#);
    assert!(lint(&f).iter().any(|e| e.contains("\"vin\"") && e.contains("vehicle")), "{:?}", lint(&f));
    set(&mut f, "so_khung", r#"{"source": "land", "claim": "address"}"#);
    assert!(lint(&f).iter().any(|e| e.contains("does not fit")), "{:?}", lint(&f));
    set(&mut f, "so_khung", r#"{"source": "vehicle", "claim": "identity.full_name"}"#);
    assert!(!lint(&f).is_empty());
    set(&mut f, "so_khung", r#"{"claim": "plate"}"#);
    assert!(!lint(&f).is_empty(), "population does not give plate");
    set(&mut f, "so_khung", r#"{"source": "vehicle", "claim": "frame_number"}"#);
    assert!(lint(&f).is_empty());
    assert!(serde_json::from_str::<tokhai_core::schema::Prefill>(r#"{"source": "bank", "claim": "x"}"#).is_err());
    // Serialising keeps population implicit, so the built forms are unchanged for it.
    let p: tokhai_core::schema::Prefill = serde_json::from_str(r#"{"claim": "identity.full_name"}"#).unwrap();
    assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"claim":"identity.full_name","lock":"locked"}"#);
}

/// Someone his company authorised files for it: the seal form names the
/// company and its legal representative and says he was sent; the electricity
/// contracts fill their forms, one picked of several, with the place and the
/// current holder of the one picked.
#[test]
fn a_company_s_delegate_and_electricity_contracts_fill_their_forms() {
    let all = records();
    let an = citizen(TYPICAL);
    let every = SourceData::consent_all(all.clone());
    let text = |p: &tokhai_core::prefill::Prefilled, id: &str| p.answers.get(id).map(|a| a.text().to_string());
    let seal = form("con-dau-moi");
    let ps = pickers(&seal, &an, &all);
    assert!(ps.is_empty(), "one organisation: no picker, {ps:?}");
    let filled = prefill_with(&seal, &an, &every);
    assert_eq!(text(&filled, "vai_tro").as_deref(), Some("duoc_cu"));
    assert_eq!(text(&filled, "ten_to_chuc").as_deref(), Some("Công ty Cổ phần Xây dựng và Thương mại Thăng Long"));
    assert_eq!(text(&filled, "dai_dien_ho_ten").as_deref(), Some("Đỗ Quang Huy"));
    assert_eq!(filled.sources.get("dai_dien_ho_ten"), Some(&Source::Business));
    // The enterprise forms' "you act as" takes the same standing.
    let land = prefill_with(&form("nghia-vu-tai-chinh-dat-doanh-nghiep"), &an, &every);
    assert_eq!(text(&land, "tu_cach").as_deref(), Some("duoc_cu"));

    let change = form("doi-chu-the-hop-dong-dien");
    let ps = pickers(&change, &an, &all);
    assert_eq!(ps.iter().map(|p| (p.0, p.1.len())).collect::<Vec<_>>(), [(Source::Electricity, 3)]);
    // Nothing from this source until one contract is picked.
    assert!(!prefill_with(&change, &an, &every).sources.values().any(|s| *s == Source::Electricity));
    let data = SourceData { picks: [(Source::Electricity, "dien-PD19000386120".to_string())].into(), ..every.clone() };
    let filled = prefill_with(&change, &an, &data);
    assert_eq!(text(&filled, "ma_khach_hang").as_deref(), Some("PD19000386120"));
    assert_eq!(text(&filled, "chu_cu_ho_ten").as_deref(), Some("Nguyễn Văn Bình"));
    assert_eq!(text(&filled, "muc_dich").as_deref(), Some("sinh_hoat"));
    let Some(Answer::Address(place)) = filled.answers.get("dia_chi_su_dung_dien") else { panic!("the place supplied") };
    assert_eq!(place.ward_name, "Xã Thanh Oai");
    assert!(keeping_agency(change.field("ma_khach_hang").unwrap()).vi.contains("Điện lực"));
    // Declined: typed, and the place falls back to nothing rather than to his residence.
    let mut declined = data.clone();
    declined.consented.remove(&Source::Electricity);
    let filled = prefill_with(&change, &an, &declined);
    assert!(!filled.answers.contains_key("ma_khach_hang") && !filled.answers.contains_key("dia_chi_su_dung_dien"));
    // The enterprise's contract: its purpose is among the enterprise form's options.
    let data = SourceData { picks: [(Source::Electricity, "dien-PD02000734561".to_string())].into(), ..every };
    let filled = prefill_with(&form("dich-vu-dien-doanh-nghiep"), &an, &data);
    assert_eq!(text(&filled, "muc_dich").as_deref(), Some("kinh_doanh"));
    assert_eq!(text(&filled, "hinh_thuc_thanh_toan").as_deref(), Some("tu_dong"));
}

#[test]
fn what_the_state_answers_rules_out_is_not_asked() {
    let all = records();
    let marriage = form("xac-nhan-hon-nhan-ket-hon");
    let ids = |c: &Citizen| {
        let data = SourceData::consent_all(all.clone());
        let filled = prefill_with(&marriage, c, &data).answers;
        let asked: Vec<String> =
            tokhai_core::prefill::asked_fields(&marriage, &filled).iter().map(|f| f.id.clone()).collect();
        asked
    };
    // Married: the spouse is named, no divorce or death papers are asked.
    let an = ids(&citizen(TYPICAL));
    assert!(an.contains(&"vo_chong_ho_ten".to_string()));
    for hidden in ["ly_hon_so", "ly_hon_ngay", "ly_hon_toa_an", "goa_so", "goa_ngay", "goa_co_quan"] {
        assert!(!an.contains(&hidden.to_string()), "{hidden}");
    }
    // Divorced: the divorce is asked (and filled by civil status), no spouse.
    let mai = ids(&citizen(BUSINESS));
    assert!(mai.contains(&"ly_hon_so".to_string()) && !mai.contains(&"vo_chong_ho_ten".to_string()));
    // A condition on what the citizen still answers counts the field as asked.
    assert!(an.contains(&"ban_sao_so_luong".to_string()) && mai.contains(&"ban_sao_so_luong".to_string()));
    let cov = coverage_with(&marriage, &citizen(TYPICAL), &all);
    assert_eq!(cov.asked_after.fields, cov.declared - 6);
    assert!(cov.asked_after.percent() > cov.percent_after());
}
