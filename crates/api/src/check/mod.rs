//! Check use case: match each selected registration against head accounts, follow-ups and earlier
//! registrations, apply the routing rules in `submitted_at` order, store the proposals with their
//! audit entries in one transaction.

mod corpus;

use crate::progress::Progress;
use crate::{Api, ApiError, ApiResult, ErrorCode};
use chrono::NaiveDate;
use corpus::Corpus;
use dealgate_audit::NewEntry;
use dealgate_domain::{Decision, DecisionStatus, MatchEvidence};
use dealgate_rules::{decide, CheckInput};
use serde::Serialize;
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Which registrations to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every registration without a final decision.
    All,
    /// These registrations (each must exist and must not be finally decided).
    Ids(Vec<String>),
}

/// What a check run did.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The stored proposals, in `submitted_at` order.
    pub decisions: Vec<Decision>,
    /// Registrations skipped because a person already decided them.
    pub skipped_final: usize,
}

/// Evidence rows copied into each decision's audit entry.
const AUDIT_EVIDENCE: usize = 3;

impl Api {
    /// Runs the check as of `as_of` and stores a proposed decision per registration.
    pub async fn check(
        &self,
        selection: Selection,
        as_of: NaiveDate,
        actor: Option<&str>,
        progress: Arc<dyn Progress>,
    ) -> ApiResult<CheckReport> {
        let actor = self.actor_or_system(actor).await?;
        let (version, settings) = self.store.settings().await?;
        progress.report("loading", 0, 1);
        let heads = self.store.head_accounts().await?;
        let follow_ups = self.store.follow_ups().await?;
        let registrations = self.store.registrations().await?;
        let standing: HashMap<String, Decision> =
            self.store.current_decisions().await?.into_iter().map(|d| (d.registration_id.clone(), d)).collect();

        let wanted: Option<HashSet<String>> = match &selection {
            Selection::All => None,
            Selection::Ids(ids) => {
                let known: HashSet<&str> = registrations.iter().map(|r| r.registration_id.as_str()).collect();
                for id in ids {
                    if !known.contains(id.as_str()) {
                        return Err(ApiError::not_found(format!("no registration {id:?}; import it first")));
                    }
                    if let Some(d) = standing.get(id).filter(|d| d.status.is_final()) {
                        return Err(ApiError::conflict(format!(
                            "{id} is already decided ({}, {} by {}); open a dispute to contest it",
                            d.outcome,
                            d.status.as_str(),
                            d.actor
                        )));
                    }
                }
                Some(ids.iter().cloned().collect())
            }
        };
        let job_actor = actor.clone();
        let p = progress.clone();
        let (decisions, skipped) = tokio::task::spawn_blocking(move || {
            p.report("indexing", 0, 1);
            let corpus = Corpus::new(heads, follow_ups, registrations);
            run(&corpus, &settings, version, as_of, &job_actor, wanted.as_ref(), standing, p.as_ref())
        })
        .await??;
        progress.report("saving", 0, decisions.len());
        let ids = self.store.record_decisions(decisions.clone()).await?;
        let decisions = decisions.into_iter().zip(ids).map(|((d, _), id)| Decision { id, ..d }).collect();
        progress.report("saving", 1, 1);
        Ok(CheckReport { decisions, skipped_final: skipped })
    }
}

#[allow(clippy::too_many_arguments)]
fn run(
    corpus: &Corpus,
    settings: &dealgate_domain::Settings,
    version: i64,
    as_of: NaiveDate,
    actor: &str,
    wanted: Option<&HashSet<String>>,
    mut standing: HashMap<String, Decision>,
    progress: &dyn Progress,
) -> ApiResult<(Vec<(Decision, NewEntry)>, usize)> {
    let targets: Vec<_> =
        corpus.registrations().iter().filter(|r| wanted.is_none_or(|w| w.contains(&r.registration_id))).collect();
    let skipped = if wanted.is_none() {
        targets.iter().filter(|r| standing.get(&r.registration_id).is_some_and(|d| d.status.is_final())).count()
    } else {
        0
    };
    let now = crate::decide::now();
    let mut out = Vec::with_capacity(targets.len());
    for (i, reg) in targets.iter().enumerate() {
        if standing.get(&reg.registration_id).is_some_and(|d| d.status.is_final()) {
            continue;
        }
        if i % 256 == 0 {
            if progress.cancelled() {
                return Err(ApiError::new(ErrorCode::Cancelled, "check cancelled; nothing was stored"));
            }
            progress.report("checking", i, targets.len());
        }
        let (heads, follow_ups, registrations) = corpus.candidates(reg, settings, as_of, &standing);
        let p = decide(&CheckInput { registration: reg, heads, follow_ups, registrations, settings, as_of });
        let d = Decision {
            id: 0,
            registration_id: reg.registration_id.clone(),
            outcome: p.outcome,
            rule: p.rule.to_string(),
            summary: p.summary,
            lead: p.lead,
            direct_owner: p.direct_owner,
            protection_until: p.protection_until,
            matches: p.matches,
            settings_version: version,
            as_of,
            status: DecisionStatus::Proposed,
            actor: actor.to_string(),
            reason: None,
            created_at: now,
        };
        standing.insert(d.registration_id.clone(), d.clone());
        let mut audit = audit_entry(&d, actor);
        audit.region = reg.region.clone();
        audit.partner = Some(reg.partner.clone());
        out.push((d, audit));
    }
    progress.report("checking", targets.len(), targets.len());
    Ok((out, skipped))
}

/// The audit entry of a proposal: outcome, rule, settings version and the strongest evidence.
fn audit_entry(d: &Decision, actor: &str) -> NewEntry {
    let evidence: Vec<&MatchEvidence> = d.matches.iter().take(AUDIT_EVIDENCE).collect();
    NewEntry::new(actor, "check.propose", &d.registration_id).outcome(d.outcome.as_str()).rule(&d.rule).payload(json!({
        "summary": d.summary,
        "as_of": d.as_of,
        "settings_version": d.settings_version,
        "protection_until": d.protection_until,
        "direct_owner": d.direct_owner,
        "evidence": evidence,
    }))
}
