//! Exact match keys: validated USCC, website / e-mail domain (not free-mail), phone number.
//!
//! Domains are cut to the host level and free-mail domains dropped; placeholder phones (`is_placeholder_phone`) are
//! not keys.

use crate::dict::FREE_MAIL;
use dealgate_domain::uscc;

/// Second-level labels under which a registrable domain has three labels (`example.com.cn`).
const SECOND_LEVEL: &[&str] = &["com", "net", "org", "gov", "edu", "ac", "co"];

/// The host as a match key: lower-cased, without `www.` (or `mail.` for mail hosts). Subsidiaries of a
/// group often sit on subdomains of the group's domain (`a.group.com.cn`, `b.group.com.cn`), so the
/// whole host is the key, not the registrable domain; `None` if it is not a plausible host.
fn host_key(host: &str) -> Option<String> {
    let host = host.trim().trim_end_matches('.').to_lowercase();
    let mut host = host.as_str();
    for prefix in ["www.", "mail.", "email.", "mx.", "m."] {
        if let Some(rest) = host.strip_prefix(prefix).filter(|r| r.contains('.')) {
            host = rest;
        }
    }
    if host.is_empty() || !host.contains('.') || host.chars().any(|c| c.is_whitespace() || c == '@') {
        return None;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.iter().any(|l| l.is_empty()) || labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let n = labels.len();
    let minimal = if n >= 3 && SECOND_LEVEL.contains(&labels[n - 2]) && labels[n - 1].len() == 2 { 3 } else { 2 };
    // A bare public suffix (`com.cn`) names no company.
    let bare_suffix = n == 2 && SECOND_LEVEL.contains(&labels[0]) && labels[1].len() == 2;
    (n >= minimal && !bare_suffix).then(|| host.to_string())
}

/// The domain of a website such as `https://www.example.com.cn/about`, minus free-mail providers.
pub fn website_domain(website: &str) -> Option<String> {
    let s = website.trim();
    let s = s.split("://").nth(1).unwrap_or(s);
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host).split(':').next().unwrap_or("");
    host_key(host).filter(|d| !is_free_mail(d))
}

/// The domain of an e-mail address, unless it is a free-mail provider (qq.com, 163.com, gmail.com...).
pub fn email_domain(email: &str) -> Option<String> {
    let (_, host) = email.trim().rsplit_once('@')?;
    let full = host.trim().to_lowercase();
    if is_free_mail(&full) {
        return None;
    }
    host_key(&full).filter(|d| !is_free_mail(d))
}

/// A free-mail provider's domain or one of its subdomains (`vip.126.com`).
fn is_free_mail(host: &str) -> bool {
    FREE_MAIL.iter().any(|f| host == *f || host.strip_suffix(f).is_some_and(|rest| rest.ends_with('.')))
}

/// A phone number as digits, without the country code; `None` if too short to identify anyone.
pub fn phone_key(phone: &str) -> Option<String> {
    let mut digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    for cc in ["0086", "86"] {
        if digits.len() > 11 && digits.starts_with(cc) {
            digits = digits[cc.len()..].to_string();
        }
    }
    // A landline's trunk prefix: 0571-8888-1234 and +86 571 8888 1234 are one number.
    if digits.starts_with('0') && (10..=12).contains(&digits.len()) {
        digits.remove(0);
    }
    (digits.len() >= 7 && !is_placeholder_phone(&digits)).then_some(digits)
}

/// Numbers people type when a form wants a phone they do not have or will not give: China Mobile's
/// service line, and numbers whose digits are one repeated pattern or one run.
const PLACEHOLDER_PHONES: &[&str] = &["13800138000", "13800000000", "13900000000", "12345678910"];

/// Whether a phone's digits (as [`phone_key`] keeps them) are a placeholder rather than a number that
/// identifies anyone: a listed one; one digit or one short pattern repeated (00000000000, 13131313131,
/// 1380013800...); a run up or down (12345678, 98765432, wrapping 7890123); or a mobile prefix followed by
/// one repeated digit (13900000000, 18888888888). Such numbers are shared by unrelated companies, so
/// they are never exact keys.
pub fn is_placeholder_phone(digits: &str) -> bool {
    let d = digits.as_bytes();
    if PLACEHOLDER_PHONES.contains(&digits) || d.is_empty() {
        return true;
    }
    // One pattern of up to 5 digits repeated (the last repetition may be cut short).
    let repeated = (1..=5).any(|p| p < d.len() && d.iter().enumerate().all(|(i, &c)| c == d[i % p]));
    let step = |up: bool| {
        d.windows(2).all(|w| {
            let (a, b) = (w[0] - b'0', w[1] - b'0');
            if up {
                b == (a + 1) % 10
            } else {
                a == (b + 1) % 10
            }
        })
    };
    // A mobile number (1 and two digits) whose eight subscriber digits are one digit.
    let mobile_filler = d.len() == 11 && d[0] == b'1' && d[3..].iter().all(|&c| c == d[3]);
    repeated || step(true) || step(false) || mobile_filler
}

/// A USCC usable as a key: only when its check character validates.
pub fn uscc_key(raw: &str) -> Option<String> {
    uscc::validate(raw).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_and_phones() {
        assert_eq!(website_domain("https://www.yunfan-data.com.cn/about").as_deref(), Some("yunfan-data.com.cn"));
        assert_eq!(website_domain("www.shop.yunfan.com").as_deref(), Some("shop.yunfan.com"));
        assert_ne!(website_domain("a.group.com.cn"), website_domain("b.group.com.cn"));
        assert_eq!(website_domain("not a site"), None);
        assert_eq!(email_domain("li@mail.yunfan.com"), website_domain("http://www.yunfan.com/"));
        assert_eq!(email_domain("li@qq.com"), None);
        assert_eq!(email_domain("li@vip.163.com"), None);
        assert_eq!(phone_key("+86 138-1234-5678").as_deref(), Some("13812345678"));
        assert_eq!(phone_key("123"), None);
    }

    #[test]
    fn placeholder_phones_are_not_keys() {
        for p in
            ["13800138000", "+86 138 0013 8000", "00000000000", "11111111111", "12345678", "98765432", "13131313131"]
        {
            assert_eq!(phone_key(p), None, "{p}");
        }
        for p in ["13900000000", "18888888888", "12345678901", "0000-0000000"] {
            assert_eq!(phone_key(p), None, "{p}");
        }
        // Real-looking numbers stay keys, vanity endings included.
        for p in ["13812345678", "0571-8888-1234", "0571-88888888", "13924681357", "18907550888"] {
            assert!(phone_key(p).is_some(), "{p}");
        }
    }
}
