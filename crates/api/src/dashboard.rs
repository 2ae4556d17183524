//! The dashboard: outcome counts, outcomes by region and month, outcomes and duplicate rate by partner, time to a
//! person's decision and protections ending in the next 30 days (all computed by the store), plus
//! open and overdue disputes.

use crate::disputes_view::is_overdue;
use crate::{Api, ApiResult};
use chrono::{Days, NaiveDate, NaiveDateTime};
use dealgate_store::DecisionFigures;
use serde::Serialize;

/// Days ahead in which an ending protection counts as expiring soon.
pub const EXPIRING_DAYS: u64 = 30;

/// Dashboard figures.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Dashboard {
    /// Figures over the current decisions.
    pub figures: DecisionFigures,
    /// Disputes waiting for a ruling.
    pub open_disputes: i64,
    /// Of those, past the settings' `dispute_days`.
    pub overdue_disputes: i64,
    /// First day of the expiring-protections window (today).
    pub expiring_from: NaiveDate,
    /// Last day of that window (today + [`EXPIRING_DAYS`]).
    pub expiring_until: NaiveDate,
}

impl Api {
    /// The dashboard as of today.
    pub async fn dashboard(&self) -> ApiResult<Dashboard> {
        self.dashboard_at(crate::decide::today(), crate::decide::now()).await
    }

    /// The dashboard as of `today` (protections ending today..today+30) and `now` (overdue disputes).
    pub async fn dashboard_at(&self, today: NaiveDate, now: NaiveDateTime) -> ApiResult<Dashboard> {
        let until = today.checked_add_days(Days::new(EXPIRING_DAYS)).unwrap_or(today);
        let figures = self.store.decision_figures(today, until).await?;
        let (_, settings) = self.store.settings().await?;
        let open = self.store.disputes(true).await?;
        let overdue = open.iter().filter(|d| is_overdue(d, settings.dispute_days, now)).count();
        Ok(Dashboard {
            figures,
            open_disputes: open.len() as i64,
            overdue_disputes: overdue as i64,
            expiring_from: today,
            expiring_until: until,
        })
    }
}
