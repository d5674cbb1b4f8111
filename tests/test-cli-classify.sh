#!/bin/bash
# test-cli-classify.sh — kepil-cli classify, evaluate classes and norms, printing TAP
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${KEPIL_CLI:?KEPIL_CLI must point at kepil-cli}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export KEPIL_BACKUP_DIR="$TMP/backups"
n=0
fails=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check () { # description, expected, actual
  if [ "$2" == "$3" ]; then ok "$1"; else not_ok "$1 (expected '$2', got '$3')"; fi
}
json_get () { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# One value, without a database.
check "noise 85 over ПДУ 80 is 3.1" "3.1" "$($CLI --lang en classify --factor noise --value 85 --norm 80 --unit dBA)"
check "noise at the ПДУ is 2" "2" "$($CLI --lang en classify --factor noise --value 80 --norm 80)"
check "decimal comma accepted" "3.1" "$($CLI --lang en classify --factor chemical --subgroup hazard-1-2 --value 0,25 --norm 0,1)"
check "RU-817n noise is absolute" "3.2" "$($CLI --lang en classify --norm-set RU-817n --factor noise --value 90)"
check "phosphine ПДК from the catalogue" "3.1" "$($CLI --lang en classify --factor chemical --agent phosphine --value 0,15)"
check "µg/m³ converted" "3.1" "$($CLI --lang en classify --factor chemical --agent phosphine --value 150 --unit µg/m3)"
check "lighting: lower is worse" "3.2" "$($CLI --lang en classify --factor lighting --subgroup illuminance --value 90 --norm 200)"
check "microclimate needs the category" "3.2" "$($CLI --lang en classify --factor microclimate --subgroup tns-index --category IIb --value 24.5)"
check "heaviness women's scale" "3.1" "$($CLI --lang en classify --factor heaviness --agent lift-single --sex f --value 11)"

out=$($CLI --lang en classify --factor noise --value 92 --norm 80 --json)
check "JSON class" "3.2" "$(echo "$out" | json_get 'd["class"]')"
check "JSON explanation names the row and the excess" "12.0 dBA" \
  "$(echo "$out" | json_get 'str(round(d["explanation"]["excess_db"],1)) + " " + d["explanation"]["row"]["unit"]')"
check "JSON explanation has a sentence" "yes" "$(echo "$out" | json_get '"yes" if "3.2" in d["explanation"]["text"] else "no"')"
check "conversion shown" "0.15 mg/m3" "$($CLI classify --factor chemical --agent phosphine --value 150 --unit µg/m3 --json | \
  json_get 'str(round(d["explanation"]["converted"]["to_value"],6)) + " " + d["explanation"]["converted"]["to_unit"]')"

# The sentences speak the user's language: factor and indicator names from the forms, never data keys.
for l in ru kk; do
  t=$($CLI --lang $l classify --factor heaviness --agent lift-single --value 21 --json | json_get 'd["explanation"]["text"]')
  case "$t" in *lift-single*|*heaviness*) not_ok "$l: the heaviness sentence has no data key ($t)" ;;
               *) ok "$l: the heaviness sentence has no data key" ;; esac
  t=$($CLI --lang $l classify --factor noise --value 92 --norm 80 --json | json_get 'd["explanation"]["text"]')
  case "$t" in *noise*) not_ok "$l: the noise sentence has no data key ($t)" ;; *) ok "$l: the noise sentence has no data key" ;; esac
done
t=$($CLI --lang ru classify --factor heaviness --agent lift-single --value 21 --json | json_get 'd["explanation"]["text"]')
case "$t" in "Тяжесть труда — "*) ok "ru: heaviness named by the form" ;; *) not_ok "ru: heaviness named by the form ($t)" ;; esac

# Refusals name the field; usage errors exit 2, failures 1.
err=$($CLI --lang en classify --factor gamma-rays --value 1 2>&1 >/dev/null); rc=$?
check "unknown factor exits 1" "1" "$rc"
case "$err" in *"field factor"*) ok "unknown factor names the field";; *) not_ok "unknown factor names the field: $err";; esac
err=$($CLI --lang en classify --factor noise --value -4 --norm 80 2>&1 >/dev/null)
case "$err" in *"field value"*) ok "negative value refused";; *) not_ok "negative value refused: $err";; esac
err=$($CLI --lang en classify --factor noise --value 85 --norm 80 --unit lx 2>&1 >/dev/null)
case "$err" in *"field unit"*) ok "unit that does not fit refused";; *) not_ok "unit refused: $err";; esac
$CLI --lang en classify --factor noise --value abc >/dev/null 2>&1; check "a value that is no number exits 1" "1" "$?"
$CLI --lang en classify --value 3 >/dev/null 2>&1; check "missing --factor exits 2" "2" "$?"

# Norm sets.
check "norms list shows both shipped sets" "KZ-2000@1 RU-817n@1" \
  "$($CLI norms list --json | json_get '" ".join(s["name"]+"@"+str(s["version"]) for s in d)')"
check "norms show has rows with status and source" "yes" \
  "$($CLI norms show KZ-2000 --json | json_get '"yes" if d["rows"] and all(r["status"] and r["source"] for r in d["rows"]) else "no"')"

# A database: the demo, evaluate, a user's CSV, reproducibility.
DB="$TMP/demo.kepil"
$CLI --db "$DB" demo >/dev/null || not_ok "demo loads"
$CLI --db "$DB" --json evaluate classes > "$TMP/before.json"; check "evaluate classes exits 0" "0" "$?"
wp=$(sqlite3 "$DB" "select w.id from workplace w join profession p on p.id = w.profession_id where p.name_ru = 'Шихтовщик' limit 1")
check "the charge-man is 3.2" "3.2" "$(json_get "[w for w in d['workplaces'] if w['workplace_id']==$wp][0]['overall']" < "$TMP/before.json")"
check "results remember the version" "KZ-2000 1" "$(json_get "' '.join(str(x) for x in [[w for w in d['workplaces'] if w['workplace_id']==$wp][0][k] for k in ('norm_set','norm_set_version')])" < "$TMP/before.json")"
cat > "$TMP/strict.csv" <<'EOF'
norm_set,factor,subgroup,unit,basis,direction,c2,c3_1,c3_2,c3_3,c3_4,top,status,source
STRICT,dust,highly or moderately fibrogenic (ПДК <= 2 mg/m3),mg/m3,ratio,up,0.5,1.0,2.0,3.0,,3.4,UNVERIFIED,lab test
EOF
check "a set loads from CSV" "2" "$($CLI --db "$DB" norms load "$TMP/strict.csv" --name KZ-2000 --parent KZ-2000@1 --json | json_get 'd["version"]')"
$CLI --db "$DB" --json evaluate classes > "$TMP/after.json"
check "the new version changes the class" "3.3 2" "$(json_get "' '.join(str(x) for x in [[w for w in d['workplaces'] if w['workplace_id']==$wp][0][k] for k in ('overall','norm_set_version')])" < "$TMP/after.json")"
$CLI --db "$DB" --json evaluate classes --norm-set KZ-2000@1 > "$TMP/again.json"
if python3 - "$TMP/before.json" "$TMP/again.json" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
sys.exit(0 if a == b else 1)
EOF
then ok "results of version 1 reproduce exactly"; else not_ok "results of version 1 reproduce exactly"; fi
check "copy makes a new set" "1" "$($CLI --db "$DB" --json norms copy RU-817n --to MY-LAB | json_get 'd["version"]')"
$CLI --db "$DB" norms copy KZ-2000 >/dev/null 2>&1; check "copy without --to exits 2" "2" "$?"
echo "norm_set,factor" > "$TMP/bad.csv"
$CLI --db "$DB" norms load "$TMP/bad.csv" --name BAD >/dev/null 2>&1; check "a CSV without the columns exits 1" "1" "$?"
$CLI --db "$DB" --role inspector norms copy KZ-2000 --to X >/dev/null 2>&1; check "inspector cannot copy a set" "1" "$?"

echo "1..$n"
exit 0
