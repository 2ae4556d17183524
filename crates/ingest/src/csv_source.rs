//! Reading decoded CSV text row by row into an `Ingestor`, with each record's starting line.

use crate::collect::Sink;
use crate::IngestError;

/// Feeds every CSV record of `text` to `ingestor`.
pub(crate) fn feed<S: Sink>(file: &str, text: &str, delimiter: u8, ingestor: &mut S) -> Result<(), IngestError> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::default();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let line = record.position().map_or(0, |p| lines.line_at(text, p.byte() as usize));
                ingestor.push(line, &record)?;
            }
            Ok(false) => return Ok(()),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(IngestError::UnsupportedFormat {
                    file: file.to_owned(),
                    detail: format!("the CSV text cannot be read at line {line}: {e}"),
                });
            }
        }
    }
}

/// Line numbers from byte offsets. The csv reader's own line count falls one behind per record in
/// CRLF files (as Excel writes them), so lines are counted here: 1 + the newlines before the
/// record's first character (a record may be reported as starting on the previous line's `\r\n`).
#[derive(Default)]
struct LineCounter {
    byte: usize,
    newlines: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, byte: usize) -> usize {
        let bytes = text.as_bytes();
        let mut start = byte.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.byte {
            self.newlines += bytes[self.byte..start].iter().filter(|b| **b == b'\n').count();
        } else {
            self.newlines = bytes[..start].iter().filter(|b| **b == b'\n').count();
        }
        self.byte = start;
        self.newlines + 1
    }
}
