//! Times importing generated follow-ups (invented names) into a database and scanning them back:
//! `cargo run --release -p dealgate-store --example import_bench -- DB [ROWS]` (a SQLite file or a
//! `postgres://` URL; 100,000 rows by default) prints the import's and the scan's seconds.
//! `BENCH_REGISTRATIONS=M` also imports M registrations `R00000000`... (what `write_bench` reads).

use dealgate_audit::NewEntry;
use dealgate_domain::{FollowUp, PartnerTier, Registration};
use dealgate_store::ImportLog;
use std::time::Instant;

/// Follow-up `i` of a generated CRM export: made-up names from a few syllables, most fields filled.
fn follow_up(i: usize) -> FollowUp {
    const PLACES: [&str; 6] = ["杭州", "成都", "厦门", "苏州", "南京", "西安"];
    const WORDS: [&str; 8] = ["云帆", "楚锐", "鹭岛", "砚池", "墨羽", "砺行", "星澜", "青禾"];
    const TRADES: [&str; 4] = ["数据科技", "智能制造", "医疗器械", "新材料"];
    let name = format!("{}{}{}{}有限公司", PLACES[i % 6], WORDS[i / 6 % 8], WORDS[i / 48 % 8], TRADES[i / 384 % 4]);
    FollowUp {
        record_id: format!("FU-{i:07}"),
        account_name: format!("{name}{}", i / 1536),
        uscc: None,
        website: i.is_multiple_of(3).then(|| format!("www.example-{i}.cn")),
        phone: i.is_multiple_of(2).then(|| format!("0571-{i:08}")),
        region: Some(["华东", "华南", "华北", "西南"][i % 4].into()),
        owner: Some(format!("销售{}", i % 97)),
        activity_date: chrono::NaiveDate::from_ymd_opt(2026, 1 + (i % 12) as u32, 1 + (i % 28) as u32).expect("day"),
        activity_type: ["visit", "demo", "call", "quote"][i % 4].into(),
        stage: Some("方案沟通".into()),
        former_names: Vec::new(),
        group: None,
        warnings: Vec::new(),
    }
}

/// Registration `i`, as `write_bench` expects them (`R` and eight digits).
fn registration(i: usize) -> Registration {
    let f = follow_up(i);
    Registration {
        registration_id: format!("R{i:08}"),
        partner: format!("伙伴{}", i % 50),
        partner_tier: PartnerTier::Gold,
        submitted_at: f.activity_date.and_hms_opt(9, (i % 60) as u32, 0).expect("time"),
        customer_name: f.account_name,
        uscc: None,
        website: f.website,
        contact_name: Some("联系人".into()),
        contact_phone: f.phone,
        contact_email: None,
        region: f.region,
        product: Some("CRM".into()),
        amount: Some((i % 1000) as f64 * 1000.5),
        expected_close: None,
        warnings: Vec::new(),
    }
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("usage: import_bench DB [ROWS]");
    let n: usize = args.next().map_or(100_000, |v| v.parse().expect("ROWS is a number"));
    let rows: Vec<FollowUp> = (0..n).map(follow_up).collect();
    let store = dealgate_store::open(&db, dealgate_store::OpenMode::Create).await.expect("open");
    let log = ImportLog { file: "bench.csv".into(), rows_read: n, rejected: 0, warnings: 0, actor: "bench".into() };
    let t = Instant::now();
    let counts =
        store.import_follow_ups(&rows, log, NewEntry::new("bench", "import", "bench.csv")).await.expect("import");
    println!(
        "import of {n} follow-ups into {}: {:.2} s ({} new, {} updated)",
        store.describe(),
        t.elapsed().as_secs_f64(),
        counts.inserted,
        counts.updated
    );
    let t = Instant::now();
    let (tx, mut rx) = tokio::sync::mpsc::channel(2);
    let scanner = store.clone();
    let scan = tokio::spawn(async move { scanner.scan_follow_ups(8192, tx).await });
    let mut read = 0;
    while let Some(chunk) = rx.recv().await {
        read += chunk.len();
    }
    scan.await.expect("join").expect("scan");
    println!("scan_follow_ups: {read} rows in {:.2} s", t.elapsed().as_secs_f64());
    if let Some(m) = std::env::var("BENCH_REGISTRATIONS").ok().and_then(|m| m.parse::<usize>().ok()) {
        let regs: Vec<Registration> = (0..m).map(registration).collect();
        let log = ImportLog { file: "r.csv".into(), rows_read: m, rejected: 0, warnings: 0, actor: "bench".into() };
        let t = Instant::now();
        store.import_registrations(&regs, log, NewEntry::new("bench", "import", "r.csv")).await.expect("import");
        println!("import of {m} registrations: {:.2} s", t.elapsed().as_secs_f64());
    }
    store.close().await;
}
