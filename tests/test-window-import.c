/* test-window-import.c — the import dialog under Xvfb: a good file, a bad one, a column mapping, Cancel
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-window-import [--lang kk|ru|en] [--screenshot DIR]
 * With --screenshot, the dialog is also written as PNG pictures to DIR (after the mapping and after a refused file).
 */
#include "kepil-config.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include "kepil-window.h"
#include "kepil-import-dialog.h"
#include "kepil-import.h"
#include "kepil-db.h"
#include "kepil-entity.h"
#include "kepil-json.h"
#include "kepil-i18n.h"
#include "kepil-error.h"
#include "kepil-settings.h"
#include "kepil-test-window.h"

static const char *lang = "en";
static const char *shots;

typedef struct
{
  char        *dir;
  char        *path;
  KepilWindow *win;
} Fixture;

static char *
data_file (const char *sub, const char *name)
{
  const char *env = g_getenv ("KEPIL_TEST_DATA");
  g_assert_nonnull (env);
  return g_build_filename (env, "import", sub, name, NULL);
}

static void
wait_import (KepilWindow *win, KepilImportDialog *d)
{
  for (guint i = 0; i < 200000 && kepil_import_dialog_is_running (d); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_false (kepil_import_dialog_is_running (d));
  wait_idle (win);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("kepil-import-XXXXXX", &error);
  g_assert_no_error (error);
  /* A fresh database: the import creates the enterprise. */
  f->path = g_build_filename (f->dir, "fresh.kepil", NULL);
  f->win = g_object_ref_sink (kepil_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->win), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->win));
  g_assert_true (kepil_window_open_file (f->win, f->path, &error));
  g_assert_no_error (error);
  wait_idle (f->win);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);
  gtk_window_destroy (GTK_WINDOW (f->win));
  g_object_unref (f->win);
  pump ();
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
count (KepilWindow *win, const char *entity)
{
  g_autoptr (GError) error = NULL;
  gint64 n = kepil_entity_count (kepil_window_get_db (win), entity, &error);
  g_assert_no_error (error);
  return n;
}

static char *
digest (KepilWindow *win)
{
  g_autoptr (GError) error = NULL;
  char *d = kepil_import_content_digest (kepil_window_get_db (win), &error);
  g_assert_no_error (error);
  return d;
}

/* The import dialog shown now, or NULL. */
static KepilImportDialog *
find_dialog (void)
{
  GListModel *tops = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (tops, i);
      if (KEPIL_IS_IMPORT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return KEPIL_IMPORT_DIALOG (w);
    }
  return NULL;
}

/* Opens the dialog as the menu and Ctrl+I do: through the window's action. */
static KepilImportDialog *
open_dialog (Fixture *f)
{
  KepilImportDialog *d;
  g_assert_null (find_dialog ());
  gtk_widget_activate_action (GTK_WIDGET (f->win), "win.import", NULL);
  pump ();
  d = find_dialog ();
  g_assert_nonnull (d);
  return g_object_ref (d);
}

static void
close_dialog (KepilImportDialog *d)
{
  gtk_window_destroy (GTK_WINDOW (d));
  g_object_unref (d);
  pump ();
}

/* Makes the database hold one measurement already: the first check of a unit copies the
 * shipped norm sets into it, so a digest taken after that shows any change the import makes. */
static void
seed (Fixture *f)
{
  g_autofree char *base = data_file ("good", "base.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r = kepil_import_file (kepil_window_get_db (f->win), "measurements", base, NULL, FALSE, FALSE,
                                                NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_json_int (r, "imported", 0), ==, 1);
}

/* The texts are checked in English; in another language (for the pictures) only that they are there. */
static void
assert_text (const char *text, const char *english)
{
  g_assert_nonnull (text);
  g_assert_cmpstr (text, !=, "");
  if (g_str_equal (lang, "en"))
    g_assert_nonnull (strstr (text, english));
}

/* ---- pictures and cut labels ------------------------------------------------------------- */

static void
settle (GtkWidget *w)
{
  for (int i = 0; i < 5000 && !gtk_widget_get_mapped (w); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  for (int i = 0; i < 50; i++)
    {
      pump ();
      g_usleep (2000);
    }
}

static void
collect_cut (GtkWidget *w, GPtrArray *cut, guint *checked)
{
  if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
    return;
  if (GTK_IS_LABEL (w))
    {
      GtkLabel *l = GTK_LABEL (w);
      int min = 0, nat = 0;
      const char *text = gtk_label_get_text (l);
      if (text != NULL && *text != '\0' && !gtk_label_get_wrap (l) && gtk_widget_get_width (w) > 0 &&
          gtk_label_get_ellipsize (l) == PANGO_ELLIPSIZE_NONE)
        {
          (*checked)++;
          gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          if (gtk_widget_get_width (w) + 1 < nat)
            g_ptr_array_add (cut, g_strdup_printf ("“%s” (%d of %d px)", text, gtk_widget_get_width (w), nat));
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_cut (c, cut, checked);
}

static void
check_labels (KepilImportDialog *d, const char *what)
{
  g_autoptr (GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);
  guint checked = 0;

  settle (GTK_WIDGET (d));
  collect_cut (GTK_WIDGET (d), cut, &checked);
  g_test_message ("%s (%s): %u labels checked, dialog %dx%d", what, lang, checked, gtk_widget_get_width (GTK_WIDGET (d)),
                  gtk_widget_get_height (GTK_WIDGET (d)));
  for (guint i = 0; i < cut->len; i++)
    g_test_message ("%s: cut label %s", what, (const char *) g_ptr_array_index (cut, i));
  g_assert_cmpuint (checked, >, 5);
  g_assert_cmpuint (cut->len, ==, 0);
}

static void
dialog_screenshot (KepilImportDialog *d, const char *name)
{
  GtkWidget *w = GTK_WIDGET (d);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *png = NULL;
  GskRenderer *renderer;
  int width, height;

  if (shots == NULL)
    return;
  paintable = gtk_widget_paintable_new (w);
  /* A dialog just shown may not have drawn yet: a bounded number of rounds. */
  for (int round = 0; round < 50 && node == NULL; round++)
    {
      settle (w);
      snapshot = gtk_snapshot_new ();
      width = gtk_widget_get_width (w);
      height = gtk_widget_get_height (w);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  renderer = gtk_native_get_renderer (GTK_NATIVE (w));
  g_assert_nonnull (renderer);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  png = g_strdup_printf ("%s/import-%s-%s.png", shots, lang, name);
  g_assert_true (gdk_texture_save_to_png (texture, png));
  g_test_message ("wrote %s", png);
}

/* ---- the tests ------------------------------------------------------------------------------ */

/* A good protocol into a fresh database: the rows arrive, the window shows them, the dialog closes. */
static void
test_good_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_file ("good", "semicolon-utf8-bom.csv");
  g_autoptr (GError) error = NULL;
  KepilImportDialog *d = open_dialog (f);

  g_assert_cmpint (count (f->win, "measurement"), ==, 0);
  g_assert_cmpint (count (f->win, "workplace"), ==, 0);
  g_assert_false (kepil_import_dialog_can_import (d));
  g_assert_true (kepil_import_dialog_set_file (d, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kepil_import_dialog_get_kind (d), ==, "measurements");
  g_assert_cmpuint (kepil_import_dialog_n_columns (d), ==, 14);
  g_assert_cmpuint (kepil_import_dialog_n_preview_rows (d), ==, 4);
  g_assert_cmpstr (kepil_import_dialog_get_column_field (d, 0), ==, "workplace_code");
  g_assert_cmpstr (kepil_import_dialog_get_column_field (d, 7), ==, "value");
  g_assert_true (kepil_import_dialog_can_import (d));

  g_assert_true (kepil_import_dialog_import (d));
  g_assert_true (kepil_import_dialog_is_running (d));
  g_assert_false (kepil_import_dialog_can_import (d));
  wait_import (f->win, d);

  g_assert_cmpuint (kepil_import_dialog_n_problems (d), ==, 0);
  g_assert_cmpint (count (f->win, "measurement"), ==, 4);
  g_assert_cmpint (count (f->win, "workplace"), ==, 3);
  g_assert_cmpint (count (f->win, "unit"), ==, 2);
  g_assert_cmpint (count (f->win, "enterprise"), ==, 1);
  /* The window reloaded: its list shows the new workplaces. */
  g_assert_cmpuint (kepil_window_n_visible_workplaces (f->win), ==, 3);
  assert_text (kepil_import_dialog_get_status (d), "Imported rows: 4");
  /* …and the dialog is closed. */
  g_assert_null (find_dialog ());
  g_object_unref (d);
}

/* A bad file: the core's report is listed by row and column, and the database is unchanged. */
static void
test_bad_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_file ("bad", "value-letters.csv");
  g_autofree char *before = NULL, *after = NULL, *text = NULL;
  g_autoptr (GError) error = NULL;
  KepilImportDialog *d;
  gint64 n;

  seed (f);
  before = digest (f->win);
  n = count (f->win, "measurement");
  d = open_dialog (f);
  g_assert_true (kepil_import_dialog_set_file (d, path, &error));
  g_assert_true (kepil_import_dialog_can_import (d));
  g_assert_true (kepil_import_dialog_import (d));
  wait_import (f->win, d);

  g_assert_nonnull (find_dialog ());
  g_assert_cmpuint (kepil_import_dialog_n_problems (d), ==, 1);
  text = kepil_import_dialog_problem_text (d, 0);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "3"));
  g_assert_nonnull (strstr (text, " H"));
  g_assert_nonnull (strstr (text, "abc"));
  assert_text (text, "Row 3 · column H · Measured value — Measured value: “abc” is not a number");
  assert_text (kepil_import_dialog_get_status (d), "Problems found: 1.");
  after = digest (f->win);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count (f->win, "measurement"), ==, n);
  if (shots != NULL)
    {
      check_labels (d, "problems");
      dialog_screenshot (d, "problems");
    }
  /* The dialog can be used again: the same file is refused the same way. */
  g_assert_true (kepil_import_dialog_can_import (d));
  close_dialog (d);
}

/* A laboratory's own layout: lines before the header, columns mapped by hand, remembered by name. */
static void
test_mapping (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_file ("good", "lab-x.csv");
  const char *fields[] = { "workplace_code", "unit", "profession", "factor", "subgroup", "value", "unit_of_measure",
                           "norm", "measured_on" };
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) sources = NULL;
  KepilImportDialog *d = open_dialog (f);

  g_assert_true (kepil_import_dialog_set_file (d, path, &error));
  /* Its first line is the laboratory's title, not a header: required fields have no column. */
  g_assert_false (kepil_import_dialog_can_import (d));
  assert_text (kepil_import_dialog_get_status (d), "required");
  kepil_import_dialog_set_skip_rows (d, 2);
  g_assert_cmpuint (kepil_import_dialog_n_columns (d), ==, 9);
  g_assert_cmpuint (kepil_import_dialog_n_preview_rows (d), ==, 2);
  g_assert_false (kepil_import_dialog_can_import (d));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (kepil_import_dialog_set_column_field (d, i, fields[i]));
  /* A field comes from one column: giving it to another takes it from the first. */
  g_assert_true (kepil_import_dialog_set_column_field (d, 8, "value"));
  g_assert_cmpstr (kepil_import_dialog_get_column_field (d, 5), ==, "");
  g_assert_true (kepil_import_dialog_set_column_field (d, 5, "value"));
  g_assert_cmpstr (kepil_import_dialog_get_column_field (d, 8), ==, "");
  g_assert_true (kepil_import_dialog_set_column_field (d, 8, "measured_on"));
  g_assert_true (kepil_import_dialog_can_import (d));
  /* Without a column for a required field there is no import. */
  g_assert_true (kepil_import_dialog_set_column_field (d, 0, ""));
  g_assert_false (kepil_import_dialog_can_import (d));
  assert_text (kepil_import_dialog_get_status (d), "Workplace code");
  g_assert_true (kepil_import_dialog_set_column_field (d, 0, "workplace_code"));
  g_assert_true (kepil_import_dialog_can_import (d));
  kepil_import_dialog_set_source (d, "Lab Z");
  if (shots != NULL)
    {
      check_labels (d, "mapping");
      dialog_screenshot (d, "mapping");
    }
  g_assert_true (kepil_import_dialog_import (d));
  wait_import (f->win, d);
  g_assert_cmpint (count (f->win, "measurement"), ==, 2);
  g_assert_cmpint (count (f->win, "workplace"), ==, 2);
  g_object_unref (d);
  g_assert_null (find_dialog ());

  sources = kepil_import_list_mappings (kepil_window_get_db (f->win), "measurements", &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) sources, "Lab Z"));

  /* Next time the file is recognised by the remembered mapping. */
  d = open_dialog (f);
  g_assert_true (kepil_import_dialog_set_file (d, path, &error));
  g_assert_cmpstr (kepil_import_dialog_get_saved_mapping (d), ==, "Lab Z");
  g_assert_cmpstr (kepil_import_dialog_get_source (d), ==, "Lab Z");
  g_assert_cmpstr (kepil_import_dialog_get_column_field (d, 5), ==, "value");
  g_assert_cmpstr (kepil_import_dialog_get_column_field (d, 8), ==, "measured_on");
  g_assert_true (kepil_import_dialog_can_import (d));
  close_dialog (d);
}

/* The kind is guessed from the header and can be changed. */
static void
test_kind (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_file ("good", "register.csv");
  g_autoptr (GError) error = NULL;
  KepilImportDialog *d = open_dialog (f);

  /* A file the core cannot read: its error is shown and there is nothing to import. */
  {
    g_autofree char *fake = data_file ("bad", "not-really-xlsx.xlsx");
    g_assert_false (kepil_import_dialog_set_file (d, fake, &error));
    g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE);
    g_assert_cmpstr (kepil_import_dialog_get_status (d), ==, error->message);
    g_assert_false (kepil_import_dialog_can_import (d));
    g_assert_cmpuint (kepil_import_dialog_n_columns (d), ==, 0);
    g_clear_error (&error);
  }
  g_assert_true (kepil_import_dialog_set_file (d, path, &error));
  g_assert_cmpstr (kepil_import_dialog_get_kind (d), ==, "workplaces");
  g_assert_cmpstr (kepil_import_dialog_get_column_field (d, 3), ==, "men");
  g_assert_true (kepil_import_dialog_can_import (d));
  kepil_import_dialog_set_kind (d, "measurements");
  g_assert_cmpstr (kepil_import_dialog_get_column_field (d, 3), ==, "");
  g_assert_false (kepil_import_dialog_can_import (d));
  kepil_import_dialog_set_kind (d, "workplaces");
  g_assert_true (kepil_import_dialog_can_import (d));
  g_assert_true (kepil_import_dialog_import (d));
  wait_import (f->win, d);
  g_assert_cmpint (count (f->win, "workplace"), ==, 2);
  g_assert_cmpint (count (f->win, "measurement"), ==, 0);
  g_object_unref (d);
}

static char *
write_large_csv (const char *dir, guint rows)
{
  g_autofree char *path = g_build_filename (dir, "large.csv", NULL);
  GString *s = g_string_new ("workplace_code;unit;profession;headcount;factor;subgroup;agent;value;unit_of_measure;"
                             "norm;method;instrument;measured_on;exposure_pct\n");
  for (guint i = 0; i < rows; i++)
    g_string_append_printf (s, "%02u %03u %03u;Цех %u;Профессия %u;1;noise;;;%u,%u;dBA;80;;;12.03.2025;100\n",
                            10 + i % 80, (i / 80) % 1000, i % 997, i % 17, i % 230, 70 + i % 30, i % 10);
  g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, NULL));
  g_string_free (s, TRUE);
  return g_steal_pointer (&path);
}

/* Cancel while the thread works: nothing is written and the dialog says so. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  /* For the picture of the running import, a file large enough to still be read while it is taken. */
  g_autofree char *path = write_large_csv (f->dir, shots != NULL ? 300000 : 20000);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (GError) error = NULL;
  KepilImportDialog *d;

  seed (f);
  before = digest (f->win);
  d = open_dialog (f);
  g_assert_true (kepil_import_dialog_set_file (d, path, &error));
  g_assert_true (kepil_import_dialog_can_import (d));
  g_assert_true (kepil_import_dialog_import (d));
  /* The thread has started (the window is busy with it) and has 20000 rows to read and check first. */
  g_assert_true (kepil_window_is_busy (f->win));
  screenshot (d, "running");
  kepil_import_dialog_cancel (d);
  wait_import (f->win, d);
  assert_text (kepil_import_dialog_get_status (d), "cancelled");
  g_assert_cmpuint (kepil_import_dialog_n_problems (d), ==, 0);
  g_assert_nonnull (find_dialog ());
  after = digest (f->win);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count (f->win, "measurement"), ==, 1);
  close_dialog (d);
}

/* The inspector cannot import: the action is unavailable. */
static void
test_inspector (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (kepil_app_settings_set ("role", "inspector", &error));
  g_assert_true (kepil_window_open_file (f->win, f->path, &error));
  wait_idle (f->win);
  g_assert_true (kepil_window_is_read_only (f->win));
  gtk_widget_activate_action (GTK_WIDGET (f->win), "win.import", NULL);
  pump ();
  g_assert_null (find_dialog ());
  g_assert_true (kepil_app_settings_set ("role", "specialist", &error));
  g_assert_true (kepil_window_open_file (f->win, f->path, &error));
  wait_idle (f->win);
  close_dialog (open_dialog (f));
}

/* The template of the chosen kind, written by the core. */
static void
test_template (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->dir, "template.csv", NULL);
  g_autofree char *reg = g_build_filename (f->dir, "register.xlsx", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  KepilImportDialog *d = open_dialog (f);

  g_assert_true (kepil_import_dialog_save_template_to (d, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  if (g_str_equal (lang, "en"))
    g_assert_nonnull (strstr (text, "workplace_code"));
  kepil_import_dialog_set_kind (d, "workplaces");
  g_assert_true (kepil_import_dialog_save_template_to (d, reg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (reg, G_FILE_TEST_IS_REGULAR));
  close_dialog (d);
}

int
main (int argc, char **argv)
{
  g_autofree char *cfg = g_dir_make_tmp ("kepil-cfg-XXXXXX", NULL);
  g_autofree char *backups = NULL;
  int rc;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
        lang = argv[i + 1];
      if (g_str_equal (argv[i], "--screenshot") && i + 1 < argc)
        shots = argv[i + 1];
    }
  /* Our own options are not g_test's. */
  {
    int n = 1;
    for (int i = 1; i < argc; i++)
      {
        if ((g_str_equal (argv[i], "--lang") || g_str_equal (argv[i], "--screenshot")) && i + 1 < argc)
          {
            i++;
            continue;
          }
        argv[n++] = argv[i];
      }
    argc = n;
    argv[argc] = NULL;
  }
  g_setenv ("XDG_CONFIG_HOME", cfg, TRUE);
  /* The import backs the database up first: into the temporary directory, set before any thread runs. */
  backups = g_build_filename (cfg, "backups", NULL);
  g_setenv ("KEPIL_BACKUP_DIR", backups, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  kepil_i18n_init (lang);
  adw_init ();
  g_test_add ("/import-dialog/good-file", Fixture, NULL, fixture_setup, test_good_file, fixture_teardown);
  g_test_add ("/import-dialog/bad-file", Fixture, NULL, fixture_setup, test_bad_file, fixture_teardown);
  g_test_add ("/import-dialog/mapping", Fixture, NULL, fixture_setup, test_mapping, fixture_teardown);
  g_test_add ("/import-dialog/kind", Fixture, NULL, fixture_setup, test_kind, fixture_teardown);
  g_test_add ("/import-dialog/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/import-dialog/inspector", Fixture, NULL, fixture_setup, test_inspector, fixture_teardown);
  g_test_add ("/import-dialog/template", Fixture, NULL, fixture_setup, test_template, fixture_teardown);
  rc = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", cfg);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", cfg);
  }
  return rc;
}
