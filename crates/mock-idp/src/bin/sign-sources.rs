//! Signs every record of `seeds/sources/{source}.json` with the MOCK platform
//! key (`seeds/mock-platform/private.jwk.json`) and writes
//! `target/sources/{source}.json`: a JSON array of compact JWS strings, one per
//! record, as the national data-sharing platform would return them (contract:
//! `docs/data-sources.md`). Signatures are deterministic (RFC 6979) and `iat`
//! fixed, so files are rewritten only when a record changes.
//!
//! cargo run -q -p tokhai-mock-idp --bin sign-sources [-- --out target/sources]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tokhai_core::resolve::disk::write_if_changed;
use tokhai_core::sources::Source;
use tokhai_mock_idp::{read_source_seed, sign_record, PLATFORM_IAT};

fn run(args: &[String]) -> Result<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = root.join("target/sources");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = PathBuf::from(it.next().ok_or("--out needs a directory")?),
            other => return Err(format!("unexpected argument {other:?}; usage: sign-sources [--out DIR]")),
        }
    }
    let key_path = root.join("seeds/mock-platform/private.jwk.json");
    let key = std::fs::read_to_string(&key_path).map_err(|e| format!("{}: {e}", key_path.display()))?;
    let (mut records, mut written) = (0, 0);
    for source in Source::RECORDS {
        let path = root.join("seeds/sources").join(format!("{}.json", source.key()));
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let seed = read_source_seed(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        if seed.source != source {
            return Err(format!("{}: the file says source {:?}", path.display(), seed.source));
        }
        let signed = seed
            .records
            .iter()
            .map(|r| sign_record(r, &key, PLATFORM_IAT))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        records += signed.len();
        let json = serde_json::to_string_pretty(&signed).map_err(|e| e.to_string())? + "\n";
        let target = out.join(format!("{}.json", source.key()));
        written += usize::from(write_if_changed(&target, &json).map_err(|e| format!("{}: {e}", target.display()))?);
    }
    Ok(format!(
        "{records} records of {} sources, {written} file(s) updated in {}",
        Source::RECORDS.len(),
        out.display()
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(msg) => {
            eprintln!("sign-sources: {msg}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sign-sources: {e}");
            ExitCode::FAILURE
        }
    }
}
