//! Demo command: fills an empty database with the demo data and checks it.

use dealgate_api::demo::DemoSummary;
use tauri::State;

use crate::error::ShellError;
use crate::state::Backend;

/// Imports the demo users and files and runs the check; a `conflict` error if the database holds data.
#[tauri::command]
#[specta::specta]
pub async fn run_demo(backend: State<'_, Backend>) -> Result<DemoSummary, ShellError> {
    Ok(backend.api()?.demo().await?)
}
