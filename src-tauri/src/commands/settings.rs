//! Settings commands: the settings in force, saving a new version as the acting user, the history.

use dealgate_api::domain::Settings;
use dealgate_api::{SettingsChangeSet, VersionedSettings};
use tauri::State;

use crate::error::ShellError;
use crate::state::{Backend, Session};

/// The settings in force and their version.
#[tauri::command]
#[specta::specta]
pub async fn settings(backend: State<'_, Backend>) -> Result<VersionedSettings, ShellError> {
    Ok(backend.api()?.versioned_settings().await?)
}

/// Saves new settings (admins only); returns the new version.
#[tauri::command]
#[specta::specta]
pub async fn save_settings(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    settings: Settings,
    reason: Option<String>,
) -> Result<i64, ShellError> {
    let api = backend.api()?;
    Ok(api.save_settings(settings, reason.as_deref(), &session.actor(&api).await?).await?)
}

/// Every saved version, newest first, with who, when and the changed fields.
#[tauri::command]
#[specta::specta]
pub async fn settings_history(backend: State<'_, Backend>) -> Result<Vec<SettingsChangeSet>, ShellError> {
    Ok(backend.api()?.settings_history().await?)
}
