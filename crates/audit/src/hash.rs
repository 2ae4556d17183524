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

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::chain::AuditEntry;

/// The domain tag that starts every serialisation; bump it if the format ever changes.
const DOMAIN_TAG: &str = "dealgate-audit/v1";

/// The bytes that are hashed for `entry` (every field except `hash`); see the module docs.
pub(crate) fn canonical_bytes(entry: &AuditEntry) -> Vec<u8> {
    let payload = canonical_json(&entry.payload);
    let mut out = Vec::with_capacity(256 + payload.len());
    put_str(&mut out, DOMAIN_TAG);
    out.extend_from_slice(&entry.seq.to_be_bytes());
    put_str(&mut out, &entry.prev_hash);
    put_str(&mut out, &entry.at);
    put_str(&mut out, &entry.actor);
    put_str(&mut out, &entry.action);
    put_str(&mut out, &entry.subject);
    put_opt(&mut out, entry.region.as_deref());
    put_opt(&mut out, entry.partner.as_deref());
    put_opt(&mut out, entry.outcome.as_deref());
    put_opt(&mut out, entry.rule.as_deref());
    put_str(&mut out, &payload);
    out
}

/// Lowercase hex SHA-256 of [`canonical_bytes`].
pub(crate) fn hash_entry(entry: &AuditEntry) -> String {
    hex::encode(Sha256::digest(canonical_bytes(entry)))
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
    let mut out = String::new();
    write_canonical(&mut out, value);
    out
}

fn write_canonical(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_json_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_string(out, key);
                out.push(':');
                write_canonical(out, &map[key.as_str()]);
            }
            out.push('}');
        }
    }
}

fn write_json_string(out: &mut String, s: &str) {
    // Serialising a &str cannot fail; serde_json escapes exactly what JSON requires.
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
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
