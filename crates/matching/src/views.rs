//! Further ways two names can be the same company, each giving a score and a reason: an abbreviation
//! (`合百集团` for `合肥百货大楼集团`), a typo in the place prefix (`熊江伟星` for `浙江伟星`), and the
//! group-versus-company cap.

use crate::normalize::{all_generic, normalize, NormalizedName};

/// Base score of an abbreviation (the review band); evidence below raises it.
const ABBREV_BASE: f64 = 0.80;

fn has_group(n: &NormalizedName) -> bool {
    n.legal_form.as_deref().is_some_and(|l| l.contains("集团"))
}

/// `s` (shorter core) is an in-order abbreviation of `l`'s name: every character of `s.core` appears in
/// `l.stem` in order, starting at the name or its core. Stock-exchange short names are built this way.
pub(crate) fn abbreviation(s: &NormalizedName, l: &NormalizedName) -> Option<(f64, String)> {
    let sc: Vec<char> = s.core.chars().collect();
    let lc: Vec<char> = l.stem.chars().collect();
    let core_start = lc.len().saturating_sub(l.core.chars().count());
    if s.latin || sc.len() < 2 || sc.len() > 6 || sc.len() >= lc.len() || all_generic(&s.core) || s.core == l.core {
        return None;
    }
    let first = lc.iter().position(|&c| c == sc[0])?;
    if first != 0 && first > core_start + 1 {
        return None;
    }
    let mut positions = vec![first];
    let mut at = first + 1;
    for ch in &sc[1..] {
        let p = lc[at..].iter().position(|c| c == ch)? + at;
        positions.push(p);
        at = p + 1;
    }
    let l_distinctive: Vec<char> = l.distinctive.chars().collect();
    let from_distinctive = sc.iter().filter(|c| l_distinctive.contains(c)).count();
    let mut score = ABBREV_BASE;
    if first == core_start || (sc.len() >= 3 && from_distinctive >= 2) {
        score += 0.05;
    }
    if l.legal_form.is_some() {
        score += 0.04;
    }
    let span = positions.last().copied().unwrap_or(0) - first + 1;
    if span <= 2 * sc.len() {
        score += 0.02;
    }
    if sc.len() <= 2 {
        score -= 0.06;
    }
    if has_group(s) != has_group(l) && s.legal_form.is_some() {
        score -= 0.08;
    }
    Some((score.min(0.91), format!("{} abbreviates {} (its characters appear in order)", s.core, l.stem)))
}

/// `a` starts with what looks like `b`'s place mistyped by one character (`熊江` for `浙江`): compare the
/// rest of `a` with `b`'s core.
pub(crate) fn place_typo(a: &NormalizedName, b: &NormalizedName) -> Option<(f64, String)> {
    if a.latin || a.stem != a.core || b.stem == b.core || !a.places.is_empty() {
        return None;
    }
    let place_len = b.stem.chars().count() - b.core.chars().count();
    let ac: Vec<char> = a.core.chars().collect();
    if ac.len() < place_len + 2 {
        return None;
    }
    let (prefix, rest): (String, String) = (ac[..place_len].iter().collect(), ac[place_len..].iter().collect());
    let place: String = b.stem.chars().take(place_len).collect();
    let differing = prefix.chars().zip(place.chars()).filter(|(x, y)| x != y).count();
    if differing != 1 {
        return None;
    }
    let mut fixed = normalize(&format!("{place}{rest}"));
    fixed.legal_form = a.legal_form.clone();
    let sim = crate::score::weighted_similarity(&fixed, b);
    (sim >= 0.75).then(|| {
        (sim - 0.03, format!("{prefix} looks like a typo of {place}; {rest} ~ {} similarity {sim:.2}", b.core))
    })
}

/// A cap when exactly one side is a group (集团) and the cores are not the same company for sure.
pub(crate) fn group_conflict(q: &NormalizedName, c: &NormalizedName) -> Option<f64> {
    (has_group(q) != has_group(c) && q.legal_form.is_some() && c.legal_form.is_some()).then_some(0.72)
}
