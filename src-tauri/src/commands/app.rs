//! App commands: the name and version shown in the UI's header.

use serde::Serialize;

use crate::error::ShellError;

/// Name and version of the running app, shown in the UI's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppInfo {
    /// Product name from `tauri.conf.json` (`productName`).
    pub name: String,
    /// App version (`version` in `tauri.conf.json`, else the crate version).
    pub version: String,
}

/// Returns the app's name and version.
#[tauri::command]
pub fn app_info(app: tauri::AppHandle) -> Result<AppInfo, ShellError> {
    let package = app.package_info();
    Ok(AppInfo { name: package.name.clone(), version: package.version.to_string() })
}
