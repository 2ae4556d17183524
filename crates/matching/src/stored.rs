//! A normalised name as a store keeps it beside the imported name (its "name key"), so that building an
//! index reads names already taken apart instead of normalising a million of them again. A key names
//! the normaliser's version (its rules' version number and a fingerprint of its dictionaries) and a
//! hash of the name it was made from; a key of another version or another name is ignored, and the
//! name is normalised afresh.
//!
//! `to_key` / `from_key`: the version is `NORMALIZER_VERSION` plus a fingerprint of the dictionaries; the parts are
//! kept mostly as offsets into the folded name. `tests/name_keys.txt` pins the keys of invented names, so a change to
//! normalisation fails that test until the version is bumped.

use crate::dict::dict;
use crate::name::{geo_id, geo_word, NormalizedName};
use crate::postings::fold_hash;
use std::sync::OnceLock;

/// Version of the normaliser's rules. Bump it whenever `normalize` can give another result for some
/// name: stored keys of older versions are then ignored. The test `name_keys_are_pinned` fails until
/// it is bumped. (Dictionary changes need no bump: the key carries a fingerprint of the dictionaries.)
pub const NORMALIZER_VERSION: u32 = 5;

/// The version a key carries: the rules' version and a fingerprint of the dictionaries as loaded.
fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let d = dict();
        let mut entries: Vec<String> = d.places.iter().map(|(k, v)| format!("p{k}={v}")).collect();
        entries.extend(d.prefix_places.iter().map(|k| format!("f{k}")));
        entries.extend(d.generic.iter().map(|k| format!("g{k}")));
        entries.extend(d.legal_en.iter().map(|k| format!("l{k}")));
        entries.extend(d.generic_en.iter().map(|k| format!("e{k}")));
        entries.extend(d.places_en.iter().map(|(k, v)| format!("n{k}={v}")));
        entries.sort_unstable();
        // Legal forms are tried in order: their order is part of the fingerprint.
        entries.extend(d.legal_zh.iter().map(|k| format!("z{k}")));
        format!("{NORMALIZER_VERSION}.{:08x}", fold_hash(&entries.concat()) as u32)
    })
}

/// Separates a key's fields; never part of a folded name (control characters are removed).
const FIELD: char = '\u{1f}';
/// [`FIELD`] as a byte of UTF-8.
const FIELD_BYTE: u8 = 0x1f;
/// Separates the words of a list field.
const WORD: char = '\u{1e}';

/// What is left of a key to read.
struct Cursor<'a>(&'a str);

impl<'a> Cursor<'a> {
    /// The text up to the next [`FIELD`], which is passed over.
    fn field(&mut self) -> Option<&'a str> {
        let end = self.0.bytes().position(|b| b == FIELD_BYTE)?;
        let field = &self.0[..end];
        self.0 = &self.0[end + 1..];
        Some(field)
    }

    /// A number of at least one digit in `radix`, ended by `end` (passed over).
    fn number(&mut self, radix: u32, end: u8) -> Option<u64> {
        self.number_ended(radix, [end, end]).map(|(n, _)| n)
    }

    /// A number of at least one digit in `radix`, ended by either of `ends` (passed over and returned).
    fn number_ended(&mut self, radix: u32, ends: [u8; 2]) -> Option<(u64, u8)> {
        let mut n: u64 = 0;
        for (i, byte) in self.0.bytes().enumerate() {
            if ends.contains(&byte) && i > 0 {
                self.0 = &self.0[i + 1..];
                return Some((n, byte));
            }
            let digit = char::from(byte).to_digit(radix)?;
            n = n.checked_mul(u64::from(radix))?.checked_add(u64::from(digit))?;
        }
        None
    }
}

impl NormalizedName {
    /// This name as a key to store beside `raw`, the name it was made from. The parts after the folded
    /// name are mostly pieces of it: those are kept as where they begin in it.
    pub fn to_key(&self, raw: &str) -> String {
        let (text, ends, has, facts, after_place) = self.raw_parts();
        let folded = &text[..ends[0] as usize];
        // Bit 3: the folded name is the name as given (most Chinese names), which is then not repeated.
        let flags = has | u8::from(self.latin) << 2 | u8::from(folded == raw) << 3 | facts << 4;
        let mut key = format!("{}{FIELD}{:x}{FIELD}{flags},{after_place}{FIELD}", version(), fold_hash(raw));
        let mut literal = String::new();
        for i in 0..6 {
            let part = &text[if i == 0 { 0 } else { ends[i - 1] as usize }..ends[i] as usize];
            if i > 0 {
                key.push(',');
            }
            key.push_str(&part.len().to_string());
            match folded.find(part).filter(|_| i > 0) {
                Some(at) => key.push_str(&format!("@{at}")),
                None if i > 0 => literal.push_str(part),
                None => {}
            }
        }
        for list in [self.place_ids(), self.province_ids()] {
            key.push(FIELD);
            for (i, &id) in list.iter().enumerate() {
                if i > 0 {
                    key.push(WORD);
                }
                key.push_str(geo_word(id));
            }
        }
        key.push(FIELD);
        if folded != raw {
            key.push_str(folded);
        }
        key.push_str(&literal);
        key
    }

    /// The name stored as `key` beside `raw`, or `None` when the key is of another normaliser version,
    /// was made from another name, or is not a key at all (then normalise `raw` afresh).
    pub fn from_key(key: &str, raw: &str) -> Option<NormalizedName> {
        // Read a byte at a time: a million keys are read at every start, and the fields between the
        // words are ASCII numbers.
        let mut k = Cursor(key);
        if k.field()? != version() || k.number(16, FIELD_BYTE)? != fold_hash(raw) {
            return None;
        }
        let flags = u8::try_from(k.number(10, b',')?).ok().filter(|&f| f <= 127)?;
        let after_place = u32::try_from(k.number(10, FIELD_BYTE)?).ok()?;
        // Each part: its length, and where it begins in the folded name unless it is stored literally
        // (the folded name itself is the name as given when bit 3 says so).
        let mut pieces = [(0usize, None::<usize>); 6];
        for (i, piece) in pieces.iter_mut().enumerate() {
            let last = if i == 5 { FIELD_BYTE } else { b',' };
            let (len, next) = k.number_ended(10, [b'@', last])?;
            let len = usize::try_from(len).ok()?;
            *piece = match next {
                b'@' => (len, Some(usize::try_from(k.number(10, last)?).ok()?)),
                _ => (len, None),
            };
        }
        // Places, then provinces: dictionary words.
        let mut geo = Vec::new();
        let mut n_places = 0;
        for i in 0..2 {
            for w in k.field()?.split(WORD).filter(|w| !w.is_empty()) {
                geo.push(geo_id(w)?);
            }
            if i == 0 {
                n_places = u16::try_from(geo.len()).ok()?;
            }
        }
        let stored = k.0;
        let mut text = String::with_capacity(pieces.iter().map(|p| p.0).sum());
        let mut ends = [0u32; 6];
        let mut literal_at = 0usize;
        let mut folded = "";
        for (i, &(len, at)) in pieces.iter().enumerate() {
            let piece = match at {
                Some(at) => folded.get(at..at.checked_add(len)?)?,
                None if i == 0 && flags & 8 != 0 => raw,
                None => {
                    let piece = stored.get(literal_at..literal_at.checked_add(len)?)?;
                    literal_at += len;
                    piece
                }
            };
            if piece.len() != len {
                return None;
            }
            if i == 0 {
                folded = piece;
            }
            text.push_str(piece);
            ends[i] = u32::try_from(text.len()).ok()?;
        }
        if literal_at != stored.len() {
            return None;
        }
        let facts = (flags & 3, flags >> 4, after_place);
        NormalizedName::from_raw_parts(text, ends, facts, flags & 4 != 0, (geo.into_boxed_slice(), n_places))
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::normalize;
    use crate::NormalizedName;

    /// Invented names covering places in front, in brackets and in the middle, legal forms, branches,
    /// Latin names and names with nothing to take off.
    const NAMES: [&str; 11] = [
        "杭州云帆数据科技有限公司",
        "云帆数据科技（杭州）有限公司",
        "江苏省苏州市禾丰源环保科技股份有限公司",
        "峦汐北京科技有限公司上海分公司",
        "鹭岑软件股份有限公司",
        "Yunfan Data Technology Co., Ltd.",
        "Shanghai Luanxi Trading Co Ltd",
        "云帆",
        "",
        "峻岭药业集团",
        "南京江北新区澜岳科技有限公司",
    ];

    #[test]
    fn a_key_gives_back_the_name_it_was_made_from() {
        for raw in NAMES {
            let n = normalize(raw);
            assert_eq!(NormalizedName::from_key(&n.to_key(raw), raw).as_ref(), Some(&n), "{raw}");
        }
    }

    #[test]
    fn a_key_of_another_name_or_version_or_no_key_at_all_is_ignored() {
        let raw = NAMES[0];
        let key = normalize(raw).to_key(raw);
        assert_eq!(NormalizedName::from_key(&key, "杭州云帆数据科技股份有限公司"), None, "another name");
        let (made_by, rest) = key.split_once('\u{1f}').expect("a version field");
        let (rules, dictionaries) = made_by.split_once('.').expect("rules.dictionaries");
        for other in [format!("0.{dictionaries}"), format!("{rules}.0{dictionaries}")] {
            let k = format!("{other}\u{1f}{rest}");
            assert_eq!(NormalizedName::from_key(&k, raw), None, "another version: {other}");
        }
        let half: String = key.chars().take(key.chars().count() / 2).collect();
        for bad in ["", "1", "garbage", &half] {
            assert_eq!(NormalizedName::from_key(bad, raw), None, "{bad:?}");
        }
        let unknown_place = key.replace("杭州", "不是地名");
        assert_eq!(NormalizedName::from_key(&unknown_place, raw), None, "a place not in the dictionary");
    }

    #[test]
    fn a_cut_or_garbled_key_is_ignored() {
        for raw in NAMES {
            let key = normalize(raw).to_key(raw);
            for (cut, _) in key.char_indices() {
                assert_eq!(NormalizedName::from_key(&key[..cut], raw), None, "{raw}: key cut at byte {cut}");
            }
            // Every number and separator of the fields before the words, replaced by a letter, a sign or
            // a separator of another field.
            let numbers = key.split('\u{1f}').take(4).map(|f| f.len() + 1).sum::<usize>();
            for at in key.char_indices().map(|(i, _)| i).filter(|&i| i < numbers) {
                for other in ["x", "+", ",", "@", "\u{1f}"] {
                    let garbled = format!("{}{other}{}", &key[..at], &key[at + 1..]);
                    if garbled != key {
                        let back = NormalizedName::from_key(&garbled, raw);
                        assert!(back.is_none() || back == Some(normalize(raw)), "{raw}: {garbled:?} read as {back:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_party_with_a_key_of_another_name_is_normalised_afresh() {
        let (raw, other) = (NAMES[0], NAMES[2]);
        let key = normalize(other).to_key(other);
        let party = crate::Party { name: raw, name_key: Some(&key), ..Default::default() };
        assert_eq!(party.features().name, normalize(raw));
        let good = normalize(raw).to_key(raw);
        let party = crate::Party { name: raw, name_key: Some(&good), ..Default::default() };
        assert_eq!(party.features().name, normalize(raw));
    }

    /// The keys of the names above, as this version of the normaliser makes them. When this fails,
    /// normalisation changed: bump `NORMALIZER_VERSION` (stored keys are then ignored and rebuilt),
    /// then rewrite the expected keys with `UPDATE_NAME_KEYS=1`.
    #[test]
    fn name_keys_are_pinned() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/name_keys.txt");
        // The version field is checked apart: the rest of each key must not change within a version.
        let without_version = |k: &str| k.split_once('\u{1f}').map(|(_, rest)| rest.to_string()).unwrap_or_default();
        let keys: Vec<String> = NAMES.iter().map(|raw| without_version(&normalize(raw).to_key(raw))).collect();
        let pinned = std::fs::read_to_string(path).unwrap_or_default();
        let mut lines = pinned.lines();
        let pinned_version = lines.next().unwrap_or_default();
        let pinned_keys: Vec<String> = lines.map(String::from).collect();
        let current = format!("rules version {}", super::NORMALIZER_VERSION);
        if keys != pinned_keys && pinned_version == current {
            panic!("normalisation changed within rules version {}: bump NORMALIZER_VERSION", super::NORMALIZER_VERSION);
        }
        if std::env::var_os("UPDATE_NAME_KEYS").is_some() {
            std::fs::write(path, format!("{current}\n{}\n", keys.join("\n"))).expect("write tests/name_keys.txt");
        } else {
            assert_eq!((pinned_version, &pinned_keys), (current.as_str(), &keys), "run with UPDATE_NAME_KEYS=1");
        }
    }
}
