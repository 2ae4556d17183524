//! Importing (upserting) and loading follow-ups, head accounts and registrations. An import sends its
//! rows with COPY into a temporary table and upserts from there, in one transaction with its import-log
//! row and audit entry.
//!
//! Of a repeated id in one import, the last row wins.

use super::audit_log::{append_one, lock};
use super::codec::*;
use super::query_err;
use crate::{ImportCounts, ImportLog, Keyed, Result, StoreError, HEAD_ACCOUNTS_DIGEST};
use dealgate_audit::NewEntry;
use dealgate_domain::{FollowUp, HeadAccount, PartnerTier, RecordKind, Registration};
use futures_util::TryStreamExt;
use sqlx::postgres::{PgConnection, PgPool, PgRow};
use sqlx::Row;
use std::collections::HashSet;
use tokio::sync::mpsc::Sender;

/// How one kind of record is imported: its table, key, columns (with the SQL that reads each from the
/// temporary table's text) and how a record is written as a COPY row.
struct Import<T> {
    kind: RecordKind,
    table: &'static str,
    key: &'static str,
    /// (column, expression over the temporary table's text column of that name).
    columns: &'static [(&'static str, &'static str)],
    id: fn(&T) -> &str,
    row: fn(&T, &mut CopyRow<'_>),
}

/// Bytes of COPY data sent per message.
const COPY_CHUNK: usize = 1 << 20;

async fn import<T>(
    pool: &PgPool,
    spec: &Import<T>,
    rows: &[T],
    name_keys: &[String],
    log: ImportLog,
    audit: NewEntry,
) -> Result<ImportCounts> {
    let err = query_err("importing rows");
    let mut tx = pool.begin().await.map_err(query_err("starting the import"))?;
    lock(&mut tx).await?;
    let ids: Vec<&str> = rows.iter().map(spec.id).collect();
    let existing: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT {key} FROM {table} WHERE {key} = ANY($1)",
        key = spec.key,
        table = spec.table
    ))
    .bind(&ids)
    .fetch_all(&mut *tx)
    .await
    .map_err(query_err("reading existing ids"))?;
    let counts = count(existing.into_iter().collect(), ids.iter().copied());

    let temp: Vec<String> = spec.columns.iter().map(|(c, _)| format!("{c} text")).collect();
    sqlx::query(&format!(
        "CREATE TEMP TABLE import_rows (ord bigint, {}, name_key text) ON COMMIT DROP",
        temp.join(", ")
    ))
    .execute(&mut *tx)
    .await
    .map_err(&err)?;
    let names: Vec<&str> = spec.columns.iter().map(|(c, _)| *c).collect();
    let mut copy = tx
        .copy_in_raw(&format!("COPY import_rows (ord, {}, name_key) FROM STDIN", names.join(", ")))
        .await
        .map_err(&err)?;
    let mut buf = Vec::with_capacity(COPY_CHUNK + 4096);
    for (i, r) in rows.iter().enumerate() {
        let mut row = CopyRow::new(&mut buf);
        row.text(&i.to_string());
        (spec.row)(r, &mut row);
        row.opt(name_keys.get(i).map(String::as_str)).end();
        if buf.len() >= COPY_CHUNK {
            copy.send(std::mem::take(&mut buf)).await.map_err(&err)?;
        }
    }
    if !buf.is_empty() {
        copy.send(buf).await.map_err(&err)?;
    }
    copy.finish().await.map_err(&err)?;

    let exprs: Vec<&str> = spec.columns.iter().map(|(_, e)| *e).collect();
    let updates: Vec<String> =
        names.iter().skip(1).chain(["imported_at", "name_key"].iter()).map(|c| format!("{c} = excluded.{c}")).collect();
    // An id repeated in the file: its last row wins.
    sqlx::query(&format!(
        "INSERT INTO {table} ({names}, imported_at, name_key)
         SELECT DISTINCT ON ({key}) {exprs}, $1, name_key FROM import_rows ORDER BY {key}, ord DESC
         ON CONFLICT ({key}) DO UPDATE SET {updates}",
        table = spec.table,
        names = names.join(", "),
        key = spec.key,
        exprs = exprs.join(", "),
        updates = updates.join(", "),
    ))
    .bind(now())
    .execute(&mut *tx)
    .await
    .map_err(&err)?;

    sqlx::query(
        "INSERT INTO imports (kind, file, rows_read, inserted, updated, rejected, warnings, actor, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(spec.kind.cli_name())
    .bind(&log.file)
    .bind(log.rows_read as i64)
    .bind(counts.inserted as i64)
    .bind(counts.updated as i64)
    .bind(log.rejected as i64)
    .bind(log.warnings as i64)
    .bind(&log.actor)
    .bind(now())
    .execute(&mut *tx)
    .await
    .map_err(query_err("logging the import"))?;
    let mut audit = audit;
    if spec.table == "head_accounts" {
        audit.payload.insert(HEAD_ACCOUNTS_DIGEST, head_accounts_digest(&mut tx).await?.into());
    }
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("committing the import"))?;
    Ok(counts)
}

/// New and updated rows, as the SQLite store counts them: a row whose id exists (before the import or
/// earlier in the file) updates it.
fn count<'a>(mut existing: HashSet<String>, ids: impl Iterator<Item = &'a str>) -> ImportCounts {
    let mut c = ImportCounts::default();
    for id in ids {
        if existing.contains(id) {
            c.updated += 1;
        } else {
            existing.insert(id.to_string());
            c.inserted += 1;
        }
    }
    c
}

const FOLLOW_UP_IMPORT: Import<FollowUp> = Import {
    kind: RecordKind::FollowUp,
    table: "follow_ups",
    key: "record_id",
    columns: &[
        ("record_id", "record_id"),
        ("account_name", "account_name"),
        ("uscc", "uscc"),
        ("website", "website"),
        ("phone", "phone"),
        ("region", "region"),
        ("owner", "owner"),
        ("activity_date", "activity_date::date"),
        ("activity_type", "activity_type"),
        ("stage", "stage"),
        ("warnings", "warnings::json"),
        ("former_names", "former_names"),
        ("group_name", "group_name"),
    ],
    id: |r| &r.record_id,
    row: |r, c| {
        c.text(&r.record_id)
            .text(&r.account_name)
            .opt(r.uscc.as_deref())
            .opt(r.website.as_deref())
            .opt(r.phone.as_deref())
            .opt(r.region.as_deref())
            .opt(r.owner.as_deref())
            .text(&r.activity_date.to_string())
            .text(&r.activity_type)
            .opt(r.stage.as_deref())
            .opt(warnings_to_text(&r.warnings).as_deref())
            .opt(names_to_text(&r.former_names).as_deref())
            .opt(r.group.as_deref());
    },
};

const HEAD_ACCOUNT_IMPORT: Import<HeadAccount> = Import {
    kind: RecordKind::HeadAccount,
    table: "head_accounts",
    key: "account_id",
    columns: &[
        ("account_id", "account_id"),
        ("region", "region"),
        ("account_name", "account_name"),
        ("uscc", "uscc"),
        ("website", "website"),
        ("owner", "owner"),
        ("warnings", "warnings::json"),
        ("former_names", "former_names"),
        ("group_name", "group_name"),
    ],
    id: |r| &r.account_id,
    row: |r, c| {
        c.text(&r.account_id)
            .text(&r.region)
            .text(&r.account_name)
            .opt(r.uscc.as_deref())
            .opt(r.website.as_deref())
            .opt(r.owner.as_deref())
            .opt(warnings_to_text(&r.warnings).as_deref())
            .opt(names_to_text(&r.former_names).as_deref())
            .opt(r.group.as_deref());
    },
};

const REGISTRATION_IMPORT: Import<Registration> = Import {
    kind: RecordKind::Registration,
    table: "registrations",
    key: "registration_id",
    columns: &[
        ("registration_id", "registration_id"),
        ("partner", "partner"),
        ("partner_tier", "partner_tier"),
        ("submitted_at", "submitted_at::timestamptz"),
        ("customer_name", "customer_name"),
        ("uscc", "uscc"),
        ("website", "website"),
        ("contact_name", "contact_name"),
        ("contact_phone", "contact_phone"),
        ("contact_email", "contact_email"),
        ("region", "region"),
        ("product", "product"),
        ("amount", "amount::double precision"),
        ("expected_close", "expected_close::date"),
        ("warnings", "warnings::json"),
    ],
    id: |r| &r.registration_id,
    row: |r, c| {
        c.text(&r.registration_id)
            .text(&r.partner)
            .text(r.partner_tier.as_str())
            .text(&copy_time(r.submitted_at))
            .text(&r.customer_name)
            .opt(r.uscc.as_deref())
            .opt(r.website.as_deref())
            .opt(r.contact_name.as_deref())
            .opt(r.contact_phone.as_deref())
            .opt(r.contact_email.as_deref())
            .opt(r.region.as_deref())
            .opt(r.product.as_deref())
            .opt(r.amount.map(copy_real).as_deref())
            .opt(r.expected_close.map(|d| d.to_string()).as_deref())
            .opt(warnings_to_text(&r.warnings).as_deref());
    },
};

pub(crate) async fn import_follow_ups(
    pool: &PgPool,
    rows: &[FollowUp],
    keys: &[String],
    log: ImportLog,
    audit: NewEntry,
) -> Result<ImportCounts> {
    import(pool, &FOLLOW_UP_IMPORT, rows, keys, log, audit).await
}

pub(crate) async fn import_head_accounts(
    pool: &PgPool,
    rows: &[HeadAccount],
    keys: &[String],
    log: ImportLog,
    audit: NewEntry,
) -> Result<ImportCounts> {
    import(pool, &HEAD_ACCOUNT_IMPORT, rows, keys, log, audit).await
}

pub(crate) async fn import_registrations(
    pool: &PgPool,
    rows: &[Registration],
    keys: &[String],
    log: ImportLog,
    audit: NewEntry,
) -> Result<ImportCounts> {
    import(pool, &REGISTRATION_IMPORT, rows, keys, log, audit).await
}

const FOLLOW_UPS: &str = "SELECT record_id, account_name, uscc, website, phone, region, owner, activity_date,
    activity_type, stage, warnings::text, former_names, group_name, name_key FROM follow_ups";

fn follow_up(r: &PgRow) -> Result<FollowUp> {
    Ok(FollowUp {
        record_id: r.get(0),
        account_name: r.get(1),
        uscc: r.get(2),
        website: r.get(3),
        phone: r.get(4),
        region: r.get(5),
        owner: r.get(6),
        activity_date: r.get(7),
        activity_type: r.get(8),
        stage: r.get(9),
        former_names: names_from_text(r.get(11))?,
        group: r.get(12),
        warnings: warnings_from_text(r.get(10))?,
    })
}

pub(crate) async fn follow_ups(pool: &PgPool) -> Result<Vec<FollowUp>> {
    let rows = sqlx::query(&format!("{FOLLOW_UPS} ORDER BY record_id"))
        .fetch_all(pool)
        .await
        .map_err(query_err("reading follow-ups"))?;
    rows.iter().map(follow_up).collect()
}

/// Streams the rows of `sql` to `out` in chunks of `chunk`, each mapped by `map`; stops early (without
/// an error) when the receiver is dropped. Rows come from the server as the chunks are taken.
async fn scan<T>(
    pool: &PgPool,
    sql: &str,
    map: fn(&PgRow) -> Result<T>,
    chunk: usize,
    out: Sender<Vec<T>>,
    doing: &'static str,
) -> Result<()> {
    let chunk = chunk.max(1);
    let mut rows = sqlx::query(sql).fetch(pool);
    let mut batch = Vec::with_capacity(chunk);
    while let Some(row) = rows.try_next().await.map_err(query_err(doing))? {
        batch.push(map(&row)?);
        if batch.len() == chunk && out.send(std::mem::replace(&mut batch, Vec::with_capacity(chunk))).await.is_err() {
            return Ok(());
        }
    }
    if !batch.is_empty() {
        let _ = out.send(batch).await;
    }
    Ok(())
}

pub(crate) async fn scan_follow_ups(pool: &PgPool, chunk: usize, out: Sender<Vec<Keyed<FollowUp>>>) -> Result<()> {
    let map = |r: &PgRow| Ok((follow_up(r)?, r.get(13)));
    scan(pool, FOLLOW_UPS, map, chunk, out, "reading follow-ups").await
}

const HEAD_ACCOUNTS: &str =
    "SELECT account_id, region, account_name, uscc, website, owner, warnings::text, former_names, group_name, name_key
     FROM head_accounts";

/// A head account from a row of the columns of `HEAD_ACCOUNTS`, in that order.
pub(crate) fn head_account(r: &PgRow) -> Result<HeadAccount> {
    Ok(HeadAccount {
        account_id: r.get(0),
        region: r.get(1),
        account_name: r.get(2),
        uscc: r.get(3),
        website: r.get(4),
        owner: r.get(5),
        former_names: names_from_text(r.get(7))?,
        group: r.get(8),
        warnings: warnings_from_text(r.get(6))?,
    })
}

/// The digest of the whole head-account list as this transaction sees it (`dealgate_audit::rows_digest`
/// of the rows by id), which every change to the list records in its audit entry.
pub(crate) async fn head_accounts_digest(conn: &mut PgConnection) -> Result<String> {
    let rows = sqlx::query(&format!("{HEAD_ACCOUNTS} ORDER BY account_id"))
        .fetch_all(&mut *conn)
        .await
        .map_err(query_err("reading head accounts"))?;
    let accounts = rows.iter().map(head_account).collect::<Result<Vec<_>>>()?;
    Ok(dealgate_audit::rows_digest(&accounts))
}

pub(crate) async fn head_accounts(pool: &PgPool) -> Result<Vec<HeadAccount>> {
    let rows = sqlx::query(&format!("{HEAD_ACCOUNTS} ORDER BY account_id"))
        .fetch_all(pool)
        .await
        .map_err(query_err("reading head accounts"))?;
    rows.iter().map(head_account).collect()
}

pub(crate) async fn scan_head_accounts(
    pool: &PgPool,
    chunk: usize,
    out: Sender<Vec<Keyed<HeadAccount>>>,
) -> Result<()> {
    let map = |r: &PgRow| Ok((head_account(r)?, r.get(9)));
    scan(pool, HEAD_ACCOUNTS, map, chunk, out, "reading head accounts").await
}

const REGISTRATIONS: &str = "SELECT registration_id, partner, partner_tier, submitted_at, customer_name, uscc, website,
    contact_name, contact_phone, contact_email, region, product, amount, expected_close, warnings::text, name_key
    FROM registrations";

fn registration(r: &PgRow) -> Result<Registration> {
    let tier: String = r.get(2);
    Ok(Registration {
        registration_id: r.get(0),
        partner: r.get(1),
        partner_tier: PartnerTier::parse(&tier).ok_or(StoreError::Corrupt { what: "partner tier", value: tier })?,
        submitted_at: r.get::<chrono::DateTime<chrono::Utc>, _>(3).naive_utc(),
        customer_name: r.get(4),
        uscc: r.get(5),
        website: r.get(6),
        contact_name: r.get(7),
        contact_phone: r.get(8),
        contact_email: r.get(9),
        region: r.get(10),
        product: r.get(11),
        amount: r.get(12),
        expected_close: r.get(13),
        warnings: warnings_from_text(r.get(14))?,
    })
}

pub(crate) async fn registrations(pool: &PgPool, id: Option<&str>) -> Result<Vec<Registration>> {
    let sql = format!(
        "{REGISTRATIONS} {} ORDER BY submitted_at, registration_id",
        if id.is_some() { "WHERE registration_id = $1" } else { "" }
    );
    let mut q = sqlx::query(&sql);
    if let Some(id) = id {
        q = q.bind(id);
    }
    let rows = q.fetch_all(pool).await.map_err(query_err("reading registrations"))?;
    rows.iter().map(registration).collect()
}

/// Registrations by id, in the order asked, `None` where there is no such id: one statement.
pub(crate) async fn registrations_by_ids(pool: &PgPool, ids: &[String]) -> Result<Vec<Option<Registration>>> {
    let rows = sqlx::query(&format!("{REGISTRATIONS} WHERE registration_id = ANY($1)"))
        .bind(ids)
        .fetch_all(pool)
        .await
        .map_err(query_err("reading registrations"))?;
    let rows = rows.iter().map(registration).collect::<Result<Vec<_>>>()?;
    Ok(crate::sqlite::in_order_asked(ids, rows, |r: &Registration| &r.registration_id))
}

pub(crate) async fn scan_registrations(
    pool: &PgPool,
    chunk: usize,
    out: Sender<Vec<Keyed<Registration>>>,
) -> Result<()> {
    let sql = format!("{REGISTRATIONS} ORDER BY submitted_at, registration_id");
    let map = |r: &PgRow| Ok((registration(r)?, r.get(15)));
    scan(pool, &sql, map, chunk, out, "reading registrations").await
}

/// Id of the last import run (0 when nothing was imported).
pub(crate) async fn last_import_id(pool: &PgPool) -> Result<i64> {
    let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM imports")
        .fetch_one(pool)
        .await
        .map_err(query_err("reading the import log"))?;
    Ok(id.unwrap_or(0))
}

/// See [`crate::Store::watermarks`].
/// `live`: the schema has the head-account list's version (else it reads as 0).
pub(crate) async fn watermarks(pool: &PgPool, live: bool) -> Result<crate::Watermarks> {
    let heads = if live { "(SELECT version FROM list_versions WHERE list = 'head_accounts')" } else { "0" };
    let sql = format!(
        "SELECT COALESCE((SELECT MAX(id) FROM imports), 0), COALESCE((SELECT MAX(id) FROM decisions), 0),
                COALESCE((SELECT MAX(version) FROM settings), 0), COALESCE({heads}, 0)"
    );
    let row = sqlx::query(&sql).fetch_one(pool).await.map_err(query_err("reading what changed"))?;
    Ok(crate::Watermarks {
        import_id: row.get(0),
        decision_id: row.get(1),
        settings_version: row.get(2),
        head_accounts: row.get(3),
    })
}

/// One follow-up by record id.
pub(crate) async fn follow_up_by_id(pool: &PgPool, record_id: &str) -> Result<Option<FollowUp>> {
    let row = sqlx::query(&format!("{FOLLOW_UPS} WHERE record_id = $1"))
        .bind(record_id)
        .fetch_optional(pool)
        .await
        .map_err(query_err("reading a follow-up"))?;
    row.as_ref().map(follow_up).transpose()
}

/// One head account by list entry id.
pub(crate) async fn head_account_by_id(pool: &PgPool, account_id: &str) -> Result<Option<HeadAccount>> {
    let row = sqlx::query(&format!("{HEAD_ACCOUNTS} WHERE account_id = $1"))
        .bind(account_id)
        .fetch_optional(pool)
        .await
        .map_err(query_err("reading a head account"))?;
    row.as_ref().map(head_account).transpose()
}
