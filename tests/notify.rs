//! Webhook notifications end to end against a local robot (a std `TcpListener` in the test, never a
//! real service): events queued from the audit log, posted in the robot's JSON, a failed post retried
//! later on the fake clock, overdue disputes and one daily summary of protections ending soon, the
//! delivery log (`notify log`), and a robot that is down never holding up a decision.

use crate::support::Env;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A local robot answering each POST with the next of its replies, keeping the bodies it received.
pub(crate) struct Robot {
    pub(crate) url: String,
    bodies: Arc<Mutex<Vec<Value>>>,
}

pub(crate) fn robot(replies: Vec<(u16, &'static str)>) -> Robot {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/cgi-bin/webhook/send?key=test-key", listener.local_addr().unwrap());
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let kept = bodies.clone();
    std::thread::spawn(move || {
        for (status, reply) in replies {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream);
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                if line == "\r\n" || line.is_empty() {
                    break;
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            kept.lock().unwrap().push(serde_json::from_slice(&body).unwrap());
            let mut stream = reader.into_inner();
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                reply.len()
            );
            stream.write_all(head.as_bytes()).unwrap();
            stream.write_all(reply.as_bytes()).unwrap();
        }
        // The robot goes down: later posts find nobody listening.
    });
    Robot { url, bodies }
}

pub(crate) const OK: &str = r#"{"errcode":0,"errmsg":"ok"}"#;

fn content(v: &Value) -> String {
    assert_eq!(v["msgtype"], "text", "{v}");
    v["text"]["content"].as_str().unwrap().to_string()
}

#[test]
fn events_reach_the_robot_and_a_failed_post_is_tried_again() {
    let robot = robot(vec![(500, "busy"), (200, OK), (200, OK), (200, OK)]);
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    let url = format!("webhook_url={}", robot.url);
    env.ok(&["--as", "admin", "settings", "set", &url, "webhook_kind=wecom"]);
    env.check_all(); // R08 goes to review
    env.ok(&["--as", "cm", "dispute", "open", "R05", "--claim", "客户是我们的老客户"]);
    env.ok(&["--as", "admin", "dispute", "rule", "1", "--outcome", "co_sell", "--rationale", "双方合作更能赢单"]);

    let out = env.ok(&["--as", "admin", "run-due", "--as-of", "2030-01-01T08:00:00"]);
    assert!(out.contains("webhook: 3 message(s) queued, 2 delivered, 1 failed (0 given up)"), "{out}");
    assert!(out.contains("webhook delivery failed: #1 (review): HTTP 500"), "{out}");
    let bodies = robot.bodies.lock().unwrap().clone();
    assert_eq!(bodies.len(), 3);
    assert!(content(&bodies[0]).contains("报备 R08（华南，乙方伙伴） 进入人工复核"), "{}", bodies[0]);
    assert!(
        content(&bodies[1]).contains("cm 对报备 R05（西南，乙方伙伴） 发起申诉：客户是我们的老客户"),
        "{}",
        bodies[1]
    );
    assert!(content(&bodies[2]).contains("R05（西南，乙方伙伴） 的申诉已裁决：项目合作（admin）"), "{}", bodies[2]);

    // The delivery log names the failed message, its attempt and why.
    let log = env.ok(&["notify", "log", "--status", "failed", "--format", "jsonl"]);
    let failed: Vec<Value> = log.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(failed.len(), 1, "{log}");
    assert_eq!((failed[0]["id"].as_i64(), failed[0]["kind"].as_str()), (Some(1), Some("review")));
    assert_eq!(failed[0]["attempts"], 1);
    assert!(failed[0]["last_error"].as_str().unwrap().contains("HTTP 500"), "{log}");
    assert_eq!(failed[0]["next_attempt_at"], "2030-01-01T08:01:00");

    // The same minute: nothing new, and the failed one waits for its retry.
    let out = env.ok(&["--as", "admin", "run-due", "--as-of", "2030-01-01T08:00:30"]);
    assert!(out.contains("webhook: 0 message(s) queued, 0 delivered, 0 failed"), "{out}");
    // Two minutes on it goes through, once.
    let out = env.ok(&["--as", "admin", "run-due", "--as-of", "2030-01-01T08:02:00"]);
    assert!(out.contains("webhook: 0 message(s) queued, 1 delivered, 0 failed"), "{out}");
    let bodies = robot.bodies.lock().unwrap().clone();
    assert_eq!(bodies.len(), 4);
    assert_eq!(bodies[3], bodies[0], "the retry sends the same message");
    let log: Value = serde_json::from_str(&env.ok(&["notify", "log", "--format", "json"])).unwrap();
    let states: Vec<(&str, i64)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["status"].as_str().unwrap(), n["attempts"].as_i64().unwrap()))
        .collect();
    assert_eq!(states, [("delivered", 1), ("delivered", 1), ("delivered", 2)], "newest first");
    let table = env.ok(&["--lang", "zh", "notify", "log"]);
    assert!(table.lines().next().unwrap().contains("尝试次数"), "{table}");
    assert_eq!(table.matches("已送达").count(), 3, "{table}");
}

#[test]
fn overdue_disputes_and_protections_ending_soon_reach_the_robot_once() {
    let robot = robot(vec![(200, OK); 4]);
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all(); // R08 to review; six protections end 2026-09-28
    let url = format!("webhook_url={}", robot.url);
    env.ok(&["--as", "admin", "settings", "set", &url, "webhook_kind=wecom"]);
    env.ok(&["--as", "cm", "dispute", "open", "R04", "--claim", "客户是我们的老客户"]);

    // Within 14 days of the protections' end: the events and one summary of the six.
    let out = env.ok(&["--as", "admin", "run-due", "--as-of", "2026-09-20T08:00:00"]);
    assert!(out.contains("webhook: 3 message(s) queued, 3 delivered, 0 failed"), "{out}");
    let bodies: Vec<String> = robot.bodies.lock().unwrap().iter().map(content).collect();
    let summary = &bodies[2];
    assert!(summary.contains("6 个保护期将在 14 天内到期"), "{summary}");
    assert!(summary.contains("2026-09-28 到期") && summary.ends_with("等。如需延期请在到期前处理。"), "{summary}");
    // Later the same day, and the next day (the same six, already told): no summary.
    for at in ["2026-09-20T17:00:00", "2026-09-21T08:00:00"] {
        let out = env.ok(&["--as", "admin", "run-due", "--as-of", at]);
        assert!(out.contains("webhook: 0 message(s) queued"), "{at}: {out}");
    }
    // Long after: the protections have expired (no summary) and the dispute is overdue.
    let out = env.ok(&["--as", "admin", "run-due", "--as-of", "2027-01-10T08:00:00"]);
    assert!(out.contains("webhook: 1 message(s) queued, 1 delivered, 0 failed"), "{out}");
    let last = content(&robot.bodies.lock().unwrap()[3]);
    assert!(last.contains("报备 R04（华北） 的申诉已超过 5 天未裁决"), "{last}");
    let out = env.ok(&["--as", "admin", "run-due", "--as-of", "2027-01-11T08:00:00"]);
    assert!(out.contains("webhook: 0 message(s) queued"), "flagged once, told once: {out}");
    let log: Value = serde_json::from_str(&env.ok(&["notify", "log", "--format", "json"])).unwrap();
    let kinds: Vec<&str> = log.as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["dispute_overdue", "expiring", "dispute_opened", "review"]);
}

#[test]
fn a_robot_that_is_down_never_holds_up_a_decision() {
    let robot = robot(vec![]);
    let env = Env::new();
    env.import_fixtures();
    env.add_users();
    env.check_all();
    let url = format!("webhook_url={}", robot.url);
    env.ok(&["--as", "admin", "settings", "set", &url, "webhook_kind=dingtalk"]);
    std::thread::sleep(std::time::Duration::from_millis(50)); // the robot's thread has ended
    let out = env.ok(&["--as", "cm", "dispute", "open", "R05", "--claim", "客户是我们的老客户"]);
    assert!(out.contains("dispute #1 opened"), "{out}");
    let out = env.ok(&["--as", "admin", "run-due", "--as-of", "2030-01-01T08:00:00"]);
    // Due work never ran before the webhook was set, so the review of R08 is announced too; and by 2030
    // the dispute is overdue.
    assert!(out.contains("webhook: 3 message(s) queued, 0 delivered, 3 failed"), "{out}");
    assert!(env.ok(&["audit", "verify"]).contains("audit log intact"));
    let err = env.fails(&["--as", "admin", "settings", "set", "webhook_url=ftp://robot"], 2);
    assert!(err.contains("webhook_url") && err.contains("http"), "{err}");
    let err = env.fails(&["--as", "admin", "settings", "set", "webhook_kind=slack"], 2);
    assert!(err.contains("wecom, dingtalk or feishu"), "{err}");
}
