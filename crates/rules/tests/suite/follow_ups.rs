//! Effective direct follow-up: the window's edges, activity types, channel-only regions, which one decides.

use dealgate_domain::{Lang, Outcome};

use crate::support::*;

#[test]
fn follow_up_window_edges() {
    let kind = |id: &str, date, kind: &str| fu(id, 0.93, M, date, kind, "张销售");
    check_table(vec![
        (
            "on the as-of date",
            Case::new(reg()).fu(visit("F-0", 0.93, M, 0)),
            Outcome::CoSell,
            "4-direct-follow-up",
            Some("F-0"),
        ),
        (
            "exactly 90 days before",
            Case::new(reg()).fu(visit("F-90", 0.93, M, 90)),
            Outcome::CoSell,
            "4-direct-follow-up",
            Some("F-90"),
        ),
        ("91 days before", Case::new(reg()).fu(visit("F-91", 0.93, M, 91)), Outcome::Approved, "5-approve", None),
        (
            "one day after as-of",
            Case::new(reg()).fu(kind("F-X", d(2025, 7, 1), "visit")),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "a call never counts",
            Case::new(reg()).fu(kind("F-C", before(1), "call")),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "demo counts",
            Case::new(reg()).fu(kind("F-D", before(1), "demo")),
            Outcome::CoSell,
            "4-direct-follow-up",
            Some("F-D"),
        ),
        (
            "quote counts",
            Case::new(reg()).fu(kind("F-Q", before(1), "quote")),
            Outcome::CoSell,
            "4-direct-follow-up",
            Some("F-Q"),
        ),
        (
            "custom window: exactly 30 days",
            Case::new(reg()).fu(visit("F-30", 0.93, M, 30)).settings(|s| s.followup_window_days = 30),
            Outcome::CoSell,
            "4-direct-follow-up",
            Some("F-30"),
        ),
        (
            "custom window: 31 days",
            Case::new(reg()).fu(visit("F-31", 0.93, M, 31)).settings(|s| s.followup_window_days = 30),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "zero window: as-of day only",
            Case::new(reg()).fu(visit("F-0", 0.93, M, 0)).settings(|s| s.followup_window_days = 0),
            Outcome::CoSell,
            "4-direct-follow-up",
            Some("F-0"),
        ),
        (
            "zero window: the day before is out",
            Case::new(reg()).fu(visit("F-1", 0.93, M, 1)).settings(|s| s.followup_window_days = 0),
            Outcome::Approved,
            "5-approve",
            None,
        ),
        (
            "custom activity type counts",
            Case::new(reg())
                .fu(kind("F-W", before(2), "wechat"))
                .settings(|s| s.effective_activity_types = vec!["wechat".into(), "meeting".into()]),
            Outcome::CoSell,
            "4-direct-follow-up",
            Some("F-W"),
        ),
        (
            "a type dropped from the settings no longer counts",
            Case::new(reg())
                .fu(kind("F-V", before(2), "visit"))
                .settings(|s| s.effective_activity_types = vec!["wechat".into(), "meeting".into()]),
            Outcome::Approved,
            "5-approve",
            None,
        ),
    ]);
}

#[test]
fn window_counts_back_from_the_check_date_not_today() {
    let f = fu("F-1", 0.93, M, d(2024, 12, 2), "visit", "张销售");
    let inside = Case::new(reg()).fu(f.clone()).at(d(2025, 3, 2)).run(); // 90 days later
    assert_eq!(inside.outcome, Outcome::CoSell);
    let outside = Case::new(reg()).fu(f).at(d(2025, 3, 3)).run();
    assert_eq!(outside.outcome, Outcome::Approved);
}

#[test]
fn channel_only_region_skips_co_sell() {
    let channel_only = |s: &mut dealgate_domain::Settings| s.channel_only_regions = vec!["西北".into(), "东北".into()];
    let p = Case::new(reg().region(Some("东北"))).fu(visit("F-1", 0.99, M, 1)).settings(channel_only).run();
    assert_eq!((p.outcome, p.rule), (Outcome::Approved, "5-approve"));
    assert_eq!(p.protection_until, Some(d(2025, 9, 28)));
    assert_eq!((p.lead, p.direct_owner.as_deref()), (None, None));
    assert!(p.summary.contains("channel-only"), "{}", p.summary);
    assert_eq!(ids(&p), ["F-1"], "the follow-up stays visible as evidence");

    let other_region = Case::new(reg().region(Some("华东"))).fu(visit("F-1", 0.99, M, 1)).settings(channel_only).run();
    assert_eq!(other_region.outcome, Outcome::CoSell);
    let no_region = Case::new(reg().region(None)).fu(visit("F-1", 0.99, M, 1)).settings(channel_only).run();
    assert_eq!(no_region.outcome, Outcome::CoSell);
}

#[test]
fn channel_only_region_still_keeps_head_accounts_and_duplicates() {
    let channel_only = |s: &mut dealgate_domain::Settings| s.channel_only_regions = vec!["西北".into()];
    let base = || Case::new(reg().region(Some("西北"))).settings(channel_only);
    check_table(vec![
        ("head", base().head(head("H-1", 0.95, M, "西北")), Outcome::DirectRetained, "1-head-account", Some("H-1")),
        ("dup", base().other(rival("REG-0100", 0.95, M)), Outcome::Duplicate, "2-duplicate", Some("REG-0100")),
        (
            "immature",
            Case::new(reg().region(Some("西北")).immature()).settings(channel_only),
            Outcome::NeedsInfo,
            "3-maturity",
            None,
        ),
    ]);
}

#[test]
fn strongest_effective_follow_up_decides_and_names_its_owner() {
    let p = Case::new(reg())
        .fu(fu("F-A", 0.90, M, before(5), "visit", "张销售"))
        .fu(fu("F-B", 0.96, M, before(60), "demo", "李晨"))
        .fu(fu("F-C", 0.99, M, before(200), "visit", "陈旧"))
        .run();
    assert_eq!(p.outcome, Outcome::CoSell);
    assert_eq!(ids(&p), ["F-B", "F-C", "F-A"]);
    assert_eq!(p.direct_owner.as_deref(), Some("李晨"));
    assert!(p.summary.contains("李晨") && p.summary.contains("demo"), "{}", p.summary);
    // The stored English text is the code's English wording; Chinese names the activity in Chinese.
    assert_eq!(p.summary, p.summary_code.text(Lang::En));
    let zh = p.summary_code.text(Lang::Zh);
    assert!(zh.contains("李晨") && zh.contains("演示") && zh.contains("项目合作"), "{zh}");
}

#[test]
fn equal_scores_go_to_the_most_recent_follow_up() {
    let p = Case::new(reg())
        .fu(fu("F-OLD", 0.92, M, before(40), "visit", "张销售"))
        .fu(fu("F-NEW", 0.92, M, before(4), "quote", "李晨"))
        .fu(fu("F-MID", 0.92, M, before(20), "demo", "王五"))
        .run();
    assert_eq!((p.outcome, ids(&p).first().copied()), (Outcome::CoSell, Some("F-NEW")));
    assert_eq!(p.direct_owner.as_deref(), Some("李晨"));
}

#[test]
fn stale_follow_ups_appear_as_evidence_on_approval() {
    let p = Case::new(reg())
        .fu(visit("F-OLD", 0.97, M, 120))
        .fu(fu("F-CALL", 0.91, M, before(3), "call", "张销售"))
        .fu(visit("F-WEAK", 0.80, R, 400))
        .run();
    assert_eq!((p.outcome, p.rule), (Outcome::Approved, "5-approve"));
    assert_eq!(ids(&p), ["F-OLD", "F-CALL", "F-WEAK"]);
    assert!(p.summary.contains("2 direct record(s)"), "{}", p.summary);
    assert_eq!(p.protection_until, Some(d(2025, 9, 28)));
}
