#!/usr/bin/env bash
# setup-debian.sh — installs what Kepil needs to build, run and test on Debian 12.
# Copyright 2026 The Kepil authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tools/setup-debian.sh [--tests]
# Installs only what is missing; uses sudo when not root.
set -euo pipefail

want_tests=0
[ "${1:-}" = "--tests" ] && want_tests=1

packages=(meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev libxlsxwriter-dev libjson-glib-dev
  libxml2-dev libgsf-1-dev libssl-dev sqlite3 locales fonts-dejavu-core desktop-file-utils bc time
  appstream libgoogle-perftools-dev)
if [ "$want_tests" = 1 ]; then
  packages+=(xvfb xauth python3 python3-openpyxl libreoffice-calc-nogui poppler-utils
    clang libclang-rt-14-dev imagemagick)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The window's own strings (GTK, GtkBuilder) need real locales for kk and ru.
need_locales=0
for l in kk_KZ.utf8 ru_RU.utf8 en_US.utf8; do
  locale -a 2>/dev/null | grep -qix "$l" || need_locales=1
done
if [ "$need_locales" = 1 ]; then
  for l in "kk_KZ.UTF-8 UTF-8" "ru_RU.UTF-8 UTF-8" "en_US.UTF-8 UTF-8"; do
    grep -qx "$l" /etc/locale.gen 2>/dev/null || echo "$l" | $SUDO tee -a /etc/locale.gen >/dev/null
  done
  $SUDO locale-gen >/dev/null
fi
