/* kepil-labels.c — names of the norm data's indicator keys from the official forms (kk, ru)
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-labels.h"
#include "kepil-norms.h"
#include <gio/gio.h>
#include <string.h>

/* The norm sets' indicator keys → the numbered rows of the forms of
 * appendices 2 and 3 (labels-1057.csv, block "indicator"). */
static const struct { const char *agent, *form, *row; } indicators[] = {
  { "dynamic-regional", "heaviness", "1.1" }, { "dynamic-general-1-5m", "heaviness", "1.2a" },
  { "dynamic-general-over-5m", "heaviness", "1.2b" }, { "lift-single", "heaviness", "2.1" },
  { "lift-constant", "heaviness", "2.2" }, { "mass-hour-surface", "heaviness", "2.3a" },
  { "mass-hour-floor", "heaviness", "2.3b" }, { "stereotyped-local", "heaviness", "3.1" },
  { "stereotyped-regional", "heaviness", "3.2" }, { "static-one-hand", "heaviness", "4.1" },
  { "static-two-hands", "heaviness", "4.2" }, { "static-body-legs", "heaviness", "4.3" },
  { "posture", "heaviness", "5" }, { "bends", "heaviness", "6" }, { "walking-horizontal", "heaviness", "7.1" },
  { "walking-vertical", "heaviness", "7.2" },
  { "intellectual-content", "tension", "1.1" }, { "signal-perception", "tension", "1.2" },
  { "task-distribution", "tension", "1.3" }, { "work-character", "tension", "1.4" },
  { "observation-duration", "tension", "2.1" }, { "signal-density", "tension", "2.2" },
  { "objects-simultaneous", "tension", "2.3" }, { "object-size", "tension", "2.4" },
  { "optical-devices", "tension", "2.5" }, { "vdt-screens", "tension", "2.6" }, { "auditory-load", "tension", "2.7" },
  { "voice-load", "tension", "2.8" }, { "responsibility", "tension", "3.1" }, { "own-life-risk", "tension", "3.2" },
  { "others-safety", "tension", "3.3" }, { "simple-task-elements", "tension", "4.1" },
  { "repeated-operations", "tension", "4.2" }, { "active-actions-time", "tension", "4.3" },
  { "passive-observation", "tension", "4.4" }, { "workday-length", "tension", "5.1" },
  { "shift-work", "tension", "5.2" }, { "breaks", "tension", "5.3" },
};

gboolean
kepil_indicator_form_row (const char *agent, const char **form, const char **row)
{
  for (guint i = 0; agent != NULL && i < G_N_ELEMENTS (indicators); i++)
    if (g_str_equal (indicators[i].agent, agent))
      {
        if (form != NULL)
          *form = indicators[i].form;
        if (row != NULL)
          *row = indicators[i].row;
        return TRUE;
      }
  return FALSE;
}

/* "FORM/ROW" → { kk, ru }, without a trailing colon; read once. */
static GHashTable *
labels (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
      g_autoptr (GBytes) bytes = g_resources_lookup_data ("/kz/kepil/forms/labels-1057.csv", 0, NULL);
      g_autofree char *text = bytes ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) : g_strdup ("");
      g_autoptr (GPtrArray) rows = kepil_csv_parse (text, "labels-1057.csv", NULL);

      /* Columns: form_id, appendix_1057, block, order, label_kk, label_ru (the first row names them). */
      for (guint i = 1; rows != NULL && i < rows->len; i++)
        {
          char **f = g_ptr_array_index (rows, i);
          char **pair;
          if (g_strv_length (f) < 6 || !g_str_equal (f[2], "indicator"))
            continue;
          pair = g_new0 (char *, 3);
          for (guint k = 0; k < 2; k++)
            {
              char *s = g_strstrip (g_strdup (f[4 + k]));
              gsize n = strlen (s);
              if (n > 0 && s[n - 1] == ':')
                s[n - 1] = '\0';
              pair[k] = s;
            }
          g_hash_table_replace (t, g_strdup_printf ("%s/%s", f[0], f[3]), pair);
        }
      g_once_init_leave (&table, t);
    }
  return table;
}

const char *
kepil_indicator_label (const char *agent, const char *lang)
{
  const char *form, *row;
  g_autofree char *key = NULL;
  char **pair;
  int k = g_strcmp0 (lang, "kk") == 0 ? 0 : g_strcmp0 (lang, "ru") == 0 ? 1 : -1;

  if (k < 0 || !kepil_indicator_form_row (agent, &form, &row))
    return NULL;
  key = g_strdup_printf ("%s/%s", form, row);
  pair = g_hash_table_lookup (labels (), key);
  if (pair == NULL)
    return NULL;
  if (*pair[k] != '\0')
    return pair[k];
  if (k == 0)
    {
      /* The source gives some sub-rows (1.2a) in Russian only: their parent row (1.2) names them in Kazakh. */
      g_autofree char *parent = g_strdup_printf ("%s/%.3s", form, row);
      char **pp = g_hash_table_lookup (labels (), parent);
      if (pp != NULL && *pp[0] != '\0')
        return pp[0];
    }
  return *pair[1] != '\0' ? pair[1] : NULL;
}
