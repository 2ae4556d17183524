//! Users, versioned settings and the state of each data source.

use super::audit_log::{append_one, lock, stamp};
use super::codec::*;
use super::query_err;
use crate::{Result, SettingsVersion, SourceStatus, StoreError};
use chrono::{DateTime, Utc};
use dealgate_audit::NewEntry;
use dealgate_domain::{RecordKind, Role, Settings, User};
use sqlx::postgres::PgPool;
use sqlx::Row;

pub(crate) async fn users(pool: &PgPool, name: Option<&str>) -> Result<Vec<User>> {
    let sql = format!(
        "SELECT name, role, regions FROM users {} ORDER BY name",
        if name.is_some() { "WHERE name = $1" } else { "" }
    );
    let mut q = sqlx::query(&sql);
    if let Some(n) = name {
        q = q.bind(n);
    }
    let rows = q.fetch_all(pool).await.map_err(query_err("reading users"))?;
    rows.into_iter()
        .map(|r| {
            let role: String = r.get(1);
            Ok(User {
                name: r.get(0),
                role: Role::parse(&role).ok_or(StoreError::Corrupt { what: "user role", value: role })?,
                regions: r.get(2),
            })
        })
        .collect()
}

pub(crate) async fn save_user(pool: &PgPool, user: &User, audit: NewEntry) -> Result<()> {
    let mut tx = pool.begin().await.map_err(query_err("saving a user"))?;
    lock(&mut tx).await?;
    sqlx::query(
        "INSERT INTO users (name, role, regions, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET role = excluded.role, regions = excluded.regions",
    )
    .bind(&user.name)
    .bind(user.role.as_str())
    .bind(&user.regions)
    .bind(now())
    .execute(&mut *tx)
    .await
    .map_err(query_err("saving a user"))?;
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("saving a user"))
}

/// The user row and the login change in one transaction with the entry; the login functions of
/// `0003_logins.sql` check that the caller is an admin (or the owner) and quote the name.
pub(crate) async fn save_login(pool: &PgPool, user: &User, password: Option<&str>, audit: NewEntry) -> Result<()> {
    let mut tx = pool.begin().await.map_err(query_err("saving a user"))?;
    lock(&mut tx).await?;
    sqlx::query("SELECT dealgate_login_save($1, $2, $3)")
        .bind(&user.name)
        .bind(user.role.as_str())
        .bind(password)
        .execute(&mut *tx)
        .await
        .map_err(query_err("creating the user's login"))?;
    sqlx::query(
        "INSERT INTO users (name, role, regions, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET role = excluded.role, regions = excluded.regions",
    )
    .bind(&user.name)
    .bind(user.role.as_str())
    .bind(&user.regions)
    .bind(now())
    .execute(&mut *tx)
    .await
    .map_err(query_err("saving a user"))?;
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("saving a user"))
}

pub(crate) async fn remove_user(pool: &PgPool, name: &str, audit: NewEntry) -> Result<bool> {
    let mut tx = pool.begin().await.map_err(query_err("removing a user"))?;
    lock(&mut tx).await?;
    let known: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE name = $1)")
        .bind(name)
        .fetch_one(&mut *tx)
        .await
        .map_err(query_err("removing a user"))?;
    if !known {
        return Ok(false);
    }
    sqlx::query("SELECT dealgate_login_remove($1)")
        .bind(name)
        .execute(&mut *tx)
        .await
        .map_err(query_err("dropping the user's login"))?;
    sqlx::query("DELETE FROM users WHERE name = $1")
        .bind(name)
        .execute(&mut *tx)
        .await
        .map_err(query_err("removing a user"))?;
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("removing a user"))?;
    Ok(true)
}

pub(crate) async fn set_password(pool: &PgPool, name: &str, password: &str, audit: NewEntry) -> Result<()> {
    let mut tx = pool.begin().await.map_err(query_err("setting a password"))?;
    lock(&mut tx).await?;
    sqlx::query("SELECT dealgate_login_password($1, $2)")
        .bind(name)
        .bind(password)
        .execute(&mut *tx)
        .await
        .map_err(query_err("setting a password"))?;
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("setting a password"))
}

pub(crate) async fn settings(pool: &PgPool) -> Result<(i64, Settings)> {
    let row = sqlx::query("SELECT version, body::text FROM settings ORDER BY version DESC LIMIT 1")
        .fetch_optional(pool)
        .await
        .map_err(query_err("reading settings"))?;
    match row {
        None => Ok((0, Settings::default())),
        Some(r) => Ok((r.get(0), json(&r.get::<String, _>(1), "settings")?)),
    }
}

pub(crate) async fn save_settings(pool: &PgPool, s: &Settings, by: &str, audit: NewEntry) -> Result<i64> {
    let mut tx = pool.begin().await.map_err(query_err("saving settings"))?;
    lock(&mut tx).await?;
    let version: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM settings")
        .fetch_one(&mut *tx)
        .await
        .map_err(query_err("saving settings"))?;
    sqlx::query("INSERT INTO settings (version, body, changed_by, changed_at) VALUES ($1, $2::jsonb, $3, $4)")
        .bind(version)
        .bind(serde_json::to_string(s).unwrap_or_default())
        .bind(by)
        .bind(now())
        .execute(&mut *tx)
        .await
        .map_err(query_err("saving settings"))?;
    append_one(&mut tx, stamp(audit, "version", version)).await?;
    tx.commit().await.map_err(query_err("saving settings"))?;
    Ok(version)
}

pub(crate) async fn sources(pool: &PgPool) -> Result<Vec<SourceStatus>> {
    let mut out = Vec::new();
    for (kind, table) in [
        (RecordKind::FollowUp, "follow_ups"),
        (RecordKind::HeadAccount, "head_accounts"),
        (RecordKind::Registration, "registrations"),
    ] {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(pool)
            .await
            .map_err(query_err("counting records"))?;
        let last = sqlx::query("SELECT at, file FROM imports WHERE kind = $1 ORDER BY id DESC LIMIT 1")
            .bind(kind.cli_name())
            .fetch_optional(pool)
            .await
            .map_err(query_err("reading the import log"))?;
        out.push(SourceStatus {
            kind,
            rows,
            last_import_at: last.as_ref().map(|r| dealgate_audit::format_at(r.get::<DateTime<Utc>, _>(0))),
            last_file: last.as_ref().map(|r| r.get(1)),
        });
    }
    Ok(out)
}

pub(crate) async fn settings_versions(pool: &PgPool) -> Result<Vec<SettingsVersion>> {
    let rows = sqlx::query("SELECT version, body::text, changed_by, changed_at FROM settings ORDER BY version")
        .fetch_all(pool)
        .await
        .map_err(query_err("reading the settings history"))?;
    rows.into_iter()
        .map(|r| {
            Ok(SettingsVersion {
                version: r.get(0),
                settings: json(&r.get::<String, _>(1), "settings")?,
                changed_by: r.get(2),
                changed_at: r.get::<DateTime<Utc>, _>(3).naive_utc(),
            })
        })
        .collect()
}
