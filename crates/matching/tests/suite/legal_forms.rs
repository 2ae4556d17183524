//! Phenomenon 1: legal forms (有限公司, 股份有限公司, Co., Ltd., Inc., GmbH...) come off the name and leave
//! the same core, so names differing only in their legal form match.

use super::common::{check_bands, Band};
use dealgate_matching::normalize;

#[test]
fn chinese_legal_forms_are_recorded_and_removed_from_the_core() {
    let rows = [
        ("禾丰源环保科技有限公司", "有限公司"),
        ("禾丰源环保科技有限责任公司", "有限责任公司"),
        ("禾丰源环保科技股份有限公司", "股份有限公司"),
        ("禾丰源环保科技公司", "公司"),
    ];
    for (name, form) in rows {
        let n = normalize(name);
        assert_eq!(n.core(), "禾丰源环保科技", "core of {name}: {n:?}");
        assert_eq!(n.legal_form(), Some(form), "legal form of {name}: {n:?}");
        assert!(!n.latin, "{name} is not a Latin name");
    }
}

#[test]
fn english_legal_forms_are_recorded_and_removed_from_the_core() {
    let names = [
        "Yunfan Data Technology Co., Ltd.",
        "Yunfan Data Technology Company Limited",
        "Yunfan Data Technology Inc.",
        "Yunfan Data Technology GmbH",
        "YUNFAN DATA TECHNOLOGY CO.,LTD",
        "Yunfan Data Technology Limited",
    ];
    for name in names {
        let n = normalize(name);
        assert!(n.latin, "{name} is a Latin name");
        assert_eq!(n.core(), "yunfandatatechnology", "core of {name}: {n:?}");
        assert_eq!(n.distinctive(), "yunfan", "distinctive part of {name}: {n:?}");
        assert!(n.legal_form().is_some(), "legal form of {name} not recorded: {n:?}");
    }
}

#[test]
fn names_differing_only_in_their_legal_form_match() {
    let rows = [
        ("杭州云帆数据科技有限公司", "杭州云帆数据科技有限责任公司", Band::Match),
        ("杭州云帆数据科技有限公司", "杭州云帆数据科技股份有限公司", Band::Match),
        ("禾丰源环保科技有限责任公司", "禾丰源环保科技股份有限公司", Band::Match),
        ("禾丰源环保科技有限公司", "禾丰源环保科技", Band::Match),
        ("Yunfan Data Technology Co., Ltd.", "Yunfan Data Technology Company Limited", Band::Match),
        ("Yunfan Data Technology Inc.", "Yunfan Data Technology GmbH", Band::Match),
        ("Yunfan Data Technology Co., Ltd.", "Yunfan Data Technology", Band::Match),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(o.says("core_name", true), "{a} | {b}: the core name should agree\n{}", o.describe());
        assert!(
            !o.reasons.iter().any(|r| r.agreed == Some(false)),
            "{a} | {b}: a different legal form of the same company is no disagreement\n{}",
            o.describe()
        );
    }
}

#[test]
fn the_legal_form_reason_names_both_forms() {
    let o = super::common::compare("禾丰源环保科技有限公司", "禾丰源环保科技股份有限公司");
    let lf = o.about("legal_form");
    assert!(
        lf.iter().any(|r| r.detail.contains("有限公司") && r.detail.contains("股份有限公司")),
        "legal_form reason should name both forms\n{}",
        o.describe()
    );
}

#[test]
fn a_legal_form_mistyped_in_one_character_is_still_the_legal_form() {
    for name in ["杭州峻岭图数据科技股份有眼公司", "杭州峻岭图数据科技股份有限公可", "杭州峻岭图数据科技股仿有限公司"]
    {
        let n = normalize(name);
        assert_eq!(n.core(), "峻岭图数据科技", "{name}");
        assert_eq!(n.legal_form(), Some("股份有限公司"), "{name}");
    }
    check_bands(&[("杭州峻岭图数据科技有限公可", "杭州峻岭图数据科技股份有限公司", Band::Match)]);
}

#[test]
fn a_word_one_character_from_a_legal_form_is_not_read_as_one() {
    // 乐团 differs from 集团 in its first character: it is the company's business, not its legal form.
    let n = normalize("峻岭图乐团有限公司");
    assert_eq!(n.legal_form(), Some("有限公司"));
    assert_eq!(n.core(), "峻岭图乐团");
    // An exact legal form is never re-read.
    assert_eq!(normalize("峻岭图数据科技股份有限公司").legal_form(), Some("股份有限公司"));
}
