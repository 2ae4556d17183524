//! Scoring one candidate against a registration: name similarity weighted towards the distinctive
//! part, exact keys, region and branch evidence, each worded as a reason.

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

/// Weight of a generic (industry) character relative to a distinctive one.
const GENERIC_WEIGHT: f64 = 0.35;
/// Score given when one name is the other's short form (`云帆` for `云帆数据科技`).
const SHORT_NAME: f64 = 0.92;
/// Score given when the shorter distinctive part appears inside the other name: worth a look.
const CONTAINED: f64 = 0.80;
/// Most a match of industry words alone can score.
const GENERIC_ONLY: f64 = 0.50;
/// Penalty when the same brand root carries different industry words.
const INDUSTRY_CONFLICT: f64 = 0.10;
/// Score of a relation a person should look at.
const REVIEWABLE: f64 = 0.80;
/// Score of a relation that is not evidence enough to show.
const WEAK: f64 = 0.70;
/// Penalty when the names place the companies in different provinces.
const REGION_CONFLICT: f64 = 0.15;
/// Penalty when the records sit in different sales regions and the names do not agree exactly.
const SALES_REGION: f64 = 0.06;
/// Penalty when one record is a branch and the other is not.
const BRANCH_MISMATCH: f64 = 0.03;

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

use Pending as P;

/// Name part of the score, with its reasons.
fn name_score<'a>(q: &'a NormalizedName, c: &'a NormalizedName, reasons: &mut Vec<Pending<'a>>) -> f64 {
    if q.latin != c.latin {
        if let Some((v, how)) = crate::cross_script::cross_script(q, c) {
            reasons.push(P::new("core_name", Some(true), Why::Text(how), v));
            return v;
        }
    }
    if q.core().is_empty() || c.core().is_empty() || q.latin != c.latin {
        let why = Why::Text(format!("{} / {}: not comparable", q.core(), c.core()));
        reasons.push(P::new("core_name", None, why, 0.0));
        return 0.0;
    }
    let sim = weighted_similarity(q, c);
    let mut found: Vec<(f64, Why<'a>)> = Vec::with_capacity(4);
    found.push((sim, Why::Similarity(q.core(), c.core(), sim)));
    let mut consider = |s: f64, h: String| found.push((s, Why::Text(h)));
    if q.stem() == c.stem() && sim < 1.0 {
        consider(1.0, format!("{} = {}, the place written differently", q.stem(), c.stem()));
    }
    // Latin names with the same brand and different industry words (Yunfan Tech / Yunfan Data Technology).
    if q.latin && q.distinctive() == c.distinctive() && q.distinctive().len() >= 4 && sim < 1.0 {
        consider(0.86, format!("same brand {} with other industry words", q.distinctive()));
    }
    let (s, l) = if q.core_chars() <= c.core_chars() { (q, c) } else { (c, q) };
    if sim < 1.0 && s.core() == l.distinctive() && s.core_chars() >= 2 {
        let (v, why) = short_form(s, l);
        consider(v, format!("{} is the short form of {}{why}", s.core(), l.core()));
    }
    // Every way `s` can abbreviate `l` keeps all its characters but at most one: test the character
    // sets (exact: a character `l` holds always has its bit) before the view copies anything.
    let possible = (wide_char_bits(s.core().chars()) & !wide_char_bits(l.stem().chars())).count_ones() <= 1;
    if let Some((v, why)) = possible.then(|| views::abbreviation(s, l)).flatten() {
        consider(v, why);
    }
    for (a, b) in [(q, c), (c, q)] {
        if let Some((v, why)) = views::place_typo(a, b) {
            consider(v, why);
        }
    }
    if let Some((v, why)) = views::one_typo(q, c) {
        consider(v, why);
    }

    if !q.latin {
        let (qd, cd) = (q.distinctive_chars(), c.distinctive_chars());
        let (s, l) = if qd <= cd { (q, c) } else { (c, q) };
        // A place alone (a county-level town, 义乌) is where a company is, not which one.
        let named = !s.generic_distinctive() && !is_place(s.distinctive());
        if s.distinctive_chars() >= 3 && named && l.core().contains(s.distinctive()) {
            consider(CONTAINED, format!("{} appears inside {}", s.distinctive(), l.core()));
        }
        // A bare two-character name ending a longer brand, after another name (a parent's, as in
        // 鹭岑星帆 for 星帆): worth a look, as a bare two-character name beginning a full name is.
        let full = l.legal_form().is_some_and(|f| f.contains("公司"));
        if s.core_chars() == 2
            && s.legal_form().is_none()
            && named
            && full
            && l.distinctive_chars() >= 4
            && l.distinctive().ends_with(&s.core())
        {
            consider(
                CONTAINED,
                format!("{} ends the brand {}, after another name: worth a look", s.core(), l.distinctive()),
            );
        }
    }
    let (mut score, mut how) =
        found.into_iter().fold((0.0, Why::Text(String::new())), |best, f| if f.0 > best.0 { f } else { best });
    // Names made only of industry words (银行, 能源) say what a company does, not which company it is,
    // unless the place makes them one name (杭州化工研究院 = 杭州化工研究院).
    let same_place = q.stem() == c.stem() || q.province_ids().iter().any(|p| c.province_ids().contains(p));
    if q.generic_core() && c.generic_core() && !same_place && score > GENERIC_ONLY {
        score = GENERIC_ONLY;
        how = Why::Text(format!("{} / {}: only industry words, not a name", q.core(), c.core()));
    }
    // Same brand root, different industry (岚能热力 / 岚能电力): likely two companies of one family.
    let (qt, ct) = (&q.core()[q.distinctive().len()..], &c.core()[c.distinctive().len()..]);
    if q.distinctive() == c.distinctive() && !qt.is_empty() && !ct.is_empty() && !qt.contains(ct) && !ct.contains(qt) {
        score -= INDUSTRY_CONFLICT;
        reasons.push(P::new("industry", Some(false), Why::Pair(qt, ct), -INDUSTRY_CONFLICT));
    }
    // A group (集团) and a company that is not one are different legal entities, even with the same core.
    if let Some(cap) = views::group_conflict(q, c).filter(|cap| score > *cap) {
        let why = Why::Plain("a group (集团) against a company that is not one");
        reasons.push(P::new("legal_form", Some(false), why, cap - score));
        score = cap;
    }
    reasons.push(P::new("core_name", Some(score >= CONTAINED), how, score));
    score
}

/// Whether two names may be one company or two of one family (their names alone score at least
/// [`WEAK`]): the key-frequency guard counts only names unrelated to one another.
pub(crate) fn names_related(a: &NormalizedName, b: &NormalizedName) -> bool {
    a.folded() == b.folded() || name_score(a, b, &mut Vec::new()) >= WEAK
}

/// How much a short-form relation (`s.core()` = `l.distinctive()`) is worth, and a note on why it is weak.
fn short_form(s: &NormalizedName, l: &NormalizedName) -> (f64, &'static str) {
    if s.generic_core() {
        (WEAK, " (but it is only generic words)")
    } else if s.legal_form().is_none() && s.core_chars() <= 2 {
        (REVIEWABLE, " (but a bare two-character name is not enough to be sure)")
    } else if l.legal_form().is_none() && s.core_chars() <= 2 {
        (WEAK, " (but both are bare brand names differing in their industry words)")
    } else {
        (SHORT_NAME, "")
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
        let delta = if agree { 0.0 } else { -REGION_CONFLICT };
        s += delta;
        reasons.push(P::new("region", Some(agree), Why::Provinces(qp, cp), delta));
    }
    if let (Some(a), Some(b)) = (q.region.as_deref(), c.region) {
        if a != b && s < 0.99 {
            s -= SALES_REGION;
            reasons.push(P::new("sales_region", Some(false), Why::Pair(a, b), -SALES_REGION));
        }
    }
    if let (Some(a), Some(b)) = (qn.legal_form(), cn.legal_form()) {
        let compatible = views::legal_forms_compatible(qn, cn);
        reasons.push(P::new("legal_form", Some(compatible), Why::Pair(a, b), 0.0));
    }
    if qn.branch().is_some() != cn.branch().is_some() {
        let which = qn.branch().or(cn.branch()).unwrap_or_default();
        s -= BRANCH_MISMATCH;
        reasons.push(P::new("branch", Some(false), Why::Branch(which), -BRANCH_MISMATCH));
    }
    let branch = qn.branch().is_some() || cn.branch().is_some();
    match (q.uscc.as_deref(), c.uscc) {
        (Some(a), Some(b)) if a == b => {
            reasons.push(P::new("uscc", Some(true), Why::Plain(a), 1.0 - s));
            s = 1.0;
        }
        (Some(a), Some(b)) if !branch && s > 0.70 => {
            let why = Why::Text(format!("{a} ≠ {b}: different legal entities"));
            reasons.push(P::new("uscc", Some(false), why, 0.70 - s));
            s = 0.70;
        }
        _ => {}
    }
    if let Some(d) = q.domains.iter().find(|d| c.domains.contains(d)) {
        let delta = (0.96 - s).max(0.0);
        s += delta;
        reasons.push(P::new("domain", Some(true), Why::Plain(d), delta));
    }
    if let Some(p) = q.phones.iter().find(|p| c.phones.contains(p)) {
        let delta = (0.90 - s).max(0.0);
        s += delta;
        reasons.push(P::new("phone", Some(true), Why::Plain(p), delta));
    }
    (s.clamp(0.0, 1.0), reasons)
}
