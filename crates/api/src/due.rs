//! Due work, done by the clock rather than a person: protections that ended expire, disputes past the
//! settings' `dispute_days` are flagged (once each, in the audit log), and the protections ending within
//! `expiry_warning_days` are listed, and the webhook's messages are queued and posted (`notify`). Idempotent: running it twice at the same time changes nothing more.
//!
//! Who does it: with no user named it runs as `system` at the real clock (a cron job, the desktop app's
//! timer); a named user must be an admin, as for `expire`, and only an admin may run it as of another
//! time (a catch-up, a test's fake clock). On a team database it runs as the signed-in login, whose
//! rights the database enforces (expiring takes an admin or the owner).
//!
//! `run_due` reads the real clock; `run_due_at` takes it as a parameter.

use crate::disputes_view::is_overdue;
use crate::{Api, ApiError, ApiResult, NotifyReport, SYSTEM};
use chrono::{Days, NaiveDate, NaiveDateTime};
use dealgate_audit::NewEntry;
use dealgate_domain::{Decision, DecisionStatus, Role};
use dealgate_store::{AuditFilter, ExpiringProtection};
use serde::Serialize;
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// The audit action that flags a dispute past its ruling time.
pub const DISPUTE_OVERDUE: &str = "dispute.overdue";

/// A dispute past the settings' `dispute_days` without a ruling.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OverdueDispute {
    /// The dispute.
    pub dispute_id: i64,
    /// The registration contested.
    pub registration_id: String,
    /// Its region (whose head rules).
    pub region: Option<String>,
    /// When it was opened.
    pub opened_at: NaiveDateTime,
    /// Whether this run flagged it (false: an earlier run did).
    pub newly_flagged: bool,
}

/// What a run of due work did and found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DueReport {
    /// The time it ran as of.
    pub now: NaiveDateTime,
    /// Who it ran as.
    pub actor: String,
    /// Protections that ended before today, now expired.
    pub expired: Vec<Decision>,
    /// Open disputes past their ruling time.
    pub overdue_disputes: Vec<OverdueDispute>,
    /// Protections ending from today to today + `expiry_warning_days`, soonest first.
    pub expiring: Vec<ExpiringProtection>,
    /// The webhook's messages queued and posted.
    pub notifications: NotifyReport,
}

impl Api {
    /// Does the due work now, as `actor` (an admin) or, with none, as `system`.
    pub async fn run_due(&self, actor: Option<&str>) -> ApiResult<DueReport> {
        let who = self.due_actor(actor, false).await?;
        self.due_work(crate::decide::now(), &who).await
    }

    /// Does the due work as of `now` (UTC) instead of the clock: an admin's catch-up, or a test's fake
    /// clock. Only an admin may (anyone before the database has users).
    pub async fn run_due_at(&self, now: NaiveDateTime, actor: Option<&str>) -> ApiResult<DueReport> {
        let who = self.due_actor(actor, true).await?;
        self.due_work(now, &who).await
    }

    async fn due_actor(&self, actor: Option<&str>, other_time: bool) -> ApiResult<String> {
        let no_users = self.store.users().await?.is_empty();
        let login = self.store.signed_in_as().await?;
        match actor {
            // The database's owner (a login that is no DealGate user) keeps every right.
            Some(a) if login.as_deref() == Some(a) && self.store.user(a).await?.is_none() => Ok(a.to_string()),
            Some(a) if no_users => self.actor_or_system(Some(a)).await,
            Some(a) => Ok(self.actor_with(a, &[Role::Admin], "run due work").await?.name),
            None if no_users || !other_time => Ok(login.unwrap_or_else(|| SYSTEM.to_string())),
            None => Err(ApiError::forbidden(
                "running due work as of another time needs an admin: add --as ADMIN (without --as-of it runs as system)",
            )),
        }
    }

    async fn due_work(&self, now: NaiveDateTime, actor: &str) -> ApiResult<DueReport> {
        let today = now.date();
        let expired = self.expire_by(today, actor, now).await?;
        let (_, settings) = self.store.settings().await?;
        let overdue_disputes = self.flag_overdue(settings.dispute_days, now, actor).await?;
        let until = today.checked_add_days(Days::new(settings.expiry_warning_days.max(0) as u64)).unwrap_or(today);
        let expiring = self.expiring(today, until).await?;
        let notifications = self.deliver_notifications(now, &expiring, settings.expiry_warning_days).await?;
        Ok(DueReport { now, actor: actor.to_string(), expired, overdue_disputes, expiring, notifications })
    }

    /// Flags each open dispute past its ruling time with one audit entry (never twice).
    async fn flag_overdue(&self, dispute_days: i64, now: NaiveDateTime, actor: &str) -> ApiResult<Vec<OverdueDispute>> {
        let overdue: Vec<_> =
            self.store.disputes(true).await?.into_iter().filter(|d| is_overdue(d, dispute_days, now)).collect();
        if overdue.is_empty() {
            return Ok(Vec::new());
        }
        let filter = AuditFilter { action: Some(DISPUTE_OVERDUE.into()), ..Default::default() };
        let flagged: HashSet<i64> =
            self.store.audit_entries(&filter).await?.iter().filter_map(|e| e.payload["dispute_id"].as_i64()).collect();
        let mut out = Vec::new();
        for d in overdue {
            let newly = !flagged.contains(&d.id);
            if newly {
                let mut e = NewEntry::new(actor, DISPUTE_OVERDUE, &d.registration_id).payload(json!({
                    "dispute_id": d.id,
                    "opened_at": d.opened_at,
                    "dispute_days": dispute_days,
                    "as_of": now,
                }));
                e.region = d.region.clone();
                self.store.append_audit(e).await?;
            }
            out.push(OverdueDispute {
                dispute_id: d.id,
                registration_id: d.registration_id,
                region: d.region,
                opened_at: d.opened_at,
                newly_flagged: newly,
            });
        }
        Ok(out)
    }

    /// Protections in force that end from `from` to `until`, soonest first.
    async fn expiring(&self, from: NaiveDate, until: NaiveDate) -> ApiResult<Vec<ExpiringProtection>> {
        let current: Vec<Decision> = self
            .store
            .current_decisions()
            .await?
            .into_iter()
            .filter(|d| d.outcome.protects() && d.status != DecisionStatus::Expired)
            .filter(|d| d.protection_until.is_some_and(|u| u >= from && u <= until))
            .collect();
        if current.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = current.iter().map(|d| d.registration_id.clone()).collect();
        let regs: HashMap<String, _> = self
            .store
            .registrations_by_ids(&ids)
            .await?
            .into_iter()
            .flatten()
            .map(|r| (r.registration_id.clone(), r))
            .collect();
        let mut out: Vec<ExpiringProtection> = current
            .into_iter()
            .filter_map(|d| {
                let r = regs.get(&d.registration_id)?;
                Some(ExpiringProtection {
                    registration_id: d.registration_id,
                    customer_name: r.customer_name.clone(),
                    partner: r.partner.clone(),
                    protection_until: d.protection_until?,
                })
            })
            .collect();
        out.sort_by(|a, b| (a.protection_until, &a.registration_id).cmp(&(b.protection_until, &b.registration_id)));
        Ok(out)
    }
}
