//! Pairs of names a person has said are, or are not, the same company: what a check remembers of
//! reviewers' decisions so that it does not ask twice.

use crate::Source;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// What a person said of two names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PairVerdict {
    /// The same company: a check treats the pair as a certain match.
    Same,
    /// Different companies: a check sets the record aside.
    Different,
}

impl PairVerdict {
    /// Canonical name (`same`, `different`), as stored and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PairVerdict::Same => "same",
            PairVerdict::Different => "different",
        }
    }

    /// Parses the canonical name.
    pub fn parse(s: &str) -> Option<PairVerdict> {
        [PairVerdict::Same, PairVerdict::Different].into_iter().find(|v| v.as_str() == s.trim())
    }
}

/// A remembered pair: a registration's customer name and the name of a record it was matched with, and
/// what a person said of them. One label per pair of names (`pair_key`); labelling it again replaces it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PairLabel {
    /// Its number (0 before it is stored).
    pub id: i64,
    /// Same or different.
    pub verdict: PairVerdict,
    /// The two names' matching keys, ordered and joined: what makes two labels one (made by the API).
    pub pair_key: String,
    /// The registration's customer name as written when labelled.
    pub left_name: String,
    /// The matched record's name as imported.
    pub right_name: String,
    /// Where the matched record came from.
    pub source: Source,
    /// The matched record's id.
    pub record_id: String,
    /// The registration whose review made the label.
    pub registration_id: String,
    /// That registration's region (who may change the label).
    pub region: Option<String>,
    /// Who said so.
    pub actor: String,
    /// When.
    pub created_at: NaiveDateTime,
}
