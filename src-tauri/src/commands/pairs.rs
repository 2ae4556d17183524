//! Remembered-pair commands: say an evidence record is or is not the registration's customer, list what
//! reviewers said, forget a pair (each change audited, as the acting user).

use dealgate_api::domain::Source;
use dealgate_api::{PairLabel, PairVerdict};
use tauri::State;

use crate::error::ShellError;
use crate::state::{Backend, Session};

/// Every remembered pair, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn pair_labels(backend: State<'_, Backend>) -> Result<Vec<PairLabel>, ShellError> {
    Ok(backend.api()?.pair_labels().await?)
}

/// Remembers the registration's customer and one record of its evidence as the same company or not.
#[tauri::command]
#[specta::specta]
pub async fn label_pair(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    registration_id: String,
    source: Source,
    record_id: String,
    verdict: PairVerdict,
) -> Result<PairLabel, ShellError> {
    let api = backend.api()?;
    Ok(api.label_pair(&registration_id, source, &record_id, verdict, &session.actor(&api).await?).await?)
}

/// Forgets a remembered pair; returns what was forgotten.
#[tauri::command]
#[specta::specta]
pub async fn forget_pair(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    id: i64,
) -> Result<PairLabel, ShellError> {
    let api = backend.api()?;
    Ok(api.forget_pair(id, &session.actor(&api).await?).await?)
}
