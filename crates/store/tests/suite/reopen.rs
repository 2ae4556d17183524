//! Closing and reopening the same database keeps everything; reopening never re-runs migrations destructively.

use crate::support::*;
use crate::Backend;
use dealgate_audit::{AuditEntry, NewEntry};
use dealgate_domain::{
    Decision, DecisionStatus, Dispute, FollowUp, HeadAccount, Outcome, Registration, Role, Settings, User,
};
use dealgate_store::{SourceStatus, Store};

/// Everything a store can be asked for.
#[derive(Debug, PartialEq)]
struct Snapshot {
    follow_ups: Vec<FollowUp>,
    head_accounts: Vec<HeadAccount>,
    registrations: Vec<Registration>,
    current: Vec<Decision>,
    history: Vec<Decision>,
    disputes: Vec<Dispute>,
    users: Vec<User>,
    settings: (i64, Settings),
    audit: Vec<AuditEntry>,
    head: Option<(i64, String)>,
    sources: Vec<SourceStatus>,
}

async fn snapshot(store: &dyn Store) -> Snapshot {
    Snapshot {
        follow_ups: store.follow_ups().await.unwrap(),
        head_accounts: store.head_accounts().await.unwrap(),
        registrations: store.registrations().await.unwrap(),
        current: store.current_decisions().await.unwrap(),
        history: store.decision_history("REG-1").await.unwrap(),
        disputes: store.disputes(false).await.unwrap(),
        users: store.users().await.unwrap(),
        settings: store.settings().await.unwrap(),
        audit: store.audit_entries(&Default::default()).await.unwrap(),
        head: store.audit_head().await.unwrap(),
        sources: store.sources().await.unwrap(),
    }
}

/// One of everything.
async fn fill(store: &dyn Store) {
    store.import_follow_ups(&[follow_up("FU-1", LUDAO)], log("f.csv", 1), import_entry("f.csv")).await.unwrap();
    store
        .import_head_accounts(&[head_account("HA-1", "华东", YUNFAN)], log("h.csv", 1), import_entry("h.csv"))
        .await
        .unwrap();
    seed(
        store,
        &[registration("REG-1", "2026-03-01 09:00:00", LUDAO), registration("REG-2", "2026-03-02 09:00:00", YANCHI)],
    )
    .await;
    let d1 = decision("REG-1", Outcome::Review, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    let d2 = decision("REG-1", Outcome::Approved, DecisionStatus::Accepted, "2026-03-04 08:00:00");
    store.record_decisions(&[(d1.clone(), decision_entry(&d1, "华南", MOYU))]).await.unwrap();
    let ids = store.record_decisions(&[(d2.clone(), decision_entry(&d2, "华南", MOYU))]).await.unwrap();
    // A dispute contests the current decision.
    let open = dispute("REG-1", ids[0]);
    store.open_dispute(&open, NewEntry::new("赵敏", "dispute.open", "REG-1")).await.unwrap();
    let user = User { name: "赵敏".into(), role: Role::RegionalHead, regions: vec!["华南".into()] };
    store.save_user(&user, NewEntry::new("admin", "user.add", "赵敏")).await.unwrap();
    let settings = Settings { protection_days: 45, ..Settings::default() };
    store.save_settings(&settings, "admin", NewEntry::new("admin", "settings.update", "settings")).await.unwrap();
}

pub(crate) async fn reopening_the_database_keeps_everything<B: Backend>(backend: &B) {
    let store = backend.open().await;
    fill(&store).await;
    let before = snapshot(&store).await;
    assert_eq!(before.audit.len(), 8);
    backend.close(store).await;

    let store = backend.open().await;
    let after = snapshot(&store).await;
    assert_eq!(after, before, "everything survives closing and reopening");
    assert_chain_intact(&store).await;

    // Writing after reopening continues where the log, the decision ids and the settings versions left off.
    let d3 = decision("REG-2", Outcome::CoSell, DecisionStatus::Proposed, "2026-03-05 08:00:00");
    let ids = store.record_decisions(&[(d3.clone(), decision_entry(&d3, "华东", LIXING))]).await.unwrap();
    assert!(ids[0] > after.history.last().unwrap().id);
    let audit = NewEntry::new("admin", "settings.update", "settings");
    assert_eq!(store.save_settings(&Settings::default(), "admin", audit).await.unwrap(), 2);
    let c =
        store.import_follow_ups(&[follow_up("FU-1", LUDAO)], log("f2.csv", 1), import_entry("f2.csv")).await.unwrap();
    assert_eq!((c.inserted, c.updated), (0, 1), "existing ids still known after reopening");
    let entries = assert_chain_intact(&store).await;
    assert_eq!(entries.len(), 11);
    let expected = snapshot(&store).await;
    backend.close(store).await;

    // And a third time, to be sure reopening is repeatable.
    let store = backend.open().await;
    assert_eq!(snapshot(&store).await, expected);
    backend.close(store).await;
}

pub(crate) async fn a_second_store_on_the_same_database_sees_the_same_data<B: Backend>(backend: &B) {
    let first = backend.open().await;
    let second = backend.open().await;
    fill(&first).await;
    assert_eq!(snapshot(&second).await, snapshot(&first).await);
    // Both write; the chain stays one chain.
    second.append_audit(NewEntry::new("王丽娜", "export", "a.csv")).await.unwrap();
    first.append_audit(NewEntry::new("王丽娜", "export", "b.csv")).await.unwrap();
    let entries = assert_chain_intact(&first).await;
    assert_eq!(entries.iter().rev().take(2).map(|e| e.subject.as_str()).collect::<Vec<_>>(), ["b.csv", "a.csv"]);
    backend.close(second).await;
    backend.close(first).await;
}
