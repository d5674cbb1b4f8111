/* test-window.c — drives the main window under Xvfb
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include "kepil-application.h"
#include "kepil-window.h"
#include "kepil-workplace-page.h"
#include "kepil-db.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-json.h"
#include "kepil-error.h"
#include "kepil-i18n.h"
#include "kepil-settings.h"

/* A small plant: one workplace over the noise norm, one under it. */
static const char dataset[] =
  "{\"enterprise\":[{\"key\":\"e\",\"name_ru\":\"Завод\",\"average_wage\":300000,\"milk_price\":500}],"
  " \"unit\":[{\"key\":\"u\",\"enterprise_id\":\"e\",\"name_ru\":\"Цех 1\",\"headcount\":20},"
  "          {\"key\":\"s\",\"enterprise_id\":\"e\",\"parent_id\":\"u\",\"kind\":\"section\",\"name_ru\":\"Участок\",\"headcount\":10}],"
  " \"profession\":[{\"key\":\"p1\",\"name_ru\":\"Электрогазосварщик\"},{\"key\":\"p2\",\"name_ru\":\"Кладовщик\"}],"
  " \"workplace\":[{\"key\":\"w1\",\"unit_id\":\"s\",\"profession_id\":\"p1\",\"code\":\"01 001 001\",\"men\":4,\"wage\":350000},"
  "              {\"key\":\"w2\",\"unit_id\":\"u\",\"profession_id\":\"p2\",\"code\":\"01 001 002\",\"men\":1,\"women\":1,\"wage\":200000}],"
  " \"measurement\":[{\"workplace_id\":\"w1\",\"factor\":\"noise\",\"unit_of_measure\":\"dBA\",\"value\":95,\"norm\":80},"
  "                 {\"workplace_id\":\"w1\",\"factor\":\"lighting\",\"unit_of_measure\":\"lx\",\"value\":250,\"norm\":200},"
  "                 {\"workplace_id\":\"w2\",\"factor\":\"noise\",\"unit_of_measure\":\"dBA\",\"value\":60,\"norm\":80}]}";

typedef struct
{
  char        *dir;
  char        *path;
  KepilWindow *win;
} Fixture;

static void
wait_idle (KepilWindow *win)
{
  /* Bounded, not timed: iterate until the recompute thread has reported back. */
  for (guint i = 0; i < 200000 && kepil_window_is_busy (win); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KepilDb) db = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();

  f->dir = g_dir_make_tmp ("kepil-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "plant.kepil", NULL);
  db = kepil_db_open (f->path, KEPIL_DB_OPEN_CREATE | KEPIL_DB_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  if (data != NULL)
    g_assert_true (kepil_demo_load (db, &error));
  else
    {
      g_assert_true (json_parser_load_from_data (parser, dataset, -1, &error));
      g_assert_true (kepil_dataset_load (db, json_parser_get_root (parser), &error));
    }
  g_assert_no_error (error);
  g_clear_object (&db);
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
  gtk_window_destroy (GTK_WINDOW (f->win));
  g_object_unref (f->win);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  {
    g_autoptr (GDir) d = g_dir_open (f->dir, 0, NULL);
    const char *n;
    while (d != NULL && (n = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (f->dir, n, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
find_workplace (KepilWindow *win, const char *code)
{
  return kepil_entity_find (kepil_window_get_db (win), "workplace", "code", code, NULL);
}

static void
test_demo_opens (Fixture *f, gconstpointer data)
{
  gint64 n = kepil_entity_count (kepil_window_get_db (f->win), "workplace", NULL);
  g_assert_cmpuint (kepil_window_n_visible_workplaces (f->win), ==, (guint) n);
  if (n > 0)
    g_assert_true (kepil_window_select_workplace (f->win, kepil_window_visible_workplace (f->win, 0)));
}

static void
test_list_and_search (Fixture *f, gconstpointer data)
{
  g_assert_cmpuint (kepil_window_n_visible_workplaces (f->win), ==, 2);
  kepil_window_set_filter (f->win, "сварщик", NULL, NULL, NULL);
  g_assert_cmpuint (kepil_window_n_visible_workplaces (f->win), ==, 1);
  g_assert_cmpint (kepil_window_visible_workplace (f->win, 0), ==, find_workplace (f->win, "01 001 001"));
  kepil_window_set_filter (f->win, "002", NULL, NULL, NULL);
  g_assert_cmpint (kepil_window_visible_workplace (f->win, 0), ==, find_workplace (f->win, "01 001 002"));
  kepil_window_set_filter (f->win, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (kepil_window_n_visible_workplaces (f->win), ==, 2);
}

static void
test_edit_measurement (Fixture *f, gconstpointer data)
{
  gint64 wp = find_workplace (f->win, "01 001 001");
  KepilWorkplacePage *page;
  g_autoptr (GPtrArray) ms = NULL;
  g_autoptr (JsonObject) m = NULL;
  g_autoptr (GError) error = NULL;
  gint64 noise = 0;
  g_autofree char *class_before = NULL, *text_before = NULL;

  g_assert_true (kepil_window_select_workplace (f->win, wp));
  g_assert_cmpstr (kepil_window_get_page (f->win), ==, "workplace");
  page = KEPIL_WORKPLACE_PAGE (kepil_window_get_workplace_page (f->win));
  g_assert_cmpint (kepil_workplace_page_get_id (page), ==, wp);
  g_assert_cmpuint (kepil_workplace_page_n_measurements (page), ==, 2);
  ms = kepil_entity_list (kepil_window_get_db (f->win), "measurement", "workplace_id", wp, NULL);
  for (guint i = 0; i < ms->len; i++)
    if (g_str_equal (kepil_json_str (g_ptr_array_index (ms, i), "factor", ""), "noise"))
      noise = kepil_json_int (g_ptr_array_index (ms, i), "id", 0);
  g_assert_cmpint (noise, >, 0);
  class_before = g_strdup (kepil_workplace_page_overall_class (page));
  text_before = kepil_workplace_page_guarantees_text (page);

  /* Inline validation refuses text that is not a number and leaves the value. */
  g_assert_false (kepil_workplace_page_commit_cell (page, noise, "value", "громко", &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);
  m = kepil_entity_get (kepil_window_get_db (f->win), "measurement", noise, NULL);
  g_assert_cmpfloat (kepil_json_double (m, "value", 0), ==, 95);
  g_clear_pointer (&m, json_object_unref);

  /* A decimal comma is accepted and saved at once, and the change shows in the History view. */
  {
    guint h0 = kepil_workplace_page_n_history_rows (page);
    g_assert_true (kepil_workplace_page_commit_cell (page, noise, "value", "70,5", &error));
    g_assert_cmpuint (kepil_workplace_page_n_history_rows (page), ==, h0 + 1);
  }
  g_assert_no_error (error);
  m = kepil_entity_get (kepil_window_get_db (f->win), "measurement", noise, NULL);
  g_assert_cmpfloat (kepil_json_double (m, "value", 0), ==, 70.5);
  g_clear_pointer (&m, json_object_unref);
  wait_idle (f->win);

  if (kepil_window_get_evaluation (f->win, wp) == NULL)
    g_test_message ("no evaluation in this build: class and comparison not checked");
  else
    {
      g_autofree char *text_after = kepil_workplace_page_guarantees_text (page);
      g_assert_cmpstr (class_before, !=, "");
      g_assert_cmpstr (kepil_workplace_page_overall_class (page), !=, class_before);
      g_assert_cmpstr (text_after, !=, text_before);
    }

  /* Ctrl+Z writes the old value back. */
  g_assert_true (kepil_window_undo (f->win));
  m = kepil_entity_get (kepil_window_get_db (f->win), "measurement", noise, NULL);
  g_assert_cmpfloat (kepil_json_double (m, "value", 0), ==, 95);
  wait_idle (f->win);
  if (kepil_window_get_evaluation (f->win, wp) != NULL)
    g_assert_cmpstr (kepil_workplace_page_overall_class (page), ==, class_before);
}

static void
test_filter_by_flag (Fixture *f, gconstpointer data)
{
  guint with_flags = 0;
  for (guint i = 0; i < 2; i++)
    {
      gint64 id = kepil_window_visible_workplace (f->win, i);
      JsonObject *e = kepil_window_get_evaluation (f->win, id);
      JsonNode *n = e != NULL ? json_object_get_member (e, "flags") : NULL;
      if (n != NULL && JSON_NODE_HOLDS_ARRAY (n) && json_array_get_length (json_node_get_array (n)) > 0)
        with_flags++;
    }
  kepil_window_set_filter (f->win, NULL, NULL, NULL, "any");
  g_assert_cmpuint (kepil_window_n_visible_workplaces (f->win), ==, with_flags);
  kepil_window_set_filter (f->win, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (kepil_window_n_visible_workplaces (f->win), ==, 2);
}

static void
test_whatif (Fixture *f, gconstpointer data)
{
  gint64 wp = find_workplace (f->win, "01 001 001");
  KepilWorkplacePage *page;
  g_autoptr (JsonObject) changes = json_object_new ();
  const char *text;

  g_assert_true (kepil_window_select_workplace (f->win, wp));
  page = KEPIL_WORKPLACE_PAGE (kepil_window_get_workplace_page (f->win));
  if (kepil_window_get_evaluation (f->win, wp) == NULL)
    {
      g_test_skip ("this build has no evaluation engine");
      return;
    }
  json_object_set_double_member (changes, "PPE", 5);
  text = kepil_workplace_page_whatif (page, changes);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "→"));
  /* A what-if saves nothing. */
  g_assert_cmpint (kepil_json_double (kepil_window_get_evaluation (f->win, wp), "r_ind", -1), >=, 0);
}

/* In the inspector role the window offers no editing and the core refuses it. */
static void
test_inspector_reads_only (Fixture *f, gconstpointer data)
{
  gint64 wp = find_workplace (f->win, "01 001 001");
  KepilWorkplacePage *page;
  g_autoptr (GPtrArray) ms = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) before = NULL, after = NULL;
  gint64 mid;

  g_assert_true (kepil_app_settings_set ("role", "inspector", &error));
  g_assert_true (kepil_window_open_file (f->win, f->path, &error));
  wait_idle (f->win);
  g_assert_true (kepil_window_select_workplace (f->win, wp));
  page = KEPIL_WORKPLACE_PAGE (kepil_window_get_workplace_page (f->win));
  ms = kepil_entity_list (kepil_window_get_db (f->win), "measurement", "workplace_id", wp, NULL);
  mid = kepil_json_int (g_ptr_array_index (ms, 0), "id", 0);
  before = kepil_entity_get (kepil_window_get_db (f->win), "measurement", mid, NULL);
  g_assert_false (kepil_workplace_page_commit_cell (page, mid, "value", "12,5", &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
  g_clear_error (&error);
  after = kepil_entity_get (kepil_window_get_db (f->win), "measurement", mid, NULL);
  g_assert_true (json_node_equal (json_object_get_member (before, "value"), json_object_get_member (after, "value")));
  g_assert_true (kepil_window_is_read_only (f->win));
  g_assert_true (kepil_app_settings_set ("role", "specialist", &error));
}

int
main (int argc, char **argv)
{
  g_autofree char *cfg = g_dir_make_tmp ("kepil-cfg-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", cfg, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  kepil_i18n_init ("en");
  adw_init ();
  g_test_add ("/window/demo-opens", Fixture, "demo", fixture_setup, test_demo_opens, fixture_teardown);
  g_test_add ("/window/list-and-search", Fixture, NULL, fixture_setup, test_list_and_search, fixture_teardown);
  g_test_add ("/window/edit-measurement", Fixture, NULL, fixture_setup, test_edit_measurement, fixture_teardown);
  g_test_add ("/window/filter-by-flag", Fixture, NULL, fixture_setup, test_filter_by_flag, fixture_teardown);
  g_test_add ("/window/whatif", Fixture, NULL, fixture_setup, test_whatif, fixture_teardown);
  g_test_add ("/window/inspector-reads-only", Fixture, NULL, fixture_setup, test_inspector_reads_only, fixture_teardown);
  return g_test_run ();
}
