#!/usr/bin/env bash
# import-bench.sh — the import row of run-benchmarks.sh alone, repeated, in CPU seconds (user + sys, the figure
# to compare on a shared machine) and wall seconds; medians of ROUNDS rounds run back to back.
# Usage: tests/bench/import-bench.sh [BUILD_DIR] [ROUNDS]     (default: build-perf, 5)
# Env: KEPIL_BENCH_WORKPLACES (20000), KEPIL_BENCH_MEASUREMENTS (200000), KEPIL_BENCH_LIST (8940),
#      KEPIL_BENCH_KEEP=DIR to keep the generated files there.
#
# The sides (see also run-benchmarks.sh):
#   Kepil   `kepil-cli import measurements FILE` into a fresh `kepil-cli init` database: the product as it is —
#           the file read and validated, an online backup, one transaction; the connection's pragmas are
#           journal_mode=WAL, synchronous=FULL, foreign_keys=ON (kepil-db.c).
#   anchor  `sqlite3 .import --skip 1` of the same file into an equivalent table (the file's 14 columns with the
#           types Kepil stores: TEXT, INTEGER for the headcount, REAL for value, norm and exposure; NOT NULL as
#           in Kepil), with the same journal_mode=WAL and synchronous=FULL (the sqlite3 shell's .import runs in
#           one transaction too).
#   anchor, defaults   the same .import with the sqlite3 shell's defaults: journal_mode=DELETE,
#           synchronous=FULL, the table made from the header (all TEXT) — as run-benchmarks.sh measured it before.
#   backup  `kepil-cli backup make` of a fresh database: the backup step of the import on its own.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build-perf}; case "$build" in /*) ;; *) build="$top/$build";; esac
rounds=${2:-5}
CLI="$build/src/cli/kepil-cli"
W=${KEPIL_BENCH_WORKPLACES:-20000}; M=${KEPIL_BENCH_MEASUREMENTS:-200000}; L=${KEPIL_BENCH_LIST:-8940}
tmp=${KEPIL_BENCH_KEEP:-$(mktemp -d)}; mkdir -p "$tmp"
[ -z "${KEPIL_BENCH_KEEP:-}" ] && trap 'rm -rf "$tmp"' EXIT
export KEPIL_BACKUP_DIR="$tmp/backups" KEPIL_LOCALEDIR="$build/po" LC_ALL=C.UTF-8 LANGUAGE=en

ANCHOR_TABLE="CREATE TABLE meas (workplace_code TEXT NOT NULL, unit TEXT NOT NULL, profession TEXT NOT NULL,
  headcount INTEGER, factor TEXT NOT NULL, subgroup TEXT NOT NULL, agent TEXT NOT NULL, value REAL NOT NULL,
  unit_of_measure TEXT NOT NULL, norm REAL, method TEXT NOT NULL, instrument TEXT NOT NULL,
  measured_on TEXT NOT NULL, exposure_pct REAL NOT NULL);"

# The file, made as run-benchmarks.sh makes it.
if [ ! -s "$tmp/meas.csv" ]; then
  "$CLI" --db "$tmp/big.kepil" generate --workplaces "$W" --measurements "$M" --list-entries "$L" --seed 1 > /dev/null
  { echo "workplace_code;unit;profession;headcount;factor;subgroup;agent;value;unit_of_measure;norm;method;instrument;measured_on;exposure_pct"
    sqlite3 -separator ';' "$tmp/big.kepil" "SELECT w.code, u.name_ru, p.name_ru, w.men + w.women, m.factor, m.subgroup,
      m.agent, m.value, m.unit_of_measure, m.norm, m.method, m.instrument, m.measured_on, m.exposure_pct
      FROM measurement m JOIN workplace w ON w.id = m.workplace_id JOIN unit u ON u.id = w.unit_id
      JOIN profession p ON p.id = w.profession_id ORDER BY m.id"; } > "$tmp/meas.csv"
fi

# timed NAME CMD… : appends "cpu wall maxMB" to $tmp/t.NAME
timed () {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err" || { echo "$name failed:"; head -5 "$tmp/err"; exit 1; }
  awk '{ printf "%.3f %.3f %.0f\n", $2 + $3, $1, $4 / 1024 }' "$tmp/time" >> "$tmp/t.$name"
}
median () { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
col () { awk -v c="$2" '{ print $c }' "$tmp/t.$1" | median; }

rm -f "$tmp"/t.*
for r in $(seq "$rounds"); do
  rm -rf "$tmp/imp.kepil"* "$tmp/backups" "$tmp/a.db"* "$tmp/d.db"* "$tmp/b.kepil"*
  "$CLI" --db "$tmp/imp.kepil" init > /dev/null
  timed kepil "$CLI" --db "$tmp/imp.kepil" import measurements "$tmp/meas.csv" --json
  sqlite3 "$tmp/a.db" "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; $ANCHOR_TABLE" > /dev/null
  timed anchor sqlite3 "$tmp/a.db" "PRAGMA synchronous=FULL" ".mode csv" ".separator ;" ".import --skip 1 $tmp/meas.csv meas"
  timed default sqlite3 "$tmp/d.db" ".mode csv" ".separator ;" ".import $tmp/meas.csv meas"
  "$CLI" --db "$tmp/b.kepil" init > /dev/null
  timed backup "$CLI" --db "$tmp/b.kepil" backup make
done
n=$(sqlite3 "$tmp/imp.kepil" "SELECT count(*) FROM measurement")
[ "$n" = "$M" ] || { echo "Kepil imported $n measurements, not $M"; exit 1; }
[ "$(sqlite3 "$tmp/a.db" "SELECT count(*) FROM meas")" = "$M" ] || { echo "the anchor did not import $M rows"; exit 1; }

k=$(col kepil 1); a=$(col anchor 1); d=$(col default 1)
printf 'import of %s measurements, medians of %s rounds, %s cores, %s\n' "$M" "$rounds" "$(nproc)" "$(date -u +%Y-%m-%d)"
printf '| %-52s | %9s | %9s | %8s |\n' "side" "CPU s" "wall s" "peak MB"
printf '| %-52s | %9s | %9s | %8s |\n' "---" "---:" "---:" "---:"
for s in "kepil:Kepil import (validation, backup, one transaction)" "anchor:sqlite3 .import, equivalent table, WAL + FULL" \
         "default:sqlite3 .import, shell defaults (DELETE, all TEXT)" "backup:Kepil backup make of the fresh database"; do
  printf '| %-52s | %9s | %9s | %8s |\n' "${s#*:}" "$(col "${s%%:*}" 1)" "$(col "${s%%:*}" 2)" "$(col "${s%%:*}" 3)"
done
printf 'ratio, CPU: %.2f × the equivalent table (target ≤ 1.5), %.2f × the shell defaults\n' \
  "$(echo "$k / $a" | bc -l)" "$(echo "$k / $d" | bc -l)"
printf 'ratio, wall: %.2f × the equivalent table, %.2f × the shell defaults\n' \
  "$(echo "$(col kepil 2) / $(col anchor 2)" | bc -l)" "$(echo "$(col kepil 2) / $(col default 2)" | bc -l)"
