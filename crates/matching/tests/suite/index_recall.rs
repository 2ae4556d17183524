//! The index's recall contract, on generated pairs of every relation (support/generator.rs): a search
//! finds every record that scoring all of them finds at or above review, and never loses a candidate
//! within one edit of the distinctive part, an in-order abbreviation or a short name inside a longer
//! name, whatever it scores.

use super::common::REVIEW;
use super::generator::{pairs, Relation};
use dealgate_matching::{Index, Party};
use std::collections::BTreeMap;

#[test]
fn the_index_finds_what_scoring_every_record_finds_and_every_must_find_target() {
    let all = pairs(7, 25);
    let mut index = Index::new();
    for (i, p) in all.iter().enumerate() {
        index.insert(&format!("T{i}"), &Party { name: &p.target, ..Default::default() });
    }
    let mut lost: BTreeMap<Relation, Vec<String>> = BTreeMap::new();
    for (i, p) in all.iter().enumerate() {
        let q = Party { name: &p.query, ..Default::default() }.features();
        let found: Vec<&str> = index.search(&q, 0.0).iter().map(|h| index.record_id(h.record)).collect();
        for h in index.search_exhaustive(&q, REVIEW) {
            let id = index.record_id(h.record);
            if !found.contains(&id) {
                lost.entry(p.relation).or_default().push(format!("{} -> {} ({:.2})", p.query, id, h.score));
            }
        }
        let target = format!("T{i}");
        if p.relation.must_be_candidate() && !found.contains(&target.as_str()) {
            lost.entry(p.relation).or_default().push(format!("{} -> {} (target)", p.query, p.target));
        }
    }
    assert!(lost.is_empty(), "candidates lost by the index: {lost:#?}");
}
