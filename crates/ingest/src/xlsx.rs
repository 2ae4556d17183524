//! Reading the first worksheet of a workbook (XLSX, XLSB, ODS, XLS) into a `Sink`, keeping real date cells as dates.
//!
//! XLSX and XLSB: only the cells the sheet holds are read (calamine's cell readers, not a dense
//! `Range`), so a blank cell at XFD1048576 costs one cell, not the sheet's full 17 billion. ODS and
//! XLS have no such reader in calamine and are read as a range: an XLS sheet is at most 65,536 × 256
//! cells; an ODS sheet's extent is worked out from its `content.xml` first (repeated rows and
//! columns counted, `ods_extent`) and refused beyond `MAX_DENSE_CELLS`. A ZIP archive's declared
//! sizes are checked before the reader unpacks anything, and a panic inside the reader refuses the
//! file as damaged instead of taking the process down.
//!
//! The sheet read is the first visible one (else the first); the others, hidden ones marked, are reported
//! (`Parsed::other_sheets`, `sheet_note`). `MAX_DENSE_CELLS` is 20 million. Before the reader unpacks anything the
//! shared-strings part's declared count is checked against its size too; a damaged workbook is
//! `IngestError::UnreadableWorkbook`.

use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};

use calamine::{CellErrorType, DataRef, Ods, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx};

use crate::cell::{Cell, Row};
use crate::collect::Sink;
use crate::IngestError;

/// At most this many bytes, unpacked, in a workbook's archive (a ZIP bomb is refused unopened).
pub const MAX_UNPACKED_BYTES: u64 = 1_000_000_000;
/// At most this many parts in a workbook's archive.
const MAX_PARTS: usize = 10_000;
/// At most this many cells (used or blank) in the rectangle of an ODS sheet's used cells.
pub(crate) const MAX_DENSE_CELLS: u64 = 20_000_000;
/// A worksheet's rows and columns (Excel's limits); a cell placed beyond them is a damaged file.
const SHEET_ROWS: u32 = 1_048_576;
const SHEET_COLUMNS: u32 = 16_384;

/// Which kind of workbook a file is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Xlsx,
    Xlsb,
    Ods,
    Xls,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Xlsx => "XLSX",
            Kind::Xlsb => "XLSB",
            Kind::Ods => "ODS",
            Kind::Xls => "XLS",
        }
    }
}

/// Which worksheet was read, and the others the workbook holds.
pub(crate) struct SheetInfo {
    /// `"XLSX"`, `"XLSB"`, `"ODS"` or `"XLS"`.
    pub(crate) kind: &'static str,
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
    let kind = if bytes.starts_with(b"PK") { check_archive(file, &bytes)? } else { Some(Kind::Xls) };
    let outcome = quietly(AssertUnwindSafe(|| match kind {
        Some(Kind::Xlsx) | None => read_xlsx(file, bytes, kind.is_some(), sink),
        Some(Kind::Xlsb) => read_xlsb(file, bytes, sink),
        Some(Kind::Ods) => {
            let extent = ods_extent(&bytes).map_err(|e| damaged(file, e))?;
            if extent > MAX_DENSE_CELLS {
                return Err(IngestError::TooLarge {
                    file: file.to_owned(),
                    detail: format!("its sheet spans {extent} cells"),
                    limit: MAX_DENSE_CELLS,
                });
            }
            read_range(file, Ods::new(Cursor::new(bytes)), Kind::Ods, sink)
        }
        Some(Kind::Xls) => read_range(file, Xls::new(Cursor::new(bytes)), Kind::Xls, sink),
    }));
    outcome.unwrap_or_else(|message| Err(damaged(file, format!("the spreadsheet reader failed: {message}"))))
}

/// Checks the archive's table of contents: parts, declared sizes, and which kind of workbook it
/// holds (`None`: no workbook part at all), before anything is unpacked.
fn check_archive(file: &str, bytes: &[u8]) -> Result<Option<Kind>, IngestError> {
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
    let mut kind = None;
    let mut shared_strings = None;
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(|e| damaged(file, e.to_string()))?;
        unpacked = unpacked.saturating_add(part.size());
        let name = part.name().map_err(|e| damaged(file, e.to_string()))?;
        let this = match &*name {
            "xl/workbook.xml" => Some(Kind::Xlsx),
            "xl/workbook.bin" => Some(Kind::Xlsb),
            "content.xml" => Some(Kind::Ods),
            _ => None,
        };
        // An XLSX part wins over the others: a workbook is read as XLSX when it has one.
        if this.is_some() && kind != Some(Kind::Xlsx) {
            kind = this;
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
    Ok(kind)
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

fn read_xlsx<S: Sink>(file: &str, bytes: Vec<u8>, is_workbook: bool, sink: &mut S) -> Result<SheetInfo, IngestError> {
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
    let (sheet, others) = first_sheet(file, workbook.sheets_metadata())?;
    let in_sheet = |e: calamine::XlsxError| damaged(file, format!("sheet \"{sheet}\": {e}"));
    let mut reader = workbook.worksheet_cells_reader(&sheet).map_err(in_sheet)?;
    let cells = used_cells(|| reader.next_cell()).map_err(in_sheet)?;
    drop(reader);
    feed(file, cells, sink)?;
    Ok(SheetInfo { kind: Kind::Xlsx.name(), sheet, others })
}

/// The worksheet to read (the first visible one, else the first) and the others, hidden ones marked.
fn first_sheet(file: &str, sheets: &[calamine::Sheet]) -> Result<(String, Vec<String>), IngestError> {
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
    Ok((sheet, others))
}

fn read_xlsb<S: Sink>(file: &str, bytes: Vec<u8>, sink: &mut S) -> Result<SheetInfo, IngestError> {
    let mut workbook = Xlsb::new(Cursor::new(bytes)).map_err(|e| damaged(file, e.to_string()))?;
    let (sheet, others) = first_sheet(file, workbook.sheets_metadata())?;
    let in_sheet = |e: calamine::XlsbError| damaged(file, format!("sheet \"{sheet}\": {e}"));
    let mut reader = workbook.worksheet_cells_reader(&sheet).map_err(in_sheet)?;
    let cells = used_cells(|| reader.next_cell()).map_err(in_sheet)?;
    drop(reader);
    feed(file, cells, sink)?;
    Ok(SheetInfo { kind: Kind::Xlsb.name(), sheet, others })
}

/// The non-empty cells a sparse cell reader (XLSX, XLSB) yields, as (row, column, value), in the reader's order.
fn used_cells<'a, E>(
    mut next_cell: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, E>,
) -> Result<Vec<(u32, u32, DataRef<'a>)>, E> {
    let mut cells = Vec::new();
    while let Some(cell) = next_cell()? {
        if !matches!(cell.get_value(), DataRef::Empty) {
            let (row, col) = cell.get_position();
            cells.push((row, col, cell.get_value().clone()));
        }
    }
    Ok(cells)
}

/// Reads an ODS or XLS workbook's first worksheet through calamine's range (no cell reader exists for them).
fn read_range<R, S>(file: &str, opened: Result<R, R::Error>, kind: Kind, sink: &mut S) -> Result<SheetInfo, IngestError>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
    S: Sink,
{
    let mut workbook = opened.map_err(|e| match kind {
        Kind::Xls => IngestError::UnsupportedFormat {
            file: file.to_owned(),
            detail: format!(
                "an Office binary file but not an Excel workbook that can be read ({e}); save it as .xlsx or CSV"
            ),
        },
        _ => damaged(file, e.to_string()),
    })?;
    let (sheet, others) = first_sheet(file, workbook.sheets_metadata())?;
    let range = workbook.worksheet_range(&sheet).map_err(|e| damaged(file, format!("sheet \"{sheet}\": {e}")))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let cells = range
        .used_cells()
        .filter(|(_, _, d)| !matches!(d, calamine::Data::Empty))
        .map(|(r, c, d)| (row0 + r as u32, col0 + c as u32, data_ref(d)))
        .collect();
    feed(file, cells, sink)?;
    Ok(SheetInfo { kind: kind.name(), sheet, others })
}

/// A range's owned cell as the borrowed kind the sink reads.
fn data_ref(d: &calamine::Data) -> DataRef<'static> {
    use calamine::Data;
    match d {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::String(s.clone()),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(dt) => DataRef::DateTime(*dt),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

/// The largest rectangle of cells an ODS file's sheets span, counting repeated rows and columns as
/// calamine will lay them out (a repeat that ends a row or a sheet with nothing after it adds nothing).
fn ods_extent(bytes: &[u8]) -> Result<u64, String> {
    use quick_xml::events::Event;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let part = archive.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let repeat = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.value.trim().parse::<u64>().ok())
            .unwrap_or(1)
    };
    let (mut widest, mut rows, mut last_used_row, mut largest) = (0u64, 0u64, 0u64, 0u64);
    let (mut row_repeat, mut col, mut row_used_to) = (1u64, 0u64, 0u64);
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                row_repeat = repeat(&e, "table:number-rows-repeated");
                (col, row_used_to) = (0, 0);
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(repeat(&e, "table:number-rows-repeated"));
            }
            Event::Start(e) | Event::Empty(e)
                if matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") =>
            {
                let n = repeat(&e, "table:number-columns-repeated");
                let has_value = e.attributes().flatten().any(|a| a.key.as_ref() == "office:value-type");
                col = col.saturating_add(n);
                if has_value {
                    row_used_to = col;
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(row_repeat);
                if row_used_to > 0 {
                    widest = widest.max(row_used_to);
                    last_used_row = rows;
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                largest = largest.max(last_used_row.saturating_mul(widest));
                (widest, rows, last_used_row) = (0, 0, 0);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(largest)
}

/// Feeds the used cells row by row: sorted by position (a later cell at the same place wins),
/// columns counted from the leftmost used one.
fn feed<S: Sink>(file: &str, mut cells: Vec<(u32, u32, DataRef<'_>)>, sink: &mut S) -> Result<(), IngestError> {
    // A reference such as `ZZZZZZ99999999999` wraps around in the reader: refuse what no worksheet can hold.
    if let Some((row, col, _)) = cells.iter().find(|c| c.0 >= SHEET_ROWS || c.1 >= SHEET_COLUMNS) {
        return Err(damaged(
            file,
            format!(
                "a cell is placed at row {}, column {}, outside a worksheet's {SHEET_ROWS} rows and {SHEET_COLUMNS} columns",
                u64::from(*row) + 1,
                u64::from(*col) + 1
            ),
        ));
    }
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
