//! The registration queue: filters, sorting, paging and counts answered by the store, and dashboard figures.

use crate::support::*;
use dealgate_domain::{Decision, DecisionStatus, Outcome, Registration, Source};
use dealgate_store::{QueueQuery, QueueSort, QueueStatus, Store};

fn reg(id: &str, at: &str, customer: &str, partner: &str, region: &str) -> Registration {
    Registration { partner: partner.into(), region: Some(region.into()), ..registration(id, at, customer) }
}

fn decided(id: &str, outcome: Outcome, status: DecisionStatus, score: Option<f64>) -> Decision {
    let mut d = decision(id, outcome, status, "2026-03-06 12:00:00");
    match score {
        Some(s) => {
            d.matches.truncate(1);
            d.matches[0].score = s;
            d.matches[0].name = format!("{id} 的对手");
        }
        None => d.matches.clear(),
    }
    d
}

/// Five registrations: Q1..Q4 decided in different ways, Q5 never checked.
async fn seed_queue(store: &dyn Store) {
    seed(
        store,
        &[
            reg("Q1", "2026-03-01 09:00:00", YUNFAN, MOYU, "华东"),
            reg("Q2", "2026-03-02 09:00:00", CHURUI, LIXING, "西南"),
            reg("Q3", "2026-03-03 23:59:59", LUDAO, MOYU, "华南"),
            reg("Q4", "2026-03-04 09:00:00", YANCHI, LIXING, "华东"),
            reg("Q5", "2026-03-05 09:00:00", "宁波百分百_测试有限公司", MOYU, "华东"),
        ],
    )
    .await;
    let items = [
        decided("Q1", Outcome::Approved, DecisionStatus::Proposed, Some(0.41)),
        decided("Q2", Outcome::DirectRetained, DecisionStatus::Accepted, Some(0.97)),
        decided("Q3", Outcome::Review, DecisionStatus::Proposed, Some(0.8)),
        decided("Q4", Outcome::Approved, DecisionStatus::Overridden, None),
    ];
    let batch = items.iter().map(|d| (d.clone(), decision_entry(d, "华东", MOYU))).collect::<Vec<_>>();
    store.record_decisions(&batch).await.expect("record decisions");
}

async fn ids(store: &dyn Store, q: QueueQuery) -> (i64, Vec<String>) {
    let page = store.queue(&q, day("2026-03-11")).await.expect("queue");
    (page.total, page.rows.into_iter().map(|r| r.registration_id).collect())
}

fn q() -> QueueQuery {
    QueueQuery { limit: 50, ..QueueQuery::default() }
}

pub(crate) async fn queue_filters_by_outcome_status_region_partner_dates_and_search(store: &dyn Store) {
    seed_queue(store).await;
    let all = ids(store, q()).await;
    assert_eq!(all, (5, vec!["Q1".into(), "Q2".into(), "Q3".into(), "Q4".into(), "Q5".into()]));
    let by = |f: fn(&mut QueueQuery)| {
        let mut query = q();
        f(&mut query);
        query
    };
    let cases: Vec<(QueueQuery, Vec<&str>)> = vec![
        (by(|q| q.outcome = Some(Outcome::Approved)), vec!["Q1", "Q4"]),
        (by(|q| q.status = Some(QueueStatus::Pending)), vec!["Q1", "Q3", "Q5"]),
        (by(|q| q.status = Some(QueueStatus::Decided)), vec!["Q2", "Q4"]),
        (by(|q| q.region = Some("华东".into())), vec!["Q1", "Q4", "Q5"]),
        (by(|q| q.partner = Some(LIXING.into())), vec!["Q2", "Q4"]),
        // `to` includes its whole day, up to 23:59:59.
        (by(|q| (q.from, q.to) = (Some(day("2026-03-02")), Some(day("2026-03-03")))), vec!["Q2", "Q3"]),
        (by(|q| q.search = Some("楚锐".into())), vec!["Q2"]),
        (by(|q| q.search = Some("q4".into())), vec!["Q4"]),
        (by(|q| q.search = Some("砺行".into())), vec!["Q2", "Q4"]),
        // `_` and `%` are literal characters, not wildcards.
        (by(|q| q.search = Some("百_测".into())), vec!["Q5"]),
        (by(|q| q.search = Some("杭州%数据".into())), vec![]),
        (
            by(|q| {
                q.region = Some("华东".into());
                q.status = Some(QueueStatus::Pending);
            }),
            vec!["Q1", "Q5"],
        ),
        // A person's regions: any of them; none assigned matches nothing.
        (by(|q| q.regions = Some(vec!["西南".into(), "华南".into()])), vec!["Q2", "Q3"]),
        (by(|q| q.regions = Some(vec![])), vec![]),
        (by(|q| q.outcomes = Some(vec![Outcome::Review, Outcome::DirectRetained])), vec!["Q2", "Q3"]),
        // Running protections (approved, co-sell) ending by the day; direct-retained has none that counts.
        (by(|q| q.ending_by = Some(day("2026-06-01"))), vec!["Q1", "Q4"]),
        (by(|q| q.ending_by = Some(day("2026-05-31"))), vec![]),
    ];
    for (query, want) in cases {
        let got = ids(store, query.clone()).await;
        assert_eq!(got, (want.len() as i64, want.iter().map(|s| s.to_string()).collect()), "{query:?}");
    }
}

pub(crate) async fn queue_sorts_pages_and_keeps_the_total(store: &dyn Store) {
    seed_queue(store).await;
    let sorted = |sort, desc| QueueQuery { sort, desc, ..q() };
    // Registrations without a match or a decision sort as lowest score.
    assert_eq!(ids(store, sorted(QueueSort::Score, true)).await.1, ["Q2", "Q3", "Q1", "Q5", "Q4"]);
    assert_eq!(ids(store, sorted(QueueSort::Age, true)).await.1, ["Q1", "Q2", "Q3", "Q4", "Q5"]);
    assert_eq!(ids(store, sorted(QueueSort::SubmittedAt, true)).await.1, ["Q5", "Q4", "Q3", "Q2", "Q1"]);
    // Text sorts by code point: 南京墨羽 before 西安砺行.
    assert_eq!(ids(store, sorted(QueueSort::Partner, false)).await.1, ["Q1", "Q3", "Q5", "Q2", "Q4"]);
    let page = |offset, limit| QueueQuery { offset, limit, ..sorted(QueueSort::Score, true) };
    assert_eq!(ids(store, page(0, 2)).await, (5, vec!["Q2".into(), "Q3".into()]));
    assert_eq!(ids(store, page(2, 2)).await, (5, vec!["Q1".into(), "Q5".into()]));
    assert_eq!(ids(store, page(4, 2)).await, (5, vec!["Q4".into()]));
    assert_eq!(ids(store, page(10, 2)).await, (5, vec![]));
}

pub(crate) async fn queue_rows_carry_the_current_decisions_top_match_and_age(store: &dyn Store) {
    seed_queue(store).await;
    let newer = decided("Q1", Outcome::CoSell, DecisionStatus::Accepted, Some(0.93));
    store.record_decisions(&[(newer.clone(), decision_entry(&newer, "华东", MOYU))]).await.unwrap();
    let rows = store.queue(&q(), day("2026-03-11")).await.unwrap().rows;
    let q1 = &rows[0];
    assert_eq!(q1.outcome, Some(Outcome::CoSell));
    assert_eq!(q1.status, Some(DecisionStatus::Accepted));
    assert_eq!(q1.top_score, Some(0.93), "the latest version's match, not the first");
    assert_eq!(q1.top_match_name.as_deref(), Some("Q1 的对手"));
    assert_eq!(q1.top_match_source, Some(Source::FollowUp));
    assert_eq!(q1.age_days, 10);
    assert_eq!(q1.protection_until, Some(day("2026-06-01")));
    let q5 = &rows[4];
    assert_eq!((q5.outcome, q5.status, q5.top_score, q5.top_match_name.clone()), (None, None, None, None));
    let q4 = &rows[3];
    assert_eq!((q4.top_score, q4.top_match_source), (None, None), "a decision without evidence has no top match");
    let facets = store.queue_facets().await.unwrap();
    assert_eq!(facets.regions, ["华东", "华南", "西南"]);
    assert_eq!(facets.partners, [MOYU, LIXING]);
}

pub(crate) async fn figures_count_current_outcomes_conflicts_and_expiring_protections(store: &dyn Store) {
    seed_queue(store).await;
    let f = store.decision_figures(day("2026-05-15"), day("2026-06-14")).await.unwrap();
    let by: Vec<(Outcome, i64)> = f.by_outcome.iter().map(|c| (c.outcome, c.count)).collect();
    assert_eq!(by, [(Outcome::Approved, 2), (Outcome::DirectRetained, 1), (Outcome::Review, 1)]);
    let lixing = f.by_partner.iter().find(|p| p.partner == LIXING).unwrap();
    assert_eq!(
        (lixing.checked, lixing.duplicates, lixing.duplicate_rate),
        (2, 0, 0.0),
        "direct-retained is no duplicate"
    );
    let moyu = f.by_partner.iter().find(|p| p.partner == MOYU).unwrap();
    assert_eq!((moyu.checked, moyu.duplicates), (2, 0), "the unchecked Q5 is not counted");
    let east: i64 =
        f.by_region_month.iter().filter(|c| c.region == "华东" && c.month == "2026-03").map(|c| c.count).sum();
    assert_eq!(east, 2);
    // Q1 and Q4 are approved until 2026-06-01; the other protected outcomes are not approvals.
    let expiring: Vec<&str> = f.expiring_soon.iter().map(|e| e.registration_id.as_str()).collect();
    assert_eq!(expiring, ["Q1", "Q4"]);
    let later = store.decision_figures(day("2026-06-02"), day("2026-07-01")).await.unwrap();
    assert!(later.expiring_soon.is_empty(), "a protection that ended is not expiring soon");
    // Q2 accepted at 2026-03-06 12:00, submitted 2026-03-02 09:00: 99 hours; Q4 overridden: 51 hours.
    assert_eq!(f.median_hours_to_decision.map(|h| h.round()), Some(75.0));
}
