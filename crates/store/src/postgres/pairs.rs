//! Remembered pairs of names (reviewers' "same company" / "different company"), each change audited.

use super::audit_log::{append_one, lock};
use super::codec::*;
use super::query_err;
use crate::{Result, StoreError};
use chrono::{DateTime, Utc};
use dealgate_audit::NewEntry;
use dealgate_domain::{PairLabel, PairVerdict, Source};
use sqlx::postgres::{PgPool, PgRow};
use sqlx::Row;

const COLUMNS: &str =
    "id, pair_key, verdict, left_name, right_name, source, record_id, registration_id, region, actor, created_at";

fn label(r: &PgRow) -> Result<PairLabel> {
    let text = |i: usize| r.get::<String, _>(i);
    let verdict = PairVerdict::parse(&text(2)).ok_or(StoreError::Corrupt { what: "pair verdict", value: text(2) })?;
    let source = Source::parse(&text(5)).ok_or(StoreError::Corrupt { what: "pair source", value: text(5) })?;
    Ok(PairLabel {
        id: r.get(0),
        pair_key: text(1),
        verdict,
        left_name: text(3),
        right_name: text(4),
        source,
        record_id: text(6),
        registration_id: text(7),
        region: r.get(8),
        actor: text(9),
        created_at: r.get::<DateTime<Utc>, _>(10).naive_utc(),
    })
}

pub(crate) async fn list(pool: &PgPool) -> Result<Vec<PairLabel>> {
    let sql = format!("SELECT {COLUMNS} FROM pair_labels ORDER BY id");
    let rows = sqlx::query(&sql).fetch_all(pool).await.map_err(query_err("reading remembered pairs"))?;
    rows.iter().map(label).collect()
}

pub(crate) async fn save(pool: &PgPool, l: &PairLabel, audit: NewEntry) -> Result<i64> {
    let mut tx = pool.begin().await.map_err(query_err("remembering a pair"))?;
    lock(&mut tx).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO pair_labels (pair_key, verdict, left_name, right_name, source, record_id, registration_id,
                                  region, actor, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (pair_key) DO UPDATE SET verdict = excluded.verdict, left_name = excluded.left_name,
             right_name = excluded.right_name, source = excluded.source, record_id = excluded.record_id,
             registration_id = excluded.registration_id, region = excluded.region, actor = excluded.actor,
             created_at = excluded.created_at
         RETURNING id",
    )
    .bind(&l.pair_key)
    .bind(l.verdict.as_str())
    .bind(&l.left_name)
    .bind(&l.right_name)
    .bind(l.source.as_str())
    .bind(&l.record_id)
    .bind(&l.registration_id)
    .bind(&l.region)
    .bind(&l.actor)
    .bind(utc(l.created_at))
    .fetch_one(&mut *tx)
    .await
    .map_err(query_err("remembering a pair"))?;
    let mut audit = audit;
    audit.payload.insert("pair_id", id.into());
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("remembering a pair"))?;
    Ok(id)
}

pub(crate) async fn forget(pool: &PgPool, id: i64, mut audit: NewEntry) -> Result<Option<PairLabel>> {
    let mut tx = pool.begin().await.map_err(query_err("forgetting a pair"))?;
    lock(&mut tx).await?;
    let sql = format!("DELETE FROM pair_labels WHERE id = $1 RETURNING {COLUMNS}");
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *tx).await.map_err(query_err("forgetting a pair"))?;
    let Some(r) = row else { return Ok(None) };
    let removed = label(&r)?;
    audit.payload.insert("removed", serde_json::to_value(&removed).unwrap_or_default());
    append_one(&mut tx, audit).await?;
    tx.commit().await.map_err(query_err("forgetting a pair"))?;
    Ok(Some(removed))
}
