//! Decisions (every version, one current per registration) and disputes.

use super::audit_log::{append_one, stamp, Chain};
use super::codec::*;
use super::query_err;
use crate::{Result, StoreError};
use dealgate_audit::NewEntry;
use dealgate_domain::{Decision, DecisionStatus, Dispute, DisputeStatus, Lead, Outcome, Standing};
use rayon::prelude::*;
use sqlx::sqlite::{Sqlite, SqliteRow};
use sqlx::Connection;
use sqlx::{QueryBuilder, Row, SqliteConnection, SqlitePool};
use std::collections::HashMap;
use std::future::Future;

const COLUMNS: &str =
    "d.id, d.registration_id, d.outcome, d.rule, d.summary, d.lead, d.direct_owner, d.protection_until,
    d.matches, d.settings_version, d.as_of, d.status, d.actor, d.reason, d.created_at";

fn lead_str(l: Lead) -> &'static str {
    match l {
        Lead::PartnerLed => "partner_led",
        Lead::DirectLed => "direct_led",
    }
}

fn from_row(r: SqliteRow) -> Result<Decision> {
    let outcome: String = r.get(2);
    let status: String = r.get(11);
    let lead: Option<String> = r.get(5);
    Ok(Decision {
        id: r.get(0),
        registration_id: r.get(1),
        outcome: Outcome::parse(&outcome).ok_or(StoreError::Corrupt { what: "decision outcome", value: outcome })?,
        rule: r.get(3),
        summary: r.get(4),
        lead: match lead.as_deref() {
            None => None,
            Some("partner_led") => Some(Lead::PartnerLed),
            Some("direct_led") => Some(Lead::DirectLed),
            Some(other) => return Err(StoreError::Corrupt { what: "decision lead", value: other.into() }),
        },
        direct_owner: r.get(6),
        protection_until: opt_date(r.get(7), "decision protection_until")?,
        matches: json(&r.get::<String, _>(8), "decision matches")?,
        settings_version: r.get(9),
        as_of: date(&r.get::<String, _>(10), "decision as_of")?,
        status: DecisionStatus::parse(&status).ok_or(StoreError::Corrupt { what: "decision status", value: status })?,
        actor: r.get(12),
        reason: r.get(13),
        created_at: datetime(&r.get::<String, _>(14), "decision created_at")?,
    })
}

pub(crate) async fn current(pool: &SqlitePool, registration_id: Option<&str>) -> Result<Vec<Decision>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM registrations r JOIN decisions d ON d.id = r.decision_id {} ORDER BY r.submitted_at, r.registration_id",
        if registration_id.is_some() { "WHERE r.registration_id = ?" } else { "" }
    );
    let mut q = sqlx::query(&sql);
    if let Some(id) = registration_id {
        q = q.bind(id);
    }
    q.fetch_all(pool).await.map_err(query_err("reading decisions"))?.into_iter().map(from_row).collect()
}

/// Registration id and standing of every decision stored after `after`, in id order: later ones
/// supersede earlier ones of the same registration.
pub(crate) async fn standings_after(pool: &SqlitePool, after: i64) -> Result<Vec<(String, Standing)>> {
    let rows = sqlx::query(
        "SELECT id, registration_id, outcome, status, protection_until, actor FROM decisions WHERE id > ? ORDER BY id",
    )
    .bind(after)
    .fetch_all(pool)
    .await
    .map_err(query_err("reading decisions"))?;
    rows.iter()
        .map(|r| {
            let outcome: String = r.get(2);
            let status: String = r.get(3);
            let standing = Standing {
                decision_id: r.get(0),
                outcome: Outcome::parse(&outcome)
                    .ok_or(StoreError::Corrupt { what: "decision outcome", value: outcome })?,
                status: DecisionStatus::parse(&status)
                    .ok_or(StoreError::Corrupt { what: "decision status", value: status })?,
                protection_until: opt_date(r.get(4), "decision protection_until")?,
                actor: r.get(5),
            };
            Ok((r.get(1), standing))
        })
        .collect()
}

pub(crate) async fn history(pool: &SqlitePool, registration_id: &str) -> Result<Vec<Decision>> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM decisions d WHERE d.registration_id = ? ORDER BY d.id"))
        .bind(registration_id)
        .fetch_all(pool)
        .await
        .map_err(query_err("reading decision history"))?
        .into_iter()
        .map(from_row)
        .collect()
}

async fn insert(conn: &mut SqliteConnection, d: &Decision) -> Result<i64> {
    let matches = serde_json::to_string(&d.matches).unwrap_or_else(|_| "[]".into());
    let id = sqlx::query(
        "INSERT INTO decisions (registration_id, outcome, rule, summary, lead, direct_owner, protection_until, matches,
            settings_version, as_of, status, actor, reason, created_at, top_name, top_source, top_score)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&d.registration_id)
    .bind(d.outcome.as_str())
    .bind(&d.rule)
    .bind(&d.summary)
    .bind(d.lead.map(lead_str))
    .bind(&d.direct_owner)
    .bind(d.protection_until.map(fmt_date))
    .bind(matches)
    .bind(d.settings_version)
    .bind(fmt_date(d.as_of))
    .bind(d.status.as_str())
    .bind(&d.actor)
    .bind(&d.reason)
    .bind(fmt_datetime(d.created_at))
    // The strongest match (evidence is strongest first), kept on the row for the queue.
    .bind(d.matches.first().map(|m| m.name.as_str()))
    .bind(d.matches.first().map(|m| m.source.as_str()))
    .bind(d.matches.first().map(|m| m.score))
    .execute(&mut *conn)
    .await
    .map_err(query_err("storing a decision"))?
    .last_insert_rowid();
    // The queue's columns follow the current decision; the first decision a person made is kept.
    sqlx::query(
        "UPDATE registrations SET decision_id = ?, q_outcome = ?, q_status = ?, q_score = ?, q_until = ?,
                first_decided_at = COALESCE(first_decided_at, CASE WHEN ? IN ('accepted', 'overridden', 'ruled') THEN ? END)
          WHERE registration_id = ?",
    )
    .bind(id)
    .bind(d.outcome.as_str())
    .bind(d.status.as_str())
    .bind(d.matches.first().map(|m| m.score))
    .bind(d.protection_until.map(fmt_date))
    .bind(d.status.as_str())
    .bind(fmt_datetime(d.created_at))
    .bind(&d.registration_id)
        .execute(&mut *conn)
        .await
        .map_err(query_err("pointing the registration at its decision"))?;
    Ok(id)
}

/// Stores many decisions and their audit entries in one transaction. The registrations' queue
/// columns are set by one statement; while SQLite runs it, this thread renders the decisions'
/// evidence JSON and the audit entries (payloads and hash chain), which need nothing from the
/// database but the ids and the chain head read first. Decisions and audit rows then go in as
/// multi-row inserts appended at the end of their tables.
///
/// A large batch's write-ahead log is folded into the database file by a checkpoint started after
/// the commit, in the background, instead of by the committing statement itself: the commit is as
/// durable either way, and the caller does not wait for a copy of everything it wrote.
pub(crate) async fn record(pool: &SqlitePool, items: &[(Decision, NewEntry)]) -> Result<Vec<i64>> {
    let big = items.len() >= super::records::BIG_WRITE;
    let mut conn = pool.acquire().await.map_err(query_err("starting to store decisions"))?;
    if big {
        set_autocheckpoint(&mut conn, 0).await?;
    }
    let stored = record_on(&mut conn, items).await;
    if big {
        // A connection left without automatic checkpoints would let the log grow without bound.
        if set_autocheckpoint(&mut conn, 1000).await.is_err() {
            conn.close_on_drop();
        }
        let pool = pool.clone();
        tokio::spawn(async move { super::checkpoint(&pool).await });
    }
    stored
}

async fn set_autocheckpoint(conn: &mut SqliteConnection, pages: u32) -> Result<()> {
    sqlx::query(&format!("PRAGMA wal_autocheckpoint = {pages}"))
        .execute(&mut *conn)
        .await
        .map_err(query_err("setting the checkpoint interval"))?;
    Ok(())
}

async fn record_on(conn: &mut SqliteConnection, items: &[(Decision, NewEntry)]) -> Result<Vec<i64>> {
    const ROWS: usize = 1500; // 18 parameters a row; SQLite allows 32766
    let mut tx = conn.begin_with(super::BEGIN_WRITE).await.map_err(query_err("starting to store decisions"))?;
    let mut chain = Chain::start(&mut tx).await?;
    // The write lock is held, so ids can be handed out here (past any ever used: AUTOINCREMENT).
    let first: i64 = sqlx::query_scalar(
        "SELECT MAX(COALESCE((SELECT MAX(id) FROM decisions), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'decisions'), 0)) + 1",
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(query_err("reading the next decision id"))?;
    let ids: Vec<i64> = (first..first + items.len() as i64).collect();
    let entries: Vec<&NewEntry> = items.iter().map(|(_, audit)| audit).collect();
    let (pointed, (rows, audit)) = overlap(point_registrations(&mut tx, items, &ids), || {
        let rows: Vec<(i64, &Decision, String)> = items
            .par_iter()
            .zip(&ids)
            .map(|((d, _), &id)| (id, d, serde_json::to_string(&d.matches).unwrap_or_else(|_| "[]".into())))
            .collect();
        (rows, chain.seal_stamped(&entries, "decision_id", &ids))
    })
    .await;
    pointed?;
    for chunk in rows.chunks(ROWS) {
        let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO decisions (id, registration_id, outcome, rule, summary, lead, direct_owner, protection_until, matches,
                settings_version, as_of, status, actor, reason, created_at, top_name, top_source, top_score) ",
        );
        qb.push_values(chunk, |mut b, (id, d, matches)| {
            b.push_bind(*id)
                .push_bind(&d.registration_id)
                .push_bind(d.outcome.as_str())
                .push_bind(&d.rule)
                .push_bind(&d.summary)
                .push_bind(d.lead.map(lead_str))
                .push_bind(&d.direct_owner)
                .push_bind(d.protection_until.map(fmt_date))
                .push_bind(matches)
                .push_bind(d.settings_version)
                .push_bind(fmt_date(d.as_of))
                .push_bind(d.status.as_str())
                .push_bind(&d.actor)
                .push_bind(&d.reason)
                .push_bind(fmt_datetime(d.created_at))
                .push_bind(d.matches.first().map(|m| m.name.as_str()))
                .push_bind(d.matches.first().map(|m| m.source.as_str()))
                .push_bind(d.matches.first().map(|m| m.score));
        });
        qb.build().execute(&mut *tx).await.map_err(query_err("storing decisions"))?;
    }
    audit.insert(&mut tx).await?;
    chain.finish(&mut tx).await?;
    tx.commit().await.map_err(query_err("committing decisions"))?;
    Ok(ids)
}

/// Runs `cpu` on this thread while SQLite runs `io` on its connection's own thread: `io` is polled
/// first, which hands its statement to that thread, and is awaited after `cpu` returns.
async fn overlap<R, T>(io: impl Future<Output = R>, cpu: impl FnOnce() -> T) -> (R, T) {
    futures_util::future::join(io, async move { cpu() }).await
}

/// Points each registration at the last of its new decisions (`ids` in `items`' order) and copies
/// that decision's queue columns; `first_decided_at` keeps the first time a person decided it
/// (before this batch, or the first such decision in it). One statement over a JSON array of rows.
async fn point_registrations(conn: &mut SqliteConnection, items: &[(Decision, NewEntry)], ids: &[i64]) -> Result<()> {
    let human = |d: &Decision| {
        matches!(d.status, DecisionStatus::Accepted | DecisionStatus::Overridden | DecisionStatus::Ruled)
    };
    let mut last: HashMap<&str, (i64, &Decision, Option<String>)> = HashMap::with_capacity(items.len());
    for ((d, _), &id) in items.iter().zip(ids) {
        let at = human(d).then(|| fmt_datetime(d.created_at));
        last.entry(d.registration_id.as_str())
            .and_modify(|e| *e = (id, d, e.2.take().or_else(|| at.clone())))
            .or_insert((id, d, at));
    }
    let rows: Vec<serde_json::Value> = last
        .into_iter()
        .map(|(rid, (id, d, at))| {
            serde_json::json!([
                rid,
                id,
                d.outcome.as_str(),
                d.status.as_str(),
                d.matches.first().map(|m| m.score),
                d.protection_until.map(fmt_date),
                at
            ])
        })
        .collect();
    let rows = serde_json::to_string(&rows)
        .map_err(|e| StoreError::Query { doing: "pointing registrations at their decisions", detail: e.to_string() })?;
    sqlx::query(
        "UPDATE registrations SET decision_id = v.id, q_outcome = v.outcome, q_status = v.status, q_score = v.score,
                q_until = v.until, first_decided_at = COALESCE(first_decided_at, v.at)
           FROM (SELECT value ->> 0 AS rid, value ->> 1 AS id, value ->> 2 AS outcome, value ->> 3 AS status,
                        value ->> 4 AS score, value ->> 5 AS until, value ->> 6 AS at FROM json_each(?)) AS v
          WHERE registrations.registration_id = v.rid",
    )
    .bind(rows)
    .execute(&mut *conn)
    .await
    .map_err(query_err("pointing registrations at their decisions"))?;
    Ok(())
}

pub(crate) async fn open_dispute(pool: &SqlitePool, d: &Dispute, audit: NewEntry) -> Result<i64> {
    let mut tx = pool.begin_with(super::BEGIN_WRITE).await.map_err(query_err("opening a dispute"))?;
    let id = sqlx::query(
        "INSERT INTO disputes (registration_id, decision_id, region, opened_by, claim, opened_at, due_at, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'open')",
    )
    .bind(&d.registration_id)
    .bind(d.decision_id)
    .bind(&d.region)
    .bind(&d.opened_by)
    .bind(&d.claim)
    .bind(fmt_datetime(d.opened_at))
    .bind(fmt_datetime(d.due_at))
    .execute(&mut *tx)
    .await
    .map_err(query_err("opening a dispute"))?
    .last_insert_rowid();
    append_one(&mut tx, stamp(audit, "dispute_id", id)).await?;
    tx.commit().await.map_err(query_err("opening a dispute"))?;
    Ok(id)
}

pub(crate) async fn rule_dispute(
    pool: &SqlitePool,
    ruled: &Dispute,
    decision: Decision,
    audit: NewEntry,
) -> Result<i64> {
    let mut tx = pool.begin_with(super::BEGIN_WRITE).await.map_err(query_err("ruling on a dispute"))?;
    let id = insert(&mut tx, &decision).await?;
    // Only an open dispute can be ruled: a second ruling (or one on an unknown id) writes nothing.
    let updated = sqlx::query(
        "UPDATE disputes SET status = 'ruled', ruled_by = ?, ruling = ?, rationale = ?, ruled_at = ? WHERE id = ? AND status = 'open'",
    )
    .bind(&ruled.ruled_by)
    .bind(ruled.ruling.map(|o| o.as_str()))
    .bind(&ruled.rationale)
    .bind(ruled.ruled_at.map(fmt_datetime))
    .bind(ruled.id)
    .execute(&mut *tx)
    .await
    .map_err(query_err("ruling on a dispute"))?
    .rows_affected();
    if updated != 1 {
        let detail = format!("dispute #{} is not open (already ruled, or no such dispute)", ruled.id);
        return Err(StoreError::Query { doing: "ruling on a dispute", detail });
    }
    append_one(&mut tx, stamp(audit, "decision_id", id)).await?;
    tx.commit().await.map_err(query_err("ruling on a dispute"))?;
    Ok(id)
}

pub(crate) async fn disputes(pool: &SqlitePool, id: Option<i64>, open_only: bool) -> Result<Vec<Dispute>> {
    let mut sql = String::from(
        "SELECT id, registration_id, decision_id, region, opened_by, claim, opened_at, due_at, status, ruled_by, ruling,
                rationale, ruled_at FROM disputes WHERE 1 = 1",
    );
    if id.is_some() {
        sql.push_str(" AND id = ?");
    }
    if open_only {
        sql.push_str(" AND status = 'open'");
    }
    sql.push_str(" ORDER BY id DESC");
    let mut q = sqlx::query(&sql);
    if let Some(id) = id {
        q = q.bind(id);
    }
    let rows = q.fetch_all(pool).await.map_err(query_err("reading disputes"))?;
    rows.into_iter()
        .map(|r| {
            let ruling: Option<String> = r.get(10);
            Ok(Dispute {
                id: r.get(0),
                registration_id: r.get(1),
                decision_id: r.get(2),
                region: r.get(3),
                opened_by: r.get(4),
                claim: r.get(5),
                opened_at: datetime(&r.get::<String, _>(6), "dispute opened_at")?,
                due_at: datetime(&r.get::<String, _>(7), "dispute due_at")?,
                status: if r.get::<String, _>(8) == "open" { DisputeStatus::Open } else { DisputeStatus::Ruled },
                ruled_by: r.get(9),
                ruling: ruling.as_deref().and_then(Outcome::parse),
                rationale: r.get(11),
                ruled_at: r.get::<Option<String>, _>(12).map(|s| datetime(&s, "dispute ruled_at")).transpose()?,
            })
        })
        .collect()
}
