//! The desktop's previews: the Settings screen's replay of whole draft settings (nothing written) and
//! the intake form's proposal as it is typed (nothing stored), then the form saved.

use crate::support::*;
use dealgate_api::domain::{Band, Outcome, Settings};
use dealgate_api::{AuditQuery, ErrorCode, RegistrationForm};

#[tokio::test]
async fn a_settings_preview_replays_the_draft_and_writes_nothing() {
    let env = checked().await;
    let api = &env.api;
    let (version, current) = api.settings().await.unwrap();
    let entries = api.audit_log(&AuditQuery::default()).await.unwrap().total;
    let draft = Settings { channel_only_regions: vec!["华东".into()], ..current.clone() };
    let r = api.preview_settings(draft, as_of()).await.unwrap();
    assert_eq!((r.replayed, r.changed, r.contradicted), (4, 1, 0));
    assert_eq!(r.changes, [r#"channel_only_regions=["华东"]"#]);
    let a2 = &r.rows[0];
    assert_eq!(
        (a2.registration_id.as_str(), a2.current_outcome, a2.replayed_outcome),
        ("A2", Some(Outcome::CoSell), Outcome::Approved)
    );
    assert_eq!(api.settings().await.unwrap(), (version, current.clone()), "no settings version saved");
    assert_eq!(api.audit_log(&AuditQuery::default()).await.unwrap().total, entries, "no audit entry");
    assert!(r.bands_moved.is_empty(), "the thresholds stay: no relation moves band");
    let bad = Settings { review_threshold: 0.99, ..current };
    assert_eq!(api.preview_settings(bad, as_of()).await.unwrap_err().code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn a_threshold_change_names_the_relations_it_moves_wholesale() {
    let env = checked().await;
    let api = &env.api;
    let (_, current) = api.settings().await.unwrap();
    // Raised above 0.90: every listed short name (a fixed 0.90) would go to review.
    let stricter = Settings { match_threshold: 0.91, ..current.clone() };
    let r = api.preview_settings(stricter, as_of()).await.unwrap();
    let names = r
        .bands_moved
        .iter()
        .find(|m| m.feature == "core_name" && m.score == 0.90)
        .expect("the 0.90 name relations move");
    assert_eq!((names.before, names.after), (Band::Match, Band::Review));
    assert!(names.levels.iter().any(|l| l == "abbrev.listed"), "{:?}", names.levels);
    assert!(
        r.bands_moved.iter().all(|m| m.score >= 0.88 && m.score < 0.91 && m.after == Band::Review),
        "{:?}",
        r.bands_moved
    );
    // Review raised above 0.80: relations at 0.80 stop being a look and would be dropped.
    let laxer = Settings { review_threshold: 0.81, ..current };
    let r = api.preview_settings(laxer, as_of()).await.unwrap();
    let looks =
        r.bands_moved.iter().find(|m| m.feature == "core_name" && m.score == 0.80).expect("the 0.80 looks move");
    assert_eq!((looks.before, looks.after), (Band::Review, Band::None));
    assert!(looks.levels.iter().any(|l| l == "typo.in_brand"), "{:?}", looks.levels);
}

#[tokio::test]
async fn the_intake_form_is_proposed_as_typed_and_stored_when_saved() {
    let env = checked().await;
    let api = &env.api;
    let form = RegistrationForm {
        partner: "丁方伙伴".into(),
        customer_name: "杭州云帆数据".into(),
        contact_phone: "13900000011".into(),
        region: "华东".into(),
        amount: "12万".into(),
        expected_close: "2026-10-30".into(),
        ..Default::default()
    };
    let entries = api.audit_log(&AuditQuery::default()).await.unwrap().total;
    let proposed = api.propose_form(&form, as_of()).await.unwrap();
    assert_eq!((proposed.decision.outcome, proposed.stored), (Outcome::DirectRetained, false));
    assert_eq!(proposed.decision.matches[0].record_id, "H1");
    assert_eq!(api.audit_log(&AuditQuery::default()).await.unwrap().total, entries, "a proposal stores nothing");
    let bad = RegistrationForm { amount: "很多".into(), ..form.clone() };
    let err = api.propose_form(&bad, as_of()).await.unwrap_err();
    assert!(err.message.contains("(amount): \"很多\"") && err.message.contains("12万"), "{err:?}");
    let saved =
        api.register(&RegistrationForm { registration_id: "A9".into(), ..form }, as_of(), Some(MANAGER)).await.unwrap();
    assert!(saved.stored && saved.decision.id > 0, "{saved:?}");
    assert_eq!((saved.decision.outcome, saved.decision.actor.as_str()), (Outcome::DirectRetained, MANAGER));
    assert_eq!(saved.registration.amount, Some(120_000.0));
}
