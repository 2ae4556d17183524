//! What can go wrong: whole-file failures (`IngestError`), bad rows (`RowError`) and doubtful values (`RowWarning`).
//!
//! `IngestError::code` names a whole-file refusal; the field `RowError.code` a row's (a `RowProblem`, `messages.rs`).

use std::borrow::Cow;
use std::fmt;

use dealgate_domain::{FieldWarning, RecordKind};
use serde::{Deserialize, Serialize};

use crate::escape::escape_for_display;
use crate::headers;

/// A file that cannot be imported at all. Its `Display` escapes control characters in file
/// names and values (see [`escape_for_display`]), so a message is safe to print on a terminal.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read from disk.
    #[error("cannot read {}: {source}", esc(file))]
    Io {
        /// Path as given.
        file: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The path names a directory, a FIFO, a device or a socket: refused before it is opened.
    #[error("{}: not a regular file ({what}); give the path of a CSV or XLSX file", esc(file))]
    NotAFile {
        /// Path as given.
        file: String,
        /// What it is instead (`a directory`, `a named pipe (FIFO)`...).
        what: &'static str,
    },
    /// The file is larger than [`MAX_FILE_BYTES`](crate::MAX_FILE_BYTES) (or a workbook unpacks to
    /// more than its cap): refused before it is read whole.
    #[error("{}: the file is too large to import ({detail}); split it into files under {} MB", esc(file), limit / 1_000_000)]
    TooLarge {
        /// File name.
        file: String,
        /// How large it is, in words.
        detail: String,
        /// The cap in bytes.
        limit: u64,
    },
    /// The bytes are not a CSV or XLSX file this crate can read.
    #[error("{}: {}", esc(file), esc(detail))]
    UnsupportedFormat {
        /// File name.
        file: String,
        /// What the file looks like and what to do about it.
        detail: String,
    },
    /// The file is text in an encoding this crate does not read, or too many of its bytes are
    /// not text in the encoding it seems to be in.
    #[error("{}: {}", esc(file), esc(detail))]
    Encoding {
        /// File name.
        file: String,
        /// The encoding found and where the text cannot be read.
        detail: String,
    },
    /// The file is an XLSX workbook but it could not be read (damaged, or the reader failed).
    #[error(
        "{}: the workbook is damaged and cannot be read ({}); open it in Excel and save it again as .xlsx or CSV",
        esc(file),
        esc(detail)
    )]
    UnreadableWorkbook {
        /// File name.
        file: String,
        /// The reader's explanation.
        detail: String,
    },
    /// The header row lacks columns every record of this kind needs.
    #[error("{}: not a {} file: missing required column(s) {}; columns found: {}",
        esc(file), kind.cli_name(), describe_missing(*kind, missing), esc(&describe_found(found)))]
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
    #[error("{}: the file is empty (no header row and no data)", esc(file))]
    Empty {
        /// File name.
        file: String,
    },
}

impl IngestError {
    /// A stable code for the kind of refusal: `io`, `not_a_file`, `too_large`,
    /// `unsupported_format`, `encoding`, `unreadable_workbook`, `missing_columns`, `empty`.
    pub fn code(&self) -> &'static str {
        match self {
            IngestError::Io { .. } => "io",
            IngestError::NotAFile { .. } => "not_a_file",
            IngestError::TooLarge { .. } => "too_large",
            IngestError::UnsupportedFormat { .. } => "unsupported_format",
            IngestError::Encoding { .. } => "encoding",
            IngestError::UnreadableWorkbook { .. } => "unreadable_workbook",
            IngestError::MissingColumns { .. } => "missing_columns",
            IngestError::Empty { .. } => "empty",
        }
    }
}

fn esc(text: &str) -> Cow<'_, str> {
    escape_for_display(text)
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
    /// The problem as a code and its parameters, worded in any language by [`RowError::text`].
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub code: Option<crate::RowProblem>,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}", esc(&self.file), self.line)?;
        match (&self.column_number, &self.column) {
            (Some(n), Some(name)) => write!(f, ", column {n} ({})", esc(name))?,
            (Some(n), None) => write!(f, ", column {n}")?,
            (None, Some(name)) => write!(f, ", column {}", esc(name))?,
            (None, None) => {}
        }
        if self.value.is_empty() {
            write!(f, ": {}; expected {}", esc(&self.problem), self.expected)
        } else {
            write!(f, ": \"{}\" {}; expected {}", esc(&shorten(&self.value)), esc(&self.problem), self.expected)
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
        write!(
            f,
            "{} line {} ({}): {} \"{}\": {}",
            esc(&self.file),
            self.line,
            esc(&shorten(&self.record_id)),
            w.field,
            esc(&shorten(&w.value)),
            esc(&w.problem)
        )
    }
}

/// A value as a message quotes it: at most 80 characters, the rest counted.
pub(crate) fn shorten(value: &str) -> Cow<'_, str> {
    const SHOWN: usize = 80;
    match value.char_indices().nth(SHOWN) {
        None => Cow::Borrowed(value),
        Some((cut, _)) => {
            let rest = value[cut..].chars().count();
            Cow::Owned(format!("{}… ({rest} more characters)", &value[..cut]))
        }
    }
}
