//! Phenomenon 11, the key functions: a USCC is a key only when its check character validates; website
//! and e-mail domains ignore scheme, `www.` and free-mail providers; phones ignore +86 and dashes.

use super::common::{broken_uscc, valid_uscc};
use dealgate_matching::keys::{email_domain, phone_key, uscc_key, website_domain};

#[test]
fn a_valid_uscc_is_a_key_in_its_normal_form() {
    let code = valid_uscc("91330106MA27XK3F1");
    assert_eq!(uscc_key(&code).as_deref(), Some(code.as_str()));
    let spaced = format!(" {} {} ", &code[..9].to_lowercase(), &code[9..]);
    assert_eq!(uscc_key(&spaced).as_deref(), Some(code.as_str()), "spaces and case should not matter");
}

#[test]
fn an_invalid_uscc_is_never_a_key() {
    for raw in [broken_uscc("91330106MA27XK3F1"), broken_uscc("91440300MA5FQ2RL8"), "91330106MA27XK3".into(), "".into()]
    {
        assert_eq!(uscc_key(&raw), None, "{raw:?} should not be a key");
    }
}

#[test]
fn website_domains_ignore_scheme_www_path_port_and_case() {
    let want = Some("yunfan-data.com.cn".to_string());
    for site in [
        "https://www.yunfan-data.com.cn/about",
        "http://yunfan-data.com.cn",
        "www.yunfan-data.com.cn",
        "yunfan-data.com.cn/",
        "HTTPS://WWW.YUNFAN-DATA.COM.CN:8443/zh?x=1",
        " yunfan-data.com.cn ",
    ] {
        assert_eq!(website_domain(site), want, "{site:?}");
    }
}

#[test]
fn subsidiaries_on_subdomains_of_one_group_domain_have_different_keys() {
    let a = website_domain("https://a.songlan-group.com.cn");
    let b = website_domain("http://www.b.songlan-group.com.cn/");
    assert!(a.is_some() && b.is_some(), "{a:?} {b:?}");
    assert_ne!(a, b);
    assert_ne!(a, website_domain("www.songlan-group.com.cn"));
}

#[test]
fn implausible_websites_are_no_key() {
    for site in ["not a site", "", "localhost", "http://192.168.1.10/", "a..b.com"] {
        assert_eq!(website_domain(site), None, "{site:?}");
    }
}

#[test]
fn a_bare_public_suffix_is_no_key() {
    for site in ["com.cn", "www.com.cn", "http://net.cn/"] {
        assert_eq!(website_domain(site), None, "{site:?}");
    }
    assert_eq!(email_domain("li@com.cn"), None);
}

#[test]
fn free_mail_domains_are_never_keys() {
    for email in
        ["zhang.wei@qq.com", "li@163.com", "wang@gmail.com", "zhao@QQ.COM", "chen@vip.qq.com", "sun@foxmail.com"]
    {
        assert_eq!(email_domain(email), None, "{email}");
    }
    for site in ["www.qq.com", "https://163.com/"] {
        assert_eq!(website_domain(site), None, "{site}");
    }
}

#[test]
fn subdomains_of_free_mail_providers_are_free_mail_too() {
    for email in ["li@vip.126.com", "li@vip.sohu.com", "li@vip.tom.com"] {
        assert_eq!(email_domain(email), None, "{email}");
    }
}

#[test]
fn company_mail_domains_equal_the_website_domain() {
    let site = website_domain("https://www.yunfan-data.com.cn/");
    assert!(site.is_some());
    assert_eq!(email_domain("zhang.wei@yunfan-data.com.cn"), site);
    assert_eq!(email_domain("Zhang.Wei@Mail.Yunfan-Data.com.cn"), site, "mail. host and case");
    assert_eq!(email_domain("not an address"), None);
}

#[test]
fn phones_ignore_country_code_and_punctuation() {
    let want = Some("13805712468".to_string());
    for phone in ["+86 138-0571-2468", "13805712468", "0086 138 0571 2468", "(+86)13805712468", "86-138-0571-2468"] {
        assert_eq!(phone_key(phone), want, "{phone}");
    }
    assert_eq!(phone_key("123"), None, "too short to identify anyone");
    assert_eq!(phone_key(""), None);
}

#[test]
fn a_landline_with_and_without_the_country_code_is_one_key() {
    assert_eq!(phone_key("+86 571 8888 1234"), phone_key("0571-8888-1234"));
    assert_eq!(phone_key("+86-21-6666-0001"), phone_key("021 6666 0001"));
}
