#!/usr/bin/env bash
# po-update.sh — brings po/kk.po and po/ru.po up to date with the sources: extracts the messages, merges,
# fills new ones from tools/po-fill.py and tools/po-fill.d/*.tsv (msgid<TAB>ru<TAB>kk), drops obsolete ones,
# and prints any message still without a translation.
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=$(cd "$(dirname "$0")/.." && pwd); cd "$top"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
  --keyword=g_dngettext:2,3 --add-comments --files-from=po/POTFILES.in --directory="$top" -o "$tmp/kepil.pot"
py=/usr/bin/python3
for l in kk ru; do
  old_date=$(grep -m1 '^"POT-Creation-Date:' "po/$l.po")
  msgmerge --quiet --no-fuzzy-matching "po/$l.po" "$tmp/kepil.pot" -o "$tmp/$l.merged.po"
  "$py" tools/po-fill.py "$l" "$tmp/$l.merged.po" "$tmp/$l.filled.po"
  msgattrib --no-obsolete "$tmp/$l.filled.po" -o "po/$l.po"
  # Keep the header's date, so that a run that changes no message changes no file (and branches merge cleanly).
  sed -i "s|^\"POT-Creation-Date:.*|${old_date//\\/\\\\}|" "po/$l.po"
  msgfmt --check --statistics -o /dev/null "po/$l.po"
done
