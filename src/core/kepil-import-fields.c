/* kepil-import-fields.c — the fields of the import templates and the factor groups
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-import.h"
#include "kepil-i18n.h"

#include <string.h>

static const KepilImportField fields[KEPIL_IMPORT_N_FIELDS] = {
  [KEPIL_IMPORT_F_CODE] = { "workplace_code", N_("Workplace code"),
                            N_("NN NNN NNN; a workplace with a new code is created"), TRUE },
  [KEPIL_IMPORT_F_UNIT] = { "unit", N_("Unit"), N_("structural unit; matched by name, created when new"), TRUE },
  [KEPIL_IMPORT_F_PROFESSION] = { "profession", N_("Profession"),
                                  N_("profession or position; matched by name, created when new"), TRUE },
  [KEPIL_IMPORT_F_HEADCOUNT] = { "headcount", N_("Number of workplaces"),
                                 N_("whole number ≥ 0; given to a new workplace as its number of workplaces"), FALSE },
  [KEPIL_IMPORT_F_FACTOR] = { "factor", N_("Factor"), N_("factor group, e.g. noise, dust, chemical"), TRUE },
  [KEPIL_IMPORT_F_SUBGROUP] = { "subgroup", N_("Subgroup"), N_("subgroup of the norm set, e.g. equivalent level"),
                                FALSE },
  [KEPIL_IMPORT_F_AGENT] = { "agent", N_("Agent"), N_("substance or indicator, e.g. phosphine"), FALSE },
  [KEPIL_IMPORT_F_VALUE] = { "value", N_("Measured value"), N_("number ≥ 0, decimal comma or point"), TRUE },
  [KEPIL_IMPORT_F_UOM] = { "unit_of_measure", N_("Unit of measure"), N_("e.g. dBA, mg/m3, lx"), FALSE },
  [KEPIL_IMPORT_F_NORM] = { "norm", N_("Norm"), N_("maximum permissible level or concentration, > 0"), FALSE },
  [KEPIL_IMPORT_F_METHOD] = { "method", N_("Method"), N_("standard of the measuring method"), FALSE },
  [KEPIL_IMPORT_F_INSTRUMENT] = { "instrument", N_("Instrument"), N_("measuring instrument"), FALSE },
  [KEPIL_IMPORT_F_DATE] = { "measured_on", N_("Measured on"), N_("dd.mm.yyyy or yyyy-mm-dd, not in the future"),
                            FALSE },
  [KEPIL_IMPORT_F_EXPOSURE] = { "exposure_pct", N_("Exposure, %"), N_("share of the shift exposed, 0 to 100; "
                                                                      "100 when empty"), FALSE },
  [KEPIL_IMPORT_F_MEN] = { "men", N_("Men"), N_("whole number ≥ 0"), FALSE },
  [KEPIL_IMPORT_F_WOMEN] = { "women", N_("Women"), N_("whole number ≥ 0"), FALSE },
  [KEPIL_IMPORT_F_COUNT] = { "count", N_("Number of workplaces"), N_("whole number ≥ 1; 1 when empty"), FALSE },
  [KEPIL_IMPORT_F_ANALOG] = { "analog_group", N_("Analogue group"), N_("workplaces measured as one"), FALSE },
  [KEPIL_IMPORT_F_WAGE] = { "wage", N_("Monthly wage"), N_("tenge, number ≥ 0"), FALSE },
  [KEPIL_IMPORT_F_WORK_CATEGORY] = { "work_category", N_("Work category"),
                                     N_("Ia, Ib, IIa, IIb or III, for the microclimate norms; IIb when empty"), FALSE },
};

static const int measurement_fields[] = {
  KEPIL_IMPORT_F_CODE, KEPIL_IMPORT_F_UNIT, KEPIL_IMPORT_F_PROFESSION, KEPIL_IMPORT_F_HEADCOUNT,
  KEPIL_IMPORT_F_FACTOR, KEPIL_IMPORT_F_SUBGROUP, KEPIL_IMPORT_F_AGENT, KEPIL_IMPORT_F_VALUE,
  KEPIL_IMPORT_F_UOM, KEPIL_IMPORT_F_NORM, KEPIL_IMPORT_F_METHOD, KEPIL_IMPORT_F_INSTRUMENT,
  KEPIL_IMPORT_F_DATE, KEPIL_IMPORT_F_EXPOSURE, KEPIL_IMPORT_F_WORK_CATEGORY,
};

static const int workplace_fields[] = {
  KEPIL_IMPORT_F_CODE, KEPIL_IMPORT_F_UNIT, KEPIL_IMPORT_F_PROFESSION, KEPIL_IMPORT_F_MEN,
  KEPIL_IMPORT_F_WOMEN, KEPIL_IMPORT_F_COUNT, KEPIL_IMPORT_F_ANALOG, KEPIL_IMPORT_F_WAGE,
  KEPIL_IMPORT_F_WORK_CATEGORY,
};

/* The factor groups of the schema's measurement.factor, as the norm sets name them. */
static const char * const factor_names[] = {
  "chemical", "dust", "biological", "noise", "infrasound", "ultrasound_air", "ultrasound_contact",
  "vibration_local", "vibration_general", "emf", "ionising", "microclimate", "thermal_radiation",
  "lighting", "heaviness", "intensity", NULL
};

const KepilImportField *
kepil_import_field (int id)
{
  g_return_val_if_fail (id >= 0 && id < KEPIL_IMPORT_N_FIELDS, &fields[0]);
  return &fields[id];
}

guint
kepil_import_kind_fields (const char *kind, const int **out)
{
  if (g_strcmp0 (kind, "measurements") == 0)
    {
      *out = measurement_fields;
      return G_N_ELEMENTS (measurement_fields);
    }
  if (g_strcmp0 (kind, "workplaces") == 0)
    {
      *out = workplace_fields;
      return G_N_ELEMENTS (workplace_fields);
    }
  *out = NULL;
  return 0;
}

int
kepil_import_field_index (const char *kind, const char *name)
{
  const int *f = NULL;
  guint n = kepil_import_kind_fields (kind, &f);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (fields[f[i]].name, name) == 0)
      return f[i];
  return -1;
}

const char * const *
kepil_import_fields (const char *kind)
{
  static const char *m[G_N_ELEMENTS (measurement_fields) + 1];
  static const char *w[G_N_ELEMENTS (workplace_fields) + 1];
  const int *f = NULL;
  guint n = kepil_import_kind_fields (kind, &f);
  const char **out;

  if (n == 0)
    return NULL;
  out = g_str_equal (kind, "measurements") ? m : w;
  for (guint i = 0; i < n; i++)
    out[i] = fields[f[i]].name;
  out[n] = NULL;
  return out;
}

gboolean
kepil_import_factor_known (const char *factor)
{
  return factor != NULL && g_strv_contains (factor_names, factor);
}

const char * const *
kepil_import_factor_names (void)
{
  return factor_names;
}
