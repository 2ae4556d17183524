//! Exact behaviour on hostile or broken input: encodings told apart, line and column of broken
//! quotes and bytes, Excel errors, impossible names and dates, far-away cells, escaped messages.

use dealgate_domain::RecordKind;
use dealgate_ingest::{escape_for_display, read_bytes, FileFormat, IngestError};
use rust_xlsxwriter::{Format, Workbook};

use crate::support::*;

const FU: &str = "record_id,account_name,activity_date,activity_type\n";

#[test]
fn big5_text_is_decoded_as_big5_not_as_gb18030() {
    let text =
        format!("{FU}F1,臺北青嵐資訊股份有限公司,2026-05-01,拜訪\nF2,高雄澄江精密機械有限公司,2026-05-02,電話\n");
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(&text);
    assert!(!unmappable);
    let p = read_ok("follow_ups.csv", &bytes, RecordKind::FollowUp);
    assert_eq!(p.format, FileFormat::Csv { encoding: "Big5", delimiter: b',' });
    let names: Vec<&str> = follow_ups(&p).iter().map(|f| f.account_name.as_str()).collect();
    assert_eq!(names, ["臺北青嵐資訊股份有限公司", "高雄澄江精密機械有限公司"]);
}

#[test]
fn shift_jis_and_euc_kr_are_refused_naming_the_encoding() {
    let jp = format!("{FU}F1,株式会社青空システム開発,2026-05-01,visit\nF2,有限会社みどり精機製作所,2026-05-02,call\n");
    let err = read_err("follow_ups.csv", encoding_rs::SHIFT_JIS.encode(&jp).0, RecordKind::FollowUp);
    assert_eq!(err.code(), "encoding");
    assert!(err.to_string().contains("Shift_JIS (Japanese)"), "{err}");

    let kr = format!("{FU}F1,주식회사 푸른하늘소프트,2026-05-01,visit\nF2,한빛정밀기계 주식회사,2026-05-02,call\n");
    let err = read_err("follow_ups.csv", encoding_rs::EUC_KR.encode(&kr).0, RecordKind::FollowUp);
    assert!(err.to_string().contains("EUC-KR (Korean)"), "{err}");
}

#[test]
fn utf16_without_a_byte_order_mark_is_read() {
    let text = format!("{FU}F1,青岚数据科技有限公司,2026-05-01,visit\n");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
        let p = read_ok("follow_ups.csv", bytes, RecordKind::FollowUp);
        assert_eq!(p.format, FileFormat::Csv { encoding: name, delimiter: b',' });
        assert_eq!(follow_ups(&p)[0].account_name, "青岚数据科技有限公司");
    }
}

#[test]
fn a_gbk_file_with_one_bad_byte_refuses_only_that_row() {
    let mut text = FU.to_owned();
    for i in 0..30 {
        text.push_str(&format!("F{i},澄江智造装备{i}有限公司,2026-05-02,拜访\n"));
    }
    let mut bytes = encoding_rs::GBK.encode(&text).0.into_owned();
    let line_7 = bytes.split(|&b| b == b'\n').take(6).map(|l| l.len() + 1).sum::<usize>();
    let at = line_7 + bytes[line_7..].iter().position(|&b| b == b',').unwrap() + 1;
    bytes[at] = 0xFF;
    let p = read_ok("follow_ups.csv", bytes, RecordKind::FollowUp);
    assert_eq!(p.format, FileFormat::Csv { encoding: "GB18030", delimiter: b',' });
    assert_eq!(follow_ups(&p).len(), 29);
    let e = &p.rejected[0];
    assert_eq!((e.line, e.column_number), (7, Some(2)), "{e}");
    assert!(e.problem.contains("not GB18030 text"), "{e}");
}

#[test]
fn an_unclosed_quote_is_a_row_error_where_it_opened_and_later_rows_are_read() {
    let text = format!(
        "{FU}F1,青岚数据科技有限公司,2026-05-01,visit\nF2,\"澄江智造装备有限公司,2026-05-02,call\n\
         F3,远帆渠道信息有限公司,2026-05-03,call\nF4,青岚,someday,call\n"
    );
    let p = read_ok("follow_ups.csv", text, RecordKind::FollowUp);
    let ids: Vec<&str> = follow_ups(&p).iter().map(|f| f.record_id.as_str()).collect();
    assert_eq!(ids, ["F1", "F3"]);
    assert_eq!(p.rejected_lines(), [3, 5]);
    let e = p.rejected[0].to_string();
    assert!(e.contains("unclosed quote starting at line 3, column 2"), "{e}");
    assert_eq!(p.rows_read, 4);
}

#[test]
fn cr_only_line_ends_give_the_lines_an_editor_shows() {
    let text = format!("{FU}F1,青岚数据科技有限公司,2026-05-01,visit\nF2,澄江,never,call\n\nF3,远帆,2026-13-01,call\n")
        .replace('\n', "\r");
    let p = read_ok("follow_ups.csv", text, RecordKind::FollowUp);
    assert_eq!(p.rejected_lines(), [3, 5]);
}

#[test]
fn excel_errors_are_row_errors_in_required_fields_and_warnings_in_optional_ones() {
    let text = "registration_id,partner,submitted_at,customer_name,uscc,amount\n\
        R1,远帆渠道信息有限公司,2026-05-01,#N/A,,\n\
        R2,远帆渠道信息有限公司,2026-05-01,青岚数据科技有限公司,#REF!,#DIV/0!\n";
    let p = read_ok("registrations.csv", text, RecordKind::Registration);
    let r = registrations(&p);
    assert_eq!(r.len(), 1);
    assert_eq!((r[0].uscc.as_deref(), r[0].amount), (None, None));
    assert_eq!(r[0].warnings.len(), 2, "{:?}", r[0].warnings);
    assert_eq!(
        p.rejected[0].to_string(),
        "registrations.csv line 2, column 4 (customer_name): \"#N/A\" is an Excel error value; \
         expected a value, not an Excel error (fix the formula or type the value)"
    );
}

#[test]
fn names_without_letters_too_long_or_with_controls_and_dates_out_of_range_are_row_errors() {
    let long = "青".repeat(201);
    let text = format!(
        "{FU}F1,\u{200B}\u{200D},2026-05-01,visit\nF2,{long},2026-05-01,visit\nF3,青岚\u{1b}[2J,2026-05-01,visit\n\
         F4,青岚数据,0001-01-01,visit\nF5,青岚数据,2101-01-01,visit\nF6,青\u{200B}岚,2100-12-31,visit\n"
    );
    let p = read_ok("follow_ups.csv", text, RecordKind::FollowUp);
    let f = follow_ups(&p);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].account_name, "青岚", "zero-width characters are dropped");
    let problems: Vec<&str> = p.rejected.iter().map(|e| e.problem.as_str()).collect();
    assert_eq!(
        problems,
        [
            "has no letter or digit",
            "is 201 characters long",
            "holds control characters (U+001B)",
            "is a date in the year 1",
            "is a date in the year 2101"
        ]
    );
    assert_eq!(p.rejected[3].expected, "a date between 1900-01-01 and 2100-12-31");
    assert!(p.rejected[1].value.chars().count() <= 101, "a long value is clipped in the report");
}

#[test]
fn a_value_over_the_field_cap_refuses_its_row() {
    let text = format!("{FU}F1,青岚数据科技有限公司,2026-05-01,{}\n", "v".repeat(5000));
    let p = read_ok("follow_ups.csv", text, RecordKind::FollowUp);
    assert!(p.records.is_empty());
    let e = &p.rejected[0];
    assert_eq!((e.line, e.column_number, e.problem.as_str()), (2, Some(4), "is 5000 characters long"));
}

#[test]
fn a_blank_formatted_cell_at_the_far_corner_costs_one_cell() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["记录编号", "客户名称", "跟进日期", "跟进方式"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["F1", "青岚数据科技有限公司", "2026-05-01", "拜访"].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    ws.write_blank(1_048_575, 16_383, &Format::new().set_bold()).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    assert!(bytes.len() < 10_000);
    let p = read_ok("follow_ups.xlsx", bytes, RecordKind::FollowUp);
    assert_eq!(follow_ups(&p).len(), 1);
    assert!(p.rejected.is_empty(), "{:?}", messages(&p));
}

#[test]
fn a_workbook_with_several_sheets_says_which_was_read_and_lists_the_others() {
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("说明").unwrap().set_hidden(true).write_string(0, 0, "导出说明").unwrap();
    let ws = wb.add_worksheet().set_name("跟进").unwrap().set_active(true);
    for (c, h) in ["记录编号", "客户名称", "跟进日期", "跟进方式"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    wb.add_worksheet().set_name("汇总").unwrap();
    let p = read_ok("follow_ups.xlsx", wb.save_to_buffer().unwrap(), RecordKind::FollowUp);
    assert_eq!(p.format, FileFormat::Xlsx { kind: "XLSX", sheet: "跟进".to_owned() });
    assert_eq!(p.other_sheets, ["说明 (hidden)", "汇总"]);
    assert_eq!(p.sheet_note().as_deref(), Some("read sheet \"跟进\" only; not read: \"说明 (hidden)\", \"汇总\""));
    assert_eq!(
        p.sheet_note_in(dealgate_domain::Lang::Zh).as_deref(),
        Some("只读取了工作表「跟进」；未读取：\"说明（隐藏）\"、\"汇总\"")
    );

    let mut one = Workbook::new();
    one.add_worksheet().write_string(0, 0, "记录编号").unwrap();
    let bytes = one.save_to_buffer().unwrap();
    let err = read_err("one.xlsx", &bytes, RecordKind::FollowUp);
    assert_eq!(err.code(), "missing_columns");
}

#[test]
fn a_missing_shared_strings_part_refuses_the_workbook_as_damaged() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "记录编号").unwrap();
    let good = wb.save_to_buffer().unwrap();
    // Copy the archive without its shared strings: the sheet still points into them.
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(good)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let part = src.by_index_raw(i).unwrap();
        if part.name().map_or(true, |name| name != "xl/sharedStrings.xml") {
            out.raw_copy_file(part).unwrap();
        }
    }
    let bytes = out.finish().unwrap().into_inner();
    let err = read_bytes("broken.xlsx", bytes, RecordKind::FollowUp).unwrap_err();
    assert!(matches!(err, IngestError::UnreadableWorkbook { .. }), "{err:?}");
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn messages_escape_control_characters_in_file_names_and_values() {
    let good = "F9,远帆渠道信息有限公司,2026-05-03,call\n".repeat(10);
    let text = format!("{FU}F1,青岚\u{1b}]0;owned\u{7},someday\r\nrejected: forged,call\n{good}");
    let p = read_bytes("evil\u{1b}[31m.csv", text.into_bytes(), RecordKind::FollowUp).unwrap();
    let message = p.rejected[0].to_string();
    assert!(!message.contains(|c: char| c.is_control()), "{message:?}");
    assert!(message.starts_with("evil\\u{1b}[31m.csv line 2"), "{message}");

    let err = read_bytes("x\u{202E}vsc.csv", Vec::new(), RecordKind::FollowUp).unwrap_err();
    assert!(err.to_string().starts_with("x\\u{202e}vsc.csv:"), "{err}");
    assert_eq!(escape_for_display("plain 文本"), "plain 文本");
}

#[test]
fn the_encoding_is_guessed_from_lines_with_non_ascii_text_wherever_they_are() {
    // 20,000 ASCII lines (about 700 KB) before the first Chinese name.
    let mut text = FU.to_owned();
    for i in 0..20_000 {
        text.push_str(&format!("A{i},Northwind Tools Ltd,2026-05-01,visit\n"));
    }
    text.push_str("F1,青岚数据科技有限公司,2026-05-01,拜访\nF2,澄江智造装备有限公司,2026-05-02,电话\n");
    let p = read_ok("follow_ups.csv", encoding_rs::GBK.encode(&text).0, RecordKind::FollowUp);
    assert_eq!(p.format, FileFormat::Csv { encoding: "GB18030", delimiter: b',' });
    assert_eq!(follow_ups(&p)[20_001].account_name, "澄江智造装备有限公司");
}

#[test]
fn a_long_ascii_start_does_not_hide_the_encoding_of_what_follows() {
    // 40,000 ASCII lines (about 1.4 MB), then GBK names; and the same with UTF-8 and one bad byte.
    let mut text = FU.to_owned();
    for i in 0..40_000 {
        text.push_str(&format!("A{i},Northwind Tools Ltd,2026-05-01,visit\n"));
    }
    text.push_str("F1,青岚数据科技有限公司,2026-05-01,拜访\nF2,澄江智造装备有限公司,2026-05-02,电话\n");
    let p = read_ok("follow_ups.csv", encoding_rs::GBK.encode(&text).0, RecordKind::FollowUp);
    assert_eq!(p.format, FileFormat::Csv { encoding: "GB18030", delimiter: b',' });
    assert_eq!(follow_ups(&p)[40_001].account_name, "澄江智造装备有限公司");

    let mut bytes = text.into_bytes();
    let at = bytes.len() - 10;
    bytes[at] = 0xFF;
    let p = read_ok("follow_ups.csv", bytes, RecordKind::FollowUp);
    assert_eq!(p.format, FileFormat::Csv { encoding: "UTF-8", delimiter: b',' });
    assert_eq!(p.rejected_lines(), [40_003]);
    assert_eq!(follow_ups(&p)[40_000].account_name, "青岚数据科技有限公司");
}

#[test]
fn a_huge_header_cell_is_clipped_in_reports() {
    let text = format!(
        "record_id,account_name,activity_date,activity_type,{}\nF1,青岚数据,2026-05-01,visit,x\n",
        "备注".repeat(50_000)
    );
    let p = read_ok("follow_ups.csv", text, RecordKind::FollowUp);
    assert_eq!(p.records.len(), 1);
    assert_eq!(p.ignored_columns.len(), 1);
    assert!(p.ignored_columns[0].chars().count() <= 101, "{}", p.ignored_columns[0].len());
}
