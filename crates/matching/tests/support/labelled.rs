//! Generated pairs as the weight fitters use them (`examples/fit_weights.rs`, `dealgate-api`'s
//! `examples/fit_routing.rs`): each pair labelled by what the matcher should make of it, its features
//! computed once, and what a decision on it costs. Included by `#[path]` beside `generator.rs`.
#![allow(dead_code, unreachable_pub)]

use super::generator::{pairs, Expect};
use dealgate_domain::Band;
use dealgate_matching::comparison::{band_at, DEFAULT_THRESHOLDS};
use dealgate_matching::{Features, Party};

/// The seed of the pairs `generated_pairs` reports: never fitted on.
pub const HELD_OUT_SEED: u64 = 20;

/// A labelled pair, its features computed once.
pub struct Labelled {
    pub expect: Expect,
    /// How many times it counts.
    pub times: u32,
    pub query: Features,
    pub target: Features,
}

/// `per` generated pairs of each relation, seeded, each counted once.
pub fn labelled(seed: u64, per: usize) -> Vec<Labelled> {
    let features = |n: &str| Party { name: n, ..Default::default() }.features();
    pairs(seed, per)
        .into_iter()
        .map(|p| Labelled {
            expect: p.relation.expect(),
            times: 1,
            query: features(&p.query),
            target: features(&p.target),
        })
        .collect()
}

/// What a decision costs, as the generator's relations ask, at the default thresholds: a missed or false
/// match five, a look at a pair of one company one; a look at two companies costs nothing (partner first:
/// a sibling or a brand in two provinces belongs in review, "review acceptable").
pub fn cost(expect: Expect, s: f64) -> u32 {
    match (expect, band_at(s, DEFAULT_THRESHOLDS)) {
        (Expect::Same, Band::Match)
        | (Expect::Review, Band::Review)
        | (Expect::Different, Band::Review | Band::None) => 0,
        (Expect::Same, Band::Review) | (Expect::Review, Band::Match) => 1,
        (Expect::Same, _) | (Expect::Review, _) | (Expect::Different, _) => 5,
    }
}
