#!/usr/bin/env bash
# Builds the front end into ui/dist, which the Tauri shell embeds at compile
# time (tauri.conf.json: build.frontendDist).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --workspace ui
