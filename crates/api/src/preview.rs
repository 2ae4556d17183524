//! Importing from the desktop app: preview a file (encoding, headers, proposed column mapping, sample
//! rows), then import it with headers the user assigned by hand, reporting progress, cancellable
//! before anything is written.
//!
//! Also each source's freshness: never imported, or not for `STALE_DAYS`, is stale.

use crate::import_check::ImportCheck;
use crate::progress::Progress;
use crate::{Api, ApiError, ApiResult, ErrorCode};
use dealgate_domain::RecordKind;
use dealgate_ingest::{fields, preview_file, read_file_mapped, FileFormat, Preview, RowError, RowWarning};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

/// Data rows a preview shows.
pub const PREVIEW_ROWS: usize = 10;

/// A header of the file the user assigned to a field by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColumnAssignment {
    /// The header as written in the file.
    pub header: String,
    /// Canonical field name (`customer_name`...), as [`Preview::fields`] lists them.
    pub field: String,
}

/// What an import from the app did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportOutcome {
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
    /// Rows left out (a row with several bad values counts once).
    pub rejected_rows: usize,
    /// Each bad value: line, column, value, what was expected.
    pub errors: Vec<RowError>,
    /// Doubtful values kept but never used as match keys, and repeated ids.
    pub warnings: Vec<RowWarning>,
    /// Headers read as no field (ignored).
    pub unknown_columns: Vec<String>,
    /// The ids of the registrations written (new and updated), in file order; empty for other kinds.
    pub registration_ids: Vec<String>,
    /// The check run as part of the import, if it ran ([`Api::import_mapped_and_check`]).
    pub check: Option<ImportCheck>,
}

fn check_assignments(kind: RecordKind, mapping: &[ColumnAssignment]) -> ApiResult<Vec<(String, String)>> {
    let known: Vec<String> = fields(kind).into_iter().map(|f| f.field).collect();
    let mut seen = BTreeSet::new();
    for m in mapping {
        if !known.contains(&m.field) {
            return Err(ApiError::invalid(format!(
                "column {:?} is assigned to {:?}, which {} do not have; expected one of {}",
                m.header,
                m.field,
                kind.cli_name(),
                known.join(", ")
            )));
        }
        if !seen.insert(m.field.as_str()) {
            return Err(ApiError::invalid(format!("{} is assigned to more than one column; pick one", m.field)));
        }
    }
    Ok(mapping.iter().map(|m| (m.header.clone(), m.field.clone())).collect())
}

/// Days after which a source's last import counts as stale.
pub const STALE_DAYS: i64 = 7;

/// How much a source holds, how fresh it is, and whether it is stale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SourceView {
    /// Which source.
    pub kind: RecordKind,
    /// Rows held.
    pub rows: i64,
    /// When it was last imported (RFC 3339), if ever.
    pub last_import_at: Option<String>,
    /// File last imported.
    pub last_file: Option<String>,
    /// Never imported, or last imported more than [`STALE_DAYS`] days before `now`.
    pub stale: bool,
}

impl Api {
    /// Each source with its staleness as of `now` (UTC).
    pub async fn sources_at(&self, now: chrono::DateTime<chrono::Utc>) -> ApiResult<Vec<SourceView>> {
        Ok(self
            .store
            .sources()
            .await?
            .into_iter()
            .map(|s| {
                let last = s.last_import_at.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
                SourceView {
                    stale: last.is_none_or(|t| now.signed_duration_since(t) > chrono::Duration::days(STALE_DAYS)),
                    kind: s.kind,
                    rows: s.rows,
                    last_import_at: s.last_import_at,
                    last_file: s.last_file,
                }
            })
            .collect())
    }

    /// Reads the top of a file: encoding, header row, proposed mapping, required columns still
    /// missing, the first rows and how many rows follow the header.
    pub async fn import_preview(&self, path: &Path, kind: RecordKind) -> ApiResult<Preview> {
        let owned = path.to_path_buf();
        Ok(tokio::task::spawn_blocking(move || preview_file(&owned, kind, PREVIEW_ROWS)).await??)
    }

    /// Imports a file of `kind` with headers assigned by hand (they win over the built-in aliases).
    /// Good rows are written in one transaction with one audit entry; bad rows are reported. Cancelled
    /// (through `progress`) before that transaction, nothing is written.
    pub async fn import_mapped(
        &self,
        kind: RecordKind,
        path: &Path,
        mapping: &[ColumnAssignment],
        actor: &str,
        progress: Arc<dyn Progress>,
    ) -> ApiResult<ImportOutcome> {
        let importer = self.importer(kind, Some(actor)).await?;
        let pairs = check_assignments(kind, mapping)?;
        progress.report("reading", 0, 1);
        let owned = path.to_path_buf();
        let mapped = pairs.clone();
        let parsed = tokio::task::spawn_blocking(move || read_file_mapped(&owned, kind, &mapped)).await??;
        progress.report("reading", 1, 1);
        if progress.cancelled() {
            return Err(ApiError::new(ErrorCode::Cancelled, "import cancelled; nothing was imported"));
        }
        let actor = match &importer {
            Some(user) => {
                self.may_import_rows(user, &parsed.records).await?;
                user.name.clone()
            }
            None => self.actor(actor).await?.name,
        };
        let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let rejected_rows = parsed.rejected_lines().len();
        progress.report("saving", 0, parsed.records.len());
        let counts = self.write_import(kind, &file, &parsed, &actor, Some(&pairs)).await?;
        progress.report("saving", parsed.records.len(), parsed.records.len());
        let registration_ids = crate::import::registration_ids(&parsed.records);
        Ok(ImportOutcome {
            kind,
            file,
            format: parsed.format,
            rows_read: parsed.rows_read,
            inserted: counts.inserted,
            updated: counts.updated,
            rejected_rows,
            errors: parsed.rejected,
            warnings: parsed.warnings,
            unknown_columns: parsed.ignored_columns,
            registration_ids,
            check: None,
        })
    }

    /// [`Api::import_mapped`], then, for registrations and unless `check` is false, the check of the
    /// file's registrations as part of the import ([`Api::check_imported`]), as `actor`.
    pub async fn import_mapped_and_check(
        &self,
        kind: RecordKind,
        path: &Path,
        mapping: &[ColumnAssignment],
        actor: &str,
        check: bool,
        progress: Arc<dyn Progress>,
    ) -> ApiResult<ImportOutcome> {
        let mut outcome = self.import_mapped(kind, path, mapping, actor, progress.clone()).await?;
        if check && !outcome.registration_ids.is_empty() {
            let today = crate::decide::today();
            outcome.check = Some(self.check_imported(&outcome.registration_ids, today, Some(actor), progress).await?);
        }
        Ok(outcome)
    }
}
