//! Further ways two names can be the same company, each giving a score and a reason: an abbreviation
//! (`杭百集团` for `杭州百货商厦集团`), a typo in the place prefix (`淅江云帆` for `浙江云帆`), and the
//! group-versus-company cap.
//!
//! These are the name levels that need more than a comparison of cores. Each returns the level that holds and the
//! values its reason shows; its score is the level's weight, never one of its own. Other ways two names are one
//! company: stock-style prefixes and abbreviations, place and one-character typos, group vs company. A brand another
//! name extends by words that are a name is a possible sibling: review (`X股份` against a bare name extending X —
//! against a joint-stock full name extending X it still matches —, a short name of brand and industry against a name
//! without a legal form or of another form; two listed short names of one brand, `abbrev.two_listed`), while a short
//! name of brand and industry against a joint-stock company's full name still matches. One changed character in the
//! two-character brand of two full names of one form and one industry word is `typo.in_brand`, review. The brand plus
//! the initials of all its industry words is `initials` (`abbrev.initials`).
//!
//! The scorer asks for an abbreviation only when the shorter core's characters are all but one in the other's stem,
//! tested on character sets: every way this module finds one keeps that (a unit test holds it to it).

use crate::comparison::Level;
use crate::normalize::{all_generic, normalize, NormalizedName};

/// A level of the name comparison that holds: its score, the level and the parts its reason shows.
pub(crate) type Found = (f64, Level, Vec<String>);

/// A level that holds at its weight, showing `args`.
fn found(level: Level, args: &[&str]) -> Option<Found> {
    Some((level.weight(), level, args.iter().map(|a| a.to_string()).collect()))
}

/// A name's characters, on the stack for any name of ordinary length: most scored pairs allocate nothing.
type Chars = smallvec::SmallVec<[char; 24]>;

/// Whether the characters of `short` appear in `long` in order.
fn in_order(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|x| x == c))
}

/// One-character abbreviations of provinces and major cities, as in stock short names (深云帆 for 深圳云帆).
const PLACE_ABBREVIATIONS: &str = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔滇陕甘陇青宁新藏蒙港澳深穗杭厦";

/// The name after a leading one-character place abbreviation, if it has one.
fn province_abbreviated(core: &str) -> Option<&str> {
    let first = core.chars().next()?;
    PLACE_ABBREVIATIONS.contains(first).then(|| &core[first.len_utf8()..])
}

/// `s` (shorter core) is an in-order abbreviation of `l`'s name: every character of `s.core()` appears in
/// `l.stem()` in order, starting at the name or its core. Stock-exchange short names are built this way
/// (`云数科技` for `云帆数智科技`). Against a bare brand only a shared beginning counts, and only for review.
/// Whatever it finds keeps every character of `s.core()` but at most one in `l.stem()`: the scorer
/// tests that on character sets before calling (keep it so when adding a way).
pub(crate) fn abbreviation(s: &NormalizedName, l: &NormalizedName) -> Option<Found> {
    // Ruled out before anything is copied: most candidates of a search end here.
    if s.latin || s.core() == l.core() {
        return None;
    }
    let short_len = s.core_chars();
    if !(2..=6).contains(&short_len) || short_len >= l.stem_chars() {
        return None;
    }
    let sc: Chars = s.core().chars().collect();
    let lc: Chars = l.stem().chars().collect();
    let core_start = lc.len().saturating_sub(l.core_chars());
    // A stock-style short name that is how the full name begins (`砚川节能` for `砚川节能材料`,
    // `杭州公用` for `杭州公用事业集团`).
    let l_after_place = l.after_place();
    let by_core = sc.len() >= 3 && (l.core().starts_with(s.core()) || l_after_place.starts_with(s.core()));
    let by_stem = s.stem_chars() >= 4 && l.stem().starts_with(s.stem());
    if (by_core || by_stem) && legal_forms_compatible(s, l) {
        let generic = s.generic_core();
        // Two full legal names where one extends the other are usually two companies of one family.
        let both_full = [s, l].iter().all(|n| n.legal_form().is_some_and(|f| f.contains("公司")));
        let level = match (generic, both_full) {
            (true, _) if sc.len() < 4 && !by_stem => return None,
            (true, _) | (_, true) => Level::AbbrevBeginsFamily,
            _ => Level::AbbrevBegins,
        };
        return found(level, &[s.stem(), l.stem()]);
    }
    let full = l.legal_form().is_some() || !l.place_ids().is_empty() || l.core_chars() >= 6;
    // The brand, then one character of each industry word in order (`云川能投` for `云川能源投资`).
    if let Some(short) = initials(s, l) {
        return found(Level::AbbrevInitials, &[s.core(), l.core(), &short]);
    }
    // A listed company's short name `X股份` against a full name that begins with X.
    if s.legal_form() == Some("股份") && full && l.core().starts_with(s.core()) && !s.generic_core() {
        // Two listed short names (万澜股份 / 万澜科技股份): two listed companies, perhaps of one family.
        if l.legal_form() == Some("股份") {
            return found(Level::AbbrevTwoListed, &[s.core(), l.core()]);
        }
        // A brand the other name extends (紫星 in 紫星国芯微电子) may be a sibling's: a look, no more.
        if l.distinctive_chars() > s.core_chars() && maybe_sibling(s, l) {
            return found(Level::AbbrevListedSibling, &[s.core(), l.stem()]);
        }
        return found(Level::AbbrevListed, &[s.core(), l.stem()]);
    }
    // Brand plus industry word, the middle dropped: `鹭岑科技` for `鹭岑电声科技`, `鹭岑医学` for
    // `鹭岑云图医学科技`. The brand begins the name (or follows its place) and the industry word follows it.
    let tail = &s.core()[s.distinctive().len()..];
    let brand_then_tail = |name: &str| {
        name.strip_prefix(s.distinctive()).is_some_and(|rest| rest.len() > tail.len() && rest.contains(tail))
    };
    if full
        && !tail.is_empty()
        && s.distinctive_chars() >= 2
        && !s.generic_distinctive()
        && (brand_then_tail(l.core()) || brand_then_tail(l_after_place))
    {
        // Middle words that are themselves a name (环能 in 中拓环能科技) extend the brand: a sibling
        // shares the brand prefix as often as a short name drops them, so a person looks.
        let name = if brand_then_tail(l.core()) { l.core() } else { l_after_place };
        let rest = &name[s.distinctive().len()..];
        let middle = rest.find(tail).map_or(rest, |at| &rest[..at]);
        if !middle.is_empty() && !all_generic(middle) && maybe_sibling(s, l) {
            return found(Level::AbbrevMiddleSibling, &[s.core(), l.core(), middle]);
        }
        return found(Level::AbbrevMiddleDropped, &[s.core(), l.core()]);
    }
    // The same, with the full name's last word mistyped (`鹭岑健康` for `鹭岑生命健慷`): a look. A window
    // that is itself an industry word (电子 / 电气) is another business, not a typo.
    let tail_chars: Chars = tail.chars().collect();
    let typo_tail = |name: &str| {
        let Some(rest) = name.strip_prefix(s.distinctive()) else { return false };
        let rest: Chars = rest.chars().collect();
        let Some(window) = rest.len().checked_sub(tail_chars.len()).map(|i| &rest[i..]) else { return false };
        let differing = window.iter().zip(&tail_chars).filter(|(a, b)| a != b).count();
        differing == 1 && !all_generic(&window.iter().collect::<String>())
    };
    if full
        && tail_chars.len() >= 2
        && s.distinctive_chars() >= 2
        && !s.generic_distinctive()
        && (typo_tail(l.core()) || typo_tail(l_after_place))
    {
        return found(Level::AbbrevMiddleTypo, &[s.core(), l.core()]);
    }
    // A short name of four or more that begins the full name but for one mistyped character: a look.
    let lcore: Chars = l.core().chars().collect();
    if sc.len() >= 4 && s.distinctive_chars() >= 3 && lcore.len() > sc.len() && !s.generic_core() {
        let differing = sc.iter().zip(&lcore).filter(|(a, b)| a != b).count();
        if differing == 1 {
            return found(Level::AbbrevBeginsTypo, &[s.core(), l.core()]);
        }
    }
    // A bare two-character brand that begins a full name: worth a look, no more.
    if sc.len() == 2 && full && l.core().starts_with(s.core()) && !s.generic_core() {
        return found(Level::AbbrevBareTwo, &[s.core(), l.core()]);
    }
    // A one-character place abbreviation in front (深 for 深圳, 苏 for 江苏): `深云帆` for `云帆微电子`.
    if let Some(rest) = province_abbreviated(s.core()) {
        if rest.chars().count() >= 2 && l.core().starts_with(rest) && !all_generic(rest) {
            return found(Level::AbbrevPlaceChar, &[s.core(), l.core()]);
        }
    }
    if s.generic_core() {
        return None;
    }
    // A full legal name (…有限公司) is a name in its own right, not a short name: its characters appearing
    // in order in another full name (云图科技 in 云帆图像科技) make two companies, not one.
    if s.legal_form().is_some_and(|f| f.contains("公司")) {
        return None;
    }
    let distinctive_len = s.distinctive_chars();
    if !full {
        let bare = l.core().starts_with(s.core()) && s.legal_form().is_some();
        return if bare { found(Level::AbbrevBareBrand, &[s.core(), l.core()]) } else { None };
    }
    let tail = &s.core()[s.distinctive().len()..];
    if distinctive_len < 2
        || (s.legal_form().is_none() && distinctive_len <= 2 && (tail.is_empty() || !in_order(tail, l.stem())))
    {
        return None;
    }
    // Prefer the character where the core starts (海 of 海翊 in 上海海翊…), else its first occurrence.
    let first = if lc.get(core_start) == Some(&sc[0]) { core_start } else { lc.iter().position(|&c| c == sc[0])? };
    if first != 0 && first > core_start + 2 {
        return None;
    }
    let mut positions: smallvec::SmallVec<[usize; 8]> = smallvec::smallvec![first];
    let mut at = first + 1;
    for ch in &sc[1..] {
        let p = lc[at..].iter().position(|c| c == ch)? + at;
        positions.push(p);
        at = p + 1;
    }
    // For a bare brand, the characters that tell the company apart must come from the other's place (the
    // first one only, as in 苏 for 江苏) or distinctive part, not from its industry words; a listed
    // company's short name (`北翔股份` for `北方翔云风机`) may take them from anywhere.
    let distinctive_end = core_start + l.distinctive_chars();
    let from_place_or_brand = positions
        .iter()
        .take(distinctive_len)
        .enumerate()
        .all(|(k, &p)| (p >= core_start || k == 0) && p < distinctive_end);
    if !from_place_or_brand && s.legal_form().is_none() {
        return None;
    }
    // A listed company's short name (X股份, X集团) abbreviating a full legal name from its start.
    let listed = matches!(s.legal_form(), Some("股份" | "集团" | "控股"));
    if listed
        && l.legal_form().is_some_and(|f| f.contains("公司"))
        && legal_forms_compatible(s, l)
        && (first == 0
            || first == core_start
            || (first > core_start && crate::normalize::is_place(&lc[core_start..first].iter().collect::<String>())))
    {
        // Contiguous (峻岭 in 义乌峻岭制冷) is surer than gapped (峻岭 in 峻图岭海).
        let contiguous = l.stem().contains(s.core());
        let level = if contiguous || first == 0 { Level::AbbrevListedInOrder } else { Level::AbbrevListedGapped };
        return found(level, &[s.stem(), l.stem()]);
    }
    let mut score = Level::AbbrevInOrder.weight();
    // Starting where the name starts, or with one character of its place just before it (苏 of 江苏 in
    // 苏云帆 for 江苏云帆…), as stock short names do; from the place only with a brand part of three or
    // more characters (a place character and two more are as often another company).
    let place_first = distinctive_len >= 3 && first < core_start && positions.get(1) == Some(&core_start);
    if first == core_start || place_first {
        score += Level::AbbrevAtStart.weight();
    }
    if l.legal_form().is_some() {
        score += Level::AbbrevFullForm.weight();
    }
    let span = positions.last().copied().unwrap_or(0) - first + 1;
    if span <= 2 * sc.len() {
        score += Level::AbbrevCompact.weight();
    }
    if distinctive_len <= 2 {
        score += Level::AbbrevShortBrand.weight();
    }
    if !legal_forms_compatible(s, l) {
        score += Level::AbbrevFormsDiffer.weight();
    }
    let how = if place_first { ", the first from its place" } else { "" };
    let args = vec![s.core().to_string(), l.stem().to_string(), how.to_string()];
    Some((score.min(Level::AbbrevCap.weight()), Level::AbbrevInOrder, args))
}

/// `s` is `l`'s brand followed by the first character of each of `l`'s industry words, all of them, in
/// order (`云川能投` for `云川能源投资`, `鹭岑科投` for `鹭岑科技投资`): a short name made by word initials.
/// Only a short name (no `…公司` form of its own), two words or more, each of two characters or more.
fn initials(s: &NormalizedName, l: &NormalizedName) -> Option<String> {
    let brand = l.distinctive();
    if s.legal_form().is_some_and(|f| f.contains("公司")) || l.distinctive_chars() < 2 || l.generic_distinctive() {
        return None;
    }
    // A place the other name keeps as its brand (四川 of 四川能源投资, only industry words following) is
    // cut from the short name as a place (四川能投): then the short name's stem holds it.
    let short = [s.core(), s.stem()].into_iter().find_map(|name| name.strip_prefix(brand))?;
    let words = [l.core(), l.after_place()].into_iter().find_map(|name| name.strip_prefix(brand))?;
    let (short, words): (Chars, Chars) = (short.chars().collect(), words.chars().collect());
    // Split `words` into as many industry words as `short` has characters, word `i` beginning with
    // character `i` of `short`: the cuts are where those characters stand, tried in order.
    fn split(short: &[char], words: &[char]) -> bool {
        match short {
            [] => words.is_empty(),
            [c, rest @ ..] => {
                words.first() == Some(c)
                    && (2..=words.len()).any(|end| is_industry_word(&words[..end]) && split(rest, &words[end..]))
            }
        }
    }
    (short.len() >= 2 && split(&short, &words)).then(|| short.iter().collect())
}

/// Whether `chars` make one industry word of the dictionary (能源, 投资), not several.
fn is_industry_word(chars: &[char]) -> bool {
    crate::dict::dict().generic.contains(&chars.iter().collect::<String>())
}

/// Whether `l`, whose brand extends `s`'s by words that are a name themselves, may be a sibling of
/// `s` rather than the full name `s` shortens: listed companies' short names (`X股份`, brand plus
/// industry) shorten a joint-stock company's full name (股份有限公司) and carry no legal form of their
/// own; a full legal name (…公司) is a name in its own right, a company that is not a joint-stock one
/// has no listed short name, and a name without a legal form (中拓环能科技) may be either.
fn maybe_sibling(s: &NormalizedName, l: &NormalizedName) -> bool {
    s.legal_form().is_some_and(|f| f.contains("公司")) || l.legal_form().is_none_or(|f| !f.contains("股份"))
}

/// `a` starts with what looks like `b`'s place mistyped by one character (`淅江` for `浙江`): compare the
/// rest of `a` with `b`'s core.
pub(crate) fn place_typo(a: &NormalizedName, b: &NormalizedName) -> Option<Found> {
    if a.latin || a.stem() != a.core() || b.stem() == b.core() || !a.place_ids().is_empty() {
        return None;
    }
    let place_len = b.stem_chars() - b.core_chars();
    // `a`'s core cut after as many characters as `b`'s place has; compared before anything is copied.
    let split = a.core().char_indices().nth(place_len).map_or(a.core().len(), |(i, _)| i);
    let (prefix, rest) = a.core().split_at(split);
    // At least two characters after the place.
    rest.chars().nth(1)?;
    let differing = prefix.chars().zip(b.stem().chars()).filter(|(x, y)| x != y).count();
    if differing != 1 || all_generic(rest) || crate::normalize::distinctive_of(rest).chars().count() < 2 {
        return None;
    }
    let place: String = b.stem().chars().take(place_len).collect();
    // Only the core and distinctive part take part in the similarity.
    let fixed = normalize(&format!("{place}{rest}"));
    let sim = crate::score::weighted_similarity(&fixed, b);
    (sim >= 0.75).then(|| {
        let args = [prefix, &place, rest, b.core(), &format!("{sim:.2}")].map(String::from).to_vec();
        (sim + Level::PlaceTypo.weight(), Level::PlaceTypo, args)
    })
}

/// Legal forms that can name the same entity: equal, one missing, both groups or both not, or — for the
/// same core — one inside the other (`栖岸股份` / `栖岸集团股份有限公司`). A group (集团, 控股) against a
/// differently named company that is not one is another entity.
pub(crate) fn legal_forms_compatible(a: &NormalizedName, b: &NormalizedName) -> bool {
    match (a.legal_form(), b.legal_form()) {
        (Some(x), Some(y)) => a.group() == b.group() || (a.core() == b.core() && (x.contains(y) || y.contains(x))),
        _ => true,
    }
}

/// The cap when one side is a group (集团) and the other a company that is not one: another entity;
/// but `X控股` against `X股份…` of one place, nothing else in either name (a holding company and the
/// joint-stock company of one brand), is the one company or its parent: worth a look
/// (`form.holding_vs_shares`). `X控股` against `X医药股份…` stays another entity.
pub(crate) fn group_conflict(q: &NormalizedName, c: &NormalizedName) -> Option<Level> {
    if legal_forms_compatible(q, c) {
        return None;
    }
    let holding = |n: &NormalizedName| n.legal_form().is_some_and(|f| f.starts_with("控股"));
    let shares = |n: &NormalizedName| n.legal_form().is_some_and(|f| f.starts_with("股份"));
    let one_place =
        q.stem_chars() - q.core_chars() == c.stem_chars() - c.core_chars() && q.place_ids() == c.place_ids();
    let pair = (holding(q) && shares(c)) || (holding(c) && shares(q));
    Some(if pair && one_place && q.core() == c.core() { Level::FormHoldingVsShares } else { Level::FormGroupVsCompany })
}

/// Two full legal names identical but for one character of the name (`禾丰源` / `禾丰原`), or two
/// neighbouring characters swapped (`峻岭图` / `岭峻图`): likely a typo, possibly another company: worth a
/// person's look, or a match where the rest of the name makes it sure.
pub(crate) fn one_typo(a: &NormalizedName, b: &NormalizedName) -> Option<Found> {
    // Full names on both sides: a legal form on one, and on the other a legal form or a place (a full name
    // written without its legal form, 杭州云帆数椐科技).
    let formal = |n: &NormalizedName| n.legal_form().is_some() || !n.place_ids().is_empty();
    if a.latin || (a.legal_form().is_none() && b.legal_form().is_none()) || !formal(a) || !formal(b) {
        return None;
    }
    // At most two differing characters in stems of one length, checked before anything is copied.
    let (mut len, mut differing) = (0, 0);
    for (p, q) in a.stem().chars().zip(b.stem().chars()) {
        len += 1;
        differing += usize::from(p != q);
        if differing > 2 {
            return None;
        }
    }
    if len < 4 || a.stem_chars() != len || b.stem_chars() != len {
        return None;
    }
    let (x, y): (Vec<char>, Vec<char>) = (a.stem().chars().collect(), b.stem().chars().collect());
    let long_enough = x.len() >= 5;
    let diffs: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    // What differs, as each side writes it: one character, or two swapped.
    let (i, from, to) = match diffs[..] {
        [i] => (i, x[i].to_string(), y[i].to_string()),
        [i, j] if j == i + 1 && x[i] == y[j] && x[j] == y[i] => {
            (i, format!("{}{}", x[i], x[j]), format!("{}{}", y[i], y[j]))
        }
        _ => return None,
    };
    let last = diffs[diffs.len() - 1];
    // Where the distinctive part of each name lies within its stem.
    let span = |n: &NormalizedName| {
        let start = n.stem_chars() - n.core_chars();
        start..start + n.distinctive_chars()
    };
    let in_brand = |k: usize| span(a).contains(&k) && span(b).contains(&k);
    if !in_brand(i) && !in_brand(last) {
        return found(Level::TypoOutsideBrand, &[a.stem(), b.stem(), &from, &to]);
    }
    // Two places where the brands would be (杭州化工 / 广州化工: a place kept in a name of industry words)
    // are companies of two towns, not a typo.
    if crate::normalize::is_place(a.distinctive()) && crate::normalize::is_place(b.distinctive()) {
        return None;
    }
    // One character in eight or more, with place, industry and legal form the same, in a brand of three
    // or more characters: a typo. So too in a shorter name when the industry words and legal form agree
    // and so does the place (上海禾丰源化工 / 上海禾丰原化工) or the brand has four or more characters. In
    // a two-character brand (云帆 / 星帆) it is as likely another company.
    let brand_len = a.distinctive_chars().min(b.distinctive_chars());
    let tail = |n: &NormalizedName| n.core()[n.distinctive().len()..].to_string();
    let same_tail = !tail(a).is_empty() && tail(a) == tail(b) && a.legal_form() == b.legal_form();
    let same_place = !a.place_ids().is_empty() && a.place_ids() == b.place_ids();
    // A brand of four or more with one character changed keeps three of its four.
    let context_agrees = same_tail && (same_place || brand_len >= 4);
    if (x.len() >= 8 || context_agrees) && brand_len >= 3 {
        return found(Level::TypoInBrandSure, &[a.stem(), b.stem(), &from, &to, &x.len().to_string()]);
    }
    // Four characters (a two-character brand and one industry word) between two full names of one legal
    // form, the industry word the same (澜岳科技集团股份有限公司 / 澜乐科技集团股份有限公司, 澜岳科技有限公司 /
    // 澜乐科技有限公司): a near-duplicate registration a person must see, though two brands a character
    // apart are as often two companies of one trade (partner first: a look, never a conflict).
    // One character changed, not two swapped (帆云 / 云帆 rearranges the whole brand: another name).
    let short_twin = x.len() == 4 && brand_len == 2 && same_tail && diffs.len() == 1;
    if long_enough || short_twin {
        found(Level::TypoInBrand, &[a.stem(), b.stem(), &from, &to])
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The scorer asks for an abbreviation only when the shorter core has at most one character the
    /// longer name's stem lacks (`score::name_score`): every way this view finds one must keep that.
    #[test]
    fn every_abbreviation_found_keeps_all_but_at_most_one_character() {
        let names = [
            "杭州鹭岑数智科技股份有限公司",
            "鹭数科技",
            "鹭岑科技",
            "鹭岑健康",
            "鹭岑生命健慷有限公司",
            "鹭岑生命健康科技有限公司",
            "鹭岑股份",
            "鹭岑电声科技有限公司",
            "鹭岑电声",
            "鹭岑",
            "深鹭岑",
            "深圳鹭岑微电子有限公司",
            "江苏禾丰源环保科技股份有限公司",
            "禾源环保",
            "苏禾丰源",
            "禾丰原环保",
            "砚溪百货商厦集团股份有限公司",
            "砚百集团",
            "砚溪百货",
            "砚溪节能材料有限公司",
            "砚溪节能",
            "杭州公用事业集团有限公司",
            "杭州公用",
            "北方翔云风机股份有限公司",
            "北翔股份",
            "义乌峻岭制冷设备有限公司",
            "峻岭集团",
            "峻图岭海科技有限公司",
        ];
        let names: Vec<NormalizedName> = names.iter().map(|n| normalize(n)).collect();
        let mut found = 0;
        for s in &names {
            for l in &names {
                if abbreviation(s, l).is_some() {
                    found += 1;
                    let held: HashSet<char> = l.stem().chars().collect();
                    let missing: HashSet<char> = s.core().chars().filter(|c| !held.contains(c)).collect();
                    assert!(missing.len() <= 1, "{} abbreviates {} missing {missing:?}", s.core(), l.stem());
                }
            }
        }
        assert!(found >= 10, "only {found} abbreviations among the fixtures: the test would prove little");
    }
}
