//! Phenomenon 11, in scoring: equal exact keys (valid USCC, company domain, phone) decide even when the
//! names differ; invalid, free-mail, subdomain-of-a-group and flagged values are never keys.

use super::common::{broken_uscc, compare_features, valid_uscc, Band};
use dealgate_matching::Party;

const USCC17: &str = "91330106MA27XK3F1";

fn party<'a>(name: &'a str) -> Party<'a> {
    Party { name, ..Default::default() }
}

#[test]
fn an_equal_valid_uscc_scores_one_whatever_the_names() {
    let code = valid_uscc(USCC17);
    let a = Party { uscc: Some(&code), ..party("杭州云帆数据科技有限公司") }.features();
    let b = Party { uscc: Some(&code), ..party("峦汐贸易（上海）有限公司") }.features();
    let o = compare_features(&a, &b);
    assert_eq!(o.score, 1.0, "{}", o.describe());
    assert!(o.says("uscc", true), "{}", o.describe());
    assert!(o.about("uscc").iter().any(|r| r.detail.contains(&code)), "{}", o.describe());
}

#[test]
fn an_invalid_uscc_is_never_used_as_a_key() {
    let bad = broken_uscc(USCC17);
    let a = Party { uscc: Some(&bad), ..party("杭州云帆数据科技有限公司") }.features();
    let b = Party { uscc: Some(&bad), ..party("峦汐贸易（上海）有限公司") }.features();
    assert_eq!(a.uscc, None, "an invalid code must not be kept as a key");
    let o = compare_features(&a, &b);
    assert_eq!(o.band(), Band::None, "{}", o.describe());
    assert!(o.about("uscc").is_empty(), "{}", o.describe());
}

#[test]
fn different_valid_usccs_are_different_legal_entities() {
    let (x, y) = (valid_uscc(USCC17), valid_uscc("91330106MA27XK3F2"));
    let a = Party { uscc: Some(&x), ..party("杭州云帆数据科技有限公司") }.features();
    let b = Party { uscc: Some(&y), ..party("杭州云帆数据科技有限公司") }.features();
    let o = compare_features(&a, &b);
    assert!(o.band() < Band::Review, "{}", o.describe());
    assert!(o.says("uscc", false), "{}", o.describe());
}

#[test]
fn an_equal_website_domain_is_a_match() {
    let a = Party { website: Some("https://www.yunfan-data.com.cn/about"), ..party("云帆数据") }.features();
    let b = Party { website: Some("yunfan-data.com.cn"), ..party("浙江峦汐信息服务有限公司") }.features();
    let o = compare_features(&a, &b);
    assert_eq!(o.band(), Band::Match, "{}", o.describe());
    assert!(
        o.about("domain").iter().any(|r| r.agreed == Some(true) && r.detail == "yunfan-data.com.cn"),
        "{}",
        o.describe()
    );
}

#[test]
fn subsidiaries_on_subdomains_of_one_group_domain_are_no_key_match() {
    let a = Party { website: Some("https://a.songlan-group.com.cn"), ..party("松岚电子科技有限公司") }.features();
    let b = Party { website: Some("https://b.songlan-group.com.cn"), ..party("松岚医药股份有限公司") }.features();
    let o = compare_features(&a, &b);
    assert!(o.about("domain").is_empty(), "{}", o.describe());
    assert!(o.band() < Band::Match, "{}", o.describe());
}

#[test]
fn free_mail_domains_are_never_a_key() {
    for mail in ["qq.com", "163.com", "gmail.com"] {
        let (x, y) = (format!("zhang@{mail}"), format!("li@{mail}"));
        let a = Party { email: Some(&x), ..party("杭州云帆数据科技有限公司") }.features();
        let b = Party { email: Some(&y), ..party("禾丰源环保科技有限公司") }.features();
        assert!(a.domains.is_empty(), "{mail}: {:?}", a.domains);
        let o = compare_features(&a, &b);
        assert_eq!(o.band(), Band::None, "{mail}\n{}", o.describe());
        assert!(o.about("domain").is_empty(), "{mail}\n{}", o.describe());
    }
}

#[test]
fn a_company_mail_domain_equal_to_the_website_domain_is_a_key_match() {
    let a = Party { email: Some("zhang.wei@yunfan-data.com.cn"), ..party("云帆") }.features();
    let b = Party { website: Some("http://www.yunfan-data.com.cn/"), ..party("杭州峦汐数据服务有限公司") }.features();
    let o = compare_features(&a, &b);
    assert_eq!(o.band(), Band::Match, "{}", o.describe());
    assert!(o.says("domain", true), "{}", o.describe());
}

#[test]
fn an_equal_phone_is_a_key_match() {
    let a = Party { phone: Some("+86 138-0571-2468"), ..party("云帆数据") }.features();
    let b = Party { phone: Some("13805712468"), ..party("杭州峦汐数据服务有限公司") }.features();
    let o = compare_features(&a, &b);
    assert_eq!(o.band(), Band::Match, "{}", o.describe());
    assert!(o.about("phone").iter().any(|r| r.agreed == Some(true) && r.detail == "13805712468"), "{}", o.describe());
}

#[test]
fn a_flagged_field_is_not_used_as_a_key() {
    let code = valid_uscc(USCC17);
    let raw = Party {
        uscc: Some(&code),
        website: Some("www.yunfan-data.com.cn"),
        email: Some("li@yunfan-data.com.cn"),
        ..party("杭州云帆数据科技有限公司")
    };
    let full = raw.features();
    assert_eq!(full.uscc.as_deref(), Some(code.as_str()));
    assert_eq!(full.domains, vec!["yunfan-data.com.cn".to_string()]);

    let no_uscc = Party { flagged: &["uscc"], ..raw.clone() }.features();
    assert_eq!(no_uscc.uscc, None);
    let no_site = Party { flagged: &["website"], ..raw.clone() }.features();
    assert_eq!(no_site.domains, vec!["yunfan-data.com.cn".to_string()], "the e-mail still gives the domain");
    let neither = Party { flagged: &["website", "contact_email"], ..raw.clone() }.features();
    assert!(neither.domains.is_empty(), "{:?}", neither.domains);

    // Flagged on the candidate: the unrelated name stays unrelated.
    let other = Party {
        uscc: Some(&code),
        website: Some("www.yunfan-data.com.cn"),
        flagged: &["uscc", "website"],
        ..party("峦汐贸易（上海）有限公司")
    }
    .features();
    let o = compare_features(&full, &other);
    assert_eq!(o.band(), Band::None, "{}", o.describe());
    assert!(o.about("uscc").is_empty() && o.about("domain").is_empty(), "{}", o.describe());
}

#[test]
fn several_websites_in_one_field_each_give_a_domain() {
    let f =
        Party { website: Some("www.yunfan-data.com.cn、https://yunfan.cn/；yunfan-data.com.cn"), ..party("云帆") }
            .features();
    assert_eq!(f.domains, vec!["yunfan-data.com.cn".to_string(), "yunfan.cn".to_string()]);
}
