#!/usr/bin/env bash
# File-operation benchmark (issue 13) on a generated 10k-note vault: the
# rename of a note with 1,000 backlinks and the move of a folder of about
# 1,000 notes, each planned, applied (all-or-nothing, with its undo record)
# and undone through a live session, median of 5. The generated vault is
# copied; the copy is what changes.
#
#   bash bench/ops.sh
set -euo pipefail
cd "$(dirname "$0")/.."
n=10000
vault="bench/out/vault-$n"
if ! grep -q "\"notes\": $n," "$vault/.vault-stats.json" 2>/dev/null; then
  python3 bench/gen_vault.py "$n" "$vault" --force >&2
fi
cargo build --release -p hanji-live --example ops_bench >&2
echo "### $n notes ($(date -u +%F), commit $(git rev-parse --short HEAD))"
target/release/examples/ops_bench "$vault" 5 Archive
