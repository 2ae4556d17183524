//! Interning of the corpus's repetitive strings (owners, regions, stages, partners): one allocation each.

use std::collections::HashSet;
use std::sync::Arc;

/// A set of shared strings.
#[derive(Default)]
pub(crate) struct Interner(HashSet<Arc<str>>);

impl Interner {
    /// The shared copy of `s`.
    pub(crate) fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.0.insert(a.clone());
        a
    }

    /// The shared copy of `s`, if any.
    pub(crate) fn opt(&mut self, s: Option<&str>) -> Option<Arc<str>> {
        s.map(|s| self.get(s))
    }
}
