//! A reason as the scorer records it: what it says is kept as the parts it is made of and put into
//! words only for the candidates a person will see (most candidates score below the review band and
//! are dropped, and wording every reason of every candidate was a sixth of scoring).

use crate::name::geo_word;
use dealgate_domain::Reason;

/// What a reason says, not yet written out.
#[derive(Debug, Clone)]
pub(crate) enum Why<'a> {
    /// Already worded (views that fire, rare cases).
    Text(String),
    /// A value as it is (a USCC, a domain, a phone).
    Plain(&'a str),
    /// `a / b`.
    Pair(&'a str, &'a str),
    /// `a ~ b similarity 0.87`.
    Similarity(&'a str, &'a str, f64),
    /// `广东+深圳 / 浙江`: the provinces of each side (as [`crate::name::geo_word`] numbers).
    Provinces(&'a [u16], &'a [u16]),
    /// `one record is a branch (上海分公司)`.
    Branch(&'a str),
    /// `same account name as F1, which matched`.
    SameAccount(&'a str),
    /// `same account name as F1, which scored 0.92`.
    SameAccountScored(&'a str, f64),
}

impl Why<'_> {
    fn words(self) -> String {
        match self {
            Why::Text(s) => s,
            Why::Plain(s) => s.to_string(),
            Why::Pair(a, b) => format!("{a} / {b}"),
            Why::Similarity(a, b, sim) => format!("{a} ~ {b} similarity {sim:.2}"),
            Why::Provinces(a, b) => {
                let words = |ids: &[u16]| ids.iter().map(|&id| geo_word(id)).collect::<Vec<_>>().join("+");
                format!("{} / {}", words(a), words(b))
            }
            Why::Branch(which) => format!("one record is a branch ({which})"),
            Why::SameAccount(via) => format!("same account name as {via}, which matched"),
            Why::SameAccountScored(via, best) => format!("same account name as {via}, which scored {best:.2}"),
        }
    }
}

/// A reason not yet worded (see [`Why`]).
#[derive(Debug, Clone)]
pub(crate) struct Pending<'a> {
    pub(crate) feature: &'static str,
    pub(crate) agreed: Option<bool>,
    pub(crate) why: Why<'a>,
    /// Already rounded to three decimals.
    pub(crate) contribution: f64,
}

impl<'a> Pending<'a> {
    /// A reason contributing `contribution` to the score (rounded to three decimals, as shown).
    pub(crate) fn new(feature: &'static str, agreed: Option<bool>, why: Why<'a>, contribution: f64) -> Pending<'a> {
        Pending { feature, agreed, why, contribution: (contribution * 1000.0).round() / 1000.0 }
    }

    /// The reason in words.
    pub(crate) fn worded(self) -> Reason {
        Reason {
            feature: self.feature.into(),
            agreed: self.agreed,
            detail: self.why.words(),
            contribution: self.contribution,
        }
    }
}
