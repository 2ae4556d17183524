//! Remembered pairs and the cached corpus: a label made through another connection (another process) is
//! applied by this process's next proposal and check, and forgetting it brings the match back.

use crate::support::*;
use dealgate_api::domain::{Band, Outcome, Source};
use dealgate_api::{Api, ErrorCode, PairVerdict, Selection, Silent, PAIR_FEATURE};
use std::sync::Arc;

#[tokio::test]
async fn a_label_made_elsewhere_counts_at_the_next_check_of_a_cached_corpus() {
    let env = checked().await;
    let before = env.api.propose("A1", as_of()).await.unwrap();
    assert_eq!(before.outcome, Outcome::DirectRetained, "A1 is head account H1");
    // Another desktop or CLI on the same file.
    let other = Api::open_sqlite(&env.path("dealgate.db")).await.unwrap();
    let refused = other.label_pair("A1", Source::HeadAccount, "H1", PairVerdict::Different, EAST_HEAD).await;
    assert_eq!(refused.unwrap_err().code, ErrorCode::Forbidden, "a regional head does not decide registrations");
    let missing = other.label_pair("A1", Source::FollowUp, "F1", PairVerdict::Different, MANAGER).await;
    assert_eq!(missing.unwrap_err().code, ErrorCode::NotFound, "F1 is not A1's evidence");
    let label = other.label_pair("A1", Source::HeadAccount, "H1", PairVerdict::Different, MANAGER).await.unwrap();

    let after = env.api.propose("A1", as_of()).await.unwrap();
    assert_eq!(after.outcome, Outcome::Approved, "{}", after.summary);
    assert!(after.summary.contains("set aside as a different company"), "{}", after.summary);
    let aside = after.matches.iter().find(|m| m.record_id == "H1").expect("the record is still shown");
    assert_eq!((aside.band, aside.score), (Band::None, 0.0));
    assert!(aside.evidence.reasons.iter().any(|r| r.feature == PAIR_FEATURE && r.agreed == Some(false)));
    // The stored check applies it too.
    let report = env.api.check(Selection::Ids(vec!["A1".into()]), as_of(), None, Arc::new(Silent)).await.unwrap();
    assert_eq!(env.api.decisions(&report.decision_ids).await.unwrap()[0].outcome, Outcome::Approved);

    other.forget_pair(label.id, MANAGER).await.unwrap();
    assert!(env.api.pair_labels().await.unwrap().is_empty());
    assert_eq!(env.api.propose("A1", as_of()).await.unwrap().outcome, Outcome::DirectRetained, "forgotten");
    other.close().await;
}
