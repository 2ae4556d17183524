//! Live refresh: the change marker moves with every committed write, by this store or another one on the
//! same database, and a watcher hears of it without asking; a write that fails tells nobody.

use crate::support::{
    decision, decision_entry, head_account, import_entry, log, registration, seed, CHURUI, MOYU, YUNFAN,
};
use crate::Backend;
use dealgate_audit::NewEntry;
use dealgate_domain::{DecisionStatus, Outcome};
use dealgate_store::Store;
use std::time::Duration;
use tokio::sync::watch;

/// Waits (at most 10 s) until the watcher shows `marker`.
async fn until_shown(rx: &mut watch::Receiver<i64>, marker: i64) {
    let waited = tokio::time::timeout(Duration::from_secs(10), rx.wait_for(|m| *m == marker)).await.is_ok();
    assert!(waited, "the watcher never showed marker {marker}; it shows {}", *rx.borrow());
}

pub(crate) async fn a_write_by_another_store_moves_the_marker_and_reaches_a_watcher<B: Backend>(backend: &B) {
    let app = backend.open().await;
    let other = backend.open().await;
    assert_eq!(app.change_marker().await.unwrap(), 0, "an empty database has written nothing");
    let mut rx = app.watch_changes().await.unwrap();
    assert_eq!(*rx.borrow_and_update(), 0, "the watcher starts at the current marker");

    // Another process imports two head accounts: one statement, one entry, one change.
    let heads = [head_account("H-1", "华南", CHURUI), head_account("H-2", "华东", YUNFAN)];
    other.import_head_accounts(&heads, log("heads.csv", 2), import_entry("heads.csv")).await.unwrap();
    let after_import = other.change_marker().await.unwrap();
    assert_eq!(after_import, 1, "one import writes one entry");
    assert_eq!(app.change_marker().await.unwrap(), after_import, "both stores read the same marker");
    until_shown(&mut rx, after_import).await;

    // Several writes in a row all reach the watcher; the last marker is what it ends on.
    let regs = [registration("REG-1", "2026-03-02 09:30:00", YUNFAN)];
    seed(&other, &regs).await;
    let proposed = decision("REG-1", Outcome::Approved, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    let first =
        other.record_decisions(&[(proposed.clone(), decision_entry(&proposed, "华南", MOYU))]).await.unwrap()[0];
    let settled = other.change_marker().await.unwrap();
    assert_eq!(settled, 3);
    until_shown(&mut rx, settled).await;

    // A change refused inside its transaction (built on a decision that is no longer current) writes
    // nothing and moves nothing: no watcher is told.
    let accepted =
        dealgate_domain::Decision { status: DecisionStatus::Accepted, actor: "王丽娜".into(), ..proposed };
    let stale = first + 1000;
    let refused =
        other.record_decisions_checked(&[stale], &[(accepted.clone(), decision_entry(&accepted, "华南", MOYU))]).await;
    assert!(refused.is_err(), "a change on top of a decision that is not current is refused");
    assert_eq!(app.change_marker().await.unwrap(), settled, "a refused change moves no marker");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(!rx.has_changed().unwrap(), "a refused change tells no watcher: {}", *rx.borrow());

    // The app's own writes reach its own watcher too.
    app.append_audit(NewEntry::new("王丽娜", "export", "queue.csv")).await.unwrap();
    until_shown(&mut rx, settled + 1).await;

    drop(rx);
    backend.close(other).await;
    backend.close(app).await;
}

/// PostgreSQL pushes the marker: a committed write notifies `dealgate_changes` with the new head seq
/// (the trigger of `0005_notify.sql`), once per write even when it appends many entries.
pub(crate) async fn a_commit_notifies_the_new_head_seq(backend: &crate::PostgresBackend) {
    let store = backend.open().await;
    let mut listener = sqlx::postgres::PgListener::connect(backend.url()).await.expect("listen");
    listener.listen("dealgate_changes").await.expect("LISTEN");
    seed(&store, &[registration("REG-1", "2026-03-02 09:30:00", YUNFAN)]).await;
    let items: Vec<_> = ["2026-03-03 08:00:00", "2026-03-03 08:00:01"]
        .iter()
        .map(|at| {
            let d = decision("REG-1", Outcome::Approved, DecisionStatus::Proposed, at);
            let e = decision_entry(&d, "华南", MOYU);
            (d, e)
        })
        .collect();
    store.record_decisions(&items).await.unwrap();
    let mut heard = Vec::new();
    while let Ok(Ok(note)) = tokio::time::timeout(Duration::from_secs(2), listener.recv()).await {
        heard.push(note.payload().to_string());
    }
    assert_eq!(heard, ["1", "3"], "the import (entry 1), then the two decisions' write (entries 2-3) once");
    backend.close(store).await;
}

/// A connection that fails says what to fix: the password (refused sign-in), the database name, or the
/// host and port (nothing answers there).
pub(crate) async fn a_failed_connection_names_what_to_fix(backend: &crate::PostgresBackend) {
    use dealgate_store::{OpenMode, PgStore, StoreError};
    let url = backend.url();
    let (scheme, rest) = url.split_once("://").unwrap();
    let (userinfo, hostpart) = rest.rsplit_once('@').unwrap();
    let user = userinfo.split(':').next().unwrap();
    let wrong_password = format!("{scheme}://{user}:not-the-password@{hostpart}");
    let err = PgStore::open_with(&wrong_password, OpenMode::Existing).await.err().expect("a wrong password is refused");
    assert!(matches!(&err, StoreError::Denied { .. }), "{err}");
    assert!(err.to_string().contains("check the user name and password"), "{err}");

    let no_database = crate::pg::with_database(url, "no_such_dealgate_db");
    let err = PgStore::open_with(&no_database, OpenMode::Existing).await.err().expect("no such database");
    assert!(matches!(&err, StoreError::Missing { .. }) && err.to_string().contains("database name"), "{err}");

    // A port nothing listens on (bound and released again), on the same host.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let unreachable = format!("{scheme}://{userinfo}@127.0.0.1:{port}/x");
    let err = PgStore::open_with(&unreachable, OpenMode::Existing).await.err().expect("nothing listens there");
    assert!(matches!(&err, StoreError::Open { .. }), "{err}");
    assert!(err.to_string().contains(&format!("cannot reach the server at 127.0.0.1:{port}")), "{err}");
    assert!(!err.to_string().contains("not-the-password"), "never the password: {err}");
}
