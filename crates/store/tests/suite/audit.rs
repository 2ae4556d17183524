//! The audit chain the store writes: intact across every kind of write, filterable, safe under concurrency.

use crate::support::*;
use chrono::{Duration, NaiveDate};
use dealgate_audit::{AuditEntry, NewEntry, GENESIS_HASH};
use dealgate_domain::{DecisionStatus, Dispute, DisputeStatus, Outcome, Role, Settings, User};
use dealgate_store::{AuditFilter, Store};
use serde_json::{json, Value};

fn seqs(entries: &[AuditEntry]) -> Vec<i64> {
    entries.iter().map(|e| e.seq).collect()
}

async fn filtered(store: &dyn Store, filter: AuditFilter) -> Vec<i64> {
    seqs(&store.audit_entries(&filter).await.unwrap())
}

pub(crate) async fn an_empty_store_has_no_audit_log(store: &dyn Store) {
    assert_eq!(store.audit_head().await.unwrap(), None);
    assert!(all_entries(store).await.is_empty());
    let region = AuditFilter { region: Some("华东".into()), ..AuditFilter::default() };
    assert!(store.audit_entries(&region).await.unwrap().is_empty());
    assert!(dealgate_audit::verify(&[], Some((0, GENESIS_HASH))).is_intact());
}

pub(crate) async fn the_chain_over_mixed_operations_verifies(store: &dyn Store) {
    store.import_follow_ups(&[follow_up("FU-1", LUDAO)], log("f.csv", 1), import_entry("f.csv")).await.unwrap();
    store
        .import_head_accounts(&[head_account("HA-1", "华东", YUNFAN)], log("h.csv", 1), import_entry("h.csv"))
        .await
        .unwrap();
    seed(
        store,
        &[registration("REG-1", "2026-03-01 09:00:00", LUDAO), registration("REG-2", "2026-03-02 09:00:00", CHURUI)],
    )
    .await;
    let d1 = decision("REG-1", Outcome::Review, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    let d2 = decision("REG-2", Outcome::Approved, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    let ids = store
        .record_decisions(&[
            (d1.clone(), decision_entry(&d1, "华南", MOYU)),
            (d2.clone(), decision_entry(&d2, "西南", MOYU)),
        ])
        .await
        .unwrap();
    let head = User { name: "孙浩然".into(), role: Role::RegionalHead, regions: vec!["华南".into()] };
    store.save_user(&head, NewEntry::new("admin", "user.add", "孙浩然")).await.unwrap();
    let settings = Settings { dispute_days: 7, ..Settings::default() };
    store.save_settings(&settings, "admin", NewEntry::new("admin", "settings.update", "settings")).await.unwrap();
    let open = dispute("REG-1", ids[0]);
    let dispute_id = store.open_dispute(&open, NewEntry::new("赵敏", "dispute.open", "REG-1")).await.unwrap();
    let ruled = Dispute {
        id: dispute_id,
        status: DisputeStatus::Ruled,
        ruled_by: Some("孙浩然".into()),
        ruling: Some(Outcome::CoSell),
        rationale: Some("双方都在跟进，项目合作".into()),
        ruled_at: Some(dt("2026-03-06 11:00:00")),
        ..open
    };
    let ruled_decision = decision("REG-1", Outcome::CoSell, DecisionStatus::Ruled, "2026-03-06 11:00:00");
    store.rule_dispute(&ruled, ruled_decision, NewEntry::new("孙浩然", "dispute.rule", "REG-1")).await.unwrap();
    store
        .append_audit(NewEntry::new("王丽娜", "export", "审计日志-2026Q1.xlsx").payload(json!({ "rows": 11 })))
        .await
        .unwrap();

    let entries = assert_chain_intact(store).await;
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "import",
            "import",
            "import",
            "check",
            "check",
            "user.add",
            "settings.update",
            "dispute.open",
            "dispute.rule",
            "export"
        ]
    );
    assert_eq!(store.audit_head().await.unwrap().map(|(s, _)| s), Some(10));
    // Tampering with what the store returns is caught: the chain is really checked.
    let mut edited = entries.clone();
    edited[4].outcome = Some("direct_retained".into());
    let head = store.audit_head().await.unwrap();
    assert!(!dealgate_audit::verify(&edited, head.as_ref().map(|(s, h)| (*s, h.as_str()))).is_intact());
    assert!(!dealgate_audit::verify(&entries[..9], head.as_ref().map(|(s, h)| (*s, h.as_str()))).is_intact());
}

/// One entry per combination the filters must tell apart; seqs 1..=6.
async fn varied_log(store: &dyn Store) {
    let entries = [
        NewEntry::new("system", "check", "REG-1").region("华东").partner(MOYU).outcome("approved"),
        NewEntry::new("system", "check", "REG-2").region("华南").partner(MOYU).outcome("co_sell"),
        NewEntry::new("王丽娜", "decide.override", "REG-2").region("华南").partner(LIXING).outcome("approved"),
        NewEntry::new("王丽娜", "export", "audit.csv"),
        NewEntry::new("system", "check", "REG-3").region("华东").partner(LIXING).outcome("direct_retained"),
        NewEntry::new("赵敏", "dispute.open", "REG-3").region("华东").partner(LIXING),
    ];
    for e in entries {
        store.append_audit(e).await.unwrap();
    }
}

pub(crate) async fn audit_filters_by_region_partner_outcome_and_action(store: &dyn Store) {
    varied_log(store).await;
    let f = AuditFilter::default;
    assert!(f().is_empty());
    assert_eq!(filtered(store, f()).await, [1, 2, 3, 4, 5, 6]);
    assert_eq!(filtered(store, AuditFilter { region: Some("华东".into()), ..f() }).await, [1, 5, 6]);
    assert_eq!(filtered(store, AuditFilter { region: Some("华南".into()), ..f() }).await, [2, 3]);
    assert_eq!(filtered(store, AuditFilter { partner: Some(LIXING.into()), ..f() }).await, [3, 5, 6]);
    assert_eq!(filtered(store, AuditFilter { outcome: Some("approved".into()), ..f() }).await, [1, 3]);
    assert_eq!(filtered(store, AuditFilter { action: Some("check".into()), ..f() }).await, [1, 2, 5]);
    assert_eq!(filtered(store, AuditFilter { action: Some("export".into()), ..f() }).await, [4]);
    let combined =
        AuditFilter {
            region: Some("华东".into()), partner: Some(LIXING.into()), action: Some("check".into()), ..f()
        };
    assert!(!combined.is_empty());
    assert_eq!(filtered(store, combined).await, [5], "conditions combine with AND");
    assert_eq!(
        filtered(store, AuditFilter { region: Some("华".into()), ..f() }).await,
        Vec::<i64>::new(),
        "exact match"
    );
    assert_eq!(filtered(store, AuditFilter { outcome: Some("duplicate".into()), ..f() }).await, Vec::<i64>::new());
    // A filtered listing returns whole entries, as written.
    let all = all_entries(store).await;
    let some = store.audit_entries(&AuditFilter { partner: Some(MOYU.into()), ..f() }).await.unwrap();
    assert_eq!(some, all[..2].to_vec());
}

pub(crate) async fn audit_filters_by_time(store: &dyn Store) {
    store.append_audit(NewEntry::new("system", "check", "REG-1")).await.unwrap();
    store.append_audit(NewEntry::new("王丽娜", "export", "a.csv")).await.unwrap();
    let early = all_entries(store).await;
    // Wait for the clock to reach the next second, so later entries carry a later time.
    while dealgate_audit::now_at() <= early[1].at {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    store.append_audit(NewEntry::new("system", "check", "REG-2")).await.unwrap();
    let all = all_entries(store).await;
    let (t1, t3) = (all[1].at.clone(), all[2].at.clone());
    assert!(t3 > t1);
    let f = AuditFilter::default;
    let expected_early: Vec<i64> = all.iter().filter(|e| e.at <= t1).map(|e| e.seq).collect();
    assert_eq!(expected_early, [1, 2]);
    assert_eq!(filtered(store, AuditFilter { from: Some(t3.clone()), ..f() }).await, [3], "from is inclusive");
    assert_eq!(filtered(store, AuditFilter { to: Some(t1.clone()), ..f() }).await, [1, 2], "to is inclusive");
    assert_eq!(
        filtered(store, AuditFilter { from: Some(all[0].at.clone()), to: Some(t3.clone()), ..f() }).await,
        [1, 2, 3]
    );
    let both = AuditFilter { to: Some(t1.clone()), action: Some("check".into()), ..f() };
    assert_eq!(filtered(store, both).await, [1]);

    // Bare dates: `to` takes in the whole day, `from` starts at its midnight.
    let first_day = NaiveDate::parse_from_str(&all[0].at[..10], "%Y-%m-%d").unwrap();
    let last_day = NaiveDate::parse_from_str(&all[2].at[..10], "%Y-%m-%d").unwrap();
    let date = |d: NaiveDate| Some(d.format("%Y-%m-%d").to_string());
    assert_eq!(filtered(store, AuditFilter { from: date(first_day), to: date(last_day), ..f() }).await, [1, 2, 3]);
    assert_eq!(filtered(store, AuditFilter { to: date(last_day), ..f() }).await, [1, 2, 3]);
    assert_eq!(
        filtered(store, AuditFilter { from: date(last_day + Duration::days(1)), ..f() }).await,
        Vec::<i64>::new()
    );
    assert_eq!(
        filtered(store, AuditFilter { to: date(first_day - Duration::days(1)), ..f() }).await,
        Vec::<i64>::new()
    );
}

pub(crate) async fn appended_payloads_round_trip(store: &dyn Store) {
    let payload = json!({
        "客户": YUNFAN,
        "匹配": [{ "名称": "云帆数据", "score": 0.931_234_567_890_123_4 }, { "名称": null, "score": -0.05 }],
        "rows": 9_007_199_254_740_993_i64,
        "neutralised": "=HYPERLINK(\"http://x\")",
        "ok": true,
        "empty": {},
    });
    let full = NewEntry::new("王丽娜", "export", "审计日志.xlsx")
        .region("华东")
        .partner(MOYU)
        .outcome("approved")
        .rule("5-partner-first")
        .payload(payload.clone());
    let bare = NewEntry::new("system", "expire", "REG-9");
    assert_eq!(bare.payload, Value::Null.into());
    store.append_audit(full.clone()).await.unwrap();
    store.append_audit(bare.clone()).await.unwrap();

    let entries = assert_chain_intact(store).await;
    let back: Vec<NewEntry> = entries
        .iter()
        .map(|e| NewEntry {
            actor: e.actor.clone(),
            action: e.action.clone(),
            subject: e.subject.clone(),
            region: e.region.clone(),
            partner: e.partner.clone(),
            outcome: e.outcome.clone(),
            rule: e.rule.clone(),
            payload: e.payload.clone().into(),
        })
        .collect();
    assert_eq!(back, [full, bare], "append_audit stores the entry unchanged");
    assert_eq!(entries[0].payload["rows"].as_i64(), Some(9_007_199_254_740_993));
}

/// Writes that arrive together (two users of the desktop app at once) must all land, on one chain.
pub(crate) async fn concurrent_writers_all_succeed_on_one_unbroken_chain(store: &dyn Store) {
    seed(store, &[registration("REG-1", "2026-03-01 09:00:00", LUDAO)]).await;
    let user = |name: &str| User { name: name.into(), role: Role::ChannelManager, regions: Vec::new() };
    let (u1, u2) = (user("甲"), user("乙"));
    let d = decision("REG-1", Outcome::Approved, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    let rows = [follow_up("FU-1", LUDAO)];
    let settings = Settings::default();
    let decided = [(d.clone(), decision_entry(&d, "华南", MOYU))];
    let results = tokio::join!(
        store.append_audit(NewEntry::new("甲", "export", "1.csv")),
        store.append_audit(NewEntry::new("乙", "export", "2.csv")),
        store.save_user(&u1, NewEntry::new("admin", "user.add", "甲")),
        store.save_user(&u2, NewEntry::new("admin", "user.add", "乙")),
        store.save_settings(&settings, "admin", NewEntry::new("admin", "settings.update", "settings")),
        store.import_follow_ups(&rows, log("f.csv", 1), import_entry("f.csv")),
        store.record_decisions(&decided),
        store.append_audit(NewEntry::new("丙", "export", "3.csv")),
    );
    results.0.expect("append 1");
    results.1.expect("append 2");
    results.2.expect("user 甲");
    results.3.expect("user 乙");
    assert_eq!(results.4.expect("settings"), 1);
    results.5.expect("import");
    results.6.expect("decision");
    results.7.expect("append 3");
    let entries = assert_chain_intact(store).await;
    assert_eq!(entries.len(), 1 + 8);
    assert_eq!(store.users().await.unwrap().len(), 2);
}
