//! CSV files as CRMs and Excel write them: encodings, delimiters, header spellings, value formats.

use dealgate_domain::{PartnerTier, RecordKind};
use dealgate_ingest::FileFormat;

use crate::support::*;

#[test]
fn utf8_csv_with_english_headers_reads_every_field() {
    let csv = "record_id,account_name,uscc,website,phone,region,owner,activity_date,activity_type,stage\n\
        F001,杭州云帆数据科技有限公司,91110000600037341L,https://www.yunfan-data.cn/about,0571-88886666,华东,李明,2026-06-30,拜访,方案阶段\n\
        F002,Suzhou Lanshi Intelligent Equipment Co.,,lanshi-tech.com,,华东,王芳,2026/6/1,Demo,\n\
        F003,成都蓉川软件股份有限公司,,,,西南,,20260115,电话,初步接洽\n\
        F004,宁波明远贸易有限公司,,,,华东,,2026.3.9 14:30,Site Survey,\n";
    let p = read_ok("follow_ups.csv", csv, RecordKind::FollowUp);

    assert_eq!(p.format, FileFormat::Csv { encoding: "UTF-8", delimiter: b',' });
    assert!(p.rejected.is_empty(), "{:?}", messages(&p));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert!(p.ignored_columns.is_empty());
    assert_eq!(p.rows_read, 4);

    let f = follow_ups(&p);
    assert_eq!(f.len(), 4);
    assert_eq!(f[0].record_id, "F001");
    assert_eq!(f[0].account_name, "杭州云帆数据科技有限公司");
    assert_eq!(f[0].uscc.as_deref(), Some("91110000600037341L"));
    assert_eq!(f[0].website.as_deref(), Some("https://www.yunfan-data.cn/about"));
    assert_eq!(f[0].phone.as_deref(), Some("0571-88886666"));
    assert_eq!(f[0].region.as_deref(), Some("华东"));
    assert_eq!(f[0].owner.as_deref(), Some("李明"));
    assert_eq!(f[0].activity_date, date(2026, 6, 30));
    assert_eq!(f[0].activity_type, "visit");
    assert_eq!(f[0].stage.as_deref(), Some("方案阶段"));
    assert_eq!((f[1].activity_date, f[1].activity_type.as_str(), f[1].stage.clone()), (date(2026, 6, 1), "demo", None));
    assert_eq!(f[1].phone, None);
    assert_eq!((f[2].activity_date, f[2].activity_type.as_str()), (date(2026, 1, 15), "call"));
    assert_eq!(f[2].owner, None);
    // An unknown activity type is kept, lower-cased; the time of day is dropped from a date.
    assert_eq!((f[3].activity_date, f[3].activity_type.as_str()), (date(2026, 3, 9), "site survey"));
}

#[test]
fn utf8_bom_csv_with_chinese_headers_reads_amounts_dates_and_tiers() {
    let csv = "\u{FEFF}报备编号,伙伴名称,伙伴等级,报备时间,客户名称,统一社会信用代码,网址,联系人,联系电话,邮箱,区域,产品线,预计金额,预计成交日期,备注\n\
        R-001,上海拓维渠道科技有限公司,金牌,2026-06-29T11:55:00,武汉江城云图信息技术有限公司,,www.jcyuntu.cn,赵敏,13812345678,zhaomin@jcyuntu.cn,华中,CRM,16.9万,2026年9月30日,首次报备\n\
        R-002,深圳云图伙伴信息有限公司,,2026/6/29 9:05,广州蓝鳍物流有限公司,,,,,,华南,PRM,\"¥169,000.00\",2026/10/8,\n\
        R-003,上海拓维渠道科技有限公司,银牌,2026-06-30,宁波明远贸易有限公司,,,,,,,,169000元,,\n\
        R-004,深圳云图伙伴信息有限公司,registered,2026-06-30 08:00,成都蓉川软件股份有限公司,,,,,,,,1.2亿,,\n";
    let p = read_ok("registrations.csv", csv, RecordKind::Registration);

    assert_eq!(p.format, FileFormat::Csv { encoding: "UTF-8 (BOM)", delimiter: b',' });
    assert!(p.rejected.is_empty(), "{:?}", messages(&p));
    assert_eq!(p.ignored_columns, vec!["备注".to_owned()]);

    let r = registrations(&p);
    let ids: Vec<&str> = r.iter().map(|r| r.registration_id.as_str()).collect();
    assert_eq!(ids, ["R-001", "R-002", "R-003", "R-004"]);
    assert_eq!(r[0].partner, "上海拓维渠道科技有限公司");
    assert_eq!(r[0].customer_name, "武汉江城云图信息技术有限公司");
    assert_eq!(r[0].contact_name.as_deref(), Some("赵敏"));
    assert_eq!(r[0].contact_phone.as_deref(), Some("13812345678"));
    assert_eq!(r[0].contact_email.as_deref(), Some("zhaomin@jcyuntu.cn"));
    assert_eq!(r[0].product.as_deref(), Some("CRM"));
    assert_eq!(r[0].region.as_deref(), Some("华中"));
    assert_eq!(r[0].website.as_deref(), Some("www.jcyuntu.cn"));

    let tiers: Vec<PartnerTier> = r.iter().map(|r| r.partner_tier).collect();
    assert_eq!(tiers, [PartnerTier::Gold, PartnerTier::Registered, PartnerTier::Silver, PartnerTier::Registered]);
    let submitted: Vec<_> = r.iter().map(|r| r.submitted_at).collect();
    assert_eq!(
        submitted,
        [
            datetime(2026, 6, 29, 11, 55),
            datetime(2026, 6, 29, 9, 5),
            datetime(2026, 6, 30, 0, 0),
            datetime(2026, 6, 30, 8, 0)
        ]
    );
    let amounts: Vec<Option<f64>> = r.iter().map(|r| r.amount).collect();
    assert_eq!(amounts, [Some(169_000.0), Some(169_000.0), Some(169_000.0), Some(120_000_000.0)]);
    let closes: Vec<_> = r.iter().map(|r| r.expected_close).collect();
    assert_eq!(closes, [Some(date(2026, 9, 30)), Some(date(2026, 10, 8)), None, None]);
}

#[test]
fn gbk_csv_with_chinese_headers_and_values_is_decoded() {
    let text = "客户编号,区域,客户名称,统一社会信用代码,官网,负责人\r\n\
        H01,华东,杭州云帆数据科技有限公司,,www.yunfan-data.cn,李明\r\n\
        H02,西南,成都蓉川软件股份有限公司,,,张强\r\n";
    let (bytes, _, had_errors) = encoding_rs::GBK.encode(text);
    assert!(!had_errors);
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must really be GBK, not UTF-8");

    let p = read_ok("head_accounts.csv", &bytes, RecordKind::HeadAccount);
    assert_eq!(p.format, FileFormat::Csv { encoding: "GB18030", delimiter: b',' });
    assert!(p.rejected.is_empty(), "{:?}", messages(&p));
    let h = head_accounts(&p);
    assert_eq!(h.len(), 2);
    assert_eq!((h[0].account_id.as_str(), h[0].region.as_str()), ("H01", "华东"));
    assert_eq!(h[0].account_name, "杭州云帆数据科技有限公司");
    assert_eq!(h[0].website.as_deref(), Some("www.yunfan-data.cn"));
    assert_eq!(h[0].owner.as_deref(), Some("李明"));
    assert_eq!(h[1].account_name, "成都蓉川软件股份有限公司");
    assert_eq!(h[1].owner.as_deref(), Some("张强"));
}

#[test]
fn former_names_split_on_either_semicolon_and_the_group_is_read_for_both_kinds() {
    let heads = "客户编号,区域,客户名称,曾用名,所属集团\n\
        H01,华东,杭州澜岳科技股份有限公司,杭州澜岳网络有限公司； 澜岳信息;杭州澜岳网络有限公司;,澜岳控股集团\n\
        H02,西南,成都蓉川软件股份有限公司,,\n";
    let p = read_ok("heads.csv", heads, RecordKind::HeadAccount);
    assert!(p.rejected.is_empty(), "{:?}", messages(&p));
    let h = head_accounts(&p);
    assert_eq!(h[0].former_names, ["杭州澜岳网络有限公司", "澜岳信息"], "trimmed, blanks and repeats dropped");
    assert_eq!(h[0].group.as_deref(), Some("澜岳控股集团"));
    assert!(h[1].former_names.is_empty() && h[1].group.is_none());
    let follow = "record_id,account_name,activity_date,activity_type,former_names,group\n\
        F1,宁波明远贸易有限公司,2026-06-01,visit,宁波明远进出口有限公司,明远集团\n";
    let p = read_ok("crm.csv", follow, RecordKind::FollowUp);
    let f = follow_ups(&p);
    assert_eq!(
        (f[0].former_names.as_slice(), f[0].group.as_deref()),
        (&["宁波明远进出口有限公司".to_string()][..], Some("明远集团"))
    );
}

#[test]
fn utf16_tab_separated_unicode_text_from_excel_is_read() {
    let text = "记录ID\t客户名称\t跟进日期\t跟进方式\r\nF1\t宁波明远贸易有限公司\t2026/6/30\t微信\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));

    let p = read_ok("follow_ups.txt", &bytes, RecordKind::FollowUp);
    assert_eq!(p.format, FileFormat::Csv { encoding: "UTF-16LE", delimiter: b'\t' });
    let f = follow_ups(&p);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].account_name, "宁波明远贸易有限公司");
    assert_eq!(f[0].activity_type, "wechat");
}

#[test]
fn semicolon_delimiter_and_header_spelling_variants_are_recognised() {
    let csv = "Record ID; ＡＣＣＯＵＮＴ_NAME ;*Activity-Date;activity type;Comments\n\
        F1;苏州澜石智能装备有限公司;2026-06-30;meeting;first contact, by phone\n";
    let p = read_ok("export.csv", csv, RecordKind::FollowUp);
    assert_eq!(p.format, FileFormat::Csv { encoding: "UTF-8", delimiter: b';' });
    assert_eq!(p.ignored_columns, vec!["Comments".to_owned()]);
    let f = follow_ups(&p);
    assert_eq!(f.len(), 1, "{:?}", messages(&p));
    assert_eq!((f[0].account_name.as_str(), f[0].activity_type.as_str()), ("苏州澜石智能装备有限公司", "meeting"));
}

#[test]
fn multi_line_quoted_values_keep_line_numbers_right() {
    let csv = "record_id,account_name,activity_date,activity_type\n\
        F1,\"杭州云帆数据科技有限公司\n（杭州总部）\",2026-06-30,visit\n\
        F2,苏州澜石智能装备有限公司,2026-13-01,visit\n";
    let p = read_ok("follow_ups.csv", csv, RecordKind::FollowUp);
    let f = follow_ups(&p);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].account_name, "杭州云帆数据科技有限公司\n（杭州总部）");
    assert_eq!(p.rejected.len(), 1, "{:?}", messages(&p));
    let e = &p.rejected[0];
    assert_eq!((e.line, e.column_number, e.value.as_str()), (4, Some(3), "2026-13-01"));
}

#[test]
fn every_documented_date_spelling_is_accepted_and_others_are_refused() {
    let good = [
        "2026-06-30",
        "2026/6/30",
        "2026.6.30",
        "20260630",
        "2026年6月30日",
        "2026年06月30日 14:05",
        "2026-06-30 14:05:00",
        "2026/6/30 9:05",
        "2026-06-30T14:05:00Z",
        "2026-06-30 00:00:00.000",
    ];
    let bad = ["30/06/2026", "2026-02-30", "June 30", "2026-06", "2026-06-30 25:00", "2026-6/30"];
    let mut csv = String::from("record_id,account_name,activity_date,activity_type\n");
    for (i, d) in good.iter().chain(&bad).enumerate() {
        csv.push_str(&format!("F{i},宁波明远贸易有限公司,{d},visit\n"));
    }
    let p = read_ok("dates.csv", &csv, RecordKind::FollowUp);
    let f = follow_ups(&p);
    assert_eq!(f.len(), good.len(), "{:?}", messages(&p));
    assert!(f.iter().all(|f| f.activity_date == date(2026, 6, 30)));
    let refused: Vec<&str> = p.rejected.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(refused, bad);
    assert!(p.rejected.iter().all(|e| e.expected == "a date such as 2026-06-30"));
    assert_eq!(p.rejected[0].line, good.len() + 2);
}

#[test]
fn title_rows_above_the_header_are_skipped_and_lines_stay_true() {
    let csv = "客户跟进记录导出\n导出时间：2026-07-01\n\n记录编号,客户名称,跟进日期,跟进方式\n\
        F1,杭州云帆数据科技有限公司,2026-06-30,报价\n\
        F2,,2026-06-30,报价\n";
    let p = read_ok("follow_ups.csv", csv, RecordKind::FollowUp);
    assert_eq!(follow_ups(&p).len(), 1);
    assert_eq!(follow_ups(&p)[0].activity_type, "quote");
    assert_eq!(p.rows_read, 2);
    let e = &p.rejected[0];
    assert_eq!((e.line, e.column.as_deref(), e.column_number), (6, Some("客户名称"), Some(2)));
    assert_eq!(e.expected, "a value");
}

#[test]
fn amount_header_in_ten_thousands_scales_plain_numbers() {
    let csv = "registration_id,partner,submitted_at,customer_name,金额（万元）\n\
        R1,上海拓维渠道科技有限公司,2026-06-01,宁波明远贸易有限公司,16.9\n\
        R2,上海拓维渠道科技有限公司,2026-06-01,广州蓝鳍物流有限公司,20万\n\
        R3,上海拓维渠道科技有限公司,2026-06-01,苏州澜石智能装备有限公司,\n\
        R4,上海拓维渠道科技有限公司,2026-06-01,杭州云帆数据科技有限公司,0.07\n";
    let p = read_ok("registrations.csv", csv, RecordKind::Registration);
    let amounts: Vec<Option<f64>> = registrations(&p).iter().map(|r| r.amount).collect();
    assert_eq!(amounts, [Some(169_000.0), Some(200_000.0), None, Some(700.0)]);
}

#[test]
fn header_only_file_gives_zero_records_and_blank_rows_are_skipped() {
    let p = read_ok("empty.csv", "record_id,account_name,activity_date,activity_type\n,,,\n\n", RecordKind::FollowUp);
    assert!(p.records.is_empty());
    assert!(p.rejected.is_empty());
    assert_eq!(p.rows_read, 0);
}
