/* kepil-export-comparison.c — the List next to the risk model: per kind, per workplace, flags and costs
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#define KEPIL_EXPORT_INTERNAL
#include "kepil-export.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

static const struct { const char *key, *msgid; } kinds[] = {
  { "leave", N_("Additional leave") },
  { "hours", N_("Shortened working time") },
  { "pay", N_("Increased pay") },
  { "oppv", N_("OPPV") },
  { "milk", N_("Milk") },
  { "lpp", N_("Therapeutic-preventive nutrition") },
};

static const char *
kind_name (KepilExport *x, const char *kind)
{
  static const struct { const char *key, *msgid; } more[] = {
    { "leave_days", N_("Additional leave") }, { "hours_per_week", N_("Shortened working time") },
    { "pay_percent", N_("Increased pay") }, { "early_pension", N_("Early retirement (Lists 1, 2)") },
    { "medical", N_("Medical examinations") }, { "ppe", N_("PPE") },
  };
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].key) == 0)
      return kx_t (x, kinds[i].msgid);
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    if (g_strcmp0 (kind, more[i].key) == 0)
      return kx_t (x, more[i].msgid);
  return kind;
}

static JsonObject *
member_obj (JsonObject *o, const char *m)
{
  return o && json_object_has_member (o, m) && JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, m))
         ? json_object_get_object_member (o, m) : NULL;
}

static JsonArray *
member_arr (JsonObject *o, const char *m)
{
  return o && json_object_has_member (o, m) && JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, m))
         ? json_object_get_array_member (o, m) : NULL;
}

static char *
flags_text (JsonArray *flags)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; flags != NULL && i < json_array_get_length (flags); i++)
    {
      JsonObject *f = json_array_get_object_element (flags, i);
      if (s->len)
        g_string_append (s, "; ");
      g_string_append (s, kepil_json_str (f, "text", kepil_json_str (f, "code", "")));
    }
  return g_string_free (s, FALSE);
}

gboolean
kx_write_comparison (KepilExport *x, GError **error)
{
  JsonObject *ee = kx_eval_enterprise (x);
  JsonObject *costs = member_obj (ee, "costs");
  lxw_worksheet *sum = kx_sheet (x, N_("Summary"));
  lxw_worksheet *ws;
  const char *heads[13];
  int r = 0, head, first;

  /* Summary: yearly costs per kind, List and model, with a chart. */
  worksheet_set_column (sum, 0, 0, 36, NULL);
  worksheet_set_column (sum, 1, 3, 18, NULL);
  kx_title (x, sum, r++, 4, kx_t (x, N_("Comparison of the guarantees of the List and of the risk model")), x->f_title, 36);
  kx_title (x, sum, r++, 4, kx_enterprise_name (x), x->f_subtitle, 0);
  if (ee != NULL)
    {
      g_autofree char *flags = flags_text (member_arr (ee, "flags"));
      if (*flags)
        kx_title (x, sum, r++, 4, kx_tf (x, N_("Flags of the enterprise: %s"), flags), x->f_text, 44);
    }
  r++;
  heads[0] = kx_t (x, N_("Guarantee"));
  heads[1] = kx_t (x, N_("List, tenge a year"));
  heads[2] = kx_t (x, N_("Risk model, tenge a year"));
  heads[3] = kx_t (x, N_("Difference"));
  head = r;
  kx_table_head (x, sum, r++, heads, 4, 32);
  kx_print (x, sum, FALSE, head, head);
  first = r;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++, r++)
    {
      double l = kepil_json_double (member_obj (costs, "list"), kinds[k].key, 0);
      double m = kepil_json_double (member_obj (costs, "model"), kinds[k].key, 0);
      kx_str (sum, r, 0, kx_t (x, kinds[k].msgid), x->f_cell);
      worksheet_write_number (sum, r, 1, l, x->f_money);
      worksheet_write_number (sum, r, 2, m, x->f_money);
      worksheet_write_number (sum, r, 3, m - l, x->f_money);
    }
  {
    double l = kepil_json_double (member_obj (costs, "list"), "total", 0);
    double m = kepil_json_double (member_obj (costs, "model"), "total", 0);
    kx_str (sum, r, 0, kx_t (x, N_("Total")), x->f_total);
    worksheet_write_number (sum, r, 1, l, x->f_total_money);
    worksheet_write_number (sum, r, 2, m, x->f_total_money);
    worksheet_write_number (sum, r, 3, json_object_has_member (costs ? costs : ee, "difference")
                                       ? kepil_json_double (costs, "difference", m - l) : m - l, x->f_total_money);
    r += 2;
  }
  {
    lxw_chart *chart = workbook_add_chart (x->wb, LXW_CHART_BAR);
    lxw_chart_options opt = { .x_offset = 5, .y_offset = 5, .x_scale = 1.5, .y_scale = 1.2 };
    for (int s = 1; s <= 2; s++)
      {
        lxw_chart_series *ser = chart_add_series (chart, NULL, NULL);
        chart_series_set_categories (ser, sum->name, first, 0, first + (int) G_N_ELEMENTS (kinds) - 1, 0);
        chart_series_set_values (ser, sum->name, first, s, first + (int) G_N_ELEMENTS (kinds) - 1, s);
        chart_series_set_name_range (ser, sum->name, head, s);
      }
    chart_title_set_name (chart, kx_t (x, N_("Yearly cost of the guarantees")));
    chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
    worksheet_insert_chart_opt (sum, r, 0, chart, &opt);
  }

  /* Per workplace and kind. */
  ws = kx_sheet (x, N_("By kind"));
  {
    static const int widths[] = { 12, 26, 9, 8, 8, 12, 22, 11, 11, 11, 30, 30, 11 };
    for (int c = 0; c < 13; c++)
      worksheet_set_column (ws, c, c, widths[c], NULL);
  }
  r = 0;
  kx_title (x, ws, r++, 13, kx_t (x, N_("Comparison of the guarantees of the List and of the risk model")), x->f_title, 24);
  heads[0] = kx_form (x, "summary", "results_table", "1", N_("Workplace code"));
  heads[1] = kx_form (x, "summary", "results_table", "2", N_("Professions and positions"));
  heads[2] = kx_t (x, N_("Workers"));
  heads[3] = kx_t (x, N_("Class"));
  heads[4] = kx_t (x, N_("R_ind"));
  heads[5] = kx_t (x, N_("Risk level"));
  heads[6] = kx_t (x, N_("Guarantee"));
  heads[7] = kx_t (x, N_("List"));
  heads[8] = kx_t (x, N_("Attestation"));
  heads[9] = kx_t (x, N_("Risk model"));
  heads[10] = kx_t (x, N_("Rule of the List"));
  heads[11] = kx_t (x, N_("Rule of the model"));
  heads[12] = kx_t (x, N_("Difference"));
  head = r;
  kx_table_head (x, ws, r++, heads, 13, 44);
  kx_print (x, ws, TRUE, head, head);
  worksheet_freeze_panes (ws, r, 2);
  worksheet_autofilter (ws, head, 0, head, 12);
  for (guint i = 0; i < x->workplaces->len; i++)
    {
      JsonObject *wp = g_ptr_array_index (x->workplaces, i);
      JsonObject *e = kx_eval_wp (x, kepil_json_int (wp, "id", 0));
      JsonArray *rows = member_arr (e, "comparison");
      if ((i & 1023) == 0 && kx_cancelled (x, error))
        return FALSE;
      for (guint j = 0; rows != NULL && j < json_array_get_length (rows); j++, r++)
        {
          JsonObject *c = json_array_get_object_element (rows, j);
          kx_str (ws, r, 0, kepil_json_str (wp, "code", ""), x->f_cell);
          kx_str (ws, r, 1, kx_name (x, kx_lookup (x->prof_by_id, kepil_json_int (wp, "profession_id", 0)), "name"), x->f_cell);
          worksheet_write_number (ws, r, 2, (double) kx_headcount (x, wp), x->f_int);
          kx_str (ws, r, 3, kx_factor_class (x, kepil_json_int (wp, "id", 0), "overall"), x->f_cell_c);
          worksheet_write_number (ws, r, 4, kepil_json_double (e, "r_ind", 0), x->f_num);
          kx_str (ws, r, 5, kx_level (x, kepil_json_str (e, "level", "")), x->f_cell_c);
          kx_str (ws, r, 6, kind_name (x, kepil_json_str (c, "kind", "")), x->f_cell);
          kx_value (x, ws, r, 7, json_object_has_member (c, "list") ? json_object_get_member (c, "list") : NULL);
          kx_value (x, ws, r, 8, json_object_has_member (c, "attestation") ? json_object_get_member (c, "attestation") : NULL);
          kx_value (x, ws, r, 9, json_object_has_member (c, "model") ? json_object_get_member (c, "model") : NULL);
          kx_str (ws, r, 10, kepil_json_str (c, "rule_list", ""), x->f_small);
          kx_str (ws, r, 11, kepil_json_str (c, "rule_model", ""), x->f_small);
          kx_value (x, ws, r, 12, json_object_has_member (c, "difference") ? json_object_get_member (c, "difference") : NULL);
        }
    }

  /* Per workplace: costs and flags. */
  ws = kx_sheet (x, N_("Costs and flags"));
  {
    static const int widths[] = { 12, 28, 9, 8, 12, 14, 14, 14, 50 };
    for (int c = 0; c < 9; c++)
      worksheet_set_column (ws, c, c, widths[c], NULL);
  }
  r = 0;
  kx_title (x, ws, r++, 9, kx_t (x, N_("Yearly costs and flags of each workplace")), x->f_title, 24);
  heads[0] = kx_form (x, "summary", "results_table", "1", N_("Workplace code"));
  heads[1] = kx_form (x, "summary", "results_table", "2", N_("Professions and positions"));
  heads[2] = kx_t (x, N_("Workers"));
  heads[3] = kx_t (x, N_("Class"));
  heads[4] = kx_t (x, N_("Risk level"));
  heads[5] = kx_t (x, N_("List, tenge a year"));
  heads[6] = kx_t (x, N_("Risk model, tenge a year"));
  heads[7] = kx_t (x, N_("Difference"));
  heads[8] = kx_t (x, N_("Flags"));
  head = r;
  kx_table_head (x, ws, r++, heads, 9, 44);
  kx_print (x, ws, TRUE, head, head);
  worksheet_freeze_panes (ws, r, 2);
  worksheet_autofilter (ws, head, 0, head, 8);
  for (guint i = 0; i < x->workplaces->len; i++, r++)
    {
      JsonObject *wp = g_ptr_array_index (x->workplaces, i);
      JsonObject *e = kx_eval_wp (x, kepil_json_int (wp, "id", 0));
      JsonObject *c = member_obj (e, "costs");
      g_autofree char *flags = flags_text (member_arr (e, "flags"));
      double l = kepil_json_double (member_obj (c, "list"), "total", 0);
      double m = kepil_json_double (member_obj (c, "model"), "total", 0);
      kx_str (ws, r, 0, kepil_json_str (wp, "code", ""), x->f_cell);
      kx_str (ws, r, 1, kx_name (x, kx_lookup (x->prof_by_id, kepil_json_int (wp, "profession_id", 0)), "name"), x->f_cell);
      worksheet_write_number (ws, r, 2, (double) kx_headcount (x, wp), x->f_int);
      kx_str (ws, r, 3, kx_factor_class (x, kepil_json_int (wp, "id", 0), "overall"), x->f_cell_c);
      kx_str (ws, r, 4, kx_level (x, kepil_json_str (e, "level", "")), x->f_cell_c);
      worksheet_write_number (ws, r, 5, l, x->f_money);
      worksheet_write_number (ws, r, 6, m, x->f_money);
      worksheet_write_number (ws, r, 7, kepil_json_double (c, "difference", m - l), x->f_money);
      kx_str (ws, r, 8, flags, x->f_small);
    }
  return TRUE;
}
