//! The routing rules of the spine issue, in order: head account → duplicate → maturity → direct
//! follow-up (co-sell) → approve; an uncertain match on a rule that would decide sends the registration
//! to review ("partner first"). Pure functions of a registration, its scored candidates and the settings.
#![warn(missing_docs, unreachable_pub)]

mod maturity;

use chrono::{Days, NaiveDate, NaiveDateTime};
use dealgate_domain::{Band, Lang, Lead, MatchEvidence, Outcome, PartnerTier, Registration, Settings, Summary};

pub use maturity::{missing_maturity, missing_maturity_fields};

/// A head account that scored against the registration.
#[derive(Debug, Clone)]
pub struct HeadCandidate {
    /// Score and evidence.
    pub evidence: MatchEvidence,
    /// Region whose list holds it.
    pub region: String,
    /// Direct owner.
    pub owner: Option<String>,
}

/// A direct follow-up record that scored against the registration.
#[derive(Debug, Clone)]
pub struct FollowUpCandidate {
    /// Score and evidence.
    pub evidence: MatchEvidence,
    /// Direct rep.
    pub owner: Option<String>,
    /// Activity date.
    pub activity_date: NaiveDate,
    /// Canonical activity type.
    pub activity_type: String,
}

/// Another registration that scored against this one.
#[derive(Debug, Clone)]
pub struct RegistrationCandidate {
    /// Score and evidence.
    pub evidence: MatchEvidence,
    /// Its partner.
    pub partner: String,
    /// When it was submitted.
    pub submitted_at: NaiveDateTime,
    /// Its id (ties in `submitted_at` are broken by id).
    pub registration_id: String,
    /// Whether it still stands (pending, or protected and unexpired) on the as-of date.
    pub stands: bool,
}

/// Everything the rules look at for one registration.
#[derive(Debug, Clone)]
pub struct CheckInput<'a> {
    /// The registration checked.
    pub registration: &'a Registration,
    /// Head accounts at or above the review threshold.
    pub heads: Vec<HeadCandidate>,
    /// Follow-ups at or above the review threshold.
    pub follow_ups: Vec<FollowUpCandidate>,
    /// Other registrations at or above the review threshold (any partner, any time; the rules filter).
    pub registrations: Vec<RegistrationCandidate>,
    /// Settings in force.
    pub settings: &'a Settings,
    /// The as-of date of the check.
    pub as_of: NaiveDate,
}

/// The rules' proposal for one registration.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// Outcome.
    pub outcome: Outcome,
    /// Rule that fired.
    pub rule: &'static str,
    /// One sentence for people, in English.
    pub summary: String,
    /// The same sentence as a code and its parameters (worded in any language by `Summary::text`).
    pub summary_code: Summary,
    /// Who leads a co-sell.
    pub lead: Option<Lead>,
    /// Direct owner named by the decision.
    pub direct_owner: Option<String>,
    /// Last protected day for approved / co-sell.
    pub protection_until: Option<NaiveDate>,
    /// Evidence: the record the decision rests on first, then the rest strongest first.
    pub matches: Vec<MatchEvidence>,
}

/// Most evidence rows kept on a decision.
const MAX_EVIDENCE: usize = 10;

fn banded<T>(items: &[T], ev: impl Fn(&T) -> &MatchEvidence, band: Band) -> Option<&T> {
    items.iter().filter(|c| ev(c).band == band).max_by(|a, b| ev(a).score.total_cmp(&ev(b).score))
}

/// Applies the rules in order.
pub fn decide(input: &CheckInput<'_>) -> Proposal {
    let reg = input.registration;
    let s = input.settings;
    // Borrowed: only the rows a proposal keeps are copied.
    let mut all: Vec<&MatchEvidence> = input
        .heads
        .iter()
        .map(|c| &c.evidence)
        .chain(input.follow_ups.iter().map(|c| &c.evidence))
        .chain(input.registrations.iter().filter(|c| is_rival(reg, c)).map(|c| &c.evidence))
        .collect();
    all.sort_by(|a, b| b.score.total_cmp(&a.score));
    let p = |outcome, rule, summary: Summary, first: Option<&MatchEvidence>| Proposal {
        outcome,
        rule,
        summary: summary.text(Lang::En),
        summary_code: summary,
        lead: None,
        direct_owner: None,
        protection_until: None,
        matches: evidence_list(first, &all),
    };

    // 1. Head account of any region.
    if let Some(h) = banded(&input.heads, |c| &c.evidence, Band::Match) {
        let mut out = p(
            Outcome::DirectRetained,
            "1-head-account",
            Summary::HeadAccount {
                name: h.evidence.name.clone(),
                region: h.region.clone(),
                record_id: h.evidence.record_id.clone(),
            },
            Some(&h.evidence),
        );
        out.direct_owner = h.owner.clone();
        return out;
    }
    if let Some(h) = banded(&input.heads, |c| &c.evidence, Band::Review) {
        let summary = Summary::HeadAccountUncertain {
            name: h.evidence.name.clone(),
            region: h.region.clone(),
            score: h.evidence.score,
        };
        return p(Outcome::Review, "1-head-account-uncertain", summary, Some(&h.evidence));
    }

    // 2. An earlier, standing registration of another partner.
    let rivals: Vec<RegistrationCandidate> =
        input.registrations.iter().filter(|c| is_rival(reg, c) && c.stands).cloned().collect();
    if let Some(r) = earliest(&rivals, Band::Match) {
        let summary = Summary::Duplicate {
            partner: r.partner.clone(),
            name: r.evidence.name.clone(),
            registration_id: r.registration_id.clone(),
            submitted_at: r.submitted_at.format("%Y-%m-%d %H:%M").to_string(),
        };
        return p(Outcome::Duplicate, "2-duplicate", summary, Some(&r.evidence));
    }
    if let Some(r) = earliest(&rivals, Band::Review) {
        let summary = Summary::DuplicateUncertain {
            partner: r.partner.clone(),
            registration_id: r.registration_id.clone(),
            name: r.evidence.name.clone(),
            score: r.evidence.score,
        };
        return p(Outcome::Review, "2-duplicate-uncertain", summary, Some(&r.evidence));
    }

    // 3. Maturity.
    let missing = missing_maturity_fields(reg, &s.maturity_fields);
    if !missing.is_empty() {
        return p(Outcome::NeedsInfo, "3-maturity", Summary::Immature { missing }, None);
    }

    // 4. Effective direct follow-up, unless the region is channel-only.
    let channel_only = reg.region.as_ref().is_some_and(|r| s.channel_only_regions.contains(r));
    let window_start = input.as_of.checked_sub_days(Days::new(s.followup_window_days.max(0) as u64));
    let effective: Vec<&FollowUpCandidate> = input
        .follow_ups
        .iter()
        .filter(|f| s.effective_activity_types.iter().any(|t| t == &f.activity_type))
        .filter(|f| f.activity_date <= input.as_of && window_start.is_none_or(|w| f.activity_date >= w))
        .collect();
    if !channel_only {
        let best = |band| {
            effective.iter().filter(|f| f.evidence.band == band).max_by(|a, b| {
                a.evidence.score.total_cmp(&b.evidence.score).then(a.activity_date.cmp(&b.activity_date))
            })
        };
        if let Some(f) = best(Band::Match) {
            let lead = if reg.partner_tier == PartnerTier::Gold { Lead::PartnerLed } else { Lead::DirectLed };
            let summary = Summary::DirectFollowUp {
                owner: f.owner.clone(),
                name: f.evidence.name.clone(),
                activity: f.activity_type.clone(),
                date: f.activity_date,
                lead,
            };
            let mut out = p(Outcome::CoSell, "4-direct-follow-up", summary, Some(&f.evidence));
            out.lead = Some(lead);
            out.direct_owner = f.owner.clone();
            out.protection_until = input.as_of.checked_add_days(Days::new(s.protection_days.max(0) as u64));
            return out;
        }
        if let Some(f) = best(Band::Review) {
            let summary = Summary::DirectFollowUpUncertain {
                name: f.evidence.name.clone(),
                activity: f.activity_type.clone(),
                date: f.activity_date,
                score: f.evidence.score,
            };
            return p(Outcome::Review, "4-direct-follow-up-uncertain", summary, Some(&f.evidence));
        }
    }

    // 5. Approve with protection.
    let stale = input.follow_ups.iter().filter(|f| f.evidence.band == Band::Match).count();
    let summary = Summary::Approved { partner: reg.partner.clone(), days: s.protection_days, channel_only, stale };
    let mut out = p(Outcome::Approved, "5-approve", summary, None);
    out.protection_until = input.as_of.checked_add_days(Days::new(s.protection_days.max(0) as u64));
    out
}

/// Another partner's registration submitted before this one.
fn is_rival(reg: &Registration, c: &RegistrationCandidate) -> bool {
    c.partner != reg.partner
        && c.registration_id != reg.registration_id
        && (c.submitted_at, &c.registration_id) < (reg.submitted_at, &reg.registration_id)
}

fn earliest(rivals: &[RegistrationCandidate], band: Band) -> Option<&RegistrationCandidate> {
    rivals
        .iter()
        .filter(|c| c.evidence.band == band)
        .min_by(|a, b| (a.submitted_at, &a.registration_id).cmp(&(b.submitted_at, &b.registration_id)))
}

fn evidence_list(first: Option<&MatchEvidence>, all: &[&MatchEvidence]) -> Vec<MatchEvidence> {
    let mut out: Vec<MatchEvidence> = first.cloned().into_iter().collect();
    for &m in all {
        if out.len() >= MAX_EVIDENCE {
            break;
        }
        if !first.is_some_and(|f| f.source == m.source && f.record_id == m.record_id) {
            out.push(m.clone());
        }
    }
    out
}
