//! Verifying the chain: each kind of tampering is found once, at the right entry.

use dealgate_audit::{verify, AuditEntry, NewEntry, Tamper, TamperKind, GENESIS_HASH};

use crate::{at, sample_log};

fn head(log: &[AuditEntry]) -> Option<(i64, &str)> {
    log.last().map(AuditEntry::head)
}

/// `(seq, kind)` of every problem found.
fn found(entries: &[AuditEntry], head: Option<(i64, &str)>) -> Vec<(i64, TamperKind)> {
    let report = verify(entries, head);
    assert_eq!(report.entries_checked, entries.len());
    report.problems.iter().map(|p: &Tamper| (p.seq, p.kind)).collect()
}

#[test]
fn an_untouched_log_is_intact_with_and_without_the_head_anchor() {
    let log = sample_log();
    let report = verify(&log, head(&log));
    assert!(report.is_intact(), "{report}");
    assert_eq!(report.entries_checked, 10);
    assert_eq!(report.to_string(), "checked 10 entries: the audit log is intact");
    assert!(verify(&log, None).is_intact());
}

#[test]
fn an_empty_log_is_intact_only_if_the_anchor_says_empty() {
    assert!(verify(&[], None).is_intact());
    assert!(verify(&[], Some((0, GENESIS_HASH))).is_intact());
    let log = sample_log();
    assert_eq!(found(&[], head(&log)), [(1, TamperKind::TailTruncated)]);
}

#[test]
fn editing_one_field_reports_exactly_that_entry_as_edited() {
    let original = sample_log();
    let mut log = original.clone();
    log[3].outcome = Some("partner".into()); // entry 4: co-sell -> partner
    let report = verify(&log, head(&original));
    assert_eq!(report.problems.len(), 1, "{report}");
    assert_eq!(report.problems[0].seq, 4);
    assert_eq!(report.problems[0].kind, TamperKind::Edited);
    assert_eq!(report.problems[0].detail, "entry 4 was edited: its contents no longer match its hash");
}

#[test]
fn editing_chinese_inside_the_payload_is_an_edit() {
    let mut log = sample_log();
    log[5].payload["basis"] = serde_json::json!("谁能打赢：直营已完成演示");
    assert_eq!(found(&log, None), [(6, TamperKind::Edited)]);
}

#[test]
fn editing_the_last_entry_is_caught_even_without_the_anchor() {
    let mut log = sample_log();
    log[9].actor = "root".into();
    assert_eq!(found(&log, None), [(10, TamperKind::Edited)]);
}

#[test]
fn deleting_a_middle_entry_names_it() {
    let original = sample_log();
    let mut log = original.clone();
    log.remove(4); // entry 5
    let report = verify(&log, head(&original));
    assert_eq!(report.problems.len(), 1, "{report}");
    assert_eq!((report.problems[0].seq, report.problems[0].kind), (5, TamperKind::Deleted));
    assert_eq!(report.problems[0].detail, "entry 5 was deleted: the log jumps from entry 4 to entry 6");
}

#[test]
fn deleting_several_entries_in_a_row_is_one_report() {
    let mut log = sample_log();
    log.drain(4..7); // entries 5, 6, 7
    let report = verify(&log, None);
    assert_eq!(found(&log, None), [(5, TamperKind::Deleted)]);
    assert!(report.problems[0].detail.starts_with("entries 5 to 7 were deleted"), "{report}");
}

#[test]
fn deleting_the_first_entry_is_caught() {
    let mut log = sample_log();
    log.remove(0);
    assert_eq!(found(&log, None), [(1, TamperKind::Deleted)]);
}

#[test]
fn deleting_and_relinking_with_a_recomputed_hash_is_still_a_deletion() {
    let mut log = sample_log();
    log.remove(4); // entry 5
    log[4].prev_hash = log[3].hash.clone(); // entry 6 now links to entry 4
    log[4].hash = log[4].compute_hash();
    // Entry 6 got a new hash, so entry 7's link breaks too: two tampered places, two reports.
    assert_eq!(found(&log, None), [(5, TamperKind::Deleted), (7, TamperKind::LinkBroken)]);
}

#[test]
fn swapping_two_entries_is_one_reordering() {
    let mut log = sample_log();
    log.swap(3, 4); // entries 4 and 5
    let report = verify(&log, head(&sample_log()));
    assert_eq!(report.problems.len(), 1, "{report}");
    assert_eq!((report.problems[0].seq, report.problems[0].kind), (4, TamperKind::Reordered));
    assert_eq!(report.problems[0].detail, "entries 4 and 5 are out of order: entry 5 is listed before entry 4");
}

#[test]
fn moving_an_entry_far_is_one_reordering() {
    let mut log = sample_log();
    let moved = log.remove(1); // entry 2 ...
    log.insert(6, moved); // ... listed after entry 7
    assert_eq!(found(&log, None), [(2, TamperKind::Reordered)]);
}

#[test]
fn dropping_the_last_entry_is_caught_by_the_head_anchor() {
    let original = sample_log();
    let mut log = original.clone();
    log.pop();
    let report = verify(&log, head(&original));
    assert_eq!(report.problems.len(), 1, "{report}");
    assert_eq!((report.problems[0].seq, report.problems[0].kind), (10, TamperKind::TailTruncated));
    assert!(report.problems[0].detail.contains("the log ends at entry 9"), "{report}");
    // Without the anchor a clean cut cannot be seen: that is what the anchor row is for.
    assert!(verify(&log, None).is_intact());
}

#[test]
fn cutting_the_tail_and_appending_a_forgery_is_caught_by_the_anchor_hash() {
    let original = sample_log();
    let mut log = original.clone();
    log.pop();
    let forged = AuditEntry::chain(log.last(), at(10), NewEntry::new("admin", "user.add", "内鬼"));
    log.push(forged);
    assert!(verify(&log, None).is_intact());
    assert_eq!(found(&log, head(&original)), [(10, TamperKind::TailTruncated)]);
}

#[test]
fn recomputing_the_hash_after_an_edit_is_caught_at_the_next_entrys_link() {
    let mut log = sample_log();
    log[4].payload["claim"] = serde_json::json!("直营已放弃"); // entry 5
    log[4].hash = log[4].compute_hash();
    let report = verify(&log, head(&sample_log()));
    assert_eq!(report.problems.len(), 1, "{report}");
    let p = &report.problems[0];
    assert_eq!((p.seq, p.kind), (6, TamperKind::LinkBroken));
    assert!(p.detail.starts_with("the chain is broken at entry 6"), "{}", p.detail);
    assert!(p.detail.contains("Entry 5 was most likely changed and its hash recomputed"), "{}", p.detail);
}

#[test]
fn an_extra_entry_with_a_duplicate_number_is_an_insertion() {
    let mut log = sample_log();
    let forged = AuditEntry::chain(Some(&log[5]), at(7), NewEntry::new("李强", "decide.override", "REG-0001"));
    assert_eq!(forged.seq, 7);
    log.insert(6, forged);
    let report = verify(&log, head(&sample_log()));
    assert_eq!(found(&log, head(&sample_log())), [(7, TamperKind::Inserted)]);
    assert!(report.problems[0].detail.contains("decide.override by 李强 on REG-0001"), "{report}");
    // The forgery listed after the genuine entry 7 is caught just the same.
    log.swap(6, 7);
    assert_eq!(found(&log, None), [(7, TamperKind::Inserted)]);
}

#[test]
fn entries_written_around_the_store_after_its_anchor_are_insertions() {
    let original = sample_log();
    let mut log = original.clone();
    let extra = AuditEntry::chain(log.last(), at(11), NewEntry::new("admin", "settings.update", "settings"));
    log.push(extra);
    assert!(verify(&log, None).is_intact());
    assert_eq!(found(&log, head(&original)), [(11, TamperKind::Inserted)]);
}

#[test]
fn an_edit_with_stale_hash_is_one_report_not_a_cascade() {
    let mut log = sample_log();
    for seq in [2usize, 8] {
        log[seq - 1].subject = format!("{}-改", log[seq - 1].subject);
    }
    assert_eq!(found(&log, head(&sample_log())), [(2, TamperKind::Edited), (8, TamperKind::Edited)]);
}

#[test]
fn an_edit_that_also_breaks_a_link_is_still_one_report() {
    // Entry 6's link rewritten, its hash left stale: one edit, not also a broken link.
    let mut log = sample_log();
    log[5].prev_hash = "e".repeat(64);
    assert_eq!(found(&log, None), [(6, TamperKind::Edited)]);
    // Entry 5 edited and its hash overwritten with junk: one edit, not also a break at entry 6.
    let mut log = sample_log();
    log[4].subject = "REG-0009".into();
    log[4].hash = "0123".repeat(16);
    assert_eq!(found(&log, None), [(5, TamperKind::Edited)]);
}

#[test]
fn the_report_reads_as_sentences() {
    let mut log = sample_log();
    log[6].subject = "REG-9999".into();
    log.remove(2);
    let text = verify(&log, None).to_string();
    assert_eq!(
        text,
        "checked 9 entries: 2 problems found\n\
         - entry 3 was deleted: the log jumps from entry 2 to entry 4\n\
         - entry 7 was edited: its contents no longer match its hash"
    );
}
