//! Desktop notices on a real database: after a marker, each user hears of the disputes and rulings that
//! concern them (a ruling reaches whoever made the contested decision), never of their own actions.

use crate::support::*;
use dealgate_api::domain::{Lang, Outcome};
use dealgate_api::{NoticeKind, Verdict};

#[tokio::test]
async fn a_ruling_reaches_the_decision_maker_and_nobody_hears_of_their_own_acts() {
    let env = checked().await;
    let api = &env.api;
    api.decide("A3", Verdict::Accept, MANAGER).await.unwrap();
    let start = api.change_marker().await.unwrap();
    let dispute = api.open_dispute("A3", "直营上月已拜访过该客户", ADMIN).await.unwrap();
    api.rule_dispute(dispute.id, Outcome::CoSell, "双方合作更能赢单", SOUTH_HEAD).await.unwrap();
    let head = api.change_marker().await.unwrap();

    let kinds = |user: &str| {
        let user = user.to_string();
        async move {
            let (notices, through) = api.notices_after(start, &user, Lang::Zh).await.unwrap();
            assert_eq!(through, head, "read up to the log's head");
            notices.iter().map(|n| n.kind).collect::<Vec<_>>()
        }
    };
    // The manager of 华南 made the decision: told of the dispute and of its ruling.
    assert_eq!(kinds(MANAGER).await, [NoticeKind::DisputeOpened, NoticeKind::DisputeRuled]);
    // The head of 华南 ruled (their own act): told only of the dispute; 华东's head of nothing.
    assert_eq!(kinds(SOUTH_HEAD).await, [NoticeKind::DisputeOpened]);
    assert_eq!(kinds(EAST_HEAD).await, []);
    // The admin opened the dispute (their own act) and hears of its ruling.
    assert_eq!(kinds(ADMIN).await, [NoticeKind::DisputeRuled]);

    let (notices, _) = api.notices_after(start, MANAGER, Lang::Zh).await.unwrap();
    assert_eq!(notices[1].title, "申诉已裁决：A3");
    assert!(
        notices[1].body.starts_with(&format!("{SOUTH_HEAD} 裁决 A3（华南，乙方伙伴）为项目合作")),
        "{}",
        notices[1].body
    );
    let (notices, _) = api.notices_after(start, MANAGER, Lang::En).await.unwrap();
    assert_eq!(notices[0].body, format!("{ADMIN} contests A3 (华南, 乙方伙伴): 直营上月已拜访过该客户"));
    // Nothing new after the head; an unknown user hears nothing.
    assert!(api.notices_after(head, MANAGER, Lang::Zh).await.unwrap().0.is_empty());
    assert!(api.notices_after(start, "nobody", Lang::Zh).await.unwrap().0.is_empty());
}
