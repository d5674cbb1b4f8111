/* cmd-lists.c — kepil-cli lists import|match|show|confirm, evaluate list
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "cli-common.h"
#include "kepil-lists.h"
#include "kepil-classify.h"
#include "kepil-json.h"

#include <stdlib.h>

int cli_cmd_lists (CliContext *ctx, int argc, char **argv);
int cli_evaluate_list (CliContext *ctx, int argc, char **argv);
/* cmd-risk.c: the same text as cli_print_json(), written as it goes (weak: a build may leave it out). */
void cli_print_json_object_streamed (JsonObject *o) __attribute__ ((weak));

static void
print_obj (JsonObject *o)
{
  g_autoptr (JsonNode) n = json_node_init_object (json_node_alloc (), o);
  cli_print_json (n);
}

static int
lists_import (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *list = NULL;
  guint n = 0;
  GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_STRING, &list, N_("the list: 1053, oppv, list1, list2, milk or lpp"), "LIST" },
    { NULL }
  };

  if (!cli_parse_options (ctx, entries, "FILE", &argc, &argv))
    return CLI_USAGE;
  if (list == NULL)
    return cli_usage (ctx, _("lists import needs --list 1053|oppv|list1|list2|milk|lpp"));
  if (!kepil_lists_is_known (list))
    return cli_usage (ctx, _("unknown list “%s”: use 1053, oppv, list1, list2, milk or lpp"), list);
  if (argc != 2)
    return cli_usage (ctx, _("lists import needs one FILE (an HTML page of the act or a CSV)"));
  db = cli_open_db (ctx, FALSE);
  if (db == NULL)
    return ctx->db_path ? CLI_FAIL : CLI_USAGE;
  if (!kepil_lists_import_file (db, list, argv[1], &n, &error))
    return cli_fail (ctx, error);
  if (ctx->json)
    {
      g_autoptr (JsonObject) o = json_object_new ();
      json_object_set_string_member (o, "list", list);
      json_object_set_string_member (o, "file", argv[1]);
      json_object_set_int_member (o, "imported", n);
      print_obj (o);
    }
  else
    g_print (ngettext ("%u entry of the list %s was imported.\n", "%u entries of the list %s were imported.\n", n),
             n, list);
  return CLI_OK;
}

static int
lists_match (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) a = NULL;
  g_autofree char *production = NULL;
  int limit = 10;
  GOptionEntry entries[] = {
    { "production", 0, 0, G_OPTION_ARG_STRING, &production, N_("the production or workshop"), "P" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("at most this many candidates (10)"), "N" },
    { NULL }
  };

  if (!cli_parse_options (ctx, entries, "TEXT", &argc, &argv))
    return CLI_USAGE;
  if (argc < 2)
    return cli_usage (ctx, _("lists match needs the title of a profession"));
  db = cli_open_db (ctx, FALSE);
  if (db == NULL)
    return ctx->db_path ? CLI_FAIL : CLI_USAGE;
  {
    g_autofree char *text = g_strjoinv (" ", argv + 1);
    a = kepil_lists_match (db, production, text, limit > 0 ? (guint) limit : 0, &error);
  }
  if (a == NULL)
    return cli_fail (ctx, error);
  if (ctx->json)
    {
      g_autoptr (JsonNode) n = json_node_init_array (json_node_alloc (), a);
      cli_print_json (n);
      return CLI_OK;
    }
  if (json_array_get_length (a) == 0)
    g_print ("%s\n", _("No entry of the Lists resembles this title."));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      g_print ("%5.2f  %-5s  %s %s  #%ld  %s%s\n", json_object_get_double_member (o, "score"),
               json_object_get_string_member (o, "list"), json_object_get_string_member (o, "section"),
               json_object_get_string_member (o, "item"), json_object_get_int_member (o, "entry_id"),
               json_object_get_string_member (o, "name_ru"),
               json_object_get_boolean_member (o, "general") ? _(" (general professions)") : "");
    }
  return CLI_OK;
}

static int
lists_show (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) o = NULL;
  g_autofree char *list = NULL;
  GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_STRING, &list, N_("show the entries of this list"), "LIST" },
    { NULL }
  };
  JsonArray *versions;

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (list != NULL && !kepil_lists_is_known (list))
    return cli_usage (ctx, _("unknown list “%s”: use 1053, oppv, list1, list2, milk or lpp"), list);
  db = cli_open_db (ctx, FALSE);
  if (db == NULL)
    return ctx->db_path ? CLI_FAIL : CLI_USAGE;
  o = kepil_lists_show (db, list, &error);
  if (o == NULL)
    return cli_fail (ctx, error);
  if (ctx->json)
    {
      print_obj (o);
      return CLI_OK;
    }
  versions = json_object_get_array_member (o, "versions");
  for (guint i = 0; i < json_array_get_length (versions); i++)
    {
      JsonObject *v = json_array_get_object_element (versions, i);
      JsonObject *act = json_object_get_object_member (v, "act");
      g_print (_("%-5s  No. %s of %s (reg. %s): %ld entries — %s\n"),
               json_object_get_string_member (v, "list"), json_object_get_string_member (act, "number"),
               json_object_get_string_member (act, "date"), json_object_get_string_member (act, "registration"),
               json_object_get_int_member (v, "entries"), json_object_get_string_member (v, "label"));
    }
  if (json_object_has_member (o, "entries"))
    {
      JsonArray *a = json_object_get_array_member (o, "entries");
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *e = json_array_get_object_element (a, i);
          g_print ("#%-6ld %s/%s  %s  [%s]\n", json_object_get_int_member (e, "entry_id"),
                   json_object_get_string_member (e, "section"), json_object_get_string_member (e, "item"),
                   json_object_get_string_member (e, "name_ru"), json_object_get_string_member (e, "status"));
        }
    }
  return CLI_OK;
}

static int
lists_confirm (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  gint64 entry = 0, wp;
  gboolean reject = FALSE;
  GOptionEntry entries[] = {
    { "workplace", 0, 0, G_OPTION_ARG_STRING, &code, N_("the workplace code"), "CODE" },
    { "entry", 0, 0, G_OPTION_ARG_INT64, &entry, N_("the entry id (see lists match)"), "ID" },
    { "reject", 0, 0, G_OPTION_ARG_NONE, &reject, N_("reject the match instead of confirming it"), NULL },
    { NULL }
  };

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (code == NULL || entry <= 0)
    return cli_usage (ctx, _("lists confirm needs --workplace CODE and --entry ID"));
  db = cli_open_db (ctx, FALSE);
  if (db == NULL)
    return ctx->db_path ? CLI_FAIL : CLI_USAGE;
  wp = kepil_store_lists_workplace_by_code (db, code, &error);
  if (wp == 0 || !kepil_lists_decide (db, wp, entry, !reject, &error))
    return cli_fail (ctx, error);
  if (ctx->json)
    {
      g_autoptr (JsonObject) o = json_object_new ();
      json_object_set_string_member (o, "workplace", code);
      json_object_set_int_member (o, "entry_id", entry);
      json_object_set_string_member (o, "status", reject ? "rejected" : "confirmed");
      json_object_set_string_member (o, "by", kepil_db_get_user (db));
      print_obj (o);
    }
  else if (reject)
    g_print (_("The match of workplace %s to entry %ld was rejected.\n"), code, entry);
  else
    g_print (_("The match of workplace %s to entry %ld was confirmed.\n"), code, entry);
  return CLI_OK;
}

int
cli_cmd_lists (CliContext *ctx, int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (sub == NULL)
    return cli_usage (ctx, _("lists needs a sub-command: import, match, show or confirm"));
  argv[1] = argv[0];
  if (g_str_equal (sub, "import"))
    return lists_import (ctx, argc - 1, argv + 1);
  if (g_str_equal (sub, "match"))
    return lists_match (ctx, argc - 1, argv + 1);
  if (g_str_equal (sub, "show"))
    return lists_show (ctx, argc - 1, argv + 1);
  if (g_str_equal (sub, "confirm"))
    return lists_confirm (ctx, argc - 1, argv + 1);
  return cli_usage (ctx, _("unknown sub-command “%s” of lists"), sub);
}

/* The classification, when the part that computes it is built in. */
GHashTable *kepil_classify_database (KepilDb *db, const char *norm_set, GError **error) __attribute__ ((weak));

static const char *
rule_label (const char *rule)
{
  if (g_strcmp0 (rule, "confirmed") == 0)
    return _("confirmed by attestation");
  if (g_strcmp0 (rule, "no_attestation") == 0)
    return _("no valid attestation: granted in full per the List");
  if (g_strcmp0 (rule, "employer_may_reduce") == 0)
    return _("attestation found class 2 or better: the employer may reduce");
  return _("not in the List");
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = **(gint64 * const *) a, y = **(gint64 * const *) b;
  return x < y ? -1 : x > y;
}

int
cli_evaluate_list (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) classes = NULL;
  g_autoptr (GHashTable) res = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  db = cli_open_db (ctx, FALSE);
  if (db == NULL)
    return ctx->db_path ? CLI_FAIL : CLI_USAGE;
  if (kepil_classify_database != NULL)
    {
      classes = kepil_classify_database (db, NULL, &error);
      if (classes == NULL)
        return cli_fail (ctx, error);
    }
  res = kepil_lists_evaluate (db, classes, &error);
  if (res == NULL)
    return cli_fail (ctx, error);
  keys = g_ptr_array_new ();
  {
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init (&it, res);
    while (g_hash_table_iter_next (&it, &k, NULL))
      g_ptr_array_add (keys, k);
  }
  g_ptr_array_sort (keys, compare_ids);
  if (ctx->json)
    {
      g_autoptr (JsonArray) a = json_array_new ();
      g_autoptr (JsonObject) o = json_object_new ();
      for (guint i = 0; i < keys->len; i++)
        json_array_add_object_element (a, json_object_ref (g_hash_table_lookup (res, g_ptr_array_index (keys, i))));
      json_object_set_array_member (o, "workplaces", g_steal_pointer (&a));
      if (cli_print_json_object_streamed != NULL)
        cli_print_json_object_streamed (o);
      else
        print_obj (o);
      cli_keep_until_exit (g_steal_pointer (&res), (GDestroyNotify) g_hash_table_unref);
      cli_keep_until_exit (g_steal_pointer (&classes), (GDestroyNotify) g_hash_table_unref);
      return CLI_OK;
    }
  for (guint i = 0; i < keys->len; i++)
    {
      JsonObject *w = g_hash_table_lookup (res, g_ptr_array_index (keys, i));
      JsonObject *g = json_object_get_object_member (w, "grants");
      JsonObject *att = json_object_get_object_member (w, "attestation");
      g_print ("%s  %s  [%s %s]\n", json_object_get_string_member (w, "code"),
               json_object_get_string_member (w, "profession"), _("class"),
               json_object_get_string_member_with_default (w, "overall_class", "—"));
      g_print ("    %s: %s; %s\n", _("attestation"), json_object_get_string_member (att, "status"),
               rule_label (json_object_get_string_member (w, "rule")));
      g_print (_("    leave %ld d, %g h/week, pay +%g %%, ОППВ %s, List 1 %s, List 2 %s, milk %s, ЛПП %s\n"),
               json_object_get_int_member (json_object_get_object_member (g, "leave_days"), "value"),
               json_object_get_double_member (json_object_get_object_member (g, "hours_per_week"), "value"),
               json_object_get_double_member (json_object_get_object_member (g, "pay_percent"), "value"),
               json_object_get_boolean_member (json_object_get_object_member (g, "oppv"), "value") ? _("yes") : _("no"),
               json_object_get_boolean_member (json_object_get_object_member (g, "list1"), "value") ? _("yes") : _("no"),
               json_object_get_boolean_member (json_object_get_object_member (g, "list2"), "value") ? _("yes") : _("no"),
               json_object_get_boolean_member (json_object_get_object_member (g, "milk"), "value") ? _("yes") : _("no"),
               json_object_get_boolean_member (json_object_get_object_member (g, "lpp"), "value")
                 ? json_object_get_string_member (json_object_get_object_member (g, "lpp"), "ration") : _("no"));
    }
  return CLI_OK;
}
