//! `make coverage`: for every form in `forms/`, how many declared fields the
//! registry fills for a typical seed citizen (the first in
//! `seeds/citizens/index.json`), and the percent saved. Chỉ thị 05/CT-TTg asks
//! for at least 20 % fewer declared fields on every form.

use std::path::{Path, PathBuf};
use tokhai_core::identity::Citizen;
use tokhai_core::prefill::coverage;
use tokhai_core::FormDef;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn main() {
    let root = root();
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("seeds/citizens/index.json")).expect("seeds index"))
            .expect("seeds index is JSON");
    let file = index[0]["file"].as_str().expect("index lists a citizen");
    let citizen: Citizen =
        serde_json::from_str(&std::fs::read_to_string(root.join("seeds/citizens").join(file)).expect("seed file"))
            .expect("seed is a Citizen");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("forms"))
        .expect("forms/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| !p.to_string_lossy().ends_with(".schema.json") && !p.ends_with("catalog.json"))
        .collect();
    files.sort();
    println!("citizen={file}");
    let mut min = usize::MAX;
    for path in files {
        let form = FormDef::from_json(&std::fs::read_to_string(&path).expect("form file")).expect("form loads");
        let c = coverage(&form, &citizen);
        min = min.min(c.percent());
        println!("form={} declared={} prefilled={} percent={}", form.id, c.declared, c.prefilled, c.percent());
    }
    println!("min_percent={}", if min == usize::MAX { 0 } else { min });
}
