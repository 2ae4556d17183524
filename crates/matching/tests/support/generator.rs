//! Generated pairs of company names, each of a known relation: variants of one company (legal form
//! dropped or changed, place bracketed, moved or in a development zone, traditional characters,
//! abbreviations, short names, typos) and hard negatives (siblings sharing a brand prefix, one brand in
//! two provinces, `X股份` against `X<other>`), a province with industry words against its initials, named
//! zones, typos in short full names, a parent's brand in front and `X控股` against `X股份`. Brands are
//! invented from a character pool; industry words
//! and places come from the public dictionaries in `data/` (trade.txt, pca.csv). Deterministic by seed.
//! Used by the index-recall test and by `examples/generated_pairs.rs`, which measures the scorer on it.
//!
//! 22 relations in all (`Relation`).
#![allow(dead_code, unreachable_pub)]

use dealgate_matching::normalize;
use std::collections::{HashMap, HashSet};

/// Characters invented brands are drawn from (none of them a place or industry word alone).
const BRAND_POOL: &str = "澜岳帆鹭岑川紫拓乐泰瑞恒远鑫晟昊辰睿博嘉祥鸿润禾隆骏锦泓峰岚翔凯卓诚康茂岭杉翎琦珑朗逸舜琨璟霖煦曜珀葵芮蔚沐韬麒骐璞琛弘奕翊瀚沣澄漪荻茗菁蓉桐梧榕楠槿柏松竹岩峻崧嵘巍屹砚墨笙箫琴瑟弦羽翼鹏鸾鹤雁鸥燕蝶蕾蕊芷兰蘅苓葭蒲萱芃芊茵莘晞晗昀旻暄曦晔炜烨焕熠炎铭钧锐铎镭钰琪瑾瑜璐珺琳瑶";
/// Characters that go between a brand and its industry in a sibling's name (中拓 → 中拓环能).
const SIBLING_POOL: &str = "环能芯微联创汇融致同达宏盈卓欣";

/// How two generated names relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// Same company, legal form dropped.
    LegalDropped,
    /// Same company, another legal form (有限公司 / 有限责任公司 / 股份有限公司).
    LegalChanged,
    /// Same company, the place in brackets after the brand instead of in front.
    BracketPlace,
    /// Same company, the place in front left out.
    PlaceDropped,
    /// Same company, written in traditional characters.
    Traditional,
    /// Same company, its industry words abbreviated by their initials (云川能源投资 → 云川能投).
    Abbreviation,
    /// Same company, brand and industry only (云川能源).
    ShortName,
    /// Same company, short name against the name after a parent's prefix (中国X岚峰石油 → 岚峰石油).
    ParentPrefix,
    /// Same company, with a development zone in front (苏州工业园区, XX高新区...).
    DevZone,
    /// Perhaps the same company: one character of a two-character brand differs (at least review).
    BrandTypo,
    /// Perhaps the same company: one character of the industry words differs (at least review).
    IndustryTypo,
    /// Different companies: a sibling whose brand extends the other's (中拓科技 / 中拓环能科技).
    SiblingPrefix,
    /// Different companies: one brand and industry in two provinces.
    TwoProvinces,
    /// Different companies: `X股份` against `X<other words>` of another industry.
    ListedVsOther,
    /// Different companies: one brand, another industry.
    OtherIndustry,
    /// Different companies: another brand, same place and industry.
    Stranger,
    /// Same company: a province and industry words only (四川能源投资), against the province and the
    /// words' initials (四川能投).
    ProvinceInitials,
    /// Same company, a zone with a name of its own in front (南京江北新区, XX高新区, XX经济技术开发区).
    NamedZone,
    /// Perhaps the same company: one character of a two-character brand differs between two full legal
    /// names of brand and one industry word (澜岳科技集团股份有限公司 / 澜乐科技集团股份有限公司).
    BrandTypoShort,
    /// Perhaps the same company: one character of the industry words differs, no legal form or place.
    IndustryTypoBare,
    /// Perhaps the same company: a short name with a parent's brand in front (长虹锦泓 for 锦泓科技…).
    ParentAdded,
    /// Perhaps the same company: `X控股` against `X股份有限公司` of the same place.
    HoldingVsShares,
}

/// What the matcher should make of a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// The same company: a match (review acceptable, below review a miss).
    Same,
    /// Unsure: at least review (partner first), never below.
    Review,
    /// Different companies: never a match (review acceptable).
    Different,
}

impl Relation {
    /// Every relation, in order.
    pub const ALL: [Relation; 22] = [
        Relation::LegalDropped,
        Relation::LegalChanged,
        Relation::BracketPlace,
        Relation::PlaceDropped,
        Relation::Traditional,
        Relation::Abbreviation,
        Relation::ShortName,
        Relation::ParentPrefix,
        Relation::DevZone,
        Relation::BrandTypo,
        Relation::IndustryTypo,
        Relation::SiblingPrefix,
        Relation::TwoProvinces,
        Relation::ListedVsOther,
        Relation::OtherIndustry,
        Relation::Stranger,
        Relation::ProvinceInitials,
        Relation::NamedZone,
        Relation::BrandTypoShort,
        Relation::IndustryTypoBare,
        Relation::ParentAdded,
        Relation::HoldingVsShares,
    ];

    /// What the matcher should make of it.
    pub fn expect(self) -> Expect {
        use Relation::*;
        match self {
            BrandTypo | IndustryTypo | BrandTypoShort | IndustryTypoBare | ParentAdded | HoldingVsShares => {
                Expect::Review
            }
            SiblingPrefix | TwoProvinces | ListedVsOther | OtherIndustry | Stranger => Expect::Different,
            _ => Expect::Same,
        }
    }

    /// Whether the index must return the target among its candidates whatever it scores (one edit of
    /// the distinctive part, an in-order abbreviation, a short name inside a longer name).
    pub fn must_be_candidate(self) -> bool {
        use Relation::*;
        matches!(
            self,
            BrandTypo
                | IndustryTypo
                | Abbreviation
                | ShortName
                | ParentPrefix
                | ProvinceInitials
                | BrandTypoShort
                | IndustryTypoBare
                | ParentAdded
                | HoldingVsShares
        )
    }
}

/// One generated pair: the query (a registration's name) and the target (an account's name).
#[derive(Debug, Clone)]
pub struct Pair {
    /// How they relate.
    pub relation: Relation,
    /// The registration's name.
    pub query: String,
    /// The account's name.
    pub target: String,
}

/// A small deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// Seeded.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The dictionaries' words the generator draws from, checked against the normaliser.
pub struct Words {
    brand_chars: Vec<char>,
    sibling_chars: Vec<char>,
    /// Two-character industry words the normaliser reads as industry words.
    industry: Vec<String>,
    /// Provinces (short form), each with its cities (short form).
    provinces: Vec<(String, Vec<String>)>,
    /// Simplified character → a traditional form.
    traditional: HashMap<char, char>,
}

fn short_place(full: &str) -> String {
    for suffix in ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"] {
        if let Some(s) = full.strip_suffix(suffix) {
            if s.chars().count() >= 2 {
                return s.to_string();
            }
        }
    }
    full.to_string()
}

impl Words {
    /// Reads the dictionaries.
    pub fn load() -> Words {
        let probe = "澜岳";
        let industry: Vec<String> = include_str!("../../data/trade.txt")
            .lines()
            .map(str::trim)
            .filter(|w| w.chars().count() == 2)
            .filter(|w| {
                let n = normalize(&format!("{probe}{w}有限公司"));
                n.distinctive() == probe && n.core() == format!("{probe}{w}")
            })
            .map(String::from)
            .collect();
        let mut provinces: Vec<(String, Vec<String>)> = Vec::new();
        for line in include_str!("../../data/pca.csv").lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let (Some(sheng), Some(shi)) = (f.get(1), f.get(2)) else { continue };
            let (p, c) = (short_place(sheng), short_place(shi));
            match provinces.iter_mut().find(|(q, _)| *q == p) {
                Some((_, cities)) => {
                    if c != p && c.chars().count() == 2 && !cities.contains(&c) {
                        cities.push(c);
                    }
                }
                None => provinces.push((p, Vec::new())),
            }
        }
        provinces.retain(|(p, cities)| p.chars().count() == 2 && !cities.is_empty());
        let mut traditional = HashMap::new();
        for c in '\u{4E00}'..='\u{9FFF}' {
            let s = fast2s::convert(&c.to_string());
            let mut chars = s.chars();
            if let (Some(simple), None) = (chars.next(), chars.next()) {
                if simple != c {
                    traditional.entry(simple).or_insert(c);
                }
            }
        }
        Words {
            brand_chars: BRAND_POOL.chars().collect(),
            sibling_chars: SIBLING_POOL.chars().collect(),
            industry,
            provinces,
            traditional,
        }
    }

    fn to_traditional(&self, s: &str) -> String {
        s.chars().map(|c| self.traditional.get(&c).copied().unwrap_or(c)).collect()
    }
}

/// Generates pairs, `per_relation` of each relation, every pair with a brand of its own.
pub fn pairs(seed: u64, per_relation: usize) -> Vec<Pair> {
    let w = Words::load();
    let mut rng = Rng::new(seed);
    let mut used: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for relation in Relation::ALL {
        let mut made = 0;
        for _ in 0..per_relation * 200 {
            if made == per_relation {
                break;
            }
            if let Some((query, target)) = make(&w, &mut rng, relation, &mut used) {
                out.push(Pair { relation, query, target });
                made += 1;
            }
        }
        assert_eq!(made, per_relation, "{relation:?}: too few pairs (brands used up?)");
    }
    out
}

/// A brand of two pool characters not used before, that the normaliser reads as a brand.
fn brand(w: &Words, rng: &mut Rng, used: &mut HashSet<String>) -> Option<String> {
    let b: String = [*rng.pick(&w.brand_chars), *rng.pick(&w.brand_chars)].iter().collect();
    let n = normalize(&format!("{b}科技有限公司"));
    (n.distinctive() == b && used.insert(b.clone())).then_some(b)
}

fn make(w: &Words, rng: &mut Rng, relation: Relation, used: &mut HashSet<String>) -> Option<(String, String)> {
    use Relation::*;
    let b = brand(w, rng, used)?;
    let (w1, w2) = (rng.pick(&w.industry).clone(), rng.pick(&w.industry).clone());
    if w1 == w2 {
        return None;
    }
    let ind = format!("{w1}{w2}");
    let (prov, cities) = rng.pick(&w.provinces);
    let city = rng.pick(cities);
    let place = if rng.below(2) == 0 { prov } else { city };
    let legal = *rng.pick(&["有限公司", "有限责任公司", "股份有限公司"]);
    let full = format!("{place}{b}{ind}{legal}");
    let pair = match relation {
        LegalDropped => (format!("{place}{b}{ind}"), full),
        LegalChanged => {
            let other = if legal == "有限公司" { "股份有限公司" } else { "有限公司" };
            (format!("{place}{b}{ind}{other}"), full)
        }
        BracketPlace => (format!("{b}{ind}（{place}）{legal}"), full),
        PlaceDropped => (format!("{b}{ind}{legal}"), full),
        Traditional => {
            let t = w.to_traditional(&full);
            if t == full {
                return None;
            }
            (t, full)
        }
        Abbreviation => {
            let (a, c) = (w1.chars().next()?, w2.chars().next()?);
            (format!("{b}{a}{c}"), full)
        }
        ShortName => (format!("{b}{w1}"), full),
        ParentPrefix => {
            let parent = brand(w, rng, used)?;
            (format!("{b}{w1}"), format!("中国{parent}{b}{w1}{legal}"))
        }
        DevZone => {
            let zone = *rng.pick(&["工业园区", "经济技术开发区", "高新区", "高新技术产业开发区", "新区"]);
            (format!("{b}{ind}{legal}"), format!("{city}{zone}{b}{ind}{legal}"))
        }
        BrandTypo => {
            let mut chars: Vec<char> = b.chars().collect();
            let at = rng.below(2);
            let other = *rng.pick(&w.brand_chars);
            if chars[at] == other {
                return None;
            }
            chars[at] = other;
            let typo: String = chars.iter().collect();
            if !used.insert(typo.clone()) {
                return None;
            }
            (format!("{place}{typo}{ind}{legal}"), full)
        }
        IndustryTypo => {
            let mut chars: Vec<char> = w2.chars().collect();
            let other = *rng.pick(&w.sibling_chars);
            if chars[0] == other {
                return None;
            }
            chars[0] = other;
            let typo: String = chars.iter().collect();
            (format!("{place}{b}{w1}{typo}{legal}"), full)
        }
        SiblingPrefix => {
            let s: String = [*rng.pick(&w.sibling_chars), *rng.pick(&w.sibling_chars)].iter().collect();
            (format!("{b}{s}{w1}"), format!("{b}{w1}{legal}"))
        }
        TwoProvinces => {
            let (other, _) = rng.pick(&w.provinces);
            if other == prov {
                return None;
            }
            (format!("{other}{b}{ind}{legal}"), format!("{prov}{b}{ind}{legal}"))
        }
        ListedVsOther => {
            let s: String = [*rng.pick(&w.sibling_chars), *rng.pick(&w.sibling_chars)].iter().collect();
            (format!("{b}股份"), format!("{place}{b}{s}{w2}{legal}"))
        }
        OtherIndustry => {
            let (o1, o2) = (rng.pick(&w.industry).clone(), rng.pick(&w.industry).clone());
            if [&o1, &o2].iter().any(|o| **o == w1 || **o == w2) || o1 == o2 {
                return None;
            }
            (format!("{place}{b}{o1}{o2}{legal}"), full)
        }
        Stranger => {
            let other = brand(w, rng, used)?;
            (format!("{place}{other}{ind}{legal}"), full)
        }
        ProvinceInitials => {
            // One pair per province and words: the province is the name here.
            if !used.insert(format!("{prov}{ind}")) {
                return None;
            }
            let (a, c) = (w1.chars().next()?, w2.chars().next()?);
            (format!("{prov}{a}{c}"), format!("{prov}{ind}{legal}"))
        }
        NamedZone => {
            // The zone's name: two invented characters (not a brand of any pair).
            let named: String = [*rng.pick(&w.brand_chars), *rng.pick(&w.brand_chars)].iter().collect();
            let zone = *rng.pick(&["新区", "高新区", "经济技术开发区", "工业园区"]);
            // A zone of three or more characters may open the name; a new area follows its city.
            let front = if zone != "新区" && rng.below(2) == 0 { String::new() } else { city.clone() };
            (format!("{front}{named}{zone}{b}{ind}{legal}"), format!("{b}{ind}{legal}"))
        }
        BrandTypoShort => {
            let mut chars: Vec<char> = b.chars().collect();
            let at = rng.below(2);
            let other = *rng.pick(&w.brand_chars);
            if chars[at] == other {
                return None;
            }
            chars[at] = other;
            let typo: String = chars.iter().collect();
            if !used.insert(typo.clone()) {
                return None;
            }
            let legal = *rng.pick(&["集团股份有限公司", "集团有限公司", "股份有限公司"]);
            (format!("{typo}{w1}{legal}"), format!("{b}{w1}{legal}"))
        }
        IndustryTypoBare => {
            let mut chars: Vec<char> = w2.chars().collect();
            let other = *rng.pick(&w.sibling_chars);
            if chars[1] == other {
                return None;
            }
            chars[1] = other;
            let typo: String = chars.iter().collect();
            (format!("{b}{w1}{typo}"), format!("{b}{w1}{w2}"))
        }
        ParentAdded => {
            let parent = brand(w, rng, used)?;
            (format!("{parent}{b}"), format!("{place}{b}{w1}{legal}"))
        }
        HoldingVsShares => {
            let holding = *rng.pick(&["控股", "控股有限公司", "控股集团有限公司"]);
            (format!("{place}{b}{holding}"), format!("{place}{b}股份有限公司"))
        }
    };
    Some(pair)
}
