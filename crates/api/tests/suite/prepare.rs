//! The matching index prepared ahead of the first check (as the desktop app does when it opens a
//! database): built once, used by the checks that follow, built again once another process imports.

use crate::support::*;
use dealgate_api::domain::RecordKind;
use dealgate_api::{Api, Selection};
use std::sync::Arc;

/// Registrations, head accounts and follow-ups [`imported`] holds.
const RECORDS: usize = 4 + 1 + 1;

#[tokio::test]
async fn an_index_prepared_ahead_serves_the_first_check_and_is_built_again_after_another_process_imports() {
    let env = imported().await;
    // A new process on the same database: nothing cached yet.
    let app = Api::open_sqlite(&env.path("dealgate.db")).await.unwrap();
    let prepared = Arc::new(Recorder::default());
    app.prepare_index(prepared.clone()).await.unwrap();
    assert_eq!(prepared.of("indexing").last(), Some(&(RECORDS, RECORDS)), "built, every record");

    let again = Arc::new(Recorder::default());
    app.prepare_index(again.clone()).await.unwrap();
    assert_eq!(again.of("indexing"), [], "up to date: nothing to build");

    let check = Arc::new(Recorder::default());
    let report = app.check(Selection::All, as_of(), Some(MANAGER), check.clone()).await.unwrap();
    assert_eq!(report.decision_ids.len(), 4);
    assert_eq!(check.of("indexing"), [], "the check used the prepared index");
    assert!(!check.of("checking").is_empty(), "and checked: {:?}", check.events.lock().unwrap());

    // Another process (the CLI, here `env.api`) imports a follow-up: the index is behind the store.
    let more = env.write(
        "more.csv",
        "record_id,account_name,activity_date,activity_type\nF2,深圳拾光教育科技有限公司,2026-06-18,visit\n".as_bytes(),
    );
    env.api.import(RecordKind::FollowUp, &more, Some(ADMIN)).await.unwrap();
    let behind = Arc::new(Recorder::default());
    app.prepare_index(behind.clone()).await.unwrap();
    assert_eq!(behind.of("indexing").last(), Some(&(RECORDS + 1, RECORDS + 1)), "built again with the new row");
    let a3 = app.propose("A3", as_of()).await.unwrap();
    assert!(a3.matches.iter().any(|m| m.record_id == "F2"), "the new follow-up is found: {:?}", a3.matches);
}
