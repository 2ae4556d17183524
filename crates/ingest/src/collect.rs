//! Feeding source rows through header detection, record building and duplicate handling into `Parsed`.

use std::collections::hash_map::{Entry, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use dealgate_domain::{FieldWarning, FollowUp, HeadAccount, RecordKind, Registration};

use crate::cell::{Cell, Row};
use crate::headers::{match_headers, Columns, Field, HeaderMatch};
use crate::rows::{self, clip, RowCtx, MAX_FIELD_CHARS};
use crate::{FileFormat, IngestError, Parsed, Records, RowError, RowProblem, RowWarning};

/// How many non-blank rows at the top may be titles or notes before the header row.
pub(crate) const HEADER_SEARCH_ROWS: usize = 10;

/// Where a source feeds its rows: the record builder, or the preview.
pub(crate) trait Sink {
    /// Takes the next row; `line` is its line (or sheet row) number.
    fn push(&mut self, line: usize, row: &dyn Row) -> Result<(), IngestError>;
    /// Takes a row that could not be split into fields (an unclosed quote), as its error.
    fn broken(&mut self, error: RowError) -> Result<(), IngestError>;
}

impl<T: Record> Sink for Ingestor<T> {
    fn push(&mut self, line: usize, row: &dyn Row) -> Result<(), IngestError> {
        Ingestor::push(self, line, row)
    }

    fn broken(&mut self, error: RowError) -> Result<(), IngestError> {
        if self.columns.is_none() {
            // Before the header: the header itself may be what is broken.
            return Err(IngestError::UnsupportedFormat { file: self.file.clone(), detail: error.to_string() });
        }
        self.rows_read += 1;
        self.rejected.push(error);
        Ok(())
    }
}

/// A domain record this crate reads.
pub(crate) trait Record: Sized {
    fn id(&self) -> &str;
    fn warnings(&self) -> &[FieldWarning];
    fn build(ctx: &mut RowCtx<'_>) -> Option<Self>;
    fn into_records(records: Vec<Self>) -> Records;
}

impl Record for FollowUp {
    fn id(&self) -> &str {
        &self.record_id
    }
    fn warnings(&self) -> &[FieldWarning] {
        &self.warnings
    }
    fn build(ctx: &mut RowCtx<'_>) -> Option<Self> {
        rows::follow_up(ctx)
    }
    fn into_records(records: Vec<Self>) -> Records {
        Records::FollowUps(records)
    }
}

impl Record for HeadAccount {
    fn id(&self) -> &str {
        &self.account_id
    }
    fn warnings(&self) -> &[FieldWarning] {
        &self.warnings
    }
    fn build(ctx: &mut RowCtx<'_>) -> Option<Self> {
        rows::head_account(ctx)
    }
    fn into_records(records: Vec<Self>) -> Records {
        Records::HeadAccounts(records)
    }
}

impl Record for Registration {
    fn id(&self) -> &str {
        &self.registration_id
    }
    fn warnings(&self) -> &[FieldWarning] {
        &self.warnings
    }
    fn build(ctx: &mut RowCtx<'_>) -> Option<Self> {
        rows::registration(ctx)
    }
    fn into_records(records: Vec<Self>) -> Records {
        Records::Registrations(records)
    }
}

/// Accepts a file's rows in order (each with its line number) and builds the `Parsed` result.
pub(crate) struct Ingestor<T> {
    file: String,
    kind: RecordKind,
    /// CSV only: a row with more non-empty fields than the header is rejected (an unquoted delimiter).
    strict_width: bool,
    columns: Option<Columns>,
    ignored: Vec<String>,
    header_candidates: usize,
    best_candidate: Option<HeaderMatch>,
    rows_read: usize,
    rejected: Vec<RowError>,
    records: Vec<T>,
    lines: Vec<usize>,
    by_id: HashMap<String, usize, BuildHasherDefault<IdHasher>>,
    duplicates: Vec<RowWarning>,
    overrides: Vec<(String, Field)>,
    /// The text's encoding when some bytes could not be decoded (read as U+FFFD).
    lossy: Option<&'static str>,
    /// The columns some field is read from, in order (set with the header).
    read_columns: Vec<usize>,
}

impl<T: Record> Ingestor<T> {
    /// Marks the text as decoded with some undecodable bytes: a row holding one is refused.
    pub(crate) fn with_lossy(mut self, encoding: Option<&'static str>) -> Self {
        self.lossy = encoding;
        self
    }

    /// Reads the headers in `overrides` as their assigned fields, whatever the aliases say.
    pub(crate) fn with_overrides(mut self, overrides: Vec<(String, Field)>) -> Self {
        self.overrides = overrides;
        self
    }

    /// `expected_rows` sizes the record list and the id index up front (growing a million-entry
    /// index step by step re-hashes it several times).
    pub(crate) fn new(file: &str, kind: RecordKind, strict_width: bool, expected_rows: usize) -> Self {
        Ingestor {
            file: file.to_owned(),
            kind,
            strict_width,
            columns: None,
            ignored: Vec::new(),
            header_candidates: 0,
            best_candidate: None,
            rows_read: 0,
            rejected: Vec::new(),
            records: Vec::with_capacity(expected_rows),
            lines: Vec::with_capacity(expected_rows),
            by_id: HashMap::with_capacity_and_hasher(expected_rows, BuildHasherDefault::default()),
            duplicates: Vec::new(),
            overrides: Vec::new(),
            lossy: None,
            read_columns: Vec::new(),
        }
    }

    /// Takes the next row; `line` is its line (or sheet row) number.
    pub(crate) fn push(&mut self, line: usize, row: &dyn Row) -> Result<(), IngestError> {
        if row.is_blank() {
            return Ok(());
        }
        let Some(columns) = &self.columns else {
            return self.offer_header(row);
        };
        self.rows_read += 1;
        if self.strict_width {
            if let Some(err) = overflow(&self.file, line, row, columns.headers.len()) {
                self.rejected.push(err);
                return Ok(());
            }
        }
        let plain = self.lossy.is_none() && row.surely_plain();
        let unreadable = if plain {
            Vec::new()
        } else {
            unreadable_cells(&self.file, line, row, columns, &self.read_columns, self.lossy)
        };
        if !unreadable.is_empty() {
            self.rejected.extend(unreadable);
            return Ok(());
        }
        let mut ctx = RowCtx::new(row, columns, &self.file, line);
        let Some(record) = T::build(&mut ctx) else {
            self.rejected.append(&mut ctx.errors);
            return Ok(());
        };
        match self.by_id.entry(record.id().to_owned()) {
            Entry::Occupied(seen) => {
                let index = *seen.get();
                let earlier = self.lines[index];
                self.duplicates.push(RowWarning {
                    file: self.file.clone(),
                    line,
                    record_id: record.id().to_owned(),
                    warning: FieldWarning {
                        field: "record id".to_owned(),
                        value: record.id().to_owned(),
                        problem: format!("appears again; this row replaces line {earlier}"),
                    },
                });
                self.records[index] = record;
                self.lines[index] = line;
            }
            Entry::Vacant(slot) => {
                slot.insert(self.records.len());
                self.records.push(record);
                self.lines.push(line);
            }
        }
        Ok(())
    }

    fn offer_header(&mut self, row: &dyn Row) -> Result<(), IngestError> {
        // A header is quoted in reports (ignored columns, missing-column messages): one over the
        // field cap is clipped, so a 10 MB header cell is not repeated in every message.
        let headers = (0..row.len())
            .map(|i| {
                let header = row.cell(i).as_text();
                let header = header.trim_matches(|c: char| c == '\u{FEFF}' || c.is_whitespace());
                if header.len() > MAX_FIELD_CHARS {
                    clip(header)
                } else {
                    header.to_owned()
                }
            })
            .collect();
        let candidate = match_headers(self.kind, headers, &self.overrides);
        if candidate.missing.is_empty() {
            self.ignored = candidate.ignored;
            self.read_columns = candidate.columns.mapped().collect();
            self.read_columns.sort_unstable();
            self.columns = Some(candidate.columns);
            return Ok(());
        }
        self.header_candidates += 1;
        let better = match &self.best_candidate {
            Some(best) => candidate.recognised > best.recognised,
            None => true,
        };
        if better {
            self.best_candidate = Some(candidate);
        }
        if self.header_candidates >= HEADER_SEARCH_ROWS {
            return Err(self.missing_columns());
        }
        Ok(())
    }

    fn missing_columns(&mut self) -> IngestError {
        let best = self.best_candidate.take();
        let (missing, found) = best
            .map(|b| (b.missing, b.columns.headers.into_iter().filter(|h| !h.is_empty()).collect()))
            .unwrap_or_default();
        IngestError::MissingColumns { file: self.file.clone(), kind: self.kind, missing, found }
    }

    /// Ends the file: the records, the rejected rows and every warning, in line order.
    pub(crate) fn finish(mut self, format: FileFormat) -> Result<Parsed, IngestError> {
        if self.columns.is_none() {
            return Err(if self.header_candidates == 0 {
                IngestError::Empty { file: self.file }
            } else {
                self.missing_columns()
            });
        }
        let mut warnings = self.duplicates;
        for (record, &line) in self.records.iter().zip(&self.lines) {
            warnings.extend(record.warnings().iter().map(|w| RowWarning {
                file: self.file.clone(),
                line,
                record_id: record.id().to_owned(),
                warning: w.clone(),
            }));
        }
        warnings.sort_by_key(|w| w.line);
        Ok(Parsed {
            records: T::into_records(self.records),
            rejected: self.rejected,
            warnings,
            ignored_columns: self.ignored,
            format,
            rows_read: self.rows_read,
            other_sheets: Vec::new(),
        })
    }
}

/// Errors for the read columns of a row whose values are too long, hold control characters (other
/// than tab and line breaks: an escape sequence, a NUL) or bytes that were not text in the file's
/// encoding: such a row is refused before any value is read.
fn unreadable_cells(
    file: &str,
    line: usize,
    row: &dyn Row,
    columns: &Columns,
    read_columns: &[usize],
    lossy: Option<&'static str>,
) -> Vec<RowError> {
    let mut errors = Vec::new();
    for &col in read_columns {
        // Numbers and dates are never long, never hold control characters or undecodable bytes.
        let Cell::Text(text) = row.cell(col) else { continue };
        // Fast path: no control character (C0, DEL, or C1 as UTF-8 `C2 80..9F`), and U+FFFD looked
        // for only in a file that has some.
        if text.len() <= MAX_FIELD_CHARS
            && !text.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2)
            && (lossy.is_none() || !text.contains('\u{FFFD}'))
        {
            continue;
        }
        let error = |value: String, problem: RowProblem| {
            let column = columns.headers.get(col).cloned();
            RowError::new(file, line, column, Some(row.column_offset() + col + 1), value, problem)
        };
        if text.len() > MAX_FIELD_CHARS && text.chars().count() > MAX_FIELD_CHARS {
            errors.push(error(clip(text), RowProblem::ValueTooLong { chars: text.chars().count() }));
        } else if let Some(c) = text.chars().find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
            errors.push(error(clip(text), RowProblem::ControlCharacter { code_point: c as u32 }));
        } else if let Some(encoding) = lossy.filter(|_| text.contains('\u{FFFD}')) {
            errors.push(error(text.to_owned(), RowProblem::Undecodable { encoding: encoding.to_string() }));
        }
    }
    errors
}

/// A CSV row with non-empty fields past the header's last column: usually a value with an
/// unquoted delimiter, which shifts every later value, so the row is refused.
fn overflow(file: &str, line: usize, row: &dyn Row, width: usize) -> Option<RowError> {
    let extra = (width..row.len()).find(|&i| !row.cell(i).is_empty())?;
    let value = row.cell(extra).as_text().into_owned();
    Some(RowError::new(file, line, None, Some(extra + 1), value, RowProblem::ExtraField { field: extra + 1, width }))
}

/// A fast hasher for record ids (FxHash's multiply-rotate, then a finaliser): ids come from the user's own file, so
/// SipHash's protection against crafted keys buys nothing, and it was a sixth of the read time.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        // MurmurHash3's finaliser: spreads every input bit over the low bits the table indexes by.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}
