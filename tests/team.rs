//! Team mode end to end on a real PostgreSQL server (`DEALGATE_TEST_PG`, a superuser URL from
//! `scripts/pg.sh`): people are logins an admin creates, each process acts as its own login, the
//! database refuses what the CLI refuses, and two people deciding at once get a conflict, not a loss.
//!
//! Without `DEALGATE_TEST_PG` it is skipped with a message, or fails with `DEALGATE_TEST_PG_REQUIRED=1` (as CI sets).

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The test server's superuser URL, or `None` (with a visible message) when there is none; a run that
/// requires PostgreSQL (`DEALGATE_TEST_PG_REQUIRED=1`, as CI sets) fails instead.
fn server() -> Option<String> {
    match std::env::var("DEALGATE_TEST_PG") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("DEALGATE_TEST_PG_REQUIRED").as_deref() != Ok("1"),
                "DEALGATE_TEST_PG_REQUIRED=1 but DEALGATE_TEST_PG is unset: start a server with scripts/pg.sh"
            );
            eprintln!("SKIPPED team-mode end-to-end test: DEALGATE_TEST_PG is unset (source scripts/pg.sh; pg_start)");
            None
        }
    }
}

/// A fresh database on the test server, dropped (with the logins made for it) when the test ends.
struct TeamDb {
    owner_url: String,
    host: String,
    name: String,
    tag: String,
}

impl TeamDb {
    fn new(server: &str) -> TeamDb {
        let tag = format!(
            "{}_{}",
            std::process::id(),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos()
        );
        let name = format!("dg_team_{tag}");
        let (base, _) = server.rsplit_once('/').expect("URL with a database");
        let host = base.rsplit_once('@').expect("URL with a user").1.to_string();
        let db = TeamDb { owner_url: format!("{base}/{name}"), host, name, tag };
        db.sql(server, &[&format!("CREATE DATABASE {}", db.name)]);
        db
    }

    /// The login name for `who` in this run (logins are cluster-wide: each run makes its own).
    fn login(&self, who: &str) -> String {
        format!("{who}_{}", self.tag)
    }

    /// The URL of this database signed in as `who` with `password`.
    fn url(&self, who: &str, password: &str) -> String {
        format!("postgres://{}:{password}@{}/{}", self.login(who), self.host, self.name)
    }

    /// Runs plain SQL statements on one connection; returns each statement's error, if any.
    fn sql(&self, url: &str, statements: &[&str]) -> Vec<Option<String>> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(url).await.expect("connect by hand");
            let mut errors = Vec::new();
            for s in statements {
                errors.push(sqlx::query(s).execute(&mut conn).await.err().map(|e| e.to_string()));
            }
            errors
        })
    }
}

impl TeamDb {
    /// Action and actor of every audit entry, in order (read by the owner).
    fn entries(&self) -> Vec<(String, String)> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(&self.owner_url).await.expect("connect by hand");
            sqlx::query_as("SELECT action, actor FROM audit_log ORDER BY seq").fetch_all(&mut conn).await.unwrap()
        })
    }
}

impl Drop for TeamDb {
    fn drop(&mut self) {
        let server = std::env::var("DEALGATE_TEST_PG").unwrap_or_default();
        let mut drops = vec![format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)];
        for who in ["ada", "cm_east", "head_east", "cm_south"] {
            drops.push(format!("DROP ROLE IF EXISTS {}", self.login(who)));
        }
        let drops: Vec<&str> = drops.iter().map(String::as_str).collect();
        let _ = self.sql(&server, &drops);
    }
}

/// Runs `dealgate --db URL ARGS...` with `stdin` on its standard input.
fn run(url: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dealgate"))
        .arg("--db")
        .arg(url)
        .args(args)
        .env_remove("DEALGATE_DB")
        .env_remove("PGPASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dealgate");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().expect("dealgate finishes")
}

fn ok(url: &str, args: &[&str], stdin: &str) -> String {
    let out = run(url, args, stdin);
    assert!(
        out.status.success(),
        "dealgate {args:?} failed ({}):\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs and asserts failure with `code` (a password on standard input, for verbs that read one).
fn fails(url: &str, args: &[&str], code: i32) -> String {
    let out = run(url, args, "a-password\n");
    assert_eq!(out.status.code(), Some(code), "dealgate {args:?}: stdout {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).unwrap()
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The owner adds an admin; the admin adds people; each signs in as themselves.
fn team(db: &TeamDb) -> [String; 4] {
    let owner = db.owner_url.clone();
    ok(&owner, &["user", "add", &db.login("ada"), "--role", "admin", "--password-stdin"], "pw-ada\n");
    let admin = db.url("ada", "pw-ada");
    for (who, role, region) in [
        ("cm_east", "channel_manager", "华东"),
        ("head_east", "regional_head", "华东"),
        ("cm_south", "channel_manager", "华南"),
    ] {
        let stdin = format!("pw-{who}\n");
        ok(&admin, &["user", "add", &db.login(who), "--role", role, "--regions", region, "--password-stdin"], &stdin);
    }
    // Registrations unchecked by the import: the check below runs as of the fixtures' date.
    for kind in ["follow-ups", "head-accounts", "registrations"] {
        ok(&admin, &["import", kind, &fixture(&format!("{}.csv", kind.replace('-', "_"))), "--no-check"], "");
    }
    ok(&admin, &["check", "--all", "--as-of", "2026-06-30", "--format", "jsonl"], "");
    [admin, db.url("cm_east", "pw-cm_east"), db.url("head_east", "pw-head_east"), db.url("cm_south", "pw-cm_south")]
}

#[test]
fn a_dispute_opened_by_one_login_is_ruled_by_another_and_the_database_refuses_a_stranger() {
    let Some(server) = server() else { return };
    let db = TeamDb::new(&server);
    let [admin, cm_east, head_east, cm_south] = team(&db);

    // A user may not add users, nor act as someone else.
    let err = fails(&cm_east, &["user", "add", "intruder", "--role", "admin", "--password-stdin"], 3);
    assert!(err.contains("admin"), "{err}");
    let err = fails(&head_east, &["--as", &db.login("ada"), "dispute", "list"], 3);
    assert!(err.contains("signed in as") && err.contains(&db.login("head_east")), "{err}");

    let opened = ok(&cm_east, &["dispute", "open", "R01", "--claim", "我方先于直销跟进"], "");
    let id: i64 = opened.split('#').nth(1).and_then(|s| s.split_whitespace().next()).unwrap().parse().unwrap();

    // The regional head, in a process of their own, sees it.
    let open: serde_json::Value = serde_json::from_str(&ok(&head_east, &["dispute", "list", "--open"], "")).unwrap();
    let listed: Vec<i64> = open.as_array().unwrap().iter().map(|d| d["id"].as_i64().unwrap()).collect();
    assert_eq!(listed, [id]);

    // The south's channel manager may not rule it: not through the CLI, not through plain SQL.
    let id_s = id.to_string();
    let err = fails(&cm_south, &["dispute", "rule", &id_s, "--outcome", "co_sell", "--rationale", "越权"], 3);
    assert!(err.contains("regional_head"), "{err}");
    let tries = [
        format!("UPDATE disputes SET status = 'ruled', ruling = 'co_sell' WHERE id = {id}"),
            "INSERT INTO decisions (registration_id, outcome, rule, summary, matches, settings_version, as_of, status, actor, created_at)
             SELECT registration_id, 'co_sell', rule, summary, matches, settings_version, as_of, 'ruled', session_user, now()
               FROM decisions WHERE registration_id = 'R01' ORDER BY id DESC LIMIT 1".to_string(),
        "UPDATE audit_log SET actor = 'nobody'".to_string(),
        "DELETE FROM audit_log".to_string(),
    ];
    let tries: Vec<&str> = tries.iter().map(String::as_str).collect();
    for (sql, err) in tries.iter().zip(db.sql(&cm_south, &tries)) {
        let err = err.unwrap_or_else(|| panic!("the database let {} run: {sql}", db.login("cm_south")));
        assert!(err.contains("denied") || err.contains("row-level security") || err.contains("refuse"), "{sql}: {err}");
    }

    // A change and its audit entry go together, even through plain SQL in one's own region; a regional
    // head's decisions are rulings and extensions, never accepts.
    let accept_r01 = "INSERT INTO decisions (registration_id, outcome, rule, summary, matches, settings_version, as_of, status, actor, created_at)
         SELECT registration_id, outcome, rule, summary, matches, settings_version, as_of, 'accepted', session_user, now()
           FROM decisions WHERE registration_id = 'R01' ORDER BY id DESC LIMIT 1";
    let entry_only = "INSERT INTO audit_log (seq, at, actor, action, subject, payload, prev_hash, hash)
         SELECT seq + 1, '2026-07-01T00:00:00Z', session_user, 'decide.accept', 'R01', '{}', hash, repeat('a', 64)
           FROM audit_head";
    let dispute_only =
        "INSERT INTO disputes (registration_id, decision_id, region, opened_by, claim, opened_at, due_at, status)
         SELECT registration_id, id, '华东', session_user, '手工', now(), now(), 'open'
           FROM decisions WHERE registration_id = 'R02' ORDER BY id DESC LIMIT 1";
    for (url, sql, expect) in [
        (&head_east, accept_r01, "row-level security"),
        (&cm_east, accept_r01, "go together"),
        (&cm_east, entry_only, "go together"),
        (&cm_east, dispute_only, "go together"),
    ] {
        let err = db.sql(url, &[sql]).remove(0).unwrap_or_else(|| panic!("the database let it run: {sql}"));
        assert!(err.contains(expect), "{sql}: {err}");
    }
    ok(&cm_east, &["decide", "R02", "accept"], "");
    let before = db.entries().len();
    let extended = ok(&head_east, &["extend", "R02", "--days", "30", "--reason", "客户延期签约"], "");
    assert!(extended.contains("R02"), "{extended}");
    assert_eq!(db.entries().len(), before + 1, "the extension and its entry, together");

    let ruled = ok(&head_east, &["dispute", "rule", &id_s, "--outcome", "co_sell", "--rationale", "双方共同跟进"], "");
    assert!(ruled.contains("R01") && ruled.contains("ruled"), "{ruled}");
    let open: serde_json::Value = serde_json::from_str(&ok(&cm_east, &["dispute", "list", "--open"], "")).unwrap();
    assert_eq!(open.as_array().unwrap().len(), 0, "the ruling is seen by everyone at once");

    // Expiring is an admin's: refused to a channel manager, recorded in the admin's name.
    let err = fails(&cm_east, &["expire", "--as-of", "2030-01-01"], 3);
    assert!(err.contains("admin"), "{err}");
    let expired = ok(&admin, &["expire", "--as-of", "2030-01-01"], "");
    assert!(!expired.starts_with("0 protection"), "the fixtures have protections to expire: {expired}");

    // The log names each login, never "system", and still holds.
    let verify = ok(&admin, &["audit", "verify"], "");
    assert!(verify.contains("intact"), "{verify}");
    let entries = db.entries();
    let by = |action: &str| -> Vec<String> {
        entries.iter().filter(|(a, _)| a.starts_with(action)).map(|(_, who)| who.clone()).collect()
    };
    assert!(by("import").iter().all(|a| *a == db.login("ada")) && !by("import").is_empty(), "{:?}", by("import"));
    assert!(by("check").iter().all(|a| *a == db.login("ada")) && !by("check").is_empty(), "{:?}", by("check"));
    assert_eq!(by("dispute.open"), [db.login("cm_east")]);
    assert_eq!(by("dispute.rule"), [db.login("head_east")]);
    assert!(!by("expire").is_empty() && by("expire").iter().all(|a| *a == db.login("ada")), "{:?}", by("expire"));
    assert!(entries.iter().all(|(_, who)| who != "system"), "{entries:?}");
}

#[test]
fn two_people_deciding_the_same_registration_at_once_lose_nothing() {
    let Some(server) = server() else { return };
    let db = TeamDb::new(&server);
    let [admin, cm_east, _, _] = team(&db);
    for id in ["R02", "R03", "R10"] {
        let accept = spawn(&cm_east, &["decide", id, "accept"]);
        let overrule = spawn(&admin, &["decide", id, "override", "--outcome", "co_sell", "--reason", "同时处理"]);
        let outs = [accept.wait_with_output().unwrap(), overrule.wait_with_output().unwrap()];
        let won: Vec<&Output> = outs.iter().filter(|o| o.status.success()).collect();
        assert!(!won.is_empty(), "one of them wins");
        for lost in outs.iter().filter(|o| !o.status.success()) {
            let err = String::from_utf8_lossy(&lost.stderr);
            assert_eq!(lost.status.code(), Some(3), "{err}");
            // Racing: the store's check inside the transaction; one after the other: the API's.
            assert!(err.contains("changed since you looked") || err.contains("already"), "{err}");
        }
        // Every decision a winner printed is in the history, and the last one stored is current.
        let shown: serde_json::Value = serde_json::from_str(&ok(&admin, &["show", id], "")).unwrap();
        let history = shown["decisions"].as_array().unwrap();
        let people: Vec<&str> =
            history.iter().filter_map(|d| d["status"].as_str()).filter(|s| *s != "proposed").collect();
        assert_eq!(people.len(), won.len(), "{id}: {history:?}");
    }
    assert!(ok(&admin, &["audit", "verify"], "").contains("intact"));
}

fn spawn(url: &str, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_dealgate"))
        .arg("--db")
        .arg(url)
        .args(args)
        .env_remove("DEALGATE_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dealgate")
}

#[test]
fn a_replay_writes_nothing_and_due_work_runs_as_an_admin_login_with_its_webhook() {
    let Some(server) = server() else { return };
    let db = TeamDb::new(&server);
    let [admin, cm_east, _, _] = team(&db);
    let before = db.entries().len();
    let args = ["policy", "replay", "--as-of", "2026-06-30", "--set", "channel_only_regions=华东", "--format", "jsonl"];
    let out = ok(&cm_east, &args, "");
    assert!(out
        .lines()
        .any(|l| l.contains(r#""registration_id":"R10""#) && l.contains(r#""replayed_outcome":"approved""#)));
    assert_eq!(db.entries().len(), before, "a replay writes nothing");

    // Three messages by 2030: the dispute opened, its being overdue, and one more of the due work.
    let robot =
        crate::notify::robot(vec![(200, crate::notify::OK), (200, crate::notify::OK), (200, crate::notify::OK)]);
    ok(&admin, &["settings", "set", &format!("webhook_url={}", robot.url)], "");
    ok(&cm_east, &["dispute", "open", "R01", "--claim", "我方先于直销跟进"], "");
    let err = fails(&cm_east, &["run-due"], 3);
    assert!(err.contains("admin"), "{err}");
    let out = ok(&admin, &["run-due", "--as-of", "2030-01-01T08:00:00"], "");
    assert!(out.contains("webhook: 3 message(s) queued, 3 delivered, 0 failed"), "{out}");
    assert!(!out.contains("\n0 protection(s) expired"), "{out}");
    let again = ok(&admin, &["run-due", "--as-of", "2030-01-01T08:00:00"], "");
    assert!(again.contains("0 protection(s) expired") && again.contains("0 message(s) queued"), "{again}");
    assert!(ok(&admin, &["audit", "verify"], "").contains("intact"));
}
