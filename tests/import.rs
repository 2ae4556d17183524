//! Imports end to end: encodings and formats, bad rows reported precisely, re-import updates,
//! refused files change nothing.

use crate::support::{fixture, gbk, Env};

#[test]
fn bad_rows_are_reported_with_line_column_and_value_and_good_rows_land() {
    let env = Env::new();
    let bad = env.path("bad.csv");
    std::fs::write(&bad, gbk(&fixture("registrations_bad.csv"))).unwrap();
    let out = env.run(&["import", "registrations", bad.to_str().unwrap()]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("5 rows read, 2 imported, 0 updated, 3 rejected, 1 warnings"), "{stdout}");
    assert!(stderr.contains("bad.csv line 3, column 5 (customer_name)"), "{stderr}");
    assert!(stderr.contains("line 4, column 4 (submitted_at): \"2026-13-45\""), "{stderr}");
    assert!(stderr.contains("line 5, column 13 (amount): \"一百块\""), "{stderr}");
    assert!(stderr.contains("uscc \"91430100MA4L000000\""), "{stderr}");
    let status: serde_json::Value = serde_json::from_str(&env.ok(&["status"])).unwrap();
    assert_eq!(status[2]["rows"], 2);

    // Re-importing the same ids updates, never duplicates.
    let again = env.ok(&["import", "registrations", bad.to_str().unwrap()]);
    assert!(again.contains("0 imported, 2 updated"), "{again}");
    let status: serde_json::Value = serde_json::from_str(&env.ok(&["status"])).unwrap();
    assert_eq!(status[2]["rows"], 2);
}

#[test]
fn an_invalid_uscc_is_kept_flagged_and_never_used_as_a_key() {
    let env = Env::new();
    let heads = env.path("heads.csv");
    // The head account's USCC check character fails; the registration repeats the same bad code
    // under an unrelated name. Matching on the bad code would wrongly keep it for direct.
    std::fs::write(
        &heads,
        "account_id,region,account_name,uscc\nH1,华中,长沙砚池数据科技有限公司,91430100MA4L000000\n",
    )
    .unwrap();
    let regs = env.path("regs.csv");
    std::fs::write(&regs, "registration_id,partner,submitted_at,customer_name,uscc,contact_phone,amount,expected_close\nR1,伙伴甲,2026-06-01,贵阳白鹭文旅有限公司,91430100MA4L000000,13900000000,1000,2026-09-01\n").unwrap();
    let out = env.run(&["import", "head-accounts", heads.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("check character"));
    env.ok(&["import", "registrations", regs.to_str().unwrap()]);
    let d = env.check_all();
    assert_eq!(d["R1"]["outcome"], "approved", "{}", d["R1"]);
}

#[test]
fn a_file_that_is_not_csv_or_lacks_required_columns_changes_nothing() {
    let env = Env::new();
    let png = env.path("logo.csv");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let err = env.fails(&["import", "follow-ups", png.to_str().unwrap()], 2);
    assert!(err.contains("logo.csv"), "{err}");
    let wrong = env.path("wrong.csv");
    std::fs::write(&wrong, "客户名称,区域\n杭州云帆数据科技有限公司,华东\n").unwrap();
    let err = env.fails(&["import", "follow-ups", wrong.to_str().unwrap()], 2);
    assert!(err.contains("record_id") && err.contains("activity_date"), "{err}");
    let status: serde_json::Value = serde_json::from_str(&env.ok(&["status"])).unwrap();
    assert!(status.as_array().unwrap().iter().all(|s| s["rows"] == 0 && s["last_file"].is_null()), "{status}");
    assert!(env.ok(&["audit", "verify"]).contains("0 entries"));
}
