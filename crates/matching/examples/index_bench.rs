//! Index-only benchmark for profiling (no SQLite, no rules): builds one index from a generated
//! follow-ups CSV and times normalising, inserting and searching with registration names, and
//! normalising against reading names back from stored name keys (checking that they agree).
//! usage: index_bench FOLLOW_UPS.csv REGISTRATIONS.csv   (files from ../shared/bench/make_scale.py)

use dealgate_matching::{normalize, Features, Index, NormalizedName, Party, Prepared};
use rayon::prelude::*;
use std::hash::{Hash, Hasher};
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Column `i` of each data line (generated files hold no quoted commas).
fn column(path: &str, cols: &[usize]) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).expect("readable CSV");
    text.lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .map(|c| cols.iter().map(|&i| c[i].to_string()).collect())
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rows = column(&args[1], &[0, 1, 5]);
    let party = |r: &[String]| Party { name: &r[1], region: Some(&r[2]), ..Default::default() }.prepare();
    let t = Instant::now();
    let prepared: Vec<Prepared> = rows.par_iter().map(|r| party(r)).collect();
    println!("prepare {} names in parallel: {:.2} s", rows.len(), t.elapsed().as_secs_f64());
    let t = Instant::now();
    let names: Vec<NormalizedName> = rows.iter().map(|r| normalize(&r[1])).collect();
    let normalising = t.elapsed().as_secs_f64();
    let keys: Vec<String> = rows.iter().zip(&names).map(|(r, n)| n.to_key(&r[1])).collect();
    let t = Instant::now();
    let read: Vec<Option<NormalizedName>> =
        rows.iter().zip(&keys).map(|(r, k)| NormalizedName::from_key(k, &r[1])).collect();
    let reading = t.elapsed().as_secs_f64();
    let agree = read.iter().zip(&names).filter(|(r, n)| r.as_ref() == Some(*n)).count();
    let key_bytes: usize = keys.iter().map(String::len).sum();
    println!(
        "one thread: normalise {:.2} µs/name, read back from a stored key {:.2} µs/name ({} bytes a key); {agree}/{} agree",
        normalising * 1e6 / rows.len() as f64,
        reading * 1e6 / rows.len() as f64,
        key_bytes / rows.len().max(1),
        rows.len()
    );
    drop((names, keys, read));
    let t = Instant::now();
    let mut idx = Index::new();
    idx.reserve(rows.len());
    let mut prepared = prepared.into_iter();
    for chunk in rows.chunks(8192) {
        idx.insert_many(chunk.iter().map(|r| r[0].as_str()), prepared.by_ref().take(chunk.len()).collect());
    }
    idx.shrink_to_fit();
    println!("insert in chunks of 8,192: {:.2} s", t.elapsed().as_secs_f64());

    let queries: Vec<Features> = column(&args[2], &[4, 10])
        .iter()
        .step_by(10)
        .map(|c| Party { name: &c[0], region: Some(&c[1]), ..Default::default() }.features())
        .collect();
    // More passes (IB_PASSES) give a steadier figure on a noisy machine: the fastest pass is printed.
    let passes: usize = std::env::var("IB_PASSES").ok().and_then(|p| p.parse().ok()).unwrap_or(1);
    let mut best: Option<Vec<f64>> = None;
    let mut hits = 0;
    // A digest of every hit's record, score and reasons: a faster index or scorer must leave it alone.
    let mut digest = std::hash::DefaultHasher::new();
    for pass in 0..passes {
        let mut times = Vec::with_capacity(queries.len());
        for q in &queries {
            let t = Instant::now();
            let found = idx.search(q, 0.6);
            times.push(t.elapsed().as_secs_f64() * 1e6);
            if pass > 0 {
                continue;
            }
            hits += found.len();
            for h in &found {
                (idx.record_id(h.record), h.score.to_bits()).hash(&mut digest);
                for r in &h.explanation.reasons {
                    (&r.feature, &r.detail, r.agreed, r.contribution.to_bits()).hash(&mut digest);
                }
            }
        }
        if best.as_ref().is_none_or(|b| b.iter().sum::<f64>() > times.iter().sum::<f64>()) {
            best = Some(times);
        }
    }
    let mut times = best.unwrap_or_default();
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    times.sort_by(f64::total_cmp);
    let p = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "search {} (fastest of {passes}): mean {mean:.0} µs, p50 {:.0} µs, p99 {:.0} µs; {hits} hits, digest {:016x}",
        times.len(),
        p(0.5),
        p(0.99),
        digest.finish()
    );
}
