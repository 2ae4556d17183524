//! English (pinyin) names against Chinese names: `Beijing Yidong Fenxiang Technology` is 北京易动纷享科技
//! when the Latin brand spells the Chinese brand in pinyin, any reading of each character (重 = chong/zhong).

use crate::comparison::Level;
use crate::normalize::NormalizedName;
use pinyin::ToPinyinMulti;

/// How many bytes of `latin` spell `chars` in pinyin, trying every reading; `None` if they do not.
fn spell(chars: &[char], latin: &str) -> Option<usize> {
    let Some((first, rest)) = chars.split_first() else { return Some(0) };
    let readings = first.to_pinyin_multi()?;
    for reading in readings {
        let p = reading.plain();
        if let Some(after) = latin.strip_prefix(p) {
            if let Some(n) = spell(rest, after) {
                return Some(p.len() + n);
            }
        }
    }
    None
}

/// Hash of a pinyin spelling (an index key: a colliding spelling only adds a candidate to score).
pub(crate) fn pinyin_hash(spelling: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(spelling)
}

/// A name's pinyin keys, inline up to a few readings.
pub(crate) type PinyinKeys = smallvec::SmallVec<[u64; 4]>;

/// Pinyin spellings of a Chinese name's first two brand characters, every reading, hashed
/// ([`pinyin_hash`]): index keys under which a Latin name finds it.
pub(crate) fn pinyin_keys(n: &NormalizedName) -> PinyinKeys {
    if n.latin {
        return PinyinKeys::new();
    }
    let mut brand = n.distinctive().chars();
    let (Some(first), Some(second)) = (brand.next(), brand.next()) else { return PinyinKeys::new() };
    let (Some(first), Some(second)) = (first.to_pinyin_multi(), second.to_pinyin_multi()) else {
        return PinyinKeys::new();
    };
    let mut keys = PinyinKeys::with_capacity(first.count() * second.count());
    // A spelling is two readings of at most six letters each.
    let mut spelling = [0u8; 32];
    for a in first {
        for b in second {
            let (a, b) = (a.plain().as_bytes(), b.plain().as_bytes());
            let len = a.len() + b.len();
            if len <= spelling.len() {
                spelling[..a.len()].copy_from_slice(a);
                spelling[a.len()..len].copy_from_slice(b);
                keys.push(pinyin_hash(&spelling[..len]));
            } else {
                keys.push(pinyin_hash(&[a, b].concat()));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The Latin letters of a Latin name's brand, to look up [`pinyin_keys`] by prefix.
pub(crate) fn latin_brand(n: &NormalizedName) -> Option<String> {
    n.latin.then(|| n.distinctive().chars().filter(|c| c.is_ascii_alphabetic()).collect())
}

/// A Latin name against a Chinese one: the Latin brand spells the Chinese brand.
pub(crate) fn cross_script(q: &NormalizedName, c: &NormalizedName) -> Option<(Level, Vec<String>)> {
    let (latin, cjk) = match (q.latin, c.latin) {
        (true, false) => (q, c),
        (false, true) => (c, q),
        _ => return None,
    };
    let brand: Vec<char> = cjk.distinctive().chars().collect();
    let spelled: String = latin.distinctive().chars().filter(|c| c.is_ascii_alphabetic()).collect();
    // Pinyin collides easily (云帆, 运帆, 韵帆 are all yunfan): only a full Chinese name counts, and never
    // one placed in another province.
    let full = cjk.legal_form().is_some() || !cjk.place_ids().is_empty();
    let (latin_provinces, cjk_provinces) = (latin.province_ids(), cjk.province_ids());
    let provinces_conflict = !latin_provinces.is_empty()
        && !cjk_provinces.is_empty()
        && !latin_provinces.iter().any(|p| cjk_provinces.contains(p));
    // A brand that is only a place (a county-level town the normaliser keeps) names no company.
    let place_only = crate::normalize::is_place(cjk.distinctive());
    if brand.len() < 2 || spelled.len() < 4 || !full || provinces_conflict || place_only {
        return None;
    }
    let used = spell(&brand, &spelled)?;
    let exact = used == spelled.len();
    if !exact && brand.len() < 3 {
        return None;
    }
    let same_province = latin_provinces.iter().any(|p| cjk_provinces.contains(p));
    // A two-character brand's pinyin is shared by too many names without a place to pin it down.
    if brand.len() == 2 && !same_province {
        return None;
    }
    let level = match (exact, same_province) {
        (true, true) => Level::ScriptSameProvince,
        (true, false) => Level::ScriptSpelled,
        (false, _) => Level::ScriptPartly,
    };
    Some((level, vec![spelled[..used].to_string(), cjk.distinctive().to_string()]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn pinyin_brands_match_with_any_reading() {
        let (level, _) = cross_script(
            &normalize("Beijing Yunfan Data Technology Co., Ltd."),
            &normalize("北京云帆数据科技有限公司"),
        )
        .unwrap();
        assert!(level.weight() >= 0.88, "{level:?}");
        assert!(cross_script(&normalize("Chongqing Changhe Co., Ltd."), &normalize("重庆长河有限公司")).is_some());
        assert!(cross_script(&normalize("Shenzhen Qingsong Co., Ltd."), &normalize("深圳云帆有限公司")).is_none());
    }
}
