//! The audit log end to end: every change leaves a chained entry, `audit verify` catches a row edited
//! or deleted by hand in SQLite, and exports open safely in Excel.

use crate::support::{tamper, Env};

fn busy_env() -> Env {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    env.ok(&["--as", "cm", "decide", "R05", "accept"]);
    env
}

#[test]
fn verify_passes_then_catches_an_edited_row() {
    let env = busy_env();
    let out = env.ok(&["audit", "verify"]);
    // 3 imports + 4 users + 10 proposals + 1 accept.
    assert!(out.contains("intact: 18 entries"), "{out}");
    tamper(&env.db(), "UPDATE audit_log SET outcome = 'approved' WHERE seq = 8");
    let out = env.run(&["audit", "verify"]);
    assert_eq!(out.status.code(), Some(4), "tamper found exits 4");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("TAMPERED 8") && text.contains("edited"), "{text}");
    assert!(!text.contains("TAMPERED 9"), "one edit is one problem: {text}");
}

#[test]
fn verify_catches_a_deleted_row_and_a_cut_tail() {
    let env = busy_env();
    tamper(&env.db(), "DELETE FROM audit_log WHERE seq = 12");
    let text = String::from_utf8_lossy(&env.run(&["audit", "verify"]).stdout).to_string();
    assert!(text.contains("TAMPERED 12") && text.contains("deleted"), "{text}");

    let env = busy_env();
    tamper(&env.db(), "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)");
    let out = env.run(&["audit", "verify"]);
    assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn export_neutralises_formulas_and_keeps_chinese_for_excel() {
    let env = Env::new();
    env.add_users();
    let regs = env.path("evil.csv");
    std::fs::write(
        &regs,
        "registration_id,partner,submitted_at,customer_name,contact_phone,amount,expected_close,region\n\
         R1,\"=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\",2026-06-01,@SUM(A1)科技有限公司,13900000000,1000,2026-09-01,华东\n",
    )
    .unwrap();
    env.ok(&["--as", "admin", "import", "registrations", regs.to_str().unwrap(), "--no-check"]);
    env.check_all();
    let out = env.path("audit.csv");
    env.ok(&["--as", "admin", "audit", "export", "--format", "csv", "--out", out.to_str().unwrap()]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    for cell in text.split([',', '\n']).map(|c| c.trim_start_matches('"')) {
        assert!(!cell.starts_with(['=', '+', '@']), "live formula cell {cell:?}");
    }
    assert!(text.contains("华东"));
    // Filters narrow the export; xlsx and json formats are written too.
    let only = env.path("only.json");
    env.ok(&["audit", "export", "--format", "json", "--out", only.to_str().unwrap(), "--outcome", "approved"]);
    let entries: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&only).unwrap()).unwrap();
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["subject"], "R1");
    let xlsx = env.path("audit.xlsx");
    env.ok(&["audit", "export", "--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    // The export itself is audited, and the chain still verifies.
    assert!(env.ok(&["audit", "verify"]).contains("intact"));
}

#[test]
fn demo_shows_every_outcome() {
    let env = Env::new();
    let out = env.ok(&["demo"]);
    for outcome in ["direct_retained", "co_sell", "approved", "duplicate", "needs_info", "review"] {
        assert!(out.contains(outcome), "demo lacks {outcome}:\n{out}");
    }
    assert!(env.ok(&["audit", "verify"]).contains("intact"));
    let err = env.fails(&["demo"], 3);
    assert!(err.contains("already holds data"), "{err}");
}
