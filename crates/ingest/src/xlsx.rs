//! Reading the first worksheet of an XLSX workbook into a `Sink`, keeping real date cells as dates.
//!
//! Only the cells the sheet holds are read (calamine's cell reader, not a dense `Range`), so a blank
//! cell at XFD1048576 costs one cell, not the sheet's full 17 billion. The archive's declared sizes
//! are checked before the reader unpacks anything, and a panic inside the reader refuses the file
//! as damaged instead of taking the process down.

use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};

use calamine::{CellErrorType, DataRef, Reader, SheetType, SheetVisible, Xlsx};

use crate::cell::{Cell, Row};
use crate::collect::Sink;
use crate::IngestError;

/// At most this many bytes, unpacked, in a workbook's archive (a ZIP bomb is refused unopened).
pub const MAX_UNPACKED_BYTES: u64 = 1_000_000_000;
/// At most this many parts in a workbook's archive.
const MAX_PARTS: usize = 10_000;

/// Which worksheet was read, and the others the workbook holds.
pub(crate) struct SheetInfo {
    /// The worksheet read.
    pub(crate) sheet: String,
    /// The workbook's other worksheets, in order (hidden ones marked `(hidden)`).
    pub(crate) others: Vec<String>,
}

/// One sheet row: its cells in column order, `offset` the sheet column of row index 0.
struct SheetRow<'r, 'a> {
    cells: &'r [(u32, DataRef<'a>)],
    offset: u32,
}

impl Row for SheetRow<'_, '_> {
    fn len(&self) -> usize {
        self.cells.last().map_or(0, |(col, _)| (col - self.offset) as usize + 1)
    }

    fn cell(&self, index: usize) -> Cell<'_> {
        let Ok(col) = u32::try_from(index).map(|i| i.saturating_add(self.offset)) else {
            return Cell::Empty;
        };
        match self.cells.binary_search_by_key(&col, |(c, _)| *c) {
            Ok(at) => data_cell(&self.cells[at].1),
            Err(_) => Cell::Empty,
        }
    }

    fn column_offset(&self) -> usize {
        self.offset as usize
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(|(_, d)| data_cell(d).is_empty())
    }
}

fn data_cell<'c>(data: &'c DataRef<'_>) -> Cell<'c> {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::text(s),
        DataRef::SharedString(s) => Cell::text(s),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(v) if dt.is_datetime() => Cell::DateTime(v),
            _ => Cell::Number(dt.as_f64()),
        },
        DataRef::Error(e) => Cell::Error(error_text(e)),
    }
}

fn error_text(e: &CellErrorType) -> &'static str {
    match e {
        CellErrorType::Div0 => "#DIV/0!",
        CellErrorType::NA => "#N/A",
        CellErrorType::Name => "#NAME?",
        CellErrorType::Null => "#NULL!",
        CellErrorType::Num => "#NUM!",
        CellErrorType::Ref => "#REF!",
        CellErrorType::Value => "#VALUE!",
        CellErrorType::GettingData => "#GETTING_DATA",
    }
}

fn damaged(file: &str, detail: String) -> IngestError {
    IngestError::UnreadableWorkbook { file: file.to_owned(), detail }
}

/// Reads the workbook's first worksheet (the first visible one, if any is) into `sink`, each row
/// numbered as the sheet numbers it.
pub(crate) fn read<S: Sink>(file: &str, bytes: Vec<u8>, sink: &mut S) -> Result<SheetInfo, IngestError> {
    let is_workbook = check_archive(file, &bytes)?;
    let outcome = quietly(AssertUnwindSafe(|| read_unguarded(file, bytes, is_workbook, sink)));
    outcome.unwrap_or_else(|message| Err(damaged(file, format!("the spreadsheet reader failed: {message}"))))
}

/// Checks the archive's table of contents: parts, declared sizes, and whether it holds a workbook
/// part at all (`true`), before anything is unpacked.
fn check_archive(file: &str, bytes: &[u8]) -> Result<bool, IngestError> {
    let not_a_workbook = |e: &dyn std::fmt::Display| IngestError::UnsupportedFormat {
        file: file.to_owned(),
        detail: format!("the file is a ZIP archive but not an XLSX workbook ({e}); export the data as .xlsx or CSV"),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        // A cut or damaged workbook still names its parts in the local headers.
        let names_parts = |part: &[u8]| bytes.windows(part.len()).any(|w| w == part);
        if names_parts(b"[Content_Types].xml") || names_parts(b"xl/workbook.xml") {
            damaged(file, format!("the archive is cut short or damaged: {e}"))
        } else {
            not_a_workbook(&e)
        }
    })?;
    if archive.len() > MAX_PARTS {
        return Err(damaged(file, format!("it has {} parts, more than a workbook ever has", archive.len())));
    }
    let mut unpacked: u64 = 0;
    let mut is_workbook = false;
    let mut shared_strings = None;
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(|e| damaged(file, e.to_string()))?;
        unpacked = unpacked.saturating_add(part.size());
        let name = part.name().map_err(|e| damaged(file, e.to_string()))?;
        is_workbook |= name == "xl/workbook.xml";
        let other = match &*name {
            "xl/workbook.bin" => Some("an Excel binary workbook (.xlsb)"),
            "content.xml" | "mimetype" => Some("an OpenDocument file (.ods)"),
            _ => None,
        };
        if let Some(what) = other.filter(|_| !is_workbook) {
            return Err(IngestError::UnsupportedFormat {
                file: file.to_owned(),
                detail: format!("this is {what}, which cannot be read; open it and save it as .xlsx or CSV"),
            });
        }
        if name.ends_with("sharedStrings.xml") {
            shared_strings = Some(i);
        }
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(IngestError::TooLarge {
            file: file.to_owned(),
            detail: format!("the workbook unpacks to {} MB", unpacked / 1_000_000),
            limit: MAX_UNPACKED_BYTES,
        });
    }
    if let Some(i) = shared_strings {
        check_shared_strings(file, &mut archive, i)?;
    }
    Ok(is_workbook)
}

/// Refuses a shared-strings part that declares more strings than its size can hold: the reader
/// reserves room for the declared count up front (`uniqueCount="4000000000"` asks for 96 GB).
/// Every `uniqueCount` in the part's first 64 KiB is checked, wherever it stands, and the part
/// must open its `sst` element there.
fn check_shared_strings<R: std::io::Read + std::io::Seek>(
    file: &str,
    archive: &mut zip::ZipArchive<R>,
    index: usize,
) -> Result<(), IngestError> {
    use std::io::Read;
    let part = archive.by_index(index).map_err(|e| damaged(file, e.to_string()))?;
    // The shortest string entry is `<si/>`.
    let room = part.size() / 5;
    let mut head = Vec::new();
    part.take(65_536).read_to_end(&mut head).map_err(|e| damaged(file, format!("shared strings: {e}")))?;
    let has_sst = head.windows(4).any(|w| w == b"sst ") || head.windows(4).any(|w| w == b"sst>");
    if !head.is_empty() && !has_sst {
        return Err(damaged(file, "its shared strings part holds no string table".to_owned()));
    }
    let mut rest = &head[..];
    while let Some(at) = rest.windows(5).position(|w| w.eq_ignore_ascii_case(b"count")) {
        rest = &rest[at + 5..];
        let value = rest.iter().skip_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'=' | b'"' | b'\'' | b'+'));
        let digits: Vec<u8> = value.take_while(|b| b.is_ascii_digit()).copied().collect();
        if digits.is_empty() {
            continue;
        }
        let declared = std::str::from_utf8(&digits).ok().and_then(|d| d.parse::<u64>().ok()).unwrap_or(u64::MAX);
        if declared > room {
            return Err(damaged(
                file,
                format!("its shared strings declare {declared} strings but the part can hold at most {room}"),
            ));
        }
    }
    Ok(())
}

fn read_unguarded<S: Sink>(
    file: &str,
    bytes: Vec<u8>,
    is_workbook: bool,
    sink: &mut S,
) -> Result<SheetInfo, IngestError> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        if is_workbook {
            damaged(file, e.to_string())
        } else {
            IngestError::UnsupportedFormat {
                file: file.to_owned(),
                detail: format!(
                    "the file is a ZIP archive but not an XLSX workbook ({e}); export the data as .xlsx or CSV"
                ),
            }
        }
    })?;
    let sheets = workbook.sheets_metadata().to_vec();
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    let sheet = worksheets()
        .find(|s| s.visible == SheetVisible::Visible)
        .or_else(|| worksheets().next())
        .map(|s| s.name.clone())
        .ok_or_else(|| damaged(file, "it has no worksheet".to_owned()))?;
    let others = worksheets()
        .filter(|s| s.name != sheet)
        .map(|s| if s.visible == SheetVisible::Visible { s.name.clone() } else { format!("{} (hidden)", s.name) })
        .collect();
    let in_sheet = |e: calamine::XlsxError| damaged(file, format!("sheet \"{sheet}\": {e}"));
    let mut reader = workbook.worksheet_cells_reader(&sheet).map_err(in_sheet)?;
    let mut cells: Vec<(u32, u32, DataRef<'_>)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(in_sheet)? {
        if !matches!(cell.get_value(), DataRef::Empty) {
            let (row, col) = cell.get_position();
            cells.push((row, col, cell.get_value().clone()));
        }
    }
    drop(reader);
    feed(cells, sink)?;
    Ok(SheetInfo { sheet, others })
}

/// Feeds the used cells row by row: sorted by position (a later cell at the same place wins),
/// columns counted from the leftmost used one.
fn feed<S: Sink>(mut cells: Vec<(u32, u32, DataRef<'_>)>, sink: &mut S) -> Result<(), IngestError> {
    if !cells.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)) {
        cells.sort_by_key(|c| (c.0, c.1));
        cells.dedup_by(|later, earlier| {
            let same = (later.0, later.1) == (earlier.0, earlier.1);
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
    }
    let offset = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let mut row_cells: Vec<(u32, DataRef<'_>)> = Vec::new();
    let mut cells = cells.into_iter().peekable();
    while let Some((row, col, value)) = cells.next() {
        row_cells.push((col, value));
        if cells.peek().is_none_or(|next| next.0 != row) {
            sink.push(row as usize + 1, &SheetRow { cells: &row_cells, offset })?;
            row_cells.clear();
        }
    }
    Ok(())
}

/// Runs `f`, turning a panic into its message; the panic is not printed (the default hook would
/// write it to stderr, where it reads as a crash although the file is only refused).
fn quietly<T>(f: impl FnOnce() -> T + panic::UnwindSafe) -> Result<T, String> {
    use std::cell::Cell as Flag;
    use std::sync::Once;
    thread_local!(static GUARDED: Flag<bool> = const { Flag::new(false) });
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Flag::get) {
                previous(info);
            }
        }));
    });
    let was = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(f);
    GUARDED.with(|g| g.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an internal error".to_owned())
    })
}
