//! Signing in to a team database from a terminal: a `postgres://` URL without a password, and no
//! `PGPASSWORD`, asks for the password on the terminal (not echoed) instead of failing to sign in.
//!
//! URLs are shown without their password (`shown`).

use dealgate_api::{ApiError, ApiResult, ErrorCode};
use std::io::IsTerminal;

/// Whether `db` is a PostgreSQL URL naming a user but no password.
fn lacks_password(db: &str) -> Option<url::Url> {
    if !(db.starts_with("postgres://") || db.starts_with("postgresql://")) {
        return None;
    }
    let url = url::Url::parse(db).ok()?;
    (url.password().is_none() && !url.username().is_empty()).then_some(url)
}

/// `db` with the password put in: asked on the terminal when the URL has none, `PGPASSWORD` is unset
/// and the standard input is a terminal (scripts and `--password-stdin` are never prompted).
pub fn with_password(db: String) -> ApiResult<String> {
    let Some(mut url) = lacks_password(&db) else { return Ok(db) };
    if std::env::var_os("PGPASSWORD").is_some() || !std::io::stdin().is_terminal() {
        return Ok(db);
    }
    let host = url.host_str().unwrap_or("localhost").to_string();
    let prompt = format!("Password for {}@{host}: ", url.username());
    let password = rpassword::prompt_password(prompt)
        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, format!("could not read the password: {e}")))?;
    put_password(&mut url, &password)?;
    Ok(url.into())
}

/// `db` as it may be shown: a URL's password left out.
pub fn shown(db: &str) -> String {
    match url::Url::parse(db) {
        Ok(mut url)
            if (db.starts_with("postgres://") || db.starts_with("postgresql://")) && url.password().is_some() =>
        {
            let _ = url.set_password(None);
            url.into()
        }
        _ => db.to_string(),
    }
}

/// Puts `password` in `url`, every byte but the unreserved ones percent-encoded (the URL parser keeps a
/// `%` as it is, so a password holding one must be encoded first).
fn put_password(url: &mut url::Url, password: &str) -> ApiResult<()> {
    let encoded: String = password
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    url.set_password(Some(&encoded))
        .map_err(|()| ApiError::new(ErrorCode::InvalidInput, "this database URL cannot take a password"))
}

#[cfg(test)]
mod tests {
    use super::{lacks_password, put_password, shown};

    #[test]
    fn a_shown_url_never_carries_the_password() {
        assert_eq!(shown("postgres://li:secret@db:5432/dealgate"), "postgres://li@db:5432/dealgate");
        assert_eq!(shown("postgres://li@db/dealgate"), "postgres://li@db/dealgate");
        assert_eq!(shown("/tmp/演示.db"), "/tmp/演示.db");
    }

    #[test]
    fn only_a_postgres_url_with_a_user_and_no_password_needs_one() {
        assert!(lacks_password("postgres://li.admin@db.example:5432/dealgate?sslmode=require").is_some());
        assert!(lacks_password("postgresql://li@db/dealgate").is_some());
        assert!(lacks_password("postgres://li:secret@db/dealgate").is_none());
        assert!(lacks_password("postgres://db/dealgate").is_none(), "no user: the server's defaults");
        assert!(lacks_password("/home/li/dealgate.db").is_none());
        assert!(lacks_password("C:\\Users\\li\\dealgate.db").is_none());
    }

    #[test]
    fn a_password_with_url_characters_survives_the_round_trip() {
        let mut url = lacks_password("postgres://wang.qudao@db:5432/dealgate?sslmode=require").unwrap();
        put_password(&mut url, "p@ss:w/rd#1%").unwrap();
        let text: String = url.into();
        assert_eq!(text, "postgres://wang.qudao:p%40ss%3Aw%2Frd%231%25@db:5432/dealgate?sslmode=require");
        let back = url::Url::parse(&text).unwrap();
        let decoded = percent_decode(back.password().unwrap());
        assert_eq!(decoded, "p@ss:w/rd#1%");
    }

    fn percent_decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }
}
