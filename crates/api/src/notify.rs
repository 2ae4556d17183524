//! Group-robot notifications (企业微信 / 钉钉 / 飞书 webhooks): short Chinese messages when a dispute is
//! opened, a ruling is made, a registration enters review or a dispute passes its ruling time, and one
//! summary a day of the protections ending soon that no earlier summary named.
//!
//! The outbox is the audit log: every event is an audit entry written in the same transaction as the
//! change, so none is lost and delivery never holds a decision up. Due work turns the entries after the
//! store's cursor into messages (queued, with the cursor moved, in one transaction: two runs at once
//! cannot queue one event twice) and posts those due; a failed post is tried again after 1, 2, 4 ...
//! minutes, up to [`MAX_ATTEMPTS`] times, each attempt's error kept in the queue (the delivery log).
//! Due work that runs while no webhook is set passes the events over rather than saving them up. HTTPS goes through the system's TLS
//! (native-tls: OpenSSL on Linux) and its certificate store.
//!
//! A few events of one kind become a message each, more one message listing them (`ONE_BY_ONE`). Posts go through
//! `ureq`. `delivery_status` names a message's state for `notify log`.

use crate::{Api, ApiResult, ExpiringProtection, DISPUTE_OVERDUE};
use chrono::{Days, Duration, NaiveDateTime};
use dealgate_audit::AuditEntry;
use dealgate_domain::{Outcome, WebhookKind};
use dealgate_store::{Delivery, NewNotification};
use serde::Serialize;
use serde_json::json;

/// Attempts after which a message is given up (it stays in the queue with its last error).
pub const MAX_ATTEMPTS: i64 = 8;
/// Events of one kind beyond which one run sends a single message listing them.
const ONE_BY_ONE: usize = 5;
/// Audit entries read per run at most (the rest wait for the next run).
const READ_AT_MOST: i64 = 10_000;
/// How long a post may take.
const TIMEOUT_SECS: u64 = 10;

/// The audit entries that are events: (action, outcome when only one counts).
const EVENTS: [(&str, Option<&str>); 4] =
    [("dispute.open", None), ("dispute.rule", None), ("check.propose", Some("review")), (DISPUTE_OVERDUE, None)];
/// The kind of the daily summary of protections ending soon.
pub(crate) const EXPIRING_KIND: &str = "expiring";
/// Notifications looked back through for the last summary of protections ending soon.
const LOOK_BACK: i64 = 500;

/// What a run of deliveries did.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NotifyReport {
    /// Messages queued from new events.
    pub queued: u32,
    /// Messages delivered.
    pub delivered: u32,
    /// Messages whose post failed, with why (tried again later unless given up).
    pub failed: Vec<String>,
    /// Of those, messages given up after [`MAX_ATTEMPTS`].
    pub given_up: u32,
    /// Whether a webhook is set (without one nothing is queued or posted).
    pub webhook: bool,
}

fn outcome_zh(o: Option<&str>) -> &'static str {
    match o.and_then(Outcome::parse) {
        Some(Outcome::Approved) => "批准给伙伴",
        Some(Outcome::CoSell) => "项目合作",
        Some(Outcome::DirectRetained) => "直营保留",
        Some(Outcome::Duplicate) => "重复报备",
        Some(Outcome::NeedsInfo) => "待补充信息",
        Some(Outcome::Review) => "人工复核",
        None => "未知",
    }
}

/// Where and whose: `（华东，甲方伙伴）`.
fn place(e: &AuditEntry) -> String {
    let parts: Vec<&str> = [e.region.as_deref(), e.partner.as_deref()].into_iter().flatten().collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("（{}）", parts.join("，"))
    }
}

fn text_of(e: &AuditEntry) -> String {
    let p = |k: &str| e.payload[k].as_str().unwrap_or("").to_string();
    match e.action.as_str() {
        "dispute.open" => format!(
            "【DealGate】{} 对报备 {}{} 发起申诉：{}。请区域负责人在 {} 前裁决。",
            e.actor,
            e.subject,
            place(e),
            p("claim"),
            p("due_at").replace('T', " ")
        ),
        "dispute.rule" => format!(
            "【DealGate】报备 {}{} 的申诉已裁决：{}（{}）。{}",
            e.subject,
            place(e),
            outcome_zh(e.outcome.as_deref()),
            e.actor,
            p("summary")
        ),
        DISPUTE_OVERDUE => format!(
            "【DealGate】报备 {}{} 的申诉已超过 {} 天未裁决（{} 发起），请区域负责人尽快裁决。",
            e.subject,
            place(e),
            e.payload["dispute_days"].as_i64().unwrap_or(0),
            p("opened_at").replace('T', " ").chars().take(16).collect::<String>()
        ),
        _ => format!("【DealGate】报备 {}{} 进入人工复核：{}", e.subject, place(e), p("summary")),
    }
}

fn kind_of(action: &str) -> &'static str {
    match action {
        "dispute.open" => "dispute_opened",
        "dispute.rule" => "dispute_ruled",
        DISPUTE_OVERDUE => "dispute_overdue",
        _ => "review",
    }
}

/// The summary of protections ending within `days`: how many, and the first few by name.
pub(crate) fn expiring_text(list: &[ExpiringProtection], days: i64) -> String {
    let named: Vec<String> = list
        .iter()
        .take(ONE_BY_ONE)
        .map(|p| format!("{} {}（{}，{} 到期）", p.registration_id, p.customer_name, p.partner, p.protection_until))
        .collect();
    let more = if list.len() > ONE_BY_ONE { " 等" } else { "" };
    format!(
        "【DealGate】{} 个保护期将在 {days} 天内到期：{}{more}。如需延期请在到期前处理。",
        list.len(),
        named.join("；")
    )
}

/// The messages for `entries` (in seq order): one each while a kind has few, else one listing them.
pub(crate) fn compose(entries: &[AuditEntry], at: NaiveDateTime) -> Vec<NewNotification> {
    let mut out = Vec::new();
    for kind in ["dispute_opened", "dispute_ruled", "review", "dispute_overdue"] {
        let of: Vec<&AuditEntry> = entries.iter().filter(|e| kind_of(&e.action) == kind).collect();
        let (Some(first), Some(last)) = (of.first(), of.last()) else { continue };
        if of.len() <= ONE_BY_ONE {
            out.extend(of.iter().map(|e| NewNotification {
                kind: kind.into(),
                first_seq: e.seq,
                last_seq: e.seq,
                text: text_of(e),
                created_at: at,
            }));
            continue;
        }
        let ids: Vec<&str> = of.iter().take(ONE_BY_ONE).map(|e| e.subject.as_str()).collect();
        let what = match kind {
            "dispute_opened" => "新申诉",
            "dispute_ruled" => "申诉已裁决",
            "dispute_overdue" => "申诉逾期未裁决",
            _ => "报备进入人工复核",
        };
        out.push(NewNotification {
            kind: kind.into(),
            first_seq: first.seq,
            last_seq: last.seq,
            text: format!("【DealGate】{} 条{}：{} 等，请在 DealGate 中查看。", of.len(), what, ids.join("、")),
            created_at: at,
        });
    }
    out.sort_by_key(|n| n.first_seq);
    out
}

/// The JSON body a robot of `kind` takes for a text message (each vendor's public format).
pub(crate) fn body(kind: WebhookKind, text: &str) -> serde_json::Value {
    match kind {
        WebhookKind::Wecom | WebhookKind::Dingtalk => json!({ "msgtype": "text", "text": { "content": text } }),
        WebhookKind::Feishu => json!({ "msg_type": "text", "content": { "text": text } }),
    }
}

/// Posts one message; the robots answer 200 with an error code in the body when they refuse it.
fn post(url: &str, body: &serde_json::Value) -> Result<(), String> {
    let tls = native_tls::TlsConnector::new().map_err(|e| format!("TLS: {e}"))?;
    let agent = ureq::AgentBuilder::new()
        .tls_connector(std::sync::Arc::new(tls))
        .timeout(std::time::Duration::from_secs(TIMEOUT_SECS))
        .build();
    let reply =
        match agent.post(url).set("Content-Type", "application/json; charset=utf-8").send_string(&body.to_string()) {
            Ok(r) => r.into_string().unwrap_or_default(),
            Err(ureq::Error::Status(code, r)) => {
                return Err(format!(
                    "HTTP {code}: {}",
                    r.into_string().unwrap_or_default().chars().take(200).collect::<String>()
                ))
            }
            Err(e) => return Err(e.to_string()),
        };
    let v: serde_json::Value = serde_json::from_str(&reply).unwrap_or_default();
    // 企业微信 / 钉钉: errcode; 飞书: code (older robots: StatusCode).
    let code = ["errcode", "code", "StatusCode"].iter().find_map(|k| v[*k].as_i64()).unwrap_or(0);
    if code != 0 {
        return Err(format!("refused by the robot: {}", reply.chars().take(200).collect::<String>()));
    }
    Ok(())
}

/// A queued message's delivery state, as the delivery log shows it: `queued` (not tried yet),
/// `delivered`, `failed` (tried, to be tried again) or `given_up` (tried [`MAX_ATTEMPTS`] times).
pub fn delivery_status(n: &dealgate_store::Notification) -> &'static str {
    match (n.delivered_at, n.attempts) {
        (Some(_), _) => "delivered",
        (None, 0) => "queued",
        (None, a) if a >= MAX_ATTEMPTS => "given_up",
        (None, _) => "failed",
    }
}

/// When to try again after `attempts` failed attempts: 1, 2, 4 ... minutes later.
fn backoff(attempts: i64) -> Duration {
    Duration::minutes(1i64 << attempts.clamp(0, 12))
}

impl Api {
    /// Queues the messages of events since the last run (and, at most once a day, a summary of the
    /// protections in `expiring` that no earlier summary named) and posts those due at `now`. A failed
    /// post is recorded and retried later; it never fails the caller.
    pub(crate) async fn deliver_notifications(
        &self,
        now: NaiveDateTime,
        expiring: &[ExpiringProtection],
        warning_days: i64,
    ) -> ApiResult<NotifyReport> {
        let (_, settings) = self.store.settings().await?;
        let url = settings.webhook_url.trim().to_string();
        let mut report = NotifyReport { webhook: !url.is_empty(), ..Default::default() };
        let cursor = self.store.notify_cursor().await?;
        let head = self.store.audit_head().await?.map_or(0, |(seq, _)| seq);
        if url.is_empty() {
            if head > cursor {
                self.store.queue_notifications(cursor, head, &[]).await?;
            }
            return Ok(report);
        }
        if head > cursor {
            let entries = self.store.audit_events_after(cursor, &EVENTS, READ_AT_MOST).await?;
            let through =
                if entries.len() as i64 == READ_AT_MOST { entries.last().map_or(head, |e| e.seq) } else { head };
            let items = compose(&entries, now);
            if self.store.queue_notifications(cursor, through, &items).await? {
                report.queued = items.len() as u32;
            }
        }
        report.queued += self.queue_expiring(now, expiring, warning_days).await?;
        for n in self.store.due_notifications(now, MAX_ATTEMPTS).await? {
            let (u, b) = (url.clone(), body(settings.webhook_kind, &n.text));
            let result = tokio::task::spawn_blocking(move || post(&u, &b)).await?;
            let error = result.err();
            if let Some(e) = &error {
                report.failed.push(format!("#{} ({}): {e}", n.id, n.kind));
                report.given_up += u32::from(n.attempts + 1 >= MAX_ATTEMPTS);
            } else {
                report.delivered += 1;
            }
            let delivery = Delivery { at: now, next_attempt_at: now + backoff(n.attempts), error };
            self.store.record_delivery(n.id, &delivery).await?;
        }
        Ok(report)
    }

    /// Queues one summary of the protections ending soon, unless one was queued today already; it names
    /// only those ending after what the last summary covered (its day + `days`), so each is told once.
    async fn queue_expiring(&self, now: NaiveDateTime, expiring: &[ExpiringProtection], days: i64) -> ApiResult<u32> {
        if expiring.is_empty() {
            return Ok(0);
        }
        let last = self.store.notifications(LOOK_BACK).await?.into_iter().find(|n| n.kind == EXPIRING_KIND);
        if last.as_ref().is_some_and(|n| n.created_at.date() >= now.date()) {
            return Ok(0);
        }
        let covered = last.and_then(|n| n.created_at.date().checked_add_days(Days::new(days.max(0) as u64)));
        let new: Vec<ExpiringProtection> =
            expiring.iter().filter(|p| covered.is_none_or(|c| p.protection_until > c)).cloned().collect();
        if new.is_empty() {
            return Ok(0);
        }
        let cursor = self.store.notify_cursor().await?;
        let item = NewNotification {
            kind: EXPIRING_KIND.into(),
            first_seq: cursor,
            last_seq: cursor,
            text: expiring_text(&new, days),
            created_at: now,
        };
        Ok(u32::from(self.store.queue_notifications(cursor, cursor, &[item]).await?))
    }

    /// The latest `limit` notifications, newest first, with their delivery state.
    pub async fn notifications(&self, limit: i64) -> ApiResult<Vec<dealgate_store::Notification>> {
        Ok(self.store.notifications(limit).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: i64, action: &str, subject: &str, payload: serde_json::Value) -> AuditEntry {
        AuditEntry {
            seq,
            at: "2026-06-30T09:00:00Z".into(),
            actor: "王芳".into(),
            action: action.into(),
            subject: subject.into(),
            region: Some("华东".into()),
            partner: Some("甲方伙伴".into()),
            outcome: Some("co_sell".into()),
            rule: None,
            payload,
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    #[test]
    fn each_robot_gets_its_own_json() {
        assert_eq!(body(WebhookKind::Wecom, "你好"), json!({"msgtype": "text", "text": {"content": "你好"}}));
        assert_eq!(body(WebhookKind::Dingtalk, "你好"), json!({"msgtype": "text", "text": {"content": "你好"}}));
        assert_eq!(body(WebhookKind::Feishu, "你好"), json!({"msg_type": "text", "content": {"text": "你好"}}));
    }

    #[test]
    fn few_events_go_one_by_one_and_many_in_one_message() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap().and_hms_opt(8, 0, 0).unwrap();
        let open = entry(3, "dispute.open", "R03", json!({"claim": "我们先拜访", "due_at": "2026-07-05T09:00:00"}));
        let rule = entry(5, "dispute.rule", "R03", json!({"summary": "双方合作"}));
        let few = compose(&[open, rule], at);
        assert_eq!(few.len(), 2);
        assert_eq!((few[0].kind.as_str(), few[0].first_seq), ("dispute_opened", 3));
        assert!(few[0].text.contains("王芳 对报备 R03（华东，甲方伙伴） 发起申诉：我们先拜访"), "{}", few[0].text);
        assert!(few[0].text.contains("2026-07-05 09:00:00 前裁决"), "{}", few[0].text);
        assert!(few[1].text.contains("申诉已裁决：项目合作（王芳）"), "{}", few[1].text);
        let reviews: Vec<AuditEntry> =
            (10..17).map(|i| entry(i, "check.propose", &format!("R{i}"), json!({"summary": "疑似头部客户"}))).collect();
        let many = compose(&reviews, at);
        assert_eq!(many.len(), 1);
        assert_eq!((many[0].first_seq, many[0].last_seq), (10, 16));
        assert!(many[0].text.contains("7 条报备进入人工复核：R10、R11、R12、R13、R14 等"), "{}", many[0].text);
    }

    #[test]
    fn retries_back_off_and_stay_bounded() {
        assert_eq!(backoff(0), Duration::minutes(1));
        assert_eq!(backoff(3), Duration::minutes(8));
        assert_eq!(backoff(40), Duration::minutes(4096));
    }
}
