//! Dispute commands: open one as the acting user, list them as that user may see them, rule on one.

use dealgate_api::domain::{Dispute, Outcome};
use dealgate_api::DisputeView;
use tauri::State;

use crate::error::ShellError;
use crate::state::{Backend, Session};

/// Contests a registration's current decision.
#[tauri::command]
#[specta::specta]
pub async fn open_dispute(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    registration_id: String,
    claim: String,
) -> Result<Dispute, ShellError> {
    let api = backend.api()?;
    Ok(api.open_dispute(&registration_id, &claim, &session.actor(&api).await?).await?)
}

/// Disputes the acting user may see (a regional head: their regions), with overdue flags; newest first.
#[tauri::command]
#[specta::specta]
pub async fn disputes(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    open_only: bool,
) -> Result<Vec<DisputeView>, ShellError> {
    let api = backend.api()?;
    let views = api.dispute_views(open_only, &session.actor(&api).await?).await?;
    Ok(views.into_iter().map(crate::lang::dispute_view).collect())
}

/// Rules on an open dispute; the ruling becomes the registration's current decision. Returns the ruled dispute.
#[tauri::command]
#[specta::specta]
pub async fn rule_dispute(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    dispute_id: i64,
    outcome: Outcome,
    rationale: String,
) -> Result<Dispute, ShellError> {
    let api = backend.api()?;
    Ok(api.rule_dispute_returning_dispute(dispute_id, outcome, &rationale, &session.actor(&api).await?).await?)
}
