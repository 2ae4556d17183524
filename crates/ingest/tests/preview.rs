//! Previews (header row found under titles, proposed mapping, samples) and headers assigned by hand, in CSV
//! (CRLF, as Excel writes it) and XLSX; line numbers as the file numbers them.

use dealgate_domain::RecordKind;
use dealgate_ingest::{preview_file, read_file_mapped};
use rust_xlsxwriter::Workbook;

use crate::support::{fixture, follow_ups, read_ok};

const CRLF: &str = "记录ID,客户名称,跟进日期,跟进方式\r\nF1,杭州云帆数据科技有限公司,2026-06-10,拜访\r\nF2,上海栖梧软件有限公司,2026-06-31,演示\r\n\r\nF3,苏州澄湖智能制造有限公司,2026-06-12,\r\n";

#[test]
fn crlf_files_report_the_lines_a_text_editor_shows() {
    let p = read_ok("跟进.csv", CRLF, RecordKind::FollowUp);
    // F2 is on line 3; F3 on line 5, after a blank line.
    assert_eq!(p.rejected_lines(), [3, 5]);
    assert_eq!(follow_ups(&p).len(), 1);
}

#[test]
fn an_xlsx_preview_finds_the_header_under_a_title_and_maps_known_headers() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "头部客户名单（2026）").unwrap();
    for (c, h) in ["客户编号", "区域", "甲方名称", "负责人"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (r, row) in
        [["H1", "华东", "杭州云帆数据科技有限公司", "王芳"], ["H2", "华南", "深圳星澜医疗器械有限公司", "黄磊"]]
            .iter()
            .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(3 + r as u32, c as u16, *v).unwrap();
        }
    }
    let f = fixture("头部.xlsx", wb.save_to_buffer().unwrap());
    let p = preview_file(&f.path, RecordKind::HeadAccount, 1).unwrap();
    assert_eq!(p.encoding, "XLSX");
    assert_eq!(p.header_line, 3);
    let fields: Vec<Option<&str>> = p.mapping.iter().map(|m| m.field.as_deref()).collect();
    assert_eq!(fields, [Some("account_id"), Some("region"), None, Some("owner")]);
    assert_eq!(p.missing, ["account_name"]);
    assert_eq!(p.sample, [["H1", "华东", "杭州云帆数据科技有限公司", "王芳"]], "one sample row as asked");
    assert_eq!(p.rows_estimate, 2);

    // Assigned by hand, the unknown header reads as the account name.
    let mapping = [("甲方名称".to_string(), "account_name".to_string())];
    let parsed = read_file_mapped(&f.path, RecordKind::HeadAccount, &mapping).unwrap();
    assert_eq!(parsed.records.len(), 2);
    assert!(parsed.ignored_columns.is_empty());
}

#[test]
fn a_hand_assignment_wins_over_an_alias_and_frees_the_aliased_column() {
    // `客户名称` would be the account by alias; the user says the full legal name is in `工商全称`.
    let text = "记录ID,客户名称,工商全称,跟进日期,跟进方式\nF1,云帆,杭州云帆数据科技有限公司,2026-06-10,拜访\n";
    let f = fixture("跟进.csv", text);
    let mapping = [("工商全称".to_string(), "account_name".to_string())];
    let p = read_file_mapped(&f.path, RecordKind::FollowUp, &mapping).unwrap();
    assert_eq!(follow_ups(&p)[0].account_name, "杭州云帆数据科技有限公司");
    assert_eq!(p.ignored_columns, ["客户名称"]);
}
