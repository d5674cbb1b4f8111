/* test-window-recompute.c — a recompute of a large enterprise under Xvfb: the rows take the new
 * figures in place, the former ones are freed when idle, progress moves and Cancel works
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include "kepil-window-private.h"
#include "kepil-record.h"
#include "kepil-db.h"
#include "kepil-entity.h"
#include "kepil-generate.h"
#include "kepil-json.h"

/* Above the size where the window filters and sorts a part at a time. */
#define N_WORKPLACES 3000

typedef struct
{
  char        *dir;
  char        *path;
  KepilWindow *win;
} Fixture;

/* Bounded, not timed: iterate until the recompute thread has reported back. */
static void
wait_idle (KepilWindow *win)
{
  for (guint i = 0; i < 600000 && kepil_window_is_busy (win); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (500);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Until the former evaluations are freed (done when idle). */
static void
wait_retired (KepilWindow *win)
{
  for (guint i = 0; i < 200000 && !g_queue_is_empty (win->retired); i++)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KepilDb) db = NULL;

  f->dir = g_dir_make_tmp ("kepil-recompute-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "large.kepil", NULL);
  db = kepil_db_open (f->path, KEPIL_DB_OPEN_CREATE | KEPIL_DB_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_true (kepil_generate_enterprise (db, N_WORKPLACES, N_WORKPLACES * 4, 7, &error));
  g_assert_no_error (error);
  g_clear_object (&db);
  f->win = g_object_ref_sink (kepil_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (f->win), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->win));
  g_assert_true (kepil_window_open_file (f->win, f->path, &error));
  g_assert_no_error (error);
  wait_idle (f->win);
  g_assert_nonnull (f->win->evaluation);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->win));
  g_clear_object (&f->win);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_remove (f->path);
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL), *shm = g_strconcat (f->path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The same workplaces after a recompute: the list keeps its items (so the rows keep their widgets),
 * each item carries the new evaluation, and the former evaluation is freed once the window is idle. */
static void
test_in_place (Fixture *f, gconstpointer data)
{
  KepilRecord *first, *last;
  JsonObject *before_eval = f->win->evaluation, *e;
  gint64 id;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->win->workplaces)), ==, N_WORKPLACES);
  first = g_list_model_get_item (G_LIST_MODEL (f->win->workplaces), 0);
  last = g_list_model_get_item (G_LIST_MODEL (f->win->workplaces), N_WORKPLACES - 1);
  kepil_window_recompute (f->win);
  g_assert_true (kepil_window_is_busy (f->win));
  wait_idle (f->win);
  g_assert_true (f->win->evaluation != before_eval);
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (f->win->workplaces), 0) == (gpointer) first);
  g_object_unref (first);
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (f->win->workplaces), N_WORKPLACES - 1) == (gpointer) last);
  g_object_unref (last);
  /* Each item's evaluation is the one of the new run, found by its id. */
  id = kepil_record_get_id (last);
  e = kepil_window_get_evaluation (f->win, id);
  g_assert_nonnull (e);
  g_assert_true (kepil_record_get_extra (last) == e);
  g_assert_cmpint (kepil_json_int (e, "id", 0), ==, id);
  g_assert_true (json_object_has_member (e, "r_ind"));
  /* Every workplace of the list is there, filtered in parts and then whole. */
  for (guint i = 0; i < 100000 && kepil_window_n_visible_workplaces (f->win) < N_WORKPLACES; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (kepil_window_n_visible_workplaces (f->win), ==, N_WORKPLACES);
  wait_retired (f->win);
  g_assert_true (g_queue_is_empty (f->win->retired));
  g_object_unref (first);
  g_object_unref (last);
}

/* An edit that changes a workplace's figures reaches its row's item after the recompute. */
static void
test_edit_reaches_row (Fixture *f, gconstpointer data)
{
  KepilDb *db = kepil_window_get_db (f->win);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ms = NULL;
  g_autoptr (JsonObject) change = json_object_new ();
  KepilRecord *item = NULL;
  JsonObject *m = NULL, *e;
  gint64 wid = 0;
  double r_before;

  /* A noise measurement of some workplace, made far over its norm. */
  ms = kepil_entity_list (db, "measurement", NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ms->len && m == NULL; i++)
    if (g_strcmp0 (kepil_json_str (g_ptr_array_index (ms, i), "factor", ""), "noise") == 0)
      m = g_ptr_array_index (ms, i);
  g_assert_nonnull (m);
  wid = kepil_json_int (m, "workplace_id", 0);
  for (guint i = 0; i < f->win->shown->len && item == NULL; i++)
    if (kepil_record_get_id (g_ptr_array_index (f->win->shown, i)) == wid)
      item = g_ptr_array_index (f->win->shown, i);
  g_assert_nonnull (item);
  r_before = kepil_json_double (kepil_record_get_extra (item), "r_ind", -1);
  json_object_set_double_member (change, "value", kepil_json_double (m, "norm", 80) + 40);
  g_assert_true (kepil_entity_update (db, "measurement", kepil_json_int (m, "id", 0), change, &error));
  g_assert_no_error (error);

  kepil_window_recompute (f->win);
  wait_idle (f->win);
  e = kepil_record_get_extra (item);
  g_assert_true (e == kepil_window_get_evaluation (f->win, wid));
  g_assert_cmpstr (kepil_json_str (json_object_get_object_member (e, "classes"), "overall", ""), ==, "4");
  g_assert_cmpfloat (kepil_json_double (e, "r_ind", -1), >, r_before);
}

static void
test_progress_and_cancel (Fixture *f, gconstpointer data)
{
  JsonObject *shown = f->win->evaluation;
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean cancelled = FALSE;

  kepil_window_recompute (f->win);
  g_assert_true (kepil_window_is_busy (f->win));
  g_assert_true (gtk_revealer_get_reveal_child (f->win->progress_revealer));
  for (guint i = 0; i < 600000 && kepil_window_is_busy (f->win); i++)
    {
      double p = gtk_progress_bar_get_fraction (f->win->progress_bar);
      g_main_context_iteration (NULL, FALSE);
      if (p > 0 && (seen->len == 0 || g_array_index (seen, double, seen->len - 1) != p))
        g_array_append_val (seen, p);
      /* Cancel once the progress has moved: the worker stops at its next check. */
      if (!cancelled && seen->len >= 1)
        {
          kepil_window_cancel (f->win);
          cancelled = TRUE;
        }
      g_usleep (200);
    }
  wait_idle (f->win);
  g_assert_true (cancelled);
  g_assert_cmpuint (seen->len, >=, 1);
  /* The figures shown are the former ones; the window is usable again. */
  g_assert_true (f->win->evaluation == shown);
  g_assert_false (kepil_window_is_busy (f->win));
  g_assert_false (gtk_revealer_get_reveal_child (f->win->progress_revealer));
  /* A recompute after a cancelled one goes through. */
  kepil_window_recompute (f->win);
  wait_idle (f->win);
  g_assert_true (f->win->evaluation != shown);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/window-recompute/in-place", Fixture, NULL, fixture_setup, test_in_place, fixture_teardown);
  g_test_add ("/window-recompute/edit-reaches-row", Fixture, NULL, fixture_setup, test_edit_reaches_row,
              fixture_teardown);
  g_test_add ("/window-recompute/progress-and-cancel", Fixture, NULL, fixture_setup, test_progress_and_cancel,
              fixture_teardown);
  return g_test_run ();
}
