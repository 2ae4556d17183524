//! The SQLite store: one database file, migrations embedded, WAL journal.

mod admin;
mod audit_log;
mod batch;
mod bulk;
mod codec;
mod decisions;
mod heads;
mod indexes;
mod notify;
mod pairs;
mod queue;
mod records;

use crate::{
    AuditFilter, AuditQuery, DecisionFigures, DecisionSlice, Delivery, HeadAccountQuery, ImportCounts, ImportLog,
    Keyed, NewNotification, Notification, OpenMode, Page, QueueFacets, QueueQuery, QueueRow, Result, SettingsVersion,
    SourceStatus, Store, StoreError, Watermarks,
};
use async_trait::async_trait;
use chrono::{NaiveDate, NaiveDateTime};
use dealgate_audit::{AuditEntry, NewEntry};
use dealgate_domain::{Decision, Dispute, FollowUp, HeadAccount, PairLabel, Registration, Settings, Standing, User};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::path::Path;
use std::time::Duration;
use tokio::sync::mpsc::{Receiver, Sender};

/// DealGate on an embedded SQLite database file.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// The database file, which bulk reads open on their own.
    path: std::path::PathBuf,
    /// Opened with [`OpenMode::ReadOnly`]: nothing is written, not even housekeeping.
    read_only: bool,
}

/// How every write transaction starts. `BEGIN IMMEDIATE` takes the write lock up front, waiting up to the
/// busy timeout; a plain (deferred) `BEGIN` would read the audit head first and then fail at once with
/// SQLITE_BUSY_SNAPSHOT ("database is locked") whenever another writer committed in between.
pub(crate) const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// `rows` in the order their keys are asked for in `asked`: `None` where no row has the key; a key
/// asked more than once gets its row each time (moved to the first place, copied to the others).
pub(crate) fn in_order_asked<K: Eq + std::hash::Hash, T: Clone>(
    asked: &[K],
    rows: Vec<T>,
    key: impl Fn(&T) -> &K,
) -> Vec<Option<T>> {
    let mut first: std::collections::HashMap<&K, usize> = std::collections::HashMap::with_capacity(asked.len());
    for (i, k) in asked.iter().enumerate() {
        first.entry(k).or_insert(i);
    }
    let mut out: Vec<Option<T>> = (0..asked.len()).map(|_| None).collect();
    for row in rows {
        if let Some(&i) = first.get(key(&row)) {
            out[i] = Some(row);
        }
    }
    for (i, k) in asked.iter().enumerate() {
        let at = first[k];
        if at != i {
            out[i] = out[at].clone();
        }
    }
    out
}

/// Folds the WAL into the database file after a large write. Best effort: a reader holding an old
/// snapshot only makes it partial, and the next automatic checkpoint finishes the job.
pub(crate) async fn checkpoint(pool: &SqlitePool) {
    let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await;
}

/// Folds the whole WAL into the database file, waiting (up to a minute) for a checkpoint already
/// running, such as the one a large write starts after its commit. Best effort, as [`checkpoint`].
async fn checkpoint_all(pool: &SqlitePool) {
    for _ in 0..600 {
        // (busy, frames in the log, frames folded): busy when another checkpoint holds the log.
        let done: std::result::Result<(i64, i64, i64), _> =
            sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(pool).await;
        if !matches!(done, Ok((1, _, _))) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Folds the log into the database file before the process exits, without waiting on anyone: when
/// another process is reading (the desktop app beside a CLI command), the frames it still needs stay in
/// the log and everything else is copied into the file. Best effort.
async fn fold_log_now(pool: &SqlitePool) {
    let Ok(mut conn) = pool.acquire().await else { return };
    let _ = sqlx::query("PRAGMA busy_timeout = 0").execute(&mut *conn).await;
    let full: std::result::Result<(i64, i64, i64), _> =
        sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&mut *conn).await;
    if !matches!(full, Ok((0, _, _))) {
        let _ = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&mut *conn).await;
    }
    conn.close_on_drop();
}

pub(crate) fn query_err(doing: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |e| StoreError::Query { doing, detail: e.to_string() }
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<SqliteStore> {
        SqliteStore::open_with(path, OpenMode::Create).await
    }

    /// Opens the database at `path` as `mode` says: creating it only for [`OpenMode::Create`], and
    /// touching nothing on disk for [`OpenMode::ReadOnly`] (on read-only media too).
    pub async fn open_with(path: &Path, mode: OpenMode) -> Result<SqliteStore> {
        let open_err = |detail: String| StoreError::Open { path: path.display().to_string(), detail };
        let missing = |detail: &str| StoreError::Missing { path: path.display().to_string(), detail: detail.into() };
        match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => return Err(missing("that is not a regular file")),
            Ok(m) if m.len() == 0 && mode != OpenMode::Create => {
                return Err(missing("the file is empty (0 bytes); import data or run `dealgate demo` to make one"))
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && mode != OpenMode::Create => {
                return Err(missing("there is no such file; import data or run `dealgate demo` to make one"))
            }
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(open_err(e.to_string())),
            Err(_) => {}
        }
        if mode == OpenMode::ReadOnly {
            return SqliteStore::open_read_only(path).await;
        }
        if path.exists() && !is_dealgate_or_new(path).await.map_err(|e| open_err(e.to_string()))? {
            return Err(missing("the file is an SQLite database of some other program; nothing was changed"));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| open_err(e.to_string()))?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(mode == OpenMode::Create)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // 64 MiB of page cache per connection: a check of 100,000 registrations updates pages of
            // every queue index at random, which the default 2 MiB turns into re-reads.
            .pragma("cache_size", "-65536");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| open_err(e.to_string()))?;
        sqlx::migrate!("../../migrations/sqlite").run(&pool).await.map_err(|e| open_err(e.to_string()))?;
        // Indexes a batch dropped and did not get to create again (the process stopped after its commit).
        batch::create_pending_indexes_in(&pool).await.map_err(|e| open_err(e.to_string()))?;
        Ok(SqliteStore { pool, path: path.to_path_buf(), read_only: false })
    }

    /// Opens an existing database for reading only. When its folder cannot be written (a CD, a
    /// read-only share), SQLite cannot make the WAL's shared-memory file, so the file is then opened as
    /// immutable: nothing else may be writing it, which on such media nothing can.
    async fn open_read_only(path: &Path) -> Result<SqliteStore> {
        let open_err = |detail: String| StoreError::Open { path: path.display().to_string(), detail };
        let options = |immutable: bool| {
            SqliteConnectOptions::new()
                .filename(path)
                .read_only(true)
                .immutable(immutable)
                .busy_timeout(Duration::from_secs(10))
        };
        let connect = |immutable: bool| SqlitePoolOptions::new().max_connections(2).connect_with(options(immutable));
        let pool = match connect(false).await {
            Ok(pool) => match sqlx::query("SELECT COUNT(*) FROM sqlite_master").execute(&pool).await {
                Ok(_) => pool,
                Err(_) => connect(true).await.map_err(|e| open_err(e.to_string()))?,
            },
            Err(_) => connect(true).await.map_err(|e| open_err(e.to_string()))?,
        };
        let known = sqlx::migrate!("../../migrations/sqlite").migrations.len() as i64;
        let applied: std::result::Result<i64, _> =
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success").fetch_one(&pool).await;
        match applied {
            Ok(n) if n >= known => {}
            Ok(_) => return Err(open_err(
                "it was made by an earlier DealGate; open it once with a command that writes to bring it up to date"
                    .into(),
            )),
            Err(_) => {
                return Err(StoreError::Missing {
                    path: path.display().to_string(),
                    detail: "the file is not a DealGate database".into(),
                })
            }
        }
        Ok(SqliteStore { pool, path: path.to_path_buf(), read_only: true })
    }

    /// Closes the pool, checkpointing the WAL.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Whether the database file is empty or already DealGate's (it has the migrations table), so that
/// migrating it is safe: another program's database is never given DealGate's tables, nor switched to
/// WAL. Read on a read-only connection of its own, before anything is set.
async fn is_dealgate_or_new(path: &Path) -> std::result::Result<bool, sqlx::Error> {
    use sqlx::{ConnectOptions, Connection};
    if std::fs::metadata(path).map(|m| m.len() == 0).unwrap_or(true) {
        return Ok(true);
    }
    let mut conn = SqliteConnectOptions::new().filename(path).read_only(true).connect().await?;
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'").fetch_all(&mut conn).await?;
    conn.close().await?;
    Ok(tables.is_empty() || tables.iter().any(|t| t == "_sqlx_migrations"))
}

#[async_trait]
impl Store for SqliteStore {
    fn describe(&self) -> String {
        self.path.display().to_string()
    }
    async fn import_follow_ups_keyed(
        &self,
        rows: &[FollowUp],
        name_keys: &[String],
        log: ImportLog,
        audit: NewEntry,
    ) -> Result<ImportCounts> {
        records::import_follow_ups(&self.pool, rows, name_keys, log, audit).await
    }
    async fn import_head_accounts_keyed(
        &self,
        rows: &[HeadAccount],
        name_keys: &[String],
        log: ImportLog,
        audit: NewEntry,
    ) -> Result<ImportCounts> {
        records::import_head_accounts(&self.pool, rows, name_keys, log, audit).await
    }
    async fn import_registrations_keyed(
        &self,
        rows: &[Registration],
        name_keys: &[String],
        log: ImportLog,
        audit: NewEntry,
    ) -> Result<ImportCounts> {
        records::import_registrations(&self.pool, rows, name_keys, log, audit).await
    }
    async fn follow_ups(&self) -> Result<Vec<FollowUp>> {
        records::follow_ups(&self.pool).await
    }
    async fn head_accounts(&self) -> Result<Vec<HeadAccount>> {
        records::head_accounts(&self.pool).await
    }
    async fn follow_up(&self, record_id: &str) -> Result<Option<FollowUp>> {
        records::follow_up_by_id(&self.pool, record_id).await
    }
    async fn head_account(&self, account_id: &str) -> Result<Option<HeadAccount>> {
        records::head_account_by_id(&self.pool, account_id).await
    }
    async fn registrations(&self) -> Result<Vec<Registration>> {
        records::registrations(&self.pool, None).await
    }
    async fn scan_follow_ups(&self, chunk: usize, out: Sender<Vec<Keyed<FollowUp>>>) -> Result<()> {
        records::scan_follow_ups(&self.path, chunk, out).await
    }
    async fn scan_head_accounts(&self, chunk: usize, out: Sender<Vec<Keyed<HeadAccount>>>) -> Result<()> {
        records::scan_head_accounts(&self.path, chunk, out).await
    }
    async fn scan_registrations(&self, chunk: usize, out: Sender<Vec<Keyed<Registration>>>) -> Result<()> {
        records::scan_registrations(&self.path, chunk, out).await
    }
    async fn last_import_id(&self) -> Result<i64> {
        records::last_import_id(&self.pool).await
    }
    async fn watermarks(&self) -> Result<Watermarks> {
        records::watermarks(&self.pool).await
    }
    async fn standings_after(&self, after: i64) -> Result<Vec<(String, Standing)>> {
        decisions::standings_after(&self.pool, &self.path, after).await
    }
    async fn registration(&self, id: &str) -> Result<Option<Registration>> {
        Ok(records::registrations(&self.pool, Some(id)).await?.pop())
    }
    async fn registrations_by_ids(&self, ids: &[String]) -> Result<Vec<Option<Registration>>> {
        records::registrations_by_ids(&self.path, ids).await
    }
    async fn current_decisions(&self) -> Result<Vec<Decision>> {
        decisions::current(&self.pool, None).await
    }
    async fn current_decision(&self, registration_id: &str) -> Result<Option<Decision>> {
        Ok(decisions::current(&self.pool, Some(registration_id)).await?.pop())
    }
    async fn decision_history(&self, registration_id: &str) -> Result<Vec<Decision>> {
        decisions::history(&self.pool, registration_id).await
    }
    async fn record_decisions(&self, items: &[(Decision, NewEntry)]) -> Result<Vec<i64>> {
        batch::record(&self.pool, items).await
    }
    async fn record_decisions_streamed(&self, expected: usize, slices: Receiver<DecisionSlice>) -> Result<Vec<i64>> {
        batch::record_streamed(&self.pool, expected, slices).await
    }
    async fn decisions_by_ids(&self, ids: &[i64]) -> Result<Vec<Decision>> {
        decisions::by_ids(&self.pool, ids).await
    }
    async fn record_decisions_checked(&self, supersedes: &[i64], items: &[(Decision, NewEntry)]) -> Result<Vec<i64>> {
        batch::record_checked(&self.pool, supersedes, items).await
    }
    async fn close(&self) {
        if !self.read_only {
            fold_log_now(&self.pool).await;
        }
        self.pool.close().await;
    }
    async fn backup(&self, to: &Path) -> Result<()> {
        admin::backup(&self.pool, to).await
    }
    async fn settle(&self) -> Result<()> {
        if self.read_only {
            return Ok(());
        }
        batch::create_pending_indexes_in(&self.pool).await?;
        // A process that exits now would leave the write's log (hundreds of megabytes after a check of
        // 100,000 registrations) for the next start to replay and read every page through.
        checkpoint_all(&self.pool).await;
        Ok(())
    }
    async fn open_dispute(&self, dispute: &Dispute, audit: NewEntry) -> Result<i64> {
        decisions::open_dispute(&self.pool, dispute, audit).await
    }
    async fn dispute(&self, id: i64) -> Result<Option<Dispute>> {
        Ok(decisions::disputes(&self.pool, Some(id), false).await?.pop())
    }
    async fn disputes(&self, open_only: bool) -> Result<Vec<Dispute>> {
        decisions::disputes(&self.pool, None, open_only).await
    }
    async fn rule_dispute(&self, ruled: &Dispute, decision: Decision, audit: NewEntry) -> Result<i64> {
        decisions::rule_dispute(&self.pool, ruled, decision, audit).await
    }
    async fn users(&self) -> Result<Vec<User>> {
        admin::users(&self.pool, None).await
    }
    async fn user(&self, name: &str) -> Result<Option<User>> {
        Ok(admin::users(&self.pool, Some(name)).await?.pop())
    }
    async fn save_user(&self, user: &User, audit: NewEntry) -> Result<()> {
        admin::save_user(&self.pool, user, audit).await
    }
    async fn remove_user(&self, name: &str, audit: NewEntry) -> Result<bool> {
        admin::remove_user(&self.pool, name, audit).await
    }
    async fn settings(&self) -> Result<(i64, Settings)> {
        admin::settings(&self.pool).await
    }
    async fn save_settings(&self, settings: &Settings, changed_by: &str, audit: NewEntry) -> Result<i64> {
        admin::save_settings(&self.pool, settings, changed_by, audit).await
    }
    async fn audit_entries(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        audit_log::entries(&self.pool, filter).await
    }
    async fn append_audit(&self, audit: NewEntry) -> Result<()> {
        audit_log::append_only(&self.pool, audit).await
    }
    async fn audit_head(&self) -> Result<Option<(i64, String)>> {
        audit_log::head(&self.pool).await
    }
    async fn watch_changes(&self) -> Result<tokio::sync::watch::Receiver<i64>> {
        let pool = self.pool.clone();
        crate::changes::poll(move || {
            let pool = pool.clone();
            async move { Ok(audit_log::head(&pool).await?.map_or(0, |(seq, _)| seq)) }
        })
        .await
    }
    async fn sources(&self) -> Result<Vec<SourceStatus>> {
        admin::sources(&self.pool).await
    }
    async fn queue(&self, query: &QueueQuery, today: NaiveDate) -> Result<Page<QueueRow>> {
        queue::queue(&self.pool, query, today).await
    }
    async fn queue_facets(&self) -> Result<QueueFacets> {
        queue::facets(&self.pool).await
    }
    async fn decision_figures(&self, from: NaiveDate, until: NaiveDate) -> Result<DecisionFigures> {
        queue::figures(&self.pool, from, until).await
    }
    async fn head_account_page(&self, query: &HeadAccountQuery) -> Result<Page<HeadAccount>> {
        heads::page(&self.pool, query).await
    }
    async fn add_head_account(&self, account: &HeadAccount, audit: NewEntry) -> Result<bool> {
        heads::add(&self.pool, account, audit).await
    }
    async fn remove_head_account(&self, account_id: &str, audit: NewEntry) -> Result<Option<HeadAccount>> {
        heads::remove(&self.pool, account_id, audit).await
    }
    async fn pair_labels(&self) -> Result<Vec<PairLabel>> {
        pairs::list(&self.pool).await
    }
    async fn save_pair_label(&self, label: &PairLabel, audit: NewEntry) -> Result<i64> {
        pairs::save(&self.pool, label, audit).await
    }
    async fn forget_pair_label(&self, id: i64, audit: NewEntry) -> Result<Option<PairLabel>> {
        pairs::forget(&self.pool, id, audit).await
    }
    async fn settings_versions(&self) -> Result<Vec<SettingsVersion>> {
        admin::settings_versions(&self.pool).await
    }
    async fn audit_page(&self, query: &AuditQuery) -> Result<Page<AuditEntry>> {
        audit_log::page(&self.pool, query).await
    }
    async fn audit_events_after(
        &self,
        seq: i64,
        events: &[(&str, Option<&str>)],
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        notify::events_after(&self.pool, seq, events, limit).await
    }
    async fn notify_cursor(&self) -> Result<i64> {
        notify::cursor(&self.pool).await
    }
    async fn queue_notifications(&self, from: i64, through: i64, items: &[NewNotification]) -> Result<bool> {
        notify::queue(&self.pool, from, through, items).await
    }
    async fn due_notifications(&self, now: NaiveDateTime, max_attempts: i64) -> Result<Vec<Notification>> {
        notify::due(&self.pool, now, max_attempts).await
    }
    async fn record_delivery(&self, id: i64, delivery: &Delivery) -> Result<()> {
        notify::record(&self.pool, id, delivery).await
    }
    async fn notifications(&self, limit: i64) -> Result<Vec<Notification>> {
        notify::latest(&self.pool, limit).await
    }
}
