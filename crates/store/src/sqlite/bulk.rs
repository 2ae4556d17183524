//! Bulk reads for index builds: a read-only connection of their own on a blocking thread, stepping the
//! statement directly and sending rows in chunks. Through sqlx, every row crossed threads on its own
//! (a wake-up and a copy of each value), which made reading a million follow-ups cost ~9 µs a row.
//!
//! The scans (`scan_*`) feed the index build; one mapper per record kind (`Columns`) serves sqlx rows and these.
//! `registrations_by_ids` reads a check's selection in one statement through this reader, and a cold start reads every
//! decision's standing through it too, while the index is built.

use crate::{Result, StoreError};
use libsqlite3_sys as ffi;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use std::ffi::{c_int, CStr, CString};
use std::path::Path;
use std::ptr;
use tokio::sync::mpsc::Sender;

/// Column access shared by sqlx rows and the bulk reader's rows, so one mapper serves both.
pub(crate) trait Columns {
    /// Text of column `i`, `None` when NULL.
    fn text(&self, i: usize) -> Option<&str>;
    /// Number in column `i`, `None` when NULL.
    fn real(&self, i: usize) -> Option<f64>;
    /// Integer in column `i`, `None` when NULL.
    fn int(&self, i: usize) -> Option<i64>;

    /// Text of a NOT NULL column.
    fn string(&self, i: usize) -> String {
        self.text(i).unwrap_or_default().to_string()
    }

    /// Text of a nullable column.
    fn opt(&self, i: usize) -> Option<String> {
        self.text(i).map(String::from)
    }
}

impl Columns for SqliteRow {
    fn text(&self, i: usize) -> Option<&str> {
        self.try_get::<Option<&str>, _>(i).ok().flatten()
    }

    fn real(&self, i: usize) -> Option<f64> {
        self.try_get::<Option<f64>, _>(i).ok().flatten()
    }

    fn int(&self, i: usize) -> Option<i64> {
        self.try_get::<Option<i64>, _>(i).ok().flatten()
    }
}

/// The current row of a statement being stepped.
pub(crate) struct RawRow {
    stmt: *mut ffi::sqlite3_stmt,
}

impl Columns for RawRow {
    fn text(&self, i: usize) -> Option<&str> {
        // SAFETY: `stmt` is a live statement positioned on a row (see `Connection::scan`); the text stays
        // valid until the next step, and `&self` cannot outlive the step that produced this row.
        unsafe {
            let p = ffi::sqlite3_column_text(self.stmt, i as c_int);
            if p.is_null() {
                return None;
            }
            let n = ffi::sqlite3_column_bytes(self.stmt, i as c_int);
            std::str::from_utf8(std::slice::from_raw_parts(p, n as usize)).ok()
        }
    }

    fn real(&self, i: usize) -> Option<f64> {
        // SAFETY: as in `text`.
        unsafe {
            (ffi::sqlite3_column_type(self.stmt, i as c_int) != ffi::SQLITE_NULL)
                .then(|| ffi::sqlite3_column_double(self.stmt, i as c_int))
        }
    }

    fn int(&self, i: usize) -> Option<i64> {
        // SAFETY: as in `text`.
        unsafe {
            (ffi::sqlite3_column_type(self.stmt, i as c_int) != ffi::SQLITE_NULL)
                .then(|| ffi::sqlite3_column_int64(self.stmt, i as c_int))
        }
    }
}

/// A read-only connection owned by one thread.
struct Connection(*mut ffi::sqlite3);

impl Drop for Connection {
    fn drop(&mut self) {
        // SAFETY: the handle came from `sqlite3_open_v2` and its statements are finalised.
        unsafe { ffi::sqlite3_close(self.0) };
    }
}

fn error(doing: &'static str, db: *mut ffi::sqlite3) -> StoreError {
    // SAFETY: `db` is a handle from `sqlite3_open_v2` (possibly failed, which still reports a message).
    let detail = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(db)) }.to_string_lossy().into_owned();
    StoreError::Query { doing, detail }
}

impl Connection {
    fn open(path: &Path, doing: &'static str) -> Result<Connection> {
        // SQLite takes the file name as UTF-8 (as sqlx, which opened this file first, requires too).
        let unusable =
            |why: &str| StoreError::Query { doing, detail: format!("database path {}: {why}", path.display()) };
        let name = path.to_str().ok_or_else(|| unusable("not valid UTF-8"))?;
        let name = CString::new(name).map_err(|_| unusable("contains a NUL byte"))?;
        let mut db = ptr::null_mut();
        // Read-only, and without SQLite's lock around each call: one thread uses the connection.
        let flags = ffi::SQLITE_OPEN_READONLY | ffi::SQLITE_OPEN_NOMUTEX;
        // SAFETY: `name` is a valid C string and `db` receives the handle (closed by `Connection`).
        let rc = unsafe { ffi::sqlite3_open_v2(name.as_ptr(), &mut db, flags, ptr::null()) };
        let conn = Connection(db);
        if rc != ffi::SQLITE_OK {
            return Err(error(doing, db));
        }
        // SAFETY: `db` is open.
        unsafe { ffi::sqlite3_busy_timeout(db, 10_000) };
        // Pages read through a memory map rather than copied into a page cache: a scan reads each page
        // once, and the cache's copies cost a first touch of fresh memory.
        let pragma = c"PRAGMA mmap_size = 4294967296";
        // SAFETY: `db` is open and `pragma` is a valid C string; no callback, no error message wanted.
        let rc = unsafe { ffi::sqlite3_exec(db, pragma.as_ptr(), None, ptr::null_mut(), ptr::null_mut()) };
        if rc != ffi::SQLITE_OK {
            return Err(error(doing, db));
        }
        Ok(conn)
    }

    /// Steps `sql` with `param` bound to its one parameter, if given, handing each mapped row to `sink`
    /// until the rows run out or `sink` returns false.
    fn each<T>(
        &self,
        sql: &str,
        param: Option<&str>,
        map: fn(&RawRow) -> Result<T>,
        doing: &'static str,
        mut sink: impl FnMut(T) -> bool,
    ) -> Result<()> {
        let sql = CString::new(sql).expect("queries are constants without NUL bytes");
        let mut stmt = ptr::null_mut();
        // SAFETY: the connection is open and `sql` is a valid C string; `stmt` is finalised below.
        let rc = unsafe { ffi::sqlite3_prepare_v2(self.0, sql.as_ptr(), -1, &mut stmt, ptr::null_mut()) };
        if rc != ffi::SQLITE_OK {
            return Err(error(doing, self.0));
        }
        let row = RawRow { stmt };
        let result = (|| {
            if let Some(p) = param {
                let len = c_int::try_from(p.len())
                    .map_err(|_| StoreError::Query { doing, detail: "parameter over 2 GB".into() })?;
                // SAFETY: `stmt` is prepared; SQLITE_TRANSIENT makes SQLite copy the text before returning.
                let rc = unsafe { ffi::sqlite3_bind_text(stmt, 1, p.as_ptr().cast(), len, ffi::SQLITE_TRANSIENT()) };
                if rc != ffi::SQLITE_OK {
                    return Err(error(doing, self.0));
                }
            }
            loop {
                // SAFETY: `stmt` is a prepared statement of this connection.
                match unsafe { ffi::sqlite3_step(stmt) } {
                    ffi::SQLITE_ROW => {
                        if !sink(map(&row)?) {
                            return Ok(());
                        }
                    }
                    ffi::SQLITE_DONE => return Ok(()),
                    _ => return Err(error(doing, self.0)),
                }
            }
        })();
        // SAFETY: `stmt` is finalised once, after its last use.
        unsafe { ffi::sqlite3_finalize(stmt) };
        result
    }

    /// Steps `sql`, sending chunks of `chunk` mapped rows to `out`; stops early, without error, when the
    /// receiver is gone.
    fn scan<T>(
        &self,
        sql: &str,
        map: fn(&RawRow) -> Result<T>,
        chunk: usize,
        out: &Sender<Vec<T>>,
        doing: &'static str,
    ) -> Result<()> {
        let mut buf = Vec::with_capacity(chunk);
        let mut open = true;
        self.each(sql, None, map, doing, |row| {
            buf.push(row);
            if buf.len() >= chunk {
                open = out.blocking_send(std::mem::replace(&mut buf, Vec::with_capacity(chunk))).is_ok();
            }
            open
        })?;
        if open && !buf.is_empty() {
            let _ = out.blocking_send(buf);
        }
        Ok(())
    }
}

/// Streams the rows of `sql` from the database at `path` through `map` to `out` in chunks of `chunk`,
/// on a blocking thread with a read-only connection of its own (one consistent snapshot).
pub(crate) async fn scan<T: Send + 'static>(
    path: &Path,
    sql: String,
    map: fn(&RawRow) -> Result<T>,
    chunk: usize,
    out: Sender<Vec<T>>,
    doing: &'static str,
) -> Result<()> {
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || Connection::open(&path, doing)?.scan(&sql, map, chunk, &out, doing))
        .await
        .map_err(|e| StoreError::Query { doing, detail: e.to_string() })?
}

/// Every row of `sql` with `param` bound to its one parameter, from the database at `path`, on a
/// blocking thread with a read-only connection of its own.
pub(crate) async fn all<T: Send + 'static>(
    path: &Path,
    sql: String,
    param: String,
    map: fn(&RawRow) -> Result<T>,
    doing: &'static str,
) -> Result<Vec<T>> {
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let mut rows = Vec::new();
        Connection::open(&path, doing)?.each(&sql, Some(&param), map, doing, |row| {
            rows.push(row);
            true
        })?;
        Ok(rows)
    })
    .await
    .map_err(|e| StoreError::Query { doing, detail: e.to_string() })?
}

#[cfg(test)]
mod tests {
    use crate::{ImportLog, SqliteStore, Store};
    use dealgate_audit::NewEntry;
    use dealgate_domain::FollowUp;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_database_under_a_chinese_folder_name_is_scanned_with_name_keys() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let store = SqliteStore::open(&dir.path().join("销售数据").join("dealgate.db")).await.expect("open");
        let row = FollowUp {
            record_id: "FU-1".into(),
            account_name: "杭州云帆数据科技有限公司".into(),
            activity_date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
            activity_type: "visit".into(),
            uscc: None,
            website: None,
            phone: None,
            region: Some("华东".into()),
            owner: None,
            stage: None,
            former_names: Vec::new(),
            group: None,
            warnings: Vec::new(),
        };
        let log =
            ImportLog { file: "crm.csv".into(), rows_read: 1, rejected: 0, warnings: 0, actor: "王丽娜".into() };
        let entry = || NewEntry::new("王丽娜", "import", "crm.csv");
        let key = vec!["a name key".to_string()];
        store.import_follow_ups_keyed(std::slice::from_ref(&row), &key, log.clone(), entry()).await.expect("import");
        let (tx, mut rx) = tokio::sync::mpsc::channel(2);
        store.scan_follow_ups(8, tx).await.expect("scan");
        assert_eq!(rx.recv().await, Some(vec![(row.clone(), Some(key[0].clone()))]));
        assert_eq!(rx.recv().await, None);
        // Imported again without a key, the row keeps none: an old key never outlives its import.
        store.import_follow_ups(std::slice::from_ref(&row), log, entry()).await.expect("import again");
        let (tx, mut rx) = tokio::sync::mpsc::channel(2);
        store.scan_follow_ups(8, tx).await.expect("scan");
        assert_eq!(rx.recv().await, Some(vec![(row, None)]));
        assert_eq!(rx.recv().await, None);
    }
}
