#!/usr/bin/env bash
# Live-update benchmark over generated vaults, one run per size:
#  - cold load (no cache: every note read, index built) against warm reopen
#    (from the SQLite cache and the kept index), in the same run;
#  - one-file changes applied directly (parse, resolve, graph, tags, index,
#    cache), p50 and p99 over 200 changes;
#  - from a file written by another program to the change being searchable
#    and in backlinks, through the notify watcher (50 ms debounce), 100 writes;
#  - a 2,000-file burst (like a git checkout) until every change is applied;
#  - memory of a `hanji watch` process: after opening, while changes come,
#    and once idle.
# The vault's notes are modified during the run and put back afterwards.
#
#   bash bench/live.sh            # 10000 and 100000 notes
#   bash bench/live.sh 10000      # one size
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(10000 100000)
cargo build --release -p hanji-live --example live_bench >&2
cargo build --release -p hanji-cli >&2

rss() { grep -E "^(VmRSS|RssAnon|RssFile)" "/proc/$1/status" | awk '{printf "%s %.0f MB  ", $1, $2/1024}'; }

for n in "${sizes[@]}"; do
  vault="bench/out/vault-$n"
  if ! grep -q "\"notes\": $n," "$vault/.vault-stats.json" 2>/dev/null; then
    python3 bench/gen_vault.py "$n" "$vault" --force >&2
  fi
  # Warm page cache, as in the other benchmarks.
  find "$vault" -name '*.md' -print0 | xargs -0 cat > /dev/null
  echo "### $n notes ($(date -u +%F), commit $(git rev-parse --short HEAD))"
  echo
  target/release/examples/live_bench "$vault" 200
  echo

  # Memory of a watching process, with its own cache folder.
  cache=$(mktemp -d)
  out=$(mktemp)
  # A first open fills the cache and builds the index; the measured one is warm.
  target/release/hanji --cache-dir "$cache" search "$vault" 쿠버네티스 > /dev/null
  target/release/hanji --cache-dir "$cache" --json watch "$vault" > "$out" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do grep -q '"ready"' "$out" && break; sleep 0.1; done
  sleep 1
  echo "hanji watch, open:          $(rss $pid)"
  mapfile -t notes < <(find "$vault" -name '*.md' | head -n 50)
  saved=$(mktemp -d)
  for i in "${!notes[@]}"; do cp -p "${notes[$i]}" "$saved/$i"; done
  for f in "${notes[@]}"; do printf '\nmemory probe [[쿠버네티스]]\n' >> "$f"; sleep 0.05; done
  sleep 0.5
  echo "hanji watch, after 50 changes: $(rss $pid)"
  sleep 4
  echo "hanji watch, idle:          $(rss $pid)"
  echo "change lines: $(grep -c '"change"' "$out")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  for i in "${!notes[@]}"; do cp -p "$saved/$i" "${notes[$i]}"; done
  rm -rf "$cache" "$out" "$saved"
  echo
done
