//! Estimates the comparison levels' weights (`crates/matching/data/weights.tsv`) from labelled data by
//! what the weights decide, not by pairs alone: the routing of the dev benchmark's fit folds (a whole
//! check, as `dealgate check --all` runs it, scored against the truth as the benchmark's score.py does)
//! and generated pairs of every relation (the matching crate's generator: invented brands, public place
//! and industry words; seed 1, never the seed `generated_pairs` reports).
//!
//! Coordinate descent from the compiled weights: each level in turn tries every value on a grid, and
//! moves to the value that lowers one cost without raising the other (a Pareto step): the routing cost
//! of the fit folds (a look at a registration 1, a missed or false conflict or a wrong outcome 5), with
//! at least `MIN_REGS` (3) more fit registrations decided better than worse (one or two are an
//! anecdote, and a weight that only clears a threshold for them is fitted to them), or the generated
//! pairs' cost (5 per missed or false match, 1 per look at a pair of one company). Real names decide;
//! the generator's pairs stop a level moving where no dev registration shows what it costs on two
//! companies. A level that sets a name's score stays in its band (see [`grid`]). A tie keeps the value
//! nearest the current weight. Levels that no fit registration's evidence and no generated pair names
//! are left alone. The held-out folds (3-4) and the held-out generated seed are reported before and
//! after, never used to choose. With `COMPARE=TABLE.tsv` it only lists the registrations whose verdict
//! that table changes against the compiled one.
//!
//! usage: scripts/bench-folds --folds /tmp/folds.tsv; then, with a database the dev benchmark was
//! imported into (follow-ups, head accounts, registrations; nothing checked):
//! `cargo run --release -p dealgate-api --example fit_routing -- BASE.db ../shared/bench/dev/truth.csv
//! /tmp/folds.tsv [OUT.tsv] [ROUNDS]`

#[path = "../../matching/tests/support/generator.rs"]
mod generator;
#[path = "../../matching/tests/support/labelled.rs"]
mod labelled;

use dealgate_api::domain::{Decision, Outcome};
use dealgate_api::{Api, OpenMode, Selection, Silent};
use dealgate_matching::comparison::{
    band_at, compiled_weights, try_weights_everywhere, with_weights, Effect, Level, DEFAULT_THRESHOLDS,
};
use dealgate_matching::score;
use labelled::{cost as pair_cost, labelled, Labelled, HELD_OUT_SEED};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FIT_FOLDS: [u8; 3] = [0, 1, 2];
const FIT_SEED: u64 = 1;
const FIT_PER_RELATION: usize = 120;

/// What the truth expects of one registration.
struct Truth {
    outcome: String,
    source: String,
    record: String,
    fold: u8,
}

/// A verdict as score.py gives it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
enum Verdict {
    Correct,
    ReviewCaught,
    ReviewNeedless,
    ReviewOther,
    FalseConflict,
    MissedConflict,
    Wrong,
}

fn is_conflict(outcome: &str) -> bool {
    matches!(outcome, "direct_retained" | "co_sell" | "duplicate")
}

fn verdict(t: &Truth, d: &Decision) -> Verdict {
    let out = d.outcome.as_str();
    let first_of_src = d.matches.iter().find(|m| m.source.as_str() == t.source);
    let anywhere = d.matches.iter().any(|m| m.source.as_str() == t.source && m.record_id == t.record);
    if out == t.outcome && (t.record.is_empty() || first_of_src.is_some_and(|m| m.record_id == t.record)) {
        Verdict::Correct
    } else if d.outcome == Outcome::Review {
        if is_conflict(&t.outcome) && anywhere {
            Verdict::ReviewCaught
        } else if t.outcome == "approved" {
            Verdict::ReviewNeedless
        } else {
            Verdict::ReviewOther
        }
    } else if t.outcome == "approved" && is_conflict(out) {
        Verdict::FalseConflict
    } else if is_conflict(&t.outcome) && !is_conflict(out) {
        Verdict::MissedConflict
    } else {
        Verdict::Wrong
    }
}

fn routing_cost(v: Verdict) -> u32 {
    match v {
        Verdict::Correct => 0,
        Verdict::ReviewCaught | Verdict::ReviewNeedless | Verdict::ReviewOther => 1,
        Verdict::FalseConflict | Verdict::MissedConflict | Verdict::Wrong => 5,
    }
}

/// The benchmark's summary line for the registrations `keep` selects.
fn summary(
    truth: &HashMap<String, Truth>,
    verdicts: &HashMap<String, Verdict>,
    keep: impl Fn(&Truth) -> bool,
) -> String {
    let (
        mut n,
        mut correct,
        mut conflicts,
        mut caught,
        mut heads,
        mut heads_caught,
        mut approved,
        mut false_c,
        mut review,
    ) = (0, 0, 0, 0, 0, 0, 0, 0, 0);
    for (id, t) in truth.iter().filter(|(_, t)| keep(t)) {
        let v = verdicts.get(id).copied().unwrap_or(Verdict::Wrong);
        n += 1;
        correct += u32::from(v == Verdict::Correct);
        let got = matches!(v, Verdict::Correct | Verdict::ReviewCaught);
        if is_conflict(&t.outcome) {
            conflicts += 1;
            caught += u32::from(got);
        }
        if t.outcome == "direct_retained" {
            heads += 1;
            heads_caught += u32::from(got);
        }
        if t.outcome == "approved" {
            approved += 1;
        }
        false_c += u32::from(v == Verdict::FalseConflict);
        review += u32::from(matches!(v, Verdict::ReviewCaught | Verdict::ReviewNeedless | Verdict::ReviewOther));
    }
    let pct = |a: u32, b: u32| if b == 0 { 0.0 } else { 100.0 * f64::from(a) / f64::from(b) };
    format!(
        "{:.1} / {:.1} / {:.1} / {:.1} / {:.1} (n={n})",
        pct(correct, n),
        pct(caught, conflicts),
        pct(heads_caught, heads),
        pct(false_c, approved),
        pct(review, n)
    )
}

/// Runs the whole check on a fresh copy of the base database under the weights tried.
struct Dev {
    base: PathBuf,
    work: tempfile::TempDir,
    truth: HashMap<String, Truth>,
    runs: u32,
}

/// One check's verdicts, and the reasons' levels named by each fit registration's evidence.
struct Run {
    verdicts: HashMap<String, Verdict>,
    named: Vec<u32>,
}

impl Dev {
    async fn run(&mut self, w: &[f64]) -> Run {
        self.runs += 1;
        let db = self.work.path().join(format!("run{}.db", self.runs));
        std::fs::copy(&self.base, &db).expect("copy the base database");
        try_weights_everywhere(Some(w.to_vec()));
        let api = Api::open(db.to_str().expect("utf-8 path"), OpenMode::Existing).await.expect("open the copy");
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("a date");
        let report = api.check(Selection::All, as_of, None, Arc::new(Silent)).await.expect("check");
        let mut verdicts = HashMap::new();
        let mut named = vec![0u32; Level::ALL.len()];
        for ids in report.decision_ids.chunks(1000) {
            for d in api.decisions(ids).await.expect("read decisions") {
                let Some(t) = self.truth.get(&d.registration_id) else { continue };
                verdicts.insert(d.registration_id.clone(), verdict(t, &d));
                if FIT_FOLDS.contains(&t.fold) {
                    for r in d.matches.iter().flat_map(|m| &m.evidence.reasons) {
                        if let Some(l) = Level::from_code(&r.code) {
                            named[l as usize] += 1;
                        }
                    }
                }
            }
        }
        api.close().await;
        try_weights_everywhere(None);
        let _ = std::fs::remove_file(&db);
        Run { verdicts, named }
    }

    /// Fit registrations decided at a lower cost in `b` than in `a`, less those decided at a higher one.
    fn net_better(&self, a: &Run, b: &Run) -> i64 {
        let cost = |r: &Run, id: &String| routing_cost(r.verdicts.get(id).copied().unwrap_or(Verdict::Wrong));
        self.truth
            .iter()
            .filter(|(_, t)| FIT_FOLDS.contains(&t.fold))
            .map(|(id, _)| match cost(b, id).cmp(&cost(a, id)) {
                std::cmp::Ordering::Less => 1,
                std::cmp::Ordering::Greater => -1,
                std::cmp::Ordering::Equal => 0,
            })
            .sum()
    }

    fn cost(&self, run: &Run) -> u32 {
        self.truth
            .iter()
            .filter(|(_, t)| FIT_FOLDS.contains(&t.fold))
            .map(|(id, _)| routing_cost(run.verdicts.get(id).copied().unwrap_or(Verdict::Wrong)))
            .sum()
    }
}

fn generated_cost(set: &[Labelled], w: &[f64]) -> u32 {
    with_weights(w.to_vec(), || set.iter().map(|p| pair_cost(p.expect, score(&p.query, &p.target).0)).sum())
}

/// Levels named by generated pairs' reasons.
fn generated_named(set: &[Labelled], w: &[f64]) -> Vec<u32> {
    let mut n = vec![0u32; Level::ALL.len()];
    with_weights(w.to_vec(), || {
        for p in set {
            for r in score(&p.query, &p.target).1 {
                if let Some(l) = Level::from_code(&r.code) {
                    n[l as usize] += 1;
                }
            }
        }
    });
    n
}

/// The values tried for a level: deltas for the levels that add; for the ones that set a name's score
/// or bound it, scores within the band (at the default thresholds) of the level's compiled weight. Which
/// band a relation belongs in is policy, not fit: partner first, a level declared a possible sibling
/// (review) is never fitted into a silent match, nor a sure relation out of one (measured: free, the fit
/// raised `abbrev.bare_two`, a bare two-character brand against a name extending it, to a match on the
/// strength of three dev registrations).
fn grid(level: Level, compiled: f64) -> Vec<f64> {
    let steps = |lo: i32, hi: i32| (lo..=hi).step_by(2).map(|k| f64::from(k) / 100.0).collect::<Vec<_>>();
    let band = |s: f64| band_at(s, DEFAULT_THRESHOLDS);
    let in_band = |v: &f64| band(*v) == band(compiled);
    match level.effect() {
        Effect::Name | Effect::Cap | Effect::Floor | Effect::Set => {
            steps(50, 100).into_iter().filter(in_band).collect()
        }
        Effect::Add => steps(-30, 10),
        Effect::Scaled | Effect::Inform => Vec::new(),
    }
}

fn read_truth(truth_csv: &Path, folds_tsv: &Path) -> HashMap<String, Truth> {
    let folds: HashMap<String, u8> = std::fs::read_to_string(folds_tsv)
        .expect("read the folds (scripts/bench-folds --folds FILE)")
        .lines()
        .filter_map(|l| {
            let (id, f) = l.split_once('\t')?;
            Some((id.to_owned(), f.trim().parse().ok()?))
        })
        .collect();
    let text = std::fs::read_to_string(truth_csv).expect("read truth.csv");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            let fold = *folds.get(c[0])?;
            Some((
                c[0].to_owned(),
                Truth { outcome: c[1].to_owned(), source: c[2].to_owned(), record: c[3].to_owned(), fold },
            ))
        })
        .collect()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: fit_routing BASE.db TRUTH.csv FOLDS.tsv [OUT.tsv] [ROUNDS]");
        std::process::exit(2);
    }
    let truth = read_truth(Path::new(&args[1]), Path::new(&args[2]));
    let out = args.get(3);
    let rounds: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(2);
    let min_regs: i64 = std::env::var("MIN_REGS").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut dev = Dev { base: PathBuf::from(&args[0]), work: tempfile::tempdir().expect("a temp dir"), truth, runs: 0 };
    if let Some(path) = std::env::var_os("COMPARE") {
        // Only compare: the registrations whose verdict a weights table changes against the compiled one.
        let text = std::fs::read_to_string(&path).expect("read the weights to compare");
        let tried = dealgate_matching::comparison::parse_weights(&text).expect("a weights table");
        let (a, b) = (dev.run(&compiled_weights()).await, dev.run(&tried).await);
        let mut changed: Vec<_> = a.verdicts.iter().filter(|(id, v)| b.verdicts.get(*id) != Some(v)).collect();
        changed.sort();
        for (id, v) in changed {
            let t = &dev.truth[id];
            println!("{id}\tfold {}\t{}\t{v:?} -> {:?}", t.fold, t.outcome, b.verdicts[id]);
        }
        return;
    }
    let fit = labelled(FIT_SEED, FIT_PER_RELATION);
    let held = labelled(HELD_OUT_SEED, 300);

    let start = compiled_weights();
    let mut w = start.clone();
    let t0 = std::time::Instant::now();
    let first = dev.run(&w).await;
    let before = (dev.cost(&first), generated_cost(&fit, &w), generated_cost(&held, &w));
    let before_lines = (
        summary(&dev.truth, &first.verdicts, |t| FIT_FOLDS.contains(&t.fold)),
        summary(&dev.truth, &first.verdicts, |t| !FIT_FOLDS.contains(&t.fold)),
    );
    eprintln!("one check: {:.2} s; fit folds {}", t0.elapsed().as_secs_f64(), before_lines.0);
    let gen_named = generated_named(&fit, &w);
    let mut now = (before.0, before.1);
    let mut moves: Vec<String> = Vec::new();
    for round in 0..rounds {
        let mut moved = 0;
        let mut current = dev.run(&w).await;
        let named = current.named.clone();
        for &level in Level::ALL {
            let i = level as usize;
            if named[i] == 0 && gen_named[i] == 0 {
                continue;
            }
            // (dev cost, generated cost, distance, value): the best Pareto step, or staying.
            let mut best = (now.0, now.1, 0.0_f64, w[i]);
            let mut best_run = None;
            for v in grid(level, start[i]) {
                if (v - w[i]).abs() < 1e-9 {
                    continue;
                }
                let mut tried = w.clone();
                tried[i] = v;
                let g = generated_cost(&fit, &tried);
                if g > now.1 {
                    continue;
                }
                let run = dev.run(&tried).await;
                let d = dev.cost(&run);
                if d > now.0 {
                    continue;
                }
                let gains = (d < now.0 && dev.net_better(&current, &run) >= min_regs) || (g < now.1 && d == now.0);
                let dist = (v - w[i]).abs();
                let better = (d, g) < (best.0, best.1) || ((d, g) == (best.0, best.1) && dist < best.2);
                if gains && better {
                    best = (d, g, dist, v);
                    best_run = Some(run);
                }
            }
            if best.3 != w[i] {
                moved += 1;
                moves.push(format!(
                    "round {round}: {} {} -> {} (fit folds' cost {} -> {}, generated {} -> {})",
                    level.code(),
                    w[i],
                    best.3,
                    now.0,
                    best.0,
                    now.1,
                    best.1
                ));
                eprintln!("{}", moves.last().expect("just pushed"));
                w[i] = best.3;
                now = (best.0, best.1);
                current = best_run.expect("a move has its run");
            }
        }
        eprintln!("round {round}: {moved} weights moved; {} checks in {:.0} s", dev.runs, t0.elapsed().as_secs_f64());
        if moved == 0 {
            break;
        }
    }
    let last = dev.run(&w).await;
    let after = (dev.cost(&last), generated_cost(&fit, &w), generated_cost(&held, &w));
    println!("# fitted by crates/api/examples/fit_routing.rs: dev fit folds 0-2 routed, generated seed {FIT_SEED} x {FIT_PER_RELATION}");
    println!("# costs before -> after: fit folds {} -> {}, generated fit {} -> {}, generated held-out seed {HELD_OUT_SEED} {} -> {}",
        before.0, after.0, before.1, after.1, before.2, after.2);
    println!(
        "# fit folds 0-2 (auto-correct / caught / heads / false / review): {} -> {}",
        before_lines.0,
        summary(&dev.truth, &last.verdicts, |t| FIT_FOLDS.contains(&t.fold))
    );
    println!(
        "# held-out folds 3-4 (reported, never used to choose): {} -> {}",
        before_lines.1,
        summary(&dev.truth, &last.verdicts, |t| !FIT_FOLDS.contains(&t.fold))
    );
    for m in &moves {
        println!("# {m}");
    }
    if moves.is_empty() {
        println!("# no level moved: every value on the grid raised one cost or lowered neither");
    }
    if let Some(path) = out {
        let mut text = String::from("# code\tweight (fitted by crates/api/examples/fit_routing.rs)\n");
        for &level in Level::ALL {
            text.push_str(&format!("{}\t{}\n", level.code(), w[level as usize]));
        }
        std::fs::write(path, text).expect("write the weights");
    }
}
