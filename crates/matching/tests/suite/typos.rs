//! Phenomenon 8: one-character typos. In the industry words of two full legal names: a match; in the
//! brand: a review; in the place prefix (淅江 for 浙江): at least a review.

use super::common::{check_band_range, check_bands, compare, Band};

#[test]
fn a_typo_in_the_industry_words_of_two_full_names_matches() {
    let rows = [
        ("杭州云帆数据科技股份有限公司", "杭州云帆数椐科技股份有限公司", Band::Match),
        ("杭州云帆数据科技股份有限公司", "杭州云帆数据科枝股份有限公司", Band::Match),
        ("江苏禾丰源环保科技有限公司", "江苏禾丰源环堡科技有限公司", Band::Match),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        assert!(o.says("core_name", true), "{a} | {b}\n{}", o.describe());
    }
    let o = compare("杭州云帆数据科技股份有限公司", "杭州云帆数椐科技股份有限公司");
    let detail: String = o.about("core_name").iter().map(|r| r.detail.clone()).collect();
    assert!(detail.contains('据') && detail.contains('椐'), "the reason should name the typo\n{}", o.describe());
}

#[test]
fn a_typo_in_the_brand_is_a_review() {
    // A two-character brand with one character changed is as likely another company: a person looks.
    // A longer brand in a long name identical in place, industry and legal form is taken as a typo.
    let rows = [
        ("杭州云帆数据科技股份有限公司", "杭州云帄数据科技股份有限公司", Band::Review),
        ("江苏禾丰源环保科技有限公司", "江苏禾丰原环保科技有限公司", Band::Match),
        ("禾丰源科技有限公司", "禾丰原科技有限公司", Band::Review),
    ];
    for (o, (a, b, _)) in check_bands(&rows).iter().zip(rows) {
        let detail: String = o.about("core_name").iter().map(|r| r.detail.clone()).collect();
        assert!(detail.contains("one character"), "{a} | {b}: the reason should say what differs\n{}", o.describe());
    }
}

#[test]
fn a_mistyped_place_prefix_is_at_least_a_review() {
    check_band_range(&[
        ("淅江云帆数据科技股份有限公司", "浙江云帆数据科技股份有限公司", Band::Review, Band::Match),
        ("江酥禾丰源环保科技股份有限公司", "江苏禾丰源环保科技股份有限公司", Band::Review, Band::Match),
    ]);
    let o = compare("淅江云帆数据科技股份有限公司", "浙江云帆数据科技股份有限公司");
    let detail: String = o.about("core_name").iter().map(|r| r.detail.clone()).collect();
    assert!(
        detail.contains("淅江") && detail.contains("浙江"),
        "the reason should name the place typo\n{}",
        o.describe()
    );
}

#[test]
fn a_typo_is_not_a_licence_for_short_names() {
    // Two characters with one differing is another name, not a typo.
    check_band_range(&[
        ("鹭岑股份有限公司", "鹭芩股份有限公司", Band::None, Band::Review),
        ("云帆", "星帆", Band::None, Band::Review),
    ]);
}
