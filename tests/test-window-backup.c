/* test-window-backup.c — restoring a backup from the window's picker, under Xvfb
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KEPIL_TEST_SCREENSHOTS=DIR writes pictures of the dialogs there;
 * KEPIL_TEST_LANG=kk|ru runs in that language (default English).
 */
#include "kepil-config.h"
#include <adwaita.h>
#include "kepil-test.h"
#include "kepil-application.h"
#include "kepil-window.h"
#include "kepil-workplace-page.h"
#include "kepil-backup-dialog.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-json.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-test-window.h"

typedef struct
{
  char        *dir;
  char        *path;
  KepilWindow *win;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KepilDb) db = NULL;

  f->dir = kepil_test_tmpdir ();
  f->path = g_build_filename (f->dir, "plant.kepil", NULL);
  db = kepil_db_open (f->path, KEPIL_DB_OPEN_CREATE | KEPIL_DB_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_true (kepil_demo_load (db, &error));
  g_assert_no_error (error);
  g_clear_object (&db);
  f->win = open_window (f->path);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  close_window (f->win);
  kepil_test_rmrf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* ---- finding widgets ---------------------------------------------------------------------- */

/* Clicks the button of a message dialog's response, as a user would ("clicked":
 * gtk_widget_activate on a button clicks only after a timeout). */
static void
respond_button (GtkButton *b)
{
  g_assert_nonnull (b);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (b)));
  g_signal_emit_by_name (b, "clicked");
  pump ();
}

static KepilBackupDialog *
open_picker (KepilWindow *win)
{
  return open_modal (win, "win.restore-backup", KEPIL_TYPE_BACKUP_DIALOG);
}

/* ---- the data ---------------------------------------------------------------------------- */

/* A workplace of the demo with at least two measurements. */
static gint64
workplace_with_measurements (KepilDb *db, GPtrArray **out_ms)
{
  g_autoptr (GPtrArray) wps = kepil_entity_list (db, "workplace", NULL, 0, NULL);
  for (guint i = 0; i < wps->len; i++)
    {
      gint64 id = kepil_json_int (g_ptr_array_index (wps, i), "id", 0);
      GPtrArray *ms = kepil_entity_list (db, "measurement", "workplace_id", id, NULL);
      if (ms->len >= 2)
        {
          *out_ms = ms;
          return id;
        }
      g_ptr_array_unref (ms);
    }
  g_assert_not_reached ();
  return 0;
}

static double
measurement_value (KepilDb *db, gint64 id, gboolean *exists)
{
  g_autoptr (JsonObject) m = kepil_entity_get (db, "measurement", id, NULL);
  *exists = m != NULL;
  return m != NULL ? kepil_json_double (m, "value", -1) : -1;
}

static char *
now_text (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%d.%m.%Y %H:%M");
}

/* ---- the tests --------------------------------------------------------------------------- */

static void
test_restore_picked (Fixture *f, gconstpointer data)
{
  KepilDb *db = kepil_window_get_db (f->win);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ms = NULL, rows = NULL, backups = NULL, wp_ms = NULL;
  g_autofree char *first = NULL, *second = NULL, *t0 = NULL, *t1 = NULL, *edited = NULL, *copy = NULL;
  KepilBackupDialog *dlg;
  AdwMessageDialog *confirm;
  GtkButton *restore;
  KepilWorkplacePage *page;
  gint64 wp, m0, m1;
  guint n_wp, n_ms;
  double v0, v;
  gboolean exists;
  const char *title1;

  wp = workplace_with_measurements (db, &ms);
  n_ms = ms->len;
  m0 = kepil_json_int (g_ptr_array_index (ms, 0), "id", 0);
  m1 = kepil_json_int (g_ptr_array_index (ms, 1), "id", 0);
  v0 = kepil_json_double (g_ptr_array_index (ms, 0), "value", -1);
  n_wp = kepil_window_n_visible_workplaces (f->win);
  g_assert_cmpuint (n_wp, >, 0);

  /* Two backups, different states: the older one is the one to pick. */
  t0 = now_text ();
  first = kepil_db_backup (db, "first", &error);
  g_assert_no_error (error);
  t1 = now_text ();
  g_assert_true (kepil_window_select_workplace (f->win, wp));
  page = KEPIL_WORKPLACE_PAGE (kepil_window_get_workplace_page (f->win));
  g_assert_cmpuint (kepil_workplace_page_n_measurements (page), ==, n_ms);
  edited = kepil_format_number (v0 + 10.5, 1);
  g_assert_true (kepil_workplace_page_commit_cell (page, m0, "value", edited, &error));
  g_assert_no_error (error);
  wait_idle (f->win);
  second = kepil_db_backup (db, "second", &error);
  g_assert_no_error (error);
  /* More changes after the newest backup, through the core. */
  g_assert_true (kepil_entity_delete (db, "measurement", m1, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (measurement_value (db, m0, &exists), ==, v0 + 10.5);

  dlg = open_picker (f->win);
  rows = find_all (dlg, ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, ==, 2);
  /* Newest first; the date as people write it, why it was made and the size. */
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), "second"));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, 1)), "first"));
  title1 = adw_preferences_row_get_title (g_ptr_array_index (rows, 1));
  g_assert_true (g_str_equal (title1, t0) || g_str_equal (title1, t1));
  {
    g_autofree char *size = NULL;
    GStatBuf st;
    g_assert_cmpint (g_stat (first, &st), ==, 0);
    size = kepil_format_size ((guint64) st.st_size);
    g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (g_ptr_array_index (rows, 1)), size));
  }
  restore = find_button (dlg, _("_Restore…"));
  g_assert_nonnull (restore);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (restore)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (restore)));

  /* Pick the older one, as a click on its row would. */
  g_assert_true (gtk_widget_activate (g_ptr_array_index (rows, 1)));
  pump ();
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (restore)));
  screenshot (dlg, "backup-dialog");

  /* The confirmation names the date and warns; Cancel changes nothing. */
  respond_button (restore);
  pump ();
  confirm = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (dlg));
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (confirm), title1));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), title1));
  screenshot (confirm, "backup-confirm");
  respond_button (find_button (confirm, _("_Cancel")));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  backups = kepil_db_describe_backups (db);
  g_assert_cmpuint (backups->len, ==, 2);
  g_clear_pointer (&backups, g_ptr_array_unref);
  measurement_value (db, m1, &exists);
  g_assert_false (exists);

  /* Restore. */
  respond_button (restore);
  pump ();
  confirm = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (dlg));
  g_assert_nonnull (confirm);
  respond_button (find_button (confirm, _("_Restore")));
  wait_idle (f->win);
  g_assert_null (find_toplevel (KEPIL_TYPE_BACKUP_DIALOG, NULL));

  /* The data is back as it was in the first backup. */
  db = kepil_window_get_db (f->win);
  v = measurement_value (db, m0, &exists);
  g_assert_true (exists);
  g_assert_cmpfloat (v, ==, v0);
  measurement_value (db, m1, &exists);
  g_assert_true (exists);

  /* The state before the restore was saved first, and is the newest backup. */
  backups = kepil_db_describe_backups (db);
  g_assert_cmpuint (backups->len, ==, 3);
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (backups, 0), "reason", ""), ==, "before-restore");
  copy = g_build_filename (f->dir, "saved.kepil", NULL);
  {
    g_autofree char *bytes = NULL;
    gsize len = 0;
    g_autoptr (KepilDb) saved = NULL;
    g_assert_true (g_file_get_contents (kepil_json_str (g_ptr_array_index (backups, 0), "path", ""), &bytes, &len, NULL));
    g_assert_true (g_file_set_contents (copy, bytes, (gssize) len, NULL));
    saved = kepil_db_open (copy, KEPIL_DB_OPEN_NO_BACKUP, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (measurement_value (saved, m0, &exists), ==, v0 + 10.5);
    measurement_value (saved, m1, &exists);
    g_assert_false (exists);
  }

  /* The window shows the restored data. */
  g_assert_cmpuint (kepil_window_n_visible_workplaces (f->win), ==, n_wp);
  g_assert_true (kepil_window_select_workplace (f->win, wp));
  page = KEPIL_WORKPLACE_PAGE (kepil_window_get_workplace_page (f->win));
  g_assert_cmpuint (kepil_workplace_page_n_measurements (page), ==, n_ms);
  wp_ms = kepil_entity_list (kepil_window_get_db (f->win), "measurement", "workplace_id", wp, NULL);
  g_assert_cmpuint (wp_ms->len, ==, n_ms);
}

static void
test_empty_list (Fixture *f, gconstpointer data)
{
  KepilBackupDialog *dlg = open_picker (f->win);
  g_autoptr (GPtrArray) rows = find_all (dlg, ADW_TYPE_ACTION_ROW);
  g_autoptr (GPtrArray) stacks = find_all (dlg, GTK_TYPE_STACK);
  g_autoptr (GPtrArray) pages = find_all (dlg, ADW_TYPE_STATUS_PAGE);
  GtkButton *restore = find_button (dlg, _("_Restore…"));

  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_cmpuint (stacks->len, ==, 1);
  g_assert_cmpuint (pages->len, ==, 1);
  /* The sentence saying there is none is what shows, and nothing offers to restore. */
  g_assert_true (gtk_stack_get_visible_child (g_ptr_array_index (stacks, 0)) == g_ptr_array_index (pages, 0));
  g_assert_cmpstr (adw_status_page_get_title (g_ptr_array_index (pages, 0)), ==, _("No backups yet"));
  g_assert_cmpuint (strlen (adw_status_page_get_description (g_ptr_array_index (pages, 0))), >, 0);
  g_assert_nonnull (restore);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (restore)));
  screenshot (dlg, "backup-dialog-empty");
  gtk_window_close (GTK_WINDOW (dlg));
  pump ();
  g_assert_null (find_toplevel (KEPIL_TYPE_BACKUP_DIALOG, NULL));
}

/* The chosen backup disappears before the restore: a message in words, nothing changed. */
static void
test_missing_backup (Fixture *f, gconstpointer data)
{
  KepilDb *db = kepil_window_get_db (f->win);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL, backups = NULL;
  g_autofree char *path = NULL, *base = NULL;
  KepilBackupDialog *dlg;
  AdwMessageDialog *confirm, *failure;
  GtkButton *restore;
  gint64 n = kepil_entity_count (db, "workplace", NULL);

  path = kepil_db_backup (db, "manual", &error);
  g_assert_no_error (error);
  base = g_path_get_basename (path);
  dlg = open_picker (f->win);
  rows = find_all (dlg, ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)),
                            kepil_db_backup_reason_label ("manual")));
  g_assert_true (gtk_widget_activate (g_ptr_array_index (rows, 0)));
  restore = find_button (dlg, _("_Restore…"));
  respond_button (restore);
  pump ();
  g_assert_cmpint (g_unlink (path), ==, 0);
  confirm = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (dlg));
  g_assert_nonnull (confirm);
  respond_button (find_button (confirm, _("_Restore")));
  failure = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (dlg));
  g_assert_nonnull (failure);
  g_assert_cmpstr (adw_message_dialog_get_heading (failure), ==, _("The backup was not restored"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (failure), base));
  screenshot (failure, "backup-failure");
  /* The picker stays, the data and the window's database are the same, no backup was made. */
  g_assert_true (find_toplevel (KEPIL_TYPE_BACKUP_DIALOG, NULL) == GTK_WINDOW (dlg));
  g_assert_true (kepil_window_get_db (f->win) == db);
  g_assert_cmpint (kepil_entity_count (db, "workplace", NULL), ==, n);
  backups = kepil_db_describe_backups (db);
  g_assert_cmpuint (backups->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (failure));
  gtk_window_destroy (GTK_WINDOW (dlg));
  pump ();
}

int
main (int argc, char **argv)
{
  g_autofree char *cfg = g_dir_make_tmp ("kepil-cfg-XXXXXX", NULL);
  g_autofree char *backups = g_dir_make_tmp ("kepil-backups-XXXXXX", NULL);
  const char *lang = g_getenv ("KEPIL_TEST_LANG");
  int rc;

  g_setenv ("XDG_CONFIG_HOME", cfg, TRUE);
  /* Each test's database has a path of its own, so its own folder under this one. */
  g_setenv ("KEPIL_BACKUP_DIR", backups, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  kepil_i18n_init (lang != NULL ? lang : "en");
  adw_init ();
  g_test_add ("/window/backup/restore-picked", Fixture, NULL, fixture_setup, test_restore_picked, fixture_teardown);
  g_test_add ("/window/backup/empty-list", Fixture, NULL, fixture_setup, test_empty_list, fixture_teardown);
  g_test_add ("/window/backup/missing-backup", Fixture, NULL, fixture_setup, test_missing_backup, fixture_teardown);
  rc = g_test_run ();
  kepil_test_rmrf (backups);
  kepil_test_rmrf (cfg);
  return rc;
}
