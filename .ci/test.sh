#!/usr/bin/env bash
# Runs every test suite: formatting, lints, the Rust workspace (core, CLI,
# shell), the front end, the end-to-end tests in the real app window, and
# last the Debian package, built and its contents checked. Expects what
# .ci/install-deps.sh --tests installs and ui/dist built by .ci/build-ui.sh.
# Ends with one summary line over all suites and exits non-zero if any suite
# failed.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
status=0
log=$(mktemp -d)

step() { printf '\n==> %s\n' "$*"; }

# Every cargo step builds one feature set, the one the end-to-end app binary
# needs (the front end embedded, `custom-protocol`), so the dependency graph
# is compiled once and shared instead of twice with different features.
# ui/dist must exist for it: .ci/build-ui.sh runs first.
cargo_features=(--workspace --features hanji-app/custom-protocol)
# A clean clone is built once on CI: incremental caches would only take disk.
if [ "${CI:-}" = "true" ]; then export CARGO_INCREMENTAL=0; fi

step "cargo fmt --check"
if ! cargo fmt --all -- --check; then status=1; failed=$((failed + 1)); else passed=$((passed + 1)); fi

step "cargo clippy (workspace, warnings are errors)"
if ! cargo clippy "${cargo_features[@]}" --all-targets -- -D warnings; then
  status=1; failed=$((failed + 1))
else
  passed=$((passed + 1))
fi

step "cargo test --workspace"
cargo test "${cargo_features[@]}" 2>&1 | tee "$log/cargo.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
while read -r p f; do
  passed=$((passed + p)); failed=$((failed + f))
done < <(sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1 \2/p' "$log/cargo.txt")

step "vitest (ui)"
(cd ui && npx vitest run --reporter=default --reporter=json --outputFile="$log/vitest.json")
[ $? -eq 0 ] || status=1
if [ -f "$log/vitest.json" ]; then
  read -r p f < <(node -e 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests)' "$log/vitest.json")
  passed=$((passed + p)); failed=$((failed + f))
else
  status=1; failed=$((failed + 1))
fi

step "end-to-end tests in the app window (tests/e2e)"
bash .ci/e2e.sh 2>&1 | tee "$log/e2e.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r p f < <(awk '/^# pass /{p=$3} /^# fail /{f=$3} END{print p+0, f+0}' "$log/e2e.txt")
passed=$((passed + p)); failed=$((failed + f))
if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then status=1; failed=$((failed + 1)); fi

# Last: the package is a release build of the app and the CLI (the steps
# above build debug only), the longest step on a fresh machine, and nothing
# above waits for it. It counts as one test, like fmt and clippy.
step "Debian package: build and check its contents (.ci/bundle.sh)"
if ! bash .ci/bundle.sh; then status=1; failed=$((failed + 1)); else passed=$((passed + 1)); fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
echo "${passed} passed, ${failed} failed"
exit "$status"
