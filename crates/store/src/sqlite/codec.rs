//! Conversions between domain values and the text SQLite stores.

use crate::{Result, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use dealgate_domain::FieldWarning;

pub(crate) const DATE: &str = "%Y-%m-%d";
pub(crate) const DATETIME: &str = "%Y-%m-%dT%H:%M:%S";

pub(crate) fn date(s: &str, what: &'static str) -> Result<NaiveDate> {
    canonical_date(s)
        .or_else(|| NaiveDate::parse_from_str(s, DATE).ok())
        .ok_or_else(|| StoreError::Corrupt { what, value: s.into() })
}

pub(crate) fn opt_date(s: Option<String>, what: &'static str) -> Result<Option<NaiveDate>> {
    s.map(|s| date(&s, what)).transpose()
}

pub(crate) fn datetime(s: &str, what: &'static str) -> Result<NaiveDateTime> {
    canonical_datetime(s)
        .or_else(|| NaiveDateTime::parse_from_str(s, DATETIME).ok())
        .ok_or_else(|| StoreError::Corrupt { what, value: s.into() })
}

/// The digits of `s[at]` as a number, if they are all digits.
fn digits(s: &[u8], at: std::ops::Range<usize>) -> Option<u32> {
    s.get(at)?.iter().try_fold(0, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

/// A date written exactly as [`fmt_date`] writes it, read without chrono's format machinery (a scan
/// reads a million); `None` for anything else, which [`date`] then reads with the format.
fn canonical_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(b, 0..4)? as i32, digits(b, 5..7)?, digits(b, 8..10)?)
}

/// A date and time written exactly as [`fmt_datetime`] writes it, as [`canonical_date`].
fn canonical_datetime(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 19 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    canonical_date(&s[..10])?.and_hms_opt(digits(b, 11..13)?, digits(b, 14..16)?, digits(b, 17..19)?)
}

pub(crate) fn fmt_date(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

pub(crate) fn fmt_datetime(d: NaiveDateTime) -> String {
    d.format(DATETIME).to_string()
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

/// The current time, as stored.
pub(crate) fn now() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
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
    fn dates_read_back_as_written_and_other_forms_go_through_the_format() {
        for (y, m, d) in [(2026, 1, 1), (2024, 2, 29), (999, 12, 31), (2026, 11, 24)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date(&fmt_date(day), "t").unwrap(), day);
            let at = day.and_hms_opt(23, 59, 7).unwrap();
            assert_eq!(datetime(&fmt_datetime(at), "t").unwrap(), at);
        }
        assert_eq!(date("2026-5-3", "t").unwrap(), NaiveDate::from_ymd_opt(2026, 5, 3).unwrap());
        for bad in ["2026-02-30", "2026-13-01", "2026-01-0x", "２０２６-01-01", ""] {
            assert!(date(bad, "t").is_err(), "{bad}");
        }
        for bad in ["2026-01-01T24:00:00", "2026-01-01 10:00:00", "2026-01-01T10:60:00"] {
            assert!(datetime(bad, "t").is_err(), "{bad}");
        }
    }
}
