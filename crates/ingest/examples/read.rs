//! Reads one export file and prints what came out: `cargo run --release -p dealgate-ingest --example read -- FILE KIND`.

use std::path::Path;
use std::time::Instant;

use dealgate_domain::RecordKind;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(kind)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: read FILE follow-ups|head-accounts|registrations");
        std::process::exit(2);
    };
    let kind = match kind.as_str() {
        "follow-ups" => RecordKind::FollowUp,
        "head-accounts" => RecordKind::HeadAccount,
        "registrations" => RecordKind::Registration,
        other => {
            eprintln!("unknown kind {other}");
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    match dealgate_ingest::read_file(Path::new(path), kind) {
        Ok(parsed) => {
            println!(
                "{}: {} rows read, {} records, {} errors, {} warnings in {:.3?}",
                parsed.format,
                parsed.rows_read,
                parsed.records.len(),
                parsed.rejected.len(),
                parsed.warnings.len(),
                start.elapsed()
            );
            for e in parsed.rejected.iter().take(10) {
                println!("  error: {e}");
            }
            for w in parsed.warnings.iter().take(10) {
                println!("  warning: {w}");
            }
            if !parsed.ignored_columns.is_empty() {
                println!("  ignored columns: {}", parsed.ignored_columns.join(", "));
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
