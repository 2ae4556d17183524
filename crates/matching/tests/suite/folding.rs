//! Phenomena 3 and 4: traditional characters fold to simplified, full-width punctuation and letters to
//! half-width, and stray spaces disappear, so the same name written differently matches.

use super::common::{check_bands, Band};
use dealgate_matching::normalize;

#[test]
fn traditional_characters_fold_to_simplified() {
    let rows = [
        ("雲帆數據科技", "云帆数据科技"),
        ("杭州雲帆數據科技有限公司", "杭州云帆数据科技有限公司"),
        ("禾豐源環保科技（蘇州）有限公司", "苏州禾丰源环保科技有限公司"),
        ("鷺岑軟件股份有限公司", "鹭岑软件股份有限公司"),
    ];
    for (traditional, simplified) in rows {
        let (t, s) = (normalize(traditional), normalize(simplified));
        assert_eq!(t.core(), s.core(), "{traditional} / {simplified}");
        assert_eq!(t.provinces(), s.provinces(), "{traditional} / {simplified}");
    }
    let rows: Vec<_> = rows.iter().map(|(t, s)| (*t, *s, Band::Match)).collect();
    for o in check_bands(&rows) {
        assert!(o.says("core_name", true), "{}", o.describe());
    }
}

#[test]
fn full_width_punctuation_and_stray_spaces_fold_away() {
    let rows = [
        ("云帆数据科技（杭州）有限公司", "云帆数据科技(杭州)有限公司"),
        ("云帆数据科技 （杭州） 有限公司", "云帆数据科技(杭州)有限公司"),
        ("  杭州 云帆 数据 科技 有限 公司 ", "杭州云帆数据科技有限公司"),
        ("杭州·云帆数据科技有限公司", "杭州云帆数据科技有限公司"),
        ("【杭州】云帆数据科技有限公司", "杭州云帆数据科技有限公司"),
        ("禾丰源环保科技（深圳）有限公司\u{3000}", "禾丰源环保科技(深圳)有限公司"),
        ("ＹＵＮＦＡＮ　Data Technology Co.,Ltd", "Yunfan Data Technology Co., Ltd."),
        ("Yunfan  Data   Technology  Co. , Ltd .", "Yunfan Data Technology Co., Ltd."),
    ];
    for (a, b) in rows {
        let (x, y) = (normalize(a), normalize(b));
        assert_eq!(x.core(), y.core(), "{a:?} / {b:?}: {x:?} / {y:?}");
        assert_eq!(x.legal_form().is_some(), y.legal_form().is_some(), "{a:?} / {b:?}");
    }
    let rows: Vec<_> = rows.iter().map(|(a, b)| (*a, *b, Band::Match)).collect();
    check_bands(&rows);
}

#[test]
fn folded_chinese_names_keep_no_spaces_or_punctuation() {
    for name in ["  杭州 云帆 数据 科技 有限 公司 ", "云帆数据科技（杭州）有限公司", "杭州·云帆数据科技有限公司"]
    {
        let n = normalize(name);
        assert!(
            n.folded().chars().all(char::is_alphanumeric),
            "{name:?} folded to {:?}, which still holds spaces or punctuation",
            n.folded()
        );
        assert!(n.core().chars().all(char::is_alphanumeric), "{name:?}: core {:?}", n.core());
    }
}

#[test]
fn latin_names_fold_case_and_width() {
    let n = normalize("ＹＵＮＦＡＮ　Data Technology Co.,Ltd");
    assert!(n.latin);
    assert_eq!(n.core(), "yunfandatatechnology");
    assert!(n.folded().chars().all(|c| !c.is_uppercase()), "{:?}", n.folded());
}
