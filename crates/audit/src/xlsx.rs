//! The XLSX writer: a bold, frozen header row; every value a string cell except seq.

use std::borrow::Cow;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::chain::AuditEntry;
use crate::error::AuditError;
use crate::export::text_cells;
#[cfg(test)]
use crate::export::COLUMNS;

/// Data rows per worksheet: Excel's 1,048,576 rows less the header. Longer logs continue on
/// worksheets named `audit 2`, `audit 3`, ...
pub(crate) const MAX_DATA_ROWS: usize = 1_048_575;

/// Excel's limit on the characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// Put at the end of a cell cut to fit [`MAX_CELL_CHARS`].
const TRUNCATED: &str = " … [truncated to fit an Excel cell; the CSV and JSON exports have it whole]";

/// The widest each column is allowed to grow to, in character widths, in [`COLUMNS`] order.
const MAX_WIDTHS: [usize; 12] = [8, 22, 16, 18, 36, 12, 28, 14, 22, 80, 18, 18];

/// Writes the workbook to `path` (the XLSX writer creates the file itself); errors name `shown`.
pub(crate) fn write_xlsx(
    entries: &[AuditEntry],
    path: &Path,
    shown: &Path,
    rows_per_sheet: usize,
    headers: &[&str; 12],
) -> Result<(), AuditError> {
    let err = |source| AuditError::Xlsx { path: shown.to_path_buf(), source };
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let mut chunks: Vec<&[AuditEntry]> = entries.chunks(rows_per_sheet.max(1)).collect();
    if chunks.is_empty() {
        chunks.push(&[]);
    }
    for (i, chunk) in chunks.into_iter().enumerate() {
        let sheet = workbook.add_worksheet();
        let name = if i == 0 { "audit".to_owned() } else { format!("audit {}", i + 1) };
        sheet.set_name(name).map_err(err)?;
        write_sheet(sheet, chunk, &bold, headers).map_err(err)?;
    }
    workbook.save(path).map_err(err)
}

fn write_sheet(
    sheet: &mut Worksheet,
    entries: &[AuditEntry],
    bold: &Format,
    headers: &[&str; 12],
) -> Result<(), XlsxError> {
    let mut widths: [usize; 12] = headers.map(|h| display_width(h, 40));
    for (col, title) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, bold)?;
    }
    for (i, e) in entries.iter().enumerate() {
        let row = (i + 1) as u32;
        sheet.write_number(row, 0, e.seq as f64)?;
        widths[0] = widths[0].max(e.seq.to_string().len());
        for (k, cell) in text_cells(e).into_iter().enumerate() {
            let col = k + 1;
            if cell.is_empty() {
                continue;
            }
            widths[col] = widths[col].max(display_width(&cell, MAX_WIDTHS[col]));
            sheet.write_string(row, col as u16, fit_cell(cell))?;
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, (*width).min(MAX_WIDTHS[col]) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, entries.len() as u32, (headers.len() - 1) as u16)?;
    Ok(())
}

/// Cuts a cell that is longer than Excel allows, saying so at its end.
fn fit_cell(cell: Cow<'_, str>) -> String {
    if cell.chars().count() <= MAX_CELL_CHARS {
        return cell.into_owned();
    }
    let keep = MAX_CELL_CHARS - TRUNCATED.chars().count();
    let mut out: String = cell.chars().take(keep).collect();
    out.push_str(TRUNCATED);
    out
}

/// Roughly how many character widths `s` takes, counting CJK and full-width characters as two;
/// stops counting at `cap`.
fn display_width(s: &str, cap: usize) -> usize {
    let mut width = 0;
    for c in s.chars() {
        width += if c >= '\u{2E80}' { 2 } else { 1 };
        if width >= cap {
            return cap;
        }
    }
    width
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn long_cells_are_cut_to_excels_limit_and_say_so() {
        let long = "长".repeat(MAX_CELL_CHARS + 10);
        let cut = fit_cell(Cow::Owned(long));
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with(TRUNCATED));
        assert_eq!(fit_cell(Cow::Borrowed("短")), "短");
    }

    #[test]
    fn a_log_longer_than_a_sheet_continues_on_the_next() {
        use calamine::{open_workbook, Reader, Xlsx};
        let mut log: Vec<AuditEntry> = Vec::new();
        for i in 0..5 {
            let item = crate::NewEntry::new("system", "expire", format!("REG-{i}"));
            let next = AuditEntry::chain(log.last(), format!("2026-06-30T09:15:0{i}Z"), item);
            log.push(next);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("split.xlsx");
        write_xlsx(&log, &path, &path, 2, &COLUMNS).unwrap();
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(book.sheet_names(), ["audit", "audit 2", "audit 3"]);
        let last = book.worksheet_range("audit 3").unwrap();
        assert_eq!(last.height(), 2, "header and entry 5");
        assert_eq!(last.get((1, 0)), Some(&calamine::Data::Float(5.0)));
    }

    #[test]
    fn chinese_counts_double_for_width() {
        assert_eq!(display_width("ab", 50), 2);
        assert_eq!(display_width("纷享销客", 50), 8);
        assert_eq!(display_width("纷享销客", 5), 5);
    }
}
