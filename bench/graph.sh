#!/usr/bin/env bash
# Speed of the graph view in the real app window (tests/e2e/bench-graph.mjs)
# on vault-sample, the generated 10k-note vault (about 65k links) and that
# vault with a hub note that every other note links to (10,000 backlinks):
# first frame, settle time, frames per second while the layout runs and
# while zooming and panning, idle CPU after settling, memory, and the first
# frame of a reopened graph (positions kept in the cache).
# Needs what `.ci/install-deps.sh --tests` installs; works on copies in a temp folder.
#
#   bash bench/graph.sh              # all three
#   bash bench/graph.sh big hub      # some of them (sample, big, hub)
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
cp -r "$src" "$work/hub"
printf '# Hub\n\nEvery note links here.\n' > "$work/hub/Hub.md"
find "$work/hub" -name '*.md' ! -name Hub.md -print0 | xargs -0 -n 500 sh -c 'for f; do printf "\n관련: [[Hub]]\n" >> "$f"; done' sh

bench_window :97

echo "### graph view ($(date -u +%F), commit $(git rev-parse --short HEAD))"
vaults=("$@")
[ "${#vaults[@]}" -gt 0 ] || vaults=(sample big hub)
for v in "${vaults[@]}"; do
  # Each vault in a fresh profile: its own cache, positions and layout prefs.
  rm -rf "$work/cache" "$work/data" "$work/config"
  HANJI_APP="$app" HANJI_VAULT="$work/$v" node tests/e2e/bench-graph.mjs
done
