//! Every comparison the scorer makes between two records, and every level each comparison can come
//! out at, declared in one place; what each level is worth is data (`data/weights.tsv`), not code.
//!
//! The name comparison takes the level worth most among those that hold (an identical core, a short
//! form, an abbreviation, a typo, …); the other comparisons (industry, legal form, places, sales region,
//! branch, keys, account) then add, cap, floor or set the score as their level's [`Effect`] says.
//!
//! The comparisons: name, industry, legal form, places, sales region, branch, USCC, domain, phone, account. Each
//! [`Level`] has a stable code (`core.identical`, `places.conflict`…) that reasons carry, its comparison, and how its
//! weight acts: as the name's score, added, a cap or a floor. `data/weights.tsv` is compiled in; every level has
//! exactly one row (a test holds it). The compiled weights are those `dealgate-api`'s `examples/fit_routing.rs` learned
//! (coordinate descent from the hand weights, scored by what a whole check of the dev fit folds decides and by
//! generated pairs, one Pareto step at a time, each level within its band); `examples/fit_weights.rs` fits on labelled
//! pairs alone (generated ones and, through `scripts/bench-folds --pairs`, the dev fit folds' registrations with their
//! expected records). [`with_weights`] (this thread) and [`try_weights_everywhere`] (every thread) let a fitter try
//! weights without rebuilding.
//! [`reclassified`]`(match, review)` names the levels whose fixed weight falls in another band at those thresholds
//! than at the defaults (what a settings change would move wholesale); [`bands_moved`] does so between any two.

use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::OnceLock;

/// What a comparison is about: the `feature` a reason names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// The names (core, short forms, abbreviations, typos, scripts).
    Name,
    /// The industry words after one brand.
    Industry,
    /// The legal forms (有限公司, 集团, 股份…).
    LegalForm,
    /// The provinces the names place the companies in.
    Places,
    /// The records' sales regions (战区).
    SalesRegion,
    /// One record a branch (分公司), the other not.
    Branch,
    /// The unified social credit codes.
    Uscc,
    /// The web and e-mail domains.
    Domain,
    /// The phone numbers.
    Phone,
    /// Another record of the same account name.
    Account,
}

impl Comparison {
    /// The `feature` of the reasons of this comparison (as stored and shown since the first version).
    pub fn feature(self) -> &'static str {
        match self {
            Comparison::Name => "core_name",
            Comparison::Industry => "industry",
            Comparison::LegalForm => "legal_form",
            Comparison::Places => "region",
            Comparison::SalesRegion => "sales_region",
            Comparison::Branch => "branch",
            Comparison::Uscc => "uscc",
            Comparison::Domain => "domain",
            Comparison::Phone => "phone",
            Comparison::Account => "same_account",
        }
    }
}

/// How a level's weight acts on the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// A name level: the name's score is the weight of the best level that holds.
    Name,
    /// A name level measured on a scale: the score is the measure times the weight (similarity).
    Scaled,
    /// Added to the score (negative: evidence against).
    Add,
    /// The score is at most the weight.
    Cap,
    /// The score is at least the weight.
    Floor,
    /// The score becomes the weight.
    Set,
    /// Shown, worth nothing (weight 0).
    Inform,
}

macro_rules! levels {
    ($($(#[doc = $doc:literal])* $v:ident = $code:literal, $cmp:ident, $eff:ident;)*) => {
        /// One level of one comparison. Its [`Level::code`] is what a [`dealgate_domain::Reason`] carries.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Level { $($(#[doc = $doc])* $v,)* }

        impl Level {
            /// Every level, in declaration order.
            pub const ALL: &'static [Level] = &[$(Level::$v,)*];

            /// The stable code (`core.identical`), as reasons and `data/weights.tsv` name the level.
            pub fn code(self) -> &'static str {
                match self { $(Level::$v => $code,)* }
            }

            /// The comparison the level belongs to.
            pub fn comparison(self) -> Comparison {
                match self { $(Level::$v => Comparison::$cmp,)* }
            }

            /// How its weight acts on the score.
            pub fn effect(self) -> Effect {
                match self { $(Level::$v => Effect::$eff,)* }
            }
        }
    };
}

levels! {
    /// The cores are the same (`云帆数据` = `云帆数据`).
    CoreIdentical = "core.identical", Name, Name;
    /// The cores are alike by edit similarity, edits in industry words costing less.
    CoreSimilar = "core.similar", Name, Scaled;
    /// One core empty, or Latin against Chinese with no spelling found.
    CoreNotComparable = "core.not_comparable", Name, Name;
    /// Same name with the place written another way (in brackets, a zone in front).
    CorePlaceWritten = "core.place_written_differently", Name, Name;
    /// Only industry words on both sides, in different places: not a name.
    CoreGenericOnly = "core.generic_only", Name, Cap;
    /// Latin names with one brand and other industry words.
    LatinSameBrand = "latin.same_brand", Name, Name;
    /// A Latin brand spells the Chinese brand in pinyin, both in one province.
    ScriptSameProvince = "script.spelled_same_province", Name, Name;
    /// A Latin brand spells the Chinese brand in pinyin.
    ScriptSpelled = "script.spelled", Name, Name;
    /// A Latin brand spells the beginning of the Chinese brand.
    ScriptPartly = "script.spelled_partly", Name, Name;
    /// One name is the other's short form (`云帆` for `云帆数据科技`).
    ShortName = "short.name", Name, Name;
    /// A short form of only two characters, without a legal form.
    ShortBareTwo = "short.bare_two", Name, Name;
    /// A short form of only industry words.
    ShortGeneric = "short.generic", Name, Name;
    /// Two bare brands of two characters with other industry words.
    ShortBareBrands = "short.bare_brands", Name, Name;
    /// A short name that is how the full name begins (`砚川节能` for `砚川节能材料`).
    AbbrevBegins = "abbrev.begins", Name, Name;
    /// The same between two full legal names, or of industry words only: often two of one family.
    AbbrevBeginsFamily = "abbrev.begins_family", Name, Name;
    /// The brand and its industry words by their initials (`云川能投` for `云川能源投资`).
    AbbrevInitials = "abbrev.initials", Name, Name;
    /// `X股份`, the listed short name of a full name beginning with X.
    AbbrevListed = "abbrev.listed", Name, Name;
    /// `X股份` against a name whose brand extends X: perhaps a sibling.
    AbbrevListedSibling = "abbrev.listed_sibling", Name, Name;
    /// Two listed short names, one the other's brand (`万澜股份` / `万澜科技股份`): perhaps two of one family.
    AbbrevTwoListed = "abbrev.two_listed", Name, Name;
    /// Brand and last industry word, the middle words dropped (`鹭岑科技` for `鹭岑电声科技`).
    AbbrevMiddleDropped = "abbrev.middle_dropped", Name, Name;
    /// The same where the dropped words are a name: perhaps a sibling (`中拓科技` / `中拓环能科技`).
    AbbrevMiddleSibling = "abbrev.middle_sibling", Name, Name;
    /// Middle words dropped and one character of the last word differs.
    AbbrevMiddleTypo = "abbrev.middle_typo", Name, Name;
    /// A short name of four or more beginning the full name but for one character.
    AbbrevBeginsTypo = "abbrev.begins_typo", Name, Name;
    /// A bare two-character brand beginning a full name.
    AbbrevBareTwo = "abbrev.bare_two", Name, Name;
    /// A one-character place in front (`深云帆` for `云帆微电子`).
    AbbrevPlaceChar = "abbrev.place_char", Name, Name;
    /// A short name beginning a bare brand.
    AbbrevBareBrand = "abbrev.bare_brand", Name, Name;
    /// `X股份`/`X集团` whose characters appear in order, together, in the full name.
    AbbrevListedInOrder = "abbrev.listed_in_order", Name, Name;
    /// The same, the characters apart.
    AbbrevListedGapped = "abbrev.listed_gapped", Name, Name;
    /// A short name whose characters appear in order in the full name (base weight).
    AbbrevInOrder = "abbrev.in_order", Name, Name;
    /// In-order abbreviation: it starts where the name (or one place character before it) starts.
    AbbrevAtStart = "abbrev.at_start", Name, Add;
    /// In-order abbreviation: the full name has a legal form.
    AbbrevFullForm = "abbrev.full_form", Name, Add;
    /// In-order abbreviation: its characters span at most twice its length.
    AbbrevCompact = "abbrev.compact", Name, Add;
    /// In-order abbreviation: a distinctive part of two characters or fewer.
    AbbrevShortBrand = "abbrev.short_brand", Name, Add;
    /// In-order abbreviation: legal forms that cannot name one entity.
    AbbrevFormsDiffer = "abbrev.forms_differ", Name, Add;
    /// In-order abbreviation: the most it can score.
    AbbrevCap = "abbrev.cap", Name, Cap;
    /// A place mistyped by one character (`淅江` for `浙江`): similarity of the rest, plus this weight.
    PlaceTypo = "place.typo", Name, Add;
    /// One character (or two swapped) differs outside the distinctive name.
    TypoOutsideBrand = "typo.outside_brand", Name, Name;
    /// One character differs in the brand, the rest of a long or well-placed name agreeing.
    TypoInBrandSure = "typo.in_brand_sure", Name, Name;
    /// One character differs in the brand: a typo or another company.
    TypoInBrand = "typo.in_brand", Name, Name;
    /// The shorter distinctive part appears inside the other name.
    ContainedInside = "contained.inside", Name, Name;
    /// A bare two-character name ends a longer brand, after another (a parent's) name; or a bare
    /// four-character name ends with the two-character brand of a full legal name, not a joint-stock one
    /// (`鹭岑锦泓` / `锦泓科技有限公司`).
    ContainedEndsBrand = "contained.ends_brand", Name, Name;
    /// A short name ending a national group company's name after the parent's (`岚峰石油` for
    /// `中国石化岚峰石油有限公司`).
    ContainedAfterParent = "contained.after_parent", Name, Name;
    /// One brand, different industry words (`岚能热力` / `岚能电力`).
    IndustryConflict = "industry.conflict", Industry, Add;
    /// A group (集团) against a company that is not one.
    FormGroupVsCompany = "form.group_vs_company", LegalForm, Cap;
    /// `X控股` against `X股份…` of one place: the holding company or the company itself, a look.
    FormHoldingVsShares = "form.holding_vs_shares", LegalForm, Cap;
    /// Legal forms that can name one entity.
    FormCompatible = "form.compatible", LegalForm, Inform;
    /// Legal forms that cannot name one entity.
    FormIncompatible = "form.incompatible", LegalForm, Inform;
    /// The names place both in one province.
    PlacesAgree = "places.agree", Places, Add;
    /// The names place them in different provinces.
    PlacesConflict = "places.conflict", Places, Add;
    /// The records sit in different sales regions and the names do not agree exactly.
    SalesRegionDiffer = "sales_region.differ", SalesRegion, Add;
    /// One record is a branch, the other not.
    BranchOneSide = "branch.one_side", Branch, Add;
    /// The same USCC: one legal entity.
    UsccSame = "uscc.same", Uscc, Set;
    /// Different USCCs, neither a branch: different legal entities.
    UsccDiffer = "uscc.differ", Uscc, Cap;
    /// A web or e-mail domain in common.
    DomainShared = "domain.shared", Domain, Floor;
    /// A phone number in common.
    PhoneShared = "phone.shared", Phone, Floor;
    /// The same account name as a record that matched.
    AccountSame = "account.same", Account, Inform;
    /// The same account name as a record that scored higher: raised to its score.
    AccountSameScored = "account.same_scored", Account, Inform;
}

/// The weights as compiled in: `code<TAB>weight` lines, `#` comments (see `data/weights.tsv`).
pub const WEIGHTS_TSV: &str = include_str!("../data/weights.tsv");

/// Parses a weights table: every level must have exactly one row, and every row must name a level.
pub fn parse_weights(text: &str) -> Result<Vec<f64>, String> {
    let mut weights = vec![f64::NAN; Level::ALL.len()];
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (code, value) = (cols.next().unwrap_or_default().trim(), cols.next().unwrap_or_default().trim());
        let at = Level::ALL
            .iter()
            .position(|l| l.code() == code)
            .ok_or_else(|| format!("line {}: {code:?} is no level's code", n + 1))?;
        let w: f64 = value.parse().map_err(|_| format!("line {}: weight {value:?} is not a number", n + 1))?;
        if !weights[at].is_nan() {
            return Err(format!("line {}: {code} has a second row", n + 1));
        }
        weights[at] = w;
    }
    match Level::ALL.iter().zip(&weights).find(|(_, w)| w.is_nan()) {
        Some((l, _)) => Err(format!("no weight for {}", l.code())),
        None => Ok(weights),
    }
}

fn weights() -> &'static [f64] {
    static W: OnceLock<Vec<f64>> = OnceLock::new();
    W.get_or_init(|| parse_weights(WEIGHTS_TSV).expect("data/weights.tsv names every level once"))
}

thread_local! {
    /// Weights tried in place of the table's on this thread (by the fitter, see [`with_weights`]).
    static TRIED: std::cell::Cell<Option<&'static [f64]>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with `weights` (one per level, in [`Level::ALL`] order) in place of `data/weights.tsv`, on
/// this thread only: how `examples/fit_weights.rs` tries weights without rebuilding. Leaks `weights`.
pub fn with_weights<R>(weights: Vec<f64>, f: impl FnOnce() -> R) -> R {
    assert_eq!(weights.len(), Level::ALL.len(), "one weight per level");
    let tried: &'static [f64] = Vec::leak(weights);
    let before = TRIED.replace(Some(tried));
    let out = f();
    TRIED.set(before);
    out
}

/// Weights tried in place of the table's on every thread (see [`try_weights_everywhere`]); null: none.
static TRIED_EVERYWHERE: AtomicPtr<f64> = AtomicPtr::new(std::ptr::null_mut());

/// Puts `weights` (one per level, in [`Level::ALL`] order) in place of `data/weights.tsv` on every
/// thread until the next call (`None`: the table's again): how `dealgate-api`'s `fit_routing` example
/// tries weights on a whole check, whose matching runs on a thread pool. A process that decides for real
/// never calls it. Leaks `weights`.
pub fn try_weights_everywhere(weights: Option<Vec<f64>>) {
    let ptr = match weights {
        Some(w) => {
            assert_eq!(w.len(), Level::ALL.len(), "one weight per level");
            Vec::leak(w).as_mut_ptr()
        }
        None => std::ptr::null_mut(),
    };
    TRIED_EVERYWHERE.store(ptr, Ordering::Release);
}

/// The weights as compiled in, one per level in [`Level::ALL`] order.
pub fn compiled_weights() -> Vec<f64> {
    weights().to_vec()
}

impl Level {
    /// The level's weight from `data/weights.tsv` (or from [`with_weights`] or
    /// [`try_weights_everywhere`]).
    pub fn weight(self) -> f64 {
        if let Some(w) = TRIED.get() {
            return w[self as usize];
        }
        let everywhere = TRIED_EVERYWHERE.load(Ordering::Acquire);
        if everywhere.is_null() {
            weights()[self as usize]
        } else {
            // SAFETY: a non-null pointer is a leaked vector of `Level::ALL.len()` weights, never freed.
            unsafe { *everywhere.add(self as usize) }
        }
    }

    /// The level a reason's code names.
    pub fn from_code(code: &str) -> Option<Level> {
        Level::ALL.iter().copied().find(|l| l.code() == code)
    }
}

/// The settings' default thresholds (match, review), which `data/weights.tsv` is written for.
pub const DEFAULT_THRESHOLDS: (f64, f64) = (0.88, 0.75);

/// A level whose weight is a score by itself (a name level, or a key that sets, floors or caps the
/// score) and falls in another band at other thresholds than the defaults: every pair decided by that
/// level alone moves together when a person changes the settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reclassified {
    /// The level.
    pub level: Level,
    /// Its weight (the score of a pair it decides alone).
    pub weight: f64,
    /// Its band at the thresholds compared with ([`DEFAULT_THRESHOLDS`] for [`reclassified`]).
    pub before: dealgate_domain::Band,
    /// Its band at the thresholds asked about.
    pub after: dealgate_domain::Band,
}

/// The band of `score` at thresholds `(match, review)`.
pub fn band_at(score: f64, (match_threshold, review_threshold): (f64, f64)) -> dealgate_domain::Band {
    use dealgate_domain::Band;
    if score >= match_threshold {
        Band::Match
    } else if score >= review_threshold {
        Band::Review
    } else {
        Band::None
    }
}

/// The levels that `match_threshold` and `review_threshold` put in another band than the defaults do
/// (raising `match_threshold` to 0.91 sends every listed short name, `abbrev.listed` at 0.90, to
/// review): what a settings change reclassifies wholesale, for it to say so rather than do it
/// silently. Empty at the defaults.
pub fn reclassified(match_threshold: f64, review_threshold: f64) -> Vec<Reclassified> {
    bands_moved(DEFAULT_THRESHOLDS, (match_threshold, review_threshold))
}

/// The levels whose weight falls in another band at thresholds `to` than at `from`, both `(match,
/// review)`: every pair such a level decides alone moves with it (`before` is its band at `from`).
pub fn bands_moved(from: (f64, f64), to: (f64, f64)) -> Vec<Reclassified> {
    Level::ALL
        .iter()
        .filter(|l| matches!(l.effect(), Effect::Name | Effect::Set | Effect::Floor | Effect::Cap))
        .filter(|&&l| l != Level::CoreNotComparable)
        .filter_map(|&level| {
            let weight = level.weight();
            let before = band_at(weight, from);
            let after = band_at(weight, to);
            (before != after).then_some(Reclassified { level, weight, before, after })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_names_every_level_once_and_codes_are_unique() {
        let w = parse_weights(WEIGHTS_TSV).unwrap();
        assert_eq!(w.len(), Level::ALL.len());
        let codes: std::collections::HashSet<_> = Level::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(codes.len(), Level::ALL.len());
        assert!(parse_weights("core.identical\t1\n").unwrap_err().starts_with("no weight for"));
        assert!(parse_weights("core.nothing\t1\n").unwrap_err().contains("no level's code"));
        for (i, l) in Level::ALL.iter().enumerate() {
            assert_eq!(*l as usize, i);
        }
    }
}
