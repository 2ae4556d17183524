//! Issue 20's examples of what goes wrong on unseen companies (its own invented names), one row each:
//! the band the pair must come out in (both ways), and a counterpart that must not match.

use super::common::{compare, Band};

/// One example: what it shows, the pair and its band, and a pair of different companies close to it
/// that must stay below a match.
struct Example {
    what: &'static str,
    pair: (&'static str, &'static str),
    band: Band,
    must_not_match: (&'static str, &'static str),
}

const fn ex(
    what: &'static str,
    pair: (&'static str, &'static str),
    band: Band,
    not: (&'static str, &'static str),
) -> Example {
    Example { what, pair, band, must_not_match: not }
}

const EXAMPLES: &[Example] = &[
    // A one-character brand typo between two full legal names of one form: a person must see it.
    ex(
        "brand typo, group form",
        ("澜岳科技集团股份有限公司", "澜乐科技集团股份有限公司"),
        Band::Review,
        ("澜岳科技集团股份有限公司", "鹭岑科技集团股份有限公司"),
    ),
    ex(
        "brand typo, joint-stock form",
        ("澜岳科技股份有限公司", "澜乐科技股份有限公司"),
        Band::Review,
        ("澜岳科技股份有限公司", "澜乐数据股份有限公司"),
    ),
    ex(
        "brand typo, limited form",
        ("澜岳科技有限公司", "澜乐科技有限公司"),
        Band::Review,
        ("澜岳科技有限公司", "澜乐科技股份有限公司"),
    ),
    // A typo in the industry words, the brand intact: found, and a look.
    ex("industry typo", ("钢桥电子商务", "钢桥电光商务"), Band::Review, ("钢桥电子商务", "钢桥物流")),
    // A province in front of industry words is the name; the initials keep it.
    ex(
        "province and industry words, by initials",
        ("青海能源投资股份有限公司", "青海能投"),
        Band::Match,
        ("青海能投", "甘肃能源投资股份有限公司"),
    ),
    // A brand before industry words: the initials abbreviate the words, not the brand.
    ex(
        "brand, industry words by initials",
        ("云川能源投资股份有限公司", "云川能投"),
        Band::Match,
        ("云川能投", "云川能源科技股份有限公司"),
    ),
    ex("one character per word", ("云川能投", "云川能源投资"), Band::Match, ("云川能投", "云海能源投资")),
    ex("a middle word dropped", ("航海发展", "航海工业发展"), Band::Match, ("航海发展", "航海工业投资")),
    // Development zones and new areas say where, not who.
    ex(
        "industrial park",
        ("苏州工业园区澜岳能源投资有限公司", "澜岳能源投资有限公司"),
        Band::Match,
        ("苏州工业园区澜岳能源投资有限公司", "苏州工业园区鹭岑能源投资有限公司"),
    ),
    ex(
        "new area",
        ("天津滨海新区曦蕊物流有限公司", "曦蕊物流有限公司"),
        Band::Match,
        ("天津滨海新区曦蕊物流有限公司", "天津滨海新区琨翎物流有限公司"),
    ),
    ex(
        "economic development zone",
        ("岚溪经济技术开发区芃蒲建材有限公司", "芃蒲建材有限公司"),
        Band::Match,
        ("岚溪经济技术开发区芃蒲建材有限公司", "岚溪经济技术开发区翎瑶建材有限公司"),
    ),
    ex(
        "high-tech zone",
        ("岚溪高新区翎瑶软件有限公司", "翎瑶软件有限公司"),
        Band::Match,
        ("岚溪高新区翎瑶软件有限公司", "岚溪高新区澜岳软件有限公司"),
    ),
    // A national group's company, its parent's name in front.
    ex(
        "after a parent's prefix",
        ("中国石化岚峰石油有限公司", "岚峰石油"),
        Band::Match,
        ("中国石化岚峰石油有限公司", "岚峰"),
    ),
    ex(
        "after a parent's prefix and another name",
        ("中国石化鹭岑岚峰石油有限公司", "岚峰石油"),
        Band::Match,
        ("中国石化鹭岑岚峰石油有限公司", "岚峰科技"),
    ),
    // A short name with a parent's brand in front: a look.
    ex("a parent's brand added", ("长虹锦泓", "锦泓"), Band::Review, ("长虹锦泓", "长虹科技有限公司")),
    // A holding company and the joint-stock company of one brand and place: a look.
    ex(
        "X控股 against X股份 of one place",
        ("杭州澜岳控股", "杭州澜岳股份有限公司"),
        Band::Review,
        ("杭州澜岳控股", "杭州澜岳医药股份有限公司"),
    ),
    // Siblings or strangers sharing a brand prefix: a look, never a silent conflict.
    ex(
        "X股份 against a bare name extending the brand",
        ("紫星股份", "紫星国芯微电子"),
        Band::Review,
        ("紫星股份", "紫云国芯微电子股份有限公司"),
    ),
    ex(
        "a middle word that is a name",
        ("中拓科技", "中拓环能科技"),
        Band::Review,
        ("中拓科技", "中拓环能科技有限公司"),
    ),
    ex("two listed short names of one brand", ("万澜股份", "万澜科技股份"), Band::Review, ("万澜股份", "万澜科技集团")),
];

#[test]
fn each_issue_example_comes_out_in_its_band_and_its_counterpart_does_not_match() {
    let mut failures = Vec::new();
    for e in EXAMPLES {
        let (a, b) = e.pair;
        for (x, y) in [(a, b), (b, a)] {
            let o = compare(x, y);
            if o.band() != e.band {
                failures.push(format!("{}: {x} | {y}: want {:?}, got {}", e.what, e.band, o.describe()));
            }
        }
        let (a, b) = e.must_not_match;
        for (x, y) in [(a, b), (b, a)] {
            let o = compare(x, y);
            if o.band() == Band::Match {
                failures.push(format!("{}: {x} | {y} must not match, got {}", e.what, o.describe()));
            }
        }
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_sibling_s_review_names_the_words_that_extend_the_brand() {
    let o = compare("中拓科技", "中拓环能科技");
    assert!(
        o.reasons.iter().any(|r| r.code == "abbrev.middle_sibling" && r.detail.contains("环能")),
        "{}",
        o.describe()
    );
    let o = compare("万澜股份", "万澜科技股份");
    assert!(o.reasons.iter().any(|r| r.code == "abbrev.two_listed"), "{}", o.describe());
}
