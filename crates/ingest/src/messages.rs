//! What is wrong with a row, as a code and its parameters (`RowProblem`), and every import message in
//! each language: one exhaustive `match` per language, so a new problem without its words does not compile.

use dealgate_domain::Lang;
use serde::{Deserialize, Serialize};

use crate::error::{shorten, RowError, RowWarning};
use crate::escape::escape_for_display as esc;
use crate::IngestError;

/// Why a row was refused. `RowError::problem` / `expected` hold its English words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", content = "args", rename_all = "snake_case")]
pub enum RowProblem {
    /// A required value is empty.
    Empty {
        /// The field's canonical name.
        field: String,
    },
    /// An Excel error value (`#N/A`...) in a required field.
    ExcelError,
    /// A name longer than its limit.
    NameTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// A placeholder (`无`, `N/A`) where a name belongs.
    Placeholder,
    /// A name of only punctuation or spaces.
    NoLetter,
    /// Not a date.
    NotADate {
        /// Whether a time of day may follow the date.
        with_time: bool,
    },
    /// A date outside 1900–2100.
    YearOutOfRange {
        /// Its year.
        year: i32,
    },
    /// Not an amount.
    NotAnAmount,
    /// A negative amount.
    NegativeAmount,
    /// Not a partner tier.
    NotATier,
    /// Any value longer than 1000 characters.
    ValueTooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// A control character in a value.
    ControlCharacter {
        /// Its code point.
        code_point: u32,
    },
    /// Bytes that are not text in the file's encoding.
    Undecodable {
        /// The encoding.
        encoding: String,
    },
    /// A value past the header's last column.
    ExtraField {
        /// Its field number.
        field: usize,
        /// How many columns the header has.
        width: usize,
    },
    /// A quote that never closes.
    UnclosedQuote {
        /// Where it opens: line.
        line: usize,
        /// Where it opens: column.
        column: usize,
    },
}

impl RowProblem {
    /// What is wrong, phrased to follow the quoted value.
    pub fn problem(&self, lang: Lang) -> String {
        match lang {
            Lang::En => match self {
                RowProblem::Empty { field } => format!("{field} is empty"),
                RowProblem::ExcelError => "is an Excel error value".into(),
                RowProblem::NameTooLong { chars } | RowProblem::ValueTooLong { chars } => {
                    format!("is {chars} characters long")
                }
                RowProblem::Placeholder => "is a placeholder, not a name".into(),
                RowProblem::NoLetter => "has no letter or digit".into(),
                RowProblem::NotADate { .. } => "is not a date".into(),
                RowProblem::YearOutOfRange { year } => format!("is a date in the year {year}"),
                RowProblem::NotAnAmount => "is not an amount".into(),
                RowProblem::NegativeAmount => "is a negative amount".into(),
                RowProblem::NotATier => "is not a partner tier".into(),
                RowProblem::ControlCharacter { code_point } => format!("holds control characters (U+{code_point:04X})"),
                RowProblem::Undecodable { encoding } => format!("holds bytes that are not {encoding} text (shown as \u{FFFD})"),
                RowProblem::ExtraField { field, width } => {
                    format!("is in field {field} but the header has only {width} columns")
                }
                RowProblem::UnclosedQuote { line, column } => format!(
                    "has an unclosed quote starting at line {line}, column {column}: the rest of the file would be one value"
                ),
            },
            Lang::Zh => match self {
                RowProblem::Empty { field } => format!("必填项 {field} 为空"),
                RowProblem::ExcelError => "是 Excel 错误值".into(),
                RowProblem::NameTooLong { chars } | RowProblem::ValueTooLong { chars } => format!("长达 {chars} 个字符"),
                RowProblem::Placeholder => "是占位符，不是名称".into(),
                RowProblem::NoLetter => "不含任何文字或数字".into(),
                RowProblem::NotADate { .. } => "不是日期".into(),
                RowProblem::YearOutOfRange { year } => format!("是 {year} 年的日期"),
                RowProblem::NotAnAmount => "不是金额".into(),
                RowProblem::NegativeAmount => "是负数金额".into(),
                RowProblem::NotATier => "不是伙伴等级".into(),
                RowProblem::ControlCharacter { code_point } => format!("含控制字符（U+{code_point:04X}）"),
                RowProblem::Undecodable { encoding } => format!("含无法按 {encoding} 解读的字节（显示为 \u{FFFD}）"),
                RowProblem::ExtraField { field, width } => format!("位于第 {field} 个字段，但表头只有 {width} 列"),
                RowProblem::UnclosedQuote { line, column } => {
                    format!("从第 {line} 行第 {column} 列起的引号没有闭合：文件其余部分会成为一个值")
                }
            },
        }
    }

    /// What would be accepted.
    pub fn expected(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RowProblem::Empty { .. }, Lang::En) => "a value",
            (RowProblem::Empty { .. }, Lang::Zh) => "一个值",
            (RowProblem::ExcelError, Lang::En) => "a value, not an Excel error (fix the formula or type the value)",
            (RowProblem::ExcelError, Lang::Zh) => "一个值，而不是 Excel 错误（请修正公式或直接填写）",
            (RowProblem::NameTooLong { .. }, Lang::En) => "a name of at most 200 characters",
            (RowProblem::NameTooLong { .. }, Lang::Zh) => "不超过 200 个字符的名称",
            (RowProblem::Placeholder | RowProblem::NoLetter, Lang::En) => "a company name",
            (RowProblem::Placeholder | RowProblem::NoLetter, Lang::Zh) => "公司名称",
            (RowProblem::NotADate { with_time: false }, Lang::En) => "a date such as 2026-06-30",
            (RowProblem::NotADate { with_time: false }, Lang::Zh) => "日期，例如 2026-06-30",
            (RowProblem::NotADate { with_time: true }, Lang::En) => {
                "a date and time such as 2026-06-29 11:55, or a date such as 2026-06-29"
            }
            (RowProblem::NotADate { with_time: true }, Lang::Zh) => {
                "日期时间，例如 2026-06-29 11:55，或日期 2026-06-29"
            }
            (RowProblem::YearOutOfRange { .. }, Lang::En) => "a date between 1900-01-01 and 2100-12-31",
            (RowProblem::YearOutOfRange { .. }, Lang::Zh) => "1900-01-01 至 2100-12-31 之间的日期",
            (RowProblem::NotAnAmount, Lang::En) => "a number such as 120000 or 12万",
            (RowProblem::NotAnAmount, Lang::Zh) => "数字，例如 120000 或 12万",
            (RowProblem::NegativeAmount, Lang::En) => "an amount of 0 or more",
            (RowProblem::NegativeAmount, Lang::Zh) => "不小于 0 的金额",
            (RowProblem::NotATier, Lang::En) => {
                "one of gold (金牌), silver (银牌), registered (注册), or empty for registered"
            }
            (RowProblem::NotATier, Lang::Zh) => "金牌、银牌、注册之一，留空即注册伙伴",
            (RowProblem::ValueTooLong { .. }, Lang::En) => "a value of at most 1000 characters",
            (RowProblem::ValueTooLong { .. }, Lang::Zh) => "不超过 1000 个字符的值",
            (RowProblem::ControlCharacter { .. }, Lang::En) => "a value of printable characters",
            (RowProblem::ControlCharacter { .. }, Lang::Zh) => "只含可打印字符的值",
            (RowProblem::Undecodable { .. }, Lang::En) => "text in the file's encoding; save the file as \"CSV UTF-8\"",
            (RowProblem::Undecodable { .. }, Lang::Zh) => "文件编码下的文字；请另存为「CSV UTF-8」",
            (RowProblem::ExtraField { .. }, Lang::En) => {
                "as many fields as the header (quote values that contain the delimiter)"
            }
            (RowProblem::ExtraField { .. }, Lang::Zh) => "与表头相同的字段数（含分隔符的值请加引号）",
            (RowProblem::UnclosedQuote { .. }, Lang::En) => {
                "a closing quote (a quote inside a value is written twice: \"\")"
            }
            (RowProblem::UnclosedQuote { .. }, Lang::Zh) => "闭合的引号（值内的引号要写两次：\"\"）",
        }
    }
}

impl RowError {
    /// A refused row, its problem worded in English in `problem` and `expected`.
    pub(crate) fn new(
        file: &str,
        line: usize,
        column: Option<String>,
        column_number: Option<usize>,
        value: String,
        code: RowProblem,
    ) -> RowError {
        RowError {
            file: file.to_owned(),
            line,
            column,
            column_number,
            value,
            problem: code.problem(Lang::En),
            expected: code.expected(Lang::En).to_owned(),
            code: Some(code),
        }
    }

    /// The whole message in `lang` (English: as `Display`), naming file, line, column and value.
    pub fn text(&self, lang: Lang) -> String {
        let Some(code) = self.code.as_ref().filter(|_| lang == Lang::Zh) else { return self.to_string() };
        let mut out = format!("{} 第 {} 行", esc(&self.file), self.line);
        match (&self.column_number, &self.column) {
            (Some(n), Some(name)) => out.push_str(&format!("，第 {n} 列（{}）", esc(name))),
            (Some(n), None) => out.push_str(&format!("，第 {n} 列")),
            (None, Some(name)) => out.push_str(&format!("，{} 列", esc(name))),
            (None, None) => {}
        }
        if self.value.is_empty() {
            out.push_str(&format!("：{}；应为{}", code.problem(lang), code.expected(lang)));
        } else {
            out.push_str(&format!(
                "：「{}」{}；应为{}",
                esc(&shorten(&self.value)),
                code.problem(lang),
                code.expected(lang)
            ));
        }
        out
    }
}

/// A doubt about a kept value, read back from the words the reader stored with it (`FieldWarning::problem`
/// is plain text in the database); `doubt_en` writes each one, so a test holds the two to each other.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Doubt {
    ExcelErrorLeftEmpty,
    Website,
    Email,
    UsccLength(String),
    UsccCharacter(String, String),
    UsccCheck(String, String),
    Repeated(String),
}

fn doubt(problem: &str) -> Option<Doubt> {
    let between = |text: &str, a: &str, b: &str| -> Option<String> {
        let rest = text.strip_prefix(a)?;
        Some(rest[..rest.find(b)?].to_owned())
    };
    Some(match problem {
        "is an Excel error value; left empty" => Doubt::ExcelErrorLeftEmpty,
        "does not look like a website address such as www.example.com" => Doubt::Website,
        "does not look like an e-mail address such as name@example.com" => Doubt::Email,
        p if p.starts_with("expected 18 characters, found ") => Doubt::UsccLength(p[30..].to_owned()),
        p if p.starts_with("character '") && p.ends_with(" is not allowed in a USCC") => {
            let c = between(p, "character '", "' at position ")?;
            let at = between(p, &format!("character '{c}' at position "), " is not")?;
            Doubt::UsccCharacter(c, at)
        }
        p if p.starts_with("check character is '") => {
            let c = between(p, "check character is '", "', the code's")?;
            let want = between(p, &format!("check character is '{c}', the code's first 17 characters give '"), "'")?;
            Doubt::UsccCheck(c, want)
        }
        p if p.starts_with("appears again; this row replaces line ") => Doubt::Repeated(p[38..].to_owned()),
        _ => return None,
    })
}

#[cfg(test)]
fn doubt_en(d: &Doubt) -> String {
    match d {
        Doubt::ExcelErrorLeftEmpty => "is an Excel error value; left empty".into(),
        Doubt::Website => "does not look like a website address such as www.example.com".into(),
        Doubt::Email => "does not look like an e-mail address such as name@example.com".into(),
        Doubt::UsccLength(n) => format!("expected 18 characters, found {n}"),
        Doubt::UsccCharacter(c, at) => format!("character '{c}' at position {at} is not allowed in a USCC"),
        Doubt::UsccCheck(c, want) => format!("check character is '{c}', the code's first 17 characters give '{want}'"),
        Doubt::Repeated(line) => format!("appears again; this row replaces line {line}"),
    }
}

fn doubt_zh(d: &Doubt) -> String {
    match d {
        Doubt::ExcelErrorLeftEmpty => "是 Excel 错误值，已留空".into(),
        Doubt::Website => "不像网站地址（如 www.example.com）".into(),
        Doubt::Email => "不像电子邮箱地址（如 name@example.com）".into(),
        Doubt::UsccLength(n) => format!("应为 18 位，实际 {n} 位"),
        Doubt::UsccCharacter(c, at) => format!("第 {at} 位的字符「{c}」不能出现在统一社会信用代码中"),
        Doubt::UsccCheck(c, want) => format!("校验位是「{c}」，按前 17 位应为「{want}」"),
        Doubt::Repeated(line) => format!("重复出现；本行取代第 {line} 行"),
    }
}

/// A warned field in Chinese: `uscc` → 统一社会信用代码; others as they are.
fn field_zh(field: &str) -> &str {
    match field {
        "uscc" => "统一社会信用代码",
        "website" => "网站",
        "contact_email" => "联系邮箱",
        "record id" => "记录编号",
        "amount" => "金额",
        "expected_close" => "预计成交日期",
        "partner_tier" => "伙伴等级",
        other => other,
    }
}

impl RowWarning {
    /// What is doubtful, in `lang` (without file and line); unknown doubts in the reader's words.
    pub fn problem_text(&self, lang: Lang) -> String {
        match (lang, doubt(&self.warning.problem)) {
            (Lang::Zh, Some(d)) => doubt_zh(&d),
            _ => self.warning.problem.clone(),
        }
    }

    /// The warning in `lang`; a doubt the catalogue does not know is shown in the reader's words.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => {
                let w = &self.warning;
                let problem = self.problem_text(lang);
                format!(
                    "{} 第 {} 行（{}）：{}「{}」{}",
                    esc(&self.file),
                    self.line,
                    esc(&shorten(&self.record_id)),
                    field_zh(&w.field),
                    esc(&shorten(&w.value)),
                    esc(&problem)
                )
            }
        }
    }
}

impl IngestError {
    /// The refusal in `lang` (English: as `Display`).
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            IngestError::Io { file, source } => format!("无法读取 {}：{source}", esc(file)),
            IngestError::NotAFile { file, what } => {
                format!("{}：不是普通文件（{what}）；请给出 CSV 或 XLSX 文件的路径", esc(file))
            }
            IngestError::TooLarge { file, detail, limit } => {
                format!(
                    "{}：文件太大，无法导入（{detail}）；请拆分成每个小于 {} MB 的文件",
                    esc(file),
                    limit / 1_000_000
                )
            }
            IngestError::UnsupportedFormat { file, detail } => {
                format!("{}：不是可导入的 CSV 或 XLSX 文件（{}）", esc(file), esc(detail))
            }
            IngestError::Encoding { file, detail } => format!("{}：文件编码无法读取（{}）", esc(file), esc(detail)),
            IngestError::UnreadableWorkbook { file, detail } => format!(
                "{}：工作簿已损坏，无法读取（{}）；请在 Excel 中打开并另存为 .xlsx 或 CSV",
                esc(file),
                esc(detail)
            ),
            IngestError::MissingColumns { file, kind, missing, found } => {
                let missing: Vec<String> = missing
                    .iter()
                    .map(|m| match crate::headers::chinese_name(*kind, m) {
                        Some(zh) => format!("{zh}（{m}）"),
                        None => m.clone(),
                    })
                    .collect();
                let found = if found.is_empty() { "无".to_owned() } else { found.join("、") };
                format!(
                    "{}：缺少必需的列 {}，不是{}文件；找到的列：{}",
                    esc(file),
                    missing.join("、"),
                    kind_name(*kind),
                    esc(&found)
                )
            }
            IngestError::Empty { file } => format!("{}：文件是空的（没有表头，也没有数据）", esc(file)),
        }
    }
}

fn kind_name(kind: dealgate_domain::RecordKind) -> &'static str {
    kind.name(dealgate_domain::Lang::Zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_error_names_line_column_and_value_in_chinese() {
        let e = RowError::new("报备.csv", 3, Some("金额".into()), Some(5), "十二万八".into(), RowProblem::NotAnAmount);
        assert_eq!(e.problem, "is not an amount");
        assert_eq!(
            e.text(Lang::Zh),
            "报备.csv 第 3 行，第 5 列（金额）：「十二万八」不是金额；应为数字，例如 120000 或 12万"
        );
        assert_eq!(e.text(Lang::En), e.to_string());
        assert!(e.to_string().contains("line 3, column 5"), "{e}");
    }

    #[test]
    fn every_doubt_the_reader_writes_is_read_back_and_worded_in_chinese() {
        let usccs = ["91430100MA4L00000", "91430100MA4L0000I0", "91430100MA4L000000"];
        let mut problems: Vec<String> = usccs.iter().filter_map(|u| dealgate_domain::uscc::validate(u).err()).collect();
        assert_eq!(problems.len(), 3, "each USCC is doubtful in its own way: {problems:?}");
        problems.extend([
            "is an Excel error value; left empty".to_owned(),
            "does not look like a website address such as www.example.com".to_owned(),
            "does not look like an e-mail address such as name@example.com".to_owned(),
            "appears again; this row replaces line 4".to_owned(),
        ]);
        for p in &problems {
            let d = doubt(p).unwrap_or_else(|| panic!("not in the catalogue: {p:?}"));
            assert_eq!(&doubt_en(&d), p);
            assert!(!doubt_zh(&d).is_ascii(), "{p}");
        }
    }

    #[test]
    fn a_row_error_without_a_code_stays_english() {
        let mut e = RowError::new("a.csv", 2, None, None, String::new(), RowProblem::ExcelError);
        e.code = None;
        assert_eq!(e.text(Lang::Zh), e.to_string());
    }
}
