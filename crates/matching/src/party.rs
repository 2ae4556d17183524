//! A record's raw identifying fields ([`Party`]) and what an index insert needs of them, worked out
//! without the index ([`Prepared`]): normalised name, exact keys and posting keys.
//!
//! `Party::prepare` is the parallelisable part of an insert: it reads the name back from its stored key when there is
//! a good one, and holds its posting keys (bigrams, signature, stem characters, pinyin keys) inline, so most records
//! allocate only their name.

use crate::cross_script::PinyinKeys;
use crate::keys;
use crate::normalize::{normalize, NormalizedName};
use crate::postings::{distinct_chars, grams, signature, Chars, Grams};
use crate::score::Features;
use std::sync::Arc;

/// Raw identifying fields of a record, before normalisation.
#[derive(Debug, Clone, Default)]
pub struct Party<'a> {
    /// Company name.
    pub name: &'a str,
    /// USCC as imported (ignored unless valid).
    pub uscc: Option<&'a str>,
    /// Website.
    pub website: Option<&'a str>,
    /// E-mail address.
    pub email: Option<&'a str>,
    /// Phone.
    pub phone: Option<&'a str>,
    /// Whether the USCC / website were flagged doubtful at import (then never used as keys).
    pub flagged: &'a [&'a str],
    /// Sales region (战区).
    pub region: Option<&'a str>,
    /// The name's key as a store kept it ([`NormalizedName::to_key`]): used instead of normalising the
    /// name again when it was made from this name by this version of the normaliser.
    pub name_key: Option<&'a str>,
}

impl Party<'_> {
    /// Normalises the name and extracts the exact keys.
    pub fn features(&self) -> Features {
        let usable = |field: &str| !self.flagged.contains(&field);
        let mut domains: Vec<String> = Vec::new();
        let sites = self.website.filter(|_| usable("website")).unwrap_or("");
        for d in sites.split(['、', ',', '，', ';', '；', ' ', '|']).filter_map(keys::website_domain) {
            if !domains.contains(&d) {
                domains.push(d);
            }
        }
        if let Some(d) = self.email.filter(|_| usable("contact_email")).and_then(keys::email_domain) {
            if !domains.contains(&d) {
                domains.push(d);
            }
        }
        Features {
            name: self
                .name_key
                .and_then(|k| NormalizedName::from_key(k, self.name))
                .unwrap_or_else(|| normalize(self.name)),
            uscc: self.uscc.filter(|_| usable("uscc")).and_then(keys::uscc_key),
            domains,
            phones: self.phone.and_then(keys::phone_key).into_iter().collect(),
            region: self.region.map(str::trim).filter(|r| !r.is_empty()).map(Arc::from),
        }
    }

    /// Everything [`crate::Index::insert_prepared`] needs, computed without the index: the costly part of an
    /// insert, so that callers can prepare many records in parallel and insert them in order.
    pub fn prepare(&self) -> Prepared {
        let features = self.features();
        let n = &features.name;
        Prepared {
            grams: grams(n.core()),
            signature: signature(n),
            stem: distinct_chars(n.stem()),
            pinyin: crate::cross_script::pinyin_keys(n),
            features,
        }
    }
}

/// A record's features and posting keys, ready to insert (see [`Party::prepare`]).
#[derive(Debug, Clone)]
pub struct Prepared {
    pub(crate) features: Features,
    pub(crate) grams: Grams,
    pub(crate) signature: Chars,
    pub(crate) stem: Chars,
    pub(crate) pinyin: PinyinKeys,
}

impl Prepared {
    /// The folded name ([`NormalizedName::folded`]).
    pub fn folded(&self) -> &str {
        self.features.name.folded()
    }
}
