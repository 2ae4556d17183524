//! Query and page types of the desktop app's views: the registration queue, head accounts, the audit log,
//! settings versions and dashboard figures. Backend-neutral: every backend answers them in its own SQL.
//!
//! The dashboard figures, per partner: checked registrations by current outcome and the duplicate rate = current
//! `duplicate` ÷ checked (co-sell and direct-retained are not duplicates); also the unchecked count, the
//! person-decided count the median is taken over, and the expiring total. The queue's drill-down filters (`checked`,
//! `person_decided`, `protection_from` / `to`, `registration_ids`) are each figure's own condition, so a figure and
//! the queue it opens count the same rows (`tests/suite/dashboard.rs`, a hand-counted fixture).

use chrono::{NaiveDate, NaiveDateTime};
use dealgate_domain::{DecisionStatus, Outcome, Settings, Source};
use serde::{Deserialize, Serialize};

/// Where a registration stands in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum QueueStatus {
    /// Not checked yet, or only proposed by the check: a channel manager still has to act.
    Pending,
    /// Accepted, overridden, ruled or expired.
    Decided,
}

/// The column the queue is sorted by (ties broken by registration id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum QueueSort {
    /// Submission time.
    #[default]
    SubmittedAt,
    /// Score of the strongest match (unchecked and match-less registrations count as lowest).
    Score,
    /// Age: ascending is youngest first, the reverse of submission time.
    Age,
    /// Partner name.
    Partner,
    /// Region.
    Region,
    /// Current outcome.
    Outcome,
    /// Customer name.
    Customer,
    /// End of protection (none sorts lowest).
    ProtectionEnd,
}

/// One page of the queue, filtered and sorted.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct QueueQuery {
    /// Only this current outcome.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub outcome: Option<Outcome>,
    /// Only pending or only decided registrations.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub status: Option<QueueStatus>,
    /// Only this region.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub region: Option<String>,
    /// Only this partner.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub partner: Option<String>,
    /// Submitted on or after this day.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub from: Option<NaiveDate>,
    /// Submitted on or before this day.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub to: Option<NaiveDate>,
    /// Substring of the customer name, registration id or partner.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub search: Option<String>,
    /// Dashboard drill-down: only registrations that have (true) or lack (false) a current decision.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub checked: Option<bool>,
    /// Dashboard drill-down: only registrations a person has decided (accept, override, ruling) at least once.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub person_decided: Option<bool>,
    /// Dashboard drill-down: only running protections (approved or co-sell, not expired) ending on or
    /// after this day; see [`DecisionFigures::expiring_total`].
    #[cfg_attr(feature = "specta", specta(optional))]
    pub protection_from: Option<NaiveDate>,
    /// Dashboard drill-down: only running protections ending on or before this day.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub protection_to: Option<NaiveDate>,
    /// Only these registrations (an import's, opened from its report).
    #[cfg_attr(feature = "specta", specta(optional))]
    pub registration_ids: Option<Vec<String>>,
    /// Only these regions (a person's own: an empty list matches nothing); none: every region.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub regions: Option<Vec<String>>,
    /// Only these current outcomes (any of them); none or empty: any outcome.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub outcomes: Option<Vec<Outcome>>,
    /// Only protections still running (not expired) that end on or before this day.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub ending_by: Option<NaiveDate>,
    /// Sort column.
    pub sort: QueueSort,
    /// Descending.
    pub desc: bool,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return (at most 1000; 0 means 50).
    pub limit: i64,
}

/// One registration in the queue, with its current decision's outcome and strongest match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QueueRow {
    /// Registration id.
    pub registration_id: String,
    /// Customer as the partner wrote it.
    pub customer_name: String,
    /// Partner.
    pub partner: String,
    /// Region.
    pub region: Option<String>,
    /// Submission time.
    pub submitted_at: NaiveDateTime,
    /// Whole days since submission, as of the query's day.
    pub age_days: i64,
    /// Current outcome; none before the first check.
    pub outcome: Option<Outcome>,
    /// Current decision's status; none before the first check.
    pub status: Option<DecisionStatus>,
    /// Name of the strongest match.
    pub top_match_name: Option<String>,
    /// Source of the strongest match.
    pub top_match_source: Option<Source>,
    /// Score of the strongest match.
    pub top_score: Option<f64>,
    /// End of the partner's protection.
    pub protection_until: Option<NaiveDate>,
    /// How long it has waited by the settings' SLA unit (filled by the API, not the store).
    pub sla: Option<AgeMark>,
}

/// How long a queue row has waited, in the settings' unit, and whether that is past the limit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgeMark {
    /// Hours or working days since submission.
    pub age: i64,
    /// The unit of `age`.
    pub unit: dealgate_domain::SlaUnit,
    /// Past the settings' `sla_limit`.
    pub over: bool,
}

/// A page of rows and how many match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Page<T> {
    /// Rows matching the filter, over all pages.
    pub total: i64,
    /// This page.
    pub rows: Vec<T>,
}

/// Values the queue's filters offer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QueueFacets {
    /// Distinct regions of registrations, sorted.
    pub regions: Vec<String>,
    /// Distinct partners, sorted.
    pub partners: Vec<String>,
}

/// Which head accounts to list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct HeadAccountQuery {
    /// Only this region.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub region: Option<String>,
    /// Only names or ids containing this.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub search: Option<String>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return (0 means 50).
    pub limit: i64,
}

/// Which audit entries to page through, newest first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct AuditQuery {
    /// Substring of the subject, actor, action or payload.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub search: Option<String>,
    /// Only this action (`decide.accept`, `import`...).
    #[cfg_attr(feature = "specta", specta(optional))]
    pub action: Option<String>,
    /// Only this actor.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub actor: Option<String>,
    /// Only entries about this registration.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub registration_id: Option<String>,
    /// On or after this day.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub from: Option<NaiveDate>,
    /// On or before this day.
    #[cfg_attr(feature = "specta", specta(optional))]
    pub to: Option<NaiveDate>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return (0 means all).
    pub limit: i64,
}

/// One saved settings version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SettingsVersion {
    /// Version number, from 1.
    pub version: i64,
    /// The settings saved.
    pub settings: Settings,
    /// Who saved them.
    pub changed_by: String,
    /// When (UTC).
    pub changed_at: NaiveDateTime,
}

/// A count of current decisions per outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OutcomeCount {
    /// Outcome.
    pub outcome: Outcome,
    /// Registrations whose current decision has it.
    pub count: i64,
}

/// Current decisions per region, submission month and outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RegionMonthCount {
    /// Region ("" when the registration names none).
    pub region: String,
    /// Submission month, `YYYY-MM`.
    pub month: String,
    /// Outcome.
    pub outcome: Outcome,
    /// Registrations.
    pub count: i64,
}

/// One partner's checked registrations by current outcome, and how often another partner was first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PartnerFigures {
    /// Partner.
    pub partner: String,
    /// The partner's registrations that have a current decision (a check's proposal or a person's).
    pub checked: i64,
    /// Of those, per current outcome (outcomes with none left out), by the outcome's code.
    pub by_outcome: Vec<OutcomeCount>,
    /// Of those, currently `duplicate`: another partner's earlier registration of the customer stands.
    /// Co-sell and direct-retained are not duplicates: they are the partner meeting direct sales.
    pub duplicates: i64,
    /// duplicates / checked (0 when nothing is checked).
    pub duplicate_rate: f64,
}

/// A protection that ends soon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExpiringProtection {
    /// Registration.
    pub registration_id: String,
    /// Customer.
    pub customer_name: String,
    /// Partner.
    pub partner: String,
    /// Last protected day.
    pub protection_until: NaiveDate,
}

/// The most protections [`DecisionFigures::expiring_soon`] lists.
pub const EXPIRING_LIST: i64 = 200;

/// Figures over the current decisions, computed by the store.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DecisionFigures {
    /// Per outcome.
    pub by_outcome: Vec<OutcomeCount>,
    /// Registrations without a current decision (never checked), which no other figure counts.
    pub unchecked: i64,
    /// Per region, month and outcome.
    pub by_region_month: Vec<RegionMonthCount>,
    /// Per partner, highest duplicate rate first (then most checked, then by name).
    pub by_partner: Vec<PartnerFigures>,
    /// Median hours from submission to the first decision a person made (accept, override, ruling).
    pub median_hours_to_decision: Option<f64>,
    /// Registrations that median is taken over: those a person has decided at least once.
    pub person_decided: i64,
    /// Protections ending between the given days, soonest first (at most [`EXPIRING_LIST`]).
    pub expiring_soon: Vec<ExpiringProtection>,
    /// All protections ending between the given days (the list may stop at [`EXPIRING_LIST`]).
    pub expiring_total: i64,
}

/// Partners' figures from (partner, outcome, count) rows sorted by partner and outcome code, ordered as
/// [`DecisionFigures::by_partner`] says. Both backends count in SQL and share this.
pub(crate) fn partner_figures(rows: Vec<(String, Outcome, i64)>) -> Vec<PartnerFigures> {
    let mut partners: Vec<PartnerFigures> = Vec::new();
    for (partner, outcome, count) in rows {
        if partners.last().is_none_or(|p| p.partner != partner) {
            partners.push(PartnerFigures {
                partner,
                checked: 0,
                by_outcome: Vec::new(),
                duplicates: 0,
                duplicate_rate: 0.0,
            });
        }
        let p = partners.last_mut().expect("pushed above");
        p.checked += count;
        if outcome == Outcome::Duplicate {
            p.duplicates += count;
        }
        p.by_outcome.push(OutcomeCount { outcome, count });
    }
    for p in &mut partners {
        p.duplicate_rate = if p.checked > 0 { p.duplicates as f64 / p.checked as f64 } else { 0.0 };
    }
    partners.sort_by(|a, b| {
        b.duplicate_rate
            .total_cmp(&a.duplicate_rate)
            .then(b.checked.cmp(&a.checked))
            .then_with(|| a.partner.cmp(&b.partner))
    });
    partners
}
