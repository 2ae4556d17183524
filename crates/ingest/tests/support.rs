//! Helpers shared by the tests: writing fixture files and unwrapping parsed records.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use dealgate_domain::{FollowUp, HeadAccount, RecordKind, Registration};
use dealgate_ingest::{read_file, IngestError, Parsed, Records};
use tempfile::TempDir;

/// A temporary folder holding one fixture file.
pub struct Fixture {
    _dir: TempDir,
    pub path: PathBuf,
}

/// Writes `bytes` to a fresh temporary file called `name`.
pub fn fixture(name: &str, bytes: impl AsRef<[u8]>) -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    Fixture { _dir: dir, path }
}

/// Writes and reads a fixture, expecting success.
pub fn read_ok(name: &str, bytes: impl AsRef<[u8]>, kind: RecordKind) -> Parsed {
    let f = fixture(name, bytes);
    read_file(&f.path, kind).unwrap_or_else(|e| panic!("{name} should be read: {e}"))
}

/// Writes and reads a fixture, expecting the whole file to be refused.
pub fn read_err(name: &str, bytes: impl AsRef<[u8]>, kind: RecordKind) -> IngestError {
    let f = fixture(name, bytes);
    match read_file(&f.path, kind) {
        Ok(p) => panic!("{name} should be refused, got {} records", p.records.len()),
        Err(e) => e,
    }
}

pub fn follow_ups(p: &Parsed) -> &[FollowUp] {
    match &p.records {
        Records::FollowUps(v) => v,
        other => panic!("expected follow-ups, got {:?}", other.kind()),
    }
}

pub fn head_accounts(p: &Parsed) -> &[HeadAccount] {
    match &p.records {
        Records::HeadAccounts(v) => v,
        other => panic!("expected head accounts, got {:?}", other.kind()),
    }
}

pub fn registrations(p: &Parsed) -> &[Registration] {
    match &p.records {
        Records::Registrations(v) => v,
        other => panic!("expected registrations, got {:?}", other.kind()),
    }
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn datetime(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

/// Messages of every rejected value, for assertion failures that show what happened.
pub fn messages(p: &Parsed) -> Vec<String> {
    p.rejected.iter().map(ToString::to_string).collect()
}
