#!/usr/bin/env bash
# End-to-end tests in the real app window: builds the app (with the front end
# embedded), starts a virtual display and tauri-driver, and runs
# tests/e2e/*.test.mjs against a copy of vault-sample (plus a hostile note)
# in a temporary folder. Screenshots of the main views are written to
# tests/e2e/artifacts/. Expects .ci/install-deps.sh --tests and .ci/build-ui.sh.
# Prints node's test summary and exits non-zero if a test failed.
#
# Arguments go to node's test runner, e.g. one test alone:
#   bash .ci/e2e.sh --test-name-pattern 'opens a search result'
# HANJI_E2E_REVERSE=1 runs the suites and their tests in reverse order;
# HANJI_E2E_FILES="editor.test.mjs" runs some of the files only;
# HANJI_E2E_ACCELERATION=on runs them composited, as with a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# With the same features and targets as .ci/test.sh's `cargo test`, this reuses
# what that step compiled rather than building the dependencies a second time.
cargo build --workspace --all-targets --features hanji-app/custom-protocol
app="$root/target/debug/hanji-app"

work=$(mktemp -d)
vault="$work/vault"
cp -r vault-sample "$vault"
# A note that tries to run script; the tests check that nothing runs.
cat > "$vault/Hostile.md" <<'NOTE'
# Hostile

<script>window.__hanjiPwned = "script";</script>
<img src="x" onerror="window.__hanjiPwned = 'onerror'">
[click](javascript:window.__hanjiPwned='link')
NOTE

# An image beside the vault, not in it: the vault: scheme must refuse it.
cp "$vault/Attachments/$(ls "$vault/Attachments" | grep -i '\.png$' | head -n 1)" "$work/outside.png"

# The app is started by WebKitWebDriver, a child of tauri-driver, so it gets
# tauri-driver's environment: cache, config and web storage (XDG_DATA_HOME)
# are set here, fresh for every run.
export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
# HANJI_E2E_ACCELERATION=on|off: the app's hardware-acceleration preference
# (unset: Automatic, which is off here: a virtual display has no GPU).
if [ -n "${HANJI_E2E_ACCELERATION:-}" ]; then
  mkdir -p "$XDG_CONFIG_HOME/app.hanji.notes"
  printf '{"zoom": 1.0, "hardwareAcceleration": "%s"}\n' "$HANJI_E2E_ACCELERATION" \
    > "$XDG_CONFIG_HOME/app.hanji.notes/preferences.json"
fi
# A vault reopened from its cache holds back its comparison with the disk this
# long (no effect on a first open), so a test can see the window answer from
# the cache before that comparison ends. The tests read it for their waits.
export HANJI_TEST_VERIFY_DELAY_MS="${HANJI_TEST_VERIFY_DELAY_MS:-8000}"

display=:99
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
xvfb=$!
export DISPLAY=$display
# A real Korean input method on a session bus of this run, for the IME
# test; the app, ibus and xdotool find it through DBUS_SESSION_BUS_ADDRESS
# and XDG_CONFIG_HOME/ibus/bus (set above, before the daemon starts, so it
# writes its address there). The plain US layout is the engine between
# tests (WebDriver's typing goes through the input method too); the IME
# test switches to ibus-hangul, which starts in Hangul mode, and back.
eval "$(dbus-launch --sh-syntax)"
# ibus-hangul starts in Latin mode unless told (the setting lives in dconf).
gsettings set org.freedesktop.ibus.engine.hangul initial-input-mode 'hangul'
ibus-daemon --xim --daemonize --replace
for _ in $(seq 1 50); do
  ibus engine xkb:us::eng 2> /dev/null && break
  sleep 0.2
done
export GTK_IM_MODULE=ibus XMODIFIERS=@im=ibus
tauri-driver --port 4444 --native-driver "$(command -v WebKitWebDriver)" > "$work/driver.log" 2>&1 &
driver=$!
cleanup() {
  # SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver too.
  kill -TERM "$driver" 2>/dev/null || true
  wait "$driver" 2>/dev/null || true
  ibus exit 2>/dev/null || true
  kill "${DBUS_SESSION_BUS_PID:-}" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  # The last app's web process may still be writing its shader cache here
  # for a moment after its session ended.
  for _ in 1 2 3 4 5; do
    rm -rf "$work" 2>/dev/null && return 0
    sleep 1
  done
  echo "e2e: could not remove $work" >&2
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  (exec 3<> /dev/tcp/127.0.0.1/4444) 2> /dev/null && break
  sleep 0.1
done

mkdir -p tests/e2e/artifacts
export HANJI_APP="$app" HANJI_VAULT="$vault" HANJI_ARTIFACTS="$root/tests/e2e/artifacts"
if [ "$#" -eq 0 ] && [ -z "${HANJI_E2E_FILES:-}" ]; then
  npm test --workspace tests/e2e
else
  # The workspace's test script with the arguments before the file (node
  # reads options only there).
  (cd tests/e2e && node --test --test-reporter=tap --test-concurrency=1 "$@" ${HANJI_E2E_FILES:-app.test.mjs editor.test.mjs fileops.test.mjs daily.test.mjs graph.test.mjs workspace.test.mjs})
fi
