#!/bin/bash
# test-cli-import.sh — the CLI contract of import and template; every bad file of the corpus gets its
# message, exit 1 and leaves the database unchanged.  Prints TAP.
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
K=${KEPIL_CLI:?KEPIL_CLI is not set}
DATA=${KEPIL_TEST_DATA:?KEPIL_TEST_DATA is not set}/import
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export KEPIL_BACKUP_DIR="$T/backups"
n=0
fails=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/# /'; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }
digest () { sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1; }

# The template: canonical header in CSV, both languages in XLSX.
$K template --out "$T/t.csv" >/dev/null
check "template CSV has the canonical header" \
  "head -1 '$T/t.csv' | grep -q 'workplace_code;unit;profession;headcount;factor;subgroup;agent;value;unit_of_measure;norm;method;instrument;measured_on;exposure_pct'"
$K template --out "$T/t.xlsx" --headers kk+ru >/dev/null
check "template XLSX is a zip workbook" "[ \"\$(head -c 2 '$T/t.xlsx')\" = PK ]"
$K template --out "$T/t.txt" >/dev/null 2>&1; rc=$?
check "template refuses an unknown extension with exit 1" "[ $rc = 1 ]"
$K template >/dev/null 2>&1; rc=$?
check "template without --out is a usage error" "[ $rc = 2 ]"
$K template --kind workplaces --out "$T/w.csv" >/dev/null
check "register template has men and women" "head -1 '$T/w.csv' | grep -q 'men;women;count'"

# The empty template imports to nothing with a clear message.
DB="$T/empty.kepil"
$K --lang en --db "$DB" import measurements "$T/t.csv" >"$T/out" 2>&1; rc=$?
check "an empty template is refused (exit 1)" "[ $rc = 1 ] && grep -q 'header but no rows' '$T/out'" "$(cat "$T/out")"

# The base database every bad file is tried against.
DB="$T/base.kepil"
$K --lang en --db "$DB" import measurements "$DATA/good/base.csv" >/dev/null
before=$(digest "$DB")
for f in "$DATA"/bad/*; do
  case "$f" in *.expect|*.kind|*.mapping.json) continue ;; esac
  name=$(basename "$f"); stem=${name%.*}
  expect=$(cat "$DATA/bad/$stem.expect")
  kind=measurements; [ -f "$DATA/bad/$stem.kind" ] && kind=$(cat "$DATA/bad/$stem.kind")
  args=(); [ -f "$DATA/bad/$stem.mapping.json" ] && args=(--mapping "$DATA/bad/$stem.mapping.json")
  $K --lang en --db "$DB" import "$kind" "$f" "${args[@]}" >"$T/out" 2>&1; rc=$?
  after=$(digest "$DB")
  if [ $rc = 1 ] && grep -qF -- "$expect" "$T/out" && [ "$before" = "$after" ]; then
    ok "bad file $name: exit 1, “$expect”, database unchanged"
  else
    not_ok "bad file $name" "rc=$rc digest-same=$([ "$before" = "$after" ] && echo yes || echo no) output: $(head -5 "$T/out")"
  fi
done

# --json report fields.
$K --lang en --db "$DB" import measurements "$DATA/bad/value-two-separators.csv" --json >"$T/j" 2>/dev/null; rc=$?
check "--json report: exit 1, rows, valid, imported, problems with row/column/field" \
  "[ $rc = 1 ] && python3 -c 'import json,sys; r=json.load(open(\"$T/j\")); p=r[\"problems\"][0]; sys.exit(0 if (r[\"rows\"],r[\"valid\"],r[\"imported\"])==(2,1,0) and p[\"row\"]==3 and p[\"column\"]==\"H\" and p[\"field\"]==\"value\" and \"created\" in r and p[\"file\"] else 1)'" "$(cat "$T/j")"

# --valid-only writes the valid rows and exits 0.
$K --lang en --db "$DB" import measurements "$DATA/bad/value-two-separators.csv" --valid-only --json >"$T/j"; rc=$?
check "--valid-only imports the one valid row" \
  "[ $rc = 0 ] && python3 -c 'import json,sys; r=json.load(open(\"$T/j\")); sys.exit(0 if r[\"imported\"]==1 and r[\"created\"][\"workplaces\"]==1 else 1)'" "$(cat "$T/j")"

# Good files: every encoding and separator gives the same content.
prev=""
for g in semicolon-utf8-bom semicolon-cp1251 comma-utf8 tab-cp1251; do
  D="$T/$g.kepil"
  $K --lang en --db "$D" import measurements "$DATA/good/$g.csv" --json >"$T/j"; rc=$?
  check "good file $g.csv imports 4 rows (exit 0)" \
    "[ $rc = 0 ] && python3 -c 'import json,sys; r=json.load(open(\"$T/j\")); sys.exit(0 if r[\"imported\"]==4 and r[\"created\"][\"workplaces\"]==3 else 1)'" "$(cat "$T/j")"
  cur=$(sqlite3 "$D" "SELECT w.code, u.name_ru, p.name_ru, m.factor, m.subgroup, m.agent, m.value, m.norm, m.measured_on, m.exposure_pct FROM measurement m JOIN workplace w ON w.id = m.workplace_id JOIN unit u ON u.id = w.unit_id JOIN profession p ON p.id = w.profession_id ORDER BY m.id" | sha256sum)
  if [ -n "$prev" ]; then check "$g.csv gives the same measurements as the first good file" "[ '$cur' = '$prev' ]"; fi
  prev=$cur
done

# --dry-run writes nothing, and the second import matches what the first created.
D="$T/dry.kepil"
$K --db "$D" init >/dev/null
# The first check of a unit copies the shipped norm sets in (once); the digest is taken after it.
$K --lang en --db "$D" import measurements "$DATA/good/comma-utf8.csv" --dry-run >/dev/null
b=$(digest "$D")
$K --lang en --db "$D" import measurements "$DATA/good/comma-utf8.csv" --dry-run >/dev/null; rc=$?
check "--dry-run exits 0 and writes nothing" "[ $rc = 0 ] && [ '$b' = '$(digest "$D")' ]"

# A laboratory's own layout through a mapping, then remembered by its source.
D="$T/lab.kepil"
$K --lang en --db "$D" import measurements "$DATA/good/lab-x.csv" --mapping "$DATA/good/lab-x.mapping.json" --preview >"$T/out"; rc=$?
check "--preview prints mapped rows" "[ $rc = 0 ] && grep -q 'row 4:.*workplace_code=02 001 001.*value=85,5' '$T/out'" "$(cat "$T/out")"
check "--preview writes no measurement" "[ \"\$(sqlite3 '$D' 'SELECT count(*) FROM measurement')\" = 0 ]"
$K --lang en --db "$D" import measurements "$DATA/good/lab-x.csv" --mapping "$DATA/good/lab-x.mapping.json" --json >"$T/j"; rc=$?
check "mapped import: 2 rows imported, source Lab X" \
  "[ $rc = 0 ] && python3 -c 'import json,sys; r=json.load(open(\"$T/j\")); sys.exit(0 if r[\"imported\"]==2 and r[\"source\"]==\"Lab X\" else 1)'" "$(cat "$T/j")"
check "the mapping is remembered" "[ \"\$(sqlite3 '$D' \"SELECT count(*) FROM import_mapping WHERE source = 'Lab X'\")\" = 1 ]"
$K --lang en --db "$D" import measurements "$DATA/good/lab-x.csv" --mapping "Lab X" --dry-run --json >"$T/j"; rc=$?
check "a remembered mapping is used by its source name" \
  "[ $rc = 0 ] && python3 -c 'import json,sys; r=json.load(open(\"$T/j\")); sys.exit(0 if r[\"valid\"]==2 else 1)'" "$(cat "$T/j")"
$K --lang en --db "$D" import measurements "$DATA/good/lab-x.csv" --dry-run --json >"$T/j"; rc=$?
check "a remembered mapping is found from the file's header alone" \
  "[ $rc = 0 ] && python3 -c 'import json,sys; r=json.load(open(\"$T/j\")); sys.exit(0 if r[\"valid\"]==2 and r[\"source\"]==\"Lab X\" else 1)'" "$(cat "$T/j")"

# The workplace register.
D="$T/reg.kepil"
$K --lang en --db "$D" import workplaces "$DATA/good/register.csv" --json >"$T/j"; rc=$?
check "register import creates 2 workplaces" \
  "[ $rc = 0 ] && [ \"\$(sqlite3 '$D' \"SELECT men, women, count, wage FROM workplace WHERE code = '03 001 002'\")\" = '4|0|4|250000.0' ]" "$(cat "$T/j")"

# Usage errors.
$K --db "$D" import >/dev/null 2>&1; rc=$?
check "import without arguments is a usage error" "[ $rc = 2 ]"
$K --db "$D" import animals "$DATA/good/base.csv" >/dev/null 2>&1; rc=$?
check "import of an unknown kind is a usage error" "[ $rc = 2 ]"
$K --db "$D" import measurements "$T/nonexistent.csv" >/dev/null 2>&1; rc=$?
check "a missing file fails with exit 1" "[ $rc = 1 ]"

echo "1..$n"
[ $fails = 0 ]
