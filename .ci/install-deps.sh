#!/usr/bin/env bash
# Installs what building and running Hanji needs on Debian (12, 13) or Ubuntu
# (24.04 or newer), from the distribution's own packages, then the front
# end's npm packages from package-lock.json:
#
#   bash .ci/install-deps.sh           # to build and run the app (.ci/run-app.sh)
#   bash .ci/install-deps.sh --bundle  # also what building the Debian package needs (.ci/bundle.sh)
#   bash .ci/install-deps.sh --tests   # also what the tests and benchmarks need (.ci/run)
#
# Rust and Node.js are installed only when missing or too old, and only when
# the distribution offers versions recent enough (see .ci/toolchain.sh);
# otherwise the script stops, before installing anything, with a sentence
# saying what to install. Stock Debian 13's rustc 1.85 is too old for
# Cargo.lock, so there it installs rustc-web and cargo-web (Debian's newer
# Rust, 1.96, which replaces rustc); on Ubuntu the newest rustc-1.NN. Stock
# Ubuntu 24.04's Node.js 18 is too old. A machine that already has every
# package, a recent enough Rust and Node.js gets no apt-get at all. Run as
# root or as a user who may sudo.
#
# --bundle adds the Tauri CLI (the root package.json's npm package), which
# packages the built app, and desktop-file-utils, whose desktop-file-validate
# checks the package's desktop entry (.ci/check-deb.sh).
#
# --tests adds what --bundle does (CI builds and checks the package too),
# Xvfb and WebKitWebDriver (the end-to-end tests run the app window in a
# virtual display), rustfmt and clippy for the Rust in use, the npm packages
# of tests/e2e (WebdriverIO), tauri-driver (the WebDriver bridge, built by
# `cargo install`), and ripgrep, hyperfine and time for the benchmarks.
# Without it none of those is installed.
#
# package-lock.json lists the Tauri CLI's binaries for other platforms
# without integrity hashes: the registry mirror this project builds against
# does not serve them, and `npm ci` needs every optional package listed. They
# are never installed on Linux.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=toolchain.sh
source .ci/toolchain.sh

tests=false
bundle=false
case "${1:-}" in
  "") ;;
  --bundle) bundle=true ;;
  --tests) tests=true; bundle=true ;;
  *) echo "usage: bash .ci/install-deps.sh [--bundle | --tests]" >&2; exit 2 ;;
esac

say() { echo "install-deps: $*"; }
stop() { echo "install-deps: $*" >&2; exit 1; }

if ! command -v apt-get > /dev/null || ! command -v dpkg-query > /dev/null; then
  stop "this script installs with apt (Debian, Ubuntu); elsewhere install WebKitGTK 4.1 and the other packages listed in it, Rust $hanji_rust_min or newer and Node.js $hanji_node_min_text yourself, then run \`npm ci\`."
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo > /dev/null || stop "run this as root, or install sudo and run it as a user who may use it."
  sudo_cmd=(sudo)
fi

# WebKitGTK and friends for the Tauri shell (Tauri's list for Debian);
# fonts-nanum so Hangul does not render as boxes.
packages=(
  build-essential pkg-config file libssl-dev libxdo-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
  fonts-nanum
)
if $bundle; then
  packages+=(desktop-file-utils)
fi
if $tests; then
  packages+=(xvfb webkit2gtk-driver imagemagick ripgrep hyperfine time)
  # A real Korean input method for the end-to-end IME test: ibus with its
  # Hangul engine on a session bus, typed into with xdotool.
  packages+=(ibus ibus-gtk3 ibus-hangul dbus-x11 xdotool libglib2.0-bin dconf-gsettings-backend)
  # The close button, pressed by tests/e2e/wm-delete.py (libX11 through ctypes).
  packages+=(python3)
fi

# `dpkg -s` also succeeds for a removed package whose config files remain.
installed() { [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2> /dev/null)" = "ii " ]; }
updated=false
apt_update() {
  if ! $updated; then
    say "apt-get update"
    "${sudo_cmd[@]}" apt-get update -qq
    updated=true
  fi
}
apt_install() {
  apt_update
  say "installing $*"
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}
# The upstream version apt would install for package $1 (1.85.1 for
# 1.85.1+dfsg1-1+deb13u1), or nothing when apt knows no such package.
candidate() {
  apt-cache policy "$1" 2> /dev/null | awk '/Candidate:/ {print $2}' |
    sed -e 's/^[0-9]*://' -e 's/[-+~].*//' -e 's/^(none)$//'
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
problems=()

# Rust: the one on PATH or in ~/.cargo/bin if recent enough, else the
# distribution's rustc, rustc-web (Debian) or newest rustc-1.NN (Ubuntu).
if ! hanji_use_rust; then
  if command -v rustup > /dev/null; then
    problems+=("Rust $(hanji_rustc_version) from rustup is older than the $hanji_rust_min that Cargo.lock needs: run \`rustup update stable\`, then run this again.")
  else
    apt_update
    rust_packages=()
    offered=""
    for rustc_package in rustc rustc-web $(apt-cache pkgnames rustc-1. | grep -E '^rustc-1\.[0-9]+$' | sort -V -r); do
      version=$(candidate "$rustc_package")
      [ -n "$version" ] || continue
      cargo_package=cargo${rustc_package#rustc}
      if hanji_version_ge "$version" "$hanji_rust_min" && [ -n "$(candidate "$cargo_package")" ]; then
        rust_packages=("$rustc_package" "$cargo_package")
        break
      fi
      if [ -z "$offered" ] || hanji_version_ge "$version" "${offered##* }"; then
        offered="$rustc_package $version"
      fi
    done
    if [ "${#rust_packages[@]}" -gt 0 ]; then
      if [ "${rust_packages[0]}" = rustc-web ] && installed rustc; then
        say "Debian's rustc $(candidate rustc) is older than the $hanji_rust_min Cargo.lock needs: installing rustc-web and cargo-web (Debian's newer Rust, $(candidate rustc-web)), which replace rustc and cargo"
      fi
      missing+=("${rust_packages[@]}")
    else
      if [ -n "$offered" ]; then offered="the newest this system's packages offer is $offered"; else offered="this system's packages offer none"; fi
      problems+=("Hanji needs Rust $hanji_rust_min or newer and $offered: install Rust with rustup (https://rustup.rs: \`curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh\`), then run this again.")
    fi
  fi
fi

# Node.js and npm: the ones on PATH if recent enough, else the distribution's.
if ! hanji_node_ok; then
  if command -v node > /dev/null && hanji_node_version_ok "$(node --version)"; then
    # Debian and Ubuntu package npm apart from nodejs; it is installed after
    # it, below.
    :
  else
    apt_update
    version=$(candidate nodejs)
    if [ -n "$version" ] && hanji_node_version_ok "$version"; then
      missing+=(nodejs)
    else
      if [ -n "$version" ]; then offered="only nodejs $version"; else offered="no Node.js"; fi
      problems+=("Hanji's front end needs Node.js $hanji_node_min_text and this system's packages offer $offered: install Node.js 22 from https://nodejs.org/en/download (or NodeSource's packages, https://github.com/nodesource/distributions), then run this again.")
    fi
  fi
fi

if [ "${#problems[@]}" -gt 0 ]; then
  for problem in "${problems[@]}"; do echo "install-deps: $problem" >&2; done
  exit 1
fi

[ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
# NodeSource's nodejs carries npm and conflicts with the distribution's npm.
if command -v node > /dev/null && ! command -v npm > /dev/null; then apt_install npm; fi

hanji_use_rust || stop "Rust on PATH ($(command -v rustc || echo none), $(hanji_rustc_version)) is still older than $hanji_rust_min: put a newer one first on PATH, then run this again."
hanji_node_ok || stop "Node.js on PATH ($(command -v node || echo none), $(node --version 2> /dev/null)) is still not $hanji_node_min_text, or has no npm: put a newer one first on PATH, then run this again."
case "$(command -v cargo)" in
  /usr/lib/rust-*) say "using Rust $(hanji_rustc_version) from $(dirname "$(command -v cargo)"); put that folder first on PATH to run cargo yourself" ;;
esac

if $tests; then
  # rustfmt and clippy for the same Rust (CI's rustup toolchain has them).
  if ! cargo fmt --version > /dev/null 2>&1 || ! cargo clippy --version > /dev/null 2>&1; then
    rustc_path=$(command -v rustc)
    if [ "$rustc_path" = "$HOME/.cargo/bin/rustc" ] && command -v rustup > /dev/null; then
      rustup component add rustfmt clippy
    else
      owner=$(dpkg-query -S "$rustc_path" 2> /dev/null || dpkg-query -S "$(readlink -f "$rustc_path")" 2> /dev/null || true)
      owner=${owner%%:*}
      case "$owner" in
        rustc) apt_install rustfmt rust-clippy ;;
        rustc-web) apt_install rustfmt-web rust-web-clippy ;;
        rustc-1.*) apt_install "rustfmt-${owner#rustc-}" "rust-${owner#rustc-}-clippy" ;;
        *) stop "cargo fmt or cargo clippy is missing for the Rust at $rustc_path: install rustfmt and clippy for it, then run this again." ;;
      esac
    fi
  fi
fi

# --ignore-scripts: no dependency's install script runs, whatever the npm.
# The only ones in package-lock.json are edgedriver's and geckodriver's
# (pulled in by WebdriverIO), which download Edge's and Firefox's WebDriver
# when asked to; the tests use WebKitWebDriver. package.json's allowScripts
# denies them as well, for npm 11 run by hand (npm 9 and 10 ignore it).
if $tests; then
  npm ci --no-audit --no-fund --ignore-scripts
elif $bundle; then
  # The front end's packages and the root's (the Tauri CLI), not WebdriverIO.
  npm ci --workspace ui --include-workspace-root --no-audit --no-fund --ignore-scripts
else
  # The front end's packages only: not the Tauri CLI, not WebdriverIO.
  npm ci --workspace ui --no-audit --no-fund --ignore-scripts
fi

if $tests; then
  # tauri-driver, the WebDriver bridge the end-to-end tests drive the app
  # window through (pinned to 2.x: crates.io lists 3.0 alphas as the newest).
  if ! command -v tauri-driver > /dev/null; then
    cargo install tauri-driver --locked --version '^2'
  fi
fi
