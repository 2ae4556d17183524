//! Exporting the audit log to CSV, XLSX or JSON for auditors, written atomically.
//!
//! Columns, in this order, with English headers equal to the JSON field names (except `details`,
//! which holds `payload`): see [`COLUMNS`]. CSV and XLSX neutralise every text cell with
//! [`crate::neutralize()`]; JSON keeps raw values, since a JSON reader never runs formulas and the
//! export should read back to exactly the entries that were hashed.

use std::borrow::Cow;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use crate::chain::AuditEntry;
use crate::error::AuditError;
use crate::hash::{canonical_json, sha256_reader};
use crate::neutralize::neutralize;
use crate::sheet_csv::SheetCsv;
use crate::xlsx;

/// The exported columns, in order.
pub const COLUMNS: [&str; 12] =
    ["seq", "at", "actor", "action", "subject", "region", "partner", "outcome", "rule", "details", "prev_hash", "hash"];

/// The file formats the audit log can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// UTF-8 with BOM, RFC 4180 quoting, CRLF line ends, formulas neutralised.
    Csv,
    /// An Excel workbook: every value a string cell (seq a number), formulas neutralised.
    Xlsx,
    /// A JSON array of the entries exactly as stored, UTF-8, pretty-printed.
    Json,
}

impl ExportFormat {
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Json => "json",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for ExportFormat {
    type Err = AuditError;

    /// `csv`, `xlsx` (or `excel`), `json`, in any case, with or without a leading dot.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let t = t.strip_prefix('.').unwrap_or(t).to_ascii_lowercase();
        match t.as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "xlsx" | "excel" => Ok(ExportFormat::Xlsx),
            "json" => Ok(ExportFormat::Json),
            _ => Err(AuditError::UnknownFormat { given: s.to_owned() }),
        }
    }
}

/// What [`export`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSummary {
    /// The format written.
    pub format: ExportFormat,
    /// The file written.
    pub path: PathBuf,
    /// How many entries it holds.
    pub entries: usize,
    /// The seq of the first entry written, if any.
    pub first_seq: Option<i64>,
    /// The seq of the last entry written, if any.
    pub last_seq: Option<i64>,
    /// The file's size in bytes.
    pub bytes: u64,
    /// Lowercase hex SHA-256 of the file, worth recording in the audit log as evidence of
    /// exactly what was handed out.
    pub sha256: String,
}

/// Writes `entries` (in the order given) to `out` in `format`.
///
/// The file is written to a temporary file in the same directory, synced, then renamed over
/// `out`, so a failed export never leaves a half-written file and an existing file at `out` is
/// replaced only by a complete one.
pub fn export(entries: &[AuditEntry], format: ExportFormat, out: &Path) -> Result<ExportSummary, AuditError> {
    export_under(entries, format, out, &COLUMNS)
}

/// [`export`] with other column headers (CSV and XLSX; JSON has none).
pub(crate) fn export_under(
    entries: &[AuditEntry],
    format: ExportFormat,
    out: &Path,
    headers: &[&str; 12],
) -> Result<ExportSummary, AuditError> {
    // Errors name `out`, the file the user asked for, not the temporary file.
    write_atomically(out, |tmp, file| match format {
        ExportFormat::Csv => write_csv(entries, file, out, headers),
        ExportFormat::Json => write_json(entries, file, out),
        ExportFormat::Xlsx => {
            drop(file);
            xlsx::write_xlsx(entries, tmp, out, xlsx::MAX_DATA_ROWS, headers)
        }
    })?;
    let (bytes, sha256) = hash_file(out)?;
    Ok(ExportSummary {
        format,
        path: out.to_path_buf(),
        entries: entries.len(),
        first_seq: entries.first().map(|e| e.seq),
        last_seq: entries.last().map(|e| e.seq),
        bytes,
        sha256,
    })
}

/// The text cells of one row after `seq`, neutralised, in [`COLUMNS`] order.
pub(crate) fn text_cells(e: &AuditEntry) -> [Cow<'_, str>; 11] {
    // A readable export (`readable.rs`) puts its worded details in as a string.
    let details = match &e.payload {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => canonical_json(other),
    };
    let details = if matches!(neutralize(&details), Cow::Owned(_)) { format!("'{details}") } else { details };
    [
        neutralize(&e.at),
        neutralize(&e.actor),
        neutralize(&e.action),
        neutralize(&e.subject),
        opt_cell(&e.region),
        opt_cell(&e.partner),
        opt_cell(&e.outcome),
        opt_cell(&e.rule),
        Cow::Owned(details),
        neutralize(&e.prev_hash),
        neutralize(&e.hash),
    ]
}

fn opt_cell(o: &Option<String>) -> Cow<'_, str> {
    o.as_deref().map_or(Cow::Borrowed(""), neutralize)
}

fn write_csv(entries: &[AuditEntry], file: File, path: &Path, headers: &[&str; 12]) -> Result<(), AuditError> {
    let io_err = |source| AuditError::Io { path: path.to_path_buf(), source };
    let mut w = SheetCsv::new(BufWriter::new(file), headers).map_err(io_err)?;
    for e in entries {
        let cells = text_cells(e);
        let seq = e.seq.to_string();
        w.raw_record(std::iter::once(seq.as_str()).chain(cells.iter().map(|c| c.as_ref()))).map_err(io_err)?;
    }
    let buf = w.finish().map_err(io_err)?;
    finish(buf, path)
}

fn write_json(entries: &[AuditEntry], file: File, path: &Path) -> Result<(), AuditError> {
    let mut buf = BufWriter::new(file);
    serde_json::to_writer_pretty(&mut buf, entries)
        .map_err(|source| AuditError::Json { path: path.to_path_buf(), source })?;
    buf.write_all(b"\n").map_err(|source| AuditError::Io { path: path.to_path_buf(), source })?;
    finish(buf, path)
}

fn finish(buf: BufWriter<File>, path: &Path) -> Result<(), AuditError> {
    let io_err = |source| AuditError::Io { path: path.to_path_buf(), source };
    let file = buf.into_inner().map_err(|e| io_err(e.into_error()))?;
    file.sync_all().map_err(io_err)
}

static TMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Creates a fresh temporary file next to `out`, lets `write` fill it, syncs and renames it to
/// `out`; on any error the temporary file is removed.
fn write_atomically(out: &Path, write: impl FnOnce(&Path, File) -> Result<(), AuditError>) -> Result<(), AuditError> {
    let name = out.file_name().ok_or_else(|| AuditError::BadPath { path: out.to_path_buf() })?;
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut attempts = 0;
    let (tmp, file) = loop {
        let n = TMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}-{n}.tmp", std::process::id()));
        let tmp = dir.join(tmp_name);
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempts < 100 => attempts += 1,
            Err(source) => return Err(AuditError::Io { path: out.to_path_buf(), source }),
        }
    };
    let result = write(&tmp, file).and_then(|()| {
        // The XLSX writer creates the file anew; sync whatever is there now before the rename.
        File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|source| AuditError::Io { path: out.to_path_buf(), source })?;
        fs::rename(&tmp, out).map_err(|source| AuditError::Io { path: out.to_path_buf(), source })
    });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn hash_file(path: &Path) -> Result<(u64, String), AuditError> {
    File::open(path)
        .and_then(|f| sha256_reader(io::BufReader::new(f)))
        .map_err(|source| AuditError::Io { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn format_names_parse_and_display() {
        assert_eq!("CSV".parse::<ExportFormat>().unwrap(), ExportFormat::Csv);
        assert_eq!(".xlsx".parse::<ExportFormat>().unwrap(), ExportFormat::Xlsx);
        assert_eq!("excel".parse::<ExportFormat>().unwrap(), ExportFormat::Xlsx);
        assert_eq!(" json ".parse::<ExportFormat>().unwrap(), ExportFormat::Json);
        let err = "pdf".parse::<ExportFormat>().unwrap_err();
        assert_eq!(err.to_string(), "unknown audit export format \"pdf\": expected csv, xlsx or json");
        assert_eq!(ExportFormat::Xlsx.to_string(), "xlsx");
    }
}
