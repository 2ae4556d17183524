//! Decisions (every version, one current per registration) and disputes; a check's batch is in `batch.rs`.

use super::audit_log::{append_one, stamp};
use super::bulk::Columns;
use super::codec::*;
use super::query_err;
use crate::{Result, StoreError};
use dealgate_audit::NewEntry;
use dealgate_domain::{Decision, DecisionStatus, Dispute, DisputeStatus, Lead, Outcome, Standing};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection, SqlitePool};

const COLUMNS: &str =
    "d.id, d.registration_id, d.outcome, d.rule, d.summary, d.lead, d.direct_owner, d.protection_until,
    d.matches, d.settings_version, d.as_of, d.status, d.actor, d.reason, d.created_at, d.summary_code";

pub(super) fn lead_str(l: Lead) -> &'static str {
    match l {
        Lead::PartnerLed => "partner_led",
        Lead::DirectLed => "direct_led",
    }
}

/// A stored summary code; one this version cannot read (a newer code) leaves the English text to speak.
fn summary_code(s: Option<String>) -> Option<dealgate_domain::Summary> {
    s.and_then(|s| serde_json::from_str(&s).ok())
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
        summary_code: summary_code(r.get(15)),
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
/// Each decision after id `after`, in id order, as its registration's standing. A cold start
/// (`after` = 0) reads every decision ever made, through the bulk reader; the few made since the last
/// read come through the pool.
pub(crate) async fn standings_after(
    pool: &SqlitePool,
    path: &std::path::Path,
    after: i64,
) -> Result<Vec<(String, Standing)>> {
    let sql = "SELECT id, registration_id, outcome, status, protection_until, actor FROM decisions
                WHERE id > CAST(?1 AS INTEGER) ORDER BY id";
    if after == 0 {
        return super::bulk::all(path, sql.into(), after.to_string(), standing, "reading decisions").await;
    }
    let rows = sqlx::query(sql).bind(after).fetch_all(pool).await.map_err(query_err("reading decisions"))?;
    rows.iter().map(standing).collect()
}

/// A registration's standing from a row of `standings_after`'s columns.
fn standing<R: Columns>(r: &R) -> Result<(String, Standing)> {
    let (outcome, status) = (r.string(2), r.string(3));
    let standing = Standing {
        decision_id: r.int(0).ok_or(StoreError::Corrupt { what: "decision id", value: String::new() })?,
        outcome: Outcome::parse(&outcome).ok_or(StoreError::Corrupt { what: "decision outcome", value: outcome })?,
        status: DecisionStatus::parse(&status).ok_or(StoreError::Corrupt { what: "decision status", value: status })?,
        protection_until: opt_date(r.opt(4), "decision protection_until")?,
        actor: r.string(5),
    };
    Ok((r.string(1), standing))
}

/// Decisions by id, in the order asked (an unknown id left out): one statement over the ids as a JSON
/// array.
pub(crate) async fn by_ids(pool: &SqlitePool, ids: &[i64]) -> Result<Vec<Decision>> {
    let list = serde_json::to_string(ids)
        .map_err(|e| StoreError::Query { doing: "reading decisions", detail: e.to_string() })?;
    let rows =
        sqlx::query(&format!("SELECT {COLUMNS} FROM decisions d WHERE d.id IN (SELECT value FROM json_each(?))"))
            .bind(list)
            .fetch_all(pool)
            .await
            .map_err(query_err("reading decisions"))?;
    let found = rows.into_iter().map(from_row).collect::<Result<Vec<Decision>>>()?;
    Ok(super::in_order_asked(ids, found, |d: &Decision| &d.id).into_iter().flatten().collect())
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
    super::batch::insert_decisions(&mut *conn, &[(None, d, matches)]).await?;
    let id: i64 = sqlx::query_scalar("SELECT last_insert_rowid()")
        .fetch_one(&mut *conn)
        .await
        .map_err(query_err("storing a decision"))?;
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

pub(crate) async fn open_dispute(pool: &SqlitePool, d: &Dispute, audit: NewEntry) -> Result<i64> {
    let mut tx = pool.begin_with(super::BEGIN_WRITE).await.map_err(query_err("opening a dispute"))?;
    let current: Option<Option<i64>> =
        sqlx::query_scalar("SELECT decision_id FROM registrations WHERE registration_id = ?")
            .bind(&d.registration_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(query_err("opening a dispute"))?;
    if current.flatten() != Some(d.decision_id) {
        let detail = format!("the decision disputed (#{}) is no longer its current one", d.decision_id);
        return Err(StoreError::Changed { subject: d.registration_id.clone(), detail });
    }
    let open: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, opened_by FROM disputes WHERE registration_id = ? AND status = 'open' ORDER BY id LIMIT 1",
    )
    .bind(&d.registration_id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(query_err("opening a dispute"))?;
    if let Some((id, by)) = open {
        let detail = format!("dispute #{id} by {by} is open on it; wait for its ruling");
        return Err(StoreError::Changed { subject: d.registration_id.clone(), detail });
    }
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
