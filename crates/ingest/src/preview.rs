//! A look at a file before importing it: encoding, the header row, the proposed column mapping from
//! the built-in aliases, and the first rows as text, so a person can assign unknown headers by hand.

use std::path::Path;

use dealgate_domain::RecordKind;
use serde::Serialize;

use crate::cell::Row;
use crate::collect::{Sink, HEADER_SEARCH_ROWS};
use crate::decode::{self, Content};
use crate::headers::{canonical, fields_of, match_headers};
use crate::{csv_source, source, xlsx, FileFormat, IngestError};

/// A column a kind of record reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldSpec {
    /// Canonical name, e.g. `customer_name`.
    pub field: String,
    /// Whether a file must have it.
    pub required: bool,
}

/// Which field a header of the file is read as, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HeaderMapping {
    /// The header as written in the file.
    pub header: String,
    /// The canonical field it names, or `None` when no alias matches (the column is ignored).
    pub field: Option<String>,
}

/// What a file looks like to the importer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Preview {
    /// How the file was read: `GB18030`, `UTF-8`... for CSV, `XLSX` for a workbook.
    pub encoding: String,
    /// Format details (delimiter or sheet).
    pub format: FileFormat,
    /// Line (or sheet row) of the header row.
    pub header_line: usize,
    /// The header row as written.
    pub headers: Vec<String>,
    /// Each header and the field the built-in aliases give it.
    pub mapping: Vec<HeaderMapping>,
    /// The columns this kind reads.
    pub fields: Vec<FieldSpec>,
    /// Required fields no header names yet: assign them by hand before importing.
    pub missing: Vec<String>,
    /// The first data rows after the header, as text, one string per header column.
    pub sample: Vec<Vec<String>>,
    /// Non-blank rows after the header.
    pub rows_estimate: usize,
}

/// The columns a kind of record reads, in the usual order.
pub fn fields(kind: RecordKind) -> Vec<FieldSpec> {
    fields_of(kind).into_iter().map(|(f, r)| FieldSpec { field: f.to_owned(), required: r }).collect()
}

/// Previews a file on disk; `sample_rows` data rows are returned.
pub fn preview_file(path: &Path, kind: RecordKind, sample_rows: usize) -> Result<Preview, IngestError> {
    let bytes = source::read_checked(path)?;
    preview_bytes(&source::display_name(path), bytes, kind, sample_rows)
}

/// Previews a file already in memory; `file` names it in messages. Files over
/// [`MAX_FILE_BYTES`](crate::MAX_FILE_BYTES) are refused.
pub fn preview_bytes(file: &str, bytes: Vec<u8>, kind: RecordKind, sample_rows: usize) -> Result<Preview, IngestError> {
    source::check_size(file, bytes.len() as u64)?;
    let mut rows = Collect { top: Vec::new(), count: 0, keep: HEADER_SEARCH_ROWS + sample_rows };
    let (encoding, format) = match decode::detect(file, bytes)? {
        Content::Xlsx(bytes) => {
            let info = xlsx::read(file, bytes, &mut rows)?;
            (info.kind.to_owned(), FileFormat::Xlsx { kind: info.kind, sheet: info.sheet })
        }
        Content::Text { text, encoding, .. } => {
            let delimiter = decode::sniff_delimiter(&text);
            csv_source::feed(file, &text, delimiter, &mut rows)?;
            (encoding.to_owned(), FileFormat::Csv { encoding, delimiter })
        }
    };
    if rows.top.is_empty() {
        return Err(IngestError::Empty { file: file.to_owned() });
    }
    // The header is the first of the top rows naming every required column, else the one naming most.
    let candidates: Vec<_> = rows
        .top
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(i, (_, cells))| (i, match_headers(kind, cells.iter().map(|c| c.trim().to_owned()).collect(), &[])))
        .collect();
    let (at, best) = candidates
        .iter()
        .find(|(_, m)| m.missing.is_empty())
        .or_else(|| candidates.iter().rev().max_by_key(|(_, m)| m.recognised))
        .map(|(i, m)| (*i, m.clone()))
        .ok_or_else(|| IngestError::Empty { file: file.to_owned() })?;
    let headers = best.columns.headers.clone();
    let mapping = headers
        .iter()
        .enumerate()
        .map(|(col, h)| HeaderMapping {
            header: h.clone(),
            field: fields_of(kind)
                .into_iter()
                .filter_map(|(name, _)| crate::headers::field_named(kind, name))
                .find(|f| best.columns.get(*f) == Some(col))
                .map(|f| canonical(f).to_owned()),
        })
        .collect();
    let width = headers.len();
    let sample = rows
        .top
        .iter()
        .skip(at + 1)
        .take(sample_rows)
        .map(|(_, cells)| (0..width).map(|i| cells.get(i).cloned().unwrap_or_default()).collect())
        .collect();
    Ok(Preview {
        encoding,
        format,
        header_line: rows.top[at].0,
        headers,
        mapping,
        fields: fields(kind),
        missing: best.missing,
        sample,
        rows_estimate: rows.count.saturating_sub(at + 1),
    })
}

/// Keeps the first `keep` non-blank rows as text and counts them all.
struct Collect {
    top: Vec<(usize, Vec<String>)>,
    count: usize,
    keep: usize,
}

impl Sink for Collect {
    fn push(&mut self, line: usize, row: &dyn Row) -> Result<(), IngestError> {
        if row.is_blank() {
            return Ok(());
        }
        self.count += 1;
        if self.top.len() < self.keep {
            self.top.push((line, (0..row.len()).map(|i| row.cell(i).as_text().into_owned()).collect()));
        }
        Ok(())
    }

    fn broken(&mut self, _error: crate::RowError) -> Result<(), IngestError> {
        self.count += 1;
        Ok(())
    }
}
