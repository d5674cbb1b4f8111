#!/usr/bin/env bash
# run-sanitizers.sh — the whole suite again with AddressSanitizer and UndefinedBehaviorSanitizer;
# LeakSanitizer on the core tests (the GTK tests leak by design of GTK's caches, see lsan.supp).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build-asan/build.ninja ]; then
  meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debug
fi
ninja -C build-asan
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
# Full stacks: GLib is built without frame pointers, so the fast unwinder stops at g_malloc.
export ASAN_FAST_UNWIND=fast_unwind_on_malloc=0
ASAN_OPTIONS=detect_leaks=1:$ASAN_FAST_UNWIND xvfb-run -a -s "-screen 0 1366x768x24" \
  meson test -C build-asan --print-errorlogs --num-processes 2 --suite core --timeout-multiplier 3
ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -s "-screen 0 1366x768x24" \
  meson test -C build-asan --print-errorlogs --num-processes 2 --no-suite core --timeout-multiplier 3
