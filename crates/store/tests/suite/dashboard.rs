//! Dashboard figures against a hand-counted fixture, and the queue's drill-down filters answering each
//! figure with exactly the registrations it counts.

use crate::support::*;
use dealgate_domain::{Decision, DecisionStatus, Outcome, Registration};
use dealgate_store::{DecisionFigures, QueueQuery, Store};

/// A third partner, invented.
const SONGTAO: &str = "合肥松涛伙伴科技有限公司";

fn reg(id: &str, at: &str, partner: &str, region: &str) -> Registration {
    Registration {
        partner: partner.into(),
        region: Some(region.into()),
        ..registration(id, at, &format!("{id} 测试客户有限公司"))
    }
}

fn made(id: &str, outcome: Outcome, status: DecisionStatus, at: &str, until: Option<&str>) -> Decision {
    Decision { protection_until: until.map(day), ..decision(id, outcome, status, at) }
}

/// Eight registrations of three partners; D8 is never checked.
///
/// | id | submitted | region | partner | outcome | status | protection |
/// |---|---|---|---|---|---|---|
/// | D1 | 2026-01-10 | 华东 | MOYU | approved | proposed | 2026-04-10 |
/// | D2 | 2026-01-20 | 华东 | MOYU | co_sell | accepted 2026-01-21 08:00 (+23 h) | 2026-04-30 |
/// | D3 | 2026-02-05 | 华北 | MOYU | direct_retained | accepted 2026-02-07 09:00 (+48 h) | — |
/// | D4 | 2026-02-06 | 华北 | LIXING | duplicate | proposed | — |
/// | D5 | 2026-02-07 | 华东 | LIXING | duplicate | overridden 2026-02-07 19:00 (+10 h) | — |
/// | D6 | 2026-03-01 | 华东 | LIXING | approved | expired | 2026-04-05 |
/// | D7 | 2026-03-02 | 华北 | SONGTAO | review | proposed | — |
/// | D8 | 2026-03-03 | 华东 | SONGTAO | — | — | — |
async fn seed_fixture(store: &dyn Store) {
    let regs = [
        reg("D1", "2026-01-10 09:00:00", MOYU, "华东"),
        reg("D2", "2026-01-20 09:00:00", MOYU, "华东"),
        reg("D3", "2026-02-05 09:00:00", MOYU, "华北"),
        reg("D4", "2026-02-06 09:00:00", LIXING, "华北"),
        reg("D5", "2026-02-07 09:00:00", LIXING, "华东"),
        reg("D6", "2026-03-01 09:00:00", LIXING, "华东"),
        reg("D7", "2026-03-02 09:00:00", SONGTAO, "华北"),
        reg("D8", "2026-03-03 09:00:00", SONGTAO, "华东"),
    ];
    seed(store, &regs).await;
    use DecisionStatus::*;
    use Outcome::*;
    let items = [
        made("D1", Approved, Proposed, "2026-01-10 10:00:00", Some("2026-04-10")),
        made("D2", CoSell, Accepted, "2026-01-21 08:00:00", Some("2026-04-30")),
        made("D3", DirectRetained, Accepted, "2026-02-07 09:00:00", None),
        made("D4", Duplicate, Proposed, "2026-02-06 10:00:00", None),
        made("D5", Duplicate, Overridden, "2026-02-07 19:00:00", None),
        made("D6", Approved, Expired, "2026-03-01 10:00:00", Some("2026-04-05")),
        made("D7", Review, Proposed, "2026-03-02 10:00:00", None),
    ];
    let batch = items
        .iter()
        .map(|d| {
            let r = regs.iter().find(|r| r.registration_id == d.registration_id).unwrap();
            (d.clone(), decision_entry(d, r.region.as_deref().unwrap(), &r.partner))
        })
        .collect::<Vec<_>>();
    store.record_decisions(&batch).await.expect("record decisions");
}

async fn figures(store: &dyn Store) -> DecisionFigures {
    store.decision_figures(day("2026-04-01"), day("2026-04-30")).await.expect("figures")
}

/// The queue's total and ids under `q`.
async fn drill(store: &dyn Store, q: QueueQuery) -> (i64, Vec<String>) {
    let page = store.queue(&QueueQuery { limit: 100, ..q }, day("2026-04-01")).await.expect("queue");
    let mut ids: Vec<String> = page.rows.into_iter().map(|r| r.registration_id).collect();
    ids.sort();
    (page.total, ids)
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

pub(crate) async fn dashboard_figures_match_a_hand_counted_fixture(store: &dyn Store) {
    seed_fixture(store).await;
    let f = figures(store).await;
    let by: Vec<(Outcome, i64)> = f.by_outcome.iter().map(|c| (c.outcome, c.count)).collect();
    use Outcome::*;
    assert_eq!(by, [(Approved, 2), (CoSell, 1), (DirectRetained, 1), (Duplicate, 2), (Review, 1)], "D8 unchecked");
    assert_eq!(f.unchecked, 1);
    // Duplicate rate = current `duplicate` / checked, per partner; co-sell and direct-retained are not
    // duplicates (MOYU has one of each and no duplicate: 0%, where "conflicts" said 2 of 3).
    let partners: Vec<(&str, i64, i64)> =
        f.by_partner.iter().map(|p| (p.partner.as_str(), p.checked, p.duplicates)).collect();
    assert_eq!(partners, [(LIXING, 3, 2), (MOYU, 3, 0), (SONGTAO, 1, 0)], "highest rate, then most checked");
    assert!((f.by_partner[0].duplicate_rate - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!((f.by_partner[1].duplicate_rate, f.by_partner[2].duplicate_rate), (0.0, 0.0));
    let moyu: Vec<(Outcome, i64)> = f.by_partner[1].by_outcome.iter().map(|c| (c.outcome, c.count)).collect();
    assert_eq!(moyu, [(Approved, 1), (CoSell, 1), (DirectRetained, 1)]);
    let months: Vec<(&str, &str, Outcome, i64)> =
        f.by_region_month.iter().map(|c| (c.region.as_str(), c.month.as_str(), c.outcome, c.count)).collect();
    assert_eq!(
        months,
        [
            ("华东", "2026-01", Approved, 1),
            ("华东", "2026-01", CoSell, 1),
            ("华东", "2026-02", Duplicate, 1),
            ("华东", "2026-03", Approved, 1),
            ("华北", "2026-02", DirectRetained, 1),
            ("华北", "2026-02", Duplicate, 1),
            ("华北", "2026-03", Review, 1),
        ]
    );
    // Decided by a person: D2 (+23 h), D3 (+48 h), D5 (+10 h); the expiry of D6 is the clock's. Median 23 h.
    assert_eq!(f.person_decided, 3);
    assert_eq!(f.median_hours_to_decision.map(|h| (h * 1000.0).round() / 1000.0), Some(23.0));
    // Running protections ending 04-01..04-30: D1, D2; D6's was expired.
    let expiring: Vec<&str> = f.expiring_soon.iter().map(|e| e.registration_id.as_str()).collect();
    assert_eq!((expiring, f.expiring_total), (vec!["D1", "D2"], 2));
}

pub(crate) async fn every_dashboard_figure_opens_the_queue_on_exactly_its_registrations(store: &dyn Store) {
    seed_fixture(store).await;
    let f = figures(store).await;
    let q = QueueQuery::default;
    // An outcome's bar.
    for c in &f.by_outcome {
        let (total, _) = drill(store, QueueQuery { outcome: Some(c.outcome), ..q() }).await;
        assert_eq!(total, c.count, "{:?}", c.outcome);
    }
    // A partner's checked registrations, and each segment of its bar.
    for p in &f.by_partner {
        let got = drill(store, QueueQuery { partner: Some(p.partner.clone()), checked: Some(true), ..q() }).await;
        assert_eq!(got.0, p.checked, "{}", p.partner);
        for c in &p.by_outcome {
            let one = QueueQuery { partner: Some(p.partner.clone()), outcome: Some(c.outcome), ..q() };
            assert_eq!(drill(store, one).await.0, c.count, "{} {:?}", p.partner, c.outcome);
        }
    }
    let songtao = drill(store, QueueQuery { partner: Some(SONGTAO.into()), checked: Some(true), ..q() }).await;
    assert_eq!(songtao.1, ids(&["D7"]));
    let unchecked = drill(store, QueueQuery { checked: Some(false), ..q() }).await;
    assert_eq!(unchecked, (f.unchecked, ids(&["D8"])));
    // A month's segment: the month's first and last day, the region and the outcome.
    for c in &f.by_region_month {
        let (from, to) = month_range(&c.month);
        let one = QueueQuery {
            region: Some(c.region.clone()),
            outcome: Some(c.outcome),
            from: Some(from),
            to: Some(to),
            ..q()
        };
        assert_eq!(drill(store, one).await.0, c.count, "{c:?}");
    }
    // The median's registrations and the expiring protections.
    let decided = drill(store, QueueQuery { person_decided: Some(true), ..q() }).await;
    assert_eq!(decided, (f.person_decided, ids(&["D2", "D3", "D5"])));
    let window = QueueQuery { protection_from: Some(day("2026-04-01")), protection_to: Some(day("2026-04-30")), ..q() };
    assert_eq!(drill(store, window).await, (f.expiring_total, ids(&["D1", "D2"])));
    let early = QueueQuery { protection_from: Some(day("2026-04-01")), protection_to: Some(day("2026-04-20")), ..q() };
    assert_eq!(drill(store, early).await.1, ids(&["D1"]), "D6 ends 04-05 but was expired");
}

fn month_range(month: &str) -> (chrono::NaiveDate, chrono::NaiveDate) {
    let first = day(&format!("{month}-01"));
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap();
    (first, next.pred_opt().unwrap())
}

pub(crate) async fn the_queue_opens_on_a_list_of_registrations(store: &dyn Store) {
    seed_fixture(store).await;
    let some = QueueQuery { registration_ids: Some(ids(&["D8", "D2", "X9"])), ..QueueQuery::default() };
    assert_eq!(drill(store, some).await, (2, ids(&["D2", "D8"])), "unknown ids match nothing");
    let none = QueueQuery { registration_ids: Some(vec![]), ..QueueQuery::default() };
    assert_eq!(drill(store, none).await, (0, vec![]));
    let mixed = QueueQuery {
        registration_ids: Some(ids(&["D4", "D5", "D6"])),
        outcome: Some(Outcome::Duplicate),
        ..QueueQuery::default()
    };
    assert_eq!(drill(store, mixed).await, (2, ids(&["D4", "D5"])));
}
