//! The queue, review, accept / override / extend, and the disputes view with overdue flags and scoping.

use crate::support::*;
use chrono::Duration;
use dealgate_api::domain::{DecisionStatus, Outcome};
use dealgate_api::{ErrorCode, QueueQuery, QueueSort, QueueStatus, Verdict};

#[tokio::test]
async fn the_queue_shows_each_registrations_current_decision_and_filters_in_the_store() {
    let env = checked().await;
    let api = &env.api;
    let all = api.queue(&QueueQuery { sort: QueueSort::SubmittedAt, ..Default::default() }).await.unwrap();
    assert_eq!(all.total, 4);
    let a1 = &all.rows[0];
    assert_eq!((a1.registration_id.as_str(), a1.outcome), ("A1", Some(Outcome::DirectRetained)));
    assert_eq!(a1.top_match_name.as_deref(), Some("杭州云帆数据科技有限公司"));
    assert!(a1.top_score.unwrap() > 0.9);
    let approved = api.queue(&QueueQuery { outcome: Some(Outcome::Approved), ..Default::default() }).await.unwrap();
    let ids: Vec<&str> = approved.rows.iter().map(|r| r.registration_id.as_str()).collect();
    assert_eq!(ids, ["A3", "A4"]);
    let east = api.queue(&QueueQuery { region: Some("华东".into()), ..Default::default() }).await.unwrap();
    assert_eq!(east.total, 2);
    let facets = api.queue_facets().await.unwrap();
    assert_eq!(facets.partners, ["乙方伙伴", "甲方伙伴"], "sorted by code point");
    let err = api.queue(&QueueQuery { offset: -1, ..Default::default() }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn accepting_and_overriding_move_a_registration_out_of_pending_and_into_the_review_history() {
    let env = checked().await;
    let api = &env.api;
    let pending = || QueueQuery { status: Some(QueueStatus::Pending), ..Default::default() };
    assert_eq!(api.queue(&pending()).await.unwrap().total, 4);
    api.decide("A3", Verdict::Accept, MANAGER).await.unwrap();
    let over = Verdict::Override { outcome: Outcome::NeedsInfo, reason: "请补充客户联系人".into() };
    let d = api.decide("A4", over, MANAGER).await.unwrap();
    assert_eq!((d.outcome, d.status), (Outcome::NeedsInfo, DecisionStatus::Overridden));
    let left: Vec<String> = api.queue(&pending()).await.unwrap().rows.into_iter().map(|r| r.registration_id).collect();
    assert_eq!(left, ["A1", "A2"]);
    let review = api.review("A4").await.unwrap();
    assert_eq!(review.history.len(), 2);
    assert_eq!(review.decision.as_ref().map(|d| d.outcome), Some(Outcome::NeedsInfo));
    assert_eq!(review.history[0].status, DecisionStatus::Proposed);
    let extended = api.extend("A3", 30, "客户延期招标", MANAGER).await.unwrap();
    let accepted_until = review_until(api, "A3").await;
    assert_eq!(extended.protection_until, Some(accepted_until));
    let err = api.review("NOPE").await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

async fn review_until(api: &dealgate_api::Api, id: &str) -> chrono::NaiveDate {
    api.review(id).await.unwrap().decision.unwrap().protection_until.unwrap()
}

#[tokio::test]
async fn disputes_are_overdue_after_the_settings_days_and_regional_heads_see_their_regions() {
    let env = checked().await;
    let api = &env.api;
    let east = api.open_dispute("A2", "直营并未有效跟进", MANAGER).await.unwrap();
    api.open_dispute("A3", "我方先报备", MANAGER).await.unwrap();
    let at = |days: i64| east.opened_at + Duration::days(days);
    let admin_view = api.dispute_views_at(true, ADMIN, at(1)).await.unwrap();
    assert_eq!(admin_view.len(), 2);
    assert!(admin_view.iter().all(|d| !d.overdue));
    let later = api.dispute_views_at(true, ADMIN, at(6)).await.unwrap();
    assert!(later.iter().all(|d| d.overdue), "5 dispute days by default");
    assert_eq!(later[0].days_open, 6);
    let mine = api.dispute_views_at(true, EAST_HEAD, at(1)).await.unwrap();
    let ids: Vec<&str> = mine.iter().map(|d| d.dispute.registration_id.as_str()).collect();
    assert_eq!(ids, ["A2"], "the east head sees only 华东");
    assert_eq!(mine[0].registration.as_ref().map(|r| r.customer_name.as_str()), Some("上海栖梧软件有限公司"));
    assert!(mine[0].decision.is_some());
    // A ruled dispute is never overdue and leaves the open list.
    let ruled = api.rule_dispute_returning_dispute(east.id, Outcome::Approved, "伙伴更有把握赢单", EAST_HEAD).await;
    let ruled = ruled.unwrap();
    assert_eq!((ruled.ruling, ruled.ruled_by.as_deref()), (Some(Outcome::Approved), Some(EAST_HEAD)));
    assert_eq!(api.review("A2").await.unwrap().decision.map(|d| d.outcome), Some(Outcome::Approved));
    let all = api.dispute_views_at(false, ADMIN, at(30)).await.unwrap();
    let ruled = all.iter().find(|d| d.dispute.id == east.id).unwrap();
    assert!(!ruled.overdue);
    assert_eq!(api.dispute_views_at(true, ADMIN, at(30)).await.unwrap().len(), 1);
    let dash = api.dashboard_at(as_of(), at(30)).await.unwrap();
    assert_eq!((dash.open_disputes, dash.overdue_disputes), (1, 1));
}

/// Progress whose user has already pressed cancel.
struct Cancelled;

impl dealgate_api::Progress for Cancelled {
    fn report(&self, _: &str, _: usize, _: usize) {}
    fn cancelled(&self) -> bool {
        true
    }
}

#[tokio::test]
async fn a_cancelled_recheck_stores_no_proposal_and_no_audit_entry() {
    let env = checked().await;
    let api = &env.api;
    let before = api.audit_log(&Default::default()).await.unwrap().total;
    let history = api.review("A3").await.unwrap().history.len();
    let run = api.check(dealgate_api::Selection::All, as_of(), Some(MANAGER), std::sync::Arc::new(Cancelled)).await;
    assert_eq!(run.unwrap_err().code, ErrorCode::Cancelled);
    assert_eq!(api.audit_log(&Default::default()).await.unwrap().total, before);
    assert_eq!(api.review("A3").await.unwrap().history.len(), history);
}
