//! The one boundary error: `{code, message}`, what the CLI prints and the desktop app shows.

use serde::Serialize;

/// What kind of failure, for programs; `message` is for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request itself is wrong (bad date, unknown outcome, empty reason...).
    InvalidInput,
    /// A registration, dispute or user does not exist.
    NotFound,
    /// The acting user may not do this.
    Forbidden,
    /// The request conflicts with the current state (already decided, dispute already ruled...).
    Conflict,
    /// A file could not be read or written.
    File,
    /// A file is not CSV/XLSX or lacks required columns; nothing was imported.
    UnsupportedFile,
    /// The database failed.
    Storage,
    /// The user cancelled long work; nothing was written.
    Cancelled,
    /// A bug.
    Internal,
}

/// The error every API function returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// Kind of failure.
    pub code: ErrorCode,
    /// What happened and what the user can do, naming file, line, column, value where there is one.
    pub message: String,
}

impl ApiError {
    /// A new error.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into() }
    }
    pub(crate) fn invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::InvalidInput, message)
    }
    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::NotFound, message)
    }
    pub(crate) fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::Forbidden, message)
    }
    pub(crate) fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorCode::Conflict, message)
    }
}

impl From<dealgate_store::StoreError> for ApiError {
    fn from(e: dealgate_store::StoreError) -> Self {
        use dealgate_store::StoreError as E;
        let code = match e {
            E::Changed { .. } => ErrorCode::Conflict,
            E::Missing { .. } => ErrorCode::NotFound,
            E::ReadOnly { .. } | E::Denied { .. } => ErrorCode::Forbidden,
            E::Unsupported(_) => ErrorCode::InvalidInput,
            _ => ErrorCode::Storage,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<dealgate_ingest::IngestError> for ApiError {
    fn from(e: dealgate_ingest::IngestError) -> Self {
        use dealgate_ingest::IngestError as E;
        let code = match e {
            E::Io { .. } => ErrorCode::File,
            _ => ErrorCode::UnsupportedFile,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<dealgate_audit::AuditError> for ApiError {
    fn from(e: dealgate_audit::AuditError) -> Self {
        ApiError::new(ErrorCode::File, e.to_string())
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> Self {
        ApiError::new(ErrorCode::Internal, format!("background work failed: {e}"))
    }
}

/// Result of an API call.
pub type ApiResult<T> = Result<T, ApiError>;
