//! `dealgate notify log`: the webhook's delivery log (`Api::notifications`), as a table or JSON.

use crate::args::{LogFormat, NotifyCmd};
use crate::output::{pad, safe};
use dealgate_api::domain::Lang;
use dealgate_api::{delivery_status, Api, ApiResult, Notification};
use serde_json::json;

/// Messages read when filtering by state (the log keeps every message; the newest are what matter).
const FILTER_WINDOW: i64 = 10_000;

fn status_name(status: &str, lang: Lang) -> &str {
    match (status, lang) {
        (_, Lang::En) => status,
        ("queued", Lang::Zh) => "排队中",
        ("delivered", Lang::Zh) => "已送达",
        ("failed", Lang::Zh) => "失败待重试",
        ("given_up", Lang::Zh) => "已放弃",
        (other, Lang::Zh) => other,
    }
}

fn time(t: Option<chrono::NaiveDateTime>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
}

fn row_json(n: &Notification) -> serde_json::Value {
    json!({
        "id": n.id,
        "status": delivery_status(n),
        "kind": n.kind,
        "created_at": n.created_at,
        "attempts": n.attempts,
        "delivered_at": n.delivered_at,
        "next_attempt_at": (n.delivered_at.is_none() && n.attempts < dealgate_api::MAX_ATTEMPTS).then_some(n.next_attempt_at),
        "last_error": n.last_error,
        "first_seq": n.first_seq,
        "last_seq": n.last_seq,
        "text": n.text,
    })
}

/// Runs a webhook verb.
pub async fn run(api: &Api, cmd: NotifyCmd, lang: Lang) -> ApiResult<()> {
    let NotifyCmd::Log { limit, status, format } = cmd;
    let limit = limit.max(0);
    let rows: Vec<Notification> = match status {
        None => api.notifications(limit).await?,
        Some(s) => api
            .notifications(FILTER_WINDOW.max(limit))
            .await?
            .into_iter()
            .filter(|n| delivery_status(n) == s.as_str())
            .take(limit as usize)
            .collect(),
    };
    match format {
        LogFormat::Json => {
            let all: Vec<_> = rows.iter().map(row_json).collect();
            println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
        }
        LogFormat::Jsonl => rows.iter().for_each(|n| println!("{}", row_json(n))),
        LogFormat::Table => table(&rows, lang),
    }
    Ok(())
}

fn table(rows: &[Notification], lang: Lang) {
    const W: [usize; 6] = [6, 12, 16, 17, 9, 17];
    let head = match lang {
        Lang::En => ["#", "status", "kind", "queued", "attempts", "delivered/next", "last error / message"],
        Lang::Zh => ["#", "状态", "类型", "排队时间", "尝试次数", "送达/下次尝试", "最后错误 / 消息"],
    };
    let line = |cells: [&str; 7]| {
        let mut out = String::new();
        for (cell, w) in cells.iter().zip(W) {
            out.push_str(&pad(cell, w));
            out.push(' ');
        }
        out.push_str(cells[6]);
        out
    };
    println!("{}", line(head));
    for n in rows {
        let status = delivery_status(n);
        let when = match status {
            "delivered" => time(n.delivered_at),
            "given_up" => String::new(),
            _ => time(Some(n.next_attempt_at)),
        };
        let said: String = match &n.last_error {
            Some(e) if status != "delivered" => e.clone(),
            _ => n.text.clone(),
        };
        let said: String = said.chars().take(100).collect();
        let (id, queued, attempts) = (n.id.to_string(), time(Some(n.created_at)), n.attempts.to_string());
        let said = safe(&said);
        let cells = [id.as_str(), status_name(status, lang), n.kind.as_str(), queued.as_str(), attempts.as_str()];
        println!("{}", line([cells[0], cells[1], cells[2], cells[3], cells[4], when.as_str(), said.as_ref()]));
    }
    if rows.is_empty() {
        println!("{}", if lang == Lang::Zh { "（没有消息）" } else { "(no messages)" });
    }
}
