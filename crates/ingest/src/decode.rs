//! Telling what a file is from its bytes (XLSX, text in UTF-8/UTF-16/GB18030/Big5, or something
//! else) and decoding text once, whole. The encoding of text that is not UTF-8 is guessed by
//! `chardetng` (Firefox's detector): GB18030 reads almost any bytes, so trying it first would turn
//! Big5 or Shift_JIS files into nonsense without a word.
//!
//! Text: UTF-8 with or without a BOM, UTF-16 with or without a BOM, GBK/GB18030 and Big5; any other encoding
//! `chardetng` names is refused by name (Japanese, Korean, Cyrillic…). A few undecodable bytes read as U+FFFD and only
//! their rows are refused; many, or lines partly UTF-8 and partly GBK/Big5 (files pasted together), refuse the file,
//! naming the line and byte.

use encoding_rs::{DecoderResult, Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use crate::IngestError;

/// What the bytes turned out to be.
pub(crate) enum Content {
    /// A ZIP container (XLSX, XLSB or ODS) or an OLE compound file (XLS): read as a workbook.
    Xlsx(Vec<u8>),
    /// Text, decoded, with the name of the encoding it was in. `lossy`: a few byte sequences were
    /// not text in that encoding and read as U+FFFD; the rows holding one are refused.
    Text { text: String, encoding: &'static str, lossy: bool },
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
    (b"\x7FELF", "a program (ELF)"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\0", "an SQLite database"),
];

/// How much of the file's non-ASCII text the encoding detector looks at.
const DETECT_BYTES: usize = 256 << 10;

fn unsupported(file: &str, detail: String) -> IngestError {
    IngestError::UnsupportedFormat { file: file.to_owned(), detail }
}

fn encoding_error(file: &str, detail: String) -> IngestError {
    IngestError::Encoding { file: file.to_owned(), detail }
}

/// Looks at a file's first bytes: refuses what is plainly not CSV or XLSX before the rest is read.
pub(crate) fn sniff_head(file: &str, head: &[u8]) -> Result<(), IngestError> {
    if head.starts_with(ZIP_MAGIC)
        || head.starts_with(OLE_MAGIC)
        || head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
    {
        return Ok(());
    }
    refuse_binary(file, head)?;
    if utf16_without_bom(head).is_some() {
        return Ok(());
    }
    match binary_offset(head) {
        Some(offset) => Err(binary(file, head, offset)),
        None => Ok(()),
    }
}

fn refuse_binary(file: &str, bytes: &[u8]) -> Result<(), IngestError> {
    if let Some((_, what)) = KNOWN_BINARY.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(unsupported(file, format!("not a CSV or XLSX file: it looks like {what}")));
    }
    Ok(())
}

fn binary(file: &str, bytes: &[u8], offset: usize) -> IngestError {
    let (line, column) = line_column_of_byte(bytes, offset);
    unsupported(
        file,
        format!(
            "not a CSV or XLSX file: it holds binary data (control byte 0x{:02X} at line {line}, byte {column})",
            bytes[offset]
        ),
    )
}

/// Classifies and decodes a file's bytes.
pub(crate) fn detect(file: &str, bytes: Vec<u8>) -> Result<Content, IngestError> {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC) {
        return Ok(Content::Xlsx(bytes));
    }
    refuse_binary(file, &bytes)?;
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(file, body, UTF_16LE);
    }
    if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(file, body, UTF_16BE);
    }
    if let Some(encoding) = utf16_without_bom(&bytes) {
        return utf16(file, &bytes, encoding);
    }
    if let Some(offset) = binary_offset(&bytes) {
        return Err(binary(file, &bytes, offset));
    }
    if let Some(body) = bytes.strip_prefix(UTF8_BOM) {
        return match std::str::from_utf8(body) {
            Ok(text) => Ok(Content::Text { text: text.to_owned(), encoding: "UTF-8 (BOM)", lossy: false }),
            Err(_) => lossy_or_refuse(file, body, UTF_8, "UTF-8 (BOM)", "a UTF-8 byte-order mark"),
        };
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(Content::Text { text, encoding: "UTF-8", lossy: false }),
        Err(e) => e.into_bytes(),
    };
    // A sample of the non-ASCII lines settles "mostly UTF-8"; decoding counts every bad sequence.
    let sample = non_ascii_lines(&bytes, 1 << 20);
    let (valid, invalid) = utf8_sequences(&sample);
    // Mostly well-formed UTF-8 with a stray byte or two is UTF-8: no legacy encoding makes many
    // valid multi-byte UTF-8 sequences by chance.
    if valid > 0 && valid >= 4 * invalid {
        return lossy_or_refuse(file, &bytes, UTF_8, "UTF-8", "UTF-8 text");
    }
    let guess = guess_encoding(&sample[..sample.len().min(DETECT_BYTES)]);
    // chardetng rules out an encoding on one bad byte: a GBK file with one is guessed as something
    // else. Guess again with the few bytes that are not GBK (or Big5) masked.
    let legacy = legacy_of(guess).or_else(|| {
        [GB18030, BIG5].into_iter().find(|&candidate| {
            let (_, bad) = decode_counting(&bytes, candidate);
            if bad.is_empty() || bad.len() > stray_limit(&bytes) {
                return false;
            }
            let mut masked = bytes.clone();
            for at in bad {
                masked[at] = b'?';
            }
            legacy_of(guess_encoding(&non_ascii_lines(&masked, DETECT_BYTES))) == Some(candidate)
        })
    });
    if let Some(encoding) = legacy {
        refuse_mixed_utf8(file, &bytes, encoding)?;
        return if encoding == BIG5 {
            lossy_or_refuse(file, &bytes, BIG5, "Big5", "Big5 (traditional Chinese) text")
        } else {
            lossy_or_refuse(file, &bytes, GB18030, "GB18030", "GBK (GB18030) text")
        };
    }
    // Mostly ASCII with a few stray bytes: read as UTF-8, and the rows holding them are refused.
    if invalid <= stray_limit(&bytes) {
        return lossy_or_refuse(file, &bytes, UTF_8, "UTF-8", "UTF-8 text");
    }
    let first = std::str::from_utf8(&bytes).err().map_or(0, |e| e.valid_up_to());
    let (line, column) = line_column_of_byte(&bytes, first);
    Err(encoding_error(
        file,
        format!(
            "the text looks like {} ({}), which cannot be imported: only UTF-8, UTF-16, GBK/GB18030 and Big5 text \
             is read (the first byte that is not UTF-8 is at line {line}, byte {column}: 0x{:02X}); save it from \
             Excel as \"CSV UTF-8\" or as .xlsx",
            guess.name(),
            language_of(guess),
            bytes.get(first).copied().unwrap_or(0)
        ),
    ))
}

/// chardetng's guess for `bytes`.
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, false)
}

/// The file's lines that hold non-ASCII bytes, up to `limit` bytes of them: ASCII lines say
/// nothing about the encoding, and a file may start with thousands.
fn non_ascii_lines(bytes: &[u8], limit: usize) -> Vec<u8> {
    let mut sample = Vec::new();
    for line in bytes.split(|&b| b == b'\n').filter(|line| !line.is_ascii()) {
        sample.extend_from_slice(line);
        sample.push(b'\n');
        if sample.len() >= limit {
            break;
        }
    }
    sample
}

/// The Chinese legacy encoding read for a guess: GB18030 for GBK, Big5 for Big5.
fn legacy_of(guess: &'static Encoding) -> Option<&'static Encoding> {
    if guess == GBK || guess == GB18030 {
        Some(GB18030)
    } else if guess == BIG5 {
        Some(BIG5)
    } else {
        None
    }
}

/// Refuses a file whose lines are partly UTF-8 and partly GBK or Big5 (files pasted together):
/// read as either, one part would be stored as nonsense. A line of GBK text with three or more
/// Chinese characters is valid UTF-8 by chance about once in 300; here one in 20 such lines must
/// be, and at least three.
fn refuse_mixed_utf8(file: &str, bytes: &[u8], encoding: &'static Encoding) -> Result<(), IngestError> {
    let (mut wide, mut utf8, mut first_utf8, mut first_other) = (0, 0, 0, 0);
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        wide += 1;
        match std::str::from_utf8(line) {
            Ok(text) if text.chars().filter(|c| !c.is_ascii()).count() >= 3 => {
                utf8 += 1;
                if first_utf8 == 0 {
                    first_utf8 = n + 1;
                }
            }
            Ok(_) => {}
            Err(_) if first_other == 0 => first_other = n + 1,
            Err(_) => {}
        }
    }
    if utf8 < 3 || utf8 * 20 < wide || first_other == 0 {
        return Ok(());
    }
    Err(encoding_error(
        file,
        format!(
            "the file mixes two encodings: line {first_utf8} is UTF-8 text and line {first_other} is {} text; \
             save it from Excel as \"CSV UTF-8\" or as .xlsx",
            encoding.name()
        ),
    ))
}

/// How many undecodable sequences a file may hold and still be read, the rows holding them
/// refused: one per 200 lines, at least 3.
fn stray_limit(bytes: &[u8]) -> usize {
    (count_lines(bytes) / 200).max(3)
}

fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count() + 1
}

/// Decodes `bytes` as `encoding`; a few undecodable sequences read as U+FFFD (their rows are
/// refused later), more refuse the file naming the first one's line and position.
fn lossy_or_refuse(
    file: &str,
    bytes: &[u8],
    encoding: &'static Encoding,
    name: &'static str,
    what: &str,
) -> Result<Content, IngestError> {
    let (text, bad) = decode_counting(bytes, encoding);
    if bad.is_empty() {
        return Ok(Content::Text { text, encoding: name, lossy: false });
    }
    if bad.len() <= stray_limit(bytes) {
        return Ok(Content::Text { text, encoding: name, lossy: true });
    }
    let (line, column) = line_column_of_byte(bytes, bad[0]);
    Err(encoding_error(
        file,
        format!(
            "the file looks like {what} but {} places are not: the first at line {line}, byte {column} \
             (0x{:02X}); save it from Excel as \"CSV UTF-8\" or as .xlsx",
            bad.len(),
            bytes[bad[0]]
        ),
    ))
}

/// Decodes without stopping at malformed sequences; returns the text (U+FFFD for each) and the
/// byte offsets of the malformed sequences.
fn decode_counting(bytes: &[u8], encoding: &'static Encoding) -> (String, Vec<usize>) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity + 16);
    let mut bad = Vec::new();
    let mut at = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[at..], &mut text, true);
        at += read;
        match result {
            DecoderResult::InputEmpty => return (text, bad),
            DecoderResult::Malformed(len, extra) => {
                bad.push(at.saturating_sub(usize::from(len) + usize::from(extra)));
                text.push('\u{FFFD}');
            }
            DecoderResult::OutputFull => text.reserve(bytes.len() - at + 16),
        }
    }
}

/// Counts well-formed multi-byte UTF-8 sequences and malformed ones.
fn utf8_sequences(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid);
            }
            Err(e) => {
                let good = e.valid_up_to();
                valid += std::str::from_utf8(&rest[..good]).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                rest = &rest[good + e.error_len().unwrap_or(rest.len() - good)..];
            }
        }
    }
}

fn language_of(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "Shift_JIS" | "EUC-JP" | "ISO-2022-JP" => "Japanese",
        "EUC-KR" => "Korean",
        "windows-1251" | "KOI8-R" | "KOI8-U" | "ISO-8859-5" | "IBM866" | "x-mac-cyrillic" => "Cyrillic",
        "windows-1253" | "ISO-8859-7" => "Greek",
        "windows-1255" | "ISO-8859-8" => "Hebrew",
        "windows-1256" | "ISO-8859-6" => "Arabic",
        "windows-874" => "Thai",
        "windows-1258" => "Vietnamese",
        _ => "a Western or other single-byte encoding",
    }
}

/// Line (1-based) and byte within the line (1-based) of a byte offset; `\r\n`, `\n` and a lone
/// `\r` each end a line.
pub(crate) fn line_column_of_byte(bytes: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(bytes.len());
    let (mut line, mut start) = (1, 0);
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'\n' => {
                line += 1;
                start = i + 1;
            }
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                line += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (line, offset - start + 1)
}

/// UTF-16 without a byte-order mark, as some tools write it: in the first 4 KiB, a zero byte in
/// at least one in ten even (or odd) positions and almost never in the others (ASCII delimiters
/// and digits are `xx 00` in UTF-16LE).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut even, mut odd) = (0, 0);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if odd * 10 >= pairs && even * 100 <= pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs && odd * 100 <= pairs {
        Some(UTF_16BE)
    } else {
        None
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

fn utf16(file: &str, body: &[u8], encoding: &'static Encoding) -> Result<Content, IngestError> {
    let name = if encoding == UTF_16BE { "UTF-16BE" } else { "UTF-16LE" };
    let content = lossy_or_refuse(file, body, encoding, name, &format!("{name} text"))?;
    if let Content::Text { text, .. } = &content {
        if text.contains('\0') {
            return Err(unsupported(file, "not a CSV or XLSX file: it holds binary data (NUL characters)".to_owned()));
        }
    }
    Ok(content)
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
