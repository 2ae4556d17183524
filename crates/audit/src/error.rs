//! Errors of the audit crate: each names the file or value the user can act on.

use std::path::PathBuf;

/// What can go wrong when exporting the audit log (the chain itself cannot fail: problems in it
/// are findings, reported by [`crate::verify()`]).
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// The export format named is not one this crate writes.
    #[error("unknown audit export format \"{given}\": expected csv, xlsx or json")]
    UnknownFormat {
        /// What was given.
        given: String,
    },
    /// The output path has no file name or no usable parent directory.
    #[error("cannot export the audit log to {}: expected a path to a file", path.display())]
    BadPath {
        /// The path given.
        path: PathBuf,
    },
    /// Writing, syncing or renaming the file failed.
    #[error("could not write the audit export {}: {source}", path.display())]
    Io {
        /// The file being exported (the name asked for, not the temporary file).
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The CSV writer failed.
    #[error("could not write the audit CSV {}: {source}", path.display())]
    Csv {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: csv::Error,
    },
    /// The XLSX writer failed.
    #[error("could not write the audit workbook {}: {source}", path.display())]
    Xlsx {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
    /// The JSON writer failed.
    #[error("could not write the audit JSON {}: {source}", path.display())]
    Json {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
}
