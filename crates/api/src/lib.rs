//! DealGate's use cases, the one API both the `dealgate` CLI and the desktop shell call:
//! import, check, decide, dispute, extend, expire, audit, users, settings, demo.
//!
//! Each use case lives in its own module; they speak domain types and return [`ApiError`]
//! (`{code, message}`) at the boundary. Heavy CPU work runs on blocking threads.
//!
//! Feature `specta` derives `specta::Type` on what the desktop shell sends (also in domain, store and ingest), for the
//! generated TypeScript bindings.
#![warn(missing_docs, unreachable_pub)]

mod access;
mod admin;
mod audit;
mod audit_check;
mod audit_view;
mod check;
mod counterpart;
mod dashboard;
mod decide;
pub mod demo;
mod dispute;
mod disputes_view;
mod due;
mod error;
mod groups;
mod heads;
mod history;
mod import;
mod import_check;
mod inbox;
mod messages;
mod notices;
mod notify;
mod pairs;
mod preview;
mod progress;
mod queue;
mod register;
mod replay;
mod rights;

pub use dealgate_store::OpenMode;
use dealgate_store::{SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use admin::SettingChange;
pub use audit::{ExportRequest, VerifyOutcome};
pub use audit_check::Anchor;
pub use audit_view::{AuditRow, ExportKind, ExportResult, TamperRow, VerifyView};
pub use check::{CheckReport, Selection};
pub use counterpart::{deciding_match, first_engaged, Counterpart, EngagedFirst, FirstEngaged};
pub use dashboard::{Dashboard, EXPIRING_DAYS};
pub use dealgate_audit::{AuditError as ExportError, ExportFormat, ExportSummary, SheetCsv, Tamper, TamperKind};
pub use dealgate_domain as domain;
pub use dealgate_ingest::{FieldSpec, HeaderMapping, Preview, RowError, RowWarning};
pub use dealgate_rules::Proposal;
pub use dealgate_store::{
    AgeMark, AuditFilter, AuditQuery, DecisionFigures, ExpiringProtection, HeadAccountQuery, Notification,
    OutcomeCount, Page, PartnerFigures, QueueFacets, QueueQuery, QueueRow, QueueSort, QueueStatus, RegionMonthCount,
    SourceStatus,
};
pub use decide::Verdict;
pub use disputes_view::DisputeView;
pub use due::{DueReport, OverdueDispute, DISPUTE_OVERDUE};
pub use error::{ApiError, ApiResult, ErrorCode};
pub use groups::GROUP_RULE;
pub use history::{settings_diff, FieldChange, SettingsChangeSet, VersionedSettings};
pub use import::ImportReport;
pub use import_check::{ImportCheck, KeptDecision, OutcomeChange, CHANGES_LISTED};
pub use inbox::{BatchItem, Inbox, InboxTab, InboxTabView, QUIET_DAYS};
pub use messages::{band_move, reason, Said};
pub use notices::{concerns, notice, notices_for, EntryContext, Notice, NoticeKind};
pub use notify::{delivery_status, NotifyReport, MAX_ATTEMPTS};
pub use pairs::{PairLabel, PairVerdict, PAIR_FEATURE};
pub use preview::{ColumnAssignment, ImportOutcome, SourceView, PREVIEW_ROWS, STALE_DAYS};
pub use progress::{rate_and_eta, CancelFlag, Progress, Silent};
pub use queue::ReviewView;
pub use register::{Registered, RegistrationForm};
pub use replay::{bands_moved, BandMove, GroupShift, OutcomeShift, ReplayReport, ReplayRequest, ReplayRow};
pub use rights::{item_rights, ItemRights, Right, WhyNot};

/// The actor name used for automatic work when no user is named.
pub const SYSTEM: &str = "system";

/// An open DealGate database and the use cases on it.
#[derive(Clone)]
pub struct Api {
    store: Arc<dyn Store>,
    /// The matching corpus kept between checks (see `check::cache`).
    matcher: check::Slot,
}

impl Api {
    /// Opens (creating if needed) the embedded SQLite database at `path`.
    pub async fn open_sqlite(path: &Path) -> ApiResult<Api> {
        Ok(Api::with_store(Arc::new(SqliteStore::open(path).await?)))
    }

    /// Opens the database at `location` (a file path) as `mode` says: only a command that puts data in
    /// creates one; a command that only reads changes nothing on disk.
    pub async fn open(location: &str, mode: OpenMode) -> ApiResult<Api> {
        Ok(Api::with_store(dealgate_store::open(location, mode).await?))
    }

    /// Releases the database: work in flight finishes, and the embedded database's log is folded into
    /// its file so that the file alone is the whole database (a copy of it is a backup).
    pub async fn close(&self) {
        self.store.close().await
    }

    /// Writes a self-contained copy of the whole database to a new file `to`, consistent as of one
    /// moment (the embedded database's log folded in), while others may go on working.
    pub async fn backup(&self, to: &Path) -> ApiResult<()> {
        Ok(self.store.backup(to).await?)
    }

    /// An API over any store (PostgreSQL later, test doubles).
    pub fn with_store(store: Arc<dyn Store>) -> Api {
        Api { store, matcher: Default::default() }
    }

    /// The current decision of every registration that has one, in `submitted_at` order.
    pub async fn current_decisions(&self) -> ApiResult<Vec<dealgate_domain::Decision>> {
        Ok(self.store.current_decisions().await?)
    }

    /// Row counts and freshness of each source.
    pub async fn sources(&self) -> ApiResult<Vec<SourceStatus>> {
        Ok(self.store.sources().await?)
    }

    /// A number that changes whenever anything is written to the database, by anyone (see
    /// [`Store::change_marker`]).
    pub async fn change_marker(&self) -> ApiResult<i64> {
        Ok(self.store.change_marker().await?)
    }

    /// The change marker as it moves while the receiver is kept: the desktop app refreshes what it
    /// shows when another person or process commits a change (pushed by a team database, polled on the
    /// embedded one). The cached matching corpus needs none of this: every check compares it with the
    /// store first.
    pub async fn watch_changes(&self) -> ApiResult<tokio::sync::watch::Receiver<i64>> {
        Ok(self.store.watch_changes().await?)
    }

    /// Which database this is, for display: `postgres://user@host:port/db` (never the password) or the
    /// embedded database's file.
    pub fn describe(&self) -> String {
        self.store.describe()
    }

    /// Waits for what a large check left to finish after its commit (see [`Store::settle`]): a process
    /// about to exit calls it so that the database is left as fast to read as before.
    pub async fn settle(&self) -> ApiResult<()> {
        Ok(self.store.settle().await?)
    }
}

/// Where the database lives when none is named: `DEALGATE_DB`, else the user's data directory
/// (`~/.local/share/dealgate/dealgate.db` on Linux).
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("DEALGATE_DB") {
        return PathBuf::from(p);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("dealgate").join("dealgate.db")
}
