//! As-you-type benchmark (issue 23): times `Api::propose_form`, the intake form's check, on an imported
//! database with the index already built (as the desktop app holds it), for customer names typed one
//! character more at a time. Prints figures; asserts nothing.
//!
//! usage: intake_bench DB REGISTRATIONS_CSV [--names N]

use dealgate_api::{Api, OpenMode, RegistrationForm};
use std::sync::Arc;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (db, csv) = (&args[1], &args[2]);
    let names: usize =
        args.iter().position(|a| a == "--names").and_then(|i| args.get(i + 1)?.parse().ok()).unwrap_or(200);
    // Existing, not read-only: a database made before the latest migrations is brought up to date.
    let api = Api::open(db, OpenMode::Existing).await.expect("open the database");
    let t = Instant::now();
    api.prepare_index(Arc::new(dealgate_api::Silent)).await.expect("build the index");
    println!("index build: {:.2} s", t.elapsed().as_secs_f64());
    // Customer names of registrations spread through the file (the 5th column), typed as prefixes.
    let text = std::fs::read_to_string(csv).expect("read the registrations");
    let lines: Vec<&str> = text.lines().skip(1).collect();
    let step = (lines.len() / names.max(1)).max(1);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let mut times = Vec::new();
    for line in lines.iter().step_by(step).take(names) {
        let name: Vec<char> = line.split(',').nth(4).unwrap_or("").chars().collect();
        for typed in 2..=name.len() {
            let form = RegistrationForm {
                partner: "伙伴0001".into(),
                customer_name: name[..typed].iter().collect(),
                contact_phone: "13900000000".into(),
                region: "华东".into(),
                amount: "100000".into(),
                expected_close: "2026-09-30".into(),
                ..Default::default()
            };
            let t = Instant::now();
            let r = api.propose_form(&form, as_of).await;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(r.is_ok(), "{r:?}");
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "propose_form: {} keystrokes of {} names: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        names,
        at(0.5),
        at(0.99),
        at(1.0)
    );
    api.close().await;
}
