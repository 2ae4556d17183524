//! Users, versioned settings and the state of each data source.

use super::audit_log::{append_one, stamp};
use super::codec::*;
use super::query_err;
use crate::{Result, SettingsVersion, SourceStatus, StoreError};
use dealgate_audit::NewEntry;
use dealgate_domain::{RecordKind, Role, Settings, User};
use sqlx::{Row, SqlitePool};

pub(crate) async fn users(pool: &SqlitePool, name: Option<&str>) -> Result<Vec<User>> {
    let sql = format!(
        "SELECT name, role, regions FROM users {} ORDER BY name",
        if name.is_some() { "WHERE name = ?" } else { "" }
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
                regions: json(&r.get::<String, _>(2), "user regions")?,
            })
        })
        .collect()
}

pub(crate) async fn save_user(pool: &SqlitePool, user: &User, audit: NewEntry) -> Result<()> {
    let mut tx = pool.begin_with(super::BEGIN_WRITE).await.map_err(query_err("saving a user"))?;
    sqlx::query(
        "INSERT INTO users (name, role, regions, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET role = excluded.role, regions = excluded.regions",
    )
    .bind(&user.name)
    .bind(user.role.as_str())
    .bind(serde_json::to_string(&user.regions).unwrap_or_else(|_| "[]".into()))
    .bind(fmt_datetime(now()))
    .execute(&mut *tx)
    .await
    .map_err(query_err("saving a user"))?;
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("saving a user"))
}

pub(crate) async fn remove_user(pool: &SqlitePool, name: &str, audit: NewEntry) -> Result<bool> {
    let mut tx = pool.begin_with(super::BEGIN_WRITE).await.map_err(query_err("removing a user"))?;
    let gone = sqlx::query("DELETE FROM users WHERE name = ?")
        .bind(name)
        .execute(&mut *tx)
        .await
        .map_err(query_err("removing a user"))?
        .rows_affected();
    if gone == 0 {
        return Ok(false);
    }
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("removing a user"))?;
    Ok(true)
}

pub(crate) async fn settings(pool: &SqlitePool) -> Result<(i64, Settings)> {
    let row = sqlx::query("SELECT version, body FROM settings ORDER BY version DESC LIMIT 1")
        .fetch_optional(pool)
        .await
        .map_err(query_err("reading settings"))?;
    match row {
        None => Ok((0, Settings::default())),
        Some(r) => Ok((r.get(0), json(&r.get::<String, _>(1), "settings")?)),
    }
}

pub(crate) async fn save_settings(pool: &SqlitePool, s: &Settings, by: &str, audit: NewEntry) -> Result<i64> {
    let mut tx = pool.begin_with(super::BEGIN_WRITE).await.map_err(query_err("saving settings"))?;
    let version: i64 = sqlx::query("SELECT COALESCE(MAX(version), 0) + 1 FROM settings")
        .fetch_one(&mut *tx)
        .await
        .map_err(query_err("saving settings"))?
        .get(0);
    sqlx::query("INSERT INTO settings (version, body, changed_by, changed_at) VALUES (?, ?, ?, ?)")
        .bind(version)
        .bind(serde_json::to_string(s).unwrap_or_default())
        .bind(by)
        .bind(fmt_datetime(now()))
        .execute(&mut *tx)
        .await
        .map_err(query_err("saving settings"))?;
    append_one(&mut tx, stamp(audit, "version", version)).await?;
    tx.commit().await.map_err(query_err("saving settings"))?;
    Ok(version)
}

pub(crate) async fn sources(pool: &SqlitePool) -> Result<Vec<SourceStatus>> {
    let mut out = Vec::new();
    for (kind, table) in [
        (RecordKind::FollowUp, "follow_ups"),
        (RecordKind::HeadAccount, "head_accounts"),
        (RecordKind::Registration, "registrations"),
    ] {
        let rows: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(pool)
            .await
            .map_err(query_err("counting records"))?
            .get(0);
        let last = sqlx::query("SELECT at, file FROM imports WHERE kind = ? ORDER BY id DESC LIMIT 1")
            .bind(kind.cli_name())
            .fetch_optional(pool)
            .await
            .map_err(query_err("reading the import log"))?;
        out.push(SourceStatus {
            kind,
            rows,
            last_import_at: last.as_ref().map(|r| r.get(0)),
            last_file: last.as_ref().map(|r| r.get(1)),
        });
    }
    Ok(out)
}

pub(crate) async fn settings_versions(pool: &SqlitePool) -> Result<Vec<SettingsVersion>> {
    let rows = sqlx::query("SELECT version, body, changed_by, changed_at FROM settings ORDER BY version")
        .fetch_all(pool)
        .await
        .map_err(query_err("reading the settings history"))?;
    rows.into_iter()
        .map(|r| {
            Ok(SettingsVersion {
                version: r.get(0),
                settings: json(&r.get::<String, _>(1), "settings")?,
                changed_by: r.get(2),
                changed_at: datetime(&r.get::<String, _>(3), "settings changed_at")?,
            })
        })
        .collect()
}

/// Writes a self-contained, consistent copy of the database to `to` with `VACUUM INTO` (the log folded
/// in, free pages left out), refusing to overwrite an existing file.
pub(crate) async fn backup(pool: &SqlitePool, to: &std::path::Path) -> Result<()> {
    let err = |detail: String| StoreError::Open { path: to.display().to_string(), detail };
    if to.exists() {
        return Err(err("the file exists already; name a new file for the backup".into()));
    }
    let target = to.to_str().ok_or_else(|| err("the path is not valid Unicode".into()))?;
    sqlx::query("VACUUM INTO ?").bind(target).execute(pool).await.map_err(|e| err(e.to_string()))?;
    Ok(())
}
