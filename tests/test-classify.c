/* test-classify.c — hand cases, validation, escalation, heaviness and intensity, the demo's classes
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-test.h"
#include "kepil-classify.h"
#include "kepil-demo.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-json.h"

#include <math.h>
#include <string.h>

static char *
cls (const char *set, const char *factor, const char *subgroup, const char *agent, double value, double norm,
     const char *unit)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) o = kepil_classify_value (NULL, set, factor, subgroup, agent, value, norm, unit, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (o, "class"));
}

#define ASSERT_CLASS(expected, ...)                  \
  G_STMT_START {                                     \
    g_autofree char *got_ = cls (__VA_ARGS__);       \
    g_assert_cmpstr (got_, ==, expected);            \
  } G_STMT_END

static void
test_hand_cases (void)
{
  ASSERT_CLASS ("2", "KZ-2000", "noise", NULL, NULL, 80, 80, "dBA");
  ASSERT_CLASS ("3.1", "KZ-2000", "noise", NULL, NULL, 85, 80, "dBA");
  ASSERT_CLASS ("3.2", "KZ-2000", "noise", NULL, NULL, 62, 50, "дБА");   /* the office at 62 dBA against 50 */
  ASSERT_CLASS ("2", "RU-817n", "noise", NULL, NULL, 62, NAN, "dBA");    /* and the same under 817н */
  ASSERT_CLASS ("4", "RU-817n", "noise", NULL, NULL, 116, NAN, "dBA");
  ASSERT_CLASS ("3.3", "KZ-2000", "chemical", "hazard-3-4", NULL, 12, 1, "mg/m3");
  ASSERT_CLASS ("4", "KZ-2000", "chemical", "hazard-1-2", NULL, 21, 1, "mg/m3");
  ASSERT_CLASS ("3.2", "KZ-2000", "lighting", "illuminance", NULL, 90, 200, "lx");
  ASSERT_CLASS ("3.1", "KZ-2000", "lighting", "illuminance", NULL, 100, 200, "лк");
  ASSERT_CLASS ("3.1", "KZ-2000", "lighting", "keo", NULL, 0.6, NAN, "%");
  ASSERT_CLASS ("3.2", "KZ-2000", "biological", "pathogen-group", NULL, 3, NAN, "group");
  ASSERT_CLASS ("3.2", "KZ-2000", "vibration_general", "z", NULL, 125, 115, "dB");
  /* Phosphine: ПДК 0.1 from the catalogue, acute action. */
  ASSERT_CLASS ("3.1", "KZ-2000", "chemical", NULL, "phosphine", 0.15, NAN, "mg/m3");
  ASSERT_CLASS ("3.1", "KZ-2000", "chemical", NULL, "PH3", 150, NAN, "µg/m3");
}

static void
test_two_pdk_and_units (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) o = NULL;
  JsonObject *e, *conv;

  /* P₂O₅ (irritant, ПДК 1 max / 0.2 mean): 0.5 is class 2 against the maximum, 3.2 against the mean. */
  ASSERT_CLASS ("2", "KZ-2000", "chemical", NULL, "p2o5:max", 0.5, NAN, "mg/m3");
  ASSERT_CLASS ("3.2", "KZ-2000", "chemical", NULL, "p2o5:mean", 0.5, NAN, "mg/m3");
  o = kepil_classify_value (NULL, "KZ-2000", "chemical", NULL, "p2o5", 500, NAN, "мкг/м3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (o, "class"), ==, "3.2");
  e = json_object_get_object_member (o, "explanation");
  g_assert_cmpstr (json_object_get_string_member (e, "rule"), ==, "two-pdk-worse");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (e, "alternatives")), ==, 2);
  conv = json_object_get_object_member (e, "converted");
  g_assert_nonnull (conv);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (conv, "to_value"), 0.5, 1e-12);
  g_assert_cmpstr (json_object_get_string_member (conv, "to_unit"), ==, "mg/m3");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (e, "ratio"), 2.5, 1e-9);
  g_assert_nonnull (strstr (json_object_get_string_member (e, "text"), "500"));
  g_assert_nonnull (json_object_get_object_member (e, "bound_crossed"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (e, "bound_crossed"), "bound"), ==, 2.0);
}

static void
assert_refused (const char *factor, const char *subgroup, const char *agent, double value, double norm, const char *unit,
                const char *field)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) o = kepil_classify_value (NULL, "KZ-2000", factor, subgroup, agent, value, norm, unit, &error);
  g_assert_null (o);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  if (strstr (error->message, field) == NULL)
    g_error ("“%s” does not name the field %s", error->message, field);
}

static void
test_validation (void)
{
  assert_refused ("radiation-of-love", NULL, NULL, 1, NAN, "", "field factor");
  assert_refused ("", NULL, NULL, 1, NAN, "", "field factor");
  assert_refused ("noise", NULL, NULL, -5, 80, "dBA", "field value");
  assert_refused ("noise", NULL, NULL, 5000, 80, "dBA", "field value");
  assert_refused ("noise", NULL, NULL, NAN, 80, "dBA", "field value");
  assert_refused ("noise", NULL, NULL, 85, NAN, "dBA", "field norm");
  assert_refused ("noise", NULL, NULL, 85, 80, "mg/m3", "field unit");
  assert_refused ("chemical", NULL, "unobtainium", 1, NAN, "mg/m3", "field norm");
  assert_refused ("chemical", "no-such-subgroup", NULL, 1, 1, "mg/m3", "field subgroup");
  assert_refused ("vibration_general", NULL, NULL, 120, 115, "dB", "field subgroup");
  assert_refused ("heaviness", NULL, "juggling", 3, NAN, "kg", "field agent");
  assert_refused ("intensity", NULL, "responsibility", 2.5, NAN, "class", "field value");
  assert_refused ("microclimate", "tns-index", NULL, 25, NAN, "°C", "work_category");
  {
    double v = 0;
    g_autofree char *u = NULL;
    g_autoptr (GError) error = NULL;
    g_assert_true (kepil_norms_check_measurement (NULL, NULL, "dust", "fibrogenic-high", NULL, "µg/m3", 1500, &v, &u, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (v, 1.5, 1e-12);
    g_assert_cmpstr (u, ==, "mg/m3");
    g_assert_false (kepil_norms_check_measurement (NULL, NULL, "dust", NULL, NULL, "dBA", 1, &v, NULL, &error));
    g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  }
  g_assert_cmpint (kepil_class_rank ("3.3"), ==, 33);
  g_assert_cmpint (kepil_class_rank ("x"), ==, 0);
  g_assert_cmpstr (kepil_class_name (40), ==, "4");
  g_assert_null (kepil_class_name (35));
}

static JsonObject *
m (const char *factor, const char *subgroup, const char *agent, double value, double norm, const char *unit)
{
  JsonObject *o = json_object_new ();
  json_object_set_string_member (o, "factor", factor);
  json_object_set_string_member (o, "subgroup", subgroup ? subgroup : "");
  json_object_set_string_member (o, "agent", agent ? agent : "");
  json_object_set_double_member (o, "value", value);
  if (isnan (norm))
    json_object_set_null_member (o, "norm");
  else
    json_object_set_double_member (o, "norm", norm);
  json_object_set_string_member (o, "unit_of_measure", unit);
  return o;
}

static JsonObject *
workplace (GPtrArray *ms, gint64 men, gint64 women)
{
  g_autoptr (GError) error = NULL;
  JsonObject *o = kepil_classify_measurements (NULL, "KZ-2000", ms, "IIb", men, women, &error);
  g_assert_no_error (error);
  return o;
}

static const char *
factor_class (JsonObject *wp, const char *factor)
{
  JsonArray *fs = json_object_get_array_member (wp, "factors");
  for (guint i = 0; i < json_array_get_length (fs); i++)
    {
      JsonObject *f = json_array_get_object_element (fs, i);
      if (g_str_equal (json_object_get_string_member (f, "factor"), factor))
        return json_object_get_string_member (f, "class");
    }
  return NULL;
}

static gboolean
has_rule (JsonObject *wp, const char *rule)
{
  JsonArray *rs = json_object_get_array_member (wp, "overall_reasons");
  for (guint i = 0; i < json_array_get_length (rs); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (rs, i), "rule"), rule))
      return TRUE;
  return FALSE;
}

static void
test_escalation (void)
{
  g_autoptr (GPtrArray) ms = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr (JsonObject) a = NULL, b = NULL, c = NULL, d = NULL, empty = NULL;

  /* Two factors at 3.1: no escalation. */
  g_ptr_array_add (ms, m ("noise", NULL, NULL, 83, 80, "dBA"));
  g_ptr_array_add (ms, m ("dust", "fibrogenic-low", NULL, 1.5, 1, "mg/m3"));
  a = workplace (ms, 1, 0);
  g_assert_cmpstr (json_object_get_string_member (a, "overall"), ==, "3.1");
  g_assert_false (has_rule (a, "escalation"));
  /* Vibration of both kinds counts as one factor. */
  g_ptr_array_add (ms, m ("vibration_local", NULL, NULL, 128, 126, "dB"));
  g_ptr_array_add (ms, m ("vibration_general", "z", NULL, 118, 115, "dB"));
  b = workplace (ms, 1, 0);
  g_assert_cmpstr (factor_class (b, "vibration"), ==, "3.1");
  g_assert_cmpstr (json_object_get_string_member (b, "overall"), ==, "3.2");   /* noise, dust, vibration */
  g_assert_true (has_rule (b, "escalation"));
  /* Two factors at 3.2 give 3.3. */
  g_ptr_array_set_size (ms, 0);
  g_ptr_array_add (ms, m ("noise", NULL, NULL, 90, 80, "dBA"));
  g_ptr_array_add (ms, m ("lighting", "illuminance", NULL, 50, 200, "lx"));
  c = workplace (ms, 1, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "overall"), ==, "3.3");
  /* Two at 3.4 give 4. */
  g_ptr_array_set_size (ms, 0);
  g_ptr_array_add (ms, m ("noise", NULL, NULL, 110, 80, "dBA"));
  g_ptr_array_add (ms, m ("chemical", "hazard-1-2", NULL, 15, 1, "mg/m3"));
  d = workplace (ms, 1, 0);
  g_assert_cmpstr (json_object_get_string_member (d, "overall"), ==, "4");
  /* No measurements: no class. */
  g_ptr_array_set_size (ms, 0);
  empty = workplace (ms, 1, 0);
  g_assert_true (json_node_is_null (json_object_get_member (empty, "overall")));
  g_assert_cmpint (json_object_get_int_member (empty, "overall_rank"), ==, 0);
}

static void
test_heaviness (void)
{
  g_autoptr (GPtrArray) ms = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr (JsonObject) men = NULL, women = NULL, both = NULL, two = NULL, twob = NULL;

  /* 11 kg lifted now and then: class 1 for men (≤ 15), 3.1 for women (≤ 12). */
  g_ptr_array_add (ms, m ("heaviness", NULL, "lift-single", 11, NAN, "kg"));
  men = workplace (ms, 3, 0);
  women = workplace (ms, 0, 2);
  both = workplace (ms, 2, 1);
  g_assert_cmpstr (factor_class (men, "heaviness"), ==, "1");
  g_assert_cmpstr (factor_class (women, "heaviness"), ==, "3.1");
  g_assert_cmpstr (factor_class (both, "heaviness"), ==, "3.1");
  /* Two indicators at 3.1 give 3.2 (men's scale). */
  g_ptr_array_set_size (ms, 0);
  g_ptr_array_add (ms, m ("heaviness", NULL, "lift-single", 33, NAN, "kg"));
  g_ptr_array_add (ms, m ("heaviness", NULL, "bends", 150, NAN, "number"));
  two = workplace (ms, 1, 0);
  g_assert_cmpstr (factor_class (two, "heaviness"), ==, "3.2");
  /* Two at 3.2 give 3.3. */
  g_ptr_array_add (ms, m ("heaviness", NULL, "lift-constant", 25, NAN, "kg"));
  g_ptr_array_add (ms, m ("heaviness", NULL, "walking-vertical", 6, NAN, "km"));
  twob = workplace (ms, 1, 0);
  g_assert_cmpstr (factor_class (twob, "heaviness"), ==, "3.3");
}

static void
test_intensity (void)
{
  static const char *grades[] = { "intellectual-content", "signal-perception", "task-distribution", "work-character",
                                  "observation-duration", "object-size", "vdt-screens", "auditory-load" };
  struct { int n31, n32, n2; const char *expected; } cases[] = {
    { 0, 0, 0, "1" }, { 0, 0, 5, "1" }, { 0, 0, 6, "2" }, { 5, 0, 0, "2" }, { 6, 0, 0, "3.1" },
    { 7, 0, 0, "3.2" }, { 3, 2, 0, "3.1" }, { 2, 5, 0, "3.2" }, { 0, 6, 0, "3.2" }, { 0, 7, 0, "3.3" },
  };
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GPtrArray) ms = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autoptr (JsonObject) wp = NULL;
      static const char *more[] = { "responsibility", "own-life-risk", "others-safety", "repeated-operations",
                                    "active-actions-time", "workday-length", "shift-work", "breaks" };
      int k = 0;
      for (int i = 0; i < cases[c].n31; i++, k++)
        g_ptr_array_add (ms, m ("intensity", NULL, k < 8 ? grades[k] : more[k - 8], 3.1, NAN, "class"));
      for (int i = 0; i < cases[c].n32; i++, k++)
        g_ptr_array_add (ms, m ("intensity", NULL, k < 8 ? grades[k] : more[k - 8], 3.2, NAN, "class"));
      for (int i = 0; i < cases[c].n2; i++, k++)
        g_ptr_array_add (ms, m ("intensity", NULL, k < 8 ? grades[k] : more[k - 8], 2, NAN, "class"));
      /* An indicator measured, at class 1. */
      g_ptr_array_add (ms, m ("intensity", NULL, "signal-density", 60, NAN, "per hour"));
      wp = workplace (ms, 1, 0);
      if (g_strcmp0 (factor_class (wp, "intensity"), cases[c].expected) != 0)
        g_error ("intensity %d×3.1 %d×3.2 %d×2: got %s, expected %s", cases[c].n31, cases[c].n32, cases[c].n2,
                 factor_class (wp, "intensity"), cases[c].expected);
    }
}

/* The demo plant gets the classes the seed reports. */
static void
test_demo_classes (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "demo.kepil");
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) all = NULL;
  g_autoptr (GPtrArray) wps = NULL;
  struct { const char *profession; const char *overall; const char *factor; const char *factor_class; } want[] = {
    { "Оператор дистанционного пульта управления", "3.2", "dust", "3.2" },
    { "Шихтовщик", "3.2", "dust", "3.2" },
    { "Аппаратчик рассева", "3.2", "lighting", "3.1" },
    { "Бункеровщик", "3.2", "dust", "3.2" },
    { "Машинист конвейера", "3.2", "dust", "3.2" },
    { "Смесильщик", "3.2", "dust", "3.2" },
    { "Электрогазосварщик", "3.1", "dust", "3.1" },
    { "Слесарь-ремонтник", "3.1", "dust", "3.1" },
    { "Электродчик", "3.1", "noise", "3.1" },
    { "Машинист крана", "3.1", "vibration", "3.1" },
    { "Аппаратчик производства желтого фосфора", "3.2", "chemical", "3.1" },
    { "Аппаратчик конденсации", "3.2", "chemical", "3.1" },
    { "Аппаратчик на чистке электрофильтров", "3.2", "heaviness", "3.2" },
    { "Медицинская сестра противотуберкулезного диспансера", "3.2", "biological", "3.2" },
    { "Логопед", "2", NULL, NULL },
  };
  int checked = 0, deviant = 0, noise31 = 0;
  g_autoptr (GHashTable) noise_profs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_true (kepil_demo_load (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kepil_entity_count (db, "workplace", NULL), >=, 110);
  g_assert_cmpint (kepil_entity_count (db, "measurement", NULL), >=, 1100);
  all = kepil_classify_database (db, NULL, &error);
  g_assert_no_error (error);
  wps = kepil_entity_list (db, "workplace", NULL, 0, &error);
  for (guint i = 0; i < wps->len; i++)
    {
      JsonObject *w = g_ptr_array_index (wps, i);
      gint64 id = kepil_json_int (w, "id", 0);
      g_autoptr (JsonObject) p = kepil_entity_get (db, "profession", kepil_json_int (w, "profession_id", 0), &error);
      const char *pname = kepil_json_str (p, "name_ru", "");
      JsonObject *r = g_hash_table_lookup (all, &id);

      g_assert_nonnull (r);
      g_assert_cmpint (json_object_get_int_member (r, "errors"), ==, 0);
      if (g_strcmp0 (factor_class (r, "noise"), "3.1") == 0)
        g_hash_table_add (noise_profs, g_strdup (pname));
      if (strstr (kepil_json_str (w, "note", ""), "deliberately") != NULL)
        {
          /* The analogous pair that differs. */
          g_assert_cmpstr (json_object_get_string_member (r, "overall"), ==, "3.2");
          deviant++;
          continue;
        }
      for (guint k = 0; k < G_N_ELEMENTS (want); k++)
        if (g_str_equal (want[k].profession, pname))
          {
            if (g_strcmp0 (json_object_get_string_member (r, "overall"), want[k].overall) != 0)
              g_error ("%s (%s): overall %s, the seed says %s", pname, kepil_json_str (w, "code", ""),
                       json_object_get_string_member (r, "overall"), want[k].overall);
            if (want[k].factor)
              g_assert_cmpstr (factor_class (r, want[k].factor), ==, want[k].factor_class);
            g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r, "overall_reasons")), >, 0);
            checked++;
          }
    }
  noise31 = (int) g_hash_table_size (noise_profs);
  g_assert_cmpint (deviant, ==, 1);
  g_assert_cmpint (checked, >, 80);
  /* Noise 3.1 for 16 of the seed's 17 professions: the crane operator's is class 2 (see the demo note). */
  g_assert_cmpint (noise31, ==, 16);
  kepil_test_rmrf (dir);
}

static void
test_speed (void)
{
  g_autofree char *dir = kepil_test_tmpdir ();
  g_autoptr (KepilDb) db = kepil_test_new_db (dir, "big.kepil");
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) all = NULL;
  g_autoptr (JsonObject) ent = json_object_new (), unit = json_object_new (), prof = json_object_new ();
  gint64 eid, uid, pid;
  int n = g_test_slow () ? 20000 : 2000;
  gint64 t0;

  json_object_set_string_member (ent, "name_ru", "Бенчмарк");
  g_assert_true (kepil_db_begin (db, &error));
  eid = kepil_entity_insert (db, "enterprise", ent, &error);
  json_object_set_int_member (unit, "enterprise_id", eid);
  json_object_set_string_member (unit, "name_ru", "Цех");
  uid = kepil_entity_insert (db, "unit", unit, &error);
  json_object_set_string_member (prof, "name_ru", "Оператор");
  pid = kepil_entity_insert (db, "profession", prof, &error);
  for (int i = 0; i < n; i++)
    {
      g_autoptr (JsonObject) w = json_object_new ();
      g_autofree char *code = g_strdup_printf ("%02d %03d %03d", 10 + i / 1000000, (i / 1000) % 1000, i % 1000);
      gint64 wid;
      json_object_set_int_member (w, "unit_id", uid);
      json_object_set_int_member (w, "profession_id", pid);
      json_object_set_string_member (w, "code", code);
      json_object_set_int_member (w, "men", 1);
      wid = kepil_entity_insert (db, "workplace", w, &error);
      g_assert_no_error (error);
      for (int k = 0; k < 10; k++)
        {
          g_autoptr (JsonObject) me = m (k < 5 ? "noise" : "dust", k < 5 ? NULL : "fibrogenic-low", NULL, 70 + k + i % 15,
                                         k < 5 ? 80 : 40, k < 5 ? "dBA" : "mg/m3");
          json_object_set_int_member (me, "workplace_id", wid);
          kepil_entity_insert (db, "measurement", me, &error);
          g_assert_no_error (error);
        }
    }
  g_assert_true (kepil_db_commit (db, &error));
  t0 = g_get_monotonic_time ();
  all = kepil_classify_database (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), ==, (guint) n);
  g_test_message ("classified %d workplaces × 10 measurements in %.3f s", n, (g_get_monotonic_time () - t0) / 1e6);
  kepil_test_rmrf (dir);
}

int
main (int argc, char **argv)
{
  kepil_test_init (&argc, &argv);
  g_test_add_func ("/classify/hand-cases", test_hand_cases);
  g_test_add_func ("/classify/two-pdk-and-units", test_two_pdk_and_units);
  g_test_add_func ("/classify/validation", test_validation);
  g_test_add_func ("/classify/escalation", test_escalation);
  g_test_add_func ("/classify/heaviness", test_heaviness);
  g_test_add_func ("/classify/intensity", test_intensity);
  g_test_add_func ("/classify/demo", test_demo_classes);
  g_test_add_func ("/classify/speed", test_speed);
  return g_test_run ();
}
