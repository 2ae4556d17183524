//! Builders for records, decisions and disputes with invented Chinese names, and audit-chain checks.

use chrono::{NaiveDate, NaiveDateTime};
use dealgate_audit::{AuditEntry, NewEntry, GENESIS_HASH};
use dealgate_domain::{
    Band, Decision, DecisionStatus, Dispute, DisputeStatus, Explanation, FieldWarning, FollowUp, HeadAccount, Lead,
    MatchEvidence, Outcome, PartnerTier, Reason, Registration, Source,
};
use dealgate_store::{AuditFilter, ImportLog, Store};
use serde_json::json;

/// Customers and partners used across the suite (invented).
pub(crate) const YUNFAN: &str = "杭州云帆数据科技有限公司";
pub(crate) const CHURUI: &str = "成都楚锐智能制造有限公司";
pub(crate) const LUDAO: &str = "厦门鹭岛星澜医疗器械有限公司";
pub(crate) const YANCHI: &str = "苏州砚池新材料有限公司";
pub(crate) const MOYU: &str = "南京墨羽信息系统有限公司";
pub(crate) const LIXING: &str = "西安砺行渠道科技有限公司";

/// `2026-03-02 09:30:00` as a date-time.
pub(crate) fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").expect("test date-time")
}

/// `2026-03-02` as a date.
pub(crate) fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub(crate) fn warning(field: &str, value: &str, problem: &str) -> FieldWarning {
    FieldWarning { field: field.into(), value: value.into(), problem: problem.into() }
}

/// A follow-up with every field filled.
pub(crate) fn follow_up(id: &str, account: &str) -> FollowUp {
    FollowUp {
        record_id: id.into(),
        account_name: account.into(),
        uscc: Some("91330106MA2H3X4Y5Z".into()),
        website: Some("www.yunfan-data.cn".into()),
        phone: Some("0571-88886666".into()),
        region: Some("华东".into()),
        owner: Some("陈晓明".into()),
        activity_date: day("2026-02-27"),
        activity_type: "visit".into(),
        stage: Some("方案沟通".into()),
        former_names: vec!["杭州云帆信息技术有限公司".into(), "云帆数据".into()],
        group: Some("云帆控股集团".into()),
        warnings: Vec::new(),
    }
}

/// A head account with every field filled.
pub(crate) fn head_account(id: &str, region: &str, name: &str) -> HeadAccount {
    HeadAccount {
        account_id: id.into(),
        region: region.into(),
        account_name: name.into(),
        uscc: Some("91510100MA6C8Q2R3T".into()),
        website: Some("churui-mfg.com".into()),
        owner: Some("刘思远".into()),
        former_names: vec!["成都楚锐机械有限公司".into()],
        group: Some("楚锐集团".into()),
        warnings: Vec::new(),
    }
}

/// A registration with every field filled.
pub(crate) fn registration(id: &str, submitted_at: &str, customer: &str) -> Registration {
    Registration {
        registration_id: id.into(),
        partner: MOYU.into(),
        partner_tier: PartnerTier::Gold,
        submitted_at: dt(submitted_at),
        customer_name: customer.into(),
        uscc: Some("91350200MA3K5L7N9P".into()),
        website: Some("https://ludao-med.cn".into()),
        contact_name: Some("周婉清".into()),
        contact_phone: Some("13800001111".into()),
        contact_email: Some("wanqing.zhou@ludao-med.cn".into()),
        region: Some("华南".into()),
        product: Some("CRM 企业版".into()),
        amount: Some(480_000.0),
        expected_close: Some(day("2026-06-30")),
        warnings: Vec::new(),
    }
}

/// The import-log row for `file`.
pub(crate) fn log(file: &str, rows_read: usize) -> ImportLog {
    ImportLog { file: file.into(), rows_read, rejected: 0, warnings: 0, actor: "王丽娜".into() }
}

/// The audit entry of an import of `file`.
pub(crate) fn import_entry(file: &str) -> NewEntry {
    NewEntry::new("王丽娜", "import", file).payload(json!({ "file": file }))
}

/// Imports registrations (with the usual log row and audit entry), expecting success.
pub(crate) async fn seed(store: &dyn Store, regs: &[Registration]) {
    store.import_registrations(regs, log("报备.xlsx", regs.len()), import_entry("报备.xlsx")).await.expect("import");
}

/// Evidence with every kind of value the store must keep: Chinese text, negative and unknown parts,
/// a context map, all three sources and bands.
pub(crate) fn evidence() -> Vec<MatchEvidence> {
    let explanation = Explanation {
        query_normalized: "鹭岛星澜医疗器械".into(),
        candidate_normalized: "鹭岛星澜医疗".into(),
        query_core: "鹭岛星澜".into(),
        candidate_core: "鹭岛星澜".into(),
        reasons: vec![
            Reason {
                feature: "core_name".into(),
                agreed: Some(true),
                detail: "鹭岛星澜 = 鹭岛星澜".into(),
                contribution: 0.612_345_678_901_234_5,
                ..Default::default()
            },
            Reason {
                feature: "region".into(),
                agreed: Some(false),
                detail: "华南 ≠ 华东".into(),
                contribution: -0.05,
                ..Default::default()
            },
            Reason {
                feature: "branch".into(),
                agreed: None,
                detail: "（厦门分公司）".into(),
                contribution: 0.0,
                ..Default::default()
            },
        ],
        context: [("owner", "陈晓明"), ("last_activity", "2026-02-27 拜访")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    vec![
        MatchEvidence {
            source: Source::FollowUp,
            record_id: "FU-0001".into(),
            name: "厦门鹭岛星澜医疗有限公司".into(),
            score: 0.931_234_567_890_123_4,
            band: Band::Match,
            evidence: explanation.clone(),
        },
        MatchEvidence {
            source: Source::HeadAccount,
            record_id: "HA-07".into(),
            name: "鹭岛医疗集团".into(),
            score: 0.76,
            band: Band::Review,
            evidence: Explanation::default(),
        },
        MatchEvidence {
            source: Source::Registration,
            record_id: "REG-0009".into(),
            name: LUDAO.into(),
            score: 0.1,
            band: Band::None,
            evidence: explanation,
        },
    ]
}

/// A decision on `registration_id` with every field filled.
pub(crate) fn decision(registration_id: &str, outcome: Outcome, status: DecisionStatus, created: &str) -> Decision {
    Decision {
        id: 0,
        registration_id: registration_id.into(),
        outcome,
        rule: "5-partner-first".into(),
        summary: "直营无有效跟进，商机转给伙伴".into(),
        summary_code: Some(dealgate_domain::Summary::Approved {
            partner: "伙伴".into(),
            days: 90,
            channel_only: false,
            stale: 1,
        }),
        lead: Some(Lead::PartnerLed),
        direct_owner: Some("陈晓明".into()),
        protection_until: Some(day("2026-06-01")),
        matches: evidence(),
        settings_version: 0,
        as_of: day("2026-03-03"),
        status,
        actor: "system".into(),
        reason: Some("伙伴已完成演示".into()),
        created_at: dt(created),
    }
}

/// The audit entry of a decision, as the API writes it (an object payload the store adds to).
pub(crate) fn decision_entry(d: &Decision, region: &str, partner: &str) -> NewEntry {
    NewEntry::new(&d.actor, "check", &d.registration_id)
        .region(region)
        .partner(partner)
        .outcome(d.outcome.as_str())
        .rule(&d.rule)
        .payload(json!({ "summary": d.summary }))
}

/// An open dispute on `decision_id` of `registration_id`.
pub(crate) fn dispute(registration_id: &str, decision_id: i64) -> Dispute {
    Dispute {
        id: 0,
        registration_id: registration_id.into(),
        decision_id,
        region: Some("华南".into()),
        opened_by: "赵敏".into(),
        claim: "我方先报备，直营三个月无有效跟进".into(),
        opened_at: dt("2026-03-05 10:00:00"),
        due_at: dt("2026-03-10 10:00:00"),
        status: DisputeStatus::Open,
        ruled_by: None,
        ruling: None,
        rationale: None,
        ruled_at: None,
    }
}

/// The whole audit log.
pub(crate) async fn all_entries(store: &dyn Store) -> Vec<AuditEntry> {
    store.audit_entries(&AuditFilter::default()).await.expect("audit entries")
}

/// Checks the whole log: it verifies against the head anchor, seqs run 1..=n, each links to the one
/// before and the head names the last entry. Returns the log.
pub(crate) async fn assert_chain_intact(store: &dyn Store) -> Vec<AuditEntry> {
    let entries = all_entries(store).await;
    let head = store.audit_head().await.expect("audit head");
    let report = dealgate_audit::verify(&entries, head.as_ref().map(|(s, h)| (*s, h.as_str())));
    assert!(report.is_intact(), "audit chain not intact: {:?}", report.problems);
    assert_eq!(report.entries_checked, entries.len());
    let seqs: Vec<i64> = entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=entries.len() as i64).collect::<Vec<_>>(), "seqs must be 1..n with no gap");
    for pair in entries.windows(2) {
        assert_eq!(pair[1].prev_hash, pair[0].hash, "entry {} must link to entry {}", pair[1].seq, pair[0].seq);
    }
    if let Some(first) = entries.first() {
        assert_eq!(first.prev_hash, GENESIS_HASH);
    }
    assert_eq!(head, entries.last().map(|e| (e.seq, e.hash.clone())), "head must name the last entry");
    entries
}
