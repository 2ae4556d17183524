//! The suite's PostgreSQL backend: a fresh database per test on the server `DEALGATE_TEST_PG` names
//! (scripts/pg.sh starts one), dropped afterwards; and what only PostgreSQL has to show.

use crate::Backend;
use dealgate_store::PgStore;
use sqlx::{Connection, PgConnection};
use std::io::Write;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;

/// The server's URL (a superuser's, on its `postgres` database), when one is given.
fn server() -> Option<String> {
    std::env::var("DEALGATE_TEST_PG").ok().filter(|u| !u.is_empty())
}

/// `url` with its database replaced by `db`.
pub(crate) fn with_database(url: &str, db: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a postgres:// URL");
    let (authority, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    let query = tail.find('?').map_or("", |i| &tail[i..]);
    format!("{scheme}://{authority}/{db}{query}")
}

/// A name no other test (in this or another process) uses at the same time.
fn unique_name(prefix: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("{prefix}_{}_{}_{}", std::process::id(), nanos, NEXT.fetch_add(1, Ordering::Relaxed))
}

/// PostgreSQL: one database `t_...` created for the test on the server, dropped with the value.
pub(crate) struct PostgresBackend {
    server: String,
    name: String,
    url: String,
}

impl PostgresBackend {
    /// The test database's URL (as the server's superuser).
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// The server's URL as its superuser.
    pub(crate) fn server(&self) -> &str {
        &self.server
    }
}

impl Backend for PostgresBackend {
    type S = PgStore;

    async fn create() -> Self {
        let server = server().expect("DEALGATE_TEST_PG names the test server");
        let name = unique_name("t");
        let mut admin = PgConnection::connect(&server).await.expect("connect to DEALGATE_TEST_PG");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.expect("create the test database");
        admin.close().await.expect("close");
        let url = with_database(&server, &name);
        PostgresBackend { server, name, url }
    }

    async fn open(&self) -> PgStore {
        PgStore::open(&self.url).await.expect("open the PostgreSQL store")
    }

    async fn close(&self, store: PgStore) {
        store.close().await;
    }

    fn available() -> bool {
        if server().is_some() {
            return true;
        }
        if std::env::var("DEALGATE_TEST_PG_REQUIRED").is_ok_and(|v| v == "1") {
            panic!("DEALGATE_TEST_PG_REQUIRED=1 but DEALGATE_TEST_PG is not set: no PostgreSQL server to test on");
        }
        // Straight to stderr, past the test harness's capture, once per run.
        static SAID: Once = Once::new();
        SAID.call_once(|| {
            let _ = writeln!(std::io::stderr(), "postgres suite skipped: DEALGATE_TEST_PG not set (scripts/pg.sh)");
        });
        false
    }
}

impl Drop for PostgresBackend {
    fn drop(&mut self) {
        // On a thread of its own: the test's runtime may be gone or busy.
        let (server, name) = (self.server.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async {
                let mut admin = PgConnection::connect(&server).await?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).await?;
                admin.close().await
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            let _ = writeln!(std::io::stderr(), "could not drop the test database {}", self.name);
        }
    }
}

/// Opening by location picks the backend, and each says which database it is on without the password.
pub(crate) async fn opening_by_location_picks_the_backend_and_describes_it(backend: &PostgresBackend) {
    let store = dealgate_store::open(backend.url()).await.expect("open by URL");
    let shown = store.describe();
    assert!(shown.starts_with("postgres://") && shown.ends_with(&format!("/{}", backend.name)), "{shown}");
    let password = backend.server().split_once("://").and_then(|(_, r)| r.split_once('@')).map(|(u, _)| u);
    let password = password.and_then(|u| u.split_once(':')).map(|(_, p)| p).expect("the test URL has a password");
    assert!(!shown.contains(password), "the password is never shown: {shown}");
    store.append_audit(dealgate_audit::NewEntry::new("王丽娜", "export", "a.csv")).await.expect("write");

    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("solo.db");
    let solo = dealgate_store::open(path.to_str().expect("utf-8 path")).await.expect("open a file");
    assert_eq!(solo.describe(), path.display().to_string());
    assert_eq!(solo.audit_head().await.expect("head"), None, "a different, new database");
}
