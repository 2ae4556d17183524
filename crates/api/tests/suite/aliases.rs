//! Former names (曾用名): a registration naming an account's former name matches the account, and the
//! match goes when a re-import drops the former name (also in a corpus cached between checks).

use crate::support::*;
use dealgate_api::domain::{Outcome, RecordKind};
use dealgate_api::{Selection, Silent};
use std::sync::Arc;

const HEADS: &str = "account_id,region,account_name,曾用名,所属集团
H7,华东,杭州澜岳科技股份有限公司,杭州青禾网络有限公司；澜岳信息,澜岳控股集团
";
const REGISTRATIONS: &str = "registration_id,partner,partner_tier,submitted_at,customer_name,uscc,website,contact_name,contact_phone,contact_email,region,product,amount,expected_close
B1,甲方伙伴,gold,2026-06-01T09:00:00,杭州青禾网络有限公司,,,赵总,13900000001,,华东,CRM,180000,2026-09-30
";

#[tokio::test]
async fn a_registration_naming_a_former_name_matches_the_account_until_the_name_is_dropped() {
    let env = env().await;
    let heads = env.write("heads.csv", HEADS.as_bytes());
    env.api.import(RecordKind::HeadAccount, &heads, Some(ADMIN)).await.unwrap();
    let regs = env.write("regs.csv", REGISTRATIONS.as_bytes());
    env.api.import(RecordKind::Registration, &regs, Some(ADMIN)).await.unwrap();
    let stored = env.api.head_account_page(&Default::default()).await.unwrap().rows;
    assert_eq!(stored[0].former_names, ["杭州青禾网络有限公司", "澜岳信息"]);
    assert_eq!(stored[0].group.as_deref(), Some("澜岳控股集团"));

    let p = env.api.propose("B1", as_of()).await.unwrap();
    assert_eq!(p.outcome, Outcome::DirectRetained, "{}", p.summary);
    let head = &p.matches[0];
    assert_eq!(
        (head.record_id.as_str(), head.name.as_str()),
        ("H7", "杭州澜岳科技股份有限公司"),
        "the account, by its own id and name"
    );
    assert_eq!(p.matches.iter().filter(|m| m.record_id == "H7").count(), 1, "found once");
    let why = head.evidence.reasons.iter().find(|r| r.feature == "former_name").expect("the former name is a reason");
    assert!(why.detail.contains("杭州青禾网络有限公司"), "{}", why.detail);

    // Re-imported without former names, through the corpus this process keeps: the match is gone.
    let plain =
        env.write("heads2.csv", "account_id,region,account_name\nH7,华东,杭州澜岳科技股份有限公司\n".as_bytes());
    env.api.import(RecordKind::HeadAccount, &plain, Some(ADMIN)).await.unwrap();
    let report = env.api.check(Selection::Ids(vec!["B1".into()]), as_of(), None, Arc::new(Silent)).await.unwrap();
    let d = &env.api.decisions(&report.decision_ids).await.unwrap()[0];
    assert_eq!(d.outcome, Outcome::Approved, "{}", d.summary);
}
