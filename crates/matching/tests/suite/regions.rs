//! Phenomenon 2: a place written as a prefix (深圳市X) or in brackets (X（深圳）) is the same fact; the
//! provinces are recorded, agree when they are the same, and count against the match when they differ.

use super::common::{check_bands, compare, Band};
use dealgate_matching::normalize;

#[test]
fn prefix_and_bracketed_places_give_the_same_core_and_province() {
    let rows = [
        ("深圳市禾丰源环保科技有限公司", "广东"),
        ("禾丰源环保科技（深圳）有限公司", "广东"),
        ("广东省深圳市禾丰源环保科技有限公司", "广东"),
        ("杭州云帆数据科技有限公司", "浙江"),
        ("云帆数据科技(杭州)有限公司", "浙江"),
        ("浙江云帆数据科技有限公司", "浙江"),
    ];
    for (name, province) in rows {
        let n = normalize(name);
        assert!(n.core() == "禾丰源环保科技" || n.core() == "云帆数据科技", "core of {name}: {n:?}");
        assert_eq!(n.provinces(), [province], "provinces of {name}: {n:?}");
        assert!(!n.places().is_empty(), "places of {name} not recorded: {n:?}");
    }
}

#[test]
fn prefix_and_bracketed_region_of_the_same_place_match() {
    let rows = [
        ("深圳市禾丰源环保科技有限公司", "禾丰源环保科技（深圳）有限公司", Band::Match),
        ("广东省深圳市禾丰源环保科技有限公司", "禾丰源环保科技(深圳)有限公司", Band::Match),
        ("杭州市云帆数据科技有限公司", "云帆数据科技（杭州）有限公司", Band::Match),
        // A city and the province it lies in are the same region.
        ("浙江云帆数据科技有限公司", "杭州云帆数据科技有限公司", Band::Match),
        ("苏州禾丰源环保科技有限公司", "禾丰源环保科技（无锡）有限公司", Band::Match),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(o.says("region", true), "{a} | {b}: region should agree\n{}", o.describe());
        assert!(!o.says("region", false), "{a} | {b}\n{}", o.describe());
    }
}

#[test]
fn different_provinces_count_against_the_match() {
    let pairs = [
        ("深圳市禾丰源环保科技有限公司", "禾丰源环保科技（深圳）有限公司", "杭州禾丰源环保科技有限公司"),
        ("杭州云帆数据科技有限公司", "云帆数据科技（杭州）有限公司", "云帆数据科技（成都）有限公司"),
        ("深圳市禾丰源环保科技有限公司", "深圳禾丰源环保科技有限公司", "禾丰源环保科技（杭州）有限公司"),
    ];
    for (q, same, other) in pairs {
        let agree = compare(q, same);
        let conflict = compare(q, other);
        assert!(
            conflict.score < agree.score,
            "{q}: {other} should score below {same}\n{}\n{}",
            conflict.describe(),
            agree.describe()
        );
        assert!(conflict.says("region", false), "{q} | {other}: region should disagree\n{}", conflict.describe());
        let r = conflict.about("region");
        assert!(r.iter().any(|r| r.contribution < 0.0), "region reason should cost score\n{}", conflict.describe());
        assert!(conflict.band() < Band::Match, "{q} | {other}: different provinces\n{}", conflict.describe());
    }
}

#[test]
fn a_name_without_a_place_is_no_region_conflict() {
    let o = compare("禾丰源环保科技有限公司", "深圳市禾丰源环保科技有限公司");
    assert_eq!(o.band(), Band::Match, "{}", o.describe());
    assert!(o.about("region").is_empty(), "no place on one side: nothing to compare\n{}", o.describe());
}

/// A place kept in a name of industry words only (杭州化工) is the same written with its suffix (杭州市化工,
/// 浙江省化工): the suffix is not the name. Two such names of different cities are two companies (the
/// suffix once stayed in both cores, `市化工`, and made them identical).
#[test]
fn a_place_kept_in_the_name_is_the_same_with_or_without_its_suffix() {
    for (a, b) in [
        ("杭州市化工有限公司", "杭州化工有限公司"),
        ("杭州市化工研究院", "杭州化工研究院"),
        ("浙江省化工有限公司", "浙江化工有限公司"),
        ("浙江省杭州市化工有限公司", "杭州化工有限公司"),
    ] {
        assert_eq!(normalize(a).core(), normalize(b).core(), "{a} | {b}");
        let o = compare(a, b);
        assert_eq!(o.band(), Band::Match, "{a} | {b}\n{}", o.describe());
    }
    for (a, b) in [("杭州市化工有限公司", "宁波市化工有限公司"), ("杭州市化工有限公司", "浙江省化工有限公司")]
    {
        let o = compare(a, b);
        assert_eq!(o.band(), Band::None, "{a} | {b}: two companies\n{}", o.describe());
    }
    // Two towns where the brands would be are two companies, not a typo of one (it was a look).
    let o = compare("杭州化工有限公司", "广州化工有限公司");
    assert_eq!(o.band(), Band::None, "two towns' chemical companies\n{}", o.describe());
    // Industry words only, in two towns of one province: two companies (the province alone made it one
    // place, 1.0); in a town and its own province, or one town, still one.
    let o = compare("化工（杭州）有限公司", "化工（宁波）有限公司");
    assert_eq!(o.band(), Band::None, "two towns of one province\n{}", o.describe());
    for b in ["化工（浙江）有限公司", "化工（杭州）有限责任公司"] {
        let o = compare("化工（杭州）有限公司", b);
        assert_eq!(o.band(), Band::Match, "化工（杭州） | {b}\n{}", o.describe());
    }
    // A place with its suffix followed by a name keeps the name as before.
    assert_eq!(normalize("杭州市云帆数据科技有限公司").core(), "云帆数据科技");
}

/// 内蒙 is how names shorten 内蒙古 (the public lists only drop 自治区): a place, and the same province.
#[test]
fn the_short_form_of_a_province_is_that_province() {
    let rows = [
        ("内蒙古澜岳数据有限公司", "内蒙澜岳数据有限公司", Band::Match),
        ("内蒙澜岳数据有限公司", "澜岳数据（内蒙古）有限公司", Band::Match),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(o.says("region", true), "{a} | {b}: one province\n{}", o.describe());
    }
    let o = compare("内蒙澜岳数据有限公司", "广东澜岳数据有限公司");
    assert!(o.says("region", false) && o.band() < Band::Match, "two provinces\n{}", o.describe());
}
