//! The check that finishes an import of registrations: the file's registrations are proposed afresh,
//! and what changed is listed (old → new outcome, why). A person's decision is never replaced: a
//! re-imported registration someone decided keeps it, and the report says what a check would say now.

use crate::progress::Progress;
use crate::{Api, ApiResult, Selection};
use chrono::NaiveDate;
use dealgate_domain::{DecisionStatus, Lang, Outcome, Standing, Summary};
use dealgate_store::OutcomeCount;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// Most changes and kept decisions an import's check lists (the counts cover all).
pub const CHANGES_LISTED: usize = 200;
/// Decisions read back from the store at a time.
const READ_CHUNK: usize = 1000;

/// A re-imported registration whose proposal changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OutcomeChange {
    /// Registration.
    pub registration_id: String,
    /// Outcome proposed before this import.
    pub before: Outcome,
    /// Outcome proposed now.
    pub after: Outcome,
    /// Why, in the requested language (English until [`ImportCheck::word`]).
    pub why: String,
    #[serde(skip)]
    #[cfg_attr(feature = "specta", specta(skip))]
    why_code: Option<Summary>,
}

/// A re-imported registration a person had decided: the decision stays.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KeptDecision {
    /// Registration.
    pub registration_id: String,
    /// The decision that stays.
    pub outcome: Outcome,
    /// Accepted, overridden, ruled or expired.
    pub status: DecisionStatus,
    /// Who made it.
    pub by: String,
    /// What a check would propose now from the re-imported row (when it differs from the decision).
    pub would_be: Option<Outcome>,
    /// Why it would, in the requested language.
    pub why: Option<String>,
    #[serde(skip)]
    #[cfg_attr(feature = "specta", specta(skip))]
    why_code: Option<Summary>,
}

/// What the check run as part of an import did.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportCheck {
    /// Registrations of the file proposed afresh (new ones and re-imported undecided ones).
    pub checked: usize,
    /// Their new proposals per outcome.
    pub by_outcome: Vec<OutcomeCount>,
    /// Re-imported registrations whose proposed outcome changed.
    pub changed_total: usize,
    /// The first [`CHANGES_LISTED`] of them.
    pub changed: Vec<OutcomeChange>,
    /// Re-imported registrations a person decided: kept, never re-proposed.
    pub kept_total: usize,
    /// The first [`CHANGES_LISTED`] of them, with what a check would propose now.
    pub kept: Vec<KeptDecision>,
}

impl ImportCheck {
    /// Words every reason in `lang` (the English stays where a decision carries no code).
    pub fn word(&mut self, lang: Lang) {
        for c in &mut self.changed {
            if let Some(code) = &c.why_code {
                c.why = code.text(lang);
            }
        }
        for k in &mut self.kept {
            if let Some(code) = &k.why_code {
                k.why = Some(code.text(lang));
            }
        }
    }
}

impl Api {
    /// Checks the registrations `ids` (a file just imported) as of `as_of`: undecided ones get a new
    /// proposal, decided ones keep their decision. Reports new outcomes, changes and kept decisions.
    pub async fn check_imported(
        &self,
        ids: &[String],
        as_of: NaiveDate,
        actor: Option<&str>,
        progress: Arc<dyn Progress>,
    ) -> ApiResult<ImportCheck> {
        let mut seen = HashSet::new();
        let ids: Vec<String> = ids.iter().filter(|id| seen.insert(id.as_str())).cloned().collect();
        let before = self.standings_of(&ids, &progress).await?;
        let (kept_ids, open): (Vec<String>, Vec<String>) =
            ids.into_iter().partition(|id| before.get(id).is_some_and(|s| s.status.is_final()));
        let mut out = ImportCheck { kept_total: kept_ids.len(), ..ImportCheck::default() };
        if !open.is_empty() {
            let report = self.check(Selection::Ids(open), as_of, actor, progress).await?;
            out.checked = report.decision_ids.len();
            let mut counts: BTreeMap<&'static str, (Outcome, i64)> = BTreeMap::new();
            for chunk in report.decision_ids.chunks(READ_CHUNK) {
                for d in self.store.decisions_by_ids(chunk).await? {
                    counts.entry(d.outcome.as_str()).or_insert((d.outcome, 0)).1 += 1;
                    let Some(old) = before.get(&d.registration_id).filter(|s| s.outcome != d.outcome) else {
                        continue;
                    };
                    out.changed_total += 1;
                    if out.changed.len() < CHANGES_LISTED {
                        out.changed.push(OutcomeChange {
                            registration_id: d.registration_id.clone(),
                            before: old.outcome,
                            after: d.outcome,
                            why: d.summary.clone(),
                            why_code: d.summary_code.clone(),
                        });
                    }
                }
            }
            out.by_outcome = counts.into_values().map(|(outcome, count)| OutcomeCount { outcome, count }).collect();
        }
        for id in kept_ids.iter().take(CHANGES_LISTED) {
            let s = &before[id];
            let now = self.propose(id, as_of).await?;
            let differs = now.outcome != s.outcome;
            out.kept.push(KeptDecision {
                registration_id: id.clone(),
                outcome: s.outcome,
                status: s.status,
                by: s.actor.clone(),
                would_be: differs.then_some(now.outcome),
                why: differs.then(|| now.summary.clone()),
                why_code: differs.then(|| now.summary_code.clone()),
            });
        }
        Ok(out)
    }

    /// The current standing of each of `ids` that has a decision, from the kept corpus (brought up to
    /// date with the store first).
    async fn standings_of(&self, ids: &[String], progress: &Arc<dyn Progress>) -> ApiResult<HashMap<String, Standing>> {
        let mut slot = self.matcher.lock().await;
        let m = self.take_matcher(&mut slot, progress).await?;
        let out = ids.iter().filter_map(|id| m.standing.get(id).map(|s| (id.clone(), s.clone()))).collect();
        Api::put_matcher(&mut slot, m);
        Ok(out)
    }
}
