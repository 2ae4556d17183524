//! The one error type that crosses the Tauri boundary, serialised for the UI as `{ "code", "message" }`.

use dealgate_api::{ApiError, ErrorCode};
use serde::Serialize;

/// An error a command returns to the UI.
///
/// `code` is the API's [`ErrorCode`], serialised as its stable snake_case name (`"not_found"`, `"storage"`...)
/// so the UI can branch on it; `message` is for people and says what went wrong and what they can do about
/// it. Errors are mapped into this type with a `From` impl, one per source error, so commands can use `?`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[error("{message} ({code:?})")]
pub struct ShellError {
    /// Stable identifier, e.g. `"internal"`.
    pub code: ErrorCode,
    /// Human-readable explanation.
    pub message: String,
}

impl From<ApiError> for ShellError {
    /// The message in the window's language (`crate::lang`); the UI names the code beside it. Every
    /// error the user is shown is logged here, in English, with where in the shell it was returned.
    #[track_caller]
    fn from(e: ApiError) -> Self {
        let at = std::panic::Location::caller();
        log::warn!("{}:{}: {:?}: {}", at.file(), at.line(), e.code, e.words(dealgate_api::domain::Lang::En));
        Self { code: e.code, message: e.words(crate::lang::current()) }
    }
}

#[cfg(test)]
mod tests {
    use super::ShellError;
    use dealgate_api::{ApiError, ErrorCode};

    #[test]
    fn keeps_the_api_errors_code_and_message_as_snake_case_json() {
        crate::lang::set(dealgate_api::domain::Lang::En);
        let error = ShellError::from(ApiError::new(ErrorCode::NotFound, "no registration \"R-1\"; import it first"));
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "not_found", "message": "no registration \"R-1\"; import it first" })
        );
    }

    #[test]
    fn multi_word_codes_stay_snake_case() {
        let error = ShellError::from(ApiError::new(ErrorCode::UnsupportedFile, "x.pdf is not CSV or XLSX"));
        assert_eq!(serde_json::to_value(&error).unwrap()["code"], "unsupported_file");
    }
}
