//! Appending to and reading the hash-chained audit log, inside the caller's transaction.

use super::query_err;
use super::queue::contains_pattern;
use crate::{AuditFilter, AuditQuery, Page, Result, StoreError};
use dealgate_audit::{now_at, AuditEntry, HashInput, NewEntry, GENESIS_HASH};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection, SqlitePool};

/// The audit head as read at the start of a transaction, advanced by each append.
pub(crate) struct Chain {
    head: Option<(i64, String)>,
}

impl Chain {
    /// Reads the head anchor inside the transaction.
    pub(crate) async fn start(conn: &mut SqliteConnection) -> Result<Chain> {
        let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await
            .map_err(query_err("reading the audit head"))?;
        Ok(Chain { head: row.map(|r| (r.get::<i64, _>(0), r.get::<String, _>(1))) })
    }

    /// Chains and inserts one entry.
    pub(crate) async fn append(&mut self, conn: &mut SqliteConnection, e: NewEntry) -> Result<()> {
        let entry = AuditEntry::chain_after(self.head.as_ref().map(|(s, h)| (*s, h.as_str())), now_at(), e);
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, action, subject, region, partner, outcome, rule, payload, prev_hash, hash)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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

    /// Chains many entries (the bulk path of a check run), each payload stamped with `key` = its id
    /// from `ids` as [`stamp`] does, and advances the head; [`Sealed::insert`] then writes them.
    /// Payloads are rendered as canonical JSON and hashed in chain order; the stored text is that same
    /// rendering. Touches no database, so it can run while SQLite does other work. On this thread: a
    /// check streams its slices here while the thread pool is busy deciding the next ones.
    pub(crate) fn seal_stamped<'a>(&mut self, entries: &[&'a NewEntry], key: &str, ids: &[i64]) -> Sealed<'a> {
        let at = now_at();
        let payloads: Vec<String> =
            entries.iter().zip(ids).map(|(e, &id)| e.payload.canonical_with(key, &id.into())).collect();
        let (mut seq, mut prev) = self.head.take().unwrap_or((0, GENESIS_HASH.to_string()));
        let first = seq + 1;
        // hashes[i] is entry i's prev_hash and hashes[i + 1] its hash.
        let mut hashes = Vec::with_capacity(entries.len() + 1);
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
            hashes.push(std::mem::replace(&mut prev, hash));
        }
        self.head = Some((seq, prev.clone()));
        hashes.push(prev);
        Sealed { first, at, entries: entries.to_vec(), payloads, hashes }
    }

    /// Writes the head anchor; call once before committing.
    pub(crate) async fn finish(self, conn: &mut SqliteConnection) -> Result<()> {
        if let Some((seq, hash)) = self.head {
            sqlx::query("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash")
                .bind(seq)
                .bind(hash)
                .execute(&mut *conn)
                .await
                .map_err(query_err("writing the audit head"))?;
        }
        Ok(())
    }
}

/// Entries chained by [`Chain::seal_stamped`], waiting to be inserted.
pub(crate) struct Sealed<'a> {
    first: i64,
    at: String,
    entries: Vec<&'a NewEntry>,
    payloads: Vec<String>,
    hashes: Vec<String>,
}

impl Sealed<'_> {
    /// Inserts the entries with multi-row statements, inside the transaction whose chain sealed them.
    pub(crate) async fn insert(&self, conn: &mut SqliteConnection) -> Result<()> {
        const ROWS: usize = 2000; // 12 parameters a row; SQLite allows 32766
        let rows: Vec<(usize, &NewEntry)> = self.entries.iter().copied().enumerate().collect();
        for chunk in rows.chunks(ROWS) {
            let mut qb: sqlx::QueryBuilder<sqlx::Sqlite> = sqlx::QueryBuilder::new(
                "INSERT INTO audit_log (seq, at, actor, action, subject, region, partner, outcome, rule, payload, prev_hash, hash) ",
            );
            qb.push_values(chunk, |mut b, &(i, e)| {
                b.push_bind(self.first + i as i64)
                    .push_bind(&self.at)
                    .push_bind(&e.actor)
                    .push_bind(&e.action)
                    .push_bind(&e.subject)
                    .push_bind(&e.region)
                    .push_bind(&e.partner)
                    .push_bind(&e.outcome)
                    .push_bind(&e.rule)
                    .push_bind(&self.payloads[i])
                    .push_bind(&self.hashes[i])
                    .push_bind(&self.hashes[i + 1]);
            });
            qb.build().execute(&mut *conn).await.map_err(query_err("writing audit entries"))?;
        }
        Ok(())
    }
}

/// Audit entries matching the filter, in seq order.
pub(crate) async fn entries(pool: &SqlitePool, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let mut sql = String::from(
        "SELECT seq, at, actor, action, subject, region, partner, outcome, rule, payload, prev_hash, hash FROM audit_log WHERE 1 = 1",
    );
    let mut binds: Vec<String> = Vec::new();
    let mut cond = |clause: &str, v: &Option<String>| {
        if let Some(v) = v {
            sql.push_str(clause);
            binds.push(v.clone());
        }
    };
    cond(" AND at >= ?", &f.from);
    // A bare date as `to` includes that whole day.
    let to = f.to.as_ref().map(|t| if t.len() == 10 { format!("{t}T23:59:59Z") } else { t.clone() });
    cond(" AND at <= ?", &to);
    cond(" AND region = ?", &f.region);
    cond(" AND partner = ?", &f.partner);
    cond(" AND outcome = ?", &f.outcome);
    cond(" AND action = ?", &f.action);
    sql.push_str(" ORDER BY seq");
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b);
    }
    let rows = q.fetch_all(pool).await.map_err(query_err("reading the audit log"))?;
    rows.into_iter().map(from_row).collect()
}

pub(crate) const ENTRY_COLUMNS: &str =
    "seq, at, actor, action, subject, region, partner, outcome, rule, payload, prev_hash, hash";

pub(crate) fn from_row(r: SqliteRow) -> Result<AuditEntry> {
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

/// A page of entries matching the query, newest first, and how many match in all (a limit of 0: all).
pub(crate) async fn page(pool: &SqlitePool, q: &AuditQuery) -> Result<Page<AuditEntry>> {
    let mut filter = String::from(" WHERE 1 = 1");
    let mut binds: Vec<String> = Vec::new();
    if let Some(s) = q.search.as_ref().filter(|s| !s.trim().is_empty()) {
        filter.push_str(
            " AND (subject LIKE ? ESCAPE '\\' OR actor LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR payload LIKE ? ESCAPE '\\')",
        );
        let p = contains_pattern(s);
        binds.extend([p.clone(), p.clone(), p.clone(), p]);
    }
    let mut exact = |clause: &str, v: &Option<String>| {
        if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
            filter.push_str(clause);
            binds.push(v.clone());
        }
    };
    exact(" AND action = ?", &q.action);
    exact(" AND actor = ?", &q.actor);
    exact(" AND subject = ?", &q.registration_id);
    exact(" AND at >= ?", &q.from.map(|d| d.format("%Y-%m-%d").to_string()));
    // Entries are stamped `YYYY-MM-DDTHH:MM:SSZ`; all of one day sort below `YYYY-MM-DDU`.
    exact(" AND at < ?", &q.to.map(|d| d.format("%Y-%m-%dU").to_string()));
    let count_sql = format!("SELECT COUNT(*) FROM audit_log{filter}");
    let mut count = sqlx::query(&count_sql);
    for b in &binds {
        count = count.bind(b);
    }
    let total: i64 = count.fetch_one(pool).await.map_err(query_err("counting audit entries"))?.get(0);
    let limit = if q.limit <= 0 { -1 } else { q.limit };
    let rows_sql = format!("SELECT {ENTRY_COLUMNS} FROM audit_log{filter} ORDER BY seq DESC LIMIT ? OFFSET ?");
    let mut rows = sqlx::query(&rows_sql);
    for b in &binds {
        rows = rows.bind(b);
    }
    let rows = rows
        .bind(limit)
        .bind(q.offset.max(0))
        .fetch_all(pool)
        .await
        .map_err(query_err("reading the audit log"))?
        .into_iter()
        .map(from_row)
        .collect::<Result<Vec<_>>>()?;
    Ok(Page { total, rows })
}

/// The head anchor.
pub(crate) async fn head(pool: &SqlitePool) -> Result<Option<(i64, String)>> {
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
pub(crate) async fn append_one(conn: &mut SqliteConnection, e: NewEntry) -> Result<()> {
    let mut chain = Chain::start(conn).await?;
    chain.append(conn, e).await?;
    chain.finish(conn).await
}

/// Appends one entry in a transaction of its own.
pub(crate) async fn append_only(pool: &SqlitePool, e: NewEntry) -> Result<()> {
    let mut tx = pool.begin_with(super::BEGIN_WRITE).await.map_err(query_err("writing an audit entry"))?;
    append_one(&mut tx, e).await?;
    tx.commit().await.map_err(query_err("writing an audit entry"))
}
