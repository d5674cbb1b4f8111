#!/usr/bin/env bash
# test-translations.sh — every message of the sources is translated into kk and ru, none fuzzy,
# plural forms right, and the catalogues are current with the sources.
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0; failed=0
ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); failed=$((failed+1)); echo "not ok $n - $1"; shift; local line; for line in "$@"; do echo "# $line"; done; }

cd "$top"
check_linguas=$(tr -s ' \n' ' ' < po/LINGUAS | xargs)
[ "$check_linguas" = "kk ru" ] && ok "po/LINGUAS is kk ru" || not_ok "po/LINGUAS is kk ru" "$check_linguas"

# A fresh template from the sources, exactly as the build makes it.
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
  --keyword=g_dngettext:2,3 --add-comments --files-from=po/POTFILES.in --directory="$top" -o "$tmp/kepil.pot" 2> "$tmp/xg.err"
[ -s "$tmp/kepil.pot" ] && ok "xgettext extracts the messages ($(grep -c '^msgid' "$tmp/kepil.pot"))" || not_ok "xgettext" "$(cat "$tmp/xg.err")"

for l in kk ru; do
  stats=$(msgfmt --check --statistics -o /dev/null "po/$l.po" 2>&1)
  case "$stats" in
    *untranslated*|*fuzzy*) not_ok "po/$l.po is complete" "$stats" ;;
    *) ok "po/$l.po is complete ($stats)" ;;
  esac
  msgmerge --quiet --no-fuzzy-matching "po/$l.po" "$tmp/kepil.pot" -o "$tmp/$l.po" 2>/dev/null
  stats=$(msgfmt --statistics -o /dev/null "$tmp/$l.po" 2>&1)
  case "$stats" in
    *untranslated*|*fuzzy*) not_ok "po/$l.po covers every message of the sources" "$stats" \
        "$(msgattrib --untranslated --no-obsolete "$tmp/$l.po" | grep '^msgid' | head -10)" ;;
    *) ok "po/$l.po covers every message of the sources" ;;
  esac
  grep -q '^"Plural-Forms: nplurals=' "po/$l.po" && ok "po/$l.po has plural forms" || not_ok "po/$l.po has plural forms"
done
# Kazakh text uses Kazakh letters; a kk catalogue without them is a Russian one in disguise.
c=$(grep -c '[әіңғүұқөһӘІҢҒҮҰҚӨҺ]' po/kk.po)
[ "$c" -gt 20 ] && ok "kk.po is written in Kazakh ($c lines with Kazakh letters)" || not_ok "kk.po is written in Kazakh" "$c"
# Every file with translatable strings is listed.
missing=$(grep -rlE '_\("|N_\("|ngettext \(|translatable="yes"' src ui 2>/dev/null | grep -v 'kepil-i18n.h' | while read -r f; do grep -qxF "$f" po/POTFILES.in || echo "$f"; done)
[ -z "$missing" ] && ok "po/POTFILES.in lists every file with translatable strings" || not_ok "po/POTFILES.in is complete" $missing
# A format macro inside a message cuts it short for xgettext (and so at run time it is never translated).
bad=$(grep -rnE '_\("[^"]*" *G_G(U)?INT64_FORMAT' src 2>/dev/null | head -5)
[ -z "$bad" ] && ok "no G_GINT64_FORMAT inside translatable messages" || not_ok "no G_GINT64_FORMAT inside translatable messages" "$bad"
echo "1..$n"
[ $failed = 0 ]
