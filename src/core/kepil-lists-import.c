/* kepil-lists-import.c — loading a full official List: the act's HTML page, the documented CSV, a synthetic list
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every entry is validated before anything is written (unknown section, duplicate
 * item, leave days outside the act's values, hours above the normal week), and the
 * whole list is stored in one transaction: all or nothing.  Errors name the file
 * and the line.  The CSV format is described in docs/lists-csv.md.
 */
#include "kepil-config.h"
#include "kepil-lists.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

/* ---- CSV ---------------------------------------------------------------------------- */

void
kepil_csv_row_free (KepilCsvRow *r)
{
  if (r == NULL)
    return;
  g_strfreev (r->fields);
  g_free (r);
}

GPtrArray *
kepil_lists_csv_read (const char *text, gsize len, const char *file_label, GError **error)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kepil_csv_row_free);
  const char *p = text, *end = text + len;
  guint line = 1;

  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  if (!g_utf8_validate (p, (gssize) (end - p), NULL))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("%s is not UTF-8 text; save it as CSV UTF-8."), file_label);
      g_ptr_array_unref (rows);
      return NULL;
    }
  while (p < end)
    {
      GPtrArray *fields;
      GString *cur = g_string_new (NULL);
      guint start_line = line;
      gboolean blank = TRUE;

      if (*p == '#')
        {
          while (p < end && *p != '\n')
            p++;
          p++;
          line++;
          g_string_free (cur, TRUE);
          continue;
        }
      fields = g_ptr_array_new ();
      for (;;)
        {
          if (p < end && *p == '"')
            {
              p++;
              blank = FALSE;
              for (;;)
                {
                  if (p >= end)
                    {
                      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                                   _("%s, line %u: a quoted field is not closed."), file_label, start_line);
                      g_string_free (cur, TRUE);
                      g_ptr_array_add (fields, NULL);
                      g_strfreev ((char **) g_ptr_array_free (fields, FALSE));
                      g_ptr_array_unref (rows);
                      return NULL;
                    }
                  if (*p == '"' && p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (cur, '"');
                      p += 2;
                    }
                  else if (*p == '"')
                    {
                      p++;
                      break;
                    }
                  else
                    {
                      if (*p == '\n')
                        line++;
                      g_string_append_c (cur, *p++);
                    }
                }
            }
          while (p < end && *p != ',' && *p != '\n' && *p != '\r')
            {
              blank = FALSE;
              g_string_append_c (cur, *p++);
            }
          g_ptr_array_add (fields, g_string_free (cur, FALSE));
          cur = NULL;
          if (p < end && *p == ',')
            {
              p++;
              blank = FALSE;
              cur = g_string_new (NULL);
              continue;
            }
          if (p < end && *p == '\r')
            p++;
          if (p < end && *p == '\n')
            p++;
          line++;
          break;
        }
      g_ptr_array_add (fields, NULL);
      if (blank)
        g_strfreev ((char **) g_ptr_array_free (fields, FALSE));
      else
        {
          KepilCsvRow *r = g_new0 (KepilCsvRow, 1);
          r->line = start_line;
          r->fields = (char **) g_ptr_array_free (fields, FALSE);
          for (guint i = 0; r->fields[i]; i++)
            g_strstrip (r->fields[i]);
          g_ptr_array_add (rows, r);
        }
    }
  return rows;
}

/* ---- validation ---------------------------------------------------------------------- */

typedef struct {
  const char  *list;
  const char  *file;
  GHashTable  *sections;    /* section → KepilListSection* */
  GHashTable  *seen;        /* "section\x1fitem" → line */
  GArray      *allowed;     /* int leave days */
  double       max_hours;
  GPtrArray   *entries;
} Validator;

static void
validator_init (Validator *v, const char *list, const char *file, GHashTable *sections)
{
  JsonNode *allowed = kepil_lists_rule ("allowed_leave_days");
  JsonNode *maxh = kepil_lists_rule ("max_hours_per_week");

  v->list = list;
  v->file = file;
  v->sections = sections;
  v->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v->allowed = g_array_new (FALSE, FALSE, sizeof (int));
  if (allowed && JSON_NODE_HOLDS_ARRAY (allowed))
    {
      JsonArray *a = json_node_get_array (allowed);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          int d = (int) json_array_get_int_element (a, i);
          g_array_append_val (v->allowed, d);
        }
    }
  v->max_hours = maxh ? json_node_get_double (maxh) : 0;
  v->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) kepil_list_entry_free);
}

static void
validator_clear (Validator *v)
{
  g_hash_table_unref (v->seen);
  g_array_unref (v->allowed);
  g_clear_pointer (&v->entries, g_ptr_array_unref);
}

static GPtrArray *
validator_steal (Validator *v)
{
  GPtrArray *e = g_steal_pointer (&v->entries);
  validator_clear (v);
  return e;
}

/* Checks one entry and takes it.  @leave and @hours are the texts of the cells. */
static gboolean
validator_add (Validator *v, KepilListEntry *e, const char *leave, const char *hours, const char *share,
               GError **error)
{
  KepilListSection *sec;
  g_autofree char *key = NULL;
  gpointer first;

  e->list = g_strdup (v->list);
  if (e->section == NULL || (sec = g_hash_table_lookup (v->sections, e->section)) == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("%s, line %u: unknown section “%s” of the list %s."), v->file, e->line,
                   e->section ? e->section : "", v->list);
      goto fail;
    }
  e->general = e->general || sec->general;
  if (e->item == NULL || e->item[0] == '\0')
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s, line %u: the item number is empty."),
                   v->file, e->line);
      goto fail;
    }
  if (e->name_ru == NULL || e->name_ru[0] == '\0')
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s, line %u: the name is empty."), v->file, e->line);
      goto fail;
    }
  key = g_strconcat (e->section, "\x1f", e->item, NULL);
  if (g_hash_table_lookup_extended (v->seen, key, NULL, &first))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("%s, line %u: duplicate item “%s” in section “%s” (already on line %u)."), v->file, e->line,
                   e->item, e->section, GPOINTER_TO_UINT (first));
      goto fail;
    }
  if (leave != NULL && leave[0] != '\0')
    {
      double d;
      gboolean ok = FALSE;
      g_autoptr (GError) perr = NULL;
      if (!kepil_parse_number (leave, _("leave days"), &d, &perr))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s, line %u: %s"), v->file, e->line, perr->message);
          goto fail;
        }
      for (guint i = 0; i < v->allowed->len; i++)
        if (d == g_array_index (v->allowed, int, i))
          ok = TRUE;
      if (!ok)
        {
          g_autoptr (GString) values = g_string_new (NULL);
          for (guint i = 0; i < v->allowed->len; i++)
            g_string_append_printf (values, "%s%d", i ? ", " : "", g_array_index (v->allowed, int, i));
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("%s, line %u: %s days of additional leave is not a value of the act (%s)."),
                       v->file, e->line, leave, values->str);
          goto fail;
        }
      e->leave_days = (int) d;
    }
  if (hours != NULL && hours[0] != '\0')
    {
      double h;
      g_autoptr (GError) perr = NULL;
      if (!kepil_parse_number (hours, _("hours per week"), &h, &perr))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("%s, line %u: %s"), v->file, e->line, perr->message);
          goto fail;
        }
      if (h <= 0 || (v->max_hours > 0 && h > v->max_hours))
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("%s, line %u: %s hours per week is above the normal working week."), v->file, e->line, hours);
          goto fail;
        }
      e->hours_per_week = h;
    }
  if (share != NULL && share[0] != '\0')
    {
      double s;
      g_autoptr (GError) perr = NULL;
      if (!kepil_parse_number (share, _("share of working time"), &s, &perr) || s <= 0 || s > 100)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("%s, line %u: the share of working time “%s” must be a percent between 0 and 100."),
                       v->file, e->line, share);
          goto fail;
        }
      e->time_share_pct = s;
    }
  g_hash_table_insert (v->seen, g_steal_pointer (&key), GUINT_TO_POINTER (e->line));
  g_ptr_array_add (v->entries, e);
  return TRUE;

fail:
  kepil_list_entry_free (e);
  return FALSE;
}

static const char *
col (KepilCsvRow *r, int i)
{
  if (i < 0)
    return NULL;
  for (int k = 0; k <= i; k++)
    if (r->fields[k] == NULL)
      return NULL;
  return r->fields[i];
}

GPtrArray *
kepil_lists_parse_csv (const char *list, const char *file_label, const char *text, gsize len,
                       GHashTable *sections, GError **error)
{
  g_autoptr (GPtrArray) rows = kepil_lists_csv_read (text, len, file_label, error);
  const char *names[] = { "section", "chapter", "item", "name_ru", "name_kk", "leave_days", "hours_per_week",
                          "time_share_pct", "condition", "production", "aliases", "general", "source", "status", NULL };
  int idx[G_N_ELEMENTS (names)];
  const char *only_section = NULL;
  KepilCsvRow *head;
  Validator v;

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("%s is empty."), file_label);
      return NULL;
    }
  head = g_ptr_array_index (rows, 0);
  for (guint i = 0; names[i]; i++)
    {
      idx[i] = -1;
      for (guint k = 0; head->fields[k]; k++)
        if (g_ascii_strcasecmp (head->fields[k], names[i]) == 0)
          idx[i] = (int) k;
    }
  for (guint k = 0; head->fields[k]; k++)
    {
      gboolean known = FALSE;
      for (guint i = 0; names[i]; i++)
        known = known || g_ascii_strcasecmp (head->fields[k], names[i]) == 0;
      if (!known)
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                       _("%s, line %u: unknown column “%s” (see the CSV format of the Lists)."), file_label,
                       head->line, head->fields[k]);
          return NULL;
        }
    }
  if (idx[2] < 0 || idx[3] < 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE,
                   _("%s, line %u: the columns “item” and “name_ru” are required."), file_label, head->line);
      return NULL;
    }
  if (idx[0] < 0)
    {
      /* Milk and ЛПП have a single section; other lists must name theirs. */
      if (g_hash_table_size (sections) == 1)
        {
          GHashTableIter it;
          gpointer k;
          g_hash_table_iter_init (&it, sections);
          g_hash_table_iter_next (&it, &k, NULL);
          only_section = k;
        }
      else
        {
          g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("%s, line %u: the column “section” is required."),
                       file_label, head->line);
          return NULL;
        }
    }

  validator_init (&v, list, file_label, sections);
  for (guint i = 1; i < rows->len; i++)
    {
      KepilCsvRow *r = g_ptr_array_index (rows, i);
      KepilListEntry *e = g_new0 (KepilListEntry, 1);
      const char *gen = col (r, idx[11]);
#define TAKE(field, n) e->field = g_strdup (col (r, idx[n]) ? col (r, idx[n]) : "")
      e->line = r->line;
      e->section = g_strdup (only_section ? only_section : (col (r, idx[0]) ? col (r, idx[0]) : ""));
      TAKE (chapter, 1);
      TAKE (item, 2);
      TAKE (name_ru, 3);
      TAKE (name_kk, 4);
      TAKE (condition, 8);
      TAKE (production, 9);
      TAKE (aliases, 10);
      TAKE (source, 12);
      TAKE (status, 13);
#undef TAKE
      if (e->source[0] == '\0')
        {
          g_free (e->source);
          e->source = g_strdup (file_label);
        }
      if (e->status[0] == '\0')
        {
          g_free (e->status);
          e->status = g_strdup ("IMPORTED");
        }
      e->general = gen != NULL && (g_str_equal (gen, "1") || g_ascii_strcasecmp (gen, "yes") == 0);
      if (!validator_add (&v, e, col (r, idx[5]), col (r, idx[6]), col (r, idx[7]), error))
        {
          validator_clear (&v);
          return NULL;
        }
    }
  return validator_steal (&v);
}

/* ---- HTML (the act's page saved from the legal portal) ------------------------------- */

static char *
node_text (xmlNode *n)
{
  xmlChar *c = xmlNodeGetContent (n);
  /* libxml2 hands back the bytes of a page whose declared encoding lies as they are: make them
   * valid UTF-8 before reading characters from them. */
  g_autofree char *s = g_utf8_make_valid (c ? (const char *) c : "", -1);
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

  xmlFree (c);
  /* Collapse all white space, the no-break space included, and trim both ends. */
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (g_unichar_isspace (ch) || ch == 0x00A0)
        {
          gap = out->len > 0;
          continue;
        }
      if (gap)
        g_string_append_c (out, ' ');
      gap = FALSE;
      g_string_append_unichar (out, ch);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  Validator  v;
  char      *section;
  char      *chapter;
  char      *condition;
  GRegex    *re_section;
  GRegex    *re_chapter;
  GRegex    *re_item;
  GRegex    *re_share;
  GError    *error;
} HtmlState;

static gboolean
html_heading (HtmlState *s, const char *text)
{
  g_autoptr (GMatchInfo) mi = NULL;

  if (g_regex_match (s->re_section, text, 0, &mi))
    {
      g_free (s->section);
      s->section = g_match_info_fetch (mi, 1);
      if (s->section == NULL || s->section[0] == '\0')
        {
          g_free (s->section);
          s->section = g_match_info_fetch (mi, 2);
        }
      g_clear_pointer (&s->chapter, g_free);
      return TRUE;
    }
  g_clear_pointer (&mi, g_match_info_free);
  if (g_regex_match (s->re_chapter, text, 0, &mi))
    {
      g_free (s->chapter);
      s->chapter = g_strdup (text);
      return TRUE;
    }
  g_clear_pointer (&mi, g_match_info_free);
  if (g_regex_match (s->re_share, text, 0, &mi))
    {
      g_free (s->condition);
      s->condition = g_strdup (text);
      return TRUE;
    }
  return FALSE;
}

static gboolean
html_row (HtmlState *s, xmlNode *tr)
{
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint line = (guint) xmlGetLineNo (tr);
  g_autoptr (GMatchInfo) mi = NULL;
  KepilListEntry *e;
  g_autofree char *item = NULL;
  const char *leave = NULL, *hours = NULL;

  for (xmlNode *c = tr->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE &&
        (xmlStrcasecmp (c->name, BAD_CAST "td") == 0 || xmlStrcasecmp (c->name, BAD_CAST "th") == 0))
      g_ptr_array_add (cells, node_text (c));
  if (cells->len == 0)
    return TRUE;
  /* A heading spanning the table: "РАЗДЕЛ 42. …", "Глава 361. …". */
  {
    g_autoptr (GString) all = g_string_new (NULL);
    guint nonempty = 0;
    for (guint i = 0; i < cells->len; i++)
      if (((char *) g_ptr_array_index (cells, i))[0] != '\0')
        {
          nonempty++;
          g_string_append (all, g_ptr_array_index (cells, i));
        }
    if (nonempty == 1 && html_heading (s, all->str))
      return TRUE;
  }
  if (cells->len < 2 || !g_regex_match (s->re_item, g_ptr_array_index (cells, 0), 0, &mi))
    return TRUE;    /* column headers, notes */
  item = g_match_info_fetch (mi, 1);
  if (g_str_equal (s->v.list, "1053"))
    {
      leave = cells->len > 2 ? g_ptr_array_index (cells, 2) : NULL;
      hours = cells->len > 3 ? g_ptr_array_index (cells, 3) : NULL;
      if (leave && (g_str_equal (leave, "-") || g_str_equal (leave, "—")))
        leave = NULL;
      if (hours && (g_str_equal (hours, "-") || g_str_equal (hours, "—")))
        hours = NULL;
    }
  e = g_new0 (KepilListEntry, 1);
  e->line = line;
  e->section = g_strdup (s->section);
  e->chapter = g_strdup (s->chapter ? s->chapter : "");
  e->item = g_steal_pointer (&item);
  e->name_ru = g_strdup (g_ptr_array_index (cells, 1));
  e->name_kk = g_strdup ("");
  e->condition = g_strdup (s->condition ? s->condition : "");
  e->production = g_strdup ("");
  e->aliases = g_strdup ("");
  e->source = g_strdup (s->v.file);
  e->status = g_strdup ("IMPORTED");
  if (s->condition != NULL)
    {
      g_autoptr (GMatchInfo) m2 = NULL;
      if (g_regex_match (s->re_share, s->condition, 0, &m2))
        {
          g_autofree char *pct = g_match_info_fetch (m2, 1);
          e->time_share_pct = g_ascii_strtod (pct, NULL);
        }
    }
  return validator_add (&s->v, e, leave, hours, NULL, &s->error);
}

static gboolean
html_walk (HtmlState *s, xmlNode *n)
{
  for (; n; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrcasecmp (n->name, BAD_CAST "tr") == 0)
        {
          if (!html_row (s, n))
            return FALSE;
          continue;
        }
      if (xmlStrcasecmp (n->name, BAD_CAST "p") == 0 || (n->name[0] == 'h' && g_ascii_isdigit (n->name[1])))
        {
          g_autofree char *t = node_text (n);
          html_heading (s, t);
          continue;
        }
      if (!html_walk (s, n->children))
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
parse_html (const char *list, const char *file_label, const char *text, gsize len, GHashTable *sections,
            GError **error)
{
  htmlDocPtr doc = htmlReadMemory (text, (int) len, file_label, "UTF-8",
                                   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  HtmlState s = { 0 };
  gboolean ok;

  if (doc == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("%s could not be read as an HTML page."), file_label);
      return NULL;
    }
  validator_init (&s.v, list, file_label, sections);
  s.re_section = g_regex_new ("^\\s*(?:РАЗДЕЛ|Раздел|раздел)\\s+(\\d+)|^\\s*(\\d+)\\s*-?\\s*(?:БӨЛІМ|бөлім|Бөлім)",
                              G_REGEX_OPTIMIZE, 0, NULL);
  s.re_chapter = g_regex_new ("^\\s*(?:Глава|ГЛАВА|глава)\\s+\\d+|^\\s*\\d+\\s*-?\\s*(?:тарау|ТАРАУ|Тарау)",
                              G_REGEX_OPTIMIZE, 0, NULL);
  s.re_item = g_regex_new ("^\\s*(\\d+(?:\\.\\d+)*)\\.?\\s*$", G_REGEX_OPTIMIZE, 0, NULL);
  s.re_share = g_regex_new ("не менее\\s+(\\d+)\\s*%", G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
  ok = html_walk (&s, xmlDocGetRootElement (doc));
  xmlFreeDoc (doc);
  g_regex_unref (s.re_section);
  g_regex_unref (s.re_chapter);
  g_regex_unref (s.re_item);
  g_regex_unref (s.re_share);
  g_free (s.section);
  g_free (s.chapter);
  g_free (s.condition);
  if (!ok)
    {
      g_propagate_error (error, s.error);
      validator_clear (&s.v);
      return NULL;
    }
  return validator_steal (&s.v);
}

/* ---- storing ---------------------------------------------------------------------------- */

typedef struct {
  KepilListVersionInfo *info;
  GPtrArray            *entries;
  GHashTable           *sections;
} StoreJob;

static gboolean
store_tx (KepilDb *db, gpointer user_data, GError **error)
{
  StoreJob *job = user_data;
  gint64 version = kepil_store_lists_add_version (db, job->info, error);

  if (version == 0)
    return FALSE;
  for (guint i = 0; i < job->entries->len; i++)
    {
      KepilListEntry *e = g_ptr_array_index (job->entries, i);
      KepilListSection *sec = job->sections ? g_hash_table_lookup (job->sections, e->section) : NULL;
      g_autofree char *both = g_strconcat (e->name_ru, " ", e->name_kk, NULL);
      g_autofree char *norm = kepil_lists_normalize (both);
      g_autofree char *prod_text = g_strjoin (" ", sec ? sec->name_ru : "", e->chapter, e->production, NULL);
      g_autofree char *prod = kepil_lists_normalize (prod_text);
      if (!kepil_store_lists_add_entry (db, version, e, norm, prod, error))
        {
          g_prefix_error (error, _("Line %u: "), e->line);
          return FALSE;
        }
    }
  return kepil_store_lists_deactivate (db, job->info->list, version, error);
}

gboolean
kepil_lists_store_validated (KepilDb *db, KepilListVersionInfo *info, GPtrArray *entries, GError **error)
{
  g_autoptr (GHashTable) sections = kepil_store_lists_sections (db, info->list, error);
  StoreJob job = { info, entries, sections };

  if (sections == NULL)
    return FALSE;
  return kepil_db_transaction (db, store_tx, &job, error);
}

static gboolean
looks_like_html (const char *path, const char *text, gsize len)
{
  g_autofree char *low = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (low, ".html") || g_str_has_suffix (low, ".htm"))
    return TRUE;
  for (gsize i = 0; i < len && i < 512; i++)
    {
      if (g_ascii_isspace (text[i]) || (guchar) text[i] >= 0x80)
        continue;
      return text[i] == '<';
    }
  return FALSE;
}

gboolean
kepil_lists_import_file (KepilDb *db, const char *list, const char *path, guint *n_imported, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *base = NULL;
  g_autofree char *today = kepil_today_iso ();
  g_autoptr (GHashTable) sections = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) ferr = NULL;
  KepilListVersionInfo info = { 0 };
  gsize len;
  gboolean ok;

  if (n_imported)
    *n_imported = 0;
  if (!kepil_lists_is_known (list))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("Unknown list “%s”: use 1053, oppv, list1, list2, milk or lpp."), list ? list : "");
      return FALSE;
    }
  if (!kepil_db_check_writable (db, FALSE, error) || !kepil_lists_ensure_loaded (db, error))
    return FALSE;
  if (!g_file_get_contents (path, &text, &len, &ferr))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("Could not read %s: %s"), path, ferr->message);
      return FALSE;
    }
  base = g_path_get_basename (path);
  sections = kepil_store_lists_sections (db, list, error);
  if (sections == NULL)
    return FALSE;
  if (looks_like_html (path, text, len))
    entries = parse_html (list, base, text, len, sections, error);
  else
    entries = kepil_lists_parse_csv (list, base, text, len, sections, error);
  if (entries == NULL)
    return FALSE;
  if (entries->len == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE, _("%s holds no entries of the list %s."), base, list);
      return FALSE;
    }
  kepil_lists_act_info (list, &info);
  info.origin = g_strdup ("import");
  info.label = g_strdup_printf (_("imported from %s on %s"), base, today);
  info.file = g_strdup (base);
  ok = kepil_lists_store_validated (db, &info, entries, error);
  kepil_list_version_info_clear (&info);
  if (ok && n_imported)
    *n_imported = entries->len;
  return ok;
}

/* ---- the synthetic list ------------------------------------------------------------------ */

static const char * const syn_roots[] = {
  "Аппаратчик", "Машинист", "Оператор", "Слесарь", "Электромонтер", "Плавильщик", "Сушильщик", "Дробильщик",
  "Формовщик", "Литейщик", "Прессовщик", "Загрузчик", "Выгрузчик", "Контролер", "Мастер", "Пробоотборщик",
  "Футеровщик", "Обжигальщик", "Вальцовщик", "Кузнец", "Термист", "Травильщик", "Гальваник", "Красильщик",
  "Транспортерщик", "Дозировщик", "Фильтровальщик", "Электролизник", "Шлифовщик", "Резчик", "Чистильщик",
  "Газовщик", "Горновой", "Разливщик", "Варщик", "Смесильщик", "Грануляторщик", "Лаборант", "Кочегар", "Изолировщик",
};
static const char * const syn_objects[] = {
  "обжиговых печей", "конвертера", "электролизных ванн", "сушильных барабанов", "мельниц", "дробилок",
  "вращающихся печей", "агломерационных машин", "кислотных башен", "реакторов", "центрифуг", "фильтр-прессов",
  "грануляторов", "выпарных аппаратов", "абсорберов", "кристаллизаторов", "смесителей", "питателей",
  "транспортеров", "газоочистки", "шламовых насосов", "хлораторов", "цианистых ванн", "свинцовых ванн",
  "стекловаренных печей", "коксовых батарей", "доменных печей", "мартеновских печей", "прокатных станов",
  "травильных ванн",
};
static const char * const syn_conditions[] = {
  "", ", занятый на горячих участках", ", занятый непосредственно у печей", ", постоянно занятый в цехе",
  ", занятый на ремонте оборудования", ", занятый на очистке оборудования", ", занятый на загрузке и выгрузке",
  ", работающий в помещении цеха",
};

static void
csv_field (GString *s, const char *f, gboolean last)
{
  gboolean quote = strpbrk (f, ",\"\n") != NULL;
  if (quote)
    {
      g_string_append_c (s, '"');
      for (const char *p = f; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (s, '"');
          g_string_append_c (s, *p);
        }
      g_string_append_c (s, '"');
    }
  else
    g_string_append (s, f);
  g_string_append_c (s, last ? '\n' : ',');
}

char *
kepil_lists_synthetic_csv (guint n_entries, guint32 seed, GError **error)
{
  g_autoptr (GBytes) dist = g_resources_lookup_data ("/kz/kepil/lists/synthetic-distribution.csv", 0, error);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GArray) leave = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) share = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) secs = g_ptr_array_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint *next_item = NULL;
  GString *out;
  guint total = 0, made = 0;
  const char *general = NULL;

  if (dist == NULL)
    return NULL;
  {
    gsize len;
    const char *text = g_bytes_get_data (dist, &len);
    rows = kepil_lists_csv_read (text, len, "synthetic-distribution.csv", error);
  }
  if (rows == NULL)
    return NULL;
  sections = kepil_lists_shipped_sections (error);
  if (sections == NULL)
    return NULL;
  for (guint i = 0; i < sections->len; i++)
    {
      KepilListSection *s = g_ptr_array_index (sections, i);
      if (!g_str_equal (s->list, "1053") || !g_ascii_isdigit (s->section[0]))
        continue;
      g_ptr_array_add (secs, s->section);
      if (s->general)
        general = s->section;
    }
  if (secs->len == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_FAILED, _("The sections of Order 1053 are missing from the program's data."));
      return NULL;
    }
  next_item = g_new0 (guint, secs->len);
  for (guint i = 1; i < rows->len; i++)
    total += (guint) atoi (((KepilCsvRow *) g_ptr_array_index (rows, i))->fields[1]);
  /* Scale the act's counts to @n_entries, keeping the shares. */
  for (guint i = 1; i < rows->len && total > 0; i++)
    {
      KepilCsvRow *r = g_ptr_array_index (rows, i);
      int days = atoi (r->fields[0]);
      guint count = (guint) ((guint64) atoi (r->fields[1]) * n_entries / total);
      double sh = r->fields[2] ? g_ascii_strtod (r->fields[2], NULL) : 0;
      if (i == rows->len - 1)
        count = n_entries > made ? n_entries - made : 0;
      for (guint k = 0; k < count; k++)
        {
          g_array_append_val (leave, days);
          g_array_append_val (share, sh);
        }
      made += count;
    }
  out = g_string_new ("section,chapter,item,name_ru,name_kk,leave_days,hours_per_week,condition,production,source,status\n");
  for (guint i = 0; i < leave->len; i++)
    {
      guint s = (guint) g_rand_int_range (rand, 0, (gint32) secs->len);
      const char *sec = g_ptr_array_index (secs, s);
      g_autofree char *item = g_strdup_printf ("%u", ++next_item[s]);
      g_autofree char *name = NULL;
      g_autofree char *chapter = g_strdup_printf ("Глава %u", s * 10 + 1 + next_item[s] / 50);
      char days[16];
      gboolean hours = g_rand_double (rand) < g_array_index (share, double, i);

      if (general != NULL && g_str_equal (sec, general))
        name = g_strdup (syn_roots[g_rand_int_range (rand, 0, G_N_ELEMENTS (syn_roots))]);
      else
        name = g_strdup_printf ("%s %s%s", syn_roots[g_rand_int_range (rand, 0, G_N_ELEMENTS (syn_roots))],
                                syn_objects[g_rand_int_range (rand, 0, G_N_ELEMENTS (syn_objects))],
                                syn_conditions[g_rand_int_range (rand, 0, G_N_ELEMENTS (syn_conditions))]);
      g_snprintf (days, sizeof days, "%d", g_array_index (leave, int, i));
      csv_field (out, sec, FALSE);
      csv_field (out, chapter, FALSE);
      csv_field (out, item, FALSE);
      csv_field (out, name, FALSE);
      csv_field (out, "", FALSE);
      csv_field (out, days, FALSE);
      csv_field (out, hours ? "36" : "", FALSE);
      csv_field (out, "", FALSE);
      csv_field (out, "", FALSE);
      csv_field (out, "synthetic", FALSE);
      csv_field (out, "SYNTHETIC", TRUE);
    }
  return g_string_free (out, FALSE);
}

gboolean
kepil_lists_generate_synthetic (KepilDb *db, guint n_entries, guint32 seed, GError **error)
{
  g_autofree char *csv = NULL;
  g_autofree char *label = NULL;
  g_autoptr (GHashTable) sections = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  KepilListVersionInfo info = { 0 };
  gboolean ok;

  if (!kepil_db_check_writable (db, FALSE, error) || !kepil_lists_ensure_loaded (db, error))
    return FALSE;
  csv = kepil_lists_synthetic_csv (n_entries, seed, error);
  if (csv == NULL)
    return FALSE;
  sections = kepil_store_lists_sections (db, "1053", error);
  if (sections == NULL)
    return FALSE;
  label = g_strdup_printf ("synthetic-%u-%u.csv", n_entries, seed);
  entries = kepil_lists_parse_csv ("1053", label, csv, strlen (csv), sections, error);
  if (entries == NULL)
    return FALSE;
  kepil_lists_act_info ("1053", &info);
  info.origin = g_strdup ("synthetic");
  info.label = g_strdup_printf (_("synthetic list of %u entries (seed %u)"), n_entries, seed);
  info.file = g_strdup (label);
  ok = kepil_lists_store_validated (db, &info, entries, error);
  kepil_list_version_info_clear (&info);
  return ok;
}
