//! Reviewers teach the check: a pair a person called different companies is set aside by the next
//! check of the same customer, a pair called the same company is a certain match, and forgetting the
//! pair brings back the question.

use crate::support::Env;
use serde_json::Value;

/// A later registration of R08's customer (`星澜`, which the fixtures' head account H02 puts in review)
/// by the same partner.
fn import_again(env: &Env) {
    let header = crate::support::fixture("registrations.csv").lines().next().unwrap().to_string();
    let row = "R11,乙方伙伴,silver,2026-06-20T10:00:00,星澜,,,冯经理,13900000008,,华南,CRM,66000,2026-11-01";
    let path = env.path("again.csv");
    std::fs::write(&path, format!("{header}\n{row}\n")).unwrap();
    env.ok(&["--as", "cm", "import", "registrations", path.to_str().unwrap()]);
}

fn check_one(env: &Env, id: &str) -> Value {
    let out = env.ok(&["check", id, "--as-of", "2026-06-30", "--format", "jsonl"]);
    serde_json::from_str(out.lines().next().expect("one decision")).unwrap()
}

fn reviewer_reason(evidence: &Value) -> Option<Value> {
    let reasons = evidence["evidence"]["reasons"].as_array()?;
    reasons.iter().find(|r| r["feature"] == "reviewer_pair").cloned()
}

fn pairs_jsonl(env: &Env) -> Vec<Value> {
    env.ok(&["pairs", "list", "--format", "jsonl"]).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn a_pair_called_different_is_set_aside_next_time_until_it_is_forgotten() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    let first = env.check_all();
    assert_eq!(first["R08"]["outcome"], "review", "the scorer alone is unsure of 星澜 against H02");
    assert_eq!(first["R08"]["matches"][0]["record_id"], "H02");
    env.ok(&[
        "--as",
        "cm",
        "decide",
        "R08",
        "override",
        "--outcome",
        "approved",
        "--reason",
        "this 星澜 is a clinic chain",
        "--different-company",
    ]);
    let pairs = pairs_jsonl(&env);
    assert_eq!(pairs.len(), 1);
    assert_eq!((pairs[0]["verdict"].as_str(), pairs[0]["record_id"].as_str()), (Some("different"), Some("H02")));
    assert_eq!((pairs[0]["left_name"].as_str(), pairs[0]["actor"].as_str()), (Some("星澜"), Some("cm")));

    import_again(&env);
    let next = check_one(&env, "R11");
    assert_eq!(next["outcome"], "approved", "decided without asking: {next}");
    assert!(next["summary"].as_str().unwrap().contains("set aside as a different company"), "{next}");
    let aside = next["matches"].as_array().unwrap().iter().find(|m| m["record_id"] == "H02").expect("still shown");
    assert_eq!((aside["band"].as_str(), aside["score"].as_f64()), (Some("none"), Some(0.0)));
    let reason = reviewer_reason(aside).expect("the reviewer's word is a reason");
    assert!(reason["detail"].as_str().unwrap().contains("cm said 星澜"), "{reason}");
    // A policy replay decides as a check does: the remembered pair holds there too.
    let replay = env.ok(&[
        "policy",
        "replay",
        "--set",
        "dispute_days=9",
        "--as-of",
        "2026-06-30",
        "--unchanged",
        "--format",
        "jsonl",
    ]);
    let row: Value = replay
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["registration_id"] == "R11")
        .expect("R11 replayed");
    assert_eq!(row["replayed_outcome"], "approved", "the replay forgot the reviewer's word: {row}");

    let table = env.ok(&["pairs", "list"]);
    assert!(table.contains("different") && table.contains("深圳星澜医疗器械股份有限公司"), "{table}");
    let err = env.fails(&["--as", "head-south", "pairs", "forget", "1"], 3);
    assert!(err.contains("channel_manager"), "{err}");
    assert!(env.ok(&["--as", "cm", "pairs", "forget", "1"]).contains("forgot pair #1"));
    assert!(pairs_jsonl(&env).is_empty());
    assert_eq!(check_one(&env, "R11")["outcome"], "review", "forgotten: the question is back");
    let audit = env.ok(&["audit", "verify"]);
    assert!(audit.contains("OK") || audit.to_lowercase().contains("intact"), "{audit}");
}

#[test]
fn a_review_overridden_into_its_conflict_makes_the_pair_certain_next_time() {
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    // Keeping the conflict the review raised says the two are one company: no flag needed.
    env.ok(&[
        "--as",
        "cm",
        "decide",
        "R08",
        "override",
        "--outcome",
        "direct_retained",
        "--reason",
        "星澜 is 深圳星澜医疗器械's brand",
    ]);
    let pairs = pairs_jsonl(&env);
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0]["verdict"], "same");

    import_again(&env);
    let next = check_one(&env, "R11");
    assert_eq!((next["outcome"].as_str(), next["rule"].as_str()), (Some("direct_retained"), Some("1-head-account")));
    let head = &next["matches"][0];
    assert_eq!((head["record_id"].as_str(), head["band"].as_str()), (Some("H02"), Some("match")));
    assert_eq!(head["score"].as_f64(), Some(1.0));
    let reason = reviewer_reason(head).expect("the reviewer's word is a reason");
    assert!(reason["detail"].as_str().unwrap().contains("the same company"), "{reason}");

    // An explicit word overrides the implicit one; one that contradicts an accept is refused.
    let err = env.fails(&["--as", "cm", "decide", "R11", "accept", "--different-company"], 3);
    assert!(err.contains("override"), "{err}");
    env.ok(&[
        "--as",
        "cm",
        "decide",
        "R11",
        "override",
        "--outcome",
        "approved",
        "--reason",
        "x",
        "--different-company",
    ]);
    let pairs = pairs_jsonl(&env);
    assert_eq!((pairs.len(), pairs[0]["verdict"].as_str()), (1, Some("different")), "the pair's label was replaced");
}
