//! The one CSV writer for files people open in a spreadsheet: UTF-8 with a BOM (so Excel on a Chinese
//! Windows reads it as UTF-8, not GBK), CRLF line ends, RFC 4180 quoting, every cell neutralised
//! against formula injection. The audit export and the CLI's `check --format csv` both write through it.

use crate::neutralize::neutralize;
use std::io::Write;

/// A CSV writer for spreadsheets over any `Write`.
pub struct SheetCsv<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> SheetCsv<W> {
    /// Starts the file: writes the BOM, then `header` as the first record.
    pub fn new(mut out: W, header: &[&str]) -> std::io::Result<SheetCsv<W>> {
        out.write_all(b"\xEF\xBB\xBF")?;
        let inner = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        let mut w = SheetCsv { inner };
        w.record(header)?;
        Ok(w)
    }

    /// Goes on with a file [`SheetCsv::new`] started (a listing printed in parts): no BOM, no header.
    pub fn continuing(out: W) -> SheetCsv<W> {
        let inner = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        SheetCsv { inner }
    }

    /// Writes one record, each cell neutralised (a leading `=`, `+`, `-`, `@`, tab, CR or their
    /// full-width forms gets a `'` in front).
    pub fn record<S: AsRef<str>>(&mut self, cells: &[S]) -> std::io::Result<()> {
        self.inner.write_record(cells.iter().map(|c| neutralize(c.as_ref()).into_owned())).map_err(std::io::Error::from)
    }

    /// Writes a record whose cells are already neutralised (or numbers, which need none).
    pub(crate) fn raw_record<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> std::io::Result<()> {
        self.inner.write_record(cells).map_err(std::io::Error::from)
    }

    /// Flushes and gives the underlying writer back.
    pub fn finish(self) -> std::io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn bom_crlf_quoting_and_neutralised_cells() {
        let mut w = SheetCsv::new(Vec::new(), &["id", "name"]).unwrap();
        w.record(&["R1", "=HYPERLINK(\"x\")"]).unwrap();
        w.record(&["R2", "＋86 a,b"]).unwrap();
        w.record(&["R3", "-1"]).unwrap();
        w.record(&["R4", "plain"]).unwrap();
        let bytes = w.finish().unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM first");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text, "id,name\r\nR1,\"'=HYPERLINK(\"\"x\"\")\"\r\nR2,\"'＋86 a,b\"\r\nR3,'-1\r\nR4,plain\r\n");
    }
}
