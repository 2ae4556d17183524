//! The bad-input corpus through the `dealgate` binary: every file in `tests/fixtures/bad/` is
//! imported into a fresh database; the process never panics, hangs or aborts, a refused file
//! exits 2 and stores nothing, a read file stores what the manifest says, and nothing printed
//! holds a raw control character. Also a FIFO, which once hung the import forever.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Env;

/// One import may take this long (a debug build, two cores shared) before it counts as a hang.
const DEADLINE: Duration = Duration::from_secs(30);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `dealgate --db DB ARGS...`, killing it after [`DEADLINE`].
fn run(env: &Env, args: &[&str]) -> Result<Run, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dealgate"))
        .arg("--db")
        .arg(env.db())
        .args(args)
        .env_remove("DEALGATE_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dealgate");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("dealgate {args:?} still running after {DEADLINE:?}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (mut stdout, mut stderr) = (String::new(), String::new());
    child.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    Ok(Run { code: status.code(), stdout, stderr })
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

fn command_for(kind: &str) -> &'static str {
    match kind {
        "follow_up" => "follow-ups",
        "head_account" => "head-accounts",
        "registration" => "registrations",
        other => panic!("unknown kind {other}"),
    }
}

/// Control characters other than line ends in what the binary printed.
fn raw_controls(text: &str) -> bool {
    text.contains(|c: char| c.is_control() && c != '\n')
}

#[test]
fn every_bad_file_is_imported_or_refused_cleanly_by_the_binary() {
    let manifest = std::fs::read_to_string(corpus().join("manifest.tsv")).expect("manifest.tsv");
    let mut problems = Vec::new();
    let mut files = 0;
    for line in manifest.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let (file, kind, outcome, imported) = (f[0], f[1], f[2], f[4]);
        files += 1;
        let env = Env::new();
        let path = corpus().join(file);
        let run = match run(&env, &["import", command_for(kind), path.to_str().unwrap()]) {
            Ok(run) => run,
            Err(e) => {
                problems.push(format!("{file}: {e}"));
                continue;
            }
        };
        let mut problem =
            |text: String| problems.push(format!("{file}: {text}\nstdout: {}\nstderr: {}", run.stdout, run.stderr));
        if run.stderr.contains("panicked") || run.code.is_none() {
            problem("the process panicked or was killed".to_owned());
        } else if raw_controls(&run.stdout) || raw_controls(&run.stderr) {
            problem("printed a raw control character".to_owned());
        } else if outcome == "refused" && run.code != Some(2) {
            problem(format!("exit code {:?}, expected 2 (refused)", run.code));
        } else if outcome != "refused" && run.code != Some(0) {
            problem(format!("exit code {:?}, expected 0", run.code));
        } else if outcome != "refused" && !run.stdout.contains(&format!(", {imported} imported,")) {
            problem(format!("expected {imported} imported"));
        }
    }
    assert!(files >= 60, "only {files} files in the corpus");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[cfg(unix)]
#[test]
fn a_fifo_given_as_the_file_is_refused_at_once() {
    let env = Env::new();
    let fifo = env.path("follow_ups.csv");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let run = run(&env, &["import", "follow-ups", fifo.to_str().unwrap()]).expect("no hang");
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("not a regular file (a named pipe (FIFO))"), "{}", run.stderr);
}
