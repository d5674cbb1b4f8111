/* kepil-classify.h — classes of working conditions, with their reasons
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per-workplace object:
 * {"workplace_id":N,"overall":"3.2","overall_rank":32,"norm_set":"KZ-2000","norm_set_version":1,
 *  "factors":[{"factor":"dust","group":"chemical|dust|biological|physical|labour","class":"3.2","rank":32,
 *              "reasons":[{"text":"…", …}]}],
 *  "overall_reasons":[{"rule":"highest|escalation","text":"…"}],
 *  "measurements":[{"id":N,"factor":"…","subgroup":"…","agent":"…","value":x,"norm":y,"unit":"…","class":"3.1",
 *                   "rank":31,"explanation":{…}}]}
 * A workplace without measurements: overall null, rank 0.  A measurement that cannot be classified
 * has "class": null, "rank": 0 and "error": "…" and is left out of the factors.
 *
 * kepil_classify_database() gives the same object per workplace, but each measurement is lean (200,000
 * explanation objects cost seconds and hundreds of MB): {"id","factor","class","rank","text"[,"error"]},
 * "text" being the sentence of its explanation.  Factors and overall reasons are the same.  The full form
 * (subgroup, agent, value, norm, unit, explanation) comes from kepil_classify_workplace() and
 * kepil_classify_measurements().
 */
#pragma once

#include "kepil-db.h"
#include "kepil-norms.h"

G_BEGIN_DECLS

/* All workplaces of the database: key gint64* workplace id (owned), value JsonObject* (owned). norm_set
 * NULL = the enterprise's own (enterprise.norm_set), "NAME" = latest version, "NAME@3" = version 3. */
GHashTable  *kepil_classify_database (KepilDb *db, const char *norm_set, GError **error);
/* One workplace; same object shape. */
JsonObject  *kepil_classify_workplace (KepilDb *db, gint64 workplace_id, const char *norm_set, GError **error);
/* Classify given measurement records (JsonObjects with the measurement table's fields) of a workplace without
 * saving anything (used by what-if). */
JsonObject  *kepil_classify_measurements (KepilDb *db, const char *norm_set, GPtrArray *measurements,
                                          const char *work_category, gint64 men, gint64 women, GError **error);
/* One value: {"class": "3.1", "rank": 31, "explanation": {...}}. db may be NULL (shipped sets only). */
JsonObject  *kepil_classify_value (KepilDb *db, const char *norm_set, const char *factor, const char *subgroup,
                                   const char *agent, double value, double norm /* NAN if none */,
                                   const char *unit, GError **error);
/* Same, with the work category (microclimate) and the sex scale ("m" or "f", heaviness) spelt out. */
JsonObject  *kepil_classify_value_full (KepilDb *db, const char *norm_set, const char *factor, const char *subgroup,
                                        const char *agent, const char *work_category, const char *sex,
                                        double value, double norm, const char *unit, GError **error);
/* Import validation: factor/subgroup known, unit fits (converted value and unit returned), value sane. */
gboolean     kepil_norms_check_measurement (KepilDb *db, const char *norm_set, const char *factor,
                                            const char *subgroup, const char *agent, const char *unit,
                                            double value, double *converted_value, char **converted_unit,
                                            GError **error);
/* The class of one row for a quantity (ratio, excess, value or grade), or 0 when the value lies beyond a
 * row without a top class.  @bound_index: the bound the value is within (-1 = beyond the last). */
int          kepil_norm_row_classify (const KepilNormRow *row, double quantity, int *bound_index);
/* The rank of bound index @b of a row (0 → class 1, 1 → 2, 2 → 3.1 …). */
int          kepil_norm_bound_rank (int b);

G_END_DECLS
