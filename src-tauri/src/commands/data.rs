//! Read-only data commands: the imported sources and the current decisions.

use dealgate_api::domain::Decision;
use dealgate_api::SourceStatus;
use tauri::State;

use crate::error::ShellError;
use crate::state::Backend;

/// Row counts and last import of each source (follow-ups, head accounts, registrations).
#[tauri::command]
pub async fn sources(backend: State<'_, Backend>) -> Result<Vec<SourceStatus>, ShellError> {
    Ok(backend.api()?.sources().await?)
}

/// The current decision of every registration that has one, in `submitted_at` order.
#[tauri::command]
pub async fn decisions(backend: State<'_, Backend>) -> Result<Vec<Decision>, ShellError> {
    Ok(backend.api()?.current_decisions().await?)
}
