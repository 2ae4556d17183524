//! Formula neutralisation ("CSV injection" defence) for cells of exported spreadsheets.

use std::borrow::Cow;

/// Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula (or, for
/// tab and carriage return, that survive a copy-paste into a formula). The full-width forms are
/// there because Chinese input methods type them and some spreadsheet versions accept them.
const TRIGGERS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// Returns `cell` with a single quote `'` put in front if it starts with `=`, `+`, `-`, `@`, a tab,
/// a carriage return, or the full-width `＝ ＋ － ＠`; otherwise returns it unchanged (borrowed).
///
/// The quote makes a spreadsheet show the text instead of running it, e.g. `=HYPERLINK(...)`
/// becomes `'=HYPERLINK(...)` and `-2` becomes `'-2`. Used for every text cell of the CSV and
/// XLSX exports; the JSON export keeps raw values.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if TRIGGERS.contains(&c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn dangerous_starts_are_quoted_and_the_rest_borrowed() {
        for (given, want) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("＝1+1", "'＝1+1"),
        ] {
            assert_eq!(neutralize(given), want);
        }
        for safe in ["", "北京易动纷享科技有限责任公司", "a=b", "1-2", "'=already"] {
            assert!(matches!(neutralize(safe), Cow::Borrowed(s) if s == safe));
        }
    }
}
