//! Phenomenon 9: stock-style abbreviations (its characters taken in order from the full name) are worth
//! a review; the same abbreviation against an unrelated bare brand is not.

use super::common::{check_band_range, check_bands, compare, Band};

#[test]
fn a_four_character_abbreviation_of_a_full_name_is_at_least_a_review() {
    check_band_range(&[
        ("鹭数科技", "杭州鹭岑数智科技股份有限公司", Band::Review, Band::Match),
        ("鹭数科技", "鹭岑数智科技有限公司", Band::Review, Band::Match),
        ("禾源环保", "江苏禾丰源环保科技股份有限公司", Band::Review, Band::Match),
        ("砚百集团", "砚溪百货商厦集团股份有限公司", Band::Review, Band::Match),
    ]);
    let o = compare("鹭数科技", "杭州鹭岑数智科技股份有限公司");
    assert!(o.says("core_name", true), "{}", o.describe());
    let detail: String = o.about("core_name").iter().map(|r| r.detail.clone()).collect();
    assert!(detail.contains("鹭数科技") && detail.contains("abbreviat"), "{}", o.describe());
}

#[test]
fn the_same_abbreviation_against_an_unrelated_bare_brand_is_nothing() {
    let rows = [
        ("鹭数科技", "鹭海数码", Band::None),
        ("鹭数科技", "鹭岑数智", Band::None),
        ("禾源环保", "禾岚源溪", Band::None),
        ("砚百集团", "砚石百岚", Band::None),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(!o.says("core_name", true), "{a} | {b}\n{}", o.describe());
    }
}

#[test]
fn characters_out_of_order_are_no_abbreviation() {
    check_bands(&[("数鹭科技", "杭州鹭岑数智科技股份有限公司", Band::None)]);
}

#[test]
fn an_abbreviation_built_from_industry_words_is_no_abbreviation() {
    // 数科 are the full name's industry words, not what tells the company apart.
    check_band_range(&[("数科技术", "杭州鹭岑数据科技股份有限公司", Band::None, Band::None)]);
}
