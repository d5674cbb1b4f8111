/* kepil-dashboard.h — the enterprise at a glance: bar charts drawn with cairo
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "kepil-db.h"

G_BEGIN_DECLS

#define KEPIL_TYPE_DASHBOARD (kepil_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (KepilDashboard, kepil_dashboard, KEPIL, DASHBOARD, AdwBin)

/* @evaluation: the result of kepil_evaluate_database, or NULL (charts say "not computed"). */
void   kepil_dashboard_set_data  (KepilDashboard *self,
                                  KepilDb        *db,
                                  JsonObject     *evaluation);
/* The bars computed from @evaluation without GTK (any thread), then shown on the main thread. */
typedef struct _KepilDashboardData KepilDashboardData;
KepilDashboardData *kepil_dashboard_data_new  (JsonObject         *evaluation);
void   kepil_dashboard_data_free    (KepilDashboardData *d);
void   kepil_dashboard_set_prepared (KepilDashboard     *self,
                                     KepilDashboardData *d);
/* The value of bar @label of chart @chart ("classes", "levels", "flags", "costs",
 * "guarantees"), or -1 when there is no such bar (tests). */
double kepil_dashboard_get_bar   (KepilDashboard *self,
                                  const char     *chart,
                                  const char     *label);

G_END_DECLS
