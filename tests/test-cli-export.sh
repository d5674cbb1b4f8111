#!/bin/bash
# test-cli-export.sh — the contract of kepil-cli export: usage errors, exit codes, JSON
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
CLI=${KEPIL_CLI:-kepil-cli}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export KEPIL_BACKUP_DIR=$T/backups
n=0
check () { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }

"$CLI" --db "$T/d.kepil" init >/dev/null 2>&1
"$CLI" --db "$T/d.kepil" export >/dev/null 2>&1; rc=$?
check "no document is a usage error (2)" '[ $rc -eq 2 ]'
"$CLI" --db "$T/d.kepil" export nonsense --out "$T/x.xlsx" >/dev/null 2>&1; rc=$?
check "an unknown document is a usage error (2)" '[ $rc -eq 2 ]'
"$CLI" --db "$T/d.kepil" export act >/dev/null 2>&1; rc=$?
check "no --out is a usage error (2)" '[ $rc -eq 2 ]'
"$CLI" --db "$T/d.kepil" export act --out "$T/x.xlsx" --doc-lang de >/dev/null 2>&1; rc=$?
check "a wrong language is a usage error (2)" '[ $rc -eq 2 ]'
err=$("$CLI" --db "$T/d.kepil" export order --out "$T/x.xlsx" 2>&1 >/dev/null); rc=$?
check "order without a campaign fails (1) with a sentence" '[ $rc -eq 1 ] && [[ "$err" == *campaign* ]] && [ ! -e "$T/x.xlsx" ]'
"$CLI" export act --out "$T/x.xlsx" >/dev/null 2>&1; rc=$?
check "no --db is a usage error (2)" '[ $rc -eq 2 ]'
"$CLI" --db "$T/d.kepil" export act --out "$T/x.xlsx" --campaign 99 >/dev/null 2>&1; rc=$?
check "an unknown campaign fails (1)" '[ $rc -eq 1 ]'
echo "1..$n"
