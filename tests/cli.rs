//! Habits of the command line: shell completions, `import --strict`, accepted values checked by clap.

use crate::support::{fixture, gbk, Env};

#[test]
fn completions_are_printed_for_each_shell_without_a_database() {
    let env = Env::new();
    let bash = env.ok(&["completions", "bash"]);
    assert!(bash.contains("complete -F") && bash.contains("registrations"), "{bash}");
    assert!(env.ok(&["completions", "zsh"]).starts_with("#compdef dealgate"));
    assert!(env.ok(&["completions", "fish"]).contains("complete -c dealgate"));
    assert!(env.ok(&["completions", "powershell"]).contains("Register-ArgumentCompleter"));
    assert!(!env.db().exists(), "completions never create a database");
    env.fails(&["completions", "tcsh"], 2);
}

#[test]
fn strict_import_exits_2_when_rows_were_rejected_but_keeps_the_good_rows() {
    let env = Env::new();
    let bad = env.path("bad.csv");
    std::fs::write(&bad, gbk(&fixture("registrations_bad.csv"))).unwrap();
    env.fails(&["import", "registrations", bad.to_str().unwrap(), "--strict"], 2);
    let status: serde_json::Value = serde_json::from_str(&env.ok(&["status"])).unwrap();
    assert_eq!(status[2]["rows"], 2, "the good rows were imported");
    // Without --strict the same import succeeds.
    env.ok(&["import", "registrations", bad.to_str().unwrap()]);
    let good = env.path("good.csv");
    std::fs::write(&good, fixture("registrations.csv")).unwrap();
    env.ok(&["import", "registrations", good.to_str().unwrap(), "--strict"]);
}

#[test]
fn roles_and_outcomes_are_checked_by_the_parser_in_english_or_chinese() {
    let env = Env::new();
    env.ok(&["user", "add", "admin", "--role", "管理员"]);
    env.ok(&["--as", "admin", "user", "add", "wang", "--role", "channel_manager", "--regions", "华东"]);
    let users = env.ok(&["user", "list"]);
    assert!(users.contains("\"admin\"") && users.contains("channel_manager"), "{users}");
    let refused = env.fails(&["--as", "admin", "user", "add", "x", "--role", "boss"], 2);
    assert!(refused.contains("channel_manager") && refused.contains("regional_head"), "{refused}");
    let refused = env.fails(&["--as", "admin", "audit", "export", "--out", "x.csv", "--outcome", "maybe"], 2);
    assert!(refused.contains("co_sell"), "{refused}");
}

#[test]
fn verbs_that_print_records_speak_json_or_json_lines() {
    let env = Env::new();
    env.import_fixtures();
    let lines = env.check_all();
    let doc: serde_json::Value =
        serde_json::from_str(&env.ok(&["check", "--all", "--as-of", "2026-06-30", "--format", "json"])).unwrap();
    let doc = doc.as_array().expect("one JSON array");
    assert_eq!(doc.len(), lines.len());
    assert!(doc.iter().all(|d| d["summary_code"]["code"].is_string()), "every new decision has its code");
    let status = env.ok(&["status", "--format", "jsonl"]);
    assert_eq!(status.lines().count(), 3, "{status}");
    for line in status.lines() {
        let source: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(source["rows"].is_number(), "{line}");
    }
    let shown = env.ok(&["show", "R01", "--format", "jsonl"]);
    assert_eq!(shown.lines().count(), 1);
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["registration"]["registration_id"], "R01");
    let settings: serde_json::Value = serde_json::from_str(&env.ok(&["settings", "show"])).unwrap();
    assert!(settings["version"].is_number());
}

#[test]
fn an_error_the_user_sees_is_in_the_log_file_with_its_context() {
    let env = Env::new();
    env.import_fixtures();
    env.fails(&["show", "R404"], 2);
    let logs: Vec<_> = std::fs::read_dir(env.path("logs")).expect("a log folder").flatten().collect();
    assert_eq!(logs.len(), 1, "one file a day");
    let name = logs[0].file_name().to_string_lossy().into_owned();
    assert!(name.starts_with("dealgate.") && name.ends_with(".log"), "{name}");
    let text = std::fs::read_to_string(logs[0].path()).unwrap();
    assert!(text.contains("dealgate started") && text.contains("verb=\"import\""), "{text}");
    let failed = text.lines().find(|l| l.contains("dealgate failed")).expect("the failure is logged");
    assert!(failed.contains("ERROR") && failed.contains("not_found") && failed.contains("R404"), "{failed}");
}
