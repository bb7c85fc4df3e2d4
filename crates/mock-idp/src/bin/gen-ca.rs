//! Writes the MOCK government CA chain into `seeds/ca` (or the directory
//! given): root, intermediate, one certificate per agency group, and the bad
//! material for tests. Keys already there are reused, so a second run writes
//! the same files.
//!
//! cargo run -q -p tokhai-mock-idp --bin gen-ca -- [seeds/ca]

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a.starts_with('-')) || args.len() > 1 {
        eprintln!("usage: gen-ca [dir, default seeds/ca]");
        return ExitCode::FAILURE;
    }
    let dir = args.first().map_or("seeds/ca", String::as_str);
    match tokhai_mock_idp::ca::generate(Path::new(dir)) {
        Ok(files) => {
            eprintln!("gen-ca: wrote {} files in {dir}", files.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-ca: {e}");
            ExitCode::FAILURE
        }
    }
}
