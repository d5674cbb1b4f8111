/* kepil-export-order.c — the order creating the attestation commission
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No official form exists for the order (reference-data §5.4); its title and
 * items follow the practice the attestation packages refer to: the period, the
 * commission (chairman, members, secretary), the accredited organisation, the
 * secretary's duty to keep the documentation, and the head's signature.
 */
#include "kepil-config.h"
#define KEPIL_EXPORT_INTERNAL
#include "kepil-export.h"
#include "kepil-i18n.h"
#include "kepil-json.h"

static const char *
kind_text (KepilExport *x, const char *kind)
{
  if (g_strcmp0 (kind, "extraordinary") == 0)
    return kx_t (x, N_("extraordinary"));
  if (g_strcmp0 (kind, "initial") == 0)
    return kx_t (x, N_("initial"));
  return kx_t (x, N_("periodic"));
}

gboolean
kx_write_order (KepilExport *x, GError **error)
{
  lxw_worksheet *ws = kx_sheet (x, N_("Order"));
  JsonObject *c = x->campaign;
  int r = 0;
  const char *heads[3];

  (void) error;
  worksheet_set_column (ws, 0, 0, 30, NULL);
  worksheet_set_column (ws, 1, 1, 30, NULL);
  worksheet_set_column (ws, 2, 2, 22, NULL);
  worksheet_set_column (ws, 3, 3, 30, NULL);
  worksheet_set_column (ws, 4, 4, 22, NULL);
  kx_print (x, ws, FALSE, -1, -1);

  kx_title (x, ws, r++, 5, kx_enterprise_name (x), x->f_title, 36);
  kx_title (x, ws, r++, 5, kepil_json_str (x->enterprise, "address", ""), x->f_subtitle, 18);
  r++;
  kx_title (x, ws, r++, 5, kx_t (x, N_("ORDER")), x->f_title, 20);
  kx_title (x, ws, r++, 5,
            kx_tf (x, N_("No. %s of %s"), kepil_json_str (c, "order_no", ""),
                   kx_date_text (x, kepil_json_str (c, "order_date", ""))),
            x->f_subtitle, 18);
  kx_title (x, ws, r++, 5, kx_t (x, N_("On the attestation of production facilities by working conditions")),
            x->f_title, 36);
  r++;
  kx_title (x, ws, r++, 5,
            kx_t (x, N_("In accordance with the Rules of obligatory periodic attestation of production facilities "
                        "by working conditions (Order No. 1057 of 28.12.2015), I ORDER:")),
            x->f_text, 36);
  kx_title (x, ws, r++, 5,
            kx_tf (x, N_("1. To carry out the %s attestation of production facilities by working conditions "
                         "from %s to %s."),
                   kind_text (x, kepil_json_str (c, "kind", "periodic")),
                   kx_date_text (x, kepil_json_str (c, "measured_from", "")),
                   kx_date_text (x, kepil_json_str (c, "measured_to", ""))),
            x->f_text, 36);
  kx_title (x, ws, r++, 5, kx_t (x, N_("2. To create the attestation commission composed of:")), x->f_text, 20);
  heads[0] = kx_t (x, N_("Role in the commission"));
  heads[1] = kx_t (x, N_("Full name"));
  heads[2] = kx_t (x, N_("Position"));
  worksheet_set_row (ws, r, 30, NULL);
  kx_str (ws, r, 0, heads[0], x->f_head);
  worksheet_merge_range (ws, r, 1, r, 2, heads[1], x->f_head);
  worksheet_merge_range (ws, r, 3, r, 4, heads[2], x->f_head);
  r++;
  for (guint i = 0; i < x->members->len; i++, r++)
    {
      JsonObject *m = g_ptr_array_index (x->members, i);
      worksheet_set_row (ws, r, 30, NULL);
      kx_str (ws, r, 0, kx_role (x, kepil_json_str (m, "role", "")), x->f_cell);
      worksheet_merge_range (ws, r, 1, r, 2, kepil_json_str (m, "full_name", ""), x->f_cell);
      worksheet_merge_range (ws, r, 3, r, 4, kepil_json_str (m, "position", ""), x->f_cell);
    }
  r++;
  kx_title (x, ws, r++, 5,
            kx_tf (x, N_("3. To engage the accredited organisation %s (accreditation certificate No. %s, valid to %s) "
                         "for the measurements and assessments."),
                   *kepil_json_str (c, "organisation", "") ? kepil_json_str (c, "organisation", "") : "—",
                   *kepil_json_str (c, "certificate_no", "") ? kepil_json_str (c, "certificate_no", "") : "—",
                   kx_date_text (x, kepil_json_str (c, "certificate_valid_to", ""))),
            x->f_text, 36);
  kx_title (x, ws, r++, 5,
            kx_t (x, N_("4. The secretary of the commission is responsible for compiling, keeping and storing the "
                        "attestation documentation.")),
            x->f_text, 36);
  kx_title (x, ws, r++, 5,
            kx_tf (x, N_("5. The commission is to complete the attestation and sign the final act by %s."),
                   kx_date_text (x, kepil_json_str (c, "completed_on", ""))),
            x->f_text, 20);
  kx_title (x, ws, r++, 5, kx_t (x, N_("6. I reserve control over the execution of this order.")), x->f_text, 20);
  r += 2;
  r = kx_signature (x, ws, r, kx_t (x, N_("Head of the enterprise")), "", "");
  r++;
  kx_title (x, ws, r++, 5, kx_t (x, N_("Acquainted with the order:")), x->f_bold, 18);
  for (guint i = 0; i < x->members->len; i++)
    {
      JsonObject *m = g_ptr_array_index (x->members, i);
      r = kx_signature (x, ws, r, kx_role (x, kepil_json_str (m, "role", "")), kepil_json_str (m, "full_name", ""),
                        kepil_json_str (m, "position", ""));
    }
  return TRUE;
}
