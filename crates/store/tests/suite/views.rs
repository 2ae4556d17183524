//! Head accounts edited one at a time (audited, all or nothing), the paged audit log and settings versions.

use crate::support::*;
use dealgate_audit::NewEntry;
use dealgate_domain::Settings;
use dealgate_store::{AuditQuery, HeadAccountQuery, Store};
use serde_json::json;

fn head_entry(action: &str, id: &str) -> NewEntry {
    NewEntry::new("刘思远", action, id).region("华东").payload(json!({ "reason": "年度名单调整" }))
}

pub(crate) async fn head_accounts_are_added_and_removed_one_at_a_time_with_their_audit_entry(store: &dyn Store) {
    let a = head_account("HA-9", "华东", YUNFAN);
    assert!(store.add_head_account(&a, head_entry("head_account.add", "HA-9")).await.unwrap());
    assert_eq!(store.head_accounts().await.unwrap(), vec![a.clone()]);
    let entries = assert_chain_intact(store).await;
    assert_eq!((entries.len(), entries[0].action.as_str()), (1, "head_account.add"));

    // Adding a listed id again changes nothing and writes no audit entry.
    let other = head_account("HA-9", "西南", CHURUI);
    assert!(!store.add_head_account(&other, head_entry("head_account.add", "HA-9")).await.unwrap());
    assert_eq!(store.head_accounts().await.unwrap(), vec![a.clone()]);
    assert_eq!(all_entries(store).await.len(), 1);

    assert_eq!(store.remove_head_account("HA-404", head_entry("head_account.remove", "HA-404")).await.unwrap(), None);
    assert_eq!(all_entries(store).await.len(), 1, "removing an unknown id writes nothing");

    let removed = store.remove_head_account("HA-9", head_entry("head_account.remove", "HA-9")).await.unwrap();
    assert_eq!(removed, Some(a.clone()));
    assert!(store.head_accounts().await.unwrap().is_empty());
    let entries = assert_chain_intact(store).await;
    assert_eq!(entries[1].action, "head_account.remove");
    assert_eq!(entries[1].payload["removed"]["account_name"], YUNFAN, "the entry keeps what was removed");
    assert_eq!(entries[1].payload["reason"], "年度名单调整");
}

pub(crate) async fn head_accounts_page_by_region_and_search(store: &dyn Store) {
    let rows = [
        head_account("HA-1", "华东", YUNFAN),
        head_account("HA-2", "华东", YANCHI),
        head_account("HA-3", "西南", CHURUI),
        dealgate_domain::HeadAccount {
            former_names: vec!["南京青禾信息有限公司".into()],
            ..head_account("HA-4", "华东", MOYU)
        },
    ];
    store.import_head_accounts(&rows, log("头部.xlsx", 4), import_entry("头部.xlsx")).await.unwrap();
    let page = |region: Option<&str>, search: Option<&str>, offset, limit| HeadAccountQuery {
        region: region.map(Into::into),
        search: search.map(Into::into),
        offset,
        limit,
    };
    let ids = |p: dealgate_store::Page<dealgate_domain::HeadAccount>| {
        (p.total, p.rows.into_iter().map(|a| a.account_id).collect::<Vec<_>>())
    };
    assert_eq!(
        ids(store.head_account_page(&page(Some("华东"), None, 0, 2)).await.unwrap()),
        (3, vec!["HA-1".into(), "HA-2".into()])
    );
    assert_eq!(ids(store.head_account_page(&page(Some("华东"), None, 2, 2)).await.unwrap()), (3, vec!["HA-4".into()]));
    assert_eq!(ids(store.head_account_page(&page(None, Some("砚池"), 0, 10)).await.unwrap()), (1, vec!["HA-2".into()]));
    assert_eq!(ids(store.head_account_page(&page(None, Some("ha-3"), 0, 10)).await.unwrap()), (1, vec!["HA-3".into()]));
    let by_former_name = store.head_account_page(&page(None, Some("青禾"), 0, 10)).await.unwrap();
    assert_eq!(ids(by_former_name), (1, vec!["HA-4".into()]), "a former name is searched too");
}

pub(crate) async fn the_audit_log_pages_newest_first_by_search_registration_and_actor(store: &dyn Store) {
    seed(store, &[registration("REG-1", "2026-03-01 09:00:00", LUDAO)]).await;
    for (actor, action, subject, note) in [
        ("王丽娜", "decide.accept", "REG-1", "同意"),
        ("赵敏", "dispute.open", "REG-1", "我方先报备"),
        ("王丽娜", "decide.override", "REG-2", "直营在跟进"),
    ] {
        store.append_audit(NewEntry::new(actor, action, subject).payload(json!({ "note": note }))).await.unwrap();
    }
    let seqs = |q: AuditQuery| async move {
        let p = store.audit_page(&q).await.unwrap();
        (p.total, p.rows.iter().map(|e| e.seq).collect::<Vec<_>>())
    };
    assert_eq!(seqs(AuditQuery::default()).await, (4, vec![4, 3, 2, 1]));
    assert_eq!(seqs(AuditQuery { limit: 2, offset: 1, ..Default::default() }).await, (4, vec![3, 2]));
    assert_eq!(seqs(AuditQuery { registration_id: Some("REG-1".into()), ..Default::default() }).await, (2, vec![3, 2]));
    assert_eq!(seqs(AuditQuery { actor: Some("王丽娜".into()), ..Default::default() }).await, (3, vec![4, 2, 1]));
    assert_eq!(seqs(AuditQuery { search: Some("先报备".into()), ..Default::default() }).await, (1, vec![3]));
    assert_eq!(seqs(AuditQuery { action: Some("decide.override".into()), ..Default::default() }).await, (1, vec![4]));
    let today = chrono::Utc::now().date_naive();
    let tomorrow = today.succ_opt().unwrap();
    assert_eq!(seqs(AuditQuery { from: Some(today), to: Some(today), ..Default::default() }).await.0, 4);
    assert_eq!(seqs(AuditQuery { from: Some(tomorrow), ..Default::default() }).await.0, 0);
}

pub(crate) async fn settings_versions_list_every_save_with_who_and_when(store: &dyn Store) {
    assert!(store.settings_versions().await.unwrap().is_empty(), "the built-in defaults are no saved version");
    let first = Settings { protection_days: 120, ..Settings::default() };
    let second = Settings { dispute_days: 3, ..first.clone() };
    store.save_settings(&first, "管理员甲", NewEntry::new("管理员甲", "settings.update", "settings")).await.unwrap();
    store.save_settings(&second, "管理员乙", NewEntry::new("管理员乙", "settings.update", "settings")).await.unwrap();
    let versions = store.settings_versions().await.unwrap();
    let summary: Vec<(i64, &str, i64, i64)> = versions
        .iter()
        .map(|v| (v.version, v.changed_by.as_str(), v.settings.protection_days, v.settings.dispute_days))
        .collect();
    assert_eq!(summary, [(1, "管理员甲", 120, 5), (2, "管理员乙", 120, 3)]);
    assert!((chrono::Utc::now().naive_utc() - versions[1].changed_at).num_seconds().abs() < 60);
}

/// The head-account list's version moves by exactly one in every transaction that changes the list (a
/// re-import that upserts, an account added or removed by hand) and not otherwise, so a cached matching
/// corpus elsewhere learns its head accounts are stale and one that made the change itself can tell.
pub(crate) async fn the_head_account_list_version_moves_once_per_change_to_the_list(store: &dyn Store) {
    let version = || async { store.watermarks().await.unwrap().head_accounts };
    assert_eq!(version().await, 0);
    let heads = [head_account("H-1", "华南", CHURUI), head_account("H-2", "华东", YUNFAN)];
    store.import_head_accounts(&heads, log("heads.csv", 2), import_entry("heads.csv")).await.unwrap();
    assert_eq!(version().await, 1, "an import is one change");
    store.import_head_accounts(&heads, log("heads.csv", 2), import_entry("heads.csv")).await.unwrap();
    assert_eq!(version().await, 2, "a re-import updating rows in place is one change");
    let added = head_account("H-3", "华北", MOYU);
    assert!(store.add_head_account(&added, NewEntry::new("王丽娜", "head_account.add", "H-3")).await.unwrap());
    assert_eq!(version().await, 3, "an account added by hand");
    assert!(!store.add_head_account(&added, NewEntry::new("王丽娜", "head_account.add", "H-3")).await.unwrap());
    assert_eq!(version().await, 3, "a refused add changes nothing");
    store.remove_head_account("H-1", NewEntry::new("王丽娜", "head_account.remove", "H-1")).await.unwrap();
    assert_eq!(version().await, 4, "an account removed by hand");
    assert!(store
        .remove_head_account("H-9", NewEntry::new("王丽娜", "head_account.remove", "H-9"))
        .await
        .unwrap()
        .is_none());
    seed(store, &[registration("REG-1", "2026-03-02 09:30:00", YUNFAN)]).await;
    store.append_audit(NewEntry::new("王丽娜", "export", "a.csv")).await.unwrap();
    assert_eq!(version().await, 4, "other writes leave it");
}
