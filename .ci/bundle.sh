#!/usr/bin/env bash
# Builds Hanji's Debian package and checks it (.ci/check-deb.sh): the app as
# /usr/bin/hanji-app with a desktop entry that opens folders, its icons, the
# `hanji` command-line tool as /usr/bin/hanji, and the licence of the font the
# front end embeds. Prints the package's path as its last line.
#
#   bash .ci/bundle.sh             # what .ci/install-deps.sh --bundle (or --tests) installs must be there
#   bash .ci/bundle.sh --install   # README's: runs .ci/install-deps.sh --bundle first, installs the package last
#
# The package is target/release/bundle/deb/Hanji_VERSION_ARCH.deb; what goes
# in it is tauri.conf.json's bundle section. The app and the tool are
# compiled by one cargo command, optimised and with the front end inside the
# app (the `custom-protocol` feature, which is what `tauri build` turns on):
# built together, the dependencies they share are compiled once, with one set
# of features, where building the tool alone first and then `tauri build`
# (which builds the app alone) compiles many of them twice. `tauri bundle`
# then packages what was built without compiling anything, as `tauri build
# --bundles deb` would after its own compile (which also works, once
# target/release/hanji is built: the package takes the tool from there).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

install=false
case "${1:-}" in
  "") ;;
  --install) install=true ;;
  *) echo "usage: bash .ci/bundle.sh [--install]" >&2; exit 2 ;;
esac

say() { echo "bundle: $*"; }
stop() { echo "bundle: $*" >&2; exit 1; }

if $install; then bash .ci/install-deps.sh --bundle; fi
# shellcheck source=toolchain.sh
source .ci/toolchain.sh
hanji_use_rust || stop "no Rust $hanji_rust_min or newer here: run \`bash .ci/install-deps.sh --bundle\` first."
[ -x node_modules/.bin/tauri ] || stop "the Tauri CLI (node_modules/.bin/tauri) is not installed: run \`bash .ci/install-deps.sh --bundle\` first."
command -v dpkg-deb > /dev/null || stop "dpkg-deb is missing: this builds a Debian package on Debian or Ubuntu."

# tauri.conf.json takes the tool from target/release/hanji (bundle.linux.deb
# .files cannot follow a target folder moved elsewhere), and the bundler looks
# for the app where cargo put it: both must be ./target.
for variable in CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR; do
  value=${!variable:-}
  if [ -n "$value" ] && [ "$(realpath -m "$value")" != "$root/target" ]; then
    stop "$variable is set to $value: the package is built from ./target; unset it to build the package."
  fi
done

# A clean clone is built once on CI: incremental caches would only take disk
# (release builds are not incremental unless the environment says so).
if [ "${CI:-}" = "true" ]; then export CARGO_INCREMENTAL=0; fi

# The front end, when ui/dist is missing or older than a file it is built
# from (on CI, .ci/run has just built it from the same sources).
if [ ! -f ui/dist/index.html ] ||
  [ -n "$(find ui package-lock.json \( -path ui/dist -o -path ui/node_modules \) -prune -o -type f -newer ui/dist/index.html -print -quit)" ]; then
  say "building the front end (ui/dist)"
  bash .ci/build-ui.sh
fi

say "building the app and the hanji tool (release)"
cargo build --release -p hanji-app -p hanji-cli --features hanji-app/custom-protocol

# Whatever .deb the bundler writes from here on is this run's.
marker=$(mktemp)
trap 'rm -f "$marker"' EXIT
say "packaging (tauri bundle --bundles deb)"
node_modules/.bin/tauri bundle --bundles deb

debs=()
while IFS= read -r -d '' file; do debs+=("$file"); done < <(find target/release/bundle/deb -maxdepth 1 -name '*.deb' -newer "$marker" -print0 2> /dev/null)
[ "${#debs[@]}" -eq 1 ] || stop "expected one new .deb in target/release/bundle/deb/, found ${#debs[@]}: ${debs[*]:-none}"
deb=$root/${debs[0]#./}

bash .ci/check-deb.sh "$deb"

if $install; then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  # --reinstall: a package rebuilt at the same version would otherwise be
  # taken for the one already installed and left out.
  say "installing $deb"
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --reinstall "$deb"
  say "installed: Hanji is in the applications menu, \`hanji-app [VAULT]\` starts it, \`hanji\` is the command-line tool"
fi
echo "$deb"
