/* fuzz-norms.c — a user's norm-set CSV: a new version or a clear refusal, never a crash
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "kepil-norms.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  KepilDb *db;

  fuzz_init_once ();
  db = fuzz_db (200);
  kepil_norms_load_csv_text (db, text, "fuzz.csv", "FUZZ", NULL, NULL, NULL);
  if (kepil_db_in_transaction (db))
    abort ();
  return 0;
}
