//! The audit screen: paging and searching the log, verifying the chain and exporting what the filter
//! shows, in plain types the desktop app can send (mirrors of the audit crate's types).

use crate::{Api, ApiError, ApiResult};
use dealgate_audit::{export_in, AuditEntry, ExportFormat, NewEntry};
use dealgate_domain::Lang;
use dealgate_store::{AuditQuery, Page};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::path::PathBuf;

/// One audit entry as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AuditRow {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What (`decide.accept`, `import`...).
    pub action: String,
    /// On what: a registration id, a file, a dispute.
    pub subject: String,
    /// Region concerned.
    pub region: Option<String>,
    /// Partner concerned.
    pub partner: Option<String>,
    /// Outcome set.
    pub outcome: Option<String>,
    /// Rule that fired.
    pub rule: Option<String>,
    /// Details: evidence, reasons, counts.
    pub payload: serde_json::Value,
    /// Hash of the entry before.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

impl From<AuditEntry> for AuditRow {
    fn from(e: AuditEntry) -> Self {
        AuditRow {
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            action: e.action,
            subject: e.subject,
            region: e.region,
            partner: e.partner,
            outcome: e.outcome,
            rule: e.rule,
            payload: e.payload,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

/// One problem the verification found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TamperRow {
    /// The entry concerned.
    pub seq: i64,
    /// `edited`, `deleted`, `reordered`, `inserted`, `tail_truncated`, `link_broken`, `anchor_missing`,
    /// `unrecorded` (a record no entry accounts for) or `mismatch` (a record differs from its entry).
    pub kind: String,
    /// A sentence for an auditor.
    pub detail: String,
}

/// What verifying the whole chain found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VerifyView {
    /// No problem found.
    pub intact: bool,
    /// Entries checked.
    pub entries_checked: usize,
    /// Problems, by entry.
    pub problems: Vec<TamperRow>,
    /// The chain's head as `SEQ:HASH` (`None` for an empty log): an anchor to copy into a report or an
    /// e-mail, and give back to `dealgate audit verify --anchor` later.
    pub anchor: Option<String>,
}

/// File format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ExportKind {
    /// UTF-8 CSV with BOM, formulas neutralised.
    Csv,
    /// Excel workbook.
    Xlsx,
    /// JSON array of the entries as stored.
    Json,
}

impl From<ExportKind> for ExportFormat {
    fn from(k: ExportKind) -> Self {
        match k {
            ExportKind::Csv => ExportFormat::Csv,
            ExportKind::Xlsx => ExportFormat::Xlsx,
            ExportKind::Json => ExportFormat::Json,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportResult {
    /// The file written.
    pub path: String,
    /// Entries in it.
    pub entries: usize,
    /// Size in bytes.
    pub bytes: u64,
    /// Lowercase hex SHA-256 of the file (also recorded in the audit log).
    pub sha256: String,
}

impl Api {
    /// A page of the audit log, newest first, with the total matching.
    pub async fn audit_log(&self, query: &AuditQuery) -> ApiResult<Page<AuditRow>> {
        let page = self.store.audit_page(query).await?;
        Ok(Page { total: page.total, rows: page.rows.into_iter().map(AuditRow::from).collect() })
    }

    /// Verifies the whole chain against the head anchor.
    pub async fn verify_audit_view(&self) -> ApiResult<VerifyView> {
        let v = self.verify_audit().await?;
        Ok(VerifyView {
            intact: v.is_intact(),
            entries_checked: v.entries_checked,
            anchor: v.head.as_ref().map(|a| a.to_string()),
            problems: v
                .problems
                .into_iter()
                .map(|t| TamperRow {
                    seq: t.seq,
                    kind: serde_json::to_value(t.kind)
                        .ok()
                        .and_then(|k| k.as_str().map(String::from))
                        .unwrap_or_default(),
                    detail: t.detail,
                })
                .collect(),
        })
    }

    /// Writes every entry the query matches (all pages, in chain order) to `path`; the export is audited.
    pub async fn export_audit_log(
        &self,
        path: PathBuf,
        kind: ExportKind,
        query: &AuditQuery,
        actor: &str,
        lang: Lang,
    ) -> ApiResult<ExportResult> {
        let user = self.actor(actor).await?;
        if path.as_os_str().is_empty() {
            return Err(ApiError::invalid("choose a file to export to"));
        }
        let all = AuditQuery { offset: 0, limit: 0, ..query.clone() };
        let mut entries = self.store.audit_page(&all).await?.rows;
        entries.reverse();
        let format = ExportFormat::from(kind);
        let summary = tokio::task::spawn_blocking(move || export_in(&entries, format, &path, lang)).await??;
        let audit = NewEntry::new(&user.name, "audit.export", summary.path.display().to_string()).payload(json!({
            "format": format.to_string(),
            "lang": lang.code(),
            "entries": summary.entries,
            "sha256": summary.sha256,
            "filter": query,
        }));
        self.store.append_audit(audit).await?;
        Ok(ExportResult {
            path: summary.path.display().to_string(),
            entries: summary.entries,
            bytes: summary.bytes,
            sha256: summary.sha256,
        })
    }
}
