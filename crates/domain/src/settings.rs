//! Routing settings: thresholds, follow-up window, protection days, maturity fields, channel-only regions.

use serde::{Deserialize, Serialize};

/// A registration field that must be present for the opportunity to count as mature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MaturityField {
    /// A deal amount.
    Amount,
    /// An expected close date.
    ExpectedClose,
    /// A contact phone or a contact e-mail.
    Contact,
    /// A product.
    Product,
}

/// Which group robot a webhook URL belongs to: each takes its own JSON (all public formats).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum WebhookKind {
    /// 企业微信 group robot: `{"msgtype":"text","text":{"content":...}}`.
    #[default]
    Wecom,
    /// 钉钉 group robot: `{"msgtype":"text","text":{"content":...}}`.
    Dingtalk,
    /// 飞书 group robot: `{"msg_type":"text","content":{"text":...}}`.
    Feishu,
}

impl WebhookKind {
    /// Canonical name.
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookKind::Wecom => "wecom",
            WebhookKind::Dingtalk => "dingtalk",
            WebhookKind::Feishu => "feishu",
        }
    }

    /// Parses the canonical name.
    pub fn parse(s: &str) -> Option<WebhookKind> {
        [WebhookKind::Wecom, WebhookKind::Dingtalk, WebhookKind::Feishu].into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// How the inbox measures how long an item has waited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SlaUnit {
    /// Hours since submission, around the clock.
    Hours,
    /// Working days since submission, by the Chinese working-day calendar (holidays and 调休).
    #[default]
    WorkingDays,
}

impl SlaUnit {
    /// Canonical name.
    pub fn as_str(self) -> &'static str {
        match self {
            SlaUnit::Hours => "hours",
            SlaUnit::WorkingDays => "working_days",
        }
    }

    /// Parses the canonical name.
    pub fn parse(s: &str) -> Option<SlaUnit> {
        [SlaUnit::Hours, SlaUnit::WorkingDays].into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// The routing settings. Stored versioned in the database; every decision records the version it used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Settings {
    /// Score at or above which a match decides.
    pub match_threshold: f64,
    /// Score at or above which (and below `match_threshold`) a match goes to review.
    pub review_threshold: f64,
    /// Days before the as-of date in which a follow-up counts as effective.
    pub followup_window_days: i64,
    /// Activity types that count as an effective follow-up.
    pub effective_activity_types: Vec<String>,
    /// Protection days granted on approval or co-sell.
    pub protection_days: i64,
    /// Fields a registration needs to be mature.
    pub maturity_fields: Vec<MaturityField>,
    /// Regions served only by channel: the direct follow-up rule (co-sell) is skipped there.
    pub channel_only_regions: Vec<String>,
    /// Days a regional head has to rule on a dispute before it is overdue.
    pub dispute_days: i64,
    /// Due work lists the protections ending within this many days.
    pub expiry_warning_days: i64,
    /// A group robot's webhook URL that receives short messages of disputes, rulings and reviews
    /// (empty: none).
    pub webhook_url: String,
    /// Which robot `webhook_url` is.
    pub webhook_kind: WebhookKind,
    /// The unit of the inbox's age marker.
    pub sla_unit: SlaUnit,
    /// An item waiting longer than this many `sla_unit`s is marked overdue in the inbox.
    pub sla_limit: i64,
    /// Days added to the built-in working-day calendar (`data/cn_calendar.tsv`): `YYYY-MM-DD off` for a
    /// holiday, `YYYY-MM-DD work` for a make-up working day; they override the built-in table.
    pub calendar_extra: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            match_threshold: 0.88,
            review_threshold: 0.75,
            followup_window_days: 90,
            effective_activity_types: vec!["visit".into(), "demo".into(), "quote".into()],
            protection_days: 90,
            maturity_fields: vec![MaturityField::Amount, MaturityField::ExpectedClose, MaturityField::Contact],
            channel_only_regions: Vec::new(),
            dispute_days: 5,
            expiry_warning_days: 14,
            webhook_url: String::new(),
            webhook_kind: WebhookKind::Wecom,
            sla_unit: SlaUnit::WorkingDays,
            sla_limit: 2,
            calendar_extra: Vec::new(),
        }
    }
}

impl Settings {
    /// Checks the settings make sense together; returns what is wrong in words.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.review_threshold) || !(0.0..=1.0).contains(&self.match_threshold) {
            return Err("thresholds must lie between 0 and 1".into());
        }
        if self.review_threshold > self.match_threshold {
            return Err(format!(
                "review_threshold ({}) must not exceed match_threshold ({})",
                self.review_threshold, self.match_threshold
            ));
        }
        if self.followup_window_days < 0
            || self.protection_days < 0
            || self.dispute_days < 0
            || self.expiry_warning_days < 0
        {
            return Err("day counts must not be negative".into());
        }
        let url = self.webhook_url.trim();
        if !(url.is_empty() || url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!("webhook_url {url:?}: expected an http:// or https:// address, or nothing"));
        }
        if self.sla_limit < 1 {
            return Err(format!("sla_limit ({}) must be at least 1", self.sla_limit));
        }
        crate::WorkCalendar::china(&self.calendar_extra)?;
        Ok(())
    }
}
