#!/usr/bin/env bash
# test-cli-review.sh — kepil-cli finalize, verify, history, findings, package, backup; roles.
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${KEPIL_CLI:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export KEPIL_BACKUP_DIR="$tmp/backups" XDG_CONFIG_HOME="$tmp/config"
n=0; failed=0
ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); failed=$((failed+1)); echo "not ok $n - $1"; }
check () { local d="$1"; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else not_ok "$d"; fi; }
# A Python that has openpyxl for the workbook read-backs (the system's, when a
# user's pyenv shadows it).
PY=python3
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
py () { "$PY" - "$@"; }

db="$tmp/plant.kepil"
"$CLI" --db "$db" init >/dev/null
"$CLI" --db "$db" demo >/dev/null 2>&1
# The acceptance runs on the demo; while the demo has no campaign or no
# measurement yet, a small plant is written with the sqlite3 tool instead.
if [ "$(sqlite3 "$db" "SELECT (SELECT count(*) FROM campaign) > 0 AND (SELECT count(*) FROM measurement) > 0")" != 1 ]; then
  echo "# the demo has no campaign with measurements: using a small plant"
  rm -f "$db" "$db-wal" "$db-shm"; "$CLI" --db "$db" init >/dev/null
  sqlite3 "$db" <<'SQL'
INSERT INTO enterprise (id, name_ru, bin) VALUES (1, 'Завод', '123456789012');
INSERT INTO unit (id, enterprise_id, name_ru) VALUES (1, 1, 'Цех 5');
INSERT INTO profession (id, name_ru) VALUES (1, 'Аппаратчик');
INSERT INTO workplace (id, unit_id, profession_id, code) VALUES (1, 1, 1, '05 001 001'), (2, 1, 1, '05 001 002');
INSERT INTO campaign (id, enterprise_id, order_no, order_date) VALUES (1, 1, '45', '2023-01-20');
INSERT INTO commission_member (campaign_id, full_name, role) VALUES (1, 'Иванов И.И.', 'chairman');
INSERT INTO measurement (workplace_id, campaign_id, factor, value, norm) VALUES (1, 1, 'noise', 85.5, 80), (2, 1, 'dust', 6.2, 4);
SQL
fi
mid=$(sqlite3 "$db" "SELECT min(id) FROM measurement")
code=$(sqlite3 "$db" "SELECT w.code FROM workplace w JOIN measurement m ON m.workplace_id = w.id WHERE m.id = $mid")

# ---- finalise and verify -------------------------------------------------------
"$CLI" --db "$db" --role specialist finalize 2>"$tmp/err"; rc=$?
check "finalize in the specialist role is refused (exit 1)" test $rc = 1
check "… saying only the commission can" grep -q "commission" "$tmp/err"
"$CLI" --db "$db" --role inspector finalize 2>/dev/null; rc=$?
check "finalize in the inspector role is refused (exit 1)" test $rc = 1
"$CLI" --db "$db" --role commission --user "Председатель" finalize --json > "$tmp/act.json"; rc=$?
check "finalize in the commission role exits 0" test $rc = 0
check "… revision 1 with a SHA-256 fingerprint, by the user" py "$tmp/act.json" <<'PY'
import json, sys, re
a = json.load(open(sys.argv[1]))
assert a['revision'] == 1 and re.fullmatch('[0-9a-f]{64}', a['fingerprint']), a
assert a['finalized_by'] == 'Председатель' and a['unchanged'] is False
PY
check "… and the campaign is final" test "$(sqlite3 "$db" "SELECT status FROM campaign WHERE id = (SELECT campaign_id FROM act)")" = final
check "verify on untouched data exits 0" "$CLI" --db "$db" verify
"$CLI" --db "$db" --role commission finalize --json > "$tmp/act2.json"
check "finalising unchanged data keeps revision 1" py "$tmp/act2.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); assert a['revision'] == 1 and a['unchanged'] is True, a
PY

# The acceptance: one measurement changed behind Kepil's back.
sqlite3 "$db" "UPDATE measurement SET value = value + 1.5 WHERE id = $mid"
"$CLI" --db "$db" verify > "$tmp/verify.txt"; rc=$?
check "verify after an sqlite3 edit exits 1" test $rc = 1
check "… names the act" grep -q "revision 1: CHANGED" "$tmp/verify.txt"
check "… and the changed record and field" grep -q "measurement $mid, field value" "$tmp/verify.txt"
"$CLI" --db "$db" verify --json > "$tmp/verify.json"; rc=$?
check "verify --json exits 1 too" test $rc = 1
check "… with exactly that difference" py "$tmp/verify.json" "$mid" <<'PY'
import json, sys
v = json.load(open(sys.argv[1])); mid = int(sys.argv[2])
assert v['ok'] is False and v['changed'] == 1
act = [a for a in v['acts'] if not a['ok']][0]
assert act['problem'] == 'data-changed' and act['fingerprint'] != act['current_fingerprint']
d = act['differences']
assert len(d) == 1 and d[0]['entity'] == 'measurement' and d[0]['id'] == mid and d[0]['field'] == 'value', d
assert float(d[0]['current_value']) == float(d[0]['signed_value']) + 1.5
PY
sqlite3 "$db" "UPDATE act_snapshot SET snapshot = snapshot || ' '" 2>/dev/null; rc=$?
check "the stored snapshot cannot be edited with sqlite3" test $rc != 0
sqlite3 "$db" "DELETE FROM act" 2>/dev/null; rc=$?
check "an act cannot be deleted with sqlite3" test $rc != 0
"$CLI" --db "$db" --role commission finalize --json > "$tmp/act3.json"
check "finalising again makes revision 2" py "$tmp/act3.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); assert a['revision'] == 2 and a['unchanged'] is False, a
PY
check "verify passes for revision 2" "$CLI" --db "$db" verify

# ---- audit trail ---------------------------------------------------------------
"$CLI" --db "$db" history --workplace "$code" --json > "$tmp/hist.json"; rc=$?
check "history --workplace exits 0" test $rc = 0
check "… holds the measurement's insert and the sqlite3 update with old and new values" py "$tmp/hist.json" "$mid" <<'PY'
import json, sys
h = json.load(open(sys.argv[1])); mid = int(sys.argv[2])
m = [e for e in h if e['entity'] == 'measurement' and e['entity_id'] == mid]
assert any(e['action'] == 'insert' for e in m), m
u = [e for e in m if e['action'] == 'update' and e['field'] == 'value']
assert len(u) == 1 and float(u[0]['new_value']) == float(u[0]['old_value']) + 1.5, u
assert all(k in h[0] for k in ('at', 'who', 'entity', 'entity_id', 'action', 'field', 'old_value', 'new_value'))
PY
wid=$(sqlite3 "$db" "SELECT id FROM workplace WHERE code = '$code'")
check "history --entity workplace --id N prints the trail" sh -c "'$CLI' --db '$db' history --entity workplace --id $wid | grep -q 'measurement $mid'"
"$CLI" --db "$db" history 2>/dev/null; rc=$?
check "history without a record exits 2" test $rc = 2

# ---- roles at the trigger level --------------------------------------------------
before=$(sqlite3 "$db" "SELECT value FROM measurement WHERE id = $mid")
sqlite3 "$db" "UPDATE actor SET role = 'inspector'; UPDATE measurement SET value = 0 WHERE id = $mid" 2>/dev/null
check "a write in the inspector role is refused by the triggers too" test "$(sqlite3 "$db" "SELECT value FROM measurement WHERE id = $mid")" = "$before"
sqlite3 "$db" "UPDATE actor SET role = 'specialist'"

# ---- findings ---------------------------------------------------------------------
"$CLI" --db "$db" findings categories --json > "$tmp/cats.json"
check "findings categories lists the typical violations in three languages" py "$tmp/cats.json" <<'PY'
import json, sys
c = {x['key']: x for x in json.load(open(sys.argv[1]))}
for k in ('guarantee_refused_ca_expired', 'oppv_not_paid', 'ppe_not_issued', 'milk_and_lpp_both', 'attestation_expired'):
    assert c[k]['name_ru'] and c[k]['name_kk'] and c[k]['name_en'] and c[k]['source'], k
PY
check "an inspector records a finding on a workplace" "$CLI" --db "$db" --role inspector --user "Инспектор" findings add --category oppv_not_paid --workplace "$code" --effect "125 000,50" --date 2026-03-01
check "… and one on the whole enterprise" "$CLI" --db "$db" --role inspector --user "Инспектор" findings add --category guarantee_refused_ca_expired --status under_control --note "коллективный договор истёк" --date 15.02.2026
check "… and one last year" "$CLI" --db "$db" --role inspector findings add --category oppv_not_paid --date 2025-05-05 --effect 1000
"$CLI" --db "$db" --role inspector findings add --category nonsense 2>/dev/null; rc=$?
check "an unknown category is refused (exit 1)" test $rc = 1
"$CLI" --db "$db" findings add 2>/dev/null; rc=$?
check "findings add without --category exits 2" test $rc = 2
"$CLI" --db "$db" findings list --json > "$tmp/findings.json"
check "findings list --json has the three with author and workplace" py "$tmp/findings.json" "$code" <<'PY'
import json, sys
f = json.load(open(sys.argv[1])); code = sys.argv[2]
assert len(f) == 3, f
w = [x for x in f if x['category'] == 'oppv_not_paid' and x['found_on'] == '2026-03-01'][0]
assert w['workplace_code'] == code and w['author'] == 'Инспектор' and abs(w['economic_effect'] - 125000.5) < 1e-6
assert w['legal_basis'] and w['status'] == 'open'
PY
"$CLI" --db "$db" findings export --out "$tmp/findings.xlsx" --doc-lang kk+ru >/dev/null; rc=$?
check "findings export --doc-lang kk+ru exits 0" test $rc = 0
check "… and the workbook reads back: findings, both languages, this year against last" py "$tmp/findings.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
fs, st = wb.worksheets[0], wb.worksheets[1]
rows = [r for r in fs.iter_rows(min_row=4, values_only=True) if r[0] is not None]
assert len(rows) == 3, rows
header = [c.value for c in fs[3]]
assert any(h and '(kk)' in h for h in header) and any(h and '(ru)' in h for h in header), header
flat = ' '.join(str(v) for r in rows for v in r if v is not None)
assert 'ОППВ' in flat and 'МКЗЖ' in flat, flat
effects = sorted(r[header.index(next(h for h in header if 'tenge' in h or 'теңге' in h or 'тенге' in h))] for r in rows)
assert abs(effects[-1] - 125000.5) < 1e-6, effects
stats = {r[0]: r for r in st.iter_rows(min_row=1, values_only=True) if r[0]}
oppv = [r for k, r in stats.items() if 'ОППВ' in k][0]
assert oppv[1] == 1 and oppv[2] == 1, oppv       # 2026: 1, 2025: 1
total = [r for r in st.iter_rows(values_only=True) if r[0] and r[1] == 3 - 1 and r[2] == 1]
assert total, list(st.iter_rows(values_only=True))
PY

check "findings export with the global --lang ru" "$CLI" --db "$db" --lang ru findings export --out "$tmp/findings-ru.xlsx"
check "… writes Russian names only" py "$tmp/findings-ru.xlsx" <<'PY'
import sys, openpyxl
fs = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
flat = ' '.join(str(v) for r in fs.iter_rows(min_row=4, values_only=True) for v in r if v is not None)
assert 'ОППВ' in flat and 'МКЗЖ' not in flat, flat
PY

# ---- exchange with the inspector -----------------------------------------------------
camp=$(sqlite3 "$db" "SELECT max(campaign_id) FROM act")
"$CLI" --db "$db" package export "$tmp/for-inspector.kepil" --campaign "$camp" --json > "$tmp/pkg.json"; rc=$?
check "package export --campaign exits 0" test $rc = 0
check "… one file, without -wal beside it" test -s "$tmp/for-inspector.kepil" -a ! -e "$tmp/for-inspector.kepil-wal"
"$CLI" --db "$db" package export "$tmp/for-inspector.kepil" 2>/dev/null; rc=$?
check "package export never overwrites (exit 1)" test $rc = 1
pkg="$tmp/for-inspector.kepil"
check "the inspector's copy verifies" "$CLI" --db "$pkg" --role inspector verify
sqlite3 "$pkg" "UPDATE measurement SET value = 0 WHERE id = $mid" 2>/dev/null; rc=$?
check "the copy refuses enterprise edits even from sqlite3" test $rc != 0
"$CLI" --db "$pkg" --role specialist findings add --category other 2>/dev/null; rc=$?
check "the copy refuses the specialist role" test $rc = 1
check "the inspector records findings in the copy" "$CLI" --db "$pkg" --role inspector --user "Инспектор Б" findings add --category milk_and_lpp_both --workplace "$code" --effect 5000
check "package export-findings writes the findings file" "$CLI" --db "$pkg" --role inspector package export-findings "$tmp/back.json"
"$CLI" --db "$db" package import "$tmp/back.json" --json > "$tmp/imp1.json"; rc=$?
check "package import exits 0" test $rc = 0
"$CLI" --db "$db" package import "$tmp/back.json" --json > "$tmp/imp2.json"
check "… the new finding is added once, re-import adds nothing" py "$tmp/imp1.json" "$tmp/imp2.json" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a['added'] == 1 and a['skipped'] == 3, a      # the three of the enterprise were in the copy already
assert b['added'] == 0 and b['skipped'] == 4, b
PY
check "… and the enterprise now has four findings" test "$(sqlite3 "$db" "SELECT count(*) FROM finding")" = 4
echo '{"format": "kepil-findings-1", "findings": [{"uid": "x1", "category": "other"}, {"uid": "x2", "category": "bad"}]}' > "$tmp/bad.json"
"$CLI" --db "$db" package import "$tmp/bad.json" 2>/dev/null; rc=$?
check "a findings file with a bad finding is refused (exit 1)" test $rc = 1
check "… all or nothing: none of it was added" test "$(sqlite3 "$db" "SELECT count(*) FROM finding")" = 4

# ---- backups --------------------------------------------------------------------------
"$CLI" --db "$db" backup make --json > "$tmp/b.json"; rc=$?
check "backup make exits 0" test $rc = 0
bpath=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['path'])" "$tmp/b.json")
check "backup list shows it" sh -c "'$CLI' --db '$db' backup list | grep -qF '$bpath'"
sqlite3 "$db" "DELETE FROM finding"
before_restore=$(sqlite3 "$db" "SELECT count(*) FROM finding")
"$CLI" --db "$db" backup restore "$bpath" --json > "$tmp/restore.json"; rc=$?
check "backup restore brings the findings back" test $rc = 0
check "… four again" test "$(sqlite3 "$db" "SELECT count(*) FROM finding")" = 4
saved=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("saved",""))' "$tmp/restore.json")
check "the state before the restore was kept in a backup" test -f "$saved"
check "… which holds the findings as they were before the restore" \
  test "$(sqlite3 "$saved" "SELECT count(*) FROM finding")" = "$before_restore"
"$CLI" --db "$db" --role inspector backup restore "$bpath" 2>/dev/null; rc=$?
check "an inspector cannot restore a backup (exit 1)" test $rc = 1
"$CLI" --db "$db" backup 2>/dev/null; rc=$?
check "backup without a subcommand exits 2" test $rc = 2

echo "1..$n"
[ $failed = 0 ]
