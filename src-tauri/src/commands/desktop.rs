//! Desktop commands: turning native notices on and off, and the diagnostics to copy.

use tauri::State;

use crate::desktop::{Diagnostics, Prefs};
use crate::error::ShellError;
use dealgate_api::ErrorCode;

/// Whether native notices are shown on this machine.
#[tauri::command]
#[specta::specta]
pub fn notifications_enabled(prefs: State<'_, Prefs>) -> Result<bool, ShellError> {
    Ok(prefs.notifications())
}

/// Shows native notices or not from now on (remembered on this machine).
#[tauri::command]
#[specta::specta]
pub fn set_notifications(prefs: State<'_, Prefs>, enabled: bool) -> Result<bool, ShellError> {
    prefs.set_notifications(enabled).map_err(|e| ShellError {
        code: ErrorCode::File,
        message: format!("the notification setting was not saved: {e}"),
    })?;
    Ok(enabled)
}

/// The app's version, database (never its password), OS, locale and log folder, for a support request.
#[tauri::command]
#[specta::specta]
pub fn diagnostics(app: tauri::AppHandle) -> Result<Diagnostics, ShellError> {
    Ok(crate::desktop::diagnostics(&app))
}
