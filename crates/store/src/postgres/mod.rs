//! The PostgreSQL store (team mode): one shared database, migrations embedded and run when the
//! database's owner connects; every write transaction holds the audit chain's lock.
//!
//! Imports COPY their rows into a temporary table and upsert from it (`records.rs`); every write transaction first
//! takes one advisory lock (`audit_log::lock`), so the chain, decision ids and import ids advance in commit order with
//! many writers; a check's slices go in as one statement each over arrays (`batch.rs`); scans stream rows in chunks;
//! `settle` has nothing to wait for.

mod admin;
mod audit_log;
mod batch;
mod codec;
mod decisions;
mod heads;
mod listen;
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
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::ConnectOptions as _;
use std::str::FromStr;
use tokio::sync::mpsc::{Receiver, Sender};

/// DealGate on a PostgreSQL database shared by a team.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    /// `postgres://user@host:port/db`, without the password.
    describe: String,
    /// Whether the schema has live refresh (`0005_notify.sql`): the change notifications and the
    /// head-account list's version. A database whose owner has not connected since that migration
    /// shipped has neither: changes are then polled, and head accounts edited by hand elsewhere are seen
    /// at the next start.
    live: bool,
}

pub(crate) fn query_err(doing: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |e| StoreError::Query { doing, detail: e.to_string() }
}

/// How long connecting may take before the server is taken to be unreachable.
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The refusal of a first connection, saying what to fix: an unreachable server (host, port), a
/// sign-in the server refused (user, password: [`StoreError::Denied`]), or no such database
/// ([`StoreError::Missing`]).
fn refused(describe: &str, opts: &PgConnectOptions, e: sqlx::Error) -> StoreError {
    let path = describe.to_string();
    let (host, port, user) = (opts.get_host(), opts.get_port(), opts.get_username());
    match &e {
        sqlx::Error::Database(db) => match db.code().as_deref() {
            // invalid_password, invalid_authorization_specification (no such role, pg_hba refused)
            Some("28P01") | Some("28000") => StoreError::Denied {
                path,
                detail: format!("the server refused {user}'s sign-in ({}): check the user name and password", db.message()),
            },
            // invalid_catalog_name
            Some("3D000") => StoreError::Missing {
                path,
                detail: format!("the server has no such database ({}): check the database name", db.message()),
            },
            _ => StoreError::Open { path, detail: e.to_string() },
        },
        sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolTimedOut => StoreError::Open {
            path,
            detail: format!(
                "cannot reach the server at {host}:{port} ({e}): check the host and port, and that PostgreSQL runs there and accepts connections from this machine"
            ),
        },
        _ => StoreError::Open { path, detail: e.to_string() },
    }
}

/// Whether a `postgres://` URL names a password (`user:password@`).
fn has_password(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    authority.rsplit_once('@').is_some_and(|(userinfo, _)| userinfo.contains(':'))
}

/// Whether `location` is a PostgreSQL URL rather than a file path.
pub(crate) fn is_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=...]`;
    /// `PGPASSWORD` when the URL has no password) as [`OpenMode::Create`].
    pub async fn open(url: &str) -> Result<PgStore> {
        PgStore::open_with(url, OpenMode::Create).await
    }

    /// Connects as `mode` says. When the login owns the database, [`OpenMode::Create`] creates the
    /// schema in an empty database and both it and [`OpenMode::Existing`] bring an older one up to date;
    /// a database with no DealGate schema is refused otherwise ([`StoreError::Missing`]).
    /// [`OpenMode::ReadOnly`] changes nothing: every transaction is read-only.
    pub async fn open_with(url: &str, mode: OpenMode) -> Result<PgStore> {
        let shown = |opts: &PgConnectOptions| {
            format!(
                "postgres://{}@{}:{}/{}",
                opts.get_username(),
                opts.get_host(),
                opts.get_port(),
                opts.get_database().unwrap_or("")
            )
        };
        let mut opts = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::Open { path: "the PostgreSQL URL".into(), detail: e.to_string() })?;
        if !has_password(url) {
            if let Ok(password) = std::env::var("PGPASSWORD") {
                opts = opts.password(&password);
            }
        }
        let describe = shown(&opts);
        let err = |detail: String| StoreError::Open { path: describe.clone(), detail };
        let mut opts = opts.application_name("dealgate");
        if mode == OpenMode::ReadOnly {
            opts = opts.options([("default_transaction_read_only", "on")]);
        }
        // One plain connection first: a refused or unreachable server answers at once and says why (the
        // pool would retry a refused connection for half a minute and then only say it timed out).
        let probe = tokio::time::timeout(CONNECT_TIMEOUT, opts.connect()).await;
        match probe {
            Ok(Ok(conn)) => {
                let _ = sqlx::Connection::close(conn).await;
            }
            Ok(Err(e)) => return Err(refused(&describe, &opts, e)),
            Err(_) => {
                let detail = format!(
                    "no answer from {}:{} within {} s: check the host and port, and that the server accepts connections from this machine",
                    opts.get_host(),
                    opts.get_port(),
                    CONNECT_TIMEOUT.as_secs()
                );
                return Err(err(detail));
            }
        }
        let pool = PgPoolOptions::new().max_connections(8).connect_with(opts).await.map_err(|e| err(e.to_string()))?;
        let mut store = PgStore { pool, describe: describe.clone(), live: false };
        store.migrate(mode).await?;
        store.live = sqlx::query_scalar("SELECT to_regclass('list_versions') IS NOT NULL")
            .fetch_one(&store.pool)
            .await
            .map_err(|e| err(e.to_string()))?;
        Ok(store)
    }

    /// Brings the schema up to date as `mode` allows, when this login may: it owns the database (or
    /// is a superuser). Anyone else finds the schema as the owner left it.
    async fn migrate(&self, mode: OpenMode) -> Result<()> {
        let err = |e: sqlx::Error| StoreError::Open { path: self.describe.clone(), detail: e.to_string() };
        let present: bool = sqlx::query_scalar("SELECT to_regclass('audit_log') IS NOT NULL")
            .fetch_one(&self.pool)
            .await
            .map_err(err)?;
        if !present && mode != OpenMode::Create {
            let detail = "the database has no DealGate schema yet: its owner creates it by importing data or adding the first user".into();
            return Err(StoreError::Missing { path: self.describe.clone(), detail });
        }
        if mode == OpenMode::ReadOnly {
            return Ok(());
        }
        let may: bool = sqlx::query_scalar(
            "SELECT pg_catalog.pg_get_userbyid(d.datdba) = current_user
                    OR (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)
               FROM pg_catalog.pg_database d WHERE d.datname = current_database()",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(err)?;
        if may {
            sqlx::migrate!("../../migrations/postgres")
                .run(&self.pool)
                .await
                .map_err(|e| StoreError::Open { path: self.describe.clone(), detail: e.to_string() })?;
        } else if !present {
            let detail = "the database has no DealGate schema yet: the database's owner must connect first".into();
            return Err(StoreError::Missing { path: self.describe.clone(), detail });
        }
        Ok(())
    }

    /// Closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl Store for PgStore {
    fn describe(&self) -> String {
        self.describe.clone()
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
        records::scan_follow_ups(&self.pool, chunk, out).await
    }
    async fn scan_head_accounts(&self, chunk: usize, out: Sender<Vec<Keyed<HeadAccount>>>) -> Result<()> {
        records::scan_head_accounts(&self.pool, chunk, out).await
    }
    async fn scan_registrations(&self, chunk: usize, out: Sender<Vec<Keyed<Registration>>>) -> Result<()> {
        records::scan_registrations(&self.pool, chunk, out).await
    }
    async fn last_import_id(&self) -> Result<i64> {
        records::last_import_id(&self.pool).await
    }
    async fn watermarks(&self) -> Result<Watermarks> {
        records::watermarks(&self.pool, self.live).await
    }
    async fn standings_after(&self, after: i64) -> Result<Vec<(String, Standing)>> {
        decisions::standings_after(&self.pool, after).await
    }
    async fn registration(&self, id: &str) -> Result<Option<Registration>> {
        Ok(records::registrations(&self.pool, Some(id)).await?.pop())
    }
    async fn registrations_by_ids(&self, ids: &[String]) -> Result<Vec<Option<Registration>>> {
        records::registrations_by_ids(&self.pool, ids).await
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
        self.pool.close().await;
    }
    async fn signed_in_as(&self) -> Result<Option<String>> {
        let login: String = sqlx::query_scalar("SELECT session_user::text")
            .fetch_one(&self.pool)
            .await
            .map_err(query_err("reading who is signed in"))?;
        Ok(Some(login))
    }
    async fn settle(&self) -> Result<()> {
        // A committed write leaves nothing behind on PostgreSQL: indexes are maintained in the
        // transaction and the server folds its own log.
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
    async fn save_login(&self, user: &User, password: Option<&str>, audit: NewEntry) -> Result<()> {
        admin::save_login(&self.pool, user, password, audit).await
    }
    async fn remove_user(&self, name: &str, audit: NewEntry) -> Result<bool> {
        admin::remove_user(&self.pool, name, audit).await
    }
    async fn set_password(&self, name: &str, password: &str, audit: NewEntry) -> Result<()> {
        admin::set_password(&self.pool, name, password, audit).await
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
        listen::watch(&self.pool, self.live).await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_url_is_told_apart_from_none() {
        assert!(has_password("postgres://ana:secret@db.example:5432/dealgate"));
        assert!(!has_password("postgres://ana@db.example:5432/dealgate"));
        assert!(!has_password("postgresql://db.example/dealgate?user=a:b"));
        assert!(!has_password("postgres://db.example/dealgate"));
        assert!(is_url("postgresql://x/y") && is_url("postgres://x/y") && !is_url("/data/postgres.db"));
    }
}
