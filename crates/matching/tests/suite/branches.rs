//! Phenomenon 10: a branch (X有限公司上海分公司, X Co., Ltd. Shanghai Branch) is recorded as such, keeps
//! its company's core, and the difference is flagged in the reasons.

use super::common::{compare, Band};
use dealgate_matching::normalize;

#[test]
fn branches_are_recorded_with_the_company_core() {
    let rows = [
        ("鹭岑软件有限公司上海分公司", "鹭岑软件", "上海分公司"),
        ("北京鹭岑软件有限公司上海分公司", "鹭岑软件", "上海分公司"),
        ("禾丰源环保科技股份有限公司苏州分公司", "禾丰源环保科技", "苏州分公司"),
        ("砚溪银行股份有限公司杭州分行", "砚溪银行", "杭州分行"),
    ];
    for (name, core, branch) in rows {
        let n = normalize(name);
        assert_eq!(n.core(), core, "{name}: {n:?}");
        assert_eq!(n.branch(), Some(branch), "{name}: {n:?}");
    }
    let n = normalize("Yunfan Data Technology Co., Ltd. Shanghai Branch");
    assert_eq!(n.core(), "yunfandatatechnology", "{n:?}");
    assert!(n.branch().is_some_and(|b| b.contains("shanghai")), "{n:?}");
}

#[test]
fn a_branch_against_its_company_is_flagged_in_the_reasons() {
    let pairs = [
        ("鹭岑软件有限公司上海分公司", "鹭岑软件有限公司", "上海分公司"),
        ("北京鹭岑软件有限公司上海分公司", "北京鹭岑软件有限公司", "上海分公司"),
        ("Yunfan Data Technology Co., Ltd. Shanghai Branch", "Yunfan Data Technology Co., Ltd.", "shanghai"),
    ];
    for (branch, company, which) in pairs {
        for o in [compare(branch, company), compare(company, branch)] {
            assert!(o.band() >= Band::Review, "{branch} | {company}\n{}", o.describe());
            assert!(o.says("branch", false), "{branch} | {company}: branch not flagged\n{}", o.describe());
            let detail: String = o.about("branch").iter().map(|r| r.detail.clone()).collect();
            assert!(detail.contains(which), "{branch} | {company}: say which branch\n{}", o.describe());
        }
        let same = compare(company, company);
        assert!(compare(branch, company).score < same.score, "{branch} | {company}");
    }
}

#[test]
fn a_branch_city_is_not_the_company_province() {
    let n = normalize("鹭岑软件上海分公司");
    assert_eq!(n.core(), "鹭岑软件", "{n:?}");
    assert_eq!(n.branch(), Some("上海分公司"), "{n:?}");
    let o = compare("鹭岑软件上海分公司", "北京鹭岑软件有限公司");
    assert!(!o.says("region", false), "the branch's city is not where the company is\n{}", o.describe());
    assert!(o.says("branch", false), "{}", o.describe());
    assert_eq!(o.band(), compare("北京鹭岑软件有限公司上海分公司", "北京鹭岑软件有限公司").band(), "{}", o.describe());
}
