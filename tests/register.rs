//! `dealgate register` end to end: a registration taken by hand is checked like an imported one, its
//! bad values get an import row's messages, a dry run stores nothing, and rights hold.

use crate::support::Env;

const FORM: [&str; 18] = [
    "--partner",
    "丁方伙伴",
    "--tier",
    "gold",
    "--customer",
    "杭州云帆数据科技有限公司",
    "--contact",
    "钱总",
    "--phone",
    "13900000011",
    "--region",
    "华东",
    "--product",
    "CRM",
    "--amount",
    "12万",
    "--expected-close",
    "2026-10-30",
];

/// Runs `register` with the form's fields, a flag in `extra` replacing the form's value of that flag.
fn register(env: &Env, who: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["--as", who, "register", "--as-of", "2026-06-30"];
    for pair in FORM.chunks(2) {
        if !extra.contains(&pair[0]) {
            args.extend(pair);
        }
    }
    args.extend(extra);
    env.run(&args)
}

fn stdout(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn a_registration_by_hand_is_checked_and_stored_with_who_entered_it() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    let bytes = std::fs::read(env.db()).unwrap();
    let dry = stdout(&register(&env, "cm", &["--dry-run", "--format", "jsonl"]));
    let d: serde_json::Value = serde_json::from_str(dry.trim()).unwrap();
    assert_eq!((d["outcome"].as_str(), d["matches"][0]["record_id"].as_str()), (Some("direct_retained"), Some("H01")));
    assert_eq!(std::fs::read(env.db()).unwrap(), bytes, "a dry run stores nothing");

    let out = stdout(&register(&env, "cm", &["--id", "R11"]));
    assert!(out.contains("R11") && out.contains("direct_retained") && out.contains("stored"), "{out}");
    let shown: serde_json::Value = serde_json::from_str(&env.ok(&["show", "R11"])).unwrap();
    assert_eq!(shown["registration"]["amount"], 120000.0);
    assert_eq!(shown["registration"]["partner_tier"], "gold");
    assert_eq!(shown["decisions"][0]["status"], "proposed");
    let log = env.path("audit.json");
    env.ok(&["audit", "export", "--format", "json", "--out", log.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(log).unwrap()).unwrap();
    let entries = v.as_array().or_else(|| v["entries"].as_array()).unwrap().clone();
    let by = |action: &str, subject: &str| {
        entries.iter().any(|e| e["action"] == action && e["subject"] == subject && e["actor"] == "cm")
    };
    assert!(by("import", "form R11") && by("check.propose", "R11"), "{entries:?}");
    // The id is taken now.
    let again = register(&env, "cm", &["--id", "R11"]);
    assert_eq!(again.status.code(), Some(3), "{}", String::from_utf8_lossy(&again.stderr));
}

#[test]
fn bad_values_get_an_import_rows_messages_and_rights_hold() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    let out = register(&env, "cm", &["--amount", "很多", "--expected-close", "2026-13-45"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("(amount): \"很多\"") && err.contains("expected a number such as 120000 or 12万"), "{err}");
    assert!(
        err.contains("(expected_close): \"2026-13-45\"") && err.contains("expected a date such as 2026-06-30"),
        "{err}"
    );
    let mut args = vec!["--as", "cm", "register", "--partner", "丁方伙伴", "--customer", "", "--dry-run"];
    args.extend(["--as-of", "2026-06-30"]);
    let err = env.fails(&args, 2);
    assert!(err.contains("customer_name is empty"), "{err}");
    // A channel manager registers only in their regions.
    let out = register(&env, "cm", &["--region", "西北"]);
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    // Sales operations may; the clock is not moved and the registration is checked at once.
    env.ok(&["--as", "admin", "user", "add", "ops", "--role", "sales_ops"]);
    let out = stdout(&register(&env, "ops", &["--region", "西北", "--id", "R12"]));
    assert!(out.contains("R12"), "{out}");
}
