//! Shared helpers: DealGate's score bands, building features from names, comparing in both directions.

use dealgate_domain::{uscc, Reason};
use dealgate_matching::{score, Features, Party};

/// At or above this a hit is a match.
pub const MATCH: f64 = 0.88;
/// At or above this (and below [`MATCH`]) a hit goes to a person for review.
pub const REVIEW: f64 = 0.75;

/// The band DealGate puts a score in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    /// Below the review threshold: not shown.
    None,
    /// Worth a person's look.
    Review,
    /// The same company.
    Match,
}

/// The band of a score.
pub fn band(score: f64) -> Band {
    if score >= MATCH {
        Band::Match
    } else if score >= REVIEW {
        Band::Review
    } else {
        Band::None
    }
}

/// Features of a record that has only a name.
pub fn named(name: &str) -> Features {
    Party { name, ..Default::default() }.features()
}

/// A valid USCC built from 17 characters (the check character is computed).
pub fn valid_uscc(first17: &str) -> String {
    uscc::with_check(first17).expect("17 valid USCC characters")
}

/// The same code with a wrong check character.
pub fn broken_uscc(first17: &str) -> String {
    let good = valid_uscc(first17);
    let last = good.chars().last().expect("non-empty");
    let wrong = if last == '0' { '1' } else { '0' };
    format!("{first17}{wrong}")
}

/// A score and its reasons.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Score in [0, 1].
    pub score: f64,
    /// Why.
    pub reasons: Vec<Reason>,
}

impl Outcome {
    /// The band of the score.
    pub fn band(&self) -> Band {
        band(self.score)
    }

    /// The reasons about `feature`.
    pub fn about(&self, feature: &str) -> Vec<&Reason> {
        self.reasons.iter().filter(|r| r.feature == feature).collect()
    }

    /// Whether some reason about `feature` says it agreed (`Some(true)`) or disagreed (`Some(false)`).
    pub fn says(&self, feature: &str, agreed: bool) -> bool {
        self.about(feature).iter().any(|r| r.agreed == Some(agreed))
    }

    /// The reasons, one a line, for failure messages.
    pub fn describe(&self) -> String {
        let mut s = format!("score {:.3} ({:?})", self.score, self.band());
        for r in &self.reasons {
            s.push_str(&format!("\n    {} {:?} {} ({:+.3})", r.feature, r.agreed, r.detail, r.contribution));
        }
        s
    }
}

/// Scores features `b` against `a`.
pub fn compare_features(a: &Features, b: &Features) -> Outcome {
    let (score, reasons) = score(a, b);
    assert!((0.0..=1.0).contains(&score), "score {score} out of [0, 1]");
    Outcome { score, reasons }
}

/// Scores name `b` against name `a`.
pub fn compare(a: &str, b: &str) -> Outcome {
    compare_features(&named(a), &named(b))
}

/// Checks every row `(a, b, band)` in both directions (a registration may stand on either side) and
/// reports all failures at once; returns the outcomes of the `a`-side direction for further checks.
pub fn check_bands(rows: &[(&str, &str, Band)]) -> Vec<Outcome> {
    let mut failures = Vec::new();
    let mut out = Vec::new();
    for (a, b, want) in rows {
        for (x, y) in [(a, b), (b, a)] {
            let o = compare(x, y);
            if o.band() != *want {
                failures.push(format!("{x} | {y}: want {want:?}, got {}", o.describe()));
            }
        }
        out.push(compare(a, b));
    }
    assert!(failures.is_empty(), "{} row(s) in the wrong band:\n{}", failures.len(), failures.join("\n"));
    out
}

/// Like [`check_bands`], with a band range: at least `lo`, at most `hi`.
pub fn check_band_range(rows: &[(&str, &str, Band, Band)]) {
    let mut failures = Vec::new();
    for (a, b, lo, hi) in rows {
        for (x, y) in [(a, b), (b, a)] {
            let o = compare(x, y);
            if o.band() < *lo || o.band() > *hi {
                failures.push(format!("{x} | {y}: want {lo:?}..={hi:?}, got {}", o.describe()));
            }
        }
    }
    assert!(failures.is_empty(), "{} row(s) in the wrong band:\n{}", failures.len(), failures.join("\n"));
}
