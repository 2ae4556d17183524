#!/usr/bin/env bash
# CI smoke test of the installable DealGate: builds the .deb (scripts/package.sh), unpacks it into a
# scratch root with `dpkg -x`, checks what it installs (desktop app, CLI, desktop entry, icons, declared
# runtime dependencies), then runs the unpacked CLI's `demo` on a temporary database and `audit verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

scripts/package.sh --bundles "${DEALGATE_BUNDLES:-deb}"

debs=(target/package/dealgate_*.deb)
[ -f "${debs[0]}" ] || { echo "package-smoke: no .deb in target/package" >&2; exit 1; }
deb="${debs[0]}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg -x "$deb" "$scratch/root"

fail() { echo "package-smoke: $*" >&2; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version is not the Cargo version $version"
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libwebkit2gtk-4.1-0 libgtk-3-0; do
  [[ "$depends" == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done
for f in usr/bin/dealgate usr/bin/dealgate-desktop; do
  [ -x "$scratch/root/$f" ] || fail "$f is missing or not executable"
done
entries=("$scratch"/root/usr/share/applications/*.desktop)
[ -f "${entries[0]}" ] || fail "no desktop entry"
grep -q '^Exec=dealgate-desktop' "${entries[0]}" || fail "desktop entry does not start dealgate-desktop"
grep -q '^Icon=' "${entries[0]}" || fail "desktop entry names no icon"
icons=$(find "$scratch/root/usr/share/icons/hicolor" -name '*.png' | wc -l)
[ "$icons" -ge 3 ] || fail "expected icons in usr/share/icons/hicolor, found $icons"

cli="$scratch/root/usr/bin/dealgate"
"$cli" --version | grep -q "$version" || fail "the CLI does not report version $version"
db="$scratch/demo.db"
"$cli" --db "$db" demo >"$scratch/demo.out" || fail "demo failed: $(cat "$scratch/demo.out")"
set +e
"$cli" --db "$db" audit verify >"$scratch/verify.out" 2>&1
status=$?
set -e
[ "$status" -eq 0 ] || fail "audit verify exited $status: $(cat "$scratch/verify.out")"
grep -q intact "$scratch/verify.out" || fail "audit verify did not say intact: $(cat "$scratch/verify.out")"
echo "package-smoke: $(basename "$deb") ok ($icons icons; $(tr '\n' ' ' <"$scratch/verify.out"))"
