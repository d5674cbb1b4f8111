/* kepil-export.c — the common machinery of the Excel documents: labels, formats, print setup
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#define KEPIL_EXPORT_INTERNAL
#include "kepil-export.h"
#include "kepil-norms.h"
#include "kepil-risk.h"
#include "kepil-fingerprint.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <string.h>

static const char * const documents[] = {
  "act", "order", "protocols", "results", "comparison", "leave-roster", NULL
};
static const char * const languages[] = { "kk", "ru", "kk+ru", NULL };

const char * const *
kepil_export_documents (void)
{
  return documents;
}

const char * const *
kepil_export_languages (void)
{
  return languages;
}

const char *
kepil_export_document_title (const char *document)
{
  static const struct { const char *doc, *title; } titles[] = {
    { "act", N_("Final act of the attestation commission") },
    { "order", N_("Order creating the attestation commission") },
    { "protocols", N_("Protocols of the attestation (appendices 1–5)") },
    { "results", N_("Report of the results of the attestation (appendix 6)") },
    { "comparison", N_("Comparison of the List and the risk model") },
    { "leave-roster", N_("Roster of additional leave for the collective agreement") },
  };
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (document, titles[i].doc) == 0)
      return _(titles[i].title);
  return document;
}

/* ---- labels ---------------------------------------------------------------- */

/* Splits one CSV line (RFC 4180 quoting, no line breaks inside fields). */
static GPtrArray *
csv_split (const char *line)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GString *f = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; ; p++)
    {
      if (*p == '\0' || (!quoted && *p == ','))
        {
          g_ptr_array_add (out, g_string_free (g_steal_pointer (&f), FALSE));
          if (*p == '\0')
            break;
          f = g_string_new (NULL);
          continue;
        }
      if (*p == '"')
        {
          if (quoted && p[1] == '"')
            {
              g_string_append_c (f, '"');
              p++;
            }
          else
            quoted = !quoted;
          continue;
        }
      if (*p != '\r')
        g_string_append_c (f, *p);
    }
  return out;
}

static gboolean
load_labels (KepilExport *x, GError **error)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data ("/kz/kepil/forms/labels-1057.csv", 0, error);
  g_auto (GStrv) lines = NULL;

  if (bytes == NULL)
    return FALSE;
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    lines = g_strsplit (text, "\n", -1);
  }
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) f = NULL;
      char **pair;
      if (lines[i][0] == '\0')
        continue;
      f = csv_split (lines[i]);
      if (f->len < 6)
        continue;
      pair = g_new0 (char *, 3);
      pair[0] = g_strdup (g_ptr_array_index (f, 4));
      pair[1] = g_strdup (g_ptr_array_index (f, 5));
      g_hash_table_replace (x->labels,
                            g_strdup_printf ("%s/%s/%s", (char *) g_ptr_array_index (f, 0),
                                             (char *) g_ptr_array_index (f, 2), (char *) g_ptr_array_index (f, 3)),
                            pair);
    }
  return TRUE;
}

/* Form labels are written as found in the source; a label that starts in
 * lower case (the source's table cells) is capitalised for a heading. */
static char *
capitalise (const char *s)
{
  gunichar c;
  char buf[8];
  int n;

  if (s == NULL || *s == '\0')
    return g_strdup ("");
  c = g_utf8_get_char (s);
  if (!g_unichar_islower (c))
    return g_strdup (s);
  n = g_unichar_to_utf8 (g_unichar_toupper (c), buf);
  buf[n] = '\0';
  return g_strconcat (buf, g_utf8_next_char (s), NULL);
}

static char *
strip_trailing_colon (const char *s)
{
  char *r = g_strstrip (g_strdup (s));
  gsize n = strlen (r);
  if (n > 0 && r[n - 1] == ':')
    r[n - 1] = '\0';
  return g_strstrip (r);
}

static const char *
both (KepilExport *x, const char *kk, const char *ru)
{
  if (g_strcmp0 (x->lang, "kk") == 0)
    return g_string_chunk_insert_const (x->strings, kk);
  if (g_strcmp0 (x->lang, "ru") == 0)
    return g_string_chunk_insert_const (x->strings, ru);
  if (g_strcmp0 (kk, ru) == 0)
    return g_string_chunk_insert_const (x->strings, kk);
  {
    g_autofree char *s = g_strdup_printf ("%s / %s", kk, ru);
    return g_string_chunk_insert_const (x->strings, s);
  }
}

const char *
kx_form (KepilExport *x, const char *form, const char *block, const char *order, const char *fallback_msgid)
{
  g_autofree char *key = g_strdup_printf ("%s/%s/%s", form, block, order);
  char **pair = g_hash_table_lookup (x->labels, key);
  g_autofree char *kk = NULL, *ru = NULL;

  if (pair != NULL && pair[0][0] != '\0')
    kk = strip_trailing_colon (pair[0]);
  else
    kk = g_strdup (kepil_i18n_gettext_in ("kk", fallback_msgid));
  if (pair != NULL && pair[1][0] != '\0')
    {
      g_autofree char *t = strip_trailing_colon (pair[1]);
      ru = capitalise (t);
    }
  else
    ru = g_strdup (kepil_i18n_gettext_in ("ru", fallback_msgid));
  {
    g_autofree char *kkc = capitalise (kk);
    return both (x, kkc, ru);
  }
}

const char *
kx_t (KepilExport *x, const char *msgid)
{
  return both (x, kepil_i18n_gettext_in ("kk", msgid), kepil_i18n_gettext_in ("ru", msgid));
}

const char *
kx_tf (KepilExport *x, const char *msgid, ...)
{
  va_list ap;
  g_autofree char *kk = NULL, *ru = NULL;

  va_start (ap, msgid);
  kk = g_strdup_vprintf (kepil_i18n_gettext_in ("kk", msgid), ap);
  va_end (ap);
  va_start (ap, msgid);
  ru = g_strdup_vprintf (kepil_i18n_gettext_in ("ru", msgid), ap);
  va_end (ap);
  return both (x, kk, ru);
}

const char *
kx_name (KepilExport *x, JsonObject *o, const char *prefix)
{
  g_autofree char *kn = g_strdup_printf ("%s_kk", prefix), *rn = g_strdup_printf ("%s_ru", prefix);
  const char *kk = o ? kepil_json_str (o, kn, "") : "";
  const char *ru = o ? kepil_json_str (o, rn, "") : "";

  if (*kk == '\0')
    kk = ru;
  if (*ru == '\0')
    ru = kk;
  return both (x, kk, ru);
}

/* ---- sheets, formats, print ------------------------------------------------- */

lxw_worksheet *
kx_sheet (KepilExport *x, const char *msgid)
{
  const char *lang = g_strcmp0 (x->lang, "kk") == 0 ? "kk" : "ru";
  GString *s = g_string_new (NULL);
  const char *t = kepil_i18n_gettext_in (lang, msgid);
  glong n = 0;

  /* Excel refuses []:*?/\ in sheet names and more than 31 characters. */
  for (const char *p = t; *p != '\0' && n < 31; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      if (strchr ("[]:*?/\\'", (int) (c < 128 ? c : 'a')) != NULL && c < 128)
        c = '-';
      g_string_append_unichar (s, c);
    }
  {
    g_autofree char *name = g_string_free (s, FALSE);
    lxw_worksheet *ws = NULL;
    /* Two messages may translate alike: number the second. */
    if (workbook_get_worksheet_by_name (x->wb, name) != NULL)
      {
        for (guint k = 2; ws == NULL && k < 100; k++)
          {
            g_autofree char *alt = g_strdup_printf ("%.27s %u", name, k);
            if (workbook_get_worksheet_by_name (x->wb, alt) == NULL)
              ws = workbook_add_worksheet (x->wb, alt);
          }
      }
    else
      ws = workbook_add_worksheet (x->wb, name);
    return ws;
  }
}

void
kx_print (KepilExport *x, lxw_worksheet *ws, gboolean landscape, int head_first, int head_last)
{
  g_autofree char *footer = NULL;

  worksheet_set_paper (ws, 9);  /* A4 */
  if (landscape)
    worksheet_set_landscape (ws);
  else
    worksheet_set_portrait (ws);
  worksheet_set_margins (ws, 0.6, 0.4, 0.5, 0.6);
  worksheet_fit_to_pages (ws, 1, 0);
  if (head_first >= 0)
    worksheet_repeat_rows (ws, head_first, head_last);
  /* TRANSLATORS: a page footer; keep &P (this page) and &N (the number of pages). */
  footer = g_strdup_printf ("&C%s", kx_t (x, N_("Page &P of &N")));
  worksheet_set_footer (ws, footer);
}

void
kx_title (KepilExport *x, lxw_worksheet *ws, int row, int ncols, const char *text, lxw_format *f, double height)
{
  (void) x;
  if (height > 0)
    worksheet_set_row (ws, row, height, NULL);
  if (ncols > 1)
    worksheet_merge_range (ws, row, 0, row, ncols - 1, text, f);
  else
    worksheet_write_string (ws, row, 0, text, f);
}

void
kx_str (lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
  if (s == NULL || *s == '\0')
    worksheet_write_blank (ws, row, col, f);
  else
    {
      kx_fit_row (ws, row, col, s, f);
      worksheet_write_string (ws, row, col, s, f);
    }
}

/* Row heights for wrapped text.  Neither libxlsxwriter nor LibreOffice grows a
 * row to fit wrapped text written this way, so the text would be cut on paper:
 * estimate the lines from the column's width and the font, and raise the row. */
typedef struct { lxw_worksheet *ws; int row; double height; } RowFit;
G_LOCK_DEFINE_STATIC (row_fit);
static RowFit row_fit_last[8];

static double
column_width (lxw_worksheet *ws, int col)
{
  for (guint i = 0; ws->col_options != NULL && i < ws->col_options_max; i++)
    {
      lxw_col_options *o = ws->col_options[i];
      if (o != NULL && col >= o->firstcol && col <= o->lastcol)
        return o->width > 0 ? o->width : 8.43;
    }
  return 8.43;
}

void
kx_fit_row (lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
  double font = (f != NULL && f->font_size > 0) ? f->font_size : 11.0;
  double per_line, lines = 0, height;
  guint slot = GPOINTER_TO_UINT (ws) / 64 % G_N_ELEMENTS (row_fit_last);
  const char *p = s;

  if (f == NULL || !f->text_wrap)
    return;
  /* About one letter per width unit at 11 pt (measured on LibreOffice pages), more at smaller sizes. */
  per_line = MAX (1.0, column_width (ws, col) * 11.0 / font * 1.25);
  while (p != NULL)
    {
      const char *nl = strchr (p, '\n');
      glong n = nl ? g_utf8_strlen (p, nl - p) : g_utf8_strlen (p, -1);
      lines += MAX (1.0, ceil ((double) n / per_line));
      p = nl ? nl + 1 : NULL;
    }
  if (lines <= 1)
    return;
  height = lines * font * 1.25 + 2;
  G_LOCK (row_fit);
  if (row_fit_last[slot].ws != ws || row_fit_last[slot].row != row)
    {
      row_fit_last[slot].ws = ws;
      row_fit_last[slot].row = row;
      row_fit_last[slot].height = 0;
    }
  if (height > row_fit_last[slot].height)
    {
      row_fit_last[slot].height = height;
      worksheet_set_row (ws, row, MIN (height, 409), NULL);
    }
  G_UNLOCK (row_fit);
}

void
kx_date (KepilExport *x, lxw_worksheet *ws, int row, int col, const char *iso, lxw_format *f)
{
  int y, m, d;
  if (iso != NULL && sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
    {
      lxw_datetime dt = { y, m, d, 0, 0, 0 };
      worksheet_write_datetime (ws, row, col, &dt, f ? f : x->f_date);
    }
  else
    kx_str (ws, row, col, iso, f);
}

const char *
kx_date_text (KepilExport *x, const char *iso)
{
  g_autofree char *s = NULL;
  if (iso == NULL || *iso == '\0')
    return "—";
  s = kepil_format_date (iso);
  return g_string_chunk_insert_const (x->strings, s);
}

JsonObject *
kx_lookup (GHashTable *h, gint64 id)
{
  return h ? g_hash_table_lookup (h, &id) : NULL;
}

void
kx_table_head (KepilExport *x, lxw_worksheet *ws, int row, const char * const *heads, int ncols, double height)
{
  worksheet_set_row (ws, row, height, NULL);
  for (int c = 0; c < ncols; c++)
    kx_str (ws, row, c, heads[c], x->f_head);
}

int
kx_signature (KepilExport *x, lxw_worksheet *ws, int row, const char *role, const char *name, const char *position)
{
  worksheet_set_row (ws, row, 30, NULL);
  kx_str (ws, row, 0, role, x->f_bold);
  kx_str (ws, row, 1, position, x->f_small);
  worksheet_write_string (ws, row, 2, "____________________", x->f_sign);
  kx_str (ws, row, 3, name, x->f_text);
  worksheet_write_string (ws, row, 4, "«___» __________ 20___", x->f_sign);
  return row + 1;
}

gboolean
kx_cancelled (KepilExport *x, GError **error)
{
  if (x->cancellable != NULL && g_cancellable_is_cancelled (x->cancellable))
    {
      g_set_error_literal (error, KEPIL_ERROR, KEPIL_ERROR_CANCELLED, _("The export was cancelled."));
      return TRUE;
    }
  return FALSE;
}

static void
make_formats (KepilExport *x)
{
  lxw_workbook *wb = x->wb;
#define FMT(var) x->var = workbook_add_format (wb); format_set_font_name (x->var, "Times New Roman"); \
                 format_set_font_size (x->var, 11);
  FMT (f_title);
  format_set_bold (x->f_title);
  format_set_font_size (x->f_title, 13);
  format_set_align (x->f_title, LXW_ALIGN_CENTER);
  format_set_align (x->f_title, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap (x->f_title);
  FMT (f_subtitle);
  format_set_align (x->f_subtitle, LXW_ALIGN_CENTER);
  format_set_align (x->f_subtitle, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap (x->f_subtitle);
  FMT (f_text);
  format_set_text_wrap (x->f_text);
  format_set_align (x->f_text, LXW_ALIGN_VERTICAL_TOP);
  FMT (f_bold);
  format_set_bold (x->f_bold);
  format_set_text_wrap (x->f_bold);
  format_set_align (x->f_bold, LXW_ALIGN_VERTICAL_TOP);
  FMT (f_small);
  format_set_font_size (x->f_small, 9);
  format_set_text_wrap (x->f_small);
  format_set_align (x->f_small, LXW_ALIGN_VERTICAL_TOP);
  FMT (f_sign);
  format_set_align (x->f_sign, LXW_ALIGN_CENTER);
  format_set_align (x->f_sign, LXW_ALIGN_VERTICAL_BOTTOM);
  FMT (f_head);
  format_set_bold (x->f_head);
  format_set_font_size (x->f_head, 10);
  format_set_border (x->f_head, LXW_BORDER_THIN);
  format_set_text_wrap (x->f_head);
  format_set_align (x->f_head, LXW_ALIGN_CENTER);
  format_set_align (x->f_head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color (x->f_head, 0xE8E8E8);
  FMT (f_cell);
  format_set_font_size (x->f_cell, 10);
  format_set_border (x->f_cell, LXW_BORDER_THIN);
  format_set_text_wrap (x->f_cell);
  format_set_align (x->f_cell, LXW_ALIGN_VERTICAL_TOP);
  FMT (f_cell_c);
  format_set_font_size (x->f_cell_c, 10);
  format_set_border (x->f_cell_c, LXW_BORDER_THIN);
  format_set_text_wrap (x->f_cell_c);
  format_set_align (x->f_cell_c, LXW_ALIGN_CENTER);
  format_set_align (x->f_cell_c, LXW_ALIGN_VERTICAL_TOP);
  FMT (f_int);
  format_set_font_size (x->f_int, 10);
  format_set_border (x->f_int, LXW_BORDER_THIN);
  format_set_num_format (x->f_int, "#,##0");
  format_set_align (x->f_int, LXW_ALIGN_VERTICAL_TOP);
  FMT (f_num);
  format_set_font_size (x->f_num, 10);
  format_set_border (x->f_num, LXW_BORDER_THIN);
  format_set_num_format (x->f_num, "#,##0.00");
  format_set_align (x->f_num, LXW_ALIGN_VERTICAL_TOP);
  FMT (f_money);
  format_set_font_size (x->f_money, 10);
  format_set_border (x->f_money, LXW_BORDER_THIN);
  format_set_num_format (x->f_money, "#,##0");
  format_set_align (x->f_money, LXW_ALIGN_VERTICAL_TOP);
  FMT (f_date);
  format_set_num_format (x->f_date, "dd.mm.yyyy");
  format_set_align (x->f_date, LXW_ALIGN_LEFT);
  FMT (f_total);
  format_set_bold (x->f_total);
  format_set_font_size (x->f_total, 10);
  format_set_border (x->f_total, LXW_BORDER_THIN);
  format_set_text_wrap (x->f_total);
  FMT (f_total_int);
  format_set_bold (x->f_total_int);
  format_set_font_size (x->f_total_int, 10);
  format_set_border (x->f_total_int, LXW_BORDER_THIN);
  format_set_num_format (x->f_total_int, "#,##0");
  FMT (f_total_money);
  format_set_bold (x->f_total_money);
  format_set_font_size (x->f_total_money, 10);
  format_set_border (x->f_total_money, LXW_BORDER_THIN);
  format_set_num_format (x->f_total_money, "#,##0");
#undef FMT
}

/* ---- data ------------------------------------------------------------------- */

static GHashTable *
index_by_id (GPtrArray *records)
{
  GHashTable *h = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *o = g_ptr_array_index (records, i);
      gint64 *k = g_new (gint64, 1);
      *k = kepil_json_int (o, "id", 0);
      g_hash_table_insert (h, k, o);
    }
  return h;
}

static gint
by_sort_order (gconstpointer a, gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a, *y = *(JsonObject **) b;
  static const char *roles[] = { "chairman", "member", "union", "secretary" };
  int rx = 9, ry = 9;
  for (int i = 0; i < 4; i++)
    {
      if (g_strcmp0 (kepil_json_str (x, "role", ""), roles[i]) == 0) rx = i;
      if (g_strcmp0 (kepil_json_str (y, "role", ""), roles[i]) == 0) ry = i;
    }
  if (rx != ry)
    return rx - ry;
  if (kepil_json_int (x, "sort_order", 0) != kepil_json_int (y, "sort_order", 0))
    return kepil_json_int (x, "sort_order", 0) < kepil_json_int (y, "sort_order", 0) ? -1 : 1;
  return kepil_json_int (x, "id", 0) < kepil_json_int (y, "id", 0) ? -1 : 1;
}

static gint
wp_by_code (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (kepil_json_str (*(JsonObject **) a, "code", ""), kepil_json_str (*(JsonObject **) b, "code", ""));
}

gboolean
kx_load (KepilExport *x, gint64 campaign_id, gboolean need_campaign, GError **error)
{
  gint64 camp = 0, ent = 0;
  g_autoptr (GPtrArray) all_units = NULL, all_wps = NULL;

  if (campaign_id < 0)
    {
      /* Without a campaign: the documents that use one when there is one, for the first enterprise. */
      if (need_campaign)
        {
          g_set_error_literal (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                               _("This document is made for an attestation campaign: choose one, or enter the order "
                                 "that starts the attestation first."));
          return FALSE;
        }
    }
  else if (need_campaign || campaign_id > 0)
    {
      camp = kepil_store_resolve_campaign (x->db, campaign_id, error);
      if (camp == 0)
        return FALSE;
    }
  else
    {
      g_autoptr (GError) local = NULL;
      camp = kepil_store_resolve_campaign (x->db, 0, &local);
    }
  if (camp != 0)
    {
      x->campaign = kepil_entity_get (x->db, "campaign", camp, error);
      if (x->campaign == NULL)
        return FALSE;
      ent = kepil_json_int (x->campaign, "enterprise_id", 0);
      x->members = kepil_entity_list (x->db, "commission_member", "campaign_id", camp, error);
      if (x->members == NULL)
        return FALSE;
      g_ptr_array_sort (x->members, by_sort_order);
    }
  else
    {
      g_autoptr (GPtrArray) ents = kepil_entity_list (x->db, "enterprise", NULL, 0, error);
      if (ents == NULL)
        return FALSE;
      if (ents->len > 0)
        ent = kepil_json_int (g_ptr_array_index (ents, 0), "id", 0);
      x->members = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
    }
  if (ent == 0)
    {
      g_set_error_literal (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND,
                           _("The database has no enterprise: enter the enterprise or load the demo first."));
      return FALSE;
    }
  x->enterprise = kepil_entity_get (x->db, "enterprise", ent, error);
  if (x->enterprise == NULL)
    return FALSE;
  all_units = kepil_entity_list (x->db, "unit", NULL, 0, error);
  if (all_units == NULL)
    return FALSE;
  x->units = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < all_units->len; i++)
    {
      JsonObject *u = g_ptr_array_index (all_units, i);
      if (kepil_json_int (u, "enterprise_id", 0) == ent)
        g_ptr_array_add (x->units, json_object_ref (u));
    }
  x->unit_by_id = index_by_id (x->units);
  x->professions = kepil_entity_list (x->db, "profession", NULL, 0, error);
  if (x->professions == NULL)
    return FALSE;
  x->prof_by_id = index_by_id (x->professions);
  all_wps = kepil_entity_list (x->db, "workplace", NULL, 0, error);
  if (all_wps == NULL)
    return FALSE;
  x->workplaces = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < all_wps->len; i++)
    {
      JsonObject *w = g_ptr_array_index (all_wps, i);
      if (kx_lookup (x->unit_by_id, kepil_json_int (w, "unit_id", 0)) != NULL)
        g_ptr_array_add (x->workplaces, json_object_ref (w));
    }
  g_ptr_array_sort (x->workplaces, wp_by_code);
  x->wp_by_id = index_by_id (x->workplaces);
  return TRUE;
}

double
kx_grant (JsonObject *grants, const char *kind)
{
  JsonNode *n;
  if (grants == NULL || !json_object_has_member (grants, kind))
    return 0;
  n = json_object_get_member (grants, kind);
  if (JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonObject *o = json_node_get_object (n);
      if (!json_object_has_member (o, "value"))
        return 0;
      n = json_object_get_member (o, "value");
    }
  if (!JSON_NODE_HOLDS_VALUE (n))
    return 0;
  switch (json_node_get_value_type (n))
    {
    case G_TYPE_BOOLEAN: return json_node_get_boolean (n) ? 1 : 0;
    case G_TYPE_INT64: return (double) json_node_get_int (n);
    case G_TYPE_DOUBLE: return json_node_get_double (n);
    default: return 0;
    }
}

const char *
kx_grant_ration (JsonObject *grants)
{
  JsonNode *n;
  if (grants == NULL || !json_object_has_member (grants, "lpp"))
    return "";
  n = json_object_get_member (grants, "lpp");
  if (JSON_NODE_HOLDS_OBJECT (n))
    return kepil_json_str (json_node_get_object (n), "ration", "");
  return "";
}

const char *
kx_grant_rule (JsonObject *grants, const char *kind)
{
  JsonNode *n;
  if (grants == NULL || !json_object_has_member (grants, kind))
    return "";
  n = json_object_get_member (grants, kind);
  if (JSON_NODE_HOLDS_OBJECT (n))
    return kepil_json_str (json_node_get_object (n), "rule", "");
  return "";
}

/* Factor groups: the keys the norm sets use, their labels of appendix 6 where
 * the form has one, else an English msgid. */
const char *
kx_factor_name (KepilExport *x, const char *factor)
{
  /* The report form numbers its first seven rows; their labels come from the form. */
  static const struct { const char *key, *order; } numbered[] = {
    { "lighting", "1" }, { "microclimate", "2" }, { "noise", "3" }, { "emf", "4" }, { "heaviness", "5" },
    { "intensity", "6" }, { "overall", "7" },
  };
  const char *msgid = kepil_factor_msgid (factor);
  for (guint i = 0; msgid != NULL && i < G_N_ELEMENTS (numbered); i++)
    if (g_strcmp0 (factor, numbered[i].key) == 0)
      return kx_form (x, "report", "factor_rows", numbered[i].order, msgid);
  if (msgid != NULL)
    return kx_t (x, msgid);
  return g_string_chunk_insert_const (x->strings, factor ? factor : "");
}

/* A risk level key of the data ("very_high") as words of the document's language(s). */
const char *
kx_level (KepilExport *x, const char *level)
{
  const char *msgid = kepil_risk_level_msgid (level);
  return msgid != NULL ? kx_t (x, msgid) : g_string_chunk_insert_const (x->strings, level ? level : "");
}

/* A substance key of the data ("iron-oxides") as its name in the catalogue (Russian: the catalogue has no
 * Kazakh names); anything else as it is. */
const char *
kx_agent_name (KepilExport *x, const char *agent)
{
  const KepilSubstance *s = agent != NULL && *agent ? kepil_norms_substance (x->db, agent) : NULL;
  if (s != NULL && s->name_ru != NULL && *s->name_ru)
    return s->name_ru;
  return g_string_chunk_insert_const (x->strings, agent ? agent : "");
}

const char *
kx_role (KepilExport *x, const char *role)
{
  if (g_strcmp0 (role, "chairman") == 0)
    return kx_t (x, N_("Chairman of the commission"));
  if (g_strcmp0 (role, "secretary") == 0)
    return kx_t (x, N_("Secretary of the commission"));
  if (g_strcmp0 (role, "union") == 0)
    return kx_t (x, N_("Member of the commission (trade union representative)"));
  return kx_t (x, N_("Member of the commission"));
}

static JsonObject *
eval_classes (KepilExport *x, gint64 workplace_id)
{
  JsonObject *w = kx_lookup (x->eval_by_wp, workplace_id);
  if (w == NULL || !json_object_has_member (w, "classes"))
    return NULL;
  return json_object_get_object_member (w, "classes");
}

static const char *
class_text (JsonObject *o)
{
  JsonNode *n = json_object_has_member (o, "class") ? json_object_get_member (o, "class") : NULL;
  static char buf[32];
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return "";
  if (json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  /* A class given as a number (1, 2, 3.1 …): print it the way the forms do. */
  g_snprintf (buf, sizeof buf, "%g", json_node_get_double (n));
  return buf;
}

const char *
kx_measurement_class (KepilExport *x, gint64 workplace_id, gint64 measurement_id)
{
  JsonObject *c = eval_classes (x, workplace_id);
  JsonArray *a;
  if (c == NULL || !json_object_has_member (c, "measurements"))
    return "";
  a = json_object_get_array_member (c, "measurements");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *m = json_array_get_object_element (a, i);
      if (m != NULL && kepil_json_int (m, "id", -1) == measurement_id)
        return g_string_chunk_insert_const (x->strings, class_text (m));
    }
  return "";
}

const char *
kx_factor_class (KepilExport *x, gint64 workplace_id, const char *factor)
{
  JsonObject *c = eval_classes (x, workplace_id);
  JsonArray *a;
  if (c == NULL)
    return "";
  if (g_strcmp0 (factor, "overall") == 0)
    {
      JsonNode *n = json_object_has_member (c, "overall") ? json_object_get_member (c, "overall") : NULL;
      if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
        return "";
      if (json_node_get_value_type (n) == G_TYPE_STRING)
        return json_node_get_string (n);
      {
        g_autofree char *s = g_strdup_printf ("%g", json_node_get_double (n));
        return g_string_chunk_insert_const (x->strings, s);
      }
    }
  if (!json_object_has_member (c, "factors"))
    return "";
  a = json_object_get_array_member (c, "factors");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *f = json_array_get_object_element (a, i);
      if (f != NULL && (g_strcmp0 (kepil_json_str (f, "factor", ""), factor) == 0 ||
                        g_strcmp0 (kepil_json_str (f, "group", ""), factor) == 0))
        return g_string_chunk_insert_const (x->strings, class_text (f));
    }
  return "";
}

int
kx_class_index (const char *klass)
{
  static const char *classes[] = { "1", "2", "3.1", "3.2", "3.3", "3.4", "4" };
  for (int i = 0; i < 7; i++)
    if (g_strcmp0 (klass, classes[i]) == 0)
      return i;
  return -1;
}

const char *
kx_enterprise_name (KepilExport *x)
{
  return kx_name (x, x->enterprise, "name");
}

/* ---- the entry point --------------------------------------------------------- */

static const struct {
  const char *name;
  gboolean need_campaign, need_evaluation;
  gboolean (*write) (KepilExport *, GError **);
} writers[] = {
  { "act", TRUE, TRUE, kx_write_act },
  { "order", TRUE, FALSE, kx_write_order },
  { "protocols", FALSE, FALSE, kx_write_protocols },
  { "results", FALSE, TRUE, kx_write_results },
  { "comparison", FALSE, TRUE, kx_write_comparison },
  { "leave-roster", FALSE, TRUE, kx_write_leave_roster },
};

gboolean
kepil_export_document_needs_campaign (const char *document)
{
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    if (g_strcmp0 (document, writers[i].name) == 0)
      return writers[i].need_campaign;
  return FALSE;
}

static void
export_clear (KepilExport *x)
{
  g_clear_pointer (&x->strings, g_string_chunk_free);
  g_clear_pointer (&x->labels, g_hash_table_unref);
  g_clear_pointer (&x->enterprise, json_object_unref);
  g_clear_pointer (&x->campaign, json_object_unref);
  g_clear_pointer (&x->unit_by_id, g_hash_table_unref);
  g_clear_pointer (&x->prof_by_id, g_hash_table_unref);
  g_clear_pointer (&x->wp_by_id, g_hash_table_unref);
  g_clear_pointer (&x->eval_by_wp, g_hash_table_unref);
  g_clear_pointer (&x->units, g_ptr_array_unref);
  g_clear_pointer (&x->professions, g_ptr_array_unref);
  g_clear_pointer (&x->workplaces, g_ptr_array_unref);
  g_clear_pointer (&x->members, g_ptr_array_unref);
  g_clear_pointer (&x->evaluation, json_object_unref);
  g_clear_pointer (&x->fingerprint, g_free);
}

gboolean
kepil_export_document (KepilDb *db, const char *document, const char *lang, gint64 campaign_id,
                       const char *out_path, GCancellable *cancellable, GError **error)
{
  KepilExport x = { 0 };
  lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
  g_autofree char *tmpdir = NULL;
  g_autofree char *abs = NULL;
  lxw_error rc;
  int w = -1;
  gboolean ok = FALSE;

  g_return_val_if_fail (KEPIL_IS_DB (db), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    if (g_strcmp0 (document, writers[i].name) == 0)
      w = (int) i;
  if (w < 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("Unknown document “%s”: choose act, order, protocols, results, comparison or leave-roster."),
                   document ? document : "");
      return FALSE;
    }
  if (lang == NULL)
    lang = "kk+ru";
  if (!g_strv_contains (languages, lang))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("Unknown language “%s” of a document: choose kk, ru or kk+ru."), lang);
      return FALSE;
    }
  if (out_path == NULL || *out_path == '\0')
    {
      g_set_error_literal (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("The export needs a file to write."));
      return FALSE;
    }
  if (writers[w].need_evaluation && !kepil_export_document_available (document))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_FAILED,
                   _("This build of Kepil has no evaluation engine, so it cannot write the document “%s”."), document);
      return FALSE;
    }

  x.db = db;
  x.lang = lang;
  x.cancellable = cancellable;
  x.strings = g_string_chunk_new (4096);
  x.labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  if (!load_labels (&x, error) ||
      !kx_load (&x, campaign_id, writers[w].need_campaign, error))
    goto out;
  if (writers[w].need_evaluation && !kx_evaluate (&x, error))
    goto out;
  if (kx_cancelled (&x, error))
    goto out;

  /* The temporary files of constant-memory mode go beside the output, so a
   * full /tmp does not break a large act. */
  abs = g_canonicalize_filename (out_path, NULL);
  tmpdir = g_path_get_dirname (abs);
  opts.tmpdir = tmpdir;
  x.wb = workbook_new_opt (abs, &opts);
  if (x.wb == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("Cannot create the workbook “%s”."), out_path);
      goto out;
    }
  {
    lxw_doc_properties props = { 0 };
    props.title = (char *) kepil_export_document_title (document);
    props.company = (char *) kepil_json_str (x.enterprise, "name_ru", "");
    props.comments = (char *) "Kepil";
    workbook_set_properties (x.wb, &props);
  }
  make_formats (&x);
  if (!writers[w].write (&x, error))
    {
      workbook_close (x.wb);
      g_unlink (abs);
      goto out;
    }
  rc = workbook_close (x.wb);
  x.wb = NULL;
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("Cannot write the workbook “%s”: %s."), out_path,
                   lxw_strerror (rc));
      goto out;
    }
  ok = TRUE;
out:
  export_clear (&x);
  return ok;
}
