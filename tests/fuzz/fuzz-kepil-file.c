/* fuzz-kepil-file.c — a .kepil file from outside: refused or opened, never a crash
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "kepil-entity.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = NULL;
  g_autoptr (KepilDb) db = NULL;

  fuzz_init_once ();
  path = fuzz_write_file (data, size, "outside.kepil");
  db = kepil_db_open (path, KEPIL_DB_OPEN_NO_BACKUP, NULL);
  if (db != NULL)
    {
      const char * const *names = kepil_entity_names ();
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autoptr (GPtrArray) rows = kepil_entity_list (db, names[i], NULL, 0, NULL);
        }
    }
  g_clear_object (&db);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  return 0;
}
