//! The channel manager's queue and review screen: a page of registrations, filter values, and one
//! registration with its current decision, every earlier version and its disputes.

use crate::{Api, ApiError, ApiResult};
use dealgate_domain::{Decision, Dispute, Registration, Role, User};
use dealgate_store::{Page, QueueFacets, QueueQuery, QueueRow};
use serde::Serialize;

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
        Ok(self.store.queue(query, crate::decide::today()).await?)
    }

    /// The regions and partners the queue's filters offer.
    pub async fn queue_facets(&self) -> ApiResult<QueueFacets> {
        Ok(self.store.queue_facets().await?)
    }

    /// A registration, its current decision and history, and its disputes.
    pub async fn review(&self, registration_id: &str) -> ApiResult<ReviewView> {
        let (registration, history) = self.registration(registration_id).await?;
        let disputes =
            self.store.disputes(false).await?.into_iter().filter(|d| d.registration_id == registration_id).collect();
        Ok(ReviewView { registration, decision: history.last().cloned(), history, disputes })
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
