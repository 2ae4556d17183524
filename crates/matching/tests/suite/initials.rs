//! Issue 20: a short name made of the brand and the first character of each industry word (云川能投 for
//! 云川能源投资) is the company; not when the initials stand for other words, skip a word, or the short
//! name is a full legal name of its own.

use super::common::{check_band_range, check_bands, compare, Band};

#[test]
fn brand_and_word_initials_match_the_full_name() {
    check_bands(&[
        ("澜岳能投", "贵州澜岳能源投资股份有限公司", Band::Match),
        ("琨翎科投", "琨翎科技投资有限公司", Band::Match),
    ]);
    let o = compare("澜岳能投", "贵州澜岳能源投资股份有限公司");
    assert!(o.reasons.iter().any(|r| r.detail.contains("initials")), "{}", o.describe());
}

#[test]
fn initials_of_other_words_or_a_skipped_word_are_not_a_match() {
    check_band_range(&[
        // 能 and 投 do not begin the other's words (能 is inside 智能).
        ("澜岳能投", "澜岳智能投资有限公司", Band::None, Band::Review),
        // Three words, two initials: a word skipped is not this pattern.
        ("澜岳能投", "澜岳能源科技投资有限公司", Band::None, Band::Review),
        // Another brand with the same initials.
        ("鹭岑能投", "澜岳能源投资有限公司", Band::None, Band::None),
    ]);
}

#[test]
fn a_full_legal_name_is_not_a_short_name_by_initials() {
    check_band_range(&[("澜岳能投有限公司", "澜岳能源投资有限公司", Band::None, Band::Review)]);
}

#[test]
fn a_province_the_full_name_keeps_as_its_brand_is_the_short_names_place() {
    // 四川能源投资: only industry words follow the province, so it is the name; in 四川能投 it is a place.
    check_bands(&[("四川能投", "四川能源投资股份有限公司", Band::Match)]);
    check_band_range(&[("贵州能投", "四川能源投资股份有限公司", Band::None, Band::Review)]);
    let mut index = dealgate_matching::Index::new();
    index.insert("H1", &dealgate_matching::Party { name: "四川能源投资股份有限公司", ..Default::default() });
    index.insert("H2", &dealgate_matching::Party { name: "四川能源科技有限公司", ..Default::default() });
    let hits = index.search(&super::common::named("四川能投"), super::common::REVIEW);
    assert_eq!(hits.iter().map(|h| index.record_id(h.record)).collect::<Vec<_>>(), ["H1"], "{hits:#?}");
}
