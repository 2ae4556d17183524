//! XLSX workbooks as Excel writes them: real date cells, numbers for ids and phones, title rows, hidden sheets.

use chrono::NaiveDate;
use dealgate_domain::{PartnerTier, RecordKind};
use dealgate_ingest::FileFormat;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::*;

/// Excel's serial number for a date (days since 1899-12-30).
fn serial(d: NaiveDate) -> f64 {
    (d - date(1899, 12, 30)).num_days() as f64
}

fn follow_ups_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    // A hidden notes sheet first: the first *visible* worksheet holds the data.
    let notes = wb.add_worksheet();
    notes.set_name("说明").unwrap().set_hidden(true);
    notes.write_string(0, 0, "导出说明").unwrap();

    let ws = wb.add_worksheet();
    ws.set_name("跟进记录").unwrap().set_active(true);
    for (c, h) in
        ["记录编号", "客户名称", "统一社会信用代码", "联系电话", "跟进日期", "跟进方式", "阶段"].iter().enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // Row 2: a real date cell and a phone stored as a number.
    ws.write_string(1, 0, "F-01").unwrap();
    ws.write_string(1, 1, "杭州云帆数据科技有限公司").unwrap();
    ws.write_string(1, 2, "91110000600037341L").unwrap();
    ws.write_number(1, 3, 13_812_345_678.0).unwrap();
    ws.write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2026, 6, 30).unwrap(), &date_format).unwrap();
    ws.write_string(1, 5, "拜访").unwrap();
    ws.write_string(1, 6, "方案阶段").unwrap();
    // Row 3: the date typed as text.
    ws.write_string(2, 0, "F-02").unwrap();
    ws.write_string(2, 1, "成都蓉川软件股份有限公司").unwrap();
    ws.write_string(2, 4, "2026/7/1").unwrap();
    ws.write_string(2, 5, "产品演示").unwrap();
    // Row 4: a numeric id and a date serial in a cell without date format.
    ws.write_number(3, 0, 1003.0).unwrap();
    ws.write_string(3, 1, "宁波明远贸易有限公司").unwrap();
    ws.write_number(3, 4, serial(date(2026, 5, 20))).unwrap();
    ws.write_string(3, 5, "email").unwrap();
    // Row 5: a date that is not one.
    ws.write_string(4, 0, "F-04").unwrap();
    ws.write_string(4, 1, "苏州澜石智能装备有限公司").unwrap();
    ws.write_string(4, 4, "明天").unwrap();
    ws.write_string(4, 5, "visit").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn xlsx_with_chinese_headers_reads_real_dates_and_numbers_as_text() {
    let p = read_ok("跟进记录.xlsx", follow_ups_workbook(), RecordKind::FollowUp);
    assert_eq!(p.format, FileFormat::Xlsx { kind: "XLSX", sheet: "跟进记录".to_owned() });
    assert_eq!(p.rows_read, 4);

    let f = follow_ups(&p);
    assert_eq!(f.len(), 3, "{:?}", messages(&p));
    assert_eq!(f[0].record_id, "F-01");
    assert_eq!(f[0].uscc.as_deref(), Some("91110000600037341L"));
    assert_eq!(f[0].phone.as_deref(), Some("13812345678"), "a number cell reads without .0");
    assert_eq!(f[0].activity_date, date(2026, 6, 30));
    assert_eq!(f[0].activity_type, "visit");
    assert_eq!(f[0].stage.as_deref(), Some("方案阶段"));
    assert_eq!((f[1].activity_date, f[1].activity_type.as_str()), (date(2026, 7, 1), "demo"));
    assert_eq!(f[2].record_id, "1003");
    assert_eq!(f[2].activity_date, date(2026, 5, 20));

    let e = &p.rejected[0];
    assert_eq!(
        (e.line, e.column.as_deref(), e.column_number, e.value.as_str()),
        (5, Some("跟进日期"), Some(5), "明天")
    );
}

#[test]
fn xlsx_content_is_recognised_whatever_the_file_is_called() {
    let p = read_ok("follow_ups.csv", follow_ups_workbook(), RecordKind::FollowUp);
    assert!(matches!(p.format, FileFormat::Xlsx { .. }));
    assert_eq!(follow_ups(&p).len(), 3);
}

#[test]
fn xlsx_with_a_title_row_and_an_offset_table_reports_sheet_rows_and_columns() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let when = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    // Title in B1, header in row 3 from column B, data from row 4.
    ws.write_string(0, 1, "伙伴报备清单（2026年6月）").unwrap();
    for (c, h) in ["报备单号", "伙伴", "伙伴级别", "提交时间", "最终客户", "商机金额（万元）"].iter().enumerate()
    {
        ws.write_string(2, 1 + c as u16, *h).unwrap();
    }
    let submitted = ExcelDateTime::from_ymd(2026, 6, 29).unwrap().and_hms(11, 55, 0).unwrap();
    ws.write_string(3, 1, "R1").unwrap();
    ws.write_string(3, 2, "上海拓维渠道科技有限公司").unwrap();
    ws.write_string(3, 3, "金牌伙伴").unwrap();
    ws.write_datetime_with_format(3, 4, &submitted, &when).unwrap();
    ws.write_string(3, 5, "武汉江城云图信息技术有限公司").unwrap();
    ws.write_number(3, 6, 0.07).unwrap();
    ws.write_string(4, 1, "R2").unwrap();
    ws.write_string(4, 2, "深圳云图伙伴信息有限公司").unwrap();
    ws.write_datetime_with_format(4, 4, &submitted, &when).unwrap();
    ws.write_string(4, 6, "16.9万").unwrap();
    let p = read_ok("registrations.xlsx", wb.save_to_buffer().unwrap(), RecordKind::Registration);

    let r = registrations(&p);
    assert_eq!(r.len(), 1, "{:?}", messages(&p));
    assert_eq!(r[0].partner_tier, PartnerTier::Gold);
    assert_eq!(r[0].submitted_at, datetime(2026, 6, 29, 11, 55));
    assert_eq!(r[0].amount, Some(700.0), "0.07 under a 万元 header, to the cent");
    let e = &p.rejected[0];
    assert_eq!((e.line, e.column.as_deref(), e.column_number), (5, Some("最终客户"), Some(6)));
    assert_eq!(
        e.to_string(),
        "registrations.xlsx line 5, column 6 (最终客户): customer_name is empty; expected a value"
    );
}
