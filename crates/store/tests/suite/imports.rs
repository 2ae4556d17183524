//! Imports upsert by id for all three kinds, and every field comes back exactly as imported.

use crate::support::*;
use dealgate_domain::{DecisionStatus, FollowUp, HeadAccount, Outcome, PartnerTier, Registration};
use dealgate_store::{ImportCounts, Store};

fn counts(inserted: usize, updated: usize) -> ImportCounts {
    ImportCounts { inserted, updated }
}

pub(crate) async fn follow_ups_reimport_updates_in_place(store: &dyn Store) {
    let first = vec![follow_up("FU-3", YUNFAN), follow_up("FU-1", CHURUI), follow_up("FU-2", LUDAO)];
    let c = store.import_follow_ups(&first, log("crm-1.csv", 3), import_entry("crm-1.csv")).await.unwrap();
    assert_eq!(c, counts(3, 0));

    let mut changed = follow_up("FU-2", "厦门鹭岛星澜医疗器械股份有限公司");
    changed.activity_date = day("2026-03-01");
    changed.activity_type = "demo".into();
    changed.owner = Some("黄嘉怡".into());
    let second = vec![changed.clone(), follow_up("FU-4", YANCHI)];
    let c = store.import_follow_ups(&second, log("crm-2.csv", 2), import_entry("crm-2.csv")).await.unwrap();
    assert_eq!(c, counts(1, 1), "FU-2 exists (updated), FU-4 is new");

    // Listed by record id, FU-2 replaced, nothing duplicated.
    let expected = vec![follow_up("FU-1", CHURUI), changed, follow_up("FU-3", YUNFAN), follow_up("FU-4", YANCHI)];
    assert_eq!(store.follow_ups().await.unwrap(), expected);

    // The same file again: all updated, row count stable.
    let c = store.import_follow_ups(&second, log("crm-2.csv", 2), import_entry("crm-2.csv")).await.unwrap();
    assert_eq!(c, counts(0, 2));
    assert_eq!(store.follow_ups().await.unwrap(), expected);
}

pub(crate) async fn head_accounts_reimport_updates_in_place(store: &dyn Store) {
    let first = vec![head_account("HA-1", "华东", YUNFAN), head_account("HA-2", "西南", CHURUI)];
    let c = store.import_head_accounts(&first, log("头部客户.xlsx", 2), import_entry("头部客户.xlsx")).await.unwrap();
    assert_eq!(c, counts(2, 0));

    let mut moved = head_account("HA-1", "华北", YUNFAN);
    moved.owner = Some("孙浩然".into());
    moved.website = Some("yunfan.com.cn".into());
    let second = vec![moved.clone(), head_account("HA-3", "华南", LUDAO)];
    let c = store.import_head_accounts(&second, log("头部客户-v2.xlsx", 2), import_entry("v2")).await.unwrap();
    assert_eq!(c, counts(1, 1));
    let expected = vec![moved, head_account("HA-2", "西南", CHURUI), head_account("HA-3", "华南", LUDAO)];
    assert_eq!(store.head_accounts().await.unwrap(), expected);

    let c = store.import_head_accounts(&expected, log("头部客户-v3.xlsx", 3), import_entry("v3")).await.unwrap();
    assert_eq!(c, counts(0, 3));
    assert_eq!(store.head_accounts().await.unwrap(), expected);
}

pub(crate) async fn registrations_reimport_updates_in_place_and_keep_their_decision(store: &dyn Store) {
    let a = registration("REG-A", "2026-03-01 09:00:00", YUNFAN);
    let b = registration("REG-B", "2026-03-02 09:00:00", CHURUI);
    let c = store.import_registrations(&[a.clone(), b.clone()], log("r1.xlsx", 2), import_entry("r1")).await.unwrap();
    assert_eq!(c, counts(2, 0));

    let d = decision("REG-A", Outcome::Approved, DecisionStatus::Accepted, "2026-03-03 08:00:00");
    let ids = store.record_decisions(&[(d.clone(), decision_entry(&d, "华南", MOYU))]).await.unwrap();

    let mut a2 = a.clone();
    a2.partner = LIXING.into();
    a2.partner_tier = PartnerTier::Silver;
    a2.amount = Some(520_000.5);
    a2.product = Some("营销云".into());
    let c3 = registration("REG-C", "2026-03-03 09:00:00", LUDAO);
    let c = store.import_registrations(&[a2.clone(), c3.clone()], log("r2.xlsx", 2), import_entry("r2")).await.unwrap();
    assert_eq!(c, counts(1, 1));
    assert_eq!(store.registrations().await.unwrap(), vec![a2.clone(), b, c3]);
    assert_eq!(store.registration("REG-A").await.unwrap(), Some(a2));
    assert_eq!(store.registration("REG-NONE").await.unwrap(), None);

    // Re-importing a registration does not detach its decision.
    let current = store.current_decision("REG-A").await.unwrap().expect("decision stays attached");
    assert_eq!(current, dealgate_domain::Decision { id: ids[0], ..d });
    assert_eq!(store.decision_history("REG-A").await.unwrap().len(), 1);
}

pub(crate) async fn an_id_repeated_in_one_file_counts_once_and_the_last_row_wins(store: &dyn Store) {
    let mut later = follow_up("FU-1", YUNFAN);
    later.stage = Some("商务谈判".into());
    let rows = vec![follow_up("FU-1", YUNFAN), follow_up("FU-2", CHURUI), later.clone()];
    let c = store.import_follow_ups(&rows, log("dup.csv", 3), import_entry("dup.csv")).await.unwrap();
    assert_eq!(c, counts(2, 1), "the second FU-1 updates the first");
    assert_eq!(store.follow_ups().await.unwrap(), vec![later, follow_up("FU-2", CHURUI)]);
}

pub(crate) async fn warnings_round_trip_and_a_reimport_can_clear_them(store: &dyn Store) {
    let warnings = vec![
        warning("uscc", "91330106MA2H3X4Y5X", "统一社会信用代码校验位不符"),
        warning("website", "http//yunfan", "网址格式不对：缺少冒号"),
    ];
    let mut f = follow_up("FU-1", YUNFAN);
    f.warnings = warnings.clone();
    let mut h = head_account("HA-1", "华东", YUNFAN);
    h.warnings = warnings[..1].to_vec();
    let mut r = registration("REG-1", "2026-03-01 09:00:00", YUNFAN);
    r.warnings = warnings.clone();
    store.import_follow_ups(std::slice::from_ref(&f), log("f.csv", 1), import_entry("f.csv")).await.unwrap();
    store.import_head_accounts(std::slice::from_ref(&h), log("h.csv", 1), import_entry("h.csv")).await.unwrap();
    store.import_registrations(std::slice::from_ref(&r), log("r.csv", 1), import_entry("r.csv")).await.unwrap();
    assert_eq!(store.follow_ups().await.unwrap(), vec![f]);
    assert_eq!(store.head_accounts().await.unwrap(), vec![h]);
    assert_eq!(store.registration("REG-1").await.unwrap(), Some(r.clone()));
    assert!(store.registration("REG-1").await.unwrap().unwrap().is_flagged("website"));

    // A corrected file clears the warnings.
    let fixed = Registration { warnings: Vec::new(), ..r };
    store.import_registrations(std::slice::from_ref(&fixed), log("r2.csv", 1), import_entry("r2.csv")).await.unwrap();
    assert_eq!(store.registration("REG-1").await.unwrap(), Some(fixed));
}

pub(crate) async fn absent_fields_round_trip_as_none_and_a_reimport_can_blank_them(store: &dyn Store) {
    let bare_f = FollowUp {
        uscc: None,
        website: None,
        phone: None,
        region: None,
        owner: None,
        stage: None,
        former_names: Vec::new(),
        group: None,
        ..follow_up("FU-1", YUNFAN)
    };
    let bare_h = HeadAccount {
        uscc: None,
        website: None,
        owner: None,
        former_names: Vec::new(),
        group: None,
        ..head_account("HA-1", "华东", YUNFAN)
    };
    let bare_r = Registration {
        uscc: None,
        website: None,
        contact_name: None,
        contact_phone: None,
        contact_email: None,
        region: None,
        product: None,
        amount: None,
        expected_close: None,
        ..registration("REG-1", "2026-03-01 09:00:00", YUNFAN)
    };
    // First full, then blank: an upsert must overwrite with "absent", not keep the old value.
    store.import_follow_ups(&[follow_up("FU-1", YUNFAN)], log("f1", 1), import_entry("f1")).await.unwrap();
    store
        .import_head_accounts(&[head_account("HA-1", "华东", YUNFAN)], log("h1", 1), import_entry("h1"))
        .await
        .unwrap();
    seed(store, &[registration("REG-1", "2026-03-01 09:00:00", YUNFAN)]).await;
    store.import_follow_ups(std::slice::from_ref(&bare_f), log("f2", 1), import_entry("f2")).await.unwrap();
    store.import_head_accounts(std::slice::from_ref(&bare_h), log("h2", 1), import_entry("h2")).await.unwrap();
    seed(store, std::slice::from_ref(&bare_r)).await;
    assert_eq!(store.follow_ups().await.unwrap(), vec![bare_f]);
    assert_eq!(store.head_accounts().await.unwrap(), vec![bare_h]);
    assert_eq!(store.registrations().await.unwrap(), vec![bare_r]);
}

pub(crate) async fn registrations_are_listed_by_submission_time_then_id(store: &dyn Store) {
    let rows = vec![
        registration("REG-9", "2026-03-10 08:00:00", YUNFAN),
        registration("REG-B", "2026-03-09 23:59:59", CHURUI),
        registration("REG-A", "2026-03-09 23:59:59", LUDAO),
        registration("REG-1", "2026-03-09 09:05:00", YANCHI),
        registration("REG-2", "2026-03-09 10:00:00", YUNFAN),
        registration("REG-0", "2025-12-31 23:00:00", CHURUI),
    ];
    seed(store, &rows).await;
    let ids: Vec<String> = store.registrations().await.unwrap().into_iter().map(|r| r.registration_id).collect();
    assert_eq!(ids, ["REG-0", "REG-1", "REG-2", "REG-A", "REG-B", "REG-9"]);
}

pub(crate) async fn amounts_and_dates_round_trip_exactly(store: &dyn Store) {
    let cases: [(Option<f64>, &str, Option<&str>); 7] = [
        (Some(0.1), "2026-01-01 00:00:00", Some("2028-02-29")),
        (Some(1_234_567.89), "2026-12-31 23:59:59", Some("2026-12-31")),
        (Some(1.0 / 3.0), "2026-06-15 12:34:56", Some("2099-01-01")),
        (Some(12_000_000.0), "2026-02-28 07:08:09", Some("2026-03-01")),
        (Some(99_999_999_999.99), "2024-02-29 18:00:00", None),
        (Some(0.0), "2026-03-01 00:00:01", Some("2000-01-01")),
        (Some(-2_500.75), "2026-03-01 00:00:02", Some("2026-07-04")),
    ];
    let rows: Vec<Registration> = cases
        .iter()
        .enumerate()
        .map(|(i, (amount, submitted, close))| Registration {
            amount: *amount,
            expected_close: close.map(day),
            ..registration(&format!("REG-{i}"), submitted, YUNFAN)
        })
        .collect();
    seed(store, &rows).await;
    for row in &rows {
        let back = store.registration(&row.registration_id).await.unwrap().expect("stored");
        assert_eq!(back.amount.map(f64::to_bits), row.amount.map(f64::to_bits), "amount of {}", row.registration_id);
        assert_eq!(back.submitted_at, row.submitted_at);
        assert_eq!(back.expected_close, row.expected_close);
    }
    let mut f = follow_up("FU-1", YUNFAN);
    f.activity_date = day("2028-02-29");
    store.import_follow_ups(std::slice::from_ref(&f), log("f", 1), import_entry("f")).await.unwrap();
    assert_eq!(store.follow_ups().await.unwrap()[0].activity_date, f.activity_date);
}

pub(crate) async fn chinese_text_round_trips(store: &dyn Store) {
    let r = Registration {
        partner: "重庆𠮷祥云服科技有限公司（渝中分公司）".into(),
        customer_name: "合肥蔚蓝拾光能源科技有限公司".into(),
        contact_name: Some("欧阳·娜娜".into()),
        contact_email: Some("联系人@蔚蓝拾光.中国".into()),
        region: Some("华中战区".into()),
        product: Some("智能客服 × 营销自动化「旗舰版」".into()),
        website: Some("https://蔚蓝拾光.公司".into()),
        ..registration("报备-〇〇一", "2026-03-01 09:00:00", YUNFAN)
    };
    let f = FollowUp {
        stage: Some("商务谈判——待报价".into()), ..follow_up("跟进-1", "合肥蔚蓝拾光能源科技有限公司")
    };
    let h = head_account("头部-1", "华中", "合肥蔚蓝拾光能源科技有限公司");
    seed(store, std::slice::from_ref(&r)).await;
    store
        .import_follow_ups(std::slice::from_ref(&f), log("跟进记录.csv", 1), import_entry("跟进记录.csv"))
        .await
        .unwrap();
    store
        .import_head_accounts(std::slice::from_ref(&h), log("头部客户.csv", 1), import_entry("头部客户.csv"))
        .await
        .unwrap();
    assert_eq!(store.registration("报备-〇〇一").await.unwrap(), Some(r));
    assert_eq!(store.follow_ups().await.unwrap(), vec![f]);
    assert_eq!(store.head_accounts().await.unwrap(), vec![h]);
}

pub(crate) async fn an_import_larger_than_one_statement_counts_every_row(store: &dyn Store) {
    let rows: Vec<Registration> = (0..2_345)
        .map(|i| {
            registration(&format!("REG-{i:05}"), &format!("2026-03-01 {:02}:{:02}:00", i / 60 % 24, i % 60), LUDAO)
        })
        .collect();
    let c = store.import_registrations(&rows, log("big.csv", rows.len()), import_entry("big.csv")).await.unwrap();
    assert_eq!(c, counts(2_345, 0));
    let mut again = rows.clone();
    again.push(registration("REG-99999", "2026-03-02 00:00:00", YANCHI));
    let c = store.import_registrations(&again, log("big.csv", again.len()), import_entry("big.csv")).await.unwrap();
    assert_eq!(c, counts(1, 2_345));
    let stored = store.registrations().await.unwrap();
    assert_eq!(stored.len(), 2_346);
    let sources = store.sources().await.unwrap();
    let regs = sources.iter().find(|s| s.kind == dealgate_domain::RecordKind::Registration).unwrap();
    assert_eq!(regs.rows, 2_346);
}

/// Every row the scan sends, in chunks of two, with the name keys stored beside them.
async fn scanned<T: Send + 'static>(
    scan: impl std::future::Future<Output = dealgate_store::Result<()>>,
    mut rx: tokio::sync::mpsc::Receiver<Vec<dealgate_store::Keyed<T>>>,
) -> (Vec<T>, Vec<Option<String>>) {
    let (done, rows) = tokio::join!(scan, async move {
        let mut all = Vec::new();
        while let Some(chunk) = rx.recv().await {
            assert!(chunk.len() <= 2, "chunks hold at most the size asked");
            all.extend(chunk);
        }
        all
    });
    done.expect("scan");
    rows.into_iter().unzip()
}

pub(crate) async fn index_scans_read_every_row_as_stored(store: &dyn Store) {
    // Absent fields, warnings, amounts and dates must come back through the bulk reader as they do
    // through the ordinary queries.
    let mut sparse = follow_up("FU-2", LUDAO);
    (sparse.uscc, sparse.website, sparse.phone, sparse.owner, sparse.stage) = (None, None, None, None, None);
    sparse.warnings = vec![warning("uscc", "9133", "too short")];
    let follow = vec![follow_up("FU-1", YUNFAN), sparse, follow_up("FU-3", CHURUI)];
    let keys = ["k1".to_string(), "k2".to_string(), "k3".to_string()];
    store.import_follow_ups_keyed(&follow, &keys, log("crm.csv", 3), import_entry("crm.csv")).await.unwrap();
    let heads = vec![head_account("HA-1", "华东", YUNFAN)];
    store.import_head_accounts(&heads, log("heads.csv", 1), import_entry("heads.csv")).await.unwrap();
    let mut bare = registration("REG-B", "2026-03-01 09:00:00", CHURUI);
    (bare.amount, bare.expected_close, bare.contact_email) = (None, None, None);
    let regs = vec![registration("REG-A", "2026-03-02 09:00:00", YUNFAN), bare];
    store.import_registrations(&regs, log("regs.csv", 2), import_entry("regs.csv")).await.unwrap();

    let (tx, rx) = tokio::sync::mpsc::channel(4);
    let (got, got_keys) = scanned(store.scan_follow_ups(2, tx), rx).await;
    let mut got: Vec<_> = got.into_iter().zip(got_keys).collect();
    got.sort_by(|a, b| a.0.record_id.cmp(&b.0.record_id));
    let (got, got_keys): (Vec<_>, Vec<_>) = got.into_iter().unzip();
    assert_eq!(got, store.follow_ups().await.unwrap());
    assert_eq!(got[1].warnings, follow[1].warnings);
    assert_eq!(got_keys, keys.map(Some), "each row's name key beside it");
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    assert_eq!(scanned(store.scan_head_accounts(2, tx), rx).await, (heads, vec![None]), "imported without keys");
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    let (got, _) = scanned(store.scan_registrations(2, tx), rx).await;
    assert_eq!(got, store.registrations().await.unwrap(), "in submitted order, every field");
    assert_eq!((got[0].registration_id.as_str(), got[0].amount), ("REG-B", None));
}

pub(crate) async fn registrations_by_ids_come_in_the_order_asked_with_gaps_for_unknown_ids(store: &dyn Store) {
    let regs: Vec<Registration> =
        (0..6001).map(|i| registration(&format!("REG-{i:05}"), "2026-03-01 09:00:00", YUNFAN)).collect();
    seed(store, &regs).await;
    // More ids than one statement binds, out of order, one unknown and one asked twice.
    let mut ids: Vec<String> = (0..6001).rev().map(|i| format!("REG-{i:05}")).collect();
    ids.insert(3, "REG-NONE".into());
    ids.push("REG-00007".into());
    let got = store.registrations_by_ids(&ids).await.unwrap();
    assert_eq!(got.len(), ids.len());
    assert_eq!(got[3], None, "an unknown id gives None in its place");
    for (id, reg) in ids.iter().zip(&got).filter(|(id, _)| *id != "REG-NONE") {
        assert_eq!(reg.as_ref().map(|r| &r.registration_id), Some(id));
    }
    assert_eq!(got[0].as_ref(), Some(&regs[6000]), "every field comes back");
    assert!(store.registrations_by_ids(&[]).await.unwrap().is_empty());
}

pub(crate) async fn one_follow_up_or_head_account_is_read_by_its_id(store: &dyn Store) {
    let mut fu = follow_up("FU-2", LUDAO);
    fu.owner = Some("黄嘉怡".into());
    fu.stage = Some("方案".into());
    fu.activity_date = day("2026-02-14");
    let rows = vec![follow_up("FU-1", CHURUI), fu.clone(), follow_up("FU-3", YUNFAN)];
    store.import_follow_ups(&rows, log("crm.csv", 3), import_entry("crm.csv")).await.unwrap();
    let heads = vec![head_account("HA-1", "华东", YUNFAN), head_account("HA-2", "西南", CHURUI)];
    store.import_head_accounts(&heads, log("头部客户.xlsx", 2), import_entry("头部客户.xlsx")).await.unwrap();

    assert_eq!(store.follow_up("FU-2").await.unwrap(), Some(fu), "the record asked for, every field");
    assert_eq!(store.follow_up("FU-9").await.unwrap(), None);
    assert_eq!(store.follow_up("HA-1").await.unwrap(), None, "ids of another kind are not follow-ups");
    assert_eq!(store.head_account("HA-2").await.unwrap(), Some(heads[1].clone()));
    assert_eq!(store.head_account("FU-1").await.unwrap(), None);
}
