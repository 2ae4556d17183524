//! Tamper-evident audit chain (SHA-256) and audit-log export with formula neutralisation.
//!
//! Every state change in DealGate writes one [`AuditEntry`] in the same database transaction as
//! the change. Each entry carries the hash of the entry before it (`prev_hash`) and its own hash
//! over all its fields, so the log is a hash chain:
//!
//! - the storage crate builds entries with [`AuditEntry::chain`] (or [`AuditEntry::chain_after`]
//!   from its head anchor), stores them, keeps the head `(last seq, last hash)` in a separate row,
//!   and checks the log with [`verify()`];
//! - the API exports the log with [`export()`] as CSV, XLSX or JSON.
//!
//! This crate is plain Rust: no database, no async. It touches the file system only in
//! [`export()`]. The exact bytes that are hashed are described in [`hash`].
//!
//! Invariant: serde_json's `preserve_order` feature stays off in this workspace. The hash does
//! not depend on it ([`canonical_json`] sorts keys itself), but with it on the JSON export
//! would list payload keys in whatever order callers built them.

#![warn(missing_docs, unreachable_pub)]

mod canonical;
mod chain;
mod error;
mod export;
pub mod hash;
mod neutralize;
mod readable;
mod report;
mod sheet_csv;
mod verify;
mod xlsx;

pub use canonical::{to_canonical_json, CanonicalObject};
pub use chain::{format_at, now_at, AuditEntry, NewEntry, Payload, GENESIS_HASH};
pub use error::AuditError;
pub use export::{export, ExportFormat, ExportSummary, COLUMNS};
pub use hash::{canonical_json, canonical_json_with, rows_digest, HashInput};
pub use neutralize::neutralize;
pub use readable::{action_name, export_in, local_time, COLUMNS_ZH};
pub use report::{Tamper, TamperKind, VerifyReport};
pub use sheet_csv::SheetCsv;
pub use verify::verify;
