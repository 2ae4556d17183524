//! The database as a file a person handles, and an audit trail that proves what it claims: commands
//! that read never create or change a database, the file alone is the whole database after a command,
//! backups, read-only copies, anchors, tables edited behind the log's back, and terminal-safe output.

use crate::support::{tamper, Env};

fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn commands_that_read_or_change_never_create_a_database() {
    let env = Env::new();
    for args in [
        &["status"][..],
        &["audit", "verify"],
        &["show", "R01"],
        &["user", "list"],
        &["check", "--all"],
        &["--as", "cm", "decide", "R01", "accept"],
        &["expire"],
    ] {
        let err = env.fails(args, 2);
        assert!(err.contains("no DealGate database") && err.contains("no such file"), "{args:?}: {err}");
        assert!(!env.db().exists(), "{args:?} created the database");
    }
    std::fs::write(env.db(), b"").unwrap();
    let err = env.fails(&["audit", "verify"], 2);
    assert!(err.contains("empty (0 bytes)"), "{err}");
    assert_eq!(std::fs::metadata(env.db()).unwrap().len(), 0);
    // Putting data in creates it.
    std::fs::remove_file(env.db()).unwrap();
    env.ok(&["user", "add", "admin", "--role", "admin"]);
    let fresh = Env::new();
    fresh.ok(&["user", "add", "admin", "--role", "admin"]);
    let out = fresh.ok(&["audit", "verify"]);
    assert!(out.contains("head: 1:"), "{out}");
}

#[test]
fn after_any_command_the_database_file_alone_is_the_whole_database() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    env.ok(&["--as", "cm", "decide", "R05", "accept"]);
    let wal = env.path("dealgate.db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0, "the log is folded in on exit");
    // Copy only the .db file, as a person backing up "the one file" would.
    let copy = Env::new();
    std::fs::copy(env.db(), copy.db()).unwrap();
    let status: serde_json::Value = serde_json::from_str(&copy.ok(&["status"])).unwrap();
    let rows: Vec<i64> = status.as_array().unwrap().iter().map(|s| s["rows"].as_i64().unwrap()).collect();
    assert!(rows.iter().all(|&n| n > 0), "every source is in the copied file: {status}");
    let shown: serde_json::Value = serde_json::from_str(&copy.ok(&["show", "R05"])).unwrap();
    assert_eq!(shown["decisions"].as_array().unwrap().len(), 2);
    assert!(copy.ok(&["audit", "verify"]).contains("intact"));
}

#[test]
fn a_backup_is_a_self_contained_copy_and_never_overwrites() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    let out = env.path("backup").join("dealgate-copy.db");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    env.ok(&["backup", out.to_str().unwrap()]);
    assert_eq!(listing(out.parent().unwrap()), ["dealgate-copy.db"]);
    let err = env.fails(&["backup", out.to_str().unwrap()], 1);
    assert!(err.contains("exists"), "{err}");
    let copy = Env::new();
    std::fs::rename(&out, copy.db()).unwrap();
    assert_eq!(copy.ok(&["show", "R05"]), env.ok(&["show", "R05"]));
    assert_eq!(copy.ok(&["audit", "verify"]), env.ok(&["audit", "verify"]));
}

#[test]
fn reading_commands_leave_the_file_and_its_folder_untouched() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    let before = listing(env.dir.path());
    let bytes = std::fs::read(env.db()).unwrap();
    for args in [&["status"][..], &["show", "R05"], &["audit", "verify"], &["user", "list"], &["settings", "show"]] {
        env.ok(args);
    }
    assert!(std::fs::read(env.db()).unwrap() == bytes, "the database is byte for byte as it was");
    let wal = env.path("dealgate.db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0, "nothing written to the log");
    let made: Vec<String> = listing(env.dir.path()).into_iter().filter(|f| !before.contains(f)).collect();
    assert!(made.iter().all(|f| f.ends_with("-wal") || f.ends_with("-shm")), "{made:?}");
}

fn head_of(verify_output: &str) -> String {
    let line = verify_output.lines().find(|l| l.starts_with("head: ")).expect("verify prints the head");
    line["head: ".len()..].split_whitespace().next().unwrap().to_string()
}

#[test]
fn an_anchor_kept_outside_catches_a_cut_tail_with_a_rewritten_head() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    let anchor = head_of(&env.ok(&["audit", "verify"]));
    env.ok(&["--as", "cm", "decide", "R05", "accept"]);
    env.ok(&["audit", "verify", "--anchor", &anchor]);
    let exported = env.ok(&["--as", "admin", "audit", "export", "--out", env.path("a.csv").to_str().unwrap()]);
    let later = head_of(&exported);
    // Cut the last two entries (the accept and the export), point the head row at what is left and the
    // registration back at its proposal: the chain and the tables agree again.
    tamper(&env.db(), "DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 2 FROM audit_log)");
    tamper(&env.db(), "UPDATE audit_head SET seq = (SELECT MAX(seq) FROM audit_log), hash = (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1)");
    tamper(&env.db(), "DELETE FROM decisions WHERE id = (SELECT MAX(id) FROM decisions)");
    tamper(&env.db(), "UPDATE registrations SET decision_id = (SELECT MAX(id) FROM decisions d WHERE d.registration_id = 'R05'), q_status = 'proposed' WHERE registration_id = 'R05'");
    env.ok(&["audit", "verify"]); // without the anchor nothing inside the database can tell
    let out = env.run(&["audit", "verify", "--anchor", &anchor, "--anchor", &later]);
    assert_eq!(out.status.code(), Some(4), "tamper found exits 4");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("anchor {later} no longer holds")), "{text}");
    assert!(!text.contains(&format!("anchor {anchor} no longer")), "the earlier anchor still holds: {text}");
    let bad = env.fails(&["audit", "verify", "--anchor", "12:nothex"], 2);
    assert!(bad.contains("SEQ:HASH"), "{bad}");
}

#[test]
fn a_decision_or_dispute_edited_behind_the_logs_back_is_caught() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    env.ok(&["--as", "cm", "decide", "R05", "accept"]);
    env.ok(&["--as", "cm", "dispute", "open", "R03", "--claim", "we met them first"]);
    assert!(env.ok(&["audit", "verify"]).contains("intact"));
    tamper(&env.db(), "UPDATE decisions SET outcome = 'duplicate' WHERE id = (SELECT decision_id FROM registrations WHERE registration_id = 'R05')");
    tamper(&env.db(), "UPDATE disputes SET claim = 'direct never called them' WHERE registration_id = 'R03'");
    tamper(&env.db(), "DELETE FROM head_accounts WHERE account_id = 'H01'");
    let out = env.run(&["audit", "verify"]);
    assert_eq!(out.status.code(), Some(4), "tamper found exits 4");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("R05") && text.contains("outcome duplicate"), "{text}");
    assert!(text.contains("dispute #1 on R03") && text.contains("claim"), "{text}");
    assert!(text.contains("head-account list differs"), "{text}");
    // A decision inserted by hand, with no entry.
    tamper(&env.db(), "INSERT INTO decisions (registration_id, outcome, rule, summary, matches, settings_version, as_of, status, actor, created_at) SELECT registration_id, 'approved', 'override', 'x', '[]', 0, as_of, 'overridden', 'cm', created_at FROM decisions WHERE registration_id = 'R01'");
    tamper(
        &env.db(),
        "UPDATE registrations SET decision_id = (SELECT MAX(id) FROM decisions) WHERE registration_id = 'R01'",
    );
    let out = env.run(&["audit", "verify"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("R01") && text.contains("no audit entry"), "{text}{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn control_characters_in_data_and_file_names_are_escaped_on_the_terminal() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    // A partner name carrying a terminal title sequence and a screen clear, as a hostile file could.
    tamper(&env.db(), "UPDATE registrations SET partner = '伙伴' || char(27) || ']0;owned' || char(7) || char(27) || '[2J' WHERE registration_id = 'R05'");
    for format in ["table", "csv"] {
        let out = env.ok(&["check", "--all", "--as-of", "2026-06-30", "--format", format]);
        assert!(out.contains("R05"), "{out}");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{format}: raw escape printed: {out:?}");
    }
    let table = env.ok(&["check", "R05", "--as-of", "2026-06-30"]);
    assert!(table.contains("\\u{1b}"), "shown as an escape: {table}");
    let csv = env.run(&["check", "--all", "--as-of", "2026-06-30", "--format", "csv"]);
    assert!(csv.stdout.starts_with(b"\xEF\xBB\xBF"), "check's CSV has a BOM, as the audit export");
    // A file name with an escape sequence, echoed in the error.
    let evil = env.path("a\u{1b}[2Jb.csv");
    std::fs::write(&evil, b"not,a\nregistration,file\n").unwrap();
    let err = env.fails(&["--as", "admin", "import", "registrations", evil.to_str().unwrap()], 2);
    assert!(!err.contains('\u{1b}'), "raw escape in the error: {err:?}");
}

#[test]
fn check_csv_neutralises_formulas_like_the_audit_export() {
    let env = Env::new();
    env.add_users();
    let regs = env.path("evil.csv");
    std::fs::write(
        &regs,
        "registration_id,partner,submitted_at,customer_name,contact_phone,amount,expected_close,region\n\
         =1+1,伙伴,2026-06-01,＝HYPERLINK(\"\"x\"\")科技有限公司,13900000000,1000,2026-09-01,华东\n",
    )
    .unwrap();
    env.ok(&["--as", "admin", "import", "registrations", regs.to_str().unwrap()]);
    let out = env.ok(&["check", "--all", "--as-of", "2026-06-30", "--format", "csv"]);
    let row = out.lines().nth(1).expect("one row");
    assert!(row.starts_with("'=1+1,"), "{row}");
    assert!(!row.contains(",=") && !row.contains(",＝"), "{row}");
}

#[test]
fn a_placeholder_phone_shared_by_different_companies_makes_no_duplicates() {
    let env = Env::new();
    let regs = env.path("phones.csv");
    std::fs::write(
        &regs,
        "registration_id,partner,submitted_at,customer_name,contact_phone,amount,expected_close,region\n\
         P1,甲伙伴,2026-06-01,青柚数码科技有限公司,13800138000,100000,2026-09-01,华东\n\
         P2,乙伙伴,2026-06-02,沧浪环境工程有限公司,13800138000,100000,2026-09-01,华东\n\
         P3,丙伙伴,2026-06-03,岭南糖业股份有限公司,13800138000,100000,2026-09-01,华南\n\
         P4,丁伙伴,2026-06-04,北辰精工机械有限公司,13800138000,100000,2026-09-01,华北\n\
         P5,戊伙伴,2026-06-05,雪松物流有限公司,13911112222,100000,2026-09-01,华北\n\
         P6,己伙伴,2026-06-06,雪松物流有限公司,13911112222,100000,2026-09-01,华北\n",
    )
    .unwrap();
    env.ok(&["import", "registrations", regs.to_str().unwrap()]);
    let decided = env.check_all();
    for id in ["P1", "P2", "P3", "P4"] {
        assert_eq!(decided[id]["outcome"], "approved", "{id}: {}", decided[id]);
    }
    assert_eq!(decided["P6"]["outcome"], "duplicate", "one company registered twice is still caught");
}

#[test]
fn the_exit_statuses_are_documented_in_help() {
    let env = Env::new();
    let help = env.ok(&["--help"]);
    for status in ["0 done", "1 failure", "2 bad input", "3 forbidden or conflict", "4 audit verify found tampering"] {
        assert!(help.contains(status), "--help lacks {status:?}: {help}");
    }
}
