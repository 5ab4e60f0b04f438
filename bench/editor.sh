#!/usr/bin/env bash
# Speed of the editor in the real app window (tests/e2e/bench-editor.mjs):
# opening a 1 MB note in the editor, keystroke to painted in it against the
# paint floor of a bare text area, and save to searchable / to the outline
# painted. Release build, on a copy of vault-sample plus the 1 MB note made
# by bench/make_big_note.py. Needs what `.ci/install-deps.sh --tests` installs.
#
#   bash bench/editor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=window.sh
source bench/window.sh
bench_build

cp -r vault-sample "$work/vault"
python3 bench/make_big_note.py vault-sample "$work/vault/Big.md"
printf '# Bench\n\n저장 벤치마크용 노트.\n' > "$work/vault/Bench.md"

bench_window :97

echo "### editor speed ($(date -u +%F), commit $(git rev-parse --short HEAD), $(stat -c %s "$work/vault/Big.md") bytes)"
HANJI_APP="$app" HANJI_VAULT="$work/vault" node tests/e2e/bench-editor.mjs
