//! Mints a mock VNeID identity token for a seed citizen.
//!
//! cargo run -q -p tokhai-mock-idp --bin mint-token -- seeds/citizens/<file>.json \
//!     [--exp 2h|30m|3600] [--loa 1|2] [--key seeds/mock-issuer/private.jwk.json]
//!
//! Prints the token and a newline on stdout; errors go to stderr, exit code 1.
//! Paths are relative to the current directory.

use std::process::ExitCode;
use tokhai_core::identity::Citizen;
use tokhai_mock_idp::{mint, parse_duration, MintOptions};

const USAGE: &str =
    "usage: mint-token <citizen.json> [--exp 2h|30m|3600] [--loa 1|2] [--key seeds/mock-issuer/private.jwk.json]";
const DEFAULT_KEY: &str = "seeds/mock-issuer/private.jwk.json";

fn run(args: &[String]) -> Result<String, String> {
    let mut citizen_path: Option<&str> = None;
    let mut key_path = DEFAULT_KEY;
    let mut opts = MintOptions::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |flag: &str| it.next().map(String::as_str).ok_or(format!("{flag} needs a value\n{USAGE}"));
        match a.as_str() {
            "-h" | "--help" => return Err(USAGE.to_string()),
            "--exp" => {
                let v = value("--exp")?;
                opts.ttl_secs = parse_duration(v)?;
                if opts.ttl_secs <= 0 {
                    return Err(format!("--exp must be positive, got {v:?}"));
                }
            }
            "--loa" => {
                opts.loa = match value("--loa")? {
                    "1" => 1,
                    "2" => 2,
                    other => return Err(format!("--loa must be 1 or 2, got {other:?}")),
                }
            }
            "--key" => key_path = value("--key")?,
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}\n{USAGE}")),
            path if citizen_path.is_none() => citizen_path = Some(path),
            extra => return Err(format!("unexpected argument {extra:?}\n{USAGE}")),
        }
    }
    let citizen_path = citizen_path.ok_or(USAGE)?;
    let text = std::fs::read_to_string(citizen_path).map_err(|e| format!("cannot read {citizen_path}: {e}"))?;
    let citizen: Citizen = serde_json::from_str(&text).map_err(|e| format!("{citizen_path} is not a Citizen: {e}"))?;
    let key = std::fs::read_to_string(key_path).map_err(|e| format!("cannot read key {key_path}: {e}"))?;
    mint(&citizen, &key, &opts).map_err(|e| format!("{key_path}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(token) => {
            println!("{token}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("mint-token: {e}");
            ExitCode::FAILURE
        }
    }
}
