#!/usr/bin/env bash
# test-cli-lists.sh — kepil-cli lists import|match|show|confirm and evaluate list
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${KEPIL_CLI:?}
DATA=${KEPIL_TEST_DATA:?}/lists
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export KEPIL_BACKUP_DIR="$tmp/backups"
n=0; failed=0
ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); failed=$((failed+1)); echo "not ok $n - $1"; }
check () { local d="$1"; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else not_ok "$d"; fi; }

db="$tmp/x.kepil"
check "init" "$CLI" --db "$db" init
"$CLI" --db "$db" lists show --json > "$tmp/show.json"; rc=$?
check "lists show --json exits 0" test $rc = 0
check "… six lists with their acts" python3 - "$tmp/show.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
lists = {v['list']: v for v in d['versions']}
assert set(lists) == {'1053', 'oppv', 'list1', 'list2', 'milk', 'lpp'}, lists.keys()
assert lists['1053']['act']['number'] == '1053' and lists['1053']['act']['date'] == '28.12.2015'
assert '12731' in lists['1053']['act']['registration']
assert lists['1053']['entries'] > 50
PY
"$CLI" --db "$db" lists show --list 1053 --json > "$tmp/e.json"
check "every shipped entry carries a source and a status, demo rows say DEMO" python3 - "$tmp/e.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
e = d['entries']
assert all(x['source'] and x['status'] for x in e)
assert any(x['status'].startswith('DEMO') and x['name_ru'] == 'Электрогазосварщик' for x in e)
assert any(x['status'].startswith('VERIFIED') for x in e)
PY

"$CLI" --db "$db" lists match "э/газосварщик" --json > "$tmp/m.json"; rc=$?
check "lists match exits 0" test $rc = 0
check "… the welder of the general professions ranks first" python3 - "$tmp/m.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
assert a[0]['name_ru'] == 'Электрогазосварщик' and a[0]['general'] is True and a[0]['score'] >= 0.9, a[0]
assert all(a[i]['score'] >= a[i+1]['score'] for i in range(len(a)-1))
for k in ('list','entry_id','section','item','name_ru','name_kk','leave_days','hours_per_week','score','general'):
    assert k in a[0], k
PY
"$CLI" --db "$db" lists match --production "Производство фосфора" "Аппаратчик производства жёлтого фосфора" > "$tmp/m.txt"
check "lists match prints candidates" grep -q "Аппаратчик производства желтого фосфора" "$tmp/m.txt"

"$CLI" --db "$db" lists import --list 1053 "$DATA/bad-duplicate.csv" 2> "$tmp/err"; rc=$?
check "a malformed list exits 1" test $rc = 1
check "… naming the file and the line" grep -q "bad-duplicate.csv, line 4" "$tmp/err"
"$CLI" --db "$db" lists show --json > "$tmp/show2.json"
check "… and the 1053 entries are unchanged" python3 - "$tmp/show.json" "$tmp/show2.json" <<'PY'
import json, sys
a = {v['list']: v for v in json.load(open(sys.argv[1]))['versions']}
b = {v['list']: v for v in json.load(open(sys.argv[2]))['versions']}
assert a['1053'] == b['1053']
PY
"$CLI" --db "$db" lists import --list nope "$DATA/good-1053.csv" 2>/dev/null; rc=$?
check "an unknown list is a usage error (2)" test $rc = 2
"$CLI" --db "$db" lists import --list 1053 "$DATA/act-1053.html" --json > "$tmp/i.json"; rc=$?
check "the act's HTML page imports" test $rc = 0
check "… 3 entries" python3 -c "import json,sys; assert json.load(open('$tmp/i.json'))['imported'] == 3"
check "the CSV imports" "$CLI" --db "$db" lists import --list 1053 "$DATA/good-1053.csv"

# evaluate list on the demo
check "demo loads" "$CLI" --db "$db" demo
"$CLI" --db "$db" evaluate list --json > "$tmp/ev.json"; rc=$?
check "evaluate list --json exits 0" test $rc = 0
check "… every workplace has matches, grants with their rule and the attestation" python3 - "$tmp/ev.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
w = d['workplaces']
assert len(w) > 0
rules = {'confirmed', 'no_attestation', 'employer_may_reduce'}
for x in w:
    assert x['rule'] in rules, x['rule']
    assert x['attestation']['status'] in ('valid', 'expired', 'none')
    assert isinstance(x['matches'], list)
    for g in ('leave_days','hours_per_week','pay_percent','oppv','list1','list2','milk','lpp'):
        assert x['grants'][g]['rule'] in rules | {'none'}, (g, x['grants'][g])
    assert not (x['grants']['milk']['value'] and x['grants']['lpp']['value'])
PY
code=$(python3 -c "import json; w=json.load(open('$tmp/ev.json'))['workplaces']; print(w[0]['code'])")
"$CLI" --db "$db" --role commission --user "Председатель" lists confirm --workplace "$code" --entry 1 --json > "$tmp/c.json"; rc=$?
check "lists confirm stores the decision" test $rc = 0
check "… with who" grep -q "Председатель" "$tmp/c.json"
"$CLI" --db "$db" --role inspector lists confirm --workplace "$code" --entry 1 2>/dev/null; rc=$?
check "an inspector may not confirm (exit 1)" test $rc = 1
"$CLI" --db "$db" lists confirm --workplace "99 999 999" --entry 1 2>/dev/null; rc=$?
check "an unknown workplace fails (exit 1)" test $rc = 1

echo "1..$n"
exit $(( failed > 0 ))
