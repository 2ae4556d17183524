//! Connection commands: where the app is, connecting to a team database, going back to the local one.
//!
//! The commands: `connection`, `connect_team`, `use_local_database`.

use tauri::State;

use crate::connect;
use crate::error::ShellError;
use crate::state::{Backend, ConnectionView, DbMode, Session};
use crate::team::{self, TeamSettings};

/// Where the app is: local file or team database, which one, and why it is not open if it is not.
#[tauri::command]
#[specta::specta]
pub fn connection(backend: State<'_, Backend>) -> Result<ConnectionView, ShellError> {
    Ok(backend.view())
}

/// Connects to a team database as `settings.user`; on success the app works on it from now on (and at
/// the next start), the settings are remembered on this machine and the password is kept in the OS
/// keyring when `remember` (where there is one). On failure nothing changes and the error names what to
/// fix: the host or port, the user or password, the database, or the missing DealGate user.
#[tauri::command]
#[specta::specta]
pub async fn connect_team(
    app: tauri::AppHandle,
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    settings: TeamSettings,
    password: String,
    remember: bool,
) -> Result<ConnectionView, ShellError> {
    let settings = team::validated(&settings)?;
    let password = Some(password.as_str()).filter(|p| !p.is_empty());
    let api = connect::open_team(&settings, password).await?;
    let keyring = team::keep_password(&settings, password.unwrap_or(""), remember && password.is_some()).await;
    let remembered = team::Remembered { team: Some(settings.clone()), use_team: true };
    team::save(&backend.config_file, &remembered)?;
    let view =
        ConnectionView { mode: DbMode::Team, database: api.describe(), team: Some(settings), keyring, problem: None };
    session.forget_user()?;
    backend.replace(&app, Ok(api), view.clone());
    backend.prepare_index_in_background();
    Ok(view)
}

/// Goes back to the local database (the team database stays remembered for the form, not used at start).
#[tauri::command]
#[specta::specta]
pub async fn use_local_database(
    app: tauri::AppHandle,
    backend: State<'_, Backend>,
    session: State<'_, Session>,
) -> Result<ConnectionView, ShellError> {
    let mut remembered = team::load(&backend.config_file);
    remembered.use_team = false;
    team::save(&backend.config_file, &remembered)?;
    let (api, view) = connect::open_local(&remembered).await;
    session.forget_user()?;
    backend.replace(&app, api, view);
    backend.prepare_index_in_background();
    Ok(backend.view())
}
