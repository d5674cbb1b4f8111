/* fuzz-common.h — shared by the libFuzzer harnesses
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include "kepil-db.h"
#include "kepil-i18n.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static char *fuzz_dir;

/* A critical is a bug: abort (which libFuzzer records as a finding with its input)
 * rather than G_BREAKPOINT's SIGTRAP, which it does not. */
static void
fuzz_log (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  g_log_default_handler (domain, level, message, data);
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    abort ();
}

static inline void
fuzz_init_once (void)
{
  if (fuzz_dir != NULL)
    return;
  kepil_i18n_init ("en");
  fuzz_dir = g_dir_make_tmp ("kepil-fuzz-XXXXXX", NULL);
  g_setenv ("KEPIL_BACKUP_DIR", fuzz_dir, TRUE);
  g_log_set_default_handler (fuzz_log, NULL);
  g_log_set_handler (NULL, G_LOG_LEVEL_MASK, fuzz_log, NULL);
}

/* Writes the input to a file with the given extension and returns its path. */
static inline char *
fuzz_write_file (const uint8_t *data, size_t size, const char *name)
{
  char *path = g_build_filename (fuzz_dir, name, NULL);
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    abort ();
  return path;
}

/* A fresh database, remade every @every calls so state does not pile up. */
static inline KepilDb *
fuzz_db (guint every)
{
  static KepilDb *db;
  static guint calls;
  if (db == NULL || ++calls % every == 0)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, "fuzz.kepil", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_clear_object (&db);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      db = kepil_db_open (path, KEPIL_DB_OPEN_CREATE | KEPIL_DB_OPEN_NO_BACKUP, NULL);
      if (db == NULL)
        abort ();
    }
  return db;
}
