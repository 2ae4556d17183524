//! Former names (曾用名): a registration naming an account's former name matches the account, and the
//! match goes when a re-import drops the former name (also in a corpus cached between checks). Groups
//! (所属集团): a company of a head account's group goes to review naming the group.

use crate::support::*;
use dealgate_api::domain::{Outcome, RecordKind};
use dealgate_api::{Selection, Silent, GROUP_RULE};
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

#[tokio::test]
async fn a_company_of_a_head_accounts_group_goes_to_review_naming_the_group() {
    let env = env().await;
    // Direct once visited a subsidiary, long ago: alone, that would leave the deal to the partner.
    let crm = "record_id,account_name,activity_date,activity_type,region,group
F9,宁波澜岳新能源有限公司,2025-01-05,visit,华东,澜岳控股集团
F10,宁波明远贸易有限公司,2025-01-05,visit,华东,明远集团
";
    let crm = env.write("crm.csv", crm.as_bytes());
    env.api.import(RecordKind::FollowUp, &crm, Some(ADMIN)).await.unwrap();
    let regs = "registration_id,partner,partner_tier,submitted_at,customer_name,uscc,website,contact_name,contact_phone,contact_email,region,product,amount,expected_close
B2,甲方伙伴,gold,2026-06-01T09:00:00,宁波澜岳新能源有限公司,,,赵总,13900000001,,华东,CRM,180000,2026-09-30
B3,甲方伙伴,gold,2026-06-02T09:00:00,宁波明远贸易有限公司,,,钱总,13900000002,,华东,CRM,90000,2026-09-30
";
    let regs = env.write("regs.csv", regs.as_bytes());
    env.api.import(RecordKind::Registration, &regs, Some(ADMIN)).await.unwrap();
    assert_eq!(env.api.propose("B2", as_of()).await.unwrap().outcome, Outcome::Approved, "no head account yet");
    // The head-account list arrives while the corpus is cached: the next check knows the group.
    let heads = env.write("heads.csv", HEADS.as_bytes());
    env.api.import(RecordKind::HeadAccount, &heads, Some(ADMIN)).await.unwrap();
    let report = env.api.check(Selection::All, as_of(), None, Arc::new(Silent)).await.unwrap();
    let ds = env.api.decisions(&report.decision_ids).await.unwrap();
    let b2 = ds.iter().find(|d| d.registration_id == "B2").unwrap();
    assert_eq!((b2.outcome, b2.rule.as_str()), (Outcome::Review, GROUP_RULE), "{}", b2.summary);
    assert!(b2.summary.contains("澜岳控股集团") && b2.summary.contains("H7"), "{}", b2.summary);
    assert_eq!(b2.protection_until, None);
    let b3 = ds.iter().find(|d| d.registration_id == "B3").unwrap();
    assert_eq!(b3.outcome, Outcome::Approved, "a group with no head account changes nothing: {}", b3.summary);
}

#[tokio::test]
async fn a_registration_named_like_a_head_accounts_group_is_reviewed_never_retained() {
    let env = env().await;
    let heads = env.write("heads.csv", HEADS.as_bytes());
    env.api.import(RecordKind::HeadAccount, &heads, Some(ADMIN)).await.unwrap();
    let regs = "registration_id,partner,partner_tier,submitted_at,customer_name,uscc,website,contact_name,contact_phone,contact_email,region,product,amount,expected_close
B4,甲方伙伴,gold,2026-06-01T09:00:00,澜岳控股集团有限公司,,,赵总,13900000001,,华东,CRM,180000,2026-09-30
B5,甲方伙伴,gold,2026-06-02T09:00:00,杭州澜岳科技股份有限公司,,,钱总,13900000002,,华东,CRM,90000,2026-09-30
";
    let regs = env.write("regs.csv", regs.as_bytes());
    env.api.import(RecordKind::Registration, &regs, Some(ADMIN)).await.unwrap();
    let group = env.api.propose("B4", as_of()).await.unwrap();
    assert_eq!((group.outcome, group.rule), (Outcome::Review, GROUP_RULE), "{}", group.summary);
    assert!(group.summary.contains("澜岳控股集团") && group.summary.contains("H7"), "{}", group.summary);
    assert_eq!(group.matches.iter().filter(|m| m.record_id == "H7").count(), 1);
    // The account itself, by its own name, is still retained.
    let own = env.api.propose("B5", as_of()).await.unwrap();
    assert_eq!(own.outcome, Outcome::DirectRetained, "{}", own.summary);
}
