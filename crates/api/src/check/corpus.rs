//! The in-memory matching corpus: an index per source plus the little each hit needs for the rules
//! (owner, activity, partner...). Built once in parallel, then kept up to date record by record.
//! Rows become [`Ready`] (ids, index entries, contexts; the costly part, in parallel) before they are
//! inserted, so that a bulk build can ready one chunk while it inserts the one before.
//!
//! A context keeps the imported name only where it differs from the folded one, and owners, regions, stages and
//! partners as 4-byte numbers (`intern.rs`); former names and groups are entries of their own (`corpus/aliases.rs`).

mod aliases;

use super::intern::{Interner, Sym};
use chrono::{NaiveDate, NaiveDateTime};
use dealgate_domain::{
    Band, FieldWarning, FollowUp, HeadAccount, MatchEvidence, Registration, Settings, Source, Standing,
};
use dealgate_matching::{Hit, Index, Party, Prepared};
use dealgate_rules::{FollowUpCandidate, HeadCandidate, RegistrationCandidate};
use rayon::prelude::*;
use std::collections::HashMap;

/// Fields flagged doubtful at import, which must not be used as keys.
fn flagged(warnings: &[FieldWarning]) -> Vec<&str> {
    warnings.iter().map(|w| w.field.as_str()).collect()
}

/// A record's name as imported, unless it equals its folded form in the index (most Chinese names
/// do), which then stands for it: that saves a copy of most names.
fn own_name(name: &str, prepared: &Prepared) -> Option<Box<str>> {
    (name != prepared.folded()).then(|| name.into())
}

/// What the rules need of a head account besides its name (strings by their number in the corpus's
/// [`Interner`], as in the other contexts).
#[derive(Clone)]
pub(crate) struct HeadCtx {
    name: Option<Box<str>>,
    region: Sym,
    owner: Option<Sym>,
    group: Option<Sym>,
}

/// What the rules need of a follow-up besides its name.
#[derive(Clone)]
pub(crate) struct FollowCtx {
    name: Option<Box<str>>,
    owner: Option<Sym>,
    region: Option<Sym>,
    stage: Option<Sym>,
    activity_type: Sym,
    activity_date: NaiveDate,
    group: Option<Sym>,
}

/// What the rules need of a registration besides its name.
pub(crate) struct RegCtx {
    name: Option<Box<str>>,
    partner: Sym,
    submitted_at: NaiveDateTime,
}

/// Rows of one source ready to insert: ids, index entries and contexts, in row order.
pub(crate) struct Batch<C> {
    /// The rows' ids one after the other (one allocation for the batch), each ended at `id_ends`.
    ids: String,
    id_ends: Vec<usize>,
    prepared: Vec<Prepared>,
    ctx: Vec<C>,
}

impl<C> Batch<C> {
    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        self.id_ends.len()
    }
}

/// Ids held one after the other in `ids`, each ended at `ends`, in order.
fn each_id<'a>(ids: &'a str, ends: &'a [usize]) -> impl Iterator<Item = &'a str> {
    let starts = std::iter::once(0).chain(ends.iter().copied());
    starts.zip(ends).map(|(start, &end)| &ids[start..end])
}

/// Rows ready to insert, by source.
pub(crate) enum Ready {
    Heads(Batch<HeadCtx>),
    FollowUps(Batch<FollowCtx>),
    Registrations(Batch<RegCtx>),
}

impl Ready {
    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        match self {
            Ready::Heads(b) => b.len(),
            Ready::FollowUps(b) => b.len(),
            Ready::Registrations(b) => b.len(),
        }
    }
}

/// The registrations' current decisions: those stored, overlaid by those proposed earlier in this run.
pub(crate) struct Standings<'a> {
    pub(crate) stored: &'a HashMap<String, Standing>,
    pub(crate) overlay: &'a HashMap<String, Standing>,
}

impl Standings<'_> {
    fn get(&self, id: &str) -> Option<&Standing> {
        self.overlay.get(id).or_else(|| self.stored.get(id))
    }
}

/// Hits of one registration in each source.
pub(crate) struct SourceHits {
    heads: Vec<Hit>,
    follow_ups: Vec<Hit>,
    registrations: Vec<Hit>,
}

/// The rules' candidates: (head accounts, follow-ups, other registrations).
pub(crate) type Candidates = (Vec<HeadCandidate>, Vec<FollowUpCandidate>, Vec<RegistrationCandidate>);

/// One source: its index and, at each index position, the record's context.
struct Source_<C> {
    index: Index,
    ctx: Vec<C>,
}

impl<C> Default for Source_<C> {
    fn default() -> Self {
        Source_ { index: Index::new(), ctx: Vec::new() }
    }
}

impl<C> Source_<C> {
    /// Adds records in order: ids, prepared index entries and contexts side by side.
    fn insert(&mut self, batch: Batch<C>) {
        let Batch { ids, id_ends, prepared, ctx } = batch;
        self.index.insert_many(each_id(&ids, &id_ends), prepared);
        self.ctx.extend(ctx);
        debug_assert_eq!(self.ctx.len(), self.index.positions());
    }
}

/// Indexes of the three sources with what the rules need of each record.
#[derive(Default)]
pub(crate) struct Corpus {
    heads: Source_<HeadCtx>,
    follow_ups: Source_<FollowCtx>,
    registrations: Source_<RegCtx>,
    strings: Interner,
}

/// A registration as a party to match.
pub(crate) fn registration_party<'a>(r: &'a Registration, flagged: &'a [&'a str]) -> Party<'a> {
    Party {
        name: &r.customer_name,
        uscc: r.uscc.as_deref(),
        website: r.website.as_deref(),
        email: r.contact_email.as_deref(),
        phone: r.contact_phone.as_deref(),
        flagged,
        region: r.region.as_deref(),
        name_key: None,
    }
}

/// The name key stored for row `i`, if any (`keys` is empty or as long as the rows).
fn key_of<K: AsRef<str>>(keys: &[Option<K>], i: usize) -> Option<&str> {
    keys.get(i).and_then(|k| k.as_ref()).map(AsRef::as_ref)
}

/// `rows` ready to insert: index entries made by `prepare` in parallel (each with its row's stored
/// name key, if `keys` has one: see [`Party::name_key`]), then each row's id and context in order.
fn batch<R: Sync, K: AsRef<str> + Sync, C>(
    rows: &[R],
    keys: &[Option<K>],
    prepare: impl Fn(&R, Option<&str>) -> Prepared + Sync,
    id: impl Fn(&R) -> &str,
    mut ctx: impl FnMut(&R, &Prepared) -> C,
) -> Batch<C> {
    let prepared: Vec<Prepared> = rows.par_iter().enumerate().map(|(i, r)| prepare(r, key_of(keys, i))).collect();
    let mut ids = String::with_capacity(rows.iter().map(|r| id(r).len()).sum());
    let id_ends = rows
        .iter()
        .map(|r| {
            ids.push_str(id(r));
            ids.len()
        })
        .collect();
    Batch { ids, id_ends, ctx: rows.iter().zip(&prepared).map(|(r, p)| ctx(r, p)).collect(), prepared }
}

/// Head accounts `rows` ready to insert (`keys`: their stored name keys, by row, or empty), their
/// strings numbered in `strings`.
pub(crate) fn ready_heads<K: AsRef<str> + Sync>(
    rows: &[HeadAccount],
    keys: &[Option<K>],
    strings: &mut Interner,
) -> Ready {
    let mut b = batch(
        rows,
        keys,
        head_prepared,
        |h| &h.account_id,
        |h, p| HeadCtx {
            name: own_name(&h.account_name, p),
            region: strings.get(&h.region),
            owner: strings.opt(h.owner.as_deref()),
            group: strings.opt(h.group.as_deref()),
        },
    );
    let own = |c: &HeadCtx, h: &HeadAccount| HeadCtx { name: Some(h.account_name.as_str().into()), ..c.clone() };
    aliases::append(&mut b, rows, |h| &h.former_names, |h| h.group.as_deref(), |h| &h.account_id, own);
    Ready::Heads(b)
}

fn head_prepared(h: &HeadAccount, name_key: Option<&str>) -> Prepared {
    let f = flagged(&h.warnings);
    Party {
        name: &h.account_name,
        uscc: h.uscc.as_deref(),
        website: h.website.as_deref(),
        flagged: &f,
        name_key,
        ..Default::default()
    }
    .prepare()
}

/// Follow-ups `rows` ready to insert, as [`ready_heads`].
pub(crate) fn ready_follow_ups<K: AsRef<str> + Sync>(
    rows: &[FollowUp],
    keys: &[Option<K>],
    strings: &mut Interner,
) -> Ready {
    let mut b = batch(
        rows,
        keys,
        follow_prepared,
        |r| &r.record_id,
        |r, p| FollowCtx {
            name: own_name(&r.account_name, p),
            owner: strings.opt(r.owner.as_deref()),
            region: strings.opt(r.region.as_deref()),
            stage: strings.opt(r.stage.as_deref()),
            activity_type: strings.get(&r.activity_type),
            activity_date: r.activity_date,
            group: strings.opt(r.group.as_deref()),
        },
    );
    let own = |c: &FollowCtx, r: &FollowUp| FollowCtx { name: Some(r.account_name.as_str().into()), ..c.clone() };
    aliases::append(&mut b, rows, |r| &r.former_names, |_| None, |r| &r.record_id, own);
    Ready::FollowUps(b)
}

fn follow_prepared(r: &FollowUp, name_key: Option<&str>) -> Prepared {
    let f = flagged(&r.warnings);
    Party {
        name: &r.account_name,
        uscc: r.uscc.as_deref(),
        website: r.website.as_deref(),
        phone: r.phone.as_deref(),
        flagged: &f,
        region: r.region.as_deref(),
        name_key,
        ..Default::default()
    }
    .prepare()
}

/// Registrations `rows` ready to insert (as candidates for other partners' registrations), as
/// [`ready_heads`].
pub(crate) fn ready_registrations<K: AsRef<str> + Sync>(
    rows: &[Registration],
    keys: &[Option<K>],
    strings: &mut Interner,
) -> Ready {
    Ready::Registrations(batch(
        rows,
        keys,
        registration_prepared,
        |r| &r.registration_id,
        |r, p| RegCtx {
            name: own_name(&r.customer_name, p),
            partner: strings.get(&r.partner),
            submitted_at: r.submitted_at,
        },
    ))
}

fn registration_prepared(r: &Registration, name_key: Option<&str>) -> Prepared {
    let f = flagged(&r.warnings);
    Party { name_key, ..registration_party(r, &f) }.prepare()
}

/// The name keys to store beside `names` (see [`dealgate_matching::NormalizedName::to_key`]), made in
/// parallel.
pub(crate) fn name_keys(names: &[String]) -> Vec<String> {
    names.par_iter().map(|n| dealgate_matching::normalize(n).to_key(n)).collect()
}

impl Corpus {
    /// Adds or replaces head accounts (`keys`: their stored name keys, by row, or empty).
    pub(crate) fn upsert_heads(&mut self, rows: &[HeadAccount], keys: &[Option<&str>]) {
        aliases::forget(&mut self.heads.index, rows.iter().map(|r| r.account_id.as_str()));
        let ready = ready_heads(rows, keys, &mut self.strings);
        self.insert(ready);
    }

    /// Puts `rows` in place of every head account (the list changed by hand: an index cannot forget).
    pub(crate) fn replace_heads(&mut self, rows: &[HeadAccount], keys: &[Option<&str>]) {
        self.heads = Source_::default();
        self.upsert_heads(rows, keys);
    }

    /// Adds or replaces follow-ups, as [`Corpus::upsert_heads`].
    pub(crate) fn upsert_follow_ups(&mut self, rows: &[FollowUp], keys: &[Option<&str>]) {
        aliases::forget(&mut self.follow_ups.index, rows.iter().map(|r| r.record_id.as_str()));
        let ready = ready_follow_ups(rows, keys, &mut self.strings);
        self.insert(ready);
    }

    /// Adds or replaces registrations, as [`Corpus::upsert_heads`].
    pub(crate) fn upsert_registrations(&mut self, rows: &[Registration], keys: &[Option<&str>]) {
        let ready = ready_registrations(rows, keys, &mut self.strings);
        self.insert(ready);
    }

    /// Adds or replaces rows made ready with this corpus's strings (see [`Corpus::with_strings`]).
    pub(crate) fn insert(&mut self, ready: Ready) {
        match ready {
            Ready::Heads(b) => self.heads.insert(b),
            Ready::FollowUps(b) => self.follow_ups.insert(b),
            Ready::Registrations(b) => self.registrations.insert(b),
        }
    }

    /// Takes `strings`, with which the rows inserted so far were made ready, as this corpus's own (a
    /// bulk build readies its rows on another thread with strings of its own).
    pub(crate) fn with_strings(&mut self, strings: Interner) {
        self.strings = strings;
    }

    /// Room for as many more records of each source (the sizes a bulk build is about to read).
    pub(crate) fn reserve(&mut self, heads: usize, follow_ups: usize, registrations: usize) {
        self.heads.index.reserve(heads);
        self.heads.ctx.reserve(heads);
        self.follow_ups.index.reserve(follow_ups);
        self.follow_ups.ctx.reserve(follow_ups);
        self.registrations.index.reserve(registrations);
        self.registrations.ctx.reserve(registrations);
    }

    /// Gives back spare capacity after a bulk build.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.heads.index.shrink_to_fit();
        self.follow_ups.index.shrink_to_fit();
        self.registrations.index.shrink_to_fit();
        self.heads.ctx.shrink_to_fit();
        self.follow_ups.ctx.shrink_to_fit();
        self.registrations.ctx.shrink_to_fit();
    }

    /// Live records per source: (head accounts, follow-ups, registrations).
    #[allow(dead_code)]
    pub(crate) fn sizes(&self) -> (usize, usize, usize) {
        (self.heads.index.len(), self.follow_ups.index.len(), self.registrations.index.len())
    }

    /// Scores every source against `reg` (pure; runs in parallel over a batch).
    pub(crate) fn hits(&self, reg: &Registration, settings: &Settings) -> SourceHits {
        self.search(reg, settings, false)
    }

    fn search(&self, reg: &Registration, settings: &Settings, exhaustive: bool) -> SourceHits {
        let f = flagged(&reg.warnings);
        let q = registration_party(reg, &f).features();
        let min = settings.review_threshold;
        let search = |index: &Index| {
            if exhaustive {
                index.search_exhaustive(&q, min)
            } else {
                index.search(&q, min)
            }
        };
        // The follow-ups are most of the work: search them beside the other two sources (a batch
        // already runs registrations in parallel; rayon then simply runs both halves in turn).
        let (follow_ups, (heads, registrations)) = rayon::join(
            || search(&self.follow_ups.index),
            || (search(&self.heads.index), search(&self.registrations.index)),
        );
        SourceHits { heads, follow_ups, registrations }
    }

    /// The rules' candidates for `reg`; with `exhaustive`, from a scan of every record (for benchmarks).
    pub(crate) fn candidates(
        &self,
        reg: &Registration,
        settings: &Settings,
        as_of: NaiveDate,
        standing: &Standings<'_>,
        exhaustive: bool,
    ) -> Candidates {
        let hits = self.search(reg, settings, exhaustive);
        self.assemble(reg, hits, settings, as_of, standing)
    }

    /// Turns hits into the rules' candidates, with the context a reviewer needs and, for other
    /// registrations, whether they still stand (`standing` gives their current decisions).
    pub(crate) fn assemble(
        &self,
        reg: &Registration,
        hits: SourceHits,
        settings: &Settings,
        as_of: NaiveDate,
        standing: &Standings<'_>,
    ) -> Candidates {
        let ev = |source, index: &Index, hit: Hit, name: &Option<Box<str>>| {
            let (record_id, via) = aliases::own_id(index.record_id(hit.record));
            let mut e = MatchEvidence {
                source,
                record_id: record_id.to_string(),
                name: name.as_deref().unwrap_or_else(|| index.folded_name(hit.record)).to_string(),
                score: hit.score,
                band: if hit.score >= settings.match_threshold { Band::Match } else { Band::Review },
                evidence: hit.explanation,
            };
            aliases::note(&mut e, via, index.folded_name(hit.record));
            e
        };
        let heads: Vec<HeadCandidate> = hits
            .heads
            .into_iter()
            .map(|hit| {
                let h = &self.heads.ctx[hit.record];
                let mut e = ev(Source::HeadAccount, &self.heads.index, hit, &h.name);
                let (region, owner) = (self.strings.resolve(h.region), h.owner.map(|o| self.strings.resolve(o)));
                e.evidence.context.insert("region".into(), region.to_string());
                if let Some(o) = owner {
                    e.evidence.context.insert("owner".into(), o.to_string());
                }
                if let Some(g) = h.group {
                    e.evidence.context.insert("group".into(), self.strings.resolve(g).to_string());
                }
                HeadCandidate { evidence: e, region: region.to_string(), owner: owner.map(String::from) }
            })
            .collect();
        let follow_ups: Vec<FollowUpCandidate> = hits
            .follow_ups
            .into_iter()
            .map(|hit| {
                let r = &self.follow_ups.ctx[hit.record];
                let mut e = ev(Source::FollowUp, &self.follow_ups.index, hit, &r.name);
                let c = &mut e.evidence.context;
                let activity_type = self.strings.resolve(r.activity_type);
                c.insert("activity_date".into(), r.activity_date.to_string());
                c.insert("activity_type".into(), activity_type.to_string());
                for (k, v) in [("owner", r.owner), ("region", r.region), ("stage", r.stage), ("group", r.group)] {
                    if let Some(v) = v {
                        c.insert(k.into(), self.strings.resolve(v).to_string());
                    }
                }
                FollowUpCandidate {
                    evidence: e,
                    owner: r.owner.map(|o| self.strings.resolve(o).to_string()),
                    activity_date: r.activity_date,
                    activity_type: activity_type.to_string(),
                }
            })
            .collect();
        let registrations = hits
            .registrations
            .into_iter()
            .filter(|hit| self.registrations.index.record_id(hit.record) != reg.registration_id)
            .map(|hit| {
                let r = &self.registrations.ctx[hit.record];
                let id = self.registrations.index.record_id(hit.record).to_string();
                let current = standing.get(&id);
                let stands = current.is_none_or(|d| d.stands_on(as_of));
                let mut e = ev(Source::Registration, &self.registrations.index, hit, &r.name);
                let c = &mut e.evidence.context;
                let partner = self.strings.resolve(r.partner);
                c.insert("partner".into(), partner.to_string());
                c.insert("submitted_at".into(), r.submitted_at.format("%Y-%m-%d %H:%M").to_string());
                c.insert(
                    "state".into(),
                    current.map_or("pending".to_string(), |d| format!("{} ({})", d.outcome, d.status.as_str())),
                );
                RegistrationCandidate {
                    evidence: e,
                    partner: partner.to_string(),
                    submitted_at: r.submitted_at,
                    registration_id: id,
                    stands,
                }
            })
            .collect();
        let heads = aliases::keep_best(heads, |c| &c.evidence);
        let follow_ups = aliases::keep_best(follow_ups, |c| &c.evidence);
        (heads, follow_ups, registrations)
    }
}
