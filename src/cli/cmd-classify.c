/* cmd-classify.c — kepil-cli classify, evaluate classes, norms
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "cli-common.h"
#include "kepil-classify.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-json.h"
#include "kepil-norms.h"

#include <math.h>
#include <stdlib.h>

/* cmd-risk.c: the same text as cli_print_json(), written as it goes (weak: a build may leave it out). */
void cli_print_json_object_streamed (JsonObject *o) __attribute__ ((weak));

int cli_cmd_classify (CliContext *ctx, int argc, char **argv);
int cli_evaluate_classes (CliContext *ctx, int argc, char **argv);
int cli_cmd_norms (CliContext *ctx, int argc, char **argv);

static KepilDb *
open_optional (CliContext *ctx, gboolean *failed)
{
  *failed = FALSE;
  if (ctx->db_path == NULL)
    return NULL;
  {
    KepilDb *db = cli_open_db (ctx, FALSE);
    *failed = db == NULL;
    return db;
  }
}

int
cli_cmd_classify (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *norm_set = NULL, *factor = NULL, *subgroup = NULL, *agent = NULL, *value_s = NULL, *norm_s = NULL,
                  *unit = NULL, *category = NULL, *sex = NULL;
  GOptionEntry entries[] = {
    { "norm-set", 0, 0, G_OPTION_ARG_STRING, &norm_set, N_("norm set, NAME or NAME@VERSION (default: the default set)"), "NAME" },
    { "factor", 0, 0, G_OPTION_ARG_STRING, &factor, N_("factor key, e.g. noise, chemical, dust"), "F" },
    { "subgroup", 0, 0, G_OPTION_ARG_STRING, &subgroup, N_("subgroup key, e.g. hazard-1-2, z, illuminance"), "S" },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, N_("substance or indicator"), "A" },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("work category Ia, Ib, IIa, IIb or III (microclimate)"), "C" },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("scale of heaviness: m or f"), "m|f" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value_s, N_("measured value (0,5 or 0.5)"), "V" },
    { "norm", 0, 0, G_OPTION_ARG_STRING, &norm_s, N_("ПДК, ПДУ or Ен for ratio and excess rows"), "N" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("unit of the value and the norm"), "U" },
    { NULL }
  };
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) res = NULL;
  double value, norm = NAN;
  gboolean failed;

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (argc > 1)
    return cli_usage (ctx, _("unexpected argument “%s”"), argv[1]);
  if (factor == NULL)
    return cli_usage (ctx, _("classify needs --factor"));
  if (value_s == NULL)
    return cli_usage (ctx, _("classify needs --value"));
  if (sex != NULL && !g_str_equal (sex, "m") && !g_str_equal (sex, "f"))
    return cli_usage (ctx, _("--sex must be m or f"));
  if (!kepil_parse_number (value_s, "--value", &value, &error))
    return cli_fail (ctx, error);
  if (norm_s != NULL && !kepil_parse_number (norm_s, "--norm", &norm, &error))
    return cli_fail (ctx, error);
  db = open_optional (ctx, &failed);
  if (failed)
    return CLI_FAIL;
  res = kepil_classify_value_full (db, norm_set, factor, subgroup, agent, category, sex, value, norm, unit, &error);
  if (res == NULL)
    return cli_fail (ctx, error);
  if (ctx->json)
    {
      g_autoptr (JsonNode) n = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (n, res);
      cli_print_json (n);
    }
  else
    {
      g_print ("%s\n", json_object_get_string_member (res, "class"));
    }
  return CLI_OK;
}

static gint
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = **(gint64 **) a, y = **(gint64 **) b;
  return x < y ? -1 : x > y;
}

int
cli_evaluate_classes (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *norm_set = NULL;
  gboolean brief = FALSE;
  GOptionEntry entries[] = {
    { "norm-set", 0, 0, G_OPTION_ARG_STRING, &norm_set, N_("norm set instead of the enterprise's own"), "NAME" },
    { "brief", 0, 0, G_OPTION_ARG_NONE, &brief, N_("JSON without the measurements"), NULL },
    { NULL }
  };
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) all = NULL;
  g_autoptr (GPtrArray) ids = NULL;

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (argc > 1)
    return cli_usage (ctx, _("unexpected argument “%s”"), argv[1]);
  db = cli_open_db (ctx, FALSE);
  if (db == NULL)
    return ctx->db_path ? CLI_FAIL : CLI_USAGE;
  all = kepil_classify_database (db, norm_set, &error);
  if (all == NULL)
    return cli_fail (ctx, error);
  ids = g_ptr_array_new ();
  {
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init (&it, all);
    while (g_hash_table_iter_next (&it, &k, NULL))
      g_ptr_array_add (ids, k);
  }
  g_ptr_array_sort (ids, compare_ids);
  if (ctx->json)
    {
      g_autoptr (JsonArray) arr = json_array_new ();
      g_autoptr (JsonNode) n = json_node_new (JSON_NODE_OBJECT);
      g_autoptr (JsonObject) root = json_object_new ();
      for (guint i = 0; i < ids->len; i++)
        {
          JsonObject *o = g_hash_table_lookup (all, g_ptr_array_index (ids, i));
          if (brief)
            json_object_remove_member (o, "measurements");
          json_array_add_object_element (arr, json_object_ref (o));
        }
      json_object_set_array_member (root, "workplaces", json_array_ref (arr));
      json_node_set_object (n, root);
      if (cli_print_json_object_streamed != NULL)
        cli_print_json_object_streamed (root);
      else
        cli_print_json (n);
      cli_keep_until_exit (g_steal_pointer (&all), (GDestroyNotify) g_hash_table_unref);
      return CLI_OK;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = *(gint64 *) g_ptr_array_index (ids, i);
      JsonObject *o = g_hash_table_lookup (all, &id);
      g_autoptr (JsonObject) wp = kepil_entity_get (db, "workplace", id, NULL);
      g_autoptr (JsonObject) prof = wp ? kepil_entity_get (db, "profession", kepil_json_int (wp, "profession_id", 0), NULL) : NULL;
      JsonArray *fs = json_object_get_array_member (o, "factors");
      g_autoptr (GString) line = g_string_new (NULL);

      for (guint j = 0; j < json_array_get_length (fs); j++)
        {
          JsonObject *f = json_array_get_object_element (fs, j);
          g_string_append_printf (line, "%s%s %s", j ? ", " : "", json_object_get_string_member (f, "factor"),
                                  json_object_get_string_member (f, "class"));
        }
      g_print ("%s  %-40s  %-4s  %s\n", wp ? kepil_json_str (wp, "code", "") : "",
               prof ? kepil_json_str (prof, "name_ru", "") : "",
               json_object_get_string_member (o, "overall") ? json_object_get_string_member (o, "overall") : "—",
               line->str);
    }
  return CLI_OK;
}

static void
print_object (JsonObject *o)
{
  g_autoptr (JsonNode) n = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (n, o);
  cli_print_json (n);
}

int
cli_cmd_norms (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *to = NULL, *name = NULL, *only = NULL, *parent = NULL;
  gboolean csv = FALSE;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("name of the copy"), "NEW" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("name of the loaded set"), "NAME" },
    { "set", 0, 0, G_OPTION_ARG_STRING, &only, N_("take only the rows of this norm_set column value"), "SET" },
    { "parent", 0, 0, G_OPTION_ARG_STRING, &parent, N_("set whose rows fill the factors the file leaves out (\"\" = none)"), "SPEC" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("show: print the rows as loadable CSV"), NULL },
    { NULL }
  };
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  const char *sub;
  gboolean failed;

  if (!cli_parse_options (ctx, entries, "list|show NAME|copy NAME --to NEW|load FILE --name NAME|substances", &argc, &argv))
    return CLI_USAGE;
  if (argc < 2)
    return cli_usage (ctx, _("norms needs list, show, copy, load or substances"));
  sub = argv[1];
  db = open_optional (ctx, &failed);
  if (failed)
    return CLI_FAIL;

  if (g_str_equal (sub, "list"))
    {
      g_autoptr (GPtrArray) l = kepil_norms_list (db, &error);
      if (l == NULL)
        return cli_fail (ctx, error);
      if (ctx->json)
        {
          g_autoptr (JsonNode) n = kepil_json_array_of_objects (l);
          cli_print_json (n);
        }
      else
        for (guint i = 0; i < l->len; i++)
          {
            JsonObject *o = g_ptr_array_index (l, i);
            g_print ("%s@%ld%s%s%s  %s\n", kepil_json_str (o, "name", ""), kepil_json_int (o, "version", 0),
                     json_object_get_boolean_member (o, "default") ? _(" (default)") : "",
                     json_object_get_boolean_member (o, "shipped") ? _(" (shipped)") : "",
                     json_object_get_boolean_member (o, "used") ? _(" (used)") : "",
                     kepil_json_str (o, "legal_basis", ""));
          }
      return CLI_OK;
    }
  if (g_str_equal (sub, "show"))
    {
      if (argc < 3)
        return cli_usage (ctx, _("norms show needs a NAME"));
      if (csv)
        {
          g_autofree char *text = kepil_norms_to_csv (db, argv[2], &error);
          if (text == NULL)
            return cli_fail (ctx, error);
          g_print ("%s", text);
          return CLI_OK;
        }
      {
        g_autoptr (JsonObject) o = kepil_norms_show (db, argv[2], &error);
        JsonArray *rows;
        if (o == NULL)
          return cli_fail (ctx, error);
        if (ctx->json)
          {
            print_object (o);
            return CLI_OK;
          }
        g_print ("%s@%ld  %s\n", kepil_json_str (o, "name", ""), kepil_json_int (o, "version", 0),
                 kepil_json_str (o, "legal_basis", ""));
        rows = json_object_get_array_member (o, "rows");
        for (guint i = 0; i < json_array_get_length (rows); i++)
          {
            JsonObject *r = json_array_get_object_element (rows, i);
            g_autoptr (GString) b = g_string_new (NULL);
            static const char *cols[] = { "c1", "c2", "c3_1", "c3_2", "c3_3", "c3_4" };
            for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
              {
                JsonNode *n = json_object_get_member (r, cols[c]);
                if (n && !JSON_NODE_HOLDS_NULL (n))
                  {
                    g_autofree char *t = kepil_format_number (json_node_get_double (n), 4);
                    g_string_append_printf (b, " %s≤%s", cols[c] + 1, t);
                  }
              }
            g_print ("  %-18s %-24s %-22s %-2s %-10s %-9s %-4s%s  top %s  [%s]\n", kepil_json_str (r, "factor", ""),
                     kepil_json_str (r, "subgroup", ""), kepil_json_str (r, "agent", ""), kepil_json_str (r, "sex", ""),
                     kepil_json_str (r, "unit", ""), kepil_json_str (r, "basis", ""), kepil_json_str (r, "direction", ""),
                     b->str, kepil_json_str (r, "top", ""), kepil_json_str (r, "status", ""));
          }
        return CLI_OK;
      }
    }
  if (g_str_equal (sub, "copy") || g_str_equal (sub, "load"))
    {
      int v;
      if (db == NULL)
        return cli_usage (ctx, _("norms %s needs --db"), sub);
      if (argc < 3)
        return cli_usage (ctx, g_str_equal (sub, "copy") ? _("norms copy needs a NAME") : _("norms load needs a FILE"));
      if (g_str_equal (sub, "copy"))
        {
          if (to == NULL)
            return cli_usage (ctx, _("norms copy needs --to NEW"));
          v = kepil_norms_copy (db, argv[2], to, &error);
        }
      else
        {
          if (name == NULL)
            return cli_usage (ctx, _("norms load needs --name NAME"));
          v = kepil_norms_load_csv (db, argv[2], name, only, parent, &error);
        }
      if (v == 0)
        return cli_fail (ctx, error);
      if (ctx->json)
        {
          g_autoptr (JsonObject) o = json_object_new ();
          json_object_set_string_member (o, "name", g_str_equal (sub, "copy") ? to : name);
          json_object_set_int_member (o, "version", v);
          print_object (o);
        }
      else
        g_print (_("Norm set %s version %d was saved.\n"), g_str_equal (sub, "copy") ? to : name, v);
      return CLI_OK;
    }
  if (g_str_equal (sub, "substances"))
    {
      g_autoptr (GPtrArray) l = kepil_norms_substances (db, &error);
      if (l == NULL)
        return cli_fail (ctx, error);
      if (ctx->json)
        {
          g_autoptr (JsonNode) n = kepil_json_array_of_objects (l);
          cli_print_json (n);
        }
      else
        for (guint i = 0; i < l->len; i++)
          {
            JsonObject *o = g_ptr_array_index (l, i);
            g_print ("%-20s %-8s %s\n", kepil_json_str (o, "key", ""), kepil_json_str (o, "formula", ""),
                     kepil_json_str (o, "name_ru", ""));
          }
      return CLI_OK;
    }
  return cli_usage (ctx, _("unknown norms command “%s”"), sub);
}
