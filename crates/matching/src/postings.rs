//! Building blocks of the index's posting lists and look-ups: bigrams and signatures of a name, the
//! per-thread tally of shared bigrams, galloping through sorted lists, and signature-pair postings.
//!
//! Also `seek` (walking a list a cache line at a time), character sets of a name (a 32-bit one on postings, a wider
//! one per name) and `prefetch`.

use crate::normalize::NormalizedName;
use smallvec::SmallVec;
use std::hash::BuildHasher;

/// Whether the characters of `short` occur in `long` in the same order (an abbreviation keeps the order).
#[inline]
pub(crate) fn in_order(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// Hash of a folded name, the key of the index's name de-duplication.
#[inline]
pub(crate) fn fold_hash(folded: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(folded)
}

/// A name's bigrams, inline up to a long Chinese name's count (most names allocate nothing).
pub(crate) type Grams = SmallVec<[(char, char); 12]>;

/// A name's characters (a signature, a stem), inline up to a typical name's count.
pub(crate) type Chars = SmallVec<[char; 8]>;

/// The distinct character bigrams of `s` (one padded unigram for a one-character string), sorted.
pub(crate) fn grams(s: &str) -> Grams {
    let mut chars = s.chars();
    let mut g: Grams = match (chars.next(), chars.clone().next()) {
        (None, _) => Grams::new(),
        (Some(a), None) => smallvec::smallvec![(a, '\0')],
        (Some(a), Some(_)) => {
            let mut prev = a;
            chars.map(|c| (std::mem::replace(&mut prev, c), c)).collect()
        }
    };
    g.sort_unstable();
    g.dedup();
    g
}

/// The distinct characters of `s`, sorted.
pub(crate) fn distinct_chars(s: &str) -> Chars {
    let mut v: Chars = s.chars().collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The distinct characters of a name's distinctive part: what an abbreviation keeps.
pub(crate) fn signature(n: &NormalizedName) -> Chars {
    distinct_chars(n.distinctive())
}

/// Per-thread scratch for counting the bigrams each name shares with a query: a dense array indexed by
/// name id (faster than hashing the thousands of ids a query touches) and the ids touched, to reset.
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) counts: Vec<(u32, f32)>,
    pub(crate) touched: Vec<u32>,
}

thread_local! {
    pub(crate) static TALLY: std::cell::RefCell<Tally> = std::cell::RefCell::new(Tally::default());
}

/// Position of the first id of `list` (sorted) at or after `from` that is `>= x`, by galloping: cheap
/// when successive look-ups ask for increasing `x`.
#[inline]
pub(crate) fn gallop(list: &[u32], from: usize, x: u32) -> usize {
    let mut step = 1;
    let mut lo = from;
    let mut hi = from;
    while hi < list.len() && list[hi] < x {
        lo = hi + 1;
        hi += step;
        step *= 2;
    }
    let hi = hi.min(list.len());
    lo + list[lo..hi].partition_point(|&v| v < x)
}

/// Asks the processor to start loading `x` into its cache: reads that are known early but used a little
/// later (a tally's counts, a few postings ahead) then overlap instead of each waiting in turn.
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it changes nothing the program can observe and cannot fault.
    unsafe {
        std::arch::x86_64::_mm_prefetch(std::ptr::from_ref(x).cast::<i8>(), std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// [`gallop`] over a list of ids, for the short hops of a walk through a long list: a block of
/// sixteen (one cache line) at a time, each step one comparison on the block's last id, then the ids
/// below `x` counted in the block; after 32 blocks, galloping. Consecutive blocks are what the
/// processor prefetches anyway, where galloping's probes each wait on the one before.
#[inline]
pub(crate) fn seek(list: &[u32], from: usize, x: u32) -> usize {
    const BLOCK: usize = 16;
    let mut at = from;
    for _ in 0..32 {
        match list.get(at + BLOCK - 1) {
            Some(&last) if last < x => at += BLOCK,
            Some(_) => return at + list[at..at + BLOCK].iter().filter(|&&v| v < x).count(),
            None => return at + list[at..].iter().filter(|&&v| v < x).count(),
        }
    }
    gallop(list, at, x)
}

/// A 32-bit set of characters, one bit each (several share a bit): a name can only hold every
/// character of another when its set holds the other's, so the abbreviation look-ups test sets before
/// reading names.
#[inline]
pub(crate) fn char_bits(chars: impl IntoIterator<Item = char>) -> u32 {
    chars.into_iter().fold(0, |bits, c| bits | 1 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 27))
}

/// A second, wider set of characters, hashed independently of [`char_bits`]: a name passing both
/// tests for a character it lacks is rarer still. Same exactness: a name holding the characters always
/// holds their bits.
#[inline]
pub(crate) fn wide_char_bits(chars: impl IntoIterator<Item = char>) -> u64 {
    chars.into_iter().fold(0, |bits, c| bits | 1 << ((c as u32).wrapping_mul(0x85EB_CA6B) >> 26))
}

/// A name in a character's list, with the set of its stem's characters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CharPosting {
    pub(crate) id: u32,
    pub(crate) bits: u32,
}

/// [`in_order`] on characters.
#[inline]
pub(crate) fn in_order_chars(short: &[char], long: &[char]) -> bool {
    let mut rest = long.iter();
    short.iter().all(|c| rest.any(|l| l == c))
}

/// A name in a signature-pair list, with its distinctive part inline when it has at most four
/// characters, so the reverse abbreviation look-up can test it without reading the name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SigPosting {
    pub(crate) id: u32,
    /// [`char_bits`] of the distinctive part.
    pub(crate) bits: u32,
    chars: [char; 4],
    /// Characters in `chars`; `u8::MAX` when the distinctive part is longer (then read the name).
    len: u8,
}

impl SigPosting {
    pub(crate) fn new(id: u32, distinctive: &str) -> SigPosting {
        let bits = char_bits(distinctive.chars());
        let mut chars = ['\0'; 4];
        let mut len = 0u8;
        for c in distinctive.chars() {
            if usize::from(len) == chars.len() {
                return SigPosting { id, bits, chars, len: u8::MAX };
            }
            chars[usize::from(len)] = c;
            len += 1;
        }
        SigPosting { id, bits, chars, len }
    }

    /// The distinctive part's characters, when they are inline.
    #[inline]
    pub(crate) fn chars(&self) -> Option<&[char]> {
        self.chars.get(..usize::from(self.len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_postings_hold_up_to_four_characters_in_order() {
        assert_eq!(SigPosting::new(7, "帆云").chars(), Some(&['帆', '云'][..]));
        assert_eq!(SigPosting::new(7, "云帆星海").chars(), Some(&['云', '帆', '星', '海'][..]));
        assert_eq!(SigPosting::new(7, "云帆星海湾").chars(), None, "longer ones are read from the name");
        assert!(in_order_chars(&['云', '海'], &['云', '帆', '星', '海']));
        assert!(!in_order_chars(&['海', '云'], &['云', '帆', '星', '海']));
    }

    #[test]
    fn bigrams_are_distinct_and_sorted_and_a_single_character_is_padded() {
        assert_eq!(grams("").as_slice(), &[]);
        assert_eq!(grams("云").as_slice(), &[('云', '\0')]);
        assert_eq!(grams("云帆").as_slice(), &[('云', '帆')]);
        // 云帆云帆: 云帆 twice and 帆云 once; sorted by character.
        let mut expected = [('云', '帆'), ('帆', '云')];
        expected.sort_unstable();
        assert_eq!(grams("云帆云帆").as_slice(), &expected);
        // Longer than the inline capacity: every bigram kept.
        let long = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未";
        assert_eq!(grams(long).len(), long.chars().count() - 1);
        let mut two = ['帆', '云'];
        two.sort_unstable();
        assert_eq!(distinct_chars("帆云帆").as_slice(), &two);
    }

    #[test]
    fn galloping_finds_the_first_element_not_below() {
        let list = [1, 3, 5, 7, 9, 11, 13];
        assert_eq!(gallop(&list, 0, 0), 0);
        assert_eq!(gallop(&list, 0, 7), 3);
        assert_eq!(gallop(&list, 3, 8), 4);
        assert_eq!(gallop(&list, 2, 14), list.len());
    }

    #[test]
    fn seeking_by_blocks_finds_what_a_binary_search_finds() {
        // Lists shorter than a block, a few blocks, and long enough to fall back to galloping; ids
        // spaced unevenly, with every start position and targets below, between, on and past them.
        for len in [0usize, 1, 15, 16, 17, 100, 2000] {
            let list: Vec<u32> = (0..len as u32)
                .scan(0, |at, i| {
                    *at += 1 + (i * 7) % 11;
                    Some(*at)
                })
                .collect();
            let top = list.last().map_or(5, |&v| v + 5);
            for from in (0..=len).step_by(7) {
                for x in (0..top).step_by(5) {
                    let want = from + list[from..].partition_point(|&v| v < x);
                    assert_eq!(seek(&list, from, x), want, "len {len}, from {from}, x {x}");
                }
            }
        }
    }

    #[test]
    fn a_character_set_holds_every_subset_and_rules_out_most_others() {
        let name: Vec<char> = "云帆星海科技".chars().collect();
        let all = char_bits(name.iter().copied());
        for sub in [&name[..2], &name[1..4], &name[3..]] {
            let bits = char_bits(sub.iter().copied());
            assert_eq!(all & bits, bits, "{sub:?} is in {name:?}");
        }
        // One bit each: a set of six characters leaves most other characters out.
        let others = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥".chars();
        let outside = others.filter(|&c| all & char_bits([c]) == 0).count();
        assert!(outside >= 12, "only {outside} of 22 other characters fall outside the set");
        assert_eq!(char_bits(['云']).count_ones(), 1);
    }
}
