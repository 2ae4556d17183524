//! Interning of the corpus's repetitive strings (owners, regions, stages, partners): each stored once,
//! and a record holds a 4-byte number for it instead of a pointer pair.

use rustc_hash::FxHashMap;
use std::num::NonZeroU32;
use std::sync::Arc;

/// A string's number in its [`Interner`] (`Option<Sym>` takes 4 bytes too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sym(NonZeroU32);

/// A set of strings, each with its number.
#[derive(Default)]
pub(crate) struct Interner {
    ids: FxHashMap<Arc<str>, Sym>,
    strings: Vec<Arc<str>>,
}

impl Interner {
    /// The number of `s`, which is added if new.
    pub(crate) fn get(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.ids.get(s) {
            return sym;
        }
        let n = u32::try_from(self.strings.len() + 1).expect("fewer than 4 billion distinct strings");
        let sym = Sym(NonZeroU32::new(n).expect("numbers start at 1"));
        let s: Arc<str> = Arc::from(s);
        self.strings.push(s.clone());
        self.ids.insert(s, sym);
        sym
    }

    /// The number of `s`, if any.
    pub(crate) fn opt(&mut self, s: Option<&str>) -> Option<Sym> {
        s.map(|s| self.get(s))
    }

    /// The string numbered `sym` (given out by this interner).
    pub(crate) fn resolve(&self, sym: Sym) -> &str {
        &self.strings[sym.0.get() as usize - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_a_number_and_each_number_gives_its_string_back() {
        let mut strings = Interner::default();
        let east = strings.get("华东");
        let west = strings.get("华西");
        assert_eq!(strings.get("华东"), east);
        assert_ne!(east, west);
        assert_eq!((strings.resolve(east), strings.resolve(west)), ("华东", "华西"));
        assert_eq!(strings.opt(None), None);
        assert_eq!(std::mem::size_of::<Option<Sym>>(), 4);
    }
}
