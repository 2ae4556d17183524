//! Phenomenon 7: a group (集团) and an operating company with the same brand are different legal
//! entities; a joint-stock short name (X股份) is the group's joint-stock company (X集团股份有限公司).

use super::common::{check_bands, compare, Band};

#[test]
fn a_group_is_not_its_operating_company() {
    let rows = [
        ("峻岭集团", "峻岭药业股份有限公司", Band::None),
        ("苇渡集团", "苇渡医药股份有限公司", Band::None),
        ("峻岭控股集团有限公司", "峻岭药业股份有限公司", Band::None),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(o.says("legal_form", false), "{a} | {b}: the legal forms should disagree\n{}", o.describe());
        let detail: String = o.about("legal_form").iter().map(|r| r.detail.clone()).collect();
        assert!(detail.contains("集团"), "{a} | {b}: the reason should name the group\n{}", o.describe());
    }
}

#[test]
fn a_group_limited_company_is_not_its_operating_limited_company() {
    let rows =
        [("峻岭集团有限公司", "峻岭药业有限公司", Band::None), ("苇渡集团有限公司", "苇渡医药有限公司", Band::None)];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(o.says("legal_form", false), "{a} | {b}\n{}", o.describe());
    }
}

#[test]
fn a_holding_company_is_not_its_operating_company() {
    let rows =
        [("苇渡控股", "苇渡医药股份有限公司", Band::None), ("峻岭控股有限公司", "峻岭药业股份有限公司", Band::None)];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(o.says("legal_form", false), "{a} | {b}\n{}", o.describe());
    }
}

#[test]
fn a_joint_stock_short_name_matches_the_group_joint_stock_company() {
    let rows = [
        ("峻岭股份", "峻岭集团股份有限公司", Band::Match),
        ("苇渡股份", "苇渡集团股份有限公司", Band::Match),
        ("峻岭集团", "峻岭集团有限公司", Band::Match),
        ("峻岭集团", "峻岭集团股份有限公司", Band::Match),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(!o.says("legal_form", false), "{a} | {b}: compatible legal forms\n{}", o.describe());
        assert!(o.says("core_name", true), "{a} | {b}\n{}", o.describe());
    }
}

#[test]
fn the_group_cap_keeps_the_name_evidence_visible() {
    let o = compare("峻岭集团", "峻岭药业股份有限公司");
    let name: String = o.about("core_name").iter().map(|r| r.detail.clone()).collect();
    assert!(name.contains("峻岭"), "the explanation should still say the brands agree\n{}", o.describe());
    assert!(
        o.about("legal_form").iter().any(|r| r.contribution < 0.0),
        "the group rule should show what it cost\n{}",
        o.describe()
    );
}
