//! Reading CRM and partner export files (CSV in UTF-8, GBK or UTF-16; XLSX) into domain records,
//! with every bad row reported by file, line, column, value and what was expected.
//!
//! Only regular files are read, at most [`MAX_FILE_BYTES`]; the first 8 KiB are looked at before
//! the rest is read, then the whole file is decoded once. Formats are told apart by content, not
//! by name: a ZIP container is read as XLSX (only its used cells; a panic in the spreadsheet
//! reader refuses the file as damaged), anything else must be text in UTF-8, UTF-16, GBK/GB18030
//! or Big5 (told apart by `chardetng`). Excel error values never become values, names must have
//! a letter or digit and at most [`MAX_NAME_CHARS`] characters, any value at most
//! [`MAX_FIELD_CHARS`], dates lie between 1900 and 2100. Every message escapes control
//! characters ([`escape_for_display`]). Header rows are matched by canonical
//! English names and the Chinese headers CRMs write (`客户名称`, `跟进日期`, ...); up to ten title
//! rows above the header are skipped. A row with a bad value is left out and reported in
//! [`Parsed::rejected`]; doubtful values (an invalid USCC, a malformed website) are imported and
//! reported in [`Parsed::warnings`].
#![warn(missing_docs, unreachable_pub)]

mod cell;
mod collect;
mod csv_source;
mod decode;
mod error;
mod escape;
mod headers;
mod messages;
mod preview;
mod rows;
mod source;
mod values;
mod xlsx;

use std::fmt;
use std::path::Path;

use dealgate_domain::{FollowUp, HeadAccount, RecordKind, Registration};
use serde::Serialize;

pub use error::{IngestError, RowError, RowWarning};
pub use escape::escape_for_display;
pub use messages::RowProblem;
pub use preview::{fields, preview_bytes, preview_file, FieldSpec, HeaderMapping, Preview};
pub use rows::{MAX_FIELD_CHARS, MAX_NAME_CHARS};
pub use source::MAX_FILE_BYTES;
pub use xlsx::MAX_UNPACKED_BYTES;

use collect::{Ingestor, Record};
use decode::Content;

/// The records read from one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "records", rename_all = "snake_case")]
pub enum Records {
    /// From a follow-ups file.
    FollowUps(Vec<FollowUp>),
    /// From a head-accounts file.
    HeadAccounts(Vec<HeadAccount>),
    /// From a registrations file.
    Registrations(Vec<Registration>),
}

impl Records {
    /// Number of records.
    pub fn len(&self) -> usize {
        match self {
            Records::FollowUps(v) => v.len(),
            Records::HeadAccounts(v) => v.len(),
            Records::Registrations(v) => v.len(),
        }
    }

    /// True when no record was read.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The kind of record held.
    pub fn kind(&self) -> RecordKind {
        match self {
            Records::FollowUps(_) => RecordKind::FollowUp,
            Records::HeadAccounts(_) => RecordKind::HeadAccount,
            Records::Registrations(_) => RecordKind::Registration,
        }
    }
}

/// How the file was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FileFormat {
    /// Delimited text.
    Csv {
        /// `"UTF-8"`, `"UTF-8 (BOM)"`, `"GB18030"` (covers GBK), `"UTF-16LE"` or `"UTF-16BE"`.
        encoding: &'static str,
        /// `b','`, `b';'` or `b'\t'`.
        delimiter: u8,
    },
    /// A spreadsheet workbook: XLSX, XLSB, ODS or XLS.
    Xlsx {
        /// `"XLSX"`, `"XLSB"`, `"ODS"` or `"XLS"`.
        kind: &'static str,
        /// The worksheet read: the first visible one.
        sheet: String,
    },
}

impl fmt::Display for FileFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileFormat::Csv { encoding, delimiter } => {
                let name = match delimiter {
                    b'\t' => "tab",
                    b';' => "semicolon",
                    _ => "comma",
                };
                write!(f, "CSV ({encoding}, {name}-separated)")
            }
            FileFormat::Xlsx { kind, sheet } => write!(f, "{kind} (sheet \"{sheet}\")"),
        }
    }
}

/// Everything read from one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed {
    /// The good rows. When an id repeats, the later row replaces the earlier one in place.
    pub records: Records,
    /// Bad rows, not in `records`; a row with several bad values has one entry per value.
    pub rejected: Vec<RowError>,
    /// Doubtful values on imported rows, and ids that repeat, in line order.
    pub warnings: Vec<RowWarning>,
    /// Headers that name no known column (never fatal), as written in the file.
    pub ignored_columns: Vec<String>,
    /// What the file turned out to be.
    pub format: FileFormat,
    /// Non-blank data rows read (blank rows, title rows and the header are not counted).
    pub rows_read: usize,
    /// A workbook's other worksheets, not read (hidden ones end in ` (hidden)`); empty for CSV.
    pub other_sheets: Vec<String>,
}

impl Parsed {
    /// The distinct lines that were rejected, in order.
    pub fn rejected_lines(&self) -> Vec<usize> {
        let mut lines: Vec<usize> = self.rejected.iter().map(|e| e.line).collect();
        lines.dedup();
        lines
    }

    /// Which sheet was read when the workbook has several, and the others, for the import
    /// report: `read sheet "跟进" only; not read: "说明" (hidden), "汇总"`. `None` for CSV and
    /// one-sheet workbooks. Names are escaped for display.
    pub fn sheet_note(&self) -> Option<String> {
        self.sheet_note_in(dealgate_domain::Lang::En)
    }

    /// [`Parsed::sheet_note`] in `lang`.
    pub fn sheet_note_in(&self, lang: dealgate_domain::Lang) -> Option<String> {
        let FileFormat::Xlsx { sheet, .. } = &self.format else { return None };
        if self.other_sheets.is_empty() {
            return None;
        }
        let others: Vec<String> = self.other_sheets.iter().map(|s| format!("\"{}\"", escape_for_display(s))).collect();
        Some(match lang {
            dealgate_domain::Lang::En => {
                format!("read sheet \"{}\" only; not read: {}", escape_for_display(sheet), others.join(", "))
            }
            dealgate_domain::Lang::Zh => format!(
                "只读取了工作表「{}」；未读取：{}",
                escape_for_display(sheet),
                others.join("、").replace(" (hidden)", "（隐藏）")
            ),
        })
    }
}

/// Reads a follow-ups, head-accounts or registrations file (CSV or XLSX).
pub fn read_file(path: &Path, kind: RecordKind) -> Result<Parsed, IngestError> {
    read_file_mapped(path, kind, &[])
}

/// Reads a file like [`read_file`], with some headers (as written) assigned to fields by hand:
/// `(header, canonical field name)` pairs such as `("甲方单位", "customer_name")`. They win over the
/// built-in aliases; a field name the kind does not read is ignored (check names with [`fields`]).
pub fn read_file_mapped(path: &Path, kind: RecordKind, mapping: &[(String, String)]) -> Result<Parsed, IngestError> {
    let bytes = source::read_checked(path)?;
    read_bytes_mapped(&source::display_name(path), bytes, kind, mapping)
}

/// Reads a file already in memory (an upload, a drag-and-drop); `file` names it in messages.
/// Files over [`MAX_FILE_BYTES`] are refused.
pub fn read_bytes(file: &str, bytes: Vec<u8>, kind: RecordKind) -> Result<Parsed, IngestError> {
    read_bytes_mapped(file, bytes, kind, &[])
}

fn read_bytes_mapped(
    file: &str,
    bytes: Vec<u8>,
    kind: RecordKind,
    mapping: &[(String, String)],
) -> Result<Parsed, IngestError> {
    source::check_size(file, bytes.len() as u64)?;
    let overrides: Vec<(String, headers::Field)> =
        mapping.iter().filter_map(|(h, f)| headers::field_named(kind, f).map(|f| (h.trim().to_owned(), f))).collect();
    match kind {
        RecordKind::FollowUp => read_as::<FollowUp>(file, bytes, kind, overrides),
        RecordKind::HeadAccount => read_as::<HeadAccount>(file, bytes, kind, overrides),
        RecordKind::Registration => read_as::<Registration>(file, bytes, kind, overrides),
    }
}

fn read_as<T: Record>(
    file: &str,
    bytes: Vec<u8>,
    kind: RecordKind,
    overrides: Vec<(String, headers::Field)>,
) -> Result<Parsed, IngestError> {
    match decode::detect(file, bytes)? {
        Content::Xlsx(bytes) => {
            let mut ingestor = Ingestor::<T>::new(file, kind, false, 0).with_overrides(overrides);
            let info = xlsx::read(file, bytes, &mut ingestor)?;
            let mut parsed = ingestor.finish(FileFormat::Xlsx { kind: info.kind, sheet: info.sheet })?;
            parsed.other_sheets = info.others;
            Ok(parsed)
        }
        Content::Text { text, encoding, lossy } => {
            let delimiter = decode::sniff_delimiter(&text);
            let mut ingestor = Ingestor::<T>::new(file, kind, true, decode::estimate_lines(&text))
                .with_overrides(overrides)
                .with_lossy(lossy.then_some(encoding));
            csv_source::feed(file, &text, delimiter, &mut ingestor)?;
            ingestor.finish(FileFormat::Csv { encoding, delimiter })
        }
    }
}
