//! Reading decoded CSV text row by row into a `Sink`, with each record's starting line.
//!
//! A quote that is never closed would make the rest of the file one value; it is found first,
//! its record is reported as a bad row ("unclosed quote starting at line N, column M") and
//! reading goes on at the next line. `\r\n`, `\n` and a lone `\r` each end a line.

use crate::collect::Sink;
use crate::rows::clip;
use crate::{IngestError, RowError, RowProblem};

/// Feeds every CSV record of `text` to `sink`.
pub(crate) fn feed<S: Sink>(file: &str, text: &str, delimiter: u8, sink: &mut S) -> Result<(), IngestError> {
    let bytes = text.as_bytes();
    let mut lines = LineCounter::default();
    let mut start = 0;
    loop {
        let unclosed = unclosed_quote(&bytes[start..], delimiter).map(|u| u.shifted(start));
        let end = unclosed.as_ref().map_or(bytes.len(), |u| u.record_start);
        feed_segment(file, text, start..end, delimiter, &mut lines, sink)?;
        let Some(u) = unclosed else { return Ok(()) };
        let line = lines.line_at(text, u.record_start);
        let quote_line = lines.line_at(text, u.quote);
        let resume = line_end(bytes, u.quote);
        let value = clip(text[u.record_start..resume].trim_end_matches(['\r', '\n']));
        let problem = RowProblem::UnclosedQuote { line: quote_line, column: u.field + 1 };
        sink.broken(RowError::new(file, line, None, Some(u.field + 1), value, problem))?;
        start = resume;
    }
}

fn feed_segment<S: Sink>(
    file: &str,
    text: &str,
    range: std::ops::Range<usize>,
    delimiter: u8,
    lines: &mut LineCounter,
    sink: &mut S,
) -> Result<(), IngestError> {
    let base = range.start;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(&text.as_bytes()[range]);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let line = record.position().map_or(0, |p| lines.line_at(text, base + p.byte() as usize));
                sink.push(line, &record)?;
            }
            Ok(false) => return Ok(()),
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(text, base + p.byte() as usize));
                return Err(IngestError::UnsupportedFormat {
                    file: file.to_owned(),
                    detail: format!("the CSV text cannot be read at line {line}: {e}"),
                });
            }
        }
    }
}

/// Where a quote that is never closed opened.
struct Unclosed {
    /// Byte offset of the first character of its record.
    record_start: usize,
    /// Byte offset of the quote.
    quote: usize,
    /// 0-based field of the record it opens.
    field: usize,
}

impl Unclosed {
    fn shifted(self, by: usize) -> Unclosed {
        Unclosed { record_start: self.record_start + by, quote: self.quote + by, field: self.field }
    }
}

/// Reads `bytes` as the csv reader does (a quote opens a value only at its start; `""` inside is
/// a quote; any of `\r`, `\n` ends a record outside quotes) and returns the quote still open at
/// the end, if any.
fn unclosed_quote(bytes: &[u8], delimiter: u8) -> Option<Unclosed> {
    if !bytes.contains(&b'"') {
        return None;
    }
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        InField,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let (mut record_start, mut quote, mut field) = (0, 0, 0);
    let mut at_record_start = true;
    let mut i = 0;
    while i < bytes.len() {
        if state == State::Quoted {
            // Inside quotes only a quote matters: jump to the next one.
            match bytes[i..].iter().position(|&b| b == b'"') {
                Some(p) => i += p,
                None => break,
            }
        }
        let b = bytes[i];
        i += 1;
        if at_record_start && !matches!(b, b'\r' | b'\n') {
            record_start = i - 1;
            field = 0;
            at_record_start = false;
        }
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::FieldStart, b'"') => {
                quote = i - 1;
                State::Quoted
            }
            (_, b) if b == delimiter => {
                field += 1;
                State::FieldStart
            }
            (_, b'\r' | b'\n') => {
                at_record_start = true;
                State::FieldStart
            }
            _ => State::InField,
        };
    }
    (state == State::Quoted).then_some(Unclosed { record_start, quote, field })
}

/// The offset just past the line holding `at` (past its `\r\n`, `\n` or `\r`).
fn line_end(bytes: &[u8], at: usize) -> usize {
    match bytes[at..].iter().position(|&b| matches!(b, b'\r' | b'\n')) {
        None => bytes.len(),
        Some(p) => {
            let end = at + p + 1;
            if bytes[at + p] == b'\r' && bytes.get(end) == Some(&b'\n') {
                end + 1
            } else {
                end
            }
        }
    }
}

/// Line numbers from byte offsets. The csv reader's own line count falls one behind per record in
/// CRLF files (as Excel writes them), so lines are counted here: 1 + the line ends before the
/// record's first character (a record may be reported as starting on the previous line's `\r\n`).
#[derive(Default)]
struct LineCounter {
    byte: usize,
    lines: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, byte: usize) -> usize {
        let bytes = text.as_bytes();
        let mut start = byte.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let breaks = |from: usize, to: usize| {
            let slice = &bytes[from..to];
            let newlines = slice.iter().filter(|&&b| b == b'\n').count();
            if !slice.contains(&b'\r') {
                return newlines;
            }
            newlines + (from..to).filter(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')).count()
        };
        if start >= self.byte {
            self.lines += breaks(self.byte, start);
        } else {
            self.lines = breaks(0, start);
        }
        self.byte = start;
        self.lines + 1
    }
}
