//! The CLI in Chinese and in English: `--lang`, the locale, summaries, row errors, API errors, help and
//! the alignment of Chinese text in tables.

use crate::support::{fixture, gbk, Env};

fn text(out: &[u8]) -> String {
    String::from_utf8(out.to_vec()).expect("utf-8")
}

/// The display column where each space-separated word of `line` starts (a Chinese character is two
/// columns wide, as on a terminal).
fn word_columns(line: &str) -> Vec<usize> {
    let (mut columns, mut at, mut in_word) = (Vec::new(), 0, false);
    for c in line.chars() {
        if c == ' ' {
            in_word = false;
        } else if !in_word {
            columns.push(at);
            in_word = true;
        }
        at += if c.is_ascii() { 1 } else { 2 };
    }
    columns
}

#[test]
fn chinese_check_names_outcomes_rules_and_summaries_in_chinese_and_aligns_them() {
    let env = Env::new();
    env.import_fixtures();
    let out = env.run(&["--lang", "zh", "check", "--all", "--as-of", "2026-06-30"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("报备编号") && lines[0].ends_with("摘要"), "{stdout}");
    // Every summary is worded in Chinese: none of the English sentences is left.
    for english in ["approved to", "is on the", "is following up", "immature", "registered"] {
        assert!(!stdout.contains(english), "{english:?} in {stdout}");
    }
    assert!(stdout.contains("保护期 90 天") || stdout.contains("头部客户名单"), "{stdout}");
    // The summary column starts at the same display column on every row, whatever the outcome's width.
    let header = word_columns(lines[0]);
    for line in &lines[1..] {
        assert_eq!(word_columns(line)[..4], header[..4], "misaligned: {line:?}");
    }
}

#[test]
fn the_locale_chooses_chinese_and_the_flag_overrides_it() {
    let env = Env::new();
    env.import_fixtures();
    let zh = env.run_in_locale(&["check", "--all", "--as-of", "2026-06-30"], "zh_CN.UTF-8");
    assert!(text(&zh.stdout).contains("摘要"), "{}", text(&zh.stdout));
    let en_table = env.run_in_locale(&["--lang", "en", "check", "R01", "--as-of", "2026-06-30"], "zh_CN.UTF-8");
    let en_table = text(&en_table.stdout);
    assert!(en_table.starts_with("REGISTRATION") && !en_table.contains("摘要"), "{en_table}");
    // The C locale speaks English.
    let c = env.run_in_locale(&["check", "R01", "--as-of", "2026-06-30"], "C");
    assert!(text(&c.stdout).starts_with("REGISTRATION"), "{}", text(&c.stdout));
}

#[test]
fn chinese_row_errors_name_line_column_and_value() {
    let env = Env::new();
    let bad = env.path("bad.csv");
    std::fs::write(&bad, gbk(&fixture("registrations_bad.csv"))).unwrap();
    let out = env.run(&["--lang", "zh", "import", "registrations", bad.to_str().unwrap()]);
    assert!(out.status.success());
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stdout.contains("读取 5 行，新增 2，更新 0，拒绝 3，警告 1"), "{stdout}");
    assert!(
        stderr.contains("已拒绝：bad.csv 第 3 行，第 5 列（customer_name）：必填项 customer_name 为空"),
        "{stderr}"
    );
    assert!(stderr.contains("第 4 行，第 4 列（submitted_at）：「2026-13-45」不是日期；应为日期时间"), "{stderr}");
    assert!(
        stderr.contains("第 5 行，第 13 列（amount）：「一百块」不是金额；应为数字，例如 120000 或 12万"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "警告：bad.csv 第 6 行（R25）：统一社会信用代码「91430100MA4L000000」校验位是「0」，按前 17 位应为"
        ),
        "{stderr}"
    );
    // The same import in English.
    let en = env.run(&["--lang", "en", "import", "registrations", bad.to_str().unwrap()]);
    assert!(text(&en.stderr).contains("line 5, column 13 (amount): \"一百块\" is not an amount"));
}

#[test]
fn api_errors_speak_the_language_asked_for() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    let zh = env.fails(&["--lang", "zh", "show", "R404"], 2);
    assert_eq!(zh.trim(), "错误：没有编号为 R404 的报备");
    let en = env.fails(&["--lang", "en", "show", "R404"], 2);
    assert_eq!(en.trim(), "error[not_found]: no registration \"R404\"");
    env.ok(&["check", "--all", "--as-of", "2026-06-30"]);
    let forbidden = env.fails(&["--lang", "zh", "--as", "head-east", "decide", "R01", "accept"], 3);
    assert!(forbidden.contains("head-east 是区域负责人，无权处理报备；需要角色：渠道经理"), "{forbidden}");
    let bad_date = env.fails(&["--lang", "zh", "check", "--all", "--as-of", "30/06/2026"], 2);
    assert!(bad_date.contains("日期「30/06/2026」有误：应为 YYYY-MM-DD"), "{bad_date}");
    // An import refused as a whole names its file and the missing columns in Chinese.
    let wrong = env.path("wrong.csv");
    std::fs::write(&wrong, "名称,备注\n甲,乙\n").unwrap();
    let refused = env.fails(&["--lang", "zh", "--as", "admin", "import", "registrations", wrong.to_str().unwrap()], 2);
    assert!(refused.contains("wrong.csv：缺少必需的列") && refused.contains("不是伙伴报备文件"), "{refused}");
}

#[test]
fn decisions_made_by_people_are_worded_in_chinese() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.ok(&["check", "--all", "--as-of", "2026-06-30"]);
    let out = env.run(&[
        "--lang",
        "zh",
        "--as",
        "cm",
        "decide",
        "R01",
        "override",
        "--outcome",
        "approved",
        "--reason",
        "客户确认",
    ]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("通过（转伙伴）（已改判）：cm 将「") && stdout.contains("」改判为「通过（转伙伴）」：客户确认"),
        "{stdout}"
    );
    env.ok(&["--as", "cm", "dispute", "open", "R01", "--claim", "我们先接触的客户"]);
    let again = env.fails(&["--lang", "zh", "--as", "cm", "dispute", "open", "R01", "--claim", "再次申诉"], 3);
    assert!(again.contains("R01 上的申诉 #1（cm 发起）尚未裁决"), "{again}");
    // The audit log keeps the code and its parameters beside the English text, and still verifies.
    let verified = env.ok(&["--lang", "zh", "audit", "verify"]);
    assert!(verified.contains("审计日志完好"), "{verified}");
}

#[test]
fn help_is_chinese_under_a_chinese_locale() {
    let env = Env::new();
    let zh = env.run_in_locale(&["--help"], "zh_CN.UTF-8");
    let help = text(&zh.stdout);
    assert!(help.contains("伙伴报备查重") && help.contains("用法：") && help.contains("退出状态"), "{help}");
    let import = text(&env.run(&["--lang", "zh", "import", "--help"]).stdout);
    assert!(import.contains("文件路径") && !import.contains("Print help"), "{import}");
    let en = text(&env.run(&["--help"]).stdout);
    assert!(en.contains("Exit status") && !en.contains("用法"), "{en}");
}

#[test]
fn audit_exports_have_headers_words_and_times_in_the_language_asked() {
    let env = Env::new();
    env.import_fixtures();
    env.ok(&["check", "--all", "--as-of", "2026-06-30"]);
    let zh = env.path("审计.csv");
    env.ok(&["--lang", "zh", "audit", "export", "--format", "csv", "--out", zh.to_str().unwrap()]);
    let text = String::from_utf8(std::fs::read(&zh).unwrap()[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), "序号,时间（北京时间）,操作人,操作,对象,区域,伙伴,结果,规则,详情,前一哈希,哈希");
    assert!(text.contains(",查重建议,") && !text.contains("check.propose"), "{text}");
    assert!(text.contains("区域直营头部客户，归直销") && !text.contains("1-head-account"), "{text}");
    // Times are Beijing's, without the UTC `T…Z` form; details are words, not JSON.
    let row: Vec<&str> = text.lines().find(|l| l.contains("查重建议")).unwrap().split(',').collect();
    assert!(row[1].len() == 19 && row[1].as_bytes()[10] == b' ' && !row[1].ends_with('Z'), "{row:?}");
    assert!(!text.contains("{\""), "JSON left in the details: {text}");
    let en = env.path("audit.csv");
    env.ok(&["--lang", "en", "audit", "export", "--format", "csv", "--out", en.to_str().unwrap()]);
    let text = String::from_utf8(std::fs::read(&en).unwrap()[3..].to_vec()).unwrap();
    assert!(text.starts_with("seq,at (UTC),actor,action,subject,region,partner,outcome,rule,details,prev_hash,hash"));
    assert!(text.contains(",check proposed,"), "{text}");
    // The JSON export stays as stored, for machines.
    let json = env.path("audit.json");
    env.ok(&["--lang", "zh", "audit", "export", "--format", "json", "--out", json.to_str().unwrap()]);
    let entries: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let proposal = entries.as_array().unwrap().iter().find(|e| e["action"] == "check.propose").unwrap();
    assert!(proposal["payload"]["summary_code"]["code"].is_string(), "{proposal}");
    assert!(env.ok(&["audit", "verify"]).contains("intact"));
}
