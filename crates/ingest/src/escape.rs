//! Escaping text from files (cell values, file and sheet names) for messages a terminal prints:
//! control characters, escape sequences, bidirectional overrides and invisible characters are
//! written as `\n`, `\t`, `\u{1b}`..., so a cell can neither retitle a terminal nor forge a line.

use std::borrow::Cow;
use std::fmt::Write;

/// True for a character that must not reach a terminal or a log line as it is.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            // Bidirectional embeddings, overrides and isolates: they reorder what follows on the line.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{200E}' | '\u{200F}'
            // Zero-width characters, line and paragraph separators, the BOM: invisible in a message.
            | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// `text` with every control, bidirectional and invisible character written as an escape
/// (`\n`, `\r`, `\t`, `\\u{..}`); a backslash stays as it is. Borrowed when nothing needs escaping.
pub fn escape_for_display(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::escape_for_display;

    #[test]
    fn controls_escapes_and_invisible_characters_are_written_out() {
        assert_eq!(escape_for_display("杭州云帆"), "杭州云帆");
        assert_eq!(escape_for_display("a\x1b]0;pwned\x07b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(escape_for_display("x\r\nrejected: fake"), "x\\r\\nrejected: fake");
        assert_eq!(escape_for_display("\u{202E}gnp.exe"), "\\u{202e}gnp.exe");
        assert_eq!(escape_for_display("\u{200B}\u{9b}"), "\\u{200b}\\u{9b}");
    }
}
