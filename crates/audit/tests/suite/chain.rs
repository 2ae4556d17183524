//! Building the chain: numbering, links, and a hash that covers every field but itself.

use dealgate_audit::{format_at, AuditEntry, NewEntry, GENESIS_HASH};
use serde_json::json;

use crate::{at, sample_log};

#[test]
fn entries_are_numbered_from_one_and_linked_to_the_one_before() {
    let log = sample_log();
    assert_eq!(GENESIS_HASH, "0".repeat(64));
    assert_eq!(log[0].prev_hash, GENESIS_HASH);
    for (i, e) in log.iter().enumerate() {
        assert_eq!(e.seq, i as i64 + 1);
        assert_eq!(e.hash.len(), 64);
        assert!(e.hash.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(e.hash, e.compute_hash());
        if i > 0 {
            assert_eq!(e.prev_hash, log[i - 1].hash);
        }
    }
}

#[test]
fn chaining_from_the_head_anchor_equals_chaining_from_the_entry() {
    let log = sample_log();
    let last = log.last().unwrap();
    let item = NewEntry::new("王芳", "decide.accept", "REG-0009").outcome("partner");
    let a = AuditEntry::chain(Some(last), at(11), item.clone());
    let b = AuditEntry::chain_after(Some(last.head()), at(11), item);
    assert_eq!(a, b);
    assert_eq!(a.seq, 11);
    assert_eq!(a.prev_hash, last.hash);
}

/// Pinned hashes, computed independently from the format documented in `src/hash.rs`
/// (length-prefixed fields, sorted-key compact JSON). If one changes, every stored hash in every
/// deployment stops verifying: that needs a new format version, not a new pin.
#[test]
fn the_hash_follows_the_documented_format_exactly() {
    let first = AuditEntry::chain(None, "2026-06-30T09:15:02Z".into(), NewEntry::new("system", "expire", "REG-1"));
    assert_eq!(first.hash, "6cab0d2872f77db068d8aa0b10db9819acb121b07035a5f86d1c3a3ab6d9fe12");

    let prev = "ab".repeat(32);
    let later = AuditEntry::chain_after(
        Some((4, &prev)),
        "2026-06-30T09:15:02Z".into(),
        NewEntry::new("王芳", "decide.override", "REG-0002")
            .region("华北战区")
            .outcome("co-sell")
            .payload(json!({"b": [1, "伙伴"], "a": null})),
    );
    assert_eq!(later.seq, 5);
    assert_eq!(later.hash, "d2a0a209b0800455ce68182d232f72a1b97f62ecad030aba6f3f78c2e1070878");
}

#[test]
fn every_field_except_hash_is_covered() {
    let base = sample_log()[3].clone();
    type Edit = Box<dyn Fn(&mut AuditEntry)>;
    let edits: Vec<(&str, Edit)> = vec![
        ("seq", Box::new(|e| e.seq += 1)),
        ("at", Box::new(|e| e.at = "2026-06-30T09:15:05Z".into())),
        ("actor", Box::new(|e| e.actor.push('X'))),
        ("action", Box::new(|e| e.action = "decide.accept".into())),
        ("subject", Box::new(|e| e.subject = "REG-0003".into())),
        ("region", Box::new(|e| e.region = None)),
        ("partner", Box::new(|e| e.partner = Some(String::new()))),
        ("outcome", Box::new(|e| e.outcome = Some("partner".into()))),
        ("rule", Box::new(|e| e.rule = Some("partner-first".into()))),
        ("payload", Box::new(|e| e.payload["followups"] = json!(4))),
        ("prev_hash", Box::new(|e| e.prev_hash = GENESIS_HASH.into())),
    ];
    for (field, edit) in edits {
        let mut e = base.clone();
        edit(&mut e);
        assert_ne!(e.compute_hash(), base.hash, "changing {field} must change the hash");
    }
    let mut e = base.clone();
    e.hash = "f".repeat(64);
    assert_eq!(e.compute_hash(), base.hash, "the hash field itself is not hashed");
}

#[test]
fn field_boundaries_and_none_versus_empty_are_unambiguous() {
    let a = AuditEntry::chain(None, at(1), NewEntry::new("ab", "c", "x"));
    let b = AuditEntry::chain(None, at(1), NewEntry::new("a", "bc", "x"));
    assert_ne!(a.hash, b.hash);
    let none = AuditEntry::chain(None, at(1), NewEntry::new("a", "b", "c"));
    let empty = AuditEntry::chain(None, at(1), NewEntry::new("a", "b", "c").region(""));
    assert_ne!(none.hash, empty.hash);
    let region = AuditEntry::chain(None, at(1), NewEntry::new("a", "b", "c").region("华东"));
    let partner = AuditEntry::chain(None, at(1), NewEntry::new("a", "b", "c").partner("华东"));
    assert_ne!(region.hash, partner.hash);
}

#[test]
fn payload_key_order_does_not_change_the_hash_but_values_do() {
    let p1: serde_json::Value = serde_json::from_str(r#"{"b":1,"a":{"y":"伙伴","x":[1,2]}}"#).unwrap();
    let p2: serde_json::Value = serde_json::from_str(r#"{"a":{"x":[1,2],"y":"伙伴"},"b":1}"#).unwrap();
    let p3: serde_json::Value = serde_json::from_str(r#"{"a":{"x":[2,1],"y":"伙伴"},"b":1}"#).unwrap();
    let h = |p| AuditEntry::chain(None, at(1), NewEntry::new("a", "b", "c").payload(p)).hash;
    assert_eq!(h(p1.clone()), h(p2));
    assert_ne!(h(p1), h(p3));
}

#[test]
fn an_entry_survives_a_json_round_trip_with_its_hash_intact() {
    for e in sample_log() {
        let text = serde_json::to_string(&e).unwrap();
        let back: AuditEntry = serde_json::from_str(&text).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.compute_hash(), e.hash);
    }
}

#[test]
fn times_are_written_as_rfc3339_utc_seconds() {
    use chrono::TimeZone;
    let t = chrono::Utc.with_ymd_and_hms(2026, 6, 30, 9, 15, 2).unwrap();
    assert_eq!(format_at(t), "2026-06-30T09:15:02Z");
}
