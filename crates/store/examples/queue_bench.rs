//! Times the queue on a large database: `cargo run -p dealgate-store --example queue_bench [ROWS]`
//! (default 100,000 registrations, each with a decision) and prints milliseconds per query; `BENCH_DB=path`
//! keeps the database.

use chrono::{Duration, NaiveDate};
use dealgate_audit::NewEntry;
use dealgate_domain::{
    Band, Decision, DecisionStatus, Explanation, MatchEvidence, Outcome, PartnerTier, Registration, Source,
};
use dealgate_store::{ImportLog, QueueQuery, QueueSort, QueueStatus, SqliteStore, Store};
use std::time::Instant;

const REGIONS: [&str; 6] = ["华东", "华南", "华北", "西南", "华中", "西北"];
const OUTCOMES: [Outcome; 5] =
    [Outcome::Approved, Outcome::CoSell, Outcome::DirectRetained, Outcome::Review, Outcome::NeedsInfo];

fn registration(i: usize, start: chrono::NaiveDateTime) -> Registration {
    Registration {
        registration_id: format!("R{i:06}"),
        partner: format!("伙伴{:03}", i % 300),
        partner_tier: PartnerTier::Silver,
        submitted_at: start + Duration::minutes(i as i64 * 7),
        customer_name: format!("虚构客户{i}号科技有限公司"),
        uscc: None,
        website: None,
        contact_name: None,
        contact_phone: None,
        contact_email: None,
        region: Some(REGIONS[i % REGIONS.len()].to_string()),
        product: None,
        amount: Some(10_000.0 * (i % 50) as f64),
        expected_close: None,
        warnings: Vec::new(),
    }
}

fn decision(i: usize, as_of: NaiveDate) -> Decision {
    Decision {
        id: 0,
        registration_id: format!("R{i:06}"),
        outcome: OUTCOMES[i % OUTCOMES.len()],
        rule: "bench".into(),
        summary: "bench".into(),
        summary_code: None,
        lead: None,
        direct_owner: None,
        protection_until: Some(as_of + Duration::days((i % 120) as i64)),
        matches: vec![MatchEvidence {
            source: Source::FollowUp,
            record_id: format!("F{i}"),
            name: format!("虚构客户{i}号"),
            score: (i * 7919 % 1000) as f64 / 1000.0,
            band: Band::Review,
            evidence: Explanation::default(),
        }],
        settings_version: 0,
        as_of,
        status: match i % 3 {
            0 => DecisionStatus::Accepted,
            _ => DecisionStatus::Proposed,
        },
        actor: "system".into(),
        reason: None,
        created_at: as_of.and_hms_opt(12, 0, 0).unwrap(),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let rows: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temporary directory");
    // `BENCH_DB=path` keeps the database for a look with the sqlite3 shell.
    let path = std::env::var_os("BENCH_DB").map_or_else(|| dir.path().join("bench.db"), std::path::PathBuf::from);
    let store = SqliteStore::open(&path).await.expect("open");
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let regs: Vec<Registration> = (0..rows).map(|i| registration(i, start)).collect();
    let t = Instant::now();
    let log = ImportLog { file: "bench.csv".into(), rows_read: rows, rejected: 0, warnings: 0, actor: "bench".into() };
    store.import_registrations(&regs, log, NewEntry::new("bench", "import", "bench.csv")).await.expect("import");
    for chunk in (0..rows).collect::<Vec<_>>().chunks(20_000) {
        let items = chunk.iter().map(|&i| (decision(i, as_of), NewEntry::new("system", "check", format!("R{i:06}"))));
        store.record_decisions(&items.collect::<Vec<_>>()).await.expect("decisions");
    }
    println!("seeded {rows} registrations with decisions in {:.1} s", t.elapsed().as_secs_f64());
    let base = QueueQuery { limit: 50, ..QueueQuery::default() };
    let mine: Vec<String> = ["华东", "华南", "西南"].map(String::from).to_vec();
    let cases: Vec<(&str, QueueQuery)> = vec![
        ("first page by submission", base.clone()),
        ("page 1000 by submission", QueueQuery { offset: 50_000.min(rows as i64 / 2), ..base.clone() }),
        ("by score, descending", QueueQuery { sort: QueueSort::Score, desc: true, ..base.clone() }),
        (
            "pending in one region",
            QueueQuery { status: Some(QueueStatus::Pending), region: Some("华南".into()), ..base.clone() },
        ),
        (
            "review by age",
            QueueQuery { outcome: Some(Outcome::Review), sort: QueueSort::Age, desc: true, ..base.clone() },
        ),
        (
            "one partner by customer",
            QueueQuery { partner: Some("伙伴042".into()), sort: QueueSort::Customer, ..base.clone() },
        ),
        ("search a customer", QueueQuery { search: Some("客户4242号".into()), ..base.clone() }),
        // The queue's End key: the last page of all registrations (page size 100 as the app fetches).
        ("End: last page of 100", QueueQuery { offset: rows as i64 - 100, limit: 100, ..base.clone() }),
        // A channel manager's inbox tabs over three regions, oldest first (as `inbox::tab_queries`).
        (
            "inbox: review, 3 regions",
            QueueQuery {
                regions: Some(mine.clone()),
                outcomes: Some(vec![Outcome::Review]),
                status: Some(QueueStatus::Pending),
                ..base.clone()
            },
        ),
        (
            "inbox: proposals, 3 regions",
            QueueQuery {
                regions: Some(mine.clone()),
                outcomes: Some(vec![Outcome::Approved, Outcome::CoSell, Outcome::DirectRetained, Outcome::Duplicate]),
                status: Some(QueueStatus::Pending),
                ..base.clone()
            },
        ),
        (
            "inbox: ending in 14 days",
            QueueQuery {
                regions: Some(mine.clone()),
                ending_by: as_of.checked_add_days(chrono::Days::new(14)),
                sort: QueueSort::ProtectionEnd,
                ..base.clone()
            },
        ),
    ];
    for (name, q) in cases {
        store.queue(&q, as_of).await.expect("queue");
        let t = Instant::now();
        let page = store.queue(&q, as_of).await.expect("queue");
        println!(
            "{name:<30} {:>7.1} ms  (total {}, {} rows)",
            t.elapsed().as_secs_f64() * 1e3,
            page.total,
            page.rows.len()
        );
    }
    let t = Instant::now();
    store.decision_figures(as_of, as_of + Duration::days(30)).await.expect("figures");
    println!("{:<28} {:>7.1} ms", "dashboard figures", t.elapsed().as_secs_f64() * 1e3);
}
