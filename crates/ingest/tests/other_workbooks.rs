//! XLS, ODS and XLSB workbooks (written by `fixtures/workbooks/make_workbooks.py`) read as XLSX is, and an ODS whose repeats would fill memory refused.

use std::path::Path;

use dealgate_domain::RecordKind;
use dealgate_ingest::{read_file, FileFormat, IngestError};

use crate::support::*;

fn fixture_path(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbooks").join(name)
}

fn read_workbook(name: &str) -> dealgate_ingest::Parsed {
    read_file(&fixture_path(name), RecordKind::FollowUp).unwrap_or_else(|e| panic!("{name} should be read: {e}"))
}

fn assert_follow_ups(name: &str, kind: &str) {
    let p = read_workbook(name);
    assert_eq!(p.format, FileFormat::Xlsx { kind: leak(kind), sheet: "跟进记录".to_owned() }, "{name}");
    assert_eq!(p.rows_read, 3, "{name}");
    let f = follow_ups(&p);
    assert_eq!(f.len(), 2, "{name}: {:?}", messages(&p));
    assert_eq!(f[0].record_id, "F-01");
    assert_eq!(f[0].account_name, "杭州云帆数据科技有限公司");
    assert_eq!(f[0].phone.as_deref(), Some("13812345678"), "{name}: a number cell reads without .0");
    assert_eq!(f[0].activity_date, date(2026, 6, 30), "{name}: the date cell");
    assert_eq!((f[0].activity_type.as_str(), f[0].stage.as_deref()), ("visit", Some("方案阶段")));
    assert_eq!((f[1].activity_date, f[1].activity_type.as_str()), (date(2026, 7, 1), "demo"));
    let e = &p.rejected[0];
    assert_eq!((e.line, e.column.as_deref(), e.value.as_str()), (4, Some("跟进日期"), "明天"), "{name}");
}

fn leak(s: &str) -> &'static str {
    match s {
        "XLS" => "XLS",
        "ODS" => "ODS",
        _ => "XLSB",
    }
}

#[test]
fn an_excel_97_workbook_reads_its_first_visible_sheet() {
    assert_follow_ups("follow_ups.xls", "XLS");
    let p = read_workbook("follow_ups.xls");
    assert_eq!(p.other_sheets, vec!["说明 (hidden)".to_owned()]);
}

#[test]
fn an_opendocument_spreadsheet_reads_as_a_workbook() {
    assert_follow_ups("follow_ups.ods", "ODS");
}

#[test]
fn an_excel_binary_workbook_reads_as_a_workbook() {
    assert_follow_ups("follow_ups.xlsb", "XLSB");
}

#[test]
fn an_ods_whose_repeats_span_billions_of_cells_is_refused_before_it_is_laid_out() {
    match read_file(&fixture_path("repeated_bomb.ods"), RecordKind::FollowUp) {
        Err(IngestError::TooLarge { detail, .. }) => assert!(detail.contains("17179869184"), "{detail}"),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn an_office_binary_that_is_not_a_workbook_is_refused_as_unsupported() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend_from_slice(&[0; 504]);
    let err = read_err("notes.xls", doc, RecordKind::FollowUp);
    assert!(matches!(err, IngestError::UnsupportedFormat { .. }), "{err:?}");
}
