//! `dealgate policy replay` end to end: a draft's known effect on the fixtures, the same outcomes a real
//! re-check under those settings gives, people's decisions kept and reported, and nothing written.

use crate::support::Env;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The database file's bytes and the length of its log (a reader may leave an empty log and its
/// shared-memory index beside the file, as every read-only command does; nothing may be logged).
fn snapshot(db: &Path) -> (Vec<u8>, u64) {
    let wal = db.with_file_name("dealgate.db-wal");
    (std::fs::read(db).unwrap(), std::fs::metadata(wal).map_or(0, |m| m.len()))
}

fn rows(jsonl: &str) -> BTreeMap<String, Value> {
    jsonl
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("one JSON object per line");
            (v["registration_id"].as_str().unwrap().to_string(), v)
        })
        .collect()
}

const DRAFT: [&str; 4] = ["--set", "followup_window_days=10", "--set", "channel_only_regions=华东"];

#[test]
fn a_draft_shows_what_a_recheck_would_change_and_writes_nothing() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    let before = env.check_all();
    env.ok(&["--as", "cm", "decide", "R10", "accept"]);
    let files = snapshot(&env.db());
    let mut args = vec!["policy", "replay", "--as-of", "2026-06-30", "--format", "jsonl"];
    args.extend(DRAFT);
    let replay = rows(&env.ok(&args));
    assert_eq!(snapshot(&env.db()), files, "the replay changed the database's files");

    // A 10-day window: F04's demo 31 days ago no longer counts, so R06 goes to the partner alone.
    let r06 = &replay["R06"];
    assert_eq!(
        (r06["current_outcome"].as_str(), r06["replayed_outcome"].as_str()),
        (Some("co_sell"), Some("approved"))
    );
    assert_eq!(r06["changed"], true);
    assert_eq!(r06["contradicts_person"], false);
    assert_eq!(r06["current_status"], "proposed");
    assert_eq!(r06["matches"][0]["record_id"], "F04", "the match behind the new outcome: {r06}");
    // 华东 channel-only: R02's co-sell becomes an approval; R03 stays a duplicate of it.
    assert_eq!(replay["R02"]["replayed_outcome"], "approved");
    assert!(!replay.contains_key("R03"), "R03 does not change: {:?}", replay.get("R03"));
    // A person accepted R10's co-sell: it stays, and the report says the draft contradicts it.
    let r10 = &replay["R10"];
    assert_eq!((r10["current_outcome"].as_str(), r10["current_status"].as_str()), (Some("co_sell"), Some("accepted")));
    assert_eq!(r10["replayed_outcome"], "approved");
    assert_eq!((&r10["changed"], &r10["contradicts_person"]), (&Value::Bool(false), &Value::Bool(true)));
    assert_eq!(r10["current_actor"], "cm");

    // The same draft saved for real: a re-check decides every open registration as the replay said,
    // and changes exactly the ones the replay listed as changed.
    env.ok(&["--as", "admin", "settings", "set", "followup_window_days=10", "channel_only_regions=华东"]);
    let after = env.check_all();
    assert_eq!(after.len(), 9);
    for (id, d) in &after {
        let listed = replay.get(id);
        let changed = d["outcome"] != before[id]["outcome"];
        assert_eq!(listed.is_some_and(|r| r["changed"] == true), changed, "{id}: {d} vs {listed:?}");
        if let Some(r) = listed {
            assert_eq!(r["replayed_outcome"], d["outcome"], "{id}");
            assert_eq!(r["rule"], d["rule"], "{id}");
        }
    }
    assert!(replay.values().filter(|r| r["changed"] == true).count() >= 2);
}

#[test]
fn sums_name_the_partners_who_gain_or_lose_and_the_range_limits_the_rows() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    // Only a contact needed: R07 (no amount) becomes mature and goes to its partner; R09, the same
    // customer registered later by the same partner, stays as it was.
    let table = env.ok(&["policy", "replay", "--as-of", "2026-06-30", "--set", "maturity_fields=contact"]);
    let line = |first: &str| {
        table
            .lines()
            .find(|l| l.split_whitespace().next() == Some(first))
            .unwrap_or_else(|| panic!("{first}:\n{table}"))
    };
    assert!(line("R07").contains("needs_info (proposed)") && line("R07").contains("approved"), "{table}");
    assert!(!table.lines().any(|l| l.starts_with("R09")), "{table}");
    let cells = |first: &str| line(first).split_whitespace().map(String::from).collect::<Vec<_>>();
    assert_eq!(cells("华中"), ["华中", "1", "1", "0"], "{table}");
    assert_eq!(cells("甲方伙伴"), ["甲方伙伴", "1", "1", "0"], "{table}");
    assert_eq!(cells("needs_info"), ["needs_info", "1", "0"], "{table}");
    assert_eq!(cells("approved"), ["approved", "3", "4"], "{table}");
    assert!(
        !table.lines().any(|l| l.starts_with("乙方伙伴")),
        "partners without gains or losses are left out: {table}"
    );
    assert!(table.contains("1 would change"), "{table}");

    let mut args = vec!["policy", "replay", "--as-of", "2026-06-30", "--from", "2026-06-08", "--format", "csv"];
    args.extend(DRAFT);
    let csv = env.ok(&args);
    let ids: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(ids, ["R10"], "{csv}");
}

#[test]
fn an_unknown_key_or_a_wrong_value_is_refused_by_name() {
    let env = Env::new();
    env.import_fixtures();
    let err = env.fails(&["policy", "replay", "--set", "follow_window=30"], 2);
    assert!(err.contains("follow_window") && err.contains("followup_window_days"), "{err}");
    let err = env.fails(&["policy", "replay", "--set", "followup_window_days=soon"], 2);
    assert!(err.contains("followup_window_days") && err.contains("whole number of days"), "{err}");
    let err = env.fails(&["policy", "replay", "--set", "protection_days"], 2);
    assert!(err.contains("key=value"), "{err}");
    let err = env.fails(&["policy", "replay", "--from", "2026-07-01", "--to", "2026-06-01"], 2);
    assert!(err.contains("--from"), "{err}");
}
