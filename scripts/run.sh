#!/usr/bin/env bash
# Installs what running needs (no test tools), builds DealGate (CLI and the production desktop app, the
# same build scripts/package.sh bundles) and opens the desktop app on the embedded SQLite database in the
# user's data directory, loaded with the demo data on first run, acting as the demo's channel manager.
# Without a display (a server, CI) it prints the demo's decisions from the CLI instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/install-deps.sh
# The production app (Tauri's custom protocol, UI embedded) and the CLI, built as the .deb's are.
scripts/package.sh --bundles none
db="${DEALGATE_DB:-$HOME/.local/share/dealgate/dealgate.db}"
if [ ! -f "$db" ]; then
  "$CARGO_TARGET_DIR/release/dealgate" --db "$db" demo
else
  echo "database $db exists; opening it as it is (delete it for a fresh demo)"
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "opening the DealGate desktop app on $db as ${DEALGATE_USER:-wang.qudao} (switch users in the header)"
  DEALGATE_DB="$db" DEALGATE_USER="${DEALGATE_USER:-wang.qudao}" exec "$CARGO_TARGET_DIR/release/dealgate-desktop"
fi
echo "no display: showing the decisions from the CLI instead"
"$CARGO_TARGET_DIR/release/dealgate" --db "$db" check --all --format table || true
echo
echo "Try:  $CARGO_TARGET_DIR/release/dealgate --db $db --as wang.qudao decide R0004 accept"
echo "      $CARGO_TARGET_DIR/release/dealgate --db $db audit verify"
