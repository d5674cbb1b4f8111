/* fuzz-list-csv.c — the import of a List (CSV or the legal portal's HTML): all or nothing, never a crash
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "kepil-lists.h"

#ifndef FUZZ_EXT
#define FUZZ_EXT "csv"
#endif

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = NULL;
  KepilDb *db;
  guint n = 0;

  fuzz_init_once ();
  db = fuzz_db (200);
  path = fuzz_write_file (data, size, "list." FUZZ_EXT);
  kepil_lists_import_file (db, "1053", path, &n, NULL);
  if (kepil_db_in_transaction (db))
    abort ();
  g_unlink (path);
  return 0;
}
