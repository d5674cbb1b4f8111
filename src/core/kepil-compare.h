/* kepil-compare.h — the List next to the risk model: comparison rows, flags and yearly costs
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kepil-methodology.h"

G_BEGIN_DECLS

/* The guarantees of one column, reduced to what costs and comparisons need. */
typedef struct {
  double   leave_days;
  double   hours_per_week;
  double   pay_percent;
  gboolean oppv;
  gboolean milk;
  double   milk_litres_per_shift;
  gboolean lpp;
  gboolean early_pension;
} KepilGuarantees;

/* What one workplace's costs are computed from (methodology §6). */
typedef struct {
  double headcount;
  double monthly_wage;
  double days_per_month;    /* 29.3 */
  double shifts_per_year;   /* 247 */
  double months_per_year;   /* 12 */
  double oppv_percent;      /* 5 */
  double normal_hours;      /* 40 */
  double milk_price;        /* per litre */
  double lpp_ration_cost;   /* per shift */
} KepilCostParams;

/* From the lists part's per-workplace object (its "grants"), or NULL: nothing. */
void        kepil_guarantees_from_list     (JsonObject            *list,
                                            double                 normal_hours,
                                            KepilGuarantees       *out);
/* From kepil_risk_package(). */
void        kepil_guarantees_from_package  (JsonObject            *package,
                                            double                 normal_hours,
                                            KepilGuarantees       *out);
/* Number of compensating kinds granted (leave, shorter week, pay, milk, ЛПП, ОППВ, early pension). */
guint       kepil_guarantees_count_kinds   (const KepilGuarantees *g,
                                            double                 normal_hours);

/* Yearly cost per kind: {"leave","pay","oppv","milk","lpp","hours","total"} in tenge. */
JsonObject *kepil_costs_compute            (const KepilCostParams *p,
                                            const KepilGuarantees *g);
/* {"list":{…},"model":{…},"difference": model total − list total}. */
JsonObject *kepil_costs_columns            (const KepilCostParams *p,
                                            const KepilGuarantees *list,
                                            const KepilGuarantees *model);
/* Adds the members of @costs ({"list","model","difference"}) into @sum (same shape). */
void        kepil_costs_add                (JsonObject            *sum,
                                            JsonObject            *costs);
JsonObject *kepil_costs_zero               (void);

/* The comparison rows of one workplace:
 * [{"kind","list","attestation","model","rule_list","rule_model","difference","direction"}]. */
JsonArray  *kepil_compare_rows             (JsonObject            *list,
                                            JsonObject            *classes,
                                            JsonObject            *package,
                                            const KepilGuarantees *lg,
                                            const KepilGuarantees *mg,
                                            double                 normal_hours);
/* The same, shared: with @memo (GBytes → JsonArray, from kepil_compare_rows_memo_new) workplaces whose rows
 * would be equal get one sealed array (a new reference). */
JsonArray  *kepil_compare_rows_shared      (GHashTable            *memo,
                                            JsonObject            *list,
                                            JsonObject            *classes,
                                            JsonObject            *package,
                                            const KepilGuarantees *lg,
                                            const KepilGuarantees *mg,
                                            double                 normal);
GHashTable *kepil_compare_rows_memo_new    (void);

/* The flags of one workplace (all but the analogous-workplace flag, which needs
 * the others): [{"code","text",…}]. */
JsonArray  *kepil_compare_flags            (const KepilMethodology *m,
                                            JsonObject            *list,
                                            JsonObject            *classes,
                                            JsonArray             *rows,
                                            const KepilGuarantees *lg);
/* Adds "analog_classes_differ" to every workplace (objects with "id", "code",
 * "enterprise_id", "analog_group", "classes", "flags") whose group holds another class. */
void        kepil_compare_analog_flags     (JsonArray             *workplaces);
/* The enterprise's "headcounts_differ" flag, or NULL: @headcounts {"leave":N,…};
 * @consistent the kinds that should cover the same workers; @why_text a sentence
 * naming the workplaces that make the difference (may be NULL). */
JsonObject *kepil_compare_headcounts_flag  (JsonObject            *headcounts,
                                            JsonArray             *consistent,
                                            const char            *why_text);

G_END_DECLS
