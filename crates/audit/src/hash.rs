//! The canonical, unambiguous byte serialisation of an audit entry and its SHA-256 hash.
//!
//! # Format (version 1)
//!
//! The hash is the lowercase hex SHA-256 of these bytes, in this order:
//!
//! 1. the domain tag: `str("dealgate-audit/v1")`
//! 2. `seq` as 8 bytes, signed big-endian
//! 3. `str(prev_hash)`, `str(at)`, `str(actor)`, `str(action)`, `str(subject)`
//! 4. `opt(region)`, `opt(partner)`, `opt(outcome)`, `opt(rule)`
//! 5. `str(canonical_json(payload))`
//!
//! where `str(s)` is the byte length of `s` as 8 bytes unsigned big-endian followed by its UTF-8 bytes,
//! and `opt(x)` is the byte `0x00` for `None` or `0x01` followed by `str(x)` for `Some(x)`.
//! Every field is length-prefixed, so no two different entries serialise to the same bytes
//! (`actor = "a|b", action = "c"` cannot collide with `actor = "a", action = "b|c"`), and
//! `None` differs from `Some("")`. Only `hash` itself is left out.
//!
//! # Canonical JSON
//!
//! [`canonical_json`] writes object keys sorted by their UTF-8 bytes, at every depth, with no
//! whitespace. It sorts the keys itself, so the hash does not depend on whether serde_json's
//! `preserve_order` feature is on somewhere in the build (cargo unifies features across the
//! workspace). Still, keep `preserve_order` off: with it on, `serde_json::Value` keeps insertion
//! order and the JSON export would list payload keys in whatever order callers built them.
//! Changing anything in this file changes every hash: that needs a new domain tag (`v2`) and
//! a verifier that knows both.
//!
//! [`HashInput`] hashes borrowed fields and an already rendered canonical payload, which is also the text stored.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::chain::AuditEntry;

/// The domain tag that starts every serialisation; bump it if the format ever changes.
const DOMAIN_TAG: &str = "dealgate-audit/v1";

/// Every hashed field of one entry, borrowed, with its payload already written as [`canonical_json`]
/// (or [`canonical_json_with`]) text: lets a bulk writer render payloads in parallel, hash them in
/// chain order and store the same text, without building an [`AuditEntry`] per row.
#[derive(Debug, Clone, Copy)]
pub struct HashInput<'a> {
    /// Position in the log.
    pub seq: i64,
    /// The hash of the entry before.
    pub prev_hash: &'a str,
    /// When, as [`crate::format_at`] writes it.
    pub at: &'a str,
    /// Who.
    pub actor: &'a str,
    /// What was done.
    pub action: &'a str,
    /// To what.
    pub subject: &'a str,
    /// The region, if any.
    pub region: Option<&'a str>,
    /// The partner, if any.
    pub partner: Option<&'a str>,
    /// The result, if any.
    pub outcome: Option<&'a str>,
    /// The rule, if any.
    pub rule: Option<&'a str>,
    /// The payload in canonical JSON.
    pub payload: &'a str,
}

impl HashInput<'_> {
    /// The bytes that are hashed (see the module docs).
    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256 + self.payload.len());
        put_str(&mut out, DOMAIN_TAG);
        out.extend_from_slice(&self.seq.to_be_bytes());
        put_str(&mut out, self.prev_hash);
        put_str(&mut out, self.at);
        put_str(&mut out, self.actor);
        put_str(&mut out, self.action);
        put_str(&mut out, self.subject);
        put_opt(&mut out, self.region);
        put_opt(&mut out, self.partner);
        put_opt(&mut out, self.outcome);
        put_opt(&mut out, self.rule);
        put_str(&mut out, self.payload);
        out
    }

    /// Lowercase hex SHA-256 of the entry's bytes: what [`AuditEntry::compute_hash`] gives for the
    /// same fields.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.bytes()))
    }
}

/// Lowercase hex SHA-256 of `entry`'s canonical bytes.
pub(crate) fn hash_entry(entry: &AuditEntry) -> String {
    let payload = canonical_json(&entry.payload);
    HashInput {
        seq: entry.seq,
        prev_hash: &entry.prev_hash,
        at: &entry.at,
        actor: &entry.actor,
        action: &entry.action,
        subject: &entry.subject,
        region: entry.region.as_deref(),
        partner: entry.partner.as_deref(),
        outcome: entry.outcome.as_deref(),
        rule: entry.rule.as_deref(),
        payload: &payload,
    }
    .hash()
}

/// The length and lowercase hex SHA-256 of everything `reader` yields, e.g. an exported file.
pub(crate) fn sha256_reader(mut reader: impl std::io::Read) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = [0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buf[..n]);
                total += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((total, hex::encode(hasher.finalize())))
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_be_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

/// Compact JSON with object keys sorted by their UTF-8 bytes at every depth.
///
/// Strings are escaped as serde_json escapes them (quote, backslash and control characters;
/// Chinese and other non-ASCII text is written as is); numbers are written as serde_json writes
/// them, which reads back to the same value. This is the form the hash covers, and the form
/// the exports use for the `details` column, so the same payload always looks the same.
pub fn canonical_json(value: &Value) -> String {
    let mut out = Vec::new();
    write_canonical(&mut out, value);
    into_string(out)
}

/// [`canonical_json`] of `value` with the top-level key `key` set to `extra` (added, or replacing
/// one there), without copying `value`; a `value` that is not an object is written as it is. What
/// a store writes when it records in a payload the id of what a change created.
pub fn canonical_json_with(value: &Value, key: &str, extra: &Value) -> String {
    let Value::Object(map) = value else { return canonical_json(value) };
    let mut keys: Vec<&str> = map.keys().map(String::as_str).filter(|k| *k != key).collect();
    keys.push(key);
    keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    let mut out = Vec::with_capacity(1024);
    out.push(b'{');
    for (i, k) in keys.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_json_string(&mut out, k);
        out.push(b':');
        write_canonical(&mut out, if k == key { extra } else { &map[k] });
    }
    out.push(b'}');
    into_string(out)
}

/// Only whole UTF-8 strings and ASCII punctuation are ever written, so this never fails.
fn into_string(out: Vec<u8>) -> String {
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn write_canonical(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        // Written as serde_json writes numbers (the shortest form that reads back the same).
        Value::Number(n) => write_json(out, n),
        Value::String(s) => write_json_string(out, s),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(out, item);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            out.push(b'{');
            let byte_order = |a: &&String, b: &&String| a.as_bytes() <= b.as_bytes();
            // serde_json's map iterates in this order already unless `preserve_order` is on.
            if map.keys().is_sorted_by(byte_order) {
                write_members(out, map.iter());
            } else {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
                write_members(out, keys.into_iter().map(|k| (k, &map[k.as_str()])));
            }
            out.push(b'}');
        }
    }
}

fn write_members<'a>(out: &mut Vec<u8>, members: impl Iterator<Item = (&'a String, &'a Value)>) {
    for (i, (key, value)) in members.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_json_string(out, key);
        out.push(b':');
        write_canonical(out, value);
    }
}

fn write_json_string(out: &mut Vec<u8>, s: &str) {
    // serde_json escapes exactly what JSON requires (quote, backslash, control characters).
    write_json(out, s);
}

fn write_json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    // Writing a string or number into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, v);
}

/// A digest of a whole table's rows, each rendered as canonical JSON and ended by a newline, in the
/// order given (callers give them by primary key). Recorded in the audit entry of every change to the
/// head-account list, so that verification can tell the list was edited behind the log's back.
pub fn rows_digest<T: serde::Serialize>(rows: &[T]) -> String {
    let mut h = Sha256::new();
    for row in rows {
        h.update(crate::canonical::to_canonical_json(row).unwrap_or_default().as_bytes());
        h.update(b"\n");
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod unit {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth_and_keeps_chinese() {
        let v = json!({"b": 1, "a": {"z": [3, {"y": "易动", "x": null}], "c": true}});
        assert_eq!(canonical_json(&v), r#"{"a":{"c":true,"z":[3,{"x":null,"y":"易动"}]},"b":1}"#);
    }

    #[test]
    fn canonical_json_escapes_quotes_and_control_characters() {
        let v = json!({"k\"": "a\nb\\"});
        assert_eq!(canonical_json(&v), r#"{"k\"":"a\nb\\"}"#);
    }

    #[test]
    fn canonical_json_with_sets_one_key_as_inserting_it_would() {
        let v = json!({"b": 1, "z": {"y": 2, "x": [1.5]}, "id": 3});
        let mut stamped = v.clone();
        stamped["id"] = json!(7);
        stamped["c"] = json!("易动");
        let mut once = v.clone();
        once["id"] = json!(7);
        assert_eq!(canonical_json_with(&v, "id", &json!(7)), canonical_json(&once));
        assert_eq!(canonical_json_with(&once, "c", &json!("易动")), canonical_json(&stamped));
        assert_eq!(canonical_json_with(&json!([1]), "id", &json!(7)), "[1]");
    }

    #[test]
    fn length_prefixes_keep_field_boundaries() {
        let mut out_a = Vec::new();
        put_str(&mut out_a, "ab");
        put_str(&mut out_a, "c");
        let mut out_b = Vec::new();
        put_str(&mut out_b, "a");
        put_str(&mut out_b, "bc");
        assert_ne!(out_a, out_b);
        let mut none = Vec::new();
        put_opt(&mut none, None);
        let mut empty = Vec::new();
        put_opt(&mut empty, Some(""));
        assert_ne!(none, empty);
    }
}
