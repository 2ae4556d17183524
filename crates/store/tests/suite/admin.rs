//! The import log and source status, users (upserted by name) and versioned settings, each audited.

use crate::support::*;
use chrono::{DateTime, Utc};
use dealgate_audit::NewEntry;
use dealgate_domain::{MaturityField, RecordKind, Role, Settings, User};
use dealgate_store::{SourceStatus, Store};
use serde_json::json;

fn source(sources: &[SourceStatus], kind: RecordKind) -> &SourceStatus {
    sources.iter().find(|s| s.kind == kind).expect("every kind is listed")
}

/// Asserts `at` is an RFC 3339 time within a minute of now.
fn assert_recent(at: &str) {
    let t: DateTime<Utc> = DateTime::parse_from_rfc3339(at).expect("RFC 3339 import time").into();
    assert!((Utc::now() - t).num_seconds().abs() < 60, "import time {at} is not now");
}

pub(crate) async fn every_import_writes_one_audit_entry_and_one_import_log_row(store: &dyn Store) {
    store
        .import_follow_ups(
            &[follow_up("FU-1", YUNFAN), follow_up("FU-2", CHURUI)],
            log("跟进-1.csv", 2),
            import_entry("跟进-1.csv"),
        )
        .await
        .unwrap();
    assert_eq!(all_entries(store).await.len(), 1);
    store
        .import_head_accounts(&[head_account("HA-1", "华东", YUNFAN)], log("头部.xlsx", 1), import_entry("头部.xlsx"))
        .await
        .unwrap();
    assert_eq!(all_entries(store).await.len(), 2);
    seed(store, &[registration("REG-1", "2026-03-01 09:00:00", LUDAO)]).await;
    assert_eq!(all_entries(store).await.len(), 3);
    // A second follow-up file (one new, one updated), then an empty one: each still logged and audited.
    store
        .import_follow_ups(
            &[follow_up("FU-2", CHURUI), follow_up("FU-3", YANCHI)],
            log("跟进-2.csv", 2),
            import_entry("跟进-2.csv"),
        )
        .await
        .unwrap();
    let sources = store.sources().await.unwrap();
    let fu = source(&sources, RecordKind::FollowUp);
    assert_eq!((fu.rows, fu.last_file.as_deref()), (3, Some("跟进-2.csv")));
    store.import_follow_ups(&[], log("空文件.csv", 0), import_entry("空文件.csv")).await.unwrap();

    let entries = assert_chain_intact(store).await;
    let subjects: Vec<(&str, &str)> = entries.iter().map(|e| (e.action.as_str(), e.subject.as_str())).collect();
    assert_eq!(
        subjects,
        [
            ("import", "跟进-1.csv"),
            ("import", "头部.xlsx"),
            ("import", "报备.xlsx"),
            ("import", "跟进-2.csv"),
            ("import", "空文件.csv")
        ]
    );
    assert_eq!(entries[0].payload, json!({ "file": "跟进-1.csv" }), "the caller's payload is kept");

    let sources = store.sources().await.unwrap();
    assert_eq!(sources.len(), 3);
    let fu = source(&sources, RecordKind::FollowUp);
    assert_eq!((fu.rows, fu.last_file.as_deref()), (3, Some("空文件.csv")), "rows stay, last file is the latest");
    let ha = source(&sources, RecordKind::HeadAccount);
    assert_eq!((ha.rows, ha.last_file.as_deref()), (1, Some("头部.xlsx")));
    let reg = source(&sources, RecordKind::Registration);
    assert_eq!((reg.rows, reg.last_file.as_deref()), (1, Some("报备.xlsx")));
    for s in &sources {
        assert_recent(s.last_import_at.as_deref().expect("imported"));
    }
}

pub(crate) async fn sources_of_an_empty_store_hold_nothing(store: &dyn Store) {
    let sources = store.sources().await.unwrap();
    assert_eq!(sources.len(), 3);
    for kind in [RecordKind::FollowUp, RecordKind::HeadAccount, RecordKind::Registration] {
        assert_eq!(*source(&sources, kind), SourceStatus { kind, rows: 0, last_import_at: None, last_file: None });
    }
    assert!(store.registrations().await.unwrap().is_empty());
    assert!(store.follow_ups().await.unwrap().is_empty());
    assert!(store.head_accounts().await.unwrap().is_empty());
    assert!(store.current_decisions().await.unwrap().is_empty());
    assert!(store.disputes(false).await.unwrap().is_empty());
    assert!(store.users().await.unwrap().is_empty());
}

fn user(name: &str, role: Role, regions: &[&str]) -> User {
    User { name: name.into(), role, regions: regions.iter().map(|r| r.to_string()).collect() }
}

pub(crate) async fn users_are_upserted_by_name(store: &dyn Store) {
    assert_eq!(store.user("赵敏").await.unwrap(), None);
    let zhao = user("赵敏", Role::ChannelManager, &[]);
    let admin = user("admin", Role::Admin, &[]);
    store.save_user(&zhao, NewEntry::new("admin", "user.add", "赵敏")).await.unwrap();
    store.save_user(&admin, NewEntry::new("admin", "user.add", "admin")).await.unwrap();
    assert_eq!(store.user("赵敏").await.unwrap(), Some(zhao));

    let promoted = user("赵敏", Role::RegionalHead, &["华南", "西南"]);
    store.save_user(&promoted, NewEntry::new("admin", "user.update", "赵敏")).await.unwrap();
    assert_eq!(store.user("赵敏").await.unwrap(), Some(promoted.clone()));
    assert_eq!(store.users().await.unwrap(), vec![admin.clone(), promoted], "one row per name, listed by name");

    let narrowed = user("赵敏", Role::RegionalHead, &["西南"]);
    store.save_user(&narrowed, NewEntry::new("admin", "user.update", "赵敏")).await.unwrap();
    assert_eq!(store.user("赵敏").await.unwrap().unwrap().regions, ["西南"]);
    assert_eq!(store.users().await.unwrap().len(), 2);
    assert_eq!(store.user("zhao").await.unwrap(), None);

    let entries = assert_chain_intact(store).await;
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["user.add", "user.add", "user.update", "user.update"]);
}

pub(crate) async fn a_removed_user_is_gone_with_its_entry_and_an_unknown_one_writes_nothing(store: &dyn Store) {
    let kept = user("admin", Role::Admin, &[]);
    store.save_user(&kept, NewEntry::new("admin", "user.add", "admin")).await.unwrap();
    store
        .save_user(&user("周琳", Role::ChannelManager, &["华东"]), NewEntry::new("admin", "user.add", "周琳"))
        .await
        .unwrap();
    assert!(store.remove_user("周琳", NewEntry::new("admin", "user.remove", "周琳")).await.unwrap());
    assert_eq!(store.user("周琳").await.unwrap(), None);
    assert!(!store.remove_user("周琳", NewEntry::new("admin", "user.remove", "周琳")).await.unwrap());
    assert_eq!(store.users().await.unwrap(), vec![kept]);

    let entries = assert_chain_intact(store).await;
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["user.add", "user.add", "user.remove"], "a removal of nobody is not recorded");
}

pub(crate) async fn settings_start_at_the_defaults_and_each_save_is_a_new_version(store: &dyn Store) {
    assert_eq!(store.settings().await.unwrap(), (0, Settings::default()));

    let first = Settings {
        protection_days: 60,
        channel_only_regions: vec!["西北".into(), "东北".into()],
        ..Settings::default()
    };
    let audit = NewEntry::new("admin", "settings.update", "settings").payload(json!({ "protection_days": 60 }));
    assert_eq!(store.save_settings(&first, "admin", audit).await.unwrap(), 1);
    assert_eq!(store.settings().await.unwrap(), (1, first.clone()));

    let second = Settings {
        match_threshold: 0.912_345_678_9,
        maturity_fields: vec![MaturityField::Amount],
        effective_activity_types: vec!["visit".into(), "wechat".into()],
        ..first
    };
    let audit = NewEntry::new("admin", "settings.update", "settings").payload(json!({}));
    assert_eq!(store.save_settings(&second, "admin", audit).await.unwrap(), 2);
    assert_eq!(store.settings().await.unwrap(), (2, second.clone()), "the latest version is in force");

    // Saving the same settings again is still a new version.
    let audit = NewEntry::new("admin", "settings.update", "settings").payload(json!({}));
    assert_eq!(store.save_settings(&second, "admin", audit).await.unwrap(), 3);
    assert_eq!(store.settings().await.unwrap(), (3, second));

    let entries = assert_chain_intact(store).await;
    let versions: Vec<_> = entries.iter().map(|e| e.payload["version"].clone()).collect();
    assert_eq!(versions, [json!(1), json!(2), json!(3)], "each audit entry names the version it saved");
    assert_eq!(entries[0].payload["protection_days"], json!(60));
}
