//! The notification outbox on SQLite: audit entries after a seq, the queue and its delivery attempts.

use super::audit_log::ENTRY_COLUMNS;
use super::{query_err, BEGIN_WRITE};
use crate::{Delivery, NewNotification, Notification, Result};
use dealgate_audit::AuditEntry;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};

/// Audit entries after `seq` whose (action, outcome) is one of `events` (`None`: any outcome).
pub(crate) async fn events_after(
    pool: &SqlitePool,
    seq: i64,
    events: &[(&str, Option<&str>)],
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let any: Vec<&str> =
        events.iter().map(|(_, o)| if o.is_some() { "(action = ? AND outcome = ?)" } else { "action = ?" }).collect();
    let sql =
        format!("SELECT {ENTRY_COLUMNS} FROM audit_log WHERE seq > ? AND ({}) ORDER BY seq LIMIT ?", any.join(" OR "));
    let mut q = sqlx::query(&sql).bind(seq);
    for (action, outcome) in events {
        q = q.bind(*action);
        if let Some(o) = outcome {
            q = q.bind(*o);
        }
    }
    let rows = q.bind(limit).fetch_all(pool).await.map_err(query_err("reading the audit log for notifications"))?;
    rows.into_iter().map(super::audit_log::from_row).collect()
}

pub(crate) async fn cursor(pool: &SqlitePool) -> Result<i64> {
    sqlx::query_scalar("SELECT seq FROM notify_cursor WHERE id = 1")
        .fetch_one(pool)
        .await
        .map_err(query_err("reading the notification cursor"))
}

/// Queues `items` and moves the cursor from `from` to `through`; false (nothing written) when the
/// cursor is no longer at `from`.
pub(crate) async fn queue(pool: &SqlitePool, from: i64, through: i64, items: &[NewNotification]) -> Result<bool> {
    let err = query_err("queueing notifications");
    let mut tx = pool.begin_with(BEGIN_WRITE).await.map_err(&err)?;
    let moved = sqlx::query("UPDATE notify_cursor SET seq = ? WHERE id = 1 AND seq = ?")
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
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&n.kind)
        .bind(n.first_seq)
        .bind(n.last_seq)
        .bind(&n.text)
        .bind(n.created_at)
        .bind(n.created_at)
        .execute(&mut *tx)
        .await
        .map_err(&err)?;
    }
    tx.commit().await.map_err(&err)?;
    Ok(true)
}

const COLUMNS: &str =
    "id, kind, first_seq, last_seq, text, created_at, attempts, next_attempt_at, delivered_at, last_error";

fn from_row(r: SqliteRow) -> Notification {
    Notification {
        id: r.get(0),
        kind: r.get(1),
        first_seq: r.get(2),
        last_seq: r.get(3),
        text: r.get(4),
        created_at: r.get(5),
        attempts: r.get(6),
        next_attempt_at: r.get(7),
        delivered_at: r.get(8),
        last_error: r.get(9),
    }
}

pub(crate) async fn due(pool: &SqlitePool, now: chrono::NaiveDateTime, max_attempts: i64) -> Result<Vec<Notification>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM notifications WHERE delivered_at IS NULL AND next_attempt_at <= ? AND attempts < ? ORDER BY id"
    );
    let rows = sqlx::query(&sql)
        .bind(now)
        .bind(max_attempts)
        .fetch_all(pool)
        .await
        .map_err(query_err("reading the notifications due"))?;
    Ok(rows.into_iter().map(from_row).collect())
}

pub(crate) async fn record(pool: &SqlitePool, id: i64, d: &Delivery) -> Result<()> {
    let (delivered, error) = match &d.error {
        None => (Some(d.at), None),
        Some(e) => (None, Some(e.as_str())),
    };
    sqlx::query(
        "UPDATE notifications SET attempts = attempts + 1, delivered_at = ?, last_error = COALESCE(?, last_error),
         next_attempt_at = ? WHERE id = ?",
    )
    .bind(delivered)
    .bind(error)
    .bind(d.next_attempt_at)
    .bind(id)
    .execute(pool)
    .await
    .map_err(query_err("recording a notification's delivery"))?;
    Ok(())
}

pub(crate) async fn latest(pool: &SqlitePool, limit: i64) -> Result<Vec<Notification>> {
    let sql = format!("SELECT {COLUMNS} FROM notifications ORDER BY id DESC LIMIT ?");
    let rows = sqlx::query(&sql).bind(limit).fetch_all(pool).await.map_err(query_err("reading the notifications"))?;
    Ok(rows.into_iter().map(from_row).collect())
}
