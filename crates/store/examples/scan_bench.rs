//! Times streaming every follow-up out of a database, as an index build reads them:
//! `cargo run --release -p dealgate-store --example scan_bench -- DB` (a SQLite file or a `postgres://` URL)
//! prints rows, seconds and CPU seconds.

use std::time::Instant;

/// CPU time of this process so far, in seconds (Linux).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

#[tokio::main]
async fn main() {
    let db = std::env::args().nth(1).expect("usage: scan_bench DB");
    let store = dealgate_store::open(&db, dealgate_store::OpenMode::Existing).await.expect("open");
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let (tx, mut rx) = tokio::sync::mpsc::channel(2);
    let scan = tokio::spawn(async move { store.scan_follow_ups(8192, tx).await });
    let mut rows = 0;
    while let Some(chunk) = rx.recv().await {
        rows += chunk.len();
    }
    scan.await.expect("join").expect("scan");
    println!("{rows} follow-ups in {:.2} s ({:.2} s CPU)", t.elapsed().as_secs_f64(), cpu_seconds() - cpu);
}
