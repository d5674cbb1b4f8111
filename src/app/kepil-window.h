/* kepil-window.h — the main window
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "kepil-application.h"

G_BEGIN_DECLS

#define KEPIL_TYPE_WINDOW (kepil_window_get_type ())
G_DECLARE_FINAL_TYPE (KepilWindow, kepil_window, KEPIL, WINDOW, AdwApplicationWindow)

KepilWindow *kepil_window_new        (KepilApplication *app);
gboolean     kepil_window_open_file  (KepilWindow      *self,
                                      const char       *path,
                                      GError          **error);
void         kepil_window_show_error (KepilWindow      *self,
                                      const GError     *error);

G_END_DECLS
