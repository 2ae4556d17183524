//! Desktop notices: which audit entries concern which user, and their short text in Chinese or English.
//! The shell reads the entries after the last one it has seen (`Api::notices_after`) and shows each
//! notice natively; the choice and the words are plain functions here, tested without a window.
//!
//! Who hears of what (a user never hears of their own actions):
//! - a dispute opened: the channel managers and regional heads of its region (a head rules on it, a
//!   manager works the region's queue), and admins (they may rule anywhere, and alone on a region-less one);
//! - a ruling: whoever made the decision it contested, and whoever opened the dispute;
//! - a registration entering review: the channel managers of its region (they work the queue); admins are
//!   not told of each review (a check of a whole import would flood them), nor are sales ops;
//! - a dispute past its ruling time (`dispute.overdue`): the regional heads of its region and admins.
//!
//! `concerns(entry, context, user)` and `notice(entry, lang)` are the plain functions; `Api::notices_after(seq, user,
//! lang)` reads the entries after a seq with what a ruling's entry does not say: who made the contested decision and
//! who opened the dispute.

use crate::{Api, ApiResult, DISPUTE_OVERDUE};
use dealgate_audit::AuditEntry;
use dealgate_domain::{Lang, Outcome, Role, Summary, User};
use serde::Serialize;
use std::collections::HashMap;

/// Reviews in one batch beyond which they make a single notice listing the first few.
const ONE_BY_ONE: usize = 3;
/// Audit entries read per call at most (the rest come with the next change).
const READ_AT_MOST: i64 = 2_000;

/// The audit entries that can make a notice: (action, outcome when only one counts).
pub(crate) const NOTICE_EVENTS: [(&str, Option<&str>); 4] =
    [("dispute.open", None), ("dispute.rule", None), ("check.propose", Some("review")), (DISPUTE_OVERDUE, None)];

/// What a notice tells of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// A dispute was opened in the user's region.
    DisputeOpened,
    /// A dispute on the user's decision (or one they opened) was ruled.
    DisputeRuled,
    /// Registrations in the user's region entered review.
    Review,
    /// A dispute in the user's region is past its ruling time.
    DisputeOverdue,
}

/// One desktop notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Notice {
    /// What it tells of.
    pub kind: NoticeKind,
    /// The (last) audit entry it tells of.
    pub seq: i64,
    /// The registration, when it tells of one.
    pub registration_id: Option<String>,
    /// The notice's title.
    pub title: String,
    /// Its body: one or two short sentences.
    pub body: String,
}

/// What an entry alone does not say: for a ruling, who made the contested decision and who opened the
/// dispute (the store knows them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryContext {
    /// Who made the decision the dispute contested.
    pub decided_by: Option<String>,
    /// Who opened the dispute.
    pub opened_by: Option<String>,
}

/// Whether `entry` concerns `user` (see the module's rules).
pub fn concerns(entry: &AuditEntry, context: &EntryContext, user: &User) -> bool {
    if entry.actor == user.name {
        return false;
    }
    let in_region = |roles: &[Role]| {
        roles.contains(&user.role) && entry.region.as_deref().is_some_and(|r| user.regions.iter().any(|u| u == r))
    };
    let admin = user.role == Role::Admin;
    match entry.action.as_str() {
        "dispute.open" => admin || in_region(&[Role::ChannelManager, Role::RegionalHead]),
        "dispute.rule" => {
            [&context.decided_by, &context.opened_by].iter().any(|w| w.as_deref() == Some(user.name.as_str()))
        }
        "check.propose" => entry.outcome.as_deref() == Some("review") && in_region(&[Role::ChannelManager]),
        DISPUTE_OVERDUE => admin || in_region(&[Role::RegionalHead]),
        _ => false,
    }
}

/// `（华东，甲方伙伴）` / ` (East, Partner A)`: where and whose.
fn place(e: &AuditEntry, lang: Lang) -> String {
    let parts: Vec<&str> = [e.region.as_deref(), e.partner.as_deref()].into_iter().flatten().collect();
    match (parts.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Zh) => format!("（{}）", parts.join("，")),
        (false, Lang::En) => format!(" ({})", parts.join(", ")),
    }
}

/// A payload's text field, cut to a notice's length.
fn said(e: &AuditEntry, key: &str) -> String {
    let text = e.payload[key].as_str().unwrap_or("").trim();
    let mut out: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// The decision's summary in `lang` (its code when stored, else the English text it was stored with).
fn summary(e: &AuditEntry, lang: Lang) -> String {
    match serde_json::from_value::<Summary>(e.payload["summary_code"].clone()) {
        Ok(s) => s.text(lang),
        Err(_) => said(e, "summary"),
    }
}

/// The notice of one entry, worded in `lang`.
pub fn notice(e: &AuditEntry, lang: Lang) -> Notice {
    let (id, at) = (e.subject.as_str(), place(e, lang));
    let outcome = e.outcome.as_deref().and_then(Outcome::parse).map_or("?", |o| o.name(lang));
    let (kind, title, body) = match (e.action.as_str(), lang) {
        ("dispute.open", Lang::Zh) => (
            NoticeKind::DisputeOpened,
            format!("新申诉：{id}"),
            format!("{} 对 {id}{at} 提出申诉：{}", e.actor, said(e, "claim")),
        ),
        ("dispute.open", Lang::En) => (
            NoticeKind::DisputeOpened,
            format!("Dispute opened: {id}"),
            format!("{} contests {id}{at}: {}", e.actor, said(e, "claim")),
        ),
        ("dispute.rule", Lang::Zh) => (
            NoticeKind::DisputeRuled,
            format!("申诉已裁决：{id}"),
            format!("{} 裁决 {id}{at}为{outcome}：{}", e.actor, said(e, "reason")),
        ),
        ("dispute.rule", Lang::En) => (
            NoticeKind::DisputeRuled,
            format!("Dispute ruled: {id}"),
            format!("{} ruled on {id}{at}: {outcome}. {}", e.actor, said(e, "reason")),
        ),
        (DISPUTE_OVERDUE, Lang::Zh) => {
            let days = e.payload["dispute_days"].as_i64().unwrap_or(0);
            (NoticeKind::DisputeOverdue, format!("申诉逾期：{id}"), format!("{id}{at} 的申诉已超过 {days} 天未裁决"))
        }
        (DISPUTE_OVERDUE, Lang::En) => {
            let days = e.payload["dispute_days"].as_i64().unwrap_or(0);
            (
                NoticeKind::DisputeOverdue,
                format!("Dispute overdue: {id}"),
                format!("The dispute on {id}{at} has waited over {days} days for a ruling"),
            )
        }
        (_, Lang::Zh) => (NoticeKind::Review, format!("待人工复核：{id}"), format!("{id}{at}：{}", summary(e, lang))),
        (_, Lang::En) => (NoticeKind::Review, format!("Needs review: {id}"), format!("{id}{at}: {}", summary(e, lang))),
    };
    Notice { kind, seq: e.seq, registration_id: Some(id.to_string()), title, body }
}

/// The notices for `user` of `entries` (in seq order, each with its context), in `lang`: one per entry,
/// but reviews beyond a few in one batch make a single notice listing the first of them.
pub fn notices_for(entries: &[(AuditEntry, EntryContext)], user: &User, lang: Lang) -> Vec<Notice> {
    let mine: Vec<&AuditEntry> = entries.iter().filter(|(e, c)| concerns(e, c, user)).map(|(e, _)| e).collect();
    let reviews: Vec<&AuditEntry> = mine.iter().copied().filter(|e| e.action == "check.propose").collect();
    let mut out: Vec<Notice> = mine
        .iter()
        .filter(|e| e.action != "check.propose" || reviews.len() <= ONE_BY_ONE)
        .map(|e| notice(e, lang))
        .collect();
    if let (true, Some(last)) = (reviews.len() > ONE_BY_ONE, reviews.last()) {
        let ids: Vec<&str> = reviews.iter().take(ONE_BY_ONE).map(|e| e.subject.as_str()).collect();
        let n = reviews.len();
        let (title, body) = match lang {
            Lang::Zh => (format!("{n} 条报备待人工复核"), format!("{} 等，请在复核队列中处理", ids.join("、"))),
            Lang::En => {
                (format!("{n} registrations need review"), format!("{} and more: see the review queue", ids.join(", ")))
            }
        };
        out.push(Notice { kind: NoticeKind::Review, seq: last.seq, registration_id: None, title, body });
        out.sort_by_key(|n| n.seq);
    }
    out
}

impl Api {
    /// The notices for `user` of the audit entries after `after`, in `lang`, and the seq to read after
    /// next time (the last entry looked at, or the log's head). The shell calls it when the database
    /// changed; reading is cheap: only the entries that can make a notice are fetched.
    pub async fn notices_after(&self, after: i64, user: &str, lang: Lang) -> ApiResult<(Vec<Notice>, i64)> {
        let head = self.store.audit_head().await?.map_or(0, |(seq, _)| seq);
        if head <= after {
            return Ok((Vec::new(), after.max(head)));
        }
        let Some(user) = self.store.user(user).await? else { return Ok((Vec::new(), head)) };
        let entries = self.store.audit_events_after(after, &NOTICE_EVENTS, READ_AT_MOST).await?;
        let through = if entries.len() as i64 == READ_AT_MOST { entries.last().map_or(head, |e| e.seq) } else { head };
        let mut with_context = Vec::with_capacity(entries.len());
        let mut decided_by: HashMap<i64, Option<String>> = HashMap::new();
        for e in entries {
            let mut context = EntryContext::default();
            if e.action == "dispute.rule" {
                if let Some(d) = self.store.dispute(e.payload["dispute_id"].as_i64().unwrap_or(-1)).await? {
                    let by = match decided_by.get(&d.decision_id) {
                        Some(by) => by.clone(),
                        None => {
                            let made = self.store.decisions_by_ids(&[d.decision_id]).await?;
                            let by = made.into_iter().next().map(|x| x.actor);
                            decided_by.insert(d.decision_id, by.clone());
                            by
                        }
                    };
                    context = EntryContext { decided_by: by, opened_by: Some(d.opened_by) };
                }
            }
            with_context.push((e, context));
        }
        Ok((notices_for(&with_context, &user, lang), through))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(seq: i64, actor: &str, action: &str, region: &str, outcome: Option<&str>) -> AuditEntry {
        AuditEntry {
            seq,
            at: "2026-06-30T09:00:00Z".into(),
            actor: actor.into(),
            action: action.into(),
            subject: format!("R{seq:02}"),
            region: Some(region.into()),
            partner: Some("甲方伙伴".into()),
            outcome: outcome.map(String::from),
            rule: None,
            payload: json!({"claim": "客户是我们先拜访的", "reason": "伙伴更能赢单", "summary": "may be a head account",
                "dispute_days": 5}),
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    fn user(name: &str, role: Role, regions: &[&str]) -> User {
        User { name: name.into(), role, regions: regions.iter().map(|r| r.to_string()).collect() }
    }

    fn plain(e: AuditEntry) -> (AuditEntry, EntryContext) {
        (e, EntryContext::default())
    }

    #[test]
    fn a_channel_manager_hears_of_disputes_and_reviews_in_their_regions_only() {
        let east = user("cm.east", Role::ChannelManager, &["华东"]);
        let north = user("cm.north", Role::ChannelManager, &["华北"]);
        let open = entry(1, "partner.desk", "dispute.open", "华东", Some("approved"));
        let review = entry(2, "system", "check.propose", "华东", Some("review"));
        let approved = entry(3, "system", "check.propose", "华东", Some("approved"));
        let batch = [plain(open), plain(review), plain(approved)];
        let heard: Vec<(NoticeKind, i64)> =
            notices_for(&batch, &east, Lang::Zh).iter().map(|n| (n.kind, n.seq)).collect();
        assert_eq!(heard, [(NoticeKind::DisputeOpened, 1), (NoticeKind::Review, 2)]);
        assert!(notices_for(&batch, &north, Lang::Zh).is_empty(), "华北 hears nothing of 华东");
        // Their own dispute does not notify them.
        let own = entry(4, "cm.east", "dispute.open", "华东", None);
        assert!(!concerns(&own, &EntryContext::default(), &east));
    }

    #[test]
    fn heads_hear_of_disputes_and_overdue_ones_admins_everywhere_sales_ops_never() {
        let head = user("head.east", Role::RegionalHead, &["华东"]);
        let admin = user("admin", Role::Admin, &[]);
        let ops = user("ops", Role::SalesOps, &["华东"]);
        let ctx = EntryContext::default();
        let open = entry(1, "cm", "dispute.open", "华东", None);
        let overdue = entry(2, "system", DISPUTE_OVERDUE, "华东", None);
        let review = entry(3, "system", "check.propose", "华东", Some("review"));
        assert!(concerns(&open, &ctx, &head) && concerns(&overdue, &ctx, &head));
        assert!(!concerns(&review, &ctx, &head), "reviews are the managers' work");
        let far = entry(4, "cm", "dispute.open", "西南", None);
        assert!(!concerns(&far, &ctx, &head));
        assert!(concerns(&far, &ctx, &admin) && concerns(&overdue, &ctx, &admin));
        assert!(!concerns(&review, &ctx, &admin), "admins are not told of each review");
        assert!([&open, &overdue, &review].iter().all(|e| !concerns(e, &ctx, &ops)));
    }

    #[test]
    fn a_ruling_reaches_who_made_the_decision_and_who_opened_the_dispute() {
        let rule = entry(7, "head.east", "dispute.rule", "华东", Some("co_sell"));
        let ctx = EntryContext { decided_by: Some("cm.east".into()), opened_by: Some("cm.other".into()) };
        let maker = user("cm.east", Role::ChannelManager, &["华东"]);
        let opener = user("cm.other", Role::ChannelManager, &["华北"]);
        let bystander = user("cm.third", Role::ChannelManager, &["华东"]);
        assert!(concerns(&rule, &ctx, &maker) && concerns(&rule, &ctx, &opener));
        assert!(!concerns(&rule, &ctx, &bystander), "a ruling on someone else's decision");
        let zh = notice(&rule, Lang::Zh);
        assert_eq!(zh.title, "申诉已裁决：R07");
        assert_eq!(zh.body, "head.east 裁决 R07（华东，甲方伙伴）为项目合作：伙伴更能赢单");
        let en = notice(&rule, Lang::En);
        assert_eq!(en.body, "head.east ruled on R07 (华东, 甲方伙伴): co-sell. 伙伴更能赢单");
    }

    #[test]
    fn many_reviews_at_once_make_one_notice() {
        let cm = user("cm", Role::ChannelManager, &["华东"]);
        let batch: Vec<_> = (1..=6).map(|i| plain(entry(i, "ops", "check.propose", "华东", Some("review")))).collect();
        let notices = notices_for(&batch, &cm, Lang::Zh);
        assert_eq!(notices.len(), 1);
        assert_eq!((notices[0].title.as_str(), notices[0].seq), ("6 条报备待人工复核", 6));
        assert_eq!(notices[0].body, "R01、R02、R03 等，请在复核队列中处理");
        let en = notices_for(&batch[..2], &cm, Lang::En);
        assert_eq!(en.len(), 2);
        assert_eq!(en[0].title, "Needs review: R01");
        assert_eq!(en[0].body, "R01 (华东, 甲方伙伴): may be a head account", "the stored text when no code");
    }
}
