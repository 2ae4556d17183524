//! Maturity: the fields the settings require, the default set, custom sets and an empty set.

use dealgate_domain::{MaturityField, Outcome, Settings};
use dealgate_rules::missing_maturity;

use crate::support::*;

#[test]
fn default_fields_amount_close_and_contact() {
    let cases: Vec<(&str, RegB, Outcome)> = vec![
        ("complete", reg(), Outcome::Approved),
        ("no amount", reg().amount(None), Outcome::NeedsInfo),
        ("zero amount", reg().amount(Some(0.0)), Outcome::NeedsInfo),
        ("negative amount", reg().amount(Some(-5.0)), Outcome::NeedsInfo),
        ("no close date", reg().close(None), Outcome::NeedsInfo),
        ("no phone, no e-mail", reg().phone(None).email(None), Outcome::NeedsInfo),
        ("blank phone, no e-mail", reg().phone(Some("  ")).email(None), Outcome::NeedsInfo),
        ("e-mail only", reg().phone(None).email(Some("lin@yunfan-data.cn")), Outcome::Approved),
        ("phone only", reg().phone(Some("13800001111")).email(None), Outcome::Approved),
        ("no product is fine by default", reg().product(None), Outcome::Approved),
    ];
    for (name, r, outcome) in cases {
        let p = Case::new(r).run();
        assert_eq!(p.outcome, outcome, "{name}: {}", p.summary);
        let rule = if outcome == Outcome::NeedsInfo { "3-maturity" } else { "5-approve" };
        assert_eq!(p.rule, rule, "{name}");
    }
}

#[test]
fn missing_fields_are_named_in_settings_order() {
    let r = reg().immature().build();
    let all = [MaturityField::Contact, MaturityField::Product, MaturityField::Amount, MaturityField::ExpectedClose];
    assert_eq!(missing_maturity(&r, &all), ["contact phone or e-mail", "product", "amount", "expected close date"]);
    assert_eq!(missing_maturity(&reg().build(), &Settings::default().maturity_fields), Vec::<&str>::new());
}

#[test]
fn custom_fields_product_only() {
    let product_only = [MaturityField::Product];
    let bare = Case::new(reg().immature().product(Some("智能客服云"))).fields(&product_only).run();
    assert_eq!((bare.outcome, bare.rule), (Outcome::Approved, "5-approve"), "{}", bare.summary);

    let no_product = Case::new(reg().product(None)).fields(&product_only).run();
    assert_eq!((no_product.outcome, no_product.rule), (Outcome::NeedsInfo, "3-maturity"));
    assert!(no_product.summary.contains("product"), "{}", no_product.summary);

    let blank = Case::new(reg().product(Some(" "))).fields(&product_only).run();
    assert_eq!(blank.outcome, Outcome::NeedsInfo);
}

#[test]
fn custom_fields_add_product_to_the_defaults() {
    let fields = [MaturityField::Amount, MaturityField::ExpectedClose, MaturityField::Contact, MaturityField::Product];
    let p = Case::new(reg()).fields(&fields).run();
    assert_eq!(p.outcome, Outcome::NeedsInfo);
    assert_eq!(p.summary, "immature: missing product");
    let full = Case::new(reg().product(Some("渠道管理平台"))).fields(&fields).run();
    assert_eq!(full.outcome, Outcome::Approved);
}

#[test]
fn empty_field_list_never_needs_info() {
    let bare = || Case::new(reg().immature().product(None)).fields(&[]);
    let p = bare().run();
    assert_eq!((p.outcome, p.rule), (Outcome::Approved, "5-approve"));
    let co = bare().fu(visit("F-1", 0.90, M, 1)).run();
    assert_eq!((co.outcome, co.rule), (Outcome::CoSell, "4-direct-follow-up"));
    let uncertain = bare().fu(visit("F-1", 0.80, R, 1)).run();
    assert_eq!(uncertain.outcome, Outcome::Review);
}
