//! Parsing and checking single values: dates, amounts, activity types, websites and e-mail addresses.
//!
//! Hand-written scanners, no regular expressions: these run on every cell of million-row files.

use chrono::{NaiveDate, NaiveTime};

use crate::headers::unit_scale;

/// Parses a date with an optional time of day.
///
/// Dates: `2026-06-30`, `2026/6/30`, `2026.6.30`, `20260630`, `2026年6月30日`. A time may follow
/// after `T` or spaces: `11:55`, `11:55:00`, `11:55:00.123`, optionally ending in `Z`.
pub(crate) fn parse_date_time(s: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let b = s.trim().as_bytes();
    let mut i = 0;
    let year = digits(b, &mut i, 4, 4)?;
    let (month, day);
    match b.get(i) {
        Some(&sep @ (b'-' | b'/' | b'.')) => {
            i += 1;
            month = digits(b, &mut i, 1, 2)?;
            eat(b, &mut i, &[sep])?;
            day = digits(b, &mut i, 1, 2)?;
        }
        Some(b'0'..=b'9') => {
            month = digits(b, &mut i, 2, 2)?;
            day = digits(b, &mut i, 2, 2)?;
        }
        _ => {
            eat(b, &mut i, "年".as_bytes())?;
            month = digits(b, &mut i, 1, 2)?;
            eat(b, &mut i, "月".as_bytes())?;
            day = digits(b, &mut i, 1, 2)?;
            let _ = eat(b, &mut i, "日".as_bytes());
        }
    }
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    if i == b.len() {
        return Some((date, None));
    }
    if b[i] == b'T' {
        i += 1;
    } else {
        let start = i;
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let hour = digits(b, &mut i, 1, 2)?;
    eat(b, &mut i, b":")?;
    let minute = digits(b, &mut i, 2, 2)?;
    let mut second = 0;
    if eat(b, &mut i, b":").is_some() {
        second = digits(b, &mut i, 2, 2)?;
        if eat(b, &mut i, b".").is_some() {
            digits(b, &mut i, 1, 9)?;
        }
    }
    let _ = eat(b, &mut i, b"Z");
    if i != b.len() {
        return None;
    }
    Some((date, Some(NaiveTime::from_hms_opt(hour, minute, second)?)))
}

/// Reads between `min` and `max` ASCII digits at `*i`.
fn digits(b: &[u8], i: &mut usize, min: usize, max: usize) -> Option<u32> {
    let start = *i;
    let mut v = 0u32;
    while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
        v = v * 10 + u32::from(b[*i] - b'0');
        *i += 1;
    }
    (*i - start >= min).then_some(v)
}

/// Consumes `token` at `*i`.
fn eat(b: &[u8], i: &mut usize, token: &[u8]) -> Option<()> {
    if b[*i..].starts_with(token) {
        *i += token.len();
        Some(())
    } else {
        None
    }
}

/// Why an amount was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AmountError {
    NotANumber,
    Negative,
}

/// Parses an amount: `169000`, `169,000`, `¥169,000.00`, `169000元`, `16.9万`, `1.2亿`.
///
/// `scale` multiplies plain numbers (it comes from a header such as `金额(万元)`); a unit
/// written in the cell overrides it. Scaled results are rounded to the cent.
pub(crate) fn parse_amount(s: &str, scale: f64) -> Result<f64, AmountError> {
    let mut t = s.trim();
    for prefix in ["¥", "￥", "RMB", "rmb", "CNY", "cny", "人民币"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim_start();
            break;
        }
    }
    let mut negative = false;
    if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('−')) {
        negative = true;
        t = rest.trim_start();
    } else if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        t = inner.trim();
    }
    let mut unit = None;
    for suffix in ["元", "RMB", "rmb", "CNY", "cny"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.trim_end();
            break;
        }
    }
    if let Some(pos) = t.rfind(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '，'))) {
        unit = Some(unit_scale(&t[pos..]).ok_or(AmountError::NotANumber)?);
        t = t[..pos].trim_end();
    }
    let value = parse_grouped_number(t).ok_or(AmountError::NotANumber)?;
    if negative && value != 0.0 {
        return Err(AmountError::Negative);
    }
    Ok(scale_amount(value, unit.unwrap_or(scale)))
}

/// Multiplies an amount by its unit (10,000 for 万), rounding to the cent so that `0.07万` is
/// exactly 700 rather than 700.0000000000001.
pub(crate) fn scale_amount(value: f64, scale: f64) -> f64 {
    if scale == 1.0 {
        value
    } else {
        (value * scale * 100.0).round() / 100.0
    }
}

/// Parses `169000`, `169,000.5`: digits, optional thousands separators in groups of three, one `.`.
fn parse_grouped_number(t: &str) -> Option<f64> {
    let (int, frac) = match t.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (t, None),
    };
    if let Some(frac) = frac {
        if frac.is_empty() || !frac.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    if int.is_empty() {
        return None;
    }
    if int.bytes().all(|c| c.is_ascii_digit()) {
        return t.parse().ok();
    }
    let mut plain = String::with_capacity(t.len());
    for (n, group) in int.split([',', '，']).enumerate() {
        let ok = if n == 0 { (1..=3).contains(&group.len()) } else { group.len() == 3 };
        if !ok || !group.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        plain.push_str(group);
    }
    if let Some(frac) = frac {
        plain.push('.');
        plain.push_str(frac);
    }
    plain.parse().ok()
}

/// Maps a CRM's activity type to the canonical lower-case English name; unknown types are kept
/// (lower-cased), since a CRM may have its own.
pub(crate) fn activity_type(s: String) -> String {
    let canonical = match s.as_str() {
        "拜访" | "上门拜访" | "上门" | "现场拜访" | "面访" => "visit",
        "演示" | "产品演示" | "方案演示" => "demo",
        "报价" => "quote",
        "电话" | "电话沟通" | "电话拜访" => "call",
        "邮件" | "电子邮件" => "email",
        "微信" | "微信沟通" => "wechat",
        "会议" | "线上会议" => "meeting",
        "其他" | "其它" => "other",
        // Already canonical (the common case in English exports): keep the string as it is.
        "visit" | "demo" | "quote" | "call" | "email" | "wechat" | "meeting" | "other" => return s,
        _ => {
            let lower = if s.chars().any(char::is_uppercase) { s.to_lowercase() } else { s };
            return match lower.as_str() {
                "onsite" | "on-site visit" => "visit".to_owned(),
                "demonstration" => "demo".to_owned(),
                "quotation" => "quote".to_owned(),
                "phone" | "phone call" => "call".to_owned(),
                "e-mail" | "mail" => "email".to_owned(),
                _ => lower,
            };
        }
    };
    canonical.to_owned()
}

/// Placeholder texts that mean "no value" in an optional column.
pub(crate) fn is_placeholder(s: &str) -> bool {
    matches!(
        s,
        "-" | "--" | "—" | "/" | "无" | "暂无" | "空" | "N/A" | "n/a" | "NA" | "null" | "NULL" | "None" | "none"
    )
}

/// True when a website value names plausible hosts: one, or several separated by `、` `,` `;` or
/// spaces, as CRMs hold them (`www.a.cn、www.a.com`).
pub(crate) fn looks_like_websites(s: &str) -> bool {
    let mut parts = s.split(['、', ',', '，', ';', '；', ' ', '\u{3000}']).filter(|p| !p.is_empty()).peekable();
    parts.peek().is_some() && parts.all(looks_like_website)
}

/// True when a website value names a plausible host: scheme and path removed, at least one dot,
/// labels of letters (including Chinese), digits and inner hyphens.
fn looks_like_website(s: &str) -> bool {
    let mut host = s.trim();
    if let Some(pos) = host.find("://") {
        if !host[..pos].bytes().all(|c| c.is_ascii_alphabetic()) {
            return false;
        }
        host = &host[pos + 3..];
    }
    if let Some(end) = host.find(['/', '?', '#']) {
        host = &host[..end];
    }
    if let Some((name, port)) = host.rsplit_once(':') {
        if !port.is_empty() && port.bytes().all(|c| c.is_ascii_digit()) {
            host = name;
        }
    }
    looks_like_domain(host.strip_suffix('.').unwrap_or(host))
}

/// True when an e-mail address has one `@`, a non-empty local part and a dotted domain.
pub(crate) fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.trim().split_once('@') else {
        return false;
    };
    !local.is_empty() && !local.chars().any(char::is_whitespace) && !domain.contains('@') && looks_like_domain(domain)
}

fn looks_like_domain(host: &str) -> bool {
    host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}
