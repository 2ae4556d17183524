//! The index's recall contract, on generated pairs of every relation (support/generator.rs): a search
//! finds every record that scoring all of them finds at or above review, and never loses a candidate
//! within one edit of the distinctive part, an in-order abbreviation or a short name inside a longer
//! name, whatever it scores.

use super::common::REVIEW;
use super::generator::{pairs, Relation};
use dealgate_matching::{Index, Party};
use std::collections::BTreeMap;

/// A typo in the last character of a two-character brand leaves the names only their industry words'
/// bigrams (电子, 子商, 商务) in common, which hundreds of names share: the search still offers the name,
/// at review.
#[test]
fn a_typo_in_a_short_brand_is_found_among_many_names_of_one_trade() {
    let pool: Vec<char> = "帆鹭岑川紫拓泰瑞恒远鑫晟昊辰睿博嘉祥鸿润禾隆骏锦泓峰岚翔凯卓诚康茂".chars().collect();
    let mut index = Index::new();
    let mut n = 0;
    for a in &pool {
        for b in &pool {
            if a != b {
                let name = format!("{a}{b}电子商务股份有限公司");
                index.insert(&format!("O{n}"), &Party { name: &name, ..Default::default() });
                n += 1;
            }
        }
    }
    index.insert("T", &Party { name: "澜岳电子商务股份有限公司", ..Default::default() });
    let q = Party { name: "澜乐电子商务股份有限公司", ..Default::default() }.features();
    let hits = index.search(&q, REVIEW);
    let hit = hits.iter().find(|h| index.record_id(h.record) == "T");
    let hit = hit.unwrap_or_else(|| panic!("澜岳电子商务 not offered among {n} names of one trade: {hits:?}"));
    assert!(hit.score < super::common::MATCH, "a look, not a match: {hit:?}");
    assert!(hit.explanation.reasons.iter().any(|r| r.code == "typo.in_brand"), "{hit:?}");
}

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
