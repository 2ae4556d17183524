//! Exactness and speed check for the normaliser: dumps `{:?}` of every name's normalisation, one per line,
//! so two builds can be compared byte for byte, and reports the time spent in `normalize` alone.
//! usage: normalize_dump [--col N] FILE.csv...   (without --col the column is found by its header:
//! account_name, customer_name, name or 客户名称; a file without one is skipped with a note).
//! `--names OUT` also writes the names read, one a line, for the helper dump in normalize.rs's tests.

use dealgate_matching::normalize;
use std::io::{BufWriter, Write};
use std::time::Instant;

// The allocator the index benchmarks and the server use, so the figure is comparable.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Header names that hold a company name, in the order they are looked for.
const NAME_HEADERS: &[&str] = &["account_name", "customer_name", "name", "客户名称"];

/// Splits CSV text into records (RFC 4180: quoted fields may hold commas, quotes and line breaks).
fn records(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut col: Option<usize> = None;
    let mut names_out: Option<String> = None;
    let mut names: Vec<String> = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--col" {
            col = Some(args.next().and_then(|n| n.parse().ok()).expect("--col takes a column index"));
            continue;
        }
        if arg == "--names" {
            names_out = Some(args.next().expect("--names takes a file"));
            continue;
        }
        let text = std::fs::read_to_string(&arg).expect("readable CSV");
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let rows = records(text);
        let Some(header) = rows.first() else { continue };
        let found = col.or_else(|| NAME_HEADERS.iter().find_map(|h| header.iter().position(|c| c.trim() == *h)));
        let Some(i) = found else {
            eprintln!("{arg}: no company-name column, skipped");
            continue;
        };
        let before = names.len();
        names.extend(rows[1..].iter().filter_map(|r| r.get(i).cloned()));
        eprintln!("{arg}: column {i} ({}), {} names", header.get(i).map_or("", |s| s.as_str()), names.len() - before);
    }
    if let Some(path) = names_out {
        // A name holding a line break would read back as two; the helper dump only needs some input.
        let lines: Vec<String> = names.iter().map(|n| n.replace(['\n', '\r'], " ")).collect();
        std::fs::write(path, lines.join("\n") + "\n").expect("writable names file");
    }
    // Normalise first, then write: the output must not weigh on the figure. The vector is sized up
    // front so the loop times `normalize` and little else (a timer per call would cost as much).
    let mut out = Vec::with_capacity(names.len());
    let t = Instant::now();
    out.extend(names.iter().map(|name| normalize(name)));
    let spent = t.elapsed();
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    for n in &out {
        writeln!(w, "{n:?}").expect("stdout");
    }
    w.flush().expect("stdout");
    let count = names.len().max(1);
    eprintln!(
        "normalize: {} names in {:.3} s, {:.0} ns/name",
        names.len(),
        spent.as_secs_f64(),
        spent.as_nanos() as f64 / count as f64
    );
}
