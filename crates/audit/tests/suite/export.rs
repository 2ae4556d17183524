//! Exporting: CSV with BOM and CRLF, XLSX read back with calamine, JSON read back as entries;
//! formulas neutralised in CSV and XLSX, kept raw in JSON; files written atomically.

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use dealgate_audit::{export, neutralize, AuditEntry, ExportFormat, NewEntry, COLUMNS};
use serde_json::json;

use crate::{chain_all, sample_log};

const HYPERLINK: &str = r#"=HYPERLINK("http://x","y")"#;

/// The sample log plus entries whose text would run as formulas in a spreadsheet.
fn hostile_log() -> Vec<AuditEntry> {
    let mut items: Vec<NewEntry> = sample_log()
        .into_iter()
        .map(|e| NewEntry {
            actor: e.actor,
            action: e.action,
            subject: e.subject,
            region: e.region,
            partner: e.partner,
            outcome: e.outcome,
            rule: e.rule,
            payload: e.payload.into(),
        })
        .collect();
    items.push(NewEntry::new("王芳", "import", HYPERLINK));
    items.push(NewEntry::new("王芳", "import", "+1"));
    items.push(NewEntry::new("王芳", "import", "-2").payload(json!(-5)));
    items.push(NewEntry::new("王芳", "import", "@SUM(A1)"));
    items.push(NewEntry::new("-李四", "check", "\t=1+1").partner("=cmd|' /C calc'!A0").region("\r@x"));
    items.push(NewEntry::new("王芳", "import", "上海,\"分公司\"\n二部").region("华东战区"));
    chain_all(items)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

fn leftover_temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn csv_has_bom_crlf_and_neutralised_cells_and_keeps_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("审计日志.csv");
    let log = hostile_log();
    let summary = export(&log, ExportFormat::Csv, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();

    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    assert_eq!((summary.entries, summary.first_seq, summary.last_seq), (16, Some(1), Some(16)));
    assert_eq!(summary.bytes, bytes.len() as u64);
    assert_eq!(summary.sha256, sha256_hex(&bytes));

    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.starts_with("seq,at,actor,action,subject,region,partner,outcome,rule,details,prev_hash,hash\r\n"));
    assert!(text.ends_with("\r\n"));
    // RFC 4180: quotes doubled inside a quoted field.
    assert!(text.contains(r#""'=HYPERLINK(""http://x"",""y"")""#), "{text}");
    // Every line ends in CRLF; the only bare LF is the one inside the quoted subject.
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count() + 1);

    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_reader(text.as_bytes()).records().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), log.len());
    for (row, e) in rows.iter().zip(&log) {
        assert_eq!(row[0], e.seq.to_string());
        assert_eq!(row[4], *neutralize(&e.subject));
        assert_eq!(row[11], e.hash);
    }
    assert_eq!(&rows[0][4], "报备登记表-2026Q2.xlsx");
    assert_eq!(&rows[1][6], "上海云帆信息技术有限公司");
    assert!(rows[1][9].contains("易动纷享（北京）科技有限公司"));
    let subjects: Vec<&str> = rows[10..].iter().map(|r| &r[4]).collect();
    assert_eq!(
        subjects,
        ["'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-2", "'@SUM(A1)", "'\t=1+1", "上海,\"分公司\"\n二部"]
    );
    assert_eq!(&rows[12][9], "'-5"); // a details cell holding a negative number
    assert_eq!((&rows[14][2], &rows[14][5], &rows[14][6]), ("'-李四", "'\r@x", "'=cmd|' /C calc'!A0"));
    assert_eq!(&rows[2][9], "", "a null payload is an empty details cell");
}

#[test]
fn xlsx_cells_are_neutralised_strings_and_no_cell_is_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.xlsx");
    let log = hostile_log();
    let summary = export(&log, ExportFormat::Xlsx, &path).unwrap();
    assert_eq!(summary.sha256, sha256_hex(&std::fs::read(&path).unwrap()));

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["audit"]);
    let formulas = book.worksheet_formula("audit").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell may hold a formula");

    let range = book.worksheet_range("audit").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), log.len() + 1);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, COLUMNS);
    for (row, e) in rows[1..].iter().zip(&log) {
        assert_eq!(row[0], Data::Float(e.seq as f64), "seq is a number");
        for cell in &row[1..] {
            assert!(matches!(cell, Data::String(_) | Data::Empty), "{cell:?} is not a string cell");
        }
        assert_eq!(row[4], Data::String(neutralize(&e.subject).into_owned()));
        assert_eq!(row[11], Data::String(e.hash.clone()));
    }
    let text = |r: usize, c: usize| match &rows[r][c] {
        Data::String(s) => s.clone(),
        other => panic!("row {r} col {c} is {other:?}"),
    };
    assert_eq!(text(11, 4), "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(text(12, 4), "'+1");
    assert_eq!(text(13, 4), "'-2");
    assert_eq!(text(14, 4), "'@SUM(A1)");
    assert_eq!(text(15, 2), "'-李四");
    // The writer stores CR as the OOXML escape `_x000D_`, which Excel decodes; calamine 0.26 does not.
    assert!(["'\r@x", "'_x000D_@x"].contains(&text(15, 5).as_str()), "{}", text(15, 5));
    assert_eq!(text(15, 6), "'=cmd|' /C calc'!A0");
    assert_eq!(text(2, 5), "华东战区");
    assert_eq!(text(6, 10), log[5].prev_hash);
    assert!(text(2, 9).contains("纷享销客"), "details hold the payload as JSON");
}

#[test]
fn json_reads_back_as_the_same_entries_with_raw_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.json");
    let log = hostile_log();
    export(&log, ExportFormat::Json, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("易动纷享（北京）科技有限公司"), "Chinese is written as is, not \\u-escaped");
    let back: Vec<AuditEntry> = serde_json::from_str(&text).unwrap();
    assert_eq!(back, log);
    assert_eq!(back[10].subject, HYPERLINK, "JSON keeps raw values");
    assert!(dealgate_audit::verify(&back, back.last().map(AuditEntry::head)).is_intact());
}

#[test]
fn an_empty_log_exports_headers_only() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("empty.csv");
    let summary = export(&[], ExportFormat::Csv, &csv_path).unwrap();
    assert_eq!((summary.entries, summary.first_seq), (0, None));
    assert_eq!(std::fs::read(&csv_path).unwrap(), format!("\u{feff}{}\r\n", COLUMNS.join(",")).into_bytes());
    let json_path = dir.path().join("empty.json");
    export(&[], ExportFormat::Json, &json_path).unwrap();
    assert_eq!(std::fs::read_to_string(&json_path).unwrap().trim(), "[]");
    export(&[], ExportFormat::Xlsx, &dir.path().join("empty.xlsx")).unwrap();
}

#[test]
fn exporting_replaces_an_existing_file_whole_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.csv");
    std::fs::write(&path, "old export").unwrap();
    let log = sample_log();
    for format in [ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Json] {
        export(&log, format, &path).unwrap();
    }
    assert!(std::fs::read(&path).unwrap().starts_with(b"[\n"));
    assert!(leftover_temp_files(dir.path()).is_empty());
}

#[test]
fn a_failed_export_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a non-empty directory: everything is written, then the rename fails.
    let target = dir.path().join("audit.csv");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "x").unwrap();
    let err = export(&sample_log(), ExportFormat::Csv, &target).unwrap_err();
    assert!(err.to_string().contains("audit.csv"), "{err}");
    assert!(target.join("keep.txt").exists());
    assert!(leftover_temp_files(dir.path()).is_empty());

    let missing = dir.path().join("no-such-dir").join("audit.json");
    assert!(export(&sample_log(), ExportFormat::Json, &missing).is_err());
    assert!(!missing.exists());
}
