//! Reading the first worksheet of an XLSX workbook into an `Ingestor`, keeping real date cells as dates.

use std::io::Cursor;

use calamine::{CellErrorType, Data, Range, Reader, SheetType, SheetVisible, Xlsx};

use crate::cell::{Cell, Row};
use crate::collect::Sink;
use crate::IngestError;

/// One sheet row; `offset` is the sheet column of its first cell.
struct SheetRow<'a> {
    cells: &'a [Data],
    offset: usize,
}

impl Row for SheetRow<'_> {
    fn len(&self) -> usize {
        self.cells.len()
    }

    fn cell(&self, index: usize) -> Cell<'_> {
        match self.cells.get(index) {
            None | Some(Data::Empty) => Cell::Empty,
            Some(Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s)) => Cell::text(s),
            Some(Data::Float(f)) => Cell::Number(*f),
            Some(Data::Int(i)) => Cell::Number(*i as f64),
            Some(Data::Bool(b)) => Cell::Text(if *b { "TRUE" } else { "FALSE" }),
            Some(Data::DateTime(dt)) => match dt.as_datetime() {
                Some(v) if dt.is_datetime() => Cell::DateTime(v),
                _ => Cell::Number(dt.as_f64()),
            },
            Some(Data::Error(e)) => Cell::Text(error_text(e)),
        }
    }

    fn column_offset(&self) -> usize {
        self.offset
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
        CellErrorType::GettingData => "#DATA!",
    }
}

/// Opens the workbook's first worksheet (the first visible one, if any is): its name and cells.
pub(crate) fn first_sheet(file: &str, bytes: Vec<u8>) -> Result<(String, Range<Data>), IngestError> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| IngestError::UnsupportedFormat {
        file: file.to_owned(),
        detail: format!("the file is a ZIP archive but not an XLSX workbook ({e}); export the data as .xlsx or CSV"),
    })?;
    let sheets = workbook.sheets_metadata();
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    let sheet = worksheets()
        .find(|s| s.visible == SheetVisible::Visible)
        .or_else(|| worksheets().next())
        .map(|s| s.name.clone())
        .ok_or_else(|| IngestError::UnreadableWorkbook {
            file: file.to_owned(),
            detail: "it has no worksheet".to_owned(),
        })?;
    let range = workbook.worksheet_range(&sheet).map_err(|e| IngestError::UnreadableWorkbook {
        file: file.to_owned(),
        detail: format!("sheet \"{sheet}\": {e}"),
    })?;
    Ok((sheet, range))
}

/// Feeds every row of a sheet to `ingestor`, numbered as the sheet numbers them.
pub(crate) fn feed<S: Sink>(range: &Range<Data>, ingestor: &mut S) -> Result<(), IngestError> {
    let Some((first_row, first_col)) = range.start() else {
        return Ok(());
    };
    for (i, cells) in range.rows().enumerate() {
        let row = SheetRow { cells, offset: first_col as usize };
        ingestor.push(first_row as usize + i + 1, &row)?;
    }
    Ok(())
}
