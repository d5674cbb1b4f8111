/* kepil-import-template.c — the import templates (CSV and XLSX) and the measurements written as a template
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-import.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <string.h>
#include <xlsxwriter.h>

static void
csv_field (GString *out, const char *text)
{
  if (strpbrk (text, ";\t\"\r\n") == NULL && text[0] != ' ')
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The header of a column in @lang: NULL/"en" the canonical name, "kk"/"ru" the
 * label, "kk+ru" both labels. */
static char *
header_text (const KepilImportField *f, const char *lang)
{
  if (lang == NULL || g_str_equal (lang, "en") || lang[0] == '\0')
    return g_strdup (f->name);
  if (g_str_equal (lang, "kk+ru") || g_str_equal (lang, "ru+kk"))
    return g_strdup_printf ("%s / %s", kepil_i18n_gettext_in ("kk", f->label), kepil_i18n_gettext_in ("ru", f->label));
  return g_strdup (kepil_i18n_gettext_in (lang, f->label));
}

static gboolean
check_lang (const char *lang, GError **error)
{
  if (lang == NULL || g_str_equal (lang, "") || g_str_equal (lang, "en") || g_str_equal (lang, "kk") ||
      g_str_equal (lang, "ru") || g_str_equal (lang, "kk+ru") || g_str_equal (lang, "ru+kk"))
    return TRUE;
  g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("The template language must be kk, ru, kk+ru or en, not “%s”."),
               lang);
  return FALSE;
}

static gboolean
write_xlsx_template (const char *path, const char *kind, const char *lang, GError **error)
{
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws, *help;
  lxw_format *bold, *text;
  const int *f = NULL;
  guint n = kepil_import_kind_fields (kind, &f);
  const char *hlang = (lang == NULL || g_str_equal (lang, "en") || lang[0] == '\0') ? kepil_i18n_language () : lang;
  lxw_error rc;

  if (wb == NULL)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The template %s cannot be written."), path);
      return FALSE;
    }
  ws = workbook_add_worksheet (wb, kind);
  help = workbook_add_worksheet (wb, "fields");
  bold = workbook_add_format (wb);
  format_set_bold (bold);
  format_set_text_wrap (bold);
  text = workbook_add_format (wb);
  format_set_num_format (text, "@");
  for (guint i = 0; i < n; i++)
    {
      const KepilImportField *d = kepil_import_field (f[i]);
      g_autofree char *h = header_text (d, lang);
      const char *hl = g_str_has_prefix (hlang, "kk+") ? "kk" : hlang;
      worksheet_write_string (ws, 0, (lxw_col_t) i, h, bold);
      /* Codes, names and dates typed as text keep their leading zeros and form. */
      worksheet_set_column (ws, (lxw_col_t) i, (lxw_col_t) i, strlen (h) > 14 ? (double) strlen (h) / 1.5 : 14,
                            f[i] == KEPIL_IMPORT_F_CODE ? text : NULL);
      worksheet_write_string (help, (lxw_row_t) i + 1, 0, d->name, NULL);
      worksheet_write_string (help, (lxw_row_t) i + 1, 1, kepil_i18n_gettext_in (hl, d->label), NULL);
      worksheet_write_string (help, (lxw_row_t) i + 1, 2, kepil_i18n_gettext_in (hl, d->help), NULL);
      worksheet_write_string (help, (lxw_row_t) i + 1, 3, d->required ? kepil_i18n_gettext_in (hl, N_("required"))
                                                                       : "", NULL);
    }
  worksheet_freeze_panes (ws, 1, 0);
  worksheet_write_string (help, 0, 0, "field", bold);
  worksheet_write_string (help, 0, 1, "label", bold);
  worksheet_write_string (help, 0, 2, "format", bold);
  worksheet_set_column (help, 0, 1, 22, NULL);
  worksheet_set_column (help, 2, 2, 60, NULL);
  if (g_str_equal (kind, "measurements"))
    {
      g_autofree char *factors = g_strjoinv (", ", (char **) kepil_import_factor_names ());
      worksheet_write_string (help, (lxw_row_t) n + 2, 0, "factor", bold);
      worksheet_write_string (help, (lxw_row_t) n + 2, 2, factors, NULL);
    }
  rc = workbook_close (wb);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The template %s cannot be written: %s"), path,
                   lxw_strerror (rc));
      return FALSE;
    }
  return TRUE;
}

gboolean
kepil_import_write_template_kind (const char *path, const char *kind, const char *lang, GError **error)
{
  const int *f = NULL;
  guint n = kepil_import_kind_fields (kind, &f);
  g_autoptr (GString) out = NULL;
  g_autoptr (GError) local = NULL;

  if (n == 0)
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                   _("Unknown kind of import “%s”; use measurements or workplaces."), kind ? kind : "");
      return FALSE;
    }
  if (!check_lang (lang, error))
    return FALSE;
  if (g_str_has_suffix (path, ".xlsx") || g_str_has_suffix (path, ".XLSX"))
    return write_xlsx_template (path, kind, lang, error);
  if (!g_str_has_suffix (path, ".csv") && !g_str_has_suffix (path, ".CSV"))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID, _("The template's name must end in .csv or .xlsx: %s"),
                   path);
      return FALSE;
    }
  /* A BOM, so that Excel opens the UTF-8 text as UTF-8. */
  out = g_string_new ("\xEF\xBB\xBF");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *h = header_text (kepil_import_field (f[i]), lang);
      if (i > 0)
        g_string_append_c (out, ';');
      csv_field (out, h);
    }
  g_string_append (out, "\r\n");
  if (!g_file_set_contents (path, out->str, (gssize) out->len, &local))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The template %s cannot be written: %s"), path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
kepil_import_write_template (const char *path, const char *lang, GError **error)
{
  return kepil_import_write_template_kind (path, "measurements", lang, error);
}

/* A number exactly as stored (shortest text that reads back the same), with
 * a decimal comma as the template asks. */
static char *
exact_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *s;

  /* Fixed notation with the fewest decimals that read back exactly. */
  g_ascii_dtostr (buf, sizeof buf, v);
  for (int d = 0; d <= 20; d++)
    {
      char fmt[8], try[G_ASCII_DTOSTR_BUF_SIZE];
      g_snprintf (fmt, sizeof fmt, "%%.%df", d);
      g_ascii_formatd (try, sizeof try, fmt, v);
      if (g_ascii_strtod (try, NULL) == v)
        {
          memcpy (buf, try, sizeof buf);
          break;
        }
    }
  s = g_strdup (buf);
  for (char *p = s; *p; p++)
    if (*p == '.')
      *p = ',';
  return s;
}

gboolean
kepil_import_export_template_data (KepilDb *db, const char *path, GError **error)
{
  const char * const *names = kepil_import_fields ("measurements");
  g_autoptr (GPtrArray) rows = kepil_store_import_export_rows (db, error);
  g_autoptr (GString) out = NULL;
  g_autoptr (GError) local = NULL;

  if (rows == NULL)
    return FALSE;
  out = g_string_new ("\xEF\xBB\xBF");
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ';');
      g_string_append (out, names[i]);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < rows->len; r++)
    {
      JsonObject *o = g_ptr_array_index (rows, r);
      for (guint i = 0; names[i] != NULL; i++)
        {
          JsonNode *n = json_object_get_member (o, names[i]);
          g_autofree char *t = NULL;
          if (i > 0)
            g_string_append_c (out, ';');
          if (n == NULL || JSON_NODE_HOLDS_NULL (n))
            continue;
          if (json_node_get_value_type (n) == G_TYPE_DOUBLE)
            t = exact_number (json_node_get_double (n));
          else if (json_node_get_value_type (n) == G_TYPE_INT64)
            t = g_strdup_printf ("%ld", json_node_get_int (n));
          else if (g_str_equal (names[i], "measured_on"))
            t = kepil_format_date (json_node_get_string (n));
          else
            t = g_strdup (json_node_get_string (n));
          csv_field (out, t);
        }
      g_string_append (out, "\r\n");
    }
  if (!g_file_set_contents (path, out->str, (gssize) out->len, &local))
    {
      g_set_error (error, KEPIL_ERROR, KEPIL_ERROR_IO, _("The file %s cannot be written: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}
