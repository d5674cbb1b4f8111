/* kepil-application.h — the Kepil application
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KEPIL_TYPE_APPLICATION (kepil_application_get_type ())
G_DECLARE_FINAL_TYPE (KepilApplication, kepil_application, KEPIL, APPLICATION, AdwApplication)

KepilApplication *kepil_application_new (void);
/* The database the application opens when given no file: the last one, or the
 * demo database in the user's data folder, created on first start. */
char             *kepil_application_default_database (GError **error);
/* Monotonic time (µs) at which main() started: the zero of the cold-start benchmark. */
gint64            kepil_app_started_at (void);
void              kepil_app_mark_start (void);

G_END_DECLS
