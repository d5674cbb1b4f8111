/* test-window-enterprise.c — the enterprise page edits campaigns, the commission and П2 statistics
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the page's own widgets (entry rows applied, drop-downs chosen, delete buttons and
 * their question answered) on the demo database under Xvfb, and checks the database, the
 * core's evaluation and the page.  Usage: test-window-enterprise [--lang kk|ru|en].
 * With KEPIL_SHOT_DIR set, /enterprise/screenshots writes pictures of the new groups there.
 */
#include "kepil-config.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include "kepil-window-private.h"
#include "kepil-enterprise-page.h"
#include "kepil-db.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-evaluate.h"
#include "kepil-methodology.h"
#include "kepil-risk.h"
#include "kepil-json.h"
#include "kepil-format.h"
#include "kepil-i18n.h"
#include "kepil-settings.h"

static const char *lang = "en";

typedef struct
{
  char        *dir;
  char        *path;
  KepilWindow *win;
  gint64       enterprise;
} Fixture;

/* Bounded by iterations, not by time. */
static void
pump (KepilWindow *win)
{
  for (guint i = 0; i < 200000 && kepil_window_is_busy (win); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  for (int i = 0; i < 20; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static KepilDb *
db_of (Fixture *f)
{
  return kepil_window_get_db (f->win);
}

static GtkWidget *
find_name (GtkWidget *w, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (w), name) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_name (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find (Fixture *f, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static GtkWidget *
find (Fixture *f, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *name = NULL;
  GtkWidget *w;

  va_start (ap, fmt);
  name = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  w = find_name (GTK_WIDGET (f->win), name);
  if (w == NULL)
    g_test_message ("no widget named %s", name);
  return w;
}

/* Types into an entry row and presses its tick, as a user does. */
static void
apply_text (Fixture *f, GtkWidget *row, const char *text)
{
  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  pump (f->win);
}

/* Answers the open question of a delete button. */
static void
answer_dialog (Fixture *f, const char *response)
{
  GListModel *tops = gtk_window_get_toplevels ();
  AdwMessageDialog *d = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (tops) && d == NULL; i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (tops, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        d = ADW_MESSAGE_DIALOG (w);
    }
  g_assert_nonnull (d);
  g_assert_true (adw_message_dialog_has_response (d, "delete"));
  adw_message_dialog_response (d, response);
  gtk_window_destroy (GTK_WINDOW (d));
  pump (f->win);
}

static void
click (Fixture *f, GtkWidget *b)
{
  g_assert_nonnull (b);
  g_assert_true (gtk_widget_is_sensitive (b));
  g_signal_emit_by_name (b, "clicked");
  pump (f->win);
}

static JsonObject *
get (Fixture *f, const char *entity, gint64 id)
{
  return kepil_entity_get (db_of (f), entity, id, NULL);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ents = NULL;

  f->dir = g_dir_make_tmp ("kepil-enterprise-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "demo.kepil", NULL);
  {
    g_autoptr (KepilDb) db = kepil_db_open (f->path, KEPIL_DB_OPEN_CREATE | KEPIL_DB_OPEN_NO_BACKUP, &error);
    g_assert_no_error (error);
    g_assert_true (kepil_demo_load (db, &error));
  }
  g_assert_true (kepil_app_settings_set ("role", data != NULL ? data : "specialist", &error));
  f->win = g_object_ref_sink (kepil_window_new (NULL));
  /* KEPIL_TEST_WIDTH lets a developer see the label check fail on a narrower window. */
  gtk_window_set_default_size (GTK_WINDOW (f->win), g_getenv ("KEPIL_TEST_WIDTH") ? atoi (g_getenv ("KEPIL_TEST_WIDTH")) : 1366, 768);
  gtk_window_present (GTK_WINDOW (f->win));
  g_assert_true (kepil_window_open_file (f->win, f->path, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 5000 && !gtk_widget_get_mapped (GTK_WIDGET (f->win)); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  pump (f->win);
  kepil_window_show_page (f->win, "enterprise");
  pump (f->win);
  ents = kepil_entity_list (db_of (f), "enterprise", NULL, 0, NULL);
  g_assert_cmpuint (ents->len, >, 0);
  f->enterprise = kepil_json_int (g_ptr_array_index (ents, 0), "id", 0);
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
  g_assert_true (kepil_app_settings_set ("role", "specialist", NULL));
}

/* The id of the one record of @entity whose @field is @value, not in @before. */
static gint64
new_record (Fixture *f, const char *entity, const char *field, gint64 value, GPtrArray *before)
{
  g_autoptr (GPtrArray) now = kepil_entity_list (db_of (f), entity, field, value, NULL);
  gint64 found = 0;
  for (guint i = 0; i < now->len; i++)
    {
      gint64 id = kepil_json_int (g_ptr_array_index (now, i), "id", 0);
      gboolean old = FALSE;
      for (guint k = 0; before != NULL && k < before->len; k++)
        old = old || kepil_json_int (g_ptr_array_index (before, k), "id", 0) == id;
      if (!old)
        {
          g_assert_cmpint (found, ==, 0);
          found = id;
        }
    }
  return found;
}

static void
test_campaign_and_commission (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) before = kepil_entity_list (db_of (f), "campaign", "enterprise_id", f->enterprise, NULL);
  g_autoptr (JsonObject) c = NULL, m = NULL;
  g_autofree char *today = kepil_today_iso ();
  GtkWidget *row;
  gint64 cid, mid;

  /* A campaign starts from its order number, dated today, and opens for its other fields. */
  apply_text (f, find (f, "campaign-add"), "77-П");
  cid = new_record (f, "campaign", "enterprise_id", f->enterprise, before);
  g_assert_cmpint (cid, >, 0);
  c = get (f, "campaign", cid);
  g_assert_cmpstr (kepil_json_str (c, "order_no", ""), ==, "77-П");
  g_assert_cmpstr (kepil_json_str (c, "order_date", ""), ==, today);
  g_assert_cmpstr (kepil_json_str (c, "status", ""), ==, "draft");
  g_clear_pointer (&c, json_object_unref);
  row = find (f, "campaign-%" G_GINT64_FORMAT, cid);
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  /* A date that does not exist is refused inline; the saved date stays. */
  row = find (f, "campaign-%" G_GINT64_FORMAT "-order_date", cid);
  apply_text (f, row, "31.02.2026");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  c = get (f, "campaign", cid);
  g_assert_cmpstr (kepil_json_str (c, "order_date", ""), ==, today);
  g_clear_pointer (&c, json_object_unref);
  apply_text (f, find (f, "campaign-%" G_GINT64_FORMAT "-order_date", cid), "15.01.2026");
  apply_text (f, find (f, "campaign-%" G_GINT64_FORMAT "-measured_to", cid), "2026-03-01");
  c = get (f, "campaign", cid);
  g_assert_cmpstr (kepil_json_str (c, "order_date", ""), ==, "2026-01-15");
  g_assert_cmpstr (kepil_json_str (c, "measured_to", ""), ==, "2026-03-01");
  g_clear_pointer (&c, json_object_unref);
  /* The row shows the date as people write it, after the page was built again. */
  row = find (f, "campaign-%" G_GINT64_FORMAT "-order_date", cid);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "15.01.2026");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* The kind is chosen from the values the schema allows. */
  row = find (f, "campaign-%" G_GINT64_FORMAT "-kind", cid);
  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  pump (f->win);
  c = get (f, "campaign", cid);
  g_assert_cmpstr (kepil_json_str (c, "kind", ""), ==, "extraordinary");
  g_clear_pointer (&c, json_object_unref);

  /* A commission member of this campaign, then the role: chairman. */
  apply_text (f, find (f, "commission_member-add-%" G_GINT64_FORMAT, cid), "Иванов Иван Иванович");
  mid = new_record (f, "commission_member", "campaign_id", cid, NULL);
  g_assert_cmpint (mid, >, 0);
  m = get (f, "commission_member", mid);
  g_assert_cmpstr (kepil_json_str (m, "full_name", ""), ==, "Иванов Иван Иванович");
  g_assert_cmpstr (kepil_json_str (m, "role", ""), ==, "member");
  g_clear_pointer (&m, json_object_unref);
  row = find (f, "commission_member-%" G_GINT64_FORMAT "-role", mid);
  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  pump (f->win);
  apply_text (f, find (f, "commission_member-%" G_GINT64_FORMAT "-position", mid), "Главный инженер");
  m = get (f, "commission_member", mid);
  g_assert_cmpstr (kepil_json_str (m, "role", ""), ==, "chairman");
  g_assert_cmpstr (kepil_json_str (m, "position", ""), ==, "Главный инженер");
  g_clear_pointer (&m, json_object_unref);
  /* The place in the signature list is a whole number. */
  row = find (f, "commission_member-%" G_GINT64_FORMAT "-sort_order", mid);
  apply_text (f, row, "1,5");
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  /* Ctrl+Z: the position, then the role come back. */
  g_assert_true (kepil_window_undo (f->win));
  g_assert_true (kepil_window_undo (f->win));
  pump (f->win);
  m = get (f, "commission_member", mid);
  g_assert_cmpstr (kepil_json_str (m, "role", ""), ==, "member");
  g_assert_cmpstr (kepil_json_str (m, "position", ""), ==, "");
  g_clear_pointer (&m, json_object_unref);
  row = find (f, "commission_member-%" G_GINT64_FORMAT "-role", mid);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);

  /* Delete asks first: "Cancel" keeps the campaign. */
  click (f, find (f, "campaign-%" G_GINT64_FORMAT "-delete", cid));
  answer_dialog (f, "cancel");
  c = get (f, "campaign", cid);
  g_assert_nonnull (c);
  g_clear_pointer (&c, json_object_unref);
  /* "Delete" takes the commission with it; Ctrl+Z brings both back with their numbers. */
  click (f, find (f, "campaign-%" G_GINT64_FORMAT "-delete", cid));
  answer_dialog (f, "delete");
  g_assert_null (get (f, "campaign", cid));
  g_assert_null (get (f, "commission_member", mid));
  g_assert_null (find (f, "campaign-%" G_GINT64_FORMAT, cid));
  g_assert_true (kepil_window_undo (f->win));
  pump (f->win);
  c = get (f, "campaign", cid);
  m = get (f, "commission_member", mid);
  g_assert_nonnull (c);
  g_assert_nonnull (m);
  g_assert_cmpstr (kepil_json_str (c, "kind", ""), ==, "extraordinary");
  g_assert_nonnull (find (f, "commission_member-%" G_GINT64_FORMAT, mid));
  g_clear_pointer (&m, json_object_unref);

  /* The member alone. */
  click (f, find (f, "commission_member-%" G_GINT64_FORMAT "-delete", mid));
  answer_dialog (f, "delete");
  g_assert_null (get (f, "commission_member", mid));
  g_clear_pointer (&c, json_object_unref);
  c = get (f, "campaign", cid);
  g_assert_nonnull (c);
}

static double
evaluated_p2 (Fixture *f, char **how)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) ev = kepil_evaluate_database (db_of (f), NULL, NULL, FALSE, NULL, NULL, NULL, &error);
  JsonArray *a;

  g_assert_no_error (error);
  a = json_object_get_array_member (ev, "enterprises");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *e = json_array_get_object_element (a, i);
      if (kepil_json_int (e, "id", 0) == f->enterprise)
        {
          if (how != NULL)
            *how = g_strdup (kepil_json_str (json_object_get_object_member (json_object_get_object_member (e, "inputs"), "p2"),
                                             "how", ""));
          return kepil_json_double (e, "p2", -1);
        }
    }
  g_assert_not_reached ();
  return -1;
}

/* П2 as the methodology scores these numbers (the core's own function, not a copy). */
static double
expected_p2 (Fixture *f, gint64 sid)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) e = get (f, "enterprise", f->enterprise);
  g_autoptr (JsonObject) s = get (f, "enterprise_stats", sid);
  g_autoptr (KepilMethodology) m = kepil_methodology_load (db_of (f), kepil_json_str (e, "methodology", NULL), &error);
  g_autoptr (JsonObject) p2 = NULL;

  g_assert_no_error (error);
  p2 = kepil_risk_p2 (m, TRUE, kepil_json_int (s, "year", 0), kepil_json_int (s, "average_headcount", 0),
                      kepil_json_int (s, "accidents", 0), kepil_json_int (s, "fatal_accidents", 0),
                      kepil_json_int (s, "disease_cases", 0));
  return kepil_json_double (p2, "score", -1);
}

static const char *
risk_text (Fixture *f)
{
  GtkWidget *l = find (f, "enterprise-risk");
  g_assert_nonnull (l);
  return gtk_label_get_text (GTK_LABEL (l));
}

/* The window recomputes a moment after an edit: iterate (a bounded number of rounds) until
 * the page's risk line differs from @old. */
static gboolean
wait_risk_change (Fixture *f, const char *old)
{
  for (int i = 0; i < 20000; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      if (!kepil_window_is_busy (f->win) && !g_str_equal (risk_text (f), old))
        return TRUE;
      g_usleep (1000);
    }
  return FALSE;
}

static gint64
latest_year (Fixture *f)
{
  g_autoptr (GPtrArray) stats = kepil_entity_list (db_of (f), "enterprise_stats", "enterprise_id", f->enterprise, NULL);
  gint64 sid = 0, year = 0;
  for (guint i = 0; i < stats->len; i++)
    if (kepil_json_int (g_ptr_array_index (stats, i), "year", 0) > year)
      {
        year = kepil_json_int (g_ptr_array_index (stats, i), "year", 0);
        sid = kepil_json_int (g_ptr_array_index (stats, i), "id", 0);
      }
  return sid;
}

static void
test_statistics (Fixture *f, gconstpointer data)
{
  gint64 sid = latest_year (f), year, n0;
  g_autoptr (JsonObject) s0 = NULL, s = NULL;
  g_autofree char *risk0 = NULL, *risk1 = NULL, *how = NULL;
  double p2_before, p2_after;
  GtkWidget *row;

  g_assert_cmpint (sid, >, 0);
  s0 = get (f, "enterprise_stats", sid);
  year = kepil_json_int (s0, "year", 0);
  p2_before = evaluated_p2 (f, NULL);
  g_assert_cmpfloat (p2_before, ==, expected_p2 (f, sid));
  risk0 = g_strdup (risk_text (f));
  g_assert_cmpstr (risk0, !=, "");

  /* Counts are whole and not negative; text is refused; the saved value stays. */
  row = find (f, "enterprise_stats-%" G_GINT64_FORMAT "-accidents", sid);
  for (guint i = 0; i < 3; i++)
    {
      static const char *bad[] = { "0,5", "-1", "три" };
      apply_text (f, row, bad[i]);
      g_assert_true (gtk_widget_has_css_class (row, "error"));
      s = get (f, "enterprise_stats", sid);
      g_assert_cmpint (kepil_json_int (s, "accidents", -1), ==, kepil_json_int (s0, "accidents", -2));
      g_clear_pointer (&s, json_object_unref);
    }

  /* No accidents and no disease in the latest year: П2 changes in the core and on the page. */
  apply_text (f, row, "0");
  apply_text (f, find (f, "enterprise_stats-%" G_GINT64_FORMAT "-disease_cases", sid), "0,0");
  apply_text (f, find (f, "enterprise_stats-%" G_GINT64_FORMAT "-days_lost", sid), "1 234");
  s = get (f, "enterprise_stats", sid);
  g_assert_cmpint (kepil_json_int (s, "accidents", -1), ==, 0);
  g_assert_cmpint (kepil_json_int (s, "disease_cases", -1), ==, 0);
  g_assert_cmpint (kepil_json_int (s, "days_lost", -1), ==, 1234);
  g_clear_pointer (&s, json_object_unref);
  g_assert_cmpfloat (expected_p2 (f, sid), !=, p2_before);
  p2_after = evaluated_p2 (f, &how);
  g_assert_cmpfloat (p2_after, ==, expected_p2 (f, sid));
  g_assert_true (wait_risk_change (f, risk0));
  risk1 = g_strdup (risk_text (f));
  {
    g_autofree char *p2_text = kepil_format_number (p2_after, 2);
    g_autofree char *part = g_strdup_printf (" + %s + ", p2_text);
    g_assert_nonnull (strstr (risk1, part));
  }
  /* The group says how П2 was found. */
  {
    GtkWidget *g = gtk_widget_get_ancestor (find (f, "enterprise_stats-add"), ADW_TYPE_PREFERENCES_GROUP);
    g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (g)), how));
  }

  /* A year is added once, within the schema's range; as the latest year without a headcount, П2 = 0. */
  n0 = kepil_entity_count (db_of (f), "enterprise_stats", NULL);
  row = find (f, "enterprise_stats-add");
  apply_text (f, row, "1989");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  {
    g_autofree char *y = g_strdup_printf ("%" G_GINT64_FORMAT, year);
    apply_text (f, row, y);
  }
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpint (kepil_entity_count (db_of (f), "enterprise_stats", NULL), ==, n0);
  {
    g_autofree char *y = g_strdup_printf ("%" G_GINT64_FORMAT, year + 1);
    apply_text (f, find (f, "enterprise_stats-add"), y);
  }
  g_assert_cmpint (kepil_entity_count (db_of (f), "enterprise_stats", NULL), ==, n0 + 1);
  g_assert_cmpint (latest_year (f), !=, sid);
  g_assert_cmpfloat (evaluated_p2 (f, NULL), ==, 0);
  {
    gint64 nid = latest_year (f);
    g_assert_nonnull (find (f, "enterprise_stats-%" G_GINT64_FORMAT, nid));
    click (f, find (f, "enterprise_stats-%" G_GINT64_FORMAT "-delete", nid));
    answer_dialog (f, "delete");
    g_assert_cmpint (kepil_entity_count (db_of (f), "enterprise_stats", NULL), ==, n0);
    g_assert_null (find (f, "enterprise_stats-%" G_GINT64_FORMAT, nid));
    /* Undo the delete, then the addition. */
    g_assert_true (kepil_window_undo (f->win));
    g_assert_cmpint (latest_year (f), ==, nid);
    g_assert_true (kepil_window_undo (f->win));
    g_assert_cmpint (latest_year (f), ==, sid);
  }

  /* Undo the three numbers: П2 and the page's risk line are as before. */
  for (int i = 0; i < 3; i++)
    g_assert_true (kepil_window_undo (f->win));
  s = get (f, "enterprise_stats", sid);
  g_assert_true (json_node_equal (json_object_get_member (s, "accidents"), json_object_get_member (s0, "accidents")));
  g_assert_true (json_node_equal (json_object_get_member (s, "disease_cases"), json_object_get_member (s0, "disease_cases")));
  g_assert_true (json_node_equal (json_object_get_member (s, "days_lost"), json_object_get_member (s0, "days_lost")));
  g_assert_cmpfloat (evaluated_p2 (f, NULL), ==, p2_before);
  g_assert_true (wait_risk_change (f, risk1));
  g_assert_cmpstr (risk_text (f), ==, risk0);
}

/* A workplace of the enterprise whose profession has statistics, and that profession's record. */
static gint64
workplace_with_stats (Fixture *f, gint64 *stats_id)
{
  g_autoptr (GPtrArray) units = kepil_entity_list (db_of (f), "unit", "enterprise_id", f->enterprise, NULL);
  for (guint i = 0; i < units->len; i++)
    {
      g_autoptr (GPtrArray) wps = kepil_entity_list (db_of (f), "workplace", "unit_id",
                                                     kepil_json_int (g_ptr_array_index (units, i), "id", 0), NULL);
      for (guint k = 0; k < wps->len; k++)
        {
          JsonObject *w = g_ptr_array_index (wps, k);
          g_autoptr (GPtrArray) ps = kepil_entity_list (db_of (f), "profession_stats", "profession_id",
                                                        kepil_json_int (w, "profession_id", 0), NULL);
          if (ps->len > 0)
            {
              *stats_id = kepil_json_int (g_ptr_array_index (ps, 0), "id", 0);
              return kepil_json_int (w, "id", 0);
            }
        }
    }
  return 0;
}

static double
window_z (Fixture *f, gint64 wp)
{
  JsonObject *e = kepil_window_get_evaluation (f->win, wp);
  JsonNode *in = e != NULL ? json_object_get_member (e, "inputs") : NULL;
  JsonNode *z = in != NULL && JSON_NODE_HOLDS_OBJECT (in) ? json_object_get_member (json_node_get_object (in), "Z") : NULL;
  return z != NULL && JSON_NODE_HOLDS_OBJECT (z) ? kepil_json_double (json_node_get_object (z), "score", -1) : -1;
}

/* Iterate (a bounded number of rounds) until the window's evaluation gives @wp the score Z @want. */
static gboolean
wait_z (Fixture *f, gint64 wp, double want)
{
  for (int i = 0; i < 20000; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      if (!kepil_window_is_busy (f->win) && window_z (f, wp) == want)
        return TRUE;
      g_usleep (1000);
    }
  g_test_message ("Z of workplace %" G_GINT64_FORMAT " is %g, not %g", wp, window_z (f, wp), want);
  return FALSE;
}

static void
test_profession_stats (Fixture *f, gconstpointer data)
{
  gint64 psid = 0, wp = workplace_with_stats (f, &psid), pid, before;
  g_autoptr (JsonObject) ps0 = NULL, ps = NULL, e = NULL;
  g_autoptr (KepilMethodology) m = NULL;
  g_autoptr (JsonObject) z = NULL;
  double z0, want;
  GtkWidget *combo;

  g_assert_cmpint (wp, >, 0);
  ps0 = get (f, "profession_stats", psid);
  pid = kepil_json_int (ps0, "profession_id", 0);
  z0 = window_z (f, wp);
  e = get (f, "enterprise", f->enterprise);
  m = kepil_methodology_load (db_of (f), kepil_json_str (e, "methodology", NULL), NULL);
  g_assert_nonnull (m);

  /* Five cases among ten workers: Z as the methodology scores it, in the window's evaluation. */
  apply_text (f, find (f, "profession_stats-%" G_GINT64_FORMAT "-workers", psid), "10");
  apply_text (f, find (f, "profession_stats-%" G_GINT64_FORMAT "-disease_cases_5y", psid), "5");
  ps = get (f, "profession_stats", psid);
  g_assert_cmpint (kepil_json_int (ps, "workers", 0), ==, 10);
  g_assert_cmpint (kepil_json_int (ps, "disease_cases_5y", 0), ==, 5);
  z = kepil_risk_input_Z (m, 5, 10);
  want = kepil_json_double (z, "score", -1);
  g_assert_cmpfloat (want, !=, z0);
  g_assert_true (wait_z (f, wp, want));

  /* Deleted, the profession is offered for new statistics; added back, they start at zero. */
  click (f, find (f, "profession_stats-%" G_GINT64_FORMAT "-delete", psid));
  answer_dialog (f, "delete");
  g_assert_null (get (f, "profession_stats", psid));
  combo = find (f, "profession_stats-add");
  g_assert_true (ADW_IS_COMBO_ROW (combo));
  before = kepil_entity_count (db_of (f), "profession_stats", NULL);
  {
    GArray *ids = g_object_get_data (G_OBJECT (combo), "kepil-ids");
    guint at = G_MAXUINT;
    for (guint i = 0; i < ids->len; i++)
      if (g_array_index (ids, gint64, i) == pid)
        at = i;
    g_assert_cmpuint (at, !=, G_MAXUINT);
    adw_combo_row_set_selected (ADW_COMBO_ROW (combo), at);
  }
  click (f, find (f, "profession_stats-add-button"));
  g_assert_cmpint (kepil_entity_count (db_of (f), "profession_stats", NULL), ==, before + 1);
  {
    g_autoptr (GPtrArray) now = kepil_entity_list (db_of (f), "profession_stats", "profession_id", pid, NULL);
    g_assert_cmpuint (now->len, ==, 1);
    g_assert_cmpint (kepil_json_int (g_ptr_array_index (now, 0), "workers", -1), ==, 0);
  }

  /* Undo all four steps: the first record is back as it was, with its number. */
  for (int i = 0; i < 4; i++)
    g_assert_true (kepil_window_undo (f->win));
  g_clear_pointer (&ps, json_object_unref);
  ps = get (f, "profession_stats", psid);
  g_assert_nonnull (ps);
  g_assert_true (json_node_equal (json_object_get_member (ps, "workers"), json_object_get_member (ps0, "workers")));
  g_assert_true (json_node_equal (json_object_get_member (ps, "disease_cases_5y"),
                                  json_object_get_member (ps0, "disease_cases_5y")));
  g_assert_true (wait_z (f, wp, z0));
}

/* Every editing widget of the page, counted by kind; each must be unavailable when @read_only. */
typedef struct { guint entries, combos, buttons, adds, switches, wrong; } Census;

static void
census (GtkWidget *w, gboolean read_only, Census *c)
{
  const char *name = gtk_widget_get_name (w);
  if (ADW_IS_ENTRY_ROW (w))
    {
      gboolean add = gtk_widget_has_css_class (w, "kepil-add-row");
      if (add)
        c->adds++;
      else
        c->entries++;
      if (read_only && (gtk_editable_get_editable (GTK_EDITABLE (w)) || (add && gtk_widget_get_sensitive (w))))
        c->wrong++, g_test_message ("editable: %s", name);
    }
  /* Expander rows have a switch of their own, hidden: only the checklist's answers count. */
  else if (ADW_IS_COMBO_ROW (w) || (GTK_IS_SWITCH (w) && g_object_get_data (G_OBJECT (w), "kepil-question") != NULL) ||
           (GTK_IS_BUTTON (w) && g_str_has_suffix (name, "-delete")))
    {
      if (ADW_IS_COMBO_ROW (w))
        c->combos++;
      else if (GTK_IS_SWITCH (w))
        c->switches++;
      else
        c->buttons++;
      if (read_only == gtk_widget_get_sensitive (w))
        c->wrong++, g_test_message ("sensitive %d: %s", gtk_widget_get_sensitive (w), name);
    }
  for (GtkWidget *k = gtk_widget_get_first_child (w); k != NULL; k = gtk_widget_get_next_sibling (k))
    census (k, read_only, c);
}

static void
check_census (Fixture *f, gboolean read_only)
{
  GtkWidget *page = gtk_widget_get_ancestor (find (f, "campaign-add"), KEPIL_TYPE_ENTERPRISE_PAGE);
  Census c = { 0 };
  g_assert_nonnull (page);
  census (page, read_only, &c);
  g_test_message ("entries %u, combos %u, delete buttons %u, add rows %u, switches %u, wrong %u",
                  c.entries, c.combos, c.buttons, c.adds, c.switches, c.wrong);
  g_assert_cmpuint (c.entries, >, 10);
  g_assert_cmpuint (c.combos, >, 0);
  g_assert_cmpuint (c.buttons, >, 0);
  g_assert_cmpuint (c.adds, >=, 3);
  g_assert_cmpuint (c.switches, ==, 15);
  g_assert_cmpuint (c.wrong, ==, 0);
}

static void
test_specialist_edits (Fixture *f, gconstpointer data)
{
  g_assert_false (kepil_window_is_read_only (f->win));
  check_census (f, FALSE);
}

static void
test_inspector_reads_only (Fixture *f, gconstpointer data)
{
  gint64 n0 = kepil_entity_count (db_of (f), "campaign", NULL);

  g_assert_true (kepil_window_is_read_only (f->win));
  check_census (f, TRUE);
  /* Even a forced apply changes nothing: the core refuses the inspector's writes. */
  apply_text (f, find (f, "campaign-add"), "99");
  g_assert_cmpint (kepil_entity_count (db_of (f), "campaign", NULL), ==, n0);
}

/* ---- no cut labels with every row open, in Kazakh and Russian ---------------------------- */

static void
expand_all (GtkWidget *w)
{
  if (ADW_IS_EXPANDER_ROW (w))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (w), TRUE);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    expand_all (c);
}

/* As tests/test-window-labels.c: a shown label narrower than its natural width is cut, unless
 * it is made to wrap; here a label that shows an ellipsis counts as cut as well. */
static void
collect_cut (GtkWidget *w, GPtrArray *cut, guint *checked)
{
  if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
    return;
  if (GTK_IS_LABEL (w))
    {
      GtkLabel *l = GTK_LABEL (w);
      const char *text = gtk_label_get_text (l);
      int min = 0, nat = 0;
      if (text != NULL && *text != '\0' && gtk_widget_get_width (w) > 0)
        {
          (*checked)++;
          gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          if (!gtk_label_get_wrap (l) && gtk_label_get_ellipsize (l) == PANGO_ELLIPSIZE_NONE &&
              gtk_widget_get_width (w) + 1 < nat)
            g_ptr_array_add (cut, g_strdup_printf ("“%s” (%d of %d px)", text, gtk_widget_get_width (w), nat));
          /* Rows' titles here ellipsize: an ellipsis is a cut too. */
          else if (gtk_label_get_ellipsize (l) != PANGO_ELLIPSIZE_NONE && pango_layout_is_ellipsized (gtk_label_get_layout (l)))
            g_ptr_array_add (cut, g_strdup_printf ("“%s” (ellipsized)", text));
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_cut (c, cut, checked);
}

static void
test_labels_expanded (Fixture *f, gconstpointer data)
{
  static const char *langs[] = { "kk", "ru" };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr (GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);
      GtkWidget *page;
      guint checked = 0, before = 0;

      kepil_i18n_init (langs[i]);
      /* A reload builds the page again (in the new language); a recompute only brings new figures. */
      kepil_window_reload (f->win);
      kepil_window_recompute (f->win);
      pump (f->win);
      page = gtk_widget_get_ancestor (find (f, "campaign-add"), KEPIL_TYPE_ENTERPRISE_PAGE);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (find (f, "enterprise_stats-add"))), !=,
                       "Add a year");
      expand_all (page);
      /* Rows open with an animation: wait (bounded) until the number of shown labels settles. */
      for (int round = 0; round < 100; round++)
        {
          pump (f->win);
          g_ptr_array_set_size (cut, 0);
          checked = 0;
          collect_cut (page, cut, &checked);
          if (checked == before && round > 5)
            break;
          before = checked;
        }
      g_test_message ("%s: %u labels checked with every row open", langs[i], checked);
      for (guint k = 0; k < cut->len; k++)
        g_test_message ("%s: cut label %s", langs[i], (const char *) g_ptr_array_index (cut, k));
      g_assert_cmpuint (checked, >, 100);
      g_assert_cmpuint (cut->len, ==, 0);
    }
  kepil_i18n_init (lang);
}

static void
scroll_to (Fixture *f, GtkWidget *w)
{
  GtkWidget *sw = gtk_widget_get_ancestor (w, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
  double x = 0, y = 0;
  /* Relative to the visible part (the viewport), so the present offset is added. */
  g_assert_true (gtk_widget_translate_coordinates (w, sw, 0, 0, &x, &y));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + y - 12);
  pump (f->win);
}

static void
shoot (Fixture *f, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("%s/%s-enterprise-%s.png", g_getenv ("KEPIL_SHOT_DIR"), lang, name);
  for (int i = 0; i < 100; i++)
    pump (f->win);
  g_assert_true (kepil_window_screenshot (f->win, file, &error));
  g_test_message ("wrote %s", file);
}

static void
popdown (GtkWidget *w)
{
  if (GTK_IS_POPOVER (w))
    gtk_popover_popdown (GTK_POPOVER (w));
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    popdown (c);
}

static void
test_screenshots (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) cs = kepil_entity_list (db_of (f), "campaign", "enterprise_id", f->enterprise, NULL);
  g_autoptr (GPtrArray) ms = NULL;
  gint64 cid, mid, sid = latest_year (f);
  GtkWidget *row;

  if (g_getenv ("KEPIL_SHOT_DIR") == NULL)
    {
      g_test_skip ("KEPIL_SHOT_DIR is not set");
      return;
    }
  cid = kepil_json_int (g_ptr_array_index (cs, 0), "id", 0);
  ms = kepil_entity_list (db_of (f), "commission_member", "campaign_id", cid, NULL);
  mid = kepil_json_int (g_ptr_array_index (ms, 0), "id", 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find (f, "campaign-%" G_GINT64_FORMAT, cid)), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find (f, "commission_member-%" G_GINT64_FORMAT, mid)), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find (f, "enterprise_stats-%" G_GINT64_FORMAT, sid)), TRUE);
  pump (f->win);
  row = find (f, "campaign-%" G_GINT64_FORMAT, cid);
  scroll_to (f, gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));
  shoot (f, "campaigns");
  scroll_to (f, gtk_widget_get_ancestor (find (f, "commission_member-%" G_GINT64_FORMAT, mid), ADW_TYPE_PREFERENCES_GROUP));
  shoot (f, "commission");
  /* The roles offered, in full. */
  scroll_to (f, find (f, "commission_member-%" G_GINT64_FORMAT, mid));
  gtk_widget_activate (find (f, "commission_member-%" G_GINT64_FORMAT "-role", mid));
  shoot (f, "roles");
  {
    /* The open drop-down is a surface of its own: only a picture of the whole screen shows it. */
    g_autofree char *file = g_strdup_printf ("%s/%s-enterprise-roles-screen.png", g_getenv ("KEPIL_SHOT_DIR"), lang);
    g_autofree char *cmd = g_strdup_printf ("import -window root '%s'", file);
    g_autofree char *import = g_find_program_in_path ("import");
    if (import != NULL && g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL))
      g_test_message ("wrote %s", file);
  }
  popdown (find (f, "commission_member-%" G_GINT64_FORMAT "-role", mid));
  pump (f->win);
  scroll_to (f, gtk_widget_get_ancestor (find (f, "enterprise_stats-add"), ADW_TYPE_PREFERENCES_GROUP));
  shoot (f, "statistics");
  /* A refused value, as the user sees it while typing there. */
  row = find (f, "enterprise_stats-%" G_GINT64_FORMAT "-accidents", sid);
  gtk_widget_grab_focus (row);
  apply_text (f, row, "0,5");
  shoot (f, "statistics-error");
  {
    gint64 psid = 0;
    g_assert_cmpint (workplace_with_stats (f, &psid), >, 0);
    row = find (f, "profession_stats-%" G_GINT64_FORMAT, psid);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    scroll_to (f, gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));
    shoot (f, "professions");
  }
}

int
main (int argc, char **argv)
{
  g_autofree char *cfg = g_dir_make_tmp ("kepil-cfg-XXXXXX", NULL);

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
      lang = argv[i + 1];
  g_setenv ("XDG_CONFIG_HOME", cfg, TRUE);
  kepil_i18n_init (lang);
  gtk_test_init (&argc, &argv, NULL);
  kepil_i18n_init (lang);
  adw_init ();
  g_test_add ("/enterprise/campaign-and-commission", Fixture, NULL, fixture_setup, test_campaign_and_commission,
              fixture_teardown);
  g_test_add ("/enterprise/statistics-p2", Fixture, NULL, fixture_setup, test_statistics, fixture_teardown);
  g_test_add ("/enterprise/profession-stats", Fixture, NULL, fixture_setup, test_profession_stats, fixture_teardown);
  g_test_add ("/enterprise/specialist-edits", Fixture, NULL, fixture_setup, test_specialist_edits, fixture_teardown);
  g_test_add ("/enterprise/inspector-reads-only", Fixture, "inspector", fixture_setup, test_inspector_reads_only,
              fixture_teardown);
  g_test_add ("/enterprise/labels-expanded", Fixture, NULL, fixture_setup, test_labels_expanded, fixture_teardown);
  g_test_add ("/enterprise/screenshots", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);
  return g_test_run ();
}
