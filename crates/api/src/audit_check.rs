//! Cross-checking the database against its audit log: every current decision and every dispute must be
//! what the audit entry that made it says, and anchors kept outside the database must still be in the
//! chain. What the hash chain alone cannot see (a table edited behind the log's back, a chain cut and
//! re-hashed) shows up here. See ARCHITECTURE.md, "Threat model of the audit log".

use dealgate_audit::{AuditEntry, Tamper, TamperKind};
use dealgate_domain::{Decision, DecisionStatus, Dispute, DisputeStatus};
use serde_json::Value;
use std::collections::HashMap;

/// An anchor: a sequence number and the hash the entry had, kept outside the database (printed by
/// every export and verification) and given back to `audit verify --anchor SEQ:HASH`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Anchor {
    /// The entry's sequence number.
    pub seq: i64,
    /// Its hash, lowercase hex.
    pub hash: String,
}

impl std::str::FromStr for Anchor {
    type Err = String;
    fn from_str(s: &str) -> Result<Anchor, String> {
        let bad = || format!("anchor {s:?}: expected SEQ:HASH, e.g. 1234:9f86d081884c7d65…(64 hex digits)");
        let (seq, hash) = s.trim().split_once(':').ok_or_else(bad)?;
        let seq: i64 = seq.trim().parse().map_err(|_| bad())?;
        let hash = hash.trim().to_ascii_lowercase();
        if seq < 1 || hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(Anchor { seq, hash })
    }
}

impl std::fmt::Display for Anchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

/// Problems for each anchor the chain no longer holds as it was.
pub(crate) fn anchors(entries: &[AuditEntry], anchors: &[Anchor]) -> Vec<Tamper> {
    let by_seq: HashMap<i64, &AuditEntry> = entries.iter().map(|e| (e.seq, e)).collect();
    anchors
        .iter()
        .filter_map(|a| {
            let detail = match by_seq.get(&a.seq) {
                Some(e) if e.hash == a.hash => return None,
                Some(e) => format!(
                    "anchor {a} no longer holds: entry {} now has hash {}; the log was rewritten since the anchor was taken",
                    a.seq, e.hash
                ),
                None => format!("anchor {a} no longer holds: entry {} is gone; the log was cut since the anchor was taken", a.seq),
            };
            Some(Tamper { seq: a.seq, kind: TamperKind::AnchorMissing, detail })
        })
        .collect()
}

fn id_in(e: &AuditEntry, key: &str) -> Option<i64> {
    e.payload.get(key).and_then(Value::as_i64)
}

fn text_in<'e>(e: &'e AuditEntry, key: &str) -> Option<&'e str> {
    e.payload.get(key).and_then(Value::as_str)
}

/// The status an action leaves a decision in, where the action fixes it.
fn status_of(action: &str) -> Option<DecisionStatus> {
    Some(match action {
        "check.propose" => DecisionStatus::Proposed,
        "decide.accept" => DecisionStatus::Accepted,
        "decide.override" => DecisionStatus::Overridden,
        "dispute.rule" => DecisionStatus::Ruled,
        "expire" => DecisionStatus::Expired,
        _ => return None,
    })
}

/// Each current decision against the entry that recorded it, and each registration's current decision
/// against the last decision its entries record.
pub(crate) fn decisions(entries: &[AuditEntry], current: &[Decision]) -> Vec<Tamper> {
    let mut made: HashMap<i64, &AuditEntry> = HashMap::new();
    let mut last_for: HashMap<&str, (i64, i64)> = HashMap::new();
    for e in entries {
        let Some(id) = id_in(e, "decision_id").filter(|_| e.action != "dispute.open") else { continue };
        made.insert(id, e);
        last_for.insert(e.subject.as_str(), (id, e.seq));
    }
    let mut problems = Vec::new();
    for d in current {
        let Some(e) = made.get(&d.id) else {
            problems.push(Tamper {
                seq: 0,
                kind: TamperKind::Unrecorded,
                detail: format!(
                    "the current decision #{} of {} ({} by {}) has no audit entry: it was written behind the log's back",
                    d.id, d.registration_id, d.outcome, d.actor
                ),
            });
            continue;
        };
        let mut differs = Vec::new();
        if e.subject != d.registration_id {
            differs.push(format!("registration {} (entry says {})", d.registration_id, e.subject));
        }
        if e.outcome.as_deref() != Some(d.outcome.as_str()) {
            differs.push(format!("outcome {} (entry says {})", d.outcome, e.outcome.as_deref().unwrap_or("none")));
        }
        if e.actor != d.actor {
            differs.push(format!("decided by {} (entry says {})", d.actor, e.actor));
        }
        if let Some(s) = status_of(&e.action).filter(|s| *s != d.status) {
            differs.push(format!("status {} (entry says {})", d.status.as_str(), s.as_str()));
        }
        if let Some(s) = text_in(e, "status").filter(|s| *s != d.status.as_str()) {
            differs.push(format!("status {} (entry says {s})", d.status.as_str()));
        }
        if let Some(s) = text_in(e, "summary").filter(|s| *s != d.summary) {
            differs.push(format!("summary {:?} (entry says {s:?})", d.summary));
        }
        if let Some(u) = e.payload.get("protection_until") {
            let recorded = u.as_str().map(String::from);
            let stored = d.protection_until.map(|p| p.to_string());
            if recorded != stored {
                differs.push(format!(
                    "protection until {} (entry says {})",
                    stored.as_deref().unwrap_or("none"),
                    recorded.as_deref().unwrap_or("none")
                ));
            }
        }
        if !differs.is_empty() {
            problems.push(Tamper {
                seq: e.seq,
                kind: TamperKind::Mismatch,
                detail: format!(
                    "decision #{} of {} differs from entry {} that recorded it: {}",
                    d.id,
                    d.registration_id,
                    e.seq,
                    differs.join("; ")
                ),
            });
        }
        if let Some(&(last, seq)) = last_for.get(d.registration_id.as_str()).filter(|(last, _)| *last != d.id) {
            problems.push(Tamper {
                seq,
                kind: TamperKind::Mismatch,
                detail: format!(
                    "{} points at decision #{} but entry {seq} recorded #{last} as its latest: the registration was re-pointed",
                    d.registration_id, d.id
                ),
            });
        }
    }
    problems
}

/// Each dispute against the entries that opened and ruled it.
pub(crate) fn disputes(entries: &[AuditEntry], disputes: &[Dispute]) -> Vec<Tamper> {
    let mut opened: HashMap<i64, &AuditEntry> = HashMap::new();
    let mut ruled: HashMap<i64, &AuditEntry> = HashMap::new();
    for e in entries {
        match (e.action.as_str(), id_in(e, "dispute_id")) {
            ("dispute.open", Some(id)) => _ = opened.insert(id, e),
            ("dispute.rule", Some(id)) => _ = ruled.insert(id, e),
            _ => {}
        }
    }
    let mut problems = Vec::new();
    for d in disputes {
        let Some(open) = opened.get(&d.id) else {
            problems.push(Tamper {
                seq: 0,
                kind: TamperKind::Unrecorded,
                detail: format!("dispute #{} on {} has no audit entry opening it", d.id, d.registration_id),
            });
            continue;
        };
        let mut differs = Vec::new();
        if open.subject != d.registration_id {
            differs.push(format!("registration {} (entry says {})", d.registration_id, open.subject));
        }
        if open.actor != d.opened_by {
            differs.push(format!("opened by {} (entry says {})", d.opened_by, open.actor));
        }
        if text_in(open, "claim").is_some_and(|c| c != d.claim) {
            differs.push(format!("claim {:?}", d.claim));
        }
        if id_in(open, "decision_id").is_some_and(|id| id != d.decision_id) {
            differs.push(format!("contests decision #{}", d.decision_id));
        }
        match (d.status, ruled.get(&d.id)) {
            (DisputeStatus::Open, Some(r)) => differs.push(format!("open, though entry {} ruled it", r.seq)),
            (DisputeStatus::Ruled, None) => differs.push("ruled, though no entry rules it".into()),
            (DisputeStatus::Ruled, Some(r)) => {
                if d.ruled_by.as_deref() != Some(r.actor.as_str()) {
                    differs.push(format!(
                        "ruled by {} (entry {} says {})",
                        d.ruled_by.as_deref().unwrap_or("?"),
                        r.seq,
                        r.actor
                    ));
                }
                if d.ruling.map(|o| o.as_str()) != r.outcome.as_deref() {
                    differs.push(format!(
                        "ruling {} (entry {} says {})",
                        d.ruling.map_or("none", |o| o.as_str()),
                        r.seq,
                        r.outcome.as_deref().unwrap_or("none")
                    ));
                }
            }
            (DisputeStatus::Open, None) => {}
        }
        if !differs.is_empty() {
            problems.push(Tamper {
                seq: open.seq,
                kind: TamperKind::Mismatch,
                detail: format!(
                    "dispute #{} on {} differs from its audit entries: {}",
                    d.id,
                    d.registration_id,
                    differs.join("; ")
                ),
            });
        }
    }
    problems
}

/// The head-account list as stored against the digest the last change to it recorded.
pub(crate) fn head_accounts(entries: &[AuditEntry], digest_now: &str) -> Vec<Tamper> {
    let key = dealgate_store::HEAD_ACCOUNTS_DIGEST;
    let Some(last) = entries.iter().rev().find(|e| e.payload.get(key).is_some()) else { return Vec::new() };
    if text_in(last, key) == Some(digest_now) {
        return Vec::new();
    }
    vec![Tamper {
        seq: last.seq,
        kind: TamperKind::Mismatch,
        detail: format!(
            "the head-account list differs from what entry {} (the last change to it, {} by {}) recorded: it was edited behind the log's back",
            last.seq, last.action, last.actor
        ),
    }]
}
