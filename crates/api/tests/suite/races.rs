//! Two people acting on the same registration at the same moment, from two processes' worth of
//! connections on one database file: one wins, the other is told it changed, and nothing is lost.

use crate::support::*;
use dealgate_api::domain::{DecisionStatus, Outcome, RecordKind};
use dealgate_api::{Api, ErrorCode, Selection, Verdict};
use std::sync::Arc;

/// Brands of four characters none of which another brand uses: no two customers look alike, so every
/// registration is approved and can be accepted.
const CHARS: &str = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星云雨风雷电山川河海湖江林森松柏梅兰竹菊桃李杏梨春夏秋冬东南西北红橙黄绿青蓝紫白黑银铜铁锡玉珠宝石龙虎豹狮鹤鹰燕鹏琴棋书画诗词歌赋";

fn registrations(n: usize) -> String {
    let chars: Vec<char> = CHARS.chars().collect();
    let mut csv = String::from("registration_id,partner,partner_tier,submitted_at,customer_name,uscc,website,contact_name,contact_phone,contact_email,region,product,amount,expected_close\n");
    for i in 0..n {
        let brand: String = chars[i * 4..i * 4 + 4].iter().collect();
        csv.push_str(&format!(
            "RACE{i:02},伙伴{i},gold,2026-06-01T09:{:02}:00,{brand}有限公司,,,赵总,139{i:08},,华东,CRM,100000,2026-09-30\n",
            i % 60
        ));
    }
    csv
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_accept_racing_an_override_never_silently_undoes_the_override() {
    const N: usize = 22;
    let env = env().await;
    let file = env.write("race.csv", registrations(N).as_bytes());
    env.api.import(RecordKind::Registration, &file, Some(ADMIN)).await.unwrap();
    env.api.check(Selection::All, as_of(), None, Arc::new(dealgate_api::Silent)).await.unwrap();
    // A second desktop or CLI on the same file: its own connections.
    let other = Api::open_sqlite(&env.path("dealgate.db")).await.unwrap();
    let mut raced = 0;
    let (mut both_won, mut one_lost) = (0, 0);
    for i in 0..N {
        let id = format!("RACE{i:02}");
        let proposed = env.api.review(&id).await.unwrap().decision.unwrap();
        assert_eq!((proposed.outcome, proposed.status), (Outcome::Approved, DecisionStatus::Proposed), "{id}");
        raced += 1;
        let (a, b) = (env.api.clone(), other.clone());
        let (ia, ib) = (id.clone(), id.clone());
        let accept = tokio::spawn(async move { a.decide(&ia, Verdict::Accept, MANAGER).await });
        let over = tokio::spawn(async move {
            let v = Verdict::Override { outcome: Outcome::NeedsInfo, reason: "客户预算未定".into() };
            b.decide(&ib, v, MANAGER).await
        });
        let (accepted, overridden) = (accept.await.unwrap(), over.await.unwrap());
        let last = env.api.review(&id).await.unwrap().decision.unwrap();
        let history = env.api.review(&id).await.unwrap().history;
        match (&accepted, &overridden) {
            (Ok(_), Ok(o)) => {
                // Both went through, so they were one after the other: the override came second.
                both_won += 1;
                assert_eq!((last.id, last.status), (o.id, DecisionStatus::Overridden), "{id}: {history:?}");
                assert_eq!(history.len(), 3, "{id}: proposal, accept, override");
            }
            (Ok(a), Err(e)) | (Err(e), Ok(a)) => {
                one_lost += 1;
                assert_eq!(e.code, ErrorCode::Conflict, "{id}: the loser is told of a conflict: {e:?}");
                assert_eq!(last.id, a.id, "{id}: the winner's decision is current");
                assert_eq!(history.len(), 2, "{id}: the loser wrote nothing");
            }
            (Err(a), Err(o)) => panic!("{id}: neither went through: {a:?} / {o:?}"),
        }
        if overridden.is_ok() {
            assert_eq!(last.status, DecisionStatus::Overridden, "{id}: an override that reported success was undone");
        }
    }
    assert_eq!(raced, N);
    assert_eq!(both_won + one_lost, N);
    let v = env.api.verify_audit().await.unwrap();
    assert!(v.is_intact(), "{:?}", v.problems);
}
