//! Secondary indexes set aside during large writes: dropped before the rows go in and created again
//! after, which is one sort per index instead of an insert at a random place per row and index.
//!
//! A large write is 10,000 rows or more (`BIG_WRITE`) and at least a quarter of the table; the schema-made indexes are
//! set aside and created again by one sort each. An import does both inside its transaction, a batch of decisions
//! after its commit (`batch.rs`).

use super::query_err;
use crate::Result;
use sqlx::SqliteConnection;

/// Whether a write of `rows` rows into a table that then holds `total` rows is cheaper with the
/// table's indexes set aside: it is large, and at least a quarter of the table (creating an index sorts
/// every row of the table; updating it costs about twice that per row written).
pub(crate) fn worth_setting_aside(rows: usize, total: usize) -> bool {
    rows >= super::records::BIG_WRITE && rows.saturating_mul(4) >= total
}

/// The indexes the schema created on `table` (not those SQLite makes for its keys, which conflicts
/// are checked against), as (name, SQL), by name. With `columns` (an SQL list of quoted column names),
/// only those over at least one of them.
pub(crate) async fn created_indexes(
    conn: &mut SqliteConnection,
    table: &str,
    columns: Option<&str>,
) -> Result<Vec<(String, String)>> {
    let over = columns.map_or(String::new(), |c| format!("AND i.name IN ({c})"));
    sqlx::query_as(&format!(
        "SELECT DISTINCT m.name, m.sql FROM sqlite_master m, pragma_index_info(m.name) i
          WHERE m.type = 'index' AND m.tbl_name = ? AND m.sql IS NOT NULL {over}
          ORDER BY m.name"
    ))
    .bind(table)
    .fetch_all(&mut *conn)
    .await
    .map_err(query_err("listing the table's indexes"))
}

pub(crate) async fn drop_index(conn: &mut SqliteConnection, name: &str) -> Result<()> {
    sqlx::query(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))
        .execute(&mut *conn)
        .await
        .map_err(query_err("setting an index aside"))?;
    Ok(())
}

/// Drops every index the schema created on `table` and returns them for [`restore`]. Called inside
/// the write's transaction, so a write that fails leaves them as they were.
pub(crate) async fn set_aside(conn: &mut SqliteConnection, table: &str) -> Result<Vec<(String, String)>> {
    let indexes = created_indexes(conn, table, None).await?;
    for (name, _) in &indexes {
        drop_index(conn, name).await?;
    }
    Ok(indexes)
}

/// Creates again the indexes [`set_aside`] dropped.
pub(crate) async fn restore(conn: &mut SqliteConnection, indexes: &[(String, String)]) -> Result<()> {
    for (_, sql) in indexes {
        sqlx::query(sql).execute(&mut *conn).await.map_err(query_err("creating an index again"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ImportLog, SqliteStore, Store};
    use dealgate_audit::NewEntry;
    use dealgate_domain::{PartnerTier, Registration};
    use sqlx::Connection;

    fn registration(i: usize) -> Registration {
        Registration {
            registration_id: format!("报备-{i:06}"),
            partner: ["西安砺行渠道科技有限公司", "南京墨羽信息系统有限公司"][i % 2].into(),
            partner_tier: PartnerTier::Gold,
            submitted_at: chrono::NaiveDate::from_ymd_opt(2026, 3, 1 + (i % 28) as u32)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("date"),
            customer_name: format!("杭州云帆第{}数据科技有限公司", i % 500),
            uscc: None,
            website: None,
            contact_name: None,
            contact_phone: None,
            contact_email: None,
            region: Some(["华东", "华南", "西南"][i % 3].into()),
            product: None,
            amount: None,
            expected_close: None,
            warnings: Vec::new(),
        }
    }

    async fn import(store: &SqliteStore, rows: &[Registration]) {
        let log = ImportLog {
            file: "报备.csv".into(),
            rows_read: rows.len(),
            rejected: 0,
            warnings: 0,
            actor: "王丽娜".into(),
        };
        store.import_registrations(rows, log, NewEntry::new("王丽娜", "import", "报备.csv")).await.expect("import");
    }

    async fn indexes(store: &SqliteStore) -> Vec<(String, String)> {
        let mut conn = store.pool.acquire().await.expect("connection");
        created_indexes(&mut conn, "registrations", None).await.expect("indexes")
    }

    #[tokio::test]
    async fn after_a_large_import_the_indexes_are_as_the_schema_defines_them_and_hold_every_row() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let store = SqliteStore::open(&dir.path().join("dealgate.db")).await.expect("open");
        let schema = indexes(&store).await;
        assert!(schema.iter().any(|(n, _)| n == "registrations_customer"), "the schema's indexes: {schema:?}");
        import(&store, &[registration(0)]).await;

        // Large, and more than a quarter of what the table then holds: set aside.
        let n = crate::sqlite::records::BIG_WRITE;
        assert!(
            worth_setting_aside(n, n + 1) && !worth_setting_aside(n - 1, n - 1) && !worth_setting_aside(n, 4 * n + 1)
        );
        let rows: Vec<Registration> = (1..=n).map(registration).collect();
        import(&store, &rows).await;
        assert_eq!(indexes(&store).await, schema, "back, as the schema defines them");

        // The index created again holds the rows imported while it was away.
        let customer = "杭州云帆第7数据科技有限公司";
        let through_index: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM registrations INDEXED BY registrations_customer WHERE customer_name = ?",
        )
        .bind(customer)
        .fetch_one(&store.pool)
        .await
        .expect("count through the index");
        let expected = (0..=n).filter(|&i| registration(i).customer_name == customer).count() as i64;
        assert_eq!(through_index, expected);
        let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&store.pool).await.expect("check");
        assert_eq!(check, "ok");

        // Set aside inside a transaction that does not commit: nothing was dropped.
        let mut conn = store.pool.acquire().await.expect("connection");
        let mut tx = conn.begin().await.expect("begin");
        assert_eq!(set_aside(&mut tx, "registrations").await.expect("set aside"), schema);
        tx.rollback().await.expect("rollback");
        drop(conn);
        assert_eq!(indexes(&store).await, schema);
    }
}
