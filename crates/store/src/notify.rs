//! Group-robot notifications as the store keeps them: messages queued from audit entries (the outbox)
//! and the result of each delivery attempt.
//!
//! Tables `notify_cursor` and `notifications` (SQLite migration `0010`, PostgreSQL `0009`); each backend's `notify.rs`
//! reads the audit entries after a seq by action and outcome, queues messages moving the cursor only from where the
//! caller saw it, and lists due messages and their attempts.

use chrono::NaiveDateTime;
use serde::Serialize;

/// A message to queue: what it tells of (the audit entries `first_seq..=last_seq`) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    /// What happened: `dispute_opened`, `dispute_ruled`, `review`.
    pub kind: String,
    /// The first audit entry it tells of.
    pub first_seq: i64,
    /// The last audit entry it tells of.
    pub last_seq: i64,
    /// The message.
    pub text: String,
    /// When it was queued (also its first attempt's time).
    pub created_at: NaiveDateTime,
}

/// A queued message and how its delivery went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Notification {
    /// Storage id.
    pub id: i64,
    /// What happened: `dispute_opened`, `dispute_ruled`, `review`.
    pub kind: String,
    /// The first audit entry it tells of.
    pub first_seq: i64,
    /// The last audit entry it tells of.
    pub last_seq: i64,
    /// The message.
    pub text: String,
    /// When it was queued.
    pub created_at: NaiveDateTime,
    /// Delivery attempts so far.
    pub attempts: i64,
    /// When the next attempt is due (meaningless once delivered).
    pub next_attempt_at: NaiveDateTime,
    /// When it was delivered.
    pub delivered_at: Option<NaiveDateTime>,
    /// The last failed attempt's error.
    pub last_error: Option<String>,
}

/// One delivery attempt's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// When it was tried.
    pub at: NaiveDateTime,
    /// Why it failed; `None`: delivered.
    pub error: Option<String>,
    /// When to try again after a failure.
    pub next_attempt_at: NaiveDateTime,
}
