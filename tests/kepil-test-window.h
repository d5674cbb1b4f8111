/* kepil-test-window.h — helpers shared by the window tests (Xvfb)
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "kepil-window.h"
#include "kepil-i18n.h"

/* Runs what the main loop has pending. */
static inline void
pump (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Bounded, not timed: iterates until the window's task thread has reported back. */
static inline void
wait_idle (KepilWindow *win)
{
  for (guint i = 0; i < 200000 && kepil_window_is_busy (win); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  pump ();
}

/* The visible toplevel window of @type (transient for @transient_for unless NULL). */
static inline GtkWindow *
find_toplevel (GType type, GtkWindow *transient_for)
{
  g_autoptr (GList) all = gtk_window_list_toplevels ();
  for (GList *l = all; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data) &&
        (transient_for == NULL || gtk_window_get_transient_for (l->data) == transient_for))
      return l->data;
  return NULL;
}

static inline void
collect_widgets (GtkWidget *w, GType type, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
    g_ptr_array_add (out, w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_widgets (c, type, out);
}

/* Every widget of @type under @root (borrowed widgets, a new array). */
static inline GPtrArray *
find_all (gpointer root, GType type)
{
  GPtrArray *out = g_ptr_array_new ();
  collect_widgets (GTK_WIDGET (root), type, out);
  return out;
}

/* The button under @root labelled @label. */
static inline GtkButton *
find_button (gpointer root, const char *label)
{
  g_autoptr (GPtrArray) all = find_all (root, GTK_TYPE_BUTTON);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (all, i)), label) == 0)
      return g_ptr_array_index (all, i);
  return NULL;
}

/* Activates @action of @win and returns the modal dialog of @type it opened. */
static inline gpointer
open_modal (KepilWindow *win, const char *action, GType type)
{
  GtkWindow *d;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), action, NULL));
  pump ();
  d = find_toplevel (type, GTK_WINDOW (win));
  g_assert_nonnull (d);
  g_assert_true (gtk_window_get_modal (d));
  return d;
}

/* Writes @w as drawn now to $KEPIL_TEST_SCREENSHOTS/LANG-@name.png, when that is set. */
static inline void
screenshot (gpointer w, const char *name)
{
  const char *dir = g_getenv ("KEPIL_TEST_SCREENSHOTS");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = NULL, *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  for (guint i = 0; i < 20; i++)
    pump (), g_usleep (10000);
  width = gtk_widget_get_width (w);
  height = gtk_widget_get_height (w);
  g_test_message ("%s: %d×%d", name, width, height);
  paintable = gtk_widget_paintable_new (w);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (w)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s-%s.png", kepil_i18n_language (), name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* A window of 1366×768 on @path, opened and with its first recompute done. */
static inline KepilWindow *
open_window (const char *path)
{
  g_autoptr (GError) error = NULL;
  KepilWindow *win = g_object_ref_sink (kepil_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (kepil_window_open_file (win, path, &error));
  g_assert_no_error (error);
  wait_idle (win);
  return win;
}

static inline void
close_window (KepilWindow *win)
{
  gtk_window_destroy (GTK_WINDOW (win));
  g_object_unref (win);
  pump ();
}
