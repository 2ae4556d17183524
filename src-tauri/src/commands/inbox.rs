//! Inbox commands: the acting user's tabs and counts, the disputes awaiting them, and batch accept.

use dealgate_api::domain::Decision;
use dealgate_api::{DisputeView, Inbox};
use serde::Serialize;
use tauri::State;

use crate::error::ShellError;
use crate::state::{Backend, Session};

/// The acting user's inbox (a database without users: as an admin's).
#[tauri::command]
#[specta::specta]
pub async fn inbox(backend: State<'_, Backend>, session: State<'_, Session>) -> Result<Inbox, ShellError> {
    let api = backend.api()?;
    let user = session.current(&api).await?;
    Ok(api.inbox(user.as_ref().map(|u| u.name.as_str())).await?)
}

/// Open disputes awaiting the acting user's ruling, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn inbox_disputes(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
) -> Result<Vec<DisputeView>, ShellError> {
    let api = backend.api()?;
    let views = api.inbox_disputes(&session.actor(&api).await?).await?;
    Ok(views.into_iter().map(crate::lang::dispute_view).collect())
}

/// One registration's result in a batch accept: the decision written, or the refusal.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BatchResult {
    /// The registration.
    pub registration_id: String,
    /// The accepted decision, when it was written.
    pub decision: Option<Decision>,
    /// Why it was refused (nothing written for it).
    pub error: Option<ShellError>,
}

/// Accepts many proposals, each an audited decision of its own; reports each one.
#[tauri::command]
#[specta::specta]
pub async fn accept_many(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    registration_ids: Vec<String>,
) -> Result<Vec<BatchResult>, ShellError> {
    let api = backend.api()?;
    let items = api.accept_many(&registration_ids, &session.actor(&api).await?).await?;
    Ok(items
        .into_iter()
        .map(|i| match i.result {
            Ok(d) => BatchResult {
                registration_id: i.registration_id,
                decision: Some(crate::lang::decision(d)),
                error: None,
            },
            Err(e) => BatchResult { registration_id: i.registration_id, decision: None, error: Some(e.into()) },
        })
        .collect())
}

/// Regions with no regional head: Settings flags them; their disputes go to an admin.
#[tauri::command]
#[specta::specta]
pub async fn regions_without_head(backend: State<'_, Backend>) -> Result<Vec<String>, ShellError> {
    Ok(backend.api()?.regions_without_head().await?)
}
