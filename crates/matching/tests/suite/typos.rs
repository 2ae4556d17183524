//! Phenomenon 8: one-character typos. In the industry words of two full legal names: a match; in the
//! brand: a review; in the place prefix (淅江 for 浙江): at least a review.

use super::common::{check_band_range, check_bands, compare, Band};

#[test]
fn a_typo_in_the_industry_words_of_two_full_names_matches() {
    let rows = [
        ("杭州云帆数据科技股份有限公司", "杭州云帆数椐科技股份有限公司", Band::Match),
        ("杭州云帆数据科技股份有限公司", "杭州云帆数据科枝股份有限公司", Band::Match),
        ("江苏禾丰源环保科技有限公司", "江苏禾丰源环堡科技有限公司", Band::Match),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(o.says("core_name", true), "{a} | {b}\n{}", o.describe());
    }
    let o = compare("杭州云帆数据科技股份有限公司", "杭州云帆数椐科技股份有限公司");
    let detail: String = o.about("core_name").iter().map(|r| r.detail.clone()).collect();
    assert!(detail.contains('据') && detail.contains('椐'), "the reason should name the typo\n{}", o.describe());
}

#[test]
fn a_typo_in_the_brand_is_a_review() {
    // A two-character brand with one character changed is as likely another company: a person looks.
    // A longer brand in a long name identical in place, industry and legal form is taken as a typo.
    let rows = [
        ("杭州云帆数据科技股份有限公司", "杭州云帄数据科技股份有限公司", Band::Review),
        ("江苏禾丰源环保科技有限公司", "江苏禾丰原环保科技有限公司", Band::Match),
        ("禾丰源科技有限公司", "禾丰原科技有限公司", Band::Review),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        let detail: String = o.about("core_name").iter().map(|r| r.detail.clone()).collect();
        assert!(detail.contains("one character"), "{a} | {b}: the reason should say what differs\n{}", o.describe());
    }
}

#[test]
fn a_mistyped_place_prefix_is_at_least_a_review() {
    check_band_range(&[
        ("淅江云帆数据科技股份有限公司", "浙江云帆数据科技股份有限公司", Band::Review, Band::Match),
        ("江酥禾丰源环保科技股份有限公司", "江苏禾丰源环保科技股份有限公司", Band::Review, Band::Match),
    ]);
    let o = compare("淅江云帆数据科技股份有限公司", "浙江云帆数据科技股份有限公司");
    let detail: String = o.about("core_name").iter().map(|r| r.detail.clone()).collect();
    assert!(
        detail.contains("淅江") && detail.contains("浙江"),
        "the reason should name the place typo\n{}",
        o.describe()
    );
}

#[test]
fn a_typo_is_not_a_licence_for_short_names() {
    // Two characters with one differing is another name, not a typo.
    check_band_range(&[
        ("鹭岑股份有限公司", "鹭芩股份有限公司", Band::None, Band::Review),
        ("云帆", "星帆", Band::None, Band::Review),
    ]);
}

#[test]
fn a_brand_typo_with_place_industry_and_legal_form_agreeing_matches() {
    // Place, industry words and legal form all present and equal: one character of a three-character
    // brand is a typo even in a name shorter than eight characters.
    let o = check_bands(&[
        ("上海禾丰源化工股份有限公司", "上海禾丰原化工股份有限公司", Band::Match),
        // A four-character brand keeps three of its four characters: no place needed.
        ("鹭岑云图水务集团股份有限公司", "鹭岑云涂水务集团股份有限公司", Band::Match),
    ]);
    let detail: String = o[0].about("core_name").iter().map(|r| r.detail.clone()).collect();
    assert!(detail.contains("源 / 原") && detail.contains("a typo"), "{}", o[0].describe());
}

#[test]
fn a_brand_typo_without_the_full_context_stays_a_review() {
    check_bands(&[
        // No place to agree on, and a three-character brand.
        ("禾丰源化工股份有限公司", "禾丰原化工股份有限公司", Band::Review),
        // A four-character brand, but the industry words differ.
        ("鹭岑云图水务集团股份有限公司", "鹭岑云涂环保集团股份有限公司", Band::None),
        // A two-character brand: as likely another company.
        ("上海云帆化工股份有限公司", "上海星帆化工股份有限公司", Band::Review),
        // Different legal forms.
        ("上海禾丰源化工股份有限公司", "上海禾丰原化工有限公司", Band::Review),
    ]);
}

#[test]
fn a_short_name_with_a_mistyped_two_character_brand_is_not_shown() {
    // 峻岭精工 / 崇岭精工装备 may be a typo, but bare two-character brands one character apart from a full
    // name's brand are common among other companies (measured: six needless reviews for each one caught).
    check_band_range(&[
        ("峻岭精工", "义乌崇岭精工装备股份有限公司", Band::None, Band::None),
        ("峻岭精工", "崇岭精工装备股份有限公司", Band::None, Band::None),
    ]);
    // With a three-character brand it is worth a look.
    check_bands(&[("禾丰源精工", "禾丰原精工装备股份有限公司", Band::Review)]);
}

#[test]
fn a_short_name_against_a_full_name_whose_last_word_is_mistyped_is_a_review() {
    // 鹭岑健康 is brand + industry word; the full name ends with that word mistyped (健慷).
    let o = check_bands(&[("鹭岑健康", "鹭岑生命健慷股份有限公司", Band::Review)]);
    let detail: String = o[0].about("core_name").iter().map(|r| r.detail.clone()).collect();
    assert!(detail.contains("but for one character"), "{}", o[0].describe());
}

#[test]
fn another_industry_word_at_the_end_is_no_typo() {
    // 电气 is an industry word of its own: another business of the same brand family, not a typo of 电子.
    check_bands(&[("鹭岑电子", "鹭岑智慧电气股份有限公司", Band::None)]);
    // The brand must begin the full name.
    check_bands(&[("鹭岑健康", "云图鹭岑生命健慷股份有限公司", Band::None)]);
}

#[test]
fn two_neighbouring_characters_swapped_are_a_typo_like_one_changed() {
    check_bands(&[
        // In a three-character brand with the place, industry words and legal form agreeing: a match.
        ("杭州岭峻图数据科技股份有限公司", "杭州峻岭图数据科技股份有限公司", Band::Match),
        // In the industry words: a match.
        ("杭州峻岭图据数科技股份有限公司", "杭州峻岭图数据科技股份有限公司", Band::Match),
        // In a two-character brand: a look, as with one character changed.
        ("杭州帆云数据科技股份有限公司", "杭州云帆数据科技股份有限公司", Band::Review),
    ]);
    let o = compare("杭州岭峻图数据科技股份有限公司", "杭州峻岭图数据科技股份有限公司");
    let detail: String = o.about("core_name").iter().map(|r| r.detail.clone()).collect();
    assert!(detail.contains("swapped"), "{}", o.describe());
}

#[test]
fn characters_swapped_apart_or_in_a_short_name_are_no_typo() {
    check_band_range(&[
        // Not neighbours: two characters changed.
        ("杭州图岭峻数据科技股份有限公司", "杭州峻岭图数据科技股份有限公司", Band::None, Band::Review),
        // A four-character name is too short to tell.
        ("帆云科技有限公司", "云帆科技有限公司", Band::None, Band::None),
    ]);
}

#[test]
fn a_typo_in_a_full_name_written_without_its_legal_form_is_judged_the_same_way() {
    // Place, brand and industry words, no legal form: as full a name as the legal one.
    check_bands(&[
        ("杭州峻岭图数椐科技", "杭州峻岭图数据科技股份有限公司", Band::Match),
        ("杭州星帆科技", "杭州云帆科技有限公司", Band::Review),
    ]);
    // A bare brand with no place is not a full name: no typo judgement.
    check_band_range(&[("峻岭囟数据科技", "杭州峻岭图数据科技股份有限公司", Band::None, Band::Review)]);
}
