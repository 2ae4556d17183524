//! `dealgate policy replay`: parses the draft, calls `Api::replay` and prints its report (rows on
//! stdout in the chosen format; the sums after a table, or on stderr beside jsonl and csv).

use crate::args::{Format, PolicyCmd};
use crate::output::{pad, pad_left, safe, TermProgress};
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
            table(&mut out, &report.rows, lang);
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

fn top(r: &ReplayRow, lang: Lang) -> String {
    r.matches.first().map_or(String::new(), |m| {
        // Codes in English (scripts read them), words in Chinese.
        let source = if lang == Lang::Zh { m.source.name(lang) } else { m.source.as_str() };
        format!("{source} {} {} ({:.2})", m.record_id, m.name, m.score)
    })
}

/// The rows as a table: codes in English (for scripts), words in Chinese, padded by display width.
fn table(out: &mut dyn Write, rows: &[ReplayRow], lang: Lang) {
    if lang == Lang::En {
        let _ = writeln!(out, "{:<12} {:<26} {:<16} {:<26} TOP MATCH", "REGISTRATION", "CURRENT", "REPLAYED", "RULE");
    } else {
        let head = [pad("报备编号", 12), pad("现在", 26), pad("草案下", 16), pad("命中规则", 38)];
        let _ = writeln!(out, "{} 最佳匹配", head.join(" "));
    }
    for r in rows {
        let (now, replayed, rule, mark) = match lang {
            Lang::En => (
                current(r),
                r.replayed_outcome.as_str().to_string(),
                r.rule.clone(),
                if r.contradicts_person { " [contradicts a person's decision]" } else { "" },
            ),
            Lang::Zh => (
                match (r.current_outcome, r.current_status) {
                    (Some(o), Some(s)) => format!("{}（{}）", o.name(lang), s.name(lang)),
                    _ => "（未查重）".into(),
                },
                r.replayed_outcome.name(lang).to_string(),
                dealgate_api::domain::rule_name(&r.rule, lang),
                if r.contradicts_person { " [与人工决定不一致]" } else { "" },
            ),
        };
        let _ = writeln!(
            out,
            "{} {} {} {} {}{mark}",
            pad(&safe(&r.registration_id), 12),
            pad(&now, 26),
            pad(&replayed, 16),
            pad(&safe(&rule), if lang == Lang::Zh { 38 } else { 26 }),
            safe(&top(r, lang))
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
            top(r, Lang::En),
            r.summary.clone(),
        ];
        let _ = w.record(&cells.iter().map(|c| safe(c)).collect::<Vec<_>>());
    }
    let _ = w.finish();
}

/// The sums: outcomes now and after, regions, partners who gain or lose deals, contradicted decisions;
/// in English as codes (for scripts that read them), in Chinese as words, aligned by display width.
fn sums(out: &mut dyn Write, r: &ReplayReport, lang: Lang) {
    let zh = lang == Lang::Zh;
    let changes = match (r.changes.is_empty(), zh) {
        (true, false) => "no changes".to_string(),
        (true, true) => "不改任何设置".to_string(),
        (false, _) => r.changes.join(" "),
    };
    let _ = if zh {
        writeln!(
            out,
            "在设置版本 {} 上改 {}，以 {} 为准重跑 {} 条报备：{} 条结果会变，{} 条人工决定与草案不一致；未写入任何数据",
            r.settings_version,
            safe(&changes),
            r.as_of,
            r.replayed,
            r.changed,
            r.contradicted
        )
    } else {
        writeln!(
            out,
            "replayed {} registration(s) as of {} under settings version {} with {}: {} would change, {} person's decision(s) contradicted; nothing was written",
            r.replayed,
            r.as_of,
            r.settings_version,
            safe(&changes),
            r.changed,
            r.contradicted
        )
    };
    let [outcome, now, after] = if zh { ["结果", "现在", "草案下"] } else { ["OUTCOME", "NOW", "AFTER"] };
    let _ = writeln!(out, "{} {} {}", pad(outcome, 16), pad_left(now, 8), pad_left(after, 8));
    for o in &r.by_outcome {
        let name = if zh { o.outcome.name(lang) } else { o.outcome.as_str() };
        let _ = writeln!(out, "{} {:>8} {:>8}", pad(name, 16), o.current, o.replayed);
    }
    let titles =
        if zh { [("区域", "（无区域）"), ("伙伴", "")] } else { [("REGION", "(no region)"), ("PARTNER", "")] };
    let [changed, gained, lost] = if zh { ["变化", "增加", "减少"] } else { ["CHANGED", "GAINED", "LOST"] };
    for ((title, unnamed), groups) in titles.into_iter().zip([&r.by_region, &r.by_partner]) {
        if groups.is_empty() {
            continue;
        }
        let _ =
            writeln!(out, "{} {} {} {}", pad(title, 24), pad_left(changed, 8), pad_left(gained, 8), pad_left(lost, 8));
        for g in groups {
            let name = if g.name.is_empty() { unnamed } else { &g.name };
            let _ = writeln!(out, "{} {:>8} {:>8} {:>8}", pad(&safe(name), 24), g.changed, g.gained, g.lost);
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
        if zh {
            let _ = writeln!(out, "草案会推翻的人工决定：");
        } else {
            let _ = writeln!(out, "people's decisions the draft would contradict:");
        }
        for x in contradicted {
            let actor = safe(x.current_actor.as_deref().unwrap_or(""));
            let _ = if zh {
                let now = x.current_outcome.map_or("（未查重）", |o| o.name(lang));
                writeln!(
                    out,
                    "  {} 现为{}（{}）；草案的规则判为{}（{}）",
                    safe(&x.registration_id),
                    now,
                    actor,
                    x.replayed_outcome.name(lang),
                    safe(&dealgate_api::domain::rule_name(&x.rule, lang))
                )
            } else {
                writeln!(
                    out,
                    "  {} {} by {}; the draft's rules say {} ({})",
                    safe(&x.registration_id),
                    current(x),
                    actor,
                    x.replayed_outcome,
                    safe(&x.rule)
                )
            };
        }
    }
}
