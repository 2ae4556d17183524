//! Phenomenon 6: industry words weigh little. A different brand in the same industry is another company;
//! the same brand root in a different industry (平安银行 / 平安保险 style) is not a match either.

use super::common::{check_band_range, check_bands, compare, Band};
use dealgate_matching::normalize;

#[test]
fn a_different_brand_with_the_same_industry_words_is_not_a_match() {
    check_band_range(&[
        ("云帆数据科技", "星帆数据科技", Band::None, Band::Review),
        ("杭州云帆数据科技有限公司", "杭州星帆数据科技有限公司", Band::None, Band::Review),
        ("禾丰源环保科技有限公司", "禾泓源环保科技有限公司", Band::None, Band::Review),
        ("鹭岑软件股份有限公司", "苇渡软件股份有限公司", Band::None, Band::Review),
    ]);
    let rows =
        [("鹭岑软件股份有限公司", "苇渡软件股份有限公司", Band::None), ("云帆数据科技", "星帆数据科技", Band::None)];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(o.says("core_name", false), "{a} | {b}: the brand differs\n{}", o.describe());
    }
}

#[test]
fn the_explanation_names_the_differing_brand() {
    let o = compare("杭州云帆数据科技有限公司", "杭州星帆数据科技有限公司");
    let detail: String = o.about("core_name").iter().map(|r| r.detail.clone()).collect();
    assert!(detail.contains('云') && detail.contains('星'), "{}", o.describe());
}

#[test]
fn the_same_brand_root_in_another_industry_is_not_a_match() {
    check_band_range(&[
        ("砚溪银行", "砚溪保险", Band::None, Band::Review),
        ("砚溪银行股份有限公司", "砚溪保险股份有限公司", Band::None, Band::Review),
        ("禾丰源银行", "禾丰源保险", Band::None, Band::Review),
        ("禾丰源医药有限公司", "禾丰源地产有限公司", Band::None, Band::Review),
        ("松岚证券股份有限公司", "松岚保险股份有限公司", Band::None, Band::Review),
    ]);
}

#[test]
fn industry_words_are_not_part_of_the_distinctive_name() {
    let rows = [
        ("杭州云帆数据科技有限公司", "云帆"),
        ("禾丰源环保科技股份有限公司", "禾丰源"),
        ("松岚电子科技有限公司", "松岚"),
        ("砚溪银行股份有限公司", "砚溪"),
        ("鹭岑软件", "鹭岑"),
    ];
    for (name, distinctive) in rows {
        let n = normalize(name);
        assert_eq!(n.distinctive(), distinctive, "{name}: {n:?}");
        assert!(n.core().starts_with(distinctive), "{name}: {n:?}");
    }
}

#[test]
fn the_explanation_names_both_industries() {
    let o = compare("砚溪银行股份有限公司", "砚溪保险股份有限公司");
    let detail: String = o.reasons.iter().map(|r| r.detail.clone()).collect();
    assert!(detail.contains("银行") && detail.contains("保险"), "{}", o.describe());
}
