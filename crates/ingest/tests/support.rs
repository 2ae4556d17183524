//! Helpers shared by the tests: writing fixture files and unwrapping parsed records.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use dealgate_domain::{FollowUp, HeadAccount, RecordKind, Registration};
use dealgate_ingest::{read_file, IngestError, Parsed, Records, MAX_NAME_CHARS};
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

/// What must hold of every record read from any file: names with a letter or digit, no Excel
/// error value, no undecodable byte, no control character, and dates in the accepted range.
pub fn stored_wrong(p: &Parsed) -> Vec<String> {
    let mut bad = Vec::new();
    let check_text = |bad: &mut Vec<String>, what: &str, v: &str| {
        if v.contains('\u{FFFD}') || v.contains(|c: char| c.is_control() && !c.is_whitespace()) {
            bad.push(format!("{what} {v:?} holds an undecodable byte or a control character"));
        }
        if v.starts_with('#') && v.ends_with(['!', '?', 'A']) {
            bad.push(format!("{what} {v:?} is an Excel error value"));
        }
    };
    let mut names = Vec::new();
    let mut dates = Vec::new();
    match &p.records {
        Records::FollowUps(v) => {
            for r in v {
                names.push(r.account_name.clone());
                dates.push(r.activity_date);
                for t in [Some(&r.record_id), r.uscc.as_ref(), r.phone.as_ref(), r.owner.as_ref()].into_iter().flatten()
                {
                    check_text(&mut bad, "field", t);
                }
            }
        }
        Records::HeadAccounts(v) => names.extend(v.iter().map(|r| r.account_name.clone())),
        Records::Registrations(v) => {
            for r in v {
                names.push(r.customer_name.clone());
                names.push(r.partner.clone());
                dates.push(r.submitted_at.date());
                dates.extend(r.expected_close);
                for t in [r.uscc.as_ref(), r.website.as_ref(), r.contact_email.as_ref()].into_iter().flatten() {
                    check_text(&mut bad, "field", t);
                }
                if r.amount.is_some_and(|a| !a.is_finite() || a < 0.0) {
                    bad.push(format!("amount {:?}", r.amount));
                }
            }
        }
    }
    for n in &names {
        check_text(&mut bad, "name", n);
        if !n.chars().any(char::is_alphanumeric) || n.chars().count() > MAX_NAME_CHARS {
            bad.push(format!("name {n:?}"));
        }
    }
    for d in dates {
        if !(1900..=2100).contains(&chrono::Datelike::year(&d)) {
            bad.push(format!("date {d}"));
        }
    }
    bad
}
