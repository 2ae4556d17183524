#!/usr/bin/env bash
# Builds the installable DealGate with the Tauri bundler: the production desktop app (Tauri's custom
# protocol, UI embedded) plus the `dealgate` CLI as /usr/bin/dealgate, into a .deb (and an AppImage when
# the bundler's AppImage tools are already in ~/.cache/tauri: it downloads them from GitHub otherwise).
# Output: target/package/dealgate_<version>_amd64.deb (and .AppImage). Version: the workspace Cargo.toml.
# Usage: scripts/package.sh [--bundles deb,appimage|none]   (default: deb, plus appimage when possible;
# none: build the production app and CLI without bundling, as scripts/run.sh does)
#
# The bundler is the Tauri CLI from ui/node_modules, run with `TAURI_APP_PATH=../src-tauri`. The .deb installs
# /usr/bin/dealgate-desktop and /usr/bin/dealgate: the CLI is copied to target/package-bin/ and into the package by
# `bundle.linux.deb.files` in tauri.conf.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bundles=""
if [ "${1:-}" = "--bundles" ] && [ -n "${2:-}" ]; then
  bundles="$2"
elif [ $# -gt 0 ]; then
  echo "usage: scripts/package.sh [--bundles deb,appimage|none]" >&2
  exit 2
fi
if [ -z "$bundles" ]; then
  bundles="deb"
  # Tauri's AppImage step fetches linuxdeploy and its plugins from GitHub unless they are cached here.
  if [ -x "$HOME/.cache/tauri/linuxdeploy-x86_64.AppImage" ]; then
    bundles="deb,appimage"
  else
    echo "package: AppImage skipped (its tools are not in ~/.cache/tauri; --bundles deb,appimage downloads them)"
  fi
fi

# The UI's npm packages include @tauri-apps/cli (a devDependency): the bundler, without `cargo install`.
if [ ! -x ui/node_modules/.bin/tauri ] || [ ! -x ui/node_modules/.bin/vite ]; then
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
# Build the UI aside and replace ui/dist only when it changed: the app crate embeds ui/dist and recompiles
# (minutes) whenever its files are rewritten, even with the same content.
rm -rf target/ui-dist
(cd ui && npx --no-install tsc --noEmit && npx --no-install vite build --outDir ../target/ui-dist --emptyOutDir --logLevel warn)
if diff -rq target/ui-dist ui/dist >/dev/null 2>&1; then
  rm -rf target/ui-dist
else
  rm -rf ui/dist && mv target/ui-dist ui/dist
fi

# The CLI goes into the bundles through `bundle.linux.*.files` in tauri.conf.json, from this staging path.
cargo build --release --locked -p dealgate
mkdir -p target/package-bin target/package
cp "$CARGO_TARGET_DIR/release/dealgate" target/package-bin/dealgate

# TAURI_APP_PATH: the CLI would otherwise take the root tauri.conf.json for the app crate and build the
# root package; src-tauri/tauri.conf.json links to the same file. `tauri build` enables custom-protocol.
if [ "$bundles" = none ]; then
  (cd ui && TAURI_APP_PATH=../src-tauri npx --no-install tauri build --ci --no-bundle -- --locked)
  exit 0
fi
(cd ui && TAURI_APP_PATH=../src-tauri npx --no-install tauri build --ci --bundles "$bundles" -- --locked)

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
bundle_dir="$CARGO_TARGET_DIR/release/bundle"
rm -f target/package/dealgate_*
for f in "$bundle_dir"/deb/*_"$version"_*.deb "$bundle_dir"/appimage/*_"$version"_*.AppImage; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  cp "$f" "target/package/dealgate_${name#*_}"
done
ls -l target/package/
