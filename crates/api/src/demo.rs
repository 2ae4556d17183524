//! `dealgate demo`: sample data of made-up companies, written as real CSV files (the follow-ups in GBK,
//! as Excel on Chinese Windows saves them), imported through the normal import path, then checked.
//! Dates are relative to today so the demo always shows live protections and recent follow-ups.

use crate::{Api, ApiError, ApiResult, Selection, Silent};
use chrono::{Days, NaiveDate};
use dealgate_domain::{uscc, RecordKind, Role, User};
use std::fmt::Write as _;
use std::sync::Arc;

/// Made-up companies: brand, industry, city, sales region, web slug.
const COMPANIES: &[(&str, &str, &str, &str, &str)] = &[
    ("云帆", "数据科技", "杭州", "华东", "yunfan-data"),
    ("栖梧", "软件", "上海", "华东", "qiwu-soft"),
    ("澄湖", "智能制造", "苏州", "华东", "chenghu-im"),
    ("星澜", "医疗器械", "深圳", "华南", "xinglan-med"),
    ("拾光", "教育科技", "广州", "华南", "shiguang-edu"),
    ("知远", "信息技术", "北京", "华北", "zhiyuan-it"),
    ("墨川", "新材料", "天津", "华北", "mochuan-nm"),
    ("听涛", "物流", "成都", "西南", "tingtao-log"),
    ("鹿鸣", "食品", "重庆", "西南", "luming-food"),
    ("禾丰源", "环保科技", "武汉", "华中", "hefengyuan"),
    ("砚池", "数据科技", "长沙", "华中", "yanchi-data"),
    ("青禾谷", "农业科技", "南京", "华东", "qinghegu"),
    ("朗峰", "精密机械", "宁波", "华东", "langfeng-pm"),
    ("木棉湾", "文化传媒", "深圳", "华南", "mumianwan"),
    ("溪谷", "网络科技", "北京", "华北", "xigu-net"),
    ("晴川", "电子", "武汉", "华中", "qingchuan-e"),
    ("若水", "生物科技", "上海", "华东", "ruoshui-bio"),
    ("远帆", "供应链管理", "广州", "华南", "yuanfan-scm"),
];

const SYLLABLES: &[&str] = &[
    "安", "博", "辰", "达", "鼎", "帆", "高", "禾", "恒", "嘉", "锦", "凯", "岚", "茂", "宁", "鹏", "启", "睿", "盛",
    "拓", "维", "熙", "耀", "泽", "卓", "翊", "珂", "朔",
];
const INDUSTRIES: &[&str] = &["商贸", "咨询", "电气", "科技", "建材", "餐饮管理", "广告", "印务", "汽配", "酒店管理"];
const OWNERS: &[&str] = &["陈静", "王芳", "刘洋", "张伟", "黄磊", "周敏"];
const PARTNERS: &[(&str, &str)] = &[
    ("杭州数智伙伴", "gold"),
    ("上海云桥科技", "silver"),
    ("深圳启航渠道", "registered"),
    ("北京联拓", "gold"),
    ("成都蜀信", "silver"),
];

/// A demo registration: company, name variant, partner, days ago, hour, amount, has contact, has website.
type RegSpec = (usize, &'static str, usize, u64, u32, &'static str, bool, bool);

/// What the demo created.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DemoSummary {
    /// Records imported per source.
    pub imported: Vec<(RecordKind, usize)>,
    /// Decisions proposed by the check.
    pub checked: usize,
    /// Users created.
    pub users: Vec<String>,
}

fn full(c: &(&str, &str, &str, &str, &str)) -> String {
    format!("{}{}{}有限公司", c.2, c.0, c.1)
}

fn code(i: usize) -> String {
    uscc::with_check(&format!("91{:06}MA{:09}", 330100 + i * 7, 100_000_000 + i * 7919)).unwrap_or_default()
}

fn day(today: NaiveDate, ago: u64) -> String {
    today.checked_sub_days(Days::new(ago)).unwrap_or(today).to_string()
}

/// The three demo files' contents (follow-ups, head accounts, registrations), dated relative to `today`.
pub fn demo_files(today: NaiveDate) -> (String, String, String) {
    let mut fu = String::from("记录ID,客户名称,统一社会信用代码,网站,电话,区域,负责人,跟进日期,跟进方式,阶段\n");
    let c = COMPANIES;
    let fu_rows: &[(usize, u64, &str, &str)] = &[
        (3, 12, "拜访", "方案沟通"),
        (3, 40, "电话", "初步接洽"),
        (4, 20, "演示", "需求确认"),
        (5, 30, "报价", "商务谈判"),
        (6, 200, "拜访", "初步接洽"),
        (7, 15, "电话", "初步接洽"),
        (7, 5, "邮件", "初步接洽"),
        (16, 25, "拜访", "方案沟通"),
        (13, 70, "演示", "需求确认"),
    ];
    for (n, (i, ago, kind, stage)) in fu_rows.iter().enumerate() {
        let co = &c[*i];
        let _ = writeln!(
            fu,
            "F{:05},{},{},www.{}.com,,{},{},{},{},{}",
            n + 1,
            full(co),
            code(*i),
            co.4,
            co.3,
            OWNERS[n % OWNERS.len()],
            day(today, *ago),
            kind,
            stage
        );
    }
    for n in 0..300 {
        let a = SYLLABLES[n % SYLLABLES.len()];
        let b = SYLLABLES[(n * 7 + 3) % SYLLABLES.len()];
        let ind = INDUSTRIES[(n * 3) % INDUSTRIES.len()];
        let co = &c[n % c.len()];
        let _ = writeln!(
            fu,
            "F{:05},{}{}{}{}有限公司,,,,{},{},{},电话,初步接洽",
            1000 + n,
            co.2,
            a,
            b,
            ind,
            co.3,
            OWNERS[n % OWNERS.len()],
            day(today, (n as u64 * 13) % 400)
        );
    }
    let mut ha = String::from("account_id,region,account_name,uscc,website,owner\n");
    for (n, i) in [0usize, 2, 9, 14].iter().enumerate() {
        let co = &c[*i];
        let _ = writeln!(ha, "H{:03},{},{},{},www.{}.com,{}", n + 1, co.3, full(co), code(*i), co.4, OWNERS[n]);
    }
    let mut rg = String::from("报备编号,伙伴名称,伙伴等级,报备时间,客户名称,统一社会信用代码,网站,联系人,联系电话,联系人邮箱,区域,产品,金额,预计成交日期\n");
    // (company, name variant, partner, days ago, hour, amount, with contact, website)
    let regs: &[RegSpec] = &[
        (0, "full", 0, 9, 10, "180000", true, false), // head account → direct_retained
        (2, "short", 1, 8, 11, "95000", true, false), // head account by short name
        (3, "bracket", 0, 8, 15, "260000", true, false), // effective visit, gold → co-sell partner-led
        (4, "full", 2, 7, 9, "120000", true, false),  // recent demo → co-sell direct-led
        (5, "short", 4, 7, 14, "88000", true, true),  // quote → co-sell
        (6, "full", 1, 6, 10, "150000", true, false), // stale visit → approved, evidence
        (7, "full", 2, 6, 16, "60000", true, false),  // only calls → approved
        (10, "full", 3, 5, 9, "210000", true, false), // nothing → approved
        (10, "bracket", 1, 4, 13, "200000", true, false), // same customer, other partner → duplicate
        (11, "full", 0, 4, 10, "", true, false),      // no amount → needs_info
        (12, "full", 4, 3, 11, "76000", false, false), // no contact → needs_info
        (14, "brand", 2, 3, 15, "99000", true, false), // bare two-character brand of a head account → review
        (15, "full", 3, 2, 10, "132000", true, false), // approved
        (15, "short", 3, 1, 9, "140000", true, false), // same partner again → not a conflict
        (16, "full", 1, 2, 14, "300000", true, false), // effective visit → co-sell
        (17, "full", 2, 1, 16, "45000", true, false), // approved
        (1, "full", 4, 1, 11, "66000", true, false),  // approved
        (8, "short", 0, 0, 9, "52000", true, false),  // approved
    ];
    for (n, (i, variant, p, ago, hour, amount, contact, site)) in regs.iter().enumerate() {
        let co = &c[*i];
        let name = match *variant {
            "short" => format!("{}{}", co.0, co.1),
            "bracket" => format!("{}{}（{}）有限公司", co.0, co.1, co.2),
            "brand" => co.0.to_string(),
            _ => full(co),
        };
        let (partner, tier) = PARTNERS[*p];
        let phone = if *contact { format!("139{:08}", 10_000_000 + n * 7331) } else { String::new() };
        let site = if *site { format!("www.{}.com", co.4) } else { String::new() };
        let close = today.checked_add_days(Days::new(60 + n as u64 * 5)).unwrap_or(today);
        let _ = writeln!(
            rg,
            "R{:04},{partner},{tier},{} {hour:02}:{:02},{name},,{site},李经理,{phone},,{},CRM,{amount},{close}",
            n + 1,
            day(today, *ago),
            n * 3 % 60,
            co.3
        );
    }
    (fu, ha, rg)
}

impl Api {
    /// Fills an empty database with the demo users and data and runs the check as of today.
    pub async fn demo(&self) -> ApiResult<DemoSummary> {
        if self.sources().await?.iter().any(|s| s.rows > 0) {
            return Err(ApiError::conflict("this database already holds data; run the demo on a new --db file"));
        }
        let users = [
            ("admin", Role::Admin, vec![]),
            // The demo's channel manager works every region of the demo data: a channel manager acts
            // only in the regions assigned.
            ("wang.qudao", Role::ChannelManager, ["华东", "华南", "华北", "华中", "西南"].map(String::from).to_vec()),
            ("li.huadong", Role::RegionalHead, vec!["华东".to_string()]),
            ("zhao.huanan", Role::RegionalHead, vec!["华南".to_string()]),
            ("sun.yunying", Role::SalesOps, vec![]),
        ];
        for (name, role, regions) in users.iter().cloned() {
            self.save_user(User { name: name.into(), role, regions }, Some("admin")).await?;
        }
        let today = crate::decide::today();
        let (fu, ha, rg) = demo_files(today);
        let dir = tempfile::tempdir()
            .map_err(|e| ApiError::new(crate::ErrorCode::File, format!("cannot create a temporary folder: {e}")))?;
        let (gbk, _, _) = encoding_rs::GBK.encode(&fu);
        let files = [
            (RecordKind::FollowUp, "demo_follow_ups_gbk.csv", gbk.into_owned()),
            (RecordKind::HeadAccount, "demo_head_accounts.csv", ha.into_bytes()),
            (RecordKind::Registration, "demo_registrations.csv", [b"\xEF\xBB\xBF".as_slice(), rg.as_bytes()].concat()),
        ];
        let mut imported = Vec::new();
        for (kind, name, bytes) in files {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes)
                .map_err(|e| ApiError::new(crate::ErrorCode::File, format!("cannot write {}: {e}", path.display())))?;
            let report = self.import(kind, &path, Some("sun.yunying")).await?;
            imported.push((kind, report.inserted + report.updated));
        }
        let report = self.check(Selection::All, today, None, Arc::new(Silent)).await?;
        Ok(DemoSummary {
            imported,
            checked: report.decision_ids.len(),
            users: users.iter().map(|u| u.0.to_string()).collect(),
        })
    }
}
