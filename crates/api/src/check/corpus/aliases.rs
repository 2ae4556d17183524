//! Other names of a record in the index: each former name (曾用名) of a head account or follow-up, and
//! the group (所属集团) of a head account, is an entry of its own — id `{record id}\u{1f}{n}` for a former
//! name, `{record id}\u{1f}g` for the group — with the record's context and a name-only party (the
//! record's exact keys stay on its own entry, so they are not found twice). A registration naming a
//! former name finds the record; one naming the group (or a company whose name is close to it) finds the
//! head account, but never more surely than `review`: a company of the group is not the account. Hits
//! are read back under the record's own id and name with a reason naming the other name; a record found
//! several ways is kept once, the surest.
//!
//! An upsert of a record drops its old alias entries.

use super::Batch;
use dealgate_domain::{Band, MatchEvidence, Reason};
use dealgate_matching::{Index, Party};
use std::collections::HashMap;

/// Separates a record's id from the tag of its other name in an alias entry's id.
const SEP: char = '\u{1f}';
/// Former names indexed per record; more are kept in the store but not searched.
const MAX: usize = 8;
/// The tag of a group entry.
const GROUP: &str = "g";

/// How a hit found its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Via {
    /// By the record's own name.
    Own,
    /// By one of its former names.
    Former,
    /// By its group's name.
    Group,
}

/// Appends an entry per former name of each row, and one for its group when `group` gives one, to `b`
/// (made from `rows`, in order): `id` gives a row's id, `own` an alias entry's context from the row's
/// (its own name shown).
pub(super) fn append<R, C>(
    b: &mut Batch<C>,
    rows: &[R],
    former: impl Fn(&R) -> &[String],
    group: impl Fn(&R) -> Option<&str>,
    id: impl Fn(&R) -> &str,
    own: impl Fn(&C, &R) -> C,
) {
    if rows.iter().all(|r| former(r).is_empty() && group(r).is_none()) {
        return;
    }
    for (i, r) in rows.iter().enumerate() {
        let formers = former(r).iter().take(MAX).enumerate().map(|(n, name)| (n.to_string(), name.as_str()));
        for (tag, name) in formers.chain(group(r).map(|g| (GROUP.to_string(), g))) {
            b.ids.push_str(id(r));
            b.ids.push(SEP);
            b.ids.push_str(&tag);
            b.id_ends.push(b.ids.len());
            b.prepared.push(Party { name, ..Default::default() }.prepare());
            let ctx = own(&b.ctx[i], r);
            b.ctx.push(ctx);
        }
    }
}

/// Removes the alias entries of records about to be replaced (their other names may have changed).
pub(super) fn forget<'a>(index: &mut Index, ids: impl Iterator<Item = &'a str>) {
    for id in ids {
        for n in 0..MAX {
            index.remove(&format!("{id}{SEP}{n}"));
        }
        index.remove(&format!("{id}{SEP}{GROUP}"));
    }
}

/// A hit's record id as the index has it: the record's own id, and how it was found.
pub(super) fn own_id(indexed: &str) -> (&str, Via) {
    match indexed.split_once(SEP) {
        None => (indexed, Via::Own),
        Some((id, GROUP)) => (id, Via::Group),
        Some((id, _)) => (id, Via::Former),
    }
}

/// Notes on evidence found through another name (`other`, folded as indexed) which it was; a group's
/// name is never a certain match of the account.
pub(super) fn note(e: &mut MatchEvidence, via: Via, other: &str) {
    let (feature, code, detail) = match via {
        Via::Own => return,
        Via::Former => ("former_name", "alias.former_name", format!("{other} is a former name of {}", e.name)),
        Via::Group => {
            if e.band == Band::Match {
                e.band = Band::Review;
            }
            let detail = format!("{other} is the group of {}: a company of the group may or may not be it", e.name);
            ("group", "alias.group", detail)
        }
    };
    e.evidence.context.insert(feature.into(), other.to_string());
    let (code, args) = (code.into(), vec![other.to_string(), e.name.clone()]);
    e.evidence.reasons.push(Reason {
        feature: feature.into(),
        agreed: Some(true),
        detail,
        contribution: 0.0,
        code,
        args,
    });
}

/// Keeps one candidate per record, the surest (band, then score; `ev` reads a candidate's evidence), in
/// their order.
pub(super) fn keep_best<T>(items: Vec<T>, ev: impl Fn(&T) -> &MatchEvidence) -> Vec<T> {
    let other =
        |e: &MatchEvidence| e.evidence.reasons.iter().any(|r| r.feature == "former_name" || r.feature == "group");
    // Only another name finds a record twice.
    if !items.iter().any(|c| other(ev(c))) {
        return items;
    }
    let sure = |e: &MatchEvidence| (e.band == Band::Match, e.score);
    let mut best: HashMap<String, (usize, (bool, f64))> = HashMap::new();
    for (i, c) in items.iter().enumerate() {
        let e = ev(c);
        let slot = best.entry(e.record_id.clone()).or_insert((i, sure(e)));
        if sure(e) > slot.1 {
            *slot = (i, sure(e));
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
