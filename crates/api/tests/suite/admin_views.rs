//! Head accounts edited by hand (who may, audited), settings history, the audit screen and the dashboard.

use crate::support::*;
use dealgate_api::domain::{HeadAccount, Outcome, Settings};
use dealgate_api::{AuditQuery, ErrorCode, ExportKind, HeadAccountQuery, Verdict};

/// A changed field: name, from, to.
type Change = (String, String, String);

fn account(id: &str, region: &str, name: &str) -> HeadAccount {
    HeadAccount {
        account_id: id.into(),
        region: region.into(),
        account_name: name.into(),
        uscc: None,
        website: None,
        owner: Some("王芳".into()),
        former_names: Vec::new(),
        group: None,
        warnings: Vec::new(),
    }
}

#[tokio::test]
async fn only_the_regions_head_or_an_admin_edits_its_head_accounts_and_each_change_is_audited() {
    let env = env().await;
    let api = &env.api;
    let a = account("H9", "华东", "宁波朗峰精密机械有限公司");
    assert_eq!(api.add_head_account(a.clone(), MANAGER).await.unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(api.add_head_account(a.clone(), SOUTH_HEAD).await.unwrap_err().code, ErrorCode::Forbidden);
    let huge = account("H8", "华东", &"朗".repeat(10_000));
    let err = api.add_head_account(huge, EAST_HEAD).await.unwrap_err();
    assert!(err.code == ErrorCode::InvalidInput && err.message.contains("10000 characters"), "{err:?}");
    let before = api.audit_log(&AuditQuery::default()).await.unwrap().total;
    api.add_head_account(a.clone(), EAST_HEAD).await.unwrap();
    assert_eq!(api.add_head_account(a.clone(), ADMIN).await.unwrap_err().code, ErrorCode::Conflict);
    let page = api.head_account_page(&HeadAccountQuery { region: Some("华东".into()), ..Default::default() }).await;
    assert_eq!(page.unwrap().rows, vec![a.clone()]);
    assert_eq!(api.remove_head_account("H9", " ", EAST_HEAD).await.unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(api.remove_head_account("H9", "客户转渠道", SOUTH_HEAD).await.unwrap_err().code, ErrorCode::Forbidden);
    // A channel manager of 华东 may not remove it either (the UI offers no remove; this is the guard).
    assert_eq!(api.remove_head_account("H9", "客户转渠道", MANAGER).await.unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(api.remove_head_account("H9", "客户转渠道", EAST_HEAD).await.unwrap(), a);
    let log = api.audit_log(&AuditQuery { registration_id: Some("H9".into()), ..Default::default() }).await.unwrap();
    let actions: Vec<&str> = log.rows.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["head_account.remove", "head_account.add"]);
    assert_eq!(log.rows[0].payload["reason"], "客户转渠道");
    assert_eq!(log.rows[0].region.as_deref(), Some("华东"));
    assert_eq!(api.audit_log(&AuditQuery::default()).await.unwrap().total, before + 2);
    assert!(api.verify_audit_view().await.unwrap().intact);
}

#[tokio::test]
async fn settings_history_lists_each_version_with_its_changed_fields() {
    let env = env().await;
    let api = &env.api;
    let first = Settings { protection_days: 120, ..Settings::default() };
    assert_eq!(
        api.save_settings(first.clone(), Some("年度调整"), MANAGER).await.unwrap_err().code,
        ErrorCode::Forbidden
    );
    assert_eq!(api.save_settings(first.clone(), Some("年度调整"), ADMIN).await.unwrap(), 1);
    let err = api.save_settings(first.clone(), None, ADMIN).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput, "saving the same settings again is refused");
    let bad = Settings { review_threshold: 0.95, ..first.clone() };
    assert_eq!(api.save_settings(bad, None, ADMIN).await.unwrap_err().code, ErrorCode::InvalidInput);
    let second = Settings { dispute_days: 3, channel_only_regions: vec!["西南".into()], ..first };
    assert_eq!(api.save_settings(second, None, ADMIN).await.unwrap(), 2);
    let history = api.settings_history().await.unwrap();
    let summary: Vec<(i64, Vec<Change>)> = history
        .iter()
        .map(|v| (v.version, v.changes.iter().map(|c| (c.field.clone(), c.from.clone(), c.to.clone())).collect()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                2,
                vec![
                    ("channel_only_regions".into(), "[]".into(), "[\"西南\"]".into()),
                    ("dispute_days".into(), "5".into(), "3".into())
                ]
            ),
            (1, vec![("protection_days".into(), "90".into(), "120".into())]),
        ]
    );
    assert_eq!(history[0].changed_by, ADMIN);
    assert_eq!(api.versioned_settings().await.unwrap().version, 2);
}

#[tokio::test]
async fn the_audit_export_writes_what_the_filter_shows_and_is_itself_audited() {
    let env = checked().await;
    let api = &env.api;
    api.decide("A3", Verdict::Override { outcome: Outcome::CoSell, reason: "直营也在跟".into() }, MANAGER)
        .await
        .unwrap();
    let query = AuditQuery { registration_id: Some("A3".into()), ..Default::default() };
    let shown = api.audit_log(&query).await.unwrap();
    assert_eq!(shown.total, 2, "the proposal and the override");
    let out = env.path("审计.json");
    let result =
        api.export_audit_log(out.clone(), ExportKind::Json, &query, ADMIN, dealgate_domain::Lang::Zh).await.unwrap();
    assert_eq!(result.entries, 2);
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let seqs: Vec<i64> = written.as_array().unwrap().iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    let mut want: Vec<i64> = shown.rows.iter().map(|e| e.seq).collect();
    want.reverse();
    assert_eq!(seqs, want, "in chain order");
    let last = api.audit_log(&AuditQuery { limit: 1, ..Default::default() }).await.unwrap().rows.remove(0);
    assert_eq!((last.action.as_str(), last.actor.as_str()), ("audit.export", ADMIN));
    assert_eq!(last.payload["sha256"], result.sha256.as_str());
}

#[tokio::test]
async fn the_dashboard_counts_current_outcomes_and_protections_ending_within_30_days() {
    let env = checked().await;
    let api = &env.api;
    let dash = api.dashboard_at(as_of(), chrono::Utc::now().naive_utc()).await.unwrap();
    let count = |o: Outcome| dash.figures.by_outcome.iter().find(|c| c.outcome == o).map_or(0, |c| c.count);
    assert_eq!(count(Outcome::DirectRetained), 1);
    assert_eq!(count(Outcome::Approved) + count(Outcome::CoSell), 3);
    assert!(dash.figures.expiring_soon.is_empty(), "90-day protections from 2026-06-20 end after 30 days");
    let later = as_of() + chrono::Duration::days(75);
    let dash = api.dashboard_at(later, chrono::Utc::now().naive_utc()).await.unwrap();
    assert_eq!(dash.figures.expiring_soon.len(), 3);
    assert_eq!(dash.figures.median_hours_to_decision, None, "nobody decided yet");
}
