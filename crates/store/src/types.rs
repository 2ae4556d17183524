//! Plain types the storage trait speaks in, and its error.
//!
//! `Watermarks::head_accounts` is the head-account list's version (table `list_versions`): on SQLite (migration
//! `0008`) the store moves it in each transaction that changes the list; on PostgreSQL (`0005_notify.sql`) a statement
//! trigger does, once per transaction, so edits made with psql count too.

use dealgate_audit::NewEntry;
use dealgate_domain::{Decision, RecordKind};
use serde::Serialize;

/// What went wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened or created.
    #[error("cannot open the database {path}: {detail}")]
    Open {
        /// Database location.
        path: String,
        /// Why.
        detail: String,
    },
    /// A query failed.
    #[error("database error while {doing}: {detail}")]
    Query {
        /// What the store was doing.
        doing: &'static str,
        /// The driver's message.
        detail: String,
    },
    /// A streamed write of decisions ended before its sender said it was complete (a check was
    /// cancelled or failed): nothing was stored.
    #[error("the check's decisions stopped after {received} without being complete; nothing was stored")]
    Abandoned {
        /// Decisions received before the stream ended.
        received: usize,
    },
    /// A change was asked on top of a state that moved on meanwhile (another person or process changed
    /// the same registration first): nothing was written.
    #[error("{subject} changed since you looked ({detail}); nothing was written: look again and decide anew")]
    Changed {
        /// The registration (or dispute) that changed.
        subject: String,
        /// What it is now.
        detail: String,
    },
    /// The database is not there, or is not a DealGate database, and the command only works on one.
    #[error("no DealGate database at {path}: {detail}")]
    Missing {
        /// Database location.
        path: String,
        /// What was found instead and what to do.
        detail: String,
    },
    /// The database server refused the sign-in (wrong password, no such login, not allowed from here).
    #[error("cannot sign in to {path}: {detail}")]
    Denied {
        /// Database location.
        path: String,
        /// The server's reason and what to check.
        detail: String,
    },
    /// A write was asked of a database opened for reading only.
    #[error("the database {path} is open for reading only; this command changes it")]
    ReadOnly {
        /// Database location.
        path: String,
    },
    /// The backend cannot do this (a backup of a team database, say), and what to use instead.
    #[error("{0}")]
    Unsupported(String),
    /// A stored value could not be read back.
    #[error("stored {what} is unreadable: {value:?}")]
    Corrupt {
        /// Which column.
        what: &'static str,
        /// The stored value.
        value: String,
    },
}

/// What a command needs of the database it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create it (and its folder) when missing; bring the schema up to date. For commands that put
    /// data in: imports, the demo, the first user.
    Create,
    /// It must exist and be a DealGate database (a missing or empty file is refused, never created);
    /// bring the schema up to date. For commands that change what is there.
    Existing,
    /// It must exist; open it for reading only, changing nothing on disk (an auditor verifying a copy
    /// on read-only media). Writes are refused with [`StoreError::ReadOnly`].
    ReadOnly,
}

/// One message of a streamed write of decisions ([`crate::Store::record_decisions_streamed`]).
#[derive(Debug)]
pub enum DecisionSlice {
    /// Decisions with their audit entries, in the order they are to be stored.
    Items(Vec<(Decision, NewEntry)>),
    /// Every slice was sent: commit. A stream that closes without this stores nothing.
    End,
}

/// Counts of one import run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    /// New records.
    pub inserted: usize,
    /// Existing ids updated.
    pub updated: usize,
}

/// The import-log row written with an import.
#[derive(Debug, Clone)]
pub struct ImportLog {
    /// File name.
    pub file: String,
    /// Data rows read.
    pub rows_read: usize,
    /// Rows rejected.
    pub rejected: usize,
    /// Warnings raised.
    pub warnings: usize,
    /// Who imported.
    pub actor: String,
}

/// The latest ids of what a cached corpus depends on: one cheap read tells it whether it is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Watermarks {
    /// Last import run (0 before any).
    pub import_id: i64,
    /// Last decision version stored (0 before any).
    pub decision_id: i64,
    /// Settings version in force (0 = built-in defaults).
    pub settings_version: i64,
    /// Version of the head-account list: moved by one in every transaction that changes it (an import,
    /// an account added or removed by hand).
    pub head_accounts: i64,
}

/// How much a source holds and how fresh it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceStatus {
    /// Which source.
    pub kind: RecordKind,
    /// Rows held.
    pub rows: i64,
    /// When it was last imported (RFC 3339), if ever.
    pub last_import_at: Option<String>,
    /// File last imported.
    pub last_file: Option<String>,
}

/// Which audit entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Entries at or after this time (RFC 3339 or a date).
    pub from: Option<String>,
    /// Entries before the end of this date / at or before this time.
    pub to: Option<String>,
    /// Only this region.
    pub region: Option<String>,
    /// Only this partner.
    pub partner: Option<String>,
    /// Only this outcome.
    pub outcome: Option<String>,
    /// Only this action.
    pub action: Option<String>,
}

impl AuditFilter {
    /// Whether no condition is set (then the whole chain is listed).
    pub fn is_empty(&self) -> bool {
        self.from.is_none()
            && self.to.is_none()
            && self.region.is_none()
            && self.partner.is_none()
            && self.outcome.is_none()
            && self.action.is_none()
    }
}
