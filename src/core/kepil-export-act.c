/* kepil-export-act.c — the final act of the attestation commission with its annexes (the lists of
 * guarantees decided), and the leave roster for the collective agreement
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The guarantees "decided" are the risk model's package of each workplace: the
 * commission decides by the model (docs/acts.md); the List's grants stand next
 * to them in the comparison.
 */
#include "kepil-config.h"
#define KEPIL_EXPORT_INTERNAL
#include "kepil-export.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

#include <string.h>

typedef enum { G_LEAVE, G_PAY, G_MILK_LPP, G_HOURS, G_OPPV, G_N } Guarantee;

static const struct {
  const char *head_key;   /* evaluation enterprise headcounts member */
  const char *sheet, *title, *basis;
} guarantees[G_N] = {
  { "leave", N_("Annex 1 Leave"), N_("List of workers granted additional paid annual leave"),
    N_("Labour Code art. 89") },
  { "pay", N_("Annex 2 Pay"), N_("List of workers granted increased pay"), N_("Labour Code art. 105") },
  { "milk", N_("Annex 3 Milk, LPP"), N_("List of workers granted milk or therapeutic-preventive nutrition"),
    N_("Labour Code art. 182; Orders No. 1054, 1056") },
  { "hours", N_("Annex 4 Hours"), N_("List of workers granted shortened working time"), N_("Labour Code art. 69") },
  { "oppv", N_("Annex 5 OPPV"), N_("List of workers for obligatory professional pension contributions"),
    N_("Social Code art. 250") },
};

static JsonObject *
package_of (KepilExport *x, JsonObject *wp)
{
  JsonObject *e = kx_eval_wp (x, kepil_json_int (wp, "id", 0));
  return e && json_object_has_member (e, "package") ? json_object_get_object_member (e, "package") : NULL;
}

static gboolean
granted (KepilExport *x, JsonObject *pkg, Guarantee g)
{
  double h;
  switch (g)
    {
    case G_LEAVE: return kx_grant (pkg, "leave_days") > 0;
    case G_PAY: return kx_grant (pkg, "pay_percent") > 0;
    case G_MILK_LPP: return kx_grant (pkg, "milk") > 0 || kx_grant (pkg, "lpp") > 0;
    case G_HOURS:
      h = kx_grant (pkg, "hours_per_week");
      return h > 0 && (x->normal_hours <= 0 || h < x->normal_hours);
    case G_OPPV: return kx_grant (pkg, "oppv") > 0;
    default: return FALSE;
    }
}

/* Workers given @g by the model's package (what the commission decides);
 * @kind "milk" or "lpp" splits the milk / ЛПП annex. */
static gint64
headcount_of (KepilExport *x, Guarantee g, const char *kind)
{
  gint64 n = 0;

  for (guint i = 0; i < x->workplaces->len; i++)
    {
      JsonObject *wp = g_ptr_array_index (x->workplaces, i);
      JsonObject *pkg = package_of (x, wp);
      if (kind != NULL ? kx_grant (pkg, kind) > 0 : granted (x, pkg, g))
        n += kx_headcount (x, wp);
    }
  return n;
}

static const char *
unit_name (KepilExport *x, JsonObject *wp)
{
  return kx_name (x, kx_lookup (x->unit_by_id, kepil_json_int (wp, "unit_id", 0)), "name");
}

static const char *
prof_name (KepilExport *x, JsonObject *wp)
{
  return kx_name (x, kx_lookup (x->prof_by_id, kepil_json_int (wp, "profession_id", 0)), "name");
}

static int
sign_commission (KepilExport *x, lxw_worksheet *ws, int r, gboolean everyone)
{
  for (guint i = 0; i < x->members->len; i++)
    {
      JsonObject *m = g_ptr_array_index (x->members, i);
      const char *role = kepil_json_str (m, "role", "");
      if (!everyone && !g_str_equal (role, "chairman") && !g_str_equal (role, "secretary"))
        continue;
      r = kx_signature (x, ws, r, kx_role (x, role), kepil_json_str (m, "full_name", ""),
                        kepil_json_str (m, "position", ""));
    }
  return r;
}

/* One annex: the workplaces given guarantee @g, with a total. */
static gboolean
write_list (KepilExport *x, Guarantee g, GError **error)
{
  lxw_worksheet *ws = kx_sheet (x, guarantees[g].sheet);
  const char *heads[8];
  int ncols = g == G_MILK_LPP ? 8 : g == G_OPPV ? 6 : 7;
  int r = 0, head;
  gint64 total = 0, n = 0;
  static const int widths[] = { 6, 26, 12, 30, 10, 12, 12, 34 };

  for (int c = 0; c < 8; c++)
    worksheet_set_column (ws, c, c, widths[c], NULL);
  if (g == G_OPPV)
    worksheet_set_column (ws, 5, 5, 40, NULL);
  else if (g != G_MILK_LPP)
    worksheet_set_column (ws, 6, 6, 40, NULL);
  kx_title (x, ws, r++, ncols, kx_tf (x, N_("Annex %d to the final act of the attestation commission"), (int) g + 1),
            x->f_small, 0);
  kx_title (x, ws, r++, ncols, kx_t (x, guarantees[g].title), x->f_title, 34);
  kx_title (x, ws, r++, ncols, kx_enterprise_name (x), x->f_subtitle, 0);
  kx_title (x, ws, r++, ncols, kx_tf (x, N_("Legal basis: %s"), kx_t (x, guarantees[g].basis)), x->f_subtitle, 0);
  heads[0] = kx_t (x, N_("No."));
  heads[1] = kx_t (x, N_("Structural unit"));
  heads[2] = kx_form (x, "summary", "results_table", "1", N_("Workplace code"));
  heads[3] = kx_form (x, "summary", "results_table", "2", N_("Professions and positions"));
  heads[4] = kx_t (x, N_("Workers"));
  switch (g)
    {
    case G_LEAVE: heads[5] = kx_t (x, N_("Additional leave, calendar days")); break;
    case G_PAY: heads[5] = kx_t (x, N_("Increase of pay, %")); break;
    case G_HOURS: heads[5] = kx_t (x, N_("Working hours per week")); break;
    case G_MILK_LPP:
      heads[5] = kx_t (x, N_("Milk, litres per shift"));
      heads[6] = kx_t (x, N_("LPP ration"));
      break;
    default: break;
    }
  heads[ncols - 1] = kx_t (x, N_("Basis of the decision"));
  head = r;
  kx_table_head (x, ws, r++, heads, ncols, 44);
  kx_print (x, ws, FALSE, head, head);
  worksheet_freeze_panes (ws, r, 0);
  worksheet_autofilter (ws, head, 0, head, ncols - 1);
  for (guint i = 0; i < x->workplaces->len; i++)
    {
      JsonObject *wp = g_ptr_array_index (x->workplaces, i);
      JsonObject *pkg = package_of (x, wp);
      gint64 hc;
      const char *rule = "";
      if ((i & 1023) == 0 && kx_cancelled (x, error))
        return FALSE;
      if (!granted (x, pkg, g))
        continue;
      hc = kx_headcount (x, wp);
      total += hc;
      worksheet_write_number (ws, r, 0, (double) ++n, x->f_int);
      kx_str (ws, r, 1, unit_name (x, wp), x->f_cell);
      kx_str (ws, r, 2, kepil_json_str (wp, "code", ""), x->f_cell);
      kx_str (ws, r, 3, prof_name (x, wp), x->f_cell);
      worksheet_write_number (ws, r, 4, (double) hc, x->f_int);
      switch (g)
        {
        case G_LEAVE:
          worksheet_write_number (ws, r, 5, kx_grant (pkg, "leave_days"), x->f_int);
          rule = kx_grant_rule (pkg, "leave_days");
          break;
        case G_PAY:
          worksheet_write_number (ws, r, 5, kx_grant (pkg, "pay_percent"), x->f_num);
          rule = kx_grant_rule (pkg, "pay_percent");
          break;
        case G_HOURS:
          worksheet_write_number (ws, r, 5, kx_grant (pkg, "hours_per_week"), x->f_int);
          rule = kx_grant_rule (pkg, "hours_per_week");
          break;
        case G_MILK_LPP:
          {
            JsonObject *milk = json_object_has_member (pkg, "milk") ? json_object_get_object_member (pkg, "milk") : NULL;
            if (kx_grant (pkg, "milk") > 0)
              worksheet_write_number (ws, r, 5, kepil_json_double (milk, "litres_per_shift", 0), x->f_num);
            else
              kx_str (ws, r, 5, "—", x->f_cell_c);
            if (kx_grant (pkg, "lpp") > 0)
              kx_str (ws, r, 6, *kx_grant_ration (pkg) ? kx_grant_ration (pkg) : kx_t (x, N_("yes")), x->f_cell_c);
            else
              kx_str (ws, r, 6, "—", x->f_cell_c);
            rule = kx_grant (pkg, "lpp") > 0 ? kx_grant_rule (pkg, "lpp") : kx_grant_rule (pkg, "milk");
          }
          break;
        case G_OPPV:
          rule = kx_grant_rule (pkg, "oppv");
          break;
        default:
          break;
        }
      kx_str (ws, r, ncols - 1, rule, x->f_small);
      r++;
    }
  worksheet_merge_range (ws, r, 0, r, 3, kx_t (x, N_("Total workers")), x->f_total);
  worksheet_write_number (ws, r, 4, (double) total, x->f_total_int);
  r += 2;
  sign_commission (x, ws, r, FALSE);
  return TRUE;
}

gboolean
kx_write_act (KepilExport *x, GError **error)
{
  lxw_worksheet *ws = kx_sheet (x, N_("Act"));
  JsonObject *c = x->campaign;
  JsonObject *ee = kx_eval_enterprise (x);
  const int ncols = 5;
  int r = 0;
  gint64 by_class[7][3] = { { 0 } };   /* workplaces, workers, women */
  static const char *codes[] = { "1", "2", "3.1", "3.2", "3.3", "3.4", "4" };
  const char *heads[5];

  worksheet_set_column (ws, 0, 0, 34, NULL);
  worksheet_set_column (ws, 1, 1, 28, NULL);
  worksheet_set_column (ws, 2, 2, 20, NULL);
  worksheet_set_column (ws, 3, 3, 26, NULL);
  worksheet_set_column (ws, 4, 4, 22, NULL);
  kx_print (x, ws, FALSE, -1, -1);

  kx_title (x, ws, r++, ncols, kx_t (x, N_("FINAL ACT")), x->f_title, 20);
  kx_title (x, ws, r++, ncols, kx_t (x, N_("of the attestation commission on the results of the attestation of production "
                                           "facilities by working conditions")), x->f_title, 36);
  r++;
  kx_title (x, ws, r++, ncols, kx_tf (x, N_("Enterprise: %s"), kx_enterprise_name (x)), x->f_text, 30);
  if (*kepil_json_str (x->enterprise, "bin", ""))
    kx_title (x, ws, r++, ncols, kx_tf (x, N_("BIN: %s"), kepil_json_str (x->enterprise, "bin", "")), x->f_text, 0);
  if (*kepil_json_str (x->enterprise, "address", ""))
    kx_title (x, ws, r++, ncols, kx_tf (x, N_("Address: %s"), kepil_json_str (x->enterprise, "address", "")), x->f_text, 0);
  kx_title (x, ws, r++, ncols, kx_tf (x, N_("Order creating the commission: No. %s of %s"), kepil_json_str (c, "order_no", ""),
                                      kx_date_text (x, kepil_json_str (c, "order_date", ""))), x->f_text, 0);
  kx_title (x, ws, r++, ncols, kx_tf (x, N_("Period of the attestation: %s – %s"),
                                      kx_date_text (x, kepil_json_str (c, "measured_from", "")),
                                      kx_date_text (x, kepil_json_str (c, "measured_to", ""))), x->f_text, 0);
  kx_title (x, ws, r++, ncols, kx_tf (x, N_("Accredited organisation: %s, certificate No. %s valid to %s"),
                                      *kepil_json_str (c, "organisation", "") ? kepil_json_str (c, "organisation", "") : "—",
                                      *kepil_json_str (c, "certificate_no", "") ? kepil_json_str (c, "certificate_no", "") : "—",
                                      kx_date_text (x, kepil_json_str (c, "certificate_valid_to", ""))), x->f_text, 30);
  r++;
  kx_title (x, ws, r++, ncols, kx_t (x, N_("1. The commission")), x->f_bold, 0);
  heads[0] = kx_t (x, N_("Role in the commission"));
  heads[1] = kx_t (x, N_("Full name"));
  heads[2] = kx_t (x, N_("Position"));
  worksheet_set_row (ws, r, 30, NULL);
  kx_str (ws, r, 0, heads[0], x->f_head);
  kx_str (ws, r, 1, heads[1], x->f_head);
  worksheet_merge_range (ws, r, 2, r, 4, heads[2], x->f_head);
  r++;
  for (guint i = 0; i < x->members->len; i++, r++)
    {
      JsonObject *m = g_ptr_array_index (x->members, i);
      kx_str (ws, r, 0, kx_role (x, kepil_json_str (m, "role", "")), x->f_cell);
      kx_str (ws, r, 1, kepil_json_str (m, "full_name", ""), x->f_cell);
      worksheet_merge_range (ws, r, 2, r, 4, kepil_json_str (m, "position", ""), x->f_cell);
    }
  r++;

  /* 2. The classes found. */
  for (guint i = 0; i < x->workplaces->len; i++)
    {
      JsonObject *wp = g_ptr_array_index (x->workplaces, i);
      int k = kx_class_index (kx_factor_class (x, kepil_json_int (wp, "id", 0), "overall"));
      if (k < 0)
        continue;
      by_class[k][0] += kepil_json_int (wp, "count", 1);
      by_class[k][1] += kx_headcount (x, wp);
      by_class[k][2] += kepil_json_int (wp, "women", 0);
    }
  kx_title (x, ws, r++, ncols, kx_t (x, N_("2. Classes of working conditions found")), x->f_bold, 0);
  heads[0] = kx_form (x, "summary", "results_table", "8", N_("Classes of working conditions"));
  heads[1] = kx_form (x, "summary", "results_table", "3", N_("Number of workplaces"));
  heads[2] = kx_t (x, N_("Workers"));
  heads[3] = kx_t (x, N_("Of them women"));
  kx_table_head (x, ws, r++, heads, 4, 32);
  for (int k = 0; k < 7; k++, r++)
    {
      kx_str (ws, r, 0, codes[k], x->f_cell_c);
      worksheet_write_number (ws, r, 1, (double) by_class[k][0], x->f_int);
      worksheet_write_number (ws, r, 2, (double) by_class[k][1], x->f_int);
      worksheet_write_number (ws, r, 3, (double) by_class[k][2], x->f_int);
    }
  r++;

  /* 3. The guarantees decided. */
  kx_title (x, ws, r++, ncols, kx_t (x, N_("3. Guarantees decided by the commission (by the risk model)")), x->f_bold, 0);
  heads[0] = kx_t (x, N_("Guarantee"));
  heads[1] = kx_t (x, N_("Legal basis"));
  heads[2] = kx_t (x, N_("Workers (decided)"));
  heads[3] = kx_t (x, N_("Workers by the List"));
  heads[4] = kx_t (x, N_("List"));
  kx_table_head (x, ws, r++, heads, 5, 30);
  {
    static const struct { Guarantee g; const char *kind, *head_key, *name; } rows[] = {
      { G_LEAVE, NULL, "leave", N_("Additional paid annual leave") },
      { G_PAY, NULL, "pay", N_("Increased pay") },
      { G_MILK_LPP, "milk", "milk", N_("Milk or equivalent food") },
      { G_MILK_LPP, "lpp", "lpp", N_("Therapeutic-preventive nutrition (LPP)") },
      { G_HOURS, NULL, "hours", N_("Shortened working time") },
      { G_OPPV, NULL, "oppv", N_("Obligatory professional pension contributions (OPPV)") },
    };
    JsonObject *h = ee && json_object_has_member (ee, "headcounts") ? json_object_get_object_member (ee, "headcounts") : NULL;
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++, r++)
      {
        kx_str (ws, r, 0, kx_t (x, rows[i].name), x->f_cell);
        kx_str (ws, r, 1, kx_t (x, guarantees[rows[i].g].basis), x->f_cell);
        worksheet_write_number (ws, r, 2, (double) headcount_of (x, rows[i].g, rows[i].kind), x->f_int);
        if (h != NULL)
          worksheet_write_number (ws, r, 3, (double) kepil_json_int (h, rows[i].head_key, 0), x->f_int);
        else
          kx_str (ws, r, 3, "—", x->f_cell_c);
        kx_str (ws, r, 4, kx_tf (x, N_("Annex %d"), (int) rows[i].g + 1), x->f_cell_c);
      }
  }
  r++;

  /* 4. What the act was made from. */
  kx_title (x, ws, r++, ncols, kx_t (x, N_("4. Basis of the act")), x->f_bold, 0);
  if (x->evaluation != NULL)
    {
      JsonObject *ns = json_object_has_member (x->evaluation, "norm_set")
                       ? json_object_get_object_member (x->evaluation, "norm_set") : NULL;
      JsonObject *me = json_object_has_member (x->evaluation, "methodology")
                       ? json_object_get_object_member (x->evaluation, "methodology") : NULL;
      g_autofree char *nsv = g_strdup_printf ("%s v%ld", kepil_json_str (ns, "name", "—"),
                                              kepil_json_int (ns, "version", 0));
      g_autofree char *mev = g_strdup_printf ("%s v%ld", kepil_json_str (me, "name", "—"),
                                              kepil_json_int (me, "version", 0));
      kx_title (x, ws, r++, ncols, kx_tf (x, N_("Norm set of hygienic criteria: %s"), nsv), x->f_text, 0);
      kx_title (x, ws, r++, ncols, kx_tf (x, N_("Methodology of the risk model: %s"), mev), x->f_text, 0);
    }
  if (ee != NULL)
    {
      const char *level = kepil_json_str (ee, "level", "");
      g_autofree char *pv = kepil_format_number (kepil_json_double (ee, "p", 0), 3);
      g_autofree char *p1 = kepil_format_number (kepil_json_double (ee, "p1", 0), 3);
      g_autofree char *p2 = kepil_format_number (kepil_json_double (ee, "p2", 0), 3);
      g_autofree char *p3 = kepil_format_number (kepil_json_double (ee, "p3", 0), 3);
      g_autofree char *p = g_strdup_printf ("П = %s (П1 %s, П2 %s, П3 %s), %s", pv, p1, p2, p3,
                                            *level ? kx_level (x, level) : "");
      kx_title (x, ws, r++, ncols, kx_tf (x, N_("Professional risk of the enterprise: %s"), p), x->f_text, 0);
    }
  kx_title (x, ws, r++, ncols, kx_t (x, N_("The guarantees decided are the risk model's package of each workplace; "
                                           "the guarantees of the List stand next to them in the comparison.")),
            x->f_small, 28);
  kx_title (x, ws, r++, ncols, kx_tf (x, N_("SHA-256 fingerprint of the data: %s"), x->fingerprint ? x->fingerprint : "—"),
            x->f_small, 28);
  r++;
  kx_title (x, ws, r++, ncols, kx_t (x, N_("Signatures of the commission")), x->f_bold, 0);
  r = sign_commission (x, ws, r, TRUE);
  if (!*kepil_json_str (c, "completed_on", ""))
    kx_title (x, ws, r++, ncols, kx_tf (x, N_("Date: %s"), "«___» __________ 20___"), x->f_text, 0);
  else
    kx_title (x, ws, r++, ncols, kx_tf (x, N_("Date: %s"), kx_date_text (x, kepil_json_str (c, "completed_on", ""))),
              x->f_text, 0);

  for (int g = 0; g < G_N; g++)
    if (!write_list (x, (Guarantee) g, error))
      return FALSE;
  return TRUE;
}

gboolean
kx_write_leave_roster (KepilExport *x, GError **error)
{
  lxw_worksheet *ws = kx_sheet (x, N_("Leave roster"));
  const char *heads[7];
  int r = 0, head;
  gint64 total = 0, n = 0;
  static const int widths[] = { 6, 26, 12, 30, 10, 12, 40 };

  for (int c = 0; c < 7; c++)
    worksheet_set_column (ws, c, c, widths[c], NULL);
  worksheet_set_row (ws, r, 30, NULL);
  worksheet_merge_range (ws, r, 4, r, 6, kx_t (x, N_("APPROVED: first head of the enterprise")), x->f_bold);
  r++;
  worksheet_merge_range (ws, r, 4, r, 6, "____________________   «___» __________ 20___", x->f_text);
  r++;
  worksheet_set_row (ws, r, 30, NULL);
  worksheet_merge_range (ws, r, 4, r, 6, kx_t (x, N_("AGREED: trade union")), x->f_bold);
  r++;
  worksheet_merge_range (ws, r, 4, r, 6, "____________________   «___» __________ 20___", x->f_text);
  r += 2;
  kx_title (x, ws, r++, 7, kx_t (x, N_("ROSTER")), x->f_title, 0);
  kx_title (x, ws, r++, 7, kx_t (x, N_("of the professions and positions of workers entitled to additional paid annual "
                                       "leave for work in harmful working conditions (annex to the collective agreement)")),
            x->f_title, 36);
  kx_title (x, ws, r++, 7, kx_enterprise_name (x), x->f_subtitle, 0);
  heads[0] = kx_t (x, N_("No."));
  heads[1] = kx_t (x, N_("Structural unit"));
  heads[2] = kx_form (x, "summary", "results_table", "1", N_("Workplace code"));
  heads[3] = kx_form (x, "summary", "results_table", "2", N_("Professions and positions"));
  heads[4] = kx_t (x, N_("Workers"));
  heads[5] = kx_t (x, N_("Additional leave, calendar days"));
  heads[6] = kx_t (x, N_("Basis of the decision"));
  head = r;
  kx_table_head (x, ws, r++, heads, 7, 44);
  kx_print (x, ws, FALSE, head, head);
  worksheet_freeze_panes (ws, r, 0);
  worksheet_autofilter (ws, head, 0, head, 6);
  for (guint i = 0; i < x->workplaces->len; i++)
    {
      JsonObject *wp = g_ptr_array_index (x->workplaces, i);
      JsonObject *pkg = package_of (x, wp);
      gint64 hc;
      if ((i & 1023) == 0 && kx_cancelled (x, error))
        return FALSE;
      if (!granted (x, pkg, G_LEAVE))
        continue;
      hc = kx_headcount (x, wp);
      total += hc;
      worksheet_write_number (ws, r, 0, (double) ++n, x->f_int);
      kx_str (ws, r, 1, unit_name (x, wp), x->f_cell);
      kx_str (ws, r, 2, kepil_json_str (wp, "code", ""), x->f_cell);
      kx_str (ws, r, 3, prof_name (x, wp), x->f_cell);
      worksheet_write_number (ws, r, 4, (double) hc, x->f_int);
      worksheet_write_number (ws, r, 5, kx_grant (pkg, "leave_days"), x->f_int);
      kx_str (ws, r, 6, kx_grant_rule (pkg, "leave_days"), x->f_small);
      r++;
    }
  worksheet_merge_range (ws, r, 0, r, 3, kx_t (x, N_("Total workers")), x->f_total);
  worksheet_write_number (ws, r, 4, (double) total, x->f_total_int);
  r += 2;
  kx_title (x, ws, r++, 7, kx_t (x, N_("Leave is granted in proportion to the time actually worked in harmful conditions.")),
            x->f_small, 0);
  return TRUE;
}
