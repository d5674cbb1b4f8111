/* kepil-preferences-window.h — language, export language, author name, role
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KEPIL_TYPE_PREFERENCES_WINDOW (kepil_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KepilPreferencesWindow, kepil_preferences_window, KEPIL, PREFERENCES_WINDOW, AdwPreferencesWindow)

KepilPreferencesWindow *kepil_preferences_window_new (GtkWindow *parent);

G_END_DECLS
