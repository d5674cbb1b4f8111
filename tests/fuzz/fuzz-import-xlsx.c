/* fuzz-import-xlsx.c — the import of an XLSX workbook (libgsf zip + libxml2 sheets): a report, never a crash
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_EXT "xlsx"
#include "fuzz-import-csv.c"
