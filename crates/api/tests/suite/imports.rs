//! Import preview and import with hand-assigned columns, on a real GBK CSV with bad rows; progress and cancel.

use crate::support::*;
use dealgate_api::domain::RecordKind;
use dealgate_api::{ColumnAssignment, ErrorCode, QueueQuery};
use std::sync::Arc;

/// A follow-ups export as Excel on Chinese Windows writes it: GBK, a title row, a header the aliases do not
/// know (`甲方单位` for the account), one row with a bad date and one without an activity type.
const FOLLOW_UPS_GBK: &str = "\
2026年6月 直营跟进导出,,,,\r
记录ID,甲方单位,负责人,跟进日期,跟进方式,备注\r
F1,杭州云帆数据科技有限公司,王芳,2026-06-10,拜访,首次拜访\r
F2,上海栖梧软件有限公司,陈静,2026-13-40,演示,日期写错\r
F3,苏州澄湖智能制造有限公司,刘洋,2026-06-12,,缺跟进方式\r
F4,深圳星澜医疗器械有限公司,黄磊,2026-06-15,报价,\r
";

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn account_column() -> Vec<ColumnAssignment> {
    vec![ColumnAssignment { header: "甲方单位".into(), field: "account_name".into() }]
}

#[tokio::test]
async fn a_gbk_preview_finds_the_header_below_the_title_and_proposes_a_mapping() {
    let env = env().await;
    let path = env.write("跟进.csv", &gbk(FOLLOW_UPS_GBK));
    let p = env.api.import_preview(&path, RecordKind::FollowUp).await.unwrap();
    assert_eq!(p.encoding, "GB18030");
    assert_eq!(p.header_line, 2);
    assert_eq!(p.headers, ["记录ID", "甲方单位", "负责人", "跟进日期", "跟进方式", "备注"]);
    let mapped: Vec<(&str, Option<&str>)> = p.mapping.iter().map(|m| (m.header.as_str(), m.field.as_deref())).collect();
    assert_eq!(
        mapped,
        [
            ("记录ID", Some("record_id")),
            ("甲方单位", None),
            ("负责人", Some("owner")),
            ("跟进日期", Some("activity_date")),
            ("跟进方式", Some("activity_type")),
            ("备注", None),
        ]
    );
    assert_eq!(p.missing, ["account_name"], "the account column must be assigned by hand");
    assert_eq!(p.sample.len(), 4);
    assert_eq!(p.sample[1], ["F2", "上海栖梧软件有限公司", "陈静", "2026-13-40", "演示", "日期写错"]);
    assert_eq!(p.rows_estimate, 4);
    assert!(p.fields.iter().any(|f| f.field == "account_name" && f.required));
    assert!(p.fields.iter().any(|f| f.field == "stage" && !f.required));
}

#[tokio::test]
async fn importing_with_a_hand_assigned_column_keeps_good_rows_and_lists_bad_ones() {
    let env = env().await;
    let path = env.write("跟进.csv", &gbk(FOLLOW_UPS_GBK));
    let unmapped = env.api.import_mapped(RecordKind::FollowUp, &path, &[], ADMIN, Arc::new(Recorder::default())).await;
    let err = unmapped.unwrap_err();
    assert_eq!(err.code, ErrorCode::UnsupportedFile);
    assert!(err.message.contains("account_name"), "{}", err.message);

    let progress = Arc::new(Recorder::default());
    let report =
        env.api.import_mapped(RecordKind::FollowUp, &path, &account_column(), ADMIN, progress.clone()).await.unwrap();
    assert_eq!((report.rows_read, report.inserted, report.rejected_rows), (4, 2, 2));
    let bad: Vec<(usize, Option<&str>)> = report.errors.iter().map(|e| (e.line, e.column.as_deref())).collect();
    // Lines as the file numbers them (CRLF, a title row above the header); columns as headed in the file.
    assert_eq!(bad, [(4, Some("跟进日期")), (5, Some("跟进方式"))]);
    assert_eq!(report.errors[0].value, "2026-13-40");
    assert_eq!(report.unknown_columns, ["备注"]);
    let follow_ups = env.api.sources().await.unwrap().into_iter().find(|s| s.kind == RecordKind::FollowUp).unwrap();
    assert_eq!(follow_ups.rows, 2);
    let stages: Vec<String> = progress.events.lock().unwrap().iter().map(|e| e.0.clone()).collect();
    assert_eq!(stages.first().map(String::as_str), Some("reading"));
    assert_eq!(progress.events.lock().unwrap().last().cloned(), Some(("saving".to_string(), 2, 2)));
}

#[tokio::test]
async fn a_cancelled_import_writes_nothing() {
    let env = env().await;
    let path = env.write("跟进.csv", &gbk(FOLLOW_UPS_GBK));
    let before = env.api.audit_log(&Default::default()).await.unwrap().total;
    let progress = Arc::new(Recorder::default());
    progress.cancel.cancel();
    let err = env.api.import_mapped(RecordKind::FollowUp, &path, &account_column(), ADMIN, progress).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Cancelled);
    assert_eq!(env.api.audit_log(&Default::default()).await.unwrap().total, before);
    assert!(env.api.sources().await.unwrap().iter().all(|s| s.rows == 0));
    assert_eq!(env.api.queue(&QueueQuery::default()).await.unwrap().total, 0);
}

#[tokio::test]
async fn assignments_must_name_a_field_of_the_kind_once() {
    let env = env().await;
    let path = env.write("跟进.csv", &gbk(FOLLOW_UPS_GBK));
    let wrong = vec![ColumnAssignment { header: "甲方单位".into(), field: "customer_name".into() }];
    let err = env
        .api
        .import_mapped(RecordKind::FollowUp, &path, &wrong, ADMIN, Arc::new(Recorder::default()))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("account_name"), "names the fields there are: {}", err.message);
    let twice = vec![
        ColumnAssignment { header: "甲方单位".into(), field: "account_name".into() },
        ColumnAssignment { header: "备注".into(), field: "account_name".into() },
    ];
    let err = env
        .api
        .import_mapped(RecordKind::FollowUp, &path, &twice, ADMIN, Arc::new(Recorder::default()))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn a_source_is_stale_when_never_imported_or_last_imported_over_7_days_ago() {
    let env = env().await;
    let path = env.write("跟进.csv", &gbk(FOLLOW_UPS_GBK));
    env.api
        .import_mapped(RecordKind::FollowUp, &path, &account_column(), ADMIN, Arc::new(Recorder::default()))
        .await
        .unwrap();
    let api = &env.api;
    let stale = |now| async move {
        let views = api.sources_at(now).await.unwrap();
        views.into_iter().map(|s| (s.kind, s.stale)).collect::<Vec<_>>()
    };
    let now = chrono::Utc::now();
    assert_eq!(
        stale(now).await,
        [(RecordKind::FollowUp, false), (RecordKind::HeadAccount, true), (RecordKind::Registration, true)]
    );
    assert_eq!(stale(now + chrono::Duration::days(8)).await[0], (RecordKind::FollowUp, true));
}

#[tokio::test]
async fn an_import_stores_each_name_as_the_matcher_takes_it_apart() {
    use dealgate_matching::{normalize, NormalizedName};
    use dealgate_store::Store;
    let env = checked().await;
    let store = dealgate_store::SqliteStore::open(&env.path("dealgate.db")).await.unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::channel(4);
    let scan = tokio::spawn(async move { store.scan_registrations(2, tx).await });
    let mut seen = 0;
    while let Some(chunk) = rx.recv().await {
        for (reg, key) in chunk {
            let key = key.expect("every imported row has a name key");
            let name = &reg.customer_name;
            assert_eq!(NormalizedName::from_key(&key, name), Some(normalize(name)), "{name}");
            seen += 1;
        }
    }
    scan.await.unwrap().unwrap();
    assert_eq!(seen, 4);
}
