//! A team database as this machine remembers it: the connection settings in a small JSON file in the
//! app's config folder (never the password), the password in the OS keyring when there is one, and the
//! URL the API opens.
//!
//! `TeamSettings` (host, port, database, user, sslmode) live in `connection.json`. The keyring is the `keyring` crate
//! (Secret Service on Linux); no service (CI, a bare X session) is `KeyringState::Unavailable` and the password is
//! asked at each start; keyring calls time out after 5 s. The URL has its parts percent-encoded.

use std::path::{Path, PathBuf};
use std::time::Duration;

use dealgate_api::ErrorCode;
use serde::{Deserialize, Serialize};

use crate::error::ShellError;

/// Where a team database is and who signs in to it, as the connect form fills it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TeamSettings {
    /// Server host name or address.
    pub host: String,
    /// Server port (PostgreSQL's default is 5432).
    pub port: u16,
    /// Database name.
    pub database: String,
    /// The login to sign in as: who you are in DealGate.
    pub user: String,
    /// PostgreSQL `sslmode` (`disable`, `prefer`, `require`, `verify-ca`, `verify-full`); none: the driver's default.
    #[serde(default)]
    pub sslmode: Option<String>,
}

/// What is remembered on this machine: the team database last connected, and whether it is the one
/// in use (else the local database is).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remembered {
    /// The team database's settings, kept for the form even after going back to the local database.
    pub team: Option<TeamSettings>,
    /// Whether the app opens the team database at start.
    #[serde(default)]
    pub use_team: bool,
}

/// The file holding [`Remembered`] in `config_dir`.
pub fn config_file(config_dir: &Path) -> PathBuf {
    config_dir.join("connection.json")
}

/// Reads what is remembered; nothing when the file is missing or unreadable (a broken file is
/// reported on stderr and treated as none: the user connects again).
pub fn load(file: &Path) -> Remembered {
    match std::fs::read(file) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            log::warn!("ignoring {}: {e}", file.display());
            Remembered::default()
        }),
        Err(_) => Remembered::default(),
    }
}

/// Writes what is remembered (creating the folder).
pub fn save(file: &Path, remembered: &Remembered) -> Result<(), ShellError> {
    let fail = |e: std::io::Error| ShellError {
        code: ErrorCode::File,
        message: format!("cannot remember the connection in {}: {e}", file.display()),
    };
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let text = serde_json::to_string_pretty(remembered).expect("plain settings serialise");
    std::fs::write(file, text).map_err(fail)
}

/// The settings trimmed and checked, or an `invalid_input` error naming the field to fix.
pub fn validated(settings: &TeamSettings) -> Result<TeamSettings, ShellError> {
    let invalid = |message: String| ShellError { code: ErrorCode::InvalidInput, message };
    let s = TeamSettings {
        host: settings.host.trim().to_string(),
        port: settings.port,
        database: settings.database.trim().to_string(),
        user: settings.user.trim().to_string(),
        sslmode: settings.sslmode.as_deref().map(str::trim).filter(|m| !m.is_empty()).map(String::from),
    };
    for (field, value) in [("host", &s.host), ("database", &s.database), ("user", &s.user)] {
        if value.is_empty() {
            return Err(invalid(format!("{field} is empty: enter the team database's {field}")));
        }
        if value.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(invalid(format!("{field} {value:?} holds spaces or control characters")));
        }
    }
    if s.port == 0 {
        return Err(invalid("port 0: expected 1-65535 (PostgreSQL's default is 5432)".into()));
    }
    const MODES: [&str; 6] = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];
    if let Some(mode) = &s.sslmode {
        if !MODES.contains(&mode.as_str()) {
            return Err(invalid(format!("sslmode {mode:?}: expected one of {}", MODES.join(", "))));
        }
    }
    Ok(s)
}

/// Percent-encodes everything but unreserved characters, for a URL's user, password or path.
fn encode(part: &str) -> String {
    part.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The `postgres://` URL the API opens (password included when given: it stays in memory).
pub fn url(s: &TeamSettings, password: Option<&str>) -> String {
    let host = if s.host.contains(':') && !s.host.starts_with('[') { format!("[{}]", s.host) } else { s.host.clone() };
    let secret = password.map(|p| format!(":{}", encode(p))).unwrap_or_default();
    let query = s.sslmode.as_ref().map(|m| format!("?sslmode={}", encode(m))).unwrap_or_default();
    format!("postgres://{}{secret}@{host}:{}/{}{query}", encode(&s.user), s.port, encode(&s.database))
}

/// Whether the password is kept for the next start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum KeyringState {
    /// In the OS keyring.
    Saved,
    /// Not kept (the user chose not to, or never connected).
    NotSaved,
    /// This machine has no keyring service (a server, CI, a bare X session): asked at every start.
    Unavailable,
}

/// The keyring entry's service name.
const SERVICE: &str = "dealgate";
/// How long the keyring may take before it is taken to be unavailable (a session bus with no secret
/// service may otherwise wait for an activation that never comes).
const KEYRING_TIMEOUT: Duration = Duration::from_secs(5);

/// The keyring entry's account: one password per login and database.
fn account(s: &TeamSettings) -> String {
    format!("{}@{}:{}/{}", s.user, s.host, s.port, s.database)
}

/// Runs a keyring call on a blocking thread, at most [`KEYRING_TIMEOUT`]; `Err(())` when the keyring
/// is not there or does not answer.
async fn keyring<T: Send + 'static>(
    work: impl FnOnce() -> keyring::Result<T> + Send + 'static,
) -> Result<keyring::Result<T>, ()> {
    let task = tauri::async_runtime::spawn_blocking(work);
    match tokio::time::timeout(KEYRING_TIMEOUT, task).await {
        Ok(Ok(result)) => Ok(result),
        _ => Err(()),
    }
}

/// Whether a keyring error means no keyring service at all (rather than no entry).
fn no_service(e: &keyring::Error) -> bool {
    matches!(e, keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_))
}

/// The saved password, and whether the keyring is there at all.
pub async fn saved_password(s: &TeamSettings) -> (Option<String>, KeyringState) {
    let account = account(s);
    match keyring(move || keyring::Entry::new(SERVICE, &account)?.get_password()).await {
        Ok(Ok(p)) => (Some(p), KeyringState::Saved),
        Ok(Err(keyring::Error::NoEntry)) => (None, KeyringState::NotSaved),
        Ok(Err(e)) if !no_service(&e) => (None, KeyringState::NotSaved),
        _ => (None, KeyringState::Unavailable),
    }
}

/// Keeps the password in the keyring (`remember`) or removes any kept one; says what came of it.
pub async fn keep_password(s: &TeamSettings, password: &str, remember: bool) -> KeyringState {
    let account = account(s);
    let password = password.to_string();
    let outcome = keyring(move || {
        let entry = keyring::Entry::new(SERVICE, &account)?;
        if remember {
            entry.set_password(&password).map(|()| KeyringState::Saved)
        } else {
            match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(KeyringState::NotSaved),
                Err(e) => Err(e),
            }
        }
    })
    .await;
    match outcome {
        Ok(Ok(state)) => state,
        Ok(Err(e)) if !no_service(&e) => {
            log::warn!("the keyring refused the password: {e}");
            KeyringState::NotSaved
        }
        _ => KeyringState::Unavailable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> TeamSettings {
        TeamSettings {
            host: " db.example.internal ".into(),
            port: 5432,
            database: "dealgate".into(),
            user: "wang.qudao".into(),
            sslmode: Some("require".into()),
        }
    }

    #[test]
    fn the_url_encodes_user_password_and_database_and_keeps_sslmode() {
        let s = TeamSettings { user: "李@华东".into(), host: "10.0.0.5".into(), ..settings() };
        assert_eq!(
            url(&s, Some("p@ss:w/rd")),
            "postgres://%E6%9D%8E%40%E5%8D%8E%E4%B8%9C:p%40ss%3Aw%2Frd@10.0.0.5:5432/dealgate?sslmode=require"
        );
        let v6 = TeamSettings { host: "::1".into(), sslmode: None, ..settings() };
        assert_eq!(url(&v6, None), "postgres://wang.qudao@[::1]:5432/dealgate");
    }

    #[test]
    fn validation_trims_and_names_the_field_to_fix() {
        let ok = validated(&settings()).unwrap();
        assert_eq!(ok.host, "db.example.internal");
        let empty = validated(&TeamSettings { database: "  ".into(), ..settings() }).unwrap_err();
        assert_eq!(empty.code, ErrorCode::InvalidInput);
        assert!(empty.message.starts_with("database is empty"), "{}", empty.message);
        let port = validated(&TeamSettings { port: 0, ..settings() }).unwrap_err();
        assert!(port.message.contains("1-65535"), "{}", port.message);
        let mode = validated(&TeamSettings { sslmode: Some("always".into()), ..settings() }).unwrap_err();
        assert!(mode.message.contains("verify-full"), "{}", mode.message);
        let spaced = validated(&TeamSettings { user: "wang qudao".into(), ..settings() }).unwrap_err();
        assert!(spaced.message.contains("user"), "{}", spaced.message);
    }

    #[test]
    fn what_is_remembered_round_trips_without_any_password() {
        let dir = tempfile::tempdir().unwrap();
        let file = config_file(&dir.path().join("nested"));
        assert_eq!(load(&file), Remembered::default(), "nothing remembered yet");
        let remembered = Remembered { team: Some(validated(&settings()).unwrap()), use_team: true };
        save(&file, &remembered).unwrap();
        assert_eq!(load(&file), remembered);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("password"), "{text}");
        std::fs::write(&file, "{ not json").unwrap();
        assert_eq!(load(&file), Remembered::default(), "a broken file is treated as nothing remembered");
    }
}
