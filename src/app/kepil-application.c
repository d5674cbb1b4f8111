/* kepil-application.c — the Kepil application
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-application.h"
#include "kepil-window.h"
#include "kepil-db.h"
#include "kepil-demo.h"
#include "kepil-i18n.h"

#include <glib/gstdio.h>

struct _KepilApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (KepilApplication, kepil_application, ADW_TYPE_APPLICATION)

KepilApplication *
kepil_application_new (void)
{
  return g_object_new (KEPIL_TYPE_APPLICATION,
                       "application-id", "kz.kepil.Kepil",
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       NULL);
}

char *
kepil_application_default_database (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "kepil", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.kepil", NULL);
  g_autoptr (KepilDb) db = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  g_mkdir_with_parents (dir, 0700);
  db = kepil_db_open (path, KEPIL_DB_OPEN_CREATE, error);
  if (db == NULL)
    return NULL;
  if (!kepil_demo_load (db, error))
    {
      g_clear_object (&db);
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
open_path (KepilApplication *self, const char *path)
{
  KepilWindow *win = kepil_window_new (self);
  g_autoptr (GError) error = NULL;

  gtk_window_present (GTK_WINDOW (win));
  if (path != NULL && !kepil_window_open_file (win, path, &error))
    kepil_window_show_error (win, error);
}

static void
kepil_application_activate (GApplication *app)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = kepil_application_default_database (&error);

  open_path (KEPIL_APPLICATION (app), path);
  if (path == NULL)
    g_warning ("%s", error->message);
}

static void
kepil_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *p = g_file_get_path (files[i]);
      open_path (KEPIL_APPLICATION (app), p);
    }
}

static void
kepil_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (kepil_application_parent_class)->startup (app);
}

static void
kepil_application_class_init (KepilApplicationClass *klass)
{
  GApplicationClass *ac = G_APPLICATION_CLASS (klass);
  ac->activate = kepil_application_activate;
  ac->open = kepil_application_open;
  ac->startup = kepil_application_startup;
}

static void
kepil_application_init (KepilApplication *self)
{
  kepil_i18n_init (NULL);
}
