#!/usr/bin/env bash
# Installs what building and running DealGate needs on Debian 12: Tauri's system libraries (and D-Bus's,
# for the team password in the OS keyring), a CJK font and
# the UI's npm packages. With --test it adds the test tools: Xvfb and WebKitWebDriver for the real-webview
# tests, ImageMagick, Python, PostgreSQL (the store suite's team-mode server, scripts/pg.sh), tauri-driver
# and the end-to-end suite's npm packages. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

test_tools=false
case "${1:-}" in
  "") ;;
  --test) test_tools=true ;;
  *) echo "usage: scripts/install-deps.sh [--test]" >&2; exit 2 ;;
esac

packages=(libwebkit2gtk-4.1-dev build-essential libssl-dev libayatana-appindicator3-dev librsvg2-dev
  libxdo-dev libdbus-1-dev pkg-config file fonts-wqy-microhei ca-certificates)
if $test_tools; then
  packages+=(xvfb xauth webkit2gtk-driver imagemagick python3 postgresql)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install it with rustup (https://rustup.rs), version 1.88 or newer, then run this again." >&2
  exit 1
fi
if ! command -v npm >/dev/null; then
  echo "Node.js 20 and npm are missing: install them (e.g. from NodeSource), then run this again." >&2
  exit 1
fi

# npm ci installs exactly the lock file and never rewrites it (a fresh clone stays clean).
(cd ui && npm ci --no-audit --no-fund --loglevel=error)
$test_tools || exit 0
# End-to-end tests: tauri-driver (about a minute to build, only when missing) and the suite's npm packages.
if ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  cargo install tauri-driver --locked --quiet
fi
(cd e2e && npm install --no-audit --no-fund --loglevel=error)
