/* test-window-labels.c — in Kazakh and in Russian, no label of the main pages is cut at 1366×768
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-window-labels --lang kk|ru.  Walks every mapped label of each main page and
 * fails on one whose allocation is narrower than its natural width.  Labels that are made to
 * ellipsize or wrap (data in tables, long reasons) are meant to be narrower and are skipped.
 */
#include "kepil-config.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include "kepil-window.h"
#include "kepil-workplace-page.h"
#include "kepil-db.h"
#include "kepil-demo.h"
#include "kepil-i18n.h"

static const char *lang = "ru";
static KepilWindow *win;
static guint checked;

static void
settle (void)
{
  for (guint i = 0; i < 200000 && kepil_window_is_busy (win); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  /* Bounded by iterations, not by time: wait until the window is on screen and drawn. */
  for (int i = 0; i < 5000 && !gtk_widget_get_mapped (GTK_WIDGET (win)); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  for (int i = 0; i < 50; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Shown = visible, placed by its parent (a stack's hidden pages are not) and given room. */
static gboolean
shown (GtkWidget *w)
{
  return gtk_widget_get_visible (w) && gtk_widget_get_child_visible (w);
}

static void
collect_cut (GtkWidget *w, GPtrArray *cut)
{
  if (!shown (w))
    return;
  if (GTK_IS_LABEL (w))
    {
      GtkLabel *l = GTK_LABEL (w);
      int min = 0, nat = 0;
      const char *text = gtk_label_get_text (l);
      if (text != NULL && *text != '\0' && !gtk_label_get_wrap (l) && gtk_widget_get_width (w) > 0 &&
          gtk_label_get_ellipsize (l) == PANGO_ELLIPSIZE_NONE)
        {
          checked++;
          gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          if (gtk_widget_get_width (w) + 1 < nat)
            g_ptr_array_add (cut, g_strdup_printf ("“%s” (%d of %d px)", text, gtk_widget_get_width (w), nat));
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_cut (c, cut);
}

static void
check_page (const char *page, const char *view)
{
  g_autoptr (GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);

  kepil_window_show_page (win, page);
  if (view != NULL)
    kepil_workplace_page_show_view (KEPIL_WORKPLACE_PAGE (kepil_window_get_workplace_page (win)), view);
  settle ();
  /* Page transitions animate: wait (a bounded number of rounds) until the page's labels are mapped. */
  for (int round = 0; round < 40; round++)
    {
      g_ptr_array_set_size (cut, 0);
      checked = 0;
      collect_cut (GTK_WIDGET (win), cut);
      if (checked > 3)
        break;
      settle ();
    }
  g_test_message ("%s/%s: %u labels checked (window mapped %d, %dx%d)", page, view ? view : "", checked,
                  gtk_widget_get_mapped (GTK_WIDGET (win)), gtk_widget_get_width (GTK_WIDGET (win)),
                  gtk_widget_get_height (GTK_WIDGET (win)));
  g_assert_cmpuint (checked, >, 3);
  for (guint i = 0; i < cut->len; i++)
    g_test_message ("%s/%s: cut label %s", page, view ? view : "", (const char *) g_ptr_array_index (cut, i));
  g_assert_cmpuint (cut->len, ==, 0);
}

static void test_workplaces (void) { check_page ("workplaces", NULL); }
static void test_measurements (void) { check_page ("workplace", "measurements"); }
static void test_classes (void) { check_page ("workplace", "classes"); }
static void test_guarantees (void) { check_page ("workplace", "guarantees"); }
static void test_risk (void) { check_page ("workplace", "risk"); }
static void test_enterprise (void) { check_page ("enterprise", NULL); }
static void test_dashboard (void) { check_page ("dashboard", NULL); }
static void test_reference (void) { check_page ("reference", NULL); }

int
main (int argc, char **argv)
{
  g_autofree char *cfg = g_dir_make_tmp ("kepil-cfg-XXXXXX", NULL);
  g_autofree char *dir = g_dir_make_tmp ("kepil-labels-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.kepil", NULL);
  g_autoptr (GError) error = NULL;
  int rc;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
      lang = argv[i + 1];
  g_setenv ("XDG_CONFIG_HOME", cfg, TRUE);
  kepil_i18n_init (lang);
  gtk_test_init (&argc, &argv, NULL);
  kepil_i18n_init (lang);
  adw_init ();
  {
    g_autoptr (KepilDb) db = kepil_db_open (path, KEPIL_DB_OPEN_CREATE | KEPIL_DB_OPEN_NO_BACKUP, &error);
    g_assert_no_error (error);
    g_assert_true (kepil_demo_load (db, &error));
  }
  win = g_object_ref_sink (kepil_window_new (NULL));
  /* KEPIL_TEST_WIDTH lets a developer see the test fail on a narrower window. */
  gtk_window_set_default_size (GTK_WINDOW (win), g_getenv ("KEPIL_TEST_WIDTH") ? atoi (g_getenv ("KEPIL_TEST_WIDTH")) : 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (kepil_window_open_file (win, path, &error));
  settle ();
  g_assert_true (kepil_window_select_workplace (win, 1));
  g_test_add_func ("/labels/workplaces", test_workplaces);
  g_test_add_func ("/labels/workplace-measurements", test_measurements);
  g_test_add_func ("/labels/workplace-classes", test_classes);
  g_test_add_func ("/labels/workplace-guarantees", test_guarantees);
  g_test_add_func ("/labels/workplace-risk", test_risk);
  g_test_add_func ("/labels/enterprise", test_enterprise);
  g_test_add_func ("/labels/dashboard", test_dashboard);
  g_test_add_func ("/labels/reference", test_reference);
  rc = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (win));
  g_object_unref (win);
  return rc;
}
