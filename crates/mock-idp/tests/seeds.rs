//! Checks every seed citizen in `seeds/citizens/` (found by reading the
//! directory, so a new seed is covered automatically), the index the simulator
//! lists, the variety of cases the seeds must cover, and mint → verify with the
//! committed mock key.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tokhai_core::answers::Address;
use tokhai_core::date::Date;
use tokhai_core::identity::{Citizen, Person, AUDIENCE, ISSUER};
use tokhai_core::rules::{
    check_personal_id, is_valid_email, is_valid_person_name, normalize_phone, Sex, ID_PROVINCE_CODES,
};
use tokhai_mock_idp::{generate_key_pair, mint, public_jwk_of, verify, MintOptions, DEFAULT_KID};

/// "Today" for the seeds' ages and card validity.
const TODAY: Date = Date { year: 2026, month: 11, day: 24 };
/// A fixed "now" for minted tokens: 24/11/2026 09:00 +07:00.
const NOW: i64 = 1_795_485_600;
/// The app refuses tokens larger than this (`tokhai_core::jws::MAX_TOKEN_BYTES`).
const MAX_TOKEN_BYTES: usize = 16 * 1024;
const ISSUE_PLACE: &str = "Cục Cảnh sát quản lý hành chính về trật tự xã hội";
/// Relationship to the head of household: the option values of CT01.
const RELATIONSHIPS: [&str; 12] =
    ["chu_ho", "vo", "chong", "con", "cha", "me", "ong", "ba", "chau", "anh_chi_em", "con_dau_re", "khac"];
const MARITAL: [&str; 4] = ["chua_ket_hon", "da_ket_hon", "ly_hon", "goa"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    let p = root().join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Every seed as (file name, raw text, citizen), sorted by file name.
fn seeds() -> Vec<(String, String, Citizen)> {
    let dir = root().join("seeds/citizens");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("seeds/citizens exists") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".json") || name == "index.json" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let citizen: Citizen = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: not a Citizen: {e}"));
        out.push((name, text, citizen));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 12, "at least 12 seed citizens, found {}", out.len());
    out
}

fn date(file: &str, what: &str, s: &str) -> Date {
    let d = Date::parse(s).unwrap_or_else(|| panic!("{file}: {what} {s:?} is not a date"));
    assert_eq!(d.to_string(), s, "{file}: {what} must be written dd/mm/yyyy");
    d
}

fn sex(file: &str, what: &str, s: &str) -> Sex {
    Sex::from_value(s).unwrap_or_else(|| panic!("{file}: {what} sex {s:?} is not nam/nu"))
}

fn age(c: &Citizen) -> i32 {
    Date::parse(&c.identity.birth_date).unwrap().age_on(TODAY)
}

/// Every linked person of a citizen, with what the link says about them.
fn linked(c: &Citizen) -> Vec<(&'static str, &Person)> {
    let f = &c.family;
    let mut v: Vec<(&'static str, &Person)> = Vec::new();
    v.extend(f.father.iter().map(|p| ("father", p)));
    v.extend(f.mother.iter().map(|p| ("mother", p)));
    v.extend(f.spouse.iter().map(|p| ("spouse", p)));
    v.extend(f.children.iter().map(|p| ("child", p)));
    v.extend(f.legal_representative.iter().map(|p| ("legal representative", p)));
    v.extend(c.household.members.iter().map(|p| ("household member", p)));
    v
}

fn addresses(c: &Citizen) -> Vec<(&'static str, &Address)> {
    let r = &c.residence;
    [("permanent", &r.permanent), ("temporary", &r.temporary), ("current", &r.current)]
        .into_iter()
        .filter_map(|(k, a)| a.as_ref().map(|a| (k, a)))
        .collect()
}

#[test]
fn every_seed_loads_and_holds_nothing_the_type_drops() {
    for (file, text, citizen) in seeds() {
        let stem = file.trim_end_matches(".json");
        assert!(
            !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{file}: file names are ASCII slugs"
        );
        // Re-serialised, the citizen is the file: no nulls, no empty optional members.
        let raw: Value = serde_json::from_str(&text).unwrap();
        let back = serde_json::to_value(&citizen).unwrap();
        assert_eq!(raw, back, "{file}: the file holds values the Citizen type does not keep as written");
    }
}

#[test]
fn every_personal_id_fits_birth_date_sex_and_birth_province() {
    // id -> (name, birth date, sex, where seen): one person per ID across all seeds.
    let mut people: BTreeMap<String, (String, Option<String>, Option<String>, String)> = BTreeMap::new();
    let mut own_ids = BTreeSet::new();
    for (file, _, c) in seeds() {
        let i = &c.identity;
        let dob = date(&file, "birth_date", &i.birth_date);
        let s = sex(&file, "citizen", &i.sex);
        assert_eq!(check_personal_id(&i.personal_id, Some(dob), Some(s), TODAY), Ok(()), "{file}: {}", i.personal_id);
        let (_, province) = ID_PROVINCE_CODES.iter().find(|(code, _)| i.personal_id.starts_with(code)).unwrap();
        assert!(
            i.birth_registration_place.contains(province),
            "{file}: ID province {province} is not where the birth was registered ({})",
            i.birth_registration_place
        );
        assert!(own_ids.insert(i.personal_id.clone()), "{file}: two seed files for {}", i.personal_id);

        let mut seen = vec![(
            "citizen",
            Person {
                full_name: i.full_name.clone(),
                personal_id: Some(i.personal_id.clone()),
                birth_date: Some(i.birth_date.clone()),
                sex: Some(i.sex.clone()),
                nationality: Some(i.nationality.clone()),
                relationship: None,
            },
        )];
        seen.extend(linked(&c).into_iter().map(|(k, p)| (k, p.clone())));
        seen.push((
            "head of household",
            Person {
                full_name: c.household.head_name.clone(),
                personal_id: Some(c.household.head_id.clone()),
                ..Person::default()
            },
        ));
        for (what, p) in seen {
            let dob = p.birth_date.as_deref().map(|d| date(&file, what, d));
            let s = p.sex.as_deref().map(|x| sex(&file, what, x));
            if let Some(d) = dob {
                assert!(d <= TODAY, "{file}: {what} {} born in the future", p.full_name);
            }
            match what {
                "father" => assert_eq!(s, Some(Sex::Male), "{file}: father's sex"),
                "mother" => assert_eq!(s, Some(Sex::Female), "{file}: mother's sex"),
                "spouse" => assert_ne!(s, Some(sex(&file, "citizen", &i.sex)), "{file}: spouse's sex"),
                _ => {}
            }
            if let Some(n) = &p.nationality {
                assert_eq!(n, "Việt Nam", "{file}: {what} nationality");
            }
            let Some(id) = &p.personal_id else {
                // Only the long dead or the unborn lack an ID: none of the linked
                // living people may, except parents born before 1940.
                assert!(matches!(what, "father" | "mother"), "{file}: {what} {} has no personal ID", p.full_name);
                continue;
            };
            assert_eq!(check_personal_id(id, dob, s, TODAY), Ok(()), "{file}: {what} {} ID {id}", p.full_name);
            let entry = people
                .entry(id.clone())
                .or_insert_with(|| (p.full_name.clone(), None, None, format!("{file} ({what})")));
            assert_eq!(
                entry.0, p.full_name,
                "ID {id} is {} in {} and {} in {file} ({what})",
                entry.0, entry.3, p.full_name
            );
            for (known, new, field) in [(&mut entry.1, &p.birth_date, "birth date"), (&mut entry.2, &p.sex, "sex")] {
                match (known.as_ref(), new) {
                    (Some(a), Some(b)) => assert_eq!(a, b, "ID {id}: {field} differs between {} and {file}", entry.3),
                    (None, Some(b)) => *known = Some(b.clone()),
                    _ => {}
                }
            }
        }
    }
}

/// Expiry of a card issued on `issue` to someone born on `dob` (Điều 21 Luật
/// Căn cước 2023): valid to the next of 25, 40, 60 years of age; a card issued in
/// the 2 years before one of those ages runs to the following one; a card
/// issued from 58 on never expires.
fn expected_expiry(dob: Date, issue: Date) -> Option<Date> {
    let a = dob.age_on(issue);
    [25, 40, 60]
        .into_iter()
        .find(|m| a < m - 2)
        .map(|m| Date::new(dob.year + m, dob.month, dob.day).unwrap_or(Date { year: dob.year + m, month: 3, day: 1 }))
}

#[test]
fn id_cards_follow_the_25_40_60_rule_and_are_valid_today() {
    for (file, _, c) in seeds() {
        let i = &c.identity;
        let dob = date(&file, "birth_date", &i.birth_date);
        let issue = date(&file, "id_issue_date", &i.id_issue_date);
        assert!(issue <= TODAY, "{file}: card issued in the future");
        assert!(dob.age_on(issue) >= 14, "{file}: card issued before 14");
        // Chip cards by the Cục Cảnh sát QLHC về TTXH: 2021 to 30/06/2024.
        assert!(
            issue >= Date { year: 2021, month: 1, day: 1 } && issue <= Date { year: 2024, month: 6, day: 30 },
            "{file}: issue date"
        );
        assert_eq!(i.id_issue_place, ISSUE_PLACE, "{file}: id_issue_place");
        let expiry = i.id_expiry_date.as_deref().map(|e| date(&file, "id_expiry_date", e));
        assert_eq!(expiry, expected_expiry(dob, issue), "{file}: expiry by the 25/40/60-year rule");
        if let Some(e) = expiry {
            assert!(e > TODAY, "{file}: card expired on {e}");
        }
        match &i.old_id_number {
            Some(old) => assert!(old.len() == 9 && old.bytes().all(|b| b.is_ascii_digit()), "{file}: old CMND {old}"),
            None => assert!(dob.year >= 2000, "{file}: born {} before 2000, should have an old CMND number", dob.year),
        }
        if dob.year >= 2002 {
            assert!(i.old_id_number.is_none(), "{file}: born {}: no 9-digit CMND was issued", dob.year);
        }
        for (what, v) in [
            ("place_of_birth", &i.place_of_birth),
            ("birth_registration_place", &i.birth_registration_place),
            ("home_town", &i.home_town),
            ("ethnicity", &i.ethnicity),
            ("religion", &i.religion),
        ] {
            assert!(!v.trim().is_empty() && v.trim() == v, "{file}: {what} {v:?}");
        }
        assert_eq!(i.nationality, "Việt Nam", "{file}: nationality");
        if let Some(b) = &i.blood_group {
            assert!(["O", "A", "B", "AB"].contains(&b.as_str()), "{file}: blood group {b}");
        }
    }
}

#[test]
fn every_address_uses_real_unit_codes_and_names() {
    let provinces: BTreeMap<String, String> = tokhai_core::units::parse_units(&read("assets/units/provinces.json"))
        .unwrap()
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect();
    assert_eq!(provinces.len(), 34);
    for (file, _, c) in seeds() {
        assert!(c.residence.permanent.is_some(), "{file}: everyone in the seeds has a permanent residence");
        assert!(c.residence.current.is_some(), "{file}: current residence");
        for (what, a) in addresses(&c) {
            assert_eq!(provinces.get(&a.province), Some(&a.province_name), "{file}: {what} province {}", a.province);
            let wards = tokhai_core::units::parse_units(&read(&format!("assets/units/{}.json", a.province))).unwrap();
            let ward = wards.iter().find(|w| w.code == a.ward);
            assert_eq!(
                ward.map(|w| &w.name),
                Some(&a.ward_name),
                "{file}: {what} ward {} in {}",
                a.ward,
                a.province_name
            );
            assert!(a.street.trim().len() >= 4 && a.street.trim() == a.street, "{file}: {what} street {:?}", a.street);
        }
        if let Some(n) = &c.residence.file_number {
            assert!(!n.trim().is_empty(), "{file}: file_number");
        }
    }
}

#[test]
fn phones_emails_and_names_are_valid() {
    for (file, _, c) in seeds() {
        if let Some(p) = &c.contact.phone {
            assert_eq!(normalize_phone(p).as_deref(), Some(p.as_str()), "{file}: phone {p} stored normalised");
        }
        if let Some(e) = &c.contact.email {
            assert!(is_valid_email(e) && e.trim() == e, "{file}: e-mail {e}");
        }
        let i = &c.identity;
        let mut names = vec![("citizen", i.full_name.as_str()), ("head of household", c.household.head_name.as_str())];
        names.extend(i.other_names.as_deref().map(|n| ("other names", n)));
        names.extend(linked(&c).into_iter().map(|(k, p)| (k, p.full_name.as_str())));
        for (what, n) in names {
            assert!(is_valid_person_name(n), "{file}: {what} name {n:?}");
            assert_eq!(
                n.split_whitespace().collect::<Vec<_>>().join(" "),
                n,
                "{file}: {what} name {n:?} has stray spaces"
            );
        }
    }
}

#[test]
fn option_values_and_household_links_hold_together() {
    for (file, _, c) in seeds() {
        let i = &c.identity;
        assert!(MARITAL.contains(&c.marital_status.as_str()), "{file}: marital_status {}", c.marital_status);
        assert_eq!(c.family.spouse.is_some(), c.marital_status == "da_ket_hon", "{file}: a spouse iff married");
        let h = &c.household;
        assert!(RELATIONSHIPS.contains(&h.relationship.as_str()), "{file}: relationship {}", h.relationship);
        assert_eq!(
            h.relationship == "chu_ho",
            h.head_id == i.personal_id,
            "{file}: chu_ho iff the citizen is the head"
        );
        if h.relationship == "chu_ho" {
            assert_eq!(h.head_name, i.full_name, "{file}: head_name");
        }
        match h.relationship.as_str() {
            "vo" => assert_eq!(i.sex, "nu", "{file}: vo is a woman"),
            "chong" => assert_eq!(i.sex, "nam", "{file}: chong is a man"),
            _ => {}
        }
        if matches!(h.relationship.as_str(), "vo" | "chong") {
            let spouse = c.family.spouse.as_ref().expect("vo/chong of the head has a spouse");
            assert_eq!(spouse.personal_id.as_deref(), Some(h.head_id.as_str()), "{file}: the head is the spouse");
        }
        let mut ids = BTreeSet::from([i.personal_id.clone(), h.head_id.clone()]);
        for m in &h.members {
            // CT01 asks name, birth date, sex, ID and relationship of each member.
            let rel = m
                .relationship
                .as_deref()
                .unwrap_or_else(|| panic!("{file}: member {} without relationship", m.full_name));
            assert!(RELATIONSHIPS.contains(&rel) && rel != "chu_ho", "{file}: member relationship {rel}");
            assert!(
                m.birth_date.is_some() && m.sex.is_some(),
                "{file}: member {} needs birth date and sex",
                m.full_name
            );
            let id = m.personal_id.clone().unwrap_or_else(|| panic!("{file}: member {} without ID", m.full_name));
            assert!(ids.insert(id), "{file}: member {} listed twice, or is the citizen or the head", m.full_name);
            let female = m.sex.as_deref() == Some("nu");
            match rel {
                "vo" | "me" | "ba" => assert!(female, "{file}: {} is {rel}", m.full_name),
                "chong" | "cha" | "ong" => assert!(!female, "{file}: {} is {rel}", m.full_name),
                _ => {}
            }
        }
        // When the citizen is the head, their spouse, children and parents in the
        // household are listed as such.
        if h.relationship == "chu_ho" {
            let f = &c.family;
            for m in &h.members {
                let is = |p: &Option<Person>| p.as_ref().is_some_and(|p| p.personal_id == m.personal_id);
                let want = if is(&f.spouse) {
                    Some(if i.sex == "nam" { "vo" } else { "chong" })
                } else if f.children.iter().any(|ch| ch.personal_id == m.personal_id) {
                    Some("con")
                } else if is(&f.father) {
                    Some("cha")
                } else if is(&f.mother) {
                    Some("me")
                } else {
                    None
                };
                if let Some(want) = want {
                    assert_eq!(m.relationship.as_deref(), Some(want), "{file}: member {}", m.full_name);
                }
            }
        }
        for p in linked(&c) {
            if p.0 != "household member" {
                assert!(p.1.relationship.is_none(), "{file}: {} carries a relationship outside the household", p.0);
            }
        }
        if let Some(child) = c.family.children.iter().find(|ch| ch.birth_date.is_none()) {
            panic!("{file}: child {} without birth date", child.full_name);
        }
        // Parents are older than the citizen, children younger.
        let dob = Date::parse(&i.birth_date).unwrap();
        for ch in &c.family.children {
            let cd = Date::parse(ch.birth_date.as_deref().unwrap()).unwrap();
            assert!(dob.age_on(cd) >= 16, "{file}: child {} born when the citizen was under 16", ch.full_name);
        }
        for p in c.family.father.iter().chain(c.family.mother.iter()) {
            if let Some(pd) = p.birth_date.as_deref().and_then(Date::parse) {
                assert!(pd.age_on(dob) >= 16, "{file}: parent {} too young", p.full_name);
            }
        }
    }
}

#[test]
fn seeds_of_one_household_agree() {
    let all = seeds();
    let mut by_head: BTreeMap<&str, Vec<&(String, String, Citizen)>> = BTreeMap::new();
    for s in &all {
        by_head.entry(s.2.household.head_id.as_str()).or_default().push(s);
    }
    for (head, group) in by_head.into_iter().filter(|(_, g)| g.len() > 1) {
        let everyone = |c: &Citizen| -> BTreeSet<String> {
            let mut v: BTreeSet<String> = c.household.members.iter().filter_map(|m| m.personal_id.clone()).collect();
            v.insert(c.identity.personal_id.clone());
            v.insert(c.household.head_id.clone());
            v
        };
        let (f0, _, c0) = group[0];
        for (f, _, c) in &group[1..] {
            assert_eq!(everyone(c0), everyone(c), "household {head}: {f0} and {f} list different people");
            assert_eq!(
                c0.residence.permanent, c.residence.permanent,
                "household {head}: {f0} and {f} permanent residence"
            );
            assert_eq!(c0.residence.file_number, c.residence.file_number, "household {head}: file number");
            assert_eq!(c0.household.head_name, c.household.head_name, "household {head}: head_name");
        }
    }
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IndexEntry {
    file: String,
    full_name: String,
    note: Note,
    loa: u8,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Note {
    vi: String,
    en: String,
}

fn index() -> Vec<IndexEntry> {
    serde_json::from_str(&read("seeds/citizens/index.json"))
        .expect("index.json is a list of {file, full_name, note, loa}")
}

#[test]
fn the_index_lists_exactly_the_seed_files() {
    let seeds = seeds();
    let idx = index();
    let listed: Vec<&str> = idx.iter().map(|e| e.file.as_str()).collect();
    let listed_set: BTreeSet<&str> = listed.iter().copied().collect();
    assert_eq!(listed.len(), listed_set.len(), "a file is listed twice");
    let files: BTreeSet<&str> = seeds.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(listed_set, files, "index.json and the seed files differ");
    for e in &idx {
        let c = &seeds.iter().find(|s| s.0 == e.file).unwrap().2;
        assert_eq!(e.full_name, c.identity.full_name, "{}: full_name", e.file);
        assert!(e.note.vi.trim().len() > 10 && e.note.en.trim().len() > 10, "{}: note needs vi and en", e.file);
        assert!(!e.note.vi.is_ascii(), "{}: the Vietnamese note is written with diacritics", e.file);
        assert!(matches!(e.loa, 1 | 2), "{}: loa {}", e.file, e.loa);
    }
    let loa1 = idx.iter().filter(|e| e.loa == 1).count();
    assert!((1..=2).contains(&loa1), "one or two seeds at level 1, found {loa1}");
}

#[test]
fn the_seeds_cover_the_required_cases() {
    let all = seeds();
    let cs: Vec<&Citizen> = all.iter().map(|s| &s.2).collect();
    let any = |what: &str, f: &dyn Fn(&Citizen) -> bool| {
        assert!(cs.iter().any(|c| f(c)), "no seed covers: {what}");
    };
    let prov = |c: &Citizen| c.residence.permanent.as_ref().map(|a| a.province.clone()).unwrap_or_default();
    // Northern mountain provinces since 2025: Cao Bằng, Tuyên Quang, Điện Biên,
    // Lai Châu, Sơn La, Lào Cai, Thái Nguyên, Lạng Sơn, Phú Thọ.
    let north_mountain = ["04", "08", "11", "12", "14", "15", "19", "20", "25"];
    let mekong = ["80", "82", "86", "91", "92", "96"];
    let central_highlands = ["52", "66", "68"];

    any("elderly over 80, born before 1946, no e-mail", &|c| {
        age(c) > 80 && Date::parse(&c.identity.birth_date).unwrap().year < 1946 && c.contact.email.is_none()
    });
    any("Tày in a northern mountain province", &|c| {
        c.identity.ethnicity == "Tày" && north_mountain.contains(&prov(c).as_str())
    });
    any("Mông in a northern mountain province", &|c| {
        c.identity.ethnicity == "Mông" && north_mountain.contains(&prov(c).as_str())
    });
    any("mother of a child under 6, child in the household", &|c| {
        c.identity.sex == "nu"
            && c.family.children.iter().any(|ch| {
                let d = Date::parse(ch.birth_date.as_deref().unwrap_or("")).unwrap();
                d.year >= 2021
                    && d.age_on(TODAY) < 6
                    && c.household
                        .members
                        .iter()
                        .any(|m| m.personal_id == ch.personal_id && m.relationship.as_deref() == Some("con"))
            })
    });
    // A married couple both in the seeds, each the other's spouse, one the head.
    let couple = cs.iter().any(|a| {
        cs.iter().any(|b| {
            let spouse_of = |x: &Citizen, y: &Citizen| {
                x.family.spouse.as_ref().and_then(|s| s.personal_id.as_deref()) == Some(y.identity.personal_id.as_str())
            };
            spouse_of(a, b)
                && spouse_of(b, a)
                && a.marital_status == "da_ket_hon"
                && b.marital_status == "da_ket_hon"
                && a.household.relationship == "chu_ho"
                && b.household.head_id == a.identity.personal_id
                && b.household.relationship == if b.identity.sex == "nu" { "vo" } else { "chong" }
        })
    });
    assert!(couple, "no seed covers: a reciprocal married couple in one household");
    any(
        "temporary residence in another province",
        &|c| matches!((&c.residence.temporary, &c.residence.permanent), (Some(t), Some(p)) if t.province != p.province),
    );
    any("a name of 6 words or more with many diacritics", &|c| {
        let n = &c.identity.full_name;
        n.split_whitespace().count() >= 6 && n.chars().filter(|ch| !ch.is_ascii()).count() >= 6
    });
    any("Ê Đê in the Central Highlands with an apostrophe in the name", &|c| {
        c.identity.ethnicity == "Ê Đê"
            && c.identity.full_name.contains('\'')
            && central_highlands.contains(&prov(c).as_str())
    });
    any("Khmer in the Mekong delta", &|c| c.identity.ethnicity == "Khmer" && mekong.contains(&prov(c).as_str()));
    any("divorced", &|c| c.marital_status == "ly_hon" && c.family.spouse.is_none());
    any("single young adult living alone, head of own household", &|c| {
        (18..=30).contains(&age(c))
            && c.marital_status == "chua_ket_hon"
            && c.household.relationship == "chu_ho"
            && c.household.members.is_empty()
    });
    any("Catholic", &|c| c.identity.religion == "Công giáo");
    any("Buddhist", &|c| c.identity.religion == "Phật giáo");
    any("household of 3+ other members", &|c| c.household.members.len() >= 3);
    any("other names", &|c| c.identity.other_names.is_some());
    any("a card that never expires", &|c| c.identity.id_expiry_date.is_none());
    any("no blood group recorded", &|c| c.identity.blood_group.is_none());
    // The outdated phone cannot be seen in the data: the index says which one.
    let idx = index();
    let stale = idx.iter().find(|e| e.note.en.contains("outdated")).expect("an index note names the outdated phone");
    let c = &all.iter().find(|s| s.0 == stale.file).unwrap().2;
    assert!(c.contact.phone.is_some(), "{}: the outdated phone is in the registry data", stale.file);
}

fn private_key() -> String {
    read("seeds/mock-issuer/private.jwk.json")
}

fn public_key() -> String {
    read("seeds/mock-issuer/public.jwk.json")
}

fn at_now() -> MintOptions {
    MintOptions { now_secs: Some(NOW), ..MintOptions::default() }
}

#[test]
fn the_committed_key_pair_is_one_pair_and_public_has_no_d() {
    let public: Value = serde_json::from_str(&public_key()).unwrap();
    let private: Value = serde_json::from_str(&private_key()).unwrap();
    assert!(public.get("d").is_none(), "public.jwk.json must not hold d");
    assert!(private.get("d").is_some());
    for (k, v) in [("kty", "EC"), ("crv", "P-256"), ("alg", "ES256"), ("use", "sig"), ("kid", DEFAULT_KID)] {
        assert_eq!(public[k], v, "public {k}");
        assert_eq!(private[k], v, "private {k}");
    }
    let derived: Value = serde_json::from_str(&public_jwk_of(&private_key()).unwrap()).unwrap();
    assert_eq!(derived, public, "public.jwk.json is not the public half of private.jwk.json");
}

#[test]
fn every_seed_mints_a_token_that_verifies() {
    let idx = index();
    for (file, _, c) in seeds() {
        let loa = idx.iter().find(|e| e.file == file).unwrap().loa;
        let opts = MintOptions { loa, ..at_now() };
        let token = mint(&c, &private_key(), &opts).unwrap();
        assert!(token.len() <= MAX_TOKEN_BYTES, "{file}: token of {} bytes", token.len());
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| !p.contains('=')), "no padding");
        let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header, serde_json::json!({"alg": "ES256", "typ": "JWT", "kid": DEFAULT_KID}));
        assert_eq!(URL_SAFE_NO_PAD.decode(parts[2]).unwrap().len(), 64, "r‖s");
        let claims = verify(&token, &public_key()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(claims.iss, ISSUER);
        assert_eq!(claims.aud, AUDIENCE);
        assert_eq!(claims.sub, c.identity.personal_id);
        assert_eq!((claims.iat, claims.nbf, claims.exp), (NOW, NOW, NOW + 3600));
        assert_eq!(claims.loa, loa);
        assert_eq!(claims.citizen, c, "{file}: citizen survives the round trip");
    }
}

#[test]
fn mint_options_shape_the_claims() {
    let c = &seeds()[0].2;
    let key = private_key();
    let get = |o: MintOptions| verify(&mint(c, &key, &o).unwrap(), &public_key()).unwrap();
    let expired = get(MintOptions { ttl_secs: -600, ..at_now() });
    assert!(expired.exp < NOW);
    let early = get(MintOptions { nbf_offset_secs: 3600, ..at_now() });
    assert_eq!(early.nbf, NOW + 3600);
    assert_eq!(get(MintOptions { aud: Some("other-app".into()), ..at_now() }).aud, "other-app");
    assert_eq!(get(MintOptions { iss: Some("https://evil.example".into()), ..at_now() }).iss, "https://evil.example");
    assert_eq!(get(MintOptions { loa: 1, ..at_now() }).loa, 1);
    // Without now_secs, the system clock.
    let live = get(MintOptions::default());
    assert!((live.iat - tokhai_mock_idp::unix_now()).abs() < 60 && live.exp == live.iat + 3600);
}

#[test]
fn a_token_signed_by_another_key_fails() {
    let c = &seeds()[0].2;
    let other = generate_key_pair(DEFAULT_KID);
    let forged = mint(c, &other.private, &at_now()).unwrap();
    assert!(verify(&forged, &other.public).is_ok(), "it is a good token for its own key");
    assert!(verify(&forged, &public_key()).is_err(), "but not for the mock issuer's key");
}

#[test]
fn a_changed_byte_anywhere_fails() {
    let c = &seeds()[0].2;
    let token = mint(c, &private_key(), &at_now()).unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    let enc = |b: &[u8]| URL_SAFE_NO_PAD.encode(b);
    // One flipped bit in every tenth payload byte, signature kept.
    let payload = URL_SAFE_NO_PAD.decode(parts[1]).unwrap();
    for i in (0..payload.len()).step_by(10) {
        let mut p = payload.clone();
        p[i] ^= 0x01;
        let t = format!("{}.{}.{}", parts[0], enc(&p), parts[2]);
        assert!(verify(&t, &public_key()).is_err(), "payload byte {i} flipped still verifies");
    }
    let mut sig = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
    sig[40] ^= 0x80;
    assert!(verify(&format!("{}.{}.{}", parts[0], parts[1], enc(&sig)), &public_key()).is_err(), "flipped signature");
    // Another header (alg none, HS256, other kid) is refused.
    for h in [
        r#"{"alg":"none","typ":"JWT"}"#,
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"alg":"ES256","typ":"JWT","kid":"other"}"#,
    ] {
        let t = format!("{}.{}.{}", enc(h.as_bytes()), parts[1], parts[2]);
        assert!(verify(&t, &public_key()).is_err(), "header {h}");
    }
    for bad in ["", "a.b", "a.b.c.d", &format!("{}.{}", parts[0], parts[1]), &format!("{token}=")] {
        assert!(verify(bad, &public_key()).is_err(), "{bad:?}");
    }
}

#[test]
fn mint_token_cli_prints_a_token_or_fails_with_exit_1() {
    let bin = env!("CARGO_BIN_EXE_mint-token");
    let run = |args: &[&str]| std::process::Command::new(bin).current_dir(root()).args(args).output().unwrap();
    let out = run(&["seeds/citizens/nguyen-van-an.json", "--exp", "30m", "--loa", "1"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.ends_with('\n') && stdout.matches('\n').count() == 1);
    let claims = verify(stdout.trim_end(), &public_key()).unwrap();
    assert_eq!((claims.exp - claims.iat, claims.loa), (1800, 1));
    assert_eq!(claims.sub, "001085004217");

    let out = run(&["seeds/citizens/nguyen-van-an.json", "--exp", "2h", "--key", "seeds/mock-issuer/private.jwk.json"]);
    assert!(out.status.success());
    let claims = verify(String::from_utf8(out.stdout).unwrap().trim_end(), &public_key()).unwrap();
    assert_eq!((claims.exp - claims.iat, claims.loa), (7200, 2));

    for args in [
        &["seeds/citizens/nobody.json"][..],
        &["seeds/citizens/index.json"],
        &["seeds/citizens/nguyen-van-an.json", "--loa", "3"],
        &["seeds/citizens/nguyen-van-an.json", "--exp", "soon"],
        &["seeds/citizens/nguyen-van-an.json", "--key", "seeds/mock-issuer/public.jwk.json"],
        &["seeds/citizens/nguyen-van-an.json", "--bogus"],
        &[],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        assert!(!out.stderr.is_empty(), "{args:?}: an error on stderr");
    }
}
