//! `make coverage`: for every form in `forms/`, how many declared fields the
//! registry fills for a typical seed citizen (the first in
//! `seeds/citizens/index.json`), and the percent saved. Chỉ thị 05/CT-TTg asks
//! for at least 20 % fewer declared fields on every form.

use std::path::{Path, PathBuf};

use tokhai_core::identity::Citizen;
use tokhai_core::prefill::coverage;

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
    println!("citizen={file}");
    let mut min = usize::MAX;
    for (path, form) in tokhai_core::resolve::disk::forms(&root.join("forms")).expect("forms/") {
        let form = form.unwrap_or_else(|e| panic!("{}: {}", path.display(), e.0));
        let c = coverage(&form, &citizen);
        min = min.min(c.percent());
        println!("form={} declared={} prefilled={} percent={}", form.id, c.declared, c.prefilled, c.percent());
    }
    println!("min_percent={}", if min == usize::MAX { 0 } else { min });
}
