//! Audit entries and how each new one is chained to the one before it.
//!
//! A [`NewEntry`]'s [`Payload`] is a JSON value or a [`CanonicalObject`] already rendered (`canonical.rs`).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::canonical::CanonicalObject;
use crate::hash::{self, canonical_json_with};

/// The `prev_hash` of entry 1: 64 zeros, standing for "nothing before this".
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One row of the audit log: who did what, when, to which subject, on which evidence,
/// linked to the row before it by `prev_hash` and sealed by `hash`.
///
/// `hash` is the SHA-256 of every other field (see [`crate::hash`] for the exact bytes), so
/// changing any field without recomputing `hash` is caught by [`crate::verify()`], and
/// recomputing it breaks the next entry's `prev_hash` link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the log: 1, 2, 3 ... with no gaps.
    pub seq: i64,
    /// When it happened, RFC 3339 in UTC to the second, e.g. `2026-06-30T09:15:02Z` (see [`format_at`]).
    pub at: String,
    /// The user name, or `"system"` for automatic steps such as expiry.
    pub actor: String,
    /// What was done, e.g. `import`, `check`, `decide.accept`, `decide.override`, `dispute.open`,
    /// `dispute.rule`, `extend`, `expire`, `settings.update`, `user.add`.
    pub action: String,
    /// What it was done to: a registration id, a file name, `settings`, a user name.
    pub subject: String,
    /// The region (战区) concerned, if any.
    pub region: Option<String>,
    /// The partner concerned, if any.
    pub partner: Option<String>,
    /// The result, e.g. `partner`, `direct`, `co-sell`, `rejected`.
    pub outcome: Option<String>,
    /// The rule that decided it, if any.
    pub rule: Option<String>,
    /// Evidence, reasons, counts: anything else worth keeping. Hashed in canonical form
    /// (keys sorted), so its key order never matters.
    pub payload: Value,
    /// The `hash` of the entry before this one, or [`GENESIS_HASH`] for entry 1.
    pub prev_hash: String,
    /// Lowercase hex SHA-256 of all the fields above; see [`AuditEntry::compute_hash`].
    pub hash: String,
}

/// What a caller supplies for a new audit entry; [`AuditEntry::chain`] adds seq, time and hashes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewEntry {
    /// The user name, or `"system"`.
    pub actor: String,
    /// What was done, e.g. `decide.override`.
    pub action: String,
    /// What it was done to, e.g. a registration id.
    pub subject: String,
    /// The region concerned, if any.
    pub region: Option<String>,
    /// The partner concerned, if any.
    pub partner: Option<String>,
    /// The result, if any.
    pub outcome: Option<String>,
    /// The rule that decided it, if any.
    pub rule: Option<String>,
    /// Evidence, reasons, counts; `Value::Null` when there is nothing more to say.
    pub payload: Payload,
}

/// A new entry's payload: a JSON value, or an object a bulk writer rendered member by member in
/// canonical form (hashed and stored as it is, without becoming a value tree).
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A value, rendered in canonical form when the entry is hashed.
    Value(Value),
    /// An object already in canonical form.
    Canonical(CanonicalObject),
}

impl Default for Payload {
    fn default() -> Payload {
        Payload::Value(Value::Null)
    }
}

impl From<Value> for Payload {
    fn from(v: Value) -> Payload {
        Payload::Value(v)
    }
}

impl From<CanonicalObject> for Payload {
    fn from(o: CanonicalObject) -> Payload {
        Payload::Canonical(o)
    }
}

impl Payload {
    /// Sets `key` to `value` in an object payload (added, or replacing the member there); a payload
    /// that is not an object is left as it is.
    pub fn insert(&mut self, key: &str, value: Value) {
        match self {
            Payload::Value(Value::Object(m)) => {
                m.insert(key.to_owned(), value);
            }
            Payload::Value(_) => {}
            Payload::Canonical(o) => o.insert_text(key.to_owned().into(), crate::canonical_json(&value)),
        }
    }

    /// The payload in canonical form, with `key` set to `extra` (see [`canonical_json_with`]).
    pub fn canonical_with(&self, key: &str, extra: &Value) -> String {
        match self {
            Payload::Value(v) => canonical_json_with(v, key, extra),
            Payload::Canonical(o) => o.text_with(key, extra).expect("a JSON value renders"),
        }
    }

    /// The payload as a value.
    pub fn into_value(self) -> Value {
        match self {
            Payload::Value(v) => v,
            Payload::Canonical(o) => o.to_value(),
        }
    }
}

impl Serialize for Payload {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Payload::Value(v) => v.serialize(s),
            Payload::Canonical(o) => o.to_value().serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Payload {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Payload, D::Error> {
        Value::deserialize(d).map(Payload::Value)
    }
}

impl NewEntry {
    /// A new entry with the three fields every entry has; add the rest with the builder methods.
    pub fn new(actor: impl Into<String>, action: impl Into<String>, subject: impl Into<String>) -> Self {
        NewEntry { actor: actor.into(), action: action.into(), subject: subject.into(), ..NewEntry::default() }
    }

    /// Sets the region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets the partner.
    pub fn partner(mut self, partner: impl Into<String>) -> Self {
        self.partner = Some(partner.into());
        self
    }

    /// Sets the outcome.
    pub fn outcome(mut self, outcome: impl Into<String>) -> Self {
        self.outcome = Some(outcome.into());
        self
    }

    /// Sets the rule.
    pub fn rule(mut self, rule: impl Into<String>) -> Self {
        self.rule = Some(rule.into());
        self
    }

    /// Sets the payload.
    pub fn payload(mut self, payload: impl Into<Payload>) -> Self {
        self.payload = payload.into();
        self
    }
}

impl AuditEntry {
    /// The entry that follows `prev` (or starts the log when `prev` is `None`): seq is
    /// `prev.seq + 1` (or 1), `prev_hash` is `prev.hash` (or [`GENESIS_HASH`]), and `hash` is computed.
    ///
    /// `at` is stored as given; use [`format_at`] or [`now_at`] to make it.
    pub fn chain(prev: Option<&AuditEntry>, at: String, e: NewEntry) -> AuditEntry {
        Self::chain_after(prev.map(AuditEntry::head), at, e)
    }

    /// Like [`AuditEntry::chain`], from the head `(last seq, last hash)` alone, which is what the
    /// store keeps in its anchor row; `None` means the log is empty.
    pub fn chain_after(head: Option<(i64, &str)>, at: String, e: NewEntry) -> AuditEntry {
        let (seq, prev_hash) = match head {
            Some((seq, hash)) => (seq + 1, hash.to_owned()),
            None => (1, GENESIS_HASH.to_owned()),
        };
        let mut entry = AuditEntry {
            seq,
            at,
            actor: e.actor,
            action: e.action,
            subject: e.subject,
            region: e.region,
            partner: e.partner,
            outcome: e.outcome,
            rule: e.rule,
            payload: e.payload.into_value(),
            prev_hash,
            hash: String::new(),
        };
        entry.hash = entry.compute_hash();
        entry
    }

    /// The lowercase hex SHA-256 of every field except `hash`, in the canonical form described
    /// in [`crate::hash`]. An intact entry has `entry.hash == entry.compute_hash()`.
    pub fn compute_hash(&self) -> String {
        hash::hash_entry(self)
    }

    /// `(seq, hash)`: what the store keeps as the head anchor after writing this entry.
    pub fn head(&self) -> (i64, &str) {
        (self.seq, self.hash.as_str())
    }
}

/// Formats a time as the audit log writes it: RFC 3339, UTC, whole seconds, `Z`
/// (e.g. `2026-06-30T09:15:02Z`).
pub fn format_at(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The current time as [`format_at`] writes it.
pub fn now_at() -> String {
    format_at(Utc::now())
}
