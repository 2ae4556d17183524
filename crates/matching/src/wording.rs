//! What each comparison level says to a person, in Chinese and English: one exhaustive match over
//! [`Level`], so a level added without its words does not compile.
//!
//! `reason_text(reason, lang)` gives a reason's words; a reason's `detail` is the English.

use crate::comparison::Level;
use dealgate_domain::{Lang, Reason};

/// A reason in the reader's language, from its level's code and args; a reason stored before codes
/// existed (or naming a level this version does not know) keeps its stored English detail.
pub fn reason_text(reason: &Reason, lang: Lang) -> String {
    match Level::from_code(&reason.code) {
        Some(level) => words(level, &reason.args, lang),
        None => reason.detail.clone(),
    }
}

/// `a / b` differing by one character, or by two swapped, in words.
fn what_differs(from: &str, to: &str, lang: Lang) -> String {
    let swapped = from.chars().count() == 2;
    match (lang, swapped) {
        (Lang::En, false) => format!("one character ({from} / {to})"),
        (Lang::En, true) => format!("two characters swapped ({from} / {to})"),
        (Lang::Zh, false) => format!("一个字不同（{from} / {to}）"),
        (Lang::Zh, true) => format!("两个字颠倒（{from} / {to}）"),
    }
}

/// The words of `level` showing `args` (missing args read as empty).
pub(crate) fn words(level: Level, args: &[String], lang: Lang) -> String {
    let a = |i: usize| args.get(i).map_or("", String::as_str);
    let (x, y) = (a(0), a(1));
    use Level as L;
    let zh = lang == Lang::Zh;
    let pick = |en: String, cn: String| if zh { cn } else { en };
    match level {
        L::CoreIdentical => {
            pick(format!("{x} ~ {y} similarity 1.00"), format!("名称相同（{x} = {y}）：同一公司的有力证据"))
        }
        L::CoreSimilar => {
            pick(format!("{x} ~ {y} similarity {}", a(2)), format!("名称相近（{x} ~ {y}，相似度 {}）", a(2)))
        }
        L::CoreNotComparable => pick(format!("{x} / {y}: not comparable"), format!("名称无法比较（{x} / {y}）")),
        L::CorePlaceWritten => pick(
            format!("{x} = {y}, the place written differently"),
            format!("名称相同，地名写法不同（{x} = {y}）：同一公司的证据"),
        ),
        L::CoreGenericOnly => pick(
            format!("{x} / {y}: only industry words, not a name"),
            format!("只有行业词，不是字号（{x} / {y}）：不足以认定同一公司"),
        ),
        L::LatinSameBrand => pick(
            format!("same brand {x} with other industry words"),
            format!("英文品牌相同（{x}），行业词不同：值得一看"),
        ),
        L::ScriptSameProvince | L::ScriptSpelled | L::ScriptPartly => {
            pick(format!("{x} spells {y} in pinyin"), format!("英文名 {x} 是 {y} 的拼音：同一公司的证据"))
        }
        L::ShortName => pick(format!("{x} is the short form of {y}"), format!("{x} 是 {y} 的简称：同一公司的有力证据")),
        L::ShortBareTwo => pick(
            format!("{x} is the short form of {y} (but a bare two-character name is not enough to be sure)"),
            format!("{x} 是 {y} 的简称，但只有两个字，不足以确定：需要人工确认"),
        ),
        L::ShortGeneric => pick(
            format!("{x} is the short form of {y} (but it is only generic words)"),
            format!("{x} 是 {y} 的简称，但只是行业词：证据很弱"),
        ),
        L::ShortBareBrands => pick(
            format!("{x} is the short form of {y} (but both are bare brand names differing in their industry words)"),
            format!("{x} 与 {y} 都只是品牌名，行业词不同：证据很弱"),
        ),
        L::AbbrevBegins => pick(format!("{x} is how {y} begins"), format!("{y} 以 {x} 开头：{x} 是它的简称")),
        L::AbbrevBeginsFamily => {
            pick(format!("{x} is how {y} begins"), format!("{y} 以 {x} 开头，但可能是同一家族的两家公司：需要人工确认"))
        }
        L::AbbrevInitials => pick(
            format!("{x} is {y} with its industry words by their initials ({})", a(2)),
            format!("{x} 是 {y} 的缩写，行业词各取首字（{}）：同一公司的证据", a(2)),
        ),
        L::AbbrevListed => pick(
            format!("{x}股份 is the listed short name of {y}"),
            format!("{x}股份 是 {y} 的上市简称：同一公司的证据"),
        ),
        L::AbbrevListedSibling => pick(
            format!("{x}股份 begins {y}, which extends the brand: perhaps a sibling"),
            format!("{y} 以 {x} 开头但品牌更长，可能是兄弟公司：需要人工确认"),
        ),
        L::AbbrevTwoListed => pick(
            format!("{x}股份 and {y}股份 are two listed short names of one brand: perhaps two companies of one family"),
            format!("{x}股份 与 {y}股份 是同一品牌的两个上市简称，可能是同一家族的两家公司：需要人工确认"),
        ),
        L::AbbrevMiddleDropped => {
            pick(format!("{x} is {y} without its middle words"), format!("{x} 是 {y} 省去中间词的简称：同一公司的证据"))
        }
        L::AbbrevMiddleSibling => pick(
            format!("{x} is {y} without the words {}, which extend the brand: perhaps a sibling", a(2)),
            format!("{x} 是 {y} 去掉“{}”，而这些字延伸了品牌，可能是兄弟公司：需要人工确认", a(2)),
        ),
        L::AbbrevMiddleTypo => pick(
            format!("{x} is {y} without its middle words but for one character"),
            format!("{x} 像是 {y} 省去中间词的简称，但有一个字不同：需要人工确认"),
        ),
        L::AbbrevBeginsTypo => {
            pick(format!("{x} begins {y} but for one character"), format!("{y} 的开头与 {x} 只差一个字：需要人工确认"))
        }
        L::AbbrevBareTwo => pick(
            format!("{x} begins {y}, but two characters are not enough to be sure"),
            format!("{y} 以 {x} 开头，但只有两个字，不足以确定：需要人工确认"),
        ),
        L::AbbrevPlaceChar => pick(
            format!("{x} is {y} with a one-character place in front"),
            format!("{x} 是 {y} 前面加一个字的地名简称：需要人工确认"),
        ),
        L::AbbrevBareBrand => pick(
            format!("{x} begins {y}, a bare brand: a person should look"),
            format!("{y} 以 {x} 开头，但只是品牌名：需要人工确认"),
        ),
        L::AbbrevListedInOrder | L::AbbrevListedGapped => pick(
            format!("{x} is a listed short name abbreviating {y}"),
            format!("{x} 是 {y} 的上市简称（按顺序取字）：同一公司的证据"),
        ),
        L::AbbrevInOrder => pick(
            format!("{x} abbreviates {y} (its characters appear in order{})", a(2)),
            format!("{x} 是 {y} 的缩写（按顺序取字{}）", if a(2).is_empty() { "" } else { "，首字取自地名" }),
        ),
        L::AbbrevAtStart => pick("the abbreviation starts where the name starts".into(), "缩写从名称开头取字".into()),
        L::AbbrevFullForm => pick("the full name has a legal form".into(), "全称带有公司形式".into()),
        L::AbbrevCompact => {
            pick("the abbreviation's characters lie close together".into(), "缩写的字在全称中相距很近".into())
        }
        L::AbbrevShortBrand => pick("a brand of two characters or fewer".into(), "品牌只有两个字或更少".into()),
        L::AbbrevFormsDiffer => pick("legal forms that cannot name one entity".into(), "公司形式不能指同一法人".into()),
        L::AbbrevCap => pick("an abbreviation is never sure".into(), "缩写不能完全确定".into()),
        L::PlaceTypo => pick(
            format!("{x} looks like a typo of {y}; {} ~ {} similarity {}", a(2), a(3), a(4)),
            format!("{x} 像是 {y} 的笔误；{} ~ {}，相似度 {}", a(2), a(3), a(4)),
        ),
        L::TypoOutsideBrand => pick(
            format!(
                "{x} and {y} differ only in {}, outside the distinctive name: a typo",
                what_differs(a(2), a(3), lang)
            ),
            format!("{x} 与 {y} 只在字号以外{}：笔误，同一公司的证据", what_differs(a(2), a(3), lang)),
        ),
        L::TypoInBrandSure => pick(
            format!("{x} and {y} differ in {} of {}: a typo", what_differs(a(2), a(3), lang), a(4)),
            format!("{x} 与 {y} 在 {} 个字中{}，其余都相同：笔误", a(4), what_differs(a(2), a(3), lang)),
        ),
        L::TypoInBrand => pick(
            format!("{x} and {y} differ in {}: a typo or another company", what_differs(a(2), a(3), lang)),
            format!(
                "{x} 与 {y} 的字号{}：可能是笔误，也可能是另一家公司，需要人工确认",
                what_differs(a(2), a(3), lang)
            ),
        ),
        L::ContainedInside => pick(format!("{x} appears inside {y}"), format!("{x} 出现在 {y} 之中：值得一看")),
        L::ContainedAfterParent => pick(
            format!("{x} ends {y}, after 中国 and a parent's name: the company's short name"),
            format!("{x} 是 {y} 去掉“中国”和母公司名称后的部分：该公司的简称"),
        ),
        L::ContainedEndsBrand => pick(
            format!("{x} ends the brand {y}, after another name: worth a look"),
            format!("{x} 位于品牌 {y} 的末尾，前面是另一个名称（可能是母公司）：值得一看"),
        ),
        L::IndustryConflict => {
            pick(format!("{x} / {y}"), format!("同一品牌，行业不同（{x} / {y}）：可能是同一家族的不同公司"))
        }
        L::FormHoldingVsShares => pick(
            format!("{x} and {y}: a holding company (控股) and a joint-stock company (股份) of one brand and place: worth a look"),
            format!("{x} 与 {y}：同一地方同一字号的控股公司与股份公司，可能是同一家或其母公司：值得一看"),
        ),
        L::FormGroupVsCompany => pick(
            "a group (集团) against a company that is not one".into(),
            "一方是集团，另一方不是：不同法人的证据".into(),
        ),
        L::FormCompatible => pick(format!("{x} / {y}"), format!("公司形式相容（{x} / {y}）")),
        L::FormIncompatible => pick(format!("{x} / {y}"), format!("公司形式不相容（{x} / {y}）：不同法人的证据")),
        L::PlacesAgree => pick(format!("{x} / {y}"), format!("省份相同（{x} / {y}）")),
        L::PlacesConflict => pick(format!("{x} / {y}"), format!("省份不同（{x} / {y}）：不同公司的证据")),
        L::SalesRegionDiffer => pick(format!("{x} / {y}"), format!("销售战区不同（{x} / {y}）：不同公司的证据")),
        L::BranchOneSide => pick(format!("one record is a branch ({x})"), format!("一方是分支机构（{x}），另一方不是")),
        L::UsccSame => pick(x.to_string(), format!("统一社会信用代码相同（{x}）：同一法人")),
        L::UsccDiffer => {
            pick(format!("{x} ≠ {y}: different legal entities"), format!("统一社会信用代码不同（{x} ≠ {y}）：不同法人"))
        }
        L::DomainShared => pick(x.to_string(), format!("网站或邮箱域名相同（{x}）：同一公司的有力证据")),
        L::PhoneShared => pick(x.to_string(), format!("电话号码相同（{x}）：同一公司的证据")),
        L::AccountSame => {
            pick(format!("same account name as {x}, which matched"), format!("与已匹配的 {x} 是同一客户名称"))
        }
        L::AccountSameScored => pick(
            format!("same account name as {x}, which scored {y}"),
            format!("与 {x} 是同一客户名称（{x} 得分 {y}）"),
        ),
    }
}
