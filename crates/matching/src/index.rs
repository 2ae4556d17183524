//! An in-memory index of one source's records: names deduplicated, character-bigram postings for
//! candidate generation, and exact-key maps. Insert and remove are incremental.
//!
//! One normalised name per distinct name, held inline, and a compact entry per record: name, sales region and exact
//! keys by number, the id as where it ends in one string of all ids. Names and record ids are found through hash
//! tables that hold only numbers, a name's records inline.
//!
//! Search (`Index::search`): bigram postings are counted in a per-thread dense array and ranked by rarity; common
//! bigrams only rank what rarer ones found, looked up by walking their lists a cache line at a time
//! (`postings::seek`), the counts prefetched a few postings ahead. Names sharing under a third of the shorter core's
//! bigrams are not scored; at most 30 names are. The candidates' records and names, and the exact keys of those that
//! have them, are read in passes whose loads do not depend on one another (`name::warm`, `exact::warm`), so their
//! cache misses overlap before scoring. Abbreviations are looked up through the rarest of the query's distinctive
//! characters' lists and by signature pairs whose postings carry a distinctive part of up to four characters inline
//! (in order, at most 20 each). Every posting also carries a 32-bit set of its name's characters, and each name a
//! second, independently hashed 64-bit set (`stem_bits`): the forward look-up tests both a block at a time without
//! branching on what it reads, warms the survivors' names together, then tests the order exactly (no intersection of
//! the other lists). Also pinyin keys (hashed spellings), and a typo key per name of a two-character brand (the
//! brand's first character and the first industry character: a typo in its last character leaves no rarer bigram; a
//! full-name query takes up to 20 names of its length from it). `search_exhaustive` scores every record: the
//! benchmarks' reference.
//!
//! `Index::insert_many` adds records in order (ids and prepared records side by side): it looks names up one after the
//! other (moving each new name in), then fills the new names' postings (on the pool) and the records' tables (on the
//! calling thread) side by side, both reading the prepared records where they lie.

use crate::comparison::Level;
use crate::exact::{ExactKeys, KeyList, Keys, RecordList, NO_KEYS};
use crate::normalize::NormalizedName;
use crate::party::{Party, Prepared};
use crate::postings::{
    char_bits, fold_hash, grams, in_order, in_order_chars, prefetch, seek, signature, wide_char_bits, CharPosting,
    SigPosting, Tally, TALLY,
};
use crate::score::{score_candidate, Candidate, Features};
use crate::why::{Pending, Why};
use dealgate_domain::Explanation;
use hashbrown::HashTable;
use rustc_hash::FxHashMap as HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

mod shared_keys;

/// A scored candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Position of the record in the index (see [`Index::record_id`]).
    pub record: usize,
    /// Score in [0, 1].
    pub score: f64,
    /// Why.
    pub explanation: Explanation,
}

/// One record: its id, its name and sales region by number, and its exact keys when it has any.
struct Rec {
    /// End of its id in `Index::ids` (the id begins where the record before ends it).
    id_end: u32,
    name: u32,
    /// Index into `Index::regions` (0: none).
    region: u32,
    /// Its exact keys' number in `Index::exact` ([`NO_KEYS`]: none).
    keys: u32,
    alive: bool,
}

/// New names from which an insert fills postings and records on two threads.
const PARALLEL_INSERT: usize = 512;

/// Index over one source.
#[derive(Default)]
pub struct Index {
    /// Distinct names, by id (not behind `Arc`s: a search reads them one load sooner).
    names: Vec<NormalizedName>,
    /// Name ids by the hash of their folded name ([`fold_hash`]; the table holds ids only).
    name_ids: HashTable<u32>,
    name_records: Vec<RecordList>,
    grams: HashMap<(char, char), Vec<u32>>,
    /// Number of distinct bigrams of each name's core.
    gram_counts: Vec<u8>,
    /// Each name's stem characters as a [`wide_char_bits`] set: the forward abbreviation look-up tests
    /// it (one independent read per name) before reading the name itself.
    stem_bits: Vec<u64>,
    /// Names of a two-character brand by its first character and the first character after it
    /// ([`typo_key`]): a typo in the brand's last character leaves a name no rare bigram to be found by.
    typo_keys: HashMap<(char, char), Vec<u32>>,
    /// Names by the two smallest characters of their distinctive part (see `abbreviation_candidates`).
    sig_pairs: HashMap<(char, char), Vec<SigPosting>>,
    stem_chars: HashMap<char, Vec<CharPosting>>,
    /// Names by the hash of a pinyin spelling of their brand's first two characters.
    pinyin: HashMap<u64, Vec<u32>>,
    records: Vec<Rec>,
    /// Record ids one after the other, in position order (see `Rec::id_end`).
    ids: String,
    /// Sales regions in order of first use; position 0 is "none".
    regions: Vec<Option<Arc<str>>>,
    region_ids: HashMap<Arc<str>, u32>,
    exact: ExactKeys,
    /// Live records' positions by the hash of their id ([`id_hash`]; the table holds positions only).
    by_id: HashTable<u32>,
}

/// Posting lists longer than this belong to common bigrams, which only rank the names rarer ones found.
const COMMON_POSTINGS: usize = 1024;

/// How many name candidates get a full score per query.
const MAX_CANDIDATES: usize = 30;

/// Postings of a typo key a search reads at most (in id order), and most names it takes from them.
const TYPO_POSTINGS: usize = 4096;
const MAX_TYPO_CANDIDATES: usize = 20;

/// A name's typo key: the first character of its two-character distinctive part and the first
/// character of the industry words after it (澜 and 科 of 澜岳科技). Two names one character apart in
/// the brand's last character (澜岳科技 / 澜乐科技) share it, and often no bigram but the industry
/// words' (科技), too common to find one by. A longer brand keeps a bigram of its own through such a
/// typo (澜岳 of 澜岳星 / 澜岳月), so only two-character brands are filed: fewer entries to build.
fn typo_key(n: &NormalizedName) -> Option<(char, char)> {
    if n.latin || n.distinctive_chars() != 2 {
        return None;
    }
    let before_last = n.distinctive().chars().next()?;
    let after = n.core()[n.distinctive().len()..].chars().next()?;
    Some((before_last, after))
}

/// Most names an abbreviation look-up returns.
const MAX_ABBREVIATION_CANDIDATES: usize = 20;

/// Postings the forward abbreviation look-up tests against the character sets at a time.
const SET_TEST_BLOCK: usize = 128;

/// The hash `Index::by_id` files a record id under.
fn id_hash(record_id: &str) -> u64 {
    std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, record_id)
}

/// The id of the record at `pos`.
fn id_of<'a>(records: &[Rec], ids: &'a str, pos: u32) -> &'a str {
    let start = pos.checked_sub(1).map_or(0, |before| records[before as usize].id_end as usize);
    &ids[start..records[pos as usize].id_end as usize]
}

impl Index {
    /// An empty index.
    pub fn new() -> Index {
        Index::default()
    }

    /// Number of live records.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether there are no live records.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Positions taken, live or not: the position the next record gets.
    pub fn positions(&self) -> usize {
        self.records.len()
    }

    /// The record id at a position returned in a [`Hit`].
    pub fn record_id(&self, record: usize) -> &str {
        id_of(&self.records, &self.ids, record as u32)
    }

    /// The folded name of the record at a position returned in a [`Hit`].
    pub fn folded_name(&self, record: usize) -> &str {
        self.names[self.records[record].name as usize].folded()
    }

    /// Adds a record, replacing an earlier one with the same id. Returns its position.
    pub fn insert(&mut self, record_id: &str, party: &Party<'_>) -> usize {
        self.insert_prepared(record_id, party.prepare())
    }

    /// Adds a prepared record, replacing an earlier one with the same id. Returns its position.
    pub fn insert_prepared(&mut self, record_id: &str, p: Prepared) -> usize {
        self.insert_many([record_id], vec![p]);
        self.records.len() - 1
    }

    /// Room for `additional` more records, each with a name of its own at most, so that a bulk build
    /// does not keep regrowing (and re-faulting) its largest tables.
    pub fn reserve(&mut self, additional: usize) {
        let Index { records, names, ids, .. } = self;
        self.by_id.reserve(additional, |&p| id_hash(id_of(records, ids, p)));
        self.name_ids.reserve(additional, |&id| fold_hash(names[id as usize].folded()));
        self.records.reserve(additional);
        self.names.reserve(additional);
        self.name_records.reserve(additional);
        self.gram_counts.reserve(additional);
        self.stem_bits.reserve(additional);
    }

    /// Adds prepared records in order (`record_ids` and `prepared` side by side, one id per record),
    /// each replacing an earlier one with the same id; they take the next positions. Names are looked
    /// up one after the other (each new name moved into the index); then the new names' postings and
    /// the records' own tables, which share nothing, are filled side by side, reading the rest of
    /// `prepared` where it lies.
    pub fn insert_many<S: AsRef<str>>(&mut self, record_ids: impl IntoIterator<Item = S>, mut prepared: Vec<Prepared>) {
        // (name id, position in `prepared`) of each name new to the index.
        let mut fresh: Vec<(u32, usize)> = Vec::new();
        let mut name_of = Vec::with_capacity(prepared.len());
        for (i, p) in prepared.iter_mut().enumerate() {
            let folded = p.features.name.folded();
            let names = &self.names;
            let next = names.len() as u32;
            let (name, new) = match self.name_ids.entry(
                fold_hash(folded),
                |&id| names[id as usize].folded() == folded,
                |&id| fold_hash(names[id as usize].folded()),
            ) {
                hashbrown::hash_table::Entry::Occupied(e) => (*e.get(), false),
                hashbrown::hash_table::Entry::Vacant(e) => (*e.insert(next).get(), true),
            };
            if new {
                self.gram_counts.push(p.grams.len().min(255) as u8);
                self.stem_bits.push(wide_char_bits(p.stem.iter().copied()));
                self.names.push(std::mem::take(&mut p.features.name));
                self.name_records.push(RecordList::new());
                fresh.push((name, i));
            }
            name_of.push(name);
        }
        let Index {
            names,
            name_records,
            grams,
            typo_keys,
            sig_pairs,
            stem_chars,
            pinyin,
            records,
            regions,
            region_ids,
            exact,
            by_id,
            ids: all_ids,
            ..
        } = self;
        let (names, prepared) = (&*names, &prepared);
        let records_before = records.len();
        let mut post_grams = || {
            for &(id, i) in &fresh {
                for &g in &prepared[i].grams {
                    grams.entry(g).or_default().push(id);
                }
                if let Some(key) = typo_key(&names[id as usize]) {
                    typo_keys.entry(key).or_default().push(id);
                }
            }
        };
        let mut post_rest = || {
            for &(id, i) in &fresh {
                let f = &prepared[i];
                if let [a, b, ..] = f.signature[..] {
                    let posting = SigPosting::new(id, names[id as usize].distinctive());
                    sig_pairs.entry((a, b)).or_default().push(posting);
                }
                for &key in &f.pinyin {
                    pinyin.entry(key).or_default().push(id);
                }
                let posting = CharPosting { id, bits: char_bits(f.stem.iter().copied()) };
                for &ch in &f.stem {
                    stem_chars.entry(ch).or_default().push(posting);
                }
            }
        };
        let add_records = || {
            for ((record_id, p), &name) in record_ids.into_iter().zip(prepared).zip(&name_of) {
                let pos = records.len() as u32;
                let record_id = record_id.as_ref();
                let hash = id_hash(record_id);
                let same = |&p: &u32| id_of(records, all_ids, p) == record_id;
                match by_id.find_mut(hash, same) {
                    Some(slot) => {
                        let old = std::mem::replace(slot, pos);
                        let rec = &mut records[old as usize];
                        rec.alive = false;
                        name_records[rec.name as usize].retain(|p| *p != old);
                    }
                    None => {
                        by_id.insert_unique(hash, pos, |&p| id_hash(id_of(records, all_ids, p)));
                    }
                }
                name_records[name as usize].push(pos);
                let Features { uscc, domains, phones, region, .. } = &p.features;
                let region = match region {
                    None => 0,
                    Some(r) => match region_ids.get(r) {
                        Some(&id) => id,
                        None => {
                            if regions.is_empty() {
                                regions.push(None);
                            }
                            let id = regions.len() as u32;
                            regions.push(Some(r.clone()));
                            region_ids.insert(r.clone(), id);
                            id
                        }
                    },
                };
                let keys = exact.insert(pos, uscc.as_deref(), domains, phones);
                all_ids.push_str(record_id);
                let id_end = u32::try_from(all_ids.len()).expect("record ids under 4 GB in all");
                records.push(Rec { id_end, name, region, keys, alive: true });
            }
            debug_assert_eq!(records.len(), records_before + name_of.len(), "one id per prepared record");
        };
        if fresh.len() >= PARALLEL_INSERT {
            // The records' tables on this thread (a bulk build calls from outside the pool, which then
            // would sit idle), the postings on the pool.
            rayon::in_place_scope(|s| {
                s.spawn(|_| post_grams());
                s.spawn(|_| post_rest());
                add_records();
            });
        } else {
            post_grams();
            post_rest();
            add_records();
        }
    }

    /// A record's features, as the scorer takes them, borrowed.
    fn candidate_of(&self, rec: &Rec) -> Candidate<'_> {
        let keys = self.exact.get(rec.keys);
        Candidate {
            name: &self.names[rec.name as usize],
            uscc: keys.and_then(Keys::uscc),
            domains: keys.map_or(KeyList::Each(&[]), Keys::domains),
            phones: keys.map_or(KeyList::Each(&[]), Keys::phones),
            region: self.regions.get(rec.region as usize).and_then(|r| r.as_deref()),
        }
    }

    /// The USCC of a record, if it has one.
    fn uscc_of(&self, rec: &Rec) -> Option<&str> {
        self.exact.get(rec.keys).and_then(Keys::uscc)
    }

    /// Gives back the spare capacity of the posting lists (after a bulk build).
    pub fn shrink_to_fit(&mut self) {
        self.grams.values_mut().for_each(Vec::shrink_to_fit);
        self.typo_keys.values_mut().for_each(Vec::shrink_to_fit);
        self.stem_chars.values_mut().for_each(Vec::shrink_to_fit);
        self.sig_pairs.values_mut().for_each(Vec::shrink_to_fit);
        self.pinyin.values_mut().for_each(Vec::shrink_to_fit);
        self.records.shrink_to_fit();
        self.ids.shrink_to_fit();
        self.exact.shrink_to_fit();
        self.names.shrink_to_fit();
        self.name_records.shrink_to_fit();
        self.gram_counts.shrink_to_fit();
        self.stem_bits.shrink_to_fit();
        self.name_records.iter_mut().for_each(RecordList::shrink_to_fit);
    }

    /// Removes a record by id (no-op if absent).
    pub fn remove(&mut self, record_id: &str) {
        let (records, ids) = (&self.records, &self.ids);
        let found = self.by_id.find_entry(id_hash(record_id), |&p| id_of(records, ids, p) == record_id);
        if let Ok(entry) = found {
            let (pos, _) = entry.remove();
            let rec = &mut self.records[pos as usize];
            rec.alive = false;
            self.name_records[rec.name as usize].retain(|p| *p != pos);
        }
    }

    /// Adds to `out` (at most [`MAX_ABBREVIATION_CANDIDATES`], in id order) the names whose stem holds
    /// the characters of `text` in order; `sig` is `text`'s distinct characters (looked up only when
    /// there are 2 to 4 of them).
    fn names_holding_in_order(&self, sig: &[char], text: &str, out: &mut Vec<u32>) {
        let start = out.len();
        if (2..=4).contains(&sig.len()) {
            let lists: Vec<&Vec<CharPosting>> = sig.iter().filter_map(|c| self.stem_chars.get(c)).collect();
            if lists.len() == sig.len() {
                // Walk the rarest character's list. A name there can only hold the query's distinctive
                // characters in order if its character sets hold them all: two set tests, the second
                // (wide) one read from a table beside the list, rule most names out before the exact
                // test reads the name.
                let first = lists.iter().min_by_key(|l| l.len()).expect("as many lists as characters, at least 2");
                let want = char_bits(sig.iter().copied());
                let wide = wide_char_bits(sig.iter().copied());
                // A block at a time, the set tests without branches on what they read, then the
                // survivors' names warmed together: the scattered reads of a block overlap instead of
                // each waiting on the one before. Names stay in order, so the first ones found are the
                // ones a name-by-name walk would find.
                let mut ids = [0u32; SET_TEST_BLOCK];
                'blocks: for block in first.chunks(SET_TEST_BLOCK) {
                    let mut n = 0;
                    for p in block {
                        ids[n] = p.id;
                        n += usize::from(p.bits & want == want);
                    }
                    let mut m = 0;
                    for k in 0..n {
                        let id = ids[k];
                        ids[m] = id;
                        m += usize::from(self.stem_bits[id as usize] & wide == wide);
                    }
                    let names: Vec<&NormalizedName> = ids[..m].iter().map(|&id| &self.names[id as usize]).collect();
                    crate::name::warm(&names);
                    for (&id, name) in ids[..m].iter().zip(names) {
                        if in_order(text, name.stem()) {
                            out.push(id);
                            if out.len() - start == MAX_ABBREVIATION_CANDIDATES {
                                break 'blocks;
                            }
                        }
                    }
                }
            }
        }
    }

    /// Names that may abbreviate the query or be abbreviated by it: names holding every distinctive
    /// character of the query, and names whose distinctive characters all occur in the query's name.
    fn abbreviation_candidates(&self, q: &NormalizedName) -> Vec<u32> {
        let mut out = Vec::new();
        self.names_holding_in_order(&signature(q), q.distinctive(), &mut out);
        // A short name after a place the other name keeps as its own (四川能投 for 四川能源投资: only
        // industry words follow 四川 there): the distinctive characters alone are too common to find it
        // among the first, so the place's and the name's characters are looked up together too.
        // Only when a place was cut in front (the stem is longer than the core), and the stem has at most
        // four characters (the look-up takes no more): rare, so most searches do one look-up as before.
        if q.stem().len() > q.core().len() {
            let stem_sig = crate::postings::distinct_chars(q.stem());
            let before = out.len();
            self.names_holding_in_order(&stem_sig, q.stem(), &mut out);
            // Names the first look-up found may come again.
            let (first, again) = out.split_at(before);
            let fresh: Vec<u32> = again.iter().copied().filter(|id| !first.contains(id)).collect();
            out.truncate(before);
            out.extend(fresh);
        }
        let mut stem: Vec<char> = q.stem().chars().collect();
        stem.sort_unstable();
        stem.dedup();
        if stem.len() >= 4 {
            // A name whose distinctive characters all occur in the query's stem has its two smallest
            // characters among them: look those pairs up, then check the rest.
            let in_stem: Vec<char> = q.stem().chars().collect();
            let outside = !char_bits(stem.iter().copied());
            let mut found = Vec::new();
            for (i, &a) in stem.iter().enumerate() {
                for &b in &stem[i + 1..] {
                    for p in self.sig_pairs.get(&(a, b)).map(Vec::as_slice).unwrap_or(&[]) {
                        if p.bits & outside != 0 {
                            continue; // a character the query's stem does not have
                        }
                        let long_name: Vec<char>;
                        let short = match p.chars() {
                            Some(inline) => inline,
                            None => {
                                long_name = self.names[p.id as usize].distinctive().chars().collect();
                                &long_name
                            }
                        };
                        if short.iter().all(|c| stem.binary_search(c).is_ok()) && in_order_chars(short, &in_stem) {
                            found.push(p.id);
                        }
                    }
                }
            }
            found.sort_unstable();
            found.dedup();
            out.extend(found.into_iter().take(MAX_ABBREVIATION_CANDIDATES));
        }
        out
    }

    /// Every live record scoring at least `min_score` against `q`, strongest first. A phone or domain
    /// held by three mutually unrelated names (`SHARED_KEY_NAMES`) is neither looked up nor scored.
    pub fn search(&self, q: &Features, min_score: f64) -> Vec<Hit> {
        let guarded = self.without_shared_keys(q);
        let q = guarded.as_ref().unwrap_or(q);
        // Rarest bigrams first. A bigram shared by very many names (科技, 信息) only adds to the names
        // the rarer ones found, looked up (in order) in its sorted posting list.
        let query_grams = grams(q.name.core());
        let mut lists: Vec<&Vec<u32>> = query_grams.iter().filter_map(|g| self.grams.get(g)).collect();
        lists.sort_by_key(|l| l.len());
        // Each name counts its shared bigrams and their weight: rare bigrams (a brand's) weigh more than
        // common ones (an industry's), so names sharing the brand rank first.
        let total = self.names.len() as f32 + 1.0;
        let query_grams = query_grams.len() as u32;
        let mut names: Vec<(u32, f32)> = TALLY.with_borrow_mut(|t| {
            if t.counts.len() < self.names.len() {
                t.counts.resize(self.names.len(), (0, 0.0));
            }
            let Tally { counts, touched } = t;
            let mut sorted = false;
            for post in lists {
                let weight = (total / (post.len() as f32 + 1.0)).ln().max(0.1);
                if post.len() <= COMMON_POSTINGS || touched.is_empty() {
                    // The counts are scattered over the names: ask for each a few postings ahead.
                    const AHEAD: usize = 12;
                    for (i, &n) in post.iter().enumerate() {
                        if let Some(&ahead) = post.get(i + AHEAD) {
                            prefetch(&counts[ahead as usize]);
                        }
                        let e = &mut counts[n as usize];
                        if e.0 == 0 {
                            touched.push(n);
                        }
                        e.0 += 1;
                        e.1 += weight;
                    }
                } else {
                    if !sorted {
                        touched.sort_unstable();
                        sorted = true;
                    }
                    let mut at = 0;
                    for &n in touched.iter() {
                        at = seek(post, at, n);
                        if post.get(at) == Some(&n) {
                            let e = &mut counts[n as usize];
                            e.0 += 1;
                            e.1 += weight;
                        }
                    }
                }
            }
            // A name sharing under a third of the bigrams of the shorter of the two cores cannot reach
            // the review band by edit similarity; short forms and abbreviations come from their own
            // look-ups.
            let mut out = Vec::new();
            for n in touched.drain(..) {
                let (c, w) = std::mem::take(&mut counts[n as usize]);
                if c * 3 >= query_grams.min(u32::from(self.gram_counts[n as usize])) {
                    out.push((n, w));
                }
            }
            out
        });
        // The strongest MAX_CANDIDATES in order: selected first, so only they are sorted (the order is
        // total, ties going to the lower id, so this is what sorting all of them would keep).
        let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if names.len() > MAX_CANDIDATES {
            names.select_nth_unstable_by(MAX_CANDIDATES, order);
            names.truncate(MAX_CANDIDATES);
        }
        names.sort_unstable_by(order);
        names.extend(self.abbreviation_candidates(&q.name).into_iter().map(|n| (n, 0.0)));
        // Names one character off in the brand's last character, of a full name (a legal form) as long as
        // the query's: what a typo there leaves to find them by.
        if let Some(list) = q.name.legal_form().and_then(|_| typo_key(&q.name)).and_then(|k| self.typo_keys.get(&k)) {
            let typo = list
                .iter()
                .take(TYPO_POSTINGS)
                .filter(|&&n| u32::from(self.gram_counts[n as usize]) == query_grams)
                .take(MAX_TYPO_CANDIDATES);
            names.extend(typo.map(|&n| (n, 0.0)));
        }
        if let Some(brand) = crate::cross_script::latin_brand(&q.name) {
            for end in 4..=brand.len().min(14) {
                if let Some(ids) = self.pinyin.get(&crate::cross_script::pinyin_hash(&brand.as_bytes()[..end])) {
                    names.extend(ids.iter().take(MAX_CANDIDATES).map(|&n| (n, 0.0)));
                }
            }
        }
        // Each name's records in two passes (list headers, then lists), their cache misses overlapping.
        let lists: Vec<&[u32]> = names.iter().map(|(n, _)| self.name_records[*n as usize].as_slice()).collect();
        let mut positions: Vec<u32> = lists.into_iter().flatten().copied().collect();
        let records = &self.records;
        let query_keys = (q.uscc.as_deref(), &q.domains[..], &q.phones[..]);
        self.exact.lookup(query_keys, |pos| records[pos as usize].keys, &mut positions);
        self.score_positions(q, positions, min_score)
    }

    /// What [`Index::search`] would return if it scored every live record instead of the candidates
    /// its postings find: the brute-force reference that benchmarks compare the index against.
    pub fn search_exhaustive(&self, q: &Features, min_score: f64) -> Vec<Hit> {
        let guarded = self.without_shared_keys(q);
        let q = guarded.as_ref().unwrap_or(q);
        let positions = (0..self.records.len() as u32).filter(|&p| self.records[p as usize].alive).collect();
        self.score_positions(q, positions, min_score)
    }

    fn score_positions(&self, q: &Features, mut positions: Vec<u32>, min_score: f64) -> Vec<Hit> {
        positions.sort_unstable();
        positions.dedup();
        // The candidates are scattered over the index: gather their records, then their names, each
        // pass's loads independent of one another, so that their cache misses overlap.
        positions.retain(|&p| self.records[p as usize].alive);
        let names: Vec<&NormalizedName> =
            positions.iter().map(|&p| &self.names[self.records[p as usize].name as usize]).collect();
        crate::name::warm(&names);
        if !self.exact.is_empty() {
            let keys: Vec<&Keys> =
                positions.iter().filter_map(|&p| self.exact.get(self.records[p as usize].keys)).collect();
            crate::exact::warm(&keys);
        }
        // Records without keys score by name and region alone: one score per (name, region), kept as
        // the place in `scored` of the first record that had it.
        let mut name_scores: HashMap<(u32, u32), usize> =
            HashMap::with_capacity_and_hasher(positions.len(), Default::default());
        let mut scored: Vec<(u32, f64, Vec<Pending<'_>>)> = Vec::with_capacity(positions.len());
        for pos in positions {
            let rec = &self.records[pos as usize];
            if !rec.alive {
                continue;
            }
            let (s, reasons) = if rec.keys != NO_KEYS {
                score_candidate(q, self.candidate_of(rec))
            } else {
                match name_scores.entry((rec.name, rec.region)) {
                    Entry::Occupied(at) => {
                        let (_, s, reasons) = &scored[*at.get()];
                        (*s, reasons.clone())
                    }
                    Entry::Vacant(at) => {
                        at.insert(scored.len());
                        score_candidate(q, self.candidate_of(rec))
                    }
                }
            };
            scored.push((pos, s, reasons));
        }
        // A key that matched one record of an account vouches for the account's other records too
        // (the CRM often carries the USCC or website on only some of an account's activities).
        let mut best_by_name: HashMap<u32, (f64, u32)> =
            HashMap::with_capacity_and_hasher(scored.len(), Default::default());
        for &(pos, s, _) in &scored {
            let e = best_by_name.entry(self.records[pos as usize].name).or_insert((0.0, pos));
            if s > e.0 {
                *e = (s, pos);
            }
        }
        let mut extra = Vec::new();
        // `scored` is in position order (positions were sorted).
        let seen = |pos: u32| scored.binary_search_by_key(&pos, |&(p, _, _)| p).is_ok();
        let conflicting_uscc = |pos: u32| {
            let own = self.uscc_of(&self.records[pos as usize]);
            matches!((own, q.uscc.as_deref()), (Some(a), Some(b)) if a != b)
        };
        for (&name, &(s, via)) in &best_by_name {
            for &pos in &self.name_records[name as usize] {
                if !seen(pos) && !conflicting_uscc(pos) {
                    let why = Why::SameAccount(self.record_id(via as usize));
                    extra.push((
                        pos,
                        s,
                        vec![Pending { level: Level::AccountSame, agreed: Some(true), why, contribution: 0.0 }],
                    ));
                }
            }
        }
        scored.extend(extra);
        for (pos, s, reasons) in &mut scored {
            let rec = &self.records[*pos as usize];
            if let Some(&(best, via)) = best_by_name.get(&rec.name) {
                if best > *s && !conflicting_uscc(*pos) {
                    // Not rounded: the score rises exactly to the account's best.
                    reasons.push(Pending {
                        level: Level::AccountSameScored,
                        agreed: Some(true),
                        why: Why::SameAccountScored(self.record_id(via as usize), best),
                        contribution: best - *s,
                    });
                    *s = best;
                }
            }
        }
        let mut hits = Vec::new();
        for (pos, s, reasons) in scored {
            let rec = &self.records[pos as usize];
            if s >= min_score {
                let c = &self.names[rec.name as usize];
                hits.push(Hit {
                    record: pos as usize,
                    score: (s * 1000.0).round() / 1000.0,
                    explanation: Explanation {
                        query_normalized: q.name.folded().to_string(),
                        candidate_normalized: c.folded().to_string(),
                        query_core: q.name.core().to_string(),
                        candidate_core: c.core().to_string(),
                        reasons: reasons.into_iter().map(Pending::worded).collect(),
                        context: Default::default(),
                    },
                });
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.record.cmp(&b.record)));
        hits
    }
}
