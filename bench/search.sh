#!/usr/bin/env bash
# Search benchmark over generated vaults: index build from nothing (with the
# vault load), 200 mixed queries (top 20 + total), index size, and ripgrep over
# the same files for the same words, all in one run per size.
#
#   bash bench/search.sh            # 10000 and 100000 notes
#   bash bench/search.sh 10000      # one size
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(10000 100000)
command -v rg >/dev/null || { echo "needs ripgrep (apt-get install -y ripgrep)" >&2; exit 1; }
cargo build --release -p hanji-search --example search_bench >&2
for n in "${sizes[@]}"; do
  vault="bench/out/vault-$n"
  if ! grep -q "\"notes\": $n," "$vault/.vault-stats.json" 2>/dev/null; then
    python3 bench/gen_vault.py "$n" "$vault" --force >&2
  fi
  # Read every note once so that load times are warm-cache figures, as in
  # bench/load.py.
  find "$vault" -name '*.md' -print0 | xargs -0 cat > /dev/null
  echo "### $n notes ($(date -u +%F), commit $(git rev-parse --short HEAD))"
  echo
  target/release/examples/search_bench "$vault"
  echo
done
