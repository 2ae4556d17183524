//! Helpers for the end-to-end tests: run the binary on a temporary database, load fixtures in
//! other encodings and formats.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary database and folder for one test.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("dealgate.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `dealgate --db DB ARGS...` under the C locale (English), whatever the machine's.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_in_locale(args, "C")
    }

    /// Runs `dealgate --db DB ARGS...` with `LANG` set to `locale` (and no `LC_ALL`, `LC_MESSAGES`).
    pub fn run_in_locale(&self, args: &[&str], locale: &str) -> Output {
        Command::new(env!("CARGO_BIN_EXE_dealgate"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("DEALGATE_DB")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", locale)
            .env("DEALGATE_LOG_DIR", self.dir.path().join("logs"))
            .output()
            .expect("run dealgate")
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "dealgate {args:?} failed ({}):\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs and asserts failure with `code`; returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(code), "dealgate {args:?}: stdout {}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8(out.stderr).expect("utf-8 stderr")
    }

    /// Imports the three standard fixtures: follow-ups as GBK CSV, head accounts as XLSX,
    /// registrations as UTF-8 with BOM, not checked (`--no-check`).
    pub fn import_fixtures(&self) {
        let fu = self.path("follow_ups_gbk.csv");
        std::fs::write(&fu, gbk(&fixture("follow_ups.csv"))).unwrap();
        let ha = self.path("head_accounts.xlsx");
        xlsx(&fixture("head_accounts.csv"), &ha);
        let rg = self.path("registrations_bom.csv");
        std::fs::write(&rg, [b"\xEF\xBB\xBF".as_slice(), fixture("registrations.csv").as_bytes()].concat()).unwrap();
        self.ok(&["import", "follow-ups", fu.to_str().unwrap()]);
        self.ok(&["import", "head-accounts", ha.to_str().unwrap()]);
        // Unchecked: the tests check them as of the fixtures' date (`check_all`).
        self.ok(&["import", "registrations", rg.to_str().unwrap(), "--no-check"]);
    }

    /// Runs the check on everything as of the fixtures' date; returns decisions by registration id.
    pub fn check_all(&self) -> std::collections::BTreeMap<String, serde_json::Value> {
        let out = self.ok(&["check", "--all", "--as-of", "2026-06-30", "--format", "jsonl"]);
        out.lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("one JSON object per line");
                (v["registration_id"].as_str().unwrap().to_string(), v)
            })
            .collect()
    }

    /// Adds the standard users: an admin, a channel manager, and the heads of 华东 and 华南.
    pub fn add_users(&self) {
        self.ok(&["user", "add", "admin", "--role", "admin"]);
        self.ok(&[
            "--as",
            "admin",
            "user",
            "add",
            "cm",
            "--role",
            "channel_manager",
            "--regions",
            "华东,华南,华北,华中,西南",
        ]);
        self.ok(&["--as", "admin", "user", "add", "head-east", "--role", "regional_head", "--regions", "华东"]);
        self.ok(&["--as", "admin", "user", "add", "head-south", "--role", "regional_head", "--regions", "华南"]);
    }
}

/// The text of a file under tests/fixtures.
pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).expect("fixture")
}

/// Encodes text as GBK, as Excel on Chinese Windows saves CSV.
pub fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// Writes CSV text as an XLSX sheet of strings.
pub fn xlsx(csv_text: &str, out: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in csv_text.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            ws.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    wb.save(out).unwrap();
}

/// Runs SQL on the database file by hand, as a tamperer would.
pub fn tamper(db: &Path, sql: &str) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        use sqlx::ConnectOptions;
        let mut conn =
            sqlx::sqlite::SqliteConnectOptions::new().filename(db).connect().await.expect("open database by hand");
        sqlx::query(sql).execute(&mut conn).await.expect("tamper");
    });
}
