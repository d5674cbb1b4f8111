/* kepil-settings.c — the user's settings in a key file
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-settings.h"

#include <glib/gstdio.h>

#define GROUP "kepil"

char *
kepil_app_settings_path (void)
{
  /* Read the variable each time: tests set it after GLib has cached its own idea. */
  const char *xdg = g_getenv ("XDG_CONFIG_HOME");
  const char *base = xdg != NULL && g_path_is_absolute (xdg) ? xdg : g_get_user_config_dir ();
  return g_build_filename (base, "kepil", "settings.ini", NULL);
}

static GKeyFile *
load (void)
{
  g_autofree char *path = kepil_app_settings_path ();
  GKeyFile *kf = g_key_file_new ();
  /* A missing or damaged file means defaults. */
  g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  return kf;
}

char *
kepil_app_settings_get (const char *key, const char *fallback)
{
  g_autoptr (GKeyFile) kf = load ();
  char *v = g_key_file_get_string (kf, GROUP, key, NULL);
  if (v == NULL || *v == '\0')
    {
      g_free (v);
      return g_strdup (fallback);
    }
  return v;
}

gboolean
kepil_app_settings_set (const char *key, const char *value, GError **error)
{
  g_autoptr (GKeyFile) kf = load ();
  g_autofree char *path = kepil_app_settings_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_key_file_set_string (kf, GROUP, key, value != NULL ? value : "");
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return g_key_file_save_to_file (kf, path, error);
}
