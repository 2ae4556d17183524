//! What verifying the audit chain found: the kinds of tampering, one finding, the whole report.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What kind of tampering was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TamperKind {
    /// The entry's contents no longer match its own hash.
    Edited,
    /// One or more entries are missing from the middle (or the start) of the log.
    Deleted,
    /// Entries are out of order.
    Reordered,
    /// An entry is in the log that the chain does not account for.
    Inserted,
    /// Entries are missing from the end of the log, or its end was rewritten, according to the
    /// store's head anchor.
    TailTruncated,
    /// The entry's link to the previous entry is broken although both are self-consistent: the
    /// previous entry was changed and its hash recomputed to hide the edit (or this link rewritten).
    LinkBroken,
    /// An anchor taken earlier (a sequence number and its hash, kept outside the database) is no
    /// longer in the chain: the log was cut or rewritten since.
    AnchorMissing,
    /// A decision, dispute or head account in the database that no audit entry accounts for.
    Unrecorded,
    /// A decision, dispute or head account that differs from what the audit entry that made it says.
    Mismatch,
}

impl TamperKind {
    /// A short lowercase label, e.g. `edited`, `tail truncated`.
    pub fn label(self) -> &'static str {
        match self {
            TamperKind::Edited => "edited",
            TamperKind::Deleted => "deleted",
            TamperKind::Reordered => "reordered",
            TamperKind::Inserted => "inserted",
            TamperKind::TailTruncated => "tail truncated",
            TamperKind::LinkBroken => "link broken",
            TamperKind::AnchorMissing => "anchor missing",
            TamperKind::Unrecorded => "unrecorded",
            TamperKind::Mismatch => "mismatch",
        }
    }
}

impl fmt::Display for TamperKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One problem found in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tamper {
    /// The entry concerned: the edited entry, the first missing or inserted one, the first of the
    /// reordered ones, or the entry whose link is broken.
    pub seq: i64,
    /// What kind of problem it is.
    pub kind: TamperKind,
    /// A sentence for an auditor, e.g. "entry 17 was edited: its contents no longer match its hash".
    pub detail: String,
}

impl fmt::Display for Tamper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

/// The result of [`crate::verify()`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    /// How many entries were given.
    pub entries_checked: usize,
    /// Every problem found, each reported once, ordered by seq.
    pub problems: Vec<Tamper>,
}

impl VerifyReport {
    /// True when no problem was found.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

impl fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_intact() {
            return write!(f, "checked {} entries: the audit log is intact", self.entries_checked);
        }
        write!(
            f,
            "checked {} entries: {} problem{} found",
            self.entries_checked,
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n- {}", p.detail)?;
        }
        Ok(())
    }
}
