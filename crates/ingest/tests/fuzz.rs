//! Property tests over hostile input (kept in the normal test run, a few seconds): random and
//! mutated CSV bytes, and workbooks whose XML parts are cut, flipped or spliced. No input may
//! panic or take long, and whatever is read must hold nothing wrong.
//!
//! `PROPTEST_CASES` (e.g. 20000) runs more cases for a longer session.

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use dealgate_domain::RecordKind;
use dealgate_ingest::read_bytes;
use proptest::prelude::*;
use proptest::test_runner::Config;

use crate::support::stored_wrong;

/// Longest a small input may take to read in a debug build.
const SLOW: Duration = Duration::from_secs(3);

const KINDS: [RecordKind; 3] = [RecordKind::FollowUp, RecordKind::HeadAccount, RecordKind::Registration];

/// `cases` per property, or `PROPTEST_CASES` for a longer session (`PROPTEST_CASES=20000`).
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// Reads `bytes` as every kind: no panic (proptest reports one as a failure), quick, and
/// nothing stored wrong.
fn read_all_kinds(bytes: &[u8]) -> Result<(), TestCaseError> {
    for kind in KINDS {
        let started = Instant::now();
        let read = read_bytes("fuzz.csv", bytes.to_vec(), kind);
        prop_assert!(started.elapsed() < SLOW, "{kind:?} took {:?}", started.elapsed());
        if let Ok(p) = read {
            let wrong = stored_wrong(&p);
            prop_assert!(wrong.is_empty(), "{kind:?}: {wrong:?}");
        }
    }
    Ok(())
}

const GOOD_CSV: &str = "registration_id,partner,submitted_at,customer_name,record_id,account_name,activity_date,\
activity_type,account_id,region,amount,expected_close\n\
R1,远帆渠道信息有限公司,2026-05-01 10:00,青岚数据科技有限公司,F1,青岚数据科技有限公司,2026-05-01,visit,H1,华东,12万,2026-09-30\n\
R2,\"远帆, 渠道\",2026/5/2,澄江智造装备有限公司,F2,澄江智造装备有限公司,20260502,电话,H2,西南,\"1,000\",\n";

/// Bytes that make parsers stumble: quotes, line ends, delimiters, NUL, high and lead bytes.
fn nasty_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(b'"'),
        Just(b'\r'),
        Just(b'\n'),
        Just(b','),
        Just(b'\t'),
        Just(0u8),
        Just(0x1B),
        Just(0xFF),
        Just(0xE4),
        Just(0x81),
        any::<u8>()
    ]
}

/// A good CSV with bytes inserted, replaced or removed at random places.
fn mutated_csv() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec((any::<prop::sample::Index>(), nasty_byte(), 0u8..3), 1..12).prop_map(|edits| {
        let mut bytes = GOOD_CSV.as_bytes().to_vec();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len() + 1);
            match op {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => bytes[i] = byte,
                _ if i < bytes.len() => {
                    bytes.remove(i);
                }
                _ => bytes.push(byte),
            }
        }
        bytes
    })
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn random_bytes_never_panic_or_hang(bytes in prop::collection::vec(nasty_byte(), 0..600)) {
        read_all_kinds(&bytes)?;
    }

    #[test]
    fn mutated_csv_never_panics_hangs_or_stores_wrong(bytes in mutated_csv()) {
        read_all_kinds(&bytes)?;
    }
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="false"/><sheets><sheet name="跟进" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
const SHARED: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5"><si><t>记录编号</t></si><si><t>客户名称</t></si><si><t>跟进日期</t></si><si><t>跟进方式</t></si><si><t>青岚数据科技有限公司</t></si></sst>"#;
const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D3"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>F1</t></is></c><c r="B2" t="s"><v>4</v></c><c r="C2" s="1"><v>46143</v></c><c r="D2" t="str"><f>"vis"&amp;"it"</f><v>visit</v></c></row><row r="3"><c r="A3"><v>2</v></c><c r="B3" t="e"><f>VLOOKUP(A3,X!A:B,2,0)</f><v>#N/A</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="n"><v>1e308</v></c></row></sheetData></worksheet>"#;

/// The parts of a small workbook; the test mutates one of them.
const PARTS: [(&str, &str); 7] = [
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", RELS),
    ("xl/workbook.xml", WORKBOOK),
    ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ("xl/styles.xml", STYLES),
    ("xl/sharedStrings.xml", SHARED),
    ("xl/worksheets/sheet1.xml", SHEET),
];

/// Zips the parts, `part` replaced by `text` (or left out when `None`).
fn workbook(part: usize, text: Option<&[u8]>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (i, (name, xml)) in PARTS.iter().enumerate() {
        let body = if i == part { text } else { Some(xml.as_bytes()) };
        if let Some(body) = body {
            zip.start_file(*name, options).unwrap();
            zip.write_all(body).unwrap();
        }
    }
    zip.finish().unwrap().into_inner()
}

/// Edits to one XML part: cut it, overwrite bytes, or splice in markup and numbers.
fn xml_edit() -> impl Strategy<Value = (u8, prop::sample::Index, Vec<u8>)> {
    let splice = prop_oneof![
        Just(b"<".to_vec()),
        Just(b"</row>".to_vec()),
        Just(b"<c r=\"XFD1048576\"><v>1</v></c>".to_vec()),
        Just(b"<c r=\"A1\" t=\"s\"><v>99999</v></c>".to_vec()),
        Just(b"<c t=\"e\"><v>#REF!</v></c>".to_vec()),
        Just(b"<row r=\"0\">".to_vec()),
        Just(b"<row r=\"4294967295\">".to_vec()),
        Just(b"&#0;".to_vec()),
        Just(b" uniqueCount=\"4000000000\" ".to_vec()),
        Just(b"<si><t>".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    (0u8..3, any::<prop::sample::Index>(), splice)
}

proptest! {
    #![proptest_config(config(800))]

    #[test]
    fn mutated_workbook_parts_never_panic_or_hang(
        part in 0..PARTS.len(),
        drop_part in prop::bool::weighted(0.08),
        edits in prop::collection::vec(xml_edit(), 1..4),
    ) {
        let mut xml = PARTS[part].1.as_bytes().to_vec();
        for (op, at, bytes) in edits {
            let i = at.index(xml.len() + 1);
            match op {
                0 => xml.truncate(i),
                1 => {
                    let end = (i + bytes.len()).min(xml.len());
                    xml.splice(i..end, bytes);
                }
                _ => {
                    xml.splice(i..i, bytes);
                }
            }
        }
        let bytes = workbook(part, (!drop_part).then_some(xml.as_slice()));
        read_all_kinds(&bytes)?;
    }
}

#[test]
fn the_unmutated_fuzz_workbook_reads_its_row() {
    let p = read_bytes("fuzz.xlsx", workbook(usize::MAX, None), RecordKind::FollowUp).unwrap();
    assert_eq!(p.records.len(), 1, "{:?}", p.rejected);
    assert_eq!(p.rejected_lines(), [3], "row 3: an Excel error as the name, a boolean as the date");
    assert!(p.rejected[0].problem.contains("Excel error"), "{:?}", p.rejected);
}
