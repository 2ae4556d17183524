//! The SQLite database as a file a person handles: never created by a command that only reads or
//! changes, opened read-only without changing the file, backed up into one self-contained file.

use crate::support::*;
use dealgate_domain::{DecisionStatus, Outcome};
use dealgate_store::{OpenMode, SqliteStore, Store, StoreError};
use std::path::Path;

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_missing_or_empty_file_is_refused_and_never_created_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.db");
    for mode in [OpenMode::Existing, OpenMode::ReadOnly] {
        let err = SqliteStore::open_with(&path, mode).await.err().expect("refused");
        assert!(matches!(err, StoreError::Missing { .. }), "{mode:?}: {err}");
        assert!(err.to_string().contains("no such file"), "{err}");
        assert!(!path.exists(), "{mode:?} created the file");
    }
    std::fs::write(&path, b"").unwrap();
    for mode in [OpenMode::Existing, OpenMode::ReadOnly] {
        let err = SqliteStore::open_with(&path, mode).await.err().expect("refused");
        assert!(err.to_string().contains("empty"), "{mode:?}: {err}");
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "{mode:?} wrote to the empty file");
    }
    assert_eq!(listing(dir.path()), ["none.db"], "no log or shared-memory files left behind");
    let dir_as_db = SqliteStore::open_with(dir.path(), OpenMode::Existing).await.err().expect("refused");
    assert!(dir_as_db.to_string().contains("not a regular file"), "{dir_as_db}");
    // Create makes it, and then the others open it.
    SqliteStore::open_with(&path, OpenMode::Create).await.unwrap().close().await;
    SqliteStore::open_with(&path, OpenMode::Existing).await.unwrap().close().await;
}

#[tokio::test]
async fn another_programs_database_is_never_given_dealgates_tables() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        use sqlx::ConnectOptions;
        let mut conn =
            sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true).connect().await.unwrap();
        sqlx::query("CREATE TABLE invoices (id INTEGER PRIMARY KEY)").execute(&mut conn).await.unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    for mode in [OpenMode::Create, OpenMode::Existing, OpenMode::ReadOnly] {
        let err = SqliteStore::open_with(&path, mode).await.err().expect("refused");
        assert!(matches!(err, StoreError::Missing { .. }), "{mode:?}: {err}");
    }
    assert!(std::fs::read(&path).unwrap() == before, "the other program's database is unchanged");
}

#[tokio::test]
async fn a_read_only_opening_reads_everything_and_changes_nothing_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dealgate.db");
    let store = SqliteStore::open(&path).await.unwrap();
    seed(&store, &[registration("REG-1", "2026-03-01 09:00:00", YUNFAN)]).await;
    let d = decision("REG-1", Outcome::Approved, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    store.record_decisions(&[(d.clone(), decision_entry(&d, "华南", MOYU))]).await.unwrap();
    store.settle().await.unwrap();
    store.close().await;
    let files = listing(dir.path());
    let bytes = std::fs::read(&path).unwrap();

    let ro = SqliteStore::open_with(&path, OpenMode::ReadOnly).await.unwrap();
    assert_eq!(ro.registrations().await.unwrap().len(), 1);
    assert_eq!(ro.current_decision("REG-1").await.unwrap().map(|d| d.outcome), Some(Outcome::Approved));
    assert_chain_intact(&ro).await;
    ro.settle().await.expect("nothing to settle on a read-only database");
    let write = ro.record_decisions(&[(d.clone(), decision_entry(&d, "华南", MOYU))]).await;
    assert!(write.is_err(), "a write on a read-only opening is refused");
    ro.close().await;
    let after = std::fs::read(&path).unwrap();
    let first_difference = after.iter().zip(&bytes).position(|(a, b)| a != b);
    assert!(
        after == bytes,
        "the file is byte for byte as it was: {} -> {} bytes, first difference at {first_difference:?}",
        bytes.len(),
        after.len()
    );
    // SQLite may leave its (empty) shared-memory and log files beside a WAL database it read; the data
    // never moves into them.
    let wal = dir.path().join("dealgate.db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0, "nothing written to the log");
    let made: Vec<String> = listing(dir.path()).into_iter().filter(|f| !files.contains(f)).collect();
    assert!(made.iter().all(|f| f.ends_with("-wal") || f.ends_with("-shm")), "{made:?}");
}

#[tokio::test]
async fn a_backup_is_one_self_contained_file_with_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dealgate.db");
    let store = SqliteStore::open(&path).await.unwrap();
    seed(&store, &[registration("REG-1", "2026-03-01 09:00:00", YUNFAN)]).await;
    let d = decision("REG-1", Outcome::CoSell, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    store.record_decisions(&[(d.clone(), decision_entry(&d, "华南", MOYU))]).await.unwrap();
    let copy = dir.path().join("copy").join("backup.db");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    // Taken while the writer still holds its log open: the copy must not need it.
    store.backup(&copy).await.unwrap();
    let again = store.backup(&copy).await.expect_err("an existing file is never overwritten");
    assert!(again.to_string().contains("exists"), "{again}");
    assert_eq!(listing(copy.parent().unwrap()), ["backup.db"], "one file, no log beside it");
    let restored = SqliteStore::open_with(&copy, OpenMode::ReadOnly).await.unwrap();
    assert_eq!(restored.registrations().await.unwrap(), store.registrations().await.unwrap());
    assert_eq!(restored.current_decisions().await.unwrap(), store.current_decisions().await.unwrap());
    assert_eq!(restored.audit_head().await.unwrap(), store.audit_head().await.unwrap());
    assert_chain_intact(&restored).await;
}
