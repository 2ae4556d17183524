//! The names people read for DealGate's codes (outcomes, statuses, rules, roles, activity types, fields,
//! sources, bands, record kinds),
//! in every language; each `match` is exhaustive, so a new code without a name does not compile.
//!
//! Also leads, maturity fields, rule ids (`RULE_IDS`) and money (`money`: `¥12.5万`).

use crate::{Band, DecisionStatus, Lang, Lead, MaturityField, Outcome, RecordKind, Role, Source};

/// Every rule id a decision can carry: the routing rules' in order, then the people's.
pub const RULE_IDS: [&str; 11] = [
    "1-head-account",
    "1-head-account-uncertain",
    "2-duplicate",
    "2-duplicate-uncertain",
    "3-maturity",
    "4-direct-follow-up",
    "4-direct-follow-up-uncertain",
    "5-approve",
    "override",
    "ruling",
    "manual",
];

impl Outcome {
    /// The outcome as a person reads it.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Outcome::Approved, Lang::Zh) => "通过（转伙伴）",
            (Outcome::Approved, Lang::En) => "approved (to partner)",
            (Outcome::CoSell, Lang::Zh) => "项目合作",
            (Outcome::CoSell, Lang::En) => "co-sell",
            (Outcome::DirectRetained, Lang::Zh) => "直销保留",
            (Outcome::DirectRetained, Lang::En) => "direct retained",
            (Outcome::Duplicate, Lang::Zh) => "撞单",
            (Outcome::Duplicate, Lang::En) => "duplicate",
            (Outcome::NeedsInfo, Lang::Zh) => "待补充信息",
            (Outcome::NeedsInfo, Lang::En) => "needs info",
            (Outcome::Review, Lang::Zh) => "人工复核",
            (Outcome::Review, Lang::En) => "review",
        }
    }
}

impl DecisionStatus {
    /// The status as a person reads it.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DecisionStatus::Proposed, Lang::Zh) => "建议",
            (DecisionStatus::Proposed, Lang::En) => "proposed",
            (DecisionStatus::Accepted, Lang::Zh) => "已确认",
            (DecisionStatus::Accepted, Lang::En) => "accepted",
            (DecisionStatus::Overridden, Lang::Zh) => "已改判",
            (DecisionStatus::Overridden, Lang::En) => "overridden",
            (DecisionStatus::Ruled, Lang::Zh) => "已裁决",
            (DecisionStatus::Ruled, Lang::En) => "ruled",
            (DecisionStatus::Expired, Lang::Zh) => "已过期",
            (DecisionStatus::Expired, Lang::En) => "expired",
        }
    }
}

impl Role {
    /// The role as a person reads it.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::ChannelManager, Lang::Zh) => "渠道经理",
            (Role::ChannelManager, Lang::En) => "channel manager",
            (Role::RegionalHead, Lang::Zh) => "区域负责人",
            (Role::RegionalHead, Lang::En) => "regional head",
            (Role::SalesOps, Lang::Zh) => "销售运营",
            (Role::SalesOps, Lang::En) => "sales ops",
            (Role::Admin, Lang::Zh) => "管理员",
            (Role::Admin, Lang::En) => "admin",
        }
    }
}

impl Lead {
    /// Who leads a co-sell, in words.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Lead::PartnerLed, Lang::Zh) => "伙伴主导，直销售前支持",
            (Lead::PartnerLed, Lang::En) => "partner leads with direct presales support",
            (Lead::DirectLed, Lang::Zh) => "直销主导",
            (Lead::DirectLed, Lang::En) => "direct leads",
        }
    }
}

impl MaturityField {
    /// What a registration lacks when it lacks this field.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MaturityField::Amount, Lang::Zh) => "金额",
            (MaturityField::Amount, Lang::En) => "amount",
            (MaturityField::ExpectedClose, Lang::Zh) => "预计成交日期",
            (MaturityField::ExpectedClose, Lang::En) => "expected close date",
            (MaturityField::Contact, Lang::Zh) => "联系电话或邮箱",
            (MaturityField::Contact, Lang::En) => "contact phone or e-mail",
            (MaturityField::Product, Lang::Zh) => "产品",
            (MaturityField::Product, Lang::En) => "product",
        }
    }
}

impl Source {
    /// Where a match was found, in words.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Source::HeadAccount, Lang::Zh) => "头部客户",
            (Source::HeadAccount, Lang::En) => "head account",
            (Source::FollowUp, Lang::Zh) => "直销跟进",
            (Source::FollowUp, Lang::En) => "follow-up",
            (Source::Registration, Lang::Zh) => "其他报备",
            (Source::Registration, Lang::En) => "another registration",
        }
    }
}

impl Band {
    /// How sure a match is, in words.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Band::Match, Lang::Zh) => "匹配",
            (Band::Match, Lang::En) => "match",
            (Band::Review, Lang::Zh) => "待复核",
            (Band::Review, Lang::En) => "review",
            (Band::None, Lang::Zh) => "不匹配",
            (Band::None, Lang::En) => "no match",
        }
    }
}

impl RecordKind {
    /// What a file of this kind holds, in words.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RecordKind::FollowUp, Lang::Zh) => "直销跟进",
            (RecordKind::FollowUp, Lang::En) => "follow-ups",
            (RecordKind::HeadAccount, Lang::Zh) => "头部客户",
            (RecordKind::HeadAccount, Lang::En) => "head accounts",
            (RecordKind::Registration, Lang::Zh) => "伙伴报备",
            (RecordKind::Registration, Lang::En) => "registrations",
        }
    }
}

/// The name of a rule id (`4-direct-follow-up`); an unknown id is shown as it is.
pub fn rule_name(rule: &str, lang: Lang) -> String {
    let zh = match rule {
        "1-head-account" => ("区域直营头部客户，归直销", "region's direct head account: stays with direct"),
        "1-head-account-uncertain" => ("疑似头部客户，需人工复核", "possibly a head account: review"),
        "2-duplicate" => ("其他伙伴已先报备（撞单）", "another partner registered it first"),
        "2-duplicate-uncertain" => ("疑似撞单，需人工复核", "possibly a duplicate: review"),
        "3-maturity" => ("商机不成熟，缺少关键信息", "not mature: key information missing"),
        "4-direct-follow-up" => ("直销有有效跟进，转项目合作", "direct is following up: co-sell"),
        "4-direct-follow-up-uncertain" => ("疑似直销在跟进，需人工复核", "direct may be following up: review"),
        "5-approve" => ("无直销有效跟进，转给伙伴（伙伴优先）", "no effective direct follow-up: to the partner"),
        "override" => ("渠道经理改判", "overridden by a channel manager"),
        "ruling" => ("申诉裁决", "ruling on a dispute"),
        "manual" => ("人工决定", "decided by a person"),
        other => return other.to_owned(),
    };
    match lang {
        Lang::Zh => zh.0.to_owned(),
        Lang::En => zh.1.to_owned(),
    }
}

/// An activity type of the CRM (`visit`, `demo`, `quote`...) in words; other types are shown as they are.
pub fn activity_name(activity: &str, lang: Lang) -> String {
    let names = match activity {
        "visit" => ("拜访", "visit"),
        "demo" => ("演示", "demo"),
        "quote" => ("报价", "quote"),
        "call" => ("电话", "call"),
        "email" => ("邮件", "e-mail"),
        "meeting" => ("会议", "meeting"),
        "bid" => ("投标", "bid"),
        "contract" => ("合同", "contract"),
        other => return other.to_owned(),
    };
    match lang {
        Lang::Zh => names.0.to_owned(),
        Lang::En => names.1.to_owned(),
    }
}

/// A number of yuan as a person reads it: `¥12.5万` (Chinese, from 10,000) or `¥125,000` (English).
pub fn money(yuan: f64, lang: Lang) -> String {
    if lang == Lang::Zh && yuan.abs() >= 10_000.0 {
        let wan = yuan / 10_000.0;
        let text = format!("{wan:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        return format!("¥{text}万");
    }
    let whole = yuan.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}¥{grouped}", if whole < 0 { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_has_a_name_in_every_language() {
        for rule in RULE_IDS {
            for lang in [Lang::Zh, Lang::En] {
                assert_ne!(rule_name(rule, lang), rule, "{rule} has no {} name", lang.code());
            }
        }
        assert_eq!(rule_name("9-unknown", Lang::Zh), "9-unknown");
    }

    #[test]
    fn money_uses_wan_in_chinese() {
        assert_eq!(money(125_000.0, Lang::Zh), "¥12.5万");
        assert_eq!(money(1_000_000.0, Lang::Zh), "¥100万");
        assert_eq!(money(9_800.0, Lang::Zh), "¥9,800");
        assert_eq!(money(125_000.0, Lang::En), "¥125,000");
        assert_eq!(money(-1_234_567.0, Lang::En), "-¥1,234,567");
    }
}
