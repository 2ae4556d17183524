//! The inbox: each role's tabs and counts, batch accept written as separate audited decisions with refusals
//! reported per item, disputes escalated to an admin from a region without a regional head, item rights.

use crate::support::*;
use chrono::NaiveDate;
use dealgate_api::domain::{DecisionStatus, Outcome};
use dealgate_api::{AuditQuery, ErrorCode, InboxTab, WhyNot};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn counts(inbox: &dealgate_api::Inbox) -> Vec<(InboxTab, i64)> {
    inbox.tabs.iter().map(|t| (t.tab, t.count)).collect()
}

#[tokio::test]
async fn each_role_gets_its_tabs_in_order_with_counts_in_its_regions() {
    let env = checked().await;
    let api = &env.api;
    // Checked on 2026-06-20 with 90 protection days: approvals and co-sells end on 2026-09-18.
    let today = day(2026, 9, 10);
    let now = today.and_hms_opt(9, 0, 0).unwrap();
    let manager = api.inbox_at(Some(MANAGER), today, now).await.unwrap();
    assert_eq!(
        counts(&manager),
        [(InboxTab::Review, 0), (InboxTab::Proposals, 4), (InboxTab::Quiet, 0), (InboxTab::Ending, 3)],
    );
    let proposals = manager.tabs[1].query.clone().unwrap();
    assert_eq!(proposals.regions.as_deref(), Some(&["华东".to_string(), "华南".into(), "西南".into()][..]));
    let page = api.queue(&proposals).await.unwrap();
    let ids: Vec<&str> = page.rows.iter().map(|r| r.registration_id.as_str()).collect();
    assert_eq!(ids, ["A1", "A2", "A3", "A4"], "oldest first");
    assert!(page.rows.iter().all(|r| r.sla.is_some()), "every row carries its age marker");
    let east = api.inbox_at(Some(EAST_HEAD), today, now).await.unwrap();
    assert_eq!(counts(&east), [(InboxTab::Disputes, 0), (InboxTab::Ending, 1)], "华东: A2's co-sell");
    let admin = api.inbox_at(Some(ADMIN), today, now).await.unwrap();
    assert_eq!(admin.tabs.iter().map(|t| t.tab).collect::<Vec<_>>()[..2], [InboxTab::Review, InboxTab::Disputes]);
    assert_eq!(admin.tabs[0].query.as_ref().unwrap().regions, None, "an admin's inbox spans every region");
    // Before the protections come near their end, the tab is empty.
    let early = api.inbox_at(Some(MANAGER), day(2026, 6, 21), now).await.unwrap();
    assert_eq!(early.tabs[3].count, 0);
}

#[tokio::test]
async fn batch_accept_writes_each_decision_with_its_entry_and_reports_refusals_per_item() {
    let env = checked().await;
    let api = &env.api;
    let ids: Vec<String> = ["A3", "A4", "A3", "NOPE"].map(String::from).to_vec();
    let items = api.accept_many(&ids, MANAGER).await.unwrap();
    let results: Vec<Result<DecisionStatus, ErrorCode>> =
        items.iter().map(|i| i.result.as_ref().map(|d| d.status).map_err(|e| e.code)).collect();
    assert_eq!(
        results,
        [
            Ok(DecisionStatus::Accepted),
            Ok(DecisionStatus::Accepted),
            Err(ErrorCode::Conflict),
            Err(ErrorCode::NotFound)
        ],
    );
    for id in ["A3", "A4"] {
        let entries = api
            .audit_log(&AuditQuery {
                action: Some("decide.accept".into()),
                registration_id: Some(id.into()),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(entries.total, 1, "{id}: one audited decision each");
    }
    // A head may not accept: every item is refused, nothing written.
    let refused = api.accept_many(&["A1".to_string()], EAST_HEAD).await.unwrap();
    assert_eq!(refused[0].result.as_ref().unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(api.review("A1").await.unwrap().decision.unwrap().status, DecisionStatus::Proposed);
}

#[tokio::test]
async fn a_dispute_in_a_region_without_a_head_goes_to_an_admin_and_only_there() {
    let env = checked().await;
    let api = &env.api;
    assert_eq!(api.regions_without_head().await.unwrap(), ["西南"]);
    api.open_dispute("A4", "我方三月已拜访客户", MANAGER).await.unwrap();
    api.open_dispute("A2", "直营并未有效跟进", MANAGER).await.unwrap();
    let admin = api.inbox_disputes(ADMIN).await.unwrap();
    assert_eq!(admin.iter().map(|d| d.dispute.registration_id.as_str()).collect::<Vec<_>>(), ["A4"]);
    assert!(admin[0].escalated);
    let east = api.inbox_disputes(EAST_HEAD).await.unwrap();
    assert_eq!(
        east.iter().map(|d| (d.dispute.registration_id.as_str(), d.escalated)).collect::<Vec<_>>(),
        [("A2", false)]
    );
    assert!(api.inbox_disputes(SOUTH_HEAD).await.unwrap().is_empty());
    assert!(api.inbox_disputes(MANAGER).await.unwrap().is_empty(), "a channel manager rules on nothing");
    let counts = api.inbox(Some(ADMIN)).await.unwrap();
    assert_eq!(counts.tabs.iter().find(|t| t.tab == InboxTab::Disputes).map(|t| t.count), Some(1));
    assert_eq!(counts.regions_without_head, ["西南"]);
    // The rights say so too: the admin may rule on A4, a channel manager may not, the east head not outside 华东.
    let rights = |who| async move { api.review_as("A4", Some(who)).await.unwrap().rights.rule_dispute };
    assert!(rights(ADMIN).await.allowed);
    assert_eq!(rights(MANAGER).await.why_not, Some(WhyNot::Role));
    assert_eq!(rights(EAST_HEAD).await.why_not, Some(WhyNot::Region));
    let id = admin[0].dispute.id;
    api.rule_dispute(id, Outcome::Approved, "伙伴先接触且直营无跟进", ADMIN).await.unwrap();
    assert!(api.inbox_disputes(ADMIN).await.unwrap().is_empty());
    // Once the region has a head, its disputes are the head's, not escalated.
    let west = dealgate_api::domain::User {
        name: "西南负责人".into(),
        role: dealgate_api::domain::Role::RegionalHead,
        regions: vec!["西南".into()],
    };
    api.save_user(west, Some(ADMIN)).await.unwrap();
    assert!(api.regions_without_head().await.unwrap().is_empty());
}

#[tokio::test]
async fn review_rights_follow_the_item_not_just_the_role() {
    let env = checked().await;
    let api = &env.api;
    let r = api.review_as("A3", Some(MANAGER)).await.unwrap().rights;
    assert!(r.accept.allowed && r.override_decision.allowed);
    api.decide("A3", dealgate_api::Verdict::Accept, MANAGER).await.unwrap();
    let r = api.review_as("A3", Some(MANAGER)).await.unwrap().rights;
    assert_eq!(r.accept.why_not, Some(WhyNot::Decided));
    // And the server agrees: accepting it again is refused.
    assert_eq!(api.decide("A3", dealgate_api::Verdict::Accept, MANAGER).await.unwrap_err().code, ErrorCode::Conflict);
    let nobody = api.review("A3").await.unwrap().rights;
    assert_eq!(nobody.accept.why_not, Some(WhyNot::NoUser));
}

#[tokio::test]
async fn a_database_with_users_but_no_admin_may_be_given_its_first_admin_and_then_no_second_by_anyone() {
    use dealgate_api::domain::{Role, User};
    let dir = tempfile::tempdir().unwrap();
    let api = dealgate_api::Api::open_sqlite(&dir.path().join("dealgate.db")).await.unwrap();
    assert!(api.needs_admin().await.unwrap(), "no users at all");
    let cm = User { name: "渠道经理乙".into(), role: Role::ChannelManager, regions: vec!["华北".into()] };
    api.save_user(cm.clone(), None).await.unwrap();
    assert!(api.needs_admin().await.unwrap(), "users, but no admin");
    let other_cm = User { name: "渠道经理丙".into(), ..cm.clone() };
    assert_eq!(
        api.save_user(other_cm, None).await.unwrap_err().code,
        ErrorCode::Forbidden,
        "only an admin may be added"
    );
    let admin = User { name: "首位管理员".into(), role: Role::Admin, regions: vec![] };
    api.save_user(admin, Some("渠道经理乙")).await.unwrap();
    assert!(!api.needs_admin().await.unwrap());
    let second = User { name: "第二位管理员".into(), role: Role::Admin, regions: vec![] };
    let err = api.save_user(second, Some("渠道经理乙")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden, "with an admin in place, only admins manage users");
    let inbox = api.inbox(Some("首位管理员")).await.unwrap();
    assert!(!inbox.needs_admin);
}
