//! Company-name normalisation: width and case folding, brackets, legal forms, places, branches and
//! generic industry words, leaving the core that tells one company from another.
//!
//! Speed matters here (every indexed name, and the scorer calls the helpers per candidate pair), so the
//! code works on byte offsets and `&str` slices rather than collected chars and temporary strings, finds
//! generic words and front-cuttable places by walking tries ([`crate::dict::Trie`]), and asks the other
//! place look-ups' length masks ([`crate::dict::Lengths`]) before hashing a substring.
//!
//! The steps: NFKC, traditional → simplified characters, brackets, legal forms, places (at the front, bracketed or
//! mid-name; a development zone after a front place, named or not (苏州工业园区, 南京江北新区), or a named zone of 3+ characters
//! opening a name, goes with the place), branches, generic industry words; what is left is the name's `stem`, `core`
//! and `distinctive` part.

use crate::dict::{dict, head_key, tail_key, BRANCH_MARKERS, LEGAL_ZH_MAX};
pub use crate::name::NormalizedName;
use crate::name::Parts;
use unicode_normalization::UnicodeNormalization;

fn is_open(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '【' | '〔' | '〖' | '「' | '『' | '<' | '《')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '】' | '〕' | '〗' | '」' | '』' | '>' | '》')
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII and CJK ideographs (all of
/// which are alphabetic; a test checks it), the chars of nearly every name.
fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_cjk(c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// Room for the char offsets the place and generic-word searches need: the dictionaries' words are
/// shorter than 32 chars (dict.rs asserts it), and a search looks at most two chars past a word.
const CAP: usize = 34;

/// `ends[k]` = byte offset after the first `k` chars of `s`, for `k` up to the returned count: the number
/// of chars in `s`, or `longest + 2` when `s` has more. A search for words of at most `longest` chars that
/// leave two chars over gets the same bound either way, without walking the rest of `s`.
fn head_ends(s: &str, longest: usize, ends: &mut [usize; CAP]) -> usize {
    let mut k = 0;
    for (i, c) in s.char_indices().take((longest + 2).min(CAP - 1)) {
        k += 1;
        ends[k] = i + c.len_utf8();
    }
    k
}

/// `starts[k]` = byte offset where the last `k` chars of `s` begin, for `k` up to the returned count
/// (bounded as in [`head_ends`]).
fn tail_starts(s: &str, longest: usize, starts: &mut [usize; CAP]) -> usize {
    starts[0] = s.len();
    let mut k = 0;
    for (i, _) in s.char_indices().rev().take((longest + 2).min(CAP - 1)) {
        k += 1;
        starts[k] = i;
    }
    k
}

/// The lengths whose bits are set in `mask`, from `hi` down to `lo`: the order the searches try them in.
fn lengths_desc(mask: u32, lo: usize, hi: usize) -> impl Iterator<Item = usize> {
    let hi = hi.min(31);
    let keep = if lo > hi { 0 } else { ((2u64 << hi) - 1) & !((1u64 << lo) - 1) };
    let mut m = u64::from(mask) & keep;
    std::iter::from_fn(move || {
        (m != 0).then(|| {
            let top = 63 - m.leading_zeros() as usize;
            m &= !(1 << top);
            top
        })
    })
}

/// Province of a place word, if it is one ("" for national words such as 中国).
fn place_province(word: &str) -> Option<&'static str> {
    let d = dict();
    d.places.get(word).map(|p| p.as_str())
}

/// Removes `suffix` from the end of `s` when what is left keeps at least `min` chars.
fn cut_suffix<'a>(s: &'a str, suffix: &str, min: usize) -> Option<&'a str> {
    // Counting stops at `min`: what is left may be long.
    s.strip_suffix(suffix).filter(|rest| rest.chars().take(min).count() >= min)
}

/// Normalises a company name.
pub fn normalize(name: &str) -> NormalizedName {
    let d = dict();
    // CJK ideographs and ASCII letters and digits are unchanged by NFKC; most names are only these.
    // One pass also counts what the script test below needs, and whether fast2s would change anything.
    let (mut plain, mut t2s, mut latin_letters, mut cjk) = (true, false, 0usize, 0usize);
    for c in name.chars() {
        let is_cjk = is_cjk(c);
        plain &= c.is_ascii_alphanumeric() || is_cjk;
        t2s |= d.t2s_may_change(c);
        latin_letters += usize::from(c.is_ascii_alphabetic());
        cjk += usize::from(is_cjk);
    }
    let mut out = Parts::default();
    // A plain name fast2s leaves alone is its own folded and flat form (lower-casing changes no count):
    // no brackets, nothing but letters and digits.
    let (flat, all_alnum) = if plain && !t2s {
        (name.to_ascii_lowercase(), true)
    } else {
        let lowered = if plain { name.to_ascii_lowercase() } else { name.nfkc().collect::<String>().to_lowercase() };
        // fast2s hashes every three-byte char and copies the string; most names hold no char it would
        // change, and for those its answer is the string itself.
        let folded = if lowered.chars().any(|c| d.t2s_may_change(c)) { fast2s::convert(&lowered) } else { lowered };
        // Without an opening bracket every char goes through unchanged.
        let flat = if folded.contains(is_open) { take_brackets(&folded, &mut out) } else { folded };
        (latin_letters, cjk) = (0, 0);
        let mut all_alnum = true;
        for c in flat.chars() {
            latin_letters += usize::from(c.is_ascii_alphabetic());
            cjk += usize::from(is_cjk(c));
            all_alnum &= is_alnum(c);
        }
        (flat, all_alnum)
    };
    out.latin = latin_letters > cjk * 2;
    if out.latin {
        normalize_latin(&flat, &mut out);
    } else {
        let compact: String = if all_alnum { flat } else { flat.chars().filter(|c| is_alnum(*c)).collect() };
        out.folded = compact.clone();
        normalize_cjk(compact, &mut out);
    }
    out.into()
}

/// Pulls bracketed parts out of `folded`: places become facts, other content stays inline.
fn take_brackets(folded: &str, out: &mut Parts) -> String {
    let mut flat = String::with_capacity(folded.len());
    let mut bracket = String::new();
    let mut depth = 0usize;
    for c in folded.chars() {
        if is_open(c) {
            depth += 1;
            if depth == 1 {
                bracket.clear();
            }
        } else if is_close(c) && depth > 0 {
            depth -= 1;
            if depth == 0 {
                let inner: String = bracket.chars().filter(|c| is_alnum(*c)).collect();
                if let Some(p) = place_province(&inner).or_else(|| dict().places_en.get(inner.as_str()).copied()) {
                    push_place(out, &inner, p);
                } else if !dict().legal_zh.contains(&inner.as_str()) {
                    flat.push(' ');
                    flat.push_str(&inner);
                    flat.push(' ');
                }
            }
        } else if depth > 0 {
            bracket.push(c);
        } else {
            flat.push(c);
        }
    }
    if depth > 0 {
        flat.push(' ');
        flat.push_str(&bracket);
    }
    flat
}

/// Records a place word found in the name (`place` is a dictionary word, kept as the dictionary's own
/// string) and its province.
fn push_place(out: &mut Parts, place: &str, province: &'static str) {
    let d = dict();
    let word = d
        .places
        .get_key_value(place)
        .map(|(k, _)| k.as_str())
        .or_else(|| d.places_en.get_key_value(place).map(|(k, _)| *k));
    // Every caller found `place` in one of these dictionaries, so the word is always there.
    debug_assert!(word.is_some(), "{place} is not a dictionary place");
    out.places.extend(word);
    if !province.is_empty() && !out.provinces.contains(&province) {
        out.provinces.push(province);
    }
}

fn normalize_cjk(mut s: String, out: &mut Parts) {
    let d = dict();
    // Branch: "<company><place>分公司" or "<company>有限公司<place>分行".
    if let Some(idx) = branch_marker_at(&s) {
        let head = &s[..idx];
        let cut = d.legal_zh.iter().filter_map(|lf| head.rfind(lf).map(|p| p + lf.len())).max().unwrap_or(idx);
        let mut branch = s[cut..].to_string();
        s.truncate(cut);
        // "<company><place>" before the marker: the place names the branch, not the company.
        if cut == idx {
            if let Some(place) = trailing_place(&s) {
                branch.insert_str(0, place);
                s.truncate(s.len() - place.len());
            }
        }
        out.branch = Some(branch);
    }
    // A legal form of four or more characters mistyped in one character other than its first (股份有眼公司)
    // at the very end is read as that legal form; a first character differing is often a word (乐团).
    if let Some(lf) = mistyped_legal_form(&s) {
        out.legal_form = Some(lf.to_string());
        let keep = s.char_indices().rev().nth(lf.chars().count() - 1).map_or(0, |(i, _)| i);
        s.truncate(keep);
    }
    // Legal forms at the end, repeatedly ("集团股份有限公司", "股份" + "有限公司"...).
    while let Some(lf) = d.legal_zh.iter().find(|lf| cut_suffix(&s, lf, 2).is_some()) {
        out.legal_form = Some(match out.legal_form.take() {
            Some(prev) => format!("{lf}{prev}"),
            None => lf.to_string(),
        });
        s.truncate(s.len() - lf.len());
    }
    // Bracketed places lead the stem, as if written in front: 化工研究院（新疆） = 新疆化工研究院.
    let mut stem = String::with_capacity(out.places.iter().map(|p| p.len()).sum::<usize>() + s.len());
    out.places.iter().for_each(|p| stem.push_str(p));
    stem.push_str(&s);
    out.stem = stem;
    // Places at the front, repeatedly (广东省深圳市...), never eating the whole name; a development zone
    // after a place (苏州工业园区, 南京江北新区) or a named one in front (张江高新区) goes with them: it
    // says where, not who.
    let mut after_place = false;
    loop {
        let mut ends = [0; CAP];
        let found = leading_places(&s, &mut ends);
        let ends = &ends[..found];
        let cut = ends.iter().rev().copied().find(|&end| {
            let (head, rest) = s.split_at(end);
            // The place without the administrative suffix that follows it (杭州 of 杭州市化工) is not
            // another reading: when the place with its suffix stays in the name, so does this one.
            if rest.starts_with(ADMIN_SUFFIXES) && ends.contains(&(end + SUFFIX_BYTES)) {
                return false;
            }
            // When only industry words follow (黔南锌业), the place is part of the name.
            let taken = distinctive(rest).chars().nth(1).is_some() && !all_generic(rest);
            if taken {
                push_place(out, head, place_province(head).unwrap_or(""));
            }
            taken
        });
        match cut.or_else(|| zone_at_front(&s, after_place)) {
            Some(end) => {
                s.replace_range(..end, "");
                after_place = true;
            }
            None => {
                // A place kept in the name is written without its suffix (杭州市化工 = 杭州化工).
                if let Some(&end) = ends.last() {
                    if s[..end].ends_with(ADMIN_SUFFIXES) && ends.contains(&(end - SUFFIX_BYTES)) {
                        s.replace_range(end - SUFFIX_BYTES..end, "");
                    }
                }
                break;
            }
        }
    }
    // A place between the name and its industry words (易动纷享北京科技): a fact, not part of the name.
    if let Some((start, end)) = middle_place(&s) {
        push_place(out, &s[start..end], place_province(&s[start..end]).unwrap_or(""));
        s.replace_range(start..end, "");
    }
    out.distinctive = distinctive(&s).to_string();
    out.core = s;
}

/// Where a development zone or new area that `s` begins with ends, when a name follows it (two or more
/// distinctive characters, not only industry words): right after a place, the zone alone (苏州工业园区) or
/// with a name of two to four characters (南京江北新区, 武汉东湖高新区, 青岛西海岸新区); at the start of
/// a name, a named zone of three or more characters (张江高新区, 金桥经济技术开发区). A zone says where a
/// company is, not which one. `区块链` (blockchain) after `新` is a word, not a zone.
fn zone_at_front(s: &str, after_place: bool) -> Option<usize> {
    // Every zone ends in 区 or 园, at most 13 characters in: most names end here.
    if !s.chars().take(13).any(|c| c == '区' || c == '园') {
        return None;
    }
    let mut ends = [0; CAP];
    let n = head_ends(s, 6, &mut ends);
    let named = if after_place { 0..=4 } else { 2..=4 };
    named.filter(|&k| k == 0 || k < n).find_map(|k| {
        let start = if k == 0 { 0 } else { ends[k] };
        let head = &s[start..];
        let zone = DEV_ZONES.iter().find(|z| head.starts_with(**z) && (after_place || z.chars().nth(2).is_some()))?;
        let rest = &head[zone.len()..];
        let name_follows = distinctive(rest).chars().nth(1).is_some() && !all_generic(rest) && !rest.starts_with('块');
        // A named zone's name is not itself industry words (科技新区 is not a zone's name).
        let named_ok = k == 0 || !all_generic(&s[..start]);
        (name_follows && named_ok).then_some(start + zone.len())
    })
}

/// The administrative suffixes a place may be written with or without (杭州市 / 杭州, 浙江省 / 浙江).
const ADMIN_SUFFIXES: [char; 3] = ['市', '省', '县'];
/// The UTF-8 length of each of [`ADMIN_SUFFIXES`] (all three are three bytes).
const SUFFIX_BYTES: usize = '市'.len_utf8();

/// Development zones and new areas, longest first: after a place they are part of where a company is.
const DEV_ZONES: &[&str] = &[
    "高新技术产业开发区",
    "经济技术开发区",
    "高新技术开发区",
    "经济开发区",
    "工业园区",
    "高新区",
    "开发区",
    "保税区",
    "自贸区",
    "工业园",
    "新区",
];

/// The first and the second bytes of branch markers: the scan below looks closer only where both fit.
const MARKER_BYTES: [[bool; 256]; 2] = {
    let mut first = [[false; 256]; 2];
    let mut i = 0;
    while i < BRANCH_MARKERS.len() {
        let m = BRANCH_MARKERS[i].as_bytes();
        first[0][m[0] as usize] = true;
        first[1][m[1] as usize] = true;
        i += 1;
    }
    first
};

/// Where the first branch marker starts that has two or more chars before it. Only a marker's first
/// occurrence counts (one at the very start is not looked for again further on), as the normaliser
/// has always done.
fn branch_marker_at(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut too_early = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        // A marker's first byte starts a char (it is never a continuation byte), so `i` is a boundary.
        if !MARKER_BYTES[0][usize::from(b)] || !bytes.get(i + 1).is_some_and(|&b| MARKER_BYTES[1][usize::from(b)]) {
            continue;
        }
        for (j, m) in BRANCH_MARKERS.iter().enumerate() {
            if too_early >> j & 1 == 0 && bytes[i..].starts_with(m.as_bytes()) {
                if s[..i].chars().nth(1).is_some() {
                    return Some(i);
                }
                too_early |= 1 << j;
            }
        }
    }
    None
}

/// The byte range of a front-cuttable place after the first two chars of `s` that only generic words
/// follow, at least two chars of them; the first such place, longest at its position.
fn middle_place(s: &str) -> Option<(usize, usize)> {
    let n = s.chars().count();
    for (start, _) in s.char_indices().take(n.saturating_sub(3)).skip(2) {
        let mut ends = [0; CAP];
        let found = leading_places(&s[start..], &mut ends);
        if let Some(&end) = ends[..found].iter().rev().find(|&&end| all_generic(&s[start + end..])) {
            return Some((start, start + end));
        }
    }
    None
}

/// Byte ends of the front-cuttable places (`prefix_places`) `s` starts with that are two chars or longer
/// and leave two chars or more, shortest first: one walk through the places' trie.
fn leading_places(s: &str, ends: &mut [usize; CAP]) -> usize {
    let trie = &dict().prefix_place_trie;
    let (mut node, mut found) = (0, 0);
    for (k, (i, c)) in s.char_indices().enumerate() {
        let Some(next) = trie.step(node, c) else { break };
        node = next;
        let end = i + c.len_utf8();
        if k >= 1 && trie.is_word(node) {
            // A longer place leaves even fewer chars.
            if s[end..].chars().nth(1).is_none() {
                break;
            }
            debug_assert!(dict().prefix_places.contains(&s[..end]), "the trie holds what the set does");
            ends[found] = end;
            found += 1;
        }
    }
    found
}

/// The legal form `s` ends with but for one character (not its first), when no legal form of that length
/// or longer ends it exactly.
fn mistyped_legal_form(s: &str) -> Option<&'static str> {
    let d = dict();
    // The name's last chars, last first, decoded once for all the legal forms compared with them.
    let mut tail = ['\0'; LEGAL_ZH_MAX];
    let mut have = 0;
    for (slot, c) in tail.iter_mut().zip(s.chars().rev()) {
        *slot = c;
        have += 1;
    }
    // A full tail may be the end of a longer name: then count it.
    let n = if have < LEGAL_ZH_MAX { have } else { s.chars().count() };
    d.legal_zh_rev.iter().find_map(|(lf, rev)| {
        let want = rev.len();
        if want < 4 || n < want + 2 {
            return None;
        }
        // Char `k` from the end is char `want - 1 - k` of the legal form.
        let mut differing = (0..want).filter(|&k| tail[k] != rev[k]);
        let (first, second) = (differing.next(), differing.next());
        let found = second.is_none()
            && first.is_some_and(|k| k != want - 1)
            && !d.legal_zh_chars.iter().any(|&(x, len)| len >= want && s.ends_with(x));
        found.then_some(*lf)
    })
}

/// Whether `word` is a place name at any level (province, city, county, district).
pub(crate) fn is_place(word: &str) -> bool {
    let d = dict();
    // Longer than any place, or under two chars: not one (and no need to hash it).
    if word.len() > d.max_place_bytes {
        return false;
    }
    let Some(key) = head_key(word) else { return false };
    let n = word.chars().count();
    n < 32 && d.place_heads.get(key) >> n & 1 != 0 && place_province(word).is_some()
}

/// The name after a leading place, when the normaliser kept it: a province or city (甘肃锌业 → 锌业), or a
/// county-level place followed by a name of its own (昆山峻岭智能 → 峻岭智能). County-level short names
/// are not cut by the normaliser (东方, 长安 are too often words of the name), but an abbreviation may
/// still be built from what follows them.
pub(crate) fn after_leading_place(core: &str) -> &str {
    let mut ends = [0; CAP];
    let found = leading_places(core, &mut ends);
    if found > 0 {
        return &core[ends[found - 1]..];
    }
    // Places of two or three chars leaving four or more: seven chars tell.
    let n = head_ends(core, 5, &mut ends);
    for len in (2..=3.min(n.saturating_sub(4))).rev() {
        let (head, rest) = core.split_at(ends[len]);
        if is_place(head) && !all_generic(rest) && distinctive(rest).chars().nth(1).is_some() {
            return rest;
        }
    }
    core
}

/// A place name that ends the string ("星巴克上海" → "上海"), leaving at least two characters.
fn trailing_place(s: &str) -> Option<&str> {
    let d = dict();
    let mask = d.place_tails.get(tail_key(s)?);
    let mut starts = [0; CAP];
    let n = tail_starts(s, d.max_place_len, &mut starts);
    lengths_desc(mask, 2, d.max_place_len.min(n.saturating_sub(2)))
        .map(|len| &s[starts[len]..])
        .find(|tail| place_province(tail).is_some())
}

/// Whether `s` is made only of generic (industry) words, e.g. `能源`, `汽车轴承`.
pub(crate) fn all_generic(s: &str) -> bool {
    let d = dict();
    // The last char has to end a generic word; most cores fail here.
    if s.chars().next_back().is_none_or(|c| d.generic_rev.step(0, c).is_none()) {
        return false;
    }
    // ok[i]: the first i chars split into generic words. Words are under 32 chars, so a ring of the last
    // 32 positions (with their byte offsets) is all the split needs.
    const RING: usize = 32;
    let (mut ok, mut at) = ([false; RING], [0usize; RING]);
    ok[0] = true;
    let (mut end, mut last_ok) = (0, 0);
    for (i, c) in s.char_indices() {
        end += 1;
        // A split point needs one no further back than the longest word: none that near, none ever again.
        if end - last_ok > d.max_generic_len {
            return false;
        }
        let e = i + c.len_utf8();
        // Walk back from here through the reversed words: each word met ends here, `k + 1` chars long.
        let window = &s[at[(end - d.max_generic_len.min(end)) % RING]..e];
        let mut node = 0;
        let mut good = false;
        for (k, c) in window.chars().rev().enumerate() {
            let Some(next) = d.generic_rev.step(node, c) else { break };
            node = next;
            if d.generic_rev.is_word(node) && ok[(end - k - 1) % RING] {
                good = true;
                break;
            }
        }
        ok[end % RING] = good;
        at[end % RING] = e;
        if good {
            last_ok = end;
        }
    }
    ok[end % RING]
}

/// The core without its trailing generic words, keeping at least two characters.
pub(crate) fn distinctive_of(core: &str) -> String {
    distinctive(core).to_string()
}

/// [`distinctive_of`] as a slice of `core`.
pub(crate) fn distinctive(core: &str) -> &str {
    let d = dict();
    let mut s = core;
    loop {
        // The longest generic word ending `s` that leaves two chars: walk back through the reversed
        // words; a longer word leaves fewer chars, so the first one leaving too few ends the walk.
        let mut node = 0;
        let mut cut = None;
        for (i, c) in s.char_indices().rev() {
            let Some(next) = d.generic_rev.step(node, c) else { break };
            node = next;
            if d.generic_rev.is_word(node) {
                if s[..i].chars().nth(1).is_none() {
                    break;
                }
                debug_assert!(d.generic.contains(&s[i..]), "the trie holds what the set does");
                cut = Some(i);
            }
        }
        match cut {
            Some(i) => s = &s[..i],
            None => return s,
        }
    }
}

fn normalize_latin(flat: &str, out: &mut Parts) {
    let d = dict();
    let mut tokens: Vec<&str> = flat
        .split(|c: char| !(is_alnum(c) || c == '\'' || c == '&'))
        .map(|t| t.trim_matches('\''))
        .filter(|t| !t.is_empty())
        .collect();
    out.folded = tokens.join(" ");
    if let Some(pos) = tokens.iter().position(|t| *t == "branch") {
        out.branch = Some(tokens[pos.saturating_sub(1)..].join(" "));
        tokens.truncate(pos.saturating_sub(1).max(1));
    }
    let mut legal = Vec::new();
    while tokens.len() > 1 && d.legal_en.contains(tokens.last().copied().unwrap_or("")) {
        legal.insert(0, tokens.pop().unwrap_or_default());
    }
    if !legal.is_empty() {
        out.legal_form = Some(legal.join(" "));
    }
    out.stem = tokens.concat();
    let mut kept = Vec::new();
    for t in tokens {
        match d.places_en.get(t) {
            Some(p) => push_place(out, t, p),
            _ => kept.push(t),
        }
    }
    if kept.is_empty() {
        kept = out.places.clone();
    }
    out.core = kept.concat();
    let distinctive: Vec<&str> = kept.iter().copied().filter(|t| !d.generic_en.contains(t)).collect();
    out.distinctive = if distinctive.is_empty() { out.core.clone() } else { distinctive.concat() };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_places_and_generic_words_come_off() {
        let n = normalize("深圳市云帆数据科技有限公司");
        assert_eq!(n.core(), "云帆数据科技");
        assert_eq!(n.distinctive(), "云帆");
        assert_eq!(n.legal_form(), Some("有限公司"));
        assert_eq!(n.provinces(), ["广东"]);
        let b = normalize("云帆数据科技（深圳）有限公司");
        assert_eq!(b.core(), "云帆数据科技");
        assert_eq!(b.provinces(), ["广东"]);
    }

    #[test]
    fn a_place_between_name_and_industry_is_taken_out() {
        let n = normalize("云帆数据杭州科技有限公司");
        assert_eq!(n.core(), "云帆数据科技");
        assert_eq!(n.provinces(), ["浙江"]);
        assert_eq!(normalize("北京云帆科技有限公司").core(), "云帆科技");
    }

    #[test]
    fn branches_are_recognised() {
        let n = normalize("青松实业股份有限公司杭州分公司");
        assert_eq!(n.core(), "青松实业");
        assert_eq!(n.branch(), Some("杭州分公司"));
    }

    #[test]
    fn latin_names_lose_legal_forms_and_places() {
        let n = normalize("Shenzhen Yunfan Data Technology Co., Ltd.");
        assert!(n.latin);
        assert_eq!(n.core(), "yunfandatatechnology");
        assert_eq!(n.distinctive(), "yunfan");
        assert_eq!(n.provinces(), ["广东"]);
    }

    #[test]
    fn traditional_characters_become_simplified() {
        assert_eq!(normalize("雲帆數據科技（杭州）有限公司").core(), "云帆数据科技");
    }

    #[test]
    fn plain_names_fold_as_nfkc_does() {
        for name in ["云帆数据科技有限公司", "YunFan数据2号", "ABC", "雲帆數據", "㐀云帆"] {
            let slow = fast2s::convert(&name.nfkc().collect::<String>().to_lowercase());
            assert_eq!(normalize(name).folded(), slow, "{name}");
        }
    }

    #[test]
    fn the_quick_alphanumeric_test_agrees_with_the_unicode_tables() {
        let cjk = ('\u{3400}'..='\u{4DBF}').chain('\u{4E00}'..='\u{9FFF}');
        for c in ('\0'..='\u{FFFF}').chain(cjk) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn chars_fast2s_leaves_alone_are_left_alone() {
        let d = dict();
        assert!(d.t2s_may_change('雲') && d.t2s_may_change('畫') && !d.t2s_may_change('云'));
        assert!(!d.t2s_may_change('a') && !d.t2s_may_change('\u{20000}'));
        assert_eq!(normalize("雲帆數據企畫").folded(), fast2s::convert("雲帆數據企畫"));
    }

    #[test]
    fn generic_words_are_found_by_walking_back() {
        assert!(all_generic("科技网络") && all_generic("数据") && !all_generic("云帆科技") && !all_generic(""));
        assert_eq!(distinctive("云帆数据科技"), "云帆");
        // Two chars always stay, even generic ones.
        assert_eq!(distinctive("数据科技"), "数据");
        assert_eq!(distinctive("科技"), "科技");
    }

    #[test]
    fn lengths_come_longest_first_within_bounds() {
        let mask = 1 << 1 | 1 << 2 | 1 << 5 | 1 << 31;
        assert_eq!(lengths_desc(mask, 2, 40).collect::<Vec<_>>(), [31, 5, 2]);
        assert_eq!(lengths_desc(mask, 1, 4).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(lengths_desc(mask, 3, 2).count(), 0);
    }

    #[test]
    fn full_width_and_spaces_fold() {
        assert_eq!(normalize("云帆 数据（杭州）").core(), normalize("云帆数据(杭州)").core());
    }

    /// Exactness and speed check for the helpers the scorer calls (they are crate-private, so the
    /// normalize_dump example cannot reach them): for each name in `$NORM_HELPER_NAMES` (one a line,
    /// written by `normalize_dump --names`), writes what they give for its core and its stem to
    /// `$NORM_HELPER_OUT`, and prints ns per call. Run with
    /// `cargo test --release -p dealgate-matching --lib -- --ignored --nocapture helper_dump`.
    #[test]
    #[ignore = "needs $NORM_HELPER_NAMES and $NORM_HELPER_OUT"]
    fn helper_dump() {
        use std::fmt::Write;
        use std::hint::black_box;
        use std::time::Instant;
        let names = std::fs::read_to_string(std::env::var("NORM_HELPER_NAMES").expect("$NORM_HELPER_NAMES"))
            .expect("readable names file");
        let normalized: Vec<NormalizedName> = names.lines().map(normalize).collect();
        let inputs: Vec<&str> = normalized.iter().flat_map(|n| [n.core(), n.stem()]).collect();
        let mut out = String::new();
        for s in &inputs {
            let distinctive = distinctive_of(s);
            let after = after_leading_place(s);
            writeln!(out, "{:?}", (all_generic(s), after, &distinctive, is_place(&distinctive), is_place(s)))
                .expect("write to a String");
        }
        std::fs::write(std::env::var("NORM_HELPER_OUT").expect("$NORM_HELPER_OUT"), out).expect("writable out");
        let time = |what: &str, f: &dyn Fn(&str) -> usize| {
            let t = Instant::now();
            let total: usize = inputs.iter().map(|s| f(s)).sum();
            black_box(total);
            eprintln!("{what}: {:.1} ns/call", t.elapsed().as_nanos() as f64 / inputs.len().max(1) as f64);
        };
        time("all_generic", &|s| usize::from(all_generic(black_box(s))));
        time("after_leading_place", &|s| after_leading_place(black_box(s)).len());
        time("distinctive_of", &|s| distinctive_of(black_box(s)).len());
        time("is_place", &|s| usize::from(is_place(black_box(s))));
    }
}
