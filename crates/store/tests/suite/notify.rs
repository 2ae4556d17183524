//! The notification outbox: audit entries read after a cursor by action and outcome, messages queued
//! once (the cursor moves only from where the caller saw it), and delivery attempts recorded.

use chrono::{Duration, NaiveDate};
use dealgate_audit::NewEntry;
use dealgate_store::{Delivery, NewNotification, Store};

pub(crate) async fn the_outbox_reads_events_after_its_cursor_queues_once_and_records_attempts(store: &dyn Store) {
    assert_eq!(store.notify_cursor().await.unwrap(), 0, "a new database starts at the log's head");
    for (action, subject, outcome) in [
        ("check.propose", "R1", "approved"),
        ("check.propose", "R2", "review"),
        ("dispute.open", "R3", "co_sell"),
        ("export", "log.csv", "approved"),
    ] {
        store.append_audit(NewEntry::new("王芳", action, subject).outcome(outcome)).await.unwrap();
    }
    let events = [("dispute.open", None), ("check.propose", Some("review"))];
    let found = store.audit_events_after(0, &events, 100).await.unwrap();
    let seen: Vec<(i64, &str)> = found.iter().map(|e| (e.seq, e.subject.as_str())).collect();
    assert_eq!(seen, [(2, "R2"), (3, "R3")]);
    assert_eq!(store.audit_events_after(2, &events, 100).await.unwrap().len(), 1);
    assert_eq!(store.audit_events_after(0, &events, 1).await.unwrap()[0].subject, "R2");

    let at = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap().and_hms_opt(8, 0, 0).unwrap();
    let item = |kind: &str, seq: i64| NewNotification {
        kind: kind.into(),
        first_seq: seq,
        last_seq: seq,
        text: format!("【DealGate】报备 R{seq}"),
        created_at: at,
    };
    assert!(store.queue_notifications(0, 4, &[item("review", 2), item("dispute_opened", 3)]).await.unwrap());
    assert!(!store.queue_notifications(0, 4, &[item("review", 2)]).await.unwrap(), "another run got there first");
    assert_eq!(store.notify_cursor().await.unwrap(), 4);

    let due = store.due_notifications(at, 3).await.unwrap();
    assert_eq!(due.iter().map(|n| n.first_seq).collect::<Vec<_>>(), [2, 3]);
    assert_eq!((due[0].attempts, due[0].delivered_at, due[0].text.as_str()), (0, None, "【DealGate】报备 R2"));
    let later = at + Duration::minutes(1);
    let failed = Delivery { at, error: Some("HTTP 500".into()), next_attempt_at: later };
    store.record_delivery(due[0].id, &failed).await.unwrap();
    store.record_delivery(due[1].id, &Delivery { at, error: None, next_attempt_at: later }).await.unwrap();
    assert!(store.due_notifications(at, 3).await.unwrap().is_empty(), "the failed one waits, the other is done");
    let again = store.due_notifications(later, 3).await.unwrap();
    assert_eq!((again.len(), again[0].attempts, again[0].last_error.as_deref()), (1, 1, Some("HTTP 500")));
    assert!(store.due_notifications(later, 1).await.unwrap().is_empty(), "given up after the attempts allowed");
    let log = store.notifications(10).await.unwrap();
    assert_eq!(log.iter().map(|n| (n.first_seq, n.delivered_at)).collect::<Vec<_>>(), [(3, Some(at)), (2, None)]);
}
