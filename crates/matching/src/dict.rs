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
    /// Places that may be cut from the front of a name (provinces, cities, full county names).
    pub(crate) prefix_places: HashSet<String>,
    /// Longest place name, in chars.
    pub(crate) max_place_len: usize,
    /// Generic (industry) words.
    pub(crate) generic: HashSet<String>,
    /// Longest generic word, in chars.
    pub(crate) max_generic_len: usize,
    /// English legal-form tokens.
    pub(crate) legal_en: HashSet<&'static str>,
    /// English generic tokens.
    pub(crate) generic_en: HashSet<&'static str>,
    /// Chinese legal forms, longest first.
    pub(crate) legal_zh: Vec<&'static str>,
    /// English place tokens → province.
    pub(crate) places_en: HashMap<&'static str, &'static str>,
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
    let mut legal_zh = LEGAL_FORMS_ZH.to_vec();
    legal_zh.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    Dict {
        places,
        prefix_places,
        max_place_len,
        generic,
        max_generic_len,
        legal_en: LEGAL_FORMS_EN.iter().copied().collect(),
        generic_en: GENERIC_EN.iter().copied().collect(),
        legal_zh,
        places_en: PLACES_EN.iter().copied().collect(),
    }
}

/// The dictionaries, loaded once.
pub(crate) fn dict() -> &'static Dict {
    static DICT: OnceLock<Dict> = OnceLock::new();
    DICT.get_or_init(load)
}
