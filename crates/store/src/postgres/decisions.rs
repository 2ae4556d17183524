//! Decisions (every version, one current per registration) and disputes; a check's batch is in `batch.rs`.

use super::audit_log::{append_one, lock, stamp};
use super::codec::*;
use super::query_err;
use crate::{Result, StoreError};
use chrono::{DateTime, Utc};
use dealgate_audit::NewEntry;
use dealgate_domain::{Decision, DecisionStatus, Dispute, DisputeStatus, Lead, Outcome, Standing};
use sqlx::postgres::{PgConnection, PgPool, PgRow};
use sqlx::Row;

const COLUMNS: &str =
    "d.id, d.registration_id, d.outcome, d.rule, d.summary, d.lead, d.direct_owner, d.protection_until,
    d.matches::text, d.settings_version, d.as_of, d.status, d.actor, d.reason, d.created_at, d.summary_code::text";

pub(super) fn lead_str(l: Lead) -> &'static str {
    match l {
        Lead::PartnerLed => "partner_led",
        Lead::DirectLed => "direct_led",
    }
}

fn outcome(s: String) -> Result<Outcome> {
    Outcome::parse(&s).ok_or(StoreError::Corrupt { what: "decision outcome", value: s })
}

fn status(s: String) -> Result<DecisionStatus> {
    DecisionStatus::parse(&s).ok_or(StoreError::Corrupt { what: "decision status", value: s })
}

/// A stored summary code; one this version cannot read (a newer code) leaves the English text to speak.
fn summary_code(s: Option<String>) -> Option<dealgate_domain::Summary> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

fn from_row(r: PgRow) -> Result<Decision> {
    let lead: Option<String> = r.get(5);
    Ok(Decision {
        id: r.get(0),
        registration_id: r.get(1),
        outcome: outcome(r.get(2))?,
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
        protection_until: r.get(7),
        matches: json(&r.get::<String, _>(8), "decision matches")?,
        settings_version: r.get(9),
        as_of: r.get(10),
        status: status(r.get(11))?,
        actor: r.get(12),
        reason: r.get(13),
        created_at: r.get::<DateTime<Utc>, _>(14).naive_utc(),
    })
}

pub(crate) async fn current(pool: &PgPool, registration_id: Option<&str>) -> Result<Vec<Decision>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM registrations r JOIN decisions d ON d.id = r.decision_id {} ORDER BY r.submitted_at, r.registration_id",
        if registration_id.is_some() { "WHERE r.registration_id = $1" } else { "" }
    );
    let mut q = sqlx::query(&sql);
    if let Some(id) = registration_id {
        q = q.bind(id);
    }
    q.fetch_all(pool).await.map_err(query_err("reading decisions"))?.into_iter().map(from_row).collect()
}

/// Each decision after id `after`, in id order, as its registration's standing.
pub(crate) async fn standings_after(pool: &PgPool, after: i64) -> Result<Vec<(String, Standing)>> {
    let rows = sqlx::query(
        "SELECT id, registration_id, outcome, status, protection_until, actor FROM decisions WHERE id > $1 ORDER BY id",
    )
    .bind(after)
    .fetch_all(pool)
    .await
    .map_err(query_err("reading decisions"))?;
    rows.into_iter()
        .map(|r| {
            let standing = Standing {
                decision_id: r.get(0),
                outcome: outcome(r.get(2))?,
                status: status(r.get(3))?,
                protection_until: r.get(4),
                actor: r.get(5),
            };
            Ok((r.get(1), standing))
        })
        .collect()
}

/// Decisions by id, in the order asked (an unknown id left out).
pub(crate) async fn by_ids(pool: &PgPool, ids: &[i64]) -> Result<Vec<Decision>> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM decisions d WHERE d.id = ANY($1)"))
        .bind(ids)
        .fetch_all(pool)
        .await
        .map_err(query_err("reading decisions"))?;
    let found = rows.into_iter().map(from_row).collect::<Result<Vec<Decision>>>()?;
    Ok(crate::sqlite::in_order_asked(ids, found, |d: &Decision| &d.id).into_iter().flatten().collect())
}

pub(crate) async fn history(pool: &PgPool, registration_id: &str) -> Result<Vec<Decision>> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM decisions d WHERE d.registration_id = $1 ORDER BY d.id"))
        .bind(registration_id)
        .fetch_all(pool)
        .await
        .map_err(query_err("reading decision history"))?
        .into_iter()
        .map(from_row)
        .collect()
}

/// Stores one decision as its registration's current one; returns its id. The caller holds the chain lock.
pub(crate) async fn insert(conn: &mut PgConnection, d: &Decision) -> Result<i64> {
    let ids = super::batch::next_ids(conn, 1).await?;
    super::batch::insert_decisions(conn, &[d], &ids).await?;
    super::batch::point_registrations(conn, &[d], &ids).await?;
    Ok(ids[0])
}

pub(crate) async fn open_dispute(pool: &PgPool, d: &Dispute, audit: NewEntry) -> Result<i64> {
    let mut tx = pool.begin().await.map_err(query_err("opening a dispute"))?;
    lock(&mut tx).await?;
    // Checked under the chain lock: only on the current decision, and only when none is open.
    let current: Option<Option<i64>> =
        sqlx::query_scalar("SELECT decision_id FROM registrations WHERE registration_id = $1")
            .bind(&d.registration_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(query_err("opening a dispute"))?;
    if current.flatten() != Some(d.decision_id) {
        let detail = format!("the decision disputed (#{}) is no longer its current one", d.decision_id);
        return Err(StoreError::Changed { subject: d.registration_id.clone(), detail });
    }
    let open: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, opened_by FROM disputes WHERE registration_id = $1 AND status = 'open' ORDER BY id LIMIT 1",
    )
    .bind(&d.registration_id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(query_err("opening a dispute"))?;
    if let Some((id, by)) = open {
        let detail = format!("dispute #{id} by {by} is open on it; wait for its ruling");
        return Err(StoreError::Changed { subject: d.registration_id.clone(), detail });
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO disputes (registration_id, decision_id, region, opened_by, claim, opened_at, due_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open') RETURNING id",
    )
    .bind(&d.registration_id)
    .bind(d.decision_id)
    .bind(&d.region)
    .bind(&d.opened_by)
    .bind(&d.claim)
    .bind(utc(d.opened_at))
    .bind(utc(d.due_at))
    .fetch_one(&mut *tx)
    .await
    .map_err(query_err("opening a dispute"))?;
    append_one(&mut tx, stamp(audit, "dispute_id", id)).await?;
    tx.commit().await.map_err(query_err("opening a dispute"))?;
    Ok(id)
}

pub(crate) async fn rule_dispute(pool: &PgPool, ruled: &Dispute, decision: Decision, audit: NewEntry) -> Result<i64> {
    let mut tx = pool.begin().await.map_err(query_err("ruling on a dispute"))?;
    lock(&mut tx).await?;
    let id = insert(&mut tx, &decision).await?;
    // Only an open dispute can be ruled: a second ruling (or one on an unknown id) writes nothing.
    let updated = sqlx::query(
        "UPDATE disputes SET status = 'ruled', ruled_by = $1, ruling = $2, rationale = $3, ruled_at = $4
          WHERE id = $5 AND status = 'open'",
    )
    .bind(&ruled.ruled_by)
    .bind(ruled.ruling.map(|o| o.as_str()))
    .bind(&ruled.rationale)
    .bind(ruled.ruled_at.map(utc))
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

pub(crate) async fn disputes(pool: &PgPool, id: Option<i64>, open_only: bool) -> Result<Vec<Dispute>> {
    let mut sql = String::from(
        "SELECT id, registration_id, decision_id, region, opened_by, claim, opened_at, due_at, status, ruled_by, ruling,
                rationale, ruled_at FROM disputes WHERE 1 = 1",
    );
    if id.is_some() {
        sql.push_str(" AND id = $1");
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
    let naive = |t: DateTime<Utc>| t.naive_utc();
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
                opened_at: naive(r.get(6)),
                due_at: naive(r.get(7)),
                status: if r.get::<String, _>(8) == "open" { DisputeStatus::Open } else { DisputeStatus::Ruled },
                ruled_by: r.get(9),
                ruling: ruling.as_deref().and_then(Outcome::parse),
                rationale: r.get(11),
                ruled_at: r.get::<Option<DateTime<Utc>>, _>(12).map(naive),
            })
        })
        .collect()
}
