//! The suite's PostgreSQL backend: a fresh database per test on the server `DEALGATE_TEST_PG` names
//! (scripts/pg.sh starts one), dropped afterwards; and what only PostgreSQL has to show.
//!
//! Without `DEALGATE_TEST_PG` the PostgreSQL backend skips, saying so, unless `DEALGATE_TEST_PG_REQUIRED=1` makes that
//! a failure.

use crate::support::{decision, decision_entry, dispute, head_account, registration, seed};
use crate::support::{CHURUI, LUDAO, MOYU, YANCHI, YUNFAN};
use crate::Backend;
use dealgate_audit::NewEntry;
use dealgate_domain::{DecisionStatus, DisputeStatus, Outcome, Role, Settings, User};
use dealgate_store::{OpenMode, PgStore, Store, StoreError};
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
    // A database with no DealGate schema is made only when asked; a read-only store writes nothing.
    for mode in [OpenMode::Existing, OpenMode::ReadOnly] {
        let refused = dealgate_store::open(backend.url(), mode).await.err().expect("no schema yet");
        assert!(matches!(refused, StoreError::Missing { .. }), "{mode:?}: {refused}");
    }
    dealgate_store::open(backend.url(), OpenMode::Create).await.expect("create the schema").close().await;
    let reader = dealgate_store::open(backend.url(), OpenMode::ReadOnly).await.expect("open read-only");
    let refused = reader.append_audit(dealgate_audit::NewEntry::new("王丽娜", "export", "r.csv")).await;
    assert!(refused.expect_err("read-only").to_string().contains("read-only"));
    reader.close().await;
    let store = dealgate_store::open(backend.url(), OpenMode::Existing).await.expect("open by URL");
    let shown = store.describe();
    assert!(shown.starts_with("postgres://") && shown.ends_with(&format!("/{}", backend.name)), "{shown}");
    let password = backend.server().split_once("://").and_then(|(_, r)| r.split_once('@')).map(|(u, _)| u);
    let password = password.and_then(|u| u.split_once(':')).map(|(_, p)| p).expect("the test URL has a password");
    assert!(!shown.contains(password), "the password is never shown: {shown}");
    store.append_audit(dealgate_audit::NewEntry::new("王丽娜", "export", "a.csv")).await.expect("write");

    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("solo.db");
    let solo = dealgate_store::open(path.to_str().expect("utf-8 path"), OpenMode::Create).await.expect("open a file");
    assert_eq!(solo.describe(), path.display().to_string());
    assert_eq!(solo.audit_head().await.expect("head"), None, "a different, new database");
}

/// A login of `group` (`dealgate_channel_manager`...) with DealGate role `role` in `regions`, made by the
/// owner; returns its URL on the test database. Dropped with [`drop_login`].
async fn add_login(backend: &PostgresBackend, owner: &dyn Store, group: &str, role: Role, regions: &[&str]) -> String {
    let login = unique_name("u");
    let password = unique_name("pw");
    let mut admin = PgConnection::connect(backend.url()).await.expect("connect as the owner");
    sqlx::query(&format!("CREATE ROLE {login} LOGIN PASSWORD '{password}' IN ROLE {group}"))
        .execute(&mut admin)
        .await
        .expect("create the login");
    admin.close().await.expect("close");
    let user = User { name: login.clone(), role, regions: regions.iter().map(|r| r.to_string()).collect() };
    owner.save_user(&user, NewEntry::new("admin", "user.add", &login)).await.expect("map the login");
    let (scheme, rest) = backend.url().split_once("://").expect("URL");
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    format!("{scheme}://{login}:{password}@{host}")
}

/// The login of a URL made by [`add_login`].
fn login_of(url: &str) -> String {
    url.split_once("://").and_then(|(_, r)| r.split_once(':')).map(|(l, _)| l.to_string()).expect("login")
}

async fn drop_login(backend: &PostgresBackend, url: &str) {
    let mut admin = PgConnection::connect(backend.server()).await.expect("connect to the server");
    let _ = sqlx::query(&format!("DROP ROLE IF EXISTS {}", login_of(url))).execute(&mut admin).await;
}

/// What a plain SQL statement did: rows changed, or the server's refusal.
async fn run(conn: &mut PgConnection, sql: &str) -> Result<u64, String> {
    sqlx::query(sql).execute(&mut *conn).await.map(|r| r.rows_affected()).map_err(|e| e.to_string())
}

/// Rights hold against plain SQL: a channel manager of 华东 decides in 华东, through the app or psql, and
/// is refused by the database everywhere else, and cannot rewrite, delete or forge the audit log.
pub(crate) async fn a_channel_manager_is_held_to_their_rights_by_the_database(backend: &PostgresBackend) {
    let owner = backend.open().await;
    let mut east = registration("REG-E", "2026-03-01 09:00:00", YUNFAN);
    east.region = Some("华东".into());
    let south = registration("REG-S", "2026-03-02 09:00:00", LUDAO);
    let mut nowhere = registration("REG-N", "2026-03-03 09:00:00", CHURUI);
    nowhere.region = None;
    seed(&owner, &[east, south, nowhere]).await;
    let url = add_login(backend, &owner, "dealgate_channel_manager", Role::ChannelManager, &["华东"]).await;
    let me = login_of(&url);
    let as_me = |rid: &str, status: DecisionStatus| {
        let mut d = decision(rid, Outcome::Approved, status, "2026-03-04 08:00:00");
        d.actor = me.clone();
        let mut entry = decision_entry(&d, "华东", MOYU);
        entry.action = "decide.accept".into();
        (d, entry)
    };

    // Through the app, signed in as the channel manager.
    let app = PgStore::open(&url).await.expect("a channel manager opens the team database");
    let ids = app.record_decisions(&[as_me("REG-E", DecisionStatus::Accepted)]).await.expect("decide in 华东");
    assert_eq!(owner.current_decision("REG-E").await.unwrap().map(|d| d.id), Some(ids[0]));
    for (rid, status) in
        [("REG-S", DecisionStatus::Accepted), ("REG-N", DecisionStatus::Accepted), ("REG-E", DecisionStatus::Expired)]
    {
        let refused = app.record_decisions(&[as_me(rid, status)]).await.expect_err("another region, no region, expiry");
        assert!(refused.to_string().contains("row-level security"), "{rid}: {refused}");
    }
    // A check proposes anywhere, but never over a person's decision.
    app.record_decisions(&[as_me("REG-S", DecisionStatus::Proposed)]).await.expect("a proposal in 华南");
    let over = app.record_decisions(&[as_me("REG-E", DecisionStatus::Proposed)]).await.expect_err("over an accept");
    assert!(over.to_string().contains("a proposal over a person's decision"), "{over}");
    assert_eq!(owner.current_decision("REG-E").await.unwrap().map(|d| d.status), Some(DecisionStatus::Accepted));
    app.append_audit(NewEntry::new(&me, "audit.export", "a.csv")).await.expect("an entry in one's own name");
    let forged =
        app.append_audit(NewEntry::new("admin", "audit.export", "b.csv")).await.expect_err("in another's name");
    assert!(forged.to_string().contains("names who signed in"), "{forged}");
    let defaults = Settings::default();
    let settings = app.save_settings(&defaults, &me, NewEntry::new(&me, "settings.update", "settings")).await;
    assert!(settings.is_err(), "settings are the admin's");
    let rows = [crate::support::follow_up("FU-1", YANCHI)];
    let log = crate::support::log("crm.csv", 1);
    let imported = app.import_follow_ups(&rows, log, NewEntry::new(&me, "import", "crm.csv")).await;
    assert!(imported.expect_err("sales operations' import").to_string().contains("permission denied"));
    let head = head_account("HA-9", "华东", YANCHI);
    assert!(app.add_head_account(&head, NewEntry::new(&me, "head.add", "HA-9")).await.is_err(), "the regional head's");
    app.close().await;

    // Through plain SQL (as psql would), signed in as the same login.
    let mut psql = PgConnection::connect(&url).await.expect("connect as the channel manager");
    for sql in [
        "UPDATE audit_log SET actor = 'someone else'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "UPDATE audit_head SET seq = 1",
        "DELETE FROM audit_head",
        "UPDATE decisions SET outcome = 'approved'",
        "INSERT INTO users (name, role, regions, created_at) VALUES ('x', 'admin', '{}', now())",
        "UPDATE users SET role = 'admin'",
        "INSERT INTO settings (version, body, changed_by, changed_at) VALUES (9, '{}', 'x', now())",
    ] {
        let refused = run(&mut psql, sql).await.expect_err(sql);
        assert!(refused.contains("permission denied"), "{sql}: {refused}");
    }
    let other_region = format!(
        "INSERT INTO decisions (registration_id, outcome, rule, summary, matches, settings_version, as_of, status, actor, created_at)
         VALUES ('REG-S', 'approved', 'r', 's', '[]', 0, '2026-03-04', 'accepted', '{me}', now())"
    );
    let refused = run(&mut psql, &other_region).await.expect_err("deciding in 华南");
    assert!(refused.contains("row-level security"), "{refused}");
    assert_eq!(run(&mut psql, "UPDATE registrations SET region = '华东' WHERE registration_id = 'REG-S'").await, Ok(0));
    let refused = run(&mut psql, "UPDATE registrations SET region = '华南' WHERE registration_id = 'REG-E'").await;
    assert!(refused.expect_err("moving a deal out of one's regions").contains("row-level security"));
    let forged = format!(
        "INSERT INTO audit_log (seq, at, actor, action, subject, payload, prev_hash, hash)
         VALUES (1, '2026-03-04T08:00:00Z', '{me}', 'export', 'x', '{{}}', repeat('0', 64), repeat('1', 64))"
    );
    let refused = run(&mut psql, &forged).await.expect_err("an entry that does not continue the chain");
    assert!(refused.contains("does not continue the chain"), "{refused}");
    // Deciding in its region passes the row checks from psql too, but never without its audit entry; nor
    // does an entry that records a change stand without it.
    let mine = other_region.replace("'REG-S'", "'REG-E'");
    let refused = run(&mut psql, &mine).await.expect_err("a decision without its entry");
    assert!(refused.contains("go together"), "{refused}");
    app_entry_alone(&mut psql, &me).await;
    psql.close().await.expect("close");

    let entries = crate::support::assert_chain_intact(&owner).await;
    assert!(entries.iter().any(|e| e.actor == me && e.subject == "a.csv"));
    assert!(entries.iter().all(|e| e.subject != "b.csv" && e.subject != "x"), "no refused entry was written");
    owner.close().await;
    drop_login(backend, &url).await;
}

/// An entry that says a decision was made, appended by a login without the decision, is refused at commit.
async fn app_entry_alone(psql: &mut PgConnection, me: &str) {
    let entry = format!(
        "INSERT INTO audit_log (seq, at, actor, action, subject, payload, prev_hash, hash)
         SELECT seq + 1, '2026-03-04T08:00:00Z', '{me}', 'decide.accept', 'REG-E', '{{}}', hash, repeat('1', 64) FROM audit_head"
    );
    let refused = run(psql, &entry).await.expect_err("an entry without its decision");
    assert!(refused.contains("go together"), "{refused}");
}

/// A regional head rules disputes and edits head accounts only in their regions; a login with no
/// regions is nobody's region.
pub(crate) async fn a_regional_head_rules_only_in_their_regions(backend: &PostgresBackend) {
    let owner = backend.open().await;
    let south = registration("REG-S", "2026-03-02 09:00:00", LUDAO);
    let mut east = registration("REG-E", "2026-03-01 09:00:00", YUNFAN);
    east.region = Some("华东".into());
    seed(&owner, &[south, east]).await;
    let d = decision("REG-S", Outcome::DirectRetained, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    let e = decision("REG-E", Outcome::DirectRetained, DecisionStatus::Proposed, "2026-03-03 08:00:00");
    let ids = owner
        .record_decisions(&[
            (d.clone(), decision_entry(&d, "华南", MOYU)),
            (e.clone(), decision_entry(&e, "华东", MOYU)),
        ])
        .await
        .unwrap();
    let (south, east) = (dispute("REG-S", ids[0]), dispute("REG-E", ids[1]));
    let south_dispute = owner.open_dispute(&south, NewEntry::new("赵敏", "dispute.open", "REG-S")).await.unwrap();
    let east_dispute = owner.open_dispute(&east, NewEntry::new("赵敏", "dispute.open", "REG-E")).await.unwrap();
    let head_url = add_login(backend, &owner, "dealgate_regional_head", Role::RegionalHead, &["华南"]).await;
    let none_url = add_login(backend, &owner, "dealgate_regional_head", Role::RegionalHead, &[]).await;
    let me = login_of(&head_url);

    let head = PgStore::open(&head_url).await.expect("open as the regional head");
    let rule = |id: i64, rid: &str| {
        let mut ruled = dispute(rid, 0);
        (ruled.id, ruled.status, ruled.ruled_by) = (id, DisputeStatus::Ruled, Some(me.clone()));
        (ruled.ruling, ruled.ruled_at) = (Some(Outcome::Approved), Some(crate::support::dt("2026-03-06 10:00:00")));
        let mut d = decision(rid, Outcome::Approved, DecisionStatus::Ruled, "2026-03-06 10:00:00");
        d.actor = me.clone();
        let entry = NewEntry::new(&me, "dispute.rule", rid);
        (ruled, d, entry)
    };
    let (ruled, d, entry) = rule(south_dispute, "REG-S");
    head.rule_dispute(&ruled, d, entry).await.expect("a ruling in 华南");
    assert_eq!(owner.current_decision("REG-S").await.unwrap().map(|d| d.status), Some(DecisionStatus::Ruled));
    let (ruled, d, entry) = rule(east_dispute, "REG-E");
    assert!(head.rule_dispute(&ruled, d, entry).await.is_err(), "not in 华东");
    let mut account = head_account("HA-1", "华南", CHURUI);
    assert!(head.add_head_account(&account, NewEntry::new(&me, "head.add", "HA-1")).await.unwrap());
    account.account_id = "HA-2".into();
    account.region = "华东".into();
    assert!(head.add_head_account(&account, NewEntry::new(&me, "head.add", "HA-2")).await.is_err());
    head.close().await;

    let nobody = PgStore::open(&none_url).await.expect("open as a regional head of no region");
    let (ruled, d, entry) = rule(east_dispute, "REG-E");
    let entry = NewEntry::new(login_of(&none_url), &entry.action, &entry.subject);
    assert!(nobody.rule_dispute(&ruled, d, entry).await.is_err(), "no regions is no region");
    nobody.close().await;

    assert_eq!(owner.disputes(true).await.unwrap().iter().map(|d| d.id).collect::<Vec<_>>(), vec![east_dispute]);
    crate::support::assert_chain_intact(&owner).await;
    owner.close().await;
    drop_login(backend, &head_url).await;
    drop_login(backend, &none_url).await;
}

/// A channel manager labels pairs and forgets labels only in their regions and in their own name; a
/// sales operations login reads them but labels nothing.
pub(crate) async fn a_channel_manager_labels_pairs_only_in_their_regions(backend: &PostgresBackend) {
    use crate::pairs::pair;
    use dealgate_domain::PairVerdict;
    let owner = backend.open().await;
    let cm_url = add_login(backend, &owner, "dealgate_channel_manager", Role::ChannelManager, &["华东"]).await;
    let ops_url = add_login(backend, &owner, "dealgate_sales_ops", Role::SalesOps, &["华东"]).await;
    let me = login_of(&cm_url);
    let south = {
        let mut p = pair("s\tt", PairVerdict::Same, LUDAO, "鹭岛星澜");
        p.region = Some("华南".into());
        owner.save_pair_label(&p, NewEntry::new("王芳", "pairs.same", "REG-S")).await.expect("the owner labels")
    };

    let cm = PgStore::open(&cm_url).await.expect("open as the channel manager");
    let mut mine = pair("a\tb", PairVerdict::Different, YUNFAN, "云帆数据");
    mine.actor = me.clone();
    let id = cm.save_pair_label(&mine, NewEntry::new(&me, "pairs.different", "REG-1")).await.expect("in 华东");
    let mut elsewhere = mine.clone();
    (elsewhere.pair_key, elsewhere.region) = ("x\ty".into(), Some("华南".into()));
    let refused = cm.save_pair_label(&elsewhere, NewEntry::new(&me, "pairs.same", "REG-2")).await.expect_err("华南");
    assert!(refused.to_string().contains("row-level security"), "{refused}");
    let mut forged = mine.clone();
    (forged.pair_key, forged.actor) = ("f\tg".into(), "王芳".into());
    assert!(cm.save_pair_label(&forged, NewEntry::new(&me, "pairs.same", "REG-1")).await.is_err(), "in another's name");
    assert_eq!(cm.forget_pair_label(south, NewEntry::new(&me, "pairs.forget", "REG-S")).await.unwrap(), None);
    assert!(cm.forget_pair_label(id, NewEntry::new(&me, "pairs.forget", "REG-1")).await.unwrap().is_some());
    cm.close().await;

    let ops = PgStore::open(&ops_url).await.expect("open as sales operations");
    assert_eq!(ops.pair_labels().await.unwrap().len(), 1, "everyone reads the labels");
    let mut theirs = mine.clone();
    (theirs.pair_key, theirs.actor) = ("o\tp".into(), login_of(&ops_url));
    let refused = ops.save_pair_label(&theirs, NewEntry::new(&theirs.actor, "pairs.same", "REG-1")).await;
    assert!(refused.expect_err("not sales operations'").to_string().contains("permission denied"));
    ops.close().await;

    assert_eq!(owner.pair_labels().await.unwrap().iter().map(|p| p.id).collect::<Vec<_>>(), vec![south]);
    crate::support::assert_chain_intact(&owner).await;
    owner.close().await;
    drop_login(backend, &cm_url).await;
    drop_login(backend, &ops_url).await;
}
