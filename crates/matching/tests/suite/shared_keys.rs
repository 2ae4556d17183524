//! Issue 18, the key-frequency guard: placeholder phones are never keys, and a phone or domain held by
//! three or more unrelated names in an index is not a key there; two spellings of one company, or two
//! companies, still share theirs.

use super::common::{Band, REVIEW};
use dealgate_matching::{Hit, Index, Party};

/// Four invented companies of different brands, places and industries.
const STRANGERS: [&str; 4] =
    ["杭州云帆数据科技有限公司", "峦汐贸易（上海）有限公司", "鹭岑软件股份有限公司", "成都琨翎餐饮管理有限公司"];

fn with_phone<'a>(name: &'a str, phone: &'a str) -> Party<'a> {
    Party { name, phone: Some(phone), ..Default::default() }
}

fn with_site<'a>(name: &'a str, site: &'a str) -> Party<'a> {
    Party { name, website: Some(site), ..Default::default() }
}

fn index_of(parties: &[Party<'_>]) -> Index {
    let mut index = Index::new();
    for (i, p) in parties.iter().enumerate() {
        index.insert(&format!("R{i}"), p);
    }
    index
}

/// The other records a record's search finds at or above review.
fn others(index: &Index, i: usize, p: &Party<'_>) -> Vec<Hit> {
    let own = format!("R{i}");
    index.search(&p.features(), REVIEW).into_iter().filter(|h| index.record_id(h.record) != own).collect()
}

#[test]
fn four_companies_sharing_a_placeholder_phone_are_not_one_company() {
    for phone in ["13800138000", "00000000000", "12345678", "13900000000"] {
        let parties: Vec<Party<'_>> = STRANGERS.iter().map(|n| with_phone(n, phone)).collect();
        assert!(parties[0].features().phones.is_empty(), "{phone} must not be a key");
        let index = index_of(&parties);
        for (i, p) in parties.iter().enumerate() {
            assert!(others(&index, i, p).is_empty(), "{phone}: {:#?}", others(&index, i, p));
        }
    }
}

#[test]
fn a_phone_shared_by_many_unrelated_names_is_not_a_key() {
    let phone = "0571-8765-2190";
    let parties: Vec<Party<'_>> = STRANGERS.iter().map(|n| with_phone(n, phone)).collect();
    assert!(!parties[0].features().phones.is_empty(), "an ordinary number is a key by itself");
    let index = index_of(&parties);
    for (i, p) in parties.iter().enumerate() {
        let hits = others(&index, i, p);
        assert!(hits.is_empty(), "{hits:#?}");
        assert!(index.search_exhaustive(&p.features(), REVIEW).iter().all(|h| h.record == i), "exhaustive agrees");
    }
}

#[test]
fn a_domain_shared_by_many_unrelated_names_is_not_a_key() {
    let site = "www.qiye-jianzhan.cn";
    let parties: Vec<Party<'_>> = STRANGERS.iter().map(|n| with_site(n, site)).collect();
    let index = index_of(&parties);
    for (i, p) in parties.iter().enumerate() {
        assert!(others(&index, i, p).is_empty(), "{:#?}", others(&index, i, p));
    }
}

#[test]
fn two_companies_or_many_spellings_of_one_keep_their_key() {
    // Two strangers: the phone still decides (two companies of one building are the exception).
    let phone = "0571-8765-2190";
    let two = [with_phone(STRANGERS[0], phone), with_phone(STRANGERS[1], phone)];
    let index = index_of(&two);
    let hits = others(&index, 1, &two[1]);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(super::common::band(hits[0].score), Band::Match);
    // Five records of one company under its spellings and a stranger: still one company's phone.
    let spellings =
        ["杭州云帆数据科技有限公司", "云帆数据科技（杭州）有限公司", "云帆数据", "杭州云帆数据", "云帆数据科技"];
    let mut parties: Vec<Party<'_>> = spellings.iter().map(|n| with_phone(n, phone)).collect();
    parties.push(with_phone(STRANGERS[1], phone));
    let index = index_of(&parties);
    let stranger = parties.len() - 1;
    let hits = others(&index, stranger, &parties[stranger]);
    assert!(hits.iter().any(|h| h.explanation.reasons.iter().any(|r| r.feature == "phone")), "{hits:#?}");
}
