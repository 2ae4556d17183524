//! Conversions between domain values and the text SQLite stores.

use crate::{Result, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use dealgate_domain::FieldWarning;

pub(crate) const DATE: &str = "%Y-%m-%d";
pub(crate) const DATETIME: &str = "%Y-%m-%dT%H:%M:%S";

pub(crate) fn date(s: &str, what: &'static str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, DATE).map_err(|_| StoreError::Corrupt { what, value: s.into() })
}

pub(crate) fn opt_date(s: Option<String>, what: &'static str) -> Result<Option<NaiveDate>> {
    s.map(|s| date(&s, what)).transpose()
}

pub(crate) fn datetime(s: &str, what: &'static str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, DATETIME).map_err(|_| StoreError::Corrupt { what, value: s.into() })
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
