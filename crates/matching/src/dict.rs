//! Word lists the normaliser needs: legal forms, places (with their province), generic industry words,
//! free-mail domains. Chinese lists come from `data/` (Apache-2.0, see data/README.md).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// Chinese legal-form endings, longest first when matched.
const LEGAL_FORMS_ZH: &[&str] = &[
    "集团股份有限公司",
    "集团有限责任公司",
    "集团有限公司",
    "股份有限公司",
    "有限责任公司",
    "股份合作公司",
    "有限公司",
    "有限合伙",
    "总公司",
    "控股集团",
    "集团公司",
    "集团",
    "公司",
    "股份",
    "控股",
];

/// English legal-form words (matched as whole trailing tokens).
const LEGAL_FORMS_EN: &[&str] = &[
    "co",
    "co.",
    "ltd",
    "ltd.",
    "limited",
    "company",
    "inc",
    "inc.",
    "incorporated",
    "corp",
    "corp.",
    "corporation",
    "gmbh",
    "llc",
    "plc",
    "ag",
    "sa",
    "s.a.",
    "bv",
    "nv",
    "pte",
    "pty",
    "kk",
    "group",
    "holding",
    "holdings",
    "jsc",
    "lp",
    "llp",
    "sarl",
    "spa",
    "oy",
    "ab",
    "as",
    "share",
    "shares",
    "stock",
    "joint",
    "the",
];

/// Longest Chinese legal form, in chars: the mistyped-form check keeps a name's last chars on the stack.
pub(crate) const LEGAL_ZH_MAX: usize = 12;

/// Branch markers: a record naming one of these is a branch of a company, not the company itself.
pub(crate) const BRANCH_MARKERS: &[&str] =
    &["分公司", "分行", "支行", "办事处", "分部", "分店", "分厂", "营业部", "分中心", "branch"];

/// Generic words that say what a company does, not which company it is (added to trade.txt).
const GENERIC_ZH: &[&str] = &[
    "科技",
    "信息技术",
    "技术",
    "网络",
    "软件",
    "电子",
    "信息",
    "数据",
    "智能",
    "实业",
    "发展",
    "股份",
    "控股",
    "集团",
    "国际",
    "贸易",
    "工程",
    "服务",
    "咨询",
    "管理",
    "投资",
    "产业",
    "系统",
    "通信",
    "电气",
    "设备",
    "新材料",
    "新材",
    "材料",
    "药业",
    "医药",
    "生物",
    "制药",
    "银行",
    "证券",
    "保险",
    "能源",
    "环保",
    "传媒",
    "文化",
    "教育",
    "物流",
    "供应链",
    "电器",
    "机械",
    "汽车",
    "光电",
    "光伏",
    "化工",
    "建设",
    "地产",
    "置业",
    "食品",
    "农业",
    "电力",
    "水务",
    "水利",
    "精密",
    "制造",
    "工业",
    "商贸",
    "企业",
    "网络科技",
    "信息科技",
    "科技发展",
    "创新",
    "数字",
    "云",
    "微电子",
    "半导体",
    "新能源",
    "自动化",
    "仪器",
    "仪表",
    "高科",
    "高新",
];

/// English generic words.
const GENERIC_EN: &[&str] = &[
    "technology",
    "technologies",
    "tech",
    "information",
    "info",
    "software",
    "network",
    "networks",
    "digital",
    "science",
    "sciences",
    "electronic",
    "electronics",
    "pharmaceutical",
    "pharmaceuticals",
    "pharma",
    "bio",
    "biotech",
    "industrial",
    "industries",
    "industry",
    "development",
    "international",
    "trading",
    "engineering",
    "services",
    "service",
    "consulting",
    "management",
    "investment",
    "systems",
    "system",
    "communication",
    "communications",
    "electric",
    "equipment",
    "materials",
    "material",
    "medical",
    "energy",
    "media",
    "culture",
    "education",
    "logistics",
    "manufacturing",
    "intelligent",
    "smart",
    "data",
    "new",
    "and",
    "of",
    "high",
    "hi-tech",
    "co",
];

/// Free-mail and consumer domains: an address there says nothing about the company.
pub(crate) const FREE_MAIL: &[&str] = &[
    "qq.com",
    "163.com",
    "126.com",
    "yeah.net",
    "sina.com",
    "sina.cn",
    "sohu.com",
    "foxmail.com",
    "aliyun.com",
    "139.com",
    "189.cn",
    "wo.cn",
    "tom.com",
    "21cn.com",
    "gmail.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.com.cn",
    "icloud.com",
    "me.com",
    "mail.com",
    "protonmail.com",
    "vip.qq.com",
    "vip.163.com",
    "vip.sina.com",
    "263.net",
    "yandex.com",
];

/// Pinyin of provinces and major cities, for English names ("Beijing ... Co., Ltd.").
const PLACES_EN: &[(&str, &str)] = &[
    ("beijing", "北京"),
    ("shanghai", "上海"),
    ("tianjin", "天津"),
    ("chongqing", "重庆"),
    ("shenzhen", "广东"),
    ("guangzhou", "广东"),
    ("guangdong", "广东"),
    ("hangzhou", "浙江"),
    ("zhejiang", "浙江"),
    ("ningbo", "浙江"),
    ("nanjing", "江苏"),
    ("jiangsu", "江苏"),
    ("suzhou", "江苏"),
    ("wuxi", "江苏"),
    ("changzhou", "江苏"),
    ("wuhan", "湖北"),
    ("hubei", "湖北"),
    ("chengdu", "四川"),
    ("sichuan", "四川"),
    ("xian", "陕西"),
    ("xi'an", "陕西"),
    ("shaanxi", "陕西"),
    ("changsha", "湖南"),
    ("hunan", "湖南"),
    ("hefei", "安徽"),
    ("anhui", "安徽"),
    ("jinan", "山东"),
    ("qingdao", "山东"),
    ("shandong", "山东"),
    ("zhengzhou", "河南"),
    ("henan", "河南"),
    ("fuzhou", "福建"),
    ("xiamen", "福建"),
    ("fujian", "福建"),
    ("kunming", "云南"),
    ("yunnan", "云南"),
    ("shenyang", "辽宁"),
    ("dalian", "辽宁"),
    ("liaoning", "辽宁"),
    ("harbin", "黑龙江"),
    ("changchun", "吉林"),
    ("jilin", "吉林"),
    ("nanchang", "江西"),
    ("jiangxi", "江西"),
    ("guiyang", "贵州"),
    ("guizhou", "贵州"),
    ("nanning", "广西"),
    ("guangxi", "广西"),
    ("haikou", "海南"),
    ("hainan", "海南"),
    ("shijiazhuang", "河北"),
    ("hebei", "河北"),
    ("taiyuan", "山西"),
    ("shanxi", "山西"),
    ("lanzhou", "甘肃"),
    ("urumqi", "新疆"),
    ("hohhot", "内蒙古"),
    ("dongguan", "广东"),
    ("foshan", "广东"),
    ("zhuhai", "广东"),
    ("hong kong", "香港"),
    ("hongkong", "香港"),
    ("macau", "澳门"),
    ("china", ""),
    ("zhongguo", ""),
];

/// The loaded dictionaries.
pub(crate) struct Dict {
    /// Place name (full or short) → province short name ("" when national, e.g. 中国).
    pub(crate) places: HashMap<String, String>,
    /// Places that may be cut from the front of a name (provinces, cities, full county names). The
    /// normaliser walks `prefix_place_trie` instead; the set says what the dictionary holds.
    pub(crate) prefix_places: HashSet<String>,
    /// Generic (industry) words. The normaliser walks `generic_rev` instead; the set says what the
    /// dictionary holds.
    pub(crate) generic: HashSet<String>,
    /// Longest place name, in chars.
    pub(crate) max_place_len: usize,
    /// Longest generic word, in chars.
    pub(crate) max_generic_len: usize,
    /// English legal-form tokens.
    pub(crate) legal_en: HashSet<&'static str>,
    /// English generic tokens.
    pub(crate) generic_en: HashSet<&'static str>,
    /// Chinese legal forms, longest first.
    pub(crate) legal_zh: Vec<&'static str>,
    /// Each of `legal_zh` with its length in chars, counted once here instead of per name.
    pub(crate) legal_zh_chars: Vec<(&'static str, usize)>,
    /// Each of `legal_zh` with its chars from the last one back (at most [`LEGAL_ZH_MAX`]).
    pub(crate) legal_zh_rev: Vec<(&'static str, Vec<char>)>,
    /// English place tokens → province.
    pub(crate) places_en: HashMap<&'static str, &'static str>,
    /// Places that may be cut from the front of a name (provinces, cities, full county names), as a trie:
    /// one walk from a position meets every one starting there.
    pub(crate) prefix_place_trie: Trie,
    /// Lengths of `places` words by their first two chars.
    pub(crate) place_heads: Lengths,
    /// Lengths of `places` words by their last char.
    pub(crate) place_tails: Lengths,
    /// Generic (industry) words spelt backwards: one walk back from a position meets every generic word
    /// ending there.
    pub(crate) generic_rev: Trie,
    /// Longest `places` word, in bytes.
    pub(crate) max_place_bytes: usize,
    /// Chars (below U+10000) that fast2s may turn into another char, one bit each.
    t2s_changes: Box<[u64]>,
}

/// For each key (the first two chars or the last char of a word, see [`head_key`] and [`tail_key`]), bit
/// `n` is set when some word of `n` chars has that key. The normaliser tries every length of a place at
/// every position; one look-up here rules most of them out without hashing a substring.
#[derive(Default)]
pub(crate) struct Lengths(HashMap<u64, u32>);

impl Lengths {
    fn of<'a>(words: impl Iterator<Item = &'a str>, key: fn(&str) -> Option<u64>) -> Lengths {
        let mut map: HashMap<u64, u32> = HashMap::default();
        for word in words {
            let n = word.chars().count();
            // A word the key cannot describe (too short) is never looked up by it.
            if let Some(k) = key(word) {
                assert!(n < 32, "dictionary word {word} is too long for a length mask");
                *map.entry(k).or_default() |= 1 << n;
            }
        }
        Lengths(map)
    }

    /// Bit `n` set: a word of `n` chars may have this key.
    pub(crate) fn get(&self, key: u64) -> u32 {
        self.0.get(&key).copied().unwrap_or(0)
    }
}

/// A set of words as a tree of chars: walking a string through it meets every word the string starts
/// with, without hashing one substring per possible length.
pub(crate) struct Trie {
    /// (node << 32 | char) → the node after that char; node 0 is the root.
    next: HashMap<u64, u32>,
    /// Whether the path to each node spells a word.
    word: Vec<bool>,
    /// Chars below U+10000 some word starts with, one bit each: most chars of a name start none, and
    /// this answers for them without hashing.
    first: Box<[u64]>,
}

impl Trie {
    fn of<I: Iterator<Item = char>>(words: impl Iterator<Item = I>) -> Trie {
        let mut trie = Trie { next: HashMap::default(), word: vec![false], first: vec![0; 0x10000 / 64].into() };
        for chars in words {
            let mut node = 0;
            for c in chars {
                if node == 0 && (c as usize) < 0x10000 {
                    trie.first[c as usize / 64] |= 1 << (c as usize % 64);
                }
                let fresh = u32::try_from(trie.word.len()).expect("a dictionary under 4G chars");
                node = *trie.next.entry(u64::from(node) << 32 | u64::from(c)).or_insert(fresh);
                if node == fresh {
                    trie.word.push(false);
                }
            }
            trie.word[node as usize] = true;
        }
        trie
    }

    /// The node after `c` from `node` (0 to start), if some word goes on that way.
    pub(crate) fn step(&self, node: u32, c: char) -> Option<u32> {
        if node == 0 && self.first.get(c as usize / 64).is_some_and(|w| w >> (c as usize % 64) & 1 == 0) {
            return None;
        }
        self.next.get(&(u64::from(node) << 32 | u64::from(c))).copied()
    }

    /// Whether the chars walked to `node` spell a word.
    pub(crate) fn is_word(&self, node: u32) -> bool {
        self.word[node as usize]
    }
}

/// The first two chars of `s` as one key (none when `s` is shorter).
pub(crate) fn head_key(s: &str) -> Option<u64> {
    let mut chars = s.chars();
    let (a, b) = (chars.next()?, chars.next()?);
    Some(u64::from(a) << 32 | u64::from(b))
}

/// The last char of `s` as a key.
pub(crate) fn tail_key(s: &str) -> Option<u64> {
    s.chars().next_back().map(u64::from)
}

/// The special cases of fast2s 0.3 (src/special.rs): chars it converts only next to certain others,
/// so converting them alone does not show that they may change.
const T2S_SPECIAL: &[char] = &['藉', '著', '苧', '闔', '鍾', '讎', '畫'];

/// Which chars fast2s may change. It only ever changes a three-byte char, to its table entry or, for the
/// special cases, depending on its neighbours; converting each char alone finds the table entries.
fn t2s_changes() -> Box<[u64]> {
    let mut bits = vec![0u64; 0x10000 / 64];
    let mut buf = [0u8; 4];
    for c in ('\u{800}'..='\u{FFFF}').chain(T2S_SPECIAL.iter().copied()) {
        let one: &str = c.encode_utf8(&mut buf);
        if T2S_SPECIAL.contains(&c) || fast2s::convert(one) != one {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
    }
    bits.into_boxed_slice()
}

impl Dict {
    /// Whether fast2s may change `c` (false means it surely leaves it as it is).
    pub(crate) fn t2s_may_change(&self, c: char) -> bool {
        self.t2s_changes.get(c as usize / 64).is_some_and(|w| w >> (c as usize % 64) & 1 != 0)
    }
}

fn short_place(full: &str) -> String {
    for suffix in ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "省", "市", "区", "县"]
    {
        if let Some(s) = full.strip_suffix(suffix) {
            if s.chars().count() >= 2 {
                return s.to_string();
            }
        }
    }
    full.to_string()
}

/// Province short forms used in company names that `pca.csv` does not derive (its short forms drop only
/// 省, 市 and the 自治区 suffixes): the short form and the province it names.
const PROVINCE_SHORT_FORMS: [(&str, &str); 1] = [("内蒙", "内蒙古")];

fn load() -> Dict {
    let mut places = HashMap::default();
    let mut prefix_places = HashSet::default();
    for line in include_str!("../data/pca.csv").lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        if cols.len() < 4 {
            continue;
        }
        let province = short_place(cols[1]);
        for (level, name) in [(0, cols[1]), (1, cols[2]), (2, cols[3])] {
            if name.is_empty() {
                continue;
            }
            let short = short_place(name);
            places.entry(name.to_string()).or_insert_with(|| province.clone());
            places.entry(short.clone()).or_insert_with(|| province.clone());
            prefix_places.insert(name.to_string());
            // Provinces and cities also lead names in short form; county-level short names (东方, 长安)
            // are too often words of the name itself.
            if level < 2 {
                prefix_places.insert(short);
            }
        }
    }
    for name in include_str!("../data/china_place.txt").lines().map(str::trim).filter(|l| l.chars().count() >= 2) {
        places.entry(name.to_string()).or_default();
    }
    // Short forms of provinces that names use and the public lists lack (内蒙伊利 for 内蒙古伊利).
    for (short, province) in PROVINCE_SHORT_FORMS {
        places.insert(short.to_string(), province.to_string());
        prefix_places.insert(short.to_string());
    }
    for national in ["中国", "中华", "全国"] {
        places.insert(national.to_string(), String::new());
        prefix_places.insert(national.to_string());
    }
    let mut generic: HashSet<String> = include_str!("../data/trade.txt")
        .lines()
        .map(str::trim)
        .filter(|l| l.chars().count() >= 2)
        .map(String::from)
        .collect();
    generic.extend(GENERIC_ZH.iter().map(|s| s.to_string()));
    // trade.txt lists some places (杭州); a place is never an industry word.
    generic.retain(|w| !prefix_places.contains(w));
    let max_place_len = places.keys().map(|p| p.chars().count()).max().unwrap_or(0);
    let max_generic_len = generic.iter().map(|p| p.chars().count()).max().unwrap_or(0);
    // The normaliser's searches keep offsets for at most 32 chars on the stack (normalize.rs).
    assert!(max_place_len < 32 && max_generic_len < 32, "a place or generic word of 32 chars or more");
    let mut legal_zh = LEGAL_FORMS_ZH.to_vec();
    legal_zh.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    Dict {
        prefix_place_trie: Trie::of(prefix_places.iter().map(|w| w.chars())),
        place_heads: Lengths::of(places.keys().map(String::as_str), head_key),
        place_tails: Lengths::of(places.keys().map(String::as_str), tail_key),
        generic_rev: Trie::of(generic.iter().map(|w| w.chars().rev())),
        max_place_bytes: places.keys().map(String::len).max().unwrap_or(0),
        t2s_changes: t2s_changes(),
        places,
        prefix_places,
        generic,
        max_place_len,
        max_generic_len,
        legal_en: LEGAL_FORMS_EN.iter().copied().collect(),
        generic_en: GENERIC_EN.iter().copied().collect(),
        legal_zh_chars: legal_zh.iter().map(|lf| (*lf, lf.chars().count())).collect(),
        legal_zh_rev: legal_zh
            .iter()
            .map(|lf| (*lf, lf.chars().rev().collect::<Vec<char>>()))
            .inspect(|(lf, rev)| assert!(rev.len() <= LEGAL_ZH_MAX, "legal form {lf} is too long"))
            .collect(),
        legal_zh,
        places_en: PLACES_EN.iter().copied().collect(),
    }
}

/// The dictionaries, loaded once.
pub(crate) fn dict() -> &'static Dict {
    static DICT: OnceLock<Dict> = OnceLock::new();
    DICT.get_or_init(load)
}
