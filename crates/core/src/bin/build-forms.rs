//! Resolves every definition in `forms/` (fragments expanded), lints it, and
//! writes what the browser fetches to `target/forms/`: one compact JSON per
//! form plus `catalog.json`. Files are written only when their content
//! changes, so a watcher (Trunk's pre-build hook) never loops. Also writes
//! `target/forms-test/all.json` (every form in one file) for the browser tests.
//! Exits non-zero, naming each problem, if any form is unusable.

use std::path::Path;
use tokhai_core::lint::lint;
use tokhai_core::resolve::disk::{self, write_if_changed};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let forms_dir = root.join("forms");
    let out = root.join("target/forms");
    let mut problems = Vec::new();
    let mut all = Vec::new();
    let mut written = 0;
    let forms = disk::forms(&forms_dir).unwrap_or_else(|e| {
        eprintln!("build-forms: {e}");
        std::process::exit(1)
    });
    for (path, result) in forms {
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        match result {
            Err(e) => problems.push(format!("{name}: {}", e.0)),
            Ok(form) => {
                problems.extend(lint(&form).into_iter().map(|p| format!("{name}: {p}")));
                let text = serde_json::to_string(&form).expect("serialises");
                written += usize::from(write_if_changed(&out.join(&name), &text).expect("write"));
                all.push(serde_json::to_value(&form).expect("serialises"));
            }
        }
    }
    let catalog = std::fs::read_to_string(forms_dir.join("catalog.json")).expect("forms/catalog.json");
    match tokhai_core::schema::parse_catalog(&catalog) {
        Ok(entries) => {
            let compact = serde_json::to_string(&entries).expect("serialises");
            written += usize::from(write_if_changed(&out.join("catalog.json"), &compact).expect("write"));
        }
        Err(e) => problems.push(format!("catalog.json: {}", e.0)),
    }
    let bundle = serde_json::to_string(&all).expect("serialises");
    write_if_changed(&root.join("target/forms-test/all.json"), &bundle).expect("write");
    if !problems.is_empty() {
        eprintln!("build-forms: {} problem(s):\n{}", problems.len(), problems.join("\n"));
        std::process::exit(1);
    }
    eprintln!("build-forms: {} forms, {written} file(s) updated in target/forms", all.len());
}
