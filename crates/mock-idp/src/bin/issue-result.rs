//! Signs electronic results with the MOCK agency certificates of `seeds/ca`.
//!
//! cargo run -q -p tokhai-mock-idp --bin issue-result -- --samples [seeds/results]
//!     writes one valid result (and its QR text) per kind and the bad files.
//! cargo run -q -p tokhai-mock-idp --bin issue-result -- <doc.json>
//!     signs a `tokhai_core::results::ResultDoc` (JSON) with the agency its
//!     `issuer.cert` names and prints the file, then the QR text, on stdout.

use std::path::Path;
use std::process::ExitCode;
use tokhai_core::results::{qr_text, ResultDoc};
use tokhai_mock_idp::ca::{write_samples, MockCa, SAMPLE_ORIGIN};

const USAGE: &str = "usage: issue-result --samples [out-dir] | issue-result <doc.json> [--ca seeds/ca]";

fn run(args: &[String]) -> Result<String, String> {
    let mut ca_dir = "seeds/ca".to_string();
    let mut rest = vec![];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--ca" => ca_dir = it.next().ok_or("--ca needs a directory")?.clone(),
            "-h" | "--help" => return Err(USAGE.into()),
            _ => rest.push(a.clone()),
        }
    }
    match rest.as_slice() {
        [flag, out @ ..] if flag == "--samples" => {
            let out = out.first().map_or("seeds/results", String::as_str);
            let files = write_samples(Path::new(&ca_dir), Path::new(out))?;
            Ok(format!("wrote {} files in {out}", files.len()))
        }
        [doc] => {
            let text = std::fs::read_to_string(doc).map_err(|e| format!("{doc}: {e}"))?;
            let doc: ResultDoc = serde_json::from_str(&text).map_err(|e| format!("not a result document: {e}"))?;
            let (file, stamp) = MockCa::load(Path::new(&ca_dir))?.issue(&doc)?;
            println!("{file}\n{}", qr_text(SAMPLE_ORIGIN, &stamp));
            Ok("signed".into())
        }
        _ => Err(USAGE.into()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(msg) => {
            eprintln!("issue-result: {msg}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("issue-result: {e}");
            ExitCode::FAILURE
        }
    }
}
