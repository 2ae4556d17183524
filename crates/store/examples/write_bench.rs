//! Times the write side of a batch check on an existing database (issue 4): reading the selected
//! registrations by id and `record_decisions` of as many realistic decisions (3-8 evidence rows each,
//! with reasons and context, and the check's audit entries), then verifies the audit chain.
//!
//! usage: `write_bench DB [N]` (default 100,000 registrations; DB, a SQLite file or a `postgres://` URL, is
//! modified: pass a copy, and remove a `DB-wal` left from an earlier run first).
//! `BENCH_REASONS=5` gives every evidence row five reasons (heavier than real checks);
//! `BENCH_ONE_BY_ONE=1` also times reading the registrations one query each; `BENCH_NO_VERIFY=1`
//! skips verifying the audit chain afterwards.

use chrono::{Duration, NaiveDate};
use dealgate_audit::NewEntry;
use dealgate_domain::{
    Band, Decision, DecisionStatus, Explanation, MatchEvidence, Outcome, Reason, Registration, Source,
};
use dealgate_store::{AuditFilter, OpenMode};
use serde_json::json;
use std::collections::BTreeMap;
use std::time::Instant;

const OUTCOMES: [Outcome; 5] =
    [Outcome::Approved, Outcome::CoSell, Outcome::DirectRetained, Outcome::Review, Outcome::NeedsInfo];
const SOURCES: [Source; 3] = [Source::HeadAccount, Source::FollowUp, Source::Registration];

/// Reasons per evidence row: `BENCH_REASONS` (default 1 to 3, as real checks give: a name reason,
/// sometimes a region or key reason).
fn reasons(i: usize, k: usize) -> usize {
    std::env::var("BENCH_REASONS").ok().and_then(|r| r.parse().ok()).unwrap_or(1 + (i + k) % 3)
}

fn evidence(i: usize, k: usize) -> MatchEvidence {
    // Rounded to thousandths, as the index rounds real scores.
    let score = ((0.95 - k as f64 * 0.07 - (i % 13) as f64 / 100.0) * 1000.0).round() / 1000.0;
    let reason = |feature: &str, agreed, detail: String, contribution| Reason {
        feature: feature.into(),
        agreed,
        detail,
        contribution,
        ..Default::default()
    };
    let mut context = BTreeMap::new();
    context.insert("region".into(), "华东".into());
    context.insert("owner".into(), format!("直销{:03}", (i + k) % 700));
    context.insert("activity_date".into(), "2026-03-14".into());
    context.insert("activity_type".into(), "拜访".into());
    MatchEvidence {
        source: SOURCES[(i + k) % SOURCES.len()],
        record_id: format!("F{:08}", (i * 7919 + k * 104_729) % 1_000_000),
        name: format!("上海虚构{i}号{k}信息科技有限公司"),
        score,
        band: if score >= 0.85 { Band::Match } else { Band::Review },
        evidence: Explanation {
            query_normalized: format!("上海虚构{i}号信息科技"),
            candidate_normalized: format!("上海虚构{i}号{k}信息科技"),
            query_core: format!("虚构{i}号"),
            candidate_core: format!("虚构{i}号{k}"),
            reasons: vec![
                reason("core_name", Some(true), format!("虚构{i}号 ≈ 虚构{i}号{k}: edit similarity"), score - 0.1),
                reason("region", Some(true), "上海 = 上海".into(), 0.05),
                reason("legal_form", Some(true), "有限公司 / 有限公司".into(), 0.0),
                reason("industry", None, "信息科技 / 信息科技".into(), 0.02),
                reason("sales_region", Some(true), "华东 = 华东".into(), 0.03),
            ]
            .into_iter()
            .take(reasons(i, k))
            .collect(),
            context,
        },
    }
}

fn decision(i: usize, reg: &Registration, as_of: NaiveDate) -> (Decision, NewEntry) {
    let outcome = OUTCOMES[i % OUTCOMES.len()];
    let d = Decision {
        id: 0,
        registration_id: reg.registration_id.clone(),
        outcome,
        rule: "effective_follow_up".into(),
        summary: format!("直销跟进记录 F{i:08} 在 90 天内有效，与伙伴共同推进"),
        summary_code: None,
        lead: None,
        direct_owner: Some(format!("直销{:03}", i % 700)),
        protection_until: outcome.protects().then(|| as_of + Duration::days(90)),
        matches: (0..3 + i % 6).map(|k| evidence(i, k)).collect(),
        settings_version: 1,
        as_of,
        status: DecisionStatus::Proposed,
        actor: "system".into(),
        reason: None,
        created_at: as_of.and_hms_opt(12, 0, 0).unwrap(),
    };
    // As `check::audit_entry` builds it: the strongest three evidence rows go into the payload.
    let top: Vec<&MatchEvidence> = d.matches.iter().take(3).collect();
    let mut audit = NewEntry::new("system", "check.propose", &d.registration_id)
        .outcome(d.outcome.as_str())
        .rule(&d.rule)
        .payload(json!({
            "summary": d.summary, "as_of": d.as_of, "settings_version": d.settings_version,
            "protection_until": d.protection_until, "direct_owner": d.direct_owner, "evidence": top,
        }));
    audit.region = reg.region.clone();
    audit.partner = Some(reg.partner.clone());
    (d, audit)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let db = args.get(1).expect("usage: write_bench DB [N]");
    let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let store = dealgate_store::open(db, OpenMode::Existing).await.expect("open");
    // Every other registration, in a scrambled order as a user's selection would come.
    let mut ids: Vec<String> = (0..n).map(|i| format!("R{:08}", 2 * i + 1)).collect();
    ids.sort_by_key(|id| id.bytes().rev().collect::<Vec<u8>>());

    let t = Instant::now();
    let regs = store.registrations_by_ids(&ids).await.expect("bulk read");
    println!("read {} registrations by id (bulk): {:.2} s", regs.len(), t.elapsed().as_secs_f64());
    let regs: Vec<Registration> = regs.into_iter().map(|r| r.expect("every id exists")).collect();
    if std::env::var_os("BENCH_ONE_BY_ONE").is_some() {
        let t = Instant::now();
        for id in &ids {
            store.registration(id).await.expect("read").expect("exists");
        }
        println!("read {} registrations by id (one query each): {:.2} s", ids.len(), t.elapsed().as_secs_f64());
    }

    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let items: Vec<(Decision, NewEntry)> = regs.iter().enumerate().map(|(i, r)| decision(i, r, as_of)).collect();
    let t = Instant::now();
    let ids = store.record_decisions(&items).await.expect("record");
    println!("record_decisions of {}: {:.2} s", ids.len(), t.elapsed().as_secs_f64());

    if std::env::var_os("BENCH_NO_VERIFY").is_some() {
        store.close().await;
        return;
    }
    let t = Instant::now();
    let entries = store.audit_entries(&AuditFilter::default()).await.expect("audit");
    let head = store.audit_head().await.expect("head");
    let report = dealgate_audit::verify(&entries, head.as_ref().map(|(s, h)| (*s, h.as_str())));
    println!("verify {} entries: intact = {} ({:.2} s)", entries.len(), report.is_intact(), t.elapsed().as_secs_f64());
    for p in report.problems.iter().take(3) {
        println!("  problem: {p:?}");
    }
    store.close().await;
}
