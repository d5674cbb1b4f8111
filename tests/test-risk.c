/* test-risk.c — the risk model's arithmetic, the methodology data, flags and costs
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-test.h"
#include "kepil-compare.h"
#include "kepil-error.h"
#include "kepil-json.h"
#include "kepil-methodology.h"
#include "kepil-risk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static JsonObject *
J (const char *text)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  g_autoptr (GError) error = NULL;
  json_parser_load_from_data (p, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (p)));
}

static KepilMethodology *
default_m (void)
{
  g_autoptr (GError) error = NULL;
  KepilMethodology *m = kepil_methodology_load (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

/* The worked examples of methodology-default.md §1. */
static void
test_worked_examples (void)
{
  const struct { double B, T, Ob, PPE, Z, r; const char *level; } cases[] = {
    { 2, 0, 0, 0, 0, 0.70, "medium" },
    { 1, 0, 0, 0, 0, 0.35, "low" },
    { 3, 0, 0, 0, 0, 1.05, "high" },
    { 5, 0, 0, 0, 0, 1.75, "very_high" },
    { 2, 3, 0, 0, 0, 1.75, "very_high" },
    { 2, 0, 0, 3, 0, 1.00, "high" },
    { 0, 0, 0, 0, 5, 0.50, "medium" },
    { 0, 0, 0, 0, 4, 0.40, "low" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) r = kepil_risk_compute (NULL, NULL, cases[i].B, cases[i].T, cases[i].Ob, cases[i].PPE,
                                                     cases[i].Z, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "r_ind"), cases[i].r, 1e-9);
      g_assert_cmpstr (kepil_json_str (r, "level", ""), ==, cases[i].level);
    }
}

static void
test_levels_tolerance (void)
{
  g_autoptr (KepilMethodology) m = default_m ();
  g_assert_cmpstr (kepil_risk_level (m, 0.5 - 1e-12), ==, "medium");
  g_assert_cmpstr (kepil_risk_level (m, 0.4999), ==, "low");
  g_assert_cmpstr (kepil_risk_level (m, 0.7 * 5 / 2), ==, "very_high");
  g_assert_cmpstr (kepil_risk_level (m, 1.7499), ==, "high");
  g_assert_cmpstr (kepil_risk_level (m, 0), ==, "low");
  g_assert_cmpstr (kepil_risk_enterprise_level (m, 2.99), ==, "low");
  g_assert_cmpstr (kepil_risk_enterprise_level (m, 3), ==, "medium");
  g_assert_cmpstr (kepil_risk_enterprise_level (m, 9), ==, "very_high");
}

static void
test_negative_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) r = kepil_risk_compute (NULL, NULL, -1, 0, 0, 0, 0, &error);
  g_assert_null (r);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
}

static gint64
score (JsonObject *o)
{
  gint64 s = kepil_json_int (o, "score", -1);
  g_assert_nonnull (kepil_json_str (o, "how", NULL));
  json_object_unref (o);
  return s;
}

static void
test_inputs (void)
{
  g_autoptr (KepilMethodology) m = default_m ();

  g_assert_cmpint (score (kepil_risk_input_B (m, "2")), ==, 0);
  g_assert_cmpint (score (kepil_risk_input_B (m, "3.1")), ==, 1);
  g_assert_cmpint (score (kepil_risk_input_B (m, "3.4")), ==, 4);
  g_assert_cmpint (score (kepil_risk_input_B (m, "4")), ==, 5);
  g_assert_cmpint (score (kepil_risk_input_B (m, NULL)), ==, 0);

  g_assert_cmpint (score (kepil_risk_input_T (m, 3, 0, 0, 0, 0, 0)), ==, 0);
  g_assert_cmpint (score (kepil_risk_input_T (m, 3, 0, 0, 1, 0, 0)), ==, 2);
  g_assert_cmpint (score (kepil_risk_input_T (m, 3, 1, 0, 0, 0, 0)), ==, 3);
  g_assert_cmpint (score (kepil_risk_input_T (m, 3, 1, 0, 2, 0, 0)), ==, 4);
  g_assert_cmpint (score (kepil_risk_input_T (m, 3, 0, 0, 1, 1, 0)), ==, 4);
  g_assert_cmpint (score (kepil_risk_input_T (m, 3, 1, 1, 0, 0, 0)), ==, 5);
  g_assert_cmpint (score (kepil_risk_input_T (m, 3, 0, 0, 1, 0, 1)), ==, 5);

  g_assert_cmpint (score (kepil_risk_input_Ob (m, 0, 0)), ==, 0);
  g_assert_cmpint (score (kepil_risk_input_Ob (m, 10, 0)), ==, 0);
  g_assert_cmpint (score (kepil_risk_input_Ob (m, 10, 1)), ==, 1);     /* 10 % */
  g_assert_cmpint (score (kepil_risk_input_Ob (m, 9, 1)), ==, 2);      /* 11.1 % */
  g_assert_cmpint (score (kepil_risk_input_Ob (m, 4, 2)), ==, 3);      /* 50 % */
  g_assert_cmpint (score (kepil_risk_input_Ob (m, 4, 3)), ==, 4);      /* 75 % */
  g_assert_cmpint (score (kepil_risk_input_Ob (m, 5, 4)), ==, 5);      /* 80 % */

  g_assert_cmpint (score (kepil_risk_input_PPE (m, 0, 0)), ==, 0);
  g_assert_cmpint (score (kepil_risk_input_PPE (m, 10, 10)), ==, 0);
  g_assert_cmpint (score (kepil_risk_input_PPE (m, 10, 9)), ==, 1);
  g_assert_cmpint (score (kepil_risk_input_PPE (m, 100, 89)), ==, 2);
  g_assert_cmpint (score (kepil_risk_input_PPE (m, 10, 6)), ==, 3);
  g_assert_cmpint (score (kepil_risk_input_PPE (m, 4, 1)), ==, 4);
  g_assert_cmpint (score (kepil_risk_input_PPE (m, 5, 1)), ==, 5);
  g_assert_cmpint (score (kepil_risk_input_PPE_pct (m, 100)), ==, 0);
  g_assert_cmpint (score (kepil_risk_input_PPE_pct (m, 60)), ==, 3);

  g_assert_cmpint (score (kepil_risk_input_Z (m, 0, 0)), ==, 0);
  g_assert_cmpint (score (kepil_risk_input_Z (m, 0, 50)), ==, 0);
  g_assert_cmpint (score (kepil_risk_input_Z (m, 1, 100)), ==, 1);
  g_assert_cmpint (score (kepil_risk_input_Z (m, 1, 50)), ==, 2);
  g_assert_cmpint (score (kepil_risk_input_Z (m, 3, 100)), ==, 3);
  g_assert_cmpint (score (kepil_risk_input_Z (m, 10, 100)), ==, 4);
  g_assert_cmpint (score (kepil_risk_input_Z (m, 11, 100)), ==, 5);
}

static void
test_p1_weighting (void)
{
  const double r[] = { 2.0, 0.0, 1.0 };
  const double h[] = { 30, 10, 0 };
  const double r2[] = { 0.7, 1.4 };
  const double h2[] = { 100, 300 };

  /* 2·30/40 + 0·10/40: the larger unit weighs more than in a plain mean (1.0). */
  g_assert_cmpfloat_with_epsilon (kepil_risk_p1 (r, h, 3), 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (kepil_risk_p1 (r2, h2, 2), (0.7 * 100 + 1.4 * 300) / 400, 1e-12);
  g_assert_cmpfloat_with_epsilon (kepil_risk_p1 (r, (const double[]) { 0, 0, 0 }, 3), 0, 1e-12);
}

static void
test_p2_p3 (void)
{
  g_autoptr (KepilMethodology) m = default_m ();
  int answers[15];

  /* Кч = 1·1000/5000 = 0.2 → 2; Кпз = 0. */
  g_assert_cmpint (score (kepil_risk_p2 (m, TRUE, 2023, 5000, 1, 0, 0)), ==, 2);
  /* Кпз = 4·1000/5000 = 0.8 → 4 wins. */
  g_assert_cmpint (score (kepil_risk_p2 (m, TRUE, 2023, 5000, 1, 0, 4)), ==, 4);
  /* A fatal accident lifts 1 to 4; near miss without it stays 1. */
  g_assert_cmpint (score (kepil_risk_p2 (m, TRUE, 2023, 10000, 1, 1, 0)), ==, 4);
  g_assert_cmpint (score (kepil_risk_p2 (m, TRUE, 2023, 10000, 1, 0, 0)), ==, 1);
  g_assert_cmpint (score (kepil_risk_p2 (m, TRUE, 2023, 100, 2, 0, 0)), ==, 5);
  g_assert_cmpint (score (kepil_risk_p2 (m, FALSE, 0, 0, 0, 0, 0)), ==, 0);

  for (int i = 0; i < 15; i++)
    answers[i] = 1;
  answers[2] = answers[5] = answers[9] = 0;
  {
    g_autoptr (JsonObject) o = kepil_risk_p3 (m, 2023, answers);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "score"), 1.0, 1e-12);
    g_assert_cmpint (kepil_json_int (o, "no", 0), ==, 3);
  }
  answers[14] = -1;  /* unanswered counts as "no" in the default */
  {
    g_autoptr (JsonObject) o = kepil_risk_p3 (m, 2023, answers);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "score"), 5.0 * 4 / 15, 1e-12);
  }
}

static JsonObject *
kind (JsonObject *pkg, const char *k)
{
  return json_object_get_object_member (pkg, k);
}

static void
test_package (void)
{
  g_autoptr (KepilMethodology) m = default_m ();
  g_autoptr (JsonObject) f1 = J ("{\"factors\":[{\"factor\":\"chemical\",\"group\":\"chemical\",\"class\":\"3.3\",\"rank\":33}]}");
  g_autoptr (JsonObject) f2 = J ("{\"factors\":[{\"factor\":\"chemical\",\"group\":\"chemical\",\"class\":\"3.1\",\"rank\":31}]}");
  g_autoptr (JsonObject) f3 = J ("{\"factors\":[{\"factor\":\"noise\",\"group\":\"physical\",\"class\":\"3.2\",\"rank\":32}]}");
  g_autoptr (JsonObject) f4 = J ("{\"factors\":[{\"factor\":\"lighting\",\"group\":\"physical\",\"class\":\"2\",\"rank\":20}]}");
  JsonArray *a1 = json_object_get_array_member (f1, "factors");
  JsonArray *a2 = json_object_get_array_member (f2, "factors");
  JsonArray *a3 = json_object_get_array_member (f3, "factors");
  JsonArray *a4 = json_object_get_array_member (f4, "factors");

  {
    g_autoptr (JsonObject) p = kepil_risk_package (m, "high", a1, 1.0, "4А");
    g_assert_cmpint (kepil_json_int (kind (p, "leave_days"), "value", -1), ==, 12);
    g_assert_cmpint (kepil_json_int (kind (p, "hours_per_week"), "value", -1), ==, 36);
    g_assert_cmpfloat (kepil_json_double (kind (p, "pay_percent"), "value", -1), ==, 12);
    g_assert_true (json_object_get_boolean_member (kind (p, "lpp"), "value"));
    g_assert_cmpstr (kepil_json_str (kind (p, "lpp"), "ration", ""), ==, "4А");
    /* ЛПП excludes milk. */
    g_assert_false (json_object_get_boolean_member (kind (p, "milk"), "value"));
    g_assert_true (json_object_get_boolean_member (kind (p, "oppv"), "value"));
    g_assert_false (json_object_get_boolean_member (kind (p, "early_pension"), "value"));
  }
  {
    /* Near miss: chemical 3.1 at high risk: no ЛПП, so milk, and the normal week. */
    g_autoptr (JsonObject) p = kepil_risk_package (m, "high", a2, 1.0, NULL);
    g_assert_false (json_object_get_boolean_member (kind (p, "lpp"), "value"));
    g_assert_true (json_object_get_boolean_member (kind (p, "milk"), "value"));
    g_assert_cmpfloat (kepil_json_double (kind (p, "milk"), "litres_per_shift", 0), ==, 0.5);
    g_assert_cmpint (kepil_json_int (kind (p, "hours_per_week"), "value", -1), ==, 40);
  }
  {
    g_autoptr (JsonObject) p = kepil_risk_package (m, "medium", a3, 1.8, NULL);
    g_assert_cmpint (kepil_json_int (kind (p, "leave_days"), "value", -1), ==, 6);
    g_assert_cmpfloat_with_epsilon (kepil_json_double (kind (p, "pay_percent"), "value", -1), 8 * 1.8, 1e-9);
    g_assert_false (json_object_get_boolean_member (kind (p, "milk"), "value"));
    g_assert_false (json_object_get_boolean_member (kind (p, "oppv"), "value"));
  }
  {
    g_autoptr (JsonObject) p = kepil_risk_package (m, "low", a3, 1.0, NULL);
    g_assert_cmpfloat (kepil_json_double (kind (p, "pay_percent"), "value", -1), ==, 4);
    g_assert_true (json_object_get_boolean_member (kind (p, "medical"), "value"));
    g_assert_cmpint (kepil_json_int (kind (p, "leave_days"), "value", -1), ==, 0);
  }
  {
    g_autoptr (JsonObject) p = kepil_risk_package (m, "low", a4, 1.0, NULL);
    g_assert_cmpfloat (kepil_json_double (kind (p, "pay_percent"), "value", -1), ==, 0);
    g_assert_false (json_object_get_boolean_member (kind (p, "medical"), "value"));
    g_assert_true (json_object_get_boolean_member (kind (p, "ppe"), "value"));
  }
  {
    g_autoptr (JsonObject) p = kepil_risk_package (m, "very_high", a3, 1.0, NULL);
    g_assert_cmpint (kepil_json_int (kind (p, "leave_days"), "value", -1), ==, 24);
    g_assert_cmpint (kepil_json_int (kind (p, "hours_per_week"), "value", -1), ==, 36);
    g_assert_true (json_object_get_boolean_member (kind (p, "early_pension"), "value"));
  }
}

/* ---- flags: each triggered by a crafted case and not by its near miss ---- */

static gboolean
has_flag (JsonArray *flags, const char *code)
{
  for (guint i = 0; i < json_array_get_length (flags); i++)
    if (g_strcmp0 (kepil_json_str (json_array_get_object_element (flags, i), "code", NULL), code) == 0)
      return TRUE;
  return FALSE;
}

/* The flags of a workplace given its List object, its classes and the model level. */
static JsonArray *
flags_of (const KepilMethodology *m, const char *list_text, const char *classes_text, const char *level)
{
  g_autoptr (JsonObject) list = list_text ? J (list_text) : NULL;
  g_autoptr (JsonObject) classes = classes_text ? J (classes_text) : NULL;
  JsonArray *factors = classes && json_object_has_member (classes, "factors")
                       ? json_object_get_array_member (classes, "factors") : NULL;
  g_autoptr (JsonObject) pkg = kepil_risk_package (m, level, factors, 1.0, NULL);
  g_autoptr (JsonArray) rows = NULL;
  KepilGuarantees lg, mg;

  kepil_guarantees_from_list (list, m->normal_hours, &lg);
  kepil_guarantees_from_package (pkg, m->normal_hours, &mg);
  rows = kepil_compare_rows (list, classes, pkg, &lg, &mg, m->normal_hours);
  g_assert_cmpuint (json_array_get_length (rows), ==, 7);
  return kepil_compare_flags (m, list, classes, rows, &lg);
}

#define LIST(status, grants) "{\"attestation\":{\"status\":\"" status "\",\"valid_until\":\"2025-01-20\"},\"grants\":{" grants "}}"
#define LEAVE12 "\"leave_days\":{\"value\":12,\"rule\":\"confirmed\"}"
#define NOTHING "\"leave_days\":{\"value\":0,\"rule\":\"none\"},\"hours_per_week\":{\"value\":40,\"rule\":\"none\"}"
#define CLS(o, r, f) "{\"overall\":\"" o "\",\"overall_rank\":" r ",\"factors\":[" f "]}"
#define F(g, c, r) "{\"factor\":\"" g "\",\"group\":\"" g "\",\"class\":\"" c "\",\"rank\":" r "}"

static void
test_flags (void)
{
  g_autoptr (KepilMethodology) m = default_m ();
  JsonArray *f;

#define CHECK(list, cls, level, code, expected) \
  f = flags_of (m, list, cls, level); \
  g_assert_true (has_flag (f, code) == expected); \
  json_array_unref (f);

  CHECK (LIST ("none", LEAVE12), CLS ("3.1", "31", F ("dust", "3.1", "31")), "low", "no_attestation", TRUE);
  CHECK (LIST ("valid", LEAVE12), CLS ("3.1", "31", F ("dust", "3.1", "31")), "low", "no_attestation", FALSE);
  CHECK (LIST ("expired", LEAVE12), CLS ("3.1", "31", F ("dust", "3.1", "31")), "low", "attestation_expired", TRUE);
  CHECK (LIST ("valid", LEAVE12), CLS ("3.1", "31", F ("dust", "3.1", "31")), "low", "attestation_expired", FALSE);

  /* List right without confirmed harm: class 2 with 12 days; near miss 3.1. */
  CHECK (LIST ("valid", LEAVE12), CLS ("2", "20", F ("noise", "2", "20")), "low", "list_without_harm", TRUE);
  CHECK (LIST ("valid", LEAVE12), CLS ("3.1", "31", F ("noise", "3.1", "31")), "low", "list_without_harm", FALSE);
  /* Harm without a List entry: 3.2 and nothing granted; near miss: 12 days granted. */
  CHECK (LIST ("valid", NOTHING), CLS ("3.2", "32", F ("dust", "3.2", "32")), "medium", "harm_without_list", TRUE);
  CHECK (LIST ("valid", LEAVE12), CLS ("3.2", "32", F ("dust", "3.2", "32")), "medium", "harm_without_list", FALSE);
  /* Stacked: three kinds on one harmful factor; near miss: two kinds. */
  CHECK (LIST ("valid", LEAVE12 ",\"pay_percent\":{\"value\":10},\"oppv\":{\"value\":true}"),
         CLS ("3.1", "31", F ("noise", "3.1", "31")), "low", "stacked_guarantees", TRUE);
  CHECK (LIST ("valid", LEAVE12 ",\"pay_percent\":{\"value\":10}"),
         CLS ("3.1", "31", F ("noise", "3.1", "31")), "low", "stacked_guarantees", FALSE);
  /* Milk and ЛПП together; near miss ЛПП alone. */
  CHECK (LIST ("valid", "\"milk\":{\"value\":true,\"litres_per_shift\":0.5},\"lpp\":{\"value\":true,\"ration\":\"4А\"}"),
         CLS ("3.3", "33", F ("chemical", "3.3", "33")), "high", "milk_and_lpp", TRUE);
  CHECK (LIST ("valid", "\"milk\":{\"value\":false},\"lpp\":{\"value\":true,\"ration\":\"4А\"}"),
         CLS ("3.3", "33", F ("chemical", "3.3", "33")), "high", "milk_and_lpp", FALSE);
  /* Model above the List: medium risk gives 6 days where the List gives none; near miss: the List gives 6. */
  CHECK (LIST ("valid", NOTHING), CLS ("3.2", "32", F ("dust", "3.2", "32")), "medium", "model_above_list", TRUE);
  CHECK (LIST ("valid", "\"leave_days\":{\"value\":6},\"pay_percent\":{\"value\":8}"),
         CLS ("3.2", "32", F ("dust", "3.2", "32")), "medium", "model_above_list", FALSE);
  /* Model below the List: 12 days where the model gives 6; near miss: 6 and 6. */
  CHECK (LIST ("valid", LEAVE12 ",\"pay_percent\":{\"value\":8}"), CLS ("3.2", "32", F ("dust", "3.2", "32")), "medium",
         "model_below_list", TRUE);
  CHECK (LIST ("valid", "\"leave_days\":{\"value\":6},\"pay_percent\":{\"value\":8}"),
         CLS ("3.2", "32", F ("dust", "3.2", "32")), "medium", "model_below_list", FALSE);
#undef CHECK
}

static void
test_flag_kind_named (void)
{
  g_autoptr (KepilMethodology) m = default_m ();
  g_autoptr (JsonArray) f = flags_of (m, LIST ("valid", LEAVE12 ",\"pay_percent\":{\"value\":8}"),
                                      CLS ("3.2", "32", F ("dust", "3.2", "32")), "medium");
  gboolean leave = FALSE;
  for (guint i = 0; i < json_array_get_length (f); i++)
    {
      JsonObject *o = json_array_get_object_element (f, i);
      if (g_str_equal (kepil_json_str (o, "code", ""), "model_below_list"))
        {
          g_assert_cmpstr (kepil_json_str (o, "kind", ""), ==, "leave_days");
          leave = TRUE;
        }
    }
  g_assert_true (leave);
}

static void
test_analog_flags (void)
{
  g_autoptr (JsonObject) doc = J ("{\"w\":["
    "{\"id\":1,\"code\":\"01 001 001\",\"enterprise_id\":1,\"analog_group\":\"A\",\"classes\":{\"overall\":\"3.2\"},\"flags\":[]},"
    "{\"id\":2,\"code\":\"01 001 002\",\"enterprise_id\":1,\"analog_group\":\"A\",\"classes\":{\"overall\":\"3.1\"},\"flags\":[]},"
    "{\"id\":3,\"code\":\"01 001 003\",\"enterprise_id\":1,\"analog_group\":\"B\",\"classes\":{\"overall\":\"3.1\"},\"flags\":[]},"
    "{\"id\":4,\"code\":\"01 001 004\",\"enterprise_id\":1,\"analog_group\":\"B\",\"classes\":{\"overall\":\"3.1\"},\"flags\":[]},"
    "{\"id\":5,\"code\":\"01 001 005\",\"enterprise_id\":2,\"analog_group\":\"B\",\"classes\":{\"overall\":\"2\"},\"flags\":[]},"
    "{\"id\":6,\"code\":\"01 001 006\",\"enterprise_id\":1,\"analog_group\":\"\",\"classes\":{\"overall\":\"4\"},\"flags\":[]}]}");
  JsonArray *w = json_object_get_array_member (doc, "w");
  const gboolean expected[] = { TRUE, TRUE, FALSE, FALSE, FALSE, FALSE };

  kepil_compare_analog_flags (w);
  for (guint i = 0; i < 6; i++)
    g_assert_true (has_flag (json_object_get_array_member (json_array_get_object_element (w, i), "flags"),
                             "analog_classes_differ") == expected[i]);
}

static void
test_headcounts_flag (void)
{
  g_autoptr (JsonObject) pilot = J ("{\"leave\":451,\"pay\":439,\"oppv\":438,\"milk\":439,\"lpp\":451,\"hours\":439}");
  g_autoptr (JsonObject) same = J ("{\"leave\":451,\"pay\":451,\"oppv\":451,\"milk\":0,\"lpp\":451,\"hours\":439}");
  g_autoptr (JsonObject) kinds = J ("{\"k\":[\"leave\",\"pay\",\"oppv\"]}");
  JsonArray *k = json_object_get_array_member (kinds, "k");
  g_autoptr (JsonObject) f = kepil_compare_headcounts_flag (pilot, k, NULL);
  g_autoptr (JsonObject) none = kepil_compare_headcounts_flag (same, k, NULL);

  g_assert_nonnull (f);
  g_assert_cmpstr (kepil_json_str (f, "code", ""), ==, "headcounts_differ");
  g_assert_nonnull (strstr (kepil_json_str (f, "text", ""), "451"));
  g_assert_nonnull (strstr (kepil_json_str (f, "text", ""), "438"));
  g_assert_null (none);
}

/* Costs of a crafted workplace, by hand (methodology §6). */
static void
test_costs (void)
{
  KepilCostParams p = { .headcount = 10, .monthly_wage = 293000, .days_per_month = 29.3, .shifts_per_year = 247,
                        .months_per_year = 12, .oppv_percent = 5, .normal_hours = 40, .milk_price = 400,
                        .lpp_ration_cost = 1500 };
  KepilGuarantees list = { .leave_days = 12, .hours_per_week = 36, .pay_percent = 10, .oppv = TRUE, .milk = TRUE,
                           .milk_litres_per_shift = 0.5, .lpp = TRUE };
  KepilGuarantees model = { .leave_days = 6, .hours_per_week = 40, .pay_percent = 8 };
  g_autoptr (JsonObject) c = kepil_costs_columns (&p, &list, &model);
  JsonObject *l = json_object_get_object_member (c, "list");
  JsonObject *m = json_object_get_object_member (c, "model");
  /* daily wage 293000/29.3 = 10000. */
  double leave = 10 * 12 * 10000.0;                 /* 1 200 000 */
  double pay = 10 * 0.10 * 12 * 293000.0;           /* 3 516 000 */
  double oppv = 10 * 0.05 * 12 * 293000.0;          /* 1 758 000 */
  double milk = 10 * 247 * 0.5 * 400.0;             /*   494 000 */
  double lpp = 10 * 247 * 1500.0;                   /* 3 705 000 */
  double hours = 10 * 12 * 293000.0 * 4 / 40;       /* 3 516 000 */
  double total = leave + pay + oppv + milk + lpp + hours;
  double mtotal = 10 * 6 * 10000.0 + 10 * 0.08 * 12 * 293000.0;

  g_assert_cmpfloat_with_epsilon (kepil_json_double (l, "leave", 0), leave, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (l, "pay", 0), pay, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (l, "oppv", 0), oppv, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (l, "milk", 0), milk, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (l, "lpp", 0), lpp, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (l, "hours", 0), hours, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (l, "total", 0), total, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (m, "total", 0), mtotal, 1e-6);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (m, "oppv", -1), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kepil_json_double (c, "difference", 0), mtotal - total, 1e-6);
}

static void
test_spec_parse (void)
{
  char *name;
  int v;

  kepil_methodology_parse_spec ("KZ-RISK default v1", &name, &v);
  g_assert_cmpstr (name, ==, "KZ-RISK default");
  g_assert_cmpint (v, ==, 1);
  g_free (name);
  kepil_methodology_parse_spec ("Mine@3", &name, &v);
  g_assert_cmpstr (name, ==, "Mine");
  g_assert_cmpint (v, ==, 3);
  g_free (name);
  kepil_methodology_parse_spec ("Mine", &name, &v);
  g_assert_cmpstr (name, ==, "Mine");
  g_assert_cmpint (v, ==, 0);
  g_free (name);
  kepil_methodology_parse_spec (NULL, &name, &v);
  g_assert_cmpstr (name, ==, KEPIL_METHODOLOGY_DEFAULT);
  g_free (name);
}

static void
test_methodology_copy (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "m.kepil");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) edits = J ("{\"weights.harm_injury\":0.8,\"levels.bands.4.min\":2.0}");
  g_autoptr (JsonObject) bad = J ("{\"weights.nonsense\":1}");
  g_autoptr (JsonObject) unordered = J ("{\"levels.bands.2.min\":0.1,\"levels.bands.3.min\":0.05}");
  g_autofree char *label = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (JsonObject) r1 = NULL;
  g_autoptr (JsonObject) r2 = NULL;
  g_autoptr (JsonObject) r3 = NULL;

  g_assert_true (kepil_methodology_copy (db, "KZ-RISK default v1", "Plant", edits, &label, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "Plant v1");
  g_clear_pointer (&label, g_free);
  g_assert_true (kepil_methodology_copy (db, "Plant", "Plant", NULL, &label, &error));
  g_assert_cmpstr (label, ==, "Plant v2");
  g_assert_false (kepil_methodology_copy (db, "Plant", "Other", bad, NULL, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kepil_methodology_copy (db, "Plant", "Other", unordered, NULL, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE);
  g_clear_error (&error);
  list = kepil_methodology_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);

  /* 0.8·(2+3)/2 = 2.0: still "high" under Plant (very high from 2.0 − tolerance… so very high), default unchanged. */
  r1 = kepil_risk_compute (db, "KZ-RISK default", 2, 3, 0, 0, 0, &error);
  r2 = kepil_risk_compute (db, "Plant@1", 2, 2, 0, 0, 0, &error);
  r3 = kepil_risk_compute (db, "Plant v1", 2, 3, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r1, "r_ind"), 1.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r2, "r_ind"), 1.6, 1e-9);
  g_assert_cmpstr (kepil_json_str (r2, "level", ""), ==, "high");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r3, "r_ind"), 2.0, 1e-9);
  g_assert_cmpstr (kepil_json_str (r3, "level", ""), ==, "very_high");
  g_assert_null (kepil_risk_compute (db, "No such", 1, 1, 1, 1, 1, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND);
  kepil_test_rmrf (dir);
}

static void
test_default_checklist (void)
{
  g_autoptr (KepilMethodology) m = default_m ();
  JsonArray *cl = json_object_get_array_member (m->json, "checklist");
  g_assert_cmpuint (json_array_get_length (cl), ==, 15);
  for (guint i = 0; i < 15; i++)
    {
      JsonObject *q = json_array_get_object_element (cl, i);
      g_assert_cmpstr (kepil_json_str (q, "ru", ""), !=, "");
      g_assert_cmpstr (kepil_json_str (q, "kk", ""), !=, "");
      g_assert_cmpstr (kepil_json_str (q, "en", ""), !=, "");
    }
  g_assert_cmpfloat (m->days_per_month, ==, 29.3);
  g_assert_cmpfloat (m->shifts_per_year, ==, 247);
  g_assert_cmpfloat (m->oppv_percent, ==, 5);
}

/* Fuzz finding: a methodology document with a member of the wrong type (null, a list where an
 * object is expected, text where a number is) or no document at all.  Each is refused with a
 * parse error that names the member; none raises a critical. */
static void
test_methodology_wrong_types (void)
{
  static const struct {
    const char *path;   /* dotted path in the shipped methodology, "[n]" for the n-th element */
    const char *value;  /* JSON put there */
    const char *named;  /* what the message must name */
  } cases[] = {
    { "weights", "[]", "“weights”" },
    { "weights.morbidity", "\"0.1\"", "“weights.morbidity”" },
    { "name", "7", "“name”" },
    { "version", "1e300", "“version”" },
    { "tolerance", "{}", "“tolerance”" },
    { "inputs.T", "null", "“inputs.T”" },
    { "inputs.T.assessment", "[1]", "“inputs.T.assessment”" },
    { "inputs.T.accidents.fatal", "true", "“inputs.T.accidents.fatal”" },
    { "inputs.B.by_class.3.1", "null", "“inputs.B.by_class.3.1”" },
    { "inputs.Ob.bands[2]", "null", "inputs.Ob.bands[2]" },
    { "inputs.Ob.above", "1e20", "“inputs.Ob.above”" },
    { "levels.bands[1]", "\"low\"", "“levels.bands”" },
    { "enterprise.p3.unanswered_counts_as_no", "\"yes\"", "“enterprise.p3.unanswered_counts_as_no”" },
    { "package.kinds.milk", "[]", "“package.kinds.milk”" },
    { "package.kinds.milk.high", "{\"if\": 5}", "“package.kinds.milk.high.if”" },
    { "package.kinds.milk.high", "{\"if\": [null]}", "“package.kinds.milk.high.if[1]”" },
    { "package.kinds.milk.high", "{\"if\": [{\"groups\": [3]}]}", "“package.kinds.milk.high.if[1].groups[1]”" },
    { "package.excludes", "{}", "“package.excludes”" },
    { "package.excludes[1]", "1", "“package.excludes[1]”" },
    { "checklist", "{}", "“checklist”" },
  };
  g_autofree char *empty_path = g_build_filename (g_getenv ("KEPIL_TEST_DATA"), "fuzz", "methodology-empty.json",
                                                  NULL);
  g_autoptr (JsonParser) p = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KepilMethodology) none = NULL;

  /* The fuzzer's input was empty: a document with no root at all. */
  g_assert_true (json_parser_load_from_file (p, empty_path, &error));
  g_assert_null (json_parser_get_root (p));
  none = kepil_methodology_new_from_json (NULL, &error);
  g_assert_null (none);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonObject) doc = kepil_methodology_default_json (&error);
      g_autoptr (JsonParser) vp = json_parser_new ();
      g_autoptr (KepilMethodology) m = NULL;
      g_auto (GStrv) parts = NULL;
      JsonObject *o;
      guint n;

      g_assert_no_error (error);
      /* The by_class key "3.1" holds a dot: that case names the member whole. */
      if (g_str_has_prefix (cases[i].path, "inputs.B.by_class."))
        {
          parts = g_new0 (char *, 5);
          parts[0] = g_strdup ("inputs");
          parts[1] = g_strdup ("B");
          parts[2] = g_strdup ("by_class");
          parts[3] = g_strdup (cases[i].path + strlen ("inputs.B.by_class."));
        }
      else
        parts = g_strsplit (cases[i].path, ".", -1);
      n = g_strv_length (parts);
      g_assert_true (json_parser_load_from_data (vp, cases[i].value, -1, NULL));
      o = doc;
      for (guint k = 0; k + 1 < n; k++)
        o = json_object_get_object_member (o, parts[k]);
      {
        char *br = strchr (parts[n - 1], '[');
        JsonNode *v = json_node_copy (json_parser_get_root (vp));
        if (br != NULL)
          {
            JsonArray *a;
            guint idx = (guint) atoi (br + 1);
            *br = '\0';
            a = json_object_get_array_member (o, parts[n - 1]);
            g_assert_cmpuint (idx, >=, 1);
            g_assert_cmpuint (idx, <=, json_array_get_length (a));
            json_array_remove_element (a, idx - 1);
            /* json-glib 1.6 has no "insert": rebuild the array around the new element. */
            {
              JsonArray *b = json_array_new ();
              for (guint e = 0; e <= json_array_get_length (a); e++)
                {
                  if (e + 1 == idx)
                    json_array_add_element (b, json_node_copy (v));
                  if (e < json_array_get_length (a))
                    json_array_add_element (b, json_node_copy (json_array_get_element (a, e)));
                }
              json_object_set_array_member (o, parts[n - 1], b);
            }
            json_node_unref (v);
          }
        else
          json_object_set_member (o, parts[n - 1], v);
      }
      m = kepil_methodology_new_from_json (doc, &error);
      g_assert_null (m);
      g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_PARSE);
      if (strstr (error->message, cases[i].named) == NULL)
        g_error ("case %s = %s: “%s” does not name %s", cases[i].path, cases[i].value, error->message,
                 cases[i].named);
      g_clear_error (&error);
    }
}

int
main (int argc, char **argv)
{
  kepil_test_init (&argc, &argv);
  g_test_add_func ("/risk/worked-examples", test_worked_examples);
  g_test_add_func ("/risk/levels-tolerance", test_levels_tolerance);
  g_test_add_func ("/risk/negative-refused", test_negative_refused);
  g_test_add_func ("/risk/inputs", test_inputs);
  g_test_add_func ("/risk/p1-weighting", test_p1_weighting);
  g_test_add_func ("/risk/p2-p3", test_p2_p3);
  g_test_add_func ("/risk/package", test_package);
  g_test_add_func ("/risk/flags", test_flags);
  g_test_add_func ("/risk/flag-kind", test_flag_kind_named);
  g_test_add_func ("/risk/analog-flags", test_analog_flags);
  g_test_add_func ("/risk/headcounts-flag", test_headcounts_flag);
  g_test_add_func ("/risk/costs", test_costs);
  g_test_add_func ("/risk/spec", test_spec_parse);
  g_test_add_func ("/risk/methodology-copy", test_methodology_copy);
  g_test_add_func ("/risk/methodology-wrong-types", test_methodology_wrong_types);
  g_test_add_func ("/risk/default-checklist", test_default_checklist);
  return g_test_run ();
}
