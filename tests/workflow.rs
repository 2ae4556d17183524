//! People acting on decisions: accept, override with a reason, disputes ruled by the right regional
//! head, protection extensions and expiry — each visible in the decision history.

use crate::support::Env;

fn history(env: &Env, id: &str) -> Vec<serde_json::Value> {
    let shown: serde_json::Value = serde_json::from_str(&env.ok(&["show", id])).unwrap();
    shown["decisions"].as_array().unwrap().clone()
}

#[test]
fn accept_and_override_need_the_right_role_and_a_reason() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    let err = env.fails(&["decide", "R05", "accept"], 2);
    assert!(err.contains("--as"), "{err}");
    let err = env.fails(&["--as", "head-east", "decide", "R05", "accept"], 3);
    assert!(err.contains("channel_manager"), "{err}");
    let err = env.fails(&["--as", "nobody", "decide", "R05", "accept"], 2);
    assert!(err.contains("nobody") && err.contains("cm"), "{err}");
    env.ok(&["--as", "cm", "decide", "R05", "accept"]);
    let err = env.fails(&["--as", "cm", "decide", "R08", "accept"], 3);
    assert!(err.contains("review"), "{err}");
    let err = env.fails(&["--as", "cm", "decide", "R08", "override", "--outcome", "approved", "--reason", "  "], 2);
    assert!(err.contains("reason"), "{err}");
    env.ok(&[
        "--as",
        "cm",
        "decide",
        "R08",
        "override",
        "--outcome",
        "approved",
        "--reason",
        "different company: this 星澜 is a clinic chain",
    ]);
    let h = history(&env, "R08");
    assert_eq!(h.len(), 2);
    assert_eq!(h[0]["outcome"], "review");
    assert_eq!(h[1]["outcome"], "approved");
    assert_eq!(h[1]["status"], "overridden");
    assert!(h[1]["protection_until"].is_string());
}

#[test]
fn a_dispute_is_ruled_only_by_a_head_of_the_registrations_region() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    let opened = env.ok(&["--as", "cm", "dispute", "open", "R03", "--claim", "丙方伙伴 met the customer first"]);
    assert!(opened.contains("dispute #1"), "{opened}");
    let err = env.fails(&["--as", "cm", "dispute", "open", "R03", "--claim", "again"], 3);
    assert!(err.contains("still open"), "{err}");
    let err =
        env.fails(&["--as", "head-south", "dispute", "rule", "1", "--outcome", "approved", "--rationale", "x"], 3);
    assert!(err.contains("华东"), "{err}");
    let err = env.fails(&["--as", "head-east", "dispute", "rule", "1", "--outcome", "approved", "--rationale", ""], 2);
    assert!(err.contains("rationale"), "{err}");
    env.ok(&[
        "--as",
        "head-east",
        "dispute",
        "rule",
        "1",
        "--outcome",
        "co_sell",
        "--rationale",
        "both can win it together",
    ]);
    let h = history(&env, "R03");
    let last = h.last().unwrap();
    assert_eq!(last["outcome"], "co_sell");
    assert_eq!(last["status"], "ruled");
    assert_eq!(last["rule"], "ruling");
    let disputes: serde_json::Value = serde_json::from_str(&env.ok(&["dispute", "list"])).unwrap();
    assert_eq!(disputes[0]["status"], "ruled");
    assert_eq!(disputes[0]["ruled_by"], "head-east");
    let err = env.fails(&["--as", "head-east", "dispute", "rule", "1", "--outcome", "approved", "--rationale", "x"], 3);
    assert!(err.contains("already ruled"), "{err}");
}

#[test]
fn protections_extend_with_a_reason_and_expire() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    env.ok(&["--as", "cm", "decide", "R04", "accept"]);
    let out = env.ok(&["--as", "cm", "extend", "R04", "--days", "30", "--reason", "customer board meets in October"]);
    assert!(out.contains("2026-10-28"), "{out}");
    let err = env.fails(&["--as", "cm", "extend", "R07", "--days", "30", "--reason", "x"], 3);
    assert!(err.contains("needs_info"), "{err}");
    // Nothing has lapsed by 2026-10-28; R04 has by the 29th, and R05 (90 days) long before.
    let none = env.ok(&["--as", "admin", "expire", "--as-of", "2026-09-28"]);
    assert!(!none.contains("R04 expired"), "{none}");
    let out = env.ok(&["--as", "admin", "expire", "--as-of", "2026-10-29"]);
    assert!(out.contains("R04 expired") && out.contains("R05 expired"), "{out}");
    let h = history(&env, "R04");
    assert_eq!(h.last().unwrap()["status"], "expired");
    // An expired registration no longer blocks another partner's.
    let again = env.ok(&["--as", "admin", "expire", "--as-of", "2026-10-29"]);
    assert!(again.contains("0 protection(s) expired"), "{again}");
}
