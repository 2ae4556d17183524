//! Former names (曾用名) in the index: each is an entry of its own, id `{record id}\u{1f}{n}`, with the
//! record's context and a name-only party (the record's exact keys stay on its own entry, so they are
//! not found twice), so a registration naming a former name finds the record. Hits are read back under
//! the record's own id and name, with a reason naming the former name; a record found both ways is kept
//! once, at its best score.

use super::Batch;
use dealgate_domain::{MatchEvidence, Reason};
use dealgate_matching::{Index, Party};
use std::collections::HashMap;

/// Separates a record's id from the number of its former name in an alias entry's id.
const SEP: char = '\u{1f}';
/// Former names indexed per record; more are kept in the store but not searched.
const MAX: usize = 8;

/// Appends an entry per former name of each row to `b` (made from `rows`, in order): `former` gives a
/// row's former names, `id` its id, `own` an alias entry's context from the row's (its own name shown).
pub(super) fn append<R, C>(
    b: &mut Batch<C>,
    rows: &[R],
    former: impl Fn(&R) -> &[String],
    id: impl Fn(&R) -> &str,
    own: impl Fn(&C, &R) -> C,
) {
    if rows.iter().all(|r| former(r).is_empty()) {
        return;
    }
    for (i, r) in rows.iter().enumerate() {
        for (n, name) in former(r).iter().take(MAX).enumerate() {
            b.ids.push_str(id(r));
            b.ids.push(SEP);
            b.ids.push_str(&n.to_string());
            b.id_ends.push(b.ids.len());
            b.prepared.push(Party { name, ..Default::default() }.prepare());
            let ctx = own(&b.ctx[i], r);
            b.ctx.push(ctx);
        }
    }
}

/// Removes the alias entries of records about to be replaced (their former names may have changed).
pub(super) fn forget<'a>(index: &mut Index, ids: impl Iterator<Item = &'a str>) {
    for id in ids {
        for n in 0..MAX {
            index.remove(&format!("{id}{SEP}{n}"));
        }
    }
}

/// A hit's record id as the index has it: the record's own id, and whether it was found by a former name.
pub(super) fn own_id(indexed: &str) -> (&str, bool) {
    indexed.split_once(SEP).map_or((indexed, false), |(id, _)| (id, true))
}

/// Notes on evidence found through a former name (`former`, folded as indexed) which name it was.
pub(super) fn note(e: &mut MatchEvidence, former: &str) {
    e.evidence.context.insert("former_name".into(), former.to_string());
    e.evidence.reasons.push(Reason {
        feature: "former_name".into(),
        agreed: Some(true),
        detail: format!("{former} is a former name of {}", e.name),
        contribution: 0.0,
    });
}

/// Keeps one candidate per record, the best scored (`ev` reads a candidate's evidence), in their order.
pub(super) fn keep_best<T>(items: Vec<T>, ev: impl Fn(&T) -> &MatchEvidence) -> Vec<T> {
    // Only a former name finds a record twice.
    if !items.iter().any(|c| ev(c).evidence.context.contains_key("former_name")) {
        return items;
    }
    let mut best: HashMap<String, (usize, f64)> = HashMap::new();
    for (i, c) in items.iter().enumerate() {
        let e = ev(c);
        let slot = best.entry(e.record_id.clone()).or_insert((i, e.score));
        if e.score > slot.1 {
            *slot = (i, e.score);
        }
    }
    if best.len() == items.len() {
        return items;
    }
    items
        .into_iter()
        .enumerate()
        .filter(|(i, c)| best.get(&ev(c).record_id).is_some_and(|b| b.0 == *i))
        .map(|(_, c)| c)
        .collect()
}
