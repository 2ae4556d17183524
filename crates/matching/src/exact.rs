//! Exact keys (USCC, domains, phones) as an index keeps them: each record's keys in one string, and a
//! table from a key's hash to the records that have it, checked against their keys when looked up.
//!
//! The table is keyed by a key's hash with its kind. `warm` reads candidates' keys in independent loads, as
//! `name::warm` does their names.

use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;
use std::hash::{BuildHasher, Hasher};

/// Records by number: nearly always one, kept inline (no allocation) in the space of a `Vec`.
pub(crate) type RecordList = SmallVec<[u32; 4]>;

/// The kinds of exact key, which a key's hash includes (the same digits as a phone and as part of a
/// domain are different keys).
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Uscc = 1,
    Domain = 2,
    Phone = 3,
}

/// Domains or phones to compare: a query's own list, or a record's as the index joins them.
#[derive(Clone, Copy)]
pub(crate) enum KeyList<'a> {
    Each(&'a [String]),
    /// Keys each ended by a line break.
    Joined(&'a str),
}

impl KeyList<'_> {
    pub(crate) fn contains(self, key: &str) -> bool {
        match self {
            KeyList::Each(list) => list.iter().any(|k| k == key),
            KeyList::Joined(text) => text.split_terminator('\n').any(|k| k == key),
        }
    }
}

/// A record's exact keys in one string: the USCC, then each domain and each phone ended by a line
/// break (no key holds one: USCCs, domains and phones are made of letters, digits, dots and hyphens).
pub(crate) struct Keys {
    text: Box<str>,
    /// End of the USCC, end of the domains.
    ends: [u32; 2],
}

impl Keys {
    /// The keys, or `None` when there are none.
    fn new(uscc: Option<&str>, domains: &[String], phones: &[String]) -> Option<Keys> {
        if uscc.is_none() && domains.is_empty() && phones.is_empty() {
            return None;
        }
        let len = |l: &[String]| l.iter().map(|k| k.len() + 1).sum::<usize>();
        let mut text = String::with_capacity(uscc.map_or(0, str::len) + len(domains) + len(phones));
        let end = |t: &String| u32::try_from(t.len()).expect("a record's keys under 4 GB");
        text.push_str(uscc.unwrap_or_default());
        let uscc_end = end(&text);
        for list in [domains, phones] {
            for k in list {
                debug_assert!(!k.contains('\n'), "a key with a line break: {k:?}");
                text.push_str(k);
                text.push('\n');
            }
        }
        let domains_end = uscc_end + u32::try_from(len(domains)).expect("a record's keys under 4 GB");
        Some(Keys { text: text.into_boxed_str(), ends: [uscc_end, domains_end] })
    }

    pub(crate) fn uscc(&self) -> Option<&str> {
        Some(&self.text[..self.ends[0] as usize]).filter(|u| !u.is_empty())
    }

    pub(crate) fn domains(&self) -> KeyList<'_> {
        KeyList::Joined(&self.text[self.ends[0] as usize..self.ends[1] as usize])
    }

    pub(crate) fn phones(&self) -> KeyList<'_> {
        KeyList::Joined(&self.text[self.ends[1] as usize..])
    }

    fn has(&self, kind: Kind, key: &str) -> bool {
        match kind {
            Kind::Uscc => self.uscc() == Some(key),
            Kind::Domain => self.domains().contains(key),
            Kind::Phone => self.phones().contains(key),
        }
    }
}

/// The hash a key is filed under.
fn key_hash(kind: Kind, key: &str) -> u64 {
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write_u8(kind as u8);
    h.write(key.as_bytes());
    h.finish()
}

/// Each key with its kind.
fn each_key<'a>(
    uscc: Option<&'a str>,
    domains: &'a [String],
    phones: &'a [String],
) -> impl Iterator<Item = (Kind, &'a str)> + 'a {
    let uscc = uscc.map(|u| (Kind::Uscc, u));
    let domains = domains.iter().map(|d| (Kind::Domain, d.as_str()));
    uscc.into_iter().chain(domains).chain(phones.iter().map(|p| (Kind::Phone, p.as_str())))
}

/// The exact keys of an index's records.
#[derive(Default)]
pub(crate) struct ExactKeys {
    /// Keys of the records that have any (a record refers to its entry by number).
    keys: Vec<Keys>,
    /// Records by the hash of each of their keys ([`key_hash`]); a look-up checks their keys.
    by_key: HashMap<u64, RecordList>,
}

/// A record's number in `ExactKeys::keys` when it has none.
pub(crate) const NO_KEYS: u32 = u32::MAX;

impl ExactKeys {
    /// Files the keys of the record at `pos`; returns their number ([`NO_KEYS`]: it has none).
    pub(crate) fn insert(&mut self, pos: u32, uscc: Option<&str>, domains: &[String], phones: &[String]) -> u32 {
        let Some(keys) = Keys::new(uscc, domains, phones) else {
            return NO_KEYS;
        };
        for (kind, key) in each_key(uscc, domains, phones) {
            let list = self.by_key.entry(key_hash(kind, key)).or_default();
            // A key given twice in one record is filed once.
            if list.last() != Some(&pos) {
                list.push(pos);
            }
        }
        self.keys.push(keys);
        u32::try_from(self.keys.len() - 1).expect("under 4 billion records with keys")
    }

    /// The keys numbered `n` by [`ExactKeys::insert`] (`None` for [`NO_KEYS`]).
    pub(crate) fn get(&self, n: u32) -> Option<&Keys> {
        self.keys.get(n as usize)
    }

    /// Whether no record has keys.
    pub(crate) fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Positions of the records that share a key with the query, live or not (`keys_of` gives a
    /// position's keys number).
    pub(crate) fn lookup(
        &self,
        (uscc, domains, phones): (Option<&str>, &[String], &[String]),
        keys_of: impl Fn(u32) -> u32,
        out: &mut Vec<u32>,
    ) {
        for (kind, key) in each_key(uscc, domains, phones) {
            if let Some(list) = self.by_key.get(&key_hash(kind, key)) {
                out.extend(list.iter().filter(|&&pos| self.get(keys_of(pos)).is_some_and(|k| k.has(kind, key))));
            }
        }
    }

    /// Positions of the records that have `key` of `kind`, live or not (`keys_of` as in
    /// [`ExactKeys::lookup`]).
    pub(crate) fn holders<'a>(
        &'a self,
        kind: Kind,
        key: &'a str,
        keys_of: impl Fn(u32) -> u32 + 'a,
    ) -> impl Iterator<Item = u32> + 'a {
        let list = self.by_key.get(&key_hash(kind, key)).map_or(&[][..], |l| l.as_slice());
        list.iter().copied().filter(move |&pos| self.get(keys_of(pos)).is_some_and(|k| k.has(kind, key)))
    }

    /// How many records are filed under the hash of `key` of `kind`: at least as many as have it.
    pub(crate) fn filed(&self, kind: Kind, key: &str) -> usize {
        self.by_key.get(&key_hash(kind, key)).map_or(0, |l| l.len())
    }

    /// Gives back spare capacity (after a bulk build).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.keys.shrink_to_fit();
        self.by_key.shrink_to_fit();
    }
}

/// Reads the exact keys of many records in passes whose loads do not depend on one another (the
/// keys' structs, then their text), as [`crate::name::warm`] does for names: every candidate's keys
/// are compared with the query's.
pub(crate) fn warm(keys: &[&Keys]) {
    let mut x = 0usize;
    for k in keys {
        x ^= k.text.len() ^ k.ends[1] as usize;
    }
    for k in keys {
        x ^= usize::from(k.text.as_bytes().first().copied().unwrap_or(0));
    }
    std::hint::black_box(x);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn keys_come_back_by_kind() {
        let (d, p) = (strings(&["yunfan.cn", "yf.com"]), strings(&["057188886666"]));
        let k = Keys::new(Some("91330100MA2XXXXX1X"), &d, &p).unwrap();
        assert_eq!(k.uscc(), Some("91330100MA2XXXXX1X"));
        assert!(k.domains().contains("yf.com") && !k.domains().contains("yf"));
        assert!(k.phones().contains("057188886666") && !k.phones().contains("yunfan.cn"));
        let only_phone = Keys::new(None, &[], &p).unwrap();
        assert_eq!(only_phone.uscc(), None);
        assert!(!only_phone.domains().contains("057188886666"));
        assert!(Keys::new(None, &[], &[]).is_none());
    }

    #[test]
    fn a_lookup_finds_records_sharing_a_key_of_the_same_kind() {
        let mut e = ExactKeys::default();
        let phone = strings(&["88886666"]);
        let site = strings(&["88886666"]);
        let n0 = e.insert(0, None, &[], &phone);
        let n1 = e.insert(1, None, &site, &[]);
        assert_eq!(e.insert(2, None, &[], &[]), NO_KEYS);
        let keys_of = |pos: u32| [n0, n1, NO_KEYS][pos as usize];
        let mut out = Vec::new();
        e.lookup((None, &[], &phone), keys_of, &mut out);
        assert_eq!(out, [0]);
        out.clear();
        e.lookup((None, &site, &[]), keys_of, &mut out);
        assert_eq!(out, [1]);
    }
}
