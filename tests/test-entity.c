/* test-entity.c — create, read, update, delete of every entity; roles
 * Copyright 2026 The Kepil authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "kepil-test.h"
#include "kepil-entity.h"
#include "kepil-error.h"
#include "kepil-json.h"

static JsonObject *
obj (const char *first, ...)
{
  JsonObject *o = json_object_new ();
  va_list ap;
  va_start (ap, first);
  for (const char *k = first; k != NULL; k = va_arg (ap, const char *))
    {
      const char *type = va_arg (ap, const char *);
      if (type[0] == 's')
        json_object_set_string_member (o, k, va_arg (ap, const char *));
      else if (type[0] == 'i')
        json_object_set_int_member (o, k, va_arg (ap, gint64));
      else
        json_object_set_double_member (o, k, va_arg (ap, double));
    }
  va_end (ap);
  return o;
}

typedef struct { char *dir; KepilDb *db; gint64 ent, unit, prof, wp, camp; } Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) e = obj ("name_ru", "s", "Завод", "bin", "s", "123456789012", NULL);
  f->dir = kepil_test_tmpdir ();
  f->db = kepil_test_new_db (f->dir, "e.kepil");
  f->ent = kepil_entity_insert (f->db, "enterprise", e, &error);
  g_assert_no_error (error);
  {
    g_autoptr (JsonObject) u = obj ("enterprise_id", "i", f->ent, "name_ru", "s", "Цех №5", "headcount", "i", (gint64) 500, NULL);
    g_autoptr (JsonObject) p = obj ("name_ru", "s", "Шихтовщик", "name_kk", "s", "Шихташы", NULL);
    f->unit = kepil_entity_insert (f->db, "unit", u, &error);
    g_assert_no_error (error);
    f->prof = kepil_entity_insert (f->db, "profession", p, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr (JsonObject) w = obj ("unit_id", "i", f->unit, "profession_id", "i", f->prof,
                                    "code", "s", "05 001 001", "men", "i", (gint64) 4, NULL);
    g_autoptr (JsonObject) c = obj ("enterprise_id", "i", f->ent, "order_no", "s", "45", "order_date", "s", "2023-01-20", NULL);
    f->wp = kepil_entity_insert (f->db, "workplace", w, &error);
    g_assert_no_error (error);
    f->camp = kepil_entity_insert (f->db, "campaign", c, &error);
    g_assert_no_error (error);
  }
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->db);
  kepil_test_rmrf (f->dir);
  g_free (f->dir);
}

static void
test_crud_every_entity (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  struct { const char *entity; JsonObject *rec; const char *field; JsonObject *change; } cases[] = {
    { "commission_member", obj ("campaign_id", "i", f->camp, "full_name", "s", "Ахметов А.", "role", "s", "chairman", NULL),
      "position", obj ("position", "s", "Главный инженер", NULL) },
    { "measurement", obj ("workplace_id", "i", f->wp, "factor", "s", "noise", "value", "d", 85.0, "norm", "d", 80.0, NULL),
      "value", obj ("value", "d", 86.5, NULL) },
    { "safety_assessment", obj ("workplace_id", "i", f->wp, "equipment", "s", "Печь РКЗ-80Ф", NULL),
      "compliant", obj ("compliant", "i", (gint64) 0, NULL) },
    { "ppe_provision", obj ("workplace_id", "i", f->wp, "item", "s", "Респиратор", NULL),
      "issued", obj ("issued", "i", (gint64) 0, NULL) },
    { "enterprise_stats", obj ("enterprise_id", "i", f->ent, "year", "i", (gint64) 2023, NULL),
      "accidents", obj ("accidents", "i", (gint64) 2, NULL) },
    { "profession_stats", obj ("profession_id", "i", f->prof, NULL),
      "disease_cases_5y", obj ("disease_cases_5y", "i", (gint64) 1, NULL) },
    { "checklist_answer", obj ("enterprise_id", "i", f->ent, "year", "i", (gint64) 2023, "question", "i", (gint64) 1, "answer", "i", (gint64) 1, NULL),
      "answer", obj ("answer", "i", (gint64) 0, NULL) },
    { "unit", obj ("enterprise_id", "i", f->ent, "parent_id", "i", f->unit, "kind", "s", "section", "name_ru", "s", "Участок", NULL),
      "headcount", obj ("headcount", "i", (gint64) 40, NULL) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 id = kepil_entity_insert (f->db, cases[i].entity, cases[i].rec, &error);
      g_autoptr (JsonObject) back = NULL;
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      g_assert_true (kepil_entity_update (f->db, cases[i].entity, id, cases[i].change, &error));
      g_assert_no_error (error);
      back = kepil_entity_get (f->db, cases[i].entity, id, &error);
      g_assert_no_error (error);
      g_assert_true (json_node_equal (json_object_get_member (back, cases[i].field),
                                      json_object_get_member (cases[i].change, cases[i].field)));
      g_assert_true (kepil_entity_delete (f->db, cases[i].entity, id, &error));
      g_assert_no_error (error);
      g_assert_null (kepil_entity_get (f->db, cases[i].entity, id, &error));
      g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_NOT_FOUND);
      g_clear_error (&error);
      json_object_unref (cases[i].rec);
      json_object_unref (cases[i].change);
    }
}

static void
test_foreign_key (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) m = obj ("workplace_id", "i", (gint64) 4242, "factor", "s", "noise", "value", "d", 80.0, NULL);
  g_assert_cmpint (kepil_entity_insert (f->db, "measurement", m, &error), ==, 0);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_CONSTRAINT);
}

static void
test_bad_values (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) w = obj ("unit_id", "i", f->unit, "profession_id", "i", f->prof, "code", "s", "5-1-1", NULL);
  g_autoptr (JsonObject) x = obj ("no_such_field", "s", "x", NULL);
  g_autoptr (JsonObject) t = obj ("men", "s", "many", NULL);

  g_assert_cmpint (kepil_entity_insert (f->db, "workplace", w, &error), ==, 0);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (kepil_entity_update (f->db, "workplace", f->wp, x, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kepil_entity_update (f->db, "workplace", f->wp, t, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (kepil_entity_insert (f->db, "no_such_entity", x, &error), ==, 0);
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_INVALID);
}

static void
test_inspector_cannot_write (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) ch = obj ("men", "i", (gint64) 10, NULL);
  const char * const *names = kepil_entity_names ();

  kepil_db_set_actor (f->db, "Inspector", KEPIL_ROLE_INSPECTOR);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (JsonObject) empty = json_object_new ();
      g_assert_cmpint (kepil_entity_insert (f->db, names[i], empty, &error), ==, 0);
      g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
      g_clear_error (&error);
    }
  g_assert_false (kepil_entity_update (f->db, "workplace", f->wp, ch, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (kepil_entity_delete (f->db, "workplace", f->wp, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_READ_ONLY);
  g_clear_error (&error);
  kepil_db_set_actor (f->db, "Specialist", KEPIL_ROLE_SPECIALIST);
  g_assert_true (kepil_entity_update (f->db, "workplace", f->wp, ch, &error));
  g_assert_no_error (error);
}

static char *
record_text (JsonObject *o)
{
  g_autoptr (JsonNode) n = json_node_init_object (json_node_alloc (), o);
  return kepil_json_to_string (n, FALSE);
}

/* A deleted campaign comes back with its number, its commission and its measurements' links. */
static void
test_snapshot_restore (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) snap = NULL, back = NULL, m_after = NULL;
  g_autoptr (GPtrArray) members = NULL;
  gint64 m1, m2, meas;
  g_autofree char *before = NULL;

  {
    g_autoptr (JsonObject) a = obj ("campaign_id", "i", f->camp, "full_name", "s", "Сейткали Е. Б.", "role", "s", "chairman", NULL);
    g_autoptr (JsonObject) b = obj ("campaign_id", "i", f->camp, "full_name", "s", "Ким С. В.", "role", "s", "member", NULL);
    g_autoptr (JsonObject) m = obj ("workplace_id", "i", f->wp, "campaign_id", "i", f->camp, "factor", "s", "noise",
                                    "value", "d", 95.5, NULL);
    m1 = kepil_entity_insert (f->db, "commission_member", a, &error);
    m2 = kepil_entity_insert (f->db, "commission_member", b, &error);
    meas = kepil_entity_insert (f->db, "measurement", m, &error);
    g_assert_no_error (error);
  }
  back = kepil_entity_get (f->db, "campaign", f->camp, NULL);
  before = record_text (back);
  g_clear_pointer (&back, json_object_unref);
  snap = kepil_entity_snapshot (f->db, "campaign", f->camp, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snap);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (snap, "cascade")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (snap, "unlinked")), ==, 1);

  g_assert_true (kepil_entity_delete (f->db, "campaign", f->camp, &error));
  g_assert_no_error (error);
  members = kepil_entity_list (f->db, "commission_member", "campaign_id", f->camp, NULL);
  g_assert_cmpuint (members->len, ==, 0);
  g_clear_pointer (&members, g_ptr_array_unref);
  m_after = kepil_entity_get (f->db, "measurement", meas, NULL);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (m_after, "campaign_id")));
  g_clear_pointer (&m_after, json_object_unref);

  g_assert_true (kepil_entity_restore (f->db, snap, &error));
  g_assert_no_error (error);
  back = kepil_entity_get (f->db, "campaign", f->camp, &error);
  g_assert_no_error (error);
  {
    g_autofree char *after = record_text (back);
    g_assert_cmpstr (after, ==, before);
  }
  members = kepil_entity_list (f->db, "commission_member", "campaign_id", f->camp, NULL);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpint (kepil_json_int (g_ptr_array_index (members, 0), "id", 0), ==, m1);
  g_assert_cmpint (kepil_json_int (g_ptr_array_index (members, 1), "id", 0), ==, m2);
  g_assert_cmpstr (kepil_json_str (g_ptr_array_index (members, 0), "role", ""), ==, "chairman");
  m_after = kepil_entity_get (f->db, "measurement", meas, NULL);
  g_assert_cmpint (kepil_json_int (m_after, "campaign_id", 0), ==, f->camp);
  g_assert_cmpfloat (kepil_json_double (m_after, "value", 0), ==, 95.5);

  /* A restore that cannot be done whole changes nothing: the campaign exists now. */
  g_assert_false (kepil_entity_restore (f->db, snap, &error));
  g_assert_error (error, KEPIL_ERROR, KEPIL_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (kepil_entity_count (f->db, "commission_member", NULL), ==, 2);

  /* A unit goes with its workplaces and their measurements, parents first. */
  g_clear_pointer (&snap, json_object_unref);
  snap = kepil_entity_snapshot (f->db, "unit", f->unit, &error);
  g_assert_no_error (error);
  g_assert_true (kepil_entity_delete (f->db, "unit", f->unit, &error));
  g_assert_cmpint (kepil_entity_count (f->db, "measurement", NULL), ==, 0);
  g_assert_true (kepil_entity_restore (f->db, snap, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kepil_entity_count (f->db, "workplace", NULL), ==, 1);
  g_assert_cmpint (kepil_entity_count (f->db, "measurement", NULL), ==, 1);
}

int
main (int argc, char **argv)
{
  kepil_test_init (&argc, &argv);
  g_test_add ("/entity/crud-every-entity", Fixture, NULL, setup, test_crud_every_entity, teardown);
  g_test_add ("/entity/foreign-key", Fixture, NULL, setup, test_foreign_key, teardown);
  g_test_add ("/entity/bad-values", Fixture, NULL, setup, test_bad_values, teardown);
  g_test_add ("/entity/snapshot-restore", Fixture, NULL, setup, test_snapshot_restore, teardown);
  g_test_add ("/entity/inspector-cannot-write", Fixture, NULL, setup, test_inspector_cannot_write, teardown);
  return g_test_run ();
}
