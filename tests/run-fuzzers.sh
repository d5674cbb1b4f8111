#!/usr/bin/env bash
# run-fuzzers.sh — builds the libFuzzer harnesses with clang and runs each for a fixed budget.
# KEPIL_FUZZ_SECONDS (default 60) per harness; 0 skips. A finding fails the run; its input is kept in
# build-fuzz/findings/ for a regression seed.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${KEPIL_FUZZ_SECONDS:-60}
[ "$budget" = 0 ] && { echo "fuzzers skipped (KEPIL_FUZZ_SECONDS=0)"; exit 0; }
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang meson setup build-fuzz -Dfuzzers=true -Dapp=false -Dtests=false -Db_lundef=false \
    -Db_sanitize=address,undefined -Dc_args=-fsanitize=fuzzer-no-link --buildtype=debugoptimized
fi
ninja -C build-fuzz
mkdir -p build-fuzz/findings
status=0
for exe in build-fuzz/tests/fuzz/fuzz-*; do
  [ -f "$exe" ] && [ -x "$exe" ] || continue
  name=$(basename "$exe"); name=${name#fuzz-}
  work="build-fuzz/corpus-$name"; mkdir -p "$work"
  seeds="tests/fuzz/corpus/$name"; [ -d "$seeds" ] || seeds=""
  echo "fuzz $name for ${budget}s"
  if ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 "$exe" -max_total_time="$budget" -timeout=20 -rss_limit_mb=4096 \
       -artifact_prefix="build-fuzz/findings/$name-" -print_final_stats=0 "$work" $seeds > "build-fuzz/fuzz-$name.log" 2>&1; then
    echo "ok - fuzz $name: $(grep -Eo 'DONE.*|#[0-9]+ +DONE.*' "build-fuzz/fuzz-$name.log" | tail -1)"
  else
    echo "not ok - fuzz $name found a problem:"; tail -40 "build-fuzz/fuzz-$name.log"; status=1
  fi
done
exit $status
