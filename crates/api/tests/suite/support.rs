//! A fresh database in a temporary directory with invented users and records, checked as of a fixed day.

use chrono::NaiveDate;
use dealgate_api::domain::{Role, User};
use dealgate_api::{Api, CancelFlag, Progress, Selection, Silent};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tempfile::TempDir;

pub(crate) const ADMIN: &str = "管理员";
pub(crate) const MANAGER: &str = "渠道经理甲";
pub(crate) const EAST_HEAD: &str = "华东负责人";
pub(crate) const SOUTH_HEAD: &str = "华南负责人";

/// The day every check runs as of.
pub(crate) fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 20).unwrap()
}

/// Progress that keeps every report and can be cancelled.
#[derive(Default)]
pub(crate) struct Recorder {
    pub(crate) events: Mutex<Vec<(String, usize, usize)>>,
    pub(crate) cancel: CancelFlag,
}

impl Progress for Recorder {
    fn report(&self, stage: &str, done: usize, total: usize) {
        self.events.lock().unwrap().push((stage.to_string(), done, total));
    }
    fn cancelled(&self) -> bool {
        self.cancel.is_set()
    }
}

impl Recorder {
    /// The reports of `stage`, as (done, total).
    pub(crate) fn of(&self, stage: &str) -> Vec<(usize, usize)> {
        self.events.lock().unwrap().iter().filter(|e| e.0 == stage).map(|e| (e.1, e.2)).collect()
    }
}

pub(crate) struct Env {
    pub(crate) api: Api,
    pub(crate) dir: TempDir,
}

impl Env {
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `text` to a file named `name` in the temporary directory.
    pub(crate) fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

/// An empty database with the four users.
pub(crate) async fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let api = Api::open_sqlite(&dir.path().join("dealgate.db")).await.unwrap();
    for (name, role, regions) in [
        (ADMIN, Role::Admin, vec![]),
        (MANAGER, Role::ChannelManager, ["华东", "华南", "西南"].map(String::from).to_vec()),
        (EAST_HEAD, Role::RegionalHead, vec!["华东".to_string()]),
        (SOUTH_HEAD, Role::RegionalHead, vec!["华南".to_string()]),
    ] {
        api.save_user(User { name: name.into(), role, regions }, Some(ADMIN)).await.unwrap();
    }
    Env { api, dir }
}

const REGISTRATIONS: &str = "\
registration_id,partner,partner_tier,submitted_at,customer_name,uscc,website,contact_name,contact_phone,contact_email,region,product,amount,expected_close
A1,甲方伙伴,gold,2026-06-01T09:00:00,杭州云帆数据科技有限公司,,,赵总,13900000001,,华东,CRM,180000,2026-09-30
A2,乙方伙伴,silver,2026-06-02T10:00:00,上海栖梧软件有限公司,,,钱经理,13900000002,,华东,CRM,95000,2026-10-15
A3,乙方伙伴,silver,2026-06-03T10:00:00,深圳拾光教育科技有限公司,,,孙经理,13900000003,,华南,CRM,60000,2026-10-15
A4,甲方伙伴,gold,2026-06-04T10:00:00,成都听涛物流有限公司,,,李经理,13900000004,,西南,CRM,70000,2026-11-15
";
const HEADS: &str = "\
account_id,region,account_name,uscc,website,owner
H1,华东,杭州云帆数据科技有限公司,,,王芳
";
const FOLLOW_UPS: &str = "\
record_id,account_name,uscc,website,phone,region,owner,activity_date,activity_type,stage
F1,上海栖梧软件有限公司,,,,华东,陈静,2026-06-10,visit,方案沟通
";

/// [`env`] with four registrations (A1 a head account, A2 followed up by direct, A3 and A4 free), one
/// head account and one follow-up imported, not yet checked.
pub(crate) async fn imported() -> Env {
    let env = env().await;
    for (name, kind, text) in [
        ("heads.csv", dealgate_api::domain::RecordKind::HeadAccount, HEADS),
        ("follow_ups.csv", dealgate_api::domain::RecordKind::FollowUp, FOLLOW_UPS),
        ("registrations.csv", dealgate_api::domain::RecordKind::Registration, REGISTRATIONS),
    ] {
        let p = env.write(name, text.as_bytes());
        env.api.import(kind, &p, Some(ADMIN)).await.unwrap();
    }
    env
}

/// [`imported`], and checked.
pub(crate) async fn checked() -> Env {
    let env = imported().await;
    env.api.check(Selection::All, as_of(), None, Arc::new(Silent)).await.unwrap();
    env
}
