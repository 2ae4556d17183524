//! Importing (upserting) and loading follow-ups, head accounts and registrations.

use super::audit_log::append_one;
use super::bulk::{self, Columns, RawRow};
use super::codec::*;
use super::query_err;
use crate::HEAD_ACCOUNTS_DIGEST;
use crate::{ImportCounts, ImportLog, Keyed, Result, StoreError};
use dealgate_audit::NewEntry;
use dealgate_domain::{FollowUp, HeadAccount, PartnerTier, RecordKind, Registration};
use sqlx::sqlite::Sqlite;
use sqlx::{QueryBuilder, Row, SqliteConnection, SqlitePool};
use std::collections::HashSet;
use std::path::Path;
use tokio::sync::mpsc::Sender;

/// Rows per multi-row INSERT (SQLite allows 32766 bound parameters).
const CHUNK: usize = 1000;

async fn existing_ids(conn: &mut SqliteConnection, table: &str, key: &str) -> Result<HashSet<String>> {
    let rows = sqlx::query(&format!("SELECT {key} FROM {table}"))
        .fetch_all(&mut *conn)
        .await
        .map_err(query_err("reading existing ids"))?;
    Ok(rows.into_iter().map(|r| r.get::<String, _>(0)).collect())
}

fn count(existing: &mut HashSet<String>, ids: impl Iterator<Item = String>) -> ImportCounts {
    let mut c = ImportCounts::default();
    for id in ids {
        if existing.contains(&id) {
            c.updated += 1;
        } else {
            existing.insert(id);
            c.inserted += 1;
        }
    }
    c
}

async fn log_import(conn: &mut SqliteConnection, kind: RecordKind, log: &ImportLog, c: ImportCounts) -> Result<()> {
    sqlx::query("INSERT INTO imports (kind, file, rows_read, inserted, updated, rejected, warnings, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(kind.cli_name())
        .bind(&log.file)
        .bind(log.rows_read as i64)
        .bind(c.inserted as i64)
        .bind(c.updated as i64)
        .bind(log.rejected as i64)
        .bind(log.warnings as i64)
        .bind(&log.actor)
        .bind(dealgate_audit::now_at())
        .execute(&mut *conn)
        .await
        .map_err(query_err("logging the import"))?;
    Ok(())
}

macro_rules! import_fn {
    ($name:ident, $ty:ty, $kind:expr, $table:literal, $key:literal, $id:ident, [$($col:literal),*], |$b:ident, $r:ident, $now:ident| $push:block) => {
        pub(crate) async fn $name(
            pool: &SqlitePool,
            rows: &[$ty],
            name_keys: &[String],
            log: ImportLog,
            audit: NewEntry,
        ) -> Result<ImportCounts> {
            let mut tx = pool.begin_with(super::BEGIN_WRITE).await.map_err(query_err("starting the import"))?;
            let mut existing = existing_ids(&mut tx, $table, $key).await?;
            let counts = count(&mut existing, rows.iter().map(|r| r.$id.clone()));
            let set_aside = if super::indexes::worth_setting_aside(rows.len(), existing.len()) {
                super::indexes::set_aside(&mut tx, $table).await?
            } else {
                Vec::new()
            };
            let cols = [$($col),*, "name_key"];
            let updates: Vec<String> = cols.iter().skip(1).map(|c| format!("{c} = excluded.{c}")).collect();
            let $now = dealgate_audit::now_at();
            for (n, chunk) in rows.chunks(CHUNK).enumerate() {
                let mut qb: QueryBuilder<Sqlite> =
                    QueryBuilder::new(format!("INSERT INTO {} ({}) ", $table, cols.join(", ")));
                let keys = (n * CHUNK..).map(|i| name_keys.get(i));
                qb.push_values(chunk.iter().zip(keys), |mut $b, ($r, key)| {
                    $push
                    $b.push_bind(key);
                });
                qb.push(format!(" ON CONFLICT({}) DO UPDATE SET {}", $key, updates.join(", ")));
                qb.build().execute(&mut *tx).await.map_err(query_err("importing rows"))?;
            }
            super::indexes::restore(&mut tx, &set_aside).await?;
            log_import(&mut tx, $kind, &log, counts).await?;
            let mut audit = audit;
            if $table == "head_accounts" {
                audit.payload.insert(HEAD_ACCOUNTS_DIGEST, head_accounts_digest(&mut tx).await?.into());
                head_accounts_moved(&mut tx).await?;
            }
            append_one(&mut tx, audit).await?;
            tx.commit().await.map_err(query_err("committing the import"))?;
            if rows.len() >= BIG_WRITE {
                super::checkpoint(pool).await;
            }
            Ok(counts)
        }
    };
}

/// Rows after which a write folds the write-ahead log back into the database file: reads that must
/// consult a log of hundreds of megabytes get slower.
pub(crate) const BIG_WRITE: usize = 10_000;

import_fn!(
    import_follow_ups,
    FollowUp,
    RecordKind::FollowUp,
    "follow_ups",
    "record_id",
    record_id,
    [
        "record_id",
        "account_name",
        "uscc",
        "website",
        "phone",
        "region",
        "owner",
        "activity_date",
        "activity_type",
        "stage",
        "warnings",
        "imported_at",
        "former_names",
        "group_name"
    ],
    |b, r, now| {
        b.push_bind(&r.record_id)
            .push_bind(&r.account_name)
            .push_bind(&r.uscc)
            .push_bind(&r.website)
            .push_bind(&r.phone)
            .push_bind(&r.region)
            .push_bind(&r.owner)
            .push_bind(fmt_date(r.activity_date))
            .push_bind(&r.activity_type)
            .push_bind(&r.stage)
            .push_bind(warnings_to_text(&r.warnings))
            .push_bind(&now)
            .push_bind(names_to_text(&r.former_names))
            .push_bind(&r.group);
    }
);

import_fn!(
    import_head_accounts,
    HeadAccount,
    RecordKind::HeadAccount,
    "head_accounts",
    "account_id",
    account_id,
    [
        "account_id",
        "region",
        "account_name",
        "uscc",
        "website",
        "owner",
        "warnings",
        "imported_at",
        "former_names",
        "group_name"
    ],
    |b, r, now| {
        b.push_bind(&r.account_id)
            .push_bind(&r.region)
            .push_bind(&r.account_name)
            .push_bind(&r.uscc)
            .push_bind(&r.website)
            .push_bind(&r.owner)
            .push_bind(warnings_to_text(&r.warnings))
            .push_bind(&now)
            .push_bind(names_to_text(&r.former_names))
            .push_bind(&r.group);
    }
);

import_fn!(
    import_registrations,
    Registration,
    RecordKind::Registration,
    "registrations",
    "registration_id",
    registration_id,
    [
        "registration_id",
        "partner",
        "partner_tier",
        "submitted_at",
        "customer_name",
        "uscc",
        "website",
        "contact_name",
        "contact_phone",
        "contact_email",
        "region",
        "product",
        "amount",
        "expected_close",
        "warnings",
        "imported_at"
    ],
    |b, r, now| {
        b.push_bind(&r.registration_id)
            .push_bind(&r.partner)
            .push_bind(r.partner_tier.as_str())
            .push_bind(fmt_datetime(r.submitted_at))
            .push_bind(&r.customer_name)
            .push_bind(&r.uscc)
            .push_bind(&r.website)
            .push_bind(&r.contact_name)
            .push_bind(&r.contact_phone)
            .push_bind(&r.contact_email)
            .push_bind(&r.region)
            .push_bind(&r.product)
            .push_bind(r.amount)
            .push_bind(r.expected_close.map(fmt_date))
            .push_bind(warnings_to_text(&r.warnings))
            .push_bind(&now);
    }
);

const FOLLOW_UPS: &str = "SELECT record_id, account_name, uscc, website, phone, region, owner, activity_date, activity_type, stage, warnings, former_names, group_name FROM follow_ups";

fn follow_up<R: Columns>(r: &R) -> Result<FollowUp> {
    Ok(FollowUp {
        record_id: r.string(0),
        account_name: r.string(1),
        uscc: r.opt(2),
        website: r.opt(3),
        phone: r.opt(4),
        region: r.opt(5),
        owner: r.opt(6),
        activity_date: date(r.text(7).unwrap_or_default(), "follow-up activity_date")?,
        activity_type: r.string(8),
        stage: r.opt(9),
        former_names: names_from_text(r.opt(11))?,
        group: r.opt(12),
        warnings: warnings_from_text(r.opt(10))?,
    })
}

pub(crate) async fn follow_ups(pool: &SqlitePool) -> Result<Vec<FollowUp>> {
    let sql = format!("{FOLLOW_UPS} ORDER BY record_id");
    let rows = sqlx::query(&sql).fetch_all(pool).await.map_err(query_err("reading follow-ups"))?;
    rows.iter().map(follow_up).collect()
}

pub(crate) async fn scan_follow_ups(path: &Path, chunk: usize, out: Sender<Vec<Keyed<FollowUp>>>) -> Result<()> {
    let map = |r: &RawRow| Ok((follow_up(r)?, r.opt(13)));
    bulk::scan(path, with_name_key(FOLLOW_UPS), map, chunk, out, "reading follow-ups").await
}

/// `select` (one of the constants here) reading the name key after its other columns.
fn with_name_key(select: &str) -> String {
    select.replacen(" FROM ", ", name_key FROM ", 1)
}

const HEAD_ACCOUNTS: &str =
    "SELECT account_id, region, account_name, uscc, website, owner, warnings, former_names, group_name FROM head_accounts";

/// A head account from a row of the columns of `HEAD_ACCOUNTS`, in that order.
pub(crate) fn head_account<R: Columns>(r: &R) -> Result<HeadAccount> {
    Ok(HeadAccount {
        account_id: r.string(0),
        region: r.string(1),
        account_name: r.string(2),
        uscc: r.opt(3),
        website: r.opt(4),
        owner: r.opt(5),
        former_names: names_from_text(r.opt(7))?,
        group: r.opt(8),
        warnings: warnings_from_text(r.opt(6))?,
    })
}

/// The digest of the whole head-account list as this transaction sees it (`dealgate_audit::rows_digest`
/// of the rows by id), which every change to the list records in its audit entry.
/// Moves the head-account list's version (see [`crate::Watermarks::head_accounts`]); once in every
/// transaction that changes the list.
pub(crate) async fn head_accounts_moved(conn: &mut SqliteConnection) -> Result<()> {
    sqlx::query("UPDATE list_versions SET version = version + 1 WHERE list = 'head_accounts'")
        .execute(&mut *conn)
        .await
        .map_err(query_err("moving the head-account list's version"))?;
    Ok(())
}

pub(crate) async fn head_accounts_digest(conn: &mut SqliteConnection) -> Result<String> {
    let sql = format!("{HEAD_ACCOUNTS} ORDER BY account_id");
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await.map_err(query_err("reading head accounts"))?;
    let accounts = rows.iter().map(head_account).collect::<Result<Vec<_>>>()?;
    Ok(dealgate_audit::rows_digest(&accounts))
}

pub(crate) async fn head_accounts(pool: &SqlitePool) -> Result<Vec<HeadAccount>> {
    let sql = format!("{HEAD_ACCOUNTS} ORDER BY account_id");
    let rows = sqlx::query(&sql).fetch_all(pool).await.map_err(query_err("reading head accounts"))?;
    rows.iter().map(head_account).collect()
}

pub(crate) async fn scan_head_accounts(path: &Path, chunk: usize, out: Sender<Vec<Keyed<HeadAccount>>>) -> Result<()> {
    let map = |r: &RawRow| Ok((head_account(r)?, r.opt(9)));
    bulk::scan(path, with_name_key(HEAD_ACCOUNTS), map, chunk, out, "reading head accounts").await
}

const REGISTRATIONS: &str = "SELECT registration_id, partner, partner_tier, submitted_at, customer_name, uscc, website,
    contact_name, contact_phone, contact_email, region, product, amount, expected_close, warnings FROM registrations";

fn registration<R: Columns>(r: &R) -> Result<Registration> {
    let tier = r.string(2);
    Ok(Registration {
        registration_id: r.string(0),
        partner: r.string(1),
        partner_tier: PartnerTier::parse(&tier).ok_or(StoreError::Corrupt { what: "partner tier", value: tier })?,
        submitted_at: datetime(r.text(3).unwrap_or_default(), "registration submitted_at")?,
        customer_name: r.string(4),
        uscc: r.opt(5),
        website: r.opt(6),
        contact_name: r.opt(7),
        contact_phone: r.opt(8),
        contact_email: r.opt(9),
        region: r.opt(10),
        product: r.opt(11),
        amount: r.real(12),
        expected_close: opt_date(r.opt(13), "registration expected_close")?,
        warnings: warnings_from_text(r.opt(14))?,
    })
}

pub(crate) async fn registrations(pool: &SqlitePool, id: Option<&str>) -> Result<Vec<Registration>> {
    let sql = format!(
        "{REGISTRATIONS} {} ORDER BY submitted_at, registration_id",
        if id.is_some() { "WHERE registration_id = ?" } else { "" }
    );
    let mut q = sqlx::query(&sql);
    if let Some(id) = id {
        q = q.bind(id);
    }
    let rows = q.fetch_all(pool).await.map_err(query_err("reading registrations"))?;
    rows.iter().map(registration).collect()
}

/// Registrations by id, in the order asked, `None` where there is no such id: one statement over the
/// ids as a JSON array, through the bulk reader, instead of one query per id.
pub(crate) async fn registrations_by_ids(path: &Path, ids: &[String]) -> Result<Vec<Option<Registration>>> {
    let doing = "reading registrations";
    let list = serde_json::to_string(ids).map_err(|e| StoreError::Query { doing, detail: e.to_string() })?;
    let sql = format!("{REGISTRATIONS} WHERE registration_id IN (SELECT value FROM json_each(?1))");
    let rows = bulk::all(path, sql, list, registration, doing).await?;
    Ok(super::in_order_asked(ids, rows, |r: &Registration| &r.registration_id))
}

pub(crate) async fn scan_registrations(path: &Path, chunk: usize, out: Sender<Vec<Keyed<Registration>>>) -> Result<()> {
    let sql = format!("{} ORDER BY submitted_at, registration_id", with_name_key(REGISTRATIONS));
    let map = |r: &RawRow| Ok((registration(r)?, r.opt(15)));
    bulk::scan(path, sql, map, chunk, out, "reading registrations").await
}

/// Id of the last import run (0 when nothing was imported): tells a cached corpus whether it is stale.
pub(crate) async fn last_import_id(pool: &SqlitePool) -> Result<i64> {
    let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM imports")
        .fetch_one(pool)
        .await
        .map_err(query_err("reading the import log"))?;
    Ok(id.unwrap_or(0))
}

/// See [`crate::Store::watermarks`].
pub(crate) async fn watermarks(pool: &SqlitePool) -> Result<crate::Watermarks> {
    let row = sqlx::query(
        "SELECT COALESCE((SELECT MAX(id) FROM imports), 0), COALESCE((SELECT MAX(id) FROM decisions), 0),
                COALESCE((SELECT MAX(version) FROM settings), 0),
                COALESCE((SELECT version FROM list_versions WHERE list = 'head_accounts'), 0)",
    )
    .fetch_one(pool)
    .await
    .map_err(query_err("reading what changed"))?;
    Ok(crate::Watermarks {
        import_id: row.get(0),
        decision_id: row.get(1),
        settings_version: row.get(2),
        head_accounts: row.get(3),
    })
}

/// One follow-up by record id.
pub(crate) async fn follow_up_by_id(pool: &SqlitePool, record_id: &str) -> Result<Option<FollowUp>> {
    let row = sqlx::query(&format!("{FOLLOW_UPS} WHERE record_id = ?"))
        .bind(record_id)
        .fetch_optional(pool)
        .await
        .map_err(query_err("reading a follow-up"))?;
    row.as_ref().map(follow_up).transpose()
}

/// One head account by list entry id.
pub(crate) async fn head_account_by_id(pool: &SqlitePool, account_id: &str) -> Result<Option<HeadAccount>> {
    let row = sqlx::query(&format!("{HEAD_ACCOUNTS} WHERE account_id = ?"))
        .bind(account_id)
        .fetch_optional(pool)
        .await
        .map_err(query_err("reading a head account"))?;
    row.as_ref().map(head_account).transpose()
}
