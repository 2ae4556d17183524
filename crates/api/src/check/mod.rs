//! Check use case: match each selected registration against head accounts, follow-ups and earlier
//! registrations, apply the routing rules in `submitted_at` order, store the proposals with their
//! audit entries in one transaction.
//!
//! One registration searches the follow-ups beside the other two sources (`corpus.rs`). The matching of a batch runs
//! in parallel; the rules run in submitted order, each slice's rules overlapping the next slice's matching, and each
//! decided slice goes to the store's streamed write while later ones are checked (a cancelled or failed check ends the
//! stream without its end, so nothing is stored). Each proposal's audit payload is rendered to canonical JSON as it is
//! made. The report holds the stored proposals' ids: `Api::decisions` reads them back (the CLI prints them a thousand
//! at a time). `propose` is a check that stores nothing; `propose_registration` takes a registration that need not be
//! stored (the intake form's, `register.rs`).

mod cache;
mod corpus;
mod intern;
mod rerun;

pub(crate) use cache::{ImportedRows, Slot};
pub(crate) use corpus::name_keys;
pub(crate) use rerun::{Draft, Rerun};

use crate::groups::{self, HeadGroups};
use crate::pairs::{self, PairBook};
use crate::progress::Progress;
use crate::{Api, ApiError, ApiResult, ErrorCode};
use cache::Matcher;
use chrono::NaiveDate;
use corpus::{SourceHits, Standings};
use dealgate_audit::{CanonicalObject, NewEntry};
use dealgate_domain::{Decision, DecisionStatus, Registration, Settings, Standing};
use dealgate_rules::{decide, CheckInput, Proposal};
use dealgate_store::{DecisionSlice, StoreError};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
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
    /// The ids of the stored proposals, in `submitted_at` order: one per registration checked. Read the
    /// proposals with [`Api::decisions`] (a run of 100,000 does not hold them all in memory).
    pub decision_ids: Vec<i64>,
    /// Registrations skipped because a person already decided them.
    pub skipped_final: usize,
}

/// Evidence rows copied into each decision's audit entry.
const AUDIT_EVIDENCE: usize = 3;
/// Registrations matched in parallel before their rules run in order; also a slice of the write.
const BATCH: usize = 1024;
/// Slices decided but not yet written: the check waits for the writer beyond this.
const SLICES_IN_FLIGHT: usize = 8;

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
        // Read afresh by every check: a pair labelled by another process counts at once.
        let book = PairBook::new(self.store.pair_labels().await?);
        let mut slot = self.matcher.lock().await;
        let (matcher, groups) = self.take_matcher_with_groups(&mut slot, &progress).await?;
        let (version, settings) = matcher.settings.clone();
        let targets = match self.targets(&selection, &matcher).await {
            Ok(t) => t,
            Err(e) => {
                Api::put_matcher(&mut slot, matcher);
                return Err(e);
            }
        };
        let total = targets.len();
        let skipped = match selection {
            Selection::All => matcher.standing.values().filter(|s| s.status.is_final()).count(),
            Selection::Ids(_) => 0,
        };
        // Each slice of proposals is written (in one transaction) while the next slices are checked.
        let (slices, received) = tokio::sync::mpsc::channel(SLICES_IN_FLIGHT);
        let store = self.store.clone();
        let writer = tokio::spawn(async move { store.record_decisions_streamed(total, received).await });
        let job_actor = actor.clone();
        let p = progress.clone();
        let (matcher, checked) = tokio::task::spawn_blocking(move || {
            let mut send = |slice| slices.blocking_send(DecisionSlice::Items(slice)).is_ok();
            let learnt = (&book, &*groups);
            let out = run(&matcher, learnt, &settings, version, as_of, &job_actor, &targets, p.as_ref(), &mut send);
            if out.is_ok() {
                // Without this the writer rolls back: a failed or cancelled check stores nothing.
                let _ = slices.blocking_send(DecisionSlice::End);
            }
            (matcher, out)
        })
        .await?;
        Api::put_matcher(&mut slot, matcher);
        progress.report("saving", 0, total);
        let decision_ids = match (checked, writer.await?) {
            (Ok(()), Ok(ids)) => ids,
            // The writer's own failure is the cause when the check stopped because its slices had nowhere to go.
            (_, Err(e)) if !matches!(e, StoreError::Abandoned { .. }) => return Err(e.into()),
            (Err(e), _) => return Err(e),
            (Ok(()), Err(e)) => return Err(e.into()),
        };
        progress.report("saving", total, total);
        Ok(CheckReport { decision_ids, skipped_final: skipped })
    }

    /// The decisions with these ids (e.g. a check's [`CheckReport::decision_ids`]), in the order asked.
    pub async fn decisions(&self, ids: &[i64]) -> ApiResult<Vec<Decision>> {
        Ok(self.store.decisions_by_ids(ids).await?)
    }

    /// What the check would propose for one registration as of `as_of`, without storing anything: what
    /// a reviewer sees the moment a registration opens. Uses (and builds, the first time) the cached index.
    pub async fn propose(&self, registration_id: &str, as_of: NaiveDate) -> ApiResult<Proposal> {
        self.propose_with(registration_id, as_of, false).await
    }

    /// [`Api::propose`] by scoring every record instead of the index's candidates: the brute-force
    /// reference the scale benchmark compares against. Slow by design.
    pub async fn propose_exhaustive(&self, registration_id: &str, as_of: NaiveDate) -> ApiResult<Proposal> {
        self.propose_with(registration_id, as_of, true).await
    }

    async fn propose_with(&self, registration_id: &str, as_of: NaiveDate, exhaustive: bool) -> ApiResult<Proposal> {
        let reg = self
            .store
            .registration(registration_id)
            .await?
            .ok_or_else(|| crate::decide::no_registration(registration_id))?;
        Ok(self.propose_for(&reg, as_of, exhaustive).await?.0)
    }

    /// What the check would propose for `reg`, stored or not, as of `as_of` (and the settings version
    /// used), storing nothing: the intake form's check as it is typed.
    pub(crate) async fn propose_registration(
        &self,
        reg: &Registration,
        as_of: NaiveDate,
    ) -> ApiResult<(Proposal, i64)> {
        self.propose_for(reg, as_of, false).await
    }

    /// One registration's proposal on the kept matcher, with the pairs people named (read afresh) and
    /// the head-account groups applied, and the settings version it was made under.
    async fn propose_for(&self, reg: &Registration, as_of: NaiveDate, exhaustive: bool) -> ApiResult<(Proposal, i64)> {
        let book = PairBook::new(self.store.pair_labels().await?);
        let mut slot = self.matcher.lock().await;
        let progress: Arc<dyn Progress> = Arc::new(crate::Silent);
        let (matcher, groups) = self.take_matcher_with_groups(&mut slot, &progress).await?;
        let learnt = (&book, &*groups);
        let proposal = propose_one(&matcher, learnt, reg, &matcher.settings.1, as_of, &HashMap::new(), exhaustive);
        let version = matcher.settings.0;
        Api::put_matcher(&mut slot, matcher);
        Ok((proposal, version))
    }

    /// The registrations a check covers, in `submitted_at` order, without those a person decided.
    async fn targets(&self, selection: &Selection, m: &Matcher) -> ApiResult<Vec<Registration>> {
        let open = |id: &str| m.standing.get(id).is_none_or(|s| !s.status.is_final());
        match selection {
            Selection::All => {
                let (tx, mut rx) = tokio::sync::mpsc::channel(2);
                let store = self.store.clone();
                let scan = tokio::spawn(async move { store.scan_registrations(4096, tx).await });
                let mut out = Vec::new();
                while let Some(chunk) = rx.recv().await {
                    out.extend(chunk.into_iter().map(|(r, _)| r).filter(|r: &Registration| open(&r.registration_id)));
                }
                scan.await??;
                Ok(out)
            }
            Selection::Ids(ids) => {
                let found = self.store.registrations_by_ids(ids).await?;
                let mut out = Vec::with_capacity(ids.len());
                for (id, reg) in ids.iter().zip(found) {
                    let reg = reg.ok_or_else(|| crate::decide::no_registration(id))?;
                    if let Some(d) = m.standing.get(id).filter(|d| d.status.is_final()) {
                        return Err(ApiError::conflict(format!(
                            "{id} is already decided ({}, {} by {}); open a dispute to contest it",
                            d.outcome,
                            d.status.as_str(),
                            d.actor
                        )));
                    }
                    out.push(reg);
                }
                out.sort_by(|a, b| (a.submitted_at, &a.registration_id).cmp(&(b.submitted_at, &b.registration_id)));
                out.dedup_by(|a, b| a.registration_id == b.registration_id);
                Ok(out)
            }
        }
    }
}

/// Runs the rules for one registration; `overlay` holds proposals made earlier in the same run.
fn propose_one(
    m: &Matcher,
    (book, groups): Learnt<'_>,
    reg: &Registration,
    settings: &Settings,
    as_of: NaiveDate,
    overlay: &HashMap<String, Standing>,
    exhaustive: bool,
) -> Proposal {
    let standing = Standings { stored: &m.standing, overlay };
    let c = m.corpus.candidates(reg, settings, as_of, &standing, exhaustive);
    decide_learnt((book, groups), reg, c, settings, as_of)
}

/// The rules over a registration's candidates with what people taught applied around them: remembered
/// pairs before the rules, the head-account groups after (a check and a policy replay alike).
pub(super) fn decide_learnt(
    (book, groups): Learnt<'_>,
    reg: &Registration,
    mut c: crate::pairs::Candidates,
    settings: &Settings,
    as_of: NaiveDate,
) -> Proposal {
    let set_aside = pairs::apply_to(book, reg, &mut c);
    let group = groups.find(&c);
    let (heads, follow_ups, registrations) = c;
    let mut p = decide(&CheckInput { registration: reg, heads, follow_ups, registrations, settings, as_of });
    groups::review_group(&mut p, group);
    pairs::note_set_aside(&mut p, set_aside);
    p
}

/// What the check applies after matching: remembered pairs and the head-account groups.
pub(super) type Learnt<'a> = (&'a PairBook, &'a HeadGroups);

/// Checks `targets` in order, handing each batch's proposals to `send` (which says whether they were
/// taken). Matching of a batch runs in parallel; the rules then run in order, so each registration sees
/// the proposals made for the ones submitted before it.
#[allow(clippy::too_many_arguments)]
fn run(
    m: &Matcher,
    (book, groups): Learnt<'_>,
    settings: &Settings,
    version: i64,
    as_of: NaiveDate,
    actor: &str,
    targets: &[Registration],
    progress: &dyn Progress,
    send: &mut dyn FnMut(Vec<(Decision, NewEntry)>) -> bool,
) -> ApiResult<()> {
    let now = crate::decide::now();
    let mut overlay: HashMap<String, Standing> = HashMap::new();
    let batches: Vec<&[Registration]> = targets.chunks(BATCH).collect();
    let match_batch = |batch: &[Registration]| -> Vec<SourceHits> {
        batch.par_iter().map(|reg| m.corpus.hits(reg, settings)).collect()
    };
    // The rules of one batch run while the next batch is matched: matching does not depend on the
    // proposals, so each registration still sees those made for the ones submitted before it.
    let mut pending = batches.first().map(|b| match_batch(b));
    for (b, batch) in batches.iter().enumerate() {
        if progress.cancelled() {
            return Err(ApiError::new(ErrorCode::Cancelled, "check cancelled; nothing was stored"));
        }
        progress.report("checking", b * BATCH, targets.len());
        let hits = pending.take().expect("each batch is matched before its rules run");
        let next = batches.get(b + 1);
        let (matched, out) = rayon::join(
            || next.map(|n| match_batch(n)),
            || {
                let mut out = Vec::with_capacity(batch.len());
                for (reg, hits) in batch.iter().zip(hits) {
                    let standing = Standings { stored: &m.standing, overlay: &overlay };
                    let mut c = m.corpus.assemble(reg, hits, settings, as_of, &standing);
                    let set_aside = pairs::apply_to(book, reg, &mut c);
                    let group = groups.find(&c);
                    let (heads, follow_ups, registrations) = c;
                    let mut p =
                        decide(&CheckInput { registration: reg, heads, follow_ups, registrations, settings, as_of });
                    groups::review_group(&mut p, group);
                    pairs::note_set_aside(&mut p, set_aside);
                    let d = Decision {
                        id: 0,
                        registration_id: reg.registration_id.clone(),
                        outcome: p.outcome,
                        rule: p.rule.to_string(),
                        summary: p.summary,
                        summary_code: Some(p.summary_code),
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
                    overlay.insert(d.registration_id.clone(), Standing::of(&d));
                    let mut audit = audit_entry(&d, actor);
                    audit.region = reg.region.clone();
                    audit.partner = Some(reg.partner.clone());
                    out.push((d, audit));
                }
                out
            },
        );
        if !send(out) {
            return Err(ApiError::new(ErrorCode::Storage, "storing the check's decisions failed; nothing was stored"));
        }
        pending = matched;
    }
    progress.report("checking", targets.len(), targets.len());
    Ok(())
}

/// The audit entry of a proposal: outcome, rule, settings version and the strongest evidence. The
/// payload is rendered in canonical form here, member by member: a batch of a hundred thousand
/// proposals then builds no JSON value trees to hash and store.
fn audit_entry(d: &Decision, actor: &str) -> NewEntry {
    let evidence = &d.matches[..d.matches.len().min(AUDIT_EVIDENCE)];
    let render = || -> Result<CanonicalObject, serde_json::Error> {
        CanonicalObject::new()
            .member("summary", &d.summary)?
            .member("summary_code", &d.summary_code)?
            .member("as_of", &d.as_of)?
            .member("settings_version", &d.settings_version)?
            .member("protection_until", &d.protection_until)?
            .member("direct_owner", &d.direct_owner)?
            .member("evidence", evidence)
    };
    // Dates, strings, numbers and evidence whose maps have text keys: nothing here can fail to render.
    let payload = render().expect("a decision renders as JSON");
    NewEntry::new(actor, "check.propose", &d.registration_id).outcome(d.outcome.as_str()).rule(&d.rule).payload(payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dealgate_audit::canonical_json;
    use dealgate_domain::{Band, Explanation, MatchEvidence, Outcome, Reason, Source};
    use serde_json::json;

    #[test]
    fn a_proposals_audit_payload_is_the_canonical_form_of_its_fields() {
        let ev = |id: &str, score: f64| MatchEvidence {
            source: Source::FollowUp,
            record_id: id.into(),
            name: "云帆数据科技有限公司".into(),
            score,
            band: Band::Review,
            evidence: Explanation {
                query_normalized: "杭州云帆数据科技有限公司".into(),
                candidate_normalized: "云帆数据科技有限公司".into(),
                query_core: "云帆数据".into(),
                candidate_core: "云帆数据".into(),
                reasons: vec![Reason {
                    feature: "core_name".into(),
                    agreed: Some(true),
                    detail: "云帆数据 ~ 云帆数据 \"1.00\"".into(),
                    contribution: 0.92,
                    ..Default::default()
                }],
                context: [("owner".to_string(), "直销七".to_string()), ("activity_date".into(), "2026-05-01".into())]
                    .into_iter()
                    .collect(),
            },
        };
        let day = NaiveDate::from_ymd_opt(2026, 6, 30).expect("a date");
        let d = Decision {
            id: 0,
            registration_id: "R-1".into(),
            outcome: Outcome::CoSell,
            rule: "co_sell".into(),
            summary: "approved to 伙伴 for 90 days".into(),
            summary_code: Some(dealgate_domain::Summary::Approved {
                partner: "伙伴".into(),
                days: 90,
                channel_only: false,
                stale: 0,
            }),
            lead: None,
            direct_owner: Some("直销七".into()),
            protection_until: Some(day),
            matches: (0..5).map(|i| ev(&format!("F{i}"), 0.9 - f64::from(i) / 10.0)).collect(),
            settings_version: 3,
            as_of: day,
            status: DecisionStatus::Proposed,
            actor: "王芳".into(),
            reason: None,
            created_at: day.and_hms_opt(9, 0, 0).expect("a time"),
        };
        let e = audit_entry(&d, "王芳");
        let evidence: Vec<&MatchEvidence> = d.matches.iter().take(AUDIT_EVIDENCE).collect();
        let value = json!({
            "summary": d.summary,
            "summary_code": {"code": "approved", "args": {"partner": "伙伴", "days": 90, "channel_only": false, "stale": 0}},
            "as_of": d.as_of,
            "settings_version": d.settings_version,
            "protection_until": d.protection_until,
            "direct_owner": d.direct_owner,
            "evidence": evidence,
        });
        assert_eq!(e.payload.canonical_with("decision_id", &json!(41)), {
            let mut stamped = value.clone();
            stamped["decision_id"] = json!(41);
            canonical_json(&stamped)
        });
        assert_eq!(e.payload.into_value()["evidence"].as_array().map(Vec::len), Some(AUDIT_EVIDENCE));
    }
}
