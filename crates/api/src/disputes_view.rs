//! The disputes screen: each dispute with its registration and current decision, how long it has been
//! open and whether the regional head is past the settings' `dispute_days`; regional heads see their regions.
//!
//! Each dispute comes with the decision it contests, that decision's version number within the registration, and its
//! counterpart (`counterpart.rs`).

use crate::{Api, ApiResult};
use chrono::{Duration, NaiveDateTime};
use dealgate_domain::{Decision, Dispute, DisputeStatus, Registration, Role, User};
use serde::Serialize;

/// A dispute as the disputes screen lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DisputeView {
    /// The dispute.
    pub dispute: Dispute,
    /// Open longer than the settings' `dispute_days` (only open disputes are ever overdue).
    pub overdue: bool,
    /// Whole days since it was opened (until it was ruled, for ruled ones).
    pub days_open: i64,
    /// The registration contested.
    pub registration: Option<Registration>,
    /// The registration's current decision, with its evidence.
    pub decision: Option<Decision>,
    /// Its region has no regional head (or it has no region): an admin rules on it.
    pub escalated: bool,
    /// The decision the dispute contests (a ruled dispute's is no longer the current one).
    pub contested: Option<Decision>,
    /// That decision's number within the registration's versions (1 for the first).
    pub contested_version: Option<i64>,
    /// The record the contested decision's strongest evidence points at, beside the registration.
    pub counterpart: Option<crate::Counterpart>,
}

/// Whether a dispute opened at `opened_at` is overdue at `now` with `dispute_days` to rule.
pub(crate) fn is_overdue(d: &Dispute, dispute_days: i64, now: NaiveDateTime) -> bool {
    d.status == DisputeStatus::Open && now > d.opened_at + Duration::days(dispute_days)
}

impl Api {
    /// Rules on a dispute like [`Api::rule_dispute`] and returns the dispute as ruled.
    pub async fn rule_dispute_returning_dispute(
        &self,
        dispute_id: i64,
        outcome: dealgate_domain::Outcome,
        rationale: &str,
        actor: &str,
    ) -> ApiResult<Dispute> {
        self.rule_dispute(dispute_id, outcome, rationale, actor).await?;
        self.store
            .dispute(dispute_id)
            .await?
            .ok_or_else(|| crate::ApiError::not_found(format!("no dispute #{dispute_id}")))
    }

    /// Disputes as `actor` may see them, newest first: a regional head only those in their regions,
    /// everyone else all of them. Only open ones when `open_only`.
    pub async fn dispute_views(&self, open_only: bool, actor: &str) -> ApiResult<Vec<DisputeView>> {
        self.dispute_views_at(open_only, actor, crate::decide::now()).await
    }

    /// [`Api::dispute_views`] as seen at `now` (UTC): what is overdue then.
    pub async fn dispute_views_at(
        &self,
        open_only: bool,
        actor: &str,
        now: NaiveDateTime,
    ) -> ApiResult<Vec<DisputeView>> {
        let user = self.actor(actor).await?;
        self.dispute_views_for(Some(&user), open_only, now).await
    }

    /// [`Api::dispute_views_at`] for `user` (none: nobody signed in, who sees all).
    pub(crate) async fn dispute_views_for(
        &self,
        user: Option<&User>,
        open_only: bool,
        now: NaiveDateTime,
    ) -> ApiResult<Vec<DisputeView>> {
        let (_, settings) = self.store.settings().await?;
        let users = self.store.users().await?;
        let scoped = user.is_some_and(|u| u.role == Role::RegionalHead);
        let mut out = Vec::new();
        for dispute in self.store.disputes(open_only).await? {
            if scoped && !dispute.region.as_deref().is_some_and(|r| user.is_some_and(|u| u.covers(r))) {
                continue;
            }
            let end = dispute.ruled_at.unwrap_or(now);
            let registration = self.store.registration(&dispute.registration_id).await?;
            let history = self.store.decision_history(&dispute.registration_id).await?;
            let at = history.iter().position(|d| d.id == dispute.decision_id);
            let contested = at.map(|i| history[i].clone());
            let counterpart = match (&registration, &contested) {
                (Some(r), Some(d)) => self.counterpart(r, d).await?,
                _ => None,
            };
            out.push(DisputeView {
                overdue: is_overdue(&dispute, settings.dispute_days, now),
                days_open: (end - dispute.opened_at).num_days().max(0),
                registration,
                decision: history.last().cloned(),
                escalated: crate::inbox::escalated(dispute.region.as_deref(), &users),
                contested,
                contested_version: at.map(|i| i as i64 + 1),
                counterpart,
                dispute,
            });
        }
        Ok(out)
    }
}
