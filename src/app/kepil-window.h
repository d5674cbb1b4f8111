/* kepil-window.h — the main window
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "kepil-application.h"
#include "kepil-db.h"

G_BEGIN_DECLS

#define KEPIL_TYPE_WINDOW (kepil_window_get_type ())
G_DECLARE_FINAL_TYPE (KepilWindow, kepil_window, KEPIL, WINDOW, AdwApplicationWindow)

KepilWindow *kepil_window_new        (KepilApplication *app);
/* Opens @path (created when missing) and starts a recompute. */
gboolean     kepil_window_open_file  (KepilWindow      *self,
                                      const char       *path,
                                      GError          **error);
void         kepil_window_show_error (KepilWindow      *self,
                                      const GError     *error);
KepilDb     *kepil_window_get_db     (KepilWindow      *self);
/* "workplaces", "workplace", "enterprise", "dashboard", "reference". */
void         kepil_window_show_page  (KepilWindow      *self,
                                      const char       *name);
const char  *kepil_window_get_page   (KepilWindow      *self);
/* Opens the workplace page of @workplace_id; FALSE when it is not in the database. */
gboolean     kepil_window_select_workplace (KepilWindow *self,
                                            gint64       workplace_id);
GtkWidget   *kepil_window_get_workplace_page (KepilWindow *self);
/* Filters of the workplace list; NULL or "" means any.  @flag "any" = any flag. */
void         kepil_window_set_filter (KepilWindow      *self,
                                      const char       *search,
                                      const char       *klass,
                                      const char       *level,
                                      const char       *flag);
guint        kepil_window_n_visible_workplaces (KepilWindow *self);
/* The workplace id of visible row @pos, or 0. */
gint64       kepil_window_visible_workplace (KepilWindow *self,
                                             guint        pos);
/* Recomputes in a thread (F5); TRUE while long work runs. */
void         kepil_window_recompute  (KepilWindow      *self);
gboolean     kepil_window_is_busy    (KepilWindow      *self);
void         kepil_window_cancel     (KepilWindow      *self);
/* The evaluation of a workplace, or NULL (not computed, or no engine). */
JsonObject  *kepil_window_get_evaluation (KepilWindow  *self,
                                          gint64        workplace_id);
/* Undoes the last edit (Ctrl+Z); FALSE when there was nothing to undo. */
gboolean     kepil_window_undo       (KepilWindow      *self);
/* Writes the window as it is drawn now to a PNG file. */
gboolean     kepil_window_screenshot (KepilWindow      *self,
                                      const char       *png_path,
                                      GError          **error);

/* TRUE in the inspector role: every editing action is unavailable. */
gboolean     kepil_window_is_read_only (KepilWindow *self);

G_END_DECLS
