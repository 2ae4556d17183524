//! The check run again under other settings, storing nothing: what the policy replay reports. The kept
//! corpus and its index are used as a check uses them; only the settings and what stands differ.
//!
//! Remembered pairs and head-account groups are applied as a check applies them (`check::decide_learnt`), and a
//! person's (or the clock's) decision is left standing for the registrations after it.

use super::cache::Matcher;
use super::corpus::{SourceHits, Standings};
use super::BATCH;
use crate::progress::Progress;
use crate::{Api, ApiError, ApiResult, ErrorCode};
use chrono::NaiveDate;
use dealgate_domain::{DecisionStatus, Registration, Settings, Standing};
use dealgate_rules::Proposal;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Makes the settings to run under from those in force.
pub(crate) type Draft = Box<dyn FnOnce(&Settings) -> ApiResult<Settings> + Send>;
/// Selects the registrations to run.
pub(crate) type Pick = Box<dyn Fn(&Registration) -> bool + Send + Sync>;
/// Takes each registration run.
pub(crate) type Each = Box<dyn FnMut(Rerun<'_>) + Send>;

/// One registration as it stands and as the check would decide it under other settings.
pub(crate) struct Rerun<'a> {
    /// The registration.
    pub(crate) registration: &'a Registration,
    /// Its current decision, if it has one.
    pub(crate) current: Option<&'a Standing>,
    /// What the rules propose under the other settings.
    pub(crate) proposal: Proposal,
}

impl Api {
    /// Runs the rules for the registrations `pick` selects (in `submitted_at` order) under `settings`
    /// as of `as_of`, handing each to `each`. Registrations a person (or the clock) decided keep their
    /// decision for the registrations after them, as a real check would leave them; the others stand
    /// as re-proposed. Returns the settings version in force, those settings and the draft. Writes nothing.
    pub(crate) async fn rerun(
        &self,
        settings: Draft,
        as_of: NaiveDate,
        pick: Pick,
        progress: Arc<dyn Progress>,
        each: Each,
    ) -> ApiResult<(i64, Settings, Settings)> {
        // As a check does: the pairs people named, read afresh, and the head-account groups.
        let book = crate::pairs::PairBook::new(self.store.pair_labels().await?);
        let mut slot = self.matcher.lock().await;
        let (matcher, groups) = self.take_matcher_with_groups(&mut slot, &progress).await?;
        let current = matcher.settings.clone();
        let draft = match settings(&current.1) {
            Ok(d) => d,
            Err(e) => {
                Api::put_matcher(&mut slot, matcher);
                return Err(e);
            }
        };
        let targets = match self.picked(pick).await {
            Ok(t) => t,
            Err(e) => {
                Api::put_matcher(&mut slot, matcher);
                return Err(e);
            }
        };
        let d = draft.clone();
        let (matcher, out) = tokio::task::spawn_blocking(move || {
            let out = run(&matcher, (&book, &*groups), &d, as_of, &targets, progress.as_ref(), each);
            (matcher, out)
        })
        .await?;
        Api::put_matcher(&mut slot, matcher);
        out?;
        Ok((current.0, current.1, draft))
    }

    /// Every registration `pick` selects, in `submitted_at` order.
    async fn picked(&self, pick: Pick) -> ApiResult<Vec<Registration>> {
        let (tx, mut rx) = tokio::sync::mpsc::channel(2);
        let store = self.store.clone();
        let scan = tokio::spawn(async move { store.scan_registrations(4096, tx).await });
        let mut out = Vec::new();
        while let Some(chunk) = rx.recv().await {
            out.extend(chunk.into_iter().map(|(r, _)| r).filter(|r: &Registration| pick(r)));
        }
        scan.await??;
        out.sort_by(|a, b| (a.submitted_at, &a.registration_id).cmp(&(b.submitted_at, &b.registration_id)));
        Ok(out)
    }
}

/// The check's loop without its writes: a batch matched in parallel while the previous one's rules run.
fn run(
    m: &Matcher,
    learnt: super::Learnt<'_>,
    settings: &Settings,
    as_of: NaiveDate,
    targets: &[Registration],
    progress: &dyn Progress,
    mut each: Each,
) -> ApiResult<()> {
    let mut overlay: HashMap<String, Standing> = HashMap::new();
    let batches: Vec<&[Registration]> = targets.chunks(BATCH).collect();
    let match_batch = |batch: &[Registration]| -> Vec<SourceHits> {
        batch.par_iter().map(|reg| m.corpus.hits(reg, settings)).collect()
    };
    let mut pending = batches.first().map(|b| match_batch(b));
    for (b, batch) in batches.iter().enumerate() {
        if progress.cancelled() {
            return Err(ApiError::new(ErrorCode::Cancelled, "replay cancelled"));
        }
        progress.report("replaying", b * BATCH, targets.len());
        let hits = pending.take().expect("each batch is matched before its rules run");
        let next = batches.get(b + 1);
        let (matched, ()) = rayon::join(
            || next.map(|n| match_batch(n)),
            || {
                for (reg, hits) in batch.iter().zip(hits) {
                    let standing = Standings { stored: &m.standing, overlay: &overlay };
                    let c = m.corpus.assemble(reg, hits, settings, as_of, &standing);
                    let proposal = super::decide_learnt(learnt, reg, c, settings, as_of);
                    let current = m.standing.get(&reg.registration_id);
                    // A re-check leaves what a person (or the clock) decided; a proposal it replaces.
                    if current.is_none_or(|s| !s.status.is_final()) {
                        let s = Standing {
                            decision_id: 0,
                            outcome: proposal.outcome,
                            status: DecisionStatus::Proposed,
                            protection_until: proposal.protection_until,
                            actor: String::new(),
                        };
                        overlay.insert(reg.registration_id.clone(), s);
                    }
                    each(Rerun { registration: reg, current, proposal });
                }
            },
        );
        pending = matched;
    }
    progress.report("replaying", targets.len(), targets.len());
    Ok(())
}
