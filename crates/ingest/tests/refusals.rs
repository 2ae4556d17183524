//! Whole files that are refused: missing columns, binary or undecodable content, empty files.

use dealgate_domain::RecordKind;
use dealgate_ingest::{read_file, IngestError};

use crate::support::*;

#[test]
fn a_missing_required_column_refuses_the_file_naming_missing_and_found_columns() {
    let err = read_err(
        "follow_ups.csv",
        "记录编号,客户名称,负责人\nF1,杭州云帆数据科技有限公司,李明\n",
        RecordKind::FollowUp,
    );
    let IngestError::MissingColumns { file, kind, missing, found } = &err else { panic!("{err:?}") };
    assert_eq!(file, "follow_ups.csv");
    assert_eq!(*kind, RecordKind::FollowUp);
    assert_eq!(missing, &["activity_date", "activity_type"]);
    assert_eq!(found, &["记录编号", "客户名称", "负责人"]);
    let msg = err.to_string();
    assert!(msg.contains("activity_date (or 跟进日期)"), "{msg}");
    assert!(msg.contains("记录编号, 客户名称, 负责人"), "{msg}");
}

#[test]
fn a_follow_ups_file_read_as_registrations_is_refused() {
    let err = read_err(
        "follow_ups.csv",
        "record_id,account_name,activity_date,activity_type\nF1,宁波明远贸易有限公司,2026-06-30,visit\n",
        RecordKind::Registration,
    );
    let IngestError::MissingColumns { missing, .. } = &err else { panic!("{err:?}") };
    assert_eq!(missing, &["registration_id", "partner", "submitted_at", "customer_name"]);
}

#[test]
fn binary_files_renamed_to_csv_are_refused() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    let err = read_err("follow_ups.csv", png, RecordKind::FollowUp);
    assert!(matches!(err, IngestError::UnsupportedFormat { .. }), "{err:?}");
    assert!(err.to_string().contains("not a CSV or XLSX file"), "{err}");
    assert!(err.to_string().contains("PNG"), "{err}");

    let with_nul = b"record_id,account_name\nF1,\0\0\0\0abc\n";
    let err = read_err("follow_ups.csv", with_nul, RecordKind::FollowUp);
    assert!(err.to_string().contains("not a CSV or XLSX file"), "{err}");

    let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
    let err = read_err("report.csv", pdf, RecordKind::FollowUp);
    assert!(err.to_string().contains("PDF"), "{err}");
}

#[test]
fn a_cut_office_binary_or_a_plain_zip_is_refused_with_advice() {
    let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let err = read_err("accounts.xls", xls, RecordKind::HeadAccount);
    assert!(err.to_string().contains("save it as .xlsx or CSV"), "{err}");

    let zip = b"PK\x03\x04\x14\x00\x00\x00\x00\x00garbage that is no archive";
    let err = read_err("accounts.xlsx", zip, RecordKind::HeadAccount);
    assert!(matches!(err, IngestError::UnsupportedFormat { .. }), "{err:?}");
    assert!(err.to_string().contains("not an XLSX workbook"), "{err}");
}

#[test]
fn one_stray_byte_refuses_its_row_naming_line_and_column_not_the_file() {
    // 0xFF can start no UTF-8 sequence and no GB18030 sequence.
    let bytes = b"record_id,account_name,activity_date,activity_type\nF1,caf\xFF,2026-06-30,visit\nF2,Northwind Tools Ltd,2026-06-30,visit\n";
    let p = read_ok("follow_ups.csv", bytes, RecordKind::FollowUp);
    assert_eq!(follow_ups(&p).len(), 1);
    assert_eq!(follow_ups(&p)[0].record_id, "F2");
    let e = &p.rejected[0];
    assert_eq!((e.line, e.column.as_deref(), e.column_number), (2, Some("account_name"), Some(2)));
    assert!(e.problem.contains("not UTF-8 text"), "{e}");
}

#[test]
fn text_with_many_undecodable_bytes_is_refused_naming_line_and_byte() {
    let mut bytes = b"record_id,account_name,activity_date,activity_type\n".to_vec();
    for i in 0..5 {
        bytes.extend(format!("F{i},caf").as_bytes());
        bytes.push(0xFF);
        bytes.extend(b",2026-06-30,visit\n");
    }
    let err = read_err("follow_ups.csv", bytes, RecordKind::FollowUp);
    assert_eq!(err.code(), "encoding", "{err}");
    let msg = err.to_string();
    assert!(msg.contains("line 2, byte 7"), "{msg}");
    assert!(msg.contains("0xFF"), "{msg}");
}

#[test]
fn empty_files_are_refused_as_empty() {
    for content in ["", "\u{FEFF}", " \r\n\r\n", ",,,\n"] {
        let err = read_err("follow_ups.csv", content, RecordKind::FollowUp);
        assert!(matches!(err, IngestError::Empty { .. }), "{content:?}: {err:?}");
        assert!(err.to_string().contains("follow_ups.csv"));
    }
}

#[test]
fn a_missing_file_is_an_io_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.csv");
    let err = read_file(&path, RecordKind::FollowUp).unwrap_err();
    assert!(matches!(err, IngestError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains(&path.display().to_string()), "{err}");
}
