//! The key-frequency guard: a phone or domain that many unrelated names share in an index (a
//! placeholder, an agency's or a switchboard's number) is not a key for a search of that index.
//!
//! A query's phone or domain held by 3 mutually unrelated names in the index (`SHARED_KEY_NAMES`) is neither
//! looked up nor scored, in both searches (`Index::search` and `search_exhaustive`).

use super::Index;
use crate::exact::Kind;
use crate::normalize::NormalizedName;
use crate::score::{names_related, Features};

/// A phone or domain held by this many mutually unrelated names (the query's counted) is not a key: it is
/// a placeholder, an agency's or a switchboard's, as free-mail domains are. In the dev benchmark
/// (83k follow-ups, 146 head accounts, 1,605 registrations) no phone or domain is held by two companies
/// (at most two spellings of one); two companies of one group or building may share one, so two
/// unrelated names keep the key and a third turns it off.
pub(crate) const SHARED_KEY_NAMES: usize = 3;

impl Index {
    /// Whether the phone or domain `key` of the query is held by [`SHARED_KEY_NAMES`] or more mutually
    /// unrelated names, the query's among them.
    fn shared_key(&self, q: &NormalizedName, kind: Kind, key: &str) -> bool {
        // Most keys are held by one record: counting what is filed under the key's hash rules them out.
        if self.exact.filed(kind, key) + 1 < SHARED_KEY_NAMES {
            return false;
        }
        let records = &self.records;
        let mut names: Vec<u32> = self
            .exact
            .holders(kind, key, |pos| records[pos as usize].keys)
            .filter(|&pos| records[pos as usize].alive)
            .map(|pos| records[pos as usize].name)
            .collect();
        names.sort_unstable();
        names.dedup();
        let mut unrelated: Vec<&NormalizedName> = vec![q];
        for n in names {
            let name = &self.names[n as usize];
            if !unrelated.iter().any(|u| names_related(u, name)) {
                unrelated.push(name);
                if unrelated.len() >= SHARED_KEY_NAMES {
                    return true;
                }
            }
        }
        false
    }

    /// The query without the phones and domains this index shows to be shared by unrelated names
    /// (`None` when it keeps them all).
    pub(super) fn without_shared_keys(&self, q: &Features) -> Option<Features> {
        if self.exact.is_empty() || (q.phones.is_empty() && q.domains.is_empty()) {
            return None;
        }
        let keep = |kind: Kind, list: &[String]| -> Vec<String> {
            list.iter().filter(|k| !self.shared_key(&q.name, kind, k)).cloned().collect()
        };
        let (phones, domains) = (keep(Kind::Phone, &q.phones), keep(Kind::Domain, &q.domains));
        (phones.len() != q.phones.len() || domains.len() != q.domains.len()).then(|| Features {
            phones,
            domains,
            ..q.clone()
        })
    }
}
