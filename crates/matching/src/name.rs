//! The normalised name as indexes keep it: every part in one string with end offsets, and places and
//! provinces as numbers of the dictionary's words, so a name costs two allocations instead of a dozen.
//!
//! Places and provinces are 2-byte numbers of the dictionary's words (`geo_id` / `geo_word`), in one slice. The facts
//! the scorer asks of every pair are worked out once here: whether the core or the distinctive part is all industry
//! words, whether the name is a group, where the core goes on after a leading place, and the character counts of the
//! core, the stem and the distinctive part. `warm` reads a batch of names in loads that do not depend on one another,
//! so their cache misses overlap before scoring.

use crate::dict::dict;
use crate::normalize::all_generic;
use rustc_hash::FxHashMap as HashMap;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::sync::OnceLock;

/// A company name taken apart for comparison (built by [`crate::normalize`]).
#[derive(Clone, PartialEq, Default)]
pub struct NormalizedName {
    /// folded, core, stem, distinctive, legal form and branch, one after the other.
    text: Box<str>,
    /// End of each part in `text`.
    ends: [u32; 6],
    /// Whether the name has a legal form (bit 0) and a branch (bit 1).
    has: u8,
    /// Facts the scorer asks of every pair, worked out once: whether the core (bit 0) and the
    /// distinctive part (bit 1) are made only of industry words, and whether the legal form makes the
    /// name a group (集团, 控股; bit 2).
    facts: u8,
    /// Where the core goes on after a leading place (see `after_leading_place`), in bytes.
    after_place: u32,
    /// Whether the name is written in Latin letters.
    pub latin: bool,
    /// Characters in the core, the stem and the distinctive part (`u16::MAX`: that many or more, count
    /// them): the scorer asks for them of every pair.
    chars: [u16; 3],
    /// The place words found in the name, then the provinces they belong to (short form, e.g. `广东`;
    /// used to spot conflicts), as [`geo_word`] numbers.
    geo: Box<[u16]>,
    /// How many of `geo` are places.
    n_places: u16,
}

/// The dictionaries' place words and provinces, by number and by content.
struct Geo {
    words: Vec<&'static str>,
    ids: HashMap<&'static str, u16>,
}

fn geo() -> &'static Geo {
    static GEO: OnceLock<Geo> = OnceLock::new();
    GEO.get_or_init(|| {
        let d = dict();
        let mut words: Vec<&'static str> = d.places.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]).collect();
        words.extend(d.places_en.iter().flat_map(|(&k, &v)| [k, v]));
        words.sort_unstable();
        words.dedup();
        assert!(words.len() <= usize::from(u16::MAX), "too many place words to number in two bytes");
        let ids = words.iter().enumerate().map(|(i, &w)| (w, i as u16)).collect();
        Geo { words, ids }
    })
}

/// The number of a dictionary place word or province (`None`: not one).
pub(crate) fn geo_id(word: &str) -> Option<u16> {
    geo().ids.get(word).copied()
}

/// The place word or province numbered `id` by [`geo_id`].
pub(crate) fn geo_word(id: u16) -> &'static str {
    geo().words[usize::from(id)]
}

/// Numbers of places then provinces, and how many are places. A name of a quarter of a million
/// characters or more may list more places than that count holds: those past it are left out.
fn geo_ids(places: &[&'static str], provinces: &[&'static str]) -> (Box<[u16]>, u16) {
    let number = |w: &&str| geo_id(w).expect("places and provinces are dictionary words");
    let places = &places[..places.len().min(usize::from(u16::MAX))];
    let ids: Box<[u16]> = places.iter().chain(provinces).map(number).collect();
    (ids, places.len() as u16)
}

/// The parts of a name, as the normaliser works them out.
#[derive(Default)]
pub(crate) struct Parts {
    pub(crate) folded: String,
    pub(crate) core: String,
    pub(crate) stem: String,
    pub(crate) distinctive: String,
    pub(crate) legal_form: Option<String>,
    pub(crate) branch: Option<String>,
    pub(crate) latin: bool,
    pub(crate) places: Vec<&'static str>,
    pub(crate) provinces: Vec<&'static str>,
}

impl From<Parts> for NormalizedName {
    fn from(p: Parts) -> NormalizedName {
        let parts = [
            p.folded.as_str(),
            &p.core,
            &p.stem,
            &p.distinctive,
            p.legal_form.as_deref().unwrap_or(""),
            p.branch.as_deref().unwrap_or(""),
        ];
        let mut text = String::with_capacity(parts.iter().map(|s| s.len()).sum());
        let mut ends = [0u32; 6];
        for (end, part) in ends.iter_mut().zip(parts) {
            text.push_str(part);
            *end = u32::try_from(text.len()).expect("a company name under 4 GB");
        }
        let after_place = p.core.len() - crate::normalize::after_leading_place(&p.core).len();
        let (geo, n_places) = geo_ids(&p.places, &p.provinces);
        NormalizedName {
            chars: char_counts(&text, &ends),
            text: text.into_boxed_str(),
            ends,
            has: u8::from(p.legal_form.is_some()) | u8::from(p.branch.is_some()) << 1,
            facts: u8::from(all_generic(&p.core))
                | u8::from(all_generic(&p.distinctive)) << 1
                | u8::from(p.legal_form.as_deref().is_some_and(|l| l.contains("集团") || l.contains("控股"))) << 2,
            after_place: u32::try_from(after_place).expect("a company name under 4 GB"),
            latin: p.latin,
            geo,
            n_places,
        }
    }
}

impl NormalizedName {
    /// The parts' text, their end offsets, which of legal form and branch there are, the facts and
    /// where the core goes on after its leading place (for [`crate::stored`]).
    pub(crate) fn raw_parts(&self) -> (&str, &[u32; 6], u8, u8, u32) {
        (&self.text, &self.ends, self.has, self.facts, self.after_place)
    }

    /// A name from [`NormalizedName::raw_parts`], or `None` when the offsets do not cut `text` into
    /// six parts on character boundaries.
    pub(crate) fn from_raw_parts(
        text: String,
        ends: [u32; 6],
        (has, facts, after_place): (u8, u8, u32),
        latin: bool,
        (geo, n_places): (Box<[u16]>, u16),
    ) -> Option<NormalizedName> {
        let mut start = 0;
        for &end in &ends {
            let end = end as usize;
            if end < start || !text.is_char_boundary(end) {
                return None;
            }
            start = end;
        }
        let core = ends[0] as usize..ends[1] as usize;
        let after = core.start + after_place as usize;
        let fits = after <= core.end && text.is_char_boundary(after);
        let geo_fits = usize::from(n_places) <= geo.len();
        (start == text.len() && has <= 3 && facts <= 7 && fits && geo_fits).then(|| NormalizedName {
            chars: char_counts(&text, &ends),
            text: text.into_boxed_str(),
            ends,
            has,
            facts,
            after_place,
            latin,
            geo,
            n_places,
        })
    }

    /// Numbers ([`geo_word`]) of the place words found in the name.
    pub(crate) fn place_ids(&self) -> &[u16] {
        &self.geo[..usize::from(self.n_places)]
    }

    /// Numbers ([`geo_word`]) of the provinces the name's places belong to: used to spot conflicts.
    pub(crate) fn province_ids(&self) -> &[u16] {
        &self.geo[usize::from(self.n_places)..]
    }

    /// Place words found in the name.
    pub fn places(&self) -> Vec<&'static str> {
        self.place_ids().iter().map(|&id| geo_word(id)).collect()
    }

    /// Provinces the name's places belong to (short form, e.g. `广东`).
    pub fn provinces(&self) -> Vec<&'static str> {
        self.province_ids().iter().map(|&id| geo_word(id)).collect()
    }

    /// Characters in [`NormalizedName::core`].
    pub(crate) fn core_chars(&self) -> usize {
        self.counted(0, Self::core)
    }

    /// Characters in [`NormalizedName::stem`].
    pub(crate) fn stem_chars(&self) -> usize {
        self.counted(1, Self::stem)
    }

    /// Characters in [`NormalizedName::distinctive`].
    pub(crate) fn distinctive_chars(&self) -> usize {
        self.counted(2, Self::distinctive)
    }

    fn counted(&self, i: usize, part: fn(&Self) -> &str) -> usize {
        match self.chars[i] {
            u16::MAX => part(self).chars().count(),
            n => usize::from(n),
        }
    }

    /// The core after a leading place (`甘肃锌业` → `锌业`), or the whole core.
    pub(crate) fn after_place(&self) -> &str {
        &self.core()[self.after_place as usize..]
    }

    /// Whether the core is made only of industry words.
    pub(crate) fn generic_core(&self) -> bool {
        self.facts & 1 != 0
    }

    /// Whether the legal form makes the name a group (集团, 控股).
    pub(crate) fn group(&self) -> bool {
        self.facts & 4 != 0
    }

    /// Whether the distinctive part is made only of industry words.
    pub(crate) fn generic_distinctive(&self) -> bool {
        self.facts & 2 != 0
    }

    fn part(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// NFKC, lower-cased, punctuation and spaces removed (Latin words keep one space).
    pub fn folded(&self) -> &str {
        self.part(0)
    }

    /// The name without places, legal form and branch: what the company is called.
    pub fn core(&self) -> &str {
        self.part(1)
    }

    /// The name without legal form and branch but with its places (`杭州云帆数据科技`).
    pub fn stem(&self) -> &str {
        self.part(2)
    }

    /// The core without trailing industry words: what sets it apart (`平安银行` → `平安`).
    pub fn distinctive(&self) -> &str {
        self.part(3)
    }

    /// Legal form found, e.g. `股份有限公司` or `co ltd`.
    pub fn legal_form(&self) -> Option<&str> {
        (self.has & 1 != 0).then(|| self.part(4))
    }

    /// Branch part, e.g. `上海分公司`, when the name is a branch.
    pub fn branch(&self) -> Option<&str> {
        (self.has & 2 != 0).then(|| self.part(5))
    }
}

/// Characters in the core, stem and distinctive part of a name's `text` cut at `ends`, each
/// `u16::MAX` when there are that many or more.
fn char_counts(text: &str, ends: &[u32; 6]) -> [u16; 3] {
    let part = |i: usize| &text[ends[i - 1] as usize..ends[i] as usize];
    [1, 2, 3].map(|i| u16::try_from(part(i).chars().count()).unwrap_or(u16::MAX))
}

/// Reads a little of each name (its struct, then both ends of its text and its provinces) in two
/// passes whose loads do not depend on one another, so that the cache misses of many names overlap
/// instead of following one another; scoring the names just after then finds them cached.
pub(crate) fn warm(names: &[&NormalizedName]) {
    let mut x = 0usize;
    for n in names {
        // The struct may span two cache lines: read from both ends.
        x ^= n.text.len() ^ n.geo.len() ^ usize::from(n.latin) ^ n.ends[5] as usize ^ n.after_place as usize;
    }
    for n in names {
        x ^= usize::from(n.text.as_bytes().first().copied().unwrap_or(0))
            ^ usize::from(n.geo.first().copied().unwrap_or(0));
        // A name's text (all its parts) is often longer than a cache line.
        x ^= usize::from(n.text.as_bytes().last().copied().unwrap_or(0));
    }
    std::hint::black_box(x);
}

impl std::fmt::Debug for NormalizedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NormalizedName")
            .field("folded", &self.folded())
            .field("core", &self.core())
            .field("stem", &self.stem())
            .field("distinctive", &self.distinctive())
            .field("provinces", &self.provinces())
            .field("places", &self.places())
            .field("legal_form", &self.legal_form())
            .field("branch", &self.branch())
            .field("latin", &self.latin)
            .finish()
    }
}

impl Serialize for NormalizedName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("NormalizedName", 9)?;
        st.serialize_field("folded", self.folded())?;
        st.serialize_field("core", self.core())?;
        st.serialize_field("stem", self.stem())?;
        st.serialize_field("distinctive", self.distinctive())?;
        st.serialize_field("provinces", &self.provinces())?;
        st.serialize_field("places", &self.places())?;
        st.serialize_field("legal_form", &self.legal_form())?;
        st.serialize_field("branch", &self.branch())?;
        st.serialize_field("latin", &self.latin)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_come_back_as_given_and_absent_ones_stay_absent() {
        let n = NormalizedName::from(Parts {
            folded: "杭州云帆数据科技有限公司".into(),
            core: "云帆数据科技".into(),
            stem: "杭州云帆数据科技".into(),
            distinctive: "云帆".into(),
            legal_form: Some("有限公司".into()),
            branch: None,
            latin: false,
            places: vec!["杭州"],
            provinces: vec!["浙江"],
        });
        assert_eq!(n.folded(), "杭州云帆数据科技有限公司");
        assert_eq!(n.core(), "云帆数据科技");
        assert_eq!(n.stem(), "杭州云帆数据科技");
        assert_eq!(n.distinctive(), "云帆");
        assert_eq!(n.legal_form(), Some("有限公司"));
        assert_eq!(n.branch(), None);
        let blank = NormalizedName::from(Parts { legal_form: Some(String::new()), ..Default::default() });
        assert_eq!((blank.legal_form(), blank.branch(), blank.core()), (Some(""), None, ""));
    }

    #[test]
    fn a_name_listing_hundreds_of_places_keeps_them_all() {
        let raw = format!("云帆{}科技有限公司", "（北京）".repeat(300));
        let n = crate::normalize::normalize(&raw);
        assert_eq!(n.places().len(), 300);
        assert_eq!(n.provinces(), ["北京"]);
        assert_eq!(NormalizedName::from_key(&n.to_key(&raw), &raw).as_ref(), Some(&n), "read back from its key");
    }
}
