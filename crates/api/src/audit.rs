//! Audit use cases: verify the whole chain, export a filtered slice (CSV with BOM, XLSX, JSON).

use crate::audit_check::{self, Anchor};
use crate::{Api, ApiResult, AuditFilter};
use dealgate_audit::{export_in, verify, ExportFormat, ExportSummary, NewEntry, Tamper};
use dealgate_domain::Lang;
use serde::Serialize;
use serde_json::json;
use std::path::PathBuf;

/// What `audit verify` found.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyOutcome {
    /// Entries checked.
    pub entries_checked: usize,
    /// The chain's head as the store records it (`None` for an empty log): copy it out of the database
    /// (a report, an e-mail) and give it back to a later verification as an anchor.
    pub head: Option<Anchor>,
    /// Decisions, disputes and head accounts cross-checked against the entries that made them.
    pub records_checked: usize,
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
    /// The language of a CSV or XLSX export's headers, words and times (JSON is as stored).
    pub lang: Lang,
}

impl Api {
    /// Walks the whole audit chain and reports any edited, deleted, inserted or reordered entry.
    pub async fn verify_audit(&self) -> ApiResult<VerifyOutcome> {
        self.verify_audit_anchored(&[]).await
    }

    /// Walks the whole audit chain and reports any edited, deleted, inserted or reordered entry, any
    /// anchor (kept outside the database) the chain no longer holds, and any current decision or dispute
    /// that differs from the entries that made it.
    pub async fn verify_audit_anchored(&self, anchors: &[Anchor]) -> ApiResult<VerifyOutcome> {
        let entries = self.store.audit_entries(&AuditFilter::default()).await?;
        let head = self.store.audit_head().await?;
        let current = self.store.current_decisions().await?;
        let disputes = self.store.disputes(false).await?;
        let heads = self.store.head_accounts().await?;
        let anchors = anchors.to_vec();
        let records_checked = current.len() + disputes.len() + heads.len();
        let (report, head) = tokio::task::spawn_blocking(move || {
            let mut report = verify(
                &entries,
                Some(head.as_ref().map_or((0, dealgate_audit::GENESIS_HASH), |(s, h)| (*s, h.as_str()))),
            );
            report.problems.extend(audit_check::anchors(&entries, &anchors));
            report.problems.extend(audit_check::decisions(&entries, &current));
            report.problems.extend(audit_check::disputes(&entries, &disputes));
            report.problems.extend(audit_check::head_accounts(&entries, &dealgate_audit::rows_digest(&heads)));
            report.problems.sort_by_key(|p| p.seq);
            (report, head.map(|(seq, hash)| Anchor { seq, hash }))
        })
        .await?;
        Ok(VerifyOutcome { entries_checked: report.entries_checked, head, records_checked, problems: report.problems })
    }

    /// The chain's head now, to keep outside the database as an anchor (`None` for an empty log).
    pub async fn audit_anchor(&self) -> ApiResult<Option<Anchor>> {
        Ok(self.store.audit_head().await?.map(|(seq, hash)| Anchor { seq, hash }))
    }

    /// Writes the entries matching the filter to a file; the export itself is audited.
    pub async fn export_audit(&self, req: ExportRequest, actor: Option<&str>) -> ApiResult<ExportSummary> {
        let actor = self.actor_or_system(actor).await?;
        let entries = self.store.audit_entries(&req.filter).await?;
        let (format, out, lang) = (req.format, req.out.clone(), req.lang);
        let summary = tokio::task::spawn_blocking(move || export_in(&entries, format, &out, lang)).await??;
        let f = &req.filter;
        let audit = NewEntry::new(&actor, "audit.export", summary.path.display().to_string()).payload(json!({
            "format": format.to_string(),
            "lang": lang.code(),
            "entries": summary.entries,
            "sha256": summary.sha256,
            "filter": { "from": f.from, "to": f.to, "region": f.region, "partner": f.partner, "outcome": f.outcome, "action": f.action },
        }));
        self.store.append_audit(audit).await?;
        Ok(summary)
    }
}
