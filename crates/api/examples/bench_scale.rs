//! Scale benchmark (issue 4): imports a generated corpus, builds the matching index, measures one
//! registration's check (p50/p99) against the brute-force scan's decisions, and a batch check with
//! its writes. Prints figures; asserts nothing. Driven by `scripts/bench-scale`.
//!
//! usage: bench_scale CORPUS_DIR DB [--queries N] [--exhaustive N] [--batch N] [--skip-import]
//! DB: a SQLite file (replaced) or a `postgres://` URL of an empty database (or one this run filled, with
//! `--skip-import`).

use dealgate_api::domain::RecordKind;
use dealgate_api::{Api, OpenMode, Selection};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Resident and peak resident memory of this process, in MiB (Linux).
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Records when each stage of a run begins.
#[derive(Default)]
struct Stages(std::sync::Mutex<Vec<(String, f64)>>, std::sync::OnceLock<Instant>);

impl dealgate_api::Progress for Stages {
    fn report(&self, stage: &str, _: usize, _: usize) {
        let t0 = *self.1.get_or_init(Instant::now);
        let mut v = self.0.lock().unwrap();
        if v.last().is_none_or(|(s, _)| s != stage) {
            v.push((stage.to_string(), t0.elapsed().as_secs_f64()));
        }
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(&args[1]);
    let db = args[2].clone();
    let on_sqlite = !db.starts_with("postgres://") && !db.starts_with("postgresql://");
    let queries = arg(&args, "--queries", 2000);
    let exhaustive = arg(&args, "--exhaustive", 20);
    let batch = arg(&args, "--batch", 100_000);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();

    if !args.iter().any(|a| a == "--skip-import") {
        if on_sqlite {
            let _ = std::fs::remove_file(&db);
        }
        let api = Api::open(&db, OpenMode::Create).await.expect("open");
        for (kind, file) in [
            (RecordKind::FollowUp, "follow_ups.csv"),
            (RecordKind::HeadAccount, "head_accounts.csv"),
            (RecordKind::Registration, "registrations.csv"),
        ] {
            let t = Instant::now();
            let r = api.import(kind, &dir.join(file), None).await.expect("import");
            println!("import {file}: {} rows in {:.2} s", r.rows_read, t.elapsed().as_secs_f64());
        }
        api.close().await;
    }

    let api = Api::open(&db, OpenMode::Existing).await.expect("open");
    let backend = if on_sqlite { "SQLite" } else { "PostgreSQL" };
    let sources = api.sources().await.expect("sources");
    let ids = registration_ids(&dir.join("registrations.csv"));
    println!(
        "corpus: {}",
        sources.iter().map(|s| format!("{} {}", s.kind.cli_name(), s.rows)).collect::<Vec<_>>().join(", ")
    );
    let (rss0, _) = memory();
    let t = Instant::now();
    api.propose(&ids[0], as_of).await.expect("first propose");
    let build = t.elapsed().as_secs_f64();
    let (rss1, peak) = memory();
    println!("index build (load from {backend} + normalise + index): {build:.2} s; resident {:.0} MiB for the index (process {rss1:.0} MiB, peak {peak:.0} MiB)", rss1 - rss0);

    let step = (ids.len() / queries.max(1)).max(1);
    let sample: Vec<&String> = ids.iter().step_by(step).take(queries).collect();
    let mut times = Vec::with_capacity(sample.len());
    for id in &sample {
        let t = Instant::now();
        api.propose(id, as_of).await.expect("propose");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if std::env::var_os("BENCH_SLOW").is_some() && times[times.len() - 1] > 4.0 {
            println!("  slow {id}: {:.1} ms", times[times.len() - 1]);
        }
    }
    times.sort_by(f64::total_cmp);
    if let Some(max) = times.last() {
        println!(
            "one registration (propose, indexed): n={} p50 {:.3} ms, p99 {:.3} ms, max {max:.3} ms",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.99),
        );
    }

    let mut same = 0;
    let mut brute = Vec::new();
    let estep = (ids.len() / exhaustive.max(1)).max(1);
    let esample: Vec<&String> = ids.iter().skip(estep / 2).step_by(estep).take(exhaustive).collect();
    for id in &esample {
        let fast = api.propose(id, as_of).await.expect("propose");
        let t = Instant::now();
        let slow = api.propose_exhaustive(id, as_of).await.expect("exhaustive");
        brute.push(t.elapsed().as_secs_f64() * 1000.0);
        let key = |p: &dealgate_api::Proposal| {
            (p.outcome, p.rule, p.matches.iter().map(|m| m.record_id.clone()).take(5).collect::<Vec<_>>())
        };
        if key(&fast) == key(&slow) {
            same += 1;
        } else {
            println!("  differs on {id}: indexed {:?} vs scan {:?}", key(&fast), key(&slow));
        }
    }
    brute.sort_by(f64::total_cmp);
    if !brute.is_empty() {
        println!(
            "unindexed scan (same scorer over every record): n={} p50 {:.1} ms; same decision and top evidence: {same}/{}",
            brute.len(),
            percentile(&brute, 0.5),
            esample.len()
        );
    }

    if batch > 0 {
        let chosen: Vec<String> = ids.iter().take(batch).cloned().collect();
        let n = chosen.len();
        let t = Instant::now();
        let stages = Arc::new(Stages::default());
        let report = api.check(Selection::Ids(chosen), as_of, None, stages.clone()).await.expect("batch check");
        println!(
            "  stages (s from start): {}",
            stages.0.lock().unwrap().iter().map(|(s, t)| format!("{s} {t:.2}")).collect::<Vec<_>>().join(", ")
        );
        let secs = t.elapsed().as_secs_f64();
        println!(
            "batch check of {n} registrations incl. writing {} decisions + audit entries: {secs:.2} s ({:.0}/s)",
            report.decision_ids.len(),
            n as f64 / secs
        );
        api.settle().await.expect("settle");
        println!(
            "  settled (queue indexes created again, the log folded into the database): {:.2} s after the start",
            t.elapsed().as_secs_f64()
        );
    }
    let (_, peak) = memory();
    println!("peak resident memory of the run: {peak:.0} MiB");
    api.close().await;
}

/// Registration ids in submitted order, from the generated file (columns: registration_id, partner,
/// partner_tier, submitted_at, ...; no quoted commas in generated ids and dates).
fn registration_ids(csv: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(csv).expect("registrations.csv");
    let mut rows: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split(',');
            let id = cols.next()?.to_string();
            let submitted = cols.nth(2)?.to_string();
            Some((submitted, id))
        })
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, id)| id).collect()
}
