//! Head-account lists edited one account at a time (each change audited), and paged for the app.

use super::audit_log::append_one;
use super::codec::*;
use super::query_err;
use super::queue::{contains_pattern, page_limit};
use super::records::head_account;
use crate::HEAD_ACCOUNTS_DIGEST;
use crate::{HeadAccountQuery, Page, Result};
use dealgate_audit::NewEntry;
use dealgate_domain::HeadAccount;
use sqlx::{Row, SqlitePool};

pub(crate) async fn page(pool: &SqlitePool, q: &HeadAccountQuery) -> Result<Page<HeadAccount>> {
    let mut filter = String::from(" WHERE 1 = 1");
    let mut binds = Vec::new();
    if let Some(r) = q.region.as_ref().filter(|r| !r.is_empty()) {
        filter.push_str(" AND region = ?");
        binds.push(r.clone());
    }
    if let Some(s) = q.search.as_ref().filter(|s| !s.trim().is_empty()) {
        filter.push_str(
            " AND (account_name LIKE ? ESCAPE '\\' OR account_id LIKE ? ESCAPE '\\' OR former_names LIKE ? ESCAPE '\\')",
        );
        let p = contains_pattern(s);
        binds.extend([p.clone(), p.clone(), p]);
    }
    let count_sql = format!("SELECT COUNT(*) FROM head_accounts{filter}");
    let mut count = sqlx::query(&count_sql);
    for b in &binds {
        count = count.bind(b);
    }
    let total: i64 = count.fetch_one(pool).await.map_err(query_err("counting head accounts"))?.get(0);
    let rows_sql = format!(
        "SELECT account_id, region, account_name, uscc, website, owner, warnings, former_names, group_name
         FROM head_accounts{filter}
         ORDER BY region, account_id LIMIT ? OFFSET ?"
    );
    let mut rows = sqlx::query(&rows_sql);
    for b in &binds {
        rows = rows.bind(b);
    }
    let rows = rows
        .bind(page_limit(q.limit))
        .bind(q.offset.max(0))
        .fetch_all(pool)
        .await
        .map_err(query_err("reading head accounts"))?
        .into_iter()
        .map(|r| head_account(&r))
        .collect::<Result<Vec<_>>>()?;
    Ok(Page { total, rows })
}

/// Adds one account; `false` (and nothing written) when its id is already listed.
pub(crate) async fn add(pool: &SqlitePool, a: &HeadAccount, audit: NewEntry) -> Result<bool> {
    let mut tx = pool.begin_with(super::BEGIN_WRITE).await.map_err(query_err("adding a head account"))?;
    let inserted = sqlx::query(
        "INSERT INTO head_accounts (account_id, region, account_name, uscc, website, owner, warnings, imported_at,
                                    former_names, group_name)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(account_id) DO NOTHING",
    )
    .bind(&a.account_id)
    .bind(&a.region)
    .bind(&a.account_name)
    .bind(&a.uscc)
    .bind(&a.website)
    .bind(&a.owner)
    .bind(warnings_to_text(&a.warnings))
    .bind(dealgate_audit::now_at())
    .bind(names_to_text(&a.former_names))
    .bind(&a.group)
    .execute(&mut *tx)
    .await
    .map_err(query_err("adding a head account"))?
    .rows_affected();
    if inserted != 1 {
        return Ok(false);
    }
    let mut audit = audit;
    audit.payload.insert(HEAD_ACCOUNTS_DIGEST, super::records::head_accounts_digest(&mut tx).await?.into());
    super::records::head_accounts_moved(&mut tx).await?;
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("adding a head account"))?;
    Ok(true)
}

/// Removes one account; the removed account, or `None` (and nothing written) when there is no such id.
/// The audit entry's payload gets the removed account added as `removed`.
pub(crate) async fn remove(pool: &SqlitePool, account_id: &str, mut audit: NewEntry) -> Result<Option<HeadAccount>> {
    let mut tx = pool.begin_with(super::BEGIN_WRITE).await.map_err(query_err("removing a head account"))?;
    let row = sqlx::query(
        "DELETE FROM head_accounts WHERE account_id = ?
         RETURNING account_id, region, account_name, uscc, website, owner, warnings, former_names, group_name",
    )
    .bind(account_id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(query_err("removing a head account"))?;
    let Some(r) = row else { return Ok(None) };
    let removed = head_account(&r)?;
    audit.payload.insert("removed", serde_json::to_value(&removed).unwrap_or_default());
    audit.payload.insert(HEAD_ACCOUNTS_DIGEST, super::records::head_accounts_digest(&mut tx).await?.into());
    super::records::head_accounts_moved(&mut tx).await?;
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("removing a head account"))?;
    Ok(Some(removed))
}
