//! Estimates, without any label, what each comparison level is worth on a set of imported records, by
//! expectation-maximisation as Splink does: the candidate pairs the index finds (each registration
//! against the follow-ups, the head accounts and the other registrations, every hit at or above 0.5)
//! are a mixture of pairs of one company and pairs of two; each comparison (the name level that decided,
//! places, sales region, industry, legal form, branch, USCC, domain, phone) comes out at one level per
//! pair, independently given the class. EM finds the share of pairs of one company (λ), and per level m
//! (how often pairs of one company show it) and u (pairs of two). It starts from the compiled weights'
//! bands (a pair at match counts as one company, at review half), as Splink starts from guesses.
//!
//! Prints per level: pairs, m, u, the match weight log2(m/u), and the share of its pairs the mixture
//! calls one company, banded at the default thresholds beside the band of the compiled weight; then the
//! levels where the two bands differ. A measure of whether the user's own records agree with the weights;
//! the scorer does not use it. With a truth file (the dev benchmark's), also the share of each level's
//! pairs that are a registration and the record the truth names: a floor under the true share of one
//! company (the truth names one record per conflict), to judge EM by; EM never reads it.
//!
//! usage: `cargo run --release -p dealgate-matching --example em_levels -- DIR [TRUTH.csv]` (DIR holds
//! `follow_ups.csv`, `head_accounts.csv`, `registrations.csv` in the import format)

use dealgate_matching::comparison::{Comparison, Effect, Level, DEFAULT_THRESHOLDS};
use dealgate_matching::{Index, Party};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Hits below this are not candidates (the index's floor for a pair worth comparing).
const FLOOR: f64 = 0.5;
/// Candidates kept per registration and source, best first.
const PER_SOURCE: usize = 10;
const ROUNDS: usize = 200;

/// A record as the CSV has it: id, name, uscc, website, phone, region.
struct Row([String; 6]);

impl Row {
    fn party(&self) -> Party<'_> {
        fn opt(s: &str) -> Option<&str> {
            (!s.is_empty()).then_some(s)
        }
        let c = &self.0;
        Party {
            name: &c[1],
            uscc: opt(&c[2]),
            website: opt(&c[3]),
            phone: opt(&c[4]),
            region: opt(&c[5]),
            ..Default::default()
        }
    }
}

fn read(path: &Path, cols: [&str; 6]) -> Vec<Row> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = r.headers().expect("a header").clone();
    // A column the file does not have is empty on every row (head accounts have no phone).
    let at: Vec<Option<usize>> = cols.iter().map(|c| header.iter().position(|h| h == *c)).collect();
    r.records()
        .map(|rec| {
            let rec = rec.expect("a CSV record");
            Row(std::array::from_fn(|i| at[i].and_then(|a| rec.get(a)).unwrap_or_default().to_owned()))
        })
        .collect()
}

fn index(rows: &[Row]) -> Index {
    let mut ix = Index::new();
    for r in rows {
        ix.insert(&r.0[0], &r.party());
    }
    ix
}

/// The comparisons EM models, each one level per pair (`None`: not observed on the pair).
const MODELLED: [Comparison; 9] = [
    Comparison::Name,
    Comparison::Places,
    Comparison::SalesRegion,
    Comparison::Industry,
    Comparison::LegalForm,
    Comparison::Branch,
    Comparison::Uscc,
    Comparison::Domain,
    Comparison::Phone,
];

/// A pair: its level per modelled comparison, its compiled score, and whether the truth names it.
struct Pair {
    levels: [Option<Level>; MODELLED.len()],
    score: f64,
    named: bool,
}

fn pair(score: f64, named: bool, codes: impl Iterator<Item = String>) -> Pair {
    let mut levels = [None; MODELLED.len()];
    for code in codes {
        let Some(l) = Level::from_code(&code) else { continue };
        let Some(c) = MODELLED.iter().position(|c| *c == l.comparison()) else { continue };
        // The name comparison's level is the one that set the name's score, not its modifiers.
        if l.comparison() == Comparison::Name && !matches!(l.effect(), Effect::Name | Effect::Scaled) {
            continue;
        }
        levels[c].get_or_insert(l);
    }
    Pair { levels, score, named }
}

/// A level's slot in the tables: `Level as usize`, and one "not observed" slot per comparison after.
fn slot(c: usize, l: Option<Level>) -> usize {
    l.map_or(Level::ALL.len() + c, |l| l as usize)
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: em_levels DIR");
    let dir = Path::new(&dir);
    let follow = read(&dir.join("follow_ups.csv"), ["record_id", "account_name", "uscc", "website", "phone", "region"]);
    let heads =
        read(&dir.join("head_accounts.csv"), ["account_id", "account_name", "uscc", "website", "phone", "region"]);
    let regs = read(
        &dir.join("registrations.csv"),
        ["registration_id", "customer_name", "uscc", "website", "contact_phone", "region"],
    );
    // registration id -> the record the truth says it conflicts with.
    let truth: HashMap<String, String> = std::env::args()
        .nth(2)
        .map(|path| {
            std::fs::read_to_string(path)
                .expect("read the truth")
                .lines()
                .skip(1)
                .filter_map(|l| {
                    let c: Vec<&str> = l.split(',').collect();
                    (c.len() > 3 && !c[3].is_empty()).then(|| (c[0].to_owned(), c[3].to_owned()))
                })
                .collect()
        })
        .unwrap_or_default();
    let t = std::time::Instant::now();
    let sources = [index(&follow), index(&heads), index(&regs)];
    let mut pairs = Vec::new();
    for r in &regs {
        let q = r.party().features();
        for ix in &sources {
            let hits = ix.search(&q, FLOOR);
            for h in hits.into_iter().filter(|h| ix.record_id(h.record) != r.0[0]).take(PER_SOURCE) {
                let named = truth.get(&r.0[0]).is_some_and(|rec| rec == ix.record_id(h.record));
                pairs.push(pair(h.score, named, h.explanation.reasons.into_iter().map(|r| r.code)));
            }
        }
    }
    eprintln!(
        "{} candidate pairs from {} registrations in {:.1} s",
        pairs.len(),
        regs.len(),
        t.elapsed().as_secs_f64()
    );

    // Start: a pair at match is one company, at review half, below it not.
    let (m_at, r_at) = DEFAULT_THRESHOLDS;
    let mut post: Vec<f64> = pairs
        .iter()
        .map(|p| {
            if p.score >= m_at {
                0.95
            } else if p.score >= r_at {
                0.5
            } else {
                0.05
            }
        })
        .collect();
    let slots = Level::ALL.len() + MODELLED.len();
    let (mut m, mut u, mut lambda) = (vec![0.0; slots], vec![0.0; slots], 0.0);
    for round in 0..ROUNDS {
        // M step: λ, and m / u per comparison with add-one-tenth smoothing over its observed slots.
        lambda = post.iter().sum::<f64>() / post.len() as f64;
        let (mut ms, mut us) = (vec![0.1; slots], vec![0.1; slots]);
        for (p, &w) in pairs.iter().zip(&post) {
            for (c, l) in p.levels.iter().enumerate() {
                ms[slot(c, *l)] += w;
                us[slot(c, *l)] += 1.0 - w;
            }
        }
        for (c, comparison) in MODELLED.iter().enumerate() {
            let in_c = |s: usize| {
                if s >= Level::ALL.len() {
                    s - Level::ALL.len() == c
                } else {
                    *comparison == Level::ALL[s].comparison()
                }
            };
            let (tm, tu): (f64, f64) =
                (0..slots).filter(|&s| in_c(s)).fold((0.0, 0.0), |(a, b), s| (a + ms[s], b + us[s]));
            for s in (0..slots).filter(|&s| in_c(s)) {
                m[s] = ms[s] / tm;
                u[s] = us[s] / tu;
            }
        }
        // E step.
        let mut moved: f64 = 0.0;
        for (p, w) in pairs.iter().zip(post.iter_mut()) {
            let llr: f64 = p.levels.iter().enumerate().map(|(c, l)| (m[slot(c, *l)] / u[slot(c, *l)]).ln()).sum();
            let odds = (lambda / (1.0 - lambda)).ln() + llr;
            let new = 1.0 / (1.0 + (-odds).exp());
            moved = moved.max((new - *w).abs());
            *w = new;
        }
        if moved < 1e-6 {
            eprintln!("converged after {} rounds", round + 1);
            break;
        }
    }

    // The share of each level's pairs the mixture calls one company.
    let mut per: BTreeMap<usize, (u32, f64, u32)> = BTreeMap::new();
    for (p, &w) in pairs.iter().zip(&post) {
        for l in p.levels.iter().flatten() {
            let e = per.entry(*l as usize).or_default();
            e.0 += 1;
            e.1 += w;
            e.2 += u32::from(p.named);
        }
    }
    let band = |s: f64| dealgate_matching::comparison::band_at(s, DEFAULT_THRESHOLDS);
    println!("{} candidate pairs; share of one company (λ) {:.3}", pairs.len(), lambda);
    println!(
        "{:<32}{:>7}{:>8}{:>8}{:>9}{:>8}{:>8}  {:<8}{:<8}",
        "level", "pairs", "m", "u", "log2m/u", "one co.", "truth≥", "EM", "weight"
    );
    let mut differ: Vec<(&str, String)> = Vec::new();
    for (&i, &(n, sum, named)) in &per {
        let l = Level::ALL[i];
        let share = sum / f64::from(n);
        let by_weight = match l.effect() {
            Effect::Name | Effect::Cap | Effect::Floor | Effect::Set => Some(band(l.weight())),
            _ => None,
        };
        let shown = by_weight.map_or("-".to_owned(), |b| format!("{b:?}"));
        println!(
            "{:<32}{:>7}{:>8.3}{:>8.3}{:>+9.1}{:>8.3}{:>8.3}  {:<8}{:<8}",
            l.code(),
            n,
            m[i],
            u[i],
            (m[i] / u[i]).log2(),
            share,
            f64::from(named) / f64::from(n),
            format!("{:?}", band(share)),
            shown
        );
        if let Some(b) = by_weight.filter(|b| l.comparison() == Comparison::Name && *b != band(share)) {
            let why = format!("{b:?} by the weight {}, {:?} by EM ({share:.2} of {n})", l.weight(), band(share));
            differ.push((l.code(), why));
        }
    }
    if !truth.is_empty() {
        let below: Vec<&str> = per
            .iter()
            .filter(|(_, &(n, sum, named))| sum / f64::from(n) + 0.01 < f64::from(named) / f64::from(n))
            .map(|(&i, _)| Level::ALL[i].code())
            .collect();
        println!(
            "levels EM calls one company less often than the truth's floor: {} ({})",
            below.len(),
            below.join(", ")
        );
    }
    differ.sort();
    println!("name levels whose band EM reads otherwise: {}", differ.len());
    for (code, why) in differ {
        println!("  {code}: {why}");
    }
}
