//! Recording a batch of decisions (a check run) with their audit entries in one transaction.
//!
//! Written slice by slice as the decisions arrive (`record_decisions_streamed`): a `DecisionSlice::End` commits, a
//! stream closed without it rolls back; each slice is dropped once written and only the ids come back
//! (`decisions_by_ids` reads decisions back). Each slice's queue columns are set by one statement over a JSON array;
//! evidence JSON and the audit chain are rendered while SQLite works. A batch covering a quarter of the registrations
//! drops the queue indexes instead of updating them row by row, lists them in `pending_indexes` (migration `0006`) in
//! its transaction, and creates them again after the commit on its own connection, then checkpoints its WAL, in the
//! background. `Store::settle` waits for that, including the checkpoint (retried while another holds the log: a
//! process that exits with the log unfolded leaves the next start to replay it and read every page through it), and
//! opening a database creates any index still listed.

use super::audit_log::Chain;
use super::codec::*;
use super::decisions::lead_str;
use super::query_err;
use crate::DecisionSlice;
use crate::{Result, StoreError};
use dealgate_audit::NewEntry;
use dealgate_domain::{Decision, DecisionStatus};
use sqlx::sqlite::Sqlite;
use sqlx::{Connection, QueryBuilder, SqliteConnection, SqlitePool, Transaction};
use std::collections::HashMap;
use std::future::Future;
use tokio::sync::mpsc::Receiver;

/// Stores many decisions and their audit entries in one transaction: [`record_streamed`] with one
/// slice.
pub(crate) async fn record(pool: &SqlitePool, items: &[(Decision, NewEntry)]) -> Result<Vec<i64>> {
    write_all(pool, None, items).await
}

/// Stores decisions with their audit entries in one transaction, each only on top of the decision its
/// caller read (`supersedes`, 0 for none): checked after the write lock is taken, so a change that
/// raced this one is seen and nothing is written.
pub(crate) async fn record_checked(
    pool: &SqlitePool,
    supersedes: &[i64],
    items: &[(Decision, NewEntry)],
) -> Result<Vec<i64>> {
    if supersedes.len() != items.len() {
        let detail = format!("{} expected decisions for {} changes", supersedes.len(), items.len());
        return Err(StoreError::Query { doing: "checking what a change replaces", detail });
    }
    write_all(pool, Some(supersedes), items).await
}

/// One transaction writing `items`, after checking what they replace when `supersedes` is given.
async fn write_all(pool: &SqlitePool, supersedes: Option<&[i64]>, items: &[(Decision, NewEntry)]) -> Result<Vec<i64>> {
    on_big_write(pool, items.len(), async |conn| {
        let mut writer = Writer::begin(conn, items.len()).await?;
        if let Some(supersedes) = supersedes {
            expect_current(&mut writer.tx, supersedes, items).await?;
        }
        let ids = writer.write(items).await?;
        writer.finish().await?;
        Ok(ids)
    })
    .await
}

/// Fails with [`StoreError::Changed`] when a registration's current decision is not the one expected.
async fn expect_current(conn: &mut SqliteConnection, supersedes: &[i64], items: &[(Decision, NewEntry)]) -> Result<()> {
    let pairs: Vec<serde_json::Value> =
        items.iter().zip(supersedes).map(|((d, _), &id)| serde_json::json!([d.registration_id, id])).collect();
    let pairs = serde_json::Value::Array(pairs).to_string();
    /// A registration that moved on: its id, current decision id, and that decision's status and actor.
    type Moved = (String, Option<i64>, Option<String>, Option<String>);
    let moved: Option<Moved> = sqlx::query_as(
        "SELECT v.rid, r.decision_id, d.status, d.actor
           FROM (SELECT value ->> 0 AS rid, value ->> 1 AS expected FROM json_each(?)) AS v
           LEFT JOIN registrations r ON r.registration_id = v.rid
           LEFT JOIN decisions d ON d.id = r.decision_id
          WHERE COALESCE(r.decision_id, 0) != v.expected OR r.registration_id IS NULL
          LIMIT 1",
    )
    .bind(pairs)
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

/// Stores decisions arriving in slices as one transaction, each slice written while its sender decides
/// the next; commits once [`DecisionSlice::End`] arrives, and stores nothing when the stream closes
/// without it. Returns the new decision ids, in order. Each slice is dropped once written: a check of
/// 100,000 registrations holds the slices in flight, not every decision with its evidence (which
/// would be a gigabyte of memory the system has to hand out page by page).
pub(crate) async fn record_streamed(
    pool: &SqlitePool,
    expected: usize,
    mut slices: Receiver<DecisionSlice>,
) -> Result<Vec<i64>> {
    on_big_write(pool, expected, async |conn| {
        let mut writer = Writer::begin(conn, expected).await?;
        let mut stored = Vec::with_capacity(expected);
        loop {
            match slices.recv().await {
                Some(DecisionSlice::Items(items)) => {
                    stored.extend(writer.write(&items).await?);
                }
                Some(DecisionSlice::End) => break,
                // Dropping the writer rolls the transaction back.
                None => return Err(StoreError::Abandoned { received: stored.len() }),
            }
        }
        writer.finish().await?;
        Ok(stored)
    })
    .await
}

/// Runs `write` on a connection of its own. A large write's log is folded into the database file by a
/// checkpoint started after the commit, in the background, instead of by the committing statement
/// itself: the commit is as durable either way, and the caller does not wait for a copy of everything
/// it wrote.
async fn on_big_write<T>(
    pool: &SqlitePool,
    expected: usize,
    write: impl AsyncFnOnce(&mut SqliteConnection) -> Result<T>,
) -> Result<T> {
    let big = expected >= super::records::BIG_WRITE;
    let mut conn = pool.acquire().await.map_err(query_err("starting to store decisions"))?;
    if big {
        set_autocheckpoint(&mut conn, 0).await?;
    }
    let stored = write(&mut conn).await;
    if big {
        // A connection left without automatic checkpoints would let the log grow without bound.
        if set_autocheckpoint(&mut conn, 1000).await.is_err() {
            conn.close_on_drop();
        }
        let pool = pool.clone();
        tokio::spawn(async move {
            // On the connection that wrote, whose cache holds the registrations. Best effort: whatever
            // is left is created by `Store::settle` or the next open.
            let _ = create_pending_indexes(&mut conn).await;
            drop(conn);
            super::checkpoint(&pool).await
        });
    }
    stored
}

/// [`create_pending_indexes`] on a connection of the pool.
pub(crate) async fn create_pending_indexes_in(pool: &SqlitePool) -> Result<()> {
    let mut conn = pool.acquire().await.map_err(query_err("creating the queue indexes again"))?;
    create_pending_indexes(&mut conn).await
}

/// Creates the indexes listed in `pending_indexes` (dropped by a batch that has committed) in one
/// transaction, and empties the list. Those that exist already are skipped.
pub(crate) async fn create_pending_indexes(conn: &mut SqliteConnection) -> Result<()> {
    let err = query_err("creating the queue indexes again");
    // Nothing listed is the common case: answered without taking the write lock.
    let listed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pending_indexes").fetch_one(&mut *conn).await.map_err(&err)?;
    if listed == 0 {
        return Ok(());
    }
    let mut tx = conn.begin_with(super::BEGIN_WRITE).await.map_err(&err)?;
    let missing: Vec<String> = sqlx::query_scalar(
        "SELECT p.sql FROM pending_indexes p
          WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = p.name)
          ORDER BY p.name",
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(&err)?;
    for sql in missing {
        sqlx::query(&sql).execute(&mut *tx).await.map_err(&err)?;
    }
    sqlx::query("DELETE FROM pending_indexes").execute(&mut *tx).await.map_err(&err)?;
    tx.commit().await.map_err(&err)?;
    Ok(())
}

async fn set_autocheckpoint(conn: &mut SqliteConnection, pages: u32) -> Result<()> {
    sqlx::query(&format!("PRAGMA wal_autocheckpoint = {pages}"))
        .execute(&mut *conn)
        .await
        .map_err(query_err("setting the checkpoint interval"))?;
    Ok(())
}

/// One transaction storing decisions slice by slice. SQLite works on one thread per connection, so
/// each slice's CPU work runs on this one meanwhile: the decisions' evidence JSON is rendered while
/// the registrations' queue columns are set (one statement), and the audit entries are chained
/// (payloads and hashes need nothing from the database but the ids and the chain head) while the
/// decisions go in. Decisions and audit rows are multi-row inserts appended at the end of their tables.
struct Writer<'c> {
    tx: Transaction<'c, Sqlite>,
    chain: Chain,
    /// The next decision id to hand out.
    next: i64,
}

impl<'c> Writer<'c> {
    async fn begin(conn: &'c mut SqliteConnection, expected: usize) -> Result<Writer<'c>> {
        let mut tx = conn.begin_with(super::BEGIN_WRITE).await.map_err(query_err("starting to store decisions"))?;
        let chain = Chain::start(&mut tx).await?;
        // The write lock is held, so ids can be handed out here (past any ever used: AUTOINCREMENT).
        let next: i64 = sqlx::query_scalar(
            "SELECT MAX(COALESCE((SELECT MAX(id) FROM decisions), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'decisions'), 0)) + 1",
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(query_err("reading the next decision id"))?;
        drop_queue_indexes(&mut tx, expected).await?;
        Ok(Writer { tx, chain, next })
    }

    /// Writes one slice; returns its decision ids.
    async fn write(&mut self, items: &[(Decision, NewEntry)]) -> Result<Vec<i64>> {
        const ROWS: usize = 1500; // 18 parameters a row; SQLite allows 32766
        let ids: Vec<i64> = (self.next..self.next + items.len() as i64).collect();
        self.next += items.len() as i64;
        let (pointed, rows) = overlap(point_registrations(&mut self.tx, items, &ids), || {
            items
                .iter()
                .zip(&ids)
                .map(|((d, _), &id)| (Some(id), d, serde_json::to_string(&d.matches).unwrap_or_else(|_| "[]".into())))
                .collect::<Vec<(Option<i64>, &Decision, String)>>()
        })
        .await;
        pointed?;
        let entries: Vec<&NewEntry> = items.iter().map(|(_, audit)| audit).collect();
        let tx = &mut self.tx;
        let insert = async move {
            for chunk in rows.chunks(ROWS) {
                insert_decisions(tx, chunk).await?;
            }
            Ok::<_, StoreError>(())
        };
        let (inserted, audit) = overlap(insert, || self.chain.seal_stamped(&entries, "decision_id", &ids)).await;
        inserted?;
        audit.insert(&mut self.tx).await?;
        Ok(ids)
    }

    /// Writes the audit head and commits.
    async fn finish(mut self) -> Result<()> {
        self.chain.finish(&mut self.tx).await?;
        self.tx.commit().await.map_err(query_err("committing decisions"))?;
        Ok(())
    }
}

/// Inserts decisions with their evidence JSON in one multi-row statement, each with the id given or,
/// for `None`, the next one SQLite hands out.
pub(crate) async fn insert_decisions(
    conn: &mut SqliteConnection,
    rows: &[(Option<i64>, &Decision, String)],
) -> Result<()> {
    let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
        "INSERT INTO decisions (id, registration_id, outcome, rule, summary, lead, direct_owner, protection_until, matches,
            settings_version, as_of, status, actor, reason, created_at, top_name, top_source, top_score, summary_code) ",
    );
    qb.push_values(rows, |mut b, (id, d, matches)| {
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
            // The strongest match (evidence is strongest first), kept on the row for the queue.
            .push_bind(d.matches.first().map(|m| m.name.as_str()))
            .push_bind(d.matches.first().map(|m| m.source.as_str()))
            .push_bind(d.matches.first().map(|m| m.score))
            .push_bind(d.summary_code.as_ref().and_then(|s| serde_json::to_string(s).ok()));
    });
    qb.build().execute(&mut *conn).await.map_err(query_err("storing decisions"))?;
    Ok(())
}

/// Runs `cpu` on this thread while SQLite runs `io` on its connection's own thread: `io` is polled
/// first, which hands its statement to that thread, and is awaited after `cpu` returns.
async fn overlap<R, T>(io: impl Future<Output = R>, cpu: impl FnOnce() -> T) -> (R, T) {
    futures_util::future::join(io, async move { cpu() }).await
}

/// Columns of `registrations` that [`point_registrations`] sets.
const QUEUE_COLUMNS: &str = "'decision_id', 'q_outcome', 'q_status', 'q_score', 'q_until', 'first_decided_at'";

/// When a batch sets the queue columns of at least a quarter of the registrations, drops the indexes
/// over those columns and lists them, as the schema defines them, in `pending_indexes`, from which
/// [`create_pending_indexes`] creates them after the commit. Creating an index is one sort; updating it
/// row by row is a delete and an insert at random places per row, which for 100,000 rows costs twice
/// as much. Doing it after the commit gives the decisions to their readers that much sooner; the queue
/// reads right without its indexes meanwhile, only slower, and a process stopped before it is done
/// leaves the list for the next open.
async fn drop_queue_indexes(conn: &mut SqliteConnection, batch: usize) -> Result<()> {
    let err = query_err("preparing the queue indexes");
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM registrations").fetch_one(&mut *conn).await.map_err(&err)?;
    if !super::indexes::worth_setting_aside(batch, total.max(0) as usize) {
        return Ok(());
    }
    for (name, sql) in super::indexes::created_indexes(conn, "registrations", Some(QUEUE_COLUMNS)).await? {
        sqlx::query("INSERT OR REPLACE INTO pending_indexes (name, sql) VALUES (?, ?)")
            .bind(&name)
            .bind(&sql)
            .execute(&mut *conn)
            .await
            .map_err(&err)?;
        super::indexes::drop_index(conn, &name).await?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SqliteStore, Store};

    async fn queue_indexes(store: &SqliteStore) -> Vec<String> {
        sqlx::query_scalar(&format!(
            "SELECT DISTINCT m.name FROM sqlite_master m, pragma_index_info(m.name) i
              WHERE m.type = 'index' AND m.tbl_name = 'registrations' AND i.name IN ({QUEUE_COLUMNS}) ORDER BY m.name"
        ))
        .fetch_all(&store.pool)
        .await
        .expect("index names")
    }

    async fn pending(store: &SqliteStore) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM pending_indexes").fetch_one(&store.pool).await.expect("count")
    }

    /// What a large batch does to the queue indexes up to its commit.
    async fn drop_as_a_large_batch(store: &SqliteStore) {
        let mut conn = store.pool.acquire().await.expect("connection");
        let mut tx = conn.begin_with(crate::sqlite::BEGIN_WRITE).await.expect("begin");
        drop_queue_indexes(&mut tx, crate::sqlite::records::BIG_WRITE).await.expect("drop");
        tx.commit().await.expect("commit");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn queue_indexes_a_large_batch_dropped_come_back_and_its_log_is_folded_when_settled_or_at_the_next_open() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("dealgate.db");
        let store = SqliteStore::open(&path).await.expect("open");
        let schema = queue_indexes(&store).await;
        assert!(schema.len() >= 5, "the schema's queue indexes: {schema:?}");

        drop_as_a_large_batch(&store).await;
        assert_eq!(queue_indexes(&store).await, Vec::<String>::new(), "dropped for the batch");
        assert_eq!(pending(&store).await, schema.len() as i64, "and listed to come back");
        let log = || std::fs::metadata(dir.path().join("dealgate.db-wal")).map_or(0, |m| m.len());
        assert!(log() > 0, "the batch's writes are in the log");
        store.settle().await.expect("settle");
        assert_eq!(log(), 0, "settled: the log is folded into the database file");
        assert_eq!(queue_indexes(&store).await, schema, "back, as the schema defines them");
        assert_eq!(pending(&store).await, 0);
        store.settle().await.expect("settling with nothing left does nothing");

        // The process stops between the batch's commit and the indexes' return: the next open brings them back.
        drop_as_a_large_batch(&store).await;
        store.close().await;
        let reopened = SqliteStore::open(&path).await.expect("open again");
        assert_eq!(queue_indexes(&reopened).await, schema);
        assert_eq!(pending(&reopened).await, 0);
    }
}
