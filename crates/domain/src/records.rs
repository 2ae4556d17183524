//! The three kinds of imported record: direct follow-ups, head accounts and partner registrations.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Which of the three imported sources a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// Direct sales' CRM activity records.
    FollowUp,
    /// Region head-account (named-account) lists.
    HeadAccount,
    /// Partner deal registrations.
    Registration,
}

impl RecordKind {
    /// The name used on the command line and in the UI (`follow-ups`, ...).
    pub fn cli_name(self) -> &'static str {
        match self {
            RecordKind::FollowUp => "follow-ups",
            RecordKind::HeadAccount => "head-accounts",
            RecordKind::Registration => "registrations",
        }
    }
}

/// A doubtful value kept on a record but never used as a match key
/// (e.g. a USCC whose check character fails, a malformed website).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldWarning {
    /// Canonical column name, e.g. `uscc`.
    pub field: String,
    /// The value as imported.
    pub value: String,
    /// What is wrong with it, in words a user understands.
    pub problem: String,
}

/// One direct-sales activity on an account, from the CRM export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FollowUp {
    /// CRM record id; re-importing the same id updates the record.
    pub record_id: String,
    /// Account (customer company) name as the CRM has it.
    pub account_name: String,
    /// Unified Social Credit Code, as imported (may be invalid; see `warnings`).
    pub uscc: Option<String>,
    /// Website, as imported.
    pub website: Option<String>,
    /// Phone, as imported.
    pub phone: Option<String>,
    /// Sales region (战区), e.g. 华东.
    pub region: Option<String>,
    /// Direct rep who owns the account.
    pub owner: Option<String>,
    /// Date of the activity.
    pub activity_date: NaiveDate,
    /// Canonical activity type: visit, demo, quote, call, email, wechat, meeting, other...
    pub activity_type: String,
    /// Opportunity stage as the CRM names it.
    pub stage: Option<String>,
    /// Names the account was known by before (曾用名): a registration naming one matches it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_names: Vec<String>,
    /// The group or parent company it belongs to (所属集团), as imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Doubtful values on this row.
    pub warnings: Vec<FieldWarning>,
}

/// An account on a region's head-account list, reserved for direct sales.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HeadAccount {
    /// List entry id.
    pub account_id: String,
    /// Region whose list this is.
    pub region: String,
    /// Account name.
    pub account_name: String,
    /// USCC as imported.
    pub uscc: Option<String>,
    /// Website as imported.
    pub website: Option<String>,
    /// Direct owner.
    pub owner: Option<String>,
    /// Names the account was known by before (曾用名): a registration naming one matches it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_names: Vec<String>,
    /// The group or parent company it belongs to (所属集团), as imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Doubtful values on this row.
    pub warnings: Vec<FieldWarning>,
}

/// A partner's tier; it decides who leads a co-sell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PartnerTier {
    /// Strong partner: leads co-sells with direct presales support.
    Gold,
    /// Mid-tier partner.
    Silver,
    /// Entry-level partner.
    Registered,
}

impl PartnerTier {
    /// Parses English or Chinese tier names (gold/金牌, silver/银牌, registered/注册...).
    pub fn parse(s: &str) -> Option<PartnerTier> {
        let t = s.trim().to_lowercase();
        match t.as_str() {
            "gold" | "金牌" | "金牌伙伴" | "金" | "platinum" | "白金" | "钻石" => Some(PartnerTier::Gold),
            "silver" | "银牌" | "银牌伙伴" | "银" => Some(PartnerTier::Silver),
            "registered" | "注册" | "注册伙伴" | "认证" | "bronze" | "铜牌" | "普通" => {
                Some(PartnerTier::Registered)
            }
            _ => None,
        }
    }

    /// Canonical name.
    pub fn as_str(self) -> &'static str {
        match self {
            PartnerTier::Gold => "gold",
            PartnerTier::Silver => "silver",
            PartnerTier::Registered => "registered",
        }
    }
}

/// A partner's registration (报备) of an opportunity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Registration {
    /// Registration id; re-importing the same id updates it.
    pub registration_id: String,
    /// Partner company name.
    pub partner: String,
    /// Partner tier.
    pub partner_tier: PartnerTier,
    /// When the partner submitted it; the order that decides partner-vs-partner conflicts.
    pub submitted_at: NaiveDateTime,
    /// Customer company as the partner wrote it.
    pub customer_name: String,
    /// Customer USCC as given.
    pub uscc: Option<String>,
    /// Customer website as given.
    pub website: Option<String>,
    /// Customer contact person.
    pub contact_name: Option<String>,
    /// Contact phone.
    pub contact_phone: Option<String>,
    /// Contact e-mail.
    pub contact_email: Option<String>,
    /// Region of the opportunity.
    pub region: Option<String>,
    /// Product.
    pub product: Option<String>,
    /// Deal amount in the vendor's currency.
    pub amount: Option<f64>,
    /// Expected close date.
    pub expected_close: Option<NaiveDate>,
    /// Doubtful values on this row.
    pub warnings: Vec<FieldWarning>,
}

impl Registration {
    /// True when `field` of the registration is a warned (doubtful) value.
    pub fn is_flagged(&self, field: &str) -> bool {
        self.warnings.iter().any(|w| w.field == field)
    }
}
