//! Linked procedures (issue 15): the choice of parts, declarations derived
//! from one answer set, the hospital source, and the parent dossier whose
//! parts each have their own status, deadline, timeline and messages, in order.

use std::fs;
use std::path::{Path, PathBuf};
use tokhai_core::answers::Address;
use tokhai_core::catalog::CatalogEntry;
use tokhai_core::dossier::{Event, Status};
use tokhai_core::linked::*;
use tokhai_core::messages::linked as copy;
use tokhai_core::portal::*;
use tokhai_core::{Answer, Answers, Date, FormDef, Lang};

const NOW: Millis = 1_795_500_000_000; // Tuesday 24/11/2026, 13:00 in Hà Nội
const HOUR: Millis = 3_600_000;
const MOTHER: &str = "036188002954";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn form(id: &str) -> FormDef {
    let all = tokhai_core::resolve::disk::all_forms(&root().join("forms")).unwrap_or_else(|e| panic!("{e}"));
    all.into_iter().find(|f| f.id == id).unwrap()
}

fn entry(id: &str) -> CatalogEntry {
    let json = fs::read_to_string(root().join("forms/catalog.json")).unwrap();
    tokhai_core::schema::parse_catalog(&json).unwrap().into_iter().find(|e| e.id == id).unwrap()
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn t(s: &str) -> Answer {
    Answer::Text(s.into())
}

fn addr(ward: &str) -> Answer {
    Answer::Address(Address {
        province: "01".into(),
        province_name: "Thành phố Hà Nội".into(),
        ward: "00167".into(),
        ward_name: ward.into(),
        street: "Số 5 ngõ 12 Trần Thái Tông".into(),
    })
}

fn birth_answers(parts: &[&str]) -> Answers {
    let mut a = Answers::new();
    for (k, v) in [
        ("nyc_ho_ten", "Trần Thị Bích Ngọc"),
        ("nyc_ngay_sinh", "25/11/1988"),
        ("nyc_so_dinh_danh", MOTHER),
        ("nyc_quan_he", "me"),
        ("nyc_dan_toc", "Kinh"),
        ("nyc_quoc_tich", "Việt Nam"),
        ("nyc_dien_thoai", "0912345678"),
        ("vc_co", "yes"),
        ("vc_ho_ten", "Nguyễn Văn An"),
        ("vc_so_dinh_danh", "001085004217"),
        ("tre_ho_ten", "Nguyễn Minh An"),
        ("tre_ngay_sinh", "19/11/2026"),
        ("tre_gioi_tinh", "nam"),
        ("tre_noi_sinh", "Bệnh viện Phụ sản Hà Nội"),
        ("tt_chu_ho_ten", "Nguyễn Văn An"),
        ("tt_chu_ho_so_dinh_danh", "001085004217"),
        ("tt_quan_he_chu_ho", "con"),
        ("tt_dong_y", "khong_can"),
        ("kcb_ban_dau", "Trạm y tế phường Cầu Giấy"),
        ("gcs_ma", "01005.GCS.00128.26"),
    ] {
        a.insert(k.into(), t(v));
    }
    a.insert("nyc_noi_cu_tru".into(), addr("Phường Cầu Giấy"));
    a.insert("tt_dia_chi".into(), addr("Phường Cầu Giấy"));
    a.insert("lien_thong".into(), Answer::Many(parts.iter().map(|s| s.to_string()).collect()));
    a
}

fn death_answers(category: &str, parts: &[&str]) -> Answers {
    let mut a = Answers::new();
    for (k, v) in [
        ("nyc_ho_ten", "Nguyễn Văn An"),
        ("nyc_so_dinh_danh", "001085004217"),
        ("nyc_quan_he", "con"),
        ("ngay_chet", "21/11/2026"),
        ("doi_tuong", category),
        ("nhan_tien", "tai_khoan"),
        ("tk_so", "0123456789"),
        ("gbt_ma", "01001.GBT.00342.26"),
    ] {
        a.insert(k.into(), t(v));
    }
    let mut row = Answers::new();
    row.insert("ho_ten".into(), t("Lê Thị Hoa"));
    row.insert("ngay_sinh".into(), t("20/10/1958"));
    row.insert("gioi_tinh".into(), t("nu"));
    row.insert("so_dinh_danh".into(), t("001158003721"));
    row.insert("noi_cu_tru".into(), addr("Phường Cầu Giấy"));
    a.insert("nguoi_mat".into(), Answer::Rows(vec![row]));
    a.insert("lien_thong".into(), Answer::Many(parts.iter().map(|s| s.to_string()).collect()));
    a
}

fn file_birth(o: &mut Office, parts: &[&str], corrections: usize, now: Millis) -> Group {
    let f = form("lien-thong-khai-sinh");
    let a = birth_answers(parts);
    let s = tokhai_core::submission::submission(
        &entry("lien-thong-khai-sinh"),
        &f,
        &a,
        MOTHER,
        1,
        corrections,
        Prefs::default(),
    );
    o.submit_group(s, &f, &chosen(&f, &a), now).unwrap()
}

fn part<'o>(o: &'o Office, code: &str, p: PartId) -> PartView<'o> {
    o.parts(code).into_iter().find(|v| v.id == p).unwrap()
}

/// Ticks the agency every step until nothing moves.
fn run(o: &mut Office, from: Millis) -> Millis {
    let mut at = from;
    for _ in 0..20 {
        at += DEFAULT_STEP_MS;
        o.tick(at);
    }
    at
}

#[test]
fn the_groups_describe_their_parts_with_provenance() {
    assert_eq!(GroupId::KhaiSinh.procedure(), "3.000722");
    assert_eq!(GroupId::KhaiTu.procedure(), "2.002913");
    for g in GroupId::ALL {
        let parts = g.parts();
        assert_eq!(parts[0].id, g.registration(), "registration first");
        assert_eq!(parts[0].choice, Choice::Always);
        assert!(parts[1..].iter().all(|p| p.choice != Choice::Always));
        assert_eq!(GroupId::from_key(g.key()), Some(g));
        for p in parts {
            assert_eq!(PartId::from_key(p.id.key()), Some(p.id));
            for w in [p.name, p.agency, p.template, p.title, p.notes] {
                assert!(!w.vi.is_ascii() && !w.en.is_empty(), "{:?}: {}", p.id, w.vi);
            }
        }
        assert!(!g.ceiling().notes.vi.is_empty());
    }
    assert_eq!(GroupId::KhaiSinh.ceiling().days, Some(3));
    assert_eq!(GroupId::KhaiTu.ceiling().days, None, "no source gives the death group's ceiling");
}

#[test]
fn the_forms_carry_the_parts_model_and_sections_follow_the_choice() {
    let f = form("lien-thong-khai-sinh");
    assert_eq!(GroupId::of_form(&f), Some(GroupId::KhaiSinh));
    assert!(tokhai_core::lint::lint(&f).is_empty());
    let ids =
        |a: &Answers| tokhai_core::journey::visible_sections(&f, a).iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    let only_birth = ids(&birth_answers(&[]));
    assert!(!only_birth.contains(&"thuong-tru".into()) && !only_birth.contains(&"bhyt".into()));
    assert!(!only_birth.contains(&"can-cuoc".into()));
    let all = ids(&birth_answers(&["thuong_tru", "bhyt", "can_cuoc"]));
    for s in ["thu-tuc", "thuong-tru", "bhyt", "can-cuoc"] {
        assert!(all.contains(&s.to_string()), "{s}");
    }
    let of = |p| sections_for(&f, p).iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert!(of(PartId::Bhyt).contains(&"bhyt".into()) && !of(PartId::Bhyt).contains(&"can-cuoc".into()));
    assert_eq!(part_of_field(&f, "kcb_ban_dau"), Some(PartId::Bhyt));
    assert_eq!(part_of_field(&f, "van_ban_dong_y"), Some(PartId::ThuongTru), "through its show_if");
    assert_eq!(part_of_field(&f, "giay_chung_sinh"), Some(PartId::KhaiSinh));

    let g = form("lien-thong-khai-tu");
    assert_eq!(GroupId::of_form(&g), Some(GroupId::KhaiTu));
    assert!(tokhai_core::lint::lint(&g).is_empty());
    assert_eq!(part_of_field(&g, "chu_ho_ten"), Some(PartId::XoaThuongTru));

    // The linter refuses a choice that does not match the group.
    let mut bad = f.clone();
    bad.linked.as_mut().unwrap().group = "ket_hon".into();
    assert!(tokhai_core::lint::lint(&bad).iter().any(|e| e.contains("unknown group")));
    let mut bad = f.clone();
    for s in &mut bad.sections {
        for x in &mut s.fields {
            if x.id == "lien_thong" {
                x.options.pop();
            }
        }
    }
    let problems = tokhai_core::lint::lint(&bad);
    assert!(problems.iter().any(|e| e.contains("no option for part \"can_cuoc\"")), "{problems:?}");
    assert!(problems.iter().any(|e| e.contains("section can-cuoc")), "{problems:?}");
}

#[test]
fn choosing_parts_of_the_birth_group() {
    let f = form("lien-thong-khai-sinh");
    let today = d("24/11/2026");
    let s = situation(&birth_answers(&[]), today);
    assert_eq!(default_choice(GroupId::KhaiSinh, &s), [PartId::KhaiSinh, PartId::ThuongTru, PartId::Bhyt]);
    let with = chosen(&f, &birth_answers(&["thuong_tru", "bhyt", "can_cuoc"]));
    assert_eq!(with, [PartId::KhaiSinh, PartId::ThuongTru, PartId::Bhyt, PartId::CanCuoc]);
    assert!(check_choice(GroupId::KhaiSinh, &with, &s).is_empty());
    let without = chosen(&f, &birth_answers(&["thuong_tru", "bhyt"]));
    assert_eq!(without, [PartId::KhaiSinh, PartId::ThuongTru, PartId::Bhyt]);
    assert!(check_choice(GroupId::KhaiSinh, &without, &s).is_empty());
    assert_eq!(chosen(&f, &birth_answers(&[])), [PartId::KhaiSinh], "the registration always");

    // BHYT only under 6.
    let mut older = birth_answers(&["bhyt"]);
    older.insert("tre_ngay_sinh".into(), t("01/03/2020"));
    let s6 = situation(&older, today);
    let problems = check_choice(GroupId::KhaiSinh, &chosen(&f, &older), &s6);
    assert_eq!(problems, [ChoiceProblem::NotApplicable(PartId::Bhyt, Applies::ChildUnder6)]);
    assert!(copy::choice_problem(&problems[0], Lang::Vi).contains("dưới 6 tuổi"));
    assert!(!default_choice(GroupId::KhaiSinh, &s6).contains(&PartId::Bhyt));
    assert_eq!(
        check_choice(GroupId::KhaiSinh, &[PartId::ThuongTru, PartId::KhaiTu], &s),
        [ChoiceProblem::MissingRegistration(PartId::KhaiSinh), ChoiceProblem::OtherGroup(PartId::KhaiTu)]
    );
}

#[test]
fn choosing_parts_of_the_death_group_by_who_the_deceased_was() {
    let f = form("lien-thong-khai-tu");
    let today = d("24/11/2026");
    for (category, parts, ok) in [
        ("bhxh", vec!["xoa_thuong_tru", "mai_tang_bhxh"], true),
        ("bhxh", vec!["xoa_thuong_tru", "mai_tang_bhxh", "tu_tuat"], true),
        ("tro_giup_xa_hoi", vec!["xoa_thuong_tru", "ho_tro_mai_tang"], true),
        ("nguoi_co_cong", vec!["ho_tro_mai_tang"], true),
        ("khong", vec!["xoa_thuong_tru"], true),
        ("khong", vec!["mai_tang_bhxh"], false),
        ("bhxh", vec!["ho_tro_mai_tang"], false),
        ("tro_giup_xa_hoi", vec!["tu_tuat"], false),
    ] {
        let a = death_answers(category, &parts);
        let c = chosen(&f, &a);
        assert_eq!(c[0], PartId::KhaiTu);
        assert_eq!(c.len(), parts.len() + 1);
        let problems = check_choice(GroupId::KhaiTu, &c, &situation(&a, today));
        assert_eq!(problems.is_empty(), ok, "{category} {parts:?}: {problems:?}");
    }
    let both = [PartId::KhaiTu, PartId::MaiTangBhxh, PartId::HoTroMaiTang];
    let s = Situation { today, child_birth: None, deceased: Some(Deceased::Bhxh) };
    assert!(check_choice(GroupId::KhaiTu, &both, &s)
        .contains(&ChoiceProblem::Exclusive(PartId::MaiTangBhxh, PartId::HoTroMaiTang)));
    let s = situation(&death_answers("bhxh", &[]), today);
    assert_eq!(
        default_choice(GroupId::KhaiTu, &s),
        [PartId::KhaiTu, PartId::XoaThuongTru, PartId::MaiTangBhxh, PartId::TuTuat]
    );
}

#[test]
fn declarations_carry_the_child_into_every_part_and_link_back() {
    let f = form("lien-thong-khai-sinh");
    let a = birth_answers(&["thuong_tru", "bhyt", "can_cuoc"]);
    let decls = declarations(&f, &a, None, Lang::Vi);
    assert_eq!(decls.iter().map(|x| x.part).collect::<Vec<_>>(), chosen(&f, &a));
    for decl in &decls {
        for (field, want) in
            [("tre_ho_ten", "Nguyễn Minh An"), ("tre_ngay_sinh", "19/11/2026"), ("tre_gioi_tinh", "Nam")]
        {
            let row = decl.rows.iter().find(|r| r.field.as_deref() == Some(field));
            let row = row.unwrap_or_else(|| panic!("{:?} lacks {field}", decl.part));
            assert_eq!(row.lines, [want], "{:?} {field}", decl.part);
            assert!(row.section.is_some(), "a change link to the page");
        }
    }
    let ks = &decls[0];
    assert_eq!(ks.title, "Tờ khai đăng ký khai sinh");
    let mother = ks.rows.iter().find(|r| r.label == "Họ, chữ đệm, tên người mẹ").unwrap();
    assert_eq!((mother.lines[0].as_str(), mother.field.as_deref()), ("Trần Thị Bích Ngọc", Some("nyc_ho_ten")));
    let father = ks.rows.iter().find(|r| r.label == "Họ, chữ đệm, tên người cha").unwrap();
    assert_eq!(father.field.as_deref(), Some("vc_ho_ten"));
    let ct01 = &decls[1];
    assert_eq!(ct01.agency, "Công an Phường Cầu Giấy");
    let id_row = ct01.rows.iter().find(|r| r.label == "Số định danh cá nhân").unwrap();
    assert_eq!((id_row.lines[0].as_str(), id_row.field.as_ref()), ("Được cấp khi đăng ký khai sinh", None));
    let after = declarations(&f, &a, Some("001226123456"), Lang::En);
    assert!(after[2].rows.iter().any(|r| r.lines == ["001226123456"]));
    // A part not chosen has no declaration; answers of hidden pages do not leak.
    let fewer = declarations(&f, &birth_answers(&["bhyt"]), None, Lang::Vi);
    assert_eq!(fewer.iter().map(|x| x.part).collect::<Vec<_>>(), [PartId::KhaiSinh, PartId::Bhyt]);

    let g = form("lien-thong-khai-tu");
    let a = death_answers("bhxh", &["xoa_thuong_tru", "mai_tang_bhxh"]);
    let decls = declarations(&g, &a, None, Lang::Vi);
    assert_eq!(decls.len(), 3);
    for decl in &decls {
        let name = decl.rows.iter().find(|r| r.lines == ["Lê Thị Hoa"]).unwrap();
        assert_eq!(name.field.as_deref(), Some("nguoi_mat"), "{:?}", decl.part);
    }
    assert!(decls[2].rows.iter().any(|r| r.field.as_deref() == Some("tk_so")));
}

#[test]
fn the_hospital_certificates_are_found_by_the_mothers_or_the_deceaseds_id() {
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("seeds/hospital/certificates.json")).unwrap()).unwrap();
    let all: Vec<Certificate> = serde_json::from_value(v["certificates"].clone()).unwrap();
    assert!(all.iter().all(Certificate::code_has_shape), "codes in the TT 22/2025 shape");
    let f = form("lien-thong-khai-sinh");
    let a = birth_answers(&[]);
    let subject = certificate_subject(CertKind::Birth, &a).unwrap();
    assert_eq!(subject, MOTHER);
    let found = certificates_for(&all, CertKind::Birth, &subject);
    assert_eq!(found.len(), 1);
    let got = found[0].answers();
    assert_eq!(got.get("gcs_ma"), Some(&t("01005.GCS.00128.26")));
    for k in got.keys() {
        assert!(f.field(k).is_some(), "{k} is a field of the form");
    }
    // The father files: the mother is the other parent.
    let mut by_father = a.clone();
    by_father.insert("nyc_quan_he".into(), t("cha"));
    by_father.insert("nyc_so_dinh_danh".into(), t("001085004217"));
    by_father.insert("vc_so_dinh_danh".into(), t(MOTHER));
    assert_eq!(certificate_subject(CertKind::Birth, &by_father).as_deref(), Some(MOTHER));
    // The upload is asked only without the electronic certificate.
    let shown = |a: &Answers| {
        let s = tokhai_core::journey::Scope { form: a, row: None };
        tokhai_core::journey::field_shown(f.field("giay_chung_sinh").unwrap(), &s)
    };
    assert!(!shown(&a));
    let mut no_cert = a.clone();
    no_cert.remove("gcs_ma");
    assert!(shown(&no_cert));

    let g = form("lien-thong-khai-tu");
    let subject = certificate_subject(CertKind::Death, &death_answers("khong", &[])).unwrap();
    let death = certificates_for(&all, CertKind::Death, &subject);
    assert_eq!(death.len(), 1);
    for k in death[0].answers().keys() {
        assert!(g.field(k).is_some() || k == "gbt_ma", "{k}");
    }
    assert!(certificates_for(&all, CertKind::Death, MOTHER).is_empty());
}

#[test]
fn the_plain_registrations_take_the_certificates_too_and_offer_them_before_their_details_are_typed() {
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("seeds/hospital/certificates.json")).unwrap()).unwrap();
    let all: Vec<Certificate> = serde_json::from_value(v["certificates"].clone()).unwrap();
    for (kind, plain, linked, details) in [
        (CertKind::Birth, "khai-sinh", "lien-thong-khai-sinh", "tre"),
        (CertKind::Death, "khai-tu", "lien-thong-khai-tu", "nguoi-mat"),
    ] {
        for id in [plain, linked] {
            let f = form(id);
            assert_eq!(CertKind::of_form(&f), Some(kind), "{id}");
            // Offered where its details are asked and where its upload is.
            let offered: Vec<&str> = f.sections.iter().filter(|s| kind.offered_on(s)).map(|s| s.id.as_str()).collect();
            assert_eq!(offered, [details, "giay-to"], "{id}");
            // Every answer a seed certificate gives is a field of the form.
            for c in all.iter().filter(|c| c.kind == kind) {
                for k in c.answers().keys() {
                    assert!(f.field(k).is_some(), "{id}: {k}");
                    assert!(k == kind.code_field() || kind.data_fields().contains(&k.as_str()), "{k}");
                }
            }
        }
    }
    assert_eq!(CertKind::of_form(&form("ket-hon")), None, "a marriage takes no hospital certificate");
    // The plain birth form asks for the upload only without the certificate.
    let f = form("khai-sinh");
    let mut a = Answers::new();
    let shown = |a: &Answers| {
        let s = tokhai_core::journey::Scope { form: a, row: None };
        tokhai_core::journey::field_shown(f.field("giay_chung_sinh").unwrap(), &s)
    };
    assert!(shown(&a));
    a.insert("gcs_ma".into(), t("01005.GCS.00128.26"));
    assert!(!shown(&a));
    // Check answers says which answers the certificate gave, while unchanged.
    let used = certificate_in_use(&all, &f, &a).expect("the code in use is a seed certificate");
    assert!(used.gave("tre_ho_ten", "Nguyễn Minh An") && used.gave("gcs_ma", "01005.GCS.00128.26"));
    assert!(!used.gave("tre_ho_ten", "Nguyễn Minh Ân"), "changed since: typed");
    assert!(!used.gave("tre_dan_toc", "Kinh"), "not on the certificate");
    a.insert("gcs_ma".into(), t("01005.GCS.99999.26"));
    assert!(certificate_in_use(&all, &f, &a).is_none(), "a code no hospital sent");
    assert!(certificate_in_use(&all, &form("ket-hon"), &a).is_none());
    a.insert("gcs_ma".into(), t("01005.GCS.00128.26"));
    // `make coverage` looks for the family's: a father's wife's birth
    // certificate, his parents' death notices.
    let an: tokhai_core::identity::Citizen =
        serde_json::from_str(&fs::read_to_string(root().join("seeds/citizens/nguyen-van-an.json")).unwrap()).unwrap();
    assert_eq!(CertKind::Birth.family_subjects(&an), [MOTHER]);
    let deaths = CertKind::Death.family_subjects(&an);
    assert!(deaths.contains(&"001158003721".to_string()) && deaths.contains(&MOTHER.to_string()), "{deaths:?}");
    let mai: tokhai_core::identity::Citizen =
        serde_json::from_str(&fs::read_to_string(root().join("seeds/citizens/vu-thi-mai.json")).unwrap()).unwrap();
    assert_eq!(CertKind::Birth.family_subjects(&mai), ["031182004690"], "a woman is found by her own ID");
}

#[test]
fn dependents_wait_for_the_registration_then_start_with_the_new_id() {
    let mut o = Office::default();
    let g = file_birth(&mut o, &["thuong_tru", "bhyt", "can_cuoc"], 0, NOW);
    assert_eq!(g.code, "001.02.20.H01-261124-0001", "one code: the registration's, at the commune");
    assert_eq!(g.ceiling, Some(d("27/11/2026")), "3 working days from Tue");
    let again = file_birth(&mut o, &["thuong_tru", "bhyt", "can_cuoc"], 0, NOW + 5_000);
    assert_eq!(again.code, g.code, "the same key returns the group");
    assert_eq!(o.groups.len(), 1);
    let reg = part(&o, &g.code, PartId::KhaiSinh);
    assert_eq!((reg.status(), reg.deadline()), (Some(Status::Submitted), Some(d("24/11/2026"))), "same working day");
    for p in [PartId::ThuongTru, PartId::Bhyt, PartId::CanCuoc] {
        let v = part(&o, &g.code, p);
        assert_eq!(v.state, &PartState::Waiting);
        assert_eq!(v.status(), None, "no eleventh status: not started");
        assert!(copy::explain(GroupId::KhaiSinh, &v, Lang::Vi).unwrap().contains("sau khi đăng ký khai sinh xong"));
        assert_eq!(copy::state_label(&v, Lang::En), "Waiting for the registration");
    }
    // Accepted, processing, done: then the others start.
    let mut at = NOW;
    for want in [Status::Accepted, Status::Processing, Status::Done] {
        at += DEFAULT_STEP_MS;
        o.tick(at);
        assert_eq!(part(&o, &g.code, PartId::KhaiSinh).status(), Some(want));
    }
    let reg = o.group(&g.code).unwrap().registered.clone().unwrap();
    let id = reg.personal_id.unwrap();
    assert_eq!(&id[..6], "036226", "province of the filer, a boy (2) born in (20)26");
    assert!(tokhai_core::rules::check_personal_id(&id, Some(d("19/11/2026")), None, d("24/11/2026")).is_ok());
    for (p, deadline) in [
        (PartId::ThuongTru, "26/11/2026"),
        (PartId::Bhyt, "26/11/2026"),
        (PartId::CanCuoc, "01/12/2026"), // 5 days, outside the group's ceiling
    ] {
        let v = part(&o, &g.code, p);
        let dossier = v.dossier.unwrap();
        assert_eq!(dossier.status, Status::Submitted, "{p:?}");
        assert_eq!(dossier.appointment, d(deadline), "{p:?}");
        assert_eq!(dossier.answers.get(ids::NEW_ID), Some(&Answer::Text(id.clone())), "{p:?} has the new ID");
        assert_eq!(dossier.part_of.as_ref().unwrap().group, g.code);
        assert_ne!(dossier.code, g.code);
        assert!(copy::explain(GroupId::KhaiSinh, &v, Lang::Vi).is_none());
    }
    assert!(part(&o, &g.code, PartId::ThuongTru).dossier.unwrap().code.starts_with("001.01.20.H01"), "commune police");
    assert!(part(&o, &g.code, PartId::Bhyt).dossier.unwrap().code.starts_with("000.03.12.H01"), "Social Security");
    // The agency then moves every part on its own, to its result; each part has its own messages.
    run(&mut o, at);
    for v in o.parts(&g.code) {
        assert_eq!(v.status(), Some(Status::Delivered), "{:?}", v.id);
        assert_eq!(v.dossier.unwrap().history.len(), 5, "{:?}", v.id);
    }
    assert_eq!(o.notices(MOTHER).len(), 20, "five messages per part");
    let timeline = o.group_timeline(&g.code);
    assert_eq!(timeline.len(), 20);
    assert_eq!(timeline[0].0, PartId::KhaiSinh);
    assert!(timeline.windows(2).all(|w| w[0].1.at <= w[1].1.at));
    assert_eq!(
        copy::timeline_line(PartId::Bhyt, Status::Delivered, Lang::Vi),
        "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi: Đã trả kết quả"
    );
}

#[test]
fn a_refused_registration_stops_and_explains_the_dependent_parts() {
    let mut o = Office::default();
    let g = file_birth(&mut o, &["thuong_tru", "bhyt"], 1, NOW); // disputes registry data: refused at intake
    run(&mut o, NOW);
    assert_eq!(part(&o, &g.code, PartId::KhaiSinh).status(), Some(Status::Refused));
    for p in [PartId::ThuongTru, PartId::Bhyt] {
        let v = part(&o, &g.code, p);
        assert_eq!(v.state, &PartState::Halted { because: Status::Refused });
        assert!(v.dossier.is_none());
        let why = copy::explain(GroupId::KhaiSinh, &v, Lang::Vi).unwrap();
        assert!(why.contains("không được tiếp nhận"), "{why}");
        assert!(copy::explain(GroupId::KhaiSinh, &v, Lang::En).unwrap().contains("not accepted"));
    }
    assert_eq!(o.dossiers.len(), 1, "no dependent dossier was made");
}

#[test]
fn a_refused_dependent_part_leaves_the_others_going() {
    let mut o = Office::default();
    let g = file_birth(&mut o, &["thuong_tru", "bhyt"], 0, NOW);
    let at = NOW + 3 * DEFAULT_STEP_MS;
    for k in 1..=3 {
        o.tick(NOW + k * DEFAULT_STEP_MS);
    }
    let residence = part(&o, &g.code, PartId::ThuongTru).dossier.unwrap().code.clone();
    o.apply(&residence, None, Event::Refuse, "Chỗ ở không hợp pháp", vec![], at + 1).unwrap();
    run(&mut o, at + 1);
    assert_eq!(part(&o, &g.code, PartId::ThuongTru).status(), Some(Status::Refused));
    assert_eq!(part(&o, &g.code, PartId::Bhyt).status(), Some(Status::Delivered));
    assert_eq!(part(&o, &g.code, PartId::KhaiSinh).status(), Some(Status::Delivered));
}

#[test]
fn withdrawal_covers_the_group_before_registration_and_one_part_after() {
    // Before: the whole group.
    let mut o = Office::default();
    let g = file_birth(&mut o, &["thuong_tru", "bhyt"], 0, NOW);
    assert_eq!(o.withdraw_group(&g.code, "000000000000", "", NOW + 1), Err(PortalError::NotYours));
    o.withdraw_group(&g.code, MOTHER, "Nộp nhầm", NOW + 1).unwrap();
    assert_eq!(part(&o, &g.code, PartId::KhaiSinh).status(), Some(Status::Withdrawn));
    for p in [PartId::ThuongTru, PartId::Bhyt] {
        let v = part(&o, &g.code, p);
        assert_eq!(v.state, &PartState::Halted { because: Status::Withdrawn });
        assert!(copy::explain(GroupId::KhaiSinh, &v, Lang::Vi).unwrap().contains("rút hồ sơ liên thông"));
    }
    assert!(copy::withdraw_rule(GroupId::KhaiSinh, false, Lang::Vi).contains("cả nhóm"));

    // After: one part; the registration stays.
    let mut o = Office::default();
    let g = file_birth(&mut o, &["thuong_tru", "bhyt"], 0, NOW);
    for k in 1..=3 {
        o.tick(NOW + k * DEFAULT_STEP_MS);
    }
    let at = NOW + 3 * DEFAULT_STEP_MS + 1;
    assert_eq!(o.withdraw_group(&g.code, MOTHER, "", at), Err(PortalError::NotAllowed));
    assert_eq!(o.apply(&g.code, Some(MOTHER), Event::Withdraw, "", vec![], at), Err(PortalError::NotAllowed));
    let bhyt = part(&o, &g.code, PartId::Bhyt).dossier.unwrap().code.clone();
    o.apply(&bhyt, Some(MOTHER), Event::Withdraw, "Đã có thẻ", vec![], at).unwrap();
    run(&mut o, at);
    assert_eq!(part(&o, &g.code, PartId::Bhyt).status(), Some(Status::Withdrawn));
    assert_eq!(part(&o, &g.code, PartId::ThuongTru).status(), Some(Status::Delivered));
    assert!(copy::withdraw_rule(GroupId::KhaiSinh, true, Lang::En).contains("on its own"));
}

#[test]
fn deadlines_follow_the_15_oclock_rule_and_the_group_ceiling() {
    // Filed at 16:00 on Tuesday: counted from Wednesday.
    let mut o = Office::default();
    let g = file_birth(&mut o, &["thuong_tru", "bhyt"], 0, NOW + 3 * HOUR);
    assert_eq!(g.ceiling, Some(d("30/11/2026")));
    assert_eq!(part(&o, &g.code, PartId::KhaiSinh).deadline(), Some(d("25/11/2026")));

    // The registration done late (Thursday 14:00): the others are capped by the ceiling (Fri 27/11).
    let mut o = Office { step_ms: 0, ..Default::default() }; // the console moves it
    let g = file_birth(&mut o, &["thuong_tru", "bhyt", "can_cuoc"], 0, NOW);
    let thu = NOW + 2 * 24 * HOUR + HOUR;
    for e in [Event::Accept, Event::StartProcessing, Event::Finish] {
        o.apply(&g.code, None, e, "", vec![], thu).unwrap();
    }
    assert_eq!(part(&o, &g.code, PartId::ThuongTru).deadline(), Some(d("27/11/2026")), "own 30/11, capped");
    assert_eq!(part(&o, &g.code, PartId::CanCuoc).deadline(), Some(d("03/12/2026")), "outside the ceiling");
    assert!(!o.tick(thu + 60_000), "the automatic agency is off");

    let def = PartId::ThuongTru.def();
    assert_eq!(part_deadline(def, d("24/11/2026"), 16, Some(d("27/11/2026"))), d("27/11/2026"));
    assert_eq!(
        part_deadline(def, d("30/11/2026"), 9, Some(d("27/11/2026"))),
        d("30/11/2026"),
        "never before the start"
    );
    assert_eq!(counts_from(d("24/11/2026"), 16), d("25/11/2026"));
}

#[test]
fn the_death_group_runs_each_benefit_on_its_own_after_the_registration() {
    let f = form("lien-thong-khai-tu");
    let a = death_answers("bhxh", &["xoa_thuong_tru", "mai_tang_bhxh", "tu_tuat"]);
    let s = tokhai_core::submission::submission(
        &entry("lien-thong-khai-tu"),
        &f,
        &a,
        "001085004217",
        1,
        0,
        Prefs::default(),
    );
    let mut o = Office::default();
    let g = o.submit_group(s, &f, &chosen(&f, &a), NOW).unwrap();
    assert_eq!(g.ceiling, None);
    assert_eq!(o.parts(&g.code).len(), 4);
    let at = NOW + 3 * DEFAULT_STEP_MS;
    for k in 1..=3 {
        o.tick(NOW + k * DEFAULT_STEP_MS);
    }
    let reg = o.group(&g.code).unwrap().registered.clone().unwrap();
    assert!(reg.personal_id.is_none());
    let v = part(&o, &g.code, PartId::XoaThuongTru);
    assert_eq!(v.dossier.unwrap().answers.get(ids::REGISTRATION_NUMBER), Some(&Answer::Text(reg.number.clone())));
    assert_eq!(v.deadline(), Some(d("25/11/2026")), "1 working day");
    // Its result names the person whose residence was removed, and what was done.
    let removal = v.dossier.unwrap();
    let doc = tokhai_core::results::build(
        &tokhai_core::results::Source {
            code: &removal.code,
            service_id: tokhai_core::results::service_of_part(PartId::XoaThuongTru),
            service: &removal.service,
            agency: &removal.agency,
            owner: &removal.owner,
            answers: &removal.answers,
        },
        1_764_000_000,
    );
    let certified: Vec<(&str, &str)> = doc.data.iter().map(|c| (c.label.vi.as_str(), c.value.as_str())).collect();
    assert!(certified.contains(&("Họ, chữ đệm và tên", "Lê Thị Hoa")), "{certified:?}");
    assert!(certified.contains(&("Ngày, tháng, năm sinh", "20/10/1958")), "{certified:?}");
    assert!(certified.contains(&("Nội dung", "Xóa đăng ký thường trú do người đăng ký đã chết")), "{certified:?}");
    // The officer refuses the survivors' benefits; the funeral allowance goes on.
    let tu_tuat = part(&o, &g.code, PartId::TuTuat).dossier.unwrap().code.clone();
    o.apply(&tu_tuat, None, Event::Refuse, "Không có thân nhân đủ điều kiện", vec![], at + 1).unwrap();
    run(&mut o, at + 1);
    assert_eq!(part(&o, &g.code, PartId::TuTuat).status(), Some(Status::Refused));
    assert_eq!(part(&o, &g.code, PartId::MaiTangBhxh).status(), Some(Status::Delivered));
    assert_eq!(part(&o, &g.code, PartId::XoaThuongTru).status(), Some(Status::Delivered));
    assert_eq!(o.my_groups("001085004217").len(), 1);
}

#[test]
fn ordinary_dossiers_and_stored_records_are_unchanged() {
    let mut o = Office::default();
    let s = Submission {
        key: "k".into(),
        form: "dang-ky-thuong-tru".into(),
        owner: "001085004217".into(),
        province: 1,
        processing_days: 7,
        ..Default::default()
    };
    o.submit(s, NOW);
    let json = serde_json::to_string(&o).unwrap();
    assert!(!json.contains("groups") && !json.contains("part_of"), "no new keys in old-style records");
    let back: Office = serde_json::from_str(&json).unwrap();
    assert_eq!(back, o);
    // A group round-trips through storage.
    let mut o = Office::default();
    let g = file_birth(&mut o, &["bhyt"], 0, NOW);
    let back: Office = serde_json::from_str(&serde_json::to_string(&o).unwrap()).unwrap();
    assert_eq!(back.group(&g.code), o.group(&g.code));
    // Forgetting the owner keeps what the public lookup shows.
    let mut o = back;
    o.forget(MOTHER);
    assert!(o.group(&g.code).unwrap().answers.is_empty());
}

#[test]
fn a_choice_that_cannot_be_filed_is_a_field_error_with_its_own_sentence() {
    use tokhai_core::messages::error_message;
    use tokhai_core::validate::{validate_form, ErrorKey};
    let today = d("24/11/2026");
    let birth = form("lien-thong-khai-sinh");
    let ok = birth_answers(&["thuong_tru", "bhyt"]);
    assert!(choice_errors(&birth, &ok, today).is_empty(), "a newborn: every part can be filed");
    // A child of 7: the group is for children under 6, said once, on the date of birth.
    let mut old = ok.clone();
    old.insert("tre_ngay_sinh".into(), t("03/09/2019"));
    let errors = choice_errors(&birth, &old, today);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path.to_string(), "tre_ngay_sinh");
    assert_eq!(errors[0].error, ErrorKey::LinkedChildTooOld);
    assert!(
        validate_form(&birth, &old, today).iter().any(|e| e.error == ErrorKey::LinkedChildTooOld),
        "sending refuses it"
    );
    let field = birth.field("tre_ngay_sinh").unwrap();
    let vi = error_message(&ErrorKey::LinkedChildTooOld, field, &|s: &str| s.to_string(), Lang::Vi);
    assert!(vi.contains("dưới 6 tuổi"), "{vi}");
    // A child whose 6th birthday is today is 6: too old.
    let mut six = ok.clone();
    six.insert("tre_ngay_sinh".into(), t("24/11/2020"));
    assert_eq!(choice_errors(&birth, &six, today).len(), 1);
    let mut almost = ok.clone();
    almost.insert("tre_ngay_sinh".into(), t("25/11/2020"));
    assert!(choice_errors(&birth, &almost, today).is_empty(), "one day short of 6");

    // Death group: the BHXH funeral allowance for someone who was not insured,
    // and two funeral benefits at once, each on the choice field.
    let death = form("lien-thong-khai-tu");
    assert!(choice_errors(&death, &death_answers("bhxh", &["xoa_thuong_tru", "mai_tang_bhxh"]), today).is_empty());
    let wrong = choice_errors(&death, &death_answers("khong", &["mai_tang_bhxh"]), today);
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert_eq!(wrong[0].error, ErrorKey::LinkedPartNotApplicable { part: "mai_tang_bhxh".into() });
    assert_eq!(wrong[0].path.to_string(), "lien_thong");
    let choice = death.field("lien_thong").unwrap();
    for lang in [Lang::Vi, Lang::En] {
        let m = error_message(&wrong[0].error, choice, &|s: &str| s.to_string(), lang);
        assert!(!m.is_empty() && !m.ends_with('.'), "{m}");
    }
    let both = choice_errors(&death, &death_answers("bhxh", &["mai_tang_bhxh", "ho_tro_mai_tang"]), today);
    assert!(both.iter().any(|e| matches!(e.error, ErrorKey::LinkedPartsExclusive { .. })), "{both:?}");
    // An ordinary form has none.
    assert!(choice_errors(&form("khai-sinh"), &ok, today).is_empty());
}
