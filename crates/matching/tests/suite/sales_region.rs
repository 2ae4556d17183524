//! Phenomenon 13: records in different sales regions (战区) score lower when the names agree only
//! partly, with a `sales_region` reason; an exactly equal name keeps its match.

use super::common::{compare_features, Band};
use dealgate_matching::{Features, Party};

fn in_region(name: &str, region: Option<&str>) -> Features {
    Party { name, region, ..Default::default() }.features()
}

#[test]
fn a_different_sales_region_lowers_a_partial_name_match() {
    let pairs = [
        ("禾丰源股份", "江苏省苏州市禾丰源环保科技股份有限公司"),
        ("杭州云帆数据科技股份有限公司", "杭州云帆数椐科技股份有限公司"),
    ];
    for (a, b) in pairs {
        let same = compare_features(&in_region(a, Some("华东")), &in_region(b, Some("华东")));
        let other = compare_features(&in_region(a, Some("华东")), &in_region(b, Some("华南")));
        assert!(other.score < same.score, "{a} | {b}\n{}\n{}", other.describe(), same.describe());
        assert!(same.about("sales_region").is_empty(), "same region: nothing to say\n{}", same.describe());
        let r = other.about("sales_region");
        assert!(
            r.iter().any(|r| r.agreed == Some(false) && r.detail.contains("华东") && r.detail.contains("华南")),
            "{a} | {b}: the reason should name both regions\n{}",
            other.describe()
        );
    }
}

#[test]
fn an_exact_same_name_keeps_its_match_across_sales_regions() {
    for name in ["杭州云帆数据科技有限公司", "禾丰源环保科技股份有限公司", "Yunfan Data Technology Co., Ltd."]
    {
        let o = compare_features(&in_region(name, Some("华东")), &in_region(name, Some("华北")));
        assert_eq!(o.band(), Band::Match, "{name}\n{}", o.describe());
    }
    let o = compare_features(
        &in_region("杭州云帆数据科技有限公司", Some("华东")),
        &in_region("杭州云帆数据科技有限责任公司", Some("华北")),
    );
    assert_eq!(o.band(), Band::Match, "only the legal form differs\n{}", o.describe());
}

#[test]
fn a_missing_or_blank_sales_region_is_no_evidence() {
    let a = "禾丰源股份";
    let b = "江苏省苏州市禾丰源环保科技股份有限公司";
    let base = compare_features(&in_region(a, None), &in_region(b, None));
    for (x, y) in
        [(Some("华东"), None), (None, Some("华南")), (Some("华东"), Some("  ")), (Some(" 华东 "), Some("华东"))]
    {
        let o = compare_features(&in_region(a, x), &in_region(b, y));
        assert_eq!(o.score, base.score, "{x:?} / {y:?}\n{}", o.describe());
        assert!(o.about("sales_region").is_empty(), "{x:?} / {y:?}\n{}", o.describe());
    }
}
