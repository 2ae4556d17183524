//! Routing decisions, the evidence they rest on, and disputes over them.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::{Lang, Summary};

/// The routing outcome of a registration check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Goes to the partner with a protection period.
    Approved,
    /// Joint project with direct, who is actively following up.
    CoSell,
    /// Customer is a head account: stays with direct.
    DirectRetained,
    /// Another partner registered the same customer earlier and that registration stands.
    Duplicate,
    /// The opportunity is immature: the partner must supply more information.
    NeedsInfo,
    /// An uncertain match: a person decides.
    Review,
}

impl Outcome {
    /// All outcomes, in rule order.
    pub const ALL: [Outcome; 6] = [
        Outcome::DirectRetained,
        Outcome::Duplicate,
        Outcome::NeedsInfo,
        Outcome::CoSell,
        Outcome::Approved,
        Outcome::Review,
    ];

    /// Canonical snake_case name (as in JSON and the CLI).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::CoSell => "co_sell",
            Outcome::DirectRetained => "direct_retained",
            Outcome::Duplicate => "duplicate",
            Outcome::NeedsInfo => "needs_info",
            Outcome::Review => "review",
        }
    }

    /// Parses the canonical name.
    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s.trim())
    }

    /// Whether this outcome grants the partner a protection period.
    pub fn protects(self) -> bool {
        matches!(self, Outcome::Approved | Outcome::CoSell)
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a matched record comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A region's head-account list.
    HeadAccount,
    /// A direct follow-up record.
    FollowUp,
    /// Another partner's registration.
    Registration,
}

impl Source {
    /// Canonical snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::HeadAccount => "head_account",
            Source::FollowUp => "follow_up",
            Source::Registration => "registration",
        }
    }

    /// Parses the canonical name.
    pub fn parse(s: &str) -> Option<Source> {
        [Source::HeadAccount, Source::FollowUp, Source::Registration].into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// How sure a match is, by the thresholds in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// At or above the match threshold: the same company.
    Match,
    /// Between the review and match thresholds: a person should look.
    Review,
    /// Below the review threshold.
    None,
}

/// One feature's part in a match score, worded for a channel manager.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Reason {
    /// Feature name: `uscc`, `domain`, `phone`, `core_name`, `region`, `legal_form`, `branch`, ...
    pub feature: String,
    /// The comparison level it reports, stable across versions and languages (`core.identical`,
    /// `places.conflict`; the matcher's `Level` declares them all); empty in reasons stored before it.
    #[serde(default)]
    pub code: String,
    /// The names and values the reason shows, in the order its wording uses them.
    #[serde(default)]
    pub args: Vec<String>,
    /// Whether it agreed (true), disagreed (false) or only informs (None).
    pub agreed: Option<bool>,
    /// What was compared, in English, e.g. `平安银行 = 平安银行`.
    pub detail: String,
    /// Contribution to the final score (may be negative).
    pub contribution: f64,
}

/// Why a record matched: both names as normalised, each feature and the resulting score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Explanation {
    /// Registration's customer name, normalised.
    pub query_normalized: String,
    /// Matched record's name, normalised.
    pub candidate_normalized: String,
    /// Core (distinctive) part of the registration's name.
    pub query_core: String,
    /// Core part of the matched record's name.
    pub candidate_core: String,
    /// Feature by feature.
    pub reasons: Vec<Reason>,
    /// Facts about the matched record a reviewer needs (owner, region, last activity...).
    pub context: std::collections::BTreeMap<String, String>,
}

/// A matched record, its score and the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MatchEvidence {
    /// Which source the record is from.
    pub source: Source,
    /// The record's id in its source.
    pub record_id: String,
    /// The record's name as imported.
    pub name: String,
    /// Final score in [0, 1].
    pub score: f64,
    /// Band by the settings' thresholds.
    pub band: Band,
    /// Explanation.
    pub evidence: Explanation,
}

/// Who leads a co-sell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Lead {
    /// The partner leads, direct gives presales support (gold partners).
    PartnerLed,
    /// Direct leads, the partner brings the lead.
    DirectLed,
}

/// Where a decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    /// Proposed by the check; not yet reviewed.
    Proposed,
    /// A channel manager accepted the proposal.
    Accepted,
    /// A channel manager replaced the proposal, with a reason.
    Overridden,
    /// A regional head ruled on a dispute; supersedes earlier decisions.
    Ruled,
    /// The protection period lapsed.
    Expired,
}

impl DecisionStatus {
    /// Canonical name.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionStatus::Proposed => "proposed",
            DecisionStatus::Accepted => "accepted",
            DecisionStatus::Overridden => "overridden",
            DecisionStatus::Ruled => "ruled",
            DecisionStatus::Expired => "expired",
        }
    }

    /// Parses the canonical name.
    pub fn parse(s: &str) -> Option<DecisionStatus> {
        [
            DecisionStatus::Proposed,
            DecisionStatus::Accepted,
            DecisionStatus::Overridden,
            DecisionStatus::Ruled,
            DecisionStatus::Expired,
        ]
        .into_iter()
        .find(|d| d.as_str() == s)
    }

    /// Whether a person (or the clock) has settled the decision.
    pub fn is_final(self) -> bool {
        !matches!(self, DecisionStatus::Proposed)
    }
}

/// The decision on a registration as it stands after the last change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Decision {
    /// Storage id of this decision version (0 before it is stored).
    pub id: i64,
    /// The registration decided.
    pub registration_id: String,
    /// Routing outcome.
    pub outcome: Outcome,
    /// The rule that fired, e.g. `1-head-account`.
    pub rule: String,
    /// One-sentence explanation for people, in English (machines, and decisions stored before codes).
    pub summary: String,
    /// The same sentence as a code and its parameters, worded in any language by [`Decision::summary_in`];
    /// `None` on decisions stored before summaries had codes.
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub summary_code: Option<Summary>,
    /// Who leads a co-sell.
    pub lead: Option<Lead>,
    /// Direct owner named by a co-sell or a head-account decision.
    pub direct_owner: Option<String>,
    /// Last day of the partner's protection, for approved and co-sell decisions.
    pub protection_until: Option<NaiveDate>,
    /// Evidence, strongest first.
    pub matches: Vec<MatchEvidence>,
    /// Settings version the check ran with.
    pub settings_version: i64,
    /// As-of date the check ran with.
    pub as_of: NaiveDate,
    /// Where it stands.
    pub status: DecisionStatus,
    /// Who made this version (`system` for the check).
    pub actor: String,
    /// Reason for an override, ruling, extension.
    pub reason: Option<String>,
    /// When this version was stored.
    pub created_at: NaiveDateTime,
}

impl Decision {
    /// Sets the summary: its code, and its English text beside it.
    pub fn set_summary(&mut self, summary: Summary) {
        self.summary = summary.text(Lang::En);
        self.summary_code = Some(summary);
    }

    /// The summary in `lang`: worded from its code, or the stored English text when it has none.
    pub fn summary_in(&self, lang: Lang) -> String {
        self.summary_code.as_ref().map_or_else(|| self.summary.clone(), |s| s.text(lang))
    }

    /// Whether this decision still blocks another partner's registration of the same customer on `as_of`:
    /// an undecided (proposed review) or pending registration, or an approved / co-sell one whose
    /// protection has not expired. Needs-info, duplicates, direct-retained and expired ones do not.
    pub fn stands_on(&self, as_of: NaiveDate) -> bool {
        Standing::of(self).stands_on(as_of)
    }
}

/// What a check needs to know of a registration's current decision: whether a person decided it and
/// whether it still blocks other partners. Small, so a million of them fit in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// Storage id of the decision version.
    pub decision_id: i64,
    /// Its outcome.
    pub outcome: Outcome,
    /// Who stands behind it.
    pub status: DecisionStatus,
    /// End of the partner's protection, if any.
    pub protection_until: Option<NaiveDate>,
    /// Who made it.
    pub actor: String,
}

impl Standing {
    /// The standing of a decision.
    pub fn of(d: &Decision) -> Standing {
        Standing {
            decision_id: d.id,
            outcome: d.outcome,
            status: d.status,
            protection_until: d.protection_until,
            actor: d.actor.clone(),
        }
    }

    /// See [`Decision::stands_on`].
    pub fn stands_on(&self, as_of: NaiveDate) -> bool {
        if self.status == DecisionStatus::Expired {
            return false;
        }
        match self.outcome {
            Outcome::Review => true,
            Outcome::Approved | Outcome::CoSell => self.protection_until.is_none_or(|d| d >= as_of),
            Outcome::NeedsInfo | Outcome::Duplicate | Outcome::DirectRetained => false,
        }
    }
}

/// Where a dispute stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DisputeStatus {
    /// Waiting for the regional head.
    Open,
    /// Ruled.
    Ruled,
}

/// A contest of a decision, ruled by a regional head of the registration's region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Dispute {
    /// Storage id.
    pub id: i64,
    /// Registration whose decision is contested.
    pub registration_id: String,
    /// Decision version contested.
    pub decision_id: i64,
    /// Region of the registration (decides who may rule).
    pub region: Option<String>,
    /// Who opened it.
    pub opened_by: String,
    /// The claim, in the opener's words.
    pub claim: String,
    /// When it was opened.
    pub opened_at: NaiveDateTime,
    /// Ruling due by (opened + the settings' dispute days).
    pub due_at: NaiveDateTime,
    /// Open or ruled.
    pub status: DisputeStatus,
    /// Regional head who ruled.
    pub ruled_by: Option<String>,
    /// Outcome the ruling set.
    pub ruling: Option<Outcome>,
    /// Rationale of the ruling.
    pub rationale: Option<String>,
    /// When it was ruled.
    pub ruled_at: Option<NaiveDateTime>,
}
