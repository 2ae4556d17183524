//! The evidence on a proposal: the deciding record first, then the rest strongest first, at most 10.

use dealgate_domain::{Outcome, Source};

use crate::support::*;

#[test]
fn deciding_record_comes_first_even_when_a_stronger_one_does_not_decide() {
    let stale = || visit("F-STALE", 0.99, M, 300);
    check_table(vec![
        (
            "head under a stronger stale follow-up",
            Case::new(reg()).fu(stale()).head(head("H-1", 0.89, M, "华东")),
            Outcome::DirectRetained,
            "1-head-account",
            Some("H-1"),
        ),
        (
            "duplicate under a stronger stale follow-up",
            Case::new(reg()).fu(stale()).other(rival("REG-0100", 0.89, M)),
            Outcome::Duplicate,
            "2-duplicate",
            Some("REG-0100"),
        ),
        (
            "effective follow-up under a stronger stale one",
            Case::new(reg()).fu(stale()).fu(visit("F-NOW", 0.89, M, 7)),
            Outcome::CoSell,
            "4-direct-follow-up",
            Some("F-NOW"),
        ),
        (
            "uncertain head under a certain follow-up",
            Case::new(reg()).fu(visit("F-NOW", 0.99, M, 7)).head(head("H-2", 0.76, R, "华东")),
            Outcome::Review,
            "1-head-account-uncertain",
            Some("H-2"),
        ),
    ]);
}

#[test]
fn after_the_deciding_record_the_rest_are_strongest_first_without_repeats() {
    let p = Case::new(reg())
        .fu(visit("F-STALE", 0.99, M, 300))
        .fu(visit("F-NOW", 0.89, M, 7))
        .head(head("H-R", 0.78, R, "华南"))
        .other(other("REG-0100", RIVAL, t(2025, 1, 2, 9, 0), 0.93, M, false))
        .run();
    // The uncertain head decides (review) and leads; the rest follow by score.
    assert_eq!((p.outcome, p.rule), (Outcome::Review, "1-head-account-uncertain"));
    assert_eq!(ids(&p), ["H-R", "F-STALE", "REG-0100", "F-NOW"]);
    let scores: Vec<f64> = p.matches[1..].iter().map(|m| m.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn same_record_id_in_two_sources_is_kept_twice() {
    let p = Case::new(reg()).head(head("X-1", 0.95, M, "华东")).fu(visit("X-1", 0.90, M, 400)).run();
    assert_eq!(ids(&p), ["X-1", "X-1"]);
    assert_eq!(p.matches[0].source, Source::HeadAccount);
    assert_eq!(p.matches[1].source, Source::FollowUp);
}

#[test]
fn evidence_is_capped_at_ten() {
    let mut approve = Case::new(reg());
    for i in 0..15 {
        approve = approve.fu(visit(&format!("F-{i:02}"), 0.80 + i as f64 * 0.01, M, 200));
    }
    let p = approve.run();
    assert_eq!(p.outcome, Outcome::Approved);
    assert_eq!(p.matches.len(), 10);
    assert_eq!(ids(&p).first(), Some(&"F-14"));
    assert_eq!(ids(&p).last(), Some(&"F-05"));
}

#[test]
fn evidence_cap_keeps_a_weak_deciding_record() {
    let mut case = Case::new(reg()).fu(visit("F-DECIDES", 0.881, M, 2));
    for i in 0..12 {
        case = case.fu(visit(&format!("F-S{i:02}"), 0.90 + i as f64 * 0.005, M, 365));
    }
    let p = case.run();
    assert_eq!((p.outcome, p.rule), (Outcome::CoSell, "4-direct-follow-up"));
    assert_eq!(p.matches.len(), 10);
    assert_eq!(ids(&p)[0], "F-DECIDES");
    assert_eq!(ids(&p)[1], "F-S11");
    assert_eq!(ids(&p).iter().filter(|id| **id == "F-DECIDES").count(), 1);
}

#[test]
fn exactly_ten_are_all_kept() {
    let mut case = Case::new(reg()).head(head("H-1", 0.95, M, "华东"));
    for i in 0..9 {
        case = case.fu(visit(&format!("F-{i}"), 0.90, M, 365));
    }
    let p = case.run();
    assert_eq!(p.matches.len(), 10);
    assert_eq!(ids(&p)[0], "H-1");
}

#[test]
fn only_rival_registrations_are_evidence() {
    let p = Case::new(reg())
        .other(other("REG-SELF", PARTNER, t(2025, 1, 2, 9, 0), 0.99, M, true))
        .other(other("REG-LATER", RIVAL, t(2025, 6, 29, 9, 0), 0.98, M, true))
        .other(other("REG-LAPSED", RIVAL, t(2025, 1, 3, 9, 0), 0.97, M, false))
        .run();
    assert_eq!(p.outcome, Outcome::Approved);
    assert_eq!(ids(&p), ["REG-LAPSED"]);
}
