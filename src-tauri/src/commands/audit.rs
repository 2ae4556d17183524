//! Audit commands: page and search the log, verify the chain, export what the filter shows.

use std::path::PathBuf;

use dealgate_api::{AuditQuery, AuditRow, ExportKind, ExportResult, Page, VerifyView};
use tauri::State;

use crate::error::ShellError;
use crate::state::{Backend, Session};

/// A page of the audit log, newest first.
#[tauri::command]
#[specta::specta]
pub async fn audit_log(backend: State<'_, Backend>, filter: AuditQuery) -> Result<Page<AuditRow>, ShellError> {
    let mut page = backend.api()?.audit_log(&filter).await?;
    for row in &mut page.rows {
        crate::lang::audit_payload(&mut row.payload);
    }
    Ok(page)
}

/// Verifies the whole chain: intact, or each edited / deleted / inserted / reordered entry.
#[tauri::command]
#[specta::specta]
pub async fn verify_audit(backend: State<'_, Backend>) -> Result<VerifyView, ShellError> {
    Ok(backend.api()?.verify_audit_view().await?)
}

/// Writes every entry the filter matches (all pages, not only the one shown) to `path` (chosen in a save dialog or typed); audited.
#[tauri::command]
#[specta::specta]
pub async fn export_audit(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    path: String,
    format: ExportKind,
    filter: AuditQuery,
) -> Result<ExportResult, ShellError> {
    let api = backend.api()?;
    let actor = session.actor(&api).await?;
    Ok(api.export_audit_log(PathBuf::from(path), format, &filter, &actor, crate::lang::current()).await?)
}
