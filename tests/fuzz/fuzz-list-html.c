/* fuzz-list-html.c — the List import from an HTML page saved from the legal portal
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_EXT "html"
#include "fuzz-list-csv.c"
