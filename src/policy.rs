//! `dealgate policy replay`: parses the draft, calls `Api::replay` and prints its report (rows on
//! stdout in the chosen format; the sums after a table, or on stderr beside jsonl and csv).

use crate::args::{Format, PolicyCmd};
use crate::output::{safe, TermProgress};
use dealgate_api::domain::Lang;
use dealgate_api::{Api, ApiResult, ReplayReport, ReplayRequest, ReplayRow, SettingChange, SheetCsv};
use serde_json::json;
use std::io::Write;
use std::sync::Arc;

/// Runs a policy verb.
pub async fn run(api: &Api, cmd: PolicyCmd, lang: Lang) -> ApiResult<()> {
    let PolicyCmd::Replay { set, as_of, from, to, unchanged, format } = cmd;
    let changes = set.iter().map(|c| SettingChange::parse(c)).collect::<ApiResult<Vec<_>>>()?;
    let day = |d: Option<String>| d.map(|d| crate::run::date(Some(&d))).transpose();
    let req = ReplayRequest {
        changes,
        as_of: crate::run::date(as_of.as_deref())?,
        from: day(from)?,
        to: day(to)?,
        unchanged,
    };
    let report = api.replay(&req, Arc::new(TermProgress::new(lang))).await?;
    let out = std::io::stdout();
    let mut out = out.lock();
    match format {
        Format::Jsonl => {
            for r in &report.rows {
                let _ = writeln!(out, "{}", row_json(r));
            }
            drop(out);
            sums(&mut std::io::stderr().lock(), &report, lang);
        }
        Format::Json => {
            let rows: Vec<serde_json::Value> = report.rows.iter().map(row_json).collect();
            let _ = writeln!(out, "{}", serde_json::Value::Array(rows));
            drop(out);
            sums(&mut std::io::stderr().lock(), &report, lang);
        }
        Format::Csv => {
            csv(&mut out, &report.rows);
            drop(out);
            sums(&mut std::io::stderr().lock(), &report, lang);
        }
        Format::Table => {
            table(&mut out, &report.rows);
            let _ = writeln!(out);
            sums(&mut out, &report, lang);
        }
    }
    Ok(())
}

/// One registration as a JSON object: the current and replayed outcomes, the rule and the matches.
fn row_json(r: &ReplayRow) -> serde_json::Value {
    json!({
        "registration_id": r.registration_id,
        "partner": r.partner,
        "region": r.region,
        "current_outcome": r.current_outcome,
        "current_status": r.current_status,
        "current_actor": r.current_actor,
        "replayed_outcome": r.replayed_outcome,
        "rule": r.rule,
        "summary": r.summary,
        "protection_until": r.protection_until,
        "changed": r.changed,
        "contradicts_person": r.contradicts_person,
        "matches": r.matches,
    })
}

fn current(r: &ReplayRow) -> String {
    match (r.current_outcome, r.current_status) {
        (Some(o), Some(s)) => format!("{o} ({})", s.as_str()),
        _ => "(not checked)".into(),
    }
}

fn top(r: &ReplayRow) -> String {
    r.matches
        .first()
        .map_or(String::new(), |m| format!("{} {} {} ({:.2})", m.source.as_str(), m.record_id, m.name, m.score))
}

fn table(out: &mut dyn Write, rows: &[ReplayRow]) {
    let _ = writeln!(out, "{:<12} {:<26} {:<16} {:<26} TOP MATCH", "REGISTRATION", "CURRENT", "REPLAYED", "RULE");
    for r in rows {
        let mark = if r.contradicts_person { " [contradicts a person's decision]" } else { "" };
        let _ = writeln!(
            out,
            "{:<12} {:<26} {:<16} {:<26} {}{mark}",
            safe(&r.registration_id),
            current(r),
            r.replayed_outcome.as_str(),
            safe(&r.rule),
            safe(&top(r))
        );
    }
}

fn csv(out: &mut dyn Write, rows: &[ReplayRow]) {
    let header = [
        "registration_id",
        "partner",
        "region",
        "current_outcome",
        "current_status",
        "replayed_outcome",
        "rule",
        "changed",
        "contradicts_person",
        "top_match",
        "summary",
    ];
    let Ok(mut w) = SheetCsv::new(out, &header) else { return };
    for r in rows {
        let cells = [
            r.registration_id.clone(),
            r.partner.clone(),
            r.region.clone().unwrap_or_default(),
            r.current_outcome.map(|o| o.to_string()).unwrap_or_default(),
            r.current_status.map(|s| s.as_str().to_string()).unwrap_or_default(),
            r.replayed_outcome.to_string(),
            r.rule.clone(),
            r.changed.to_string(),
            r.contradicts_person.to_string(),
            top(r),
            r.summary.clone(),
        ];
        let _ = w.record(&cells.iter().map(|c| safe(c)).collect::<Vec<_>>());
    }
    let _ = w.finish();
}

/// The sums: outcomes now and after, regions, partners who gain or lose deals, contradicted decisions.
fn sums(out: &mut dyn Write, r: &ReplayReport, lang: Lang) {
    let changes = if r.changes.is_empty() { "no changes".to_string() } else { r.changes.join(" ") };
    let _ = writeln!(
        out,
        "replayed {} registration(s) as of {} under settings version {} with {}: {} would change, {} person's decision(s) contradicted; nothing was written",
        r.replayed,
        r.as_of,
        r.settings_version,
        safe(&changes),
        r.changed,
        r.contradicted
    );
    let _ = writeln!(out, "{:<16} {:>8} {:>8}", "OUTCOME", "NOW", "AFTER");
    for o in &r.by_outcome {
        let _ = writeln!(out, "{:<16} {:>8} {:>8}", o.outcome.as_str(), o.current, o.replayed);
    }
    for (title, groups) in [("REGION", &r.by_region), ("PARTNER", &r.by_partner)] {
        if groups.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{:<24} {:>8} {:>8} {:>8}", title, "CHANGED", "GAINED", "LOST");
        for g in groups {
            let name = if g.name.is_empty() { "(no region)" } else { &g.name };
            let _ = writeln!(out, "{:<24} {:>8} {:>8} {:>8}", safe(name), g.changed, g.gained, g.lost);
        }
    }
    if !r.bands_moved.is_empty() {
        let title = match lang {
            Lang::Zh => "按草案的阈值，以下关系整体改变档位（只凭其一判定的配对都会随之改变）：",
            Lang::En => "relations the draft's thresholds move wholesale (every pair one of them decides alone):",
        };
        let _ = writeln!(out, "{title}");
        for m in &r.bands_moved {
            let _ = writeln!(out, "  {} ({})", dealgate_api::band_move(m, lang), m.levels.join(", "));
        }
    }
    let contradicted: Vec<&ReplayRow> = r.rows.iter().filter(|x| x.contradicts_person).collect();
    if !contradicted.is_empty() {
        let _ = writeln!(out, "people's decisions the draft would contradict:");
        for x in contradicted {
            let _ = writeln!(
                out,
                "  {} {} by {}; the draft's rules say {} ({})",
                safe(&x.registration_id),
                current(x),
                safe(x.current_actor.as_deref().unwrap_or("")),
                x.replayed_outcome,
                safe(&x.rule)
            );
        }
    }
}
