//! A reason as the scorer records it: the comparison level and the parts it shows, put into words only
//! for the candidates a person will see (most candidates score below the review band and are dropped,
//! and wording every reason of every candidate was a sixth of scoring).

use crate::comparison::Level;
use crate::name::geo_word;
use dealgate_domain::{Lang, Reason};

/// What a reason shows, not yet written out: becomes the reason's `args`.
#[derive(Debug, Clone)]
pub(crate) enum Why<'a> {
    /// Already made into strings (views that fire, rare cases).
    Args(Vec<String>),
    /// Nothing beyond the level.
    None,
    /// A value as it is (a USCC, a domain, a phone).
    Plain(&'a str),
    /// Two values, one of each side.
    Pair(&'a str, &'a str),
    /// Two cores and their similarity.
    Similarity(&'a str, &'a str, f64),
    /// The provinces of each side (as [`crate::name::geo_word`] numbers), joined by `+`.
    Provinces(&'a [u16], &'a [u16]),
    /// Which branch.
    Branch(&'a str),
    /// The record of the same account name that matched.
    SameAccount(&'a str),
    /// The record of the same account name and its score.
    SameAccountScored(&'a str, f64),
}

impl Why<'_> {
    fn args(self) -> Vec<String> {
        match self {
            Why::Args(a) => a,
            Why::None => Vec::new(),
            Why::Plain(s) | Why::Branch(s) | Why::SameAccount(s) => vec![s.to_string()],
            Why::Pair(a, b) => vec![a.to_string(), b.to_string()],
            Why::Similarity(a, b, sim) => vec![a.to_string(), b.to_string(), format!("{sim:.2}")],
            Why::Provinces(a, b) => {
                let words = |ids: &[u16]| ids.iter().map(|&id| geo_word(id)).collect::<Vec<_>>().join("+");
                vec![words(a), words(b)]
            }
            Why::SameAccountScored(via, best) => vec![via.to_string(), format!("{best:.2}")],
        }
    }
}

/// A reason not yet worded (see [`Why`]).
#[derive(Debug, Clone)]
pub(crate) struct Pending<'a> {
    pub(crate) level: Level,
    pub(crate) agreed: Option<bool>,
    pub(crate) why: Why<'a>,
    /// Already rounded to three decimals.
    pub(crate) contribution: f64,
}

impl<'a> Pending<'a> {
    /// A reason contributing `contribution` to the score (rounded to three decimals, as shown).
    pub(crate) fn new(level: Level, agreed: Option<bool>, why: Why<'a>, contribution: f64) -> Pending<'a> {
        Pending { level, agreed, why, contribution: (contribution * 1000.0).round() / 1000.0 }
    }

    /// The reason in words: its level's code, the parts it shows and the English wording.
    pub(crate) fn worded(self) -> Reason {
        let args = self.why.args();
        Reason {
            feature: self.level.comparison().feature().into(),
            code: self.level.code().into(),
            detail: crate::wording::words(self.level, &args, Lang::En),
            args,
            agreed: self.agreed,
            contribution: self.contribution,
        }
    }
}
