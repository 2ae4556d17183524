//! What can go wrong: whole-file failures (`IngestError`), bad rows (`RowError`) and doubtful values (`RowWarning`).

use std::fmt;

use dealgate_domain::{FieldWarning, RecordKind};
use serde::{Deserialize, Serialize};

use crate::headers;

/// A file that cannot be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read from disk.
    #[error("cannot read {file}: {source}")]
    Io {
        /// Path as given.
        file: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a CSV or XLSX file this crate can read.
    #[error("{file}: {detail}")]
    UnsupportedFormat {
        /// File name.
        file: String,
        /// What the file looks like and what to do about it.
        detail: String,
    },
    /// The file is an XLSX workbook but it could not be read.
    #[error("{file}: the workbook cannot be read ({detail}); open it in Excel and save it again as .xlsx or CSV")]
    UnreadableWorkbook {
        /// File name.
        file: String,
        /// The reader's explanation.
        detail: String,
    },
    /// The header row lacks columns every record of this kind needs.
    #[error("{file}: not a {} file: missing required column(s) {}; columns found: {}",
        kind.cli_name(), describe_missing(*kind, missing), describe_found(found))]
    MissingColumns {
        /// File name.
        file: String,
        /// The kind of record the file was read as.
        kind: RecordKind,
        /// Canonical names of the missing columns (`record_id`, ...).
        missing: Vec<String>,
        /// The headers of the best candidate header row, as written in the file.
        found: Vec<String>,
    },
    /// The file holds no data at all, not even a header row.
    #[error("{file}: the file is empty (no header row and no data)")]
    Empty {
        /// File name.
        file: String,
    },
}

fn describe_missing(kind: RecordKind, missing: &[String]) -> String {
    let parts: Vec<String> = missing
        .iter()
        .map(|m| match headers::chinese_name(kind, m) {
            Some(zh) => format!("{m} (or {zh})"),
            None => m.clone(),
        })
        .collect();
    parts.join(", ")
}

fn describe_found(found: &[String]) -> String {
    if found.is_empty() {
        "none".to_owned()
    } else {
        found.join(", ")
    }
}

/// A row that was not imported, with what to fix. A row with several bad values yields one
/// `RowError` per value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RowError {
    /// File name.
    pub file: String,
    /// Line as a spreadsheet user sees it (header = line 1; a multi-line CSV record's first line).
    pub line: usize,
    /// Header of the offending column as written in the file; `None` for whole-row problems.
    pub column: Option<String>,
    /// 1-based column number.
    pub column_number: Option<usize>,
    /// The value as found (empty when the value is missing).
    pub value: String,
    /// What is wrong, phrased to follow the quoted value (`is not an amount`).
    pub problem: String,
    /// What would be accepted (`a number such as 120000 or 12万`).
    pub expected: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}", self.file, self.line)?;
        match (&self.column_number, &self.column) {
            (Some(n), Some(name)) => write!(f, ", column {n} ({name})")?,
            (Some(n), None) => write!(f, ", column {n}")?,
            (None, Some(name)) => write!(f, ", column {name}")?,
            (None, None) => {}
        }
        if self.value.is_empty() {
            write!(f, ": {}; expected {}", self.problem, self.expected)
        } else {
            write!(f, ": \"{}\" {}; expected {}", self.value, self.problem, self.expected)
        }
    }
}

/// A doubtful value on a row that was imported anyway (also kept on the record's `warnings`),
/// or a note about the row itself, such as a duplicate id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RowWarning {
    /// File name.
    pub file: String,
    /// Line as a spreadsheet user sees it.
    pub line: usize,
    /// The id of the record on that line.
    pub record_id: String,
    /// The field, the value and what is doubtful about it.
    pub warning: FieldWarning,
}

impl fmt::Display for RowWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = &self.warning;
        write!(f, "{} line {} ({}): {} \"{}\": {}", self.file, self.line, self.record_id, w.field, w.value, w.problem)
    }
}
