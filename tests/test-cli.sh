#!/usr/bin/env bash
# test-cli.sh — the kepil-cli contract of the foundation: init, demo, show; exit codes; foreign files.
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${KEPIL_CLI:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export KEPIL_BACKUP_DIR="$tmp/backups"
n=0; failed=0
ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); failed=$((failed+1)); echo "not ok $n - $1"; }
check () { local d="$1"; shift; if "$@" >/dev/null; then ok "$d"; else not_ok "$d"; fi; }

db="$tmp/x.kepil"
check "init creates a database" "$CLI" --db "$db" init
check "demo loads" "$CLI" --db "$db" demo
"$CLI" --db "$db" show --json > "$tmp/show.json"; rc=$?
check "show --json exits 0" test $rc = 0
check "show --json: a plant with units, >100 workplaces, >1000 measurements" python3 - "$tmp/show.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert any('фосфор' in e['name_ru'].lower() or 'phosph' in e['name_ru'].lower() for e in d['enterprises']), d['enterprises']
assert d['counts']['units'] >= 3 and len(d['units']) == d['counts']['units']
assert d['counts']['workplaces'] > 100 and len(d['workplaces']) == d['counts']['workplaces']
assert d['counts']['measurements'] > 1000 and len(d['measurements']) == d['counts']['measurements']
assert all(w['profession'] for w in d['workplaces'])
PY
"$CLI" --db "$db" show > "$tmp/show.txt"; check "show prints the tree" grep -q "workplaces" "$tmp/show.txt"
"$CLI" --db "$db" demo 2> "$tmp/err"; rc=$?
check "demo twice fails with exit 1" test $rc = 1
check "… and one sentence on stderr" test "$(wc -l < "$tmp/err")" = 1

"$CLI" frobnicate 2>/dev/null; rc=$?
check "unknown command exits 2" test $rc = 2
"$CLI" --lang xx show 2>/dev/null; rc=$?
check "bad --lang exits 2" test $rc = 2
"$CLI" show 2>/dev/null; rc=$?
check "show without --db exits 2" test $rc = 2

echo "just text" > "$tmp/text.kepil"; before=$(sha256sum < "$tmp/text.kepil")
"$CLI" --db "$tmp/text.kepil" show 2> "$tmp/err"; rc=$?
check "a text file is refused (exit 1)" test $rc = 1
check "… with a clear message" grep -q "not a Kepil database" "$tmp/err"
check "… and stays byte-for-byte unchanged" test "$before" = "$(sha256sum < "$tmp/text.kepil")"
sqlite3 "$tmp/other.kepil" "CREATE TABLE t(x); INSERT INTO t VALUES(1);"; before=$(sha256sum < "$tmp/other.kepil")
"$CLI" --db "$tmp/other.kepil" init 2> "$tmp/err"; rc=$?
check "an unrelated SQLite file is refused" test $rc = 1
check "… unchanged" test "$before" = "$(sha256sum < "$tmp/other.kepil")"
check "… and no -wal or -shm appeared" test ! -e "$tmp/other.kepil-wal" -a ! -e "$tmp/other.kepil-shm"
cp "$db" "$tmp/newer.kepil"; sqlite3 "$tmp/newer.kepil" "PRAGMA journal_mode=DELETE; PRAGMA user_version=9999;" >/dev/null
before=$(sha256sum < "$tmp/newer.kepil")
"$CLI" --db "$tmp/newer.kepil" show 2> "$tmp/err"; rc=$?
check "a database from a newer version is refused" test $rc = 1
check "… saying so" grep -q "newer version" "$tmp/err"
check "… unchanged" test "$before" = "$(sha256sum < "$tmp/newer.kepil")"
"$CLI" --lang ru --db "$tmp/text.kepil" show 2> "$tmp/err"
check "errors in Russian with --lang ru" grep -q "Kepil" "$tmp/err"

echo "1..$n"
[ $failed = 0 ]
