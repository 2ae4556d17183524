//! Dashboard command: figures over the current decisions and the disputes.

use dealgate_api::Dashboard;
use tauri::State;

use crate::error::ShellError;
use crate::state::Backend;

/// Outcomes, conflict rates, time to decision, expiring protections, open and overdue disputes.
#[tauri::command]
#[specta::specta]
pub async fn dashboard(backend: State<'_, Backend>) -> Result<Dashboard, ShellError> {
    Ok(backend.api()?.dashboard().await?)
}
