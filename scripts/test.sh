#!/usr/bin/env bash
# Runs every test: UI build and component tests, formatting, clippy, the Rust test suites (unit,
# storage, end-to-end CLI on fixture files), the desktop shell build, a smoke run of the dev benchmark, and
# the end-to-end suite on the real desktop window (scripts/e2e.sh), and the .deb built, unpacked and smoke-run.
#
# The Rust tests run beside a throw-away PostgreSQL server (scripts/pg.sh) and may not skip it
# (`DEALGATE_TEST_PG_REQUIRED=1`); the end-to-end suite's team test uses it too.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/pg.sh
scripts/install-deps.sh --test

echo "== ui: type-check, build, component tests"
(cd ui && npm run build --silent && npm test --silent)

echo "== rust: format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

echo "== rust: build (CLI and desktop shell)"
cargo build --workspace --quiet

if [ -d ../shared/bench/dev ]; then
  echo "== dev benchmark smoke run (score is reported, not asserted here; see BENCHMARKS.md)"
  scripts/bench-matching --debug
fi

echo "== rust: tests"
log="$(mktemp)"
# The store suite runs on PostgreSQL too: a throw-away server for the tests, which must not skip it.
pg_start
trap 'rm -f "$log"; pg_stop' EXIT
export DEALGATE_TEST_PG_REQUIRED=1
cargo test --workspace --lib --bins --tests --quiet 2>&1 | tee "$log"
passed=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s += $1} END {print s + 0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s += $1} END {print s + 0}')
echo
echo "rust: $passed passed, $failed failed"

echo "== e2e: the real desktop app through tauri-driver (scripts/e2e.sh; the team test on the same server)"
scripts/e2e.sh
pg_stop

echo "== package: the .deb built with the Tauri bundler, unpacked, its CLI run (scripts/package-smoke.sh)"
scripts/package-smoke.sh

echo "== release: the bad-files corpus through release-built readers (integer overflow wraps there, not panics)"
cargo test --release --quiet -p dealgate-ingest --test tests bad_files
