//! Audit use cases: verify the whole chain, export a filtered slice (CSV with BOM, XLSX, JSON).

use crate::{Api, ApiResult, AuditFilter};
use dealgate_audit::{export, verify, ExportFormat, ExportSummary, NewEntry, Tamper};
use serde::Serialize;
use serde_json::json;
use std::path::PathBuf;

/// What `audit verify` found.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyOutcome {
    /// Entries checked.
    pub entries_checked: usize,
    /// Problems, by entry; empty when the chain is intact.
    pub problems: Vec<Tamper>,
}

impl VerifyOutcome {
    /// Whether the chain is intact.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// An export request.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// File format.
    pub format: ExportFormat,
    /// Where to write.
    pub out: PathBuf,
    /// Which entries.
    pub filter: AuditFilter,
}

impl Api {
    /// Walks the whole audit chain and reports any edited, deleted, inserted or reordered entry.
    pub async fn verify_audit(&self) -> ApiResult<VerifyOutcome> {
        let entries = self.store.audit_entries(&AuditFilter::default()).await?;
        let head = self.store.audit_head().await?;
        let report = tokio::task::spawn_blocking(move || {
            verify(&entries, Some(head.as_ref().map_or((0, dealgate_audit::GENESIS_HASH), |(s, h)| (*s, h.as_str()))))
        })
        .await?;
        Ok(VerifyOutcome { entries_checked: report.entries_checked, problems: report.problems })
    }

    /// Writes the entries matching the filter to a file; the export itself is audited.
    pub async fn export_audit(&self, req: ExportRequest, actor: Option<&str>) -> ApiResult<ExportSummary> {
        let actor = self.actor_or_system(actor).await?;
        let entries = self.store.audit_entries(&req.filter).await?;
        let (format, out) = (req.format, req.out.clone());
        let summary = tokio::task::spawn_blocking(move || export(&entries, format, &out)).await??;
        let f = &req.filter;
        let audit = NewEntry::new(&actor, "audit.export", summary.path.display().to_string()).payload(json!({
            "format": format.to_string(),
            "entries": summary.entries,
            "sha256": summary.sha256,
            "filter": { "from": f.from, "to": f.to, "region": f.region, "partner": f.partner, "outcome": f.outcome, "action": f.action },
        }));
        self.store.append_audit(audit).await?;
        Ok(summary)
    }
}
