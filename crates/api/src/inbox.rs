//! The signed-in user's inbox: their pending work in their regions as tabs, ordered by what needs a person
//! first, each a queue query (data the UI pages through) with its count; escalated disputes; batch accept.
//!
//! The tabs, in the order a person is needed: review, disputes awaiting me, confident proposals, needs-info gone quiet
//! after `QUIET_DAYS`, protections ending; each a `QueueQuery` (data: `regions`, `outcomes`, `ending_by`) with its
//! count. A dispute awaits a regional head of its region or, escalated, an admin (a region no regional head covers, or
//! none): `regions_without_head`. `accept_many` writes one transaction per decision, through `decide`, so a refused
//! item is reported and the others stand.

use crate::disputes_view::DisputeView;
use crate::{Api, ApiError, ApiResult};
use chrono::{Days, NaiveDate, NaiveDateTime};
use dealgate_domain::{DisputeStatus, Outcome, Role, User};
use dealgate_store::{QueueQuery, QueueSort, QueueStatus};
use serde::Serialize;

/// Days after submission after which a registration still waiting for the partner's information has
/// "gone quiet".
pub const QUIET_DAYS: u64 = 7;

/// One kind of work in the inbox, in the order the tabs are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum InboxTab {
    /// Uncertain matches a person must decide.
    Review,
    /// Open disputes awaiting this user's ruling (an admin: those escalated from regions without a head).
    Disputes,
    /// Confident proposals waiting to be accepted (batch accept).
    Proposals,
    /// Registrations waiting for the partner's information for more than [`QUIET_DAYS`].
    Quiet,
    /// Running protections that end within the settings' `expiry_warning_days`.
    Ending,
}

/// A tab: its kind, how many items it holds and the queue query that lists them (none for disputes).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct InboxTabView {
    /// Which work.
    pub tab: InboxTab,
    /// Items in it.
    pub count: i64,
    /// The queue query listing them, oldest first; none for the disputes tab.
    pub query: Option<QueueQuery>,
}

/// The inbox of one user.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Inbox {
    /// The tabs this user's role has work in, in order (a sales-operations user has none).
    pub tabs: Vec<InboxTabView>,
    /// Regions with registrations or users but no regional head: their disputes go to an admin.
    pub regions_without_head: Vec<String>,
    /// The database has no admin yet: the app asks for the first one.
    pub needs_admin: bool,
}

/// The queue queries of the tabs for `user` (none signed in: as an admin), as of `today`.
pub(crate) fn tab_queries(
    user: Option<&User>,
    today: NaiveDate,
    ending_days: i64,
) -> Vec<(InboxTab, Option<QueueQuery>)> {
    let role = user.map_or(Role::Admin, |u| u.role);
    let regions = user.filter(|u| u.role != Role::Admin).map(|u| u.regions.clone());
    let base = QueueQuery { regions, sort: QueueSort::SubmittedAt, desc: false, ..QueueQuery::default() };
    let review =
        QueueQuery { outcomes: Some(vec![Outcome::Review]), status: Some(QueueStatus::Pending), ..base.clone() };
    let proposals = QueueQuery {
        outcomes: Some(vec![Outcome::Approved, Outcome::CoSell, Outcome::DirectRetained, Outcome::Duplicate]),
        status: Some(QueueStatus::Pending),
        ..base.clone()
    };
    let quiet = QueueQuery {
        outcomes: Some(vec![Outcome::NeedsInfo]),
        to: today.checked_sub_days(Days::new(QUIET_DAYS)),
        ..base.clone()
    };
    let ending = QueueQuery {
        ending_by: today.checked_add_days(Days::new(ending_days.max(0) as u64)),
        sort: QueueSort::ProtectionEnd,
        ..base
    };
    match role {
        Role::Admin => vec![
            (InboxTab::Review, Some(review)),
            (InboxTab::Disputes, None),
            (InboxTab::Proposals, Some(proposals)),
            (InboxTab::Quiet, Some(quiet)),
            (InboxTab::Ending, Some(ending)),
        ],
        Role::ChannelManager => vec![
            (InboxTab::Review, Some(review)),
            (InboxTab::Proposals, Some(proposals)),
            (InboxTab::Quiet, Some(quiet)),
            (InboxTab::Ending, Some(ending)),
        ],
        Role::RegionalHead => vec![(InboxTab::Disputes, None), (InboxTab::Ending, Some(ending))],
        Role::SalesOps => vec![],
    }
}

/// The registration's region has no regional head (or it has no region): its disputes are an admin's.
pub(crate) fn escalated(region: Option<&str>, users: &[User]) -> bool {
    region.is_none_or(|r| !users.iter().any(|u| u.role == Role::RegionalHead && u.regions.iter().any(|m| m == r)))
}

impl Api {
    /// The inbox of `actor` (none: a database without users, shown as an admin's), as of today.
    pub async fn inbox(&self, actor: Option<&str>) -> ApiResult<Inbox> {
        self.inbox_at(actor, crate::decide::today(), crate::decide::now()).await
    }

    /// [`Api::inbox`] as of `today` and `now`.
    pub async fn inbox_at(&self, actor: Option<&str>, today: NaiveDate, now: NaiveDateTime) -> ApiResult<Inbox> {
        let user = match actor {
            Some(name) => Some(self.actor(name).await?),
            None => None,
        };
        let (_, settings) = self.store.settings().await?;
        let mut tabs = Vec::new();
        for (tab, query) in tab_queries(user.as_ref(), today, settings.expiry_warning_days) {
            let count = match &query {
                Some(q) => self.store.queue(&QueueQuery { limit: 1, ..q.clone() }, today).await?.total,
                None => self.disputes_awaiting(user.as_ref(), now).await?.len() as i64,
            };
            tabs.push(InboxTabView { tab, count, query });
        }
        let needs_admin = self.needs_admin().await?;
        Ok(Inbox { tabs, regions_without_head: self.regions_without_head().await?, needs_admin })
    }

    /// Open disputes awaiting `actor`'s ruling, oldest first: a regional head's in their regions; an
    /// admin's those escalated (a region without a regional head, or none); nobody else's.
    pub async fn inbox_disputes(&self, actor: &str) -> ApiResult<Vec<DisputeView>> {
        let user = self.actor(actor).await?;
        self.disputes_awaiting(Some(&user), crate::decide::now()).await
    }

    async fn disputes_awaiting(&self, user: Option<&User>, now: NaiveDateTime) -> ApiResult<Vec<DisputeView>> {
        let users = self.store.users().await?;
        let role = user.map_or(Role::Admin, |u| u.role);
        let mut views = Vec::new();
        for view in self.dispute_views_for(user, true, now).await? {
            let region = view.dispute.region.as_deref();
            let mine = match role {
                Role::Admin => escalated(region, &users),
                Role::RegionalHead => region.is_some_and(|r| user.is_some_and(|u| u.covers(r))),
                _ => false,
            };
            if mine && view.dispute.status == DisputeStatus::Open {
                views.push(view);
            }
        }
        views.sort_by_key(|v| (v.dispute.opened_at, v.dispute.id));
        Ok(views)
    }

    /// Regions that registrations or users name but no regional head covers, sorted: Settings flags
    /// them, and their disputes go to an admin.
    pub async fn regions_without_head(&self) -> ApiResult<Vec<String>> {
        let users = self.store.users().await?;
        let mut regions = self.store.queue_facets().await?.regions;
        regions.extend(users.iter().flat_map(|u| u.regions.iter().cloned()));
        regions.sort();
        regions.dedup();
        regions.retain(|r| escalated(Some(r), &users));
        Ok(regions)
    }
}

/// What became of one registration in a batch accept: the decision written, or why it was refused
/// (nothing was written for it).
#[derive(Debug, Clone)]
pub struct BatchItem {
    /// The registration.
    pub registration_id: String,
    /// The accepted decision, or the refusal.
    pub result: ApiResult<dealgate_domain::Decision>,
}

impl Api {
    /// Accepts the proposals of `ids` as `actor`, each as its own audited decision in its own
    /// transaction: a refused one (decided meanwhile, a review item, another region) is reported and the
    /// others are still written.
    pub async fn accept_many(&self, ids: &[String], actor: &str) -> ApiResult<Vec<BatchItem>> {
        if ids.len() > 1000 {
            return Err(ApiError::invalid(format!("{} registrations in one batch: at most 1000", ids.len())));
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let result = self.decide(id, crate::Verdict::Accept, actor).await;
            out.push(BatchItem { registration_id: id.clone(), result });
        }
        Ok(out)
    }
}
