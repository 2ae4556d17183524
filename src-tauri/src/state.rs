//! The shell's managed state: the database the app is on (the local file or a team database, swapped
//! when the user connects elsewhere) with the error that stopped it opening, if any, and the watcher that
//! tells the window when someone changed it; the acting user chosen in the UI; the cancel flag of the long
//! job running, if any.
//!
//! `Backend`: the API or the error that stopped it opening, and a `ConnectionView` of it (local or team,
//! `Store::describe`, the remembered team settings, the keyring's state, the problem), swapped whole by `replace` when
//! the user connects elsewhere (the old store closed); its task relays `Api::watch_changes` to the window as the
//! `db-changed` event. `Session`: the acting user (on a team database always the login's user, `Api::acting_as`; first
//! from `DEALGATE_USER` when it names a user, `Session::from_env`) and the cancel flag of the one running job. The
//! index is built and the due work done (`Api::run_due`, `due_work_in_background`) in the background once the window
//! has been served its first queue page (`first_page_served`, or after 3 s), so they do not slow the first screen; the
//! due work again every 15 minutes on the database then in use.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use dealgate_api::domain::User;
use dealgate_api::{Api, ApiError, CancelFlag, ErrorCode};
use serde::Serialize;
use tauri::Emitter;

use crate::error::ShellError;
use crate::team::{KeyringState, TeamSettings};

/// The event the window receives, with the new change marker, when the database changed (another
/// person, another process, or this window's own work): the UI refreshes the lists it shows.
pub const CHANGED_EVENT: &str = "db-changed";

/// Set once the window has been served its first queue page. The background work of a start (the index
/// build, the first due work) waits for it, or for [`WARM_UP_AT_MOST`], so that it does not compete with
/// the first screen for the CPU and the database: on 100,000 registrations and a million follow-ups the
/// index build alone keeps both cores of a small laptop busy for seconds.
static FIRST_PAGE: AtomicBool = AtomicBool::new(false);
/// The longest the background work of a start waits for the first queue page.
const WARM_UP_AT_MOST: std::time::Duration = std::time::Duration::from_secs(3);

/// Tells the background work of a start that the first queue page has been served.
pub fn first_page_served() {
    FIRST_PAGE.store(true, Ordering::Relaxed);
}

/// Waits until the first queue page has been served, or [`WARM_UP_AT_MOST`] has passed.
fn after_first_page() {
    let started = std::time::Instant::now();
    while !FIRST_PAGE.load(Ordering::Relaxed) && started.elapsed() < WARM_UP_AT_MOST {
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

/// Which kind of database the app is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DbMode {
    /// The embedded database file on this machine (solo mode): the user is chosen in the header.
    Local,
    /// A PostgreSQL database shared by a team: the user is the login.
    Team,
}

/// Where the app is and how it got there, for the header and the connect screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ConnectionView {
    /// Local file or team database.
    pub mode: DbMode,
    /// Which database, as the store describes it (`postgres://user@host:port/db`, never the password,
    /// or the file's path).
    pub database: String,
    /// The team database remembered on this machine (fills the connect form), if any.
    pub team: Option<TeamSettings>,
    /// Whether that database's password is kept in the OS keyring.
    pub keyring: KeyringState,
    /// Why the database is not open, when it is not: the app then shows the connect screen.
    pub problem: Option<ShellError>,
}

/// The database in use: the API or the error that stopped it opening, and what the view says of it.
struct Current {
    api: Result<Api, ApiError>,
    view: ConnectionView,
    /// The task relaying the store's change marker to the window.
    watcher: Option<tauri::async_runtime::JoinHandle<()>>,
}

/// How often the open app does the due work.
const DUE_EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// What `setup` put in Tauri's state. When the database could not be opened the window still opens and every
/// data command returns the opening error, so the user sees why (and may connect elsewhere).
pub struct Backend {
    current: RwLock<Current>,
    /// The connection file (`connection.json` in the app's config folder).
    pub config_file: PathBuf,
}

impl Backend {
    /// A backend on `api` (or its opening error), described by `view`, remembering connections in
    /// `config_file`.
    pub fn new(api: Result<Api, ApiError>, mut view: ConnectionView, config_file: PathBuf) -> Self {
        if let (Err(e), None) = (&api, &view.problem) {
            view.problem = Some(e.clone().into());
        }
        Self { current: RwLock::new(Current { api, view, watcher: None }), config_file }
    }

    /// Puts `api` (or its error) in place of the database in use, which is closed; the window is told
    /// of changes to the new one from now on, and of the switch itself.
    pub fn replace(&self, app: &tauri::AppHandle, api: Result<Api, ApiError>, mut view: ConnectionView) {
        if let (Err(e), None) = (&api, &view.problem) {
            view.problem = Some(e.clone().into());
        }
        let watcher = api.as_ref().ok().map(|a| watch(app.clone(), a.clone()));
        let old = {
            let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
            std::mem::replace(&mut *current, Current { api, view, watcher })
        };
        if let Some(task) = old.watcher {
            task.abort();
        }
        if let Ok(old) = old.api {
            tauri::async_runtime::spawn(async move { old.close().await });
        }
    }

    /// Starts relaying the open database's changes to the window (once, after setup).
    pub fn start_watching(&self, app: &tauri::AppHandle) {
        let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
        if let (Ok(api), None) = (&current.api, &current.watcher) {
            current.watcher = Some(watch(app.clone(), api.clone()));
        }
    }

    /// Builds the matching index in the background, so that the first registration opened shows its
    /// check at once instead of waiting for the build (seconds at a million follow-ups). A check asked
    /// for meanwhile waits for this build; a failure here is left for that check to report.
    pub fn prepare_index_in_background(&self) {
        if let Ok(api) = self.api() {
            tauri::async_runtime::spawn(async move {
                let _ = tauri::async_runtime::spawn_blocking(after_first_page).await;
                if let Err(e) = api.prepare_index(std::sync::Arc::new(dealgate_api::Silent)).await {
                    log::warn!("the matching index was not prepared: {}", e.message);
                }
            });
        }
    }

    /// The open API (a handle on the database in use), or the error that stopped it opening.
    pub fn api(&self) -> Result<Api, ShellError> {
        let current = self.current.read().unwrap_or_else(|p| p.into_inner());
        current.api.clone().map_err(ShellError::from)
    }

    /// Where the app is.
    pub fn view(&self) -> ConnectionView {
        self.current.read().unwrap_or_else(|p| p.into_inner()).view.clone()
    }
}

/// Does the due work (`Api::run_due`: expiries, overdue disputes, webhook deliveries) as the app opens
/// and every [`DUE_EVERY`] while it is open, on the database in use at each turn (the user may switch),
/// as `system` by the clock (on a team database as the signed-in login). A failure is logged and tried
/// again next time; it never stops the app.
pub fn due_work_in_background(app: tauri::AppHandle) {
    use tauri::Manager;
    std::thread::spawn(move || loop {
        after_first_page();
        if let Some(Ok(api)) = app.try_state::<Backend>().map(|b| b.api()) {
            match tauri::async_runtime::block_on(api.run_due(None)) {
                Ok(r) if !r.expired.is_empty() || !r.notifications.failed.is_empty() => log::info!(
                    "due work: {} protection(s) expired, {} webhook message(s) failed",
                    r.expired.len(),
                    r.notifications.failed.len()
                ),
                Ok(_) => {}
                Err(e) => log::warn!("due work failed: {}", e.message),
            }
        }
        std::thread::sleep(DUE_EVERY);
    });
}

/// Relays the store's change marker to the window as [`CHANGED_EVENT`] for as long as the task runs.
fn watch(app: tauri::AppHandle, api: Api) -> tauri::async_runtime::JoinHandle<()> {
    tauri::async_runtime::spawn(async move {
        let mut changes = match api.watch_changes().await {
            Ok(rx) => rx,
            Err(e) => {
                log::warn!("changes by others will show only after a refresh: {}", e.message);
                return;
            }
        };
        // Entries before the window opened are not announced.
        let mut seen = *changes.borrow_and_update();
        while changes.changed().await.is_ok() {
            let marker = *changes.borrow_and_update();
            let _ = app.emit(CHANGED_EVENT, marker);
            seen = crate::desktop::show_new(&app, &api, seen, marker).await;
        }
    })
}

/// Who is acting in this window, and the long job (recheck, import) that may be cancelled.
#[derive(Default)]
pub struct Session {
    user: Mutex<Option<String>>,
    job: Mutex<Option<Arc<CancelFlag>>>,
}

impl Session {
    /// A session acting first as the user named by `DEALGATE_USER` (scripts/run.sh opens the demo as its
    /// channel manager), else as the API's default; a name that matches no user falls back to the default.
    pub fn from_env() -> Self {
        let user = std::env::var("DEALGATE_USER").ok().filter(|name| !name.trim().is_empty());
        Self { user: Mutex::new(user), job: Mutex::default() }
    }

    /// The acting user: on a team database the login's user; else the one switched to, else the API's
    /// default (first admin, else first user).
    pub async fn current(&self, api: &Api) -> Result<Option<User>, ShellError> {
        if let Some(login) = api.acting_as(None).await? {
            return Ok(Some(api.user(&login).await?));
        }
        let chosen = self.user.lock().map_err(poisoned)?.clone();
        let user = match chosen {
            Some(name) => match api.user(&name).await {
                Ok(u) => Some(u),
                Err(e) if e.code == ErrorCode::NotFound => api.default_user().await?,
                Err(e) => return Err(e.into()),
            },
            None => api.default_user().await?,
        };
        *self.user.lock().map_err(poisoned)? = user.as_ref().map(|u| u.name.clone());
        Ok(user)
    }

    /// The acting user's name, or an error telling the user to load the demo or add a user first.
    pub async fn actor(&self, api: &Api) -> Result<String, ShellError> {
        self.current(api).await?.map(|u| u.name).ok_or_else(|| ShellError {
            code: ErrorCode::Forbidden,
            message: "no user yet: load the demo or add a user first".into(),
        })
    }

    /// Forgets the user switched to (the app moved to another database, where that name may mean
    /// someone else).
    pub fn forget_user(&self) -> Result<(), ShellError> {
        *self.user.lock().map_err(poisoned)? = None;
        Ok(())
    }

    /// Acts as `user` from now on.
    pub fn switch(&self, user: &User) -> Result<(), ShellError> {
        *self.user.lock().map_err(poisoned)? = Some(user.name.clone());
        Ok(())
    }

    /// Starts a cancellable job; a `conflict` error while another one runs.
    pub fn start_job(&self) -> Result<Job<'_>, ShellError> {
        let mut job = self.job.lock().map_err(poisoned)?;
        if job.is_some() {
            return Err(ShellError {
                code: ErrorCode::Conflict,
                message: "another import or check is running; wait for it or cancel it".into(),
            });
        }
        let flag = Arc::new(CancelFlag::default());
        *job = Some(flag.clone());
        Ok(Job { session: self, flag })
    }

    /// Asks the running job to stop; false when none runs.
    pub fn cancel_job(&self) -> Result<bool, ShellError> {
        let job = self.job.lock().map_err(poisoned)?;
        if let Some(flag) = job.as_ref() {
            flag.cancel();
        }
        Ok(job.is_some())
    }
}

/// A running job; it ends (and can no longer be cancelled) when dropped.
pub struct Job<'a> {
    session: &'a Session,
    /// Set when the user cancels.
    pub flag: Arc<CancelFlag>,
}

impl Drop for Job<'_> {
    fn drop(&mut self) {
        if let Ok(mut job) = self.session.job.lock() {
            *job = None;
        }
    }
}

fn poisoned<T>(_: T) -> ShellError {
    ShellError { code: ErrorCode::Internal, message: "the shell's state lock was poisoned by an earlier crash".into() }
}

#[cfg(test)]
mod tests {
    use super::{Backend, ConnectionView, DbMode, Session};
    use crate::team::KeyringState;
    use dealgate_api::{ApiError, ErrorCode};

    #[test]
    fn a_failed_open_is_returned_by_every_call_and_shown_as_the_problem() {
        // The window's language is process-wide; no test sets Chinese, so English holds for all of them.
        crate::lang::set(dealgate_api::domain::Lang::En);
        let view = ConnectionView {
            mode: DbMode::Local,
            database: "/nowhere/dealgate.db".into(),
            team: None,
            keyring: KeyringState::NotSaved,
            problem: None,
        };
        let failed = Err(ApiError::new(ErrorCode::Storage, "unable to open database file"));
        let backend = Backend::new(failed, view, "/nowhere/connection.json".into());
        let err = backend.api().err().unwrap();
        assert_eq!((err.code, err.message.as_str()), (ErrorCode::Storage, "unable to open database file"));
        assert_eq!(backend.view().problem, Some(err));
    }

    #[test]
    fn one_job_at_a_time_and_cancel_reaches_the_running_one() {
        let session = Session::default();
        assert!(!session.cancel_job().unwrap(), "nothing to cancel");
        let job = session.start_job().unwrap();
        assert_eq!(session.start_job().err().unwrap().code, ErrorCode::Conflict);
        assert!(session.cancel_job().unwrap());
        assert!(job.flag.is_set());
        drop(job);
        let next = session.start_job().unwrap();
        assert!(!next.flag.is_set(), "a new job starts uncancelled");
    }
}
