/* kepil-window-actions.c — the window's actions, long work in threads, recompute
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-window-private.h"
#include "kepil-export-dialog.h"
#include "kepil-backup-dialog.h"
#include "kepil-import-dialog.h"

/* ---- long work --------------------------------------------------------------------------- */

typedef struct
{
  KepilWindow        *window;     /* weak: the window may close while the thread runs */
  char               *path;
  char               *user;
  KepilRole           role;
  KepilWindowTaskFunc func;
  KepilWindowTaskDone done;
  gpointer            data;
  GDestroyNotify      data_free;
} TaskData;

static void
task_data_free (TaskData *td)
{
  g_clear_weak_pointer (&td->window);
  g_free (td->path);
  g_free (td->user);
  if (td->data_free != NULL)
    td->data_free (td->data);
  g_free (td);
}

typedef struct
{
  GWeakRef window;
  double   fraction;
  char    *message;
} Progress;

static gboolean
progress_idle (gpointer p)
{
  Progress *pr = p;
  g_autoptr (KepilWindow) self = g_weak_ref_get (&pr->window);
  if (self != NULL && self->busy)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (pr->fraction, 0, 1));
      if (pr->message != NULL)
        gtk_progress_bar_set_text (self->progress_bar, pr->message);
      gtk_progress_bar_set_show_text (self->progress_bar, pr->message != NULL);
    }
  g_weak_ref_clear (&pr->window);
  g_free (pr->message);
  g_free (pr);
  return G_SOURCE_REMOVE;
}

void
kepil_window_task_progress (GTask *task, double fraction, const char *message)
{
  TaskData *td = g_task_get_task_data (task);
  Progress *pr = g_new0 (Progress, 1);
  g_weak_ref_init (&pr->window, td->window);
  pr->fraction = fraction;
  pr->message = g_strdup (message);
  g_main_context_invoke (NULL, progress_idle, pr);
}

static void
task_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;
  /* A second connection: a KepilDb is never shared across threads. */
  g_autoptr (KepilDb) db = kepil_db_open (td->path, KEPIL_DB_OPEN_NO_BACKUP, &error);
  JsonObject *result;

  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  kepil_db_set_actor (db, td->user, td->role);
  result = td->func (db, td->data, cancellable, task, &error);
  if (result == NULL)
    g_task_return_error (task, error != NULL ? error
                         : g_error_new_literal (KEPIL_ERROR, KEPIL_ERROR_FAILED, _("The work failed.")));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) json_object_unref);
}

static void
task_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  GTask *task = G_TASK (res);
  TaskData *td = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) result = g_task_propagate_pointer (task, &error);
  KepilWindow *self = td->window;

  if (self == NULL)
    return;
  self->busy = FALSE;
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->task_cancellable);
  if (td->done != NULL)
    td->done (self, result, error, td->data);
  if (self->recompute_again)
    {
      self->recompute_again = FALSE;
      kepil_window_recompute (self);
    }
}

void
kepil_window_run_task (KepilWindow *self, const char *label, KepilWindowTaskFunc func, KepilWindowTaskDone done,
                       gpointer data, GDestroyNotify data_free)
{
  TaskData *td = g_new0 (TaskData, 1);
  g_autoptr (GTask) task = NULL;

  g_set_weak_pointer (&td->window, self);
  td->path = g_strdup (kepil_db_get_path (self->db));
  td->user = g_strdup (kepil_db_get_user (self->db));
  td->role = kepil_db_get_role (self->db);
  td->func = func;
  td->done = done;
  td->data = data;
  td->data_free = data_free;
  g_clear_object (&self->task_cancellable);
  self->task_cancellable = g_cancellable_new ();
  self->busy = TRUE;
  gtk_label_set_text (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_show_text (self->progress_bar, FALSE);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  task = g_task_new (NULL, self->task_cancellable, task_done, NULL);
  g_task_set_task_data (task, td, (GDestroyNotify) task_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, task_thread);
}

gboolean
kepil_window_is_busy (KepilWindow *self)
{
  return self->busy || self->recompute_source != 0;
}

void
kepil_window_cancel (KepilWindow *self)
{
  if (self->task_cancellable != NULL)
    g_cancellable_cancel (self->task_cancellable);
}

static void
on_cancel_button_clicked_cb (GtkButton *b, KepilWindow *self)
{
  kepil_window_cancel (self);
}

/* ---- recompute ------------------------------------------------------------------------------ */

#ifdef KEPIL_HAVE_EVALUATE
static void
evaluate_progress (double fraction, gpointer user_data)
{
  kepil_window_task_progress (user_data, fraction, NULL);
}

typedef struct
{
  KepilWindowData *data;   /* made in the worker thread with the evaluation */
} Recompute;

static void
recompute_free (Recompute *r)
{
  kepil_window_data_free (r->data);
  g_free (r);
}

static JsonObject *
evaluate_func (KepilDb *db, gpointer data, GCancellable *c, GTask *task, GError **error)
{
  Recompute *r = data;
  JsonObject *result = kepil_evaluate_database (db, NULL, NULL, FALSE, c, evaluate_progress, task, error);

  /* Everything the window shows is prepared here too, so the main loop only swaps it in. */
  if (result != NULL)
    {
      r->data = kepil_window_data_new (db, result, TRUE, error);
      if (r->data == NULL)
        g_clear_pointer (&result, json_object_unref);
    }
  return result;
}

static void
evaluate_done (KepilWindow *self, JsonObject *result, const GError *error, gpointer data)
{
  Recompute *r = data;

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, KEPIL_ERROR, KEPIL_ERROR_CANCELLED))
        kepil_window_toast (self, _("Recompute cancelled; the figures shown are older."));
      else
        kepil_window_show_error (self, error);
      return;
    }
  kepil_window_apply_data (self, r->data);
}
#endif

void
kepil_window_recompute (KepilWindow *self)
{
  g_clear_handle_id (&self->recompute_source, g_source_remove);
  if (self->db == NULL)
    return;
  if (self->busy)
    {
      self->recompute_again = TRUE;
      return;
    }
#ifdef KEPIL_HAVE_EVALUATE
  if (kepil_evaluate_database != NULL)
      kepil_window_run_task (self, _("Recomputing the enterprise…"), evaluate_func, evaluate_done,
                             g_new0 (Recompute, 1), (GDestroyNotify) recompute_free);
#endif
}

static gboolean
recompute_timeout (gpointer data)
{
  KepilWindow *self = data;
  self->recompute_source = 0;
  kepil_window_recompute (self);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (a row of cells): recompute once they pause. */
void
kepil_window_schedule_recompute (KepilWindow *self)
{
  g_clear_handle_id (&self->recompute_source, g_source_remove);
  self->recompute_source = g_timeout_add (300, recompute_timeout, self);
}

/* ---- actions ------------------------------------------------------------------------------- */

static void
on_chooser_response_cb (GtkNativeDialog *dialog, int response, KepilWindow *self)
{
  gboolean create = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;
      if (create && !g_str_has_suffix (path, ".kepil"))
        {
          char *p = g_strconcat (path, ".kepil", NULL);
          g_free (path);
          path = p;
        }
      if (create && g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (&error, KEPIL_ERROR, KEPIL_ERROR_INVALID,
                       _("“%s” already exists; open it instead, or choose another name."), path);
          kepil_window_show_error (self, error);
        }
      else if (!kepil_window_open_file (self, path, &error))
        kepil_window_show_error (self, error);
      else if (create)
        {
          g_autoptr (JsonObject) e = json_object_new ();
          json_object_set_string_member (e, "name_ru", _("New enterprise"));
          if (kepil_undo_insert (self->undo, "enterprise", e, &error) == 0)
            kepil_window_show_error (self, error);
          kepil_window_reload (self);
          kepil_window_show_page (self, "enterprise");
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_file (KepilWindow *self, gboolean create)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (create ? _("New Kepil database") : _("Open a Kepil database"),
                                               GTK_WINDOW (self),
                                               create ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               create ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Kepil databases"));
  gtk_file_filter_add_pattern (filter, "*.kepil");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("enterprise.kepil"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_action (GtkWidget *w, const char *name, GVariant *param)
{
  choose_file (KEPIL_WINDOW (w), FALSE);
}

static void
new_action (GtkWidget *w, const char *name, GVariant *param)
{
  choose_file (KEPIL_WINDOW (w), TRUE);
}

static void
search_action (GtkWidget *w, const char *name, GVariant *param)
{
  KepilWindow *self = KEPIL_WINDOW (w);
  if (!g_str_equal (kepil_window_get_page (self), "workplaces"))
    kepil_window_show_page (self, "workplaces");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
recompute_action (GtkWidget *w, const char *name, GVariant *param)
{
  KepilWindow *self = KEPIL_WINDOW (w);
#ifndef KEPIL_HAVE_EVALUATE
  kepil_window_toast (self, _("This build of Kepil has no evaluation engine."));
#endif
  kepil_window_recompute (self);
}

static void
undo_action (GtkWidget *w, const char *name, GVariant *param)
{
  kepil_window_undo (KEPIL_WINDOW (w));
}

static void
export_action (GtkWidget *w, const char *name, GVariant *param)
{
  KepilWindow *self = KEPIL_WINDOW (w);
  KepilExportDialog *d;
  if (self->db == NULL)
    return;
  d = kepil_export_dialog_new (self);
  gtk_window_present (GTK_WINDOW (d));
}

static void
import_action (GtkWidget *w, const char *name, GVariant *param)
{
  KepilWindow *self = KEPIL_WINDOW (w);
  if (self->db == NULL || kepil_window_is_read_only (self))
    return;
  gtk_window_present (GTK_WINDOW (kepil_import_dialog_new (self)));
}

/* Importing writes: no database, or the inspector's role, leaves it unavailable. */
void
kepil_window_update_actions (KepilWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", self->db != NULL && !kepil_window_is_read_only (self));
}

/* ---- restore a backup ------------------------------------------------------------------ */

static void
restore_action (GtkWidget *w, const char *name, GVariant *param)
{
  KepilWindow *self = KEPIL_WINDOW (w);
  if (self->db == NULL)
    return;
  gtk_window_present (GTK_WINDOW (kepil_backup_dialog_new (self)));
}

void
kepil_window_install_actions (GtkWidgetClass *wc)
{
  gtk_widget_class_bind_template_callback (wc, on_cancel_button_clicked_cb);
  gtk_widget_class_install_action (wc, "win.open", NULL, open_action);
  gtk_widget_class_install_action (wc, "win.new", NULL, new_action);
  gtk_widget_class_install_action (wc, "win.search", NULL, search_action);
  gtk_widget_class_install_action (wc, "win.recompute", NULL, recompute_action);
  gtk_widget_class_install_action (wc, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (wc, "win.export", NULL, export_action);
  gtk_widget_class_install_action (wc, "win.restore-backup", NULL, restore_action);
  gtk_widget_class_install_action (wc, "win.import", NULL, import_action);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_F5, 0, "win.recompute", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
}

void
kepil_window_setup_menu (KepilWindow *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) files = g_menu_new ();
  g_autoptr (GMenu) app = g_menu_new ();

  g_menu_append (files, _("_New database…"), "win.new");
  g_menu_append (files, _("_Open…"), "win.open");
  g_menu_append (files, _("_Import measurements or a register…"), "win.import");
  g_menu_append (files, _("_Export documents…"), "win.export");
  g_menu_append (files, _("_Recompute"), "win.recompute");
  g_menu_append (files, _("_Undo"), "win.undo");
  g_menu_append (files, _("Restore a _backup…"), "win.restore-backup");
  g_menu_append (app, _("_Preferences"), "app.preferences");
  g_menu_append (app, _("_About Kepil"), "app.about");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (files));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (app));
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
  kepil_window_update_actions (self);
}
