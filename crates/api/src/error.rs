//! The one boundary error: `{code, message}`, what the CLI prints and the desktop app shows.

use dealgate_domain::Lang;
use serde::Serialize;

use crate::messages::Said;

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
    /// What happened and what the user can do, naming file, line, column, value where there is one
    /// (English; [`ApiError::text`] words it in the reader's language).
    pub message: String,
    /// The same as a code and its parameters, when the error was raised with one.
    #[serde(skip)]
    pub said: Option<Box<Said>>,
}

impl ApiError {
    /// A new error.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into(), said: None }
    }

    /// A new error from its words' code; `message` is their English text.
    pub fn said(code: ErrorCode, said: Said) -> ApiError {
        ApiError { code, message: said.text(Lang::En), said: Some(Box::new(said)) }
    }

    /// The error in `lang`: its own words, or (an error raised as English text only) its kind in `lang`
    /// before the English message.
    pub fn text(&self, lang: Lang) -> String {
        match (&self.said, lang) {
            (_, Lang::En) => self.message.clone(),
            (Some(said), _) => said.text(lang),
            (None, _) => format!("{}：{}", self.code.name(lang), self.message),
        }
    }

    /// The error's own words in `lang`, without a frame: for callers that show its kind beside it (the
    /// desktop's banner names the kind itself). English text when it has no words of its own.
    pub fn words(&self, lang: Lang) -> String {
        self.said.as_ref().map_or_else(|| self.message.clone(), |s| s.text(lang))
    }

    /// The same error with its message in `lang` (for callers that only pass `{code, message}` on).
    pub fn in_lang(mut self, lang: Lang) -> ApiError {
        self.message = self.text(lang);
        self
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
        if let E::Changed { subject, .. } = &e {
            let said = Said::Changed { subject: subject.clone() };
            return ApiError { code: ErrorCode::Conflict, message: e.to_string(), said: Some(Box::new(said)) };
        }
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
        let said = Said::Import { zh: e.text(Lang::Zh) };
        ApiError { code, message: e.to_string(), said: Some(Box::new(said)) }
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
