//! The audit log exported for people in their language: headers, actions, outcomes and rules named in
//! words, times in the reader's time zone (Beijing, UTC+8, for Chinese; UTC as stored for English), and
//! each entry's details as a readable sentence instead of JSON. The JSON export stays as stored.
//!
//! `export_in(.., Lang)` writes the CSV/XLSX export for people.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use dealgate_domain::{rule_name, DecisionStatus, Lang, Outcome, Summary};
use serde_json::Value;

use crate::chain::AuditEntry;
use crate::error::AuditError;
use crate::export::{export, export_under, ExportFormat, ExportSummary, COLUMNS};

/// Chinese column headers, in [`COLUMNS`] order.
pub const COLUMNS_ZH: [&str; 12] =
    ["序号", "时间（北京时间）", "操作人", "操作", "对象", "区域", "伙伴", "结果", "规则", "详情", "前一哈希", "哈希"];

/// English column headers of the readable export.
const COLUMNS_EN: [&str; 12] = [
    "seq",
    "at (UTC)",
    "actor",
    "action",
    "subject",
    "region",
    "partner",
    "outcome",
    "rule",
    "details",
    "prev_hash",
    "hash",
];

/// Writes `entries` for people reading `lang` (CSV, XLSX); JSON is written exactly as stored.
pub fn export_in(
    entries: &[AuditEntry],
    format: ExportFormat,
    out: &Path,
    lang: Lang,
) -> Result<ExportSummary, AuditError> {
    if format == ExportFormat::Json {
        return export(entries, format, out);
    }
    let shown: Vec<AuditEntry> = entries.iter().map(|e| readable(e, lang)).collect();
    let headers = match lang {
        Lang::Zh => &COLUMNS_ZH,
        Lang::En => &COLUMNS_EN,
    };
    debug_assert_eq!(headers.len(), COLUMNS.len());
    export_under(&shown, format, out, headers)
}

/// The entry as a person reads it; the hashes are left as they are, to compare with `audit verify`.
fn readable(e: &AuditEntry, lang: Lang) -> AuditEntry {
    let outcome = e.outcome.as_deref().map(|o| Outcome::parse(o).map_or(o.to_owned(), |o| o.name(lang).to_owned()));
    AuditEntry {
        at: local_time(&e.at, lang),
        action: action_name(&e.action, lang),
        outcome,
        rule: e.rule.as_deref().map(|r| rule_name(r, lang)),
        payload: Value::String(details(&e.payload, lang)),
        ..e.clone()
    }
}

/// A stored UTC time (`2026-06-30T01:15:00Z`) in the reader's zone, as `2026-06-30 09:15:00`.
pub fn local_time(at: &str, lang: Lang) -> String {
    let Ok(t) = DateTime::parse_from_rfc3339(at) else { return at.to_owned() };
    let zone = match lang {
        Lang::Zh => FixedOffset::east_opt(8 * 3600),
        Lang::En => FixedOffset::east_opt(0),
    };
    zone.map_or_else(|| at.to_owned(), |z| t.with_timezone(&z).format("%Y-%m-%d %H:%M:%S").to_string())
}

/// An audit action (`check.propose`) in words; unknown ones as they are.
pub fn action_name(action: &str, lang: Lang) -> String {
    let names = match action {
        "check.propose" => ("查重建议", "check proposed"),
        "decide.accept" => ("确认建议", "accepted"),
        "decide.override" => ("改判", "overridden"),
        "extend" => ("延长保护期", "protection extended"),
        "expire" => ("保护期过期", "protection expired"),
        "dispute.open" => ("发起申诉", "dispute opened"),
        "dispute.rule" => ("裁决申诉", "dispute ruled"),
        "import" => ("导入", "import"),
        "head_account.add" => ("添加头部客户", "head account added"),
        "head_account.remove" => ("删除头部客户", "head account removed"),
        "settings" | "settings.update" => ("修改设置", "settings changed"),
        "user.save" => ("保存用户", "user saved"),
        "user.remove" => ("删除用户", "user removed"),
        "user.set_regions" => ("修改用户区域", "user's regions set"),
        "user.password" => ("修改密码", "password changed"),
        "audit.export" => ("导出审计日志", "audit log exported"),
        other => return other.to_owned(),
    };
    match lang {
        Lang::Zh => names.0.to_owned(),
        Lang::En => names.1.to_owned(),
    }
}

/// A payload key in words; unknown ones as they are.
fn key_name(key: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return key;
    }
    match key {
        "as_of" => "基准日期",
        "decision_id" => "决定编号",
        "direct_owner" => "直销负责人",
        "evidence" => "证据",
        "protection_until" => "保护期至",
        "settings_version" => "设置版本",
        "status" => "状态",
        "reason" => "理由",
        "dispute_id" => "申诉编号",
        "claim" => "申诉理由",
        "file" => "文件",
        "entries" => "条数",
        "format" => "格式",
        "kind" => "类型",
        "rows" | "rows_read" => "行数",
        "inserted" => "新增",
        "updated" => "更新",
        "rejected" => "拒绝",
        "role" => "角色",
        "regions" => "区域",
        "name" => "名称",
        "region" => "区域",
        "version" => "版本",
        "changes" => "修改",
        other => other,
    }
}

/// The payload as one readable line: the summary first (worded from its code when it has one), then
/// `key: value` pairs; evidence as `id name (score)`.
fn details(payload: &Value, lang: Lang) -> String {
    let Value::Object(map) = payload else {
        return match payload {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
    };
    let (colon, sep) = match lang {
        Lang::Zh => ("：", "；"),
        Lang::En => (": ", "; "),
    };
    let mut parts = Vec::new();
    let coded = map.get("summary_code").and_then(|c| serde_json::from_value::<Summary>(c.clone()).ok());
    match (coded, map.get("summary")) {
        (Some(s), _) => parts.push(s.text(lang)),
        (None, Some(Value::String(s))) => parts.push(s.clone()),
        _ => {}
    }
    for (key, value) in map {
        if matches!(key.as_str(), "summary" | "summary_code") || value.is_null() {
            continue;
        }
        let shown = match (key.as_str(), value) {
            ("status", Value::String(s)) => DecisionStatus::parse(s).map_or(s.clone(), |d| d.name(lang).to_owned()),
            ("evidence", Value::Array(items)) => items.iter().map(evidence).collect::<Vec<_>>().join(", "),
            (_, Value::String(s)) => s.clone(),
            (_, Value::Array(items)) if items.iter().all(Value::is_string) => {
                items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")
            }
            (_, other) => other.to_string(),
        };
        parts.push(format!("{}{colon}{shown}", key_name(key, lang)));
    }
    parts.join(sep)
}

fn evidence(item: &Value) -> String {
    let text = |k: &str| item.get(k).and_then(Value::as_str).unwrap_or_default();
    match item.get("score").and_then(Value::as_f64) {
        Some(score) => format!("{} {} ({score:.2})", text("record_id"), text("name")),
        None => item.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn chinese_details_word_the_summary_status_and_evidence() {
        let payload = json!({
            "summary": "approved to 伙伴甲 for 90 days",
            "summary_code": {"code": "approved", "args": {"partner": "伙伴甲", "days": 90, "channel_only": false, "stale": 0}},
            "status": "accepted",
            "protection_until": "2026-09-28",
            "evidence": [{"record_id": "F1", "name": "云帆数据", "score": 0.912, "source": "follow_up"}],
        });
        assert_eq!(
            details(&payload, Lang::Zh),
            "通过，转给 伙伴甲，保护期 90 天；证据：F1 云帆数据 (0.91)；保护期至：2026-09-28；状态：已确认"
        );
        // An entry written before summaries had codes shows its English text.
        assert_eq!(details(&json!({"summary": "old words"}), Lang::Zh), "old words");
    }

    #[test]
    fn times_are_beijing_for_chinese_and_utc_for_english() {
        assert_eq!(local_time("2026-06-30T17:15:00Z", Lang::Zh), "2026-07-01 01:15:00");
        assert_eq!(local_time("2026-06-30T17:15:00.250Z", Lang::En), "2026-06-30 17:15:00");
        assert_eq!(local_time("not a time", Lang::Zh), "not a time");
        assert_eq!(action_name("check.propose", Lang::Zh), "查重建议");
    }
}
