//! Policy replay: the check run again under draft settings (the settings in force with some keys
//! changed) over the registrations submitted in a date range, reporting what would change — per
//! registration, and summed by outcome, region and partner — and which people's decisions the draft
//! would contradict. It writes nothing: no decision, no settings version, no audit entry.
//!
//! The draft is made by `admin::draft_settings` (the same refusals as `settings set`). Per registration: current →
//! replayed outcome with rule and matches; sums by outcome, region and partner (deals gained or lost:
//! approved/co-sell). `bands_moved`: the relations whose fixed score the draft's thresholds put in another band than
//! the settings it ran from, which the Settings preview, `policy replay` and `settings set` say in words. Runs on a
//! read-only database.

use crate::admin::draft_settings;
use crate::check::Rerun;
use crate::progress::Progress;
use crate::{Api, ApiError, ApiResult, SettingChange};
use chrono::NaiveDate;
use dealgate_domain::{DecisionStatus, MatchEvidence, Outcome, Settings};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// What to replay.
#[derive(Debug, Clone)]
pub struct ReplayRequest {
    /// The draft: these keys changed from the settings in force (none: the settings in force).
    pub changes: Vec<SettingChange>,
    /// The date the check is replayed as of.
    pub as_of: NaiveDate,
    /// Only registrations submitted on or after this day.
    pub from: Option<NaiveDate>,
    /// Only registrations submitted on or before this day.
    pub to: Option<NaiveDate>,
    /// Also list the registrations whose outcome would not change.
    pub unchanged: bool,
}

/// One registration: its current decision and what the draft settings would propose.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReplayRow {
    /// The registration.
    pub registration_id: String,
    /// Its partner.
    pub partner: String,
    /// Its region.
    pub region: Option<String>,
    /// The outcome of its current decision (a person's where a person decided); none when never checked.
    pub current_outcome: Option<Outcome>,
    /// Who stands behind the current decision: proposed, accepted, overridden, ruled, expired.
    pub current_status: Option<DecisionStatus>,
    /// Who made the current decision.
    pub current_actor: Option<String>,
    /// What the rules propose under the draft settings.
    pub replayed_outcome: Outcome,
    /// The rule behind the replayed outcome.
    pub rule: String,
    /// The replayed proposal in words.
    pub summary: String,
    /// The protection the replayed proposal would grant.
    pub protection_until: Option<NaiveDate>,
    /// The matches behind the replayed outcome, as `check` prints them.
    pub matches: Vec<MatchEvidence>,
    /// Whether a re-check under the draft would change the registration's outcome (never for a decision
    /// a person or the clock settled: a check leaves those).
    pub changed: bool,
    /// Whether a person decided it and the draft's rules would have decided otherwise.
    pub contradicts_person: bool,
}

/// How many registrations have an outcome now and would have it after the replay.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OutcomeShift {
    /// The outcome.
    pub outcome: Outcome,
    /// Registrations with it now.
    pub current: u32,
    /// Registrations with it after a re-check under the draft (people's decisions kept).
    pub replayed: u32,
}

/// A region's or partner's changes: deals (approved or co-sell) the partners would gain or lose.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GroupShift {
    /// The region or partner (a registration without region counts under "").
    pub name: String,
    /// Registrations whose outcome would change.
    pub changed: u32,
    /// Of those, ones that would become a deal for the partner.
    pub gained: u32,
    /// Of those, ones that would stop being a deal for the partner.
    pub lost: u32,
}

/// A relation between two names whose fixed score the draft's thresholds put in another band than the
/// thresholds in force: every pair it decides alone moves with it (raising `match_threshold` above 0.90
/// sends every listed short name to review). Said before saving, never done silently.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BandMove {
    /// The comparison, as a reason's `feature` names it (`core_name`, `legal_form`, `phone` …).
    pub feature: String,
    /// The score a pair it decides alone gets.
    pub score: f64,
    /// Its band under the settings in force.
    pub before: dealgate_domain::Band,
    /// Its band under the draft.
    pub after: dealgate_domain::Band,
    /// The comparison levels that move, by code (`abbrev.initials` …).
    pub levels: Vec<String>,
}

/// The relations that move band from thresholds `from` to `to` (each `(match, review)`), one entry per
/// comparison, score and move, highest score first.
pub fn bands_moved(from: (f64, f64), to: (f64, f64)) -> Vec<BandMove> {
    let mut moves: Vec<BandMove> = Vec::new();
    for r in dealgate_matching::comparison::bands_moved(from, to) {
        let feature = r.level.comparison().feature();
        match moves.iter_mut().find(|m| m.feature == feature && m.score == r.weight && m.after == r.after) {
            Some(m) => m.levels.push(r.level.code().to_owned()),
            None => moves.push(BandMove {
                feature: feature.to_owned(),
                score: r.weight,
                before: r.before,
                after: r.after,
                levels: vec![r.level.code().to_owned()],
            }),
        }
    }
    moves.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.feature.cmp(&b.feature)));
    moves
}

/// What the draft settings would change.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReplayReport {
    /// The version of the settings in force, which the draft starts from.
    pub settings_version: i64,
    /// The draft settings replayed.
    pub draft: Settings,
    /// The changes as given, `key=value`.
    pub changes: Vec<String>,
    /// The date replayed as of.
    pub as_of: NaiveDate,
    /// Registrations replayed.
    pub replayed: u32,
    /// Of those, registrations whose outcome would change.
    pub changed: u32,
    /// Of those, people's decisions the draft would contradict.
    pub contradicted: u32,
    /// Counts per outcome, now and after.
    pub by_outcome: Vec<OutcomeShift>,
    /// Regions with changes, most changes first.
    pub by_region: Vec<GroupShift>,
    /// Partners who would gain or lose deals, largest net change first.
    pub by_partner: Vec<GroupShift>,
    /// Relations whose fixed score the draft's thresholds put in another band (empty when the thresholds
    /// stay), whatever registrations there are now.
    pub bands_moved: Vec<BandMove>,
    /// The registrations that would change or whose person's decision the draft contradicts (every one
    /// replayed with [`ReplayRequest::unchanged`]), in `submitted_at` order.
    pub rows: Vec<ReplayRow>,
}

/// Whether a person made the decision (not a check, not the clock).
fn by_person(status: DecisionStatus) -> bool {
    matches!(status, DecisionStatus::Accepted | DecisionStatus::Overridden | DecisionStatus::Ruled)
}

/// Sums as the rows come.
#[derive(Default)]
struct Tally {
    replayed: u32,
    changed: u32,
    contradicted: u32,
    outcomes: BTreeMap<Outcome, (u32, u32)>,
    regions: BTreeMap<String, GroupShift>,
    partners: BTreeMap<String, GroupShift>,
    rows: Vec<ReplayRow>,
}

impl Tally {
    fn add(&mut self, r: Rerun<'_>, unchanged: bool) {
        self.replayed += 1;
        let reg = r.registration;
        let current = r.current;
        let settled = current.is_some_and(|s| s.status.is_final());
        let after = if settled { current.map(|s| s.outcome) } else { Some(r.proposal.outcome) };
        let before = current.map(|s| s.outcome);
        let changed = before != after;
        let contradicts = current.is_some_and(|s| by_person(s.status) && s.outcome != r.proposal.outcome);
        if let Some(o) = before {
            self.outcomes.entry(o).or_default().0 += 1;
        }
        if let Some(o) = after {
            self.outcomes.entry(o).or_default().1 += 1;
        }
        if changed {
            self.changed += 1;
            let deal = |o: Option<Outcome>| o.is_some_and(Outcome::protects);
            let (gained, lost) = (!deal(before) && deal(after), deal(before) && !deal(after));
            let region = reg.region.clone().unwrap_or_default();
            for (map, key) in [(&mut self.regions, region), (&mut self.partners, reg.partner.clone())] {
                let g = map.entry(key.clone()).or_insert(GroupShift { name: key, changed: 0, gained: 0, lost: 0 });
                g.changed += 1;
                g.gained += u32::from(gained);
                g.lost += u32::from(lost);
            }
        }
        self.contradicted += u32::from(contradicts);
        if changed || contradicts || unchanged {
            let p = r.proposal;
            self.rows.push(ReplayRow {
                registration_id: reg.registration_id.clone(),
                partner: reg.partner.clone(),
                region: reg.region.clone(),
                current_outcome: before,
                current_status: current.map(|s| s.status),
                current_actor: current.map(|s| s.actor.clone()),
                replayed_outcome: p.outcome,
                rule: p.rule.to_string(),
                summary: p.summary,
                protection_until: p.protection_until,
                matches: p.matches,
                changed,
                contradicts_person: contradicts,
            });
        }
    }

    fn report(self, settings_version: i64, draft: Settings, req: &ReplayRequest) -> ReplayReport {
        let mut by_region: Vec<GroupShift> = self.regions.into_values().collect();
        by_region.sort_by(|a, b| b.changed.cmp(&a.changed).then_with(|| a.name.cmp(&b.name)));
        let net = |g: &GroupShift| (i64::from(g.gained) - i64::from(g.lost)).abs();
        let mut by_partner: Vec<GroupShift> =
            self.partners.into_values().filter(|g| g.gained > 0 || g.lost > 0).collect();
        by_partner.sort_by(|a, b| net(b).cmp(&net(a)).then_with(|| a.name.cmp(&b.name)));
        ReplayReport {
            settings_version,
            draft,
            changes: req.changes.iter().map(|c| format!("{}={}", c.key, c.value)).collect(),
            as_of: req.as_of,
            replayed: self.replayed,
            changed: self.changed,
            contradicted: self.contradicted,
            by_outcome: Outcome::ALL
                .into_iter()
                .map(|o| {
                    let (current, replayed) = self.outcomes.get(&o).copied().unwrap_or_default();
                    OutcomeShift { outcome: o, current, replayed }
                })
                .collect(),
            by_region,
            by_partner,
            bands_moved: Vec::new(),
            rows: self.rows,
        }
    }
}

impl Api {
    /// Replays the check as of `as_of` over every registration under `draft`, whole settings as the
    /// Settings screen edits them: its "preview this change" before saving. Writes nothing.
    pub async fn preview_settings(&self, draft: Settings, as_of: NaiveDate) -> ApiResult<ReplayReport> {
        draft.validate().map_err(ApiError::invalid)?;
        let (_, current) = self.store.settings().await?;
        let changes = crate::settings_diff(&current, &draft)
            .into_iter()
            .map(|c| SettingChange { key: c.field, value: c.to })
            .collect();
        let req = ReplayRequest { changes, as_of, from: None, to: None, unchanged: false };
        self.replay_under(&req, Box::new(move |_: &Settings| Ok(draft)), Arc::new(crate::Silent)).await
    }

    /// Replays the check under draft settings over the registrations submitted between `from` and `to`
    /// (every one without them) and reports what would change. Anyone may replay; nothing is written,
    /// so it runs on a database opened read-only. Uses (and builds, the first time) the kept index.
    pub async fn replay(&self, req: &ReplayRequest, progress: Arc<dyn Progress>) -> ApiResult<ReplayReport> {
        let changes = req.changes.clone();
        self.replay_under(req, Box::new(move |base: &Settings| draft_settings(base, &changes)), progress).await
    }

    async fn replay_under(
        &self,
        req: &ReplayRequest,
        draft: crate::check::Draft,
        progress: Arc<dyn Progress>,
    ) -> ApiResult<ReplayReport> {
        if let (Some(f), Some(t)) = (req.from, req.to) {
            if f > t {
                return Err(ApiError::invalid(format!("--from {f} is after --to {t}: expected from ≤ to")));
            }
        }
        let tally = Arc::new(Mutex::new(Tally::default()));
        let (from, to, unchanged) = (req.from, req.to, req.unchanged);
        let pick = move |r: &dealgate_domain::Registration| {
            let day = r.submitted_at.date();
            from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t)
        };
        let t = tally.clone();
        let (version, in_force, draft) = self
            .rerun(
                draft,
                req.as_of,
                Box::new(pick),
                progress,
                Box::new(move |r| t.lock().expect("the tally is not poisoned").add(r, unchanged)),
            )
            .await?;
        let tally = Arc::into_inner(tally).expect("the replay is done").into_inner().expect("not poisoned");
        let thresholds = |s: &Settings| (s.match_threshold, s.review_threshold);
        let mut report = tally.report(version, draft, req);
        report.bands_moved = bands_moved(thresholds(&in_force), thresholds(&report.draft));
        Ok(report)
    }
}
