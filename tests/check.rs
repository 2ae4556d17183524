//! The check end to end: every outcome on the fixtures, the evidence it rests on, and re-checking.

use crate::support::Env;

#[test]
fn every_outcome_with_the_record_it_rests_on() {
    let env = Env::new();
    env.import_fixtures();
    let d = env.check_all();
    let expect = [
        ("R01", "direct_retained", Some(("head_account", "H01"))),
        ("R02", "co_sell", Some(("follow_up", "F01"))),
        ("R03", "duplicate", Some(("registration", "R02"))),
        ("R04", "approved", None),
        ("R05", "approved", None),
        ("R06", "co_sell", Some(("follow_up", "F04"))),
        ("R07", "needs_info", None),
        ("R08", "review", Some(("head_account", "H02"))),
        ("R09", "approved", None),
        ("R10", "co_sell", Some(("follow_up", "F05"))),
    ];
    assert_eq!(d.len(), expect.len());
    for (id, outcome, first) in expect {
        let got = &d[id];
        assert_eq!(got["outcome"], outcome, "{id}: {got}");
        if let Some((source, record)) = first {
            assert_eq!(got["matches"][0]["source"], source, "{id}: {got}");
            assert_eq!(got["matches"][0]["record_id"], record, "{id}: {got}");
        }
    }
    // Co-sell lead follows the tier; protection runs 90 days from the as-of date.
    assert_eq!(d["R02"]["lead"], "direct_led");
    assert_eq!(d["R02"]["direct_owner"], "陈静");
    assert_eq!(d["R06"]["lead"], "partner_led");
    assert_eq!(d["R04"]["protection_until"], "2026-09-28");
    // A stale follow-up is evidence, not a conflict.
    assert_eq!(d["R04"]["matches"][0]["record_id"], "F02");
    assert!(d["R04"]["summary"].as_str().unwrap().contains("without effective follow-up"));
    // The English name matched through the shared website, and the evidence says so.
    let reasons = d["R06"]["matches"][0]["evidence"]["reasons"].as_array().unwrap();
    assert!(reasons.iter().any(|r| r["feature"] == "domain" && r["agreed"] == true), "{reasons:?}");
    // Evidence shows both names as normalised.
    assert_eq!(d["R01"]["matches"][0]["evidence"]["candidate_core"], "云帆数据科技");
    assert_eq!(d["R01"]["settings_version"], 0);
    // ... and the record's name as imported, whether or not folding changes it.
    assert_eq!(d["R01"]["matches"][0]["name"], "杭州云帆数据科技有限公司");
    assert_eq!(d["R03"]["matches"][0]["name"], "栖梧软件（上海）有限公司");
}

#[test]
fn checking_again_replaces_proposals_but_never_a_persons_decision() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    env.ok(&["--as", "cm", "decide", "R04", "accept"]);
    let again = env.check_all();
    assert!(!again.contains_key("R04"), "a decided registration is not re-checked");
    assert_eq!(again.len(), 9);
    let err = env.fails(&["check", "R04", "--as-of", "2026-06-30"], 3);
    assert!(err.contains("already decided") && err.contains("dispute"), "{err}");
    let err = env.fails(&["check", "R99", "--as-of", "2026-06-30"], 2);
    assert!(err.contains("R99"), "{err}");
}

#[test]
fn settings_change_the_routing_and_are_recorded_on_each_decision() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.ok(&["--as", "admin", "settings", "set", "channel_only_regions=华东", "followup_window_days=10"]);
    let d = env.check_all();
    // 华东 is channel-only: no co-sell there, F05 (5 days ago) would otherwise count.
    assert_eq!(d["R10"]["outcome"], "approved");
    // Window of 10 days: F04's demo 31 days ago no longer counts.
    assert_eq!(d["R06"]["outcome"], "approved");
    assert_eq!(d["R06"]["settings_version"], 1);
    let err = env.fails(&["--as", "cm", "settings", "set", "protection_days=30"], 3);
    assert!(err.contains("admin"), "{err}");
    let err = env.fails(&["--as", "admin", "settings", "set", "review_threshold=0.99"], 2);
    assert!(err.contains("review_threshold"), "{err}");
}

#[test]
fn a_threshold_change_says_which_relations_it_moves_before_and_when_it_is_saved() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    // The replay names them (and the relations' codes) before anything is saved.
    let out = env.run(&["--lang", "zh", "policy", "replay", "--set", "match_threshold=0.91", "--as-of", "2026-06-30"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        all.contains("名称主干的") && all.contains("固定得分 0.90") && all.contains("将从「匹配」变为「待复核」"),
        "{all}"
    );
    assert!(all.contains("abbrev.listed"), "{all}");
    // The rest of the report is in Chinese too: the sums and the outcomes by name, not code.
    assert!(all.contains("条结果会变") && all.contains("草案下") && !all.contains("would change"), "{all}");
    assert!(!all.contains("co_sell") && !all.contains("OUTCOME"), "{all}");
    // Saving says it again; a change that keeps the thresholds says nothing of the kind.
    let out = env.run(&["--lang", "en", "--as", "admin", "settings", "set", "match_threshold=0.91"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("note: ")
            && said.contains("core-name relation(s) with a fixed score of 0.90 move from match to review"),
        "{said}"
    );
    let out = env.run(&["--lang", "en", "--as", "admin", "settings", "set", "protection_days=60"]);
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("note: "), "no threshold moved");
}
