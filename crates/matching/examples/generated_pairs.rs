//! Measures the scorer on generated pairs of every relation (tests/support/generator.rs): for each
//! relation the share scored a match, review or nothing at the default thresholds, recall for the
//! relations of one company and false matches for the others; then the index's recall against
//! `search_exhaustive` per relation.
//! `cargo run --release -p dealgate-matching --example generated_pairs -- [SEED] [PER_RELATION]`

#[path = "../tests/support/generator.rs"]
mod generator;

use dealgate_matching::{score, Index, Party};
use generator::{pairs, Expect, Relation};
use std::collections::BTreeMap;

const MATCH: f64 = 0.88;
const REVIEW: f64 = 0.75;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seed = args.first().and_then(|s| s.parse().ok()).unwrap_or(20);
    let per = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(300);
    let all = pairs(seed, per);
    let features = |n: &str| Party { name: n, ..Default::default() }.features();
    // relation -> (match, review, none)
    let mut bands: BTreeMap<Relation, [usize; 3]> = BTreeMap::new();
    let mut index = Index::new();
    for (i, p) in all.iter().enumerate() {
        let (s, _) = score(&features(&p.query), &features(&p.target));
        let band = if s >= MATCH {
            0
        } else if s >= REVIEW {
            1
        } else {
            2
        };
        bands.entry(p.relation).or_default()[band] += 1;
        index.insert(&format!("T{i}"), &Party { name: &p.target, ..Default::default() });
    }
    println!("seed {seed}, {per} pairs per relation; match >= {MATCH}, review >= {REVIEW}");
    println!("{:<15}{:>10}{:>8}{:>8}{:>8}  verdict", "relation", "expect", "match%", "review%", "none%");
    let pct = |a: usize, n: usize| 100.0 * a as f64 / n.max(1) as f64;
    let (mut true_match, mut false_match) = (0, 0);
    for (r, [m, v, none]) in &bands {
        let n = m + v + none;
        let verdict = match r.expect() {
            Expect::Same => format!("recall@match {:.1}%, recall@review {:.1}%", pct(*m, n), pct(m + v, n)),
            Expect::Review => format!("recall@review {:.1}%", pct(m + v, n)),
            Expect::Different => format!("false match {:.1}%", pct(*m, n)),
        };
        match r.expect() {
            Expect::Different => false_match += m,
            _ => true_match += m,
        }
        println!(
            "{:<15}{:>10}{:>8.1}{:>8.1}{:>8.1}  {verdict}",
            format!("{r:?}"),
            format!("{:?}", r.expect()),
            pct(*m, n),
            pct(*v, n),
            pct(*none, n)
        );
    }
    println!(
        "match precision {:.1}% ({true_match} of the relations of one company, {false_match} of different companies)",
        pct(true_match, true_match + false_match)
    );
    // Index recall: every record search_exhaustive finds at or above review, search must find too;
    // and the target of a relation the index must never lose is among the candidates at any score.
    let mut recall: BTreeMap<Relation, [usize; 4]> = BTreeMap::new();
    for (i, p) in all.iter().enumerate() {
        let q = features(&p.query);
        let found: Vec<usize> = index.search(&q, 0.0).iter().map(|h| h.record).collect();
        let e = recall.entry(p.relation).or_default();
        for h in index.search_exhaustive(&q, REVIEW) {
            e[0] += 1;
            e[1] += usize::from(found.contains(&h.record));
            if !found.contains(&h.record) {
                let id = index.record_id(h.record);
                let target = id.strip_prefix('T').and_then(|i| i.parse::<usize>().ok()).map_or(id, |i| &all[i].target);
                eprintln!("lost by the index ({:?}): {} -> {target} ({:.3})", p.relation, p.query, h.score);
            }
        }
        if p.relation.must_be_candidate() {
            e[2] += 1;
            e[3] += usize::from(found.iter().any(|&r| index.record_id(r) == format!("T{i}")));
        }
    }
    println!("index recall: hits >= review found / exhaustive; targets among candidates (must-find relations)");
    for (r, [n, f, tn, tf]) in &recall {
        let targets = if *tn > 0 { format!("{:.1}% ({tf}/{tn})", pct(*tf, *tn)) } else { "-".into() };
        println!("{:<15}{:>7.1}% ({f}/{n})  {targets}", format!("{r:?}"), pct(*f, *n));
    }
}
