//! The one integration-test binary of dealgate-audit: shared fixtures, and the suites in `suite/`.

#[path = "suite/chain.rs"]
mod chain;
#[path = "suite/export.rs"]
mod export;
#[path = "suite/verify.rs"]
mod verify;

use dealgate_audit::{AuditEntry, NewEntry};
use serde_json::json;

/// `2026-06-30T09:15:{n:02}Z`: one second apart, so each entry's time is distinct.
fn at(n: i64) -> String {
    format!("2026-06-30T09:15:{n:02}Z")
}

/// Chains `items` from an empty log.
fn chain_all(items: Vec<NewEntry>) -> Vec<AuditEntry> {
    let mut log: Vec<AuditEntry> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let next = AuditEntry::chain(log.last(), at(i as i64 + 1), item);
        log.push(next);
    }
    log
}

/// Ten entries covering the actions of a registration's life, with Chinese text throughout.
fn sample_log() -> Vec<AuditEntry> {
    chain_all(vec![
        NewEntry::new("王芳", "import", "报备登记表-2026Q2.xlsx")
            .payload(json!({"rows": 120, "skipped": 2, "编码": "GBK"})),
        NewEntry::new("system", "check", "REG-0001")
            .region("华东战区")
            .partner("上海云帆信息技术有限公司")
            .outcome("partner")
            .rule("no-effective-followup")
            .payload(
                json!({"customer": "易动纷享（北京）科技有限公司", "matches": [{"name": "纷享销客", "score": 0.93}]}),
            ),
        NewEntry::new("王芳", "decide.accept", "REG-0001")
            .region("华东战区")
            .partner("上海云帆信息技术有限公司")
            .outcome("partner")
            .rule("no-effective-followup"),
        NewEntry::new("李强", "decide.override", "REG-0002")
            .region("华北战区")
            .partner("北京智联渠道科技有限公司")
            .outcome("co-sell")
            .rule("direct-active")
            .payload(json!({"reason": "直营在跟进，转为项目合作", "followups": 3})),
        NewEntry::new("北京智联渠道科技有限公司", "dispute.open", "REG-0002")
            .region("华北战区")
            .partner("北京智联渠道科技有限公司")
            .payload(json!({"claim": "我方先报备，直营无有效跟进"})),
        NewEntry::new("张伟", "dispute.rule", "REG-0002")
            .region("华北战区")
            .partner("北京智联渠道科技有限公司")
            .outcome("partner")
            .rule("partner-first")
            .payload(json!({"basis": "谁能打赢：伙伴已完成演示"})),
        NewEntry::new("王芳", "extend", "REG-0001")
            .partner("上海云帆信息技术有限公司")
            .payload(json!({"days": 30, "until": "2026-09-30"})),
        NewEntry::new("system", "expire", "REG-0003").partner("深圳前海数智有限公司").outcome("expired"),
        NewEntry::new("admin", "settings.update", "settings")
            .payload(json!({"effective_window_days": {"from": 90, "to": 60}})),
        NewEntry::new("admin", "user.add", "赵敏").payload(json!({"role": "区域负责人", "region": "华南战区"})),
    ])
}
