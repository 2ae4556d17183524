//! One cell of a source row, as CSV text or as a typed spreadsheet value (or an Excel error), and how it
//! reads as text.

use std::borrow::Cow;

use chrono::NaiveDateTime;

/// A cell value, borrowed from the row it came from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell<'a> {
    /// No value (a missing CSV field or an empty spreadsheet cell).
    Empty,
    /// Text, already trimmed.
    Text(&'a str),
    /// A spreadsheet number.
    Number(f64),
    /// A spreadsheet cell formatted as a date or date-time.
    DateTime(NaiveDateTime),
    /// An Excel error value (`#N/A`, `#REF!`...): a formula's cached error, or the text of one in
    /// a CSV exported from Excel. Never a value.
    Error(&'static str),
}

/// The error values Excel writes in place of a value, and those of newer versions.
pub(crate) const EXCEL_ERRORS: &[&str] = &[
    "#N/A",
    "#REF!",
    "#NAME?",
    "#VALUE!",
    "#DIV/0!",
    "#NULL!",
    "#NUM!",
    "#GETTING_DATA",
    "#DATA!",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
    "#EXTERNAL!",
    "#PYTHON!",
];

impl<'a> Cell<'a> {
    /// Wraps CSV or spreadsheet text: trims it and unwraps Excel's `="0123"` text-forcing formula.
    pub(crate) fn text(raw: &'a str) -> Cell<'a> {
        let t = raw.trim();
        let t = match t.strip_prefix("=\"").and_then(|s| s.strip_suffix('"')) {
            Some(inner) => inner.trim(),
            None => t,
        };
        if t.is_empty() {
            Cell::Empty
        } else if t.starts_with('#') {
            EXCEL_ERRORS.iter().find(|e| e.eq_ignore_ascii_case(t)).map_or(Cell::Text(t), |e| Cell::Error(e))
        } else {
            Cell::Text(t)
        }
    }

    /// True when the cell holds nothing.
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as a user would read it; empty for an empty cell.
    ///
    /// Whole numbers print without a fraction (`13812345678.0` reads `13812345678`), and dates
    /// print as `2026-06-30` or `2026-06-30 14:05:00`.
    pub(crate) fn as_text(&self) -> Cow<'a, str> {
        match *self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Number(n) => Cow::Owned(render_number(n)),
            Cell::DateTime(dt) => Cow::Owned(render_datetime(dt)),
            Cell::Error(e) => Cow::Borrowed(e),
        }
    }
}

/// Renders a spreadsheet number the way the user typed it: no `.0`, no exponent.
pub(crate) fn render_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e17 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn render_datetime(dt: NaiveDateTime) -> String {
    if dt.time() == chrono::NaiveTime::MIN {
        dt.format("%Y-%m-%d").to_string()
    } else {
        dt.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// One row of a source file, whatever the format.
pub(crate) trait Row {
    /// Number of cells in the row (CSV fields, or the sheet's used width).
    fn len(&self) -> usize;
    /// The cell at a 0-based index within the row; `Cell::Empty` past the end.
    fn cell(&self, index: usize) -> Cell<'_>;
    /// 0-based sheet column of index 0 (a sheet's used range may start right of column A).
    fn column_offset(&self) -> usize {
        0
    }
    /// True when the row's text as a whole is short and holds no control byte, so that no value can
    /// be over the field cap or hold a control character (a quick test before the value-by-value one).
    fn surely_plain(&self) -> bool {
        false
    }
    /// True when every cell is empty (such rows are skipped, as a spreadsheet user expects).
    fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| self.cell(i).is_empty())
    }
}

impl Row for csv::StringRecord {
    fn len(&self) -> usize {
        csv::StringRecord::len(self)
    }

    fn cell(&self, index: usize) -> Cell<'_> {
        self.get(index).map_or(Cell::Empty, Cell::text)
    }

    fn surely_plain(&self) -> bool {
        let all = self.as_slice();
        // A fold without an early exit, so that the compiler vectorises it.
        all.len() <= crate::MAX_FIELD_CHARS
            && !all.bytes().fold(false, |seen, b| seen | (b < 0x20) | (b == 0x7F) | (b == 0xC2))
    }
}
