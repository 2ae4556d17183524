//! Verifying the audit chain: finds edited, deleted, reordered, inserted and cut-off entries,
//! and says which entry, once, in words an auditor understands.
//!
//! What the chain can and cannot show: an edit that leaves `hash` alone is caught at that entry;
//! an edit whose `hash` is recomputed is caught at the next entry's link; removing or rewriting
//! entries at the very end leaves no broken link and is caught only against the head anchor
//! (last seq and hash) that the store keeps in a separate row, so pass it whenever you have it.

use std::collections::HashMap;

use crate::chain::{AuditEntry, GENESIS_HASH};
use crate::report::{Tamper, TamperKind, VerifyReport};

/// Checks the chain. `entries` should be the whole log, in the order the store lists it (by seq);
/// `head` is the store's anchor `(last seq, last hash)`, `Some((0, GENESIS_HASH))` for an empty
/// log, or `None` if there is none (then a cut-off or rewritten tail cannot be seen).
///
/// Entries listed out of seq order are reported as reordered once and then checked in seq order,
/// so a swap does not also show up as a deletion.
pub fn verify<'a>(entries: impl IntoIterator<Item = &'a AuditEntry>, head: Option<(i64, &str)>) -> VerifyReport {
    let given: Vec<&AuditEntry> = entries.into_iter().collect();
    let mut problems = Vec::new();

    let mut sorted = given.clone();
    sorted.sort_by_key(|e| e.seq); // stable: entries sharing a seq keep their order
    report_reordering(&given, &sorted, &mut problems);

    let checked: Vec<Checked<'a>> =
        sorted.into_iter().map(|entry| Checked { entry, intact: entry.compute_hash() == entry.hash }).collect();
    let chain = pick_chain(&checked, head, &mut problems);
    walk(&chain, &mut problems);
    check_head(&chain, head, &mut problems);

    problems.sort_by_key(|p| p.seq);
    VerifyReport { entries_checked: given.len(), problems }
}

/// An entry and whether its contents still match its own hash.
#[derive(Clone, Copy)]
struct Checked<'a> {
    entry: &'a AuditEntry,
    intact: bool,
}

fn problem(seq: i64, kind: TamperKind, detail: String) -> Tamper {
    Tamper { seq, kind, detail }
}

/// "entry 6" / "entries 6 to 8", and whether that is plural.
fn range(first: i64, last: i64) -> (String, bool) {
    if first == last {
        (format!("entry {first}"), false)
    } else {
        (format!("entries {first} to {last}"), true)
    }
}

fn was(plural: bool) -> &'static str {
    if plural {
        "were"
    } else {
        "was"
    }
}

/// Reports each maximal run of positions where the given order differs from seq order, once.
fn report_reordering(given: &[&AuditEntry], sorted: &[&AuditEntry], problems: &mut Vec<Tamper>) {
    let mut i = 0;
    while i < given.len() {
        if std::ptr::eq(given[i], sorted[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < given.len() && !std::ptr::eq(given[i], sorted[i]) {
            i += 1;
        }
        let block = &given[start..i];
        let first = sorted[start].seq;
        let detail = if let [a, b] = block {
            format!(
                "entries {} and {} are out of order: entry {} is listed before entry {}",
                b.seq, a.seq, a.seq, b.seq
            )
        } else {
            let listed: Vec<String> = block.iter().take(12).map(|e| e.seq.to_string()).collect();
            let more = if block.len() > 12 { ", ..." } else { "" };
            format!(
                "entries {} to {} are out of order: they are listed as {}{}",
                first,
                sorted[i - 1].seq,
                listed.join(", "),
                more
            )
        };
        problems.push(problem(first, TamperKind::Reordered, detail));
    }
}

/// Drops entries the chain cannot contain (seq below 1, or a second entry with the same seq),
/// reporting each as inserted, and returns the entries that form the chain, in seq order.
fn pick_chain<'a>(sorted: &[Checked<'a>], head: Option<(i64, &str)>, problems: &mut Vec<Tamper>) -> Vec<Checked<'a>> {
    // prev_hash -> the highest seq of an entry that links to it
    let mut referenced: HashMap<&str, i64> = HashMap::with_capacity(sorted.len());
    for c in sorted {
        let seq = referenced.entry(c.entry.prev_hash.as_str()).or_insert(c.entry.seq);
        *seq = (*seq).max(c.entry.seq);
    }
    let mut chain: Vec<Checked<'a>> = Vec::with_capacity(sorted.len());
    let mut i = 0;
    while i < sorted.len() {
        let seq = sorted[i].entry.seq;
        let mut j = i;
        while j < sorted.len() && sorted[j].entry.seq == seq {
            j += 1;
        }
        let group = &sorted[i..j];
        i = j;
        if seq < 1 {
            for c in group {
                let detail =
                    format!("an entry numbered {seq} was inserted ({}): numbering starts at 1", describe(c.entry));
                problems.push(problem(seq, TamperKind::Inserted, detail));
            }
            continue;
        }
        let prev_hash = chain.last().map_or(GENESIS_HASH, |c| c.entry.hash.as_str());
        // The genuine one is vouched for by a later entry's link, else by the head anchor,
        // else by its own link to the previous entry; failing all that, the first listed.
        let is_referenced = |c: &Checked<'_>| referenced.get(c.entry.hash.as_str()).is_some_and(|&s| s > seq);
        let keep = group
            .iter()
            .position(|c| c.intact && is_referenced(c))
            .or_else(|| group.iter().position(|c| head.is_some_and(|(s, h)| s == seq && h == c.entry.hash)))
            .or_else(|| group.iter().position(|c| c.intact && c.entry.prev_hash == prev_hash))
            .unwrap_or(0);
        for (k, c) in group.iter().enumerate() {
            if k != keep {
                let detail = format!(
                    "an extra entry numbered {seq} was inserted ({}): the chain runs through the other entry numbered {seq}",
                    describe(c.entry)
                );
                problems.push(problem(seq, TamperKind::Inserted, detail));
            }
        }
        chain.push(group[keep]);
    }
    chain
}

fn describe(e: &AuditEntry) -> String {
    format!("{} by {} on {} at {}", e.action, e.actor, e.subject, e.at)
}

/// Checks each chain entry's own hash, its number and its link to the entry before it.
fn walk(chain: &[Checked<'_>], problems: &mut Vec<Tamper>) {
    let mut by_hash: HashMap<&str, usize> = HashMap::with_capacity(chain.len());
    for (i, c) in chain.iter().enumerate() {
        by_hash.entry(c.entry.hash.as_str()).or_insert(i);
    }
    for (i, c) in chain.iter().enumerate() {
        let e = c.entry;
        let prev = i.checked_sub(1).map(|p| chain[p]);
        if !c.intact {
            let detail = format!("entry {} was edited: its contents no longer match its hash", e.seq);
            problems.push(problem(e.seq, TamperKind::Edited, detail));
        }
        let expected_seq = prev.map_or(1, |p| p.entry.seq + 1);
        let expected_link = prev.map_or(GENESIS_HASH, |p| p.entry.hash.as_str());
        let link_ok = e.prev_hash == expected_link;
        let after = prev.map_or("the start of the log".to_owned(), |p| format!("entry {}", p.entry.seq));

        if e.seq > expected_seq {
            let (missing, plural) = range(expected_seq, e.seq - 1);
            let detail = if link_ok && c.intact {
                format!(
                    "{missing} {} deleted: entry {} was re-linked to {after} and its hash recomputed to hide the gap",
                    was(plural),
                    e.seq
                )
            } else {
                format!("{missing} {} deleted: the log jumps from {after} to entry {}", was(plural), e.seq)
            };
            problems.push(problem(expected_seq, TamperKind::Deleted, detail));
            continue;
        }
        // A broken link next to an edited entry is part of that edit: report it once.
        if link_ok || !c.intact || prev.is_some_and(|p| !p.intact) {
            continue;
        }
        let tamper = match (by_hash.get(e.prev_hash.as_str()), prev) {
            (Some(&j), _) if j > i => problem(
                e.seq,
                TamperKind::Reordered,
                format!(
                    "entries {} and {} are out of order: entry {} links to entry {}, which comes after it (they were renumbered)",
                    e.seq, chain[j].entry.seq, e.seq, chain[j].entry.seq
                ),
            ),
            (Some(&j), Some(p)) if j + 1 < i => {
                let first = chain[j + 1].entry.seq;
                let (inserted, plural) = range(first, p.entry.seq);
                problem(
                    first,
                    TamperKind::Inserted,
                    format!(
                        "{inserted} {} inserted: entry {} links directly to entry {}",
                        was(plural),
                        e.seq,
                        chain[j].entry.seq
                    ),
                )
            }
            (_, Some(p)) => problem(
                e.seq,
                TamperKind::LinkBroken,
                format!(
                    "the chain is broken at entry {0}: it records a hash for entry {1} that entry {1} no longer has. \
                     Entry {1} was most likely changed and its hash recomputed to hide the edit (or entry {0}'s link was rewritten)",
                    e.seq, p.entry.seq
                ),
            ),
            (_, None) => problem(
                e.seq,
                TamperKind::LinkBroken,
                format!(
                    "entry {} should start the log but links to an entry that is not in it: \
                     earlier entries were removed and the rest renumbered, or its link was rewritten",
                    e.seq
                ),
            ),
        };
        problems.push(tamper);
    }
}

/// Compares the end of the chain with the store's head anchor.
fn check_head(chain: &[Checked<'_>], head: Option<(i64, &str)>, problems: &mut Vec<Tamper>) {
    let Some((head_seq, head_hash)) = head else {
        return;
    };
    let last_seq = chain.last().map_or(0, |c| c.entry.seq);
    if last_seq < head_seq {
        let (missing, plural) = range(last_seq + 1, head_seq);
        let ends =
            if last_seq == 0 { "the log is empty".to_owned() } else { format!("the log ends at entry {last_seq}") };
        let detail = format!(
            "{missing} {} cut off the end of the log: the store recorded entry {head_seq} as the last one, but {ends}",
            was(plural)
        );
        problems.push(problem(last_seq + 1, TamperKind::TailTruncated, detail));
        return;
    }
    let anchor = if head_seq == 0 {
        Some(GENESIS_HASH)
    } else {
        chain.iter().find(|c| c.entry.seq == head_seq).map(|c| c.entry.hash.as_str())
    };
    match anchor {
        // The entry the anchor names is missing from the middle: already reported as deleted.
        None => {}
        Some(hash) if hash == head_hash && last_seq > head_seq => {
            let (added, plural) = range(head_seq + 1, last_seq);
            let detail = format!(
                "{added} {} added after entry {head_seq}, the last one the store recorded: written around the store",
                was(plural)
            );
            problems.push(problem(head_seq + 1, TamperKind::Inserted, detail));
        }
        Some(hash) if hash == head_hash => {}
        Some(_) => {
            if problems.iter().any(|p| p.seq == head_seq) {
                return;
            }
            let detail = format!(
                "entry {head_seq} is not the entry the store recorded as the last one (its hash differs from the store's head record): \
                 the end of the log was cut off and rewritten, or entry {head_seq} was changed and its hash recomputed"
            );
            problems.push(problem(head_seq, TamperKind::TailTruncated, detail));
        }
    }
}
