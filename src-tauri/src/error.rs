//! The one error type that crosses the Tauri boundary, serialised for the UI as `{ "code", "message" }`.

use serde::Serialize;

/// An error a command returns to the UI.
///
/// `code` is a stable, machine-readable kebab-case identifier the UI can branch on; `message` is for people
/// and says what went wrong and what they can do about it. Errors of lower crates are mapped into this type
/// with a `From` impl, one per source error, so commands can use `?`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ShellError {
    /// Stable identifier, e.g. `"internal"`.
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
}

impl ShellError {
    /// An error with the given stable `code` and human-readable `message`.
    #[allow(dead_code)] // Used once commands call fallible APIs.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::ShellError;

    #[test]
    fn serialises_as_code_and_message() {
        let error = ShellError::new("not-found", "registration R-1 does not exist");
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json, serde_json::json!({ "code": "not-found", "message": "registration R-1 does not exist" }));
    }
}
