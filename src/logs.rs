//! The CLI's log: `tracing` events to a file rotated daily in the platform's log folder (Linux
//! `~/.local/state/dealgate/logs`, macOS `~/Library/Application Support/dealgate/logs`, Windows
//! `%LOCALAPPDATA%\dealgate\logs`; `DEALGATE_LOG_DIR` overrides), the last 14 days kept. Level from
//! `DEALGATE_LOG` (an `EnvFilter`, default `info`). A folder that cannot be written leaves logging off.

use std::path::PathBuf;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};

/// Where the log files go.
pub fn log_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DEALGATE_LOG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::state_dir().or_else(dirs::data_local_dir).map(|d| d.join("dealgate").join("logs"))
}

/// Starts logging; keep the guard until exit (it flushes the last lines).
pub fn init() -> Option<WorkerGuard> {
    let dir = log_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix("dealgate")
        .filename_suffix("log")
        .max_log_files(14)
        .build(&dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_env("DEALGATE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer).with_ansi(false).try_init().ok()?;
    Some(guard)
}
