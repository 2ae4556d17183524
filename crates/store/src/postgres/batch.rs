//! Recording a batch of decisions (a check run) with their audit entries in one transaction, slice by
//! slice: each slice's decisions, queue columns and audit entries go in as one statement each, over
//! arrays.
//!
//! The arrays are `UNNEST`ed; the transaction commits only on `DecisionSlice::End`.

use super::audit_log::Chain;
use super::codec::*;
use super::decisions::lead_str;
use super::query_err;
use crate::{DecisionSlice, Result, StoreError};
use chrono::{DateTime, Utc};
use dealgate_audit::NewEntry;
use dealgate_domain::{Decision, DecisionStatus};
use sqlx::postgres::{PgConnection, PgPool, Postgres};
use sqlx::Transaction;
use std::collections::HashMap;
use tokio::sync::mpsc::Receiver;

/// Stores many decisions and their audit entries in one transaction.
pub(crate) async fn record(pool: &PgPool, items: &[(Decision, NewEntry)]) -> Result<Vec<i64>> {
    let mut writer = Writer::begin(pool).await?;
    let ids = writer.write(items).await?;
    writer.finish().await?;
    Ok(ids)
}

/// Stores decisions with their audit entries in one transaction, each only on top of the decision its
/// caller read (`supersedes`, 0 for none): checked under the chain lock, so a change that raced this
/// one is seen and nothing is written.
pub(crate) async fn record_checked(
    pool: &PgPool,
    supersedes: &[i64],
    items: &[(Decision, NewEntry)],
) -> Result<Vec<i64>> {
    if supersedes.len() != items.len() {
        let detail = format!("{} expected decisions for {} changes", supersedes.len(), items.len());
        return Err(StoreError::Query { doing: "checking what a change replaces", detail });
    }
    let mut writer = Writer::begin(pool).await?;
    expect_current(&mut writer.tx, supersedes, items).await?;
    let ids = writer.write(items).await?;
    writer.finish().await?;
    Ok(ids)
}

/// Fails with [`StoreError::Changed`] when a registration's current decision is not the one expected.
async fn expect_current(conn: &mut PgConnection, supersedes: &[i64], items: &[(Decision, NewEntry)]) -> Result<()> {
    let rids: Vec<&str> = items.iter().map(|(d, _)| d.registration_id.as_str()).collect();
    /// A registration that moved on: its id, current decision id, and that decision's status and actor.
    type Moved = (String, Option<i64>, Option<String>, Option<String>);
    let moved: Option<Moved> = sqlx::query_as(
        "SELECT v.rid, r.decision_id, d.status, d.actor
           FROM UNNEST($1::text[], $2::bigint[]) WITH ORDINALITY AS v(rid, expected, n)
           LEFT JOIN registrations r ON r.registration_id = v.rid
           LEFT JOIN decisions d ON d.id = r.decision_id
          WHERE COALESCE(r.decision_id, 0) <> v.expected OR r.registration_id IS NULL
          ORDER BY v.n LIMIT 1",
    )
    .bind(&rids)
    .bind(supersedes)
    .fetch_optional(&mut *conn)
    .await
    .map_err(query_err("checking what a change replaces"))?;
    match moved {
        None => Ok(()),
        Some((rid, _, Some(status), Some(actor))) => {
            Err(StoreError::Changed { subject: rid, detail: format!("it is now {status} by {actor}") })
        }
        Some((rid, None, ..)) => Err(StoreError::Changed { subject: rid, detail: "it has no decision now".into() }),
        Some((rid, Some(id), ..)) => {
            Err(StoreError::Changed { subject: rid, detail: format!("its current decision is now #{id}") })
        }
    }
}

/// Stores decisions arriving in slices as one transaction; commits once [`DecisionSlice::End`] arrives,
/// and stores nothing when the stream closes without it. Returns the new decision ids, in order.
pub(crate) async fn record_streamed(
    pool: &PgPool,
    expected: usize,
    mut slices: Receiver<DecisionSlice>,
) -> Result<Vec<i64>> {
    let mut writer = Writer::begin(pool).await?;
    let mut stored = Vec::with_capacity(expected);
    loop {
        match slices.recv().await {
            Some(DecisionSlice::Items(items)) => stored.extend(writer.write(&items).await?),
            Some(DecisionSlice::End) => break,
            // Dropping the writer rolls the transaction back.
            None => return Err(StoreError::Abandoned { received: stored.len() }),
        }
    }
    writer.finish().await?;
    Ok(stored)
}

/// One transaction storing decisions slice by slice, holding the chain lock throughout.
struct Writer {
    tx: Transaction<'static, Postgres>,
    chain: Chain,
}

impl Writer {
    async fn begin(pool: &PgPool) -> Result<Writer> {
        let mut tx = pool.begin().await.map_err(query_err("starting to store decisions"))?;
        let chain = Chain::start(&mut tx).await?;
        Ok(Writer { tx, chain })
    }

    /// Writes one slice; returns its decision ids.
    async fn write(&mut self, items: &[(Decision, NewEntry)]) -> Result<Vec<i64>> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let ids = next_ids(&mut self.tx, items.len()).await?;
        let decisions: Vec<&Decision> = items.iter().map(|(d, _)| d).collect();
        insert_decisions(&mut self.tx, &decisions, &ids).await?;
        point_registrations(&mut self.tx, &decisions, &ids).await?;
        let entries: Vec<&NewEntry> = items.iter().map(|(_, audit)| audit).collect();
        self.chain.append_stamped(&mut self.tx, &entries, "decision_id", &ids).await?;
        Ok(ids)
    }

    /// Commits.
    async fn finish(self) -> Result<()> {
        self.chain.finish();
        self.tx.commit().await.map_err(query_err("committing decisions"))?;
        Ok(())
    }
}

/// `n` new decision ids, ascending. Under the chain lock, so ids are handed out in commit order.
pub(crate) async fn next_ids(conn: &mut PgConnection, n: usize) -> Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT nextval(pg_get_serial_sequence('decisions', 'id')) FROM generate_series(1, $1) ORDER BY 1",
    )
    .bind(n as i64)
    .fetch_all(&mut *conn)
    .await
    .map_err(query_err("reading the next decision ids"))
}

/// Inserts decisions with the ids given, with their evidence JSON and strongest match, in one statement.
pub(crate) async fn insert_decisions(conn: &mut PgConnection, ds: &[&Decision], ids: &[i64]) -> Result<()> {
    fn col<'a, T>(ds: &[&'a Decision], f: impl Fn(&'a Decision) -> T) -> Vec<T> {
        ds.iter().map(|d| f(d)).collect()
    }
    let matches: Vec<String> = col(ds, |d| serde_json::to_string(&d.matches).unwrap_or_else(|_| "[]".into()));
    sqlx::query(
        "INSERT INTO decisions (id, registration_id, outcome, rule, summary, lead, direct_owner, protection_until, matches,
            settings_version, as_of, status, actor, reason, created_at, top_name, top_source, top_score, summary_code)
         SELECT id, registration_id, outcome, rule, summary, lead, direct_owner, protection_until, matches::json,
            settings_version, as_of, status, actor, reason, created_at, top_name, top_source, top_score, summary_code::jsonb
           FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[],
                       $9::text[], $10::bigint[], $11::date[], $12::text[], $13::text[], $14::text[], $15::timestamptz[],
                       $16::text[], $17::text[], $18::float8[], $19::text[])
             AS t(id, registration_id, outcome, rule, summary, lead, direct_owner, protection_until, matches,
                  settings_version, as_of, status, actor, reason, created_at, top_name, top_source, top_score, summary_code)",
    )
    .bind(ids)
    .bind(col(ds, |d| d.registration_id.as_str()))
    .bind(col(ds, |d| d.outcome.as_str()))
    .bind(col(ds, |d| d.rule.as_str()))
    .bind(col(ds, |d| d.summary.as_str()))
    .bind(col(ds, |d| d.lead.map(lead_str)))
    .bind(col(ds, |d| d.direct_owner.as_deref()))
    .bind(col(ds, |d| d.protection_until))
    .bind(&matches)
    .bind(col(ds, |d| d.settings_version))
    .bind(col(ds, |d| d.as_of))
    .bind(col(ds, |d| d.status.as_str()))
    .bind(col(ds, |d| d.actor.as_str()))
    .bind(col(ds, |d| d.reason.as_deref()))
    .bind(col(ds, |d| utc(d.created_at)))
    // The strongest match (evidence is strongest first), kept on the row for the queue.
    .bind(col(ds, |d| d.matches.first().map(|m| m.name.as_str())))
    .bind(col(ds, |d| d.matches.first().map(|m| m.source.as_str())))
    .bind(col(ds, |d| d.matches.first().map(|m| m.score)))
    .bind(col(ds, |d| d.summary_code.as_ref().and_then(|s| serde_json::to_string(s).ok())))
    .execute(&mut *conn)
    .await
    .map_err(query_err("storing decisions"))?;
    Ok(())
}

/// Points each registration at the last of its new decisions (`ids` in `ds`' order) and copies that
/// decision's queue columns; `first_decided_at` keeps the first time a person decided it (before this
/// batch, or the first such decision in it). One call of `dealgate_point` (migration 0002), which
/// reads the columns from the decisions' rows and checks each points forward.
pub(crate) async fn point_registrations(conn: &mut PgConnection, ds: &[&Decision], ids: &[i64]) -> Result<()> {
    let human = |d: &Decision| {
        matches!(d.status, DecisionStatus::Accepted | DecisionStatus::Overridden | DecisionStatus::Ruled)
    };
    let mut last: HashMap<&str, (i64, Option<DateTime<Utc>>)> = HashMap::with_capacity(ds.len());
    for (&d, &id) in ds.iter().zip(ids) {
        let at = human(d).then(|| utc(d.created_at));
        last.entry(d.registration_id.as_str()).and_modify(|e| *e = (id, e.1.or(at))).or_insert((id, at));
    }
    let n = last.len();
    let (mut rids, mut new_ids, mut ats) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
    for (rid, (id, at)) in last {
        rids.push(rid);
        new_ids.push(id);
        ats.push(at);
    }
    sqlx::query("SELECT dealgate_point($1::text[], $2::bigint[], $3::timestamptz[])")
        .bind(rids)
        .bind(new_ids)
        .bind(ats)
        .execute(&mut *conn)
        .await
        .map_err(query_err("pointing registrations at their decisions"))?;
    Ok(())
}
