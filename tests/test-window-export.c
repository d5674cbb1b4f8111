/* test-window-export.c — the export dialog: which attestation campaign's documents, under Xvfb
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KEPIL_TEST_SCREENSHOTS=DIR writes pictures of the dialog there;
 * KEPIL_TEST_LANG=kk|ru runs in that language (default English).
 */
#include "kepil-config.h"
#include <adwaita.h>
#include "kepil-test.h"
#include "kepil-application.h"
#include "kepil-window.h"
#include "kepil-export-dialog.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-json.h"
#include "kepil-error.h"
#include "kepil-format.h"
#include "kepil-export.h"
#include "kepil-fingerprint.h"
#include "kepil-import.h"
#include "kepil-test-window.h"

typedef struct
{
  char        *dir;
  char        *path;
  KepilWindow *win;
  gint64       enterprise;   /* the window's: the first */
  gint64       older, newer; /* its two campaigns */
} Fixture;

/* Order numbers that occur nowhere else in the demo. */
#define OLDER_NO "45/ПР-2023"
#define NEWER_NO "7/ВН-2025"

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (GPtrArray) ents = NULL, camps = NULL;
  g_autoptr (JsonObject) change = json_object_new ();
  g_autoptr (JsonObject) extra = json_object_new ();

  f->dir = kepil_test_tmpdir ();
  f->path = g_build_filename (f->dir, "plant.kepil", NULL);
  db = kepil_db_open (f->path, KEPIL_DB_OPEN_CREATE | KEPIL_DB_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_true (kepil_demo_load (db, &error));
  g_assert_no_error (error);

  /* The demo's plant has one campaign: give it a number of its own and add a newer,
   * extraordinary one with another number. */
  ents = kepil_entity_list (db, "enterprise", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ents->len, >, 0);
  f->enterprise = kepil_json_int (g_ptr_array_index (ents, 0), "id", 0);
  camps = kepil_entity_list (db, "campaign", "enterprise_id", f->enterprise, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (camps->len, ==, 1);
  f->older = kepil_json_int (g_ptr_array_index (camps, 0), "id", 0);
  json_object_set_string_member (change, "order_no", OLDER_NO);
  g_assert_true (kepil_entity_update (db, "campaign", f->older, change, &error));
  g_assert_no_error (error);
  json_object_set_int_member (extra, "enterprise_id", f->enterprise);
  json_object_set_string_member (extra, "kind", "extraordinary");
  json_object_set_string_member (extra, "order_no", NEWER_NO);
  json_object_set_string_member (extra, "order_date", "2025-09-15");
  json_object_set_string_member (extra, "measured_from", "2025-10-01");
  json_object_set_string_member (extra, "measured_to", "2025-10-20");
  json_object_set_string_member (extra, "status", "draft");
  f->newer = kepil_entity_insert (db, "campaign", extra, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->newer, >, 0);
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

/* The combo row titled @title. */
static AdwComboRow *
find_combo (gpointer root, const char *title)
{
  g_autoptr (GPtrArray) all = find_all (root, ADW_TYPE_COMBO_ROW);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (all, i)), title) == 0)
      return g_ptr_array_index (all, i);
  return NULL;
}

/* The text of item @i of a combo row's list. */
static const char *
combo_item (AdwComboRow *row, guint i)
{
  GListModel *m = adw_combo_row_get_model (row);
  g_autoptr (GtkStringObject) o = g_list_model_get_item (m, i);
  g_assert_nonnull (o);
  /* The model keeps the string alive. */
  return gtk_string_object_get_string (o);
}

/* Selects the item of @row whose text is @text, as a click in its list would. */
static void
choose (AdwComboRow *row, const char *text)
{
  GListModel *m = adw_combo_row_get_model (row);
  for (guint i = 0; i < g_list_model_get_n_items (m); i++)
    if (g_str_equal (combo_item (row, i), text))
      {
        adw_combo_row_set_selected (row, i);
        pump ();
        return;
      }
  g_assert_not_reached ();
}

static KepilExportDialog *
open_dialog (KepilWindow *win)
{
  return open_modal (win, "win.export", KEPIL_TYPE_EXPORT_DIALOG);
}

/* ---- the workbook ------------------------------------------------------------------------- */

/* Exports @document in Russian through the dialog (its chosen campaign) and reads the first
 * sheet back with the core's XLSX reader. */
static KepilImportTable *
export_and_read (Fixture *f, KepilExportDialog *dlg, const char *document, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  KepilImportTable *t;

  kepil_export_dialog_export_to (dlg, document, "ru", path);
  wait_idle (f->win);
  /* A failure would show as a message dialog over the window. */
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  t = kepil_import_read_xlsx (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t);
  g_assert_cmpuint (t->rows->len, >, 3);
  return t;
}

/* How many cells of @t contain @text. */
static guint
cells_with (KepilImportTable *t, const char *text)
{
  guint n = 0;
  for (guint r = 0; r < t->rows->len; r++)
    for (char **c = g_ptr_array_index (t->rows, r); *c != NULL; c++)
      if (strstr (*c, text) != NULL)
        n++;
  return n;
}

static char *
order_line (KepilDb *db, gint64 campaign)
{
  g_autoptr (JsonObject) c = kepil_entity_get (db, "campaign", campaign, NULL);
  g_autofree char *date = kepil_format_date (kepil_json_str (c, "order_date", ""));
  g_assert_nonnull (c);
  return g_strdup_printf (_("Order No. %s of %s"), kepil_json_str (c, "order_no", ""), date);
}

/* ---- the tests ---------------------------------------------------------------------------- */

static void
test_campaign_choice (Fixture *f, gconstpointer data)
{
  KepilDb *db = kepil_window_get_db (f->win);
  g_autoptr (GError) error = NULL;
  g_autoptr (KepilImportTable) older = NULL, latest = NULL;
  g_autofree char *older_line = order_line (db, f->older), *newer_line = order_line (db, f->newer);
  g_autofree char *older_text = NULL, *newer_text = NULL;
  KepilExportDialog *dlg;
  AdwComboRow *row;
  gint64 latest_id;

  dlg = open_dialog (f->win);
  row = find_combo (dlg, _("Attestation campaign"));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  /* The enterprise's two campaigns (not the clinic's), newest first, with number, dates, kind and status. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 2);
  newer_text = g_strdup (combo_item (row, 0));
  older_text = g_strdup (combo_item (row, 1));
  g_test_message ("campaigns: “%s”, “%s”", newer_text, older_text);
  g_assert_true (g_str_has_prefix (newer_text, newer_line));
  g_assert_true (g_str_has_prefix (older_text, older_line));
  g_assert_nonnull (strstr (newer_text, "01.10.2025"));
  g_assert_nonnull (strstr (newer_text, "20.10.2025"));
  g_assert_nonnull (strstr (newer_text, _("Extraordinary")));
  g_assert_nonnull (strstr (newer_text, _("In progress")));
  g_assert_nonnull (strstr (older_text, _("Periodic")));
  g_assert_nonnull (strstr (older_text, _("Completed")));
  g_assert_null (strstr (older_text, NEWER_NO));
  /* The default is the latest, as the core picks it. */
  latest_id = kepil_store_resolve_campaign (db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (latest_id, ==, f->newer);
  g_assert_cmpint (kepil_export_dialog_get_campaign (dlg), ==, latest_id);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  /* The act of the older campaign. */
  choose (find_combo (dlg, _("Document")), kepil_export_document_title ("act"));
  choose (row, older_text);
  g_assert_cmpint (kepil_export_dialog_get_campaign (dlg), ==, f->older);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (find_button (dlg, _("_Export…")))));
  screenshot (dlg, "export-dialog");
  older = export_and_read (f, dlg, "act", "act-older.xlsx");
  g_assert_cmpuint (cells_with (older, OLDER_NO), >, 0);
  g_assert_cmpuint (cells_with (older, NEWER_NO), ==, 0);
  g_assert_cmpuint (cells_with (older, "20.01.2023"), >, 0);
  gtk_window_destroy (GTK_WINDOW (dlg));
  pump ();

  /* A new dialog starts again from the latest, and its act is the newer campaign's. */
  dlg = open_dialog (f->win);
  g_assert_cmpint (kepil_export_dialog_get_campaign (dlg), ==, f->newer);
  latest = export_and_read (f, dlg, "act", "act-latest.xlsx");
  g_assert_cmpuint (cells_with (latest, NEWER_NO), >, 0);
  g_assert_cmpuint (cells_with (latest, OLDER_NO), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dlg));
  pump ();
}

/* The enterprise has no campaign (the clinic, second in the demo, still has one): the act and the
 * order say so and cannot be exported; the protocols are the enterprise's, without a campaign. */
static void
test_no_campaign (Fixture *f, gconstpointer data)
{
  KepilDb *db = kepil_window_get_db (f->win);
  g_autoptr (GError) error = NULL;
  g_autoptr (KepilImportTable) t = NULL;
  g_autoptr (JsonObject) plant = kepil_entity_get (db, "enterprise", f->enterprise, NULL);
  g_autoptr (GPtrArray) ents = kepil_entity_list (db, "enterprise", NULL, 0, NULL);
  g_autoptr (GPtrArray) labels = NULL;
  JsonObject *clinic;
  KepilExportDialog *dlg;
  AdwComboRow *row, *docs;
  GtkButton *export;
  GtkLabel *note = NULL;
  g_autofree char *ordinary = NULL;

  g_assert_true (kepil_entity_delete (db, "campaign", f->older, &error));
  g_assert_true (kepil_entity_delete (db, "campaign", f->newer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ents->len, ==, 2);
  clinic = g_ptr_array_index (ents, 1);
  /* Another enterprise's campaign is still the latest of the database. */
  g_assert_cmpint (kepil_store_resolve_campaign (db, 0, NULL), >, 0);

  dlg = open_dialog (f->win);
  row = find_combo (dlg, _("Attestation campaign"));
  docs = find_combo (dlg, _("Document"));
  export = find_button (dlg, _("_Export…"));
  g_assert_nonnull (row);
  g_assert_nonnull (export);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 1);
  g_assert_cmpstr (combo_item (row, 0), ==, _("No attestation campaign yet"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_cmpint (kepil_export_dialog_get_campaign (dlg), ==, 0);
  labels = find_all (dlg, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_label_get_wrap (g_ptr_array_index (labels, i)) &&
        gtk_widget_has_css_class (g_ptr_array_index (labels, i), "dim-label"))
      note = g_ptr_array_index (labels, i);
  g_assert_nonnull (note);

  choose (docs, kepil_export_document_title ("protocols"));
  ordinary = g_strdup (gtk_label_get_text (note));
  for (guint i = 0; kepil_export_documents ()[i] != NULL; i++)
    {
      const char *doc = kepil_export_documents ()[i];
      if (!kepil_export_document_available (doc))
        continue;
      choose (docs, kepil_export_document_title (doc));
      if (g_str_equal (doc, "act") || g_str_equal (doc, "order"))
        {
          g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (export)));
          /* A sentence of its own, saying why. */
          g_assert_cmpstr (gtk_label_get_text (note), !=, ordinary);
          g_assert_cmpuint (strlen (gtk_label_get_text (note)), >, 20);
          if (g_str_equal (doc, "act"))
            screenshot (dlg, "export-dialog-no-campaign");
        }
      else
        {
          g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (export)));
          g_assert_cmpstr (gtk_label_get_text (note), ==, ordinary);
        }
    }

  choose (docs, kepil_export_document_title ("protocols"));
  t = export_and_read (f, dlg, "protocols", "protocols.xlsx");
  g_assert_cmpuint (cells_with (t, kepil_json_str (plant, "name_ru", "")), >, 0);
  g_assert_cmpuint (cells_with (t, kepil_json_str (clinic, "name_ru", "")), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dlg));
  pump ();
}

/* ---- no cut labels in Kazakh and Russian ---------------------------------------------------- */

static void
settle (GtkWidget *w)
{
  /* Bounded by iterations, not by time: until @w is on screen and laid out. */
  for (guint i = 0; i < 5000 && !gtk_widget_get_mapped (w); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  for (guint i = 0; i < 50; i++)
    pump (), g_usleep (2000);
}

/* Every shown label of @w that does not show all its text: ellipsized (a cut choice is still
 * cut), narrower than its natural width, or wrapped into less height than its lines need. */
static void
collect_cut (GtkWidget *w, GPtrArray *cut, guint *checked)
{
  if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
    return;
  if (GTK_IS_LABEL (w) && gtk_widget_get_mapped (w))
    {
      GtkLabel *l = GTK_LABEL (w);
      const char *text = gtk_label_get_text (l);
      int min = 0, nat = 0;
      if (text != NULL && *text != '\0')
        {
          (*checked)++;
          if (pango_layout_is_ellipsized (gtk_label_get_layout (l)))
            g_ptr_array_add (cut, g_strdup_printf ("“%s” (ellipsized at %d px)", text, gtk_widget_get_width (w)));
          else if (gtk_label_get_wrap (l))
            {
              gtk_widget_measure (w, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (w), &min, &nat, NULL, NULL);
              if (gtk_widget_get_height (w) + 1 < min)
                g_ptr_array_add (cut, g_strdup_printf ("“%s” (%d of %d px high)", text, gtk_widget_get_height (w), min));
            }
          else if (gtk_label_get_ellipsize (l) == PANGO_ELLIPSIZE_NONE)
            {
              gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
              if (gtk_widget_get_width (w) + 1 < nat)
                g_ptr_array_add (cut, g_strdup_printf ("“%s” (%d of %d px)", text, gtk_widget_get_width (w), nat));
            }
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_cut (c, cut, checked);
}

static void
check_cut (gpointer root, const char *what, guint min_labels)
{
  g_autoptr (GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);
  guint checked = 0;

  settle (root);
  collect_cut (root, cut, &checked);
  g_test_message ("%s/%s: %u labels checked, %d×%d", kepil_i18n_language (), what, checked,
                  gtk_widget_get_width (root), gtk_widget_get_height (root));
  for (guint i = 0; i < cut->len; i++)
    g_test_message ("%s/%s: cut label %s", kepil_i18n_language (), what, (const char *) g_ptr_array_index (cut, i));
  g_assert_cmpuint (checked, >=, min_labels);
  g_assert_cmpuint (cut->len, ==, 0);
  g_assert_cmpint (gtk_widget_get_width (root), <=, 1366);
  g_assert_cmpint (gtk_widget_get_height (root), <=, 768);
}

static void
test_labels (Fixture *f, gconstpointer data)
{
  static const char *const langs[] = { "kk", "ru" };
  g_autofree char *before = g_strdup (kepil_i18n_language ());

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      KepilExportDialog *dlg;
      AdwComboRow *docs, *row;

      kepil_i18n_init (langs[l]);
      dlg = open_dialog (f->win);
      docs = find_combo (dlg, _("Document"));
      row = find_combo (dlg, _("Attestation campaign"));
      g_assert_nonnull (docs);
      g_assert_nonnull (row);
      /* The longest title of a document, and each campaign. */
      for (guint i = 0; kepil_export_documents ()[i] != NULL; i++)
        {
          choose (docs, kepil_export_document_title (kepil_export_documents ()[i]));
          check_cut (dlg, kepil_export_documents ()[i], 8);
        }
      choose (docs, kepil_export_document_title ("act"));
      for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (row)); i++)
        {
          adw_combo_row_set_selected (row, i);
          check_cut (dlg, "campaign", 8);
        }
      adw_combo_row_set_selected (row, 0);
      screenshot (dlg, "export-dialog");
      /* The lists, opened as a click on a row opens them: every choice in full. */
      for (guint r = 0; r < 3; r++)
        {
          AdwComboRow *list_row = r == 0 ? docs : r == 1 ? row : find_combo (dlg, _("Language"));
          g_autoptr (GPtrArray) popovers = NULL;
          guint n = g_list_model_get_n_items (adw_combo_row_get_model (list_row));
          g_assert_true (gtk_widget_activate (GTK_WIDGET (list_row)));
          popovers = find_all (list_row, GTK_TYPE_POPOVER);
          g_assert_cmpuint (popovers->len, ==, 1);
          settle (g_ptr_array_index (popovers, 0));
          g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (popovers, 0)));
          check_cut (g_ptr_array_index (popovers, 0), "list", n);
          if (list_row == row)
            screenshot (g_ptr_array_index (popovers, 0), "export-campaigns");
          if (list_row == docs)
            screenshot (g_ptr_array_index (popovers, 0), "export-documents");
          gtk_popover_popdown (g_ptr_array_index (popovers, 0));
          pump ();
        }
      gtk_window_destroy (GTK_WINDOW (dlg));
      pump ();
    }
  kepil_i18n_init (before);
}

int
main (int argc, char **argv)
{
  g_autofree char *cfg = g_dir_make_tmp ("kepil-cfg-XXXXXX", NULL);
  const char *lang = g_getenv ("KEPIL_TEST_LANG");
  int rc;

  g_setenv ("XDG_CONFIG_HOME", cfg, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  kepil_i18n_init (lang != NULL ? lang : "en");
  adw_init ();
  g_test_add ("/window/export/campaign-choice", Fixture, NULL, fixture_setup, test_campaign_choice, fixture_teardown);
  g_test_add ("/window/export/no-campaign", Fixture, NULL, fixture_setup, test_no_campaign, fixture_teardown);
  g_test_add ("/window/export/labels-kk-ru", Fixture, NULL, fixture_setup, test_labels, fixture_teardown);
  rc = g_test_run ();
  kepil_test_rmrf (cfg);
  return rc;
}
