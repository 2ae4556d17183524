//! Session commands: app name, version and locale; the users and which one is acting.

use dealgate_api::domain::{Lang, User};
use serde::Serialize;
use tauri::State;

use crate::error::ShellError;
use crate::state::{Backend, Session};

/// Name, version and language of the running app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AppInfo {
    /// Product name from `tauri.conf.json` (`productName`).
    pub name: String,
    /// App version (`version` in `tauri.conf.json`, else the crate version).
    pub version: String,
    /// `zh` when the system's language is Chinese (locale variables, else the OS setting), else `en`.
    pub locale: String,
}

/// `zh` when the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set starts with `zh`, else `en`; `None`
/// when none is set.
pub fn locale_from(vars: impl Fn(&str) -> Option<String>) -> Option<String> {
    let set = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(|k| vars(k).filter(|v| !v.is_empty()))?;
    Some(if set.to_lowercase().starts_with("zh") { "zh" } else { "en" }.to_string())
}

/// Words what the backend says (errors, summaries, row errors) in `lang` from now on: the UI calls it at
/// start and on every switch.
#[tauri::command]
#[specta::specta]
pub fn set_language(lang: Lang) -> Result<(), ShellError> {
    crate::lang::set(lang);
    Ok(())
}

/// Returns the app's name, version and locale.
#[tauri::command]
#[specta::specta]
pub fn app_info(app: tauri::AppHandle) -> Result<AppInfo, ShellError> {
    let package = app.package_info();
    Ok(AppInfo {
        name: package.name.clone(),
        version: package.version.to_string(),
        locale: locale_from(|k| std::env::var(k).ok()).unwrap_or_else(|| crate::lang::system().code().to_string()),
    })
}

/// Every user, by name.
#[tauri::command]
#[specta::specta]
pub async fn users(backend: State<'_, Backend>) -> Result<Vec<User>, ShellError> {
    Ok(backend.api()?.users().await?)
}

/// The acting user (the first admin until another is chosen), or none before any user exists.
#[tauri::command]
#[specta::specta]
pub async fn current_user(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
) -> Result<Option<User>, ShellError> {
    session.current(&backend.api()?).await
}

/// Acts as the named user from now on.
#[tauri::command]
#[specta::specta]
pub async fn switch_user(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    name: String,
) -> Result<User, ShellError> {
    let user = backend.api()?.user(&name).await?;
    session.switch(&user)?;
    Ok(user)
}

/// Adds or updates a user (admins only; anyone for the very first user).
#[tauri::command]
#[specta::specta]
pub async fn save_user(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    user: User,
) -> Result<User, ShellError> {
    let api = backend.api()?;
    let actor = session.current(&api).await?.map(|u| u.name);
    Ok(api.save_user(user, actor.as_deref()).await?)
}

#[cfg(test)]
mod tests {
    use super::locale_from;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn a_chinese_system_locale_gives_zh_and_lc_all_wins() {
        assert_eq!(locale_from(env(&[("LANG", "zh_CN.UTF-8")])).as_deref(), Some("zh"));
        assert_eq!(locale_from(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])).as_deref(), Some("en"));
        let zh_tw = locale_from(env(&[("LC_ALL", ""), ("LANG", "zh_TW.UTF-8")]));
        assert_eq!(zh_tw.as_deref(), Some("zh"), "an empty LC_ALL is unset");
        assert_eq!(locale_from(env(&[])), None, "none set: the system's language decides");
    }
}
