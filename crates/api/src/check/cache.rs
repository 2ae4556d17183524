//! The corpus kept between checks: built once from the store (streamed, normalised in parallel), then
//! brought up to date incrementally — imports in this process add their rows, decisions are read by id.
//! An import by another process (the CLI while the app is open) is seen through the import log and
//! makes the next check rebuild; a head account added or removed by hand, here or elsewhere, moves the
//! head-account list's version and makes the next check read the head accounts again (a few thousand
//! rows, not the follow-ups); settings are read again when their version moved.
//!
//! The build runs in three overlapping stages: the store's bulk scan; readying a chunk (names normalised in parallel,
//! contexts with their strings numbered by one interner, ids) and dropping its rows; inserting the previous chunk.
//! Afterwards imports update it and decisions are read after the last id seen.

use super::corpus::{self, Corpus, Ready};
use super::intern::Interner;
use crate::progress::Progress;
use crate::{Api, ApiError, ApiResult, ErrorCode};
use dealgate_domain::{FollowUp, HeadAccount, RecordKind, Registration, Settings, Standing};
use dealgate_store::{Store, Watermarks};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::mpsc;

/// Rows per chunk streamed from the store and normalised in parallel.
const CHUNK: usize = 8192;

/// A corpus and the state of the store it reflects.
pub(crate) struct Matcher {
    pub(crate) corpus: Corpus,
    /// The registrations' current decisions.
    pub(crate) standing: HashMap<String, Standing>,
    /// Last import id reflected in the corpus.
    import_id: i64,
    /// Last decision id reflected in `standing`.
    decision_id: i64,
    /// Version of the head-account list reflected in the corpus.
    heads_version: i64,
    /// The settings in force and their version.
    pub(crate) settings: (i64, Settings),
    /// The head-account groups, read when a check first needs them after a build or a head-account
    /// import (see [`Api::head_groups`]).
    pub(crate) groups: Option<Arc<crate::groups::HeadGroups>>,
}

/// The cache slot shared by clones of an [`Api`].
pub(crate) type Slot = Arc<tokio::sync::Mutex<Option<Matcher>>>;

impl Matcher {
    fn apply(&mut self, standings: Vec<(String, Standing)>) {
        for (id, s) in standings {
            self.decision_id = self.decision_id.max(s.decision_id);
            self.standing.insert(id, s);
        }
    }
}

impl Api {
    /// Builds the matching index now unless the one cached is up to date with the store, so that the
    /// first registration opened does not wait for it: the desktop app calls this in the background as
    /// it opens a database. A check or proposal asked for meanwhile waits for this build instead of
    /// starting another. Reports `indexing` progress only when it builds.
    pub async fn prepare_index(&self, progress: Arc<dyn Progress>) -> ApiResult<()> {
        let mut slot = self.matcher.lock().await;
        let m = self.take_matcher(&mut slot, &progress).await?;
        Api::put_matcher(&mut slot, m);
        Ok(())
    }

    /// The matcher, up to date with the store: taken out of the cache (the caller puts it back with
    /// [`Api::put_matcher`] when done; a matcher lost to an error is rebuilt next time).
    pub(crate) async fn take_matcher(
        &self,
        slot: &mut Option<Matcher>,
        progress: &Arc<dyn Progress>,
    ) -> ApiResult<Matcher> {
        let marks = self.store.watermarks().await?;
        let mut m = match slot.take() {
            Some(m) if m.import_id == marks.import_id => m,
            _ => self.build_matcher(marks, progress).await?,
        };
        if marks.head_accounts != m.heads_version {
            let (rows, keys) = read_heads(self.store.clone()).await?;
            let keys: Vec<Option<&str>> = keys.iter().map(|k| k.as_deref()).collect();
            m.corpus.replace_heads(&rows, &keys);
            m.heads_version = marks.head_accounts;
        }
        if marks.decision_id > m.decision_id {
            let newer = self.store.standings_after(m.decision_id).await?;
            m.apply(newer);
        }
        if marks.settings_version != m.settings.0 {
            m.settings = self.store.settings().await?;
        }
        Ok(m)
    }

    async fn build_matcher(&self, marks: Watermarks, progress: &Arc<dyn Progress>) -> ApiResult<Matcher> {
        let sources = self.store.sources().await?;
        let rows = |kind| sources.iter().filter(|s| s.kind == kind).map(|s| s.rows.max(0) as usize).sum::<usize>();
        let sizes = (rows(RecordKind::HeadAccount), rows(RecordKind::FollowUp), rows(RecordKind::Registration));
        let total = sizes.0 + sizes.1 + sizes.2;
        // Three stages: the store streams rows, a second thread readies each chunk (normalised in
        // parallel, strings numbered) and drops the rows, and a third inserts them in order, so inserting
        // one chunk overlaps readying the next.
        let (tx, mut rx) = mpsc::channel::<Rows>(2);
        let (ptx, mut prx) = mpsc::channel::<Ready>(2);
        let preparer = tokio::task::spawn_blocking(move || {
            let mut strings = Interner::default();
            while let Some(rows) = rx.blocking_recv() {
                let ready = match &rows {
                    Rows::Heads(v, k) => corpus::ready_heads(v, k, &mut strings),
                    Rows::FollowUps(v, k) => corpus::ready_follow_ups(v, k, &mut strings),
                    Rows::Registrations(v, k) => corpus::ready_registrations(v, k, &mut strings),
                };
                drop(rows);
                if ptx.blocking_send(ready).is_err() {
                    break;
                }
            }
            strings
        });
        let p = progress.clone();
        let builder = tokio::task::spawn_blocking(move || {
            let mut corpus = Corpus::default();
            corpus.reserve(sizes.0, sizes.1, sizes.2);
            let mut done = 0;
            p.report("indexing", 0, total);
            while let Some(ready) = prx.blocking_recv() {
                if p.cancelled() {
                    return Err(ApiError::new(ErrorCode::Cancelled, "indexing cancelled; nothing was stored"));
                }
                done += ready.len();
                corpus.insert(ready);
                p.report("indexing", done, total);
            }
            corpus.shrink_to_fit();
            Ok(corpus)
        });
        let feed = stream_all(self.store.clone(), tx);
        // The registrations' decisions are read meanwhile, on a connection of their own.
        let standings = self.store.standings_after(0);
        let (fed, prepared, built, standings) = tokio::join!(feed, preparer, builder, standings);
        let mut corpus = built??;
        corpus.with_strings(prepared?);
        fed?;
        let standing = HashMap::new();
        let settings = self.store.settings().await?;
        let (import_id, heads_version) = (marks.import_id, marks.head_accounts);
        let mut m = Matcher { corpus, standing, import_id, decision_id: 0, heads_version, settings, groups: None };
        m.apply(standings?);
        Ok(m)
    }

    /// The head-account groups `m` decides with: read from the store once per corpus (after its build or
    /// a head-account import), not at every check (a list of 100,000 head accounts takes a while).
    pub(crate) async fn head_groups(&self, m: &mut Matcher) -> ApiResult<Arc<crate::groups::HeadGroups>> {
        if let Some(g) = &m.groups {
            return Ok(g.clone());
        }
        let g = Arc::new(crate::groups::HeadGroups::new(&self.store.head_accounts().await?));
        m.groups = Some(g.clone());
        Ok(g)
    }

    /// Puts a matcher back into the cache.
    /// The kept matcher brought up to date, with the head-account groups a check applies; on a failure
    /// reading the groups the matcher goes back into `slot`, never lost.
    pub(crate) async fn take_matcher_with_groups(
        &self,
        slot: &mut Option<Matcher>,
        progress: &Arc<dyn Progress>,
    ) -> ApiResult<(Matcher, Arc<crate::groups::HeadGroups>)> {
        let mut m = self.take_matcher(slot, progress).await?;
        match self.head_groups(&mut m).await {
            Ok(groups) => Ok((m, groups)),
            Err(e) => {
                Api::put_matcher(slot, m);
                Err(e)
            }
        }
    }

    pub(crate) fn put_matcher(slot: &mut Option<Matcher>, m: Matcher) {
        *slot = Some(m);
    }

    /// Adds freshly imported rows to a cached corpus, or drops the cache when another process imported
    /// in between (the next check rebuilds). `before` is what the store said before this import;
    /// `rows` come with the name keys stored for them.
    pub(crate) async fn matcher_imported(
        &self,
        before: Watermarks,
        rows: (ImportedRows<'_>, &[String]),
    ) -> ApiResult<()> {
        let mut slot = self.matcher.lock().await;
        let after = self.store.watermarks().await?;
        let Some(m) = slot.as_mut() else { return Ok(()) };
        if m.import_id != before.import_id || after.import_id != before.import_id + 1 {
            *slot = None;
            return Ok(());
        }
        // A head-account import moves the list's version by one; the corpus follows it only when nobody
        // else moved it too (else the next check reads the head accounts again).
        if matches!(rows.0, ImportedRows::Heads(_))
            && m.heads_version == before.head_accounts
            && after.head_accounts == before.head_accounts + 1
        {
            m.heads_version = after.head_accounts;
        }
        let keys: Vec<Option<&str>> = rows.1.iter().map(|k| Some(k.as_str())).collect();
        match rows.0 {
            ImportedRows::Heads(v) => {
                m.groups = None;
                m.corpus.upsert_heads(v, &keys)
            }
            ImportedRows::FollowUps(v) => m.corpus.upsert_follow_ups(v, &keys),
            ImportedRows::Registrations(v) => m.corpus.upsert_registrations(v, &keys),
        }
        m.import_id = after.import_id;
        Ok(())
    }
}

/// Rows just imported, to add to the cached corpus.
pub(crate) enum ImportedRows<'a> {
    Heads(&'a [HeadAccount]),
    FollowUps(&'a [FollowUp]),
    Registrations(&'a [Registration]),
}

/// A chunk of stored rows with their stored name keys.
enum Rows {
    Heads(Vec<HeadAccount>, Vec<Option<String>>),
    FollowUps(Vec<FollowUp>, Vec<Option<String>>),
    Registrations(Vec<Registration>, Vec<Option<String>>),
}

/// Every head account with its stored name key.
async fn read_heads(store: Arc<dyn Store>) -> ApiResult<(Vec<HeadAccount>, Vec<Option<String>>)> {
    let (tx, mut rx) = mpsc::channel(2);
    let scan = tokio::spawn(async move { store.scan_head_accounts(CHUNK, tx).await });
    let (mut rows, mut keys) = (Vec::new(), Vec::new());
    while let Some(chunk) = rx.recv().await {
        for (row, key) in chunk {
            rows.push(row);
            keys.push(key);
        }
    }
    scan.await.map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))??;
    Ok((rows, keys))
}

/// Streams every source into `tx`, one after the other.
async fn stream_all(store: Arc<dyn Store>, tx: mpsc::Sender<Rows>) -> ApiResult<()> {
    macro_rules! pump {
        ($scan:ident, $variant:ident) => {{
            let (inner_tx, mut inner_rx) = mpsc::channel(2);
            let s = store.clone();
            let scan = tokio::spawn(async move { s.$scan(CHUNK, inner_tx).await });
            while let Some(v) = inner_rx.recv().await {
                let (rows, keys) = v.into_iter().unzip();
                if tx.send(Rows::$variant(rows, keys)).await.is_err() {
                    break;
                }
            }
            drop(inner_rx);
            scan.await.map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))??;
        }};
    }
    pump!(scan_head_accounts, Heads);
    pump!(scan_follow_ups, FollowUps);
    pump!(scan_registrations, Registrations);
    Ok(())
}
