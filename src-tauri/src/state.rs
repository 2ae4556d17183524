//! The shell's managed state: the DealGate API opened at startup (or the error that stopped it opening),
//! the acting user chosen in the UI, and the cancel flag of the long job running, if any.

use std::sync::{Arc, Mutex};

use dealgate_api::domain::User;
use dealgate_api::{Api, ApiError, CancelFlag, ErrorCode};

use crate::error::ShellError;

/// How often the open app does the due work.
const DUE_EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// What `setup` put in Tauri's state. When the database could not be opened the window still opens and every
/// data command returns the opening error, so the user sees why.
pub struct Backend(Result<Api, ApiError>);

impl Backend {
    /// Opens the database at [`dealgate_api::default_db_path`] (honours `DEALGATE_DB`: a file, or a team
    /// database's `postgres://` URL), blocking until done.
    pub fn open_default() -> Self {
        let path = dealgate_api::default_db_path();
        let location = path.to_string_lossy().into_owned();
        let api = tauri::async_runtime::block_on(Api::open(&location, dealgate_api::OpenMode::Create));
        if let Err(e) = &api {
            eprintln!("dealgate-desktop: cannot open {}: {}", path.display(), e.message);
        }
        Self(api)
    }

    /// Builds the matching index in the background, so that the first registration opened shows its
    /// check at once instead of waiting for the build (seconds at a million follow-ups). A check asked
    /// for meanwhile waits for this build; a failure here is left for that check to report.
    pub fn prepare_index_in_background(&self) {
        if let Ok(api) = &self.0 {
            let api = api.clone();
            tauri::async_runtime::spawn(async move {
                if let Err(e) = api.prepare_index(std::sync::Arc::new(dealgate_api::Silent)).await {
                    eprintln!("dealgate-desktop: the matching index was not prepared: {}", e.message);
                }
            });
        }
    }

    /// Does the due work (`Api::run_due`: expiries, overdue disputes, webhook deliveries) as the app
    /// opens and every [`DUE_EVERY`] while it is open, as `system` by the clock (on a team database as
    /// the signed-in login). A failure is logged and tried again next time; it never stops the app.
    pub fn due_work_in_background(&self) {
        if let Ok(api) = &self.0 {
            let api = api.clone();
            std::thread::spawn(move || loop {
                match tauri::async_runtime::block_on(api.run_due(None)) {
                    Ok(r) if !r.expired.is_empty() || !r.notifications.failed.is_empty() => eprintln!(
                        "dealgate-desktop: due work: {} protection(s) expired, {} webhook message(s) failed",
                        r.expired.len(),
                        r.notifications.failed.len()
                    ),
                    Ok(_) => {}
                    Err(e) => eprintln!("dealgate-desktop: due work failed: {}", e.message),
                }
                std::thread::sleep(DUE_EVERY);
            });
        }
    }

    /// The open API, or the error that stopped it opening.
    pub fn api(&self) -> Result<&Api, ShellError> {
        self.0.as_ref().map_err(|e| ShellError::from(e.clone()))
    }
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

    /// The acting user: the one switched to, else the API's default (first admin, else first user).
    pub async fn current(&self, api: &Api) -> Result<Option<User>, ShellError> {
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
    use super::{Backend, Session};
    use dealgate_api::{ApiError, ErrorCode};

    #[test]
    fn a_failed_open_is_returned_by_every_call() {
        let backend = Backend(Err(ApiError::new(ErrorCode::Storage, "unable to open database file")));
        let err = backend.api().err().unwrap();
        assert_eq!((err.code, err.message.as_str()), (ErrorCode::Storage, "unable to open database file"));
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
