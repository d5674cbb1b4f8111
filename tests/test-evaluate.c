/* test-evaluate.c — the whole evaluation on a crafted enterprise: inputs, П, costs, runs, what-if
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-test.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-evaluate.h"
#include "kepil-json.h"
#include "kepil-methodology.h"

#include <string.h>

/* Three workplaces whose R_ind follow from injury safety, PPE and morbidity alone
 * (no measurements, so В = 0 whatever the classification part says). */
static const char *dataset =
  "{\"enterprise\":[{\"key\":\"e\",\"name_ru\":\"Завод\",\"name_kk\":\"Зауыт\",\"average_wage\":293000,"
  "  \"milk_price\":400,\"lpp_ration_cost\":1500,\"shifts_per_year\":247}],"
  " \"unit\":[{\"key\":\"u1\",\"enterprise_id\":\"e\",\"name_ru\":\"Цех 1\",\"headcount\":30},"
  "          {\"key\":\"u2\",\"enterprise_id\":\"e\",\"name_ru\":\"Цех 2\",\"headcount\":10}],"
  " \"profession\":[{\"key\":\"p1\",\"name_ru\":\"Испытатель-один\"},{\"key\":\"p2\",\"name_ru\":\"Испытатель-два\"}],"
  " \"workplace\":["
  "  {\"key\":\"w1\",\"unit_id\":\"u1\",\"profession_id\":\"p1\",\"code\":\"01 001 001\",\"men\":8,\"women\":2,\"wage\":293000,"
  "   \"accidents_5y\":1,\"fatal_accidents_5y\":1},"
  "  {\"key\":\"w2\",\"unit_id\":\"u1\",\"profession_id\":\"p1\",\"code\":\"01 001 002\",\"men\":5},"
  "  {\"key\":\"w3\",\"unit_id\":\"u2\",\"profession_id\":\"p2\",\"code\":\"01 002 001\",\"women\":4,\"accidents_5y\":1}],"
  " \"safety_assessment\":[{\"workplace_id\":\"w2\",\"equipment\":\"станок\",\"compliant\":1}],"
  " \"ppe_provision\":[{\"workplace_id\":\"w2\",\"item\":\"респиратор\",\"required\":10,\"issued\":6,\"certified\":1}],"
  " \"profession_stats\":[{\"profession_id\":\"p2\",\"disease_cases_5y\":3,\"workers\":100}],"
  " \"enterprise_stats\":[{\"enterprise_id\":\"e\",\"year\":2022,\"average_headcount\":100,\"accidents\":9},"
  "                       {\"enterprise_id\":\"e\",\"year\":2023,\"average_headcount\":5000,\"accidents\":1}],"
  " \"checklist_answer\":["
  "  {\"enterprise_id\":\"e\",\"year\":2023,\"question\":1,\"answer\":1},{\"enterprise_id\":\"e\",\"year\":2023,\"question\":2,\"answer\":1},"
  "  {\"enterprise_id\":\"e\",\"year\":2023,\"question\":3,\"answer\":0},{\"enterprise_id\":\"e\",\"year\":2023,\"question\":4,\"answer\":1},"
  "  {\"enterprise_id\":\"e\",\"year\":2023,\"question\":5,\"answer\":1},{\"enterprise_id\":\"e\",\"year\":2023,\"question\":6,\"answer\":0},"
  "  {\"enterprise_id\":\"e\",\"year\":2023,\"question\":7,\"answer\":1},{\"enterprise_id\":\"e\",\"year\":2023,\"question\":8,\"answer\":1},"
  "  {\"enterprise_id\":\"e\",\"year\":2023,\"question\":9,\"answer\":1},{\"enterprise_id\":\"e\",\"year\":2023,\"question\":10,\"answer\":0},"
  "  {\"enterprise_id\":\"e\",\"year\":2023,\"question\":11,\"answer\":1},{\"enterprise_id\":\"e\",\"year\":2023,\"question\":12,\"answer\":1},"
  "  {\"enterprise_id\":\"e\",\"year\":2023,\"question\":13,\"answer\":1},{\"enterprise_id\":\"e\",\"year\":2023,\"question\":14,\"answer\":1},"
  "  {\"enterprise_id\":\"e\",\"year\":2023,\"question\":15,\"answer\":1}]}";

typedef struct { char *dir; KepilDb *db; } Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) p = json_parser_new ();

  f->dir = kepil_test_tmpdir ();
  f->db = kepil_test_new_db (f->dir, "e.kepil");
  g_assert_true (json_parser_load_from_data (p, dataset, -1, &error));
  g_assert_true (kepil_dataset_load (f->db, json_parser_get_root (p), &error));
  g_assert_no_error (error);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->db);
  kepil_test_rmrf (f->dir);
  g_free (f->dir);
}

static JsonObject *
wp_by_code (JsonObject *r, const char *code)
{
  JsonArray *a = json_object_get_array_member (r, "workplaces");
  for (guint i = 0; i < json_array_get_length (a); i++)
    if (g_str_equal (kepil_json_str (json_array_get_object_element (a, i), "code", ""), code))
      return json_array_get_object_element (a, i);
  g_assert_not_reached ();
  return NULL;
}

static JsonObject *
member (JsonObject *o, const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_assert_true (json_object_has_member (o, parts[i]));
      o = json_object_get_object_member (o, parts[i]);
    }
  return o;
}

static void
test_whole (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r = kepil_evaluate_database (f->db, NULL, NULL, FALSE, NULL, NULL, NULL, &error);
  JsonObject *w1, *w2, *w3, *e, *model;
  JsonArray *wps;

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_true (json_node_is_null (json_object_get_member (r, "run_id")));
  g_assert_cmpstr (kepil_json_str (member (r, "methodology"), "name", ""), ==, "KZ-RISK default");
  g_assert_cmpint (kepil_json_int (member (r, "methodology"), "version", 0), ==, 1);
  wps = json_object_get_array_member (r, "workplaces");
  g_assert_cmpuint (json_array_get_length (wps), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *w = json_array_get_object_element (wps, i);
      static const char *const needed[] = { "classes", "list", "inputs", "r_ind", "level", "package", "comparison",
                                            "flags", "costs", "headcount", "profession" };
      for (guint k = 0; k < G_N_ELEMENTS (needed); k++)
        g_assert_true (json_object_has_member (w, needed[k]));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (w, "comparison")), ==, 7);
      for (guint k = 0; k < 5; k++)
        g_assert_nonnull (kepil_json_str (member (w, "inputs"), (const char *[]) { "B", "T", "Ob", "PPE", "Z" }[k], NULL) ?
                          NULL : "ok");
    }
  w1 = wp_by_code (r, "01 001 001");
  w2 = wp_by_code (r, "01 001 002");
  w3 = wp_by_code (r, "01 002 001");
  g_assert_cmpint (kepil_json_int (member (w1, "inputs.T"), "score", -1), ==, 5);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (w1, "r_ind", 0), 1.75, 1e-9);
  g_assert_cmpstr (kepil_json_str (w1, "level", ""), ==, "very_high");
  g_assert_cmpint (kepil_json_int (member (w2, "inputs.PPE"), "score", -1), ==, 3);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (w2, "r_ind", 0), 0.3, 1e-9);
  g_assert_cmpint (kepil_json_int (member (w3, "inputs.T"), "score", -1), ==, 2);
  g_assert_cmpint (kepil_json_int (member (w3, "inputs.Z"), "score", -1), ==, 3);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (w3, "r_ind", 0), 1.0, 1e-9);
  g_assert_cmpstr (kepil_json_str (w3, "level", ""), ==, "high");
  g_assert_cmpint (kepil_json_int (w1, "headcount", 0), ==, 10);

  /* The package of w1 (very high risk, no harmful factor) and its cost by hand:
   * daily wage 293000/29.3 = 10000; 10 workers. */
  g_assert_cmpint (kepil_json_int (member (w1, "package.leave_days"), "value", -1), ==, 24);
  g_assert_cmpint (kepil_json_int (member (w1, "package.hours_per_week"), "value", -1), ==, 36);
  model = member (w1, "costs.model");
  g_assert_cmpfloat_with_epsilon (kepil_json_double (model, "leave", 0), 10 * 24 * 10000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (model, "pay", 0), 10 * 0.16 * 12 * 293000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (model, "oppv", 0), 10 * 0.05 * 12 * 293000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (model, "hours", 0), 10 * 12 * 293000.0 * 4 / 40, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (model, "total", 0),
                                  2400000.0 + 5625600.0 + 1758000.0 + 3516000.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (member (w1, "costs"), "difference", 0),
                                  kepil_json_double (model, "total", 0) -
                                  kepil_json_double (member (w1, "costs.list"), "total", 0), 1e-6);

  /* The enterprise: П1 weighted by unit headcounts 30 and 10. */
  e = json_array_get_object_element (json_object_get_array_member (r, "enterprises"), 0);
  {
    double u1 = (10 * 1.75 + 5 * 0.3) / 15, u2 = 1.0;
    g_assert_cmpfloat_with_epsilon (kepil_json_double (e, "p1", 0), (30 * u1 + 10 * u2) / 40, 1e-9);
  }
  /* П2 from 2023 only: Кч = 1000/5000 = 0.2 → 2; П3 = 5·3/15 = 1. */
  g_assert_cmpfloat_with_epsilon (kepil_json_double (e, "p2", 0), 2, 1e-9);
  g_assert_cmpint (kepil_json_int (member (e, "inputs.p2"), "year", 0), ==, 2023);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (e, "p3", 0), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (e, "p", 0), 1.2 + 2 + 1, 1e-9);
  g_assert_cmpstr (kepil_json_str (e, "level", ""), ==, "medium");
  g_assert_cmpint (kepil_json_int (e, "headcount", 0), ==, 19);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (e, "units")), ==, 2);
  g_assert_true (json_object_has_member (member (e, "costs"), "list"));
  g_assert_true (json_object_has_member (e, "headcounts"));
}

static JsonObject *
workplace_of (JsonObject *r, const char *code)
{
  return wp_by_code (r, code);
}

static char *
package_text (JsonObject *w)
{
  return kepil_json_object_to_string (json_object_get_object_member (w, "package"), FALSE);
}

static void
test_runs_reproduce (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r1 = kepil_evaluate_database (f->db, NULL, NULL, TRUE, NULL, NULL, NULL, &error);
  g_autoptr (JsonObject) edits = json_object_new ();
  g_autoptr (JsonObject) r2 = NULL;
  g_autoptr (JsonObject) stored = NULL;
  g_autoptr (JsonObject) again = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  gint64 run1;

  g_assert_no_error (error);
  run1 = kepil_json_int (r1, "run_id", 0);
  g_assert_cmpint (run1, >, 0);

  json_object_set_int_member (edits, "package.kinds.leave_days.very_high", 30);
  g_assert_true (kepil_methodology_copy (f->db, "KZ-RISK default", "Plant", edits, NULL, &error));
  g_assert_no_error (error);
  r2 = kepil_evaluate_database (f->db, NULL, "Plant", TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kepil_json_str (json_object_get_object_member (r2, "methodology"), "name", ""), ==, "Plant");
  g_assert_cmpint (kepil_json_int (json_object_get_object_member (workplace_of (r2, "01 001 001"), "package"), "x", 0), ==, 0);
  g_assert_cmpint (kepil_json_int (json_object_get_object_member (json_object_get_object_member (workplace_of (r2, "01 001 001"),
                                                                                               "package"), "leave_days"),
                                   "value", 0), ==, 30);
  g_assert_cmpfloat (kepil_json_double (json_object_get_object_member (workplace_of (r2, "01 001 001"), "costs"), "difference", 0),
                     >, kepil_json_double (json_object_get_object_member (workplace_of (r1, "01 001 001"), "costs"), "difference", 0));

  runs = kepil_evaluate_list_runs (f->db, &error);
  g_assert_cmpuint (runs->len, ==, 2);
  stored = kepil_evaluate_load_run (f->db, run1, &error);
  g_assert_no_error (error);
  again = kepil_evaluate_reproduce (f->db, run1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kepil_json_str (json_object_get_object_member (again, "methodology"), "name", ""), ==, "KZ-RISK default");
  for (guint i = 0; i < 3; i++)
    {
      const char *code = (const char *[]) { "01 001 001", "01 001 002", "01 002 001" }[i];
      JsonObject *a = workplace_of (r1, code), *b = workplace_of (stored, code), *c = workplace_of (again, code);
      g_autofree char *pa = package_text (a);
      g_autofree char *pb = package_text (b);
      g_autofree char *pc = package_text (c);
      g_assert_cmpfloat (kepil_json_double (a, "r_ind", -1), ==, kepil_json_double (b, "r_ind", -2));
      g_assert_cmpfloat (kepil_json_double (a, "r_ind", -1), ==, kepil_json_double (c, "r_ind", -2));
      g_assert_cmpstr (pa, ==, pb);
      g_assert_cmpstr (pa, ==, pc);
      g_assert_cmpfloat (kepil_json_double (json_object_get_object_member (a, "costs"), "difference", 1),
                         ==, kepil_json_double (json_object_get_object_member (c, "costs"), "difference", 2));
    }
}

static void
test_whatif (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 w2 = kepil_entity_find (f->db, "workplace", "code", "01 001 002", &error);
  gint64 w1 = kepil_entity_find (f->db, "workplace", "code", "01 001 001", &error);
  g_autoptr (JsonObject) c1 = json_object_new ();
  g_autoptr (JsonObject) c2 = json_object_new ();
  g_autoptr (JsonObject) c3 = json_object_new ();
  g_autoptr (JsonObject) bad = json_object_new ();
  g_autoptr (JsonObject) r1 = NULL;
  g_autoptr (JsonObject) r2 = NULL;
  g_autoptr (JsonObject) r3 = NULL;
  g_autoptr (GPtrArray) runs = NULL;

  json_object_set_double_member (c1, "ppe_pct", 100);
  r1 = kepil_whatif (f->db, w2, c1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kepil_json_int (json_object_get_object_member (json_object_get_object_member (r1, "inputs"), "PPE"),
                                   "score", -1), ==, 0);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (r1, "r_ind", -1), 0, 1e-12);

  json_object_set_double_member (c2, "B", 2);
  r2 = kepil_whatif (f->db, w2, c2, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (r2, "r_ind", -1), 1.0, 1e-9);
  g_assert_cmpstr (kepil_json_str (r2, "level", ""), ==, "high");
  g_assert_true (json_object_has_member (r2, "costs"));

  /* Answering question 3 "yes" takes one "no" off П3: 5·2/15. */
  json_object_set_int_member (c3, "checklist:3", 1);
  r3 = kepil_whatif (f->db, w1, c3, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (json_object_get_object_member (r3, "enterprise"), "p3", -1),
                                  5.0 * 2 / 15, 1e-9);

  json_object_set_double_member (bad, "Q", 1);
  g_assert_null (kepil_whatif (f->db, w1, bad, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing was saved. */
  runs = kepil_evaluate_list_runs (f->db, &error);
  g_assert_cmpuint (runs->len, ==, 0);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) c = g_cancellable_new ();
  g_autoptr (JsonObject) r = NULL;

  g_cancellable_cancel (c);
  r = kepil_evaluate_database (f->db, NULL, NULL, TRUE, c, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_CANCELLED);
}

static void
progress_cb (double fraction, gpointer user_data)
{
  double *last = user_data;
  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_progress (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  double last = 0;
  g_autoptr (JsonObject) r = kepil_evaluate_database (f->db, NULL, NULL, FALSE, NULL, progress_cb, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
}

/* The demo plant, when the demo data is there: every workplace gets the three columns. */
static void
test_demo (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "demo.kepil");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r = NULL;
  JsonArray *wps;

  g_assert_true (kepil_demo_load (db, &error));
  g_assert_no_error (error);
  r = kepil_evaluate_database (db, NULL, NULL, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  wps = json_object_get_array_member (r, "workplaces");
  if (json_array_get_length (wps) == 0)
    {
      g_test_skip ("the demo dataset has no workplaces yet");
      kepil_test_rmrf (dir);
      return;
    }
  for (guint i = 0; i < json_array_get_length (wps); i++)
    {
      JsonObject *w = json_array_get_object_element (wps, i);
      g_assert_true (json_object_has_member (w, "list"));
      g_assert_true (json_object_has_member (w, "classes"));
      g_assert_true (json_object_has_member (w, "package"));
      g_assert_true (json_object_has_member (w, "flags"));
      g_assert_true (json_object_has_member (json_object_get_object_member (w, "costs"), "model"));
    }
  g_assert_true (json_object_has_member (json_array_get_object_element (json_object_get_array_member (r, "enterprises"), 0), "p"));
  kepil_test_rmrf (dir);
}

int
main (int argc, char **argv)
{
  kepil_test_init (&argc, &argv);
  g_test_add ("/evaluate/whole", Fixture, NULL, setup, test_whole, teardown);
  g_test_add ("/evaluate/runs-reproduce", Fixture, NULL, setup, test_runs_reproduce, teardown);
  g_test_add ("/evaluate/whatif", Fixture, NULL, setup, test_whatif, teardown);
  g_test_add ("/evaluate/cancel", Fixture, NULL, setup, test_cancel, teardown);
  g_test_add ("/evaluate/progress", Fixture, NULL, setup, test_progress, teardown);
  g_test_add_func ("/evaluate/demo", test_demo);
  return g_test_run ();
}
