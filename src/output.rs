//! Printing results: decision tables, JSON lines, CSV, import reports; progress on a terminal.
//!
//! Tables pad by display width (a Chinese character takes two columns).

use dealgate_api::domain::{rule_name, Decision, Lang, MatchEvidence};
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
        "summary_code": d.summary_code,
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
const CSV_HEADER_ZH: [&str; 7] = ["报备编号", "结果", "规则", "状态", "保护期至", "最强匹配", "摘要"];

/// `text` padded with spaces to `width` terminal columns (a Chinese character takes two).
pub fn pad(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// `text` right-aligned in `width` terminal columns (a Chinese character takes two).
pub fn pad_left(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

/// Column widths of the decision table in `lang`: registration, outcome, rule.
fn widths(lang: Lang) -> [usize; 3] {
    match lang {
        Lang::En => [12, 16, 28],
        Lang::Zh => [12, 14, 36],
    }
}

/// Prints decisions in the chosen format, under its header.
pub fn decisions(ds: &[Decision], format: crate::args::Format, lang: Lang) {
    header(format, lang);
    rows(ds, format, lang);
}

/// Prints the header line of a decision listing (none for JSON lines).
pub fn header(format: crate::args::Format, lang: Lang) {
    let out = std::io::stdout();
    let mut out = out.lock();
    let [a, b, c] = widths(lang);
    match (format, lang) {
        (crate::args::Format::Jsonl | crate::args::Format::Json, _) => {}
        (crate::args::Format::Csv, Lang::En) => {
            let _ = SheetCsv::new(&mut out, &CSV_HEADER).and_then(|w| w.finish().map(drop));
        }
        (crate::args::Format::Csv, Lang::Zh) => {
            let _ = SheetCsv::new(&mut out, &CSV_HEADER_ZH).and_then(|w| w.finish().map(drop));
        }
        (crate::args::Format::Table, Lang::En) => {
            let _ = writeln!(out, "{} {} {} SUMMARY", pad("REGISTRATION", a), pad("OUTCOME", b), pad("RULE", c));
        }
        (crate::args::Format::Table, Lang::Zh) => {
            let _ = writeln!(out, "{} {} {} 摘要", pad("报备编号", a), pad("结果", b), pad("规则", c));
        }
    }
}

/// Prints decisions in the chosen format, without the header: a listing may come in parts.
pub fn rows(ds: &[Decision], format: crate::args::Format, lang: Lang) {
    // English keeps the codes scripts read; Chinese names everything.
    let outcome =
        |d: &Decision| if lang == Lang::En { d.outcome.as_str().to_owned() } else { d.outcome.name(lang).to_owned() };
    let rule = |d: &Decision| if lang == Lang::En { d.rule.clone() } else { rule_name(&d.rule, lang) };
    let status = |d: &Decision| if lang == Lang::En { d.status.as_str() } else { d.status.name(lang) };
    let out = std::io::stdout();
    let mut out = out.lock();
    match format {
        crate::args::Format::Jsonl | crate::args::Format::Json => {
            for d in ds {
                let _ = writeln!(out, "{}", decision_json(d));
            }
        }
        crate::args::Format::Csv => {
            let mut w = SheetCsv::continuing(&mut out);
            for d in ds {
                let cells = [
                    d.registration_id.clone(),
                    outcome(d),
                    rule(d),
                    status(d).to_string(),
                    d.protection_until.map(|p| p.to_string()).unwrap_or_default(),
                    top(d.matches.first()),
                    d.summary_in(lang),
                ];
                let _ = w.record(&cells.iter().map(|c| safe(c)).collect::<Vec<_>>());
            }
            let _ = w.finish();
        }
        crate::args::Format::Table => {
            let [a, b, c] = widths(lang);
            for d in ds {
                let _ = writeln!(
                    out,
                    "{} {} {} {}",
                    pad(&safe(&d.registration_id), a),
                    pad(&outcome(d), b),
                    pad(&safe(&rule(d)), c),
                    safe(&d.summary_in(lang))
                );
            }
        }
    }
}

/// Prints what an import did, bad rows first.
pub fn import_report(r: &ImportReport, lang: Lang) {
    let zh = lang == Lang::Zh;
    for e in &r.rejected {
        eprintln!("{}{}", if zh { "已拒绝：" } else { "rejected: " }, safe(&e.text(lang)));
    }
    for w in &r.warnings {
        eprintln!("{}{}", if zh { "警告：" } else { "warning: " }, safe(&w.text(lang)));
    }
    if let Some(note) = if zh { &r.sheet_note_zh } else { &r.sheet_note } {
        eprintln!("{}{}", if zh { "说明：" } else { "note: " }, safe(note));
    }
    if !r.ignored_columns.is_empty() {
        let sep = if zh { "、" } else { ", " };
        eprintln!("{}{}", if zh { "忽略的列：" } else { "ignored columns: " }, safe(&r.ignored_columns.join(sep)));
    }
    let rejected_rows: std::collections::BTreeSet<usize> = r.rejected.iter().map(|e| e.line).collect();
    let (read, new, updated, rejected, warned) =
        (r.rows_read, r.inserted, r.updated, rejected_rows.len(), r.warnings.len());
    if zh {
        let kind = r.kind.name(Lang::Zh);
        println!(
            "{kind} {}：读取 {read} 行，新增 {new}，更新 {updated}，拒绝 {rejected}，警告 {warned}",
            safe(&r.file)
        );
    } else {
        println!(
            "{} {}: {read} rows read, {new} imported, {updated} updated, {rejected} rejected, {warned} warnings",
            r.kind.cli_name(),
            safe(&r.file),
        );
    }
    if let Some(check) = &r.check {
        import_check(check, lang);
    }
}

/// Prints the check an import ran: new outcomes, then each change (old → new, why), then each kept
/// decision with what a check would say now.
fn import_check(c: &dealgate_api::ImportCheck, lang: Lang) {
    let zh = lang == Lang::Zh;
    let sep = if zh { "，" } else { ", " };
    let counts: Vec<String> = c.by_outcome.iter().map(|o| format!("{} {}", o.outcome.name(lang), o.count)).collect();
    if zh {
        println!("已查重 {} 条：{}", c.checked, counts.join(sep));
    } else {
        println!("checked {}: {}", c.checked, counts.join(sep));
    }
    if c.changed_total > 0 {
        println!(
            "{}",
            if zh {
                format!("结果有变 {} 条：", c.changed_total)
            } else {
                format!("{} changed:", c.changed_total)
            }
        );
    }
    for x in &c.changed {
        let (before, after) = (x.before.name(lang), x.after.name(lang));
        if zh {
            println!("  {}: {before} → {after}（{}）", safe(&x.registration_id), safe(&x.why));
        } else {
            println!("  {}: {before} → {after} ({})", safe(&x.registration_id), safe(&x.why));
        }
    }
    if c.kept_total > 0 {
        println!(
            "{}",
            if zh {
                format!("已有人工决定、保持不变 {} 条：", c.kept_total)
            } else {
                format!("{} decided by a person, kept:", c.kept_total)
            }
        );
    }
    for k in &c.kept {
        let kept = if zh {
            format!("{}（{}，{}）", k.outcome.name(lang), k.status.name(lang), safe(&k.by))
        } else {
            format!("{}, {} by {}", k.outcome.name(lang), k.status.name(lang), safe(&k.by))
        };
        match (&k.would_be, &k.why) {
            (Some(now), Some(why)) if zh => {
                println!(
                    "  {}: 保持 {kept}；现在查重会是 {}（{}）",
                    safe(&k.registration_id),
                    now.name(lang),
                    safe(why)
                )
            }
            (Some(now), Some(why)) => {
                println!(
                    "  {}: kept {kept}; a check now would say {} ({})",
                    safe(&k.registration_id),
                    now.name(lang),
                    safe(why)
                )
            }
            _ if zh => println!("  {}: 保持 {kept}", safe(&k.registration_id)),
            _ => println!("  {}: kept {kept}", safe(&k.registration_id)),
        }
    }
    if c.changed.len() < c.changed_total || c.kept.len() < c.kept_total {
        println!("{}", if zh { "（只列出前 200 条）" } else { "(only the first 200 listed)" });
    }
}

/// Progress on stderr when it is a terminal: stage, count, rate, time left.
pub struct TermProgress {
    started: Instant,
    tty: bool,
    last: Mutex<Instant>,
    lang: Lang,
}

impl TermProgress {
    pub fn new(lang: Lang) -> TermProgress {
        TermProgress {
            started: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            last: Mutex::new(Instant::now()),
            lang,
        }
    }
}

/// A progress stage the API reports (`checking`...) in `lang`; unknown stages as they are.
pub fn stage_name(stage: &str, lang: Lang) -> &str {
    match (stage, lang) {
        ("checking", Lang::Zh) => "查重",
        ("indexing", Lang::Zh) => "建立索引",
        ("reading", Lang::Zh) => "读取",
        ("saving", Lang::Zh) => "保存",
        (other, _) => other,
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
        let stage = stage_name(stage, self.lang);
        let eta = match self.lang {
            Lang::En => eta.map_or(String::new(), |s| format!(", {s:.0}s left")),
            Lang::Zh => eta.map_or(String::new(), |s| format!("，剩余 {s:.0} 秒")),
        };
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
