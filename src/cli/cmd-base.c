/* cmd-base.c — kepil-cli init, demo, show
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "cli-common.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-json.h"

int cli_cmd_init (CliContext *ctx, int argc, char **argv);
int cli_cmd_demo (CliContext *ctx, int argc, char **argv);
int cli_cmd_show (CliContext *ctx, int argc, char **argv);

int
cli_cmd_init (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (argc > 1)
    return cli_usage (ctx, _("unexpected argument “%s”"), argv[1]);
  db = cli_open_db (ctx, TRUE);
  if (db == NULL)
    return ctx->db_path ? CLI_FAIL : CLI_USAGE;
  if (ctx->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) n = NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "database");
      json_builder_add_string_value (b, kepil_db_get_path (db));
      json_builder_set_member_name (b, "version");
      json_builder_add_int_value (b, kepil_db_get_version (db));
      json_builder_end_object (b);
      n = json_builder_get_root (b);
      cli_print_json (n);
    }
  else
    g_print (_("Database %s is ready (data version %d).\n"), kepil_db_get_path (db), kepil_db_get_version (db));
  return CLI_OK;
}

int
cli_cmd_demo (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  db = cli_open_db (ctx, TRUE);
  if (db == NULL)
    return ctx->db_path ? CLI_FAIL : CLI_USAGE;
  if (!kepil_demo_load (db, &error))
    return cli_fail (ctx, error);
  if (!ctx->json)
    g_print (_("The demo enterprise was loaded: %lld workplaces, %lld measurements.\n"),
             (long long) kepil_entity_count (db, "workplace", NULL), (long long) kepil_entity_count (db, "measurement", NULL));
  else
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) n = NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "workplaces");
      json_builder_add_int_value (b, kepil_entity_count (db, "workplace", NULL));
      json_builder_set_member_name (b, "measurements");
      json_builder_add_int_value (b, kepil_entity_count (db, "measurement", NULL));
      json_builder_end_object (b);
      n = json_builder_get_root (b);
      cli_print_json (n);
    }
  return CLI_OK;
}

static void
print_units (GPtrArray *units, GHashTable *wp_count, gint64 parent, int depth)
{
  for (guint i = 0; i < units->len; i++)
    {
      JsonObject *u = g_ptr_array_index (units, i);
      gint64 p = kepil_json_int (u, "parent_id", 0);
      gint64 id = kepil_json_int (u, "id", 0);
      if (p != parent)
        continue;
      g_print ("%*s- %s (%s: %lld, %s: %u)\n", depth * 2, "",
               kepil_json_str (u, "name_ru", ""), _("headcount"), (long long) kepil_json_int (u, "headcount", 0),
               _("workplaces"), GPOINTER_TO_UINT (g_hash_table_lookup (wp_count, &id)));
      print_units (units, wp_count, id, depth + 1);
    }
}

int
cli_cmd_show (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ents = NULL, units = NULL, profs = NULL, wps = NULL, ms = NULL;
  g_autoptr (GHashTable) prof_name = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) unit_name = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) wp_count = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) m_count = g_hash_table_new (g_int64_hash, g_int64_equal);
  GOptionEntry entries[] = { { NULL } };

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  db = cli_open_db (ctx, FALSE);
  if (db == NULL)
    return ctx->db_path ? CLI_FAIL : CLI_USAGE;
  if (!(ents = kepil_entity_list (db, "enterprise", NULL, 0, &error)) ||
      !(units = kepil_entity_list (db, "unit", NULL, 0, &error)) ||
      !(profs = kepil_entity_list (db, "profession", NULL, 0, &error)) ||
      !(wps = kepil_entity_list (db, "workplace", NULL, 0, &error)) ||
      !(ms = kepil_entity_list (db, "measurement", NULL, 0, &error)))
    return cli_fail (ctx, error);

  /* Ids are stored as int members; index them by pointer to a stable copy. */
  g_autoptr (GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), profs->len + units->len + wps->len);
  for (guint i = 0; i < profs->len; i++)
    {
      JsonObject *o = g_ptr_array_index (profs, i);
      gint64 id = kepil_json_int (o, "id", 0);
      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < units->len; i++)
    {
      JsonObject *o = g_ptr_array_index (units, i);
      gint64 id = kepil_json_int (o, "id", 0);
      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < wps->len; i++)
    {
      JsonObject *o = g_ptr_array_index (wps, i);
      gint64 id = kepil_json_int (o, "id", 0);
      g_array_append_val (ids, id);
    }
  {
    guint k = 0;
    for (guint i = 0; i < profs->len; i++, k++)
      g_hash_table_insert (prof_name, &g_array_index (ids, gint64, k),
                           (gpointer) kepil_json_str (g_ptr_array_index (profs, i), "name_ru", ""));
    for (guint i = 0; i < units->len; i++, k++)
      g_hash_table_insert (unit_name, &g_array_index (ids, gint64, k),
                           (gpointer) kepil_json_str (g_ptr_array_index (units, i), "name_ru", ""));
    for (guint i = 0; i < wps->len; i++, k++)
      g_hash_table_insert (m_count, &g_array_index (ids, gint64, k), GUINT_TO_POINTER (0));
  }
  for (guint i = 0; i < ms->len; i++)
    {
      gint64 w = kepil_json_int (g_ptr_array_index (ms, i), "workplace_id", 0);
      gpointer key = NULL, val = NULL;
      if (g_hash_table_lookup_extended (m_count, &w, &key, &val))
        g_hash_table_insert (m_count, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (val) + 1));
    }
  for (guint i = 0; i < wps->len; i++)
    {
      gint64 u = kepil_json_int (g_ptr_array_index (wps, i), "unit_id", 0);
      gpointer key = NULL, val = NULL;
      if (g_hash_table_lookup_extended (unit_name, &u, &key, &val))
        g_hash_table_insert (wp_count, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (wp_count, key)) + 1));
    }

  if (ctx->json)
    {
      g_autoptr (JsonObject) root = json_object_new ();
      JsonObject *counts = json_object_new ();
      JsonArray *wa = json_array_new ();

      json_object_set_string_member (root, "database", kepil_db_get_path (db));
      json_object_set_int_member (root, "version", kepil_db_get_version (db));
      json_object_set_int_member (counts, "enterprises", ents->len);
      json_object_set_int_member (counts, "units", units->len);
      json_object_set_int_member (counts, "professions", profs->len);
      json_object_set_int_member (counts, "workplaces", wps->len);
      json_object_set_int_member (counts, "measurements", ms->len);
      json_object_set_object_member (root, "counts", counts);
      json_object_set_member (root, "enterprises", kepil_json_array_of_objects (ents));
      json_object_set_member (root, "units", kepil_json_array_of_objects (units));
      json_object_set_member (root, "professions", kepil_json_array_of_objects (profs));
      for (guint i = 0; i < wps->len; i++)
        {
          JsonObject *w = json_object_ref (g_ptr_array_index (wps, i));
          gint64 id = kepil_json_int (w, "id", 0), p = kepil_json_int (w, "profession_id", 0),
                 u = kepil_json_int (w, "unit_id", 0);
          json_object_set_string_member (w, "profession", g_hash_table_lookup (prof_name, &p));
          json_object_set_string_member (w, "unit", g_hash_table_lookup (unit_name, &u));
          json_object_set_int_member (w, "measurement_count", GPOINTER_TO_UINT (g_hash_table_lookup (m_count, &id)));
          json_array_add_object_element (wa, w);
        }
      json_object_set_array_member (root, "workplaces", wa);
      json_object_set_member (root, "measurements", kepil_json_array_of_objects (ms));
      {
        g_autoptr (JsonNode) n = json_node_init_object (json_node_alloc (), root);
        cli_print_json (n);
      }
      return CLI_OK;
    }

  for (guint e = 0; e < ents->len; e++)
    {
      JsonObject *o = g_ptr_array_index (ents, e);
      gint64 eid = kepil_json_int (o, "id", 0);
      g_print ("%s", kepil_json_str (o, "name_ru", ""));
      if (*kepil_json_str (o, "bin", "") != '\0')
        g_print (" (%s %s)", _("BIN"), kepil_json_str (o, "bin", ""));
      g_print ("\n");
      for (guint i = 0; i < units->len; i++)
        {
          JsonObject *u = g_ptr_array_index (units, i);
          if (kepil_json_int (u, "enterprise_id", 0) == eid && kepil_json_int (u, "parent_id", 0) == 0)
            {
              gint64 uid = kepil_json_int (u, "id", 0);
              g_print ("  - %s (%s: %ld, %s: %u)\n", kepil_json_str (u, "name_ru", ""),
                       _("headcount"), kepil_json_int (u, "headcount", 0), _("workplaces"),
                       GPOINTER_TO_UINT (g_hash_table_lookup (wp_count, &uid)));
              print_units (units, wp_count, uid, 2);
            }
        }
    }
  g_print ("\n");
  for (guint i = 0; i < wps->len; i++)
    {
      JsonObject *w = g_ptr_array_index (wps, i);
      gint64 id = kepil_json_int (w, "id", 0), p = kepil_json_int (w, "profession_id", 0);
      g_print ("%s  %-40s  %s %ld  %s %u\n", kepil_json_str (w, "code", ""),
               (const char *) g_hash_table_lookup (prof_name, &p), _("workers:"),
               kepil_json_int (w, "men", 0) + kepil_json_int (w, "women", 0), _("measurements:"),
               GPOINTER_TO_UINT (g_hash_table_lookup (m_count, &id)));
    }
  g_print ("\n%s %u, %s %u, %s %u, %s %u\n", _("Enterprises:"), ents->len, _("units:"), units->len,
           _("workplaces:"), wps->len, _("measurements:"), ms->len);
  return CLI_OK;
}
