/* fuzz-import-csv.c — the measurement import of a CSV from a laboratory: a report, never a crash
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "kepil-import.h"

#ifndef FUZZ_EXT
#define FUZZ_EXT "csv"
#endif

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = NULL;
  g_autoptr (JsonObject) report = NULL;
  KepilDb *db;

  fuzz_init_once ();
  db = fuzz_db (1000);
  path = fuzz_write_file (data, size, "lab." FUZZ_EXT);
  /* A dry run: validation is the parser's whole path, and the database stays small. */
  report = kepil_import_file (db, "measurements", path, NULL, TRUE, FALSE, NULL, NULL);
  if (report != NULL && json_object_get_int_member_with_default (report, "imported", 0) != 0)
    abort ();  /* a dry run writes nothing */
  g_clear_pointer (&report, json_object_unref);
  report = kepil_import_file (db, "workplaces", path, NULL, TRUE, FALSE, NULL, NULL);
  if (kepil_db_in_transaction (db))
    abort ();
  g_unlink (path);
  return 0;
}
