//! The record a decision's strongest evidence points at — another partner's registration, a direct
//! follow-up or a head account — read whole from the store and set beside the registration under review,
//! with who engaged the customer first and by how much.
//!
//! `ReviewView.counterpart`: `deciding_match` picks the first match of the rule's source that is not `none` (the rules
//! store the one they fired on first), else the first such match; the record is read whole through `Store::follow_up`
//! / `registration` / `head_account` and set field by field beside the registration. `first_engaged`: who engaged the
//! customer first, by calendar days, or by hours between two registrations of one day.

use crate::{Api, ApiResult};
use chrono::{NaiveDate, NaiveDateTime};
use dealgate_domain::{Band, Decision, DecisionStatus, MatchEvidence, Outcome, PartnerTier, Registration, Source};
use serde::Serialize;

/// Who engaged the customer first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum EngagedFirst {
    /// The registration under review (its partner registered before the other record's date).
    Registration,
    /// The other record: direct followed up, or the other partner registered, before.
    Counterpart,
    /// The same day (and, for two registrations, the same minute).
    Same,
}

/// Who engaged the customer first and how long before the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FirstEngaged {
    /// Who was first.
    pub first: EngagedFirst,
    /// Whole calendar days between the two dates (0: the same day).
    pub days: i64,
    /// Whole hours between the two times, when both are registrations on the same day (else 0).
    pub hours: i64,
}

/// The competing record, field by field, as the review shows it beside the registration.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Counterpart {
    /// Which source it is from.
    pub source: Source,
    /// Its id in that source.
    pub record_id: String,
    /// Its match score against the registration.
    pub score: f64,
    /// Its band.
    pub band: Band,
    /// Whether the decision's rule rests on it (else it is only the strongest match).
    pub decides: bool,
    /// False when the record is no longer in the store: the fields come from the evidence kept with the decision.
    pub found: bool,
    /// The customer (account) name as that record has it.
    pub customer_name: String,
    /// The other partner (a registration).
    pub partner: Option<String>,
    /// The other partner's tier (a registration).
    pub partner_tier: Option<PartnerTier>,
    /// The direct sales owner (a follow-up or head account).
    pub owner: Option<String>,
    /// Its region.
    pub region: Option<String>,
    /// Deal amount (a registration).
    pub amount: Option<f64>,
    /// Product (a registration).
    pub product: Option<String>,
    /// The CRM's stage (a follow-up).
    pub stage: Option<String>,
    /// The activity's type (a follow-up): visit, demo, quote, call...
    pub activity_type: Option<String>,
    /// When the other partner submitted (a registration).
    pub submitted_at: Option<NaiveDateTime>,
    /// The day it engaged the customer: the follow-up's activity date or the registration's submission day.
    pub engaged_on: Option<NaiveDate>,
    /// Expected close (a registration).
    pub expected_close: Option<NaiveDate>,
    /// The other registration's current outcome.
    pub outcome: Option<Outcome>,
    /// The other registration's current status.
    pub status: Option<DecisionStatus>,
    /// The other registration's protection end.
    pub protection_until: Option<NaiveDate>,
    /// Who engaged the customer first; none for a head account (a list has no date).
    pub first: Option<FirstEngaged>,
}

/// The match the decision rests on. The rules store the record a rule fired on first and the rest
/// strongest first, so: the first match of the rule's source (`1-` head account, `2-` other registration,
/// `4-` follow-up) that is not `none`; else (an approval, an override, a ruling) the first that is not
/// `none`. The bool says whether the rule rests on it. The review's evidence list marks the same card.
pub fn deciding_match(decision: &Decision) -> Option<(&MatchEvidence, bool)> {
    let source = match decision.rule.get(..2) {
        Some("1-") => Some(Source::HeadAccount),
        Some("2-") => Some(Source::Registration),
        Some("4-") => Some(Source::FollowUp),
        _ => None,
    };
    let first =
        |of: Option<Source>| decision.matches.iter().find(|m| m.band != Band::None && of.is_none_or(|s| m.source == s));
    match source.and_then(|s| first(Some(s))) {
        Some(m) => Some((m, true)),
        None => first(None).map(|m| (m, false)),
    }
}

/// Who engaged first: the registration submitted at `ours`, the other record on `theirs` (with its time
/// when it is a registration too).
pub fn first_engaged(ours: NaiveDateTime, theirs: NaiveDate, their_time: Option<NaiveDateTime>) -> FirstEngaged {
    let days = (theirs - ours.date()).num_days();
    if days != 0 {
        let first = if days > 0 { EngagedFirst::Registration } else { EngagedFirst::Counterpart };
        return FirstEngaged { first, days: days.abs(), hours: 0 };
    }
    let minutes = their_time.map_or(0, |t| (t - ours).num_minutes());
    let first = match minutes {
        0 => EngagedFirst::Same,
        m if m > 0 => EngagedFirst::Registration,
        _ => EngagedFirst::Counterpart,
    };
    FirstEngaged { first, days: 0, hours: minutes.abs() / 60 }
}

impl Counterpart {
    /// What the decision's evidence kept of `m` (the record is gone from the store).
    fn from_evidence(m: &MatchEvidence, decides: bool) -> Counterpart {
        let ctx = |k: &str| m.evidence.context.get(k).cloned();
        let engaged_on = ctx("activity_date")
            .or_else(|| ctx("submitted_at"))
            .and_then(|d| d.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()));
        Counterpart {
            source: m.source,
            record_id: m.record_id.clone(),
            score: m.score,
            band: m.band,
            decides,
            found: false,
            customer_name: m.name.clone(),
            partner: ctx("partner"),
            partner_tier: None,
            owner: ctx("owner"),
            region: ctx("region"),
            amount: None,
            product: None,
            stage: ctx("stage"),
            activity_type: ctx("activity_type"),
            submitted_at: None,
            engaged_on,
            expected_close: None,
            outcome: None,
            status: None,
            protection_until: None,
            first: None,
        }
    }
}

impl Api {
    /// The record `decision`'s strongest evidence points at, read whole, beside `registration`; none when
    /// nothing matched.
    pub async fn counterpart(
        &self,
        registration: &Registration,
        decision: &Decision,
    ) -> ApiResult<Option<Counterpart>> {
        let Some((m, decides)) = deciding_match(decision) else { return Ok(None) };
        let mut c = Counterpart::from_evidence(m, decides);
        match m.source {
            Source::FollowUp => {
                if let Some(f) = self.store.follow_up(&m.record_id).await? {
                    c.found = true;
                    c.customer_name = f.account_name;
                    c.owner = f.owner;
                    c.region = f.region;
                    c.stage = f.stage;
                    c.activity_type = Some(f.activity_type);
                    c.engaged_on = Some(f.activity_date);
                }
            }
            Source::Registration => {
                if let Some(r) = self.store.registration(&m.record_id).await? {
                    c.found = true;
                    c.customer_name = r.customer_name;
                    c.partner = Some(r.partner);
                    c.partner_tier = Some(r.partner_tier);
                    c.region = r.region;
                    c.amount = r.amount;
                    c.product = r.product;
                    c.submitted_at = Some(r.submitted_at);
                    c.engaged_on = Some(r.submitted_at.date());
                    c.expected_close = r.expected_close;
                    if let Some(d) = self.store.current_decision(&m.record_id).await? {
                        (c.outcome, c.status, c.protection_until) =
                            (Some(d.outcome), Some(d.status), d.protection_until);
                    }
                }
            }
            Source::HeadAccount => {
                if let Some(h) = self.store.head_account(&m.record_id).await? {
                    c.found = true;
                    c.customer_name = h.account_name;
                    c.owner = h.owner;
                    c.region = Some(h.region);
                }
                c.engaged_on = None;
            }
        }
        c.first = c.engaged_on.map(|on| first_engaged(registration.submitted_at, on, c.submitted_at));
        Ok(Some(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn who_engaged_first_counts_calendar_days_and_same_day_hours() {
        let ours = at("2026-06-02 23:30");
        // Direct followed up 12 days before the partner registered.
        let f = first_engaged(ours, day("2026-05-21"), None);
        assert_eq!((f.first, f.days), (EngagedFirst::Counterpart, 12));
        // The partner registered 8 days before direct's visit (calendar days, whatever the hour).
        let f = first_engaged(ours, day("2026-06-10"), None);
        assert_eq!((f.first, f.days), (EngagedFirst::Registration, 8));
        // The next calendar day is one day, even 40 minutes later.
        assert_eq!(first_engaged(ours, day("2026-06-03"), Some(at("2026-06-03 00:10"))).days, 1);
        // A follow-up the same day: the same, with no hours (a follow-up has only a date).
        assert_eq!(first_engaged(ours, day("2026-06-02"), None).first, EngagedFirst::Same);
        // Two registrations the same day: the earlier by the hours between.
        let f = first_engaged(at("2026-06-02 15:00"), day("2026-06-02"), Some(at("2026-06-02 09:20")));
        assert_eq!((f.first, f.days, f.hours), (EngagedFirst::Counterpart, 0, 5));
        let f = first_engaged(at("2026-06-02 09:00"), day("2026-06-02"), Some(at("2026-06-02 09:00")));
        assert_eq!(f.first, EngagedFirst::Same);
    }

    fn evidence(source: Source, id: &str, score: f64, band: Band) -> MatchEvidence {
        MatchEvidence { source, record_id: id.into(), name: id.into(), score, band, evidence: Default::default() }
    }

    fn decided(rule: &str, matches: Vec<MatchEvidence>) -> Decision {
        Decision {
            id: 1,
            registration_id: "R1".into(),
            outcome: Outcome::CoSell,
            rule: rule.into(),
            summary: String::new(),
            summary_code: None,
            lead: None,
            direct_owner: None,
            protection_until: None,
            matches,
            settings_version: 1,
            as_of: day("2026-06-02"),
            status: DecisionStatus::Proposed,
            actor: "system".into(),
            reason: None,
            created_at: at("2026-06-02 10:00"),
        }
    }

    #[test]
    fn the_deciding_match_is_the_first_of_the_rules_source_else_the_first() {
        // As the rules store them: the follow-up the rule fired on (a visit) first, then strongest first —
        // a call on the same account scores the same and does not count.
        let ms = vec![
            evidence(Source::FollowUp, "FU-2", 0.93, Band::Match),
            evidence(Source::HeadAccount, "HA-1", 0.99, Band::None),
            evidence(Source::Registration, "REG-9", 0.97, Band::Match),
            evidence(Source::FollowUp, "FU-1", 0.93, Band::Match),
        ];
        let d = decided("4-direct-follow-up", ms.clone());
        assert_eq!(deciding_match(&d).map(|(m, k)| (m.record_id.as_str(), k)), Some(("FU-2", true)));
        let d = decided("2-duplicate", ms.clone());
        assert_eq!(deciding_match(&d).map(|(m, k)| (m.record_id.as_str(), k)), Some(("REG-9", true)));
        // An override rests on no source: the first that is not `none` (the one the earlier rule fired on).
        let d = decided("override", ms.clone());
        assert_eq!(deciding_match(&d).map(|(m, k)| (m.record_id.as_str(), k)), Some(("FU-2", false)));
        // A head-account rule whose head account is `none` falls back likewise, not deciding.
        let d = decided("1-head-account", ms);
        assert_eq!(deciding_match(&d).map(|(m, k)| (m.record_id.as_str(), k)), Some(("FU-2", false)));
        let d = decided("5-approve", vec![evidence(Source::FollowUp, "FU-3", 0.3, Band::None)]);
        assert!(deciding_match(&d).is_none(), "nothing but `none` matches: no counterpart");
    }
}
