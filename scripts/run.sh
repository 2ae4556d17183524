#!/usr/bin/env bash
# Installs what is needed, builds DealGate and runs it on the embedded SQLite database with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/install-deps.sh
(cd ui && npm run build --silent)
cargo build --release --bin dealgate
db="${DEALGATE_DB:-$HOME/.local/share/dealgate/demo.db}"
if [ ! -f "$db" ]; then
  "$CARGO_TARGET_DIR/release/dealgate" --db "$db" demo
else
  echo "demo database $db exists; showing its decisions (delete it for a fresh demo)"
  "$CARGO_TARGET_DIR/release/dealgate" --db "$db" check --all --format table || true
fi
echo
echo "Try:  $CARGO_TARGET_DIR/release/dealgate --db $db --as wang.qudao decide R0004 accept"
echo "      $CARGO_TARGET_DIR/release/dealgate --db $db audit verify"
