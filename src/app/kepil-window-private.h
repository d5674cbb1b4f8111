/* kepil-window-private.h — what kepil-window.c and kepil-window-actions.c share
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kepil-window.h"
#include "kepil-app-private.h"
#include "kepil-undo.h"
#include "kepil-workplace-page.h"
#include "kepil-enterprise-page.h"
#include "kepil-dashboard.h"
#include "kepil-reference-page.h"

G_BEGIN_DECLS

struct _KepilWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  GtkWidget       *sidebar;
  AdwWindowTitle  *enterprise_title;
  AdwWindowTitle  *unit_title;
  GtkListBox      *section_list;
  GtkLabel        *units_label;
  GtkListView     *unit_list;
  GtkColumnView   *workplace_view;
  GtkMenuButton   *menu_button;
  GtkButton       *open_button;
  GtkButton       *back_button;
  GtkButton       *export_button;
  GtkButton       *recompute_button;
  GtkToggleButton *search_button;
  GtkSearchBar    *search_bar;
  GtkBox          *filter_box;
  GtkSearchEntry  *search_entry;
  GtkRevealer     *progress_revealer;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  GtkButton       *cancel_button;
  GtkStack        *main_stack;
  KepilWorkplacePage *workplace_page;
  KepilEnterprisePage *enterprise_page;
  KepilDashboard  *dashboard;
  KepilReferencePage *reference_page;

  GtkDropDown     *class_filter;
  GtkDropDown     *level_filter;
  GtkDropDown     *flag_filter;
  GtkStringList   *flag_codes;       /* codes behind flag_filter after its first two items */

  KepilDb         *db;
  KepilUndo       *undo;
  GListStore      *units;
  GListStore      *workplaces;
  GPtrArray       *shown;              /* the KepilRecords of workplaces, in its order */
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;          /* owned by workplace_selection */
  GtkCustomFilter *filter;
  GtkSingleSelection *unit_selection;
  GtkSingleSelection *workplace_selection;
  GHashTable      *profession_names;   /* id → name */
  GHashTable      *unit_ids;           /* ids of the selected unit and its descendants; NULL = all */
  JsonObject      *evaluation;         /* result of kepil_evaluate_database, or NULL */
  GHashTable      *evals;              /* workplace id → JsonObject of evaluation.workplaces */
  GtkFileChooserNative *chooser;
  GCancellable    *task_cancellable;
  GQueue          *retired;            /* JsonArray of replaced evaluations' workplaces, freed when idle */
  guint            retire_source;
  gboolean         busy;
  gboolean         recompute_again;
  guint            recompute_source;
};

/* kepil-window.c */
void     kepil_window_reload           (KepilWindow *self);
/* What the window shows, prepared without GTK (in a worker thread for a recompute). */
typedef struct _KepilWindowData KepilWindowData;
KepilWindowData *kepil_window_data_new (KepilDb     *db,
                                        JsonObject  *evaluation,
                                        gboolean     recompute,
                                        GError     **error);
void     kepil_window_data_free        (KepilWindowData *d);
void     kepil_window_apply_data       (KepilWindow *self,
                                        KepilWindowData *d);
void     kepil_window_retire_now       (KepilWindow *self);
void     kepil_window_apply_evaluation (KepilWindow *self,
                                        JsonObject  *evaluation);
void     kepil_window_toast            (KepilWindow *self,
                                        const char  *text);
/* kepil-window-actions.c */
void     kepil_window_install_actions  (GtkWidgetClass *wc);
void     kepil_window_setup_menu       (KepilWindow *self);
void     kepil_window_schedule_recompute (KepilWindow *self);
/* Enables the actions that need a database and a role that may write (import). */
void     kepil_window_update_actions   (KepilWindow *self);

/* Long work in a thread: @func runs with its own connection to the database
 * file (a KepilDb is never shared across threads) and returns a JsonObject or
 * NULL with @error; @done runs in the main thread. */
typedef JsonObject *(*KepilWindowTaskFunc) (KepilDb      *db,
                                            gpointer      data,
                                            GCancellable *cancellable,
                                            GTask        *task,
                                            GError      **error);
typedef void (*KepilWindowTaskDone) (KepilWindow *self,
                                     JsonObject  *result,
                                     const GError *error,
                                     gpointer     data);
void     kepil_window_run_task         (KepilWindow        *self,
                                        const char         *label,
                                        KepilWindowTaskFunc func,
                                        KepilWindowTaskDone done,
                                        gpointer            data,
                                        GDestroyNotify      data_free);
/* From the thread: moves the progress bar (0..1) with an optional message. */
void     kepil_window_task_progress    (GTask       *task,
                                        double       fraction,
                                        const char  *message);

G_END_DECLS
