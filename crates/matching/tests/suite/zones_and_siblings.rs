//! Issue 20 phenomena: a development zone after a place (苏州工业园区, XX经济技术开发区, XX高新区) says where
//! a company is, not which; a brand another name extends by words that are a name themselves (中拓 /
//! 中拓环能科技, X股份 / X国芯微电子) may be a sibling's, so such pairs go to review, never to a match,
//! unless the shorter is a bare short name and the longer a joint-stock company's full name.

use super::common::{check_bands, compare, named, Band};

#[test]
fn a_development_zone_after_a_place_is_where_not_who() {
    check_bands(&[
        ("苏州工业园区澜岳能源投资有限公司", "澜岳能源投资有限公司", Band::Match),
        ("长沙经济技术开发区琨翎电子商务有限公司", "琨翎电子商务有限公司", Band::Match),
        ("合肥高新区翎瑶软件有限公司", "翎瑶软件有限公司", Band::Match),
        ("天津滨海新区曦蕊物流有限公司", "曦蕊物流有限公司", Band::Match),
    ]);
    assert_eq!(named("苏州工业园区澜岳能源投资有限公司").name.core(), "澜岳能源投资");
}

#[test]
fn a_named_zone_or_new_area_is_where_not_who() {
    // A zone with a name of its own after the place (江北新区, 东湖高新区, 西海岸新区), or in front.
    check_bands(&[
        ("南京江北新区澜岳能源投资有限公司", "澜岳能源投资有限公司", Band::Match),
        ("武汉东湖高新区琨翎电子商务有限公司", "琨翎电子商务有限公司", Band::Match),
        ("青岛西海岸新区翎瑶软件有限公司", "翎瑶软件有限公司", Band::Match),
        ("重庆两江新区曦蕊物流有限公司", "曦蕊物流有限公司", Band::Match),
        ("岚溪经济技术开发区芃蒲建材有限公司", "芃蒲建材有限公司", Band::Match),
    ]);
    assert_eq!(named("湖南湘江新区澜岳能源投资有限公司").name.core(), "澜岳能源投资");
    assert_eq!(named("岚溪高新区澜岳能源投资有限公司").name.core(), "澜岳能源投资");
    // Not a zone: a word that goes on (区块链), a zone whose name is industry words, or a zone development
    // company (only industry words after the zone).
    assert_eq!(named("杭州澜创新区块链科技有限公司").name.core(), "澜创新区块链科技");
    assert_eq!(named("南京江北新区建设投资有限公司").name.distinctive(), "江北新区");
    check_bands(&[
        ("南京江北新区澜岳能源投资有限公司", "南京江北新区鹭岑能源投资有限公司", Band::None),
        ("武汉东湖高新区琨翎电子商务有限公司", "琨翎电子商务有限公司", Band::Match),
    ]);
}

#[test]
fn one_zone_does_not_make_two_brands_one_company() {
    check_bands(&[
        ("苏州工业园区澜岳能源投资有限公司", "苏州工业园区鹭岑能源投资有限公司", Band::None),
        ("长沙经济技术开发区琨翎电子商务有限公司", "长沙经济技术开发区芃蒲电子商务有限公司", Band::None),
    ]);
    // A zone word that is the name itself stays: nothing of a brand would be left.
    assert_eq!(named("苏州工业园区有限公司").name.core(), "工业园区");
}

#[test]
fn a_brand_extended_by_a_name_is_a_look_not_a_match() {
    check_bands(&[
        ("琨翎科技有限公司", "琨翎环能科技", Band::Review),
        ("紫岚股份", "杭州紫岚国芯微电子有限公司", Band::Review),
    ]);
    let o = compare("琨翎科技有限公司", "琨翎环能科技");
    assert!(o.reasons.iter().any(|r| r.detail.contains("sibling")), "{}", o.describe());
}

#[test]
fn a_brand_followed_only_by_industry_words_still_matches() {
    check_bands(&[
        ("紫岚股份", "杭州紫岚电子股份有限公司", Band::Match),
        ("琨翎科技", "琨翎电子科技有限公司", Band::Match),
    ]);
}

#[test]
fn a_listed_short_name_of_a_joint_stock_company_still_matches() {
    // A bare short name against a joint-stock company's full name is how listed short names are made.
    check_bands(&[
        ("琨翎科技", "琨翎环能科技股份有限公司", Band::Match),
        ("紫岚股份", "杭州紫岚国芯微电子股份有限公司", Band::Match),
    ]);
}
