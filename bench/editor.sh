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
root=$(pwd)
bash .ci/build-ui.sh >&2
cargo build --release -p hanji-app --features custom-protocol >&2
app="$root/target/release/hanji-app"
work=$(mktemp -d)
driver=""
xvfb=""
cleanup() {
  [ -n "$driver" ] && { kill -TERM "$driver" 2>/dev/null; wait "$driver" 2>/dev/null || true; }
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

cp -r vault-sample "$work/vault"
python3 bench/make_big_note.py vault-sample "$work/vault/Big.md"
printf '# Bench\n\n저장 벤치마크용 노트.\n' > "$work/vault/Bench.md"

export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
Xvfb :97 -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 &
xvfb=$!
export DISPLAY=:97
tauri-driver --port 4444 --native-driver "$(command -v WebKitWebDriver)" > "$work/driver.log" 2>&1 &
driver=$!
sleep 1

echo "### editor speed ($(date -u +%F), commit $(git rev-parse --short HEAD), $(stat -c %s "$work/vault/Big.md") bytes)"
HANJI_APP="$app" HANJI_VAULT="$work/vault" node tests/e2e/bench-editor.mjs
