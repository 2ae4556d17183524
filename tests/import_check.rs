//! Registrations are checked as part of their import: what changed is listed (old → new outcome, why),
//! a person's decision stays and is reported, and `--no-check` leaves them unchecked.

use crate::support::{fixture, Env};

const HEADER: &str = "registration_id,partner,submitted_at,customer_name,region,contact_phone,amount,expected_close\n";

fn regs(env: &Env, name: &str, rows: &[&str]) -> String {
    let path = env.path(name);
    std::fs::write(&path, format!("{HEADER}{}\n", rows.join("\n"))).unwrap();
    path.to_str().unwrap().to_string()
}

/// The current decision's outcome and status of `id`, or none.
fn current(env: &Env, id: &str) -> Option<(String, String)> {
    let shown: serde_json::Value = serde_json::from_str(&env.ok(&["show", id])).unwrap();
    let last = shown["decisions"].as_array()?.last()?.clone();
    Some((last["outcome"].as_str()?.to_string(), last["status"].as_str()?.to_string()))
}

#[test]
fn an_import_checks_its_registrations_lists_changes_and_keeps_a_persons_decision() {
    let env = Env::new();
    let fu = env.path("follow_ups.csv");
    std::fs::write(&fu, fixture("follow_ups.csv")).unwrap();
    let heads = env.path("heads.csv");
    std::fs::write(&heads, fixture("head_accounts.csv")).unwrap();
    env.ok(&["import", "follow-ups", fu.to_str().unwrap()]);
    env.ok(&["import", "head-accounts", heads.to_str().unwrap()]);
    env.add_users();

    // Two companies nobody follows: both go to their partners, checked by the import itself.
    let first = regs(
        &env,
        "first.csv",
        &[
            "N1,伙伴甲,2026-06-01,贵阳白鹭文旅有限公司,华东,13900000101,1000,2026-09-01",
            "N2,伙伴乙,2026-06-02,兰州青柏农业科技有限公司,华东,13900000102,1000,2026-09-01",
        ],
    );
    let out = env.ok(&["--as", "admin", "import", "registrations", &first]);
    assert!(out.contains("2 rows read, 2 imported"), "{out}");
    assert!(out.contains("checked 2: approved (to partner) 2"), "{out}");
    assert_eq!(current(&env, "N1"), Some(("approved".into(), "proposed".into())));
    env.ok(&["--as", "admin", "decide", "N2", "accept"]);

    // Both re-imported as a head account's company: N1's proposal changes and is listed with why;
    // N2's accepted approval stays, and the report says what a check would say now.
    let second = regs(
        &env,
        "second.csv",
        &[
            "N1,伙伴甲,2026-06-01,杭州云帆数据科技有限公司,华东,13900000101,1000,2026-09-01",
            "N2,伙伴乙,2026-06-02,杭州云帆数据科技有限公司,华东,13900000102,1000,2026-09-01",
        ],
    );
    let out = env.ok(&["--as", "admin", "import", "registrations", &second]);
    assert!(out.contains("0 imported, 2 updated"), "{out}");
    assert!(out.contains("checked 1: direct retained 1"), "{out}");
    assert!(out.contains("1 changed:\n  N1: approved (to partner) → direct retained ("), "{out}");
    assert!(out.contains("1 decided by a person, kept:\n  N2: kept approved (to partner), accepted by admin; a check now would say direct retained ("), "{out}");
    assert_eq!(current(&env, "N1"), Some(("direct_retained".into(), "proposed".into())));
    assert_eq!(current(&env, "N2"), Some(("approved".into(), "accepted".into())), "a person's decision stays");

    // In Chinese, the same report in words.
    let out = env.ok(&["--lang", "zh", "--as", "admin", "import", "registrations", &second]);
    assert!(out.contains("已查重 1 条"), "{out}");
    assert!(out.contains("已有人工决定、保持不变 1 条"), "{out}");
    assert!(out.contains("N2: 保持"), "{out}");

    // Told not to, the import leaves a new registration unchecked.
    let third =
        regs(&env, "third.csv", &["N3,伙伴丙,2026-06-03,西宁雪豹户外用品有限公司,华东,13900000103,1000,2026-09-01"]);
    let out = env.ok(&["--as", "admin", "import", "registrations", &third, "--no-check"]);
    assert!(!out.contains("checked"), "{out}");
    assert_eq!(current(&env, "N3"), None);
}
