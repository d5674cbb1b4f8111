/* cmd-import.c — kepil-cli import, template
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kepil-cli --db F import measurements|workplaces FILE [--mapping M] [--dry-run] [--valid-only] [--preview] [--json]
 * kepil-cli template --out FILE.csv|FILE.xlsx [--kind measurements|workplaces] [--headers kk|ru|kk+ru|en]
 */
#include "kepil-config.h"
#include "cli-common.h"
#include "kepil-import.h"
#include "kepil-json.h"

#include <string.h>

int cli_cmd_import (CliContext *ctx, int argc, char **argv);
int cli_cmd_template (CliContext *ctx, int argc, char **argv);

static void
print_report (JsonObject *report)
{
  JsonArray *problems = json_object_get_array_member (report, "problems");
  JsonObject *created = json_object_get_object_member (report, "created");
  g_autofree char *base = g_path_get_basename (kepil_json_str (report, "file", ""));
  guint n = problems ? json_array_get_length (problems) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);
      const char *col = kepil_json_str (p, "column", "");
      if (col[0] != '\0')
        g_print (_("%s: row %ld, column %s: %s\n"), base, kepil_json_int (p, "row", 0), col,
                 kepil_json_str (p, "message", ""));
      else
        g_print (_("%s: row %ld: %s\n"), base, kepil_json_int (p, "row", 0),
                 kepil_json_str (p, "message", ""));
    }
  g_print (_("%s: %ld rows, %ld valid, %ld imported"), base,
           kepil_json_int (report, "rows", 0), kepil_json_int (report, "valid", 0),
           kepil_json_int (report, "imported", 0));
  g_print (_("; created %ld units, %ld professions, %ld"
             " workplaces.\n"),
           kepil_json_int (created, "units", 0), kepil_json_int (created, "professions", 0),
           kepil_json_int (created, "workplaces", 0));
  if (kepil_json_int (report, "imported", 0) == 0 && n > 0)
    g_print ("%s\n", _("Nothing was written. Correct the rows above, or add --valid-only to import the valid rows."));
  else if (json_object_get_boolean_member (report, "dry_run"))
    g_print ("%s\n", _("This was a dry run: nothing was written."));
}

int
cli_cmd_import (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) report = NULL;
  char *mapping = NULL;
  gboolean dry_run = FALSE, valid_only = FALSE, preview = FALSE;
  GOptionEntry entries[] = {
    { "mapping", 'm', 0, G_OPTION_ARG_FILENAME, &mapping, N_("column mapping (JSON file or remembered source)"), "M" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("check the file and report, write nothing"), NULL },
    { "valid-only", 0, 0, G_OPTION_ARG_NONE, &valid_only, N_("write the valid rows even when others are wrong"), NULL },
    { "preview", 0, 0, G_OPTION_ARG_NONE, &preview, N_("show the first 10 rows as mapped, write nothing"), NULL },
    { NULL }
  };
  const char *kind, *path;

  if (!cli_parse_options (ctx, entries, "measurements|workplaces FILE", &argc, &argv))
    return CLI_USAGE;
  if (argc < 3)
    return cli_usage (ctx, _("give what to import (measurements or workplaces) and the file"));
  if (argc > 3)
    return cli_usage (ctx, _("unexpected argument “%s”"), argv[3]);
  kind = argv[1];
  path = argv[2];
  if (!g_str_equal (kind, "measurements") && !g_str_equal (kind, "workplaces"))
    return cli_usage (ctx, _("import measurements or workplaces, not “%s”"), kind);
  db = cli_open_db (ctx, TRUE);
  if (db == NULL)
    {
      g_free (mapping);
      return ctx->db_path ? CLI_FAIL : CLI_USAGE;
    }

  if (preview)
    {
      g_autoptr (JsonArray) rows = kepil_import_preview (db, path, mapping, 10, &error);
      g_free (mapping);
      if (rows == NULL)
        return cli_fail (ctx, error);
      if (ctx->json)
        {
          g_autoptr (JsonNode) n = json_node_new (JSON_NODE_ARRAY);
          json_node_set_array (n, rows);
          cli_print_json (n);
        }
      else
        for (guint i = 0; i < json_array_get_length (rows); i++)
          {
            JsonObject *o = json_array_get_object_element (rows, i);
            g_autoptr (GList) members = json_object_get_members (o);
            g_print (_("row %ld:"), kepil_json_int (o, "row", 0));
            for (GList *l = members; l != NULL; l = l->next)
              if (!g_str_equal (l->data, "row"))
                g_print (" %s=%s", (const char *) l->data, kepil_json_str (o, l->data, ""));
            g_print ("\n");
          }
      return CLI_OK;
    }

  report = kepil_import_file (db, kind, path, mapping, dry_run, valid_only, NULL, &error);
  g_free (mapping);
  if (report == NULL)
    return cli_fail (ctx, error);
  if (ctx->json)
    {
      g_autoptr (JsonNode) n = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (n, report);
      cli_print_json (n);
    }
  else
    print_report (report);
  if (json_array_get_length (json_object_get_array_member (report, "problems")) > 0 && !valid_only)
    return CLI_FAIL;
  return CLI_OK;
}

int
cli_cmd_template (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *headers = NULL;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("the file to write (.csv or .xlsx)"), "FILE" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("measurements (default) or workplaces"), "KIND" },
    { "headers", 0, 0, G_OPTION_ARG_STRING, &headers, N_("language of the header: kk, ru, kk+ru or en"), "LANG" },
    { NULL }
  };
  const char *lang;

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (argc > 1)
    return cli_usage (ctx, _("unexpected argument “%s”"), argv[1]);
  if (out == NULL)
    return cli_usage (ctx, _("give the file to write with --out FILE.csv or --out FILE.xlsx"));
  /* --lang is the program's global option (kk, ru, en); --headers also takes kk+ru. */
  lang = headers ? headers : ctx->lang;
  if (!kepil_import_write_template_kind (out, kind ? kind : "measurements", lang, &error))
    return cli_fail (ctx, error);
  if (ctx->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) n = NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, out);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, kind ? kind : "measurements");
      json_builder_end_object (b);
      n = json_builder_get_root (b);
      cli_print_json (n);
    }
  else
    g_print (_("The template was written to %s.\n"), out);
  return CLI_OK;
}
