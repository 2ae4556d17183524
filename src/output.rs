//! Printing results: decision tables, JSON lines, CSV, import reports; progress on a terminal.

use dealgate_api::domain::{Decision, MatchEvidence};
use dealgate_api::{rate_and_eta, ImportReport, Progress, SheetCsv};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::Instant;

/// One JSON object per decision, as `../shared/bench/score.py` reads it.
pub fn decision_json(d: &Decision) -> serde_json::Value {
    json!({
        "registration_id": d.registration_id,
        "outcome": d.outcome,
        "rule": d.rule,
        "summary": d.summary,
        "status": d.status,
        "lead": d.lead,
        "direct_owner": d.direct_owner,
        "protection_until": d.protection_until,
        "settings_version": d.settings_version,
        "as_of": d.as_of,
        "matches": d.matches,
    })
}

fn top(m: Option<&MatchEvidence>) -> String {
    m.map_or(String::new(), |m| format!("{} {} {} ({:.2})", m.source.as_str(), m.record_id, m.name, m.score))
}

/// Text from files and the database made safe to print on a terminal: control characters, escape
/// sequences and bidirectional overrides (which could retitle the terminal, move the cursor or forge
/// an output line) are shown as `\u{..}` escapes; line breaks too, so one value stays on one line.
pub fn safe(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    };
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars().map(|c| if bad(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect(),
    )
}

const CSV_HEADER: [&str; 7] =
    ["registration_id", "outcome", "rule", "status", "protection_until", "top_match", "summary"];

/// Prints decisions in the chosen format, under its header.
pub fn decisions(ds: &[Decision], format: crate::args::Format) {
    header(format);
    rows(ds, format);
}

/// Prints the header line of a decision listing (none for JSON lines).
pub fn header(format: crate::args::Format) {
    let out = std::io::stdout();
    let mut out = out.lock();
    match format {
        crate::args::Format::Jsonl => {}
        crate::args::Format::Csv => {
            let _ = SheetCsv::new(&mut out, &CSV_HEADER).and_then(|w| w.finish().map(drop));
        }
        crate::args::Format::Table => {
            let _ = writeln!(out, "{:<12} {:<16} {:<28} SUMMARY", "REGISTRATION", "OUTCOME", "RULE");
        }
    }
}

/// Prints decisions in the chosen format, without the header: a listing may come in parts.
pub fn rows(ds: &[Decision], format: crate::args::Format) {
    let out = std::io::stdout();
    let mut out = out.lock();
    match format {
        crate::args::Format::Jsonl => {
            for d in ds {
                let _ = writeln!(out, "{}", decision_json(d));
            }
        }
        crate::args::Format::Csv => {
            let mut w = SheetCsv::continuing(&mut out);
            for d in ds {
                let cells = [
                    d.registration_id.clone(),
                    d.outcome.to_string(),
                    d.rule.clone(),
                    d.status.as_str().to_string(),
                    d.protection_until.map(|p| p.to_string()).unwrap_or_default(),
                    top(d.matches.first()),
                    d.summary.clone(),
                ];
                let _ = w.record(&cells.iter().map(|c| safe(c)).collect::<Vec<_>>());
            }
            let _ = w.finish();
        }
        crate::args::Format::Table => {
            for d in ds {
                let _ = writeln!(
                    out,
                    "{:<12} {:<16} {:<28} {}",
                    safe(&d.registration_id),
                    d.outcome.as_str(),
                    safe(&d.rule),
                    safe(&d.summary)
                );
            }
        }
    }
}

/// Prints what an import did, bad rows first.
pub fn import_report(r: &ImportReport) {
    for e in &r.rejected {
        eprintln!("rejected: {}", safe(&e.to_string()));
    }
    for w in &r.warnings {
        eprintln!("warning: {}", safe(&w.to_string()));
    }
    if let Some(note) = &r.sheet_note {
        eprintln!("note: {}", safe(note));
    }
    if !r.ignored_columns.is_empty() {
        eprintln!("ignored columns: {}", safe(&r.ignored_columns.join(", ")));
    }
    let rejected_rows: std::collections::BTreeSet<usize> = r.rejected.iter().map(|e| e.line).collect();
    println!(
        "{} {}: {} rows read, {} imported, {} updated, {} rejected, {} warnings",
        r.kind.cli_name(),
        safe(&r.file),
        r.rows_read,
        r.inserted,
        r.updated,
        rejected_rows.len(),
        r.warnings.len()
    );
}

/// Progress on stderr when it is a terminal: stage, count, rate, time left.
pub struct TermProgress {
    started: Instant,
    tty: bool,
    last: Mutex<Instant>,
}

impl TermProgress {
    pub fn new() -> TermProgress {
        TermProgress { started: Instant::now(), tty: std::io::stderr().is_terminal(), last: Mutex::new(Instant::now()) }
    }
}

impl Progress for TermProgress {
    fn report(&self, stage: &str, done: usize, total: usize) {
        if !self.tty {
            return;
        }
        let Ok(mut last) = self.last.lock() else { return };
        if done != total && last.elapsed().as_millis() < 200 {
            return;
        }
        *last = Instant::now();
        let (rate, eta) = rate_and_eta(self.started, done, total);
        let eta = eta.map_or(String::new(), |s| format!(", {s:.0}s left"));
        eprint!("\r\x1b[2K{stage}: {done}/{total} ({rate:.0}/s{eta})");
        if done == total {
            eprintln!();
        }
    }
}

/// Prints remembered pairs: a table for people, or one JSON object per pair (labelled pairs for
/// estimating the matcher's weights: `verdict` is `same` or `different`).
pub fn pairs(labels: &[dealgate_api::PairLabel], format: crate::args::ListFormat) {
    let out = std::io::stdout();
    let mut out = out.lock();
    if format == crate::args::ListFormat::Jsonl {
        for l in labels {
            let _ = writeln!(out, "{}", serde_json::to_string(l).unwrap_or_default());
        }
        return;
    }
    let _ = writeln!(out, "{:>4}  {:<9}  {:<28}  {:<28}  {:<24}  by", "id", "verdict", "customer", "record", "source");
    for l in labels {
        let _ = writeln!(
            out,
            "{:>4}  {:<9}  {:<28}  {:<28}  {:<24}  {} {} ({})",
            l.id,
            l.verdict.as_str(),
            safe(&l.left_name),
            safe(&l.right_name),
            format!("{} {}", l.source.as_str(), safe(&l.record_id)),
            safe(&l.actor),
            l.created_at.format("%Y-%m-%d"),
            safe(&l.registration_id)
        );
    }
}
