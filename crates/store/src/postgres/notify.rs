//! The notification outbox on PostgreSQL: audit entries after a seq, the queue and its delivery attempts.

use super::audit_log::ENTRY_COLUMNS;
use super::codec::utc;
use super::query_err;
use crate::{Delivery, NewNotification, Notification, Result};
use chrono::{DateTime, NaiveDateTime, Utc};
use dealgate_audit::AuditEntry;
use sqlx::postgres::{PgPool, PgRow};
use sqlx::{Postgres, QueryBuilder, Row};

/// Audit entries after `seq` whose (action, outcome) is one of `events` (`None`: any outcome).
pub(crate) async fn events_after(
    pool: &PgPool,
    seq: i64,
    events: &[(&str, Option<&str>)],
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb: QueryBuilder<Postgres> =
        QueryBuilder::new(format!("SELECT {ENTRY_COLUMNS} FROM audit_log WHERE seq > "));
    qb.push_bind(seq).push(" AND (");
    for (i, (action, outcome)) in events.iter().enumerate() {
        if i > 0 {
            qb.push(" OR ");
        }
        qb.push("(action = ").push_bind(action.to_string());
        if let Some(o) = outcome {
            qb.push(" AND outcome = ").push_bind(o.to_string());
        }
        qb.push(")");
    }
    qb.push(") ORDER BY seq LIMIT ").push_bind(limit);
    let rows = qb.build().fetch_all(pool).await.map_err(query_err("reading the audit log for notifications"))?;
    rows.into_iter().map(super::audit_log::from_row).collect()
}

pub(crate) async fn cursor(pool: &PgPool) -> Result<i64> {
    sqlx::query_scalar("SELECT seq FROM notify_cursor WHERE id = 1")
        .fetch_one(pool)
        .await
        .map_err(query_err("reading the notification cursor"))
}

/// Queues `items` and moves the cursor from `from` to `through`; false (nothing written) when the
/// cursor is no longer at `from`.
pub(crate) async fn queue(pool: &PgPool, from: i64, through: i64, items: &[NewNotification]) -> Result<bool> {
    let err = query_err("queueing notifications");
    let mut tx = pool.begin().await.map_err(&err)?;
    let moved = sqlx::query("UPDATE notify_cursor SET seq = $1 WHERE id = 1 AND seq = $2")
        .bind(through)
        .bind(from)
        .execute(&mut *tx)
        .await
        .map_err(&err)?
        .rows_affected();
    if moved == 0 {
        return Ok(false);
    }
    for n in items {
        sqlx::query(
            "INSERT INTO notifications (kind, first_seq, last_seq, text, created_at, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(&n.kind)
        .bind(n.first_seq)
        .bind(n.last_seq)
        .bind(&n.text)
        .bind(utc(n.created_at))
        .execute(&mut *tx)
        .await
        .map_err(&err)?;
    }
    tx.commit().await.map_err(&err)?;
    Ok(true)
}

const COLUMNS: &str =
    "id, kind, first_seq, last_seq, text, created_at, attempts, next_attempt_at, delivered_at, last_error";

fn from_row(r: PgRow) -> Notification {
    let naive = |t: DateTime<Utc>| t.naive_utc();
    Notification {
        id: r.get(0),
        kind: r.get(1),
        first_seq: r.get(2),
        last_seq: r.get(3),
        text: r.get(4),
        created_at: naive(r.get(5)),
        attempts: i64::from(r.get::<i32, _>(6)),
        next_attempt_at: naive(r.get(7)),
        delivered_at: r.get::<Option<DateTime<Utc>>, _>(8).map(naive),
        last_error: r.get(9),
    }
}

pub(crate) async fn due(pool: &PgPool, now: NaiveDateTime, max_attempts: i64) -> Result<Vec<Notification>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM notifications WHERE delivered_at IS NULL AND next_attempt_at <= $1 AND attempts < $2 ORDER BY id"
    );
    let rows = sqlx::query(&sql)
        .bind(utc(now))
        .bind(max_attempts as i32)
        .fetch_all(pool)
        .await
        .map_err(query_err("reading the notifications due"))?;
    Ok(rows.into_iter().map(from_row).collect())
}

pub(crate) async fn record(pool: &PgPool, id: i64, d: &Delivery) -> Result<()> {
    let (delivered, error) = match &d.error {
        None => (Some(utc(d.at)), None),
        Some(e) => (None, Some(e.as_str())),
    };
    sqlx::query(
        "UPDATE notifications SET attempts = attempts + 1, delivered_at = $1, last_error = COALESCE($2, last_error),
         next_attempt_at = $3 WHERE id = $4",
    )
    .bind(delivered)
    .bind(error)
    .bind(utc(d.next_attempt_at))
    .bind(id)
    .execute(pool)
    .await
    .map_err(query_err("recording a notification's delivery"))?;
    Ok(())
}

pub(crate) async fn latest(pool: &PgPool, limit: i64) -> Result<Vec<Notification>> {
    let sql = format!("SELECT {COLUMNS} FROM notifications ORDER BY id DESC LIMIT $1");
    let rows = sqlx::query(&sql).bind(limit).fetch_all(pool).await.map_err(query_err("reading the notifications"))?;
    Ok(rows.into_iter().map(from_row).collect())
}
