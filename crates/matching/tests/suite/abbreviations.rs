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

#[test]
fn brand_and_industry_word_with_the_middle_dropped_match() {
    // The brand begins the full name (or follows its place) and the industry word comes later in it.
    let rows = [
        ("鹭岑医学", "广州鹭岑云图医学科技股份有限公司", Band::Match),
        ("砚溪材料", "砚溪汇通材料科技股份有限公司", Band::Match),
        ("砚溪材料", "砚溪 汇通材料科技股份有限公司", Band::Match),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        let detail: String = o.about("core_name").iter().map(|r| r.detail.clone()).collect();
        assert!(detail.contains("without its middle words"), "{a} | {b}\n{}", o.describe());
    }
}

#[test]
fn the_industry_word_is_not_enough_without_the_brand_at_the_start() {
    check_band_range(&[
        // The brand follows another word, not a place.
        ("鹭岑医学", "广州云图鹭岑医学科技股份有限公司", Band::None, Band::Review),
        // The industry word is not in the full name.
        ("鹭岑医学", "广州鹭岑云图材料科技股份有限公司", Band::None, Band::Review),
        // Another brand with the same first character.
        ("鹭岑医学", "广州鹭海云图医学科技股份有限公司", Band::None, Band::Review),
        // Only industry words before the industry word.
        ("医学科技", "广州鹭岑云图医学科技股份有限公司", Band::None, Band::Review),
    ]);
}

#[test]
fn a_short_name_may_follow_a_county_level_place() {
    // County-level places (义乌, 慈溪) are kept in the core, but a short name may begin after them.
    let rows = [
        ("峻岭智能", "义乌峻岭智能装备股份有限公司", Band::Match),
        ("峻岭海图", "慈溪峻岭海图装备股份有限公司", Band::Match),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(o.says("core_name", true), "{a} | {b}\n{}", o.describe());
    }
}

#[test]
fn a_county_level_place_does_not_let_a_name_begin_anywhere() {
    check_band_range(&[
        // Another word between the place and the short name.
        ("峻岭智能", "义乌云帆峻岭智能装备股份有限公司", Band::None, Band::Review),
        // A province or city with industry words alone is no short name of the company. (A county-level
        // name is often the brand itself, so it is not ruled out.)
        ("杭州智能", "杭州峻岭智能装备股份有限公司", Band::None, Band::Review),
    ]);
}

#[test]
fn a_town_alone_is_not_a_name_inside_another() {
    // Both names begin with a county-level town; the town is no brand of either.
    check_bands(&[("浙江义乌农村商业银行股份有限公司", "义乌峻岭海图装备股份有限公司", Band::None)]);
    // A three-character brand inside a longer brand is still worth a look.
    check_bands(&[("峻岭云", "鹭岑峻岭云投资股份有限公司", Band::Review)]);
}

#[test]
fn a_full_legal_name_is_no_abbreviation_of_another() {
    // 云图科技's characters appear in order in 云帆图像科技, but as a full legal name it is a name of its own.
    let o = check_bands(&[("杭州云图科技股份有限公司", "杭州云帆图像科技股份有限公司", Band::None)]);
    assert!(!o[0].says("core_name", true), "{}", o[0].describe());
    // The same characters as a bare short name are still an abbreviation worth a look.
    check_band_range(&[("云图科技", "杭州云帆图像科技股份有限公司", Band::Review, Band::Match)]);
}

#[test]
fn an_abbreviation_may_take_its_first_character_from_the_place() {
    // 苏 of 江苏, then the brand and the industry word, as stock short names are made.
    let o = check_bands(&[("苏峻传感", "江苏峻岭图传感高科股份有限公司", Band::Match)]);
    let detail: String = o[0].about("core_name").iter().map(|r| r.detail.clone()).collect();
    assert!(detail.contains("from its place"), "{}", o[0].describe());
}

#[test]
fn a_place_character_does_not_make_a_two_character_brand_sure() {
    check_band_range(&[
        // The brand part is two characters: still only a look.
        ("苏峻新材", "江苏峻图新材料科技股份有限公司", Band::Review, Band::Review),
        ("苏峻科技", "江苏峻图新源材料国技股份有限公司", Band::None, Band::None),
        // The characters after the place's do not begin the name.
        ("苏峻传感", "江苏云图峻岭传感高科股份有限公司", Band::None, Band::Review),
    ]);
}
