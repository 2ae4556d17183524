#!/usr/bin/env bash
# End-to-end tests: builds the UI and the debug desktop app, then drives the real window through tauri-driver
# and WebKitWebDriver under Xvfb (e2e/tests, one fresh database per test). Screenshots: target/e2e-screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# Normally installed by scripts/install-deps.sh; installed here too so this script also runs on its own.
for dir in ui e2e; do
  [ -d "$dir/node_modules" ] || (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
done
TAURI_DRIVER="$(command -v tauri-driver || echo "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver")"
[ -x "$TAURI_DRIVER" ] || { echo "tauri-driver is missing: run scripts/install-deps.sh" >&2; exit 1; }
export TAURI_DRIVER

echo "== e2e: build the UI and the debug desktop app"
(cd ui && npx vite build --logLevel error)
cargo build -p dealgate-desktop -p dealgate --quiet # the CLI: tests that act as another person
export DEALGATE_APP="$CARGO_TARGET_DIR/debug/dealgate-desktop"

echo "== e2e: real desktop window (tauri-driver + WebKitWebDriver under Xvfb)"
rm -rf target/e2e-screenshots
cd e2e
tests=("$@") # optional: run only these files (paths relative to e2e/)
[ ${#tests[@]} -gt 0 ] || tests=(tests/*.test.js)
# A random first display number keeps simultaneous runs on one machine off each other's X server; the outer
# timeout stops a wedged driver from eating CI's budget.
timeout 900 xvfb-run -a -n $((100 + RANDOM % 400)) -s "-screen 0 1280x800x24" \
  node --test --test-concurrency=1 --test-timeout=240000 --test-reporter=spec "${tests[@]}"
