//! Data commands: each source's freshness, the current decisions, import preview and import with progress.

use std::path::PathBuf;
use std::sync::Arc;

use dealgate_api::domain::{Decision, RecordKind};
use dealgate_api::{ColumnAssignment, ImportOutcome, Preview, SourceView};
use tauri::ipc::Channel;
use tauri::State;

use crate::error::ShellError;
use crate::progress::{ChannelProgress, ProgressEvent};
use crate::state::{Backend, Session};

/// Row counts and last import of each source, and whether it is stale (never, or over 7 days ago).
#[tauri::command]
#[specta::specta]
pub async fn sources(backend: State<'_, Backend>) -> Result<Vec<SourceView>, ShellError> {
    Ok(backend.api()?.sources_at(chrono::Utc::now()).await?)
}

/// The current decision of every registration that has one, in `submitted_at` order.
#[tauri::command]
#[specta::specta]
pub async fn decisions(backend: State<'_, Backend>) -> Result<Vec<Decision>, ShellError> {
    Ok(backend.api()?.current_decisions().await?.into_iter().map(crate::lang::decision).collect())
}

/// Encoding, header row, proposed column mapping and the first rows of a file.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(
    backend: State<'_, Backend>,
    path: String,
    kind: RecordKind,
) -> Result<Preview, ShellError> {
    Ok(backend.api()?.import_preview(&PathBuf::from(path), kind).await?)
}

/// Imports a file as the acting user, with headers assigned by hand (`mapping`), reporting progress;
/// `cancel_job` before the write stops it with nothing imported. Registrations are checked as part of
/// the import unless `check` is false.
#[tauri::command]
#[specta::specta]
pub async fn import_file(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    path: String,
    kind: RecordKind,
    mapping: Option<Vec<ColumnAssignment>>,
    check: bool,
    on_progress: Channel<ProgressEvent>,
) -> Result<ImportOutcome, ShellError> {
    let api = backend.api()?;
    let actor = session.actor(&api).await?;
    let job = session.start_job()?;
    let progress = Arc::new(ChannelProgress::new(on_progress, job.flag.clone()));
    let mapping = mapping.unwrap_or_default();
    let mut outcome =
        api.import_mapped_and_check(kind, &PathBuf::from(path), &mapping, &actor, check, progress).await?;
    if let Some(c) = outcome.check.as_mut() {
        c.word(crate::lang::current());
    }
    crate::lang::row_errors(&mut outcome.errors);
    crate::lang::row_warnings(&mut outcome.warnings);
    Ok(outcome)
}
