/* kepil-export-protocols.c — appendices 1–5 of the Rules (Order No. 1057): the summary protocol of
 * measurements, heaviness and intensity protocols per workplace, injury safety and PPE provision
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#define KEPIL_EXPORT_INTERNAL
#include "kepil-export.h"
#include "kepil-entity.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <string.h>
#include "kepil-labels.h"

static const char *
indicator_label (KepilExport *x, const char *form, const char *agent)
{
  g_autofree char *key = g_strdup_printf ("%s/indicator/%s", form, agent);
  const char *row_form, *row;

  if (g_hash_table_contains (x->labels, key))
    return kx_form (x, form, "indicator", agent, agent);
  if (kepil_indicator_form_row (agent, &row_form, &row) && g_str_equal (row_form, form))
      {
        /* The source gives some sub-rows in Russian only: the parent row names them in Kazakh. */
        g_autofree char *k2 = g_strdup_printf ("%s/indicator/%s", form, row);
        char **pair = g_hash_table_lookup (x->labels, k2);
        if (pair != NULL && pair[0][0] == '\0' && g_strcmp0 (x->lang, "ru") != 0)
          {
            g_autofree char *parent = g_strndup (row, 3);
            g_autofree char *kp = g_strdup_printf ("%s/indicator/%s", form, parent);
            char **pp = g_hash_table_lookup (x->labels, kp);
            const char *kk = pp ? pp[0] : agent;
            g_autofree char *both = g_strcmp0 (x->lang, "kk") == 0
                                    ? g_strdup_printf ("%s (%s)", kk, row)
                                    : g_strdup_printf ("%s (%s) / %s", kk, row, pair[1]);
            return g_string_chunk_insert_const (x->strings, both);
          }
        return kx_form (x, form, "indicator", row, agent);
      }
  return agent;
}

/* Measurements (or assessments, PPE rows) grouped by workplace id, in id order. */
static GHashTable *
group_by_workplace (KepilExport *x, const char *entity, GError **error)
{
  g_autoptr (GPtrArray) all = kepil_entity_list (x->db, entity, NULL, 0, error);
  GHashTable *h;

  if (all == NULL)
    return NULL;
  h = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *o = g_ptr_array_index (all, i);
      gint64 wid = kepil_json_int (o, "workplace_id", 0);
      GPtrArray *list;
      if (kx_lookup (x->wp_by_id, wid) == NULL)
        continue;
      list = g_hash_table_lookup (h, &wid);
      if (list == NULL)
        {
          gint64 *k = g_new (gint64, 1);
          *k = wid;
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
          g_hash_table_insert (h, k, list);
        }
      g_ptr_array_add (list, json_object_ref (o));
    }
  return h;
}

static const char *
profession (KepilExport *x, JsonObject *wp)
{
  return kx_name (x, kx_lookup (x->prof_by_id, kepil_json_int (wp, "profession_id", 0)), "name");
}

static int
header_field (KepilExport *x, lxw_worksheet *ws, int r, int ncols, const char *form, const char *order,
              const char *fallback, const char *value)
{
  g_autofree char *t = g_strdup_printf ("%s. %s: %s", order, kx_form (x, form, "header", order, fallback),
                                        value && *value ? value : "—");
  kx_title (x, ws, r, ncols, t, x->f_text, 0);
  return r + 1;
}

static const char *
customer (KepilExport *x)
{
  const char *addr = kepil_json_str (x->enterprise, "address", "");
  if (*addr == '\0')
    return kx_enterprise_name (x);
  {
    g_autofree char *s = g_strdup_printf ("%s, %s", kx_enterprise_name (x), addr);
    return g_string_chunk_insert_const (x->strings, s);
  }
}

static const char *
period (KepilExport *x)
{
  if (x->campaign == NULL)
    return "—";
  {
    g_autofree char *s = g_strdup_printf ("%s – %s", kx_date_text (x, kepil_json_str (x->campaign, "measured_from", "")),
                                          kx_date_text (x, kepil_json_str (x->campaign, "measured_to", "")));
    return g_string_chunk_insert_const (x->strings, s);
  }
}

static const char *
place (KepilExport *x, JsonObject *wp)
{
  JsonObject *u = kx_lookup (x->unit_by_id, kepil_json_int (wp, "unit_id", 0));
  return u ? kx_name (x, u, "name") : "";
}

static void
signatures (KepilExport *x, lxw_worksheet *ws, int *r, const char *form, const char *fallback_lab)
{
  g_autofree char *who = g_strdup_printf ("%s: ____________________ %s", kx_form (x, form, "signature", "1",
                                          N_("Assessment carried out by")),
                                          kx_form (x, form, "signature", "2", fallback_lab));
  g_autofree char *rep = g_strdup_printf ("%s: ____________________", kx_form (x, form, "signature", "3",
                                          N_("Representative of the organisation")));
  worksheet_set_row (ws, *r, 24, NULL);
  kx_str (ws, (*r)++, 0, who, NULL);
  worksheet_set_row (ws, *r, 24, NULL);
  kx_str (ws, (*r)++, 0, rep, NULL);
}

static void
measured_value (KepilExport *x, lxw_worksheet *ws, int r, int c, JsonObject *m, const char *member)
{
  JsonNode *n = json_object_has_member (m, member) ? json_object_get_member (m, member) : NULL;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    worksheet_write_blank (ws, r, c, x->f_num);
  else
    worksheet_write_number (ws, r, c, json_node_get_double (n), x->f_num);
}

/* Appendix 1: one row per measured factor, the class in its column. */
static gboolean
write_summary (KepilExport *x, GHashTable *by_wp, GError **error)
{
  lxw_worksheet *ws = kx_sheet (x, N_("1 Measurements"));
  const char *form = "summary";
  int r = 0, head;
  static const int widths[] = { 12, 26, 9, 26, 20, 11, 11, 7, 7, 7, 7, 7, 7 };
  static const char *codes[] = { "2", "3.1", "3.2", "3.3", "3.4", "4" };

  for (int c = 0; c < 13; c++)
    worksheet_set_column (ws, c, c, widths[c], NULL);
  kx_title (x, ws, r++, 13, kx_t (x, N_("Appendix 1 to the Rules of attestation (Order No. 1057)")), x->f_small, 0);
  kx_title (x, ws, r++, 13, kx_form (x, form, "title", "1", N_("Protocol of measurements of harmful production factors")),
            x->f_title, 36);
  r = header_field (x, ws, r, 13, form, "1", N_("Name and address of the customer"), customer (x));
  r = header_field (x, ws, r, 13, form, "2", N_("Place of the measurements"), kepil_json_str (x->enterprise, "address", ""));
  r = header_field (x, ws, r, 13, form, "3", N_("Date of the measurements"), period (x));
  if (x->campaign != NULL)
    {
      g_autofree char *org = g_strdup_printf ("%s: %s (%s)", kx_t (x, N_("Accredited organisation")),
                                              kepil_json_str (x->campaign, "organisation", ""),
                                              kepil_json_str (x->campaign, "certificate_no", ""));
      kx_title (x, ws, r++, 13, org, x->f_text, 0);
    }
  r = header_field (x, ws, r, 13, form, "11", N_("Results of the measurements of harmful production factors"), " ");
  head = r;
  {
    const char *heads[7];
    heads[0] = kx_form (x, form, "results_table", "1", N_("Workplace code"));
    heads[1] = kx_form (x, form, "results_table", "2", N_("Professions and positions"));
    heads[2] = kx_form (x, form, "results_table", "3", N_("Number of workplaces"));
    heads[3] = kx_form (x, form, "results_table", "4", N_("Factor of the working environment, unit"));
    heads[4] = kx_form (x, form, "results_table", "5", N_("Standard of the measurement method"));
    heads[5] = kx_form (x, form, "results_table", "6", N_("Norm, MPC, MPL"));
    heads[6] = kx_form (x, form, "results_table", "7", N_("Actual level"));
    /* Constant-memory mode writes row by row, so a heading spans two rows by
     * its column number below it rather than by a vertical merge. */
    kx_table_head (x, ws, r, heads, 7, 66);
    worksheet_merge_range (ws, r, 7, r, 12, kx_form (x, form, "results_table", "8", N_("Classes of working conditions")),
                           x->f_head);
    r++;
    worksheet_set_row (ws, r, 18, NULL);
    for (int i = 0; i < 7; i++)
      worksheet_write_number (ws, r, i, i + 1, x->f_head);
    for (int i = 0; i < 6; i++)
      kx_str (ws, r, 7 + i, codes[i], x->f_head);
  }
  r++;
  kx_print (x, ws, TRUE, head, r - 1);
  worksheet_freeze_panes (ws, r, 2);
  worksheet_autofilter (ws, r - 1, 0, r - 1, 12);

  for (guint i = 0; i < x->workplaces->len; i++)
    {
      JsonObject *wp = g_ptr_array_index (x->workplaces, i);
      gint64 wid = kepil_json_int (wp, "id", 0);
      GPtrArray *ms = g_hash_table_lookup (by_wp, &wid);
      if ((i & 255) == 0 && kx_cancelled (x, error))
        return FALSE;
      for (guint j = 0; ms != NULL && j < ms->len; j++)
        {
          JsonObject *m = g_ptr_array_index (ms, j);
          const char *factor = kepil_json_str (m, "factor", "");
          const char *agent = kepil_json_str (m, "agent", "");
          const char *unit = kepil_json_str (m, "unit_of_measure", "");
          const char *klass;
          g_autoptr (GString) f = g_string_new (kx_factor_name (x, factor));
          int col;
          if (g_str_equal (factor, "heaviness") || g_str_equal (factor, "intensity"))
            continue;
          if (*agent)
            g_string_append_printf (f, ": %s", kx_agent_name (x, agent));
          if (*unit)
            g_string_append_printf (f, ", %s", unit);
          kx_str (ws, r, 0, kepil_json_str (wp, "code", ""), x->f_cell);
          kx_str (ws, r, 1, profession (x, wp), x->f_cell);
          worksheet_write_number (ws, r, 2, kepil_json_int (wp, "count", 1), x->f_int);
          kx_str (ws, r, 3, f->str, x->f_cell);
          kx_str (ws, r, 4, kepil_json_str (m, "method", ""), x->f_cell);
          measured_value (x, ws, r, 5, m, "norm");
          measured_value (x, ws, r, 6, m, "value");
          klass = kx_measurement_class (x, wid, kepil_json_int (m, "id", 0));
          col = kx_class_index (klass);
          /* The form has no column for class 1: an optimal value is permissible. */
          if (col == 0)
            col = 1;
          for (int k = 0; k < 6; k++)
            if (k == col - 1)
              kx_str (ws, r, 7 + k, klass, x->f_cell_c);
            else
              worksheet_write_blank (ws, r, 7 + k, x->f_cell_c);
          r++;
        }
    }
  r++;
  kx_title (x, ws, r++, 13, kx_t (x, N_("* The results of the measurements apply only to the objects measured.")),
            x->f_small, 0);
  r++;
  signatures (x, ws, &r, form, N_("Head of the laboratory"));
  return TRUE;
}

/* Appendices 2 and 3: one block per workplace, one row per indicator. */
static gboolean
write_process (KepilExport *x, GHashTable *by_wp, const char *factor, GError **error)
{
  gboolean heavy = g_str_equal (factor, "heaviness");
  const char *form = heavy ? "heaviness" : "tension";
  lxw_worksheet *ws = kx_sheet (x, heavy ? N_("2 Heaviness") : N_("3 Intensity"));
  static const char *codes[] = { "1", "2", "3.1", "3.2" };
  g_autoptr (GArray) breaks = g_array_new (TRUE, TRUE, sizeof (lxw_row_t));
  int r = 0, blocks = 0;
  const int ncols = 8;

  worksheet_set_column (ws, 0, 0, 12, NULL);
  worksheet_set_column (ws, 1, 1, 24, NULL);
  worksheet_set_column (ws, 2, 2, 44, NULL);
  worksheet_set_column (ws, 3, 3, 14, NULL);
  worksheet_set_column (ws, 4, 7, 8, NULL);
  kx_print (x, ws, FALSE, -1, -1);

  for (guint i = 0; i < x->workplaces->len; i++)
    {
      JsonObject *wp = g_ptr_array_index (x->workplaces, i);
      gint64 wid = kepil_json_int (wp, "id", 0);
      GPtrArray *ms = g_hash_table_lookup (by_wp, &wid);
      int counts[4] = { 0 };
      gboolean any = FALSE;
      const char *final;
      for (guint j = 0; ms != NULL && j < ms->len; j++)
        any |= g_str_equal (kepil_json_str (g_ptr_array_index (ms, j), "factor", ""), factor);
      if (!any)
        continue;
      if ((i & 255) == 0 && kx_cancelled (x, error))
        return FALSE;
      if (blocks++ > 0)
        {
          lxw_row_t b = r;
          g_array_append_val (breaks, b);
        }
      kx_title (x, ws, r++, ncols, heavy ? kx_t (x, N_("Appendix 2 to the Rules of attestation (Order No. 1057)"))
                                         : kx_t (x, N_("Appendix 3 to the Rules of attestation (Order No. 1057)")),
                x->f_small, 0);
      kx_title (x, ws, r++, ncols, kx_t (x, N_("PROTOCOL")), x->f_title, 0);
      kx_title (x, ws, r++, ncols, kx_form (x, form, "title", "1", heavy
                                            ? N_("of the assessment of working conditions by the heaviness of the labour process")
                                            : N_("of the assessment of working conditions by the intensity of the labour process")),
                x->f_subtitle, 32);
      r = header_field (x, ws, r, ncols, form, "1", N_("Name and address of the customer"), customer (x));
      r = header_field (x, ws, r, ncols, form, "2", N_("Place of the assessment"), place (x, wp));
      r = header_field (x, ws, r, ncols, form, "3", N_("Full name (position)"), profession (x, wp));
      r = header_field (x, ws, r, ncols, form, "4", N_("Date of the assessment"), period (x));
      r = header_field (x, ws, r, ncols, form, "6", heavy ? N_("Results of the assessment by heaviness")
                                                          : N_("Results of the assessment by intensity"), " ");
      {
        const char *heads[4];
        heads[0] = kx_form (x, form, "table", "1", N_("Workplace code"));
        heads[1] = kx_form (x, form, "table", "2", N_("Professions and positions"));
        heads[2] = kx_form (x, form, "table", "3", heavy ? N_("Indicators of the heaviness of the labour process")
                                                         : N_("Indicators of the intensity of the labour process"));
        heads[3] = heavy ? kx_form (x, form, "table", "4", N_("Actual values")) : kx_t (x, N_("Actual values"));
        kx_table_head (x, ws, r, heads, 4, 44);
        worksheet_merge_range (ws, r, 4, r, 7, kx_form (x, form, "table", heavy ? "5" : "4", N_("Classes of working conditions")),
                               x->f_head);
        r++;
        for (int k = 0; k < 4; k++)
          worksheet_write_number (ws, r, k, k + 1, x->f_head);
        for (int k = 0; k < 4; k++)
          kx_str (ws, r, 4 + k, codes[k], x->f_head);
        r++;
      }
      for (guint j = 0; j < ms->len; j++)
        {
          JsonObject *m = g_ptr_array_index (ms, j);
          const char *agent = kepil_json_str (m, "agent", "");
          const char *ind, *klass;
          int col;
          if (!g_str_equal (kepil_json_str (m, "factor", ""), factor))
            continue;
          ind = indicator_label (x, form, agent);
          klass = kx_measurement_class (x, wid, kepil_json_int (m, "id", 0));
          col = kx_class_index (klass);
          if (col >= 0 && col < 4)
            counts[col]++;
          kx_str (ws, r, 0, kepil_json_str (wp, "code", ""), x->f_cell);
          kx_str (ws, r, 1, profession (x, wp), x->f_cell);
          kx_str (ws, r, 2, ind, x->f_cell);
          measured_value (x, ws, r, 3, m, "value");
          /* The forms stop at 3.2; a higher class is shown in the last column. */
          if (col > 3)
            col = 3;
          for (int k = 0; k < 4; k++)
            kx_str (ws, r, 4 + k, k == col ? klass : "", x->f_cell_c);
          r++;
        }
      if (!heavy)
        {
          g_autofree char *cnt = g_strdup_printf ("1: %d; 2: %d; 3.1: %d; 3.2: %d", counts[0], counts[1], counts[2], counts[3]);
          worksheet_merge_range (ws, r, 0, r, 2, kx_form (x, form, "count", "1", N_("Number of indicators in each class")),
                                 x->f_total);
          worksheet_merge_range (ws, r, 3, r, 7, cnt, x->f_cell_c);
          r++;
        }
      final = kx_factor_class (x, wid, factor);
      worksheet_merge_range (ws, r, 0, r, 2, kx_form (x, form, "final", "1", heavy ? N_("Final assessment of the heaviness of labour")
                                                                              : N_("Overall assessment of the intensity of labour")),
                             x->f_total);
      worksheet_merge_range (ws, r, 3, r, 7, *final ? final : "—", x->f_total);
      r += 2;
      signatures (x, ws, &r, form, N_("Laboratory specialist"));
      r++;
    }
  if (blocks == 0)
    kx_title (x, ws, r++, ncols, heavy ? kx_t (x, N_("No workplace has an assessment of the heaviness of labour."))
                                       : kx_t (x, N_("No workplace has an assessment of the intensity of labour.")),
              x->f_text, 0);
  if (breaks->len > 0 && breaks->len < 1023)
    worksheet_set_h_pagebreaks (ws, (lxw_row_t *) breaks->data);
  return TRUE;
}

/* Appendix 4: injury safety of the equipment at each workplace. */
static gboolean
write_injury (KepilExport *x, GError **error)
{
  g_autoptr (GHashTable) by_wp = group_by_workplace (x, "safety_assessment", error);
  lxw_worksheet *ws;
  const char *form = "injury";
  static const int widths[] = { 12, 26, 8, 30, 30, 16, 30 };
  const char *heads[7];
  int r = 0, head;

  if (by_wp == NULL)
    return FALSE;
  ws = kx_sheet (x, N_("4 Injury safety"));
  for (int c = 0; c < 7; c++)
    worksheet_set_column (ws, c, c, widths[c], NULL);
  kx_title (x, ws, r++, 7, kx_t (x, N_("Appendix 4 to the Rules of attestation (Order No. 1057)")), x->f_small, 0);
  kx_title (x, ws, r++, 7, kx_t (x, N_("PROTOCOL")), x->f_title, 0);
  kx_title (x, ws, r++, 7, kx_form (x, form, "title", "1", N_("of the assessment of injury safety")), x->f_subtitle, 0);
  r = header_field (x, ws, r, 7, form, "1", N_("Name and address of the customer"), customer (x));
  r = header_field (x, ws, r, 7, form, "2", N_("Place of the assessment"), kepil_json_str (x->enterprise, "address", ""));
  r = header_field (x, ws, r, 7, form, "3", N_("Date of the assessment"), period (x));
  r = header_field (x, ws, r, 7, form, "4", N_("Results of the assessment of injury safety"), " ");
  heads[0] = kx_form (x, form, "table", "1", N_("Workplace code"));
  heads[1] = kx_form (x, form, "table", "2", N_("Professions and positions"));
  heads[2] = kx_form (x, form, "table", "3", N_("Number of workplaces"));
  heads[3] = kx_form (x, form, "table", "4", N_("Equipment, devices and tools"));
  heads[4] = kx_form (x, form, "table", "5", N_("Technical documentation (passports, certificates)"));
  heads[5] = kx_t (x, N_("Result: complies / does not comply"));
  heads[6] = kx_form (x, form, "table", "7", N_("Reasons of non-compliance"));
  head = r;
  kx_table_head (x, ws, r++, heads, 7, 60);
  kx_print (x, ws, TRUE, head, head);
  worksheet_freeze_panes (ws, r, 0);
  worksheet_autofilter (ws, head, 0, head, 6);
  for (guint i = 0; i < x->workplaces->len; i++)
    {
      JsonObject *wp = g_ptr_array_index (x->workplaces, i);
      gint64 wid = kepil_json_int (wp, "id", 0);
      GPtrArray *as = g_hash_table_lookup (by_wp, &wid);
      for (guint j = 0; as != NULL && j < as->len; j++, r++)
        {
          JsonObject *a = g_ptr_array_index (as, j);
          kx_str (ws, r, 0, kepil_json_str (wp, "code", ""), x->f_cell);
          kx_str (ws, r, 1, profession (x, wp), x->f_cell);
          worksheet_write_number (ws, r, 2, kepil_json_int (wp, "count", 1), x->f_int);
          kx_str (ws, r, 3, kepil_json_str (a, "equipment", ""), x->f_cell);
          kx_str (ws, r, 4, kepil_json_str (a, "documents", ""), x->f_cell);
          kx_str (ws, r, 5, kepil_json_int (a, "compliant", 1) ? kx_t (x, N_("complies")) : kx_t (x, N_("does not comply")),
                  x->f_cell_c);
          kx_str (ws, r, 6, kepil_json_str (a, "reasons", ""), x->f_cell);
        }
    }
  r++;
  signatures (x, ws, &r, form, N_("Senior laboratory specialist"));
  return TRUE;
}

/* Appendix 5: provision with PPE. */
static gboolean
write_ppe (KepilExport *x, GError **error)
{
  g_autoptr (GHashTable) by_wp = group_by_workplace (x, "ppe_provision", error);
  lxw_worksheet *ws;
  const char *form = "ppe";
  static const int widths[] = { 12, 26, 8, 30, 11, 11, 12, 16, 18 };
  const char *heads[9];
  int r = 0, head;

  if (by_wp == NULL)
    return FALSE;
  ws = kx_sheet (x, N_("5 PPE"));
  for (int c = 0; c < 9; c++)
    worksheet_set_column (ws, c, c, widths[c], NULL);
  kx_title (x, ws, r++, 9, kx_t (x, N_("Appendix 5 to the Rules of attestation (Order No. 1057)")), x->f_small, 0);
  kx_title (x, ws, r++, 9, kx_t (x, N_("PROTOCOL")), x->f_title, 0);
  kx_title (x, ws, r++, 9, kx_form (x, form, "title", "1", N_("of the assessment of the provision of workers with personal protective equipment")),
            x->f_subtitle, 32);
  r = header_field (x, ws, r, 9, form, "1", N_("Name and address of the customer"), customer (x));
  r = header_field (x, ws, r, 9, form, "2", N_("Place of the assessment"), kepil_json_str (x->enterprise, "address", ""));
  r = header_field (x, ws, r, 9, form, "3", N_("Date of the assessment"), period (x));
  r = header_field (x, ws, r, 9, form, "4", N_("Results of the assessment of the provision with PPE"), " ");
  heads[0] = kx_form (x, form, "table", "1", N_("Workplace code"));
  heads[1] = kx_form (x, form, "table", "2", N_("Professions and positions"));
  heads[2] = kx_form (x, form, "table", "3", N_("Number of workplaces"));
  heads[3] = kx_form (x, form, "table", "4", N_("PPE to be issued to the worker"));
  heads[4] = kx_form (x, form, "table", "4.1", N_("By the norms in force"));
  heads[5] = kx_form (x, form, "table", "4.2", N_("Actually issued"));
  heads[6] = kx_form (x, form, "table", "4.3", N_("Standard, certificate"));
  heads[7] = kx_t (x, N_("Assessment of the provision with PPE"));
  heads[8] = kx_t (x, N_("Note"));
  head = r;
  kx_table_head (x, ws, r++, heads, 9, 72);
  kx_print (x, ws, TRUE, head, head);
  worksheet_freeze_panes (ws, r, 0);
  worksheet_autofilter (ws, head, 0, head, 8);
  for (guint i = 0; i < x->workplaces->len; i++)
    {
      JsonObject *wp = g_ptr_array_index (x->workplaces, i);
      gint64 wid = kepil_json_int (wp, "id", 0);
      GPtrArray *ps = g_hash_table_lookup (by_wp, &wid);
      for (guint j = 0; ps != NULL && j < ps->len; j++, r++)
        {
          JsonObject *p = g_ptr_array_index (ps, j);
          gint64 req = kepil_json_int (p, "required", 0), iss = kepil_json_int (p, "issued", 0);
          gboolean cert = kepil_json_int (p, "certified", 1) != 0;
          gboolean ok = iss >= req && cert;
          kx_str (ws, r, 0, kepil_json_str (wp, "code", ""), x->f_cell);
          kx_str (ws, r, 1, profession (x, wp), x->f_cell);
          worksheet_write_number (ws, r, 2, kepil_json_int (wp, "count", 1), x->f_int);
          kx_str (ws, r, 3, kepil_json_str (p, "item", ""), x->f_cell);
          worksheet_write_number (ws, r, 4, req, x->f_int);
          worksheet_write_number (ws, r, 5, iss, x->f_int);
          kx_str (ws, r, 6, cert ? kx_t (x, N_("yes")) : kx_t (x, N_("no")), x->f_cell_c);
          kx_str (ws, r, 7, ok ? kx_t (x, N_("provided")) : kx_t (x, N_("not provided")), x->f_cell_c);
          kx_str (ws, r, 8, !cert ? kx_t (x, N_("no certificate")) : iss < req ? kx_t (x, N_("issued fewer than the norm")) : "",
                  x->f_cell);
        }
    }
  r++;
  signatures (x, ws, &r, form, N_("Senior laboratory specialist"));
  return TRUE;
}

gboolean
kx_write_protocols (KepilExport *x, GError **error)
{
  g_autoptr (GHashTable) by_wp = NULL;

  /* The classes come from the evaluation when the build has the engine; the
   * protocols are still useful (and printed) without it. */
  if (kepil_export_document_available ("act") && x->evaluation == NULL && !kx_evaluate (x, error))
    return FALSE;
  by_wp = group_by_workplace (x, "measurement", error);
  if (by_wp == NULL)
    return FALSE;
  return write_summary (x, by_wp, error) &&
         write_process (x, by_wp, "heaviness", error) &&
         write_process (x, by_wp, "intensity", error) &&
         write_injury (x, error) &&
         write_ppe (x, error);
}
