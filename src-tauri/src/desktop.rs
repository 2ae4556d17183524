//! The desktop's own habits: native notices of what concerns the acting user (`Api::notices_after`, shown
//! with the notification plugin when the database changed), the switch that turns them off (kept in
//! `desktop.json` in the app's config folder), and the diagnostics a user copies into a support request.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use dealgate_api::Api;
use serde::{Deserialize, Serialize};
use tauri::Manager;
use tauri_plugin_notification::NotificationExt;

use crate::state::{Backend, Session};

/// What the user chose for this machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Saved {
    notifications: bool,
}

/// Whether native notices are shown, and the file that remembers it.
pub struct Prefs {
    notifications: AtomicBool,
    file: PathBuf,
}

impl Prefs {
    /// The preferences remembered in `config_dir` (notices on when nothing was saved or it cannot be read).
    pub fn load(config_dir: &Path) -> Self {
        let file = config_dir.join("desktop.json");
        let saved = std::fs::read_to_string(&file).ok().and_then(|s| serde_json::from_str::<Saved>(&s).ok());
        Self { notifications: AtomicBool::new(saved.is_none_or(|s| s.notifications)), file }
    }

    /// Whether native notices are shown.
    pub fn notifications(&self) -> bool {
        self.notifications.load(Ordering::Relaxed)
    }

    /// Shows native notices or not from now on, and remembers it.
    pub fn set_notifications(&self, on: bool) -> std::io::Result<()> {
        self.notifications.store(on, Ordering::Relaxed);
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&self.file, serde_json::to_string(&Saved { notifications: on })?)
    }
}

/// Shows the notices of the audit entries after `seen` that concern the acting user, and returns the seq
/// to read after next time. With notices off, or no user yet, it only moves past the entries.
pub async fn show_new(app: &tauri::AppHandle, api: &Api, seen: i64, marker: i64) -> i64 {
    let on = app.try_state::<Prefs>().is_some_and(|p| p.notifications());
    let user = match app.try_state::<Session>() {
        Some(session) if on => session.current(api).await.ok().flatten(),
        _ => None,
    };
    let Some(user) = user else { return marker.max(seen) };
    match api.notices_after(seen, &user.name, crate::lang::current()).await {
        Ok((notices, through)) => {
            for n in notices {
                log::info!("notice for {}: {} ({:?}, entry {})", user.name, n.title, n.kind, n.seq);
                if let Err(e) = app.notification().builder().title(&n.title).body(&n.body).show() {
                    log::warn!("the notice {:?} could not be shown: {e}", n.title);
                }
            }
            through
        }
        Err(e) => {
            log::warn!("notices after entry {seen} for {} were not read: {}", user.name, e.message);
            marker.max(seen)
        }
    }
}

/// What "copy diagnostics" copies: the app's version, the database (never its password), the OS, the
/// locale and where the log is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Diagnostics {
    /// App version.
    pub version: String,
    /// Local file or team database, as `Store::describe` names it.
    pub database: String,
    /// Why the database is not open, when it is not.
    pub problem: Option<String>,
    /// Operating system and architecture.
    pub os: String,
    /// The system's locale and the language the window speaks.
    pub locale: String,
    /// The folder the app's log is written to.
    pub log_dir: String,
    /// All of it as plain text, one `key: value` a line.
    pub text: String,
}

/// The diagnostics of the running app.
pub fn diagnostics(app: &tauri::AppHandle) -> Diagnostics {
    let backend = app.try_state::<Backend>();
    let view = backend.map(|b| b.view());
    let database = view.as_ref().map_or_else(String::new, |v| format!("{:?}: {}", v.mode, v.database));
    let problem = view.and_then(|v| v.problem).map(|p| p.message);
    let os = format!("{} {} ({})", std::env::consts::OS, os_release().unwrap_or_default(), std::env::consts::ARCH);
    let locale = format!(
        "{} (window: {})",
        sys_locale::get_locale().unwrap_or_else(|| "unknown".into()),
        crate::lang::current().code()
    );
    let log_dir = app.path().app_log_dir().map(|p| p.display().to_string()).unwrap_or_default();
    let version = app.package_info().version.to_string();
    let mut text = format!("DealGate {version}\ndatabase: {database}\nos: {os}\nlocale: {locale}\nlog: {log_dir}\n");
    if let Some(p) = &problem {
        text.push_str(&format!("problem: {p}\n"));
    }
    Diagnostics { version, database, problem, os: os.trim().to_string(), locale, log_dir, text }
}

/// The distribution's name on Linux (`PRETTY_NAME` of `/etc/os-release`).
fn os_release() -> Option<String> {
    let text = std::fs::read_to_string("/etc/os-release").ok()?;
    text.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=")).map(|v| v.trim_matches('"').to_string())
}

#[cfg(test)]
mod tests {
    use super::Prefs;

    #[test]
    fn notices_are_on_until_turned_off_and_the_choice_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Prefs::load(dir.path()).notifications(), "on by default");
        Prefs::load(dir.path()).set_notifications(false).unwrap();
        assert!(!Prefs::load(dir.path()).notifications(), "off after a restart");
        std::fs::write(dir.path().join("desktop.json"), "not json").unwrap();
        assert!(Prefs::load(dir.path()).notifications(), "an unreadable file means the default");
    }
}
