/* cmd-review.c — kepil-cli finalize, verify, findings, package, history, backup
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "cli-common.h"
#include "kepil-audit.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-json.h"
#include "kepil-package.h"
#include "kepil-review.h"

#include <stdlib.h>
#include <string.h>

int cli_cmd_finalize (CliContext *ctx, int argc, char **argv);
int cli_cmd_verify (CliContext *ctx, int argc, char **argv);
int cli_cmd_findings (CliContext *ctx, int argc, char **argv);
int cli_cmd_package (CliContext *ctx, int argc, char **argv);
int cli_cmd_history (CliContext *ctx, int argc, char **argv);
int cli_cmd_backup (CliContext *ctx, int argc, char **argv);

/* Opens --db; without --user the name kept in the user's settings is used. */
static KepilDb *
open_db (CliContext *ctx)
{
  KepilDb *db = cli_open_db (ctx, FALSE);

  if (db != NULL && ctx->user == NULL)
    {
      g_autofree char *name = kepil_settings_get ("user", "name");
      if (name != NULL)
        kepil_db_set_actor (db, name, ctx->role);
    }
  return db;
}

static int
no_db (CliContext *ctx)
{
  return ctx->db_path ? CLI_FAIL : CLI_USAGE;
}

static void
print_object (JsonObject *o)
{
  g_autoptr (JsonNode) n = json_node_init_object (json_node_alloc (), o);
  cli_print_json (n);
}

static void
print_array (JsonArray *a)
{
  g_autoptr (JsonNode) n = json_node_init_array (json_node_alloc (), a);
  cli_print_json (n);
}

/* ---- finalize ----------------------------------------------------------------------- */

int
cli_cmd_finalize (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) act = NULL;
  gint64 campaign = 0;
  GOptionEntry entries[] = {
    { "campaign", 0, 0, G_OPTION_ARG_INT64, &campaign, N_("the campaign (default: the latest)"), "ID" },
    { NULL }
  };

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (argc > 1)
    return cli_usage (ctx, _("unexpected argument “%s”"), argv[1]);
  db = open_db (ctx);
  if (db == NULL)
    return no_db (ctx);
  act = kepil_review_finalize (db, campaign, &error);
  if (act == NULL)
    return cli_fail (ctx, error);
  if (ctx->json)
    print_object (act);
  else if (json_object_get_boolean_member (act, "unchanged"))
    g_print (_("The act of campaign %ld is already final: revision %ld"
               ", nothing changed since.\nFingerprint (SHA-256): %s\n"),
             kepil_json_int (act, "campaign_id", 0), kepil_json_int (act, "revision", 0),
             kepil_json_str (act, "fingerprint", ""));
  else
    g_print (_("The act of campaign %ld is finalised: revision %ld"
               ", by %s.\nFingerprint (SHA-256): %s\n"),
             kepil_json_int (act, "campaign_id", 0), kepil_json_int (act, "revision", 0),
             kepil_json_str (act, "finalized_by", ""), kepil_json_str (act, "fingerprint", ""));
  return CLI_OK;
}

/* ---- verify --------------------------------------------------------------------------- */

int
cli_cmd_verify (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) result = NULL;
  JsonArray *acts;
  GOptionEntry entries[] = { { NULL } };

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (argc > 1)
    return cli_usage (ctx, _("unexpected argument “%s”"), argv[1]);
  db = open_db (ctx);
  if (db == NULL)
    return no_db (ctx);
  result = kepil_review_verify (db, &error);
  if (result == NULL)
    return cli_fail (ctx, error);
  acts = json_object_get_array_member (result, "acts");
  if (ctx->json)
    print_object (result);
  else
    {
      if (json_array_get_length (acts) == 0)
        g_print ("%s\n", _("No act has been finalised in this database."));
      for (guint i = 0; i < json_array_get_length (acts); i++)
        {
          JsonObject *a = json_array_get_object_element (acts, i);
          const char *problem = kepil_json_str (a, "problem", "");
          JsonArray *d = json_object_get_array_member (a, "differences");
          gint64 camp = kepil_json_int (a, "campaign_id", 0), rev = kepil_json_int (a, "revision", 0);

          if (*problem == '\0')
            g_print (_("Act of campaign %ld, revision %ld: OK (%s)\n"),
                     camp, rev, kepil_json_str (a, "fingerprint", ""));
          else if (g_str_equal (problem, "act-altered"))
            g_print (_("Act of campaign %ld, revision %ld"
                       ": CHANGED — the stored act itself was altered outside Kepil.\n"), camp, rev);
          else if (g_str_equal (problem, "campaign-missing"))
            g_print (_("Act of campaign %ld, revision %ld"
                       ": CHANGED — its campaign was deleted.\n"), camp, rev);
          else
            {
              g_print (ngettext ("Act of campaign %ld, revision %ld"
                                 ": CHANGED — %u record field differs from what was signed:\n",
                                 "Act of campaign %ld, revision %ld"
                                 ": CHANGED — %u record fields differ from what was signed:\n",
                                 json_array_get_length (d)),
                       camp, rev, json_array_get_length (d));
              for (guint k = 0; k < json_array_get_length (d); k++)
                {
                  JsonObject *x = json_array_get_object_element (d, k);
                  g_autofree char *id = kepil_json_to_string (json_object_get_member (x, "id"), FALSE);
                  const char *change = kepil_json_str (x, "change", "");
                  if (g_str_equal (change, "changed"))
                    g_print (_("  %s %s, field %s: signed “%s”, now “%s”\n"), kepil_json_str (x, "entity", ""), id,
                             kepil_json_str (x, "field", ""), kepil_json_str (x, "signed_value", ""),
                             kepil_json_str (x, "current_value", ""));
                  else if (g_str_equal (change, "added"))
                    g_print (_("  %s %s: added after signing\n"), kepil_json_str (x, "entity", ""), id);
                  else
                    g_print (_("  %s %s: removed after signing\n"), kepil_json_str (x, "entity", ""), id);
                }
            }
        }
    }
  return json_object_get_boolean_member (result, "ok") ? CLI_OK : CLI_FAIL;
}

/* ---- findings ------------------------------------------------------------------------ */

static int
findings_add (CliContext *ctx, KepilDb *db, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) f = json_object_new ();
  g_autofree char *category = NULL, *workplace = NULL, *basis = NULL, *status = NULL;
  g_autofree char *effect = NULL, *note = NULL, *date = NULL;
  double value = 0;
  gint64 id;
  GOptionEntry entries[] = {
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("a key of “findings categories”"), "KEY" },
    { "workplace", 0, 0, G_OPTION_ARG_STRING, &workplace, N_("the workplace code (none: the whole enterprise)"), "CODE" },
    { "legal-basis", 0, 0, G_OPTION_ARG_STRING, &basis, N_("the legal basis (default: the category's)"), "TEXT" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("open, closed or under_control"), "STATUS" },
    { "effect", 0, 0, G_OPTION_ARG_STRING, &effect, N_("economic effect in tenge"), "AMOUNT" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("a note"), "TEXT" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("the date of the finding (default: today)"), "DATE" },
    { NULL }
  };

  if (!cli_parse_options (ctx, entries, "add", &argc, &argv))
    return CLI_USAGE;
  if (category == NULL)
    return cli_usage (ctx, _("findings add needs --category KEY"));
  json_object_set_string_member (f, "category", category);
  if (workplace)
    json_object_set_string_member (f, "workplace_code", workplace);
  if (basis)
    json_object_set_string_member (f, "legal_basis", basis);
  if (status)
    json_object_set_string_member (f, "status", status);
  if (effect)
    {
      if (!kepil_parse_number (effect, _("economic effect"), &value, &error))
        return cli_fail (ctx, error);
      json_object_set_double_member (f, "economic_effect", value);
    }
  if (note)
    json_object_set_string_member (f, "note", note);
  if (date)
    json_object_set_string_member (f, "found_on", date);
  id = kepil_finding_add (db, f, &error);
  if (id == 0)
    return cli_fail (ctx, error);
  if (ctx->json)
    {
      g_autoptr (JsonObject) o = kepil_entity_get (db, "finding", id, &error);
      if (o == NULL)
        return cli_fail (ctx, error);
      print_object (o);
    }
  else
    g_print (_("Finding %ld recorded.\n"), id);
  return CLI_OK;
}

static int
findings_list (CliContext *ctx, KepilDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = kepil_finding_list (db, &error);

  if (list == NULL)
    return cli_fail (ctx, error);
  if (ctx->json)
    {
      g_autoptr (JsonNode) n = kepil_json_array_of_objects (list);
      cli_print_json (n);
      return CLI_OK;
    }
  if (list->len == 0)
    g_print ("%s\n", _("No findings."));
  for (guint i = 0; i < list->len; i++)
    {
      JsonObject *f = g_ptr_array_index (list, i);
      g_autofree char *date = kepil_format_date (kepil_json_str (f, "found_on", ""));
      g_autofree char *name = kepil_finding_category_name (kepil_json_str (f, "category", ""), kepil_i18n_language ());
      g_autofree char *money = kepil_format_number (kepil_json_double (f, "economic_effect", 0), 2);
      const char *wp = kepil_json_str (f, "workplace_code", "");
      g_print ("%3ld  %s  %-11s  %-13s  %s  (%s ₸)\n", kepil_json_int (f, "id", 0), date,
               *wp ? wp : _("enterprise"), kepil_json_str (f, "status", ""),
               name ? name : kepil_json_str (f, "category", ""), money);
    }
  return CLI_OK;
}

static int
findings_categories (CliContext *ctx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) cats = kepil_finding_categories (&error);

  if (cats == NULL)
    return cli_fail (ctx, error);
  if (ctx->json)
    {
      print_array (cats);
      return CLI_OK;
    }
  for (guint i = 0; i < json_array_get_length (cats); i++)
    {
      JsonObject *c = json_array_get_object_element (cats, i);
      g_autofree char *name = kepil_finding_category_name (kepil_json_str (c, "key", ""), kepil_i18n_language ());
      g_print ("%-30s %s\n", kepil_json_str (c, "key", ""), name);
    }
  return CLI_OK;
}

int
cli_cmd_findings (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (sub == NULL)
    return cli_usage (ctx, _("findings needs add, list, status, categories, stats or export"));
  if (g_str_equal (sub, "categories"))
    return findings_categories (ctx);
  if (g_str_equal (sub, "add"))
    {
      db = open_db (ctx);
      return db ? findings_add (ctx, db, argc - 1, argv + 1) : no_db (ctx);
    }
  if (g_str_equal (sub, "list"))
    {
      if (argc > 2)
        return cli_usage (ctx, _("unexpected argument “%s”"), argv[2]);
      db = open_db (ctx);
      return db ? findings_list (ctx, db) : no_db (ctx);
    }
  if (g_str_equal (sub, "status"))
    {
      gint64 id = 0;
      g_autofree char *status = NULL;
      GOptionEntry entries[] = {
        { "id", 0, 0, G_OPTION_ARG_INT64, &id, N_("the finding"), "ID" },
        { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("open, closed or under_control"), "STATUS" },
        { NULL }
      };
      argc--;
      argv++;
      if (!cli_parse_options (ctx, entries, "status", &argc, &argv))
        return CLI_USAGE;
      if (id <= 0 || status == NULL)
        return cli_usage (ctx, _("findings status needs --id N and --status STATUS"));
      db = open_db (ctx);
      if (db == NULL)
        return no_db (ctx);
      if (!kepil_finding_set_status (db, id, status, &error))
        return cli_fail (ctx, error);
      if (!ctx->json)
        g_print (_("Finding %ld is now %s.\n"), id, status);
      return CLI_OK;
    }
  if (g_str_equal (sub, "stats"))
    {
      g_autofree char *today = kepil_today_iso ();
      gint64 year = atoi (today);
      g_autoptr (JsonObject) s = NULL;
      GOptionEntry entries[] = {
        { "year", 0, 0, G_OPTION_ARG_INT64, &year, N_("the year compared with the one before"), "YEAR" },
        { NULL }
      };
      argc--;
      argv++;
      if (!cli_parse_options (ctx, entries, "stats", &argc, &argv))
        return CLI_USAGE;
      db = open_db (ctx);
      if (db == NULL)
        return no_db (ctx);
      s = kepil_findings_statistics (db, (int) year, NULL, &error);
      if (s == NULL)
        return cli_fail (ctx, error);
      if (ctx->json)
        print_object (s);
      else
        {
          JsonArray *cats = json_object_get_array_member (s, "categories");
          JsonObject *t = json_object_get_object_member (s, "total");
          g_print ("%-60s %6ld %6ld\n", "", year, year - 1);
          for (guint i = 0; i < json_array_get_length (cats); i++)
            {
              JsonObject *c = json_array_get_object_element (cats, i);
              g_print ("%-60s %6ld %6ld\n", kepil_json_str (c, "key", ""),
                       kepil_json_int (c, "count", 0), kepil_json_int (c, "count_previous", 0));
            }
          g_print ("%-60s %6ld %6ld\n", kepil_json_str (t, "name", ""),
                   kepil_json_int (t, "count", 0), kepil_json_int (t, "count_previous", 0));
        }
      return CLI_OK;
    }
  if (g_str_equal (sub, "export"))
    {
      g_autofree char *out = NULL, *lang = NULL;
      GOptionEntry entries[] = {
        { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("the workbook to write"), "FILE.xlsx" },
        /* The global --lang takes kk, ru or en; kk+ru reaches the command as its own. */
        { "doc-lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("the language of the workbook: kk, ru, en or kk+ru"), "LANG" },
        { NULL }
      };
      argc--;
      argv++;
      if (!cli_parse_options (ctx, entries, "export", &argc, &argv))
        return CLI_USAGE;
      if (out == NULL)
        return cli_usage (ctx, _("findings export needs --out FILE.xlsx"));
      if (lang == NULL && ctx->lang != NULL)
        lang = g_strdup (ctx->lang);
      db = open_db (ctx);
      if (db == NULL)
        return no_db (ctx);
      if (!kepil_findings_export_xlsx (db, out, lang, &error))
        return cli_fail (ctx, error);
      if (ctx->json)
        {
          g_autoptr (JsonObject) o = json_object_new ();
          g_autoptr (GPtrArray) list = kepil_finding_list (db, NULL);
          json_object_set_string_member (o, "path", out);
          json_object_set_int_member (o, "findings", list ? list->len : 0);
          print_object (o);
        }
      else
        g_print (_("The findings were written to %s.\n"), out);
      return CLI_OK;
    }
  return cli_usage (ctx, _("unknown findings command “%s”"), sub);
}

/* ---- package ------------------------------------------------------------------------ */

int
cli_cmd_package (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  gint64 campaign = 0;
  const char *sub, *file;
  GOptionEntry entries[] = {
    { "campaign", 0, 0, G_OPTION_ARG_INT64, &campaign, N_("only this campaign"), "ID" },
    { NULL }
  };

  if (!cli_parse_options (ctx, entries, "export|export-findings|import FILE", &argc, &argv))
    return CLI_USAGE;
  if (argc != 3)
    return cli_usage (ctx, _("package needs export FILE, export-findings FILE or import FILE"));
  sub = argv[1];
  file = argv[2];
  if (!g_str_equal (sub, "export") && !g_str_equal (sub, "export-findings") && !g_str_equal (sub, "import"))
    return cli_usage (ctx, _("unknown package command “%s”"), sub);
  db = open_db (ctx);
  if (db == NULL)
    return no_db (ctx);
  if (g_str_equal (sub, "export"))
    {
      g_autoptr (JsonObject) r = kepil_package_export (db, file, campaign, &error);
      if (r == NULL)
        return cli_fail (ctx, error);
      if (ctx->json)
        print_object (r);
      else
        g_print (_("The exchange file %s was written: %ld workplaces, %ld"
                   " measurements. The inspector opens it with --role inspector.\n"),
                 file, kepil_json_int (r, "workplaces", 0), kepil_json_int (r, "measurements", 0));
    }
  else if (g_str_equal (sub, "export-findings"))
    {
      gint64 n = kepil_package_export_findings (db, file, &error);
      if (n < 0)
        return cli_fail (ctx, error);
      if (ctx->json)
        {
          g_autoptr (JsonObject) o = json_object_new ();
          json_object_set_string_member (o, "path", file);
          json_object_set_int_member (o, "findings", n);
          print_object (o);
        }
      else
        g_print (ngettext ("%ld finding was written to %s.\n",
                           "%ld findings were written to %s.\n", (gulong) n), n, file);
    }
  else
    {
      g_autoptr (JsonObject) r = kepil_package_import_findings (db, file, &error);
      if (r == NULL)
        return cli_fail (ctx, error);
      if (ctx->json)
        print_object (r);
      else
        g_print (_("Findings imported: %ld new, %ld already present.\n"),
                 kepil_json_int (r, "added", 0), kepil_json_int (r, "skipped", 0));
    }
  return CLI_OK;
}

/* ---- history ------------------------------------------------------------------------- */

int
cli_cmd_history (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) h = NULL;
  g_autofree char *entity = NULL, *code = NULL;
  gint64 id = 0;
  gboolean no_children = FALSE;
  GOptionEntry entries[] = {
    { "entity", 0, 0, G_OPTION_ARG_STRING, &entity, N_("the kind of record (workplace, measurement, …)"), "KIND" },
    { "id", 0, 0, G_OPTION_ARG_INT64, &id, N_("the record's number"), "N" },
    { "workplace", 0, 0, G_OPTION_ARG_STRING, &code, N_("a workplace by its code"), "CODE" },
    { "no-children", 0, 0, G_OPTION_ARG_NONE, &no_children, N_("without the records that belong to it"), NULL },
    { NULL }
  };

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (argc > 1)
    return cli_usage (ctx, _("unexpected argument “%s”"), argv[1]);
  if (code == NULL && (entity == NULL || id <= 0))
    return cli_usage (ctx, _("history needs --entity KIND --id N, or --workplace CODE"));
  db = open_db (ctx);
  if (db == NULL)
    return no_db (ctx);
  if (code != NULL)
    {
      id = kepil_entity_find (db, "workplace", "code", code, &error);
      if (id == 0)
        {
          if (error == NULL)
            g_set_error (&error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                         _("There is no workplace with code “%s” in this database."), code);
          return cli_fail (ctx, error);
        }
      g_free (entity);
      entity = g_strdup ("workplace");
    }
  h = kepil_audit_history (db, entity, id, !no_children, &error);
  if (h == NULL)
    return cli_fail (ctx, error);
  if (ctx->json)
    {
      print_array (h);
      return CLI_OK;
    }
  if (json_array_get_length (h) == 0)
    g_print ("%s\n", _("No changes are recorded for this record."));
  for (guint i = 0; i < json_array_get_length (h); i++)
    {
      JsonObject *e = json_array_get_object_element (h, i);
      const char *at = kepil_json_str (e, "at", "");
      g_autofree char *day = g_strndup (at, 10);
      g_autofree char *date = kepil_format_date (day);
      g_autofree char *time = strlen (at) >= 16 ? g_strndup (at + 11, 5) : g_strdup ("");
      const char *action = kepil_json_str (e, "action", "");

      g_print ("%s %s UTC  %-16s %-8s %s %ld", date, time, kepil_json_str (e, "who", ""), action,
               kepil_json_str (e, "entity", ""), kepil_json_int (e, "entity_id", 0));
      if (g_str_equal (action, "update"))
        g_print ("  %s: %s → %s", kepil_json_str (e, "field", ""), kepil_json_str (e, "old_value", "∅"),
                 kepil_json_str (e, "new_value", "∅"));
      g_print ("\n");
    }
  return CLI_OK;
}

/* ---- backup ------------------------------------------------------------------------- */

int
cli_cmd_backup (CliContext *ctx, int argc, char **argv)
{
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  const char *sub;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("a word naming the backup"), "WORD" },
    { NULL }
  };

  if (!cli_parse_options (ctx, entries, "list|make|restore FILE", &argc, &argv))
    return CLI_USAGE;
  sub = argc > 1 ? argv[1] : NULL;
  if (sub == NULL || (!g_str_equal (sub, "list") && !g_str_equal (sub, "make") && !g_str_equal (sub, "restore")))
    return cli_usage (ctx, _("backup needs list, make or restore FILE"));
  if (g_str_equal (sub, "restore") ? argc != 3 : argc != 2)
    return cli_usage (ctx, _("backup needs list, make or restore FILE"));
  db = open_db (ctx);
  if (db == NULL)
    return no_db (ctx);
  if (g_str_equal (sub, "list"))
    {
      g_autoptr (GPtrArray) all = kepil_db_list_backups (db);
      if (ctx->json)
        {
          g_autoptr (JsonArray) a = json_array_new ();
          for (guint i = 0; i < all->len; i++)
            json_array_add_string_element (a, g_ptr_array_index (all, i));
          print_array (a);
        }
      else if (all->len == 0)
        g_print ("%s\n", _("No backups yet."));
      else
        for (guint i = 0; i < all->len; i++)
          g_print ("%s\n", (const char *) g_ptr_array_index (all, i));
    }
  else if (g_str_equal (sub, "make"))
    {
      g_autofree char *path = NULL;
      if (reason != NULL && (strpbrk (reason, "/\\") != NULL || *reason == '\0'))
        return cli_usage (ctx, _("--reason must be one word"));
      path = kepil_db_backup (db, reason ? reason : "manual", &error);
      if (path == NULL)
        return cli_fail (ctx, error);
      if (ctx->json)
        {
          g_autoptr (JsonObject) o = json_object_new ();
          json_object_set_string_member (o, "path", path);
          print_object (o);
        }
      else
        g_print (_("Backup written: %s\n"), path);
    }
  else
    {
      /* As the window does: the present state is kept in a backup first, so a restore can be undone. */
      g_autofree char *saved = NULL;
      if (!kepil_db_restore_backup_safely (db, argv[2], &saved, &error))
        return cli_fail (ctx, error);
      if (ctx->json)
        {
          g_autoptr (JsonObject) o = json_object_new ();
          json_object_set_string_member (o, "restored", argv[2]);
          if (saved != NULL)
            json_object_set_string_member (o, "saved", saved);
          print_object (o);
        }
      else
        {
          g_print (_("The database was restored from %s.\n"), argv[2]);
          if (saved != NULL)
            g_print (_("The state before the restore is kept in %s.\n"), saved);
        }
    }
  return CLI_OK;
}
