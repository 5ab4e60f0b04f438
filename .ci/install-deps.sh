#!/usr/bin/env bash
# Installs everything the build, the tests and the benchmarks need on a fresh
# Debian 12 (or Ubuntu) machine, then the npm packages from package-lock.json.
# Idempotent: on a machine that already has the packages it skips apt-get.
#
# package-lock.json lists the Tauri CLI's binaries for other platforms
# without integrity hashes: the registry mirror this project builds against
# does not serve them, and `npm ci` needs every optional package listed. They
# are never installed on Linux.
set -euo pipefail
cd "$(dirname "$0")/.."

# WebKitGTK and friends for the Tauri shell; Xvfb and webkit2gtk-driver for
# tests in a real window; fonts-nanum so Hangul does not render as boxes;
# ripgrep, hyperfine and time for the benchmarks.
packages=(
  build-essential pkg-config file libssl-dev libxdo-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
  xvfb webkit2gtk-driver fonts-nanum imagemagick
  ripgrep hyperfine time
)
missing=()
for p in "${packages[@]}"; do
  # `dpkg -s` also succeeds for a removed package whose config files remain.
  [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" = "ii " ] || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "installing: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund

# tauri-driver, the WebDriver bridge the end-to-end tests drive the app
# window through (pinned to 2.x: crates.io lists 3.0 alphas as the newest).
if ! command -v tauri-driver > /dev/null; then
  cargo install tauri-driver --locked --version '^2'
fi
