//! Partner-vs-partner conflicts: only an earlier, standing registration of another partner blocks.

use dealgate_domain::Outcome;

use crate::support::*;

#[test]
fn which_registrations_block() {
    let same_time = submitted();
    check_table(vec![
        (
            "same partner re-registering is no duplicate",
            Case::new(reg()).other(other("REG-0100", PARTNER, t(2025, 3, 1, 9, 0), 0.99, M, true)),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "a later registration never blocks an earlier one",
            Case::new(reg()).other(other("REG-0900", RIVAL, t(2025, 6, 20, 10, 1), 0.99, M, true)),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "an earlier rival that no longer stands does not block",
            Case::new(reg()).other(other("REG-0100", RIVAL, t(2025, 1, 2, 9, 0), 0.99, M, false)),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "a rival one minute earlier blocks",
            Case::new(reg()).other(other("REG-0900", RIVAL, t(2025, 6, 20, 9, 59), 0.90, M, true)),
            Outcome::Duplicate,
            "2-duplicate",
            Some("REG-0900"),
        ),
        (
            "same time, smaller id wins: the rival",
            Case::new(reg()).other(other("REG-0499", RIVAL, same_time, 0.90, M, true)),
            Outcome::Duplicate,
            "2-duplicate",
            Some("REG-0499"),
        ),
        (
            "same time, larger id loses: the rival",
            Case::new(reg()).other(other("REG-0501", RIVAL, same_time, 0.90, M, true)),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "the registration itself is never its own rival",
            Case::new(reg()).other(other(REG_ID, RIVAL, t(2025, 1, 2, 9, 0), 1.0, M, true)),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "a lapsed earliest rival gives way to a standing later one",
            Case::new(reg()).other(other("REG-0010", RIVAL, t(2025, 1, 2, 9, 0), 0.99, M, false)).other(other(
                "REG-0300",
                THIRD,
                t(2025, 5, 2, 9, 0),
                0.90,
                M,
                true,
            )),
            Outcome::Duplicate,
            "2-duplicate",
            Some("REG-0300"),
        ),
    ]);
}

#[test]
fn the_earliest_standing_rival_decides_not_the_strongest() {
    let p = Case::new(reg())
        .other(other("REG-0300", THIRD, t(2025, 5, 2, 9, 0), 0.99, M, true))
        .other(other("REG-0200", RIVAL, t(2025, 4, 2, 9, 0), 0.89, M, true))
        .run();
    assert_eq!((p.outcome, p.rule), (Outcome::Duplicate, "2-duplicate"));
    assert_eq!(ids(&p), ["REG-0200", "REG-0300"]);
    assert!(p.summary.contains(RIVAL), "{}", p.summary);
    assert!(p.summary.contains("2025-04-02 09:00"), "{}", p.summary);
}

#[test]
fn ties_in_submitted_at_between_rivals_go_to_the_smaller_id() {
    let at = t(2025, 4, 2, 9, 0);
    let p = Case::new(reg())
        .other(other("REG-0202", THIRD, at, 0.99, M, true))
        .other(other("REG-0201", RIVAL, at, 0.89, M, true))
        .run();
    assert_eq!(p.outcome, Outcome::Duplicate);
    assert_eq!(ids(&p).first(), Some(&"REG-0201"));
}

#[test]
fn uncertain_duplicate_is_the_earliest_uncertain_rival() {
    let p = Case::new(reg())
        .other(other("REG-0300", THIRD, t(2025, 5, 2, 9, 0), 0.87, R, true))
        .other(other("REG-0200", RIVAL, t(2025, 4, 2, 9, 0), 0.76, R, true))
        .other(other("REG-0100", RIVAL, t(2025, 3, 2, 9, 0), 0.86, R, false))
        .run();
    assert_eq!((p.outcome, p.rule), (Outcome::Review, "2-duplicate-uncertain"));
    assert_eq!(ids(&p).first(), Some(&"REG-0200"));
}

/// Both directions of one pair: the earlier of two rivals is approved, the later is a duplicate.
#[test]
fn of_two_partners_the_earlier_wins() {
    let earlier = Case::new(reg()).other(other("REG-0600", RIVAL, t(2025, 6, 21, 8, 0), 0.95, M, true)).run();
    assert_eq!(earlier.outcome, Outcome::Approved);
    let mut later = Case::new(reg()).other(other(REG_ID, PARTNER, submitted(), 0.95, M, true));
    later.reg.registration_id = "REG-0600".into();
    later.reg.partner = RIVAL.into();
    later.reg.submitted_at = t(2025, 6, 21, 8, 0);
    let p = later.run();
    assert_eq!((p.outcome, ids(&p).first().copied()), (Outcome::Duplicate, Some(REG_ID)));
}
