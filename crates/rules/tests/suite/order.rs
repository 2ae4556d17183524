//! The rule order: head account → duplicate → maturity → direct follow-up → approve, with review bands.

use dealgate_domain::Outcome;

use crate::support::*;

/// Everything at once, then one rule's trigger removed at a time.
#[test]
fn each_rule_beats_the_ones_after_it() {
    let all = || {
        Case::new(reg().immature())
            .head(head("H-1", 0.90, M, "华南"))
            .other(rival("REG-0100", 0.99, M))
            .fu(visit("F-1", 0.98, M, 5))
    };
    check_table(vec![
        ("head beats all", all(), Outcome::DirectRetained, "1-head-account", Some("H-1")),
        (
            "duplicate beats needs_info and co_sell",
            Case::new(reg().immature()).other(rival("REG-0100", 0.90, M)).fu(visit("F-1", 0.98, M, 5)),
            Outcome::Duplicate,
            "2-duplicate",
            Some("REG-0100"),
        ),
        (
            "duplicate beats co_sell",
            Case::new(reg()).other(rival("REG-0100", 0.90, M)).fu(visit("F-1", 0.98, M, 5)),
            Outcome::Duplicate,
            "2-duplicate",
            Some("REG-0100"),
        ),
        (
            "needs_info beats co_sell",
            Case::new(reg().immature()).fu(visit("F-1", 0.98, M, 5)),
            Outcome::NeedsInfo,
            "3-maturity",
            None,
        ),
        (
            "immature head account is still direct_retained",
            Case::new(reg().immature()).head(head("H-1", 0.90, M, "华南")),
            Outcome::DirectRetained,
            "1-head-account",
            Some("H-1"),
        ),
        (
            "head beats duplicate",
            Case::new(reg()).head(head("H-1", 0.89, M, "华南")).other(rival("REG-0100", 0.99, M)),
            Outcome::DirectRetained,
            "1-head-account",
            Some("H-1"),
        ),
        (
            "head beats co_sell",
            Case::new(reg()).head(head("H-1", 0.89, M, "华南")).fu(visit("F-1", 0.99, M, 1)),
            Outcome::DirectRetained,
            "1-head-account",
            Some("H-1"),
        ),
    ]);
}

#[test]
fn needs_info_has_no_deciding_record_but_keeps_the_evidence() {
    let p = Case::new(reg().immature()).fu(visit("F-1", 0.98, M, 5)).fu(visit("F-2", 0.80, R, 5)).run();
    assert_eq!(p.outcome, Outcome::NeedsInfo);
    assert_eq!(ids(&p), ["F-1", "F-2"]);
}

/// An uncertain match on a rule that would decide stops the check at that rule.
#[test]
fn review_band_at_each_rule_stops_there() {
    check_table(vec![
        (
            "uncertain head beats a certain follow-up",
            Case::new(reg()).head(head("H-1", 0.80, R, "华东")).fu(visit("F-1", 0.99, M, 1)),
            Outcome::Review,
            "1-head-account-uncertain",
            Some("H-1"),
        ),
        (
            "uncertain head beats a certain duplicate",
            Case::new(reg()).head(head("H-1", 0.80, R, "华东")).other(rival("REG-0100", 0.99, M)),
            Outcome::Review,
            "1-head-account-uncertain",
            Some("H-1"),
        ),
        (
            "uncertain head beats immaturity",
            Case::new(reg().immature()).head(head("H-1", 0.80, R, "华东")),
            Outcome::Review,
            "1-head-account-uncertain",
            Some("H-1"),
        ),
        (
            "uncertain duplicate beats immaturity and a certain follow-up",
            Case::new(reg().immature()).other(rival("REG-0100", 0.80, R)).fu(visit("F-1", 0.99, M, 1)),
            Outcome::Review,
            "2-duplicate-uncertain",
            Some("REG-0100"),
        ),
        (
            "uncertain effective follow-up",
            Case::new(reg()).fu(visit("F-1", 0.82, R, 30)),
            Outcome::Review,
            "4-direct-follow-up-uncertain",
            Some("F-1"),
        ),
        (
            "needs_info beats an uncertain follow-up",
            Case::new(reg().immature()).fu(visit("F-1", 0.82, R, 30)),
            Outcome::NeedsInfo,
            "3-maturity",
            None,
        ),
    ]);
}

/// A certain match on a rule decides even when the same rule also has uncertain ones.
#[test]
fn certain_match_beats_uncertain_on_the_same_rule() {
    check_table(vec![
        (
            "head",
            Case::new(reg()).head(head("H-R", 0.87, R, "华东")).head(head("H-M", 0.88, M, "华北")),
            Outcome::DirectRetained,
            "1-head-account",
            Some("H-M"),
        ),
        (
            "follow-up",
            Case::new(reg()).fu(visit("F-R", 0.87, R, 1)).fu(visit("F-M", 0.88, M, 80)),
            Outcome::CoSell,
            "4-direct-follow-up",
            Some("F-M"),
        ),
        (
            "certain later duplicate beats an uncertain earlier one",
            Case::new(reg()).other(other("REG-0001", RIVAL, t(2025, 1, 5, 9, 0), 0.80, R, true)).other(other(
                "REG-0200",
                THIRD,
                t(2025, 6, 1, 9, 0),
                0.95,
                M,
                true,
            )),
            Outcome::Duplicate,
            "2-duplicate",
            Some("REG-0200"),
        ),
    ]);
}

/// Review-band candidates on rules that would not decide anything must not send to review.
#[test]
fn review_band_on_a_non_deciding_candidate_does_not_review() {
    let call = fu("F-C", 0.85, R, before(2), "call", "张销售");
    check_table(vec![
        ("stale follow-up", Case::new(reg()).fu(visit("F-S", 0.85, R, 91)), Outcome::Approved, "5-approve", None),
        ("logged call", Case::new(reg()).fu(call), Outcome::Approved, "5-approve", None),
        (
            "future-dated follow-up",
            Case::new(reg()).fu(fu("F-F", 0.85, R, d(2025, 7, 1), "visit", "张销售")),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "effective follow-up in a channel-only region",
            Case::new(reg().region(Some("西北"))).fu(visit("F-1", 0.85, R, 1)).settings(|s| {
                s.channel_only_regions = vec!["西北".into()];
            }),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "later registration",
            Case::new(reg()).other(other("REG-0900", RIVAL, t(2025, 6, 25, 9, 0), 0.85, R, true)),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "earlier registration that no longer stands",
            Case::new(reg()).other(other("REG-0100", RIVAL, t(2025, 1, 2, 9, 0), 0.85, R, false)),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "same partner's earlier registration",
            Case::new(reg()).other(other("REG-0100", PARTNER, t(2025, 1, 2, 9, 0), 0.85, R, true)),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "certain follow-up with an uncertain later registration",
            Case::new(reg())
                .other(other("REG-0900", RIVAL, t(2025, 6, 25, 9, 0), 0.85, R, true))
                .fu(visit("F-1", 0.90, M, 3)),
            Outcome::CoSell,
            "4-direct-follow-up",
            Some("F-1"),
        ),
    ]);
}
