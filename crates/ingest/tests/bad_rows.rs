//! Rows with bad or doubtful values: exact line, column, value and expectation; good rows survive.

use dealgate_domain::{FieldWarning, RecordKind};

use crate::support::*;

const REG_HEADER: &str = "registration_id,partner,partner_tier,submitted_at,customer_name,uscc,website,contact_name,\
contact_phone,contact_email,region,product,amount,expected_close\n";

#[test]
fn bad_values_reject_their_row_with_line_column_value_and_expectation() {
    let rows = [
        "R1,上海拓维渠道科技有限公司,gold,2026-06-29 11:55,杭州云帆数据科技有限公司,,,,,,华东,CRM,120000,2026-09-30", // line 2
        "R2,上海拓维渠道科技有限公司,gold,2026-06-29 11:55,,,,,,,华东,CRM,120000,2026-09-30", // 3: no customer
        "R3,上海拓维渠道科技有限公司,gold,yesterday,宁波明远贸易有限公司,,,,,,华东,CRM,120000,", // 4: bad datetime
        "R4,上海拓维渠道科技有限公司,gold,2026-06-29,宁波明远贸易有限公司,,,,,,华东,CRM,abc,", // 5: bad amount
        "R5,上海拓维渠道科技有限公司,gold,2026-06-29,宁波明远贸易有限公司,,,,,,华东,CRM,-5000,", // 6: negative
        "R6,上海拓维渠道科技有限公司,钻石级,2026-06-29,宁波明远贸易有限公司,,,,,,华东,CRM,,", // 7: tier
        "R7,上海拓维渠道科技有限公司,silver,2026-06-29,宁波明远贸易有限公司,,,,,,华东,CRM,,下个月", // 8: bad close date
        "R8,,silver,2026-06-29,宁波明远贸易有限公司,,,,,,华东,CRM,12..5,",                    // 9: two bad values
        "R9,深圳云图伙伴信息有限公司,,2026-06-30,成都蓉川软件股份有限公司,,,,,,,,,", // 10: good, no amount/close
    ];
    let csv = format!("{REG_HEADER}{}\n", rows.join("\n"));
    let p = read_ok("registrations.csv", csv, RecordKind::Registration);

    let ids: Vec<&str> = registrations(&p).iter().map(|r| r.registration_id.as_str()).collect();
    assert_eq!(ids, ["R1", "R9"], "{:?}", messages(&p));
    assert_eq!(registrations(&p)[1].amount, None);
    assert_eq!(registrations(&p)[1].expected_close, None);
    assert_eq!(p.rows_read, 9);
    assert_eq!(p.rejected_lines(), [3, 4, 5, 6, 7, 8, 9]);

    type Seen<'a> = (usize, Option<&'a str>, Option<usize>, &'a str, &'a str);
    let got: Vec<Seen> = p
        .rejected
        .iter()
        .map(|e| (e.line, e.column.as_deref(), e.column_number, e.value.as_str(), e.expected.as_str()))
        .collect();
    let datetime = "a date and time such as 2026-06-29 11:55, or a date such as 2026-06-29";
    let amount = "a number such as 120000 or 12万";
    let tiers = "one of gold (金牌), silver (银牌), registered (注册), or empty for registered";
    assert_eq!(
        got,
        [
            (3, Some("customer_name"), Some(5), "", "a value"),
            (4, Some("submitted_at"), Some(4), "yesterday", datetime),
            (5, Some("amount"), Some(13), "abc", amount),
            (6, Some("amount"), Some(13), "-5000", "an amount of 0 or more"),
            (7, Some("partner_tier"), Some(3), "钻石级", tiers),
            (8, Some("expected_close"), Some(14), "下个月", "a date such as 2026-06-30"),
            (9, Some("partner"), Some(2), "", "a value"),
            (9, Some("amount"), Some(13), "12..5", amount),
        ]
    );
    assert_eq!(
        p.rejected[2].to_string(),
        "registrations.csv line 5, column 13 (amount): \"abc\" is not an amount; expected a number such as 120000 or 12万"
    );
    assert_eq!(
        p.rejected[0].to_string(),
        "registrations.csv line 3, column 5 (customer_name): customer_name is empty; expected a value"
    );
}

#[test]
fn a_row_with_more_fields_than_the_header_is_refused_but_trailing_empty_fields_are_not() {
    let csv = "record_id,account_name,activity_date,activity_type,stage\n\
        F1,宁波明远贸易有限公司,2026-06-30,quote,报价阶段,169,000\n\
        F2,宁波明远贸易有限公司,2026-06-30,quote,,,\n";
    let p = read_ok("follow_ups.csv", csv, RecordKind::FollowUp);
    assert_eq!(follow_ups(&p).len(), 1);
    assert_eq!(follow_ups(&p)[0].record_id, "F2");
    let e = &p.rejected[0];
    assert_eq!((e.line, e.column.as_deref(), e.column_number, e.value.as_str()), (2, None, Some(6), "169"));
    assert!(e.to_string().contains("quote values that contain the delimiter"), "{e}");
}

#[test]
fn doubtful_uscc_website_and_email_are_imported_with_warnings() {
    let rows = [
        // line 2: check character wrong (…41L is valid), website and e-mail malformed
        "R1,上海拓维渠道科技有限公司,gold,2026-06-29,杭州云帆数据科技有限公司,91110000600037341M,not a site,赵敏,,zhaomin.yunfan-data.cn,,,,",
        // line 3: all good, including two websites in one cell
        "R2,上海拓维渠道科技有限公司,gold,2026-06-29,苏州澜石智能装备有限公司,91110000600037341L,www.lanshi-tech.cn、lanshi-tech.com,,,sales@lanshi-tech.cn,,,,",
        // line 4: too short
        "R3,上海拓维渠道科技有限公司,gold,2026-06-29,宁波明远贸易有限公司,9111000060003734,,,,,,,,",
    ];
    let csv = format!("{REG_HEADER}{}\n", rows.join("\n"));
    let p = read_ok("registrations.csv", csv, RecordKind::Registration);
    assert!(p.rejected.is_empty(), "{:?}", messages(&p));
    let r = registrations(&p);
    assert_eq!(r.len(), 3);

    assert_eq!(r[0].uscc.as_deref(), Some("91110000600037341M"), "the value is kept");
    let fields: Vec<&str> = r[0].warnings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(fields, ["uscc", "website", "contact_email"]);
    assert!(r[0].warnings[0].problem.contains("check character"), "{:?}", r[0].warnings[0]);
    assert!(r[0].is_flagged("uscc"));
    assert!(r[1].warnings.is_empty(), "{:?}", r[1].warnings);
    assert!(!r[1].is_flagged("uscc"));
    assert_eq!(r[2].warnings.len(), 1);
    assert!(r[2].warnings[0].problem.contains("18 characters"));

    let listed: Vec<(usize, &str, &str)> =
        p.warnings.iter().map(|w| (w.line, w.record_id.as_str(), w.warning.field.as_str())).collect();
    assert_eq!(listed, [(2, "R1", "uscc"), (2, "R1", "website"), (2, "R1", "contact_email"), (4, "R3", "uscc")]);
    assert_eq!(p.warnings[0].warning, r[0].warnings[0]);
}

#[test]
fn a_repeated_id_is_replaced_by_the_later_row_with_a_warning() {
    let csv = "record_id,account_name,uscc,activity_date,activity_type\n\
        F1,杭州云帆数据科技有限公司,91110000600037341M,2026-05-01,call\n\
        F2,苏州澜石智能装备有限公司,,2026-05-02,call\n\
        F1,杭州云帆数据科技有限公司,91110000600037341L,2026-06-01,visit\n";
    let p = read_ok("follow_ups.csv", csv, RecordKind::FollowUp);
    let f = follow_ups(&p);
    assert_eq!(f.len(), 2);
    assert_eq!(
        (f[0].record_id.as_str(), f[0].activity_date, f[0].activity_type.as_str()),
        ("F1", date(2026, 6, 1), "visit")
    );
    assert_eq!(f[1].record_id, "F2");
    assert_eq!(p.rows_read, 3);
    // The replaced row's USCC warning goes with it; only the duplicate note remains.
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    let w = &p.warnings[0];
    assert_eq!((w.line, w.record_id.as_str(), w.warning.field.as_str()), (4, "F1", "record id"));
    assert!(w.warning.problem.contains("line 2"), "{}", w.warning.problem);
}

#[test]
fn placeholders_in_optional_columns_read_as_empty() {
    let csv = "account_id,region,account_name,uscc,website,owner\nH1,华东,宁波明远贸易有限公司,无,-,N/A\n";
    let p = read_ok("head_accounts.csv", csv, RecordKind::HeadAccount);
    let h = &head_accounts(&p)[0];
    assert_eq!((h.uscc.clone(), h.website.clone(), h.owner.clone()), (None, None, None));
    assert_eq!(h.warnings, Vec::<FieldWarning>::new());
}
