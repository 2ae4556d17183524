// Each comparison level pinned with invented names: the level a pair comes out at, the band its
// weight puts it in, pairs of different companies that must never match, the reasons' wording in both
// languages, and what raising the match threshold means on generated pairs.

use super::common::{check_bands, compare, compare_features, named, valid_uscc, Band};
use super::generator::{pairs, Expect};
use dealgate_domain::{Lang, Reason};
use dealgate_matching::comparison::{compiled_weights, with_weights, Comparison, Level};
use dealgate_matching::{reason_text, score, Party};

/// `(level code, a, b, band)`: `a` against `b` comes out at the level, in the band both ways.
const LEVELS: &[(&str, &str, &str, Band)] = &[
    ("core.identical", "杭州澜岳科技有限公司", "澜岳科技有限公司", Band::Match),
    ("core.similar", "澜岳数据科技有限公司", "星帆物流有限公司", Band::None),
    ("core.not_comparable", "Lanyue Technology Co., Ltd.", "杭州澜岳科技有限公司", Band::None),
    ("script.spelled_same_province", "Hangzhou Lanyue Technology Co., Ltd.", "杭州澜岳科技有限公司", Band::Match),
    ("script.spelled", "Lanyuexing Technology Co., Ltd.", "杭州澜岳星科技有限公司", Band::Review),
    ("short.name", "澜岳股份", "澜岳数据科技有限公司", Band::Match),
    ("short.bare_two", "澜岳", "澜岳数据科技有限公司", Band::Review),
    ("abbrev.begins", "砚川节能", "砚川节能材料有限公司", Band::Match),
    ("abbrev.begins_family", "砚川节能有限公司", "砚川节能材料有限公司", Band::Review),
    ("abbrev.initials", "澜岳能投", "澜岳能源投资股份有限公司", Band::Match),
    ("abbrev.listed", "紫澜股份", "紫澜星辰数据科技股份有限公司", Band::Match),
    ("abbrev.listed_sibling", "紫澜股份", "紫澜星辰数据科技有限公司", Band::Review),
    ("abbrev.middle_sibling", "中拓科技", "中拓环能科技有限公司", Band::Review),
    ("abbrev.middle_typo", "鹭岑健康", "鹭岑生命健慷有限公司", Band::Review),
    ("abbrev.begins_typo", "鹭岑星辰", "鹭岑星晨数据有限公司", Band::Review),
    ("abbrev.place_char", "深澜岳", "澜岳微电子有限公司", Band::Review),
    ("abbrev.listed_in_order", "峻岭股份", "峻图岭海科技股份有限公司", Band::Match),
    ("abbrev.in_order", "澜岳星", "杭州紫澜岳星数据有限公司", Band::Review),
    ("place.typo", "淅江澜岳科技有限公司", "浙江澜岳科技有限公司", Band::Match),
    ("typo.outside_brand", "上海禾丰源化工有限公司", "上海禾丰源化土有限公司", Band::Match),
    ("typo.in_brand_sure", "上海禾丰源化工有限公司", "上海禾丰原化工有限公司", Band::Match),
    ("contained.ends_brand", "星帆", "鹭岑星帆数据科技有限公司", Band::Review),
    ("industry.conflict", "岚能热力有限公司", "岚能电力有限公司", Band::Review),
    ("places.conflict", "广东澜岳科技有限公司", "浙江澜岳科技有限公司", Band::Review),
    ("places.agree", "浙江澜岳科技有限公司", "杭州澜岳科技有限公司", Band::Match),
    ("form.group_vs_company", "峻岭集团", "义乌峻岭制冷设备股份有限公司", Band::None),
    ("form.compatible", "澜岳科技股份有限公司", "澜岳科技有限公司", Band::Match),
    ("branch.one_side", "澜岳科技上海分公司", "澜岳科技有限公司", Band::Match),
    ("latin.same_brand", "LANYUE DATA TECHNOLOGY", "LANYUE DATA", Band::Review),
    ("abbrev.middle_dropped", "鹭岑科技", "鹭岑电子科技有限公司", Band::Match),
    ("abbrev.bare_two", "澜岳", "澜岳星辰数据科技有限公司", Band::Review),
    ("abbrev.listed_gapped", "峻岭股份", "义乌峻图岭海科技股份有限公司", Band::Review),
    ("typo.in_brand", "澜岳数据科技有限公司", "澜乐数据科技有限公司", Band::Review),
    ("form.incompatible", "澜岳科技集团有限公司", "澜星科技有限公司", Band::None),
    ("contained.inside", "澜岳星", "紫澜岳星", Band::Review),
    ("typo.in_brand", "澜岳科技集团股份有限公司", "澜乐科技集团股份有限公司", Band::Review),
    ("typo.in_brand", "澜岳科技股份有限公司", "澜乐科技股份有限公司", Band::Review),
    ("abbrev.two_listed", "万澜股份", "万澜科技股份", Band::Review),
    ("contained.after_parent", "岚峰石油", "中国鹭岑岚峰石油有限公司", Band::Match),
    ("form.holding_vs_shares", "杭州澜岳控股", "杭州澜岳股份有限公司", Band::Review),
    ("core.place_written_differently", "化工研究院（杭州）", "杭州化工研究院", Band::Match),
    ("core.generic_only", "能源有限公司", "能源（北京）有限公司", Band::None),
    ("abbrev.bare_brand", "澜岳股份", "澜岳星辰", Band::Review),
    ("script.spelled_partly", "Lanyuexingchen Technology Co., Ltd.", "澜岳星科技有限公司", Band::Review),
];

fn codes(reasons: &[Reason]) -> Vec<&str> {
    reasons.iter().map(|r| r.code.as_str()).collect()
}

#[test]
fn each_level_holds_for_its_pair_in_its_band() {
    let rows: Vec<(&str, &str, Band)> = LEVELS.iter().map(|&(_, a, b, band)| (a, b, band)).collect();
    let outcomes = check_bands(&rows);
    for ((code, a, b, _), o) in LEVELS.iter().zip(&outcomes) {
        assert!(codes(&o.reasons).contains(code), "{a} | {b}: want level {code}\n{}", o.describe());
        let level = Level::from_code(code).expect("a declared level");
        let reason = o.reasons.iter().find(|r| r.code == *code).expect("found above");
        assert_eq!(reason.feature, level.comparison().feature(), "{a} | {b}");
    }
}

#[test]
fn every_reason_names_a_declared_level_and_the_name_comparison_once() {
    for (_, a, b, _) in LEVELS {
        let o = compare(a, b);
        for r in &o.reasons {
            assert!(Level::from_code(&r.code).is_some(), "{a} | {b}: {r:?} names no level");
        }
        let name_levels =
            o.reasons.iter().filter(|r| Level::from_code(&r.code).unwrap().comparison() == Comparison::Name).count();
        assert_eq!(name_levels, 1, "{a} | {b}: one name level\n{}", o.describe());
    }
}

#[test]
fn different_companies_never_match_whatever_comparison_relates_them() {
    let never = [
        ("澜岳科技有限公司", "星帆科技有限公司"),
        ("中拓科技", "中拓环能科技有限公司"),
        ("紫澜股份", "紫澜星辰数据科技有限公司"),
        ("广东澜岳科技有限公司", "浙江澜岳科技有限公司"),
        ("岚能热力有限公司", "岚能电力有限公司"),
        ("峻岭集团", "义乌峻岭制冷设备股份有限公司"),
        ("澜岳", "澜岳数据科技有限公司"),
        ("星帆", "鹭岑星帆数据科技有限公司"),
        ("深澜岳", "澜岳微电子有限公司"),
        ("Lanyue Technology Co., Ltd.", "杭州澜岳科技有限公司"),
        // The name after a national group's prefix must be the short name whole, industry and all.
        ("岚峰", "中国鹭岑岚峰石油有限公司"),
        ("岚峰科技", "中国鹭岑岚峰石油有限公司"),
        ("岚峰石油有限公司", "中国鹭岑岚峰石油有限公司"),
        // A holding company and the joint-stock company of one brand: a look at most.
        ("杭州澜岳控股", "杭州澜岳股份有限公司"),
    ];
    for (a, b) in never {
        for (x, y) in [(a, b), (b, a)] {
            let o = compare(x, y);
            assert!(o.band() < Band::Match, "{x} | {y} must not match\n{}", o.describe());
        }
    }
    // The same name under two different USCCs: two legal entities.
    let with = |code: &str| {
        let code = valid_uscc(code);
        Party { name: "杭州澜岳科技有限公司", uscc: Some(&code), ..Default::default() }.features()
    };
    let o = compare_features(&with("91330100MA2AAAAA1"), &with("91330100MA2BBBBB2"));
    assert!(o.band() < Band::Match && codes(&o.reasons).contains(&"uscc.differ"), "{}", o.describe());
}

#[test]
fn reasons_read_in_chinese_and_english() {
    let o = compare("广东澜岳科技有限公司", "浙江澜岳科技有限公司");
    let places = o.reasons.iter().find(|r| r.code == "places.conflict").expect("a places reason");
    assert_eq!(places.args, ["广东", "浙江"]);
    assert_eq!(reason_text(places, Lang::Zh), "省份不同（广东 / 浙江）：不同公司的证据");
    assert_eq!(reason_text(places, Lang::En), places.detail);
    let core = o.reasons.iter().find(|r| r.code == "core.identical").expect("a name reason");
    assert!(reason_text(core, Lang::Zh).starts_with("名称相同（澜岳科技 = 澜岳科技）"), "{core:?}");
    // A reason stored before codes existed keeps its English words.
    let old = Reason { feature: "region".into(), detail: "广东 / 浙江".into(), ..Default::default() };
    assert_eq!(reason_text(&old, Lang::Zh), "广东 / 浙江");
    // Every level has its own words in each language.
    for &level in Level::ALL {
        let r = Reason { code: level.code().into(), args: vec!["甲".into(), "乙".into()], ..Default::default() };
        let (zh, en) = (reason_text(&r, Lang::Zh), reason_text(&r, Lang::En));
        assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{level:?}: {zh} / {en}");
    }
}

/// Raising `match_threshold` must mean "surer": on generated pairs, the pairs scored at or above any
/// threshold a person may set are at least that share pairs of one company. A relation given a fixed
/// score just above the default threshold, whatever its evidence, would break this at the default.
#[test]
fn every_match_threshold_keeps_its_promise_on_generated_pairs() {
    let all = pairs(11, 60);
    let scored: Vec<(f64, bool)> = all
        .iter()
        .filter(|p| p.relation.expect() != Expect::Review)
        .map(|p| (score(&named(&p.query), &named(&p.target)).0, p.relation.expect() == Expect::Same))
        .collect();
    for t in [0.88, 0.90, 0.92, 0.95, 0.99] {
        let above: Vec<bool> = scored.iter().filter(|(s, _)| *s >= t).map(|&(_, same)| same).collect();
        let precision = above.iter().filter(|&&same| same).count() as f64 / above.len().max(1) as f64;
        assert!(precision >= t, "match_threshold {t}: {:.3} of {} matches are one company", precision, above.len());
    }
}

/// The levels of the keys and the sales region, which need more than names.
#[test]
fn key_and_sales_region_levels_hold_for_records_that_share_or_differ_in_them() {
    let uscc = valid_uscc("91330100MA2CCCCC3");
    let p = |name| Party { name, ..Default::default() };
    let cases = [
        // Two names no name level ties, one USCC: one legal entity.
        (
            "uscc.same",
            Party { uscc: Some(&uscc), ..p("澜岳数据有限公司") },
            Party { uscc: Some(&uscc), ..p("星帆物流有限公司") },
            Band::Match,
        ),
        (
            "domain.shared",
            Party { website: Some("www.lanyue-data.cn"), ..p("澜岳数据有限公司") },
            Party { website: Some("lanyue-data.cn"), ..p("澜岳") },
            Band::Match,
        ),
        (
            "phone.shared",
            Party { phone: Some("0571-86012345"), ..p("澜岳数据有限公司") },
            Party { phone: Some("057186012345"), ..p("澜岳") },
            Band::Match,
        ),
        // No dev pair of one company has two sales regions: the fitted penalty (-0.18) drops a short
        // name in another region below review, and sends a sure abbreviation to review.
        (
            "sales_region.differ",
            Party { region: Some("华东"), ..p("澜岳股份") },
            Party { region: Some("华南"), ..p("澜岳数据科技有限公司") },
            Band::None,
        ),
        (
            "sales_region.differ",
            Party { region: Some("华东"), ..p("澜岳能投") },
            Party { region: Some("华南"), ..p("澜岳能源投资股份有限公司") },
            Band::Review,
        ),
    ];
    for (code, a, b, want) in cases {
        let o = compare_features(&a.features(), &b.features());
        assert!(codes(&o.reasons).contains(&code), "want {code}\n{}", o.describe());
        assert_eq!(o.band(), want, "{code}\n{}", o.describe());
    }
}

/// The weights are data: the same pair, scored with another table, comes out by that table.
#[test]
fn a_level_scores_what_its_weight_says() {
    let (a, b) = (named("澜岳股份"), named("澜岳数据科技有限公司"));
    let compiled = score(&a, &b).0;
    assert_eq!(compiled, Level::ShortName.weight());
    let mut table = compiled_weights();
    table[Level::ShortName as usize] = 0.95;
    assert_eq!(with_weights(table.clone(), || score(&a, &b).0), 0.95, "short.name at 0.95");
    // Lowered below another level that holds (a listed short name, 0.90), that level decides.
    table[Level::ShortName as usize] = 0.70;
    assert_eq!(with_weights(table, || score(&a, &b).0), Level::AbbrevListed.weight(), "the next best level");
    assert_eq!(score(&a, &b).0, compiled, "the table is back once the closure returns");
}

/// A threshold change that moves whole relations says so: `comparison::reclassified` names each level
/// whose pairs change band together, and a pair decided by such a level does move.
#[test]
fn a_threshold_change_names_the_levels_it_reclassifies() {
    use dealgate_domain::Band as B;
    use dealgate_matching::comparison::{band_at, reclassified, DEFAULT_THRESHOLDS};
    assert!(reclassified(DEFAULT_THRESHOLDS.0, DEFAULT_THRESHOLDS.1).is_empty(), "nothing moves at the defaults");
    let raised = reclassified(0.91, 0.75);
    let moved = |l: Level| raised.iter().find(|r| r.level == l).map(|r| (r.before, r.after));
    assert_eq!(moved(Level::AbbrevListed), Some((B::Match, B::Review)), "{raised:?}");
    assert_eq!(moved(Level::ContainedAfterParent), Some((B::Match, B::Review)), "{raised:?}");
    assert_eq!(moved(Level::ShortName), None, "0.92 stays a match at 0.91");
    assert_eq!(moved(Level::AbbrevInitials), None, "0.98 stays a match at 0.91");
    assert_eq!(moved(Level::TypoInBrand), None, "a review level stays one");
    // The pair the level decides moves as the list says.
    let (s, _) = score(&named("紫澜股份"), &named("紫澜星辰数据科技股份有限公司"));
    assert_eq!(s, Level::AbbrevListed.weight());
    assert_eq!((band_at(s, DEFAULT_THRESHOLDS), band_at(s, (0.91, 0.75))), (B::Match, B::Review));
    // Raising the review threshold past a review level would approve its pairs silently: named too.
    let review_raised = reclassified(0.88, 0.81);
    assert!(review_raised.iter().any(|r| r.level == Level::TypoInBrand && r.after == B::None), "{review_raised:?}");
    assert!(review_raised.iter().any(|r| r.level == Level::FormHoldingVsShares), "{review_raised:?}");
}

/// The levels that never name a reason (the in-order abbreviation's modifiers and its cap) still act:
/// each one, nudged up or down, moves the score of an invented pair.
#[test]
fn each_modifier_moves_a_pair() {
    let cases = [
        ("abbrev.at_start", "澜星帆", "澜岳星帆数据"),
        ("abbrev.compact", "澜星帆", "澜岳星帆数据"),
        ("abbrev.full_form", "澜岳帆", "紫澜岳星帆数据有限公司"),
        ("abbrev.short_brand", "澜帆电子", "紫澜岳帆电子"),
        ("abbrev.forms_differ", "澜帆控股", "紫澜岳星帆数据有限公司"),
        ("abbrev.cap", "澜星帆", "澜岳星帆数据有限公司"),
    ];
    for (code, a, b) in cases {
        let level = Level::from_code(code).expect("a declared level");
        let (a, b) = (named(a), named(b));
        let (s, reasons) = score(&a, &b);
        assert!(codes(&reasons).contains(&"abbrev.in_order"), "{code}: {reasons:?}");
        let moved = [0.01, -0.01].into_iter().any(|d| {
            let mut nudged = compiled_weights();
            nudged[level as usize] += d;
            with_weights(nudged, || score(&a, &b).0) != s
        });
        assert!(moved, "{code}: the pair's score does not depend on it");
    }
}

/// The account levels: a key that matched one record of an account vouches for its other records, found
/// (`account.same`) or scored lower (`account.same_scored`); another account of a similar name gains nothing.
#[test]
fn an_account_s_other_records_take_the_score_of_the_one_a_key_matched() {
    use dealgate_matching::Index;
    let uscc = valid_uscc("91330100MA2CCCCC3");
    let mut index = Index::new();
    index.insert("F1", &Party { name: "澜岳数据有限公司", uscc: Some(&uscc), ..Default::default() });
    index.insert("F2", &Party { name: "澜岳数据有限公司", ..Default::default() });
    index.insert("F3", &Party { name: "澜岳数据科技有限公司", ..Default::default() });
    let hit = |q: &Party, id: &str| {
        let hits = index.search(&q.features(), 0.5);
        hits.into_iter().find(|h| index.record_id(h.record) == id)
    };
    // A name nothing like the account's: only the key finds F1; F2 comes with it.
    let stranger = Party { name: "星帆物流有限公司", uscc: Some(&uscc), ..Default::default() };
    let f2 = hit(&stranger, "F2").expect("the account's other record is found");
    assert_eq!(f2.score, 1.0);
    assert!(codes(&f2.explanation.reasons).contains(&"account.same"), "{:?}", f2.explanation.reasons);
    assert!(hit(&stranger, "F3").is_none(), "a similar name of another account is not vouched for");
    // A similar name: F2 scores on its own, below F1's key, and is raised to it.
    let similar = Party { name: "澜岳数据服务有限公司", uscc: Some(&uscc), ..Default::default() };
    let f2 = hit(&similar, "F2").expect("scored on its name");
    assert_eq!(f2.score, 1.0);
    assert!(codes(&f2.explanation.reasons).contains(&"account.same_scored"), "{:?}", f2.explanation.reasons);
}
