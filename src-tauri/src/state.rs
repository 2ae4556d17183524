//! The shell's managed state: the DealGate API opened at startup, or the error that stopped it opening.

use dealgate_api::{Api, ApiError};

use crate::error::ShellError;

/// What `setup` put in Tauri's state. When the database could not be opened the window still opens and every
/// data command returns the opening error, so the user sees why.
pub struct Backend(Result<Api, ApiError>);

impl Backend {
    /// Opens the database at [`dealgate_api::default_db_path`] (honours `DEALGATE_DB`), blocking until done.
    pub fn open_default() -> Self {
        let path = dealgate_api::default_db_path();
        let api = tauri::async_runtime::block_on(Api::open_sqlite(&path));
        if let Err(e) = &api {
            eprintln!("dealgate-desktop: cannot open {}: {}", path.display(), e.message);
        }
        Self(api)
    }

    /// The open API, or the error that stopped it opening.
    pub fn api(&self) -> Result<&Api, ShellError> {
        self.0.as_ref().map_err(|e| ShellError::from(e.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::Backend;
    use dealgate_api::{ApiError, ErrorCode};

    #[test]
    fn a_failed_open_is_returned_by_every_call() {
        let backend = Backend(Err(ApiError::new(ErrorCode::Storage, "unable to open database file")));
        let err = backend.api().err().unwrap();
        assert_eq!((err.code, err.message.as_str()), (ErrorCode::Storage, "unable to open database file"));
    }
}
