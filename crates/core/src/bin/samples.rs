//! Prints a complete, valid sample answer set for every form in `forms/`, as
//! JSON `{form id: answers}`, for a seed citizen (default: the first in
//! `seeds/citizens/index.json`). The end-to-end walk over every service types
//! these into the pages: `cargo run -q -p tokhai-core --bin samples [file.json]`.

use std::collections::BTreeMap;
use std::path::Path;
use tokhai_core::identity::Citizen;
use tokhai_core::resolve::disk;
use tokhai_core::sample::sample_answers;
use tokhai_core::Date;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let file = std::env::args().nth(1).unwrap_or_else(|| {
        let index: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root.join("seeds/citizens/index.json")).expect("index"))
                .expect("json");
        index[0]["file"].as_str().expect("file").to_string()
    });
    let citizen: Citizen =
        serde_json::from_str(&std::fs::read_to_string(root.join("seeds/citizens").join(&file)).expect("seed"))
            .expect("citizen");
    let today = Date::new(2026, 11, 24).expect("date");
    let mut out = BTreeMap::new();
    for (path, form) in disk::forms(&root.join("forms")).expect("forms") {
        let form = form.unwrap_or_else(|e| panic!("{}: {}", path.display(), e.0));
        out.insert(form.id.clone(), sample_answers(&form, &citizen, today));
    }
    println!("{}", serde_json::to_string(&out).expect("json"));
}
