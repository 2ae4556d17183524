//! Conversions between domain values and PostgreSQL's types, and the COPY text format.
//!
//! The schema's types (`migrations/postgres/0001_initial.sql`): `timestamptz`, `date`, `double precision`, identity
//! ids, `json` evidence and warnings, `jsonb` settings, `text[]` regions; text `COLLATE "C"`, so lists sort as on
//! SQLite; the audit log's `at` and `payload` kept as the exact text their hashes cover.

use crate::{Result, StoreError};
use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use dealgate_domain::FieldWarning;

/// A naive (UTC) time as stored in a `timestamptz` column: whole seconds, as the SQLite store keeps it.
pub(crate) fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.trunc_subsecs(0).and_utc()
}

/// The current time, as stored (whole seconds).
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

pub(crate) fn warnings_to_text(w: &[FieldWarning]) -> Option<String> {
    (!w.is_empty()).then(|| serde_json::to_string(w).unwrap_or_default())
}

pub(crate) fn warnings_from_text(s: Option<String>) -> Result<Vec<FieldWarning>> {
    match s {
        None => Ok(Vec::new()),
        Some(s) => serde_json::from_str(&s).map_err(|_| StoreError::Corrupt { what: "warnings", value: s }),
    }
}

pub(crate) fn json<T: serde::de::DeserializeOwned>(s: &str, what: &'static str) -> Result<T> {
    serde_json::from_str(s).map_err(|_| StoreError::Corrupt { what, value: s.into() })
}

/// One row of COPY's text format being written: fields separated by tabs, `\N` for NULL, backslash,
/// tab, newline and carriage return escaped.
pub(crate) struct CopyRow<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> CopyRow<'a> {
    /// Starts a row at the end of `out`.
    pub(crate) fn new(out: &'a mut Vec<u8>) -> CopyRow<'a> {
        CopyRow { out, first: true }
    }

    fn sep(&mut self) {
        if !self.first {
            self.out.push(b'\t');
        }
        self.first = false;
    }

    /// A text field.
    pub(crate) fn text(&mut self, s: &str) -> &mut Self {
        self.sep();
        for &b in s.as_bytes() {
            match b {
                b'\\' => self.out.extend_from_slice(b"\\\\"),
                b'\t' => self.out.extend_from_slice(b"\\t"),
                b'\n' => self.out.extend_from_slice(b"\\n"),
                b'\r' => self.out.extend_from_slice(b"\\r"),
                _ => self.out.push(b),
            }
        }
        self
    }

    /// A nullable text field.
    pub(crate) fn opt(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.text(s),
            None => {
                self.sep();
                self.out.extend_from_slice(b"\\N");
                self
            }
        }
    }

    /// Ends the row.
    pub(crate) fn end(&mut self) {
        self.out.push(b'\n');
    }
}

/// A time as COPY reads it into `timestamptz` (UTC, whole seconds).
pub(crate) fn copy_time(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A number as COPY reads it into `double precision`: Rust writes the shortest text that reads back
/// as the same value, so it round-trips exactly.
pub(crate) fn copy_real(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        format!("{x:?}")
    }
}

/// Former names as stored: a JSON array of text, or NULL for none.
pub(crate) fn names_to_text(names: &[String]) -> Option<String> {
    (!names.is_empty()).then(|| serde_json::to_string(names).unwrap_or_default())
}

/// Former names from their stored text (NULL: none).
pub(crate) fn names_from_text(s: Option<String>) -> Result<Vec<String>> {
    s.map_or(Ok(Vec::new()), |s| json(&s, "former_names"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_rows_escape_what_the_text_format_reserves_and_mark_nulls() {
        let mut out = Vec::new();
        CopyRow::new(&mut out).text("a\tb\\c\nd\re").opt(None).opt(Some("云帆")).end();
        assert_eq!(String::from_utf8(out).unwrap(), "a\\tb\\\\c\\nd\\re\t\\N\t云帆\n");
    }

    #[test]
    fn numbers_are_written_so_they_read_back_exactly() {
        for x in [480_000.0, 0.1, 520_000.5, 1e-7, 1.0 / 3.0, 1e300] {
            assert_eq!(copy_real(x).parse::<f64>().unwrap(), x);
        }
        assert_eq!(copy_real(f64::INFINITY), "Infinity");
    }
}
