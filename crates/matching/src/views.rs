//! Further ways two names can be the same company, each giving a score and a reason: an abbreviation
//! (`合百集团` for `合肥百货大楼集团`), a typo in the place prefix (`熊江伟星` for `浙江伟星`), and the
//! group-versus-company cap.

use crate::normalize::{all_generic, normalize, NormalizedName};

/// Base score of an abbreviation (the review band); evidence below raises it.
const ABBREV_BASE: f64 = 0.80;

fn has_group(n: &NormalizedName) -> bool {
    n.legal_form.as_deref().is_some_and(|l| l.contains("集团") || l.contains("控股"))
}

/// `s` (shorter core) is an in-order abbreviation of `l`'s name: every character of `s.core` appears in
/// `l.stem` in order, starting at the name or its core. Stock-exchange short names are built this way
/// (`恒实科技` for `恒泰实达科技`). Against a bare brand only a shared beginning counts, and only for review.
pub(crate) fn abbreviation(s: &NormalizedName, l: &NormalizedName) -> Option<(f64, String)> {
    let sc: Vec<char> = s.core.chars().collect();
    let lc: Vec<char> = l.stem.chars().collect();
    let core_start = lc.len().saturating_sub(l.core.chars().count());
    if s.latin || sc.len() < 2 || sc.len() > 6 || sc.len() >= lc.len() || s.core == l.core {
        return None;
    }
    // A stock-style short name that is how the full name begins (`鲁阳节能` for `鲁阳节能材料`,
    // `中山公用` for `中山公用事业集团`).
    let begins =
        (sc.len() >= 3 && l.core.starts_with(&s.core)) || (s.stem.chars().count() >= 4 && l.stem.starts_with(&s.stem));
    if begins && legal_forms_compatible(s, l) {
        let v = if all_generic(&s.core) && sc.len() < 4 {
            return None;
        } else if all_generic(&s.core) {
            0.84
        } else {
            0.92
        };
        return Some((v, format!("{} is how {} begins", s.stem, l.stem)));
    }
    if all_generic(&s.core) {
        return None;
    }
    let distinctive_len = s.distinctive.chars().count();
    let full = l.legal_form.is_some() || !l.places.is_empty() || l.core.chars().count() >= 6;
    if !full {
        let why = format!("{} begins {}, a bare brand: a person should look", s.core, l.core);
        return (l.core.starts_with(&s.core) && s.legal_form.is_some()).then_some((0.80, why));
    }
    let tail = &s.core[s.distinctive.len()..];
    if distinctive_len < 2
        || (s.legal_form.is_none() && distinctive_len <= 2 && (tail.is_empty() || !l.stem.contains(tail)))
    {
        return None;
    }
    let first = lc.iter().position(|&c| c == sc[0])?;
    if first != 0 && first > core_start + 2 {
        return None;
    }
    let mut positions = vec![first];
    let mut at = first + 1;
    for ch in &sc[1..] {
        let p = lc[at..].iter().position(|c| c == ch)? + at;
        positions.push(p);
        at = p + 1;
    }
    // For a bare brand, the characters that tell the company apart must come from the other's place (the
    // first one only, as in 苏 for 江苏) or distinctive part, not from its industry words; a listed
    // company's short name (`南风股份` for `南方风机`) may take them from anywhere.
    let distinctive_end = core_start + l.distinctive.chars().count();
    let from_place_or_brand = positions
        .iter()
        .take(distinctive_len)
        .enumerate()
        .all(|(k, &p)| (p >= core_start || k == 0) && p < distinctive_end);
    if !from_place_or_brand && s.legal_form.is_none() {
        return None;
    }
    let mut score = ABBREV_BASE;
    if first == core_start {
        score += 0.05;
    }
    if l.legal_form.is_some() {
        score += 0.04;
    }
    let span = positions.last().copied().unwrap_or(0) - first + 1;
    if span <= 2 * sc.len() {
        score += 0.02;
    }
    if distinctive_len <= 2 {
        score -= 0.06;
    }
    if !legal_forms_compatible(s, l) {
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
    if differing != 1 || all_generic(&rest) || crate::normalize::distinctive_of(&rest).chars().count() < 2 {
        return None;
    }
    let mut fixed = normalize(&format!("{place}{rest}"));
    fixed.legal_form = a.legal_form.clone();
    let sim = crate::score::weighted_similarity(&fixed, b);
    (sim >= 0.75).then(|| {
        (sim - 0.03, format!("{prefix} looks like a typo of {place}; {rest} ~ {} similarity {sim:.2}", b.core))
    })
}

/// Legal forms that can name the same entity: equal, one missing, both groups or both not, or — for the
/// same core — one inside the other (`广博股份` / `广博集团股份有限公司`). A group (集团, 控股) against a
/// differently named company that is not one is another entity.
pub(crate) fn legal_forms_compatible(a: &NormalizedName, b: &NormalizedName) -> bool {
    match (&a.legal_form, &b.legal_form) {
        (Some(x), Some(y)) => {
            has_group(a) == has_group(b) || (a.core == b.core && (x.contains(y.as_str()) || y.contains(x.as_str())))
        }
        _ => true,
    }
}

/// A cap when one side is a group (集团) and the other a company that is not one.
pub(crate) fn group_conflict(q: &NormalizedName, c: &NormalizedName) -> Option<f64> {
    (!legal_forms_compatible(q, c)).then_some(0.72)
}

/// Two full legal names identical but for one character of the name (`保立佳` / `保立蕊`): likely a typo,
/// possibly another company: worth a person's look.
pub(crate) fn one_typo(a: &NormalizedName, b: &NormalizedName) -> Option<(f64, String)> {
    if a.latin || a.legal_form.is_none() || b.legal_form.is_none() {
        return None;
    }
    let (x, y): (Vec<char>, Vec<char>) = (a.stem.chars().collect(), b.stem.chars().collect());
    if x.len() != y.len() || x.len() < 4 {
        return None;
    }
    let long_enough = x.len() >= 5;
    let diffs: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    if diffs.len() != 1 {
        return None;
    }
    let i = diffs[0];
    // Where the distinctive part of each name lies within its stem.
    let span = |n: &NormalizedName| {
        let start = n.stem.chars().count() - n.core.chars().count();
        start..start + n.distinctive.chars().count()
    };
    if !span(a).contains(&i) || !span(b).contains(&i) {
        if x.len() < 4 {
            return None;
        }
        let why = format!(
            "{} and {} differ only in {} / {}, outside the distinctive name: a typo",
            a.stem, b.stem, x[i], y[i]
        );
        return Some((0.90, why));
    }
    long_enough.then(|| {
        let why = format!(
            "{} and {} differ in one character ({} / {}): a typo or another company",
            a.stem, b.stem, x[i], y[i]
        );
        (0.80, why)
    })
}
