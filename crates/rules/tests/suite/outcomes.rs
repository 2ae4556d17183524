//! Each outcome on its own: the fields a proposal carries, the co-sell lead by tier, protection arithmetic.

use chrono::NaiveDate;
use dealgate_domain::{Lead, Outcome, PartnerTier};

use crate::support::*;

#[test]
fn every_outcome_has_its_rule_and_deciding_record() {
    check_table(vec![
        (
            "head account",
            Case::new(reg()).head(head("H-1", 0.95, M, "华北")),
            Outcome::DirectRetained,
            "1-head-account",
            Some("H-1"),
        ),
        (
            "duplicate",
            Case::new(reg()).other(rival("REG-0100", 0.93, M)),
            Outcome::Duplicate,
            "2-duplicate",
            Some("REG-0100"),
        ),
        ("needs info", Case::new(reg().immature()), Outcome::NeedsInfo, "3-maturity", None),
        ("co-sell", Case::new(reg()).fu(visit("F-1", 0.91, M, 10)), Outcome::CoSell, "4-direct-follow-up", Some("F-1")),
        ("approved", Case::new(reg()), Outcome::Approved, "5-approve", None),
        (
            "review head",
            Case::new(reg()).head(head("H-2", 0.80, R, "华东")),
            Outcome::Review,
            "1-head-account-uncertain",
            Some("H-2"),
        ),
        (
            "review dup",
            Case::new(reg()).other(rival("REG-0101", 0.80, R)),
            Outcome::Review,
            "2-duplicate-uncertain",
            Some("REG-0101"),
        ),
        (
            "review fu",
            Case::new(reg()).fu(visit("F-2", 0.80, R, 10)),
            Outcome::Review,
            "4-direct-follow-up-uncertain",
            Some("F-2"),
        ),
    ]);
}

#[test]
fn direct_retained_names_the_region_and_owner_and_grants_no_protection() {
    let p = Case::new(reg().region(Some("华东"))).head(head("H-7", 0.97, M, "西南")).run();
    assert_eq!(p.outcome, Outcome::DirectRetained);
    assert!(p.summary.contains("西南"), "region named: {}", p.summary);
    assert!(p.summary.contains("H-7"), "record named: {}", p.summary);
    assert_eq!(p.direct_owner.as_deref(), Some("王直营"));
    assert_eq!((p.lead, p.protection_until), (None, None));
}

#[test]
fn approved_without_any_match_has_no_evidence_and_full_protection() {
    let p = Case::new(reg()).run();
    assert_eq!(p.outcome, Outcome::Approved);
    assert!(p.matches.is_empty());
    assert_eq!(p.protection_until, Some(d(2025, 9, 28)));
    assert_eq!((p.lead, p.direct_owner), (None, None));
    assert!(p.summary.contains(PARTNER), "{}", p.summary);
}

#[test]
fn duplicate_and_needs_info_and_review_grant_nothing() {
    for case in [
        Case::new(reg()).other(rival("REG-0100", 0.93, M)),
        Case::new(reg().immature()),
        Case::new(reg()).fu(visit("F-2", 0.80, R, 10)),
    ] {
        let p = case.run();
        assert_eq!((p.lead, p.direct_owner, p.protection_until), (None, None, None), "{}", p.rule);
    }
}

#[test]
fn needs_info_says_what_is_missing() {
    let p = Case::new(reg().amount(None).phone(None)).run();
    assert_eq!(p.outcome, Outcome::NeedsInfo);
    assert!(p.summary.contains("amount"), "{}", p.summary);
    assert!(p.summary.contains("contact phone or e-mail"), "{}", p.summary);
    assert!(!p.summary.contains("expected close"), "{}", p.summary);
}

#[test]
fn co_sell_names_the_follow_up_owner_and_protects() {
    let p = Case::new(reg()).fu(fu("F-9", 0.92, M, before(3), "demo", "赵一鸣")).run();
    assert_eq!(p.outcome, Outcome::CoSell);
    assert_eq!(p.direct_owner.as_deref(), Some("赵一鸣"));
    assert_eq!(p.protection_until, Some(d(2025, 9, 28)));
    assert_eq!(ids(&p), ["F-9"]);
}

#[test]
fn co_sell_with_an_ownerless_follow_up_names_no_owner() {
    let mut f = visit("F-3", 0.90, M, 1);
    f.owner = None;
    let p = Case::new(reg()).fu(f).run();
    assert_eq!(p.outcome, Outcome::CoSell);
    assert_eq!(p.direct_owner, None);
}

#[test]
fn gold_partner_leads_co_sell_other_tiers_let_direct_lead() {
    for (tier, lead) in [
        (PartnerTier::Gold, Lead::PartnerLed),
        (PartnerTier::Silver, Lead::DirectLed),
        (PartnerTier::Registered, Lead::DirectLed),
    ] {
        let p = Case::new(reg().tier(tier)).fu(visit("F-1", 0.90, M, 5)).run();
        assert_eq!(p.outcome, Outcome::CoSell, "{tier:?}");
        assert_eq!(p.lead, Some(lead), "{tier:?}");
    }
}

#[test]
fn tier_does_not_matter_outside_co_sell() {
    for tier in [PartnerTier::Gold, PartnerTier::Silver] {
        assert_eq!(Case::new(reg().tier(tier)).run().lead, None, "{tier:?}");
        let head = Case::new(reg().tier(tier)).head(head("H-1", 0.95, M, "华东")).run();
        assert_eq!((head.outcome, head.lead), (Outcome::DirectRetained, None), "{tier:?}");
    }
}

#[test]
fn protection_until_is_as_of_plus_protection_days() {
    let cases: [(NaiveDate, i64, NaiveDate); 5] = [
        (d(2025, 6, 30), 90, d(2025, 9, 28)),
        (d(2024, 2, 15), 30, d(2024, 3, 16)), // leap February
        (d(2025, 2, 15), 30, d(2025, 3, 17)),
        (d(2025, 12, 15), 30, d(2026, 1, 14)), // across the year end
        (d(2025, 6, 30), 0, d(2025, 6, 30)),
    ];
    for (at, days, until) in cases {
        let approved = Case::new(reg()).at(at).settings(|s| s.protection_days = days).run();
        assert_eq!((approved.outcome, approved.protection_until), (Outcome::Approved, Some(until)), "{at} + {days}");
        let f = fu("F-1", 0.9, M, at, "visit", "张销售");
        let co = Case::new(reg()).at(at).fu(f).settings(|s| s.protection_days = days).run();
        assert_eq!((co.outcome, co.protection_until), (Outcome::CoSell, Some(until)), "co-sell {at} + {days}");
    }
}
