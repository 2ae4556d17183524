//! Head-account lists edited one account at a time (each change audited), and paged for the app.

use super::audit_log::{append_one, lock};
use super::codec::*;
use super::query_err;
use super::queue::{contains_pattern, page_limit};
use super::records::head_account;
use crate::{HeadAccountQuery, Page, Result, HEAD_ACCOUNTS_DIGEST};
use dealgate_audit::NewEntry;
use dealgate_domain::HeadAccount;
use sqlx::postgres::{PgPool, Postgres};
use sqlx::{QueryBuilder, Row};

fn filter(qb: &mut QueryBuilder<'_, Postgres>, q: &HeadAccountQuery) {
    qb.push(" WHERE 1 = 1");
    if let Some(r) = q.region.as_ref().filter(|r| !r.is_empty()) {
        qb.push(" AND region = ").push_bind(r.clone());
    }
    if let Some(s) = q.search.as_ref().filter(|s| !s.trim().is_empty()) {
        let p = contains_pattern(s);
        qb.push(" AND (account_name ILIKE ").push_bind(p.clone()).push(" OR account_id ILIKE ").push_bind(p.clone());
        qb.push(" OR former_names ILIKE ").push_bind(p).push(")");
    }
}

pub(crate) async fn page(pool: &PgPool, q: &HeadAccountQuery) -> Result<Page<HeadAccount>> {
    let mut count: QueryBuilder<Postgres> = QueryBuilder::new("SELECT COUNT(*) FROM head_accounts");
    filter(&mut count, q);
    let total: i64 = count.build().fetch_one(pool).await.map_err(query_err("counting head accounts"))?.get(0);
    let mut rows: QueryBuilder<Postgres> = QueryBuilder::new(
        "SELECT account_id, region, account_name, uscc, website, owner, warnings::text, former_names, group_name
         FROM head_accounts",
    );
    filter(&mut rows, q);
    rows.push(" ORDER BY region, account_id LIMIT ").push_bind(page_limit(q.limit));
    rows.push(" OFFSET ").push_bind(q.offset.max(0));
    let rows = rows
        .build()
        .fetch_all(pool)
        .await
        .map_err(query_err("reading head accounts"))?
        .iter()
        .map(head_account)
        .collect::<Result<Vec<_>>>()?;
    Ok(Page { total, rows })
}

/// Adds one account; `false` (and nothing written) when its id is already listed.
pub(crate) async fn add(pool: &PgPool, a: &HeadAccount, audit: NewEntry) -> Result<bool> {
    let mut tx = pool.begin().await.map_err(query_err("adding a head account"))?;
    lock(&mut tx).await?;
    let inserted = sqlx::query(
        "INSERT INTO head_accounts (account_id, region, account_name, uscc, website, owner, warnings, imported_at,
                                    former_names, group_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7::json, $8, $9, $10) ON CONFLICT (account_id) DO NOTHING",
    )
    .bind(&a.account_id)
    .bind(&a.region)
    .bind(&a.account_name)
    .bind(&a.uscc)
    .bind(&a.website)
    .bind(&a.owner)
    .bind(warnings_to_text(&a.warnings))
    .bind(now())
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
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("adding a head account"))?;
    Ok(true)
}

/// Removes one account; the removed account, or `None` (and nothing written) when there is no such id.
/// The audit entry's payload gets the removed account added as `removed`.
pub(crate) async fn remove(pool: &PgPool, account_id: &str, mut audit: NewEntry) -> Result<Option<HeadAccount>> {
    let mut tx = pool.begin().await.map_err(query_err("removing a head account"))?;
    lock(&mut tx).await?;
    let row = sqlx::query(
        "DELETE FROM head_accounts WHERE account_id = $1
         RETURNING account_id, region, account_name, uscc, website, owner, warnings::text, former_names, group_name",
    )
    .bind(account_id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(query_err("removing a head account"))?;
    let Some(r) = row else { return Ok(None) };
    let removed = head_account(&r)?;
    audit.payload.insert("removed", serde_json::to_value(&removed).unwrap_or_default());
    audit.payload.insert(HEAD_ACCOUNTS_DIGEST, super::records::head_accounts_digest(&mut tx).await?.into());
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("removing a head account"))?;
    Ok(Some(removed))
}
