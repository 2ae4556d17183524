//! Import use case: read a CSV/XLSX file, upsert the good rows in one transaction, report the rest.
//!
//! The rows' name keys are made in parallel and stored with the rows (`check::name_keys`). `import_and_check` (and
//! `import_mapped_and_check`, `preview.rs`) then check the file's registrations (`import_check.rs`).

use crate::check::ImportedRows;
use crate::import_check::ImportCheck;
use crate::progress::Progress;
use crate::{Api, ApiError, ApiResult, ErrorCode};
use dealgate_audit::NewEntry;
use dealgate_domain::RecordKind;
use dealgate_ingest::{read_file, FileFormat, Parsed, Records, RowError, RowWarning};
use dealgate_store::{ImportCounts, ImportLog};
use serde::Serialize;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    /// Which source.
    pub kind: RecordKind,
    /// File name.
    pub file: String,
    /// How the file was read.
    pub format: FileFormat,
    /// Data rows read.
    pub rows_read: usize,
    /// New records.
    pub inserted: usize,
    /// Existing ids updated.
    pub updated: usize,
    /// Bad rows, each with file, line, column, value and what was expected.
    pub rejected: Vec<RowError>,
    /// Doubtful values kept but never used as match keys.
    pub warnings: Vec<RowWarning>,
    /// Columns not recognised (ignored).
    pub ignored_columns: Vec<String>,
    /// For a workbook of several sheets: which sheet was read and which were not.
    pub sheet_note: Option<String>,
    /// The same in Chinese.
    #[serde(skip)]
    pub sheet_note_zh: Option<String>,
    /// The ids of the registrations written (new and updated), in file order; empty for other kinds.
    pub registration_ids: Vec<String>,
    /// The check run as part of the import ([`Api::import_and_check`]), if it ran.
    pub check: Option<ImportCheck>,
}

/// The ids of the registrations among `records`, in file order.
pub(crate) fn registration_ids(records: &Records) -> Vec<String> {
    match records {
        Records::Registrations(v) => v.iter().map(|r| r.registration_id.clone()).collect(),
        _ => Vec::new(),
    }
}

impl Api {
    /// Imports a file of `kind`. A file that cannot be read, is not CSV/XLSX or lacks a required column
    /// changes nothing; otherwise every good row is written in one transaction with one audit entry.
    pub async fn import(&self, kind: RecordKind, path: &Path, actor: Option<&str>) -> ApiResult<ImportReport> {
        let importer = self.importer(kind, actor).await?;
        let owned = path.to_path_buf();
        let parsed = tokio::task::spawn_blocking(move || read_file(&owned, kind)).await??;
        let actor = match &importer {
            Some(user) => {
                self.may_import_rows(user, &parsed.records).await?;
                user.name.clone()
            }
            None => self.actor_or_system(actor).await?,
        };
        let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let counts = self.write_import(kind, &file, &parsed, &actor, None).await?;
        let registration_ids = registration_ids(&parsed.records);
        let sheet_note = parsed.sheet_note();
        let sheet_note_zh = parsed.sheet_note_in(dealgate_domain::Lang::Zh);
        Ok(ImportReport {
            kind,
            file,
            sheet_note,
            sheet_note_zh,
            format: parsed.format,
            rows_read: parsed.rows_read,
            inserted: counts.inserted,
            updated: counts.updated,
            rejected: parsed.rejected,
            warnings: parsed.warnings,
            ignored_columns: parsed.ignored_columns,
            registration_ids,
            check: None,
        })
    }

    /// [`Api::import`], then, for registrations and unless `check` is false, the check of the file's
    /// registrations as part of the import ([`Api::check_imported`]): a person's decision stays.
    pub async fn import_and_check(
        &self,
        kind: RecordKind,
        path: &Path,
        actor: Option<&str>,
        check: bool,
        progress: Arc<dyn Progress>,
    ) -> ApiResult<ImportReport> {
        let mut report = self.import(kind, path, actor).await?;
        if check && !report.registration_ids.is_empty() {
            let checked =
                self.check_imported(&report.registration_ids, crate::decide::today(), actor, progress).await?;
            report.check = Some(checked);
        }
        Ok(report)
    }
}

impl Api {
    /// Writes the good rows of a read file with its import-log row and audit entry (one transaction),
    /// then adds them to the cached matching corpus. A hand-made column `mapping` is recorded in the
    /// audit entry.
    pub(crate) async fn write_import(
        &self,
        kind: RecordKind,
        file: &str,
        parsed: &Parsed,
        actor: &str,
        mapping: Option<&[(String, String)]>,
    ) -> ApiResult<ImportCounts> {
        let log = ImportLog {
            file: file.to_string(),
            rows_read: parsed.rows_read,
            rejected: parsed.rejected.len(),
            warnings: parsed.warnings.len(),
            actor: actor.to_string(),
        };
        let mut payload = json!({
            "kind": kind.cli_name(),
            "rows_read": parsed.rows_read,
            "records": parsed.records.len(),
            "rejected_rows": parsed.rejected_lines().len(),
            "warnings": parsed.warnings.len(),
        });
        if let Some(pairs) = mapping {
            payload["mapping"] = json!(pairs);
        }
        let audit = NewEntry::new(actor, "import", file).payload(payload);
        // Each name as the matcher takes it apart, stored beside it: index builds then read names
        // instead of normalising them again (normalising is most of a build's work).
        let names: Vec<String> = match &parsed.records {
            Records::FollowUps(v) => v.iter().map(|r| r.account_name.clone()).collect(),
            Records::HeadAccounts(v) => v.iter().map(|r| r.account_name.clone()).collect(),
            Records::Registrations(v) => v.iter().map(|r| r.customer_name.clone()).collect(),
        };
        let keys = tokio::task::spawn_blocking(move || crate::check::name_keys(&names))
            .await
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        let before = self.store.watermarks().await?;
        let counts = match &parsed.records {
            Records::FollowUps(v) => self.store.import_follow_ups_keyed(v, &keys, log, audit).await?,
            Records::HeadAccounts(v) => self.store.import_head_accounts_keyed(v, &keys, log, audit).await?,
            Records::Registrations(v) => self.store.import_registrations_keyed(v, &keys, log, audit).await?,
        };
        let rows = match &parsed.records {
            Records::FollowUps(v) => ImportedRows::FollowUps(v),
            Records::HeadAccounts(v) => ImportedRows::Heads(v),
            Records::Registrations(v) => ImportedRows::Registrations(v),
        };
        self.matcher_imported(before, (rows, &keys)).await?;
        Ok(counts)
    }
}
