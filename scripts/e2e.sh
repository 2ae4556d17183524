#!/usr/bin/env bash
# End-to-end tests: builds the UI and the debug desktop app, then drives the real window through tauri-driver
# and WebKitWebDriver under Xvfb (e2e/tests, one fresh database per test), in Chinese and a few files again in
# English; a screen with clipped text fails. Screenshots: target/e2e-screenshots/<test>-<zh|en>-<screen>.png.
#
# `DEALGATE_APP` runs another build, such as the installed one. Arguments: only these files (relative to e2e/), in
# `E2E_LANG` (default Chinese).
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

if [ -n "${DEALGATE_APP:-}" ]; then
  echo "== e2e: the app given in DEALGATE_APP ($DEALGATE_APP)" # e.g. the one a .deb installed
else
  echo "== e2e: build the UI and the debug desktop app"
  (cd ui && npx vite build --logLevel error)
  cargo build -p dealgate-desktop -p dealgate --quiet # the CLI: tests that act as another person
  export DEALGATE_APP="$CARGO_TARGET_DIR/debug/dealgate-desktop"
fi

echo "== e2e: real desktop window (tauri-driver + WebKitWebDriver under Xvfb)"
rm -rf target/e2e-screenshots
cd e2e
tests=("$@") # optional: run only these files (paths relative to e2e/), in E2E_LANG (default Chinese)
# A random first display number keeps simultaneous runs on one machine off each other's X server; the outer
# timeout stops a wedged driver from eating CI's budget.
suite() {
  timeout 900 xvfb-run -a -n $((100 + RANDOM % 400)) -s "-screen 0 1280x800x24" \
    node --test --test-concurrency=1 --test-timeout=240000 --test-reporter=spec "$@"
}
if [ ${#tests[@]} -gt 0 ]; then
  suite "${tests[@]}"
else
  # The whole suite in Chinese, the users' language; then the screens with the longest words in English.
  E2E_LANG="${E2E_LANG:-zh_CN.UTF-8}" suite tests/*.test.js
  echo "== e2e: the same screens in English"
  E2E_LANG=C.UTF-8 suite tests/01-demo.test.js tests/03-override-audit.test.js tests/07-other-screens.test.js tests/10-reasons.test.js
fi
