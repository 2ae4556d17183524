//! Reading decoded CSV text row by row into an `Ingestor`, with each record's starting line.

use crate::collect::{Ingestor, Record};
use crate::IngestError;

/// Feeds every CSV record of `text` to `ingestor`.
pub(crate) fn feed<T: Record>(
    file: &str,
    text: &str,
    delimiter: u8,
    ingestor: &mut Ingestor<T>,
) -> Result<(), IngestError> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
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
