/* cli-common.c — what every command of kepil-cli shares
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "cli-common.h"
#include "kepil-json.h"

#include <stdio.h>

KepilDb *
cli_open_db (CliContext *ctx, gboolean create)
{
  g_autoptr (GError) error = NULL;
  KepilDb *db;
  KepilDbOpenFlags flags = create ? KEPIL_DB_OPEN_CREATE : KEPIL_DB_OPEN_DEFAULT;

  if (ctx->db_path == NULL)
    {
      cli_usage (ctx, _("this command needs --db FILE"));
      return NULL;
    }
  db = kepil_db_open (ctx->db_path, flags, &error);
  if (db == NULL)
    {
      cli_fail (ctx, error);
      return NULL;
    }
  kepil_db_set_actor (db, ctx->user, ctx->role);
  return db;
}

int
cli_fail (CliContext *ctx, GError *error)
{
  g_printerr ("kepil-cli: %s\n", error ? error->message : _("failed"));
  return CLI_FAIL;
}

int
cli_usage (CliContext *ctx, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_printerr ("kepil-cli %s: %s\n", ctx->command ? ctx->command : "", msg);
  g_printerr ("%s\n", _("Run “kepil-cli --help” for the list of commands."));
  return CLI_USAGE;
}

void
cli_print_json (JsonNode *node)
{
  g_autofree char *s = kepil_json_to_string (node, TRUE);
  fputs (s, stdout);
  fputc ('\n', stdout);
}

static const char *
translate_option (const char *text, gpointer data)
{
  return kepil_gettext (text);
}

gboolean
cli_parse_options (CliContext *ctx, GOptionEntry *entries, const char *params, int *argc, char ***argv)
{
  g_autoptr (GOptionContext) oc = g_option_context_new (params);
  g_autoptr (GError) error = NULL;

  /* Option descriptions are N_() strings: show them in the chosen language. */
  g_option_context_set_translate_func (oc, translate_option, NULL, NULL);
  g_option_context_add_main_entries (oc, entries, NULL);
  g_option_context_set_help_enabled (oc, TRUE);
  if (!g_option_context_parse (oc, argc, argv, &error))
    {
      cli_usage (ctx, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
cli_keep_until_exit (gpointer data, GDestroyNotify destroy)
{
  static GPtrArray *kept;  /* reachable until the process exits (leak checkers see it as such) */

  if (data == NULL)
    return;
  if (destroy != NULL && g_getenv ("KEPIL_FREE_AT_EXIT") != NULL)
    {
      destroy (data);
      return;
    }
  if (kept == NULL)
    kept = g_ptr_array_new ();
  g_ptr_array_add (kept, data);
}
