//! `make coverage`: for every form in `forms/`, how many declared fields are
//! prefilled, before (the population database of the identity token alone) and
//! after (with the other national databases of `seeds/sources/`, every source
//! consented, the best record picked where there are several), with the count
//! per source, and `hospital=` for what an electronic birth certificate or
//! death notice of the citizen's family (`seeds/hospital/`, found as the
//! forms find it: by the mother's or the deceased's personal ID) answers on
//! the birth and death registrations. Printed for two seed citizens: the typical one (first in
//! `seeds/citizens/index.json`) and the first who represents a business (has a
//! `business` record in their own
//! standing, not only as someone the organisation sent). Then per citizen: min and mean percent, and the share of
//! declared fields still typed across all forms. Chỉ thị 05/CT-TTg asks for at
//! least 20 % fewer declared fields on every form; issue 17 aims at every form
//! ≥ 40 %, a mean ≥ 60 % and at most 40 % typed.

use std::path::{Path, PathBuf};

use tokhai_core::identity::Citizen;
use tokhai_core::linked::{certificates_for, CertKind, Certificate};
use tokhai_core::prefill::{coverage_with, Asked, SourceCoverage};
use tokhai_core::sources::{Record, Source};
use tokhai_core::FormDef;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn records(root: &Path) -> Vec<Record> {
    let mut out = Vec::new();
    for source in Source::RECORDS {
        let path = root.join("seeds/sources").join(format!("{}.json", source.key()));
        let v: serde_json::Value = serde_json::from_str(&read(&path)).expect("seed is JSON");
        let rs: Vec<Record> =
            serde_json::from_value(v["records"].clone()).unwrap_or_else(|e| panic!("{}: records: {e}", path.display()));
        out.extend(rs);
    }
    out
}

fn certificates(root: &Path) -> Vec<Certificate> {
    let v: serde_json::Value =
        serde_json::from_str(&read(&root.join("seeds/hospital/certificates.json"))).expect("certificates are JSON");
    serde_json::from_value(v["certificates"].clone()).expect("certificates")
}

/// The fields of `form` a certificate of `c`'s family answers that the
/// databases left empty: the newest found for any of the family's IDs.
fn from_hospital(
    form: &FormDef,
    c: &Citizen,
    certs: &[Certificate],
    filled: &tokhai_core::Answers,
) -> tokhai_core::Answers {
    let Some(kind) = CertKind::of_form(form) else { return Default::default() };
    let found = kind.family_subjects(c).iter().find_map(|s| certificates_for(certs, kind, s).first().copied());
    found
        .map(|cert| {
            cert.answers().into_iter().filter(|(k, _)| form.field(k).is_some() && !filled.contains_key(k)).collect()
        })
        .unwrap_or_default()
}

fn report(role: &str, file: &str, c: &Citizen, forms: &[FormDef], records: &[Record], certs: &[Certificate]) {
    println!("citizen={file} role={role}");
    let (mut min_b, mut min_a, mut sum_b, mut sum_a) = (usize::MAX, usize::MAX, 0, 0);
    let (mut declared, mut before, mut after) = (0, 0, 0);
    let mut asked = [Totals::default(), Totals::default()];
    for form in forms {
        let mut cov = coverage_with(form, c, records);
        let mut filled = filled(form, c, records, &cov);
        let hospital = from_hospital(form, c, certs, &filled);
        let from_certificate = hospital.len();
        cov.after += from_certificate;
        filled.extend(hospital);
        cov.asked_after = Asked::of(form, c, &filled);
        let (pb, pa) = (cov.percent_before(), cov.percent_after());
        (min_b, min_a, sum_b, sum_a) = (min_b.min(pb), min_a.min(pa), sum_b + pb, sum_a + pa);
        (declared, before, after) = (declared + cov.declared, before + cov.before, after + cov.after);
        asked[0].add(cov.asked_before);
        asked[1].add(cov.asked_after);
        let mut per: Vec<String> = cov.by_source.iter().map(|(s, n)| format!("{}={n}", s.key())).collect();
        if from_certificate > 0 {
            per.push(format!("hospital={from_certificate}"));
        }
        println!(
            "form={} declared={} before={} after={} percent_before={pb} percent_after={pa} asked_before={}/{} asked_after={}/{} percent_asked_before={} percent_asked_after={} {}",
            form.id,
            cov.declared,
            cov.before,
            cov.after,
            cov.asked_before.filled,
            cov.asked_before.fields,
            cov.asked_after.filled,
            cov.asked_after.fields,
            cov.asked_before.percent(),
            cov.asked_after.percent(),
            per.join(" ")
        );
        if std::env::var_os("TYPED").is_some() {
            let shown: Vec<&str> =
                tokhai_core::prefill::asked_fields(form, &filled).iter().map(|f| f.id.as_str()).collect();
            let (typed, hidden): (Vec<String>, Vec<String>) = typed_fields(form, c, &filled)
                .into_iter()
                .partition(|t| t.split(':').next().is_some_and(|id| shown.contains(&id) || t.ends_with(":group")));
            println!("typed form={} {}", form.id, typed.join(" "));
            if !hidden.is_empty() {
                println!("not_asked form={} {}", form.id, hidden.join(" "));
            }
        }
    }
    let n = forms.len().max(1);
    let typed = |filled: usize| ((declared - filled) * 100 + declared / 2).checked_div(declared).unwrap_or(0);
    println!(
        "summary citizen={file} role={role} forms={} min_before={} min_after={} mean_before={} mean_after={} typed_before={} typed_after={} declared={declared} prefilled_before={before} prefilled_after={after}",
        forms.len(),
        if min_b == usize::MAX { 0 } else { min_b },
        if min_a == usize::MAX { 0 } else { min_a },
        sum_b / n,
        sum_a / n,
        typed(before),
        typed(after),
    );
    let [b, a] = asked;
    println!(
        "summary_asked citizen={file} role={role} forms={} min_before={} min_after={} mean_before={} mean_after={} typed_before={} typed_after={} asked_before={} asked_after={} prefilled_before={} prefilled_after={}",
        forms.len(),
        b.min(),
        a.min(),
        b.sum / n,
        a.sum / n,
        b.typed(),
        a.typed(),
        b.fields,
        a.fields,
        b.filled,
        a.filled,
    );
}

/// Sums over the forms of [`Asked`] counts: fields shown once the state's
/// answers are in (`asked_*` in the output).
#[derive(Default)]
struct Totals {
    fields: usize,
    filled: usize,
    sum: usize,
    min: Option<usize>,
}

impl Totals {
    fn add(&mut self, a: Asked) {
        (self.fields, self.filled, self.sum) = (self.fields + a.fields, self.filled + a.filled, self.sum + a.percent());
        self.min = Some(self.min.map_or(a.percent(), |m| m.min(a.percent())));
    }
    fn min(&self) -> usize {
        self.min.unwrap_or(0)
    }
    /// Share of the shown fields still typed, rounded.
    fn typed(&self) -> usize {
        ((self.fields - self.filled) * 100 + self.fields / 2).checked_div(self.fields).unwrap_or(0)
    }
}

/// The declared top-level fields still typed after every source (`make
/// coverage TYPED=1`), with their kind; a group's columns count as the group.
fn typed_fields(form: &FormDef, c: &Citizen, filled: &tokhai_core::Answers) -> Vec<String> {
    form.sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter(|f| !matches!(f.kind, tokhai_core::FieldKind::File | tokhai_core::FieldKind::Declaration))
        .filter(|f| !filled.contains_key(&f.id))
        .filter(|f| f.kind != tokhai_core::FieldKind::Group || tokhai_core::prefill::people_for(f, c).is_empty())
        .map(|f| format!("{}:{:?}", f.id, f.kind).to_lowercase())
        .collect()
}

/// What the population database and every source fill, with the records `cov` picked.
fn filled(form: &FormDef, c: &Citizen, records: &[Record], cov: &SourceCoverage) -> tokhai_core::Answers {
    let data = tokhai_core::prefill::SourceData::consent_all(records.to_vec());
    let data = tokhai_core::prefill::SourceData { picks: cov.picks.clone(), ..data };
    tokhai_core::prefill::prefill_with(form, c, &data).answers
}

fn main() {
    let root = root();
    let index: serde_json::Value =
        serde_json::from_str(&read(&root.join("seeds/citizens/index.json"))).expect("seeds index is JSON");
    let citizen = |file: &str| -> Citizen {
        serde_json::from_str(&read(&root.join("seeds/citizens").join(file))).expect("seed is a Citizen")
    };
    let forms: Vec<FormDef> = tokhai_core::resolve::disk::forms(&root.join("forms"))
        .expect("forms/")
        .into_iter()
        .map(|(path, form)| form.unwrap_or_else(|e| panic!("{}: {}", path.display(), e.0)))
        .collect();
    let records = records(&root);
    let certs = certificates(&root);
    let files: Vec<&str> =
        index.as_array().expect("index is a list").iter().filter_map(|e| e["file"].as_str()).collect();
    let typical = files.first().expect("index lists a citizen");
    report("typical", typical, &citizen(typical), &forms, &records, &certs);
    let business = files.iter().find(|f| {
        let id = citizen(f).identity.personal_id;
        records.iter().any(|r| {
            r.source == Source::Business && r.owner == id && r.text("role").is_some_and(|role| role != "duoc_cu")
        })
    });
    match business {
        Some(f) => report("business", f, &citizen(f), &forms, &records, &certs),
        None => println!("no seed citizen represents a business"),
    }
    uploads(&forms);
}

/// Issue 16: file fields a signed result from the citizen's data store can
/// answer instead of an upload ("Dùng giấy tờ trong kho"), per form, for a
/// citizen whose store holds a result of the kinds named (as it does once
/// those services were filed through Tờ Khai and their results came back).
fn uploads(forms: &[FormDef]) {
    fn files<'a>(fields: &'a [tokhai_core::schema::Field], out: &mut Vec<&'a tokhai_core::schema::Field>) {
        for f in fields {
            if f.kind == tokhai_core::FieldKind::File {
                out.push(f);
            }
            files(&f.fields, out);
        }
    }
    let (mut all, mut reusable, mut forms_with) = (0, 0, 0);
    for form in forms {
        let mut fs = vec![];
        form.sections.iter().for_each(|s| files(&s.fields, &mut fs));
        let reuse: Vec<String> = fs
            .iter()
            .filter(|f| !f.reuse.is_empty())
            .map(|f| {
                let kinds: Vec<String> = f
                    .reuse
                    .iter()
                    .map(|k| {
                        serde_json::to_value(k).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
                    })
                    .collect();
                format!("{}<-{}", f.id, kinds.join("|"))
            })
            .collect();
        (all, reusable) = (all + fs.len(), reusable + reuse.len());
        if !reuse.is_empty() {
            forms_with += 1;
            println!(
                "uploads form={} file_fields={} from_store={} {}",
                form.id,
                fs.len(),
                reuse.len(),
                reuse.join(" ")
            );
        }
    }
    println!("uploads summary file_fields={all} from_store={reusable} forms={forms_with}");
}
