//! The channel manager's queue and review screen: a page of registrations, filter values, and one
//! registration with its current decision, every earlier version and its disputes.
//!
//! Each queue row carries its age marker (hours or working days, `AgeMark`); also the queue's facets, the review view
//! with the asker's rights (`rights.rs`) and counterpart (`counterpart.rs`), and the default user.

use crate::{Api, ApiError, ApiResult};
use dealgate_domain::{Decision, Dispute, Registration, Role, SlaUnit, User};
use dealgate_store::{AgeMark, Page, QueueFacets, QueueQuery, QueueRow};
use serde::Serialize;

/// How long something submitted at `submitted` has waited at `now` (`today` locally), in the settings'
/// unit, and whether that is past `sla_limit`.
pub(crate) fn age_mark(
    settings: &dealgate_domain::Settings,
    calendar: &dealgate_domain::WorkCalendar,
    submitted: chrono::NaiveDateTime,
    now: chrono::NaiveDateTime,
    today: chrono::NaiveDate,
) -> AgeMark {
    let age = match settings.sla_unit {
        SlaUnit::Hours => (now - submitted).num_hours().max(0),
        SlaUnit::WorkingDays => calendar.working_days_between(submitted.date(), today),
    };
    AgeMark { age, unit: settings.sla_unit, over: age > settings.sla_limit }
}

/// Everything the review screen shows about one registration.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReviewView {
    /// The registration as imported.
    pub registration: Registration,
    /// Its current decision, with the full evidence; none before the first check.
    pub decision: Option<Decision>,
    /// Every version of its decision, oldest first (the last is the current one).
    pub history: Vec<Decision>,
    /// Disputes over it, newest first.
    pub disputes: Vec<Dispute>,
    /// What the user asking may do to it, and why not (see [`crate::rights::item_rights`]).
    pub rights: crate::rights::ItemRights,
    /// The record the current decision's strongest evidence points at, field by field, and who engaged
    /// the customer first; none when nothing matched or before the first check.
    pub counterpart: Option<crate::Counterpart>,
}

impl Api {
    /// One page of the queue, filtered, sorted and counted by the store; ages count from today.
    pub async fn queue(&self, query: &QueueQuery) -> ApiResult<Page<QueueRow>> {
        if query.offset < 0 || query.limit < 0 {
            return Err(ApiError::invalid(format!(
                "offset ({}) and limit ({}) may not be negative",
                query.offset, query.limit
            )));
        }
        let today = crate::decide::today();
        let mut page = self.store.queue(query, today).await?;
        let (_, settings) = self.store.settings().await?;
        let calendar = dealgate_domain::WorkCalendar::china(&settings.calendar_extra).map_err(ApiError::invalid)?;
        let now = crate::decide::now();
        for row in &mut page.rows {
            row.sla = Some(age_mark(&settings, &calendar, row.submitted_at, now, today));
        }
        Ok(page)
    }

    /// The regions and partners the queue's filters offer.
    pub async fn queue_facets(&self) -> ApiResult<QueueFacets> {
        Ok(self.store.queue_facets().await?)
    }

    /// A registration, its current decision and history, and its disputes (rights: nobody signed in).
    pub async fn review(&self, registration_id: &str) -> ApiResult<ReviewView> {
        self.review_as(registration_id, None).await
    }

    /// [`Api::review`] with what `actor` may do to it.
    pub async fn review_as(&self, registration_id: &str, actor: Option<&str>) -> ApiResult<ReviewView> {
        let (registration, history) = self.registration(registration_id).await?;
        let disputes: Vec<Dispute> =
            self.store.disputes(false).await?.into_iter().filter(|d| d.registration_id == registration_id).collect();
        let user = match actor {
            Some(name) => Some(self.actor(name).await?),
            None => None,
        };
        let rights = crate::rights::item_rights(user.as_ref(), &registration, history.last(), &disputes);
        let counterpart = match history.last() {
            Some(d) => self.counterpart(&registration, d).await?,
            None => None,
        };
        Ok(ReviewView { registration, decision: history.last().cloned(), history, disputes, rights, counterpart })
    }

    /// One user by name, or a not-found error listing who exists.
    pub async fn user(&self, name: &str) -> ApiResult<User> {
        self.actor(name).await
    }

    /// The user the desktop app acts as when none was chosen: the first admin, else the first user.
    pub async fn default_user(&self) -> ApiResult<Option<User>> {
        let users = self.store.users().await?;
        Ok(users.iter().find(|u| u.role == Role::Admin).or(users.first()).cloned())
    }
}
