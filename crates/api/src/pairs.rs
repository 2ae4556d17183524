//! Pairs a reviewer said are, or are not, one company: remembered per database (audited), listed and
//! undone, and applied by every check after matching — a "different" pair sets the record aside with a
//! note, a "same" pair makes it a certain match with a reason a person reads. The scorer knows nothing
//! of them.
//!
//! A pair is the registration's customer name and the matched record's name, each by its matching key
//! (the folded name: NFKC, lower case, simplified characters, no punctuation or spaces), in either
//! order. The keys are worked out afresh from the stored names whenever labels are read, so a change to
//! the normaliser never leaves a label behind.
//!
//! Where labels come from: `decide --same-company` / `--different-company` label the pair of the
//! registration and the record its decision names (its first evidence); overriding a `review` with the
//! outcome its evidence would lead to (direct retained for a head account, duplicate for another
//! registration, co-sell or direct retained for a follow-up) labels that pair `same` without a flag; and
//! the desktop app labels any evidence card ([`Api::label_pair`]).
//!
//! In the check a `different` pair sets the record aside as band `none`, noted in the summary; a `same` pair's reason
//! is `reviewer_pair` (`PAIR_FEATURE`).

use crate::decide::Verdict;
use crate::{Api, ApiError, ApiResult};
use dealgate_audit::NewEntry;
use dealgate_domain::{Band, Decision, MatchEvidence, Outcome, Reason, Registration, Role, Source, User};
use dealgate_rules::{FollowUpCandidate, HeadCandidate, Proposal, RegistrationCandidate};
use serde_json::json;
use std::collections::{HashMap, HashSet};

pub use dealgate_domain::{PairLabel, PairVerdict};

/// The feature name of the reason a remembered pair adds to a record's evidence.
pub const PAIR_FEATURE: &str = "reviewer_pair";

/// A name's matching key as pairs use it.
fn name_key(name: &str) -> String {
    dealgate_matching::normalize(name).folded().to_string()
}

/// The two keys in order: a pair is the same pair either way round.
fn ordered(a: String, b: String) -> (String, String) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// The pair key stored with a label of names `a` and `b`.
pub(crate) fn pair_key(a: &str, b: &str) -> String {
    let (a, b) = ordered(name_key(a), name_key(b));
    format!("{a}\t{b}")
}

/// The labels as a check applies them.
#[derive(Default)]
pub(crate) struct PairBook {
    by_pair: HashMap<(String, String), PairLabel>,
    /// Every key in some pair: a registration whose key is not here has no label to look for.
    names: HashSet<String>,
}

impl PairBook {
    pub(crate) fn new(labels: Vec<PairLabel>) -> PairBook {
        let mut book = PairBook::default();
        for l in labels {
            let (a, b) = (name_key(&l.left_name), name_key(&l.right_name));
            book.names.insert(a.clone());
            book.names.insert(b.clone());
            book.by_pair.insert(ordered(a, b), l);
        }
        book
    }

    /// Applies the labels to a registration's candidates (`each` visits every candidate's evidence and
    /// keeps those it returns `true` for): a `same` pair becomes a certain match, a `different` pair is
    /// dropped and returned, set aside with its reason, for [`note_set_aside`].
    pub(crate) fn apply(
        &self,
        reg: &Registration,
        each: impl FnOnce(&mut dyn FnMut(&mut MatchEvidence) -> bool),
    ) -> Vec<MatchEvidence> {
        let mut set_aside = Vec::new();
        if self.by_pair.is_empty() {
            return set_aside;
        }
        let query = name_key(&reg.customer_name);
        if !self.names.contains(&query) {
            return set_aside;
        }
        let mut visit = |e: &mut MatchEvidence| -> bool {
            let Some(label) = self.by_pair.get(&ordered(query.clone(), name_key(&e.name))) else { return true };
            let said = format!(
                "{} said {} and {} are {} (pair #{}, {})",
                label.actor,
                reg.customer_name,
                e.name,
                match label.verdict {
                    PairVerdict::Same => "the same company",
                    PairVerdict::Different => "different companies",
                },
                label.id,
                label.created_at.date()
            );
            let (score, agreed) = match label.verdict {
                PairVerdict::Same => (1.0, true),
                PairVerdict::Different => (0.0, false),
            };
            let contribution = score - e.score;
            e.evidence.reasons.push(Reason {
                feature: PAIR_FEATURE.into(),
                agreed: Some(agreed),
                detail: said,
                contribution,
                code: format!("pair.{}", label.verdict.as_str()),
                args: vec![
                    label.actor.clone(),
                    reg.customer_name.clone(),
                    e.name.clone(),
                    label.id.to_string(),
                    label.created_at.date().to_string(),
                ],
            });
            e.score = score;
            match label.verdict {
                PairVerdict::Same => {
                    e.band = Band::Match;
                    true
                }
                PairVerdict::Different => {
                    e.band = Band::None;
                    set_aside.push(e.clone());
                    false
                }
            }
        };
        each(&mut visit);
        set_aside
    }
}

/// The rules' candidates of one registration: (head accounts, follow-ups, other registrations).
pub(crate) type Candidates = (Vec<HeadCandidate>, Vec<FollowUpCandidate>, Vec<RegistrationCandidate>);

/// [`PairBook::apply`] to every candidate of a registration.
pub(crate) fn apply_to(book: &PairBook, reg: &Registration, c: &mut Candidates) -> Vec<MatchEvidence> {
    // Most registrations of a large batch match nothing: their names are not normalised again here.
    if c.0.is_empty() && c.1.is_empty() && c.2.is_empty() {
        return Vec::new();
    }
    book.apply(reg, |keep| {
        c.0.retain_mut(|h| keep(&mut h.evidence));
        c.1.retain_mut(|f| keep(&mut f.evidence));
        c.2.retain_mut(|r| keep(&mut r.evidence));
    })
}

/// Adds the records a check set aside as different companies to the end of the proposal's evidence
/// (band `none`, with the reviewer's reason) and names them in its summary.
pub(crate) fn note_set_aside(p: &mut Proposal, set_aside: Vec<MatchEvidence>) {
    if set_aside.is_empty() {
        return;
    }
    let names: Vec<String> = set_aside.iter().map(|e| format!("{} ({})", e.name, e.record_id)).collect();
    p.summary = format!("{}; set aside as a different company by a reviewer: {}", p.summary, names.join(", "));
    let own = std::mem::replace(&mut p.summary_code, dealgate_domain::Summary::Expired { until: None });
    p.summary_code = dealgate_domain::Summary::SetAside { summary: Box::new(own), records: names };
    p.matches.extend(set_aside);
}

/// Whether `outcome` keeps the conflict a record of `source` raises: a reviewer who chooses it treats
/// the registration and the record as one company.
fn keeps_conflict(source: Source, outcome: Outcome) -> bool {
    match source {
        Source::HeadAccount => outcome == Outcome::DirectRetained,
        Source::Registration => outcome == Outcome::Duplicate,
        Source::FollowUp => matches!(outcome, Outcome::CoSell | Outcome::DirectRetained),
    }
}

/// What a person's verdict on `current` teaches, checked before anything is written: the record its
/// decision names and what the pair is. `explicit` is the person's own word; without it, overriding a
/// `review` with the outcome its first evidence leads to means `same`.
pub(crate) fn lesson(
    current: &Decision,
    verdict: &Verdict,
    explicit: Option<PairVerdict>,
) -> ApiResult<Option<(MatchEvidence, PairVerdict)>> {
    let first = current.matches.first().filter(|e| e.band != Band::None);
    let Some(said) = explicit else {
        let learnt = match (verdict, first) {
            (Verdict::Override { outcome, .. }, Some(e))
                if current.outcome == Outcome::Review
                    && e.band == Band::Review
                    && keeps_conflict(e.source, *outcome) =>
            {
                Some((e.clone(), PairVerdict::Same))
            }
            _ => None,
        };
        return Ok(learnt);
    };
    let Some(first) = first else {
        return Err(ApiError::invalid(format!(
            "{}'s decision names no matched record to remember as the same or a different company",
            current.registration_id
        )));
    };
    let conflict = matches!(current.outcome, Outcome::DirectRetained | Outcome::Duplicate | Outcome::CoSell);
    if *verdict == Verdict::Accept && said == PairVerdict::Different && conflict {
        return Err(ApiError::conflict(format!(
            "accepting {} ({}) rests on {} being the same company: override it with the outcome you choose instead",
            current.registration_id, current.outcome, first.name
        )));
    }
    Ok(Some((first.clone(), said)))
}

impl Api {
    /// Every remembered pair, oldest first (anyone may read them).
    pub async fn pair_labels(&self) -> ApiResult<Vec<PairLabel>> {
        Ok(self.store.pair_labels().await?)
    }

    /// Remembers that a registration's customer and one record of its current decision's evidence
    /// (`source`, `record_id`) are the same company or different ones, audited. Who may: those who may
    /// decide the registration (its region's channel managers, admins). The next check applies it.
    pub async fn label_pair(
        &self,
        registration_id: &str,
        source: Source,
        record_id: &str,
        verdict: PairVerdict,
        actor: &str,
    ) -> ApiResult<PairLabel> {
        let user = self.actor_with(actor, &[Role::ChannelManager], "label pairs of companies").await?;
        let (reg, current) = self.registration_with_decision(registration_id).await?;
        if !crate::access::may_act_in(&user, reg.region.as_deref()) {
            return Err(crate::access::outside_regions(&user, registration_id, reg.region.as_deref()));
        }
        let evidence =
            current.matches.iter().find(|e| e.source == source && e.record_id == record_id).ok_or_else(|| {
                ApiError::not_found(format!(
                    "{registration_id}'s decision has no evidence from {} {record_id:?}",
                    source.as_str()
                ))
            })?;
        self.remember(&reg, evidence, verdict, &user).await
    }

    /// Stores a label of the pair (registration, evidence) with its audit entry.
    pub(crate) async fn remember(
        &self,
        reg: &Registration,
        evidence: &MatchEvidence,
        verdict: PairVerdict,
        user: &User,
    ) -> ApiResult<PairLabel> {
        let mut label = PairLabel {
            id: 0,
            verdict,
            pair_key: pair_key(&reg.customer_name, &evidence.name),
            left_name: reg.customer_name.clone(),
            right_name: evidence.name.clone(),
            source: evidence.source,
            record_id: evidence.record_id.clone(),
            registration_id: reg.registration_id.clone(),
            region: reg.region.clone(),
            actor: user.name.clone(),
            created_at: crate::decide::now(),
        };
        let mut audit = NewEntry::new(&user.name, format!("pairs.{}", verdict.as_str()), &reg.registration_id)
            .partner(&reg.partner)
            .payload(json!({
                "left_name": label.left_name,
                "right_name": label.right_name,
                "source": label.source.as_str(),
                "record_id": label.record_id,
            }));
        audit.region = reg.region.clone();
        label.id = self.store.save_pair_label(&label, audit).await?;
        Ok(label)
    }

    /// Forgets a remembered pair (audited): the next check matches the two names as the scorer does.
    /// Who may: channel managers of the label's region, admins.
    pub async fn forget_pair(&self, id: i64, actor: &str) -> ApiResult<PairLabel> {
        let user = self.actor_with(actor, &[Role::ChannelManager], "forget pairs of companies").await?;
        let labels = self.store.pair_labels().await?;
        let label = labels
            .iter()
            .find(|l| l.id == id)
            .ok_or_else(|| ApiError::not_found(format!("no remembered pair #{id}; see `dealgate pairs list`")))?;
        if !crate::access::may_act_in(&user, label.region.as_deref()) {
            return Err(crate::access::outside_regions(&user, &format!("pair #{id}"), label.region.as_deref()));
        }
        let mut audit = NewEntry::new(&user.name, "pairs.forget", &label.registration_id).payload(json!({
            "pair_id": id,
            "verdict": label.verdict.as_str(),
        }));
        audit.region = label.region.clone();
        self.store
            .forget_pair_label(id, audit)
            .await?
            .ok_or_else(|| ApiError::not_found(format!("pair #{id} was forgotten meanwhile")))
    }
}
