/* kepil-export-results.c — appendix 6: workplaces per class of working conditions per factor, men and women
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#define KEPIL_EXPORT_INTERNAL
#include "kepil-export.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <string.h>

/* The factor rows in the order of the form; others found are added after the
 * physical factors, the process factors and the overall class come last. */
static const char *const order[] = {
  "lighting", "microclimate", "noise", "emf", "chemical", "aerosol", "dust", "biological", "infrasound", "ultrasound",
  "vibration_local", "vibration_general", "vibration", "non_ionising", "ionising", NULL
};

static void
collect_factors (KepilExport *x, GPtrArray *out)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) extra = g_ptr_array_new ();

  for (guint i = 0; i < x->workplaces->len; i++)
    {
      JsonObject *e = kx_eval_wp (x, kepil_json_int (g_ptr_array_index (x->workplaces, i), "id", 0));
      JsonObject *c = e && json_object_has_member (e, "classes") ? json_object_get_object_member (e, "classes") : NULL;
      JsonArray *a = c && json_object_has_member (c, "factors") ? json_object_get_array_member (c, "factors") : NULL;
      for (guint j = 0; a != NULL && j < json_array_get_length (a); j++)
        {
          const char *f = kepil_json_str (json_array_get_object_element (a, j), "factor", "");
          if (*f && !g_hash_table_contains (seen, f))
            g_hash_table_add (seen, (gpointer) g_string_chunk_insert_const (x->strings, f));
        }
    }
  for (guint i = 0; order[i]; i++)
    if (g_hash_table_contains (seen, order[i]))
      g_ptr_array_add (out, (gpointer) order[i]);
  {
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init (&it, seen);
    while (g_hash_table_iter_next (&it, &k, NULL))
      if (!g_strv_contains ((const char *const *) order, k) && !g_str_equal (k, "heaviness") &&
          !g_str_equal (k, "intensity"))
        g_ptr_array_add (extra, k);
    g_ptr_array_sort (extra, (GCompareFunc) g_strcmp0);
    for (guint i = 0; i < extra->len; i++)
      g_ptr_array_add (out, g_ptr_array_index (extra, i));
  }
  g_ptr_array_add (out, (gpointer) "heaviness");
  g_ptr_array_add (out, (gpointer) "intensity");
  g_ptr_array_add (out, (gpointer) "overall");
}

gboolean
kx_write_results (KepilExport *x, GError **error)
{
  lxw_worksheet *ws = kx_sheet (x, N_("Results"));
  g_autoptr (GPtrArray) factors = g_ptr_array_new ();
  static const char *codes[] = { "1", "2", "3.1", "3.2", "3.3", "3.4", "4" };
  const int ncols = 10;
  int r = 0, head, overall_row = 0;
  const char *form = "report";

  collect_factors (x, factors);
  worksheet_set_column (ws, 0, 0, 34, NULL);
  worksheet_set_column (ws, 1, 1, 14, NULL);
  worksheet_set_column (ws, 2, 8, 8, NULL);
  worksheet_set_column (ws, 9, 9, 9, NULL);
  kx_title (x, ws, r++, ncols, kx_t (x, N_("Appendix 6 to the Rules of attestation (Order No. 1057)")), x->f_small, 0);
  kx_title (x, ws, r++, ncols, kx_form (x, form, "title", "1",
                                        N_("Report of the results of the obligatory periodic attestation of production facilities by working conditions")),
            x->f_title, 40);
  {
    const char *addr = kepil_json_str (x->enterprise, "address", "");
    g_autofree char *cust = g_strdup_printf ("1. %s: %s%s%s", kx_form (x, form, "header", "1", N_("Name and address of the customer")),
                                             kx_enterprise_name (x), *addr ? ", " : "", addr);
    gint64 nwp = 0;
    g_autofree char *cnt = NULL, *date = NULL;
    for (guint i = 0; i < x->workplaces->len; i++)
      nwp += kepil_json_int (g_ptr_array_index (x->workplaces, i), "count", 1);
    cnt = g_strdup_printf ("4. %s: %ld", kx_form (x, form, "header", "4", N_("Number of workplaces")), nwp);
    date = g_strdup_printf ("5. %s: %s – %s", kx_form (x, form, "header", "5", N_("Date of the assessment")),
                            kx_date_text (x, x->campaign ? kepil_json_str (x->campaign, "measured_from", "") : ""),
                            kx_date_text (x, x->campaign ? kepil_json_str (x->campaign, "measured_to", "") : ""));
    kx_title (x, ws, r++, ncols, cust, x->f_text, 30);
    kx_title (x, ws, r++, ncols, cnt, x->f_text, 0);
    kx_title (x, ws, r++, ncols, date, x->f_text, 0);
  }
  {
    g_autofree char *t = g_strdup_printf ("6. %s", kx_form (x, form, "header", "6", N_("Results of the assessment of working conditions")));
    kx_title (x, ws, r++, ncols, t, x->f_text, 0);
  }
  head = r;
  worksheet_set_row (ws, r, 42, NULL);
  kx_str (ws, r, 0, kx_form (x, form, "table", "1", N_("Factors")), x->f_head);
  kx_str (ws, r, 1, kx_t (x, N_("Workplaces, workers")), x->f_head);
  kx_str (ws, r, 2, kx_t (x, N_("Optimal")), x->f_head);
  kx_str (ws, r, 3, kx_form (x, form, "class_cols", "1", N_("Permissible")), x->f_head);
  worksheet_merge_range (ws, r, 4, r, 7, kx_form (x, form, "class_cols", "2", N_("Harmful, heavy and intense")), x->f_head);
  kx_str (ws, r, 8, kx_form (x, form, "class_cols", "3", N_("Dangerous (extreme)")), x->f_head);
  kx_str (ws, r, 9, kx_t (x, N_("Total")), x->f_head);
  r++;
  kx_str (ws, r, 0, "", x->f_head);
  kx_str (ws, r, 1, "", x->f_head);
  for (int k = 0; k < 7; k++)
    kx_str (ws, r, 2 + k, codes[k], x->f_head);
  kx_str (ws, r, 9, "", x->f_head);
  r++;
  kx_print (x, ws, TRUE, head, r - 1);
  worksheet_freeze_panes (ws, r, 1);

  for (guint f = 0; f < factors->len; f++)
    {
      const char *factor = g_ptr_array_index (factors, f);
      gint64 n[3][7] = { { 0 } };
      const char *rows[3];
      if (kx_cancelled (x, error))
        return FALSE;
      for (guint i = 0; i < x->workplaces->len; i++)
        {
          JsonObject *wp = g_ptr_array_index (x->workplaces, i);
          int k = kx_class_index (kx_factor_class (x, kepil_json_int (wp, "id", 0), factor));
          if (k < 0)
            continue;
          n[0][k] += kepil_json_int (wp, "count", 1);
          n[1][k] += kepil_json_int (wp, "men", 0);
          n[2][k] += kepil_json_int (wp, "women", 0);
        }
      rows[0] = kx_t (x, N_("workplaces"));
      rows[1] = kx_form (x, form, "factor_subrows", "1", N_("men"));
      rows[2] = kx_form (x, form, "factor_subrows", "2", N_("women"));
      if (g_str_equal (factor, "overall"))
        overall_row = r;
      for (int s = 0; s < 3; s++, r++)
        {
          gint64 tot = 0;
          kx_str (ws, r, 0, s == 0 ? kx_factor_name (x, factor) : "", s == 0 ? x->f_total : x->f_cell);
          kx_str (ws, r, 1, rows[s], x->f_cell);
          for (int k = 0; k < 7; k++)
            {
              worksheet_write_number (ws, r, 2 + k, (double) n[s][k], s == 0 ? x->f_total_int : x->f_int);
              tot += n[s][k];
            }
          worksheet_write_number (ws, r, 9, (double) tot, s == 0 ? x->f_total_int : x->f_int);
        }
    }
  r++;
  {
    /* The chart: workplaces, men and women per class of the overall assessment. */
    lxw_chart *chart = workbook_add_chart (x->wb, LXW_CHART_COLUMN);
    lxw_chart_options opt = { .x_offset = 10, .y_offset = 10, .x_scale = 1.6, .y_scale = 1.2 };
    const char *sheet = ws->name;
    for (int s = 0; s < 3; s++)
      {
        lxw_chart_series *ser = chart_add_series (chart, NULL, NULL);
        chart_series_set_categories (ser, sheet, head + 1, 2, head + 1, 8);
        chart_series_set_values (ser, sheet, overall_row + s, 2, overall_row + s, 8);
        chart_series_set_name_range (ser, sheet, overall_row + s, 1);
      }
    chart_title_set_name (chart, kx_form (x, form, "factor_rows", "7", N_("Overall assessment of working conditions")));
    chart_axis_set_name (chart->x_axis, kx_form (x, "summary", "results_table", "8", N_("Classes of working conditions")));
    chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
    worksheet_insert_chart_opt (ws, r, 0, chart, &opt);
    r += 20;
  }
  r++;
  {
    g_autofree char *a = g_strdup_printf ("%s ____________________", kx_form (x, form, "signature", "1", N_("Assessment carried out by")));
    g_autofree char *b = g_strdup_printf ("%s ____________________", kx_form (x, form, "signature", "2", N_("Agreed")));
    g_autofree char *c = g_strdup_printf ("%s ____________________", kx_form (x, form, "signature", "3", N_("Representative of the organisation")));
    worksheet_set_row (ws, r, 24, NULL);
    kx_str (ws, r++, 0, a, NULL);
    worksheet_set_row (ws, r, 24, NULL);
    kx_str (ws, r++, 0, b, NULL);
    worksheet_set_row (ws, r, 24, NULL);
    kx_str (ws, r++, 0, c, NULL);
  }
  return TRUE;
}
