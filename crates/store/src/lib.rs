//! DealGate's storage: one [`Store`] trait the API uses, its SQLite implementation (solo mode: one file)
//! and its PostgreSQL implementation (team mode: one shared database); [`open`] picks one by location.
//!
//! This is the only crate that knows SQL or sqlx. Every method that changes state writes its audit
//! entry (hash-chained by `dealgate-audit`) in the same transaction as the change: both or neither.
//!
//! [`open`]`(location, mode)` opens a `postgres://` / `postgresql://` URL as [`PgStore`] and anything else as a SQLite
//! file; [`OpenMode`] means the same on both (only `Create` makes the schema in an empty database; `ReadOnly` sessions
//! are read-only transactions on PostgreSQL). [`Store::describe`] names the database for display, never the password.
//! [`Store::change_marker`] (the audit head's seq: every write moves it) and [`Store::watch_changes`] (a
//! `tokio::sync::watch` of it: pushed by LISTEN/NOTIFY on PostgreSQL, `postgres/listen.rs`; polled once a second on
//! SQLite, `changes.rs`) tell the app someone changed the database. [`Watermarks`] tell a cached matching corpus
//! whether it is stale.
//!
//! Imports upsert and store each row's name key beside it (`import_*_keyed`; `name_key` columns, SQLite migration
//! `0005`); scans send each row with it ([`Keyed`]). `follow_up` / `head_account` / `registration` read one record by
//! id (the review's counterpart). `sqlite/` and `postgres/` have one module per concern, with runtime
//! `sqlx::query(...).bind(...)`. The suite (`tests/tests.rs`) is written once against `&dyn Store` and runs on both
//! backends.
#![warn(missing_docs, unreachable_pub)]

mod changes;
mod notify;
mod postgres;
mod queries;
mod sqlite;
mod types;

use async_trait::async_trait;
use chrono::{NaiveDate, NaiveDateTime};
use dealgate_audit::{AuditEntry, NewEntry};
use dealgate_domain::{Decision, Dispute, FollowUp, HeadAccount, PairLabel, Registration, Settings, Standing, User};
use std::sync::Arc;
use tokio::sync::mpsc::{Receiver, Sender};

pub use notify::{Delivery, NewNotification, Notification};
pub use postgres::PgStore;
pub use queries::{
    AgeMark, AuditQuery, DecisionFigures, ExpiringProtection, HeadAccountQuery, OutcomeCount, Page, PartnerFigures,
    QueueFacets, QueueQuery, QueueRow, QueueSort, QueueStatus, RegionMonthCount, SettingsVersion, EXPIRING_LIST,
};
pub use sqlite::SqliteStore;
pub use types::{AuditFilter, DecisionSlice, ImportCounts, ImportLog, OpenMode, SourceStatus, StoreError, Watermarks};

/// The audit payload key under which every change to the head-account list records the digest of the
/// whole list after it (`dealgate_audit::rows_digest` of the accounts by id): every backend writes it,
/// and `audit verify` compares it with the list as stored.
pub const HEAD_ACCOUNTS_DIGEST: &str = "head_accounts_digest";

/// The refusal of login verbs on a database without logins.
pub const NO_LOGINS: &str =
    "the embedded database has no logins: users there are names chosen with --as; passwords need a team (PostgreSQL) database";

/// A record with the name key stored beside it (see [`Store::import_follow_ups_keyed`]), if any.
pub type Keyed<T> = (T, Option<String>);

/// Result of a storage operation.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Opens the store at `location` for what a command needs (see [`OpenMode`]): a `postgres://` or
/// `postgresql://` URL opens a [`PgStore`] (`sslmode` in the URL is honoured; `PGPASSWORD` is used when
/// the URL has no password), anything else is the path of a SQLite database file
/// ([`SqliteStore::open_with`]). The one place above which no caller names a backend.
pub async fn open(location: &str, mode: OpenMode) -> Result<Arc<dyn Store>> {
    if postgres::is_url(location) {
        Ok(Arc::new(PgStore::open_with(location, mode).await?))
    } else {
        Ok(Arc::new(SqliteStore::open_with(std::path::Path::new(location), mode).await?))
    }
}

/// Everything DealGate keeps. Implemented by [`SqliteStore`] and [`PgStore`].
#[async_trait]
pub trait Store: Send + Sync {
    /// Which database this is, for display: `postgres://user@host:port/db` (never the password) or the
    /// SQLite file's path.
    fn describe(&self) -> String;

    /// Upserts follow-ups by `record_id` in one transaction with the import log row and audit entry;
    /// `name_keys` are the matcher's keys of the rows' names, in row order (or none: empty).
    async fn import_follow_ups_keyed(
        &self,
        rows: &[FollowUp],
        name_keys: &[String],
        log: ImportLog,
        audit: NewEntry,
    ) -> Result<ImportCounts>;
    /// Upserts head accounts by `account_id`, likewise.
    async fn import_head_accounts_keyed(
        &self,
        rows: &[HeadAccount],
        name_keys: &[String],
        log: ImportLog,
        audit: NewEntry,
    ) -> Result<ImportCounts>;
    /// Upserts registrations by `registration_id`, likewise (decisions stay attached).
    async fn import_registrations_keyed(
        &self,
        rows: &[Registration],
        name_keys: &[String],
        log: ImportLog,
        audit: NewEntry,
    ) -> Result<ImportCounts>;
    /// Upserts follow-ups without name keys.
    async fn import_follow_ups(&self, rows: &[FollowUp], log: ImportLog, audit: NewEntry) -> Result<ImportCounts> {
        self.import_follow_ups_keyed(rows, &[], log, audit).await
    }
    /// Upserts head accounts without name keys.
    async fn import_head_accounts(
        &self,
        rows: &[HeadAccount],
        log: ImportLog,
        audit: NewEntry,
    ) -> Result<ImportCounts> {
        self.import_head_accounts_keyed(rows, &[], log, audit).await
    }
    /// Upserts registrations without name keys.
    async fn import_registrations(
        &self,
        rows: &[Registration],
        log: ImportLog,
        audit: NewEntry,
    ) -> Result<ImportCounts> {
        self.import_registrations_keyed(rows, &[], log, audit).await
    }

    /// All follow-ups.
    async fn follow_ups(&self) -> Result<Vec<FollowUp>>;
    /// All head accounts.
    async fn head_accounts(&self) -> Result<Vec<HeadAccount>>;
    /// All registrations, in `submitted_at` order.
    async fn registrations(&self) -> Result<Vec<Registration>>;
    /// One follow-up by its CRM record id (the record a decision's evidence names).
    async fn follow_up(&self, record_id: &str) -> Result<Option<FollowUp>>;
    /// One head account by its list entry id.
    async fn head_account(&self, account_id: &str) -> Result<Option<HeadAccount>>;
    /// Streams all follow-ups, each with its stored name key, to `out` in chunks of at most `chunk`, in
    /// storage order; stops early when the receiver is dropped. For building indexes without holding
    /// every record twice.
    async fn scan_follow_ups(&self, chunk: usize, out: Sender<Vec<Keyed<FollowUp>>>) -> Result<()>;
    /// Streams all head accounts likewise.
    async fn scan_head_accounts(&self, chunk: usize, out: Sender<Vec<Keyed<HeadAccount>>>) -> Result<()>;
    /// Streams all registrations likewise, in `submitted_at` order.
    async fn scan_registrations(&self, chunk: usize, out: Sender<Vec<Keyed<Registration>>>) -> Result<()>;
    /// Id of the last import run, 0 before any: changes whenever any source changes.
    async fn last_import_id(&self) -> Result<i64>;
    /// Last import id, last decision id and settings version, in one read.
    async fn watermarks(&self) -> Result<Watermarks>;
    /// One registration.
    async fn registration(&self, id: &str) -> Result<Option<Registration>>;
    /// Registrations by id, one per id asked and in that order, `None` for an id with no registration.
    /// The bulk form of [`Store::registration`] (a check of a selection reads 100,000 at once).
    async fn registrations_by_ids(&self, ids: &[String]) -> Result<Vec<Option<Registration>>>;

    /// The current decision of every registration that has one.
    async fn current_decisions(&self) -> Result<Vec<Decision>>;
    /// The current decision of one registration.
    async fn current_decision(&self, registration_id: &str) -> Result<Option<Decision>>;
    /// Registration id and standing of every decision version stored after decision id `after`, in id
    /// order (a later version supersedes an earlier one).
    async fn standings_after(&self, after: i64) -> Result<Vec<(String, Standing)>>;
    /// Every version of a registration's decision, oldest first.
    async fn decision_history(&self, registration_id: &str) -> Result<Vec<Decision>>;
    /// Stores each decision as its registration's current one, each with its audit entry, all in one
    /// transaction. Returns the new decision ids in order.
    async fn record_decisions(&self, items: &[(Decision, NewEntry)]) -> Result<Vec<i64>>;
    /// Stores decisions as [`Store::record_decisions`] does, each only on top of the decision its caller
    /// read: `supersedes[i]` is the id of the decision `items[i]` replaces (0: its registration had
    /// none). Checked inside the write transaction: when any registration's current decision is another
    /// by then (someone changed it since the caller looked), nothing is written and
    /// [`StoreError::Changed`] names it. Every change a person makes goes through here.
    async fn record_decisions_checked(&self, supersedes: &[i64], items: &[(Decision, NewEntry)]) -> Result<Vec<i64>>;
    /// Stores decisions arriving in slices, as [`Store::record_decisions`] would all at once: one
    /// transaction, each slice written while the sender decides the next (a check of 100,000
    /// registrations overlaps its writing with its matching, and holds only the slices in flight).
    /// Commits once `slices` yields [`DecisionSlice::End`]; a stream that closes without it (the check
    /// was cancelled or failed) stores nothing and gives [`StoreError::Abandoned`]. `expected` is how many
    /// decisions are coming. Returns the new decision ids, in order; each slice is dropped once written,
    /// so read the decisions back with [`Store::decisions_by_ids`] where they are wanted.
    async fn record_decisions_streamed(&self, expected: usize, slices: Receiver<DecisionSlice>) -> Result<Vec<i64>>;
    /// The decisions with these ids, in the order asked; an id with no decision is left out.
    async fn decisions_by_ids(&self, ids: &[i64]) -> Result<Vec<Decision>>;

    /// Waits for what a large write left to finish after its commit (the SQLite store creates the
    /// queue indexes a big check dropped and folds its log into the database file; the PostgreSQL store
    /// has nothing to wait for): afterwards listing the queue, and reading everything at the next start,
    /// are as fast as before the write. Reads are right meanwhile, only slower. Calling it when nothing
    /// is left does nothing.
    async fn settle(&self) -> Result<()>;

    /// Who the database itself says is acting: on a team database the login of the session (people act
    /// as who they signed in as); `None` on the embedded database, where the app and the CLI name the user.
    async fn signed_in_as(&self) -> Result<Option<String>> {
        Ok(None)
    }

    /// A number that changes whenever anything is written, by anyone: the audit chain's last seq (every
    /// change writes an entry; 0 before any). One cheap read, for an app that wants to know whether to
    /// refresh what it shows.
    async fn change_marker(&self) -> Result<i64> {
        Ok(self.audit_head().await?.map_or(0, |(seq, _)| seq))
    }

    /// The change marker as it moves, for as long as the receiver is kept: the current one at once, then
    /// each time another writer (another process, another person) commits, or this one does. A team
    /// database pushes it (PostgreSQL's LISTEN/NOTIFY); the embedded one is read about once a second.
    /// Markers that come quickly one after the other may be folded into the last.
    async fn watch_changes(&self) -> Result<tokio::sync::watch::Receiver<i64>>;

    /// Releases the store's connections once the work in flight is done. On SQLite the last connection
    /// to close folds the write-ahead log into the database file, so the file alone is the whole
    /// database again (unless another process still has it open). Every command calls it before exiting.
    async fn close(&self) {}

    /// Writes a self-contained copy of the whole database to `to` (a new file), consistent as of one
    /// moment, while others may go on writing. Backends whose databases are not files refuse with
    /// [`StoreError::Unsupported`] naming the tool to use instead.
    async fn backup(&self, to: &std::path::Path) -> Result<()> {
        let _ = to;
        Err(StoreError::Unsupported(
            "this database is not a file: back it up with the database server's own tools".into(),
        ))
    }

    /// Opens a dispute (with its audit entry), only while the decision it contests
    /// (`dispute.decision_id`) is still its registration's current one ([`StoreError::Changed`]
    /// otherwise). Returns its id.
    async fn open_dispute(&self, dispute: &Dispute, audit: NewEntry) -> Result<i64>;
    /// One dispute.
    async fn dispute(&self, id: i64) -> Result<Option<Dispute>>;
    /// Disputes, newest first; only open ones when `open_only`.
    async fn disputes(&self, open_only: bool) -> Result<Vec<Dispute>>;
    /// Records a ruling: updates the dispute, stores the ruled decision as current, writes the audit
    /// entry, in one transaction. Returns the new decision id.
    async fn rule_dispute(&self, ruled: &Dispute, decision: Decision, audit: NewEntry) -> Result<i64>;

    /// All users.
    async fn users(&self) -> Result<Vec<User>>;
    /// One user by name.
    async fn user(&self, name: &str) -> Result<Option<User>>;
    /// Adds or replaces a user (audited).
    async fn save_user(&self, user: &User, audit: NewEntry) -> Result<()>;
    /// Adds or replaces a user together with their database login (audited, one transaction): creates
    /// the login with `password` (needed for a new one), or moves an existing user's login to the group
    /// of its role and sets the password when given. Backends without logins refuse with
    /// [`StoreError::Unsupported`].
    async fn save_login(&self, user: &User, password: Option<&str>, audit: NewEntry) -> Result<()> {
        let _ = (user, password, audit);
        Err(StoreError::Unsupported(NO_LOGINS.into()))
    }
    /// Removes a user (and their login, where the database has logins), audited; `false` and nothing
    /// written when there is no such user.
    async fn remove_user(&self, name: &str, audit: NewEntry) -> Result<bool> {
        let _ = (name, audit);
        Err(StoreError::Unsupported("this database cannot remove users".into()))
    }
    /// Sets a user's login password (audited). Backends without logins refuse with
    /// [`StoreError::Unsupported`].
    async fn set_password(&self, name: &str, password: &str, audit: NewEntry) -> Result<()> {
        let _ = (name, password, audit);
        Err(StoreError::Unsupported(NO_LOGINS.into()))
    }

    /// The settings in force and their version (version 0 = built-in defaults, never saved).
    async fn settings(&self) -> Result<(i64, Settings)>;
    /// Saves a new settings version (audited). Returns the version.
    async fn save_settings(&self, settings: &Settings, changed_by: &str, audit: NewEntry) -> Result<i64>;

    /// Audit entries matching the filter, in `seq` order.
    async fn audit_entries(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>>;
    /// Appends an entry for an action that changes nothing else (an export, say).
    async fn append_audit(&self, audit: NewEntry) -> Result<()>;
    /// The head anchor: last (seq, hash) written.
    async fn audit_head(&self) -> Result<Option<(i64, String)>>;
    /// Row counts and last import of each source.
    async fn sources(&self) -> Result<Vec<SourceStatus>>;

    /// One page of the registration queue with the total matching, filtered and sorted by the store;
    /// `age_days` counts from `today`.
    async fn queue(&self, query: &QueueQuery, today: NaiveDate) -> Result<Page<QueueRow>>;
    /// Distinct regions and partners of the registrations.
    async fn queue_facets(&self) -> Result<QueueFacets>;
    /// Figures over the current decisions; `expiring_soon` lists protections ending within `from..=until`.
    async fn decision_figures(&self, from: NaiveDate, until: NaiveDate) -> Result<DecisionFigures>;

    /// One page of head accounts (by region, then id) with the total matching.
    async fn head_account_page(&self, query: &HeadAccountQuery) -> Result<Page<HeadAccount>>;
    /// Adds one head account with its audit entry; `false` and nothing written when the id is listed.
    async fn add_head_account(&self, account: &HeadAccount, audit: NewEntry) -> Result<bool>;
    /// Removes one head account with its audit entry (the removed account is added to its payload);
    /// `None` and nothing written when there is no such id.
    async fn remove_head_account(&self, account_id: &str, audit: NewEntry) -> Result<Option<HeadAccount>>;

    /// Every saved settings version, oldest first.
    async fn settings_versions(&self) -> Result<Vec<SettingsVersion>>;
    /// A page of audit entries, newest first, with the total matching.
    async fn audit_page(&self, query: &AuditQuery) -> Result<Page<AuditEntry>>;

    /// Every remembered pair of names (see [`PairLabel`]), by id.
    async fn pair_labels(&self) -> Result<Vec<PairLabel>>;
    /// Remembers a pair with its audit entry, replacing the label of the same `pair_key` if there is one
    /// (its id is kept). Returns the label's id.
    async fn save_pair_label(&self, label: &PairLabel, audit: NewEntry) -> Result<i64>;
    /// Forgets a pair with its audit entry (the removed label is added to its payload as `removed`);
    /// `None` and nothing written when there is no such id.
    async fn forget_pair_label(&self, id: i64, audit: NewEntry) -> Result<Option<PairLabel>>;
    /// Audit entries after `seq` that tell of one of `events` (an action, and the outcome when given),
    /// oldest first, at most `limit`: the notification outbox's source.
    async fn audit_events_after(
        &self,
        seq: i64,
        events: &[(&str, Option<&str>)],
        limit: i64,
    ) -> Result<Vec<AuditEntry>>;
    /// The last audit seq turned into notifications (or passed over).
    async fn notify_cursor(&self) -> Result<i64>;
    /// Queues `items` and moves the cursor from `from` to `through` in one transaction; `false` and
    /// nothing written when the cursor is no longer at `from` (another run got there first).
    async fn queue_notifications(&self, from: i64, through: i64, items: &[NewNotification]) -> Result<bool>;
    /// Undelivered notifications due at `now` and tried fewer than `max_attempts` times, oldest first.
    async fn due_notifications(&self, now: NaiveDateTime, max_attempts: i64) -> Result<Vec<Notification>>;
    /// Records one delivery attempt of notification `id`.
    async fn record_delivery(&self, id: i64, delivery: &Delivery) -> Result<()>;
    /// The latest `limit` notifications, newest first (the delivery log).
    async fn notifications(&self, limit: i64) -> Result<Vec<Notification>>;
}
