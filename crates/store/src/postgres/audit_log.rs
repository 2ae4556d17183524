//! Appending to and reading the hash-chained audit log, inside the caller's transaction. Every write
//! transaction takes the chain lock before reading the head, so concurrent writers append one after
//! another and the chain stays one line.
//!
//! The lock (`lock`, an advisory lock) also makes decision ids and import ids advance in commit order.

use super::query_err;
use crate::{AuditFilter, AuditQuery, Page, Result, StoreError};
use dealgate_audit::{now_at, AuditEntry, HashInput, NewEntry, GENESIS_HASH};
use sqlx::postgres::{PgConnection, PgPool, PgRow, Postgres};
use sqlx::{QueryBuilder, Row};

/// Key of the transaction-level advisory lock every write transaction holds (ASCII "dealgate").
const CHAIN_LOCK: i64 = 0x6465_616c_6761_7465;

/// Takes the chain lock for the rest of the transaction: write transactions run one at a time from
/// here on, so the audit head, decision ids and import ids advance in commit order.
pub(crate) async fn lock(conn: &mut PgConnection) -> Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(CHAIN_LOCK)
        .execute(&mut *conn)
        .await
        .map_err(query_err("waiting for the audit chain"))?;
    Ok(())
}

/// The audit head as read at the start of a transaction (under the chain lock), advanced by each append.
pub(crate) struct Chain {
    head: Option<(i64, String)>,
}

impl Chain {
    /// Takes the chain lock and reads the head anchor.
    pub(crate) async fn start(conn: &mut PgConnection) -> Result<Chain> {
        lock(conn).await?;
        let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await
            .map_err(query_err("reading the audit head"))?;
        Ok(Chain { head: row.map(|r| (r.get::<i64, _>(0), r.get::<String, _>(1))) })
    }

    /// Chains and inserts one entry.
    pub(crate) async fn append(&mut self, conn: &mut PgConnection, e: NewEntry) -> Result<()> {
        let entry = AuditEntry::chain_after(self.head.as_ref().map(|(s, h)| (*s, h.as_str())), now_at(), e);
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, action, subject, region, partner, outcome, rule, payload, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(entry.seq)
        .bind(&entry.at)
        .bind(&entry.actor)
        .bind(&entry.action)
        .bind(&entry.subject)
        .bind(&entry.region)
        .bind(&entry.partner)
        .bind(&entry.outcome)
        .bind(&entry.rule)
        .bind(entry.payload.to_string())
        .bind(&entry.prev_hash)
        .bind(&entry.hash)
        .execute(&mut *conn)
        .await
        .map_err(query_err("writing an audit entry"))?;
        self.head = Some((entry.seq, entry.hash));
        Ok(())
    }

    /// Chains many entries, each payload stamped with `key` = its id from `ids` (as [`stamp`] does),
    /// and inserts them with one statement over arrays.
    pub(crate) async fn append_stamped(
        &mut self,
        conn: &mut PgConnection,
        entries: &[&NewEntry],
        key: &str,
        ids: &[i64],
    ) -> Result<()> {
        let at = now_at();
        let payloads: Vec<String> =
            entries.iter().zip(ids).map(|(e, &id)| e.payload.canonical_with(key, &id.into())).collect();
        let (mut seq, mut prev) = self.head.take().unwrap_or((0, GENESIS_HASH.to_string()));
        let (mut seqs, mut prevs, mut hashes) = (Vec::new(), Vec::new(), Vec::new());
        for (e, payload) in entries.iter().zip(&payloads) {
            seq += 1;
            let hash = HashInput {
                seq,
                prev_hash: &prev,
                at: &at,
                actor: &e.actor,
                action: &e.action,
                subject: &e.subject,
                region: e.region.as_deref(),
                partner: e.partner.as_deref(),
                outcome: e.outcome.as_deref(),
                rule: e.rule.as_deref(),
                payload,
            }
            .hash();
            seqs.push(seq);
            hashes.push(hash.clone());
            prevs.push(std::mem::replace(&mut prev, hash));
        }
        self.head = Some((seq, prev));
        let col = |f: fn(&NewEntry) -> Option<&str>| entries.iter().map(|e| f(e)).collect::<Vec<Option<&str>>>();
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, action, subject, region, partner, outcome, rule, payload, prev_hash, hash)
             SELECT seq, $2, actor, action, subject, region, partner, outcome, rule, payload, prev_hash, hash
               FROM UNNEST($1::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                           $9::text[], $10::text[], $11::text[], $12::text[])
                    AS t(seq, actor, action, subject, region, partner, outcome, rule, payload, prev_hash, hash)",
        )
        .bind(&seqs)
        .bind(&at)
        .bind(col(|e| Some(e.actor.as_str())))
        .bind(col(|e| Some(e.action.as_str())))
        .bind(col(|e| Some(e.subject.as_str())))
        .bind(col(|e| e.region.as_deref()))
        .bind(col(|e| e.partner.as_deref()))
        .bind(col(|e| e.outcome.as_deref()))
        .bind(col(|e| e.rule.as_deref()))
        .bind(&payloads)
        .bind(&prevs)
        .bind(&hashes)
        .execute(&mut *conn)
        .await
        .map_err(query_err("writing audit entries"))?;
        Ok(())
    }

    /// Ends the transaction's appends. The head anchor has moved with each entry already: the
    /// `audit_log` insert trigger (migration 0002) checks that an entry continues the chain and writes
    /// the head, so a login without rights on `audit_head` appends all the same.
    pub(crate) fn finish(self) {}
}

pub(crate) const ENTRY_COLUMNS: &str =
    "seq, at, actor, action, subject, region, partner, outcome, rule, payload, prev_hash, hash";

pub(crate) fn from_row(r: PgRow) -> Result<AuditEntry> {
    let payload: String = r.get(9);
    Ok(AuditEntry {
        seq: r.get(0),
        at: r.get(1),
        actor: r.get(2),
        action: r.get(3),
        subject: r.get(4),
        region: r.get(5),
        partner: r.get(6),
        outcome: r.get(7),
        rule: r.get(8),
        payload: serde_json::from_str(&payload)
            .map_err(|_| StoreError::Corrupt { what: "audit payload", value: payload.clone() })?,
        prev_hash: r.get(10),
        hash: r.get(11),
    })
}

/// Audit entries matching the filter, in seq order.
pub(crate) async fn entries(pool: &PgPool, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let mut qb: QueryBuilder<Postgres> =
        QueryBuilder::new(format!("SELECT {ENTRY_COLUMNS} FROM audit_log WHERE 1 = 1"));
    let mut cond = |clause: &str, v: Option<String>| {
        if let Some(v) = v {
            qb.push(clause).push_bind(v);
        }
    };
    cond(" AND at >= ", f.from.clone());
    // A bare date as `to` includes that whole day.
    cond(" AND at <= ", f.to.as_ref().map(|t| if t.len() == 10 { format!("{t}T23:59:59Z") } else { t.clone() }));
    cond(" AND region = ", f.region.clone());
    cond(" AND partner = ", f.partner.clone());
    cond(" AND outcome = ", f.outcome.clone());
    cond(" AND action = ", f.action.clone());
    qb.push(" ORDER BY seq");
    let rows = qb.build().fetch_all(pool).await.map_err(query_err("reading the audit log"))?;
    rows.into_iter().map(from_row).collect()
}

/// The filter of an audit page, pushed onto `qb`.
fn page_filter(qb: &mut QueryBuilder<'_, Postgres>, q: &AuditQuery) {
    qb.push(" WHERE 1 = 1");
    if let Some(s) = q.search.as_ref().filter(|s| !s.trim().is_empty()) {
        let p = super::queue::contains_pattern(s);
        qb.push(" AND (subject ILIKE ").push_bind(p.clone());
        qb.push(" OR actor ILIKE ").push_bind(p.clone());
        qb.push(" OR action ILIKE ").push_bind(p.clone());
        qb.push(" OR payload ILIKE ").push_bind(p).push(")");
    }
    let mut exact = |clause: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            qb.push(clause).push_bind(v);
        }
    };
    exact(" AND action = ", q.action.clone());
    exact(" AND actor = ", q.actor.clone());
    exact(" AND subject = ", q.registration_id.clone());
    exact(" AND at >= ", q.from.map(|d| d.format("%Y-%m-%d").to_string()));
    // Entries are stamped `YYYY-MM-DDTHH:MM:SSZ`; all of one day sort below `YYYY-MM-DDU`.
    exact(" AND at < ", q.to.map(|d| d.format("%Y-%m-%dU").to_string()));
}

/// A page of entries matching the query, newest first, and how many match in all (a limit of 0: all).
pub(crate) async fn page(pool: &PgPool, q: &AuditQuery) -> Result<Page<AuditEntry>> {
    let mut count: QueryBuilder<Postgres> = QueryBuilder::new("SELECT COUNT(*) FROM audit_log");
    page_filter(&mut count, q);
    let total: i64 = count.build().fetch_one(pool).await.map_err(query_err("counting audit entries"))?.get(0);
    let mut rows: QueryBuilder<Postgres> = QueryBuilder::new(format!("SELECT {ENTRY_COLUMNS} FROM audit_log"));
    page_filter(&mut rows, q);
    rows.push(" ORDER BY seq DESC");
    if q.limit > 0 {
        rows.push(" LIMIT ").push_bind(q.limit);
    }
    rows.push(" OFFSET ").push_bind(q.offset.max(0));
    let rows = rows
        .build()
        .fetch_all(pool)
        .await
        .map_err(query_err("reading the audit log"))?
        .into_iter()
        .map(from_row)
        .collect::<Result<Vec<_>>>()?;
    Ok(Page { total, rows })
}

/// The head anchor.
pub(crate) async fn head(pool: &PgPool) -> Result<Option<(i64, String)>> {
    let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_optional(pool)
        .await
        .map_err(query_err("reading the audit head"))?;
    Ok(row.map(|r| (r.get(0), r.get(1))))
}

/// Records in an entry's payload the id of what the change created (`decision_id`, `dispute_id`...).
pub(crate) fn stamp(mut e: NewEntry, key: &str, id: i64) -> NewEntry {
    e.payload.insert(key, id.into());
    e
}

/// Chains one entry and moves the head anchor, inside the caller's transaction.
pub(crate) async fn append_one(conn: &mut PgConnection, e: NewEntry) -> Result<()> {
    let mut chain = Chain::start(conn).await?;
    chain.append(conn, e).await?;
    chain.finish();
    Ok(())
}

/// Appends one entry in a transaction of its own.
pub(crate) async fn append_only(pool: &PgPool, e: NewEntry) -> Result<()> {
    let mut tx = pool.begin().await.map_err(query_err("writing an audit entry"))?;
    append_one(&mut tx, e).await?;
    tx.commit().await.map_err(query_err("writing an audit entry"))
}
