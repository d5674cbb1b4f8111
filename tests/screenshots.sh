#!/bin/bash
# screenshots.sh — pictures of each main page at 1366×768, in Kazakh and Russian.
# Usage: tests/screenshots.sh [BUILD_DIR] [OUT_DIR]   (needs xvfb-run)
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
build=${1:-build}
out=${2:-screenshots}
root=$(cd "$(dirname "$0")/.." && pwd)
kepil="$root/$build/src/app/kepil"
cli="$root/$build/src/cli/kepil-cli"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GTK_A11Y=none XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export KEPIL_LOCALEDIR="$root/$build/po"
db="$work/demo.kepil"
"$cli" --db "$db" init >/dev/null
"$cli" --db "$db" demo >/dev/null
shots=("workplaces::" "workplace:measurements" "workplace:classes" "workplace:guarantees" "workplace:risk"
       "enterprise:" "dashboard:" "reference:")
for lang in kk ru; do
  for s in "${shots[@]}"; do
    page=${s%%:*}; view=${s#*:}; view=${view%:}
    name="$lang-$page${view:+-$view}.png"
    args=(--lang "$lang" --screenshot "$out/$name" --screenshot-page "$page")
    [ -n "$view" ] && args+=(--screenshot-view "$view")
    xvfb-run -a -s "-screen 0 1366x768x24" "$kepil" "${args[@]}" "$db"
    echo "$out/$name"
  done
done
