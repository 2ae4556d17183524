//! Scoring one candidate against a registration: name similarity weighted towards the distinctive
//! part, exact keys, region and branch evidence, each worded as a reason.
//!
//! Name similarity is a weighted edit similarity. The combination: the best name level that holds, then the other
//! comparisons' levels, each a reason carrying its level's code and the values it shows (`Reason.code`,
//! `Reason.args`).

use crate::comparison::Level;
use crate::exact::KeyList;
use crate::normalize::{is_place, NormalizedName};
use crate::postings::wide_char_bits;
use crate::views;
use crate::why::{Pending, Why};
use dealgate_domain::Reason;
use std::sync::Arc;

/// What the matcher compares: a name and the exact keys that came with it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features {
    /// Name taken apart.
    pub name: NormalizedName,
    /// USCC, only when its check character validates.
    pub uscc: Option<String>,
    /// Website and company e-mail domains (no free-mail).
    pub domains: Vec<String>,
    /// Phone numbers as digits.
    pub phones: Vec<String>,
    /// Sales region (战区) of the record, e.g. `华东`.
    pub region: Option<Arc<str>>,
}

/// A candidate's features as an index holds them, borrowed: scoring copies nothing.
#[derive(Clone, Copy)]
pub(crate) struct Candidate<'a> {
    pub(crate) name: &'a NormalizedName,
    pub(crate) uscc: Option<&'a str>,
    pub(crate) domains: KeyList<'a>,
    pub(crate) phones: KeyList<'a>,
    pub(crate) region: Option<&'a str>,
}

impl Features {
    fn as_candidate(&self) -> Candidate<'_> {
        Candidate {
            name: &self.name,
            uscc: self.uscc.as_deref(),
            domains: KeyList::Each(&self.domains),
            phones: KeyList::Each(&self.phones),
            region: self.region.as_deref(),
        }
    }
}

/// Weight of a generic (industry) character relative to a distinctive one, in the edit similarity.
const GENERIC_WEIGHT: f64 = 0.35;
/// A name score at or above this is shown as agreeing.
const AGREEING: f64 = 0.80;
/// A name score below this is not evidence enough to show; [`names_related`] needs at least this.
const WEAK: f64 = 0.70;

/// Scratch rows for [`weighted_similarity`], reused so that scoring a pair allocates nothing.
#[derive(Default)]
struct Rows {
    a: Vec<char>,
    b: Vec<char>,
    prev: Vec<f64>,
    cur: Vec<f64>,
}

thread_local! {
    static ROWS: std::cell::RefCell<Rows> = std::cell::RefCell::new(Rows::default());
}

/// Edit similarity in [0, 1] where edits in generic words cost less than edits in the distinctive part.
pub(crate) fn weighted_similarity(a: &NormalizedName, b: &NormalizedName) -> f64 {
    ROWS.with_borrow_mut(|rows| {
        let Rows { a: ac, b: bc, prev, cur } = rows;
        ac.clear();
        ac.extend(a.core().chars());
        bc.clear();
        bc.extend(b.core().chars());
        let (ad, bd) = (a.distinctive_chars(), b.distinctive_chars());
        // A character of the distinctive part weighs 1, one of the industry words GENERIC_WEIGHT.
        let aw = |i: usize| if i < ad { 1.0 } else { GENERIC_WEIGHT };
        let bw = |j: usize| if j < bd { 1.0 } else { GENERIC_WEIGHT };
        let ta: f64 = (0..ac.len()).map(aw).sum();
        let tb: f64 = (0..bc.len()).map(bw).sum();
        if ta == 0.0 || tb == 0.0 {
            return 0.0;
        }
        prev.clear();
        prev.push(0.0);
        let mut sum = 0.0;
        for j in 0..bc.len() {
            sum += bw(j);
            prev.push(sum);
        }
        cur.clear();
        cur.resize(bc.len() + 1, 0.0);
        for (i, &x) in ac.iter().enumerate() {
            let wi = aw(i);
            cur[0] = prev[0] + wi;
            for (j, &y) in bc.iter().enumerate() {
                let wj = bw(j);
                let sub = if x == y {
                    0.0
                } else if wi > wj {
                    wi
                } else {
                    wj
                };
                // Every cost is finite, so a plain comparison gives what `f64::min` would, without
                // its NaN handling in the innermost loop.
                let lo = |a: f64, b: f64| if b < a { b } else { a };
                cur[j + 1] = lo(lo(prev[j] + sub, prev[j + 1] + wi), cur[j] + wj);
            }
            std::mem::swap(prev, cur);
        }
        (1.0 - prev[bc.len()] / ta.max(tb)).max(0.0)
    })
}

use Level as L;
use Pending as P;

/// Name part of the score, with its reasons.
fn name_score<'a>(q: &'a NormalizedName, c: &'a NormalizedName, reasons: &mut Vec<Pending<'a>>) -> f64 {
    if q.latin != c.latin {
        if let Some((level, args)) = crate::cross_script::cross_script(q, c) {
            let v = level.weight();
            reasons.push(P::new(level, Some(true), Why::Args(args), v));
            return v;
        }
    }
    if q.core().is_empty() || c.core().is_empty() || q.latin != c.latin {
        let w = L::CoreNotComparable.weight();
        reasons.push(P::new(L::CoreNotComparable, None, Why::Pair(q.core(), c.core()), w));
        return w;
    }
    let sim = weighted_similarity(q, c);
    // Every level of the name comparison that holds, with its score; the best one is the name's.
    let mut found: Vec<(f64, Level, Why<'a>)> = Vec::with_capacity(4);
    let level = if sim >= 1.0 { L::CoreIdentical } else { L::CoreSimilar };
    let v = if sim >= 1.0 { level.weight() } else { sim * level.weight() };
    found.push((v, level, Why::Similarity(q.core(), c.core(), sim)));
    let mut consider = |(v, l, args): (f64, Level, Vec<String>)| found.push((v, l, Why::Args(args)));
    let named = |l: Level| (l.weight(), l);
    if q.stem() == c.stem() && sim < 1.0 {
        let (v, l) = named(L::CorePlaceWritten);
        consider((v, l, vec![q.stem().into(), c.stem().into()]));
    }
    // Latin names with the same brand and different industry words (Yunfan Tech / Yunfan Data Technology).
    if q.latin && q.distinctive() == c.distinctive() && q.distinctive().len() >= 4 && sim < 1.0 {
        let (v, l) = named(L::LatinSameBrand);
        consider((v, l, vec![q.distinctive().into()]));
    }
    let (s, l) = if q.core_chars() <= c.core_chars() { (q, c) } else { (c, q) };
    if sim < 1.0 && s.core() == l.distinctive() && s.core_chars() >= 2 {
        let (v, level) = named(short_form(s, l));
        consider((v, level, vec![s.core().into(), l.core().into()]));
    }
    // Every way `s` can abbreviate `l` keeps all its characters but at most one: test the character
    // sets (exact: a character `l` holds always has its bit) before the view copies anything.
    let possible = (wide_char_bits(s.core().chars()) & !wide_char_bits(l.stem().chars())).count_ones() <= 1;
    if let Some(found) = possible.then(|| views::abbreviation(s, l)).flatten() {
        consider(found);
    }
    for (a, b) in [(q, c), (c, q)] {
        if let Some(found) = views::place_typo(a, b) {
            consider(found);
        }
    }
    if let Some(found) = views::one_typo(q, c) {
        consider(found);
    }

    if !q.latin {
        let (qd, cd) = (q.distinctive_chars(), c.distinctive_chars());
        let (s, l) = if qd <= cd { (q, c) } else { (c, q) };
        // A place alone (a county-level town, 义乌) is where a company is, not which one.
        let named_s = !s.generic_distinctive() && !is_place(s.distinctive());
        if s.distinctive_chars() >= 3 && named_s && l.core().contains(s.distinctive()) {
            let (v, level) = named(L::ContainedInside);
            consider((v, level, vec![s.distinctive().into(), l.core().into()]));
        }
        // A bare two-character name ending a longer brand, after another name (a parent's, as in
        // 鹭岑星帆 for 星帆, of a full name or bare as 长虹锦泓 for 锦泓): worth a look, as a bare
        // two-character name beginning a full name is.
        let full = l.legal_form().is_some_and(|f| f.contains("公司"));
        if s.core_chars() == 2
            && s.legal_form().is_none()
            && named_s
            && (full || (l.legal_form().is_none() && l.core_chars() == 4 && l.place_ids().is_empty()))
            && l.distinctive_chars() >= 4
            && l.distinctive().ends_with(&s.core())
        {
            let (v, level) = named(L::ContainedEndsBrand);
            consider((v, level, vec![s.core().into(), l.distinctive().into()]));
        }
        // The same the other way: that bare four-character name (鹭岑锦泓, no place, no legal form)
        // against the full legal name, not a joint-stock one, the two-character brand opens
        // (锦泓科技有限公司). Joint-stock names are left out: measured, they cost correct decisions.
        if s.distinctive_chars() == 2
            && s.legal_form().is_some_and(|f| f.contains("公司") && !f.contains("股份"))
            && named_s
            && l.legal_form().is_none()
            && l.place_ids().is_empty()
            && l.core_chars() == 4
            && l.distinctive_chars() == 4
            && l.core().ends_with(s.distinctive())
        {
            let (v, level) = named(L::ContainedEndsBrand);
            consider((v, level, vec![s.distinctive().into(), l.core().into()]));
        }
        // A national group's company written `中国<parent><name>`, against the short name it goes by: the
        // name (brand and industry, four characters or more) ends the full name after the parent's.
        let (s, l) = if q.core_chars() <= c.core_chars() { (q, c) } else { (c, q) };
        if l.stem().starts_with("中国")
            && l.legal_form().is_some_and(|f| f.contains("公司"))
            && !s.legal_form().is_some_and(|f| f.contains("公司"))
            && s.core_chars() >= 4
            && s.core() != s.distinctive()
            && !s.generic_distinctive()
            && l.core_chars() >= s.core_chars() + 2
            && l.core().ends_with(s.core())
        {
            let (v, level) = named(L::ContainedAfterParent);
            consider((v, level, vec![s.core().into(), l.stem().into()]));
        }
    }
    // The similarity came first, so an earlier level wins a tie and nothing beats a similarity of 0.
    let best = found.into_iter().reduce(|best, f| if f.0 > best.0 { f } else { best });
    let (mut score, mut level, mut how) = best.unwrap_or((0.0, L::CoreSimilar, Why::None));
    // Names made only of industry words (银行, 能源) say what a company does, not which company it is,
    // unless the place makes them one name (杭州化工研究院 = 杭州化工研究院).
    let generic_cap = L::CoreGenericOnly.weight();
    if q.generic_core() && c.generic_core() && score > generic_cap && !same_place(q, c) {
        score = generic_cap;
        level = L::CoreGenericOnly;
        how = Why::Pair(q.core(), c.core());
    }
    // Same brand root, different industry (岚能热力 / 岚能电力): likely two companies of one family.
    let (qt, ct) = (&q.core()[q.distinctive().len()..], &c.core()[c.distinctive().len()..]);
    if q.distinctive() == c.distinctive() && !qt.is_empty() && !ct.is_empty() && !qt.contains(ct) && !ct.contains(qt) {
        let w = L::IndustryConflict.weight();
        score += w;
        reasons.push(P::new(L::IndustryConflict, Some(false), Why::Pair(qt, ct), w));
    }
    // A group (集团) and a company that is not one are different legal entities, even with the same core.
    if let Some(level) = views::group_conflict(q, c).filter(|l| score > l.weight()) {
        let cap = level.weight();
        let why = if level == L::FormHoldingVsShares { Why::Pair(q.stem(), c.stem()) } else { Why::None };
        reasons.push(P::new(level, Some(false), why, cap - score));
        score = cap;
    }
    reasons.push(P::new(level, Some(score >= AGREEING), how, score));
    score
}

/// Whether two names place their companies in one place: the same stem, or a province in common, unless
/// both name towns in it and not the same one (化工（杭州）/ 化工（宁波）).
fn same_place(q: &NormalizedName, c: &NormalizedName) -> bool {
    if q.stem() == c.stem() {
        return true;
    }
    let towns = |n: &NormalizedName| -> Vec<u16> {
        n.place_ids().iter().copied().filter(|p| !n.province_ids().contains(p)).collect()
    };
    let (qt, ct) = (towns(q), towns(c));
    let towns_differ = !qt.is_empty() && !ct.is_empty() && !qt.iter().any(|t| ct.contains(t));
    !towns_differ && q.province_ids().iter().any(|p| c.province_ids().contains(p))
}

/// Whether two names may be one company or two of one family (their names alone score at least
/// [`WEAK`]): the key-frequency guard counts only names unrelated to one another.
pub(crate) fn names_related(a: &NormalizedName, b: &NormalizedName) -> bool {
    a.folded() == b.folded() || name_score(a, b, &mut Vec::new()) >= WEAK
}

/// Which short-form level holds when `s.core()` = `l.distinctive()`.
fn short_form(s: &NormalizedName, l: &NormalizedName) -> Level {
    if s.legal_form() == Some("股份") && l.legal_form() == Some("股份") {
        // Two listed short names (万澜股份 / 万澜科技股份): two listed companies, perhaps of one family.
        L::AbbrevTwoListed
    } else if s.generic_core() {
        L::ShortGeneric
    } else if s.legal_form().is_none() && s.core_chars() <= 2 {
        L::ShortBareTwo
    } else if l.legal_form().is_none() && s.core_chars() <= 2 {
        L::ShortBareBrands
    } else {
        L::ShortName
    }
}

/// Scores candidate `c` against query `q`, in [0, 1], with reasons.
pub fn score(q: &Features, c: &Features) -> (f64, Vec<Reason>) {
    let (s, reasons) = score_candidate(q, c.as_candidate());
    (s, reasons.into_iter().map(Pending::worded).collect())
}

/// [`score`] of a candidate borrowed from an index, its reasons not yet worded.
pub(crate) fn score_candidate<'a>(q: &'a Features, c: Candidate<'a>) -> (f64, Vec<Pending<'a>>) {
    let mut reasons = Vec::with_capacity(4);
    let mut s = name_score(&q.name, c.name, &mut reasons);
    let (qn, cn) = (&q.name, c.name);
    let (qp, cp) = (qn.province_ids(), cn.province_ids());
    if !qp.is_empty() && !cp.is_empty() {
        let agree = qp.iter().any(|p| cp.contains(p));
        let level = if agree { L::PlacesAgree } else { L::PlacesConflict };
        let delta = level.weight();
        s += delta;
        reasons.push(P::new(level, Some(agree), Why::Provinces(qp, cp), delta));
    }
    if let (Some(a), Some(b)) = (q.region.as_deref(), c.region) {
        if a != b && s < 0.99 {
            let delta = L::SalesRegionDiffer.weight();
            s += delta;
            reasons.push(P::new(L::SalesRegionDiffer, Some(false), Why::Pair(a, b), delta));
        }
    }
    if let (Some(a), Some(b)) = (qn.legal_form(), cn.legal_form()) {
        let compatible = views::legal_forms_compatible(qn, cn);
        let level = if compatible { L::FormCompatible } else { L::FormIncompatible };
        reasons.push(P::new(level, Some(compatible), Why::Pair(a, b), level.weight()));
    }
    if qn.branch().is_some() != cn.branch().is_some() {
        let which = qn.branch().or(cn.branch()).unwrap_or_default();
        let delta = L::BranchOneSide.weight();
        s += delta;
        reasons.push(P::new(L::BranchOneSide, Some(false), Why::Branch(which), delta));
    }
    let branch = qn.branch().is_some() || cn.branch().is_some();
    match (q.uscc.as_deref(), c.uscc) {
        (Some(a), Some(b)) if a == b => {
            let set = L::UsccSame.weight();
            reasons.push(P::new(L::UsccSame, Some(true), Why::Plain(a), set - s));
            s = set;
        }
        (Some(a), Some(b)) if !branch && s > L::UsccDiffer.weight() => {
            let cap = L::UsccDiffer.weight();
            reasons.push(P::new(L::UsccDiffer, Some(false), Why::Pair(a, b), cap - s));
            s = cap;
        }
        _ => {}
    }
    if let Some(d) = q.domains.iter().find(|d| c.domains.contains(d)) {
        let delta = (L::DomainShared.weight() - s).max(0.0);
        s += delta;
        reasons.push(P::new(L::DomainShared, Some(true), Why::Plain(d), delta));
    }
    if let Some(p) = q.phones.iter().find(|p| c.phones.contains(p)) {
        let delta = (L::PhoneShared.weight() - s).max(0.0);
        s += delta;
        reasons.push(P::new(L::PhoneShared, Some(true), Why::Plain(p), delta));
    }
    (s.clamp(0.0, 1.0), reasons)
}
