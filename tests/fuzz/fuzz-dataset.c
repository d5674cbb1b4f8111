/* fuzz-dataset.c — a JSON dataset (demo format): loaded whole or refused whole
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "kepil-demo.h"
#include "kepil-entity.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  KepilDb *db;
  gint64 before, after;

  fuzz_init_once ();
  db = fuzz_db (500);
  if (!json_parser_load_from_data (p, (const char *) data, (gssize) size, NULL))
    return 0;
  before = kepil_entity_count (db, "enterprise", NULL) + kepil_entity_count (db, "unit", NULL);
  if (!kepil_dataset_load (db, json_parser_get_root (p), NULL))
    {
      after = kepil_entity_count (db, "enterprise", NULL) + kepil_entity_count (db, "unit", NULL);
      if (before != after || kepil_db_in_transaction (db))
        abort ();  /* a refused dataset must leave nothing behind */
    }
  return 0;
}
