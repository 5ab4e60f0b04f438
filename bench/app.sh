#!/usr/bin/env bash
# Speed of the real app window (tests/e2e/bench.mjs) on vault-sample and on
# the generated 10k-note vault with a hub note that 5,000 notes link to:
# launch to interactive (warm: the first launch fills the cache), search
# keystroke to results painted, and opening the hub to its backlinks painted.
# Needs what `.ci/install-deps.sh --tests` installs (tauri-driver, Xvfb, hyperfine); works on copies in a temp folder.
#
#   bash bench/app.sh
#   HANJI_ACCELERATION=on bash bench/app.sh   # composited, as with a GPU
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=window.sh
source bench/window.sh
bench_build

n=10000
src="bench/out/vault-$n"
if ! grep -q "\"notes\": $n," "$src/.vault-stats.json" 2>/dev/null; then
  python3 bench/gen_vault.py "$n" "$src" --force >&2
fi
cp -r vault-sample "$work/sample"
cp -r "$src" "$work/big"
# The hub: 5,000 notes get a link to it.
printf '# Hub\n\nEvery project note links here.\n' > "$work/big/Hub.md"
find "$work/big" -name '*.md' ! -name Hub.md | sort > "$work/notes.txt"
head -n 5000 "$work/notes.txt" | while read -r f; do
  printf '\n관련: [[Hub]]\n' >> "$f"
done

bench_window :98
# HANJI_ACCELERATION=on|off|auto: the hardware-acceleration preference the
# app launches with (Automatic if unset: off under Xvfb, which has no GPU).
if [ -n "${HANJI_ACCELERATION:-}" ]; then
  mkdir -p "$XDG_CONFIG_HOME/app.hanji.notes"
  printf '{"zoom": 1.0, "hardwareAcceleration": "%s"}\n' "$HANJI_ACCELERATION" \
    > "$XDG_CONFIG_HOME/app.hanji.notes/preferences.json"
fi

echo "### app speed ($(date -u +%F), commit $(git rev-parse --short HEAD))"
HANJI_APP="$app" HANJI_VAULT="$work/sample" node tests/e2e/bench.mjs
HANJI_APP="$app" HANJI_VAULT="$work/big" HANJI_HUB="Hub.md" HANJI_QUERIES="데이터베이스,설계,network,캐시,language,면접" \
  node tests/e2e/bench.mjs
