/* kepil-test.h — helpers shared by the core tests
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include "kepil-db.h"
#include "kepil-i18n.h"

/* A fresh temporary directory for one test, removed by kepil_test_tmpdir_free. */
static inline char *
kepil_test_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("kepil-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static inline void
kepil_test_rmrf (const char *path)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", path);
  g_assert_cmpint (system (cmd), ==, 0);
}

/* Opens a new database in @dir, with backups kept under @dir too. */
static inline KepilDb *
kepil_test_new_db (const char *dir, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *bdir = g_build_filename (dir, "backups", NULL);
  KepilDb *db;

  g_setenv ("KEPIL_BACKUP_DIR", bdir, TRUE);
  db = kepil_db_open (path, KEPIL_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static inline void
kepil_test_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  kepil_i18n_init ("en");
}
