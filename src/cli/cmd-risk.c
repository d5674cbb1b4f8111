/* cmd-risk.c — kepil-cli risk, evaluate (full), whatif, methodology
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "cli-common.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-evaluate.h"
#include "kepil-format.h"
#include "kepil-json.h"
#include "kepil-methodology.h"
#include "kepil-risk.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int cli_cmd_risk (CliContext *ctx, int argc, char **argv);
int cli_evaluate_full (CliContext *ctx, int argc, char **argv);
int cli_cmd_whatif (CliContext *ctx, int argc, char **argv);
int cli_cmd_methodology (CliContext *ctx, int argc, char **argv);
void cli_print_json_object_streamed (JsonObject *o);

static void
print_object (JsonObject *o)
{
  g_autoptr (JsonNode) n = json_node_init_object (json_node_alloc (), o);
  cli_print_json (n);
}

/* A JSON writer giving the same text as json-glib's pretty generator (indent 2), without building the text
 * of a whole workplace first: the generator copies its root and grows one string per call. */
static void
out_escaped (GString *b, const char *s)
{
  const unsigned char *p = (const unsigned char *) s;

  for (;;)
    {
      const unsigned char *run = p;
      /* Copy the run of characters that need no escape at once.  As json-glib 1.6 does: 0x01–0x1e and
       * 0x7f are escaped, 0x1f is not. */
      while ((*p >= 0x1f && *p != 0x7f && *p != '"' && *p != '\\'))
        p++;
      if (p > run)
        g_string_append_len (b, (const char *) run, (gssize) (p - run));
      switch (*p)
        {
        case '\0': return;
        case '"': g_string_append (b, "\\\""); break;
        case '\\': g_string_append (b, "\\\\"); break;
        case '\b': g_string_append (b, "\\b"); break;
        case '\f': g_string_append (b, "\\f"); break;
        case '\n': g_string_append (b, "\\n"); break;
        case '\r': g_string_append (b, "\\r"); break;
        case '\t': g_string_append (b, "\\t"); break;
        default: g_string_append_printf (b, "\\u%04x", *p); break;
        }
      p++;
    }
}

static void
out_indent (GString *b, int level)
{
  for (int i = 0; i < level * 2; i++)
    g_string_append_c (b, ' ');
}

static void
out_node (GString *b, JsonNode *n, int level)
{
  switch (JSON_NODE_TYPE (n))
    {
    case JSON_NODE_NULL:
      g_string_append (b, "null");
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (n))
        {
        case G_TYPE_INT64:
          g_string_append_printf (b, "%" G_GINT64_FORMAT, json_node_get_int (n));
          break;
        case G_TYPE_DOUBLE:
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];
            g_ascii_dtostr (buf, sizeof buf, json_node_get_double (n));
            g_string_append (b, buf);
            if (strchr (buf, '.') == NULL && strchr (buf, 'e') == NULL && strchr (buf, 'E') == NULL)
              g_string_append (b, ".0");
          }
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (b, json_node_get_boolean (n) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          g_string_append_c (b, '"');
          out_escaped (b, json_node_get_string (n));
          g_string_append_c (b, '"');
          break;
        default:
          g_string_append (b, "null");
          break;
        }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (n);
        guint len = json_array_get_length (a);
        g_string_append_c (b, '[');
        if (len == 0)
          {
            g_string_append_c (b, ']');
            break;
          }
        g_string_append_c (b, '\n');
        for (guint i = 0; i < len; i++)
          {
            out_indent (b, level + 1);
            out_node (b, json_array_get_element (a, i), level + 1);
            if (i + 1 < len)
              g_string_append_c (b, ',');
            g_string_append_c (b, '\n');
            if (b->len >= (1 << 16))
              {
                /* Written as it goes: the text of a large document is never held whole. */
                fwrite (b->str, 1, b->len, stdout);
                g_string_truncate (b, 0);
              }
          }
        out_indent (b, level);
        g_string_append_c (b, ']');
      }
      break;
    case JSON_NODE_OBJECT:
      {
        JsonObject *o = json_node_get_object (n);
        JsonObjectIter it;
        const char *name;
        JsonNode *m;
        guint left = json_object_get_size (o);
        g_string_append_c (b, '{');
        if (left > 0)
          g_string_append_c (b, '\n');
        json_object_iter_init_ordered (&it, o);
        while (json_object_iter_next_ordered (&it, &name, &m))
          {
            out_indent (b, level + 1);
            g_string_append_c (b, '"');
            out_escaped (b, name);
            g_string_append (b, "\" : ");
            out_node (b, m, level + 1);
            if (--left > 0)
              g_string_append_c (b, ',');
            g_string_append_c (b, '\n');
          }
        out_indent (b, level);    /* json-glib writes an empty object as "{  }" at level 1 */
        g_string_append_c (b, '}');
      }
      break;
    }
}

/* Prints @o exactly as cli_print_json() would (json-glib's pretty text, indent 2), written as it goes:
 * an evaluation of 20,000 workplaces is hundreds of MB of text. Also used by evaluate classes and list. */
void
cli_print_json_object_streamed (JsonObject *o)
{
  GString *b = g_string_sized_new (1 << 17);
  g_autoptr (JsonNode) n = json_node_init_object (json_node_alloc (), o);

  out_node (b, n, 0);
  g_string_append_c (b, '\n');
  fwrite (b->str, 1, b->len, stdout);
  g_string_free (b, TRUE);
}

static const char *
level_text (const char *key)
{
  if (g_strcmp0 (key, "low") == 0) return _("low");
  if (g_strcmp0 (key, "medium") == 0) return _("medium");
  if (g_strcmp0 (key, "high") == 0) return _("high");
  if (g_strcmp0 (key, "very_high") == 0) return _("very high");
  return key;
}

/* A number for people: decimal comma. */
static char *
num (double v, int decimals)
{
  return kepil_format_number (v, decimals);
}

int
cli_cmd_risk (CliContext *ctx, int argc, char **argv)
{
  const char *opt_names[] = { "--B", "--T", "--Ob", "--PPE", "--Z" };
  char *text[5] = { NULL };
  char *methodology = NULL;
  double v[5] = { 0 };
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r = NULL;
  GOptionEntry entries[] = {
    { "B", 0, 0, G_OPTION_ARG_STRING, &text[0], N_("harmfulness score В (0–5)"), "B" },
    { "T", 0, 0, G_OPTION_ARG_STRING, &text[1], N_("injury hazard score Т (0–5)"), "T" },
    { "Ob", 0, 0, G_OPTION_ARG_STRING, &text[2], N_("equipment safety score Об (0–5)"), "OB" },
    { "PPE", 0, 0, G_OPTION_ARG_STRING, &text[3], N_("PPE provision score СИЗ (0–5)"), "PPE" },
    { "Z", 0, 0, G_OPTION_ARG_STRING, &text[4], N_("morbidity score З (0–5)"), "Z" },
    { "methodology", 0, 0, G_OPTION_ARG_STRING, &methodology, N_("methodology (default: KZ-RISK default)"), "NAME" },
    { NULL }
  };
  int rc = CLI_OK;

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (argc > 1)
    {
      rc = cli_usage (ctx, _("unexpected argument “%s”"), argv[1]);
      goto out;
    }
  for (guint i = 0; i < 5; i++)
    {
      if (text[i] == NULL)
        {
          rc = cli_usage (ctx, _("%s is needed"), opt_names[i]);
          goto out;
        }
      if (!kepil_parse_number (text[i], opt_names[i], &v[i], &error))
        {
          rc = cli_usage (ctx, "%s", error->message);
          goto out;
        }
    }
  if (ctx->db_path != NULL)
    {
      db = cli_open_db (ctx, FALSE);
      if (db == NULL)
        {
          rc = CLI_FAIL;
          goto out;
        }
    }
  r = kepil_risk_compute (db, methodology, v[0], v[1], v[2], v[3], v[4], &error);
  if (r == NULL)
    {
      rc = g_error_matches (error, KEPIL_ERROR, KEPIL_ERROR_INVALID) ? cli_usage (ctx, "%s", error->message)
                                                                     : cli_fail (ctx, error);
      goto out;
    }
  /* Nine decimals hide the binary noise of 0.7·5/2 without hiding anything real. */
  json_object_set_double_member (r, "r_ind", round (json_object_get_double_member (r, "r_ind") * 1e9) / 1e9);
  if (ctx->json)
    print_object (r);
  else
    {
      JsonObject *mo = json_object_get_object_member (r, "methodology");
      g_autofree char *s = num (json_object_get_double_member (r, "r_ind"), 4);
      g_print (_("R_ind = %s, risk level: %s (methodology %s v%ld)\n"), s,
               level_text (kepil_json_str (r, "level", "")), kepil_json_str (mo, "name", ""),
               kepil_json_int (mo, "version", 0));
    }
out:
  for (guint i = 0; i < 5; i++)
    g_free (text[i]);
  g_free (methodology);
  return rc;
}

static void
print_costs_line (const char *label, JsonObject *costs)
{
  JsonObject *l = json_object_get_object_member (costs, "list");
  JsonObject *m = json_object_get_object_member (costs, "model");
  g_autofree char *a = num (kepil_json_double (l, "total", 0), 0);
  g_autofree char *b = num (kepil_json_double (m, "total", 0), 0);
  g_autofree char *d = num (kepil_json_double (costs, "difference", 0), 0);
  g_print (_("%sYearly cost: List %s, model %s, difference %s tenge\n"), label, a, b, d);
}

static void
print_evaluation (JsonObject *r)
{
  JsonArray *ents = json_object_get_array_member (r, "enterprises");
  JsonArray *wps = json_object_get_array_member (r, "workplaces");
  JsonObject *mo = json_object_get_object_member (r, "methodology");
  JsonObject *ns = json_object_get_object_member (r, "norm_set");
  JsonObject *avail = json_object_has_member (r, "available") ? json_object_get_object_member (r, "available") : NULL;

  g_print (_("Methodology %s v%ld, norm set %s"), kepil_json_str (mo, "name", ""),
           kepil_json_int (mo, "version", 0), kepil_json_str (ns, "name", ""));
  if (kepil_json_int (ns, "version", 0) > 0)
    g_print (" v%ld", kepil_json_int (ns, "version", 0));
  if (kepil_json_int (r, "run_id", 0) > 0)
    g_print (_(", stored as run %ld"), kepil_json_int (r, "run_id", 0));
  g_print ("\n");
  if (avail && kepil_json_str (avail, "note", NULL))
    g_print ("%s\n", kepil_json_str (avail, "note", ""));
  for (guint i = 0; i < json_array_get_length (ents); i++)
    {
      JsonObject *e = json_array_get_object_element (ents, i);
      JsonObject *hc = json_object_get_object_member (e, "headcounts");
      JsonArray *flags = json_object_get_array_member (e, "flags");
      g_autofree char *p1 = num (kepil_json_double (e, "p1", 0), 2);
      g_autofree char *p2 = num (kepil_json_double (e, "p2", 0), 2);
      g_autofree char *p3 = num (kepil_json_double (e, "p3", 0), 2);
      g_autofree char *p = num (kepil_json_double (e, "p", 0), 2);

      g_print ("\n%s\n", kepil_json_str (e, "name_ru", ""));
      g_print (_("  П1 %s + П2 %s + П3 %s = П %s, level: %s\n"), p1, p2, p3, p, level_text (kepil_json_str (e, "level", "")));
      g_print (_("  Workers per guarantee (List): leave %ld, pay %ld, ОППВ %ld"
                 ", milk %ld, ЛПП %ld, shorter week %ld\n"),
               kepil_json_int (hc, "leave", 0), kepil_json_int (hc, "pay", 0), kepil_json_int (hc, "oppv", 0),
               kepil_json_int (hc, "milk", 0), kepil_json_int (hc, "lpp", 0), kepil_json_int (hc, "hours", 0));
      print_costs_line ("  ", json_object_get_object_member (e, "costs"));
      for (guint f = 0; f < json_array_get_length (flags); f++)
        g_print ("  ! %s\n", kepil_json_str (json_array_get_object_element (flags, f), "text", ""));
    }
  g_print ("\n");
  for (guint i = 0; i < json_array_get_length (wps); i++)
    {
      JsonObject *w = json_array_get_object_element (wps, i);
      JsonObject *cls = json_object_get_member (w, "classes") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (w, "classes"))
                        ? json_object_get_object_member (w, "classes") : NULL;
      JsonArray *rows = json_object_get_array_member (w, "comparison");
      JsonArray *flags = json_object_get_array_member (w, "flags");
      g_autofree char *rr = num (kepil_json_double (w, "r_ind", 0), 2);
      g_autoptr (GString) codes = g_string_new (NULL);

      g_print (_("%s  %s  class %s  R_ind %s (%s)\n"), kepil_json_str (w, "code", ""), kepil_json_str (w, "profession", ""),
               kepil_json_str (cls, "overall", "—"), rr, level_text (kepil_json_str (w, "level", "")));
      for (guint k = 0; k < json_array_get_length (rows); k++)
        {
          JsonObject *row = json_array_get_object_element (rows, k);
          JsonNode *ln = json_object_get_member (row, "list");
          JsonNode *mn = json_object_get_member (row, "model");
          g_autofree char *ls = json_node_get_value_type (ln) == G_TYPE_BOOLEAN
                                ? g_strdup (json_node_get_boolean (ln) ? _("yes") : _("no")) : num (json_node_get_double (ln), 2);
          g_autofree char *ms = json_node_get_value_type (mn) == G_TYPE_BOOLEAN
                                ? g_strdup (json_node_get_boolean (mn) ? _("yes") : _("no")) : num (json_node_get_double (mn), 2);
          g_print ("    %-16s %8s | %8s\n", kepil_json_str (row, "kind", ""), ls, ms);
        }
      print_costs_line ("    ", json_object_get_object_member (w, "costs"));
      for (guint f = 0; f < json_array_get_length (flags); f++)
        g_string_append_printf (codes, "%s%s", codes->len ? ", " : "",
                                kepil_json_str (json_array_get_object_element (flags, f), "code", ""));
      if (codes->len)
        g_print (_("    flags: %s\n"), codes->str);
    }
}

int
cli_evaluate_full (CliContext *ctx, int argc, char **argv)
{
  char *norm_set = NULL, *methodology = NULL;
  gboolean no_save = FALSE, runs = FALSE;
  gint64 run = 0, reproduce = 0;
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r = NULL;
  GOptionEntry entries[] = {
    { "norm-set", 0, 0, G_OPTION_ARG_STRING, &norm_set, N_("norm set (default: the enterprise's)"), "NAME" },
    { "methodology", 0, 0, G_OPTION_ARG_STRING, &methodology, N_("methodology (default: the enterprise's)"), "NAME" },
    { "no-save", 0, 0, G_OPTION_ARG_NONE, &no_save, N_("do not store the run"), NULL },
    { "runs", 0, 0, G_OPTION_ARG_NONE, &runs, N_("list the stored runs"), NULL },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run, N_("show a stored run as it was computed"), "ID" },
    { "reproduce", 0, 0, G_OPTION_ARG_INT64, &reproduce, N_("compute a stored run again with its recorded versions"), "ID" },
    { NULL }
  };
  int rc = CLI_OK;

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (argc > 1)
    {
      rc = cli_usage (ctx, _("unexpected argument “%s”"), argv[1]);
      goto out;
    }
  db = cli_open_db (ctx, FALSE);
  if (db == NULL)
    {
      rc = ctx->db_path ? CLI_FAIL : CLI_USAGE;
      goto out;
    }
  if (runs)
    {
      g_autoptr (GPtrArray) list = kepil_evaluate_list_runs (db, &error);
      if (list == NULL)
        {
          rc = cli_fail (ctx, error);
          goto out;
        }
      if (ctx->json)
        {
          g_autoptr (JsonNode) n = kepil_json_array_of_objects (list);
          cli_print_json (n);
        }
      else
        for (guint i = 0; i < list->len; i++)
          {
            JsonObject *o = g_ptr_array_index (list, i);
            g_print (_("%ld  %s  %s  methodology %s v%ld, norm set %s, %ld"
                       " workplaces\n"), kepil_json_int (o, "id", 0), kepil_json_str (o, "computed_at", ""),
                     kepil_json_str (o, "user", ""), kepil_json_str (o, "methodology", ""),
                     kepil_json_int (o, "methodology_version", 0), kepil_json_str (o, "norm_set", ""),
                     kepil_json_int (o, "workplaces", 0));
          }
      goto out;
    }
  if (run > 0)
    r = kepil_evaluate_load_run (db, run, &error);
  else if (reproduce > 0)
    r = kepil_evaluate_reproduce (db, reproduce, &error);
  else
    {
      gboolean save = !no_save;
      if (save && !kepil_db_check_writable (db, FALSE, NULL))
        {
          g_printerr ("%s\n", _("kepil-cli: the run is not stored: this role or file cannot write."));
          save = FALSE;
        }
      r = kepil_evaluate_database (db, norm_set, methodology, save, NULL, NULL, NULL, &error);
    }
  if (r == NULL)
    {
      rc = cli_fail (ctx, error);
      goto out;
    }
  if (ctx->json)
    cli_print_json_object_streamed (r);
  else
    print_evaluation (r);
  cli_keep_until_exit (g_steal_pointer (&r), (GDestroyNotify) json_object_unref);
out:
  g_free (norm_set);
  g_free (methodology);
  return rc;
}

int
cli_cmd_whatif (CliContext *ctx, int argc, char **argv)
{
  char *code = NULL;
  char **sets = NULL;
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonObject) r = NULL;
  GOptionEntry entries[] = {
    { "workplace", 0, 0, G_OPTION_ARG_STRING, &code, N_("the workplace's code"), "CODE" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("INPUT=VALUE: B, T, Ob, PPE, Z, ppe_pct, measurement:ID, checklist:Q"),
      "INPUT=VALUE" },
    { NULL }
  };
  gint64 id;
  int rc = CLI_OK;

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return CLI_USAGE;
  if (argc > 1)
    {
      rc = cli_usage (ctx, _("unexpected argument “%s”"), argv[1]);
      goto out;
    }
  if (code == NULL)
    {
      rc = cli_usage (ctx, _("--workplace CODE is needed"));
      goto out;
    }
  for (guint i = 0; sets && sets[i]; i++)
    {
      const char *eq = strchr (sets[i], '=');
      g_autofree char *key = NULL;
      double v;
      if (eq == NULL || eq == sets[i])
        {
          rc = cli_usage (ctx, _("--set needs INPUT=VALUE, not “%s”"), sets[i]);
          goto out;
        }
      key = g_strndup (sets[i], eq - sets[i]);
      if (!kepil_parse_number (eq + 1, key, &v, &error))
        {
          rc = cli_usage (ctx, "%s", error->message);
          goto out;
        }
      json_object_set_double_member (changes, key, v);
    }
  db = cli_open_db (ctx, FALSE);
  if (db == NULL)
    {
      rc = ctx->db_path ? CLI_FAIL : CLI_USAGE;
      goto out;
    }
  id = kepil_entity_find (db, "workplace", "code", code, &error);
  if (id <= 0)
    {
      if (error == NULL)
        g_set_error (&error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND, _("There is no workplace with the code “%s”."), code);
      rc = cli_fail (ctx, error);
      goto out;
    }
  r = kepil_whatif (db, id, changes, &error);
  if (r == NULL)
    {
      rc = g_error_matches (error, KEPIL_ERROR, KEPIL_ERROR_INVALID) ? cli_usage (ctx, "%s", error->message)
                                                                     : cli_fail (ctx, error);
      goto out;
    }
  if (ctx->json)
    print_object (r);
  else
    {
      JsonObject *pkg = json_object_get_object_member (r, "package");
      JsonObject *e = json_object_has_member (r, "enterprise") ? json_object_get_object_member (r, "enterprise") : NULL;
      g_autofree char *rr = num (kepil_json_double (r, "r_ind", 0), 2);
      g_autoptr (GList) kinds = json_object_get_members (pkg);

      g_print (_("%s  %s: R_ind %s, level %s (nothing was saved)\n"), kepil_json_str (r, "code", ""),
               kepil_json_str (r, "profession", ""), rr, level_text (kepil_json_str (r, "level", "")));
      for (GList *l = kinds; l; l = l->next)
        {
          JsonObject *k = json_object_get_object_member (pkg, l->data);
          JsonNode *v = json_object_get_member (k, "value");
          g_autofree char *vs = json_node_get_value_type (v) == G_TYPE_BOOLEAN
                                ? g_strdup (json_node_get_boolean (v) ? _("yes") : _("no")) : num (json_node_get_double (v), 2);
          g_print ("  %-16s %8s  %s\n", (char *) l->data, vs, kepil_json_str (k, "rule", ""));
        }
      print_costs_line ("  ", json_object_get_object_member (r, "costs"));
      if (e)
        {
          g_autofree char *p = num (kepil_json_double (e, "p", 0), 2);
          g_print (_("  Enterprise П %s, level %s\n"), p, level_text (kepil_json_str (e, "level", "")));
        }
    }
out:
  g_free (code);
  g_strfreev (sets);
  return rc;
}

/* A --set value: a number (decimal comma allowed), true/false, JSON, or text. */
static JsonNode *
parse_setting (const char *text)
{
  double v;
  g_autoptr (JsonParser) p = json_parser_new ();

  if (kepil_parse_number (text, "value", &v, NULL))
    {
      JsonNode *n = json_node_new (JSON_NODE_VALUE);
      if (v == floor (v) && fabs (v) < 1e15 && strpbrk (text, ".,eE") == NULL)
        json_node_set_int (n, (gint64) v);
      else
        json_node_set_double (n, v);
      return n;
    }
  if (json_parser_load_from_data (p, text, -1, NULL) && json_parser_get_root (p) != NULL)
    return json_node_copy (json_parser_get_root (p));
  {
    JsonNode *n = json_node_new (JSON_NODE_VALUE);
    json_node_set_string (n, text);
    return n;
  }
}

int
cli_cmd_methodology (CliContext *ctx, int argc, char **argv)
{
  char *to = NULL;
  char **sets = NULL;
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("name of the copy"), "NEW" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("PATH=VALUE to change in the copy, e.g. package.kinds.leave_days.high=18"),
      "PATH=VALUE" },
    { NULL }
  };
  const char *sub;
  int rc = CLI_OK;

  if (!cli_parse_options (ctx, entries, "list|show NAME|copy NAME --to NEW", &argc, &argv))
    return CLI_USAGE;
  sub = argc > 1 ? argv[1] : "list";
  if (ctx->db_path != NULL)
    {
      db = cli_open_db (ctx, FALSE);
      if (db == NULL)
        {
          rc = CLI_FAIL;
          goto out;
        }
    }
  if (g_str_equal (sub, "list"))
    {
      g_autoptr (GPtrArray) list = kepil_methodology_list (db, &error);
      if (list == NULL)
        {
          rc = cli_fail (ctx, error);
          goto out;
        }
      if (ctx->json)
        {
          g_autoptr (JsonNode) n = kepil_json_array_of_objects (list);
          cli_print_json (n);
        }
      else
        for (guint i = 0; i < list->len; i++)
          {
            JsonObject *o = g_ptr_array_index (list, i);
            const char *parent = kepil_json_str (o, "parent", "");
            if (*parent)
              g_print (_("%s (copied from %s)\n"), kepil_json_str (o, "label", ""), parent);
            else
              g_print ("%s\n", kepil_json_str (o, "label", ""));
          }
    }
  else if (g_str_equal (sub, "show"))
    {
      g_autoptr (KepilMethodology) m = kepil_methodology_load (db, argc > 2 ? argv[2] : NULL, &error);
      if (m == NULL)
        {
          rc = cli_fail (ctx, error);
          goto out;
        }
      if (ctx->json)
        print_object (m->json);
      else
        {
          g_autofree char *label = kepil_methodology_label (m);
          g_autofree char *w1 = num (m->w_harm_injury, 3);
          g_autofree char *w2 = num (m->w_equipment_ppe, 3);
          g_autofree char *w3 = num (m->w_morbidity, 3);
          JsonArray *cl = json_object_get_array_member (m->json, "checklist");
          const char *lang = kepil_i18n_language ();

          g_print ("%s\n%s\n", label, kepil_json_str (m->json, "status", ""));
          g_print (_("R_ind = %s·(В+Т)/2 + %s·(Об+СИЗ)/2 + %s·З\n"), w1, w2, w3);
          g_print ("%s\n", _("Levels of R_ind:"));
          for (guint i = 0; i < m->levels->len; i++)
            {
              const KepilLevel *l = &g_array_index (m->levels, KepilLevel, i);
              g_autofree char *mn = num (l->min, 3);
              g_print ("  %-14s ≥ %s\n", kepil_methodology_level_text (m, l->key, FALSE, lang), mn);
            }
          g_print ("%s\n", _("Levels of П:"));
          for (guint i = 0; i < m->enterprise_levels->len; i++)
            {
              const KepilLevel *l = &g_array_index (m->enterprise_levels, KepilLevel, i);
              g_autofree char *mn = num (l->min, 3);
              g_print ("  %-14s ≥ %s\n", kepil_methodology_level_text (m, l->key, TRUE, lang), mn);
            }
          g_print ("%s\n", _("Checklist of П3:"));
          for (guint i = 0; i < json_array_get_length (cl); i++)
            {
              JsonObject *q = json_array_get_object_element (cl, i);
              g_print ("  %2ld. %s\n", kepil_json_int (q, "n", i + 1), kepil_json_str (q, lang, ""));
            }
        }
    }
  else if (g_str_equal (sub, "copy"))
    {
      g_autoptr (JsonObject) edits = json_object_new ();
      g_autofree char *label = NULL;
      if (argc < 3 || to == NULL)
        {
          rc = cli_usage (ctx, _("methodology copy needs NAME and --to NEW"));
          goto out;
        }
      if (db == NULL)
        {
          rc = cli_usage (ctx, _("this command needs --db FILE"));
          goto out;
        }
      for (guint i = 0; sets && sets[i]; i++)
        {
          const char *eq = strchr (sets[i], '=');
          g_autofree char *key = NULL;
          if (eq == NULL || eq == sets[i])
            {
              rc = cli_usage (ctx, _("--set needs PATH=VALUE, not “%s”"), sets[i]);
              goto out;
            }
          key = g_strndup (sets[i], eq - sets[i]);
          json_object_set_member (edits, key, parse_setting (eq + 1));
        }
      if (!kepil_methodology_copy (db, argv[2], to, edits, &label, &error))
        {
          rc = cli_fail (ctx, error);
          goto out;
        }
      if (ctx->json)
        {
          g_autoptr (KepilMethodology) m = kepil_methodology_load (db, label, &error);
          JsonObject *o = json_object_new ();
          json_object_set_string_member (o, "label", label);
          json_object_set_string_member (o, "name", m ? m->name : to);
          json_object_set_int_member (o, "version", m ? m->version : 0);
          print_object (o);
          json_object_unref (o);
        }
      else
        g_print (_("Methodology %s was made.\n"), label);
    }
  else
    rc = cli_usage (ctx, _("methodology needs list, show or copy, not “%s”"), sub);
out:
  g_free (to);
  g_strfreev (sets);
  return rc;
}
