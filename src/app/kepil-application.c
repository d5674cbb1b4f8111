/* kepil-application.c — the Kepil application: settings, actions, the first window
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-config.h"
#include "kepil-application.h"
#include "kepil-window.h"
#include "kepil-preferences-window.h"
#include "kepil-settings.h"
#include "kepil-db.h"
#include "kepil-demo.h"
#include "kepil-i18n.h"
#include "kepil-json.h"
#include "kepil-workplace-page.h"

#include <glib/gstdio.h>

struct _KepilApplication
{
  AdwApplication parent_instance;
  char          *screenshot;        /* --screenshot FILE: capture and quit */
  char          *screenshot_page;   /* --screenshot-page NAME */
  char          *screenshot_view;   /* --screenshot-view NAME (workplace page view) */
  gboolean       bench;             /* --benchmark-first-frame: print timings and quit */
};

G_DEFINE_FINAL_TYPE (KepilApplication, kepil_application, ADW_TYPE_APPLICATION)

static gint64 started_at;

void
kepil_app_mark_start (void)
{
  started_at = g_get_monotonic_time ();
}

gint64
kepil_app_started_at (void)
{
  return started_at;
}

KepilApplication *
kepil_application_new (void)
{
  return g_object_new (KEPIL_TYPE_APPLICATION,
                       "application-id", "kz.kepil.Kepil",
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       NULL);
}

char *
kepil_application_default_database (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "kepil", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.kepil", NULL);
  g_autofree char *last = kepil_app_settings_get ("last-file", NULL);
  g_autoptr (KepilDb) db = NULL;

  if (last != NULL && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&last);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  g_mkdir_with_parents (dir, 0700);
  db = kepil_db_open (path, KEPIL_DB_OPEN_CREATE, error);
  if (db == NULL)
    return NULL;
  if (!kepil_demo_load (db, error))
    {
      g_clear_object (&db);
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* ---- screenshots (hidden options, used by tests/screenshots.sh) ------------------------- */

typedef struct { KepilApplication *app; KepilWindow *win; guint waited; } Shot;

static gboolean
screenshot_capture (gpointer data)
{
  Shot *s = data;
  g_autoptr (GError) error = NULL;

  if (!kepil_window_screenshot (s->win, s->app->screenshot, &error))
    g_printerr ("%s\n", error->message);
  g_application_quit (G_APPLICATION (s->app));
  g_free (s);
  return G_SOURCE_REMOVE;
}

static gboolean
screenshot_tick (gpointer data)
{
  Shot *s = data;
  const char *page = s->app->screenshot_page;

  /* Wait for the recompute to end (at most a minute). */
  if (kepil_window_is_busy (s->win) && s->waited++ < 600)
    return G_SOURCE_CONTINUE;
  if (page != NULL && g_str_equal (page, "workplace"))
    {
      gint64 id = 0;
      /* The first harmful workplace shows the most; the first one otherwise. */
      for (guint i = 0; i < kepil_window_n_visible_workplaces (s->win) && id == 0; i++)
        {
          gint64 w = kepil_window_visible_workplace (s->win, i);
          JsonObject *e = kepil_window_get_evaluation (s->win, w);
          JsonNode *c = e != NULL ? json_object_get_member (e, "classes") : NULL;
          if (c != NULL && JSON_NODE_HOLDS_OBJECT (c)
              && g_str_has_prefix (kepil_json_str (json_node_get_object (c), "overall", ""), "3"))
            id = w;
        }
      if (id == 0)
        id = kepil_window_visible_workplace (s->win, 0);
      kepil_window_select_workplace (s->win, id);
      if (s->app->screenshot_view != NULL)
        kepil_workplace_page_show_view (KEPIL_WORKPLACE_PAGE (kepil_window_get_workplace_page (s->win)),
                                        s->app->screenshot_view);
    }
  else if (page != NULL)
    kepil_window_show_page (s->win, page);
  /* Let the page lay out and draw before capturing it. */
  g_timeout_add (800, screenshot_capture, s);
  return G_SOURCE_REMOVE;
}

/* ---- --benchmark-first-frame (used by tests/bench/run-benchmarks.sh) --------------------- */

typedef struct {
  KepilApplication *app;
  KepilWindow      *win;
  gint64            last;
  gint64            max_gap;
  gint64            done_at;      /* when the phase's work ended; the watch goes on 1 s for what follows */
  int               phase;        /* 0: the first evaluation after opening; 1: a recompute (F5) */
  gboolean          seen_busy;
  guint             ticks;
} Bench;

/* Runs every 5 ms on the main loop: the longest gap between two runs is the longest stall a user
 * would feel.  Phase 0 is the opening (the first evaluation arrives and the rows are drawn with it);
 * phase 1 is a recompute of the open enterprise (F5), watched until 1 s after it ended (so that
 * the freeing of the former figures, done when idle, counts too). */
static gboolean
bench_watch (gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();

  if (b->last != 0 && now - b->last > b->max_gap)
    b->max_gap = now - b->last;
  if (b->last != 0 && now - b->last > 50000 && g_getenv ("KEPIL_TIMING"))
    g_printerr ("phase %d: gap %.1f ms ending at %.1f ms\n", b->phase, (now - b->last) / 1000.0,
                (now - kepil_app_started_at ()) / 1000.0);
  b->last = now;
  b->ticks++;
  if (kepil_window_is_busy (b->win))
    {
      b->seen_busy = TRUE;
      b->done_at = 0;
      return G_SOURCE_CONTINUE;
    }
  if (!b->seen_busy && b->ticks < 2000)
    return G_SOURCE_CONTINUE;
  if (b->done_at == 0)
    b->done_at = now;
  if (now - b->done_at < G_USEC_PER_SEC)
    return G_SOURCE_CONTINUE;
  if (b->phase == 0)
    {
      g_print ("open-stall-ms %.1f\n", b->max_gap / 1000.0);
      b->phase = 1;
      b->max_gap = 0;
      b->seen_busy = FALSE;
      b->done_at = 0;
      b->ticks = 0;
      kepil_window_recompute (b->win);
      return G_SOURCE_CONTINUE;
    }
  g_print ("max-stall-ms %.1f\n", b->max_gap / 1000.0);
  g_application_quit (G_APPLICATION (b->app));
  g_free (b);
  return G_SOURCE_REMOVE;
}

static void
bench_after_paint (GdkFrameClock *clock, Bench *b)
{
  g_print ("first-frame-ms %.1f\n", (g_get_monotonic_time () - kepil_app_started_at ()) / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint, b);
  /* The opening's evaluation runs now; then a recompute, watching the main loop all along. */
  g_timeout_add (5, bench_watch, b);
}

static void
bench_realized (GtkWidget *w, Bench *b)
{
  g_signal_connect (gtk_widget_get_frame_clock (w), "after-paint", G_CALLBACK (bench_after_paint), b);
}

static KepilWindow *
open_path (KepilApplication *self, const char *path)
{
  KepilWindow *win = kepil_window_new (self);
  g_autoptr (GError) error = NULL;

  if (self->bench)
    {
      Bench *b = g_new0 (Bench, 1);
      b->app = self;
      b->win = win;
      g_signal_connect (win, "realize", G_CALLBACK (bench_realized), b);
    }
  gtk_window_present (GTK_WINDOW (win));
  if (path != NULL && !kepil_window_open_file (win, path, &error))
    kepil_window_show_error (win, error);
  if (self->screenshot != NULL)
    {
      Shot *s = g_new0 (Shot, 1);
      s->app = self;
      s->win = win;
      g_timeout_add (100, screenshot_tick, s);
    }
  return win;
}

static void
kepil_application_activate (GApplication *app)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = kepil_application_default_database (&error);
  KepilWindow *win = open_path (KEPIL_APPLICATION (app), path);

  if (path == NULL)
    kepil_window_show_error (win, error);
}

static void
kepil_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *p = g_file_get_path (files[i]);
      open_path (KEPIL_APPLICATION (app), p);
    }
}

static void
about_action (GSimpleAction *a, GVariant *p, gpointer data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (data));
  const char *developers[] = { _("The Kepil authors"), NULL };
  GtkWidget *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                   "transient-for", parent,
                                   "application-name", _("Kepil"),
                                   "application-icon", "kz.kepil.Kepil",
                                   "version", KEPIL_VERSION,
                                   "developer-name", _("The Kepil authors"),
                                   "comments", _("Attestation of workplaces by working conditions and the guarantees "
                                                 "for harmful work: the List and the risk-oriented model side by side."),
                                   "license-type", GTK_LICENSE_GPL_3_0,
                                   "developers", developers,
                                   NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *a, GVariant *p, gpointer data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (data));
  gtk_window_present (GTK_WINDOW (kepil_preferences_window_new (parent)));
}

static void
quit_action (GSimpleAction *a, GVariant *p, gpointer data)
{
  g_application_quit (G_APPLICATION (data));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "quit", .activate = quit_action },
};

static void
kepil_application_startup (GApplication *app)
{
  static const char *quit[] = { "<Control>q", NULL };
  static const char *prefs[] = { "<Control>comma", NULL };
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (kepil_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs);
  gtk_css_provider_load_from_resource (css, "/kz/kepil/app/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static int
kepil_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  KepilApplication *self = KEPIL_APPLICATION (app);
  const char *lang = NULL;

  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot);
  g_variant_dict_lookup (options, "screenshot-page", "s", &self->screenshot_page);
  g_variant_dict_lookup (options, "screenshot-view", "s", &self->screenshot_view);
  self->bench = g_variant_dict_contains (options, "benchmark-first-frame");
  if (g_variant_dict_lookup (options, "lang", "&s", &lang))
    kepil_i18n_init (lang);
  return -1;
}

static void
kepil_application_finalize (GObject *o)
{
  KepilApplication *self = KEPIL_APPLICATION (o);
  g_free (self->screenshot);
  g_free (self->screenshot_page);
  g_free (self->screenshot_view);
  G_OBJECT_CLASS (kepil_application_parent_class)->finalize (o);
}

static void
kepil_application_class_init (KepilApplicationClass *klass)
{
  GApplicationClass *ac = G_APPLICATION_CLASS (klass);
  G_OBJECT_CLASS (klass)->finalize = kepil_application_finalize;
  ac->activate = kepil_application_activate;
  ac->open = kepil_application_open;
  ac->startup = kepil_application_startup;
  ac->handle_local_options = kepil_application_handle_local_options;
}

static void
kepil_application_init (KepilApplication *self)
{
  static const GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Language of the window for this run: kk, ru or en"), "LANG" },
    { "screenshot", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL, NULL, "FILE" },
    { "screenshot-page", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, NULL, "NAME" },
    { "screenshot-view", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, NULL, "NAME" },
    { "benchmark-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
    { NULL }
  };
  g_autofree char *lang = kepil_app_settings_get ("language", NULL);

  /* The language chosen in Preferences applies from the next start. */
  kepil_i18n_init (lang);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
