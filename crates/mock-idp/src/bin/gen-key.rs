//! Writes a fresh MOCK ES256 key pair as JWK: `<dir>/private.jwk.json` and
//! `<dir>/public.jwk.json`. Used once to make `seeds/mock-issuer/`.
//!
//! cargo run -q -p tokhai-mock-idp --bin gen-key -- <dir> [--kid tokhai-mock-2026] [--force]

use std::path::Path;
use std::process::ExitCode;
use tokhai_mock_idp::{generate_key_pair, DEFAULT_KID};

const USAGE: &str = "usage: gen-key <dir> [--kid tokhai-mock-2026] [--force]";

fn run(args: &[String]) -> Result<String, String> {
    let mut dir: Option<&str> = None;
    let mut kid = DEFAULT_KID;
    let mut force = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => return Err(USAGE.to_string()),
            "--kid" => kid = it.next().map(String::as_str).filter(|k| !k.is_empty()).ok_or("--kid needs a value")?,
            "--force" => force = true,
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}\n{USAGE}")),
            d if dir.is_none() => dir = Some(d),
            extra => return Err(format!("unexpected argument {extra:?}\n{USAGE}")),
        }
    }
    let dir = Path::new(dir.ok_or(USAGE)?);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let private = dir.join("private.jwk.json");
    let public = dir.join("public.jwk.json");
    for p in [&private, &public] {
        if p.exists() && !force {
            return Err(format!("{} exists; pass --force to replace the key pair", p.display()));
        }
    }
    let pair = generate_key_pair(kid);
    std::fs::write(&private, &pair.private).map_err(|e| format!("cannot write {}: {e}", private.display()))?;
    std::fs::write(&public, &pair.public).map_err(|e| format!("cannot write {}: {e}", public.display()))?;
    Ok(format!("wrote {} and {} (kid {kid})", private.display(), public.display()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(msg) => {
            eprintln!("gen-key: {msg}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-key: {e}");
            ExitCode::FAILURE
        }
    }
}
