//! Decisions: every version kept, the last one current, evidence intact, and a batch is all or nothing.

use crate::support::*;
use dealgate_domain::{Band, Decision, DecisionStatus, Explanation, Lead, MatchEvidence, Outcome, Source, Standing};
use dealgate_store::{DecisionSlice, QueueQuery, Store, StoreError};
use serde_json::json;

async fn three_registrations(store: &dyn Store) {
    seed(
        store,
        &[
            registration("REG-3", "2026-03-03 09:00:00", YANCHI),
            registration("REG-1", "2026-03-01 09:00:00", YUNFAN),
            registration("REG-2", "2026-03-02 09:00:00", CHURUI),
        ],
    )
    .await;
}

fn stored(d: &Decision, id: i64) -> Decision {
    Decision { id, ..d.clone() }
}

pub(crate) async fn the_current_decision_is_the_last_recorded_and_history_keeps_every_version(store: &dyn Store) {
    three_registrations(store).await;
    let proposed = decision("REG-1", Outcome::Review, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    let overridden = Decision {
        outcome: Outcome::CoSell,
        status: DecisionStatus::Overridden,
        lead: Some(Lead::DirectLed),
        actor: "王丽娜".into(),
        reason: Some("直营仍在跟进，转为项目合作".into()),
        matches: Vec::new(),
        created_at: dt("2026-03-04 10:30:00"),
        ..proposed.clone()
    };
    let expired = Decision {
        status: DecisionStatus::Expired,
        lead: None,
        direct_owner: None,
        protection_until: None,
        reason: None,
        actor: "system".into(),
        created_at: dt("2026-06-02 00:00:00"),
        ..overridden.clone()
    };
    let mut ids = Vec::new();
    for d in [&proposed, &overridden, &expired] {
        let id = store.record_decisions(&[(d.clone(), decision_entry(d, "华南", MOYU))]).await.unwrap();
        assert_eq!(id.len(), 1);
        ids.push(id[0]);
        assert_eq!(
            store.current_decision("REG-1").await.unwrap(),
            Some(stored(d, id[0])),
            "the last recorded is current"
        );
    }
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids increase: {ids:?}");
    assert_eq!(
        store.decision_history("REG-1").await.unwrap(),
        vec![stored(&proposed, ids[0]), stored(&overridden, ids[1]), stored(&expired, ids[2])],
        "every version, oldest first"
    );
    assert_eq!(store.current_decisions().await.unwrap(), vec![stored(&expired, ids[2])]);
    assert_eq!(store.current_decision("REG-2").await.unwrap(), None, "undecided");
    assert_eq!(store.current_decision("REG-NONE").await.unwrap(), None);
    assert!(store.decision_history("REG-2").await.unwrap().is_empty());
}

pub(crate) async fn decisions_streamed_in_slices_are_stored_only_when_the_stream_says_it_is_complete(
    store: &dyn Store,
) {
    three_registrations(store).await;
    let d3 = decision("REG-3", Outcome::DirectRetained, DecisionStatus::Proposed, "2026-03-04 08:00:00");
    let d1 = decision("REG-1", Outcome::Approved, DecisionStatus::Proposed, "2026-03-04 08:00:00");
    let d2 = decision("REG-2", Outcome::NeedsInfo, DecisionStatus::Proposed, "2026-03-04 08:00:00");
    let slice = |ds: &[&Decision]| {
        DecisionSlice::Items(ds.iter().map(|d| ((*d).clone(), decision_entry(d, "华南", MOYU))).collect())
    };

    // A stream that closes without its end (a cancelled check) stores nothing, not even its first slices.
    let (send, slices) = tokio::sync::mpsc::channel(4);
    send.send(slice(&[&d3, &d1])).await.unwrap();
    drop(send);
    let err = store.record_decisions_streamed(3, slices).await.unwrap_err();
    assert!(matches!(err, StoreError::Abandoned { received: 2 }), "{err:?}");
    assert_eq!(store.current_decisions().await.unwrap(), vec![]);
    assert_eq!(assert_chain_intact(store).await.len(), 1, "only the import's entry");

    // Slices written as they come, committed at the end: ids in the order sent, across slices.
    let (send, slices) = tokio::sync::mpsc::channel(1);
    let (first, second) = (slice(&[&d3, &d1]), slice(&[&d2]));
    let sender = async move {
        send.send(first).await.unwrap();
        send.send(second).await.unwrap();
        send.send(DecisionSlice::End).await.unwrap();
    };
    let (ids, ()) = tokio::join!(store.record_decisions_streamed(3, slices), sender);
    let ids = ids.unwrap();
    assert!(ids.len() == 3 && ids[0] < ids[1] && ids[1] < ids[2], "ids in the order sent: {ids:?}");
    assert_eq!(
        store.decisions_by_ids(&ids).await.unwrap(),
        vec![stored(&d3, ids[0]), stored(&d1, ids[1]), stored(&d2, ids[2])]
    );
    // Read back in the order asked: an id asked twice comes twice, an unknown one not at all.
    assert_eq!(
        store.decisions_by_ids(&[ids[2], ids[0] + 1000, ids[0], ids[2]]).await.unwrap(),
        vec![stored(&d2, ids[2]), stored(&d3, ids[0]), stored(&d2, ids[2])]
    );
    assert!(store.decisions_by_ids(&[]).await.unwrap().is_empty());
    assert_eq!(
        store.current_decisions().await.unwrap(),
        vec![stored(&d1, ids[1]), stored(&d2, ids[2]), stored(&d3, ids[0])],
        "in submission order"
    );
    let chain = assert_chain_intact(store).await;
    assert_eq!(chain.len(), 1 + 3, "the import and one entry per decision");
    assert_eq!(chain[3].payload["decision_id"], json!(ids[2]), "each entry names its decision");
}

pub(crate) async fn standings_come_in_id_order_all_of_them_or_those_after_an_id(store: &dyn Store) {
    three_registrations(store).await;
    let d3 = decision("REG-3", Outcome::DirectRetained, DecisionStatus::Proposed, "2026-03-04 08:00:00");
    let d1 = decision("REG-1", Outcome::Approved, DecisionStatus::Accepted, "2026-03-04 08:00:00");
    let items = [&d3, &d1].map(|d| (d.clone(), decision_entry(d, "华南", MOYU))).to_vec();
    let ids = store.record_decisions(&items).await.unwrap();
    // All of them (a cold start, through the bulk reader) and those after the first (through the pool)
    // read alike.
    let all = store.standings_after(0).await.unwrap();
    let expected = |d: &Decision, id: i64| (d.registration_id.clone(), Standing::of(&Decision { id, ..d.clone() }));
    assert_eq!(all, vec![expected(&d3, ids[0]), expected(&d1, ids[1])]);
    assert_eq!(store.standings_after(ids[0]).await.unwrap(), vec![expected(&d1, ids[1])]);
    assert_eq!(store.standings_after(ids[1]).await.unwrap(), vec![]);
}

pub(crate) async fn a_batch_decides_several_registrations_in_order(store: &dyn Store) {
    three_registrations(store).await;
    let d3 = decision("REG-3", Outcome::DirectRetained, DecisionStatus::Proposed, "2026-03-04 08:00:00");
    let d1 = decision("REG-1", Outcome::Approved, DecisionStatus::Proposed, "2026-03-04 08:00:00");
    let d1b = Decision { outcome: Outcome::NeedsInfo, protection_until: None, ..d1.clone() };
    let items = [&d3, &d1, &d1b].map(|d| (d.clone(), decision_entry(d, "华南", MOYU))).to_vec();
    let ids = store.record_decisions(&items).await.unwrap();
    assert_eq!(ids.len(), 3);
    assert!(ids[0] < ids[1] && ids[1] < ids[2], "ids in the order given: {ids:?}");
    // Listed in registration submission order; REG-2 has none; REG-1's second item in the batch wins.
    assert_eq!(store.current_decisions().await.unwrap(), vec![stored(&d1b, ids[2]), stored(&d3, ids[0])]);
    assert_eq!(store.decision_history("REG-1").await.unwrap(), vec![stored(&d1, ids[1]), stored(&d1b, ids[2])]);
    assert_eq!(store.record_decisions(&[]).await.unwrap(), Vec::<i64>::new());
    assert_eq!(assert_chain_intact(store).await.len(), 1 + 3, "the import and one entry per decision");
}

pub(crate) async fn match_evidence_round_trips_exactly(store: &dyn Store) {
    three_registrations(store).await;
    let mut d = decision("REG-2", Outcome::CoSell, DecisionStatus::Proposed, "2026-03-04 08:00:00");
    let mut odd = Explanation::default();
    odd.context.insert("备注".into(), "含\"引号\"、换行\n和反斜杠\\".into());
    d.matches.push(MatchEvidence {
        source: Source::FollowUp,
        record_id: "FU-\u{1F600}".into(),
        name: String::new(),
        score: 1.0,
        band: Band::Match,
        evidence: odd,
    });
    let ids = store.record_decisions(&[(d.clone(), decision_entry(&d, "西南", LIXING))]).await.unwrap();
    let back = store.current_decision("REG-2").await.unwrap().expect("stored");
    assert_eq!(back, stored(&d, ids[0]));
    // Floats bit for bit, not merely close.
    for (got, want) in back.matches.iter().zip(&d.matches) {
        assert_eq!(got.score.to_bits(), want.score.to_bits());
        for (g, w) in got.evidence.reasons.iter().zip(&want.evidence.reasons) {
            assert_eq!(g.contribution.to_bits(), w.contribution.to_bits(), "{}", w.feature);
        }
    }
    assert_eq!(back.matches[0].evidence.reasons[2].agreed, None);
    assert_eq!(back.matches[0].evidence.context["owner"], "陈晓明");
}

pub(crate) async fn each_decision_writes_its_audit_entry_naming_the_decision(store: &dyn Store) {
    three_registrations(store).await;
    let d1 = decision("REG-1", Outcome::Approved, DecisionStatus::Accepted, "2026-03-04 08:00:00");
    let d2 = decision("REG-2", Outcome::Duplicate, DecisionStatus::Proposed, "2026-03-04 08:00:00");
    let ids = store
        .record_decisions(&[
            (d1.clone(), decision_entry(&d1, "华东", MOYU)),
            (d2.clone(), decision_entry(&d2, "西南", LIXING)),
        ])
        .await
        .unwrap();
    let entries = assert_chain_intact(store).await;
    assert_eq!(entries.len(), 3);
    let (e1, e2) = (&entries[1], &entries[2]);
    assert_eq!((e1.subject.as_str(), e1.region.as_deref(), e1.partner.as_deref()), ("REG-1", Some("华东"), Some(MOYU)));
    assert_eq!((e2.subject.as_str(), e2.outcome.as_deref()), ("REG-2", Some("duplicate")));
    assert_eq!(e1.rule.as_deref(), Some("5-partner-first"));
    assert_eq!(e1.payload, json!({ "summary": d1.summary, "decision_id": ids[0] }));
    assert_eq!(e2.payload["decision_id"], json!(ids[1]));
}

pub(crate) async fn a_batch_with_an_invalid_item_writes_nothing(store: &dyn Store) {
    three_registrations(store).await;
    let before = decision("REG-1", Outcome::Review, DecisionStatus::Proposed, "2026-03-04 08:00:00");
    let first_ids = store.record_decisions(&[(before.clone(), decision_entry(&before, "华南", MOYU))]).await.unwrap();
    let log_before = all_entries(store).await;
    let head_before = store.audit_head().await.unwrap();

    // Valid, then one for a registration that does not exist, then valid again.
    let ok1 = decision("REG-1", Outcome::Approved, DecisionStatus::Accepted, "2026-03-05 08:00:00");
    let bad = decision("REG-MISSING", Outcome::Approved, DecisionStatus::Accepted, "2026-03-05 08:00:00");
    let ok2 = decision("REG-2", Outcome::Approved, DecisionStatus::Accepted, "2026-03-05 08:00:00");
    let items = [&ok1, &bad, &ok2].map(|d| (d.clone(), decision_entry(d, "华南", MOYU))).to_vec();
    assert!(store.record_decisions(&items).await.is_err(), "a decision on an unknown registration must fail");

    assert_eq!(
        store.current_decision("REG-1").await.unwrap(),
        Some(stored(&before, first_ids[0])),
        "first item undone"
    );
    assert_eq!(store.decision_history("REG-1").await.unwrap().len(), 1);
    assert_eq!(store.current_decision("REG-2").await.unwrap(), None);
    assert!(store.decision_history("REG-MISSING").await.unwrap().is_empty());
    assert_eq!(all_entries(store).await, log_before, "no audit entry of the failed batch");
    assert_eq!(store.audit_head().await.unwrap(), head_before, "audit head unchanged");

    // The store is still usable and the chain continues without a gap.
    let ids = store.record_decisions(&[(ok2.clone(), decision_entry(&ok2, "华南", MOYU))]).await.unwrap();
    assert!(ids[0] > first_ids[0]);
    assert_eq!(store.current_decision("REG-2").await.unwrap(), Some(stored(&ok2, ids[0])));
    let entries = assert_chain_intact(store).await;
    assert_eq!(entries.len(), log_before.len() + 1);
}

pub(crate) async fn a_large_batch_keeps_the_queue_columns_and_the_chain(store: &dyn Store) {
    // Large enough for the store's big-write path; REG-00000 is decided three times in the batch.
    let regs: Vec<_> =
        (0..10_000).map(|i| registration(&format!("REG-{i:05}"), "2026-03-01 09:00:00", YUNFAN)).collect();
    seed(store, &regs).await;
    let mut ds: Vec<Decision> = regs
        .iter()
        .map(|r| decision(&r.registration_id, Outcome::Approved, DecisionStatus::Proposed, "2026-03-04 08:00:00"))
        .collect();
    ds.push(decision("REG-00000", Outcome::CoSell, DecisionStatus::Accepted, "2026-03-05 09:00:00"));
    ds.push(decision("REG-00000", Outcome::Review, DecisionStatus::Overridden, "2026-03-06 09:00:00"));
    let items: Vec<_> = ds.iter().map(|d| (d.clone(), decision_entry(d, "华南", MOYU))).collect();
    let ids = store.record_decisions(&items).await.unwrap();
    assert_eq!(ids.len(), 10_002);
    let last = store.current_decision("REG-00000").await.unwrap().unwrap();
    assert_eq!(last, stored(&ds[10_001], ids[10_001]), "the last of a registration's decisions is current");
    assert_eq!(store.current_decision("REG-09999").await.unwrap().unwrap().id, ids[9_999]);
    let queue_row = |id: &str| {
        let query = QueueQuery { search: Some(id.into()), limit: 10, ..QueueQuery::default() };
        async move { store.queue(&query, day("2026-03-10")).await.unwrap().rows.remove(0) }
    };
    let row = queue_row("REG-00000").await;
    assert_eq!((row.outcome, row.status), (Some(Outcome::Review), Some(DecisionStatus::Overridden)));
    assert_eq!(row.top_score, ds[10_001].matches.first().map(|m| m.score));
    let other = queue_row("REG-04321").await;
    assert_eq!((other.outcome, other.protection_until), (Some(Outcome::Approved), ds[4321].protection_until));
    let proposed = QueueQuery { outcome: Some(Outcome::Approved), limit: 1, ..QueueQuery::default() };
    assert_eq!(store.queue(&proposed, day("2026-03-10")).await.unwrap().total, 9_999);
    // The first decision a person made (accepted, a day before the override) is what the figures count.
    let figures = store.decision_figures(day("2026-03-01"), day("2026-12-31")).await.unwrap();
    assert_eq!(figures.median_hours_to_decision, Some(4.0 * 24.0));
    assert_eq!(assert_chain_intact(store).await.len(), 1 + 10_002);
    // What the write left for after its commit (the SQLite store's queue indexes) changes no answer.
    store.settle().await.unwrap();
    assert_eq!(store.queue(&proposed, day("2026-03-10")).await.unwrap().total, 9_999);
    let row = queue_row("REG-00000").await;
    assert_eq!((row.outcome, row.status), (Some(Outcome::Review), Some(DecisionStatus::Overridden)));
}

pub(crate) async fn a_checked_change_is_written_only_on_top_of_the_decision_it_replaces(store: &dyn Store) {
    three_registrations(store).await;
    let proposed = decision("REG-1", Outcome::Approved, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    let first =
        store.record_decisions(&[(proposed.clone(), decision_entry(&proposed, "华南", MOYU))]).await.unwrap()[0];
    let accepted = Decision { status: DecisionStatus::Accepted, actor: "王丽娜".into(), ..proposed.clone() };
    let overridden = Decision {
        outcome: Outcome::CoSell,
        status: DecisionStatus::Overridden,
        actor: "李行".into(),
        reason: Some("直营仍在跟进".into()),
        ..proposed.clone()
    };
    // Both read `first`; the accept gets there first, so the override built on `first` must fail.
    let won = store
        .record_decisions_checked(&[first], &[(accepted.clone(), decision_entry(&accepted, "华南", MOYU))])
        .await
        .unwrap()[0];
    let entries_before = all_entries(store).await.len();
    let lost = store
        .record_decisions_checked(&[first], &[(overridden.clone(), decision_entry(&overridden, "华南", MOYU))])
        .await;
    match lost {
        Err(StoreError::Changed { subject, detail }) => {
            assert_eq!(subject, "REG-1");
            assert!(detail.contains("accepted") && detail.contains("王丽娜"), "names what it is now: {detail}");
        }
        other => panic!("expected a changed-since-you-looked conflict, got {other:?}"),
    }
    assert_eq!(store.current_decision("REG-1").await.unwrap().map(|d| (d.id, d.status)), Some((won, accepted.status)));
    assert_eq!(all_entries(store).await.len(), entries_before, "nothing written, not even the audit entry");

    // Built on the decision that is current now, it goes in.
    let ok = store
        .record_decisions_checked(&[won], &[(overridden.clone(), decision_entry(&overridden, "华南", MOYU))])
        .await
        .unwrap()[0];
    assert!(ok > won);
    // A registration with no decision is expected as 0; a batch with one stale item writes nothing.
    let d2 = decision("REG-2", Outcome::NeedsInfo, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    let d3 = decision("REG-3", Outcome::NeedsInfo, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    let batch = [(d2.clone(), decision_entry(&d2, "华南", MOYU)), (d3.clone(), decision_entry(&d3, "华南", MOYU))];
    assert!(matches!(store.record_decisions_checked(&[0, 12345], &batch).await, Err(StoreError::Changed { .. })));
    assert_eq!(store.current_decision("REG-2").await.unwrap(), None, "the whole batch or nothing");
    assert_eq!(store.record_decisions_checked(&[0, 0], &batch).await.unwrap().len(), 2);
    assert_chain_intact(store).await;
}
