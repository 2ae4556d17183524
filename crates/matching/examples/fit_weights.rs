//! Estimates the comparison levels' weights (`data/weights.tsv`) from labelled pairs: generated pairs
//! of every relation (tests/support/generator.rs; invented brands, public place and industry words),
//! each labelled by what the matcher should make of it. Coordinate descent from the compiled weights:
//! each level's weight in turn is set to the value on a grid that makes the fewest costly decisions
//! on the fit pairs, a tie keeping the nearest value; two rounds. Only a level that decides at least
//! `SUPPORT` fit pairs of one company and `SUPPORT` of two (under the compiled weights) may move: a
//! level seen on one side only would be pushed to whatever side it was seen on (measured: that fit
//! lowered every dev fold; BENCHMARKS.md, session 13). `SUPPORT=0` in the environment lifts it.
//! Also prints, per level, how often it decided a pair of one company (m) and of two (u), and the
//! Fellegi–Sunter weight log2(m/u) those counts give. Reports the cost on the fit pairs and on pairs
//! of another seed (the set `generated_pairs` reports), before and after.
//! With a pairs file (`scripts/bench-folds --pairs FILE`: the dev fit folds' registrations and the
//! records the check matched or should have, labelled), those pairs join the fit, each counted
//! `DEV_WEIGHT` times (they are the real names a generator only imitates).
//! `cargo run --release -p dealgate-matching --example fit_weights -- [FIT_SEED] [PER_RELATION] [OUT.tsv] [PAIRS.tsv]`

#[path = "../tests/support/generator.rs"]
mod generator;
#[path = "../tests/support/labelled.rs"]
mod labelled;

use dealgate_matching::comparison::{compiled_weights, with_weights, Effect, Level};
use dealgate_matching::{score, Party};
use generator::Expect;
use labelled::{cost, labelled, Labelled, HELD_OUT_SEED};
use std::collections::BTreeMap;

/// How many times a pair of the dev fit folds counts against a generated one.
const DEV_WEIGHT: u32 = 3;

/// Labelled pairs written by `scripts/bench-folds --pairs`: `same|different`, then name, uscc, website,
/// phone and region of each side.
fn from_file(path: &str) -> Vec<Labelled> {
    let text = std::fs::read_to_string(path).expect("read the pairs file");
    fn opt(s: &str) -> Option<&str> {
        (!s.is_empty()).then_some(s)
    }
    let party = |c: &[&str]| {
        Party {
            name: c[0],
            uscc: opt(c[1]),
            website: opt(c[2]),
            phone: opt(c[3]),
            region: opt(c[4]),
            ..Default::default()
        }
        .features()
    };
    text.lines()
        .filter_map(|line| {
            let c: Vec<&str> = line.split('\t').collect();
            (c.len() == 11).then(|| Labelled {
                expect: if c[0] == "same" { Expect::Same } else { Expect::Different },
                times: DEV_WEIGHT,
                query: party(&c[1..6]),
                target: party(&c[6..11]),
            })
        })
        .collect()
}

fn total_cost(set: &[Labelled], w: &[f64]) -> u32 {
    with_weights(w.to_vec(), || set.iter().map(|p| p.times * cost(p.expect, score(&p.query, &p.target).0)).sum())
}

/// The values tried for a level: scores for the levels that set a name's score, deltas for the rest.
fn grid(level: Level) -> Vec<f64> {
    let steps = |lo: i32, hi: i32| (lo..=hi).map(|k| f64::from(k) / 100.0).collect::<Vec<_>>();
    match level.effect() {
        Effect::Name | Effect::Cap | Effect::Floor | Effect::Set => steps(50, 100),
        Effect::Add => steps(-30, 10),
        Effect::Scaled | Effect::Inform => Vec::new(),
    }
}

/// Fit pairs of one company and of two on which each level holds (a reason names it).
fn support(set: &[Labelled], w: &[f64]) -> Vec<[u32; 2]> {
    let mut n = vec![[0u32; 2]; Level::ALL.len()];
    with_weights(w.to_vec(), || {
        for p in set {
            let k = match p.expect {
                Expect::Same => 0,
                Expect::Different => 1,
                Expect::Review => continue,
            };
            for r in score(&p.query, &p.target).1 {
                if let Some(l) = Level::from_code(&r.code) {
                    n[l as usize][k] += 1;
                }
            }
        }
    });
    n
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seed = args.first().and_then(|s| s.parse().ok()).unwrap_or(1);
    let per = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(120);
    let out = args.get(2);
    let mut fit = labelled(seed, per);
    let dev = args.get(3).map(|path| from_file(path)).unwrap_or_default();
    let dev_before = total_cost(&dev, &compiled_weights());
    fit.extend(dev);
    let held = labelled(HELD_OUT_SEED, 300);
    let start = compiled_weights();
    let mut w = start.clone();
    let before = (total_cost(&fit, &w), total_cost(&held, &w));
    let min_support: u32 = std::env::var("SUPPORT").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let supported = support(&fit, &w);
    for round in 0..2 {
        let mut moved = 0;
        for &level in Level::ALL {
            let i = level as usize;
            // Modifiers that never name a reason (abbrev.at_start…) have no support: they keep their weight.
            let [m, u] = supported[i];
            if m.min(u) < min_support {
                continue;
            }
            let now = total_cost(&fit, &w);
            // The best value; on a tie, the one nearest the current weight (only evidence moves it).
            let mut best = (now, 0.0_f64, w[i]);
            for v in grid(level) {
                let mut tried = w.clone();
                tried[i] = v;
                let c = total_cost(&fit, &tried);
                let dist = (v - w[i]).abs();
                if c < best.0 || (c == best.0 && dist < best.1) {
                    best = (c, dist, v);
                }
            }
            if best.2 != w[i] {
                moved += 1;
                w[i] = best.2;
            }
        }
        eprintln!("round {round}: {moved} weights moved, fit cost {}", total_cost(&fit, &w));
    }
    let after = (total_cost(&fit, &w), total_cost(&held, &w));
    // m and u: how often each level decided the name (or acted) on pairs of one company / of two.
    let mut mu: BTreeMap<&str, [u32; 2]> = BTreeMap::new();
    for p in &fit {
        let k = match p.expect {
            Expect::Same => 0,
            Expect::Different => 1,
            Expect::Review => continue,
        };
        for r in with_weights(w.clone(), || score(&p.query, &p.target).1) {
            if let Some(l) = Level::from_code(&r.code) {
                mu.entry(l.code()).or_default()[k] += 1;
            }
        }
    }
    let (same, diff) = fit.iter().fold((0u32, 0u32), |(s, d), p| match p.expect {
        Expect::Same => (s + 1, d),
        Expect::Different => (s, d + 1),
        Expect::Review => (s, d),
    });
    println!("# fitted by examples/fit_weights.rs: seed {seed}, {per} pairs per relation");
    println!(
        "# cost (5 per missed or false match, 1 per look at one company): fit {} -> {}, held-out seed {HELD_OUT_SEED} {} -> {}",
        before.0, after.0, before.1, after.1
    );
    println!("# of which the dev fit folds' pairs (x{DEV_WEIGHT}): {dev_before} before");
    println!("# levels move only with {min_support}+ fit pairs of one company and of two deciding them");
    println!("# code\tweight\t# was, m = P(level | same), u = P(level | different), log2(m/u)");
    for &level in Level::ALL {
        let i = level as usize;
        let [m, u] = mu.get(level.code()).copied().unwrap_or_default();
        // Add-half smoothing: a level never seen on one side gets a finite weight.
        let (pm, pu) = ((f64::from(m) + 0.5) / f64::from(same + 1), (f64::from(u) + 0.5) / f64::from(diff + 1));
        println!("{}\t{}\t# was {}, m {:.3}, u {:.3}, {:+.1}", level.code(), w[i], start[i], pm, pu, (pm / pu).log2());
    }
    fellegi_sunter(&fit, &held, &start, same, diff);
    if let Some(path) = out {
        let mut text = String::from("# code\tweight (fitted by examples/fit_weights.rs)\n");
        for &level in Level::ALL {
            text.push_str(&format!("{}\t{}\n", level.code(), w[level as usize]));
        }
        std::fs::write(path, text).expect("write the weights");
    }
}

/// The same levels combined as Fellegi–Sunter would: log2(m/u) of every level a pair's reasons name
/// (m, u from the fit pairs under the compiled weights, add-half smoothing) plus the prior log-odds,
/// read as a probability and banded by the same thresholds. Printed beside the compiled combination's
/// cost on the held-out generated pairs: a measure, not what the scorer uses.
fn fellegi_sunter(fit: &[Labelled], held: &[Labelled], w: &[f64], same: u32, diff: u32) {
    let mut n = vec![[0u32; 2]; Level::ALL.len()];
    let levels = |p: &Labelled| -> Vec<Level> {
        with_weights(w.to_vec(), || score(&p.query, &p.target).1)
            .iter()
            .filter_map(|r| Level::from_code(&r.code))
            .collect()
    };
    for p in fit {
        let k = match p.expect {
            Expect::Same => 0,
            Expect::Different => 1,
            Expect::Review => continue,
        };
        for l in levels(p) {
            n[l as usize][k] += 1;
        }
    }
    let llr = |l: Level| {
        let [m, u] = n[l as usize];
        ((f64::from(m) + 0.5) / f64::from(same + 1) / ((f64::from(u) + 0.5) / f64::from(diff + 1))).log2()
    };
    let prior = (f64::from(same) / f64::from(diff.max(1))).log2();
    let fs_cost: u32 = held
        .iter()
        .map(|p| {
            let total = prior + levels(p).into_iter().map(llr).sum::<f64>();
            p.times * cost(p.expect, 1.0 / (1.0 + (-total).exp2()))
        })
        .sum();
    println!("# Fellegi-Sunter on the same levels (m/u of the fit pairs): held-out seed {HELD_OUT_SEED} cost {fs_cost}, compiled weights {}", total_cost(held, w));
}
