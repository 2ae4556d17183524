//! Telling what a file is from its bytes (XLSX, text in UTF-8/UTF-16/GB18030, or something else)
//! and decoding text once, whole.

use encoding_rs::{DecoderResult, GB18030, UTF_16BE, UTF_16LE};

use crate::IngestError;

/// What the bytes turned out to be.
pub(crate) enum Content {
    /// A ZIP container, read as an XLSX workbook.
    Xlsx(Vec<u8>),
    /// Text, decoded, with the name of the encoding it was in.
    Text { text: String, encoding: &'static str },
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Files users rename to `.csv` by mistake, by their first bytes.
const KNOWN_BINARY: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (&[0xFF, 0xD8, 0xFF], "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (&[0x1F, 0x8B], "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (&[0x37, 0x7A, 0xBC, 0xAF], "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
];

fn unsupported(file: &str, detail: String) -> IngestError {
    IngestError::UnsupportedFormat { file: file.to_owned(), detail }
}

/// Classifies and decodes a file's bytes.
pub(crate) fn detect(file: &str, bytes: Vec<u8>) -> Result<Content, IngestError> {
    if bytes.starts_with(ZIP_MAGIC) {
        return Ok(Content::Xlsx(bytes));
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Err(unsupported(
            file,
            "this is an Excel 97-2003 workbook (.xls) or another Office binary file, which cannot be read; \
             open it in Excel and save it as .xlsx or CSV"
                .to_owned(),
        ));
    }
    if let Some((_, what)) = KNOWN_BINARY.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(unsupported(file, format!("not a CSV or XLSX file: it looks like {what}")));
    }
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(file, body, UTF_16LE, "UTF-16LE");
    }
    if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(file, body, UTF_16BE, "UTF-16BE");
    }
    if let Some(offset) = binary_offset(&bytes) {
        return Err(unsupported(
            file,
            format!(
                "not a CSV or XLSX file: it holds binary data (control byte 0x{:02X} at offset {offset})",
                bytes[offset]
            ),
        ));
    }
    let bom = bytes.starts_with(UTF8_BOM);
    let not_utf8 = match String::from_utf8(bytes) {
        Ok(mut text) => {
            if bom {
                text.drain(..UTF8_BOM.len());
            }
            return Ok(Content::Text { text, encoding: if bom { "UTF-8 (BOM)" } else { "UTF-8" } });
        }
        Err(e) => e,
    };
    let utf8_offset = not_utf8.utf8_error().valid_up_to();
    if bom {
        return Err(unsupported(
            file,
            format!("starts with a UTF-8 byte-order mark but is not valid UTF-8 (bad bytes at offset {utf8_offset})"),
        ));
    }
    match decode_gb18030(not_utf8.as_bytes()) {
        Ok(text) => Ok(Content::Text { text, encoding: "GB18030" }),
        Err(offset) => Err(unsupported(
            file,
            format!(
                "the file is neither UTF-8 nor GBK (GB18030) text: bytes at offset {utf8_offset} are not UTF-8 and \
                 bytes at offset {offset} are not GBK; save it from Excel as \"CSV UTF-8\" or as .xlsx"
            ),
        )),
    }
}

/// The offset of a NUL byte, or of the first control byte when control bytes are more than
/// 1% of the first 8 KiB: text files have neither.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    // `contains` on bytes is a vectorised memchr; find the position only when there is one.
    if bytes.contains(&0) {
        return bytes.iter().position(|&b| b == 0);
    }
    let head = &bytes[..bytes.len().min(8192)];
    let is_control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A);
    let count = head.iter().filter(|&&b| is_control(b)).count();
    (count > 0 && count * 100 > head.len()).then(|| head.iter().position(|&b| is_control(b)).unwrap_or(0))
}

fn utf16(
    file: &str,
    body: &[u8],
    encoding: &'static encoding_rs::Encoding,
    name: &'static str,
) -> Result<Content, IngestError> {
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) if !text.contains('\0') => Ok(Content::Text { text: text.into_owned(), encoding: name }),
        Some(_) => Err(unsupported(file, "not a CSV or XLSX file: it holds binary data (NUL characters)".to_owned())),
        None => Err(unsupported(
            file,
            format!("starts with a {name} byte-order mark but is not valid {name} text; save it from Excel as \"CSV UTF-8\""),
        )),
    }
}

/// Decodes GB18030 (a superset of GBK and GB2312) strictly; on failure, the offset of the first
/// undecodable byte.
fn decode_gb18030(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, extra) => Err(read.saturating_sub(usize::from(bad) + usize::from(extra))),
        DecoderResult::OutputFull => Err(read),
    }
}

/// Picks the delimiter among `,` `;` and tab: the one most frequent (outside quotes) on the first
/// non-blank line, or on any of the first ten lines when that line has none (a title line).
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b'\t', b';'];
    let counts = |line: &str| {
        let mut n = [0usize; 3];
        let mut quoted = false;
        for b in line.bytes() {
            if b == b'"' {
                quoted = !quoted;
            } else if !quoted {
                if let Some(k) = CANDIDATES.iter().position(|&c| c == b) {
                    n[k] += 1;
                }
            }
        }
        n
    };
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).take(10);
    let first = lines.next().map(counts).unwrap_or_default();
    let best = if first.iter().any(|&n| n > 0) {
        first
    } else {
        lines.map(counts).fold([0; 3], |acc, n| [acc[0].max(n[0]), acc[1].max(n[1]), acc[2].max(n[2])])
    };
    let mut pick = 0;
    for k in 1..3 {
        if best[k] > best[pick] {
            pick = k;
        }
    }
    CANDIDATES[pick]
}

/// A cheap guess at a text's line count, from the length of its first hundred lines, with 10%
/// headroom and at most two million; it sizes tables up front, so it need only be close.
pub(crate) fn estimate_lines(text: &str) -> usize {
    let (mut bytes, mut lines) = (0, 0);
    for line in text.lines().take(100) {
        bytes += line.len() + 1;
        lines += 1;
    }
    if bytes == 0 {
        return 0;
    }
    let estimate = text.len() / bytes * lines;
    (estimate + estimate / 10).min(2_000_000)
}
