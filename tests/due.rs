//! `dealgate run-due` end to end on a fake clock (`--as-of`): protections expire once, overdue disputes
//! are flagged once, protections ending soon are listed, and only an admin moves the clock.

use crate::support::Env;

/// The actors of the audit entries with `action`.
fn actors(env: &Env, action: &str) -> Vec<String> {
    let out = env.path("audit.json");
    env.ok(&["audit", "export", "--format", "json", "--out", out.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    let entries = v.as_array().or_else(|| v["entries"].as_array()).unwrap_or_else(|| panic!("{v}")).clone();
    entries.iter().filter(|e| e["action"] == action).map(|e| e["actor"].as_str().unwrap().to_string()).collect()
}

/// The number of audit entries `audit verify` checked (and that the chain holds).
fn entries(env: &Env) -> usize {
    let out = env.ok(&["audit", "verify"]);
    let line = out.lines().find(|l| l.starts_with("audit log intact")).unwrap_or_else(|| panic!("{out}"));
    line.split_whitespace().nth(3).unwrap().parse().unwrap()
}

#[test]
fn due_work_expires_flags_and_lists_once_on_a_fake_clock() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    env.ok(&["--as", "cm", "dispute", "open", "R04", "--claim", "our customer since 2025"]);

    // Before the protections end: nothing expires, the six ending within 14 days are listed.
    let out = env.ok(&["--as", "admin", "run-due", "--as-of", "2026-09-20"]);
    assert!(out.contains("0 protection(s) expired, 0 overdue dispute(s)"), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("protection ending 2026-09-28")).count(), 6, "{out}");
    let out = env.ok(&["--as", "admin", "settings", "set", "expiry_warning_days=3"]);
    assert!(out.contains("\"expiry_warning_days\": 3"), "{out}");
    let out = env.ok(&["--as", "admin", "run-due", "--as-of", "2026-09-20"]);
    assert!(out.contains("0 protection(s) ending soon"), "3 days ahead of 09-20 is before 09-28: {out}");

    // Long after: every protection expires and the dispute (5 days to rule) is flagged overdue.
    let before = entries(&env);
    let out = env.ok(&["--as", "admin", "run-due", "--as-of", "2027-01-10T08:00:00"]);
    assert!(out.contains("6 protection(s) expired, 1 overdue dispute(s) (1 newly flagged)"), "{out}");
    assert!(out.contains("overdue dispute #1 on R04 (华北)"), "{out}");
    assert_eq!(entries(&env), before + 7, "six expiries and one flag, each audited");
    let r04: serde_json::Value = serde_json::from_str(&env.ok(&["show", "R04"])).unwrap();
    let last = r04["decisions"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["status"], "expired", "{last}");
    assert_eq!(actors(&env, "expire"), ["admin"; 6]);
    assert_eq!(actors(&env, "dispute.overdue"), ["admin"]);

    // Again: nothing more to do, nothing more written (the exports above are audited themselves).
    let before = entries(&env);
    let out = env.ok(&["--as", "admin", "run-due", "--as-of", "2027-01-10T09:00:00"]);
    assert!(out.contains("0 protection(s) expired, 1 overdue dispute(s) (0 newly flagged)"), "{out}");
    assert!(out.contains("(flagged before)"), "{out}");
    assert_eq!(entries(&env), before);
}

#[test]
fn only_an_admin_moves_the_clock_and_the_clock_itself_runs_as_system() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    let err = env.fails(&["--as", "cm", "run-due"], 3);
    assert!(err.contains("admin"), "{err}");
    let err = env.fails(&["run-due", "--as-of", "2027-01-10"], 3);
    assert!(err.contains("--as ADMIN"), "{err}");
    let err = env.fails(&["--as", "admin", "run-due", "--as-of", "10/01/2026"], 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    // The real clock is past the fixtures' protections (2026-09-28).
    let out = env.ok(&["run-due"]);
    assert!(out.contains("by system") && out.contains("6 protection(s) expired"), "{out}");
    assert_eq!(actors(&env, "expire"), ["system"; 6]);
    assert!(env.ok(&["run-due"]).contains("0 protection(s) expired"));
}
