# Shared by the benchmarks of the real app window (bench/app.sh,
# bench/editor.sh); sourced, not run. `bench_build` builds the release app
# with the front end embedded and sets `app`, and makes `work` (a temporary
# folder, removed on exit with the display and the driver). `bench_window
# DISPLAY` starts a virtual display and tauri-driver on port 4444, with the
# app's cache, config and web storage in `work` (fresh each run: the app
# gets tauri-driver's environment, WebKitWebDriver starts it).
bench_build() {
  bash .ci/build-ui.sh >&2
  cargo build --release -p hanji-app --features custom-protocol >&2
  app="$(pwd)/target/release/hanji-app"
  work=$(mktemp -d)
  driver=""
  xvfb=""
  trap bench_cleanup EXIT
}

bench_cleanup() {
  [ -n "$driver" ] && { kill -TERM "$driver" 2>/dev/null; wait "$driver" 2>/dev/null || true; }
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  rm -rf "$work"
}

bench_window() {
  export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
  Xvfb "$1" -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 &
  xvfb=$!
  export DISPLAY="$1"
  tauri-driver --port 4444 --native-driver "$(command -v WebKitWebDriver)" > "$work/driver.log" 2>&1 &
  driver=$!
  sleep 1
}
