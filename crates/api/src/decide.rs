//! Channel managers' verdicts on proposals (accept, override with a reason), protection extensions and
//! expiry. Each writes a new decision version with its audit entry, together.

use crate::messages::Said;
use crate::{Api, ApiError, ApiResult, ErrorCode};
use chrono::{Days, NaiveDate, NaiveDateTime};
use dealgate_audit::NewEntry;
use dealgate_domain::{Decision, DecisionStatus, Lang, Outcome, Registration, Role, Summary, User};
use serde_json::json;

/// A channel manager's verdict on a registration's decision.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Accept the proposal as it stands.
    Accept,
    /// Replace it with another outcome, for a stated reason.
    Override {
        /// The outcome chosen.
        outcome: Outcome,
        /// Why (required).
        reason: String,
    },
}

/// The current UTC time to the second, as the store keeps it.
pub(crate) fn now() -> chrono::NaiveDateTime {
    use chrono::Timelike;
    let t = chrono::Utc::now().naive_utc();
    t.with_nanosecond(0).unwrap_or(t)
}

pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub(crate) fn require_text(what: &str, text: &str) -> ApiResult<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ApiError::said(ErrorCode::InvalidInput, Said::Required { what: what.to_owned() }));
    }
    Ok(t.to_string())
}

pub(crate) fn protection_from(outcome: Outcome, start: NaiveDate, days: i64) -> Option<NaiveDate> {
    outcome.protects().then(|| start.checked_add_days(Days::new(days.max(0) as u64))).flatten()
}

/// The refusal for an unknown registration id.
pub(crate) fn no_registration(id: &str) -> ApiError {
    ApiError::said(ErrorCode::NotFound, Said::NoRegistration { id: id.to_owned() })
}

/// Audit entry for a change to a registration's decision.
pub(crate) fn entry(actor: &str, action: &str, reg: &Registration, d: &Decision) -> NewEntry {
    let mut e = NewEntry::new(actor, action, &reg.registration_id)
        .partner(&reg.partner)
        .outcome(d.outcome.as_str())
        .rule(&d.rule)
        .payload(json!({
            "summary": d.summary,
            "summary_code": d.summary_code,
            "status": d.status.as_str(),
            "reason": d.reason,
            "protection_until": d.protection_until,
            "settings_version": d.settings_version,
        }));
    e.region = reg.region.clone();
    e
}

impl Api {
    /// The registration and its current decision, or a not-found error naming what to do.
    pub(crate) async fn registration_with_decision(&self, id: &str) -> ApiResult<(Registration, Decision)> {
        let reg = self.store.registration(id).await?.ok_or_else(|| no_registration(id))?;
        let d = self
            .store
            .current_decision(id)
            .await?
            .ok_or_else(|| ApiError::said(ErrorCode::Conflict, Said::NotChecked { id: id.to_owned() }))?;
        Ok((reg, d))
    }

    fn require_region(user: &User, reg: &Registration) -> ApiResult<()> {
        if crate::access::may_act_in(user, reg.region.as_deref()) {
            return Ok(());
        }
        Err(crate::access::outside_regions(user, &reg.registration_id, reg.region.as_deref()))
    }

    /// Accepts or overrides the current decision of a registration (overriding a `review` with the
    /// outcome its evidence leads to remembers the pair as the same company: see `pairs`).
    pub async fn decide(&self, registration_id: &str, verdict: Verdict, actor: &str) -> ApiResult<Decision> {
        self.decide_with_pair(registration_id, verdict, None, actor).await
    }

    /// [`Api::decide`], saying too whether the registration's customer and the record its decision names
    /// are the same company (`pair`): remembered, audited, and applied by every later check.
    pub async fn decide_with_pair(
        &self,
        registration_id: &str,
        verdict: Verdict,
        pair: Option<crate::pairs::PairVerdict>,
        actor: &str,
    ) -> ApiResult<Decision> {
        let user = self.actor_with(actor, &[Role::ChannelManager], "decide registrations").await?;
        let (reg, current) = self.registration_with_decision(registration_id).await?;
        Self::require_region(&user, &reg)?;
        let lesson = crate::pairs::lesson(&current, &verdict, pair)?;
        let (_, settings) = self.store.settings().await?;
        let mut next = Decision { id: 0, actor: user.name.clone(), created_at: now(), ..current.clone() };
        let action = match verdict {
            Verdict::Accept => {
                if current.status != DecisionStatus::Proposed {
                    let said = Said::AlreadyDecided {
                        id: registration_id.to_owned(),
                        status: current.status.as_str().to_owned(),
                        by: current.actor.clone(),
                    };
                    return Err(ApiError::said(ErrorCode::Conflict, said));
                }
                if current.outcome == Outcome::Review {
                    let said = Said::ReviewNotAcceptable { id: registration_id.to_owned() };
                    return Err(ApiError::said(ErrorCode::Conflict, said));
                }
                next.status = DecisionStatus::Accepted;
                "decide.accept"
            }
            Verdict::Override { outcome, reason } => {
                let reason = require_text("reason for the override", &reason)?;
                if outcome == Outcome::Review {
                    return Err(ApiError::said(ErrorCode::InvalidInput, Said::OverrideToReview));
                }
                if matches!(current.status, DecisionStatus::Ruled | DecisionStatus::Expired) {
                    let said = Said::DisputeToChange {
                        id: registration_id.to_owned(),
                        status: current.status,
                        outcome: current.outcome,
                    };
                    return Err(ApiError::said(ErrorCode::Conflict, said));
                }
                next.outcome = outcome;
                next.status = DecisionStatus::Overridden;
                next.rule = "override".into();
                next.set_summary(Summary::Overridden {
                    by: user.name.clone(),
                    from: current.outcome,
                    to: outcome,
                    reason: reason.clone(),
                });
                next.reason = Some(reason);
                next.as_of = today();
                next.protection_until = protection_from(outcome, today(), settings.protection_days);
                "decide.override"
            }
        };
        let audit = entry(&user.name, action, &reg, &next);
        let id = self.store.record_decisions_checked(&[current.id], &[(next.clone(), audit)]).await?;
        if let Some((evidence, said)) = lesson {
            self.remember(&reg, &evidence, said, &user).await?;
        }
        Ok(Decision { id: id[0], ..next })
    }

    /// Extends an approved or co-sell registration's protection by `days`, for a reason.
    pub async fn extend(&self, registration_id: &str, days: i64, reason: &str, actor: &str) -> ApiResult<Decision> {
        let user = self.actor_with(actor, &[Role::ChannelManager, Role::RegionalHead], "extend protection").await?;
        let reason = require_text("reason for the extension", reason)?;
        if !(1..=365).contains(&days) {
            return Err(ApiError::said(ErrorCode::InvalidInput, Said::ExtensionDays { days }));
        }
        let (reg, current) = self.registration_with_decision(registration_id).await?;
        Self::require_region(&user, &reg)?;
        let until = match (current.outcome.protects(), current.status, current.protection_until) {
            (true, s, Some(u)) if s != DecisionStatus::Expired => u,
            _ => {
                let said = Said::NothingToExtend {
                    id: registration_id.to_owned(),
                    outcome: current.outcome,
                    status: current.status,
                };
                return Err(ApiError::said(ErrorCode::Conflict, said));
            }
        };
        let new_until = until.checked_add_days(Days::new(days as u64)).unwrap_or(until);
        let supersedes = current.id;
        let said = Summary::Extended { days, until: new_until, reason: reason.clone() };
        let next = Decision {
            id: 0,
            protection_until: Some(new_until),
            summary: said.text(Lang::En),
            summary_code: Some(said),
            reason: Some(reason),
            actor: user.name.clone(),
            created_at: now(),
            ..current
        };
        let audit = entry(&user.name, "extend", &reg, &next);
        let id = self.store.record_decisions_checked(&[supersedes], &[(next.clone(), audit)]).await?;
        Ok(Decision { id: id[0], ..next })
    }

    /// Marks every protection that ended before `as_of` as expired; returns the expired decisions.
    pub async fn expire(&self, as_of: NaiveDate, actor: Option<&str>) -> ApiResult<Vec<Decision>> {
        let actor = if self.store.users().await?.is_empty() {
            self.actor_or_system(actor).await?
        } else {
            let name =
                actor.ok_or_else(|| ApiError::forbidden("expiring protections needs an admin: add --as ADMIN"))?;
            self.actor_with(name, &[Role::Admin], "expire protections").await?.name
        };
        self.expire_by(as_of, &actor, now()).await
    }

    /// Expires, as `actor` at `at`, every protection that ended before `as_of` (the actor's rights are
    /// the caller's business); returns the expired decisions.
    pub(crate) async fn expire_by(&self, as_of: NaiveDate, actor: &str, at: NaiveDateTime) -> ApiResult<Vec<Decision>> {
        let actor = actor.to_string();
        let regs: std::collections::HashMap<String, Registration> =
            self.store.registrations().await?.into_iter().map(|r| (r.registration_id.clone(), r)).collect();
        let mut items = Vec::new();
        let mut supersedes = Vec::new();
        for d in self.store.current_decisions().await? {
            let lapsed = d.outcome.protects()
                && d.status != DecisionStatus::Expired
                && d.protection_until.is_some_and(|u| u < as_of);
            let Some(reg) = regs.get(&d.registration_id).filter(|_| lapsed) else { continue };
            supersedes.push(d.id);
            let next = Decision {
                id: 0,
                status: DecisionStatus::Expired,
                summary: Summary::Expired { until: d.protection_until }.text(Lang::En),
                summary_code: Some(Summary::Expired { until: d.protection_until }),
                reason: None,
                actor: actor.clone(),
                created_at: at,
                ..d
            };
            let audit = entry(&actor, "expire", reg, &next);
            items.push((next, audit));
        }
        let ids = self.store.record_decisions_checked(&supersedes, &items).await?;
        Ok(items.into_iter().zip(ids).map(|((d, _), id)| Decision { id, ..d }).collect())
    }

    /// A registration, its current decision (if checked) and every earlier version.
    pub async fn registration(&self, id: &str) -> ApiResult<(Registration, Vec<Decision>)> {
        let reg = self.store.registration(id).await?.ok_or_else(|| no_registration(id))?;
        Ok((reg, self.store.decision_history(id).await?))
    }
}
