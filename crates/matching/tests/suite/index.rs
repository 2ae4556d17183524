//! Phenomenon 14: the index. Insert, search, remove and replace by record id; a key that matched one
//! record vouches for the account's other records; abbreviations found without a shared bigram;
//! results strongest first, filtered by the minimum score.

use super::common::{band, named, valid_uscc, Band, MATCH, REVIEW};
use dealgate_matching::{Hit, Index, Party};

fn party(name: &str) -> Party<'_> {
    Party { name, ..Default::default() }
}

fn ids(index: &Index, hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| index.record_id(h.record).to_string()).collect()
}

fn sample() -> Index {
    let mut index = Index::new();
    for (id, name) in [
        ("A1", "杭州云帆数据科技有限公司"),
        ("A2", "江苏省苏州市禾丰源环保科技股份有限公司"),
        ("A3", "杭州云帄数据科技有限公司"),
        ("A4", "峦汐贸易（上海）有限公司"),
        ("A5", "鹭岑软件股份有限公司"),
    ] {
        index.insert(id, &party(name));
    }
    index
}

#[test]
fn insert_then_search_finds_the_record_by_id() {
    let index = sample();
    assert_eq!(index.len(), 5);
    assert!(!index.is_empty());
    let hits = index.search(&named("云帆数据科技（杭州）有限公司"), REVIEW);
    assert_eq!(ids(&index, &hits).first().map(String::as_str), Some("A1"), "{hits:#?}");
    let top = &hits[0];
    assert_eq!(band(top.score), Band::Match);
    assert_eq!(top.explanation.candidate_core, "云帆数据科技");
    assert_eq!(top.explanation.query_core, "云帆数据科技");
    assert!(top.explanation.reasons.iter().any(|r| r.feature == "core_name" && r.agreed == Some(true)));
    assert!(Index::new().is_empty());
}

#[test]
fn remove_takes_the_record_out_of_results() {
    let mut index = sample();
    index.remove("A1");
    index.remove("no-such-id");
    assert_eq!(index.len(), 4);
    let hits = index.search(&named("杭州云帆数据科技有限公司"), REVIEW);
    assert!(!ids(&index, &hits).contains(&"A1".to_string()), "{hits:#?}");
}

#[test]
fn inserting_an_existing_id_replaces_the_record() {
    let mut index = sample();
    index.insert("A1", &party("峻岭药业股份有限公司"));
    assert_eq!(index.len(), 5);
    let old = index.search(&named("杭州云帆数据科技有限公司"), MATCH);
    assert!(!ids(&index, &old).contains(&"A1".to_string()), "old name still found: {old:#?}");
    let new = index.search(&named("峻岭药业有限公司"), MATCH);
    assert_eq!(ids(&index, &new), vec!["A1".to_string()], "{new:#?}");
}

#[test]
fn results_come_strongest_first_and_min_score_filters() {
    let mut index = sample();
    index.insert("A6", &party("云帆数据科技"));
    let q = named("杭州云帆数据科技股份有限公司");
    let all = index.search(&q, 0.0);
    assert!(all.windows(2).all(|w| w[0].score >= w[1].score), "{all:#?}");
    let got = ids(&index, &all);
    let pos = |id: &str| got.iter().position(|g| g == id).unwrap_or(usize::MAX);
    assert!(pos("A1") < pos("A3"), "the exact name before the brand typo: {got:?}");
    for min in [MATCH, REVIEW] {
        let hits = index.search(&q, min);
        assert!(hits.iter().all(|h| h.score >= min), "{min}: {hits:#?}");
        assert_eq!(hits.len(), all.iter().filter(|h| h.score >= min).count(), "{min}");
    }
    let matches = ids(&index, &index.search(&q, MATCH));
    assert!(matches.contains(&"A1".to_string()) && !matches.contains(&"A3".to_string()), "{matches:?}");
}

#[test]
fn a_key_finds_a_record_whose_name_shares_nothing() {
    let mut index = sample();
    index.insert("K1", &Party { website: Some("www.yunfan-data.com.cn"), ..party("峦汐贸易（上海）有限公司") });
    let q = Party { email: Some("li@yunfan-data.com.cn"), ..party("云帆") }.features();
    let hits = index.search(&q, MATCH);
    assert!(ids(&index, &hits).contains(&"K1".to_string()), "{hits:#?}");
}

#[test]
fn a_key_match_vouches_for_the_same_account_other_records() {
    let code = valid_uscc("91330106MA27XK3F1");
    let mut index = Index::new();
    let name = "杭州云帆数据科技有限公司";
    index.insert("F1", &Party { uscc: Some(&code), ..party(name) });
    index.insert("F2", &party(name));
    index.insert("F3", &party(name));
    index.insert("F4", &party("禾丰源环保科技有限公司"));
    // The registration carries the USCC under an English name that shares no character with the account.
    let q = Party { uscc: Some(&code), ..party("Yunfan Data Co., Ltd.") }.features();
    let hits = index.search(&q, MATCH);
    let got = ids(&index, &hits);
    for id in ["F1", "F2", "F3"] {
        assert!(got.contains(&id.to_string()), "{id} missing from {got:?}");
    }
    assert!(!got.contains(&"F4".to_string()), "{got:?}");
    for h in &hits {
        let id = index.record_id(h.record);
        let vouched = h.explanation.reasons.iter().any(|r| r.feature == "same_account" && r.agreed == Some(true));
        if id == "F1" {
            assert!(h.explanation.reasons.iter().any(|r| r.feature == "uscc" && r.agreed == Some(true)), "{h:#?}");
        } else {
            assert!(vouched, "{id} should say it is vouched for: {h:#?}");
            let detail: String = h.explanation.reasons.iter().map(|r| r.detail.clone()).collect();
            assert!(detail.contains("F1"), "{id}: the reason should name the record that matched: {h:#?}");
        }
    }
}

#[test]
fn a_record_with_a_conflicting_uscc_is_not_vouched_for() {
    let (ours, theirs) = (valid_uscc("91330106MA27XK3F1"), valid_uscc("91330106MA27XK3F2"));
    let mut index = Index::new();
    let name = "杭州云帆数据科技有限公司";
    index.insert("F1", &Party { uscc: Some(&ours), ..party(name) });
    index.insert("F2", &Party { uscc: Some(&theirs), ..party(name) });
    let q = Party { uscc: Some(&ours), ..party(name) }.features();
    let hits = index.search(&q, 0.0);
    let f2 = hits.iter().find(|h| index.record_id(h.record) == "F2");
    assert!(f2.is_none_or(|h| h.score < MATCH), "F2 has another legal entity's USCC: {f2:#?}");
}

#[test]
fn abbreviations_are_found_without_a_shared_bigram() {
    let mut index = sample();
    index.insert("G1", &party("砚溪百货商厦集团股份有限公司"));
    let (q, full) = (named("砚百集团"), named("砚溪百货商厦集团股份有限公司"));
    let bigrams = |s: &str| s.chars().collect::<Vec<_>>().windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>();
    let shared = bigrams(q.name.core()).into_iter().filter(|g| bigrams(full.name.core()).contains(g)).count();
    assert_eq!(shared, 0, "the test needs names sharing no bigram: {} / {}", q.name.core(), full.name.core());
    let hits = index.search(&q, REVIEW);
    let g1 = hits.iter().find(|h| index.record_id(h.record) == "G1");
    assert!(g1.is_some(), "abbreviation candidate not found: {hits:#?}");
    assert!(g1.is_some_and(|h| h.explanation.reasons.iter().any(|r| r.detail.contains("abbreviat"))), "{g1:#?}");
}

#[test]
fn a_full_name_query_finds_an_indexed_abbreviation() {
    let mut index = sample();
    index.insert("G2", &party("砚百集团"));
    let hits = index.search(&named("砚溪百货商厦集团股份有限公司"), REVIEW);
    assert!(ids(&index, &hits).contains(&"G2".to_string()), "{hits:#?}");
}

#[test]
fn a_query_written_differently_finds_the_record() {
    let index = sample();
    for q in ["杭州雲帆數據科技有限公司", "  杭州 云帆数据科技 有限公司 ", "云帆数据科技(杭州)有限责任公司"]
    {
        let hits = index.search(&named(q), MATCH);
        assert_eq!(ids(&index, &hits).first().map(String::as_str), Some("A1"), "{q:?}: {hits:#?}");
    }
}

#[test]
fn duplicate_names_each_come_back() {
    let mut index = Index::new();
    index.insert("D1", &party("禾丰源环保科技有限公司"));
    index.insert("D2", &party("禾丰源环保科技有限公司"));
    index.remove("D1");
    index.insert("D3", &party("禾丰源环保科技（苏州）有限公司"));
    let got = ids(&index, &index.search(&named("禾丰源环保科技有限公司"), MATCH));
    assert_eq!(got, vec!["D2".to_string(), "D3".to_string()]);
}

/// Invented names enough for a bulk insert to take its parallel path: a brand from two syllable lists,
/// an industry and a place.
fn generated(i: usize) -> String {
    const A: [&str; 12] = ["云", "峦", "鹭", "禾", "峻", "汐", "岑", "帆", "翊", "栖", "砚", "澜"];
    const B: [&str; 12] = ["图", "岸", "川", "丰", "岭", "星", "海", "泽", "桥", "朔", "沅", "蔚"];
    const TRADE: [&str; 4] = ["数据科技", "环保工程", "医疗器械", "新材料"];
    const PLACE: [&str; 3] = ["杭州", "苏州", "成都"];
    format!("{}{}{}{}{}有限公司", PLACE[i % 3], A[i % 12], B[(i / 12) % 12], A[(i / 144) % 12], TRADE[(i / 7) % 4])
}

#[test]
fn a_bulk_insert_finds_what_one_by_one_inserts_find_and_replaces_repeated_ids() {
    let names: Vec<String> = (0..2000).map(generated).collect();
    // Ids repeat every 1,500 rows: the later row replaces the earlier one, within the same bulk insert.
    let id = |i: usize| format!("R{}", i % 1500);
    let mut one_by_one = Index::new();
    for (i, n) in names.iter().enumerate() {
        one_by_one.insert(&id(i), &party(n));
    }
    let mut bulk = Index::new();
    bulk.reserve(names.len());
    let record_ids: Vec<String> = (0..names.len()).map(id).collect();
    let prepared = names.iter().map(|n| party(n).prepare()).collect();
    bulk.insert_many(&record_ids, prepared);
    assert_eq!(bulk.len(), 1500);
    assert_eq!(bulk.len(), one_by_one.len());
    for q in [&names[3], &names[1600], &names[777], &"云图岸数据科技".to_string()] {
        let (a, b) = (bulk.search(&named(q), REVIEW), one_by_one.search(&named(q), REVIEW));
        assert!(!a.is_empty(), "{q} finds itself or its neighbours");
        assert_eq!(ids(&bulk, &a), ids(&one_by_one, &b), "{q}");
        assert_eq!(a.iter().map(|h| h.score).collect::<Vec<_>>(), b.iter().map(|h| h.score).collect::<Vec<_>>());
    }
    // Row 3 was replaced by row 1503: R3 now carries row 1503's name only.
    assert_ne!(names[3], names[1503]);
    let top = &bulk.search(&named(&names[1503]), REVIEW)[0];
    assert_eq!((bulk.record_id(top.record), top.score), ("R3", 1.0));
    let old = bulk.search(&named(&names[3]), REVIEW);
    assert!(old.iter().all(|h| bulk.record_id(h.record) != "R3" || h.score < 1.0), "{old:#?}");
}

#[test]
fn a_known_four_character_brand_ending_in_another_companys_brand_is_only_a_look_at_it() {
    // 鹭岑锦泓 is a company of its own; 锦泓科技 is another whose brand ends it: found, a look, never a match.
    let mut index = Index::new();
    index.insert("B1", &party("鹭岑锦泓数据科技有限公司"));
    index.insert("B2", &party("锦泓科技有限公司"));
    let hits = index.search(&named("鹭岑锦泓"), REVIEW);
    assert_eq!(ids(&index, &hits), ["B1", "B2"], "{hits:#?}");
    assert_eq!(band(hits[0].score), Band::Match, "{hits:#?}");
    assert_eq!(band(hits[1].score), Band::Review, "{hits:#?}");
}
