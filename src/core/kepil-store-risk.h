/* kepil-store-risk.h — storage of the risk model: methodologies, runs, and the rows it reads
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row comes back as a JsonObject whose members are the query's column names.
 */
#pragma once

#include "kepil-db.h"

G_BEGIN_DECLS

typedef enum {
  KEPIL_RISK_ROWS_ENTERPRISES,       /* the enterprise table */
  KEPIL_RISK_ROWS_UNITS,             /* id, enterprise_id, name_ru, name_kk, headcount */
  KEPIL_RISK_ROWS_WORKPLACES,        /* workplace columns + enterprise_id, profession, profession_kk */
  KEPIL_RISK_ROWS_SAFETY,            /* workplace_id, n, non_compliant, dangerous */
  KEPIL_RISK_ROWS_PPE,               /* workplace_id, items, required, provided */
  KEPIL_RISK_ROWS_PROFESSION_STATS,  /* profession_id, disease_cases_5y, workers */
  KEPIL_RISK_ROWS_ENTERPRISE_STATS,  /* the last year of each enterprise */
  KEPIL_RISK_ROWS_CHECKLIST,         /* enterprise_id, year, question, answer of each enterprise's last year */
} KepilRiskRows;

GPtrArray *kepil_store_risk_rows              (KepilDb       *db,
                                               KepilRiskRows  which,
                                               GError       **error);

/* Methodologies.  @version 0 = the latest.  Returns FALSE with KEPIL_ERROR_NOT_FOUND when missing. */
gboolean   kepil_store_methodology_get        (KepilDb     *db,
                                               const char  *name,
                                               int          version,
                                               char       **out_json,
                                               int         *out_version,
                                               GError     **error);
int        kepil_store_methodology_max_version (KepilDb    *db,
                                                const char *name,
                                                GError    **error);
gboolean   kepil_store_methodology_insert     (KepilDb     *db,
                                               const char  *name,
                                               int          version,
                                               const char  *parent,
                                               const char  *json,
                                               GError     **error);
/* {name, version, parent, created_at, created_by} by name and version. */
GPtrArray *kepil_store_methodology_list       (KepilDb     *db,
                                               GError     **error);

/* Runs of evaluate.  @norm_set_version < 0 is stored as NULL. */
gint64     kepil_store_risk_run_insert        (KepilDb     *db,
                                               const char  *computed_at,
                                               const char  *user,
                                               const char  *norm_set,
                                               int          norm_set_version,
                                               const char  *methodology,
                                               int          methodology_version,
                                               const char  *enterprises_json,
                                               GError     **error);
gboolean   kepil_store_risk_result_insert     (KepilDb     *db,
                                               gint64       run_id,
                                               gint64       workplace_id,
                                               const char  *code,
                                               double       r_ind,
                                               const char  *level,
                                               const char  *json,
                                               GError     **error);
/* {id, computed_at, user, norm_set, norm_set_version, methodology, methodology_version, workplaces}. */
GPtrArray *kepil_store_risk_runs              (KepilDb     *db,
                                               GError     **error);
/* The run's row (with "enterprises" as text) and its results' "json" texts in workplace order. */
gboolean   kepil_store_risk_run_get           (KepilDb     *db,
                                               gint64       run_id,
                                               JsonObject **out_run,
                                               GPtrArray  **out_results,
                                               GError     **error);

G_END_DECLS
