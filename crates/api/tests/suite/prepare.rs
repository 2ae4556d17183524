//! The matching index prepared ahead of the first check (as the desktop app does when it opens a
//! database): built once, used by the checks that follow, built again once another process imports.

use crate::support::*;
use dealgate_api::domain::{HeadAccount, Outcome, RecordKind};
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

#[tokio::test]
async fn head_accounts_and_settings_changed_by_another_process_are_used_by_the_next_check() {
    let env = imported().await;
    // The desktop app, with its index built.
    let app = Api::open_sqlite(&env.path("dealgate.db")).await.unwrap();
    app.prepare_index(Arc::new(Recorder::default())).await.unwrap();
    let free = app.propose("A3", as_of()).await.unwrap();
    assert!(!free.matches.iter().any(|m| m.record_id == "H2"), "{:?}", free.matches);
    assert_eq!(free.outcome, Outcome::Approved, "A3 is free before: {}", free.summary);

    // Another process (the CLI, here `env.api`) lists A3's customer as a 华南 head account by hand.
    let account = HeadAccount {
        account_id: "H2".into(),
        region: "华南".into(),
        account_name: "深圳拾光教育科技有限公司".into(),
        uscc: None,
        website: None,
        owner: Some("周敏".into()),
        warnings: Vec::new(),
        former_names: Vec::new(),
        group: None,
    };
    env.api.add_head_account(account, ADMIN).await.unwrap();
    let held = app.propose("A3", as_of()).await.unwrap();
    assert!(held.matches.iter().any(|m| m.record_id == "H2"), "the new head account is found: {:?}", held.matches);
    assert_eq!(held.outcome, Outcome::DirectRetained, "{}", held.summary);

    // ... and removes it again: the next check no longer sees it.
    env.api.remove_head_account("H2", "录入错误", ADMIN).await.unwrap();
    let again = app.propose("A3", as_of()).await.unwrap();
    assert!(!again.matches.iter().any(|m| m.record_id == "H2"), "the removed account is gone: {:?}", again.matches);
    assert_eq!(again.outcome, Outcome::Approved);

    // Another process saves new settings: the next check decides with them and records their version.
    let (_, mut settings) = env.api.settings().await.unwrap();
    settings.review_threshold -= 0.01;
    let version = env.api.save_settings(settings, Some("更严"), ADMIN).await.unwrap();
    let report = app
        .check(Selection::Ids(vec!["A4".into()]), as_of(), Some(MANAGER), Arc::new(Recorder::default()))
        .await
        .unwrap();
    let stored = app.decisions(&report.decision_ids).await.unwrap();
    assert_eq!(stored[0].settings_version, version, "the check used the settings saved elsewhere");
}
