//! Disputes: opened and listed, ruled once with the ruled decision made current, all with their audit entries.

use crate::support::*;
use dealgate_audit::NewEntry;
use dealgate_domain::{Decision, DecisionStatus, Dispute, DisputeStatus, Outcome};
use dealgate_store::{Store, StoreError};
use serde_json::json;

/// Two registrations, each with a current decision; returns their decision ids.
async fn decided(store: &dyn Store) -> (i64, i64) {
    seed(
        store,
        &[registration("REG-1", "2026-03-01 09:00:00", LUDAO), registration("REG-2", "2026-03-02 09:00:00", YANCHI)],
    )
    .await;
    let d1 = decision("REG-1", Outcome::DirectRetained, DecisionStatus::Accepted, "2026-03-04 08:00:00");
    let d2 = decision("REG-2", Outcome::Duplicate, DecisionStatus::Accepted, "2026-03-04 08:00:00");
    let ids = store
        .record_decisions(&[
            (d1.clone(), decision_entry(&d1, "华南", MOYU)),
            (d2.clone(), decision_entry(&d2, "华东", LIXING)),
        ])
        .await
        .unwrap();
    (ids[0], ids[1])
}

fn open_entry(d: &Dispute) -> NewEntry {
    NewEntry::new(&d.opened_by, "dispute.open", &d.registration_id)
        .region("华南")
        .partner(MOYU)
        .payload(json!({ "claim": d.claim }))
}

/// The ruled dispute and the ruled decision, as the API builds them.
fn ruling(open: &Dispute, outcome: Outcome) -> (Dispute, Decision, NewEntry) {
    let ruled = Dispute {
        status: DisputeStatus::Ruled,
        ruled_by: Some("孙浩然".into()),
        ruling: Some(outcome),
        rationale: Some("谁能打赢：伙伴已完成 POC，直营无有效跟进".into()),
        ruled_at: Some(dt("2026-03-08 16:45:00")),
        ..open.clone()
    };
    let ruled_decision = Decision {
        rule: "ruling".into(),
        actor: "孙浩然".into(),
        reason: ruled.rationale.clone(),
        ..decision(&open.registration_id, outcome, DecisionStatus::Ruled, "2026-03-08 16:45:00")
    };
    let audit = NewEntry::new("孙浩然", "dispute.rule", &open.registration_id)
        .region("华南")
        .partner(MOYU)
        .outcome(outcome.as_str())
        .rule("ruling")
        .payload(json!({ "dispute_id": open.id }));
    (ruled, ruled_decision, audit)
}

pub(crate) async fn an_opened_dispute_is_listed_as_open(store: &dyn Store) {
    let (d1, _) = decided(store).await;
    let new = dispute("REG-1", d1);
    let id = store.open_dispute(&new, open_entry(&new)).await.unwrap();
    let opened = Dispute { id, ..new };
    assert_eq!(store.dispute(id).await.unwrap(), Some(opened.clone()));
    assert_eq!(store.disputes(true).await.unwrap(), vec![opened.clone()]);
    assert_eq!(store.disputes(false).await.unwrap(), vec![opened.clone()]);
    assert_eq!(store.dispute(id + 100).await.unwrap(), None);

    let entries = assert_chain_intact(store).await;
    let last = entries.last().unwrap();
    assert_eq!((last.action.as_str(), last.subject.as_str()), ("dispute.open", "REG-1"));
    assert_eq!(last.payload["dispute_id"], json!(id), "the entry names the dispute");
    assert_eq!(last.payload["claim"], json!(opened.claim));
}

pub(crate) async fn a_ruling_closes_the_dispute_and_its_decision_becomes_current(store: &dyn Store) {
    let (d1, _) = decided(store).await;
    let new = dispute("REG-1", d1);
    let id = store.open_dispute(&new, open_entry(&new)).await.unwrap();
    let open = Dispute { id, ..new };
    let (ruled, decision, audit) = ruling(&open, Outcome::Approved);
    let decision_id = store.rule_dispute(&ruled, decision.clone(), audit).await.unwrap();
    assert!(decision_id > d1);

    let back = store.dispute(id).await.unwrap().expect("still there");
    assert_eq!(back, ruled);
    assert_eq!(back.status, DisputeStatus::Ruled);
    assert_eq!(back.ruled_by.as_deref(), Some("孙浩然"));
    assert_eq!(back.ruling, Some(Outcome::Approved));
    assert!(store.disputes(true).await.unwrap().is_empty(), "no longer open");
    assert_eq!(store.disputes(false).await.unwrap(), vec![ruled]);

    let current = Decision { id: decision_id, ..decision };
    assert_eq!(store.current_decision("REG-1").await.unwrap(), Some(current.clone()));
    let history = store.decision_history("REG-1").await.unwrap();
    assert_eq!(history.iter().map(|d| d.id).collect::<Vec<_>>(), [d1, decision_id]);
    assert_eq!(history[1], current);

    let entries = assert_chain_intact(store).await;
    let last = entries.last().unwrap();
    assert_eq!((last.action.as_str(), last.outcome.as_deref()), ("dispute.rule", Some("approved")));
    assert_eq!(last.payload, json!({ "dispute_id": id, "decision_id": decision_id }));
}

pub(crate) async fn disputes_are_listed_newest_first(store: &dyn Store) {
    let (d1, d2) = decided(store).await;
    let a = dispute("REG-1", d1);
    let b = Dispute { region: None, opened_by: LIXING.into(), ..dispute("REG-2", d2) };
    let ida = store.open_dispute(&a, open_entry(&a)).await.unwrap();
    let idb = store.open_dispute(&b, open_entry(&b)).await.unwrap();
    assert!(idb > ida);
    let (a, b) = (Dispute { id: ida, ..a }, Dispute { id: idb, ..b });
    assert_eq!(store.disputes(false).await.unwrap(), vec![b.clone(), a.clone()]);

    let (ruled_a, decision, audit) = ruling(&a, Outcome::CoSell);
    store.rule_dispute(&ruled_a, decision, audit).await.unwrap();
    assert_eq!(store.disputes(true).await.unwrap(), vec![b.clone()]);
    assert_eq!(store.disputes(false).await.unwrap(), vec![b, ruled_a]);
}

pub(crate) async fn a_failed_ruling_writes_nothing(store: &dyn Store) {
    let (d1, _) = decided(store).await;
    let new = dispute("REG-1", d1);
    let id = store.open_dispute(&new, open_entry(&new)).await.unwrap();
    let open = Dispute { id, ..new };
    let log_before = all_entries(store).await;
    let head_before = store.audit_head().await.unwrap();
    let current_before = store.current_decision("REG-1").await.unwrap();

    // The ruled decision names a registration that does not exist: the ruling must fail as a whole.
    let (ruled, decision, audit) = ruling(&open, Outcome::Approved);
    let bad = Decision { registration_id: "REG-MISSING".into(), ..decision };
    assert!(store.rule_dispute(&ruled, bad, audit).await.is_err());

    assert_eq!(store.dispute(id).await.unwrap(), Some(open.clone()), "dispute still open, unruled");
    assert_eq!(store.disputes(true).await.unwrap(), vec![open]);
    assert_eq!(store.current_decision("REG-1").await.unwrap(), current_before);
    assert_eq!(store.decision_history("REG-1").await.unwrap().len(), 1);
    assert_eq!(all_entries(store).await, log_before);
    assert_eq!(store.audit_head().await.unwrap(), head_before);
}

pub(crate) async fn a_dispute_cannot_be_ruled_twice_or_unknown(store: &dyn Store) {
    let (d1, _) = decided(store).await;
    let new = dispute("REG-1", d1);
    let id = store.open_dispute(&new, open_entry(&new)).await.unwrap();
    let open = Dispute { id, ..new };
    let (ruled, decision, audit) = ruling(&open, Outcome::Approved);
    let first = store.rule_dispute(&ruled, decision, audit).await.unwrap();
    let log_before = all_entries(store).await;
    let head_before = store.audit_head().await.unwrap();

    // A second ruling (say, a colleague who loaded the dispute while it was open) must not overwrite the first.
    let (again, decision, audit) = ruling(&open, Outcome::DirectRetained);
    assert!(
        store.rule_dispute(&again, decision, audit).await.is_err(),
        "an already ruled dispute cannot be ruled again"
    );
    // Nor can a dispute that does not exist be ruled.
    let ghost = Dispute { id: id + 100, ..open.clone() };
    let (ghost, decision, audit) = ruling(&ghost, Outcome::Approved);
    assert!(store.rule_dispute(&ghost, decision, audit).await.is_err(), "an unknown dispute cannot be ruled");

    assert_eq!(store.dispute(id).await.unwrap(), Some(ruled), "the first ruling stands");
    assert_eq!(store.current_decision("REG-1").await.unwrap().map(|d| d.id), Some(first));
    assert_eq!(store.decision_history("REG-1").await.unwrap().len(), 2);
    assert_eq!(all_entries(store).await, log_before);
    assert_eq!(store.audit_head().await.unwrap(), head_before);
}

pub(crate) async fn a_dispute_opens_only_on_the_current_decision_and_only_once(store: &dyn Store) {
    let (d1, _) = decided(store).await;
    let first = dispute("REG-1", d1);
    store.open_dispute(&first, open_entry(&first)).await.unwrap();
    let entries = all_entries(store).await.len();
    let second = Dispute { opened_by: LIXING.into(), ..dispute("REG-1", d1) };
    let again = store.open_dispute(&second, open_entry(&second)).await;
    assert!(
        matches!(&again, Err(StoreError::Changed { detail, .. }) if detail.contains("open")),
        "a second open dispute on one registration is refused: {again:?}"
    );
    let stale = dispute("REG-2", d1);
    let wrong = store.open_dispute(&stale, open_entry(&stale)).await;
    assert!(matches!(wrong, Err(StoreError::Changed { .. })), "the decision disputed is not REG-2's: {wrong:?}");
    assert_eq!(all_entries(store).await.len(), entries, "refusals write nothing");
    assert_eq!(store.disputes(true).await.unwrap().len(), 1);
}
