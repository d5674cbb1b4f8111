/* kepil-backup-dialog.c — pick one of the database's backups and restore it
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list and the restore are the core's (kepil_db_describe_backups,
 * kepil_db_restore_backup_safely); this window only shows them and asks.
 */
#include "kepil-config.h"
#include "kepil-backup-dialog.h"
#include "kepil-window-private.h"

struct _KepilBackupDialog
{
  AdwWindow         parent_instance;
  AdwWindowTitle   *title;
  GtkLabel         *intro_label;
  GtkStack         *stack;
  GtkListBox       *list;
  AdwStatusPage    *empty_page;
  GtkButton        *restore_button;
  KepilWindow      *window;      /* weak */
  GPtrArray        *backups;     /* JsonObject* from kepil_db_describe_backups, in row order */
  GtkCheckButton   *group;       /* the first row's check button: the others join its group */
};

G_DEFINE_FINAL_TYPE (KepilBackupDialog, kepil_backup_dialog, ADW_TYPE_WINDOW)

/* The backup whose row is checked, or NULL. */
static JsonObject *
chosen_backup (KepilBackupDialog *self)
{
  for (guint i = 0; self->backups != NULL && i < self->backups->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) i);
      GtkWidget *check = row != NULL ? adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) : NULL;
      if (check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        return g_ptr_array_index (self->backups, i);
    }
  return NULL;
}

static void
on_check_toggled_cb (GtkCheckButton *check, KepilBackupDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), chosen_backup (self) != NULL);
}

static void
show_failure (KepilBackupDialog *self, const GError *error)
{
  AdwMessageDialog *d = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("The backup was not restored"),
                                                                    error->message));
  adw_message_dialog_add_response (d, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (d));
}

static gboolean
close_idle (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_confirm_response_cb (AdwMessageDialog *d, const char *response, KepilBackupDialog *self)
{
  KepilWindow *win = self->window;
  const char *path = g_object_get_data (G_OBJECT (d), "kepil-backup");
  const char *when = g_object_get_data (G_OBJECT (d), "kepil-when");
  g_autoptr (GError) error = NULL;
  g_autofree char *db_path = NULL, *saved = NULL, *toast = NULL;

  if (g_strcmp0 (response, "restore") != 0 || win == NULL || win->db == NULL || path == NULL)
    return;
  if (win->busy)
    {
      /* A thread may be writing to the file (an import); the copy must not race it. */
      g_set_error (&error, KEPIL_ERROR, KEPIL_ERROR_FAILED,
                   _("Kepil is still working on this database. Restore the backup when the work has finished."));
      show_failure (self, error);
      return;
    }
  db_path = g_strdup (kepil_db_get_path (win->db));
  if (!kepil_db_restore_backup_safely (win->db, path, &saved, &error))
    {
      show_failure (self, error);
      return;
    }
  /* Open the file anew: every page, the undo history and the figures start from the restored data. */
  if (!kepil_window_open_file (win, db_path, &error))
    {
      show_failure (self, error);
      return;
    }
  toast = g_strdup_printf (_("The database is back as it was on %s; the state before was saved as a backup."), when);
  kepil_window_toast (win, toast);
  /* Not now: the confirmation, transient for this window, is still in its response and
   * would be left pointing at a destroyed parent. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle, g_object_ref (self), g_object_unref);
}

static void
on_restore_button_clicked_cb (GtkButton *b, KepilBackupDialog *self)
{
  JsonObject *backup = chosen_backup (self);
  g_autofree char *when = NULL, *heading = NULL, *body = NULL;
  AdwMessageDialog *d;

  if (backup == NULL)
    return;
  when = kepil_format_date_time (kepil_json_str (backup, "time", ""));
  heading = g_strdup_printf (_("Restore the backup of %s?"), when);
  body = g_strdup_printf (_("The database will be put back as it was on %s. Changes made since then are lost.\n\n"
                            "A backup of the present state is made first, so you can return to it."), when);
  d = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (d, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (d, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (d, "cancel");
  adw_message_dialog_set_close_response (d, "cancel");
  g_object_set_data_full (G_OBJECT (d), "kepil-backup", g_strdup (kepil_json_str (backup, "path", "")), g_free);
  g_object_set_data_full (G_OBJECT (d), "kepil-when", g_steal_pointer (&when), g_free);
  g_signal_connect_object (d, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (d));
}

static GtkWidget *
backup_row (KepilBackupDialog *self, JsonObject *backup)
{
  GtkWidget *row = kepil_app_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *when = kepil_format_date_time (kepil_json_str (backup, "time", ""));
  g_autofree char *size = kepil_format_size ((guint64) MAX (kepil_json_int (backup, "size", 0), 0));
  const char *reason = kepil_db_backup_reason_label (kepil_json_str (backup, "reason", ""));
  g_autofree char *subtitle = NULL;

  if (*reason != '\0')
    /* Translators: under a backup's date: why it was made, and its size ("before an import · 1,2 MB"). */
    subtitle = g_strdup_printf (_("%s · %s"), reason, size);
  else
    subtitle = g_strdup (size);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (self->group == NULL)
    self->group = GTK_CHECK_BUTTON (check);
  else
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->group);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_tooltip_text (row, kepil_json_str (backup, "name", ""));
  return row;
}

static void
fill (KepilBackupDialog *self)
{
  KepilDb *db = self->window != NULL ? self->window->db : NULL;

  g_clear_pointer (&self->backups, g_ptr_array_unref);
  self->group = NULL;
  kepil_app_clear_box (GTK_WIDGET (self->list));
  if (db != NULL)
    {
      g_autofree char *base = g_path_get_basename (kepil_db_get_path (db));
      adw_window_title_set_subtitle (self->title, base);
      self->backups = kepil_db_describe_backups (db);
    }
  else
    self->backups = g_ptr_array_new ();
  for (guint i = 0; i < self->backups->len; i++)
    gtk_list_box_append (self->list, backup_row (self, g_ptr_array_index (self->backups, i)));
  gtk_stack_set_visible_child_name (self->stack, self->backups->len > 0 ? "list" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->intro_label), self->backups->len > 0);
  /* The inspector role may look at the backups; the core refuses it the restore. */
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button),
                          self->backups->len > 0 && (self->window == NULL || !kepil_window_is_read_only (self->window)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), FALSE);
}

static void
kepil_backup_dialog_dispose (GObject *o)
{
  KepilBackupDialog *self = KEPIL_BACKUP_DIALOG (o);
  g_clear_weak_pointer (&self->window);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEPIL_TYPE_BACKUP_DIALOG);
  G_OBJECT_CLASS (kepil_backup_dialog_parent_class)->dispose (o);
}

static void
kepil_backup_dialog_class_init (KepilBackupDialogClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = kepil_backup_dialog_dispose;
  gtk_widget_class_set_template_from_resource (wc, "/kz/kepil/app/kepil-backup-dialog.ui");
  gtk_widget_class_bind_template_child (wc, KepilBackupDialog, title);
  gtk_widget_class_bind_template_child (wc, KepilBackupDialog, intro_label);
  gtk_widget_class_bind_template_child (wc, KepilBackupDialog, stack);
  gtk_widget_class_bind_template_child (wc, KepilBackupDialog, list);
  gtk_widget_class_bind_template_child (wc, KepilBackupDialog, empty_page);
  gtk_widget_class_bind_template_child (wc, KepilBackupDialog, restore_button);
  gtk_widget_class_bind_template_callback (wc, on_restore_button_clicked_cb);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kepil_backup_dialog_init (KepilBackupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_title (GTK_WINDOW (self), _("Restore a backup"));
  adw_window_title_set_title (self->title, _("Restore a backup"));
  gtk_label_set_text (self->intro_label,
                      _("Kepil makes a backup of the database before every upgrade of the file, every import and "
                        "every restore, and keeps the last few. Choose the state to return to."));
  adw_status_page_set_title (self->empty_page, _("No backups yet"));
  adw_status_page_set_description (self->empty_page,
                                   _("Kepil makes a backup of the database before every upgrade of the file, every "
                                     "import and every restore. None has been made for this database yet, so there "
                                     "is nothing to restore."));
  gtk_button_set_label (self->restore_button, _("_Restore…"));
}

KepilBackupDialog *
kepil_backup_dialog_new (KepilWindow *window)
{
  KepilBackupDialog *self = g_object_new (KEPIL_TYPE_BACKUP_DIALOG, "transient-for", window, "modal", TRUE, NULL);
  g_set_weak_pointer (&self->window, window);
  fill (self);
  return self;
}
