/* kepil-risk.h — the risk-oriented model: R_ind, its inputs, П1–П3 and the guarantee package
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure arithmetic over a KepilMethodology: every scale, band and table comes from it.
 * Each input comes back as {"score": n, "how": "a sentence", …the numbers used…}.
 */
#pragma once

#include "kepil-db.h"
#include "kepil-methodology.h"

G_BEGIN_DECLS

/* Pure arithmetic: {"r_ind": x, "level": "low|medium|high|very_high", "methodology": {"name","version"}}.
 * @db may be NULL (the shipped default only); @methodology NULL = the default. */
JsonObject *kepil_risk_compute       (KepilDb     *db,
                                      const char  *methodology,
                                      double       B,
                                      double       T,
                                      double       Ob,
                                      double       PPE,
                                      double       Z,
                                      GError     **error);

double      kepil_risk_r_ind         (const KepilMethodology *m,
                                      double B, double T, double Ob, double PPE, double Z);
/* The key of the band @value falls in, comparing with the methodology's tolerance. */
/* A level key ("very_high") as a message to translate (NULL when unknown). */
const char *kepil_risk_level_msgid   (const char *level);
const char *kepil_risk_level         (const KepilMethodology *m,
                                      double                  r_ind);
const char *kepil_risk_enterprise_level (const KepilMethodology *m,
                                         double                  p);

/* The five inputs of one workplace. */
JsonObject *kepil_risk_input_B       (const KepilMethodology *m,
                                      const char *overall_class /* NULL: not classified */);
JsonObject *kepil_risk_input_T       (const KepilMethodology *m,
                                      gint64 assessed, gint64 non_compliant, gint64 dangerous,
                                      gint64 accidents_5y, gint64 severe_5y, gint64 fatal_5y);
JsonObject *kepil_risk_input_Ob      (const KepilMethodology *m,
                                      gint64 equipment, gint64 non_compliant);
JsonObject *kepil_risk_input_Ob_pct  (const KepilMethodology *m,
                                      double pct_non_compliant);
JsonObject *kepil_risk_input_PPE     (const KepilMethodology *m,
                                      gint64 required, gint64 provided);
JsonObject *kepil_risk_input_PPE_pct (const KepilMethodology *m,
                                      double pct_provided);
JsonObject *kepil_risk_input_Z       (const KepilMethodology *m,
                                      gint64 disease_cases_5y, gint64 workers);
/* A score given directly (what-if). */
JsonObject *kepil_risk_input_given   (const char *input, double score);

/* П1 = Σ(W_i·R_i) / Σ W_i with W_i = headcount_i / total; 0 when nobody counts. */
double      kepil_risk_p1            (const double *unit_r,
                                      const double *unit_headcount,
                                      guint         n_units);
/* П2 from one year of statistics ({"score","how","year","kch","kpz"}); @have FALSE: no statistics. */
JsonObject *kepil_risk_p2            (const KepilMethodology *m,
                                      gboolean have, gint64 year, gint64 average_headcount,
                                      gint64 accidents, gint64 fatal, gint64 disease_cases);
/* П3 from the answers: @answers[q-1] is 1 yes, 0 no, -1 unanswered, for q = 1..m->p3_questions. */
JsonObject *kepil_risk_p3            (const KepilMethodology *m,
                                      gint64 year,
                                      const int *answers);

/* The package of one workplace: {"leave_days":{"value":6,"rule":"…"}, "hours_per_week", "pay_percent",
 * "milk", "lpp", "oppv", "early_pension", "medical", "ppe"}.  @factors: the classification's "factors"
 * array (may be NULL); @pay_coefficient multiplies the pay percent (1 when not applied);
 * @lpp_ration: the ration the List names, or NULL. */
JsonObject *kepil_risk_package       (const KepilMethodology *m,
                                      const char *level,
                                      JsonArray  *factors,
                                      double      pay_coefficient,
                                      const char *lpp_ration);

G_END_DECLS
