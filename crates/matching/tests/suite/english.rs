//! Phenomenon 12: English names against English names: places as prefix or in brackets, legal forms and
//! case folded, the distinctive word weighing most.

use super::common::{check_band_range, check_bands, compare, Band};
use dealgate_matching::normalize;

#[test]
fn english_names_record_their_place_and_core() {
    let a = normalize("Shenzhen Yunfan Data Technology Co., Ltd.");
    let b = normalize("Yunfan Data Technology (Shenzhen) Company Limited");
    assert_eq!(a.core(), b.core());
    assert_eq!(a.provinces(), ["广东"]);
    assert_eq!(b.provinces(), a.provinces());
    assert_eq!(a.distinctive(), "yunfan");
}

#[test]
fn prefix_and_bracketed_places_in_english_names_match() {
    let rows = [
        ("Shenzhen Yunfan Data Technology Co., Ltd.", "Yunfan Data Technology (Shenzhen) Company Limited", Band::Match),
        ("Hangzhou Helu Environmental Co., Ltd.", "HELU ENVIRONMENTAL (HANGZHOU) CO., LTD.", Band::Match),
        (
            "Suzhou Hefengyuan Environmental Technology Co., Ltd.",
            "Hefengyuan Environmental Technology Inc.",
            Band::Match,
        ),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(o.says("core_name", true), "{a} | {b}\n{}", o.describe());
        assert!(!o.says("region", false), "{a} | {b}\n{}", o.describe());
    }
    assert!(compare(rows[0].0, rows[0].1).says("region", true));
}

#[test]
fn different_cities_in_english_names_count_against() {
    let same = compare("Shenzhen Yunfan Data Technology Co., Ltd.", "Yunfan Data Technology (Shenzhen) Co., Ltd.");
    let other = compare("Shenzhen Yunfan Data Technology Co., Ltd.", "Hangzhou Yunfan Data Technology Co., Ltd.");
    assert!(other.score < same.score, "{}\n{}", other.describe(), same.describe());
    assert!(other.says("region", false), "{}", other.describe());
}

#[test]
fn a_different_english_brand_in_the_same_industry_is_not_a_match() {
    check_band_range(&[
        ("Yunfan Data Technology Co., Ltd.", "Xingfan Data Technology Co., Ltd.", Band::None, Band::Review),
        ("Songlan Electronics Co., Ltd.", "Luquan Electronics Co., Ltd.", Band::None, Band::None),
    ]);
}

#[test]
fn the_english_brand_alone_matches_the_full_english_name() {
    check_bands(&[("Yunfan", "Yunfan Data Technology Co., Ltd.", Band::Match)]);
}

#[test]
fn an_english_brand_with_an_industry_word_is_at_least_a_review() {
    check_band_range(&[("Yunfan Tech", "Yunfan Data Technology Co., Ltd.", Band::Review, Band::Match)]);
}

#[test]
fn a_pinyin_name_matches_the_chinese_name_without_a_website() {
    // Every reading of a character counts (重 is chong in Chongqing); the place must not conflict.
    check_bands(&[
        ("Hangzhou Yunfan Data Technology Co., Ltd.", "杭州云帆数据科技有限公司", Band::Match),
        ("Chongqing Songlan Trading Co., Ltd.", "重庆松岚商贸有限公司", Band::Match),
        ("Shenzhen Yunfan Data Technology Co., Ltd.", "杭州云帆数据科技有限公司", Band::None),
    ]);
    // A two-character brand's pinyin with no place to pin it down is not evidence: 云帆 and 运帆 sound alike.
    check_band_range(&[("Yunfan Technology Co., Ltd.", "云帆数据科技有限公司", Band::None, Band::None)]);
}

#[test]
fn a_pinyin_place_is_not_a_brand() {
    // 义乌 is a county-level town the normaliser keeps in the name: a bank named after the town alone is
    // not spelled by an English name that begins with the town.
    check_bands(&[("Yiwu Junling Special Equipment Co., Ltd.", "浙江义乌农村商业银行股份有限公司", Band::None)]);
    // The same English name still finds the company whose brand follows the town.
    check_band_range(&[("Yiwu Junling Equipment Co., Ltd.", "义乌峻岭装备股份有限公司", Band::Review, Band::Match)]);
}
