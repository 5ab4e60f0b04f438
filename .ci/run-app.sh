#!/usr/bin/env bash
# README's first command: installs what building Hanji needs
# (.ci/install-deps.sh, nothing for the tests), builds the front end and an
# optimised app with the front end inside it, and opens the app on the vault
# given (default: HANJI_VAULT, else vault-sample/).
#
#   bash .ci/run-app.sh [VAULT_DIR]
#
# --release: optimised, and without the web view's developer tools, which
# debug builds have (right click, Inspect Element). The built app is
# target/release/hanji-app; it can be started directly from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh
# shellcheck source=toolchain.sh
source .ci/toolchain.sh
hanji_use_rust # the Rust install-deps.sh found or installed (Ubuntu's rustc-1.NN is not on PATH)
bash .ci/build-ui.sh
# The app itself opens the vault opened last when given none; README's
# command opens the sample.
if [ "$#" -eq 0 ] && [ -z "${HANJI_VAULT:-}" ]; then set -- vault-sample; fi
exec cargo run --release -p hanji-app --features custom-protocol -- "$@"
