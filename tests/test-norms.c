/* test-norms.c — every bound of every shipped norm row, CSV loading, versions that reproduce
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cases are generated from the shipped data itself: for each row and each bound, the value at
 * the bound and just beyond it must classify as the row's table says.  The expected class is worked
 * out here from the row's columns, independently of the classifier.
 */
#include "kepil-test.h"
#include "kepil-classify.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-norms.h"

#include <math.h>
#include <string.h>

/* The class a row's table gives to quantity @q, read straight from its columns. */
static int
expected_rank (const KepilNormRow *r, double q)
{
  static const int ranks[KEPIL_NORM_BOUNDS] = { 10, 20, 31, 32, 33, 34 };
  for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
    {
      if (!r->has[b])
        continue;
      if (!r->down && (r->exclusive[b] ? q < r->bound[b] : q <= r->bound[b]))
        return ranks[b];
      if (r->down && (r->exclusive[b] ? q > r->bound[b] : q >= r->bound[b]))
        return ranks[b];
    }
  return r->top;
}

/* All rows that apply together with @r (same factor, subgroup, agent, sex): the worst counts. */
static int
expected_for (KepilNormSet *set, const KepilNormRow *r, double q)
{
  GPtrArray *rows = kepil_norm_set_rows_of (set, r->factor);
  int worst = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      KepilNormRow *o = g_ptr_array_index (rows, i);
      if (g_str_equal (o->subgroup, r->subgroup) && g_str_equal (o->agent, r->agent) && g_str_equal (o->sex, r->sex))
        worst = MAX (worst, expected_rank (o, q));
    }
  return worst;
}

static int
run_case (KepilNormSet *set, const KepilNormRow *r, double q, GError **error)
{
  g_autofree char *spec = g_strdup_printf ("%s@%d", set->name, set->version);
  g_autoptr (JsonObject) o = NULL;
  gboolean labour = g_str_equal (r->factor, "heaviness") || g_str_equal (r->factor, "intensity");
  double value = q, norm = NAN;

  if (r->basis == KEPIL_BASIS_RATIO)
    {
      norm = 10.0;
      value = q * 10.0;
    }
  else if (r->basis == KEPIL_BASIS_EXCESS_DB)
    {
      norm = 80.0;
      value = 80.0 + q;
    }
  o = kepil_classify_value_full (NULL, spec, r->factor, labour ? "" : r->subgroup, labour ? r->agent : NULL,
                                 labour ? NULL : r->agent, *r->sex ? r->sex : NULL, value, norm, r->unit, error);
  if (o == NULL)
    return -1;
  return (int) json_object_get_int_member (o, "rank");
}

static void
test_every_bound (void)
{
  const char *sets[] = { "KZ-2000", "RU-817n" };
  int cases = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      g_autoptr (GError) error = NULL;
      KepilNormSet *set = kepil_norms_get (NULL, sets[s], &error);
      g_assert_no_error (error);
      g_assert_nonnull (set);
      g_assert_cmpuint (set->rows->len, >, 0);
      for (guint i = 0; i < set->rows->len; i++)
        {
          KepilNormRow *r = g_ptr_array_index (set->rows, i);
          g_assert_true (g_str_equal (r->status, "V1") || g_str_equal (r->status, "V2") || g_str_equal (r->status, "V3") ||
                         g_str_equal (r->status, "UNVERIFIED"));
          g_assert_cmpstr (r->source, !=, "");
          for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
            {
              double at, beyond, eps;
              int got;
              if (!r->has[b])
                continue;
              at = r->bound[b];
              eps = MAX (fabs (at) * 1e-6, 1e-6);
              beyond = r->down ? at - eps : at + eps;
              got = run_case (set, r, at, &error);
              g_assert_no_error (error);
              if (got != expected_for (set, r, at))
                g_error ("%s %s/%s/%s/%s at bound %g: got %d, the table says %d", sets[s], r->factor, r->subgroup, r->agent,
                         r->sex, at, got, expected_for (set, r, at));
              cases++;
              if (r->basis == KEPIL_BASIS_GRADE)
                continue;
              got = run_case (set, r, beyond, &error);
              if (expected_for (set, r, beyond) == 0)
                {
                  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
                  g_clear_error (&error);
                  continue;
                }
              if (error != NULL && r->down && beyond < 0)
                {
                  /* A negative value below the last bound is refused as such. */
                  g_clear_error (&error);
                  continue;
                }
              g_assert_no_error (error);
              if (got != expected_for (set, r, beyond))
                g_error ("%s %s/%s/%s/%s just beyond bound %g: got %d, the table says %d", sets[s], r->factor, r->subgroup,
                         r->agent, r->sex, at, got, expected_for (set, r, beyond));
              cases++;
            }
        }
    }
  g_test_message ("%d bound cases", cases);
  g_assert_cmpint (cases, >, 300);
}

/* A worse value never gives a better class. */
static void
test_monotonic (void)
{
  g_autoptr (GError) error = NULL;
  KepilNormSet *set = kepil_norms_get (NULL, "KZ-2000", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < set->rows->len; i++)
    {
      KepilNormRow *r = g_ptr_array_index (set->rows, i);
      double lo = INFINITY, hi = -INFINITY;
      int prev = -1;
      int same = 0;
      GPtrArray *sib = kepil_norm_set_rows_of (set, r->factor);
      /* Two-sided indicators (too cold and too warm, too dry and too humid) are two rows: each side is
       * monotonic, their combination is not, and every-bound covers it. */
      for (guint j = 0; j < sib->len; j++)
        {
          KepilNormRow *o = g_ptr_array_index (sib, j);
          same += g_str_equal (o->subgroup, r->subgroup) && g_str_equal (o->agent, r->agent) && g_str_equal (o->sex, r->sex);
        }
      if (r->basis == KEPIL_BASIS_GRADE || same > 1)
        continue;
      for (int b = 0; b < KEPIL_NORM_BOUNDS; b++)
        if (r->has[b])
          {
            lo = MIN (lo, r->bound[b]);
            hi = MAX (hi, r->bound[b]);
          }
      lo = MAX (r->basis == KEPIL_BASIS_EXCESS_DB ? -20 : 0, lo - (hi - lo) * 0.5 - 1);
      if (g_str_equal (r->factor, "microclimate"))
        lo = lo - 5;
      hi = hi + (hi - lo) * 0.5 + 1;
      for (int k = 0; k <= 200; k++)
        {
          /* Walk from the best value to the worst. */
          double q = r->down ? hi - (hi - lo) * k / 200.0 : lo + (hi - lo) * k / 200.0;
          int got = run_case (set, r, q, &error);
          if (error != NULL)
            {
              g_clear_error (&error);
              continue;
            }
          if (prev > 0 && got < prev)
            g_error ("%s/%s/%s: value %g gives %d after a better value gave %d", r->factor, r->subgroup, r->agent, q, got,
                     prev);
          prev = got;
        }
    }
}

static void
test_csv_and_versions (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "n.kepil");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) before = NULL, after = NULL, again = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = g_build_filename (dir, "mine.csv", NULL);
  g_autofree char *name = NULL;
  int v, version;

  /* Shipped sets arrive on first use. */
  g_assert_true (kepil_norms_resolve (db, "KZ-2000", &name, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "KZ-2000");
  g_assert_cmpint (version, ==, 1);

  before = kepil_classify_value (db, "KZ-2000", "noise", NULL, NULL, 84, 80, "dBA", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (before, "class"), ==, "3.1");

  /* A user's CSV in the columns of factor-classes.csv, with a stricter noise row. */
  g_assert_true (g_file_set_contents (path,
    "norm_set,factor,subgroup,unit,basis,direction,c2,c3_1,c3_2,c3_3,c3_4,top,status,source\n"
    "KZ-2000,noise,equivalent level,dBA,excess_db,up,0,2,10,20,30,4,UNVERIFIED,lab test\n", -1, NULL));
  v = kepil_norms_load_csv (db, path, "KZ-2000", NULL, "KZ-2000@1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (v, ==, 2);
  after = kepil_classify_value (db, "KZ-2000", "noise", NULL, NULL, 84, 80, "dBA", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (after, "class"), ==, "3.2");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (after, "explanation"), "norm_set_version"), ==, 2);
  /* The old version reproduces exactly. */
  again = kepil_classify_value (db, "KZ-2000@1", "noise", NULL, NULL, 84, 80, "dBA", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (again, "class"), ==, "3.1");
  /* Rows the file leaves out come from the parent. */
  {
    g_autoptr (JsonObject) c = kepil_classify_value (db, "KZ-2000@2", "chemical", "hazard-1-2", NULL, 2.5, 1, "mg/m3", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (c, "class"), ==, "3.1");
  }

  /* A copy is a new set; an unused copy can change, a used one cannot. */
  v = kepil_norms_copy (db, "KZ-2000@1", "MY-LAB", &error);
  g_assert_no_error (error);
  g_assert_cmpint (v, ==, 1);
  {
    g_autoptr (JsonObject) ch = json_object_new ();
    KepilNormSet *my = kepil_norms_get (db, "MY-LAB", &error);
    int seq = 0;
    for (guint i = 0; i < my->rows->len; i++)
      {
        KepilNormRow *r = g_ptr_array_index (my->rows, i);
        if (g_str_equal (r->factor, "noise"))
          seq = r->seq;
      }
    g_assert_cmpint (seq, >, 0);
    json_object_set_double_member (ch, "c3_1", 1);
    g_assert_true (kepil_norms_update_row (db, "MY-LAB@1", seq, ch, &error));
    g_assert_no_error (error);
    {
      g_autoptr (JsonObject) c = kepil_classify_value (db, "MY-LAB", "noise", NULL, NULL, 84, 80, "dBA", &error);
      g_assert_cmpstr (json_object_get_string_member (c, "class"), ==, "3.2");
    }
    my = kepil_norms_get (db, "MY-LAB", &error);
    kepil_norms_mark_used (db, my);
    g_assert_false (kepil_norms_update_row (db, "MY-LAB@1", seq, ch, &error));
    g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_CONSTRAINT);
    g_clear_error (&error);
  }
  /* Shipped versions never change. */
  {
    g_autoptr (JsonObject) ch = json_object_new ();
    json_object_set_double_member (ch, "c2", 5);
    g_assert_false (kepil_norms_update_row (db, "KZ-2000@1", 1, ch, &error));
    g_clear_error (&error);
  }

  /* Bad CSV: the line and the column are named. */
  g_assert_true (g_file_set_contents (path,
    "norm_set,factor,subgroup,unit,basis,direction,c2,c3_1,c3_2,c3_3,c3_4,top,status,source\n"
    "X,noise,,dBA,excess_db,up,0,abc,10,20,30,4,UNVERIFIED,x\n", -1, NULL));
  g_assert_cmpint (kepil_norms_load_csv (db, path, "BAD", NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (strstr (error->message, "c3_1"));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path,
    "norm_set,factor,subgroup,unit,basis,direction,c2,c3_1,c3_2,c3_3,c3_4,top,status,source\n"
    "X,noise,,dBA,excess_db,up,0,10,5,20,30,4,UNVERIFIED,x\n", -1, NULL));
  g_assert_cmpint (kepil_norms_load_csv (db, path, "BAD", NULL, NULL, &error), ==, 0);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);

  /* The loadable CSV of a set loads back to the same classes. */
  csv = kepil_norms_to_csv (db, "RU-817n", &error);
  g_assert_no_error (error);
  v = kepil_norms_load_csv_text (db, csv, "ru.csv", "RU-COPY", NULL, "", &error);
  g_assert_no_error (error);
  {
    g_autoptr (JsonObject) c = kepil_classify_value (db, "RU-COPY", "vibration_general", "xy", NULL, 118.5, NAN, "dB", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (c, "class"), ==, "3.2");
  }
  kepil_test_rmrf (dir);
}

static void
test_substances (void)
{
  const char *keys[] = { "p2o5", "phosphine", "white-phosphorus", "manganese", "iron-oxides", "dust-sio2-70-20",
                         "dust-sio2-below-20", "abrasive-dust" };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const KepilSubstance *s = kepil_norms_substance (NULL, keys[i]);
      g_assert_nonnull (s);
      g_assert_true (!isnan (s->pdk_max) || !isnan (s->pdk_mean));
      g_assert_cmpint (s->hazard_class, >=, 1);
      g_assert_cmpint (s->hazard_class, <=, 4);
      g_assert_cmpstr (s->source, !=, "");
    }
  g_assert_nonnull (kepil_norms_substance (NULL, "PH3"));
  g_assert_null (kepil_norms_substance (NULL, "unobtainium"));
}

int
main (int argc, char **argv)
{
  kepil_test_init (&argc, &argv);
  g_test_add_func ("/norms/every-bound", test_every_bound);
  g_test_add_func ("/norms/monotonic", test_monotonic);
  g_test_add_func ("/norms/csv-and-versions", test_csv_and_versions);
  g_test_add_func ("/norms/substances", test_substances);
  return g_test_run ();
}
