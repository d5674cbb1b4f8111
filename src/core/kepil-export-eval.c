/* kepil-export-eval.c — the evaluation an act is made from
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The act, the report of results, the comparison and the leave roster show
 * what the evaluation engine computes.  The engine is written as another part
 * of the core; until it is in the tree those documents say so instead of
 * inventing numbers.
 */
#include "kepil-config.h"
#define KEPIL_EXPORT_INTERNAL
#include "kepil-export.h"
#include "kepil-fingerprint.h"
#include "kepil-error.h"
#include "kepil-i18n.h"
#include "kepil-json.h"
#include "kepil-methodology.h"

#if defined(__has_include)
#if __has_include("kepil-evaluate.h")
#include "kepil-evaluate.h"
#define HAVE_EVALUATE 1
#endif
#endif

gboolean
kepil_export_document_available (const char *document)
{
#ifdef HAVE_EVALUATE
  (void) document;
  return TRUE;
#else
  return g_strcmp0 (document, "order") == 0 || g_strcmp0 (document, "protocols") == 0;
#endif
}

gboolean
kx_evaluate (KepilExport *x, GError **error)
{
#ifdef HAVE_EVALUATE
  JsonArray *wps;

  /* NULL: the enterprise's own norm set and methodology. */
  x->evaluation = kepil_evaluate_database (x->db, NULL, NULL, FALSE, x->cancellable, NULL, NULL, error);
  if (x->evaluation == NULL)
    return FALSE;
  x->eval_by_wp = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  wps = json_object_has_member (x->evaluation, "workplaces")
        ? json_object_get_array_member (x->evaluation, "workplaces") : NULL;
  for (guint i = 0; wps != NULL && i < json_array_get_length (wps); i++)
    {
      JsonObject *w = json_array_get_object_element (wps, i);
      gint64 *k = g_new (gint64, 1);
      *k = kepil_json_int (w, "id", 0);
      g_hash_table_insert (x->eval_by_wp, k, w);
    }
  {
    /* The normal week tells a shortened week from a normal one in the package. */
    g_autoptr (KepilMethodology) m = kepil_methodology_load (x->db, kepil_json_str (x->enterprise, "methodology", NULL), NULL);
    if (m == NULL)
      m = kepil_methodology_load (NULL, NULL, NULL);
    x->normal_hours = m != NULL ? m->normal_hours : 0;
  }
  if (x->campaign != NULL)
    {
      x->fingerprint = kepil_data_fingerprint (x->db, kepil_json_int (x->campaign, "id", 0), error);
      if (x->fingerprint == NULL)
        return FALSE;
    }
  return TRUE;
#else
  g_set_error_literal (error, KEPIL_ERROR, KEPIL_ERROR_FAILED,
                       _("This build of Kepil has no evaluation engine, so it cannot compute the guarantees of an act."));
  return FALSE;
#endif
}

JsonObject *
kx_eval_wp (KepilExport *x, gint64 workplace_id)
{
  return kx_lookup (x->eval_by_wp, workplace_id);
}

gint64
kx_headcount (KepilExport *x, JsonObject *wp)
{
  JsonObject *e = kx_eval_wp (x, kepil_json_int (wp, "id", 0));
  gint64 n;
  if (e != NULL && json_object_has_member (e, "headcount"))
    return kepil_json_int (e, "headcount", 0);
  n = kepil_json_int (wp, "men", 0) + kepil_json_int (wp, "women", 0);
  return n > 0 ? n : kepil_json_int (wp, "count", 1);
}

JsonObject *
kx_eval_enterprise (KepilExport *x)
{
  JsonArray *a;
  gint64 id = kepil_json_int (x->enterprise, "id", 0);
  if (x->evaluation == NULL || !json_object_has_member (x->evaluation, "enterprises"))
    return NULL;
  a = json_object_get_array_member (x->evaluation, "enterprises");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *e = json_array_get_object_element (a, i);
      if (e != NULL && kepil_json_int (e, "id", 0) == id)
        return e;
    }
  return NULL;
}

void
kx_value (KepilExport *x, lxw_worksheet *ws, int row, int col, JsonNode *n)
{
  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n) && json_object_has_member (json_node_get_object (n), "value"))
    n = json_object_get_member (json_node_get_object (n), "value");
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    {
      worksheet_write_blank (ws, row, col, x->f_cell_c);
      return;
    }
  switch (json_node_get_value_type (n))
    {
    case G_TYPE_BOOLEAN:
      kx_str (ws, row, col, json_node_get_boolean (n) ? kx_t (x, N_("yes")) : "—", x->f_cell_c);
      break;
    case G_TYPE_INT64:
      worksheet_write_number (ws, row, col, (double) json_node_get_int (n), x->f_int);
      break;
    case G_TYPE_DOUBLE:
      worksheet_write_number (ws, row, col, json_node_get_double (n), x->f_num);
      break;
    default:
      kx_str (ws, row, col, json_node_get_string (n), x->f_cell);
      break;
    }
}
