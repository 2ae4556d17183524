//! Intake and preview commands: the new-registration form's check as it is typed, saving it as the
//! acting user, and the Settings screen's "preview this change" (a replay that writes nothing).

use dealgate_api::domain::Settings;
use dealgate_api::{Registered, RegistrationForm, ReplayReport};
use tauri::State;

use crate::error::ShellError;
use crate::state::{Backend, Session};

/// What the rules would propose for the form as it stands today; stores nothing.
#[tauri::command]
#[specta::specta]
pub async fn propose_registration(
    backend: State<'_, Backend>,
    form: RegistrationForm,
) -> Result<Registered, ShellError> {
    Ok(backend.api()?.propose_form(&form, chrono::Local::now().date_naive()).await?)
}

/// Stores the form's registration as entered by the acting user, with its proposed decision.
#[tauri::command]
#[specta::specta]
pub async fn register(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    form: RegistrationForm,
) -> Result<Registered, ShellError> {
    let api = backend.api()?;
    let actor = session.actor(&api).await?;
    Ok(api.register(&form, chrono::Local::now().date_naive(), Some(&actor)).await?)
}

/// What the edited settings would change if saved: the check replayed today under them.
#[tauri::command]
#[specta::specta]
pub async fn preview_settings(backend: State<'_, Backend>, settings: Settings) -> Result<ReplayReport, ShellError> {
    Ok(backend.api()?.preview_settings(settings, chrono::Local::now().date_naive()).await?)
}
