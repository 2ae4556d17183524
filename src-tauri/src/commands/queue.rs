//! Queue and review commands: page the queue, review one registration, accept / override / extend as the
//! acting user, recheck with progress, cancel.

use dealgate_api::domain::{Decision, Outcome};
use dealgate_api::{Page, QueueFacets, QueueQuery, QueueRow, ReviewView, Selection, Verdict};
use serde::Serialize;
use std::sync::Arc;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::ShellError;
use crate::progress::{ChannelProgress, ProgressEvent};
use crate::state::{Backend, Session};

/// What a recheck did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RecheckResult {
    /// Registrations given a new proposal.
    pub checked: usize,
    /// Registrations skipped because a person had decided them.
    pub skipped_final: usize,
}

/// One page of the queue.
#[tauri::command]
#[specta::specta]
pub async fn queue(backend: State<'_, Backend>, query: QueueQuery) -> Result<Page<QueueRow>, ShellError> {
    let page = backend.api()?.queue(&query).await?;
    crate::state::first_page_served();
    Ok(page)
}

/// The regions and partners the queue's filters offer.
#[tauri::command]
#[specta::specta]
pub async fn queue_facets(backend: State<'_, Backend>) -> Result<QueueFacets, ShellError> {
    Ok(backend.api()?.queue_facets().await?)
}

/// A registration with its current decision, history and disputes.
#[tauri::command]
#[specta::specta]
pub async fn review(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    registration_id: String,
) -> Result<ReviewView, ShellError> {
    let api = backend.api()?;
    let user = session.current(&api).await?;
    let mut view = api.review_as(&registration_id, user.as_ref().map(|u| u.name.as_str())).await?;
    view.decision = view.decision.map(crate::lang::decision);
    view.history = view.history.into_iter().map(crate::lang::decision).collect();
    Ok(view)
}

/// Accepts the proposed decision.
#[tauri::command]
#[specta::specta]
pub async fn accept(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    registration_id: String,
) -> Result<Decision, ShellError> {
    let api = backend.api()?;
    Ok(crate::lang::decision(api.decide(&registration_id, Verdict::Accept, &session.actor(&api).await?).await?))
}

/// Replaces the decision with another outcome for a reason (`needs_info` asks the partner for information).
#[tauri::command]
#[specta::specta]
pub async fn override_decision(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    registration_id: String,
    outcome: Outcome,
    reason: String,
) -> Result<Decision, ShellError> {
    let api = backend.api()?;
    let verdict = Verdict::Override { outcome, reason };
    Ok(crate::lang::decision(api.decide(&registration_id, verdict, &session.actor(&api).await?).await?))
}

/// Extends an approval's or co-sell's protection by `days`, for a reason.
#[tauri::command]
#[specta::specta]
pub async fn extend_protection(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    registration_id: String,
    days: i64,
    reason: String,
) -> Result<Decision, ShellError> {
    let api = backend.api()?;
    Ok(crate::lang::decision(api.extend(&registration_id, days, &reason, &session.actor(&api).await?).await?))
}

/// Checks the given registrations (all undecided ones when `ids` is null) as of today, reporting progress;
/// `cancel_job` stops it with nothing stored.
#[tauri::command]
#[specta::specta]
pub async fn recheck(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    ids: Option<Vec<String>>,
    on_progress: Channel<ProgressEvent>,
) -> Result<RecheckResult, ShellError> {
    let api = backend.api()?;
    let actor = session.actor(&api).await?;
    let job = session.start_job()?;
    let progress = Arc::new(ChannelProgress::new(on_progress, job.flag.clone()));
    let selection = ids.map_or(Selection::All, Selection::Ids);
    let today = chrono::Local::now().date_naive();
    let report = api.check(selection, today, Some(&actor), progress).await?;
    Ok(RecheckResult { checked: report.decision_ids.len(), skipped_final: report.skipped_final })
}

/// Asks the running recheck or import to stop; false when none runs.
#[tauri::command]
#[specta::specta]
pub fn cancel_job(session: State<'_, Session>) -> Result<bool, ShellError> {
    session.cancel_job()
}
