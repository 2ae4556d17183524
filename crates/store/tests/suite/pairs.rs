//! Remembered pairs of names: saved, replaced by pair, listed and forgotten, each change with its entry.

use crate::support::*;
use dealgate_audit::NewEntry;
use dealgate_domain::{PairLabel, PairVerdict, Source};
use dealgate_store::Store;

pub(crate) fn pair(key: &str, verdict: PairVerdict, left: &str, right: &str) -> PairLabel {
    PairLabel {
        id: 0,
        verdict,
        pair_key: key.into(),
        left_name: left.into(),
        right_name: right.into(),
        source: Source::FollowUp,
        record_id: "FU-1".into(),
        registration_id: "REG-1".into(),
        region: Some("华东".into()),
        actor: "王芳".into(),
        created_at: dt("2026-03-04 08:00:00"),
    }
}

fn entry(action: &str) -> NewEntry {
    NewEntry::new("王芳", action, "REG-1").region("华东").payload(serde_json::json!({ "note": "复核" }))
}

pub(crate) async fn pairs_are_remembered_replaced_by_pair_and_forgotten_with_their_entries(store: &dyn Store) {
    assert!(store.pair_labels().await.unwrap().is_empty());
    let same = pair("a\tb", PairVerdict::Same, YUNFAN, "云帆数据");
    let id = store.save_pair_label(&same, entry("pairs.same")).await.unwrap();
    let other = pair("c\td", PairVerdict::Different, CHURUI, YANCHI);
    let other_id = store.save_pair_label(&other, entry("pairs.different")).await.unwrap();
    assert_ne!(id, other_id);
    assert_eq!(
        store.pair_labels().await.unwrap(),
        vec![PairLabel { id, ..same.clone() }, PairLabel { id: other_id, ..other.clone() }]
    );

    // The same pair labelled again replaces its label and keeps its number.
    let mut changed = pair("a\tb", PairVerdict::Different, YUNFAN, "云帆数据");
    changed.source = Source::HeadAccount;
    changed.record_id = "HA-7".into();
    changed.region = None;
    assert_eq!(store.save_pair_label(&changed, entry("pairs.different")).await.unwrap(), id);
    let labels = store.pair_labels().await.unwrap();
    assert_eq!(labels.len(), 2);
    assert_eq!(labels[0], PairLabel { id, ..changed.clone() });

    assert_eq!(store.forget_pair_label(9999, entry("pairs.forget")).await.unwrap(), None);
    assert_eq!(all_entries(store).await.len(), 3, "forgetting an unknown pair writes nothing");
    let removed = store.forget_pair_label(other_id, entry("pairs.forget")).await.unwrap();
    assert_eq!(removed, Some(PairLabel { id: other_id, ..other }));
    assert_eq!(store.pair_labels().await.unwrap(), vec![PairLabel { id, ..changed }]);

    let entries = assert_chain_intact(store).await;
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["pairs.same", "pairs.different", "pairs.different", "pairs.forget"]);
    assert_eq!(entries[0].payload["pair_id"], id, "the entry names the label it made");
    assert_eq!(entries[3].payload["removed"]["right_name"], YANCHI, "the entry keeps what was forgotten");
}
