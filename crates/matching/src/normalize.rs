//! Company-name normalisation: width and case folding, brackets, legal forms, places, branches and
//! generic industry words, leaving the core that tells one company from another.

use crate::dict::{dict, BRANCH_MARKERS};
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

/// Province of a place word, if it is one ("" for national words such as 中国).
fn place_province(word: &str) -> Option<&'static str> {
    let d = dict();
    d.places.get(word).map(|p| p.as_str())
}

/// Removes `suffix` from the end of `s` when what is left keeps at least `min` chars.
fn cut_suffix<'a>(s: &'a str, suffix: &str, min: usize) -> Option<&'a str> {
    s.strip_suffix(suffix).filter(|rest| rest.chars().count() >= min)
}

/// Normalises a company name.
pub fn normalize(name: &str) -> NormalizedName {
    // CJK ideographs and ASCII letters and digits are unchanged by NFKC; most names are only these.
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || is_cjk(c));
    let folded: String = if plain {
        fast2s::convert(&name.to_ascii_lowercase())
    } else {
        fast2s::convert(&name.nfkc().collect::<String>().to_lowercase())
    };
    let mut out = Parts::default();
    // Pull bracketed parts out: places become facts, other content stays inline.
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
                let inner: String = bracket.chars().filter(|c| c.is_alphanumeric()).collect();
                if let Some(p) = place_province(&inner).or_else(|| dict().places_en.get(inner.as_str()).copied()) {
                    push_place(&mut out, &inner, p);
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
    let latin_letters = flat.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let cjk = flat.chars().filter(|c| is_cjk(*c)).count();
    out.latin = latin_letters > cjk * 2;
    if out.latin {
        normalize_latin(&flat, &mut out);
    } else {
        let compact: String = flat.chars().filter(|c| c.is_alphanumeric()).collect();
        out.folded = compact.clone();
        normalize_cjk(compact, &mut out);
    }
    out.into()
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
    if let Some((idx, _)) = BRANCH_MARKERS
        .iter()
        .filter_map(|m| s.find(m).map(|i| (i, *m)))
        .filter(|(i, _)| s[..*i].chars().count() >= 2)
        .min_by_key(|(i, _)| *i)
    {
        let head = &s[..idx];
        let cut = d.legal_zh.iter().filter_map(|lf| head.rfind(lf).map(|p| p + lf.len())).max().unwrap_or(idx);
        let mut branch = s[cut..].to_string();
        s.truncate(cut);
        // "<company><place>" before the marker: the place names the branch, not the company.
        if cut == idx {
            if let Some(place) = trailing_place(&s) {
                s.truncate(s.len() - place.len());
                branch.insert_str(0, &place);
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
    out.stem = out.places.iter().copied().chain(std::iter::once(s.as_str())).collect();
    // Places at the front, repeatedly (广东省深圳市...), never eating the whole name.
    'front: loop {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        for len in (2..=d.max_place_len.min(chars.len().saturating_sub(2))).rev() {
            let end = chars.get(len).map(|(i, _)| *i).unwrap_or(s.len());
            let head = &s[..end];
            if d.prefix_places.contains(head) {
                let rest = &s[end..];
                // When only industry words follow (黔南锌业), the place is part of the name.
                if distinctive_of(rest).chars().count() >= 2 && !all_generic(rest) {
                    let province = place_province(head).unwrap_or("");
                    push_place(out, head, province);
                    s = rest.to_string();
                    continue 'front;
                }
            }
        }
        break;
    }
    // A place between the name and its industry words (易动纷享北京科技): a fact, not part of the name.
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    'mid: for i in 2..chars.len().saturating_sub(3) {
        for len in (2..=d.max_place_len.min(chars.len() - i - 2)).rev() {
            let (start, end) = (chars[i].0, chars[i + len].0);
            let place = &s[start..end];
            if d.prefix_places.contains(place) && all_generic(&s[end..]) {
                let province = place_province(place).unwrap_or("");
                push_place(out, place, province);
                s.replace_range(start..end, "");
                break 'mid;
            }
        }
    }
    out.distinctive = distinctive_of(&s);
    out.core = s;
}

/// The legal form `s` ends with but for one character (not its first), when no legal form of that length
/// or longer ends it exactly.
fn mistyped_legal_form(s: &str) -> Option<&'static str> {
    let chars: Vec<char> = s.chars().collect();
    dict().legal_zh.iter().copied().filter(|lf| lf.chars().count() >= 4).find(|lf| {
        let want: Vec<char> = lf.chars().collect();
        let Some(start) = chars.len().checked_sub(want.len() + 2).map(|n| n + 2) else { return false };
        let tail = &chars[start..];
        let differing: Vec<usize> = (0..want.len()).filter(|&i| tail[i] != want[i]).collect();
        differing.len() == 1
            && differing[0] > 0
            && !dict().legal_zh.iter().any(|x| x.chars().count() >= want.len() && s.ends_with(x))
    })
}

/// Whether `word` is a place name at any level (province, city, county, district).
pub(crate) fn is_place(word: &str) -> bool {
    word.chars().count() >= 2 && place_province(word).is_some()
}

/// The name after a leading place, when the normaliser kept it: a province or city (甘肃锌业 → 锌业), or a
/// county-level place followed by a name of its own (昆山峻岭智能 → 峻岭智能). County-level short names
/// are not cut by the normaliser (东方, 长安 are too often words of the name), but an abbreviation may
/// still be built from what follows them.
pub(crate) fn after_leading_place(core: &str) -> &str {
    let d = dict();
    let chars: Vec<(usize, char)> = core.char_indices().collect();
    for len in (2..=d.max_place_len.min(chars.len().saturating_sub(2))).rev() {
        let end = chars[len].0;
        if d.prefix_places.contains(&core[..end]) {
            return &core[end..];
        }
    }
    for len in (2..=3.min(chars.len().saturating_sub(4))).rev() {
        let end = chars[len].0;
        let rest = &core[end..];
        if is_place(&core[..end]) && !all_generic(rest) && distinctive_of(rest).chars().count() >= 2 {
            return rest;
        }
    }
    core
}

/// A place name that ends the string ("星巴克上海" → "上海"), leaving at least two characters.
fn trailing_place(s: &str) -> Option<String> {
    let d = dict();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    (2..=d.max_place_len.min(chars.len().saturating_sub(2)))
        .rev()
        .map(|len| &s[chars[chars.len() - len].0..])
        .find(|tail| place_province(tail).is_some())
        .map(String::from)
}

/// Whether `s` is made only of generic (industry) words, e.g. `能源`, `汽车轴承`.
pub(crate) fn all_generic(s: &str) -> bool {
    let d = dict();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    if n == 0 {
        return false;
    }
    // ok[i]: the first i chars split into generic words.
    let mut ok = vec![false; n + 1];
    ok[0] = true;
    for end in 1..=n {
        let e = chars.get(end).map_or(s.len(), |c| c.0);
        ok[end] = (end.saturating_sub(d.max_generic_len)..end)
            .any(|start| ok[start] && d.generic.contains(&s[chars[start].0..e]));
    }
    ok[n]
}

/// The core without its trailing generic words, keeping at least two characters.
pub(crate) fn distinctive_of(core: &str) -> String {
    let d = dict();
    let mut s = core;
    'strip: loop {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        for len in (1..=d.max_generic_len.min(chars.len().saturating_sub(2))).rev() {
            let start = chars[chars.len() - len].0;
            if d.generic.contains(&s[start..]) {
                s = &s[..start];
                continue 'strip;
            }
        }
        break;
    }
    s.to_string()
}

fn normalize_latin(flat: &str, out: &mut Parts) {
    let d = dict();
    let mut tokens: Vec<String> = flat
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '&'))
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_matches('\'').to_string())
        .filter(|t| !t.is_empty())
        .collect();
    out.folded = tokens.join(" ");
    if let Some(pos) = tokens.iter().position(|t| t == "branch") {
        out.branch = Some(tokens[pos.saturating_sub(1)..].join(" "));
        tokens.truncate(pos.saturating_sub(1).max(1));
    }
    let mut legal = Vec::new();
    while tokens.len() > 1 && d.legal_en.contains(tokens.last().map(String::as_str).unwrap_or("")) {
        legal.insert(0, tokens.pop().unwrap_or_default());
    }
    if !legal.is_empty() {
        out.legal_form = Some(legal.join(" "));
    }
    out.stem = tokens.join("");
    let mut kept = Vec::new();
    for t in tokens {
        match d.places_en.get(t.as_str()) {
            Some(p) => push_place(out, &t, p),
            _ => kept.push(t),
        }
    }
    if kept.is_empty() {
        kept = out.places.iter().map(|p| p.to_string()).collect();
    }
    out.core = kept.join("");
    let distinctive: Vec<&String> = kept.iter().filter(|t| !d.generic_en.contains(t.as_str())).collect();
    out.distinctive = if distinctive.is_empty() {
        out.core.clone()
    } else {
        distinctive.iter().map(|s| s.as_str()).collect::<String>()
    };
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
        assert_eq!(*n.provinces, ["广东"]);
        let b = normalize("云帆数据科技（深圳）有限公司");
        assert_eq!(b.core(), "云帆数据科技");
        assert_eq!(*b.provinces, ["广东"]);
    }

    #[test]
    fn a_place_between_name_and_industry_is_taken_out() {
        let n = normalize("云帆数据杭州科技有限公司");
        assert_eq!(n.core(), "云帆数据科技");
        assert_eq!(*n.provinces, ["浙江"]);
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
        assert_eq!(*n.provinces, ["广东"]);
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
