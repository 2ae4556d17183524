//! The bad-input corpus (`tests/fixtures/bad/`, written by its `make_corpus.py`): every file is read
//! and previewed without a panic or a hang, with the outcome its manifest names, and nothing read is
//! wrong. Also paths that are not regular files, and files over the size cap.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use dealgate_domain::RecordKind;
use dealgate_ingest::{preview_file, read_file, IngestError, MAX_FILE_BYTES};

use crate::support::stored_wrong;

/// A file may take this long in a debug build before it counts as a hang.
const DEADLINE: Duration = Duration::from_secs(20);

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/bad")
}

struct Case {
    file: String,
    kind: RecordKind,
    outcome: String,
    detail: String,
    imported: Option<usize>,
}

fn manifest() -> Vec<Case> {
    let text = std::fs::read_to_string(corpus().join("manifest.tsv")).expect("manifest.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "manifest line {l:?}");
            let kind = match f[1] {
                "follow_up" => RecordKind::FollowUp,
                "head_account" => RecordKind::HeadAccount,
                "registration" => RecordKind::Registration,
                other => panic!("unknown kind {other}"),
            };
            Case {
                file: f[0].to_owned(),
                kind,
                outcome: f[2].to_owned(),
                detail: f[3].to_owned(),
                imported: f[4].parse().ok(),
            }
        })
        .collect()
}

/// Runs `f` on another thread; `Err` when it panics or outlives [`DEADLINE`].
fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(DEADLINE) {
        Ok(v) => Ok(v),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!("{what}: still running after {:?}", started.elapsed())),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(format!("{what}: panicked")),
    }
}

#[test]
fn every_bad_file_is_refused_or_read_as_its_manifest_says_without_panic_or_hang() {
    let cases = manifest();
    assert!(cases.len() >= 60, "the corpus has only {} files", cases.len());
    let mut problems = Vec::new();
    for case in cases {
        let path = corpus().join(&case.file);
        assert!(path.is_file(), "{} is listed but missing: run make_corpus.py", case.file);
        let (p, kind) = (path.clone(), case.kind);
        let read = match bounded(&case.file, move || read_file(&p, kind)) {
            Ok(r) => r,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let (p, kind) = (path.clone(), case.kind);
        if let Err(e) = bounded(&case.file, move || preview_file(&p, kind, 5).map(|_| ())) {
            problems.push(format!("preview of {e}"));
        }
        let mut problem = |text: String| problems.push(format!("{}: {text}", case.file));
        match (case.outcome.as_str(), read) {
            ("refused", Err(e)) if e.code() == case.detail => {
                if e.to_string().contains(|c: char| c.is_control()) {
                    problem(format!("message holds a control character: {e:?}"));
                }
            }
            ("refused", Err(e)) => problem(format!("refused as {} ({e}), expected {}", e.code(), case.detail)),
            ("refused", Ok(p)) => {
                problem(format!("read ({} records), expected refusal {}", p.records.len(), case.detail))
            }
            (_, Err(e)) => problem(format!("refused as {} ({e}), expected {}", e.code(), case.outcome)),
            (outcome, Ok(p)) => {
                let wrong = stored_wrong(&p);
                if !wrong.is_empty() {
                    problem(format!("stored wrong: {wrong:?}"));
                }
                if Some(p.records.len()) != case.imported {
                    problem(format!(
                        "{} records, expected {:?}; rejected {:?}",
                        p.records.len(),
                        case.imported,
                        p.rejected
                    ));
                }
                let errors: Vec<String> = p.rejected.iter().map(ToString::to_string).collect();
                let warnings: Vec<String> = p.warnings.iter().map(|w| w.warning.problem.clone()).collect();
                let ok = match (outcome, case.detail.as_str()) {
                    ("rows", "-") => errors.is_empty(),
                    ("rows", phrase) => errors.iter().any(|e| e.contains(phrase)),
                    ("warns", phrase) => warnings.iter().any(|w| w.contains(phrase)),
                    _ => false,
                };
                if !ok {
                    problem(format!(
                        "{outcome} {:?} not found in errors {errors:?} / warnings {warnings:?}",
                        case.detail
                    ));
                }
                if let Some(e) = errors.iter().find(|e| e.contains(|c: char| c.is_control())) {
                    problem(format!("message holds a control character: {e:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_regular_files_are_refused_without_opening_them() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("follow_ups.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let mut paths = vec![(fifo, "FIFO"), (dir.path().to_path_buf(), "directory")];
    if Path::new("/dev/zero").exists() {
        paths.push((PathBuf::from("/dev/zero"), "device"));
    }
    for (path, what) in paths {
        let p = path.clone();
        let got = bounded(what, move || read_file(&p, RecordKind::FollowUp)).unwrap();
        let err = got.expect_err(what);
        assert_eq!(err.code(), "not_a_file", "{what}: {err}");
        let p = path.clone();
        let err = bounded(what, move || preview_file(&p, RecordKind::FollowUp, 3)).unwrap().unwrap_err();
        assert!(matches!(err, IngestError::NotAFile { .. }), "{what}: {err}");
    }
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    let f = std::fs::File::create(&path).unwrap();
    // Sparse: nothing is written, so the test costs no disk.
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    drop(f);
    let started = Instant::now();
    let err = read_file(&path, RecordKind::FollowUp).unwrap_err();
    assert_eq!(err.code(), "too_large", "{err}");
    assert!(err.to_string().contains("200 MB"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
}

#[test]
fn a_large_binary_file_is_refused_from_its_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("follow_ups.csv");
    let f = std::fs::File::create(&path).unwrap();
    // 150 MB of NUL bytes, sparse: refused after 8 KiB, never read whole.
    f.set_len(150_000_000).unwrap();
    drop(f);
    let started = Instant::now();
    let err = read_file(&path, RecordKind::FollowUp).unwrap_err();
    assert_eq!(err.code(), "unsupported_format", "{err}");
    assert!(err.to_string().contains("binary data"), "{err}");
    assert!(started.elapsed() < Duration::from_millis(500), "took {:?}", started.elapsed());
}
