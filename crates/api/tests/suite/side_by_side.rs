//! The review's side-by-side: the record the decision rests on, read whole, and who engaged the customer
//! first; the dispute view's contested decision by its version number with the same record beside it.

use crate::support::*;
use dealgate_api::domain::{Outcome, RecordKind, Source};
use dealgate_api::{EngagedFirst, Selection, Silent};
use std::sync::Arc;

#[tokio::test]
async fn the_review_sets_the_deciding_record_beside_the_registration_with_who_was_first() {
    let env = checked().await;
    let api = &env.api;

    // A2 (registered 06-02) is followed up by direct (F1, a visit on 06-10): the partner was 8 days first.
    let a2 = api.review("A2").await.unwrap();
    let c = a2.counterpart.expect("A2 has a follow-up beside it");
    assert_eq!((c.source, c.record_id.as_str(), c.found), (Source::FollowUp, "F1", true));
    assert_eq!(c.customer_name, "上海栖梧软件有限公司");
    assert_eq!((c.owner.as_deref(), c.region.as_deref()), (Some("陈静"), Some("华东")));
    assert_eq!((c.stage.as_deref(), c.activity_type.as_deref()), (Some("方案沟通"), Some("visit")));
    assert_eq!(c.engaged_on, Some("2026-06-10".parse().unwrap()));
    let first = c.first.unwrap();
    assert_eq!((first.first, first.days), (EngagedFirst::Registration, 8));

    // A1 is on 华东's head-account list: the list entry, with its owner, and no date to compare.
    let c = api.review("A1").await.unwrap().counterpart.expect("A1's head account");
    assert_eq!((c.source, c.record_id.as_str(), c.decides), (Source::HeadAccount, "H1", true));
    assert_eq!((c.owner.as_deref(), c.region.as_deref(), c.first), (Some("王芳"), Some("华东"), None));

    // A4 matched nothing: no counterpart (the review shows no empty half of the page).
    assert!(api.review("A4").await.unwrap().counterpart.is_none());
}

#[tokio::test]
async fn a_later_partners_duplicate_shows_the_earlier_registration_and_its_standing() {
    let env = checked().await;
    let api = &env.api;
    let later = "\
registration_id,partner,partner_tier,submitted_at,customer_name,uscc,website,contact_name,contact_phone,contact_email,region,product,amount,expected_close
A5,丙方伙伴,silver,2026-06-05T08:00:00,深圳拾光教育科技有限公司,,,周经理,13900000005,,华南,CRM,88000,2026-12-01
";
    let p = env.write("later.csv", later.as_bytes());
    api.import(RecordKind::Registration, &p, Some(ADMIN)).await.unwrap();
    api.check(Selection::Ids(vec!["A5".into()]), as_of(), None, Arc::new(Silent)).await.unwrap();

    let view = api.review("A5").await.unwrap();
    assert_eq!(view.decision.as_ref().map(|d| d.outcome), Some(Outcome::Duplicate));
    let c = view.counterpart.expect("the earlier registration");
    assert_eq!((c.source, c.record_id.as_str(), c.decides), (Source::Registration, "A3", true));
    assert_eq!((c.partner.as_deref(), c.amount, c.region.as_deref()), (Some("乙方伙伴"), Some(60000.0), Some("华南")));
    assert_eq!(c.expected_close, Some("2026-10-15".parse().unwrap()));
    assert_eq!(c.outcome, Some(Outcome::Approved), "A3's own current outcome");
    assert!(c.protection_until.is_some());
    let first = c.first.unwrap();
    assert_eq!((first.first, first.days), (EngagedFirst::Counterpart, 2), "A3 was registered 06-03, A5 06-05");
}

#[tokio::test]
async fn a_dispute_names_the_version_it_contests_and_its_record_after_a_ruling() {
    let env = checked().await;
    let api = &env.api;
    let opened = api.open_dispute("A2", "直营只拜访过一次，伙伴先报备", MANAGER).await.unwrap();
    api.rule_dispute(opened.id, Outcome::Approved, "伙伴更有把握赢单", EAST_HEAD).await.unwrap();

    let views = api.dispute_views(false, ADMIN).await.unwrap();
    let v = views.iter().find(|v| v.dispute.id == opened.id).unwrap();
    assert_eq!(v.contested_version, Some(1), "it contested A2's first decision");
    let contested = v.contested.as_ref().unwrap();
    assert_eq!((contested.id, contested.outcome), (opened.decision_id, Outcome::CoSell));
    assert_eq!(v.decision.as_ref().map(|d| d.outcome), Some(Outcome::Approved), "the ruling is current now");
    let c = v.counterpart.as_ref().expect("the contested decision's follow-up");
    assert_eq!((c.record_id.as_str(), c.owner.as_deref()), ("F1", Some("陈静")));
}
